"""The scraper against a real HTTP server on 127.0.0.1, serving pages written here, with faults."""
from __future__ import annotations

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extractor.discover import canonical_url, parse_feed, parse_sitemap, relevant
from extractor.fetch import Crawler, Fetcher, Politeness


def article_html(title: str, body: str, extra_head: str = "", charset: str = "utf-8", extra_body: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (f"<html><head><meta charset='{charset}'><title>{title} - Warta Uji</title>"
            f"<meta property='og:site_name' content='Warta Uji'>"
            f"<meta property='article:published_time' content='2024-02-05T10:00:00+07:00'>{extra_head}</head>"
            f"<body><nav>Beranda Ekonomi</nav><article class='detail-content'><h1>{title}</h1>{paragraphs}{extra_body}</article>"
            f"<div class='related'><a href='/lain'>Berita lain</a></div></body></html>").encode(charset if charset != "wrong" else "utf-8")


BODY = ("JEMBER - BPJS Ketenagakerjaan Cabang Jember membayarkan klaim Rp196,4 miliar sepanjang 2023 untuk 21.530 kasus.\n"
        "Kepala BPJS Ketenagakerjaan Cabang Jember, Dimas Arya Nugraha, mengatakan klaim JHT mendominasi pembayaran tahun itu.")


class Site:
    """Routes and a log of every request (path, time, headers)."""

    def __init__(self) -> None:
        self.log: list[tuple[str, float, dict]] = []
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                with site.lock:
                    site.log.append((self.path, time.monotonic(), dict(self.headers)))
                    site.hits[self.path] = site.hits.get(self.path, 0) + 1
                    n = site.hits[self.path]
                try:
                    site.route(self, self.path, n)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler

    def send(self, h, status=200, body=b"", ctype="text/html; charset=utf-8", headers=None, etag=None):
        if etag and h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            return
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        if etag:
            h.send_header("ETag", etag)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def route(self, h, path, n):
        base = f"http://127.0.0.1:{h.server.server_address[1]}"
        if path == "/robots.txt":
            return self.send(h, body=b"User-agent: *\nDisallow: /private/\nDisallow: /*?cetak=1$\nSitemap: /sitemap_index.xml\n", ctype="text/plain")
        if path == "/sitemap_index.xml":
            return self.send(h, body=f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                                     f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>".encode(), ctype="application/xml")
        if path == "/sitemap-news.xml":
            names = ["klaim-2023", "multi", "amp", "flaky", "sibuk", "lambat", "loop", "besar", "gambar", "charset"]
            urls = "".join(f"<url><loc>{base}/berita/bpjs-ketenagakerjaan-{n}?utm_source=sitemap</loc><news:news><news:title>"
                           f"BPJS Ketenagakerjaan {n}</news:title><news:publication_date>2024-02-05</news:publication_date>"
                           f"</news:news></url>" for n in names)
            urls += f"<url><loc>{base}/private/bpjs-ketenagakerjaan-rahasia</loc></url>"
            urls += f"<url><loc>{base}/berita/resep-kue-lebaran</loc><news:news><news:title>Resep kue</news:title></news:news></url>"
            urls += (f"<url><loc>{base}/berita/bpjs-ketenagakerjaan-lama</loc><news:news><news:title>BPJS Ketenagakerjaan lama</news:title>"
                     f"<news:publication_date>2015-01-01</news:publication_date></news:news></url>")
            return self.send(h, body=(f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
                                      f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>").encode(), ctype="application/xml")
        if path == "/feed.xml":
            return self.send(h, body=(f"<?xml version='1.0'?><rss version='2.0'><channel><item><title>Klaim BPJS Ketenagakerjaan Jember</title>"
                                      f"<link>{base}/berita/bpjs-ketenagakerjaan-klaim-2023</link><pubDate>Mon, 05 Feb 2024 10:00:00 +0700</pubDate>"
                                      f"</item></channel></rss>").encode(), ctype="application/rss+xml")
        slug = path.split("?")[0].rsplit("bpjs-ketenagakerjaan-", 1)[-1]
        if path.startswith("/berita/bpjs-ketenagakerjaan-klaim-2023"):
            return self.send(h, body=article_html("Klaim BPJS Ketenagakerjaan Jember Rp196 Miliar", BODY), etag='"v1"')
        if slug == "multi":
            if "page=2" in path:
                return self.send(h, body=article_html("Klaim Jember (2)", "Halaman dua: klaim JKM Rp12 miliar untuk 300 kasus pada 2023."))
            return self.send(h, body=article_html("Klaim BPJS Ketenagakerjaan Jember Berlanjut", BODY,
                                                  extra_body="<a href='?page=2'>Halaman selanjutnya</a>"), etag='"m1"')
        if slug.startswith("amp"):
            if path.endswith("/amp"):
                return self.send(h, body=article_html("AMP", BODY + "\nVersi AMP memuat paragraf lengkap tentang klaim JKK Rp3 miliar."))
            return self.send(h, body=article_html("Klaim BPJS Ketenagakerjaan (ringkas)", "BPJS Ketenagakerjaan Cabang Jember membayar klaim. " * 5,
                                                  extra_head=f"<link rel='amphtml' href='{path.split('?')[0]}/amp'>"))
        if slug == "flaky":
            if n == 1:
                return self.send(h, status=500, body=b"oops")
            return self.send(h, body=article_html("BPJS Ketenagakerjaan setelah galat", BODY))
        if slug == "sibuk":
            if n == 1:
                return self.send(h, status=429, body=b"slow down", headers={"Retry-After": "1"})
            return self.send(h, body=article_html("BPJS Ketenagakerjaan setelah antre", BODY))
        if slug == "lambat":
            time.sleep(2.5)
            return self.send(h, body=article_html("lambat", BODY))
        if slug == "pelan":  # slow, but within the timeout
            time.sleep(0.4)
            return self.send(h, body=article_html("pelan", BODY))
        if slug.startswith("loop"):  # /…-loop -> /…-loop?r=1 -> /…-loop -> …
            h.send_response(302)
            h.send_header("Location", path.split("?")[0] + ("" if "r=1" in path else "?r=1"))
            h.send_header("Content-Length", "0")
            h.end_headers()
            return None
        if slug == "besar":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                h.wfile.write(chunk)
            return None
        if slug == "gambar":
            return self.send(h, body=b"\x89PNG\r\n\x1a\n" + bytes(4000), ctype="text/html")
        if slug == "charset":
            body = article_html("BPJS Ketenagakerjaan: café pekerja", BODY.replace("klaim", "klaim • naïve"), charset="wrong")
            return self.send(h, body=body, ctype="text/html; charset=iso-8859-1")
        if slug == "tetes":  # headers at once, then the body a byte at a time, each well within the read timeout
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            for byte in article_html("tetes", BODY)[:200]:
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                time.sleep(0.05)
            return None
        if slug == "tetes-kepala":  # even the status line and headers trickle
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pelan: " + b"a" * 200:
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                time.sleep(0.05)
            return None
        if slug == "kanonik":  # claims another site's canonical URL, links out by ftp: and javascript:
            return self.send(h, body=article_html("BPJS Ketenagakerjaan kanonik", BODY,
                                                  extra_head="<link rel='canonical' href='https://situs-lain.example/berita/bpjs-ketenagakerjaan-curian'>",
                                                  extra_body=f"<a href='ftp://127.0.0.1:{h.server.server_address[1]}/berita/bpjs-ketenagakerjaan-ftp'>unduh</a>"
                                                             "<a href='javascript:alert(1)'>bpjs ketenagakerjaan</a>"
                                                             "<a href='/berita/bpjs-ketenagakerjaan-klaim-2023'>BPJS Ketenagakerjaan lain</a>"))
        if slug == "bom":  # a small gzip body that inflates far beyond the size cap
            body = gzip.compress(b"<p>" + b" " * (8 * 1024 * 1024) + b"</p>", compresslevel=9)
            return self.send(h, body=body, headers={"Content-Encoding": "gzip"})
        if slug == "pdf":
            return self.send(h, body=b"dokumen lama", ctype="application/pdf")
        if slug == "galat":  # always 503
            return self.send(h, status=503, body=b"down")
        return self.send(h, status=404, body=b"not found")


@pytest.fixture()
def site():
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), s.handler())
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()


POLITE = Politeness(delay=0.2, concurrency=2, timeout=0.8, retries=2, backoff=0.05, max_bytes=1024 * 1024, max_redirects=4)


def outcomes(out):
    import sqlite3

    with sqlite3.connect(out / ".fetch-state.sqlite") as db:
        return {u.split("/")[-1].split("?")[0]: (s, r) for u, s, r in db.execute("SELECT url, status, reason FROM frontier")}


def test_crawl_from_a_sitemap_with_faults(site, tmp_path):
    out = tmp_path / "fetched"
    report = Crawler(out, POLITE).crawl([site.base + "/sitemap_index.xml"])
    got = outcomes(out)
    saved = {json.loads(p.read_text())["url"].rsplit("-", 1)[-1] for p in (out / "articles").rglob("*.json")}
    assert saved == {"2023", "multi", "amp", "flaky", "sibuk", "charset"}
    assert got["bpjs-ketenagakerjaan-rahasia"] == ("skipped", "disallowed by robots.txt")
    assert "resep-kue-lebaran" not in got and "bpjs-ketenagakerjaan-lama" in got  # no date range asked: kept
    assert got["bpjs-ketenagakerjaan-lambat"][1].startswith("timeout")
    assert "redirect loop" in got["bpjs-ketenagakerjaan-loop"][1]
    assert "larger than" in got["bpjs-ketenagakerjaan-besar"][1]
    assert "binary" in got["bpjs-ketenagakerjaan-gambar"][1]
    assert report.failed and report.skipped
    articles = {json.loads(p.read_text())["url"].rsplit("-", 1)[-1]: json.loads(p.read_text()) for p in (out / "articles").rglob("*.json")}
    assert "Halaman dua" in articles["multi"]["text"] and articles["multi"]["pages"] == 2
    assert "Versi AMP" in articles["amp"]["text"]
    assert "naïve" in articles["charset"]["text"]                      # declared iso-8859-1, really UTF-8
    assert articles["2023"]["url"].endswith("bpjs-ketenagakerjaan-klaim-2023")  # tracking parameters stripped
    assert articles["2023"]["title"] == "Klaim BPJS Ketenagakerjaan Jember Rp196 Miliar" and articles["2023"]["outlet"] == "Warta Uji"
    # raw pages are kept as served, beside the parsed article, with a manifest
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    row = next(m for m in manifest if m.get("article_path") and "klaim-2023" in m["url"])
    assert gzip.decompress((out / row["raw_path"]).read_bytes()).startswith(b"<html>")
    assert {"url", "final_url", "fetched_at", "status", "sha256", "outlet"} <= set(row)


def test_the_delay_runs_from_the_end_of_a_slow_answer(site):
    fetcher = Fetcher(POLITE)
    for query in ("", "?halaman=2"):
        assert fetcher.get(site.base + "/berita/bpjs-ketenagakerjaan-pelan" + query).status == 200
    first, second = [t for p, t, _ in site.log if "pelan" in p]
    assert second - first >= 0.4 + POLITE.delay - 0.02     # 0.4 s to answer, then the delay


def test_politeness_delays_and_retry_after(site, tmp_path):
    Crawler(tmp_path / "f", POLITE).crawl([site.base + "/sitemap_index.xml"])
    times = [t for _, t, _ in site.log]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= POLITE.delay - 0.02                 # one host: never two requests closer than the delay
    busy = [t for p, t, _ in site.log if "sibuk" in p]
    assert busy[1] - busy[0] >= 1.0 - 0.02                  # Retry-After: 1 was honoured
    flaky = [p for p, _, _ in site.log if "flaky" in p]
    assert len(flaky) == 2                                  # 500, then 200
    agents = {h.get("User-Agent") for _, _, h in site.log}
    assert len(agents) == 1 and "extractor/" in agents.pop()


def test_second_run_downloads_nothing_unchanged(site, tmp_path):
    out = tmp_path / "f"
    Crawler(out, POLITE).crawl([site.base + "/berita/bpjs-ketenagakerjaan-klaim-2023"])
    first = len(site.log)
    report = Crawler(out, POLITE).crawl([site.base + "/berita/bpjs-ketenagakerjaan-klaim-2023"])
    second = [h for p, _, h in site.log[first:] if "klaim-2023" in p]
    assert second and all(h.get("If-None-Match") == '"v1"' for h in second)
    assert report.unchanged == report.fetched == 1


def test_interrupted_crawl_resumes(site, tmp_path):
    out = tmp_path / "f"
    first = Crawler(out, POLITE).crawl([site.base + "/feed.xml", site.base + "/berita/bpjs-ketenagakerjaan-flaky"], stop_after=1)
    assert not first.resumed
    pending = [u for u, (s, _) in outcomes(out).items() if s == "pending"]
    assert pending
    second = Crawler(out, POLITE).crawl([site.base + "/feed.xml"])
    assert second.resumed and all(s != "pending" for s, _ in outcomes(out).values())


def test_extract_reads_what_fetch_saves(site, tmp_path):
    from extractor.cli import main

    Crawler(tmp_path / "corpus" / "fetched", POLITE).crawl([site.base + "/feed.xml"])
    assert main(["extract", str(tmp_path / "corpus"), "-o", str(tmp_path / "out"), "-q", "--formats", "jsonl"]) == 0
    records = [json.loads(x) for x in (tmp_path / "out" / "records.jsonl").read_text().splitlines()]
    assert {(r["metric"], r["value"], r["branch"]) for r in records} >= {("claim_amount", 196_400_000_000, "Jember")}


@pytest.mark.parametrize("url,expected", [
    ("HTTP://Example.COM:80/a/b?utm_source=x&id=3#frag", "http://example.com/a/b?id=3"),
    ("https://example.com/a?fbclid=1&gclid=2", "https://example.com/a"),
    ("https://example.com", "https://example.com/"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("texts,expected", [
    (("https://x/2024/01/02/bpjs-ketenagakerjaan-bayar-klaim",), True),
    (("https://x/berita/klaim-jht-naik",), True),
    (("https://x/bpjs-kesehatan-tambah-peserta-jkn",), False),
    (("https://x/olahraga/bola", "Persija menang"), False),
    ((None, "BPJamsostek Kupang bayar santunan"), True),
])
def test_relevance(texts, expected):
    assert relevant(*texts) == expected


def test_feed_and_sitemap_parsing():
    feed = b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><title>T</title><link href='/a'/><updated>2024-01-02T00:00:00Z</updated></entry></feed>"
    [link] = parse_feed(feed, "https://x.example/")
    assert (link.url, link.published) == ("https://x.example/a", "2024-01-02")
    index = b"<sitemapindex><sitemap><loc>https://x.example/s1.xml</loc></sitemap></sitemapindex>"
    assert [l.kind for l in parse_sitemap(index, "https://x.example/")] == ["sitemap"]


def test_hosts_are_fetched_in_parallel_each_with_its_delay(site, tmp_path):
    port = site.base.rsplit(":", 1)[1]
    seeds = [f"http://127.0.0.1:{port}/berita/bpjs-ketenagakerjaan-klaim-2023",
             f"http://localhost:{port}/berita/bpjs-ketenagakerjaan-flaky"]
    Crawler(tmp_path / "f", Politeness(delay=0.5, concurrency=2, timeout=2, retries=2, backoff=0.05)).crawl(seeds)
    by_host: dict[str, list[float]] = {}
    for path, t, headers in site.log:
        by_host.setdefault(headers.get("Host", "").split(":")[0], []).append(t)
    a, b = by_host["127.0.0.1"], by_host["localhost"]
    assert min(b) < max(a) and min(a) < max(b)          # the two hosts' requests overlap in time
    for times in (a, b):
        assert all(y - x >= 0.5 - 0.02 for x, y in zip(times, times[1:]))  # each host keeps its own delay


FAULTY = Politeness(delay=0.05, concurrency=2, timeout=0.8, deadline=1.5, retries=1, backoff=0.05,
                    max_bytes=1024 * 1024, max_redirects=4)


@pytest.mark.parametrize("slug,reason", [
    ("tetes", "deadline"),                 # a byte every 0.05 s: never a read timeout, but past the deadline
    ("tetes-kepala", "deadline"),          # the same while the headers come
    ("lambat", "timeout"),                 # silent past the read timeout
    ("galat", "HTTP 503 after 2 tries"),   # 5xx, retried, then given up
    ("loop", "redirect loop"),
    ("besar", "larger than"),              # a body over the size cap
    ("bom", "larger than"),                # a gzip bomb: counted after inflating
    ("pdf", "content type application/pdf"),
    ("gambar", "binary"),                  # an image served as text/html
    ("rahasia", "disallowed by robots.txt"),
])
def test_each_fault_is_one_url_s_reason(site, tmp_path, slug, reason):
    """Against the local server, every fault ends as that URL's reason, in bounded time, and nothing
    is written outside the output folder."""
    folder = "private" if slug == "rahasia" else "berita"
    url = f"{site.base}/{folder}/bpjs-ketenagakerjaan-{slug}"
    out = tmp_path / "f"
    started = time.monotonic()
    report = Crawler(out, FAULTY).crawl([url])
    took = time.monotonic() - started
    status, why = outcomes(out)[f"bpjs-ketenagakerjaan-{slug}"]
    assert reason in why and status in ("failed", "skipped")
    assert sum(report.failed.values()) + sum(report.skipped.values()) == 1
    assert took < 8
    assert [p.name for p in tmp_path.iterdir()] == ["f"]
    assert not (out / "articles").exists()


def test_a_trickling_host_does_not_hold_its_other_urls(site, tmp_path):
    out = tmp_path / "f"
    started = time.monotonic()
    Crawler(out, FAULTY).crawl([site.base + "/berita/bpjs-ketenagakerjaan-tetes", site.base + "/berita/bpjs-ketenagakerjaan-klaim-2023"])
    got = outcomes(out)
    assert got["bpjs-ketenagakerjaan-klaim-2023"][0] == "done"
    assert time.monotonic() - started < 6


def test_canonical_on_another_host_and_non_http_links(site, tmp_path):
    """A page claiming another site's canonical URL keeps its own name; ftp: and javascript: links
    on the page are not followed."""
    out = tmp_path / "f"
    Crawler(out, FAULTY, depth=2).crawl([site.base + "/berita/bpjs-ketenagakerjaan-kanonik"])
    [saved] = [json.loads(p.read_text()) for p in (out / "articles").rglob("*.json") if "kanonik" in p.read_text()]
    assert saved["url"] == site.base + "/berita/bpjs-ketenagakerjaan-kanonik"
    assert [p.name for p in (out / "articles").iterdir()] == ["127.0.0.1"]
    urls = set(outcomes(out))
    assert "bpjs-ketenagakerjaan-klaim-2023" in urls                      # the same-site http link is followed
    assert not any("ftp" in u or "alert" in u for u in urls)
    assert not any(p for p, _, _ in site.log if "ftp" in p)


@pytest.mark.parametrize("url,reason", [
    ("ftp://127.0.0.1/berita/bpjs-ketenagakerjaan", "not an http(s) URL: ftp"),
    ("file:///etc/passwd", "not an http(s) URL: file"),
])
def test_only_http_urls_are_fetched(url, reason):
    assert Fetcher(FAULTY).get(url).reason == reason
