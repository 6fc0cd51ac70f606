"""One article through the stages: clean -> annotate -> assemble. Plain data in, plain data out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

from .clean import clean_text
from .records import Article, Record
from .sources import sha256

PIPELINE_VERSION = "0.1.0"
# The first articles a process reads are tokenised outside a memory zone, so the tokenizer keeps
# their words (the common vocabulary of the press) in its cache for good; after that every
# batch runs in a memory zone and the strings it learns are freed. Memory stays bounded either way.
WARM_ARTICLES = 256
_warmed = 0


def prepare(article: Article) -> tuple[Article, int | None]:
    """Clean the text and settle the article's date; returns the article and its year."""
    from .periods import article_date

    if article.status not in ("ok", "not_article") and not article.text:
        return article, None
    text, removed = clean_text(article.text)
    title = article.title
    if not title:
        first = text.split("\n", 1)[0].strip()
        if 3 <= len(first.split()) <= 30 and not first.endswith((".", ",")):
            title = first
    published, year = article_date(text, article.url, article.published)
    if article.published and not published:
        published = article.published
    status = article.status
    if status == "ok" and not text.strip():
        status = "empty"
    return replace(article, text=text, removed=removed, title=title, published=published, status=status,
                   content_sha256=article.content_sha256 or sha256(article.text)), year


def process_docs(items: Iterable[tuple[Article, int | None]], batch_size: int = 64) -> Iterator[tuple[Article, list[Record]]]:
    """Run spaCy over prepared articles as a stream (nlp.pipe) and assemble their records.
    Results come in input order; an article with nothing to read passes through with no records."""
    from .assemble import assemble, heads_in, with_caption_heads
    from .nlp import build_nlp, relevance_mask

    nlp = build_nlp()
    pending: list[tuple[Article, int | None]] = []

    def needs_nlp(article: Article) -> bool:
        return article.status == "ok" and bool(article.text.strip())

    def flush() -> Iterator[tuple[Article, list[Record]]]:
        global _warmed
        readable = [(a, y) for a, y in pending if needs_nlp(a)]
        done: list[tuple[Article, list[Record]]] = []
        # strings spaCy learns from these texts (numbers, names) are freed when the zone closes,
        # so memory stays flat however many articles stream through
        zone = nullcontext() if _warmed < WARM_ARTICLES else nlp.memory_zone()
        _warmed += len(readable)
        with zone:
            docs = nlp.pipe([relevance_mask(a.text) for a, _ in readable], batch_size=batch_size)
            for article, year in pending:
                if not needs_nlp(article):
                    done.append((article, []))
                    continue
                doc = next(docs)
                try:
                    records, on_topic = assemble(article.article_id, doc, year, article.published)
                except Exception as exc:  # a rule bug must not sink the batch: say so on the article
                    done.append((replace(article, status="error", error=f"assemble failed: {exc!r}"), []))
                    continue
                captions = [line for rule, line in article.removed if rule == "bp.caption_credit"]
                if captions and any(r.head is None for r in records):
                    records = with_caption_heads(records, heads_in(nlp("\n".join(captions))))
                status = "ok" if records else ("no_figures" if on_topic else "off_topic")
                done.append((replace(article, status=status), records))
        pending.clear()
        yield from done

    for item in items:
        pending.append(item)
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()


def process(articles: Iterable[Article], batch_size: int = 64) -> Iterator[tuple[Article, list[Record]]]:
    return process_docs((prepare(a) for a in articles), batch_size=batch_size)


def extract_text(text: str, **metadata: Any) -> list[Record]:
    """Records of one text, for notebooks: `extract_text(body, url=..., published=..., title=...)`."""
    fields = {k: v for k, v in metadata.items() if k in ("url", "outlet", "title", "published", "author")}
    article = Article(article_id=str(metadata.get("article_id", "text")), source_path="<text>", text=text, **fields)
    for _, records in process([article]):
        return records
    return []
