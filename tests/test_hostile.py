"""Hostile input: every case is built here (no third-party text), one table row per case with the
status its bad document must get. Each case is a folder holding the bad input beside a good article;
the run must exit 0, keep the good article's record and give every input its status. The same holds
for one folder holding all the cases at once. Run-level faults (a locked, read-only or full output
folder, -o naming a file) are one line on stderr and exit 2, earlier outputs untouched."""
from __future__ import annotations

import csv
import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from extractor.cli import main

GOOD = "BPJS Ketenagakerjaan Cabang Jember membayar klaim JHT Rp9 miliar kepada 1.200 peserta sepanjang 2023."
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def _write(folder: Path, name: str, data: bytes | str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def _html(head: str = "", body: str = GOOD) -> str:
    return (f"<html><head><title>Klaim JHT Jember</title>{head}</head><body><article><h1>Klaim JHT Jember</h1>"
            f"<p>{body}</p><p>Kepala Cabang Jember, Wahyu Pratama, menyampaikan hal itu di kantornya.</p></article></body></html>")


def _deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def _symlink_loop(folder: Path) -> None:
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "loop")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipa.txt")


def _unreadable_file(folder: Path) -> None:
    _write(folder, "terkunci.txt", GOOD)
    os.chmod(folder / "terkunci.txt", 0)


def _unreadable_folder(folder: Path) -> None:
    _write(folder, "rahasia/isi.txt", GOOD)
    os.chmod(folder / "rahasia", 0)


# (case id, how to build it in a folder, {article_id: status} of what it adds beside the good article)
CASES: list[tuple[str, Callable[[Path], None], dict[str, str]]] = [
    ("json nested 100 000 deep", lambda f: _write(f, "dalam.json", _deep_json(100_000)), {"dalam": "invalid_json"}),
    ("json nested 5 000 deep", lambda f: _write(f, "dalam.json", _deep_json(5_000)), {"dalam": "invalid_json"}),
    ("jsonl line nested deep among good ones",
     lambda f: _write(f, "umpan.jsonl", '{"a":' * 5000 + "1" + "}" * 5000 + "\n" + json.dumps({"id": "b", "text": GOOD}) + "\n"),
     {"umpan/1": "invalid_json", "umpan/b": "ok"}),
    ("json-ld nested deep inside a page",
     lambda f: _write(f, "halaman.html", _html(f"<script type='application/ld+json'>{_deep_json(50_000)}</script>")),
     {"halaman": "ok"}),
    ("json integer of 5 000 digits", lambda f: _write(f, "angka.json", '{"text": "%s", "jumlah": %s}' % (GOOD, "7" * 5000)),
     {"angka": "ok"}),
    ("json that is only a huge integer", lambda f: _write(f, "angka.json", "9" * 5000), {"angka": "invalid_json"}),
    ("text of 1.2 million characters on one line", lambda f: _write(f, "panjang.txt", (GOOD + " ") * 11_500), {"panjang": "ok"}),
    ("file name that is not UTF-8", lambda f: (f / os.fsdecode(b"nama-\xff.txt")).write_text(GOOD, encoding="utf-8"),
     {"nama-\\xff": "ok"}),
    ("symlink loop sub/loop -> ..", _symlink_loop, {"sub/loop": "link_loop"}),
    ("link to itself", lambda f: os.symlink("diri.txt", f / "diri.txt"), {"diri": "broken_link"}),
    ("dangling link to a file", lambda f: os.symlink("tidak-ada.txt", f / "hilang.txt"), {"hilang": "broken_link"}),
    ("dangling link to a folder", lambda f: os.symlink("tidak-ada", f / "map-hilang"), {"map-hilang": "broken_link"}),
    ("UTF-16 with BOM", lambda f: _write(f, "u16.txt", GOOD.encode("utf-16")), {"u16": "ok"}),
    ("UTF-16 LE without BOM", lambda f: _write(f, "u16.txt", GOOD.encode("utf-16-le")), {"u16": "ok"}),
    ("UTF-16 BE without BOM", lambda f: _write(f, "u16.txt", GOOD.encode("utf-16-be")), {"u16": "ok"}),
    ("UTF-32 with BOM", lambda f: _write(f, "u32.txt", GOOD.encode("utf-32")), {"u32": "ok"}),
    ("UTF-32 LE without BOM", lambda f: _write(f, "u32.txt", GOOD.encode("utf-32-le")), {"u32": "ok"}),
    ("UTF-8 with BOM", lambda f: _write(f, "bom.txt", GOOD.encode("utf-8-sig")), {"bom": "ok"}),
    ("UTF-8 and Latin-1 paragraphs mixed",
     lambda f: _write(f, "campur.txt", "Kafe pekerja: café naïve.\n\n".encode() + "Kata José di Kupang.\n\n".encode("latin-1") + GOOD.encode()),
     {"campur": "ok"}),
    ("cp1252 only", lambda f: _write(f, "lama.txt", ("Kata José — " + GOOD).encode("cp1252")), {"lama": "ok"}),
    ("stray NUL early in a text", lambda f: _write(f, "nul.txt", b"Berita\x00 hari ini.\n\n" + GOOD.encode()), {"nul": "ok"}),
    ("lone surrogate in a JSON title", lambda f: _write(f, "surogat.json", '{"title": "Klaim \\ud800 JHT", "text": "%s"}' % GOOD),
     {"surogat": "ok"}),
    ("lone surrogate in a JSONL id", lambda f: _write(f, "surogat.jsonl", '{"id": "x\\udc00", "text": "%s"}\n' % GOOD),
     {"surogat/x_": "ok"}),
    ("empty file", lambda f: _write(f, "kosong.txt", b""), {"kosong": "empty"}),
    ("binary file", lambda f: _write(f, "gambar.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), {"gambar": "binary"}),
    ("control bytes", lambda f: _write(f, "acak.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 200), {"acak": "binary"}),
    ("truncated JSON", lambda f: _write(f, "potong.json", '{"title": "Klaim", "text": "BPJS Ketenagakerjaan membayar'),
     {"potong": "invalid_json"}),
    ("bad JSONL line among good ones",
     lambda f: _write(f, "umpan.jsonl", "\n".join([json.dumps({"text": GOOD}), "{rusak", json.dumps({"text": GOOD})])),
     {"umpan/1": "ok", "umpan/2": "invalid_json", "umpan/3": "ok"}),
    ("JSON list with an item that is not an object", lambda f: _write(f, "daftar.json", json.dumps([{"text": GOOD}, 42])),
     {"daftar/1": "ok", "daftar/2": "invalid_json"}),
    ("JSON body as HTML nested deep", lambda f: _write(f, "isi.json", json.dumps({"content": "<div>" * 20_000 + GOOD})),
     {"isi": "ok"}),
    ("HTML nested 50 000 divs deep", lambda f: _write(f, "bom.html", "<html><body>" + "<div>" * 50_000 + GOOD), {"bom": "ok"}),
    ("file over 20 MB", lambda f: _write(f, "raksasa.txt", b"a " * (11 * 1024 * 1024)), {"raksasa": "unreadable"}),
    ("FIFO named like an article", _fifo, {"pipa": "unreadable"}),
    pytest.param("unreadable file", _unreadable_file, {"terkunci": "unreadable"},
                 marks=pytest.mark.skipif(ROOT_USER, reason="root reads any file")),
    pytest.param("unreadable folder", _unreadable_folder, {"rahasia": "unreadable"},
                 marks=pytest.mark.skipif(ROOT_USER, reason="root lists any folder")),
]


def extract(src: Path, out: Path, *extra: str) -> tuple[int, dict[str, dict]]:
    code = main(["extract", str(src), "-o", str(out), "-q", "--formats", "jsonl,csv,sqlite", *extra])
    rows = [json.loads(x) for x in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()] if code == 0 else []
    return code, {r["article_id"]: r for r in rows}


def _ids(case):
    return case.values[0] if hasattr(case, "values") else case[0]


@pytest.mark.parametrize("name,build,expected", CASES, ids=[_ids(c) for c in CASES])
def test_one_bad_input_beside_a_good_article(tmp_path, name, build, expected):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "baik.txt", GOOD)
    build(src)
    try:
        code, articles = extract(src, tmp_path / "out")
    finally:
        for path in (src / "terkunci.txt", src / "rahasia"):
            if path.exists() and not path.is_symlink():
                os.chmod(path, 0o755)
    assert code == 0
    assert {k: v["status"] for k, v in articles.items()} == {"baik": "ok", **expected}
    records = [json.loads(x) for x in (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r["article_id"] == "baik" and r["metric"] == "claim_amount" for r in records)
    for aid, status in expected.items():
        if status == "ok":  # the text was read whole: its figure is there too
            assert "Rp9 miliar" in articles[aid]["text"]
            assert any(r["article_id"] == aid and r["value"] == 9_000_000_000 for r in records)
        else:
            assert articles[aid]["text"] == "" or status == "error"
        if status in ("invalid_json", "unreadable", "broken_link", "link_loop"):
            assert articles[aid]["error"], aid  # a short text says why


def test_what_the_decoder_keeps(tmp_path):
    """Mixed encodings keep both paragraphs; a lone surrogate becomes U+FFFD; a non-UTF-8 name is escaped."""
    src = tmp_path / "in"
    src.mkdir()
    for name, build, _ in [c for c in CASES if not hasattr(c, "values")
                           if c[0] in ("UTF-8 and Latin-1 paragraphs mixed", "lone surrogate in a JSON title", "file name that is not UTF-8")]:
        build(src)
    code, articles = extract(src, tmp_path / "out")
    assert code == 0
    assert "café naïve" in articles["campur"]["text"] and "José" in articles["campur"]["text"]
    assert articles["surogat"]["title"] == "Klaim \ufffd JHT"
    assert articles["nama-\\xff"]["source_path"] == "nama-\\xff.txt"


def test_all_cases_in_one_folder(tmp_path):
    """Every case at once, each in its own sub-folder: nothing lost, every status as in the table,
    and the summary's counts add up to the inputs."""
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "baik.txt", GOOD)
    expected = {"baik": "ok"}
    for n, case in enumerate(CASES):
        if hasattr(case, "values"):
            if ROOT_USER:
                continue
            _, build, adds = case.values
        else:
            _, build, adds = case
        folder = src / f"kasus{n:02d}"
        folder.mkdir()
        build(folder)
        expected.update({f"kasus{n:02d}/{k}": v for k, v in adds.items()})
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(src), "-o", str(tmp_path / "out"), "-j", "2"],
                          capture_output=True, text=True, timeout=600)
    for path in src.rglob("*"):
        if not path.is_symlink() and path.exists():
            os.chmod(path, 0o755)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    rows = [json.loads(x) for x in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["article_id"]: r["status"] for r in rows} == expected
    assert f"{len(expected)} documents" in proc.stderr


def test_csv_cells_cannot_run_as_formulas(tmp_path):
    """CSV text cells that begin with = + - @, a tab or CR get a leading apostrophe (OWASP); JSONL keeps raw values."""
    src = tmp_path / "in"
    src.mkdir()
    hostile = {"title": "=cmd|' /C calc'!A0", "author": "@SUM(1+1)", "outlet": "+62 812", "url": "-2+3",
               "text": '=HYPERLINK("http://jahat.example","klik") ' + GOOD}
    _write(src, "jahat.json", json.dumps(hostile))
    _write(src, "tab.json", json.dumps({"title": "\tTab", "author": "\rCR", "text": GOOD}))
    code, articles = extract(src, tmp_path / "out")
    assert code == 0
    assert articles["jahat"]["title"] == hostile["title"]  # raw in JSONL
    seen = 0
    for table in ("articles", "records"):
        with open(tmp_path / "out" / f"{table}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
                    seen += cell.startswith("'=") + cell.startswith("'@") + cell.startswith("'+")
    assert seen >= 4
    with open(tmp_path / "out" / "records.csv", encoding="utf-8", newline="") as fh:
        values = [r["value"] for r in csv.DictReader(fh)]
    assert values and all(float(v) > 0 for v in values)  # numbers stay numbers


@pytest.mark.parametrize("url,linked", [
    ("javascript:alert(document.cookie)", False),
    ("JaVaScRiPt:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", False),
    ("vbscript:msgbox(1)", False),
    ("https://warta.example/berita/klaim-jht", True),
    ("http://warta.example/berita/klaim-jht?a=1&b=2", True),
])
def test_report_links_only_web_urls(tmp_path, url, linked):
    from extractor.report import write_report

    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.json", json.dumps({"url": url, "title": "Klaim", "text": GOOD}))
    _write(src, "b.html", _html(f"<meta property='og:url' content='{url}'>"))
    assert extract(src, tmp_path / "out")[0] == 0
    page = write_report(tmp_path / "out").read_text(encoding="utf-8")
    hrefs = [h for h in __import__("re").findall(r"href='([^']*)'", page) if not h.startswith("#")]
    import html

    if linked:
        assert html.unescape(hrefs[0]) == url
    else:
        assert hrefs == []
        assert "script:" not in " ".join(hrefs) and "<script" not in page.lower()


# --------------------------------------------------------------------------- run-level faults

def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def _fail_writing(err: int) -> Callable[..., None]:
    def fail(self, *args, **kwargs):
        raise OSError(err, os.strerror(err))
    return fail


@pytest.mark.parametrize("err,message", [
    (errno.ENOSPC, "the disk is full"),
    (errno.EROFS, "the file system is read-only"),
    (errno.EACCES, "permission denied"),
])
def test_an_output_that_cannot_be_written_is_one_line(tmp_path, capsys, monkeypatch, err, message):
    from extractor import export

    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.txt", GOOD)
    out = tmp_path / "out"
    assert extract(src, out)[0] == 0
    before = _outputs(out)
    _write(src, "b.txt", GOOD.replace("Rp9", "Rp8"))
    capsys.readouterr()
    monkeypatch.setattr(export.Exporter, "write", _fail_writing(err))
    assert main(["extract", str(src), "-o", str(out), "-q", "--formats", "jsonl,csv,sqlite"]) == 2
    err_text = capsys.readouterr().err
    assert err_text.count("\n") == 1 and message in err_text and "Traceback" not in err_text
    assert _outputs(out) == before  # earlier outputs untouched, nothing half-written under a final name
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(ROOT_USER, reason="root writes into a read-only folder")
def test_read_only_output_folder(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.txt", GOOD)
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o555)
    try:
        assert main(["extract", str(src), "-o", str(out), "-q"]) == 2
    finally:
        os.chmod(out, 0o755)
    assert capsys.readouterr().err.count("\n") == 1


def test_output_that_is_a_file(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.txt", GOOD)
    _write(tmp_path, "keluaran", "bukan folder")
    assert main(["extract", str(src), "-o", str(tmp_path / "keluaran"), "-q"]) == 2
    err = capsys.readouterr().err
    assert err == f"extractor: the output folder {tmp_path / 'keluaran'} is a file\n"
    assert (tmp_path / "keluaran").read_text() == "bukan folder"


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    """While a run holds the output folder, another (here a separate process) is refused in one line;
    once the holder is gone (even killed), the folder is free again."""
    from extractor.batch import LOCK_FILE, OutputLock

    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.txt", GOOD)
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "extractor", "extract", str(src), "-o", str(out), "-q"]
    with OutputLock(out):
        proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and "in use by another extractor run" in proc.stderr
        assert f"pid {os.getpid()}" in proc.stderr
    assert not (out / LOCK_FILE).exists()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; from extractor.batch import OutputLock;"
                               f" lock = OutputLock(Path({str(out)!r})).__enter__(); print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert subprocess.run(command, capture_output=True, text=True, timeout=120).returncode == 2
    finally:
        holder.kill()  # like kill -9: the lock file stays behind, its flock does not
        holder.wait()
    assert (out / LOCK_FILE).exists()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not (out / LOCK_FILE).exists()


def test_a_run_fault_never_shows_a_traceback(tmp_path, capsys, monkeypatch):
    from extractor import batch

    def broken(*args, **kwargs):
        raise RuntimeError("sesuatu rusak")

    monkeypatch.setattr(batch, "_run", broken)
    src = tmp_path / "in"
    src.mkdir()
    assert main(["extract", str(src), "-o", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: sesuatu rusak" in err


def test_unreadable_file_when_reading_fails(tmp_path, monkeypatch):
    """The unreadable row without chmod (which root ignores): reading the file raises PermissionError."""
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "terkunci.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "baik.txt", GOOD)
    _write(src, "terkunci.txt", GOOD)
    code, articles = extract(src, tmp_path / "out")
    assert code == 0
    assert {k: v["status"] for k, v in articles.items()} == {"baik": "ok", "terkunci": "unreadable"}
    assert articles["terkunci"]["error"] == "Permission denied (errno 13)"


@pytest.mark.parametrize("options,message", [
    (["-j", "0"], "must be at least 1"),
    (["--batch-size", "-3"], "must be at least 1"),
    (["--chunk-files", "x"], "not a whole number"),
    (["--formats", "jsonl,xml"], "unknown output format(s): xml"),
])
def test_bad_options_are_refused_in_one_line(tmp_path, capsys, options, message):
    src = tmp_path / "in"
    src.mkdir()
    try:
        code = main(["extract", str(src), "-o", str(tmp_path / "out"), "-q", *options])
    except SystemExit as exc:  # argparse's own refusal: its usage, then one error line
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err.strip().splitlines()[-1] and "Traceback" not in err
    assert not (tmp_path / "out" / "articles.jsonl").exists()


def test_a_rerun_over_hostile_input_reuses_everything(tmp_path):
    """Broken links and link loops are remembered like files: an unchanged folder is not processed again,
    and the outputs are the same bytes."""
    from extractor.batch import run

    src = tmp_path / "in"
    src.mkdir()
    _write(src, "baik.txt", GOOD)
    for _, build, _ in [c for c in CASES if not hasattr(c, "values")
                        if c[0] in ("symlink loop sub/loop -> ..", "link to itself", "dangling link to a file", "truncated JSON")]:
        build(src)
    out = tmp_path / "out"
    first = run(src, out, formats=("jsonl", "csv"))
    before = _outputs(out)
    second = run(src, out, formats=("jsonl", "csv"))
    assert second.reused == second.files == first.files == 5
    assert _outputs(out) == before
