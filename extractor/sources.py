"""Reading: a folder of .txt, .html/.htm, .json/.jsonl files -> raw Articles.

Every problem becomes a status on that document (`empty`, `binary`, `undecodable`,
`invalid_json`, `unreadable`, `broken_link`, `link_loop`, `error`), never an exception
that stops the batch. Folders are walked without following loops (each real folder once);
links that lead nowhere or back into the walk get a document row, so every input is counted.
"""
from __future__ import annotations

import hashlib
import json
import os
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
MAX_INT_DIGITS = 4000  # a longer JSON integer is read as a float (Python refuses ints over 4300 digits)
_SURROGATE = re.compile("[\ud800-\udfff]")
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf")
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
LATIN_PAGES = ("iso8859", "cp125", "latin", "mac_", "cp850", "cp437")
WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
_HTML_TAG = re.compile(r"<(?:p|br|div|span|strong|b|i|em|a|h[1-6]|ul|ol|li|figure|img|table|blockquote)\b[^<>]*>", re.IGNORECASE)


def iter_files(root: Path) -> Iterator[Path]:
    """Input files under root, recursively, in a stable order. Besides the files of known suffixes it
    yields the paths that cannot be read as such (a dangling or self-referring link, a folder that may
    not be listed, a link back to a folder already walked): read_path gives each its status."""
    if not root.is_dir():
        yield root
        return
    try:
        st = root.stat()
        seen = {(st.st_dev, st.st_ino)}
    except OSError:
        seen = set()
    yield from _walk(root, seen)


def _wanted(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUFFIXES


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    """Depth first with each folder's entries sorted by name: the order of sorted(rglob()), without
    holding every path of a large archive at once. Hidden files and folders are skipped; a folder
    reached a second time (a link loop, or two links to one folder) is not walked again."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        yield folder  # a folder that may not be listed: read_path says `unreadable`
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            try:
                st = os.stat(entry.path)
            except OSError:
                yield Path(entry.path)
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                yield Path(entry.path)  # read_path says `link_loop`
                continue
            seen.add(key)
            yield from _walk(Path(entry.path), seen)
        elif is_file:
            if _wanted(entry.name):
                yield Path(entry.path)
        elif entry.is_symlink() and (_wanted(entry.name) or not os.path.splitext(entry.name)[1]):
            yield Path(entry.path)  # dangling or looping on itself: read_path says `broken_link`
        elif _wanted(entry.name):
            yield Path(entry.path)  # a FIFO, a socket, a device: never opened, read_path says `unreadable`


def display_path(relative: str) -> str:
    """A path as text that can be written anywhere: bytes of a file name that are not UTF-8
    (kept by Python as lone surrogates) are written as backslash escapes (`caf\\xe9.txt`)."""
    if not _SURROGATE.search(relative):
        return relative
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def clean_str(value: str) -> str:
    """A string with any lone surrogate (JSON `"\\ud800"`) replaced by U+FFFD, so it can be encoded."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def article_id_for(path: Path, root: Path) -> str:
    rel = path.relative_to(root) if root.is_dir() else Path(path.name)
    return display_path(rel.with_suffix("").as_posix() if rel.suffix.lower() in SUFFIXES else rel.as_posix())


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes -> (text, None) or (None, status). Declared charsets are not trusted.

    UTF-8 first; a byte-order mark (UTF-8/16/32) is obeyed; UTF-16/32 without one is recognised by
    charset-normalizer; a file mixing UTF-8 lines with lines of another encoding is decoded line by line
    (the other lines in the encoding charset-normalizer finds for them). A stray NUL does not make a text
    binary; a file whose first bytes are mostly control bytes, or that begins as an image or an archive,
    is binary."""
    if not data.strip():
        return None, "empty"
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, "replace")
            return (text.lstrip("\ufeff"), None) if text.strip("\ufeff \t\r\n\x00") else (None, "empty")
    head = data[:8192]
    if head.startswith(IMAGE_MAGIC):
        return None, "binary"
    if head.count(0) > len(head) // 8:  # many NULs: UTF-16/32 without a BOM, or binary
        wide = _wide(data)
        return (wide, None) if wide is not None else (None, "binary")
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if control > len(head) * 0.05:
        return None, "binary"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = _mixed(data)
        if decoded is None:
            return None, "undecodable"
        text = decoded
    return (text.replace("\x00", "") if "\x00" in text else text), None


def _wide(data: bytes) -> str | None:
    """UTF-16/32 text without a byte-order mark, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=WIDE).best()
    if best is None or best.encoding not in WIDE:
        return None
    text = data.decode(best.encoding, "replace")
    sample = text[:4096]
    if sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r") > len(sample) * 0.05:
        return None
    return text


def _mixed(data: bytes) -> str | None:
    """A file that is not valid UTF-8, decoded line by line: UTF-8 lines as UTF-8, the others in the
    encoding charset-normalizer finds for them together (a file all in one legacy encoding is just that)."""
    from charset_normalizer import from_bytes

    lines = data.split(b"\n")
    good: list[str | None] = []
    bad: list[bytes] = []
    for line in lines:
        try:
            good.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            good.append(None)
            bad.append(line)
    blob = b"\n".join(bad)
    best = from_bytes(blob).best()
    encoding = best.encoding if best is not None else None
    # short snippets fool the detector between the Latin code pages; news in one of them is cp1252
    if encoding is None or encoding.startswith(LATIN_PAGES):
        try:
            blob.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            pass
    if encoding is None:
        return None
    return "\n".join(g if g is not None else line.decode(encoding, "replace") for g, line in zip(good, lines))


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")).hexdigest()


def read_file(path: Path) -> tuple[bytes | None, str | None]:
    """(the file's bytes, None), or (None, why not): unreadable, or larger than MAX_BYTES."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, f"file larger than {MAX_BYTES} bytes"
        return path.read_bytes(), None
    except OSError as exc:
        return None, _os_error(exc)


def _os_error(exc: OSError) -> str:
    """An OSError as a short text without the path (outputs do not depend on where the input lies)."""
    return f"{exc.strerror or type(exc).__name__} (errno {exc.errno})" if exc.errno else clean_str(str(exc))


def path_problem(path: Path) -> tuple[str, str] | None:
    """(status, error) of a path that is not a readable file: a dangling link, a link to itself,
    a folder that may not be listed, a link back to a folder already read; None for a file."""
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == 40:  # ELOOP
                return "broken_link", "symbolic link loop (the link leads back to itself)"
            return "broken_link", f"symbolic link to a missing target ({_os_error(exc)})"
    if path.is_dir():
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return "unreadable", f"folder could not be listed: {_os_error(exc)}"
        return "link_loop", "a link to a folder that is read already (a loop, or a second link to it): not read again"
    if path.exists() and not path.is_file():
        return "unreadable", "not a regular file (a FIFO, a socket or a device)"
    return None


def read_path(path: Path, root: Path, data: bytes | None = None) -> Iterator[Article]:
    """All raw articles in one file (a .jsonl or a JSON list may hold several). `data`: the
    file's bytes, when the caller has read them already (with read_file), so it is read once.
    Nothing raises: whatever fails while reading, decoding or parsing becomes the document's status."""
    article_id = article_id_for(path, root)
    relative = path.relative_to(root).as_posix() if root.is_dir() and path.is_relative_to(root) else path.name
    base = Article(article_id=article_id, source_path=display_path(relative))  # relative: outputs do not depend on where the input lies
    if data is None:
        problem = path_problem(path)
        if problem is not None:
            yield replace(base, status=problem[0], error=problem[1])
            return
        data, error = read_file(path)
        if data is None:
            yield replace(base, status="unreadable", error=error)
            return
    done = 0
    try:
        for article in _parse(base, path, data):
            done += 1
            yield article
    except Exception as exc:  # a parser bug or a limit of Python's: this document only
        if done == 0:
            yield replace(base, status="error", error=f"reading failed: {_short(exc)}", content_sha256=sha256(data))
        else:  # a JSON list or JSONL file that broke after some items: the rest is one error row
            yield replace(base, article_id=f"{base.article_id}/{done + 1}", status="error",
                          error=f"reading failed after {done} items: {_short(exc)}")


def _short(exc: BaseException) -> str:
    text = clean_str(f"{type(exc).__name__}: {exc}")
    return text if len(text) <= 200 else text[:199] + "…"


def _parse(base: Article, path: Path, data: bytes) -> Iterator[Article]:
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


def _int(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float(digits)


def loads(text: str) -> Any:
    """json.loads with Python's limits guarded: nesting too deep for the parser is a ValueError
    (RecursionError is turned into one), an integer of more than MAX_INT_DIGITS digits is a float."""
    try:
        return json.loads(text, parse_int=_int)
    except RecursionError:
        raise ValueError("JSON nested too deeply to read") from None


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
            return clean_str(value.strip())
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return clean_str(value["name"])
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
    suffix = clean_str(str(own))[:200] if isinstance(own, (str, int)) and not isinstance(own, bool) and str(own).strip() else str(n)
    return f"{base.article_id}/{re.sub(r'[^A-Za-z0-9_.-]+', '_', suffix)}"


def from_any_json(base: Article, text: str) -> Iterator[Article]:
    try:
        data = loads(text)
    except ValueError as exc:
        why = "not valid JSON (truncated?)" if isinstance(exc, json.JSONDecodeError) else "JSON beyond the reader's limits"
        yield replace(base, status="invalid_json", error=f"{why}: {exc}", content_sha256=sha256(text))
        return
    if isinstance(data, list):
        if not data:
            yield replace(base, status="empty")
        for n, obj in enumerate(data, 1):
            yield _object_or_error(replace(base, article_id=_member_id(base, obj, n)), obj)
    else:
        yield _object_or_error(base, data)


def _object_or_error(base: Article, obj: Any) -> Article:
    """One JSON item; a failure on it is that item's status, and the file's other items go on."""
    try:
        return from_object(base, obj)
    except RecursionError:
        return replace(base, status="invalid_json", error="JSON nested too deeply to read")
    except Exception as exc:
        return replace(base, status="error", error=f"reading failed: {_short(exc)}")


def from_jsonl(base: Article, text: str) -> Iterator[Article]:
    any_line = False
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        any_line = True
        try:
            obj = loads(line)
        except ValueError as exc:
            yield replace(base, article_id=f"{base.article_id}/{n}", status="invalid_json", error=f"line {n}: {exc}")
            continue
        yield _object_or_error(replace(base, article_id=_member_id(base, obj, n)), obj)
    if not any_line:
        yield replace(base, status="empty")
