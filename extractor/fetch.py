"""Fetching: the only stage that touches the network (and the only importer of requests).

Polite by default (scrapy's defaults are the floor): robots.txt obeyed (Protego, which understands
wildcards), an identifiable User-Agent, at least a second between requests to one host (more when
robots.txt asks), several hosts in parallel, timeouts, retries with exponential backoff on
connection errors, 429 and 5xx honouring Retry-After, a maximum body size, content-type checks,
a redirect limit, and an HTTP cache with conditional requests so that a second run downloads
nothing that has not changed. The crawl state is kept in SQLite, so an interrupted crawl continues
where it stopped. Every failure is recorded per URL with its reason; none stops the crawl.

corpus/fetched/ keeps, side by side: raw/<host>/<key>.html.gz (the bytes as served, never edited),
articles/<host>/<key>.json (the parsed article, which `extract` reads) and manifest.jsonl.
"""
from __future__ import annotations

import gzip
import hashlib
from collections import Counter
import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .discover import (Link, canonical_url, host_of, in_range, is_web_url, kind_of, page_links, parse_feed, parse_sitemap,
                       relevant, settings as fetch_settings)

USER_AGENT = f"extractor/{__version__} (research crawler for BPJS Ketenagakerjaan statistics; polite; obeys robots.txt)"
RETRY_STATUSES = (429, 500, 502, 503, 504)
SCHEMES = ("http", "https")  # the only links followed: no ftp:, file:, data:, javascript:
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"%PDF", b"PK\x03\x04")


@dataclass(frozen=True)
class Politeness:
    user_agent: str = USER_AGENT
    delay: float = 1.0            # seconds between two requests to one host (robots.txt Crawl-delay may raise it)
    concurrency: int = 4          # hosts fetched in parallel
    timeout: float = 20.0         # seconds to connect, and between bytes
    deadline: float = 60.0        # seconds for a whole response, headers and body: a trickling server cannot hold a host
    retries: int = 3              # extra tries after a connection error, a 429 or a 5xx
    backoff: float = 1.0          # first wait; doubles with every try
    max_retry_after: float = 120.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    obey_robots: bool = True


@dataclass
class Response:
    url: str
    final_url: str
    status: int | None
    body: bytes = b""
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    reason: str | None = None      # why it failed or was skipped; None when it is usable
    from_cache: bool = False
    waited: float = 0.0            # seconds spent in politeness delays before the request


class HostGate:
    """At most one request to a host at a time, spaced by the host's delay.

    The delay runs from the end of a request (its response read, or its failure), not from its
    start: a slow answer or a slow send never brings the next request closer than the delay."""

    def __init__(self) -> None:
        self.locks: dict[str, threading.Lock] = {}
        self.next_time: dict[str, float] = {}
        self.guard = threading.Lock()

    def lock(self, host: str) -> threading.Lock:
        with self.guard:
            return self.locks.setdefault(host, threading.Lock())

    def wait(self, host: str) -> float:
        """Sleep until the host may be asked again; the seconds slept."""
        waited = max(0.0, self.next_time.get(host, 0.0) - time.monotonic())
        if waited:
            time.sleep(waited)
        return waited

    def push(self, host: str, seconds: float) -> None:
        """The next request to the host waits at least `seconds` from now (a request has ended, or a
        retry backs off); a later time already set stands."""
        self.next_time[host] = max(self.next_time.get(host, 0.0), time.monotonic() + seconds)


class Watch:
    """The connections one request uses, so that a timer can cut them when its deadline passes
    (a socket timeout only bounds the wait for each read: a server sending a byte a second never
    trips it)."""

    def __init__(self) -> None:
        self.connections: list[Any] = []
        self.expired = False
        self.guard = threading.Lock()

    def add(self, connection: Any) -> None:
        with self.guard:
            self.connections.append(connection)
            expired = self.expired
        if expired:
            _cut(connection)

    def expire(self) -> None:
        with self.guard:
            self.expired = True
            connections = list(self.connections)
        for connection in connections:
            _cut(connection)


def _cut(connection: Any) -> None:
    import socket

    sock = getattr(connection, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in recv
        except OSError:
            pass


_WATCH = threading.local()


def _watched_adapter(requests: Any) -> Any:
    """A requests adapter whose connections report to the calling thread's Watch when they send."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    def watched(base: type) -> type:
        class Connection(base):  # type: ignore[misc, valid-type]
            def request(self, *args: Any, **kwargs: Any) -> Any:
                watch = getattr(_WATCH, "current", None)
                if watch is not None:
                    watch.add(self)
                return super().request(*args, **kwargs)

        return Connection

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = watched(HTTPConnection)

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = watched(HTTPSConnection)

    class Adapter(requests.adapters.HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

    return Adapter()


class Fetcher:
    """HTTP with politeness, retries, limits and a conditional-request cache."""

    def __init__(self, politeness: Politeness = Politeness(), cache: "Store | None" = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        import requests

        self.requests = requests
        self.p = politeness
        self.cache = cache
        self.sleep = sleep
        self.gate = HostGate()
        self.robots: dict[str, Any] = {}
        self.local = threading.local()

    def session(self):
        if not hasattr(self.local, "session"):
            s = self.requests.Session()
            s.headers["User-Agent"] = self.p.user_agent
            s.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"
            s.headers["Accept-Language"] = "id,en;q=0.5"
            s.max_redirects = self.p.max_redirects
            adapter = _watched_adapter(self.requests)
            s.mount("http://", adapter)
            s.mount("https://", adapter)
            self.local.session = s
        return self.local.session

    def _robots(self, url: str):
        from urllib.parse import urlsplit

        from protego import Protego

        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            res = self._request(origin + "/robots.txt", use_cache=False, check_robots=False)
            if res.status and 400 <= res.status < 500:
                text = ""  # no robots.txt: everything allowed
            elif res.reason or not res.status:
                text = "User-agent: *\nDisallow: /" if res.status and res.status >= 500 else ""
            else:
                text = res.body.decode("utf-8", "replace")
            self.robots[origin] = Protego.parse(text)
        return self.robots[origin]

    def allowed(self, url: str) -> bool:
        return not self.p.obey_robots or self._robots(url).can_fetch(url, self.p.user_agent)

    def host_delay(self, url: str) -> float:
        delay = self.p.delay
        if self.p.obey_robots:
            crawl_delay = self._robots(url).crawl_delay(self.p.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        return delay

    def get(self, url: str) -> Response:
        from urllib.parse import urlsplit

        if urlsplit(url).scheme.lower() not in SCHEMES:
            return Response(url, url, None, reason=f"not an http(s) URL: {urlsplit(url).scheme or 'no scheme'}")
        if self.p.obey_robots and not self.allowed(url):
            return Response(url, url, None, reason="disallowed by robots.txt")
        return self._request(url)

    def _request(self, url: str, use_cache: bool = True, check_robots: bool = True) -> Response:
        host = host_of(url)
        cached = self.cache.http_cache(url) if (use_cache and self.cache) else None
        delay = self.host_delay(url) if check_robots else self.p.delay
        waited = 0.0
        attempt = 0
        with self.gate.lock(host):
            while True:
                waited += self.gate.wait(host)
                res = self._once(url, cached, delay)
                res.waited = waited
                transient = res.status in RETRY_STATUSES or (res.status is None and (res.reason or "").startswith(("connection", "timeout")))
                if not transient or attempt >= self.p.retries:
                    if res.status in RETRY_STATUSES:
                        res.reason = f"HTTP {res.status} after {attempt + 1} tries"
                    return res
                wait = self.p.backoff * (2 ** attempt)
                told = _retry_after(res.headers.get("retry-after"))
                if told is not None:
                    wait = min(max(wait, told), self.p.max_retry_after)
                self.gate.push(host, wait)  # the next try (and every other request to this host) waits
                attempt += 1

    def _once(self, url: str, cached: dict[str, Any] | None, delay: float) -> Response:
        """One request, following redirects by hand so every hop waits its turn at the host."""
        from urllib.parse import urljoin, urlsplit

        current, seen = url, {url}
        for hop in range(self.p.max_redirects + 1):
            if hop:
                self.gate.wait(host_of(current))
            try:
                res = self._single(url, current, cached if hop == 0 else None)
            finally:
                self.gate.push(host_of(current), delay if hop == 0 else self.p.delay)  # the delay runs from here
            location = res.headers.get("location")
            if res.status not in (301, 302, 303, 307, 308) or not location:
                return res
            current = urljoin(current, location)
            if urlsplit(current).scheme.lower() not in SCHEMES:
                return Response(url, current, res.status, reason=f"redirect to a URL that is not http(s): {current[:100]}")
            if current in seen:
                return Response(url, current, res.status, reason=f"redirect loop back to {current}")
            seen.add(current)
        return Response(url, current, None, reason=f"more than {self.p.max_redirects} redirects")

    def _single(self, url: str, current: str, cached: dict[str, Any] | None) -> Response:
        headers = {}
        if cached:
            if cached.get("etag"):
                headers["If-None-Match"] = cached["etag"]
            if cached.get("last_modified"):
                headers["If-Modified-Since"] = cached["last_modified"]
        watch = Watch()
        timer = threading.Timer(self.p.deadline, watch.expire)
        timer.daemon = True
        _WATCH.current = watch
        timer.start()
        try:
            return self._single_watched(url, current, headers, cached, watch)
        finally:
            timer.cancel()
            _WATCH.current = None

    def _single_watched(self, url: str, current: str, headers: dict[str, str], cached: dict[str, Any] | None,
                        watch: Watch) -> Response:
        req = self.requests
        started = time.monotonic()
        late = f"deadline: no complete answer within {self.p.deadline:g}s"
        try:
            with self.session().get(current, headers=headers, timeout=self.p.timeout, stream=True, allow_redirects=False) as r:
                info = {k.lower(): v for k, v in r.headers.items()}
                res = Response(url, current, r.status_code, content_type=info.get("content-type", ""), headers=info)
                if r.status_code in (301, 302, 303, 307, 308):
                    return res
                if r.status_code == 304 and cached:
                    res.body, res.from_cache, res.status = self.cache.raw(cached["raw_path"]), True, 200
                    res.final_url = cached.get("final_url") or url
                    return res
                if r.status_code >= 400:
                    res.reason = None if r.status_code in RETRY_STATUSES else f"HTTP {r.status_code}"
                    return res
                length = int(info.get("content-length") or 0)
                if length > self.p.max_bytes:
                    res.reason = f"body of {length} bytes is larger than the {self.p.max_bytes}-byte limit"
                    return res
                chunks, size = [], 0
                while True:  # read1: what has arrived, so the deadline is looked at between reads
                    chunk = r.raw.read1(65536, decode_content=True)
                    if not chunk:
                        if watch.expired:
                            return Response(url, current, None, reason=late)
                        break
                    size += len(chunk)
                    if size > self.p.max_bytes:
                        res.reason = f"body larger than the {self.p.max_bytes}-byte limit"
                        return res
                    if time.monotonic() - started > self.p.deadline:
                        return Response(url, current, None, reason=late)
                    chunks.append(chunk)
                res.body = b"".join(chunks)
        except Exception as exc:
            if watch.expired:
                return Response(url, current, None, reason=late)
            if isinstance(exc, (req.exceptions.ConnectTimeout, req.exceptions.ReadTimeout, req.exceptions.Timeout)):
                return Response(url, current, None, reason=f"timeout after {self.p.timeout:g}s")
            if isinstance(exc, req.exceptions.ConnectionError):
                return Response(url, current, None, reason=f"connection error: {type(exc).__name__}")
            if isinstance(exc, req.exceptions.RequestException):
                return Response(url, current, None, reason=f"request failed: {exc}")
            import urllib3

            if isinstance(exc, (urllib3.exceptions.HTTPError, OSError)):  # read1 raises urllib3's own errors
                kind = "timeout" if isinstance(exc, (urllib3.exceptions.TimeoutError, TimeoutError)) else "connection error"
                return Response(url, current, None, reason=f"{kind}: {type(exc).__name__}")
            raise
        if watch.expired:
            return Response(url, current, None, reason=late)
        kind = res.content_type.split(";")[0].strip().lower()
        if res.body.startswith(IMAGE_MAGIC):
            res.reason = f"not a page: the body is binary ({res.body[:4]!r}) though served as {kind or 'unknown'}"
        elif kind and kind not in fetch_settings()["article_content_types"] + fetch_settings()["feed_content_types"] and not kind.startswith("text/"):
            res.reason = f"content type {kind} is not a page, a sitemap or a feed"
        if res.reason is None and cached and hashlib.sha256(res.body).hexdigest() == cached.get("sha256"):
            res.from_cache = True
        return res


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- storage and crawl state

class Store:
    """corpus/fetched/: raw pages, parsed articles, the manifest, and the crawl state."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(root / ".fetch-state.sqlite", check_same_thread=False)
        self.lock = threading.Lock()
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS frontier (url TEXT PRIMARY KEY, kind TEXT, depth INTEGER, title TEXT, published TEXT,"
            " status TEXT DEFAULT 'pending', reason TEXT, seq INTEGER);"
            "CREATE TABLE IF NOT EXISTS http (url TEXT PRIMARY KEY, final_url TEXT, etag TEXT, last_modified TEXT, sha256 TEXT,"
            " raw_path TEXT, fetched_at TEXT);"
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);")

    def begin(self) -> bool:
        """Start a crawl. An interrupted one is continued (True); a finished one is reopened for a new pass."""
        with self.lock, self.db:
            row = self.db.execute("SELECT value FROM meta WHERE key='crawl'").fetchone()
            resumed = bool(row and row[0] == "running")
            if not resumed:
                self.db.execute("UPDATE frontier SET status='pending', reason=NULL WHERE status != 'pending'")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('crawl', 'running')")
        return resumed

    def end(self) -> None:
        with self.lock, self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('crawl', 'finished')")

    def key(self, url: str) -> str:
        return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]

    def add(self, link: Link, depth: int) -> bool:
        with self.lock, self.db:
            seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM frontier").fetchone()[0]
            cur = self.db.execute("INSERT OR IGNORE INTO frontier (url, kind, depth, title, published, seq) VALUES (?, ?, ?, ?, ?, ?)",
                                  (link.url, link.kind, depth, link.title, link.published, seq))
            return cur.rowcount > 0

    def pending(self, limit: int) -> list[tuple[str, str, int, str | None, str | None]]:
        with self.lock:
            return self.db.execute("SELECT url, kind, depth, title, published FROM frontier WHERE status='pending' ORDER BY seq LIMIT ?",
                                   (limit,)).fetchall()

    def finish(self, url: str, status: str, reason: str | None = None) -> None:
        with self.lock, self.db:
            self.db.execute("UPDATE frontier SET status=?, reason=? WHERE url=?", (status, reason, url))

    def outcomes(self) -> dict[str, tuple[str, str | None]]:
        with self.lock:
            return {u: (s, r) for u, s, r in self.db.execute("SELECT url, status, reason FROM frontier")}

    def http_cache(self, url: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.db.execute("SELECT final_url, etag, last_modified, sha256, raw_path FROM http WHERE url=?", (url,)).fetchone()
        if not row or not row[4] or not (self.root / row[4]).exists():
            return None
        return dict(zip(("final_url", "etag", "last_modified", "sha256", "raw_path"), row))

    def raw(self, relative: str) -> bytes:
        return gzip.decompress((self.root / relative).read_bytes())

    def save_raw(self, res: Response) -> tuple[str, str]:
        sha = hashlib.sha256(res.body).hexdigest()
        relative = f"raw/{host_of(res.url)}/{self.key(res.url)}.html.gz"
        path = self.root / relative
        if not (path.exists() and self.http_cache(res.url) and self.http_cache(res.url)["sha256"] == sha):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(gzip.compress(res.body, mtime=0))
            tmp.replace(path)
        with self.lock, self.db:
            self.db.execute("INSERT OR REPLACE INTO http VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (res.url, res.final_url, res.headers.get("etag"), res.headers.get("last-modified"), sha, relative,
                             datetime.now(timezone.utc).isoformat(timespec="seconds")))
        return relative, sha

    def save_article(self, url: str, article: dict[str, Any]) -> str:
        relative = f"articles/{host_of(url)}/{self.key(url)}.json"
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(article, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
        return relative

    def manifest(self, row: dict[str, Any]) -> None:
        with self.lock, open(self.root / "manifest.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.db.close()


# --------------------------------------------------------------------------- the crawl

@dataclass
class CrawlReport:
    fetched: int = 0
    articles: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    resumed: bool = False


class Crawler:
    """Seeds (URLs, sitemaps, feeds, index pages) -> articles about BPJS Ketenagakerjaan in corpus/fetched/."""

    def __init__(self, out: Path, politeness: Politeness = Politeness(), depth: int = 1, since: date | None = None,
                 until: date | None = None, keywords: list[str] | None = None, max_pages: int = 10, progress: bool = False) -> None:
        self.store = Store(out)
        self.fetcher = Fetcher(politeness, self.store)
        self.depth = depth
        self.since, self.until = since, until
        self.keywords = keywords
        self.max_pages = max_pages
        self.progress = progress
        self.report = CrawlReport()

    def crawl(self, seeds: list[str], stop_after: int | None = None) -> CrawlReport:
        """Crawl from the seeds. A crawl interrupted earlier continues where it stopped; after a finished
        one, every page is revisited (unchanged pages cost a conditional request, not a download).
        stop_after: stop after that many batches (to test resuming)."""
        self.report.resumed = self.store.begin()
        for url in seeds:
            self.store.add(Link(canonical_url(url), "seed"), 0)
        bar = None
        if self.progress:
            from tqdm import tqdm

            bar = tqdm(unit="url", desc="fetch", dynamic_ncols=True)
        batches = 0
        with ThreadPoolExecutor(max_workers=max(1, self.fetcher.p.concurrency)) as pool:
            while stop_after is None or batches < stop_after:
                batch = self._next_batch()
                if not batch:
                    self.store.end()
                    break
                for _ in pool.map(self._visit, batch):
                    if bar:
                        bar.update(1)
                batches += 1
        if bar:
            bar.close()
        self.store.close()
        return self.report

    def _next_batch(self) -> list[tuple]:
        """Pending URLs from as many different hosts as the concurrency allows (one per host)."""
        rows = self.store.pending(500)
        batch, hosts = [], set()
        for row in rows:
            host = host_of(row[0])
            if host not in hosts:
                hosts.add(host)
                batch.append(row)
            if len(batch) >= self.fetcher.p.concurrency:
                break
        return batch

    def _visit(self, row: tuple) -> None:
        url, kind, depth, title, published = row
        try:
            self._visit_one(url, kind, depth, title, published)
        except Exception as exc:  # a page that breaks the parser must not stop the crawl
            self.store.finish(url, "failed", f"error: {exc!r}")
            self.report.failed["error"] += 1

    def _visit_one(self, url: str, kind: str, depth: int, title: str | None, published: str | None) -> None:
        res = self.fetcher.get(url)
        if res.reason:
            status = "skipped" if "robots.txt" in res.reason else "failed"
            self.store.finish(url, status, res.reason)
            (self.report.skipped if status == "skipped" else self.report.failed)[res.reason.split(":")[0]] += 1
            self.store.manifest({"url": url, "final_url": res.final_url, "status": res.status, "reason": res.reason,
                                 "fetched_at": _now()})
            return
        self.report.fetched += 1
        self.report.unchanged += int(res.from_cache)
        raw_path, sha = self.store.save_raw(res)
        what = kind_of(res.body, res.content_type)
        if what in ("sitemapindex", "urlset"):
            for link in parse_sitemap(res.body, res.final_url):
                if not is_web_url(link.url):
                    continue
                if link.kind == "sitemap" or (relevant(link.url, link.title, keywords=self.keywords) and in_range(link.published, self.since, self.until)):
                    self.store.add(link, depth)
        elif what == "feed":
            for link in parse_feed(res.body, res.final_url):
                if is_web_url(link.url) and relevant(link.url, link.title, keywords=self.keywords) and in_range(link.published, self.since, self.until):
                    self.store.add(link, depth)
        else:
            self._page(url, res, raw_path, sha, depth, title)
            return
        self.store.finish(url, "done")
        self.store.manifest({"url": url, "final_url": res.final_url, "status": res.status, "sha256": sha, "kind": what,
                             "raw_path": raw_path, "fetched_at": _now()})

    def _page(self, url: str, res: Response, raw_path: str, sha: str, depth: int, title: str | None) -> None:
        from .page import parse_page
        from .sources import decode

        html, problem = decode(res.body)
        if html is None:
            self.store.finish(url, "failed", f"page is {problem}")
            self.report.failed[f"page is {problem}"] += 1
            return
        found = page_links(html, res.final_url)
        page = parse_page(html)
        article_like = relevant(url, page.title or title, page.text[:3000], keywords=self.keywords) and len(page.text) > 200
        text = page.text
        extra_pages = []
        if article_like:
            text, extra_pages = self._whole_text(res, found, page)
            if len(text) < 500 and found["amp"]:
                amp = self.fetcher.get(found["amp"])
                if not amp.reason:
                    amp_html, _ = decode(amp.body)
                    if amp_html and len(parse_page(amp_html).text) > len(text):
                        text = parse_page(amp_html).text
        canonical = canonical_url(res.final_url)
        if found["canonical"] and host_of(found["canonical"]) == host_of(res.final_url):
            canonical = found["canonical"]  # a canonical URL on another host does not rename the page
        article_path = None
        if article_like and in_range(page.published, self.since, self.until):
            article = {"url": canonical, "final_url": res.final_url, "fetched_url": url, "title": page.title,
                       "published": page.published, "modified": page.modified, "outlet": page.outlet, "author": page.author,
                       "text": text, "raw_path": raw_path, "pages": 1 + len(extra_pages), "fetched_at": _now()}
            article_path = self.store.save_article(canonical, article)
            self.report.articles += 1
        if depth < self.depth:
            for link in found["links"]:
                if relevant(link.url, link.title, keywords=self.keywords) or _index_like(link.url):
                    self.store.add(link, depth + 1)
        self.store.finish(url, "done")
        self.store.manifest({"url": url, "final_url": res.final_url, "canonical_url": canonical, "status": res.status,
                             "sha256": sha, "outlet": page.outlet, "kind": "article" if article_path else "page",
                             "raw_path": raw_path, "article_path": article_path, "from_cache": res.from_cache,
                             "fetched_at": _now()})

    def _whole_text(self, res: Response, found: dict[str, Any], page) -> tuple[str, list[str]]:
        """Multi-page articles: the single-page view when offered, else the following pages merged."""
        from .page import parse_page
        from .sources import decode

        if found["single"]:
            single = self.fetcher.get(found["single"])
            if not single.reason:
                html, _ = decode(single.body)
                if html:
                    whole = parse_page(html).text
                    if len(whole) > len(page.text):
                        return whole, [found["single"]]
        texts, seen, nxt = [page.text], {canonical_url(res.final_url)}, found["next"]
        pages: list[str] = []
        while nxt and len(pages) < self.max_pages - 1 and nxt not in seen:
            seen.add(nxt)
            more = self.fetcher.get(nxt)
            if more.reason:
                break
            html, _ = decode(more.body)
            if not html:
                break
            texts.append(parse_page(html).text)
            pages.append(nxt)
            nxt = page_links(html, more.final_url)["next"]
        return "\n".join(t for t in texts if t), pages


def _index_like(url: str) -> bool:
    return any(part in url.lower() for part in ("/tag/", "/topik/", "/kategori/", "/category/", "/indeks", "/index", "/search", "?page="))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

