"""Reading: a folder of .txt, .html/.htm, .json/.jsonl files -> raw Articles.

Every problem becomes a status on that document (`empty`, `binary`, `undecodable`,
`invalid_json`, `unreadable`), never an exception that stops the batch.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from .records import Article

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,24}):\s*(.*)$")
HEADER_KEYS = {
    "url": "url", "link": "url", "source": "outlet", "outlet": "outlet", "media": "outlet", "site": "outlet",
    "title": "title", "judul": "title", "date": "date", "published": "date", "tanggal": "date", "sumber": "outlet",
    "tautan": "url", "diterbitkan": "date",
    "author": "author", "penulis": "author",
}
TEXT_FIELDS = ("text", "content", "body", "article", "articleBody", "article_body", "isi", "maintext")
TITLE_FIELDS = ("title", "headline", "judul")
URL_FIELDS = ("url", "link", "canonical_url", "source_url")
DATE_FIELDS = ("published", "date", "publish_date", "datePublished", "date_publish", "published_at", "pubdate", "tanggal")
OUTLET_FIELDS = ("outlet", "source", "site_name", "source_domain", "media", "publisher")
MAX_BYTES = 20 * 1024 * 1024
_HTML_TAG = re.compile(r"<(?:p|br|div|span|strong|b|i|em|a|h[1-6]|ul|ol|li|figure|img|table|blockquote)\b[^<>]*>", re.IGNORECASE)


def iter_files(root: Path) -> Iterator[Path]:
    """Input files under root, recursively, in a stable order."""
    if root.is_file():
        yield root
        return
    yield from _walk(root)


def _walk(folder: Path) -> Iterator[Path]:
    """Depth first with each folder's entries sorted by name: the order of sorted(rglob()), without
    holding every path of a large archive at once. Hidden files and folders are skipped."""
    import os

    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif entry.is_file() and os.path.splitext(entry.name)[1].lower() in SUFFIXES:
            yield Path(entry.path)


def article_id_for(path: Path, root: Path) -> str:
    rel = path.relative_to(root) if root.is_dir() else Path(path.name)
    return rel.with_suffix("").as_posix()


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes -> (text, None) or (None, status). Declared charsets are not trusted."""
    if not data.strip():
        return None, "empty"
    head = data[:8192]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return None, "binary"
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if control > len(head) * 0.05:
        return None, "binary"
    for encoding in ("utf-8-sig",):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, "undecodable"
    return str(best), None


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8")).hexdigest()


def read_file(path: Path) -> tuple[bytes | None, str | None]:
    """(the file's bytes, None), or (None, why not): unreadable, or larger than MAX_BYTES."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, f"file larger than {MAX_BYTES} bytes"
        return path.read_bytes(), None
    except OSError as exc:
        return None, str(exc)


def read_path(path: Path, root: Path, data: bytes | None = None) -> Iterator[Article]:
    """All raw articles in one file (a .jsonl or a JSON list may hold several). `data`: the
    file's bytes, when the caller has read them already (with read_file), so it is read once."""
    article_id = article_id_for(path, root)
    relative = path.relative_to(root).as_posix() if root.is_dir() and path.is_relative_to(root) else path.name
    base = Article(article_id=article_id, source_path=relative)  # relative: outputs do not depend on where the input lies
    if data is None:
        data, error = read_file(path)
        if data is None:
            yield replace(base, status="unreadable", error=error)
            return
    text, status = decode(data)
    if text is None:
        yield replace(base, status=status or "undecodable", content_sha256=sha256(data))
        return
    kind = SUFFIXES.get(path.suffix.lower(), "text")
    if kind == "text":
        yield from_text(base, text)
    elif kind == "html":
        yield from_html(base, text)
    elif kind == "json":
        yield from from_any_json(base, text)
    else:
        yield from from_jsonl(base, text)


def from_text(base: Article, text: str) -> Article:
    headers, body = split_headers(text)
    title = headers.get("title")
    if headers.get("outlet", "").startswith(("http://", "https://")):  # `Sumber: https://...` is the page, not the outlet
        headers.setdefault("url", headers.pop("outlet"))
    return replace(
        base, text=body, url=headers.get("url"), outlet=headers.get("outlet"), title=title,
        published=headers.get("date"), author=headers.get("author"), content_sha256=sha256(text),
    )


def split_headers(text: str) -> tuple[dict[str, str], str]:
    """`Key: value` lines up to the first blank line are metadata when every one of them
    looks like a header and at least one key is known."""
    lines = text.lstrip("\ufeff").split("\n")
    headers: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if headers and i > 0:
                return headers, "\n".join(lines[i + 1:])
            break
        m = HEADER_LINE.match(line.strip())
        if not m or (m.group(1).strip().lower() not in HEADER_KEYS and not headers and i == 0):
            break
        key = HEADER_KEYS.get(m.group(1).strip().lower())
        if key:
            headers[key] = m.group(2).strip()
    return {}, text


def from_html(base: Article, html: str) -> Article:
    from .page import parse_page

    page = parse_page(html)
    return replace(
        base, text=page.text, url=page.url, outlet=page.outlet, title=page.title, published=page.published,
        modified=page.modified, author=page.author, content_sha256=sha256(html), status="ok" if page.text.strip() else "not_article",
    )


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return value["name"]
    return None


def from_object(base: Article, obj: Any) -> Article:
    if not isinstance(obj, dict):
        return replace(base, status="invalid_json", error="not a JSON object")
    text = _first(obj, TEXT_FIELDS)
    html = _first(obj, ("html", "raw_html", "content_html"))
    if text is None and html:
        article = from_html(base, html)
    else:
        if text and _HTML_TAG.search(text):  # `"content": "<p>...</p>"`: a body stored as HTML
            from .page import fragment_text

            text = fragment_text(text)
        article = replace(base, text=text or "", content_sha256=sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False)))
    return replace(
        article,
        title=_first(obj, TITLE_FIELDS) or article.title,
        url=_first(obj, URL_FIELDS) or article.url,
        published=_first(obj, DATE_FIELDS) or article.published,
        modified=_first(obj, ("modified", "dateModified", "updated", "updated_at", "date_modified")) or article.modified,
        outlet=_first(obj, OUTLET_FIELDS) or article.outlet,
        author=_first(obj, ("author", "authors", "penulis")) or article.author,
        status="ok" if (text or html) else "empty",
    )


def _member_id(base: Article, obj: Any, n: int) -> str:
    own = obj.get("id") if isinstance(obj, dict) else None
    suffix = str(own) if isinstance(own, (str, int)) and str(own).strip() else str(n)
    return f"{base.article_id}/{re.sub(r'[^A-Za-z0-9_.-]+', '_', suffix)}"


def from_any_json(base: Article, text: str) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield replace(base, status="invalid_json", error=f"not valid JSON (truncated?): {exc}", content_sha256=sha256(text))
        return
    if isinstance(data, list):
        if not data:
            yield replace(base, status="empty")
        for n, obj in enumerate(data, 1):
            yield from_object(replace(base, article_id=_member_id(base, obj, n)), obj)
    else:
        yield from_object(base, data)


def from_jsonl(base: Article, text: str) -> Iterator[Article]:
    any_line = False
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        any_line = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield replace(base, article_id=f"{base.article_id}/{n}", status="invalid_json", error=f"line {n}: {exc}")
            continue
        yield from_object(replace(base, article_id=_member_id(base, obj, n)), obj)
    if not any_line:
        yield replace(base, status="empty")
