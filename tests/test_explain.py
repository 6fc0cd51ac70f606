"""`extractor explain`: an article's figures with the rules that decided them (the records' `why`)."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest

ARTICLE = ("BPJS Ketenagakerjaan Cabang Lembah membayar klaim pada 2023, yaitu:\n1. Jaminan Kematian (JKM)\n"
           "Total klaim: Rp6.950.000.000\nJumlah klaim: 206 ahli waris\n")


@pytest.mark.parametrize("text,why", [
    (ARTICLE, "program=list_heading"),
    ("Klaim JKK BPJS Ketenagakerjaan Cabang Lembah pada 2022 Rp10,4 miliar. Setahun sebelumnya hanya Rp7,9 miliar dari 860 kasus.",
     "program=continues_previous_figure"),
    ("Sepanjang 2022 BPJS Ketenagakerjaan Cabang Lembah membayar klaim Rp212 miliar. Angka itu dihitung sejak Januari "
     "sampai 9 Desember 2022.", "period=refined_next_sentence"),
    ("Santunan JKK BPJS Ketenagakerjaan Cabang Lembah diberikan kepada dua peserta, masing-masing atas nama Sari Dewi "
     "yang menerima Rp210.500.000 dan atas nama Yosef Bala yang menerima Rp98.400.000.", "metric=named_beneficiary"),
])
def test_every_record_says_why(extract, text, why):
    records = extract(text, published="2023-12-20")
    assert any(why in r.why.split("; ") for r in records), [r.why for r in records]
    assert all(r.why.startswith("metric=") for r in records)


def test_explain_prints_reasons_and_sentences(tmp_path):
    from extractor.explain import explain

    path = tmp_path / "lembah.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = io.StringIO()
    assert explain(str(path), out) == 1
    text = out.getvalue()
    assert "JKM" in text and "program by list heading" in text and "Total klaim: Rp6.950.000.000" in text


def test_explain_reads_standard_input():
    got = subprocess.run([sys.executable, "-m", "extractor", "explain", "-"], input=ARTICLE, capture_output=True,
                         text=True, timeout=120)
    assert got.returncode == 0, got.stderr
    assert "Rp6.950.000.000" in got.stdout and "why:" in got.stdout


def test_explain_missing_file_is_a_usage_error(tmp_path):
    got = subprocess.run([sys.executable, "-m", "extractor", "explain", str(tmp_path / "none.txt")], capture_output=True,
                         text=True, timeout=60)
    assert got.returncode == 2 and "no such file" in got.stderr and "Traceback" not in got.stderr
