"""Discovery, without the network: sitemaps (and their indexes, Google News sitemaps included),
RSS/Atom feeds, links of index pages; URL canonicalisation and the keyword filter.
Keywords and tracking parameters are data (patterns/fetch.json)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .data import PATTERNS_DIR


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    import json

    return json.loads((PATTERNS_DIR / "fetch.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Link:
    url: str
    kind: str  # sitemap, page
    title: str | None = None
    published: str | None = None


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment, tracking parameters, default port or letter-case in the host."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    scheme = parts.scheme.lower() or "http"
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port and not ((scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)) else ""
    drop = set(settings()["tracking_parameters"])
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in drop and not k.lower().startswith("utm_")])
    path = parts.path or "/"
    return urlunsplit((scheme, host + port, path, query, ""))


def is_web_url(url: str | None) -> bool:
    """An http(s) URL with a host: the only kind of link the crawler follows or saves under."""
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def relevant(*texts: str | None, keywords: list[str] | None = None) -> bool:
    """Does a URL, a title or a link text look like an article about BPJS Ketenagakerjaan?"""
    blob = " ".join(re.sub(r"[-_/+.]", " ", t.lower()) for t in texts if t)
    blob = f" {blob} "
    words = keywords or settings()["keywords"]
    if any(f" {w.replace('-', ' ')} " in blob for w in settings()["exclude"]):
        return any(f" {w.replace('-', ' ')} " in blob for w in words[:9])  # an agency name beats the exclusion
    return any(f" {w.replace('-', ' ')} " in blob for w in words)


def in_range(published: str | None, since: date | None, until: date | None) -> bool:
    if not published or not (since or until):
        return True
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return True
    return (since is None or day >= since) and (until is None or day <= until)


def _soup_xml(data: bytes | str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(data, "lxml-xml")


def kind_of(data: bytes, content_type: str) -> str:
    """sitemapindex, urlset, feed or html, from the bytes (declared types are often wrong)."""
    head = data[:2048].lstrip().lower()
    if b"<sitemapindex" in head:
        return "sitemapindex"
    if b"<urlset" in head:
        return "urlset"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    return "html"


def parse_sitemap(data: bytes, base: str) -> list[Link]:
    """Links of a sitemap index (more sitemaps) or a urlset (pages, with Google News titles and dates)."""
    soup = _soup_xml(data)
    links = []
    for sm in soup.find_all("sitemap"):
        loc = sm.find("loc")
        if loc and loc.text.strip():
            links.append(Link(canonical_url(loc.text, base), "sitemap"))
    for u in soup.find_all("url"):
        loc = u.find("loc")
        if not loc or not loc.text.strip():
            continue
        title = u.find(["news:title", "title"])
        published = u.find(["news:publication_date", "publication_date", "lastmod"])
        links.append(Link(canonical_url(loc.text, base), "page", title.text.strip() if title else None,
                          published.text.strip() if published else None))
    return links


def parse_feed(data: bytes, base: str) -> list[Link]:
    soup = _soup_xml(data)
    links = []
    for item in soup.find_all(["item", "entry"]):
        link = item.find("link")
        href = (link.get("href") or link.text) if link else None
        if not href or not href.strip():
            continue
        title = item.find("title")
        published = item.find(["pubDate", "published", "updated", "dc:date"])
        links.append(Link(canonical_url(href, base), "page", title.text.strip() if title else None,
                          _feed_date(published.text) if published else None))
    return links


def _feed_date(text: str) -> str | None:
    from email.utils import parsedate_to_datetime

    text = text.strip()
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError):
        return text[:10] if re.match(r"\d{4}-\d{2}-\d{2}", text) else None


def page_links(html: str, base: str) -> dict[str, Any]:
    """Same-site links of a page, its canonical and AMP URLs, and its continuation pages."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    site = host_of(base)
    out: dict[str, Any] = {"links": [], "canonical": None, "amp": None, "next": None, "single": None}
    for rel in ("canonical", "amphtml", "next"):
        tag = soup.find("link", rel=lambda v, rel=rel: v and rel in (v if isinstance(v, list) else [v]))
        if tag and tag.get("href"):
            url = canonical_url(tag["href"], base)
            if is_web_url(url):
                out[{"canonical": "canonical", "amphtml": "amp", "next": "next"}[rel]] = url
    next_texts, single_texts = settings()["next_page_texts"], settings()["single_page_texts"]
    seen = set()
    for a in soup.find_all("a", href=True):
        href = a["href"].strip()
        if href.startswith(("javascript:", "mailto:", "#", "whatsapp:", "tel:")):
            continue
        url = canonical_url(href, base)
        if host_of(url) != site or not is_web_url(url):  # same site, and http(s) only (no ftp: on the same host)
            continue
        text = " ".join(a.get_text(" ").split())
        low = text.lower()
        raw = urljoin(base, href)
        if out["single"] is None and (low in single_texts or re.search(r"[?&]page=all\b|/all/?$", raw)):
            out["single"] = raw
        elif out["next"] is None and (low in next_texts or (a.get("rel") and "next" in a.get("rel"))):
            out["next"] = raw
        if url not in seen:
            seen.add(url)
            out["links"].append(Link(url, "page", text or None))
    return out
