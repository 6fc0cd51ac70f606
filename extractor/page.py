"""HTML page -> article fields (title, publish date, outlet, author, canonical URL, body).

Metadata comes first from JSON-LD, then meta tags, then the page itself. The body is the
block whose paragraphs hold the most text, after navigation, share, related-article,
comment and ad blocks are removed.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

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


def parse_page(html: str) -> Page:
    soup = BeautifulSoup(html, "lxml")
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
    body = _body(soup)
    article_body = ld.get("articleBody")
    if article_body and len(article_body) > len(body) * 1.3:
        body = "\n".join(p.strip() for p in article_body.split("\n") if p.strip())
    published = _normalize_date(published)
    if not published:
        from .periods import article_date

        published, _ = article_date(body, url, None)
    return Page(title, published, _normalize_date(modified), outlet, author, url, body)


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
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
    h1 = soup.find("h1")
    h1_text = " ".join(h1.get_text(" ").split()) if h1 else ""
    candidates = [ld.get("headline"), meta.get("og:title"), meta.get("twitter:title"),
                  soup.title.get_text() if soup.title else None]
    candidates = [" ".join(c.split()) for c in candidates if c and c.strip()]
    for cand in candidates:
        if h1_text and len(h1_text) > 10 and h1_text.lower() in cand.lower():
            return h1_text
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


def _body(soup: BeautifulSoup) -> str:
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None or tag.name in ("html", "body"):
            continue
        names = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
        if names.strip() and NOISE.search(names) and not re.search(r"content|article|detail|body|post|entry|text|isi", names, re.I):
            tag.decompose()
    best, best_score = None, 0.0
    for node in soup.find_all(["div", "article", "section", "main", "td"]):
        score = 0.0
        for child in node.children:
            if isinstance(child, Tag) and child.name in ("p",):
                score += len(child.get_text(" ", strip=True))
            elif isinstance(child, NavigableString):
                score += len(child.strip()) * 0.9
            elif isinstance(child, Tag) and child.name in ("div", "span") and not child.find(["p", "div"]):
                score += len(child.get_text(" ", strip=True)) * 0.5
        if score > best_score:
            best, best_score = node, score
    if best is None:
        best = soup.body or soup
    return "\n".join(_paragraphs(best))


def _paragraphs(node: Tag) -> list[str]:
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
            if child.name == "br":
                flush()
            elif child.name in BLOCKS or child.name in ("div", "section"):
                flush()
                if child.name in ("div", "section") and child.find(BLOCKS):
                    out.extend(_paragraphs(child))
                else:
                    text = " ".join(child.get_text(" ").split())
                    if text:
                        out.append(text)
            else:
                buffer.append(child.get_text(" "))
    flush()
    return out
