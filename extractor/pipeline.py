"""One article through the stages: clean -> annotate -> assemble. Plain data in, plain data out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from .clean import clean_text
from .records import Article, Record
from .sources import sha256

PIPELINE_VERSION = "0.1.0"
# spaCy learns every new string it reads (numbers, names) for good. Its memory zones would free
# them, but inside a zone the tokenizer caches nothing, which cost a fifth of the time on real
# articles; instead the pipeline is built anew after this many articles, so memory stays bounded
# (about 25 MB of learnt strings at most) and the cache stays on.
RENEW_AFTER = 5000
_read_by_pipeline = 0


def current_nlp():
    """The process's pipeline, built anew once it has read RENEW_AFTER articles."""
    global _read_by_pipeline
    from .nlp import build_nlp

    if _read_by_pipeline >= RENEW_AFTER:
        build_nlp.cache_clear()
        _read_by_pipeline = 0
    return build_nlp()


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
    published, year = article_date(text, article.url, article.published, raw=article.text)
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
    from .nlp import relevance_mask

    pending: list[tuple[Article, int | None]] = []

    def needs_nlp(article: Article) -> bool:
        return article.status == "ok" and bool(article.text.strip())

    def flush() -> Iterator[tuple[Article, list[Record]]]:
        global _read_by_pipeline
        readable = [(a, y) for a, y in pending if needs_nlp(a)]
        done: list[tuple[Article, list[Record]]] = []
        nlp = current_nlp()
        _read_by_pipeline += len(readable)
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
            done.append((article if article.status == status else replace(article, status=status), records))
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
