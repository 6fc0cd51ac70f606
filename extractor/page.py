"""HTML page -> article fields (title, publish date, outlet, author, canonical URL, body).

Metadata comes first from JSON-LD, then meta tags, then the page itself. The body is the
block whose paragraphs hold the most text, after navigation, share, related-article,
comment and ad blocks are removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from .sources import loads

DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "aside", "footer", "header", "figure",
             "figcaption", "button", "svg", "select", "input", "textarea", "template", "object", "embed", "video", "audio")
NOISE = re.compile(
    r"share|social|related|terkait|comment|komentar|\bads?\b|advert|iklan|banner|baca-?juga|bacajuga|breadcrumb|"
    r"sidebar|footer|header|navbar|\bnav\b|menu|popular|populer|terpopuler|recommend|rekomendasi|\btags?\b|topik|"
    r"newsletter|subscribe|promo|widget|caption|photo-?credit|author-?box|copyright|pagination|paging|sosmed|"
    r"video-?terkait|list-?berita|box-?berita|terbaru|latest|trending|most-?read",
    re.IGNORECASE,
)
BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»]\s+")


@dataclass(frozen=True)
class Page:
    title: str | None
    published: str | None
    modified: str | None
    outlet: str | None
    author: str | None
    url: str | None
    text: str


MAX_DEPTH = 150     # deeper elements are read as the text of their ancestor at this depth
DEEP_CHECK = 3000   # pages with fewer tags than this cannot be deep enough to matter


def soup_of(html: str) -> BeautifulSoup:
    """The parsed page, its nesting bounded: an HTML bomb (`<div>` 50 000 deep) would make the
    ranking of blocks quadratic and the paragraph walk recurse past Python's limit. Beyond
    MAX_DEPTH a subtree becomes its text. Only a page with many tags is measured."""
    soup = BeautifulSoup(html, "lxml")
    if html.count("<") > DEEP_CHECK:
        _flatten_deep(soup)
    return soup


def _flatten_deep(soup: BeautifulSoup) -> None:
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    too_deep: list[Tag] = []
    while stack:
        node, depth = stack.pop()
        for child in node.contents:
            if isinstance(child, Tag):
                if depth + 1 >= MAX_DEPTH:
                    too_deep.append(child)
                else:
                    stack.append((child, depth + 1))
    for node in too_deep:
        text = node.get_text(" ")
        node.clear()
        node.append(text)


def parse_page(html: str) -> Page:
    soup = soup_of(html)
    ld = _json_ld(soup)
    meta = _meta(soup)
    url = _canonical(soup) or ld.get("url") or meta.get("og:url")
    outlet = ld.get("publisher") or meta.get("og:site_name") or meta.get("application-name")
    title = _title(soup, ld, meta, outlet)
    published = (ld.get("datePublished") or meta.get("article:published_time") or meta.get("pubdate")
                 or meta.get("publishdate") or meta.get("content_publisheddate") or meta.get("dc.date.issued")
                 or meta.get("dc.date") or meta.get("date") or meta.get("datepublished") or _time_tag(soup))
    modified = ld.get("dateModified") or meta.get("article:modified_time")
    author = ld.get("author") or meta.get("author") or meta.get("content_author")
    byline = None
    if not (ld.get("datePublished") or meta.get("article:published_time")):
        byline = " ".join(soup.get_text(" ").split())[:6000]  # a dateline outside the body, read before it is cut
    body = _body(soup, title)
    article_body = ld.get("articleBody")
    if article_body and len(article_body) > len(body) * 1.3:
        body = "\n".join(p.strip() for p in article_body.split("\n") if p.strip())
    published = _normalize_date(published)
    if not published:
        from .periods import article_date

        published, _ = article_date(body + "\n" + (byline or ""), url, None)
    return Page(title, published, _normalize_date(modified), outlet, author, url, body)


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = loads(script.string or "")
        except (ValueError, TypeError):  # not JSON, or beyond the reader's limits (nesting, digits)
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).endswith(("Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle")) for k in kinds):
                for key in ("headline", "datePublished", "dateModified", "articleBody", "url"):
                    if isinstance(item.get(key), str) and key not in found:
                        found[key] = item[key].strip()
                for key in ("author", "publisher"):
                    value = item.get(key)
                    value = value[0] if isinstance(value, list) and value else value
                    name = value.get("name") if isinstance(value, dict) else value
                    if isinstance(name, str) and key not in found:
                        found[key] = name.strip()
    return found


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = tag.get("content")
        if key and isinstance(value, str) and value.strip() and key not in out:
            out[key] = value.strip()
    return out


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    href = link.get("href") if link else None
    return href.strip() if isinstance(href, str) and href.strip() else None


def _time_tag(soup: BeautifulSoup) -> str | None:
    tag = soup.find("time", attrs={"datetime": True})
    return tag["datetime"] if tag else None


def _normalize_date(value: str | None) -> str | None:
    if not value:
        return None
    from .periods import parse_date

    value = value.strip()
    iso = re.match(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$", value)
    if iso:
        return value.replace(" ", "T", 1)
    tz = re.search(r"\b(WIB|WITA|WIT)\b", value)
    d = parse_date(re.sub(r"\b(WIB|WITA|WIT)\b", "", value))
    if d is None:
        return None
    return d.isoformat() + ({"WIB": "T00:00:00+07:00", "WITA": "T00:00:00+08:00", "WIT": "T00:00:00+09:00"}[tz.group(1)] if tz else "")


def _title(soup: BeautifulSoup, ld: dict[str, Any], meta: dict[str, str], outlet: str | None) -> str | None:
    h1_text = next((t for t in (" ".join(h.get_text(" ").split()) for h in soup.find_all("h1")) if len(t) > 10), "")
    candidates = [ld.get("headline"), meta.get("og:title"), meta.get("twitter:title"),
                  soup.title.get_text() if soup.title else None]
    candidates = [" ".join(c.split()) for c in candidates if c and c.strip()]
    for cand in candidates:
        if h1_text and len(h1_text) > 10 and h1_text.lower() in cand.lower():
            return h1_text
    if h1_text and candidates and _strip_site(candidates[0], outlet).lower() in h1_text.lower():
        return h1_text  # `In Picture: …`: the page's own headline carries a prefix the metadata drops
    if h1_text and not (ld.get("headline") or meta.get("og:title") or meta.get("twitter:title")):
        return h1_text  # the <title> alone is often cut short or reworded for search engines; the page shows the h1
    if candidates:
        return _strip_site(candidates[0], outlet)
    return h1_text or None


def _strip_site(title: str, outlet: str | None) -> str:
    parts = TITLE_SEPARATORS.split(title)
    while len(parts) > 1:
        last = parts[-1].strip()
        brandish = len(last.split()) <= 4 and (re.search(r"\.(com|id|co|net)\b", last, re.I)
                                               or (outlet and outlet.lower() in last.lower())
                                               or last.isupper() or len(last.split()) <= 2)
        if not brandish:
            break
        parts.pop()
    return " - ".join(p.strip() for p in parts).strip()


CONTENT_NAMES = re.compile(r"content|article|detail|body|post|entry|text|isi|read|story|berita", re.IGNORECASE)


def _score(node: Tag) -> float:
    score = 0.0
    for child in node.children:
        if isinstance(child, Tag) and child.name in ("p",):
            score += _own_text(child)
        elif isinstance(child, NavigableString):
            score += len(child.strip()) * 0.9
        elif isinstance(child, Tag) and child.name in ("div", "span") and not child.find(["p", "div"]):
            score += _own_text(child) * 0.5
    names = " ".join(node.get("class") or []) + " " + (node.get("id") or "")
    if NOISE.search(names) and not CONTENT_NAMES.search(names):
        score *= 0.2  # a block named `terkait`, `populer`, `sidebar`… is rarely the story
    elif CONTENT_NAMES.search(names):
        score *= 1.2
    return score


def _clean_paragraphs(node: Tag) -> list[str]:
    """The node's paragraphs, without its noise blocks (found, not removed: the tree is left intact)."""
    skip = set()
    for tag in node.find_all(True):
        names = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
        if names.strip() and NOISE.search(names) and _is_boilerplate_block(tag):
            skip.add(id(tag))
    return _paragraphs(node, skip)


def _drop_tags(soup: BeautifulSoup) -> None:
    """Take out what is never story text: scripts, navigation, forms, figures, media (DROP_TAGS)."""
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()


def _body(soup: BeautifulSoup, title: str | None = None) -> str:
    """The block whose paragraphs hold the most story text: candidates are ranked by paragraph
    text (link text and noise-named blocks count little); the first whose text survives the
    cleaning of related lists, share bars and captions is the story."""
    _drop_tags(soup)
    ranked = sorted(((_score(n), i, n) for i, n in enumerate(soup.find_all(["div", "article", "section", "main", "td"]))),
                    key=lambda x: (-x[0], x[1]))
    best: list[str] = []
    for score, _, node in ranked[:5]:
        if score <= 0:
            break
        paragraphs = _clean_paragraphs(node)
        if sum(map(len, paragraphs)) >= 0.5 * score:  # cleaning did not empty it: this is the story
            best = paragraphs
            break
    if not best:
        best = _clean_paragraphs(soup.body or soup)
    folded = " ".join((title or "").lower().split())
    return "\n".join(p for p in best if " ".join(p.lower().split()) != folded and not _only_a_date(p))


def fragment_text(html: str) -> str:
    """An HTML fragment (an article body a crawler stored as HTML) as paragraphs, noise blocks left out."""
    soup = soup_of(html)
    _drop_tags(soup)
    return "\n".join(_clean_paragraphs(soup.body or soup))


_DATE_LINE = re.compile(
    r"^(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\s*,?\s*)?\d{1,2}\s+[a-z]+\.?\s+\d{4}"
    r"(?:\s*[,|-]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:wib|wita|wit))?)?$", re.IGNORECASE)


def _only_a_date(paragraph: str) -> bool:
    """A byline line that holds only a date (`Selasa, 23 Februari 2016, 17:15 WIB`)."""
    return bool(_DATE_LINE.match(paragraph.strip()))


def _own_text(tag: Tag) -> int:
    """Length of a block's text that is not link text (lists of links are navigation, not story)."""
    text = len(tag.get_text(" ", strip=True))
    return text - sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))


def _is_boilerplate_block(tag: Tag) -> bool:
    """A block named like navigation or a related list is dropped only when it reads like one:
    mostly link text, or short. A wrapper that happens to be called `menu` but holds the story stays."""
    text = tag.get_text(" ", strip=True)
    if len(text) < 300:
        return True
    links = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
    return links > 0.4 * len(text)


def _paragraphs(node: Tag, skip: set[int] = frozenset()) -> list[str]:
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(buffer).split())
        if text:
            out.append(text)
        buffer.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__.__name__ in ("Comment", "Doctype", "CData", "ProcessingInstruction"):
                continue
            buffer.append(str(child))
        elif isinstance(child, Tag):
            if id(child) in skip:
                continue
            if child.name == "br":
                flush()
            elif child.name in BLOCKS or child.name in ("div", "section"):
                flush()
                if child.name in ("div", "section") and child.find(BLOCKS):
                    out.extend(_paragraphs(child, skip))
                else:
                    text = " ".join(child.get_text(" ").split())
                    if text and _own_text(child) >= 0.4 * len(text):  # a line of links is a related list
                        out.append(text)
            else:
                buffer.append(child.get_text(" "))
    flush()
    return out
