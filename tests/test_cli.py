"""The command line: quick to start, clear errors, a run that never stops on a bad document."""
from __future__ import annotations

import subprocess
import sys

from extractor.cli import main


def test_help_does_not_import_heavy_libraries():
    code = "import sys; from extractor.cli import _parser; _parser().format_help(); print(sorted(m for m in ('spacy','pandas','dateparser','pyarrow') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_version_tells_which_modules_run_compiled():
    import importlib

    import extractor

    out = subprocess.run([sys.executable, "-m", "extractor", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    compiled = extractor.compiled_modules()
    for name in compiled:
        assert importlib.import_module(f"extractor.{name}").__file__.endswith(".so")
    assert out == f"extractor {extractor.__version__} ({'mypyc: ' + ' '.join(compiled) if compiled else 'pure Python'})"


def test_missing_input_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_bad_documents_do_not_stop_the_batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("BPJS Ketenagakerjaan Cabang Jember membayar klaim JHT Rp9 miliar pada 2023.", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (src / "broken.json").write_text('{"text": "BPJS', encoding="utf-8")
    assert main(["extract", str(src), "-o", str(tmp_path / "out"), "-q"]) == 0
    import json
    rows = [json.loads(x) for x in (tmp_path / "out" / "articles.jsonl").read_text().splitlines()]
    assert {r["article_id"]: r["status"] for r in rows} == {"binary": "binary", "broken": "invalid_json", "empty": "empty", "good": "ok"}
    records = (tmp_path / "out" / "records.jsonl").read_text().splitlines()
    assert len(records) == 1


def test_formats_option(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("BPJS Ketenagakerjaan Cabang Jember membayar klaim Rp9 miliar.", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(tmp_path / "out"), "-q", "--formats", "jsonl,sqlite"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "articles.jsonl", "extractor.sqlite", "findings.jsonl", "records.jsonl"]
