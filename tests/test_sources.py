"""Reading folders: every format, every encoding, and bad input that becomes a status."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.sources import iter_files, read_path, split_headers


def read_all(root: Path):
    return [a for p in iter_files(root) for a in read_path(p, root)]


def test_txt_headers_and_id(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "berita.txt").write_text(
        "URL: https://x.example/2024/01/02/a\nSOURCE: Contoh\nTITLE: Judul\n\nIsi berita BPJS Ketenagakerjaan.\n", encoding="utf-8")
    [a] = read_all(tmp_path)
    assert a.article_id == "sub/berita"
    assert (a.url, a.outlet, a.title, a.status) == ("https://x.example/2024/01/02/a", "Contoh", "Judul", "ok")
    assert a.text.strip() == "Isi berita BPJS Ketenagakerjaan."


def test_txt_source_header_with_a_link_is_the_url(tmp_path):
    (tmp_path / "a.txt").write_text("Judul: Klaim Naik\nSumber: https://x.example/a\n\nIsi berita.\n", encoding="utf-8")
    [a] = read_all(tmp_path)
    assert (a.url, a.outlet, a.title) == ("https://x.example/a", None, "Klaim Naik")


@pytest.mark.parametrize("text,headers", [
    ("URL: a\nSOURCE: b\n\nbody", {"url": "a", "outlet": "b"}),
    ("KUPANG: kota ini\nlanjutan\n\nbody", {}),
    ("Isi langsung tanpa header.\n\nParagraf dua.", {}),
    ("PAPARKAN: Kepala Kanwil\n\nbody", {}),
    ("Judul: Klaim Naik\nTanggal: 8 April 2024\nSumber: Pos Kupang\n\nbody", {"title": "Klaim Naik", "date": "8 April 2024", "outlet": "Pos Kupang"}),
])
def test_split_headers(text, headers):
    assert split_headers(text)[0] == headers


@pytest.mark.parametrize("name,data,status", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("truncated.json", b'{"title": "Klaim", "text": "BPJS Ketenagakerjaan membayar', "invalid_json"),
    ("list.json", b"[]", "empty"),
    ("noobject.json", b'"just a string"', "invalid_json"),
])
def test_bad_inputs_become_statuses(tmp_path, name, data, status):
    (tmp_path / name).write_bytes(data)
    [a] = read_all(tmp_path)
    assert a.status == status


def test_latin1_file_is_decoded(tmp_path):
    (tmp_path / "lama.txt").write_bytes("Pekerja di Cianjur menerima santunan Rp42 juta — tahun ini, kata Kepala Cabang Pak José.".encode("cp1252"))
    [a] = read_all(tmp_path)
    assert a.status == "ok" and "José" in a.text


def test_jsonl_bad_line_does_not_lose_the_others(tmp_path):
    lines = [json.dumps({"id": "a", "text": "satu"}), "{broken", json.dumps({"text": "tiga", "title": "T"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles = read_all(tmp_path)
    assert [a.article_id for a in articles] == ["feed/a", "feed/2", "feed/3"]
    assert [a.status for a in articles] == ["ok", "invalid_json", "ok"]


def test_json_field_names_of_other_crawlers(tmp_path):
    obj = {"headline": "H", "articleBody": "B", "link": "https://x", "datePublished": "2024-02-03", "source_domain": "x.example"}
    (tmp_path / "one.json").write_text(json.dumps(obj), encoding="utf-8")
    [a] = read_all(tmp_path)
    assert (a.title, a.text, a.url, a.published, a.outlet) == ("H", "B", "https://x", "2024-02-03", "x.example")


def test_html_file(tmp_path):
    html = ("<html><head><title>Klaim Naik - Situs</title><meta property='og:site_name' content='Situs'></head>"
            "<body><nav>Menu</nav><article><h1>Klaim Naik</h1><p>" + "BPJS Ketenagakerjaan membayar klaim. " * 5 +
            "</p><p>Paragraf kedua berita.</p></article><footer>Copyright</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [a] = read_all(tmp_path)
    assert a.title == "Klaim Naik" and a.outlet == "Situs"
    assert "Paragraf kedua" in a.text and "Menu" not in a.text


def test_hidden_and_other_files_are_skipped(tmp_path):
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "a.TXT").write_text("isi")
    assert [p.name for p in iter_files(tmp_path)] == ["a.TXT"]


def test_updated_date_is_kept_apart(tmp_path):
    html = ("<html><head><title>Klaim Naik</title>"
            "<meta property='article:published_time' content='2024-02-05T10:00:00+07:00'>"
            "<meta property='article:modified_time' content='2024-02-06T08:00:00+07:00'></head>"
            "<body><article><p>" + "BPJS Ketenagakerjaan membayar klaim. " * 5 + "</p></article></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [a] = read_all(tmp_path)
    assert (a.published, a.modified) == ("2024-02-05T10:00:00+07:00", "2024-02-06T08:00:00+07:00")


BODY = "<p>" + "BPJS Ketenagakerjaan membayar klaim JHT. " * 5 + "</p>"


@pytest.mark.parametrize("head,h1,title", [
    ("<title>Klaim JHT Naik | Portal Kupang</title>", "Klaim JHT di Kupang Naik 15 Persen", "Klaim JHT di Kupang Naik 15 Persen"),
    ("<title>Klaim JHT Naik | Portal Kupang</title>", None, "Klaim JHT Naik"),
    ("<meta property='og:title' content='Klaim JHT Naik 15 Persen - Portal Kupang'><title>x</title>", "Klaim JHT Naik 15 Persen",
     "Klaim JHT Naik 15 Persen"),
    ("<meta property='og:title' content='Klaim JHT di Kupang Naik 15 Persen'>", "Berita Terkini", "Klaim JHT di Kupang Naik 15 Persen"),
])
def test_page_title(head, h1, title):
    """The page's own headline (h1) wins over a bare <title>, which sites cut short or reword for search
    engines; a headline in the page's metadata wins over an h1 that is not the article's."""
    from extractor.page import parse_page

    html = f"<html><head>{head}</head><body><article>{f'<h1>{h1}</h1>' if h1 else ''}{BODY}</article></body></html>"
    assert parse_page(html).title == title


@pytest.mark.parametrize("content,text", [
    ("<p>Paragraf pertama berita.</p><div class='share'>Bagikan</div><p>Paragraf kedua, <b>tebal</b></p>",
     "Paragraf pertama berita.\nParagraf kedua, tebal"),
    ("Klaim naik < 5 persen, kata dia.", "Klaim naik < 5 persen, kata dia."),  # plain text with a `<` stays as it is
])
def test_json_body_stored_as_html(tmp_path, content, text):
    """Crawlers often store the body as HTML in `content`: it is read as paragraphs, tags and noise out."""
    (tmp_path / "one.json").write_text(json.dumps({"title": "Judul", "content": content}), encoding="utf-8")
    [a] = read_all(tmp_path)
    assert a.text == text
