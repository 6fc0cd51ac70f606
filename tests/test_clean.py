"""Cleaning: boilerplate lines out, numbers in them never become figures."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from extractor import clean
from extractor.clean import clean_text, normalize

# (line, removed?)
LINES = [
    ("Baca juga: Harga Cabai Naik 20 Persen", True),
    ("BACA JUGA: 5 Cara Klaim JHT Online", True),
    ("Baca Juga :  Satgas Sambangi Desa", True),
    ("Lihat juga: Video 10 Detik", True),
    ("  • Bagikan", True),
    ("BAGIKAN", True),
    ("Share", True),
    ("Scroll to continue with content", True),
    ("Nyaman tanpa iklan. Langganan BisnisPro", True),
    ("Copyright © 2024 Contoh Media", True),
    ("COPYRIGHT © ANTARA News Jawa Timur 2024", True),
    ("Tinggalkan Balasan", True),
    ("Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *", True),
    ("Editor: Bambang", True),
    ("Penulis : Redaksi", True),
    ("Pewarta: M Ifdhal", True),
    ("Peserta melintas di kantor cabang. (FOTO: ISTIMEWA)", True),
    ("Ilustrasi - petugas melayani peserta. Bisnis/Nama Fotografer", True),
    ("banner 72x960", True),
    ("(Dessy)", True),
    ("Klaim JHT di Kupang mencapai Rp 381 miliar lebih.", False),
    ("Kepala Kantor Cabang Kupang mengatakan, peserta bertambah 12 persen.", False),
    ("Sebanyak 5 (lima) orang ahli waris menerima santunan.", False),
]


@pytest.mark.parametrize("line,removed", LINES)
def test_boilerplate_lines(line, removed):
    body = f"Paragraf pembuka tentang klaim yang cukup panjang untuk artikel ini.\n{line}\nParagraf penutup."
    text, dropped = clean_text(body)
    written = normalize(line)
    assert (written not in text) == removed
    assert bool([d for d in dropped if d[1] == written]) == removed


def test_tail_sections_are_cut():
    body = "Isi berita satu. " * 20 + "\n\nBerita Terkait\nKlaim Naik 50 Persen\nPeserta 10 Ribu"
    text, _ = clean_text(body)
    assert "Berita Terkait" not in text and "50 Persen" not in text


def test_editor_code_at_paragraph_end():
    text, _ = clean_text("Ia menerangkan klaim dibayarkan sekitar Rp218 miliar. 026")
    assert text.endswith("miliar.")


def test_soft_line_breaks_are_joined():
    text, _ = clean_text("Masyarakat semakin sadar dengan program ini sehingga merasa sadar dan\nbutuh akan program BPJS.")
    assert "sadar dan butuh" in text


def test_repeated_caption_dropped():
    text, dropped = clean_text("Judul berita yang panjang sekali\nKaryawan melintas di dekat logo.\nKaryawan melintas di dekat logo.\nIsi.")
    assert text.count("Karyawan melintas") == 1


def test_normalize_spaces_and_invisibles():
    assert normalize("Rp\u00a042\u200b juta\r\n") == "Rp 42 juta\n"


@pytest.mark.parametrize("regex, expected", [
    ("(baca juga|lihat juga):", {"baca juga", "lihat juga"}),
    (r"\(foto\s*:|antara/[a-z]", {"(foto", "antara/"}),
    (r"ab?c", {"a"}),                        # an optional letter ends a run of literals
    (r"(foo)+ bar", {" bar"}),               # the candidate whose shortest string is longest is kept
    (r"x*(langganan|subscribe)", {"langganan", "subscribe"}),
    (r"(antara|antara foto|foto)", {"antara", "foto"}),    # `antara foto` holds `antara`: one is enough
    (r"^\s*[#*]\s*$", None),                 # nothing literal to look for
    (r"(cookie|[0-9]+)", None),              # one branch holds no literal: no needles at all
])
def test_needles(regex, expected):
    found = clean.needles(regex)
    assert (set(found) if found else None) == expected


def test_needles_never_hide_a_match():
    """A rule with needles matches exactly the lines its regex alone matches."""
    import re

    lines = [line for path in sorted((ROOT / "corpus").rglob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    lines += ["Baca juga: Klaim JHT naik", "Foto: Istimewa", "(FOTO: Dok. Humas)", "Nyaman tanpa iklan. Langganan", "Tinggalkan Balasan",
              "Peserta antre di kantor cabang. ANTARA/Rio", "Ilustrasi BPJS", "Scroll untuk lanjut", "© 2024 Koran", "x" * 50]
    lines += [line for line, _ in LINES]
    checked = 0
    for rule in clean.rules():
        if rule.needles is None:
            continue
        # lines around each needle, so that a needle left out would hide the matches it stands for
        for line in lines + [form.format(n) for n in rule.needles for form in ("{}", "{} ", "x {}: y", "x ({}: y)", "x ({}/y)", "x {}/y")]:
            assert rule.matches(line, line.lower()) == bool(re.compile(rule.regex.pattern).search(line.lower())), (rule.id, line)
            checked += 1
    assert checked > 100


def test_anchored_rules_tried_only_when_one_can_match():
    """The first rule is the one the plain loop over every fitting rule, in file order, finds."""
    lines = [line for path in sorted((ROOT / "corpus").rglob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    lines += [line for line, _ in LINES] + ["  Baca juga: x", "Bagikan", "(Foto: Dok)", "Editor: A", "Copyright 2024", "123", "x" * 250]

    def plain(line: str):
        fitting = [r for r in clean.rules() if clean._accepts(r, len(line))]
        first = next((r for r in fitting if r.matches(line, line.lower())), None)
        return first or next((r for r in clean.rules() if r.kind == "inline"
                              and r.regex.search(line, max(0, len(line) - clean.TAIL))), None)

    assert [clean._first_rule(line) for line in lines] == [plain(line) for line in lines]
    assert sum(clean._first_rule(line) is not None for line in lines) >= 6


WRAPPED = """BPJS Ketenagakerjaan Cabang Ende Bayar Klaim Rp 18,4 Miliar
ENDE - BPJS Ketenagakerjaan Cabang Ende membayarkan klaim senilai
Rp 18,4 miliar sepanjang tahun 2023 kepada para peserta yang berhak
menerimanya, kata kepala cabang kepada wartawan di kantornya pada
Senin.

Untuk program Jaminan Kematian (JKM), klaim yang dibayarkan mencapai
Rp 4,25 miliar kepada 97 ahli waris peserta yang meninggal dunia
selama tahun lalu.
"""


def test_hard_wrapped_paragraphs_are_joined():
    text, _ = clean_text(WRAPPED)
    paragraphs = text.split("\n")
    assert paragraphs[0] == "BPJS Ketenagakerjaan Cabang Ende Bayar Klaim Rp 18,4 Miliar"  # the title stays apart
    assert "senilai Rp 18,4 miliar sepanjang" in paragraphs[1] and paragraphs[1].endswith("pada Senin.")
    assert "mencapai Rp 4,25 miliar kepada 97 ahli waris" in text


@pytest.mark.parametrize("text", [
    "Rincian klaim:\nJHT Rp 10 miliar untuk 800 kasus\nJKM Rp 2 miliar untuk 50 kasus\nJKK Rp 1 miliar untuk 90 kasus\nJP Rp 3 miliar untuk 70 kasus",
    "Klaim JHT naik.\nKepala cabang mengatakan bahwa pelayanan terus ditingkatkan tahun ini dan juga tahun depan.\n"
    "Peserta diminta memperbarui data.\nLayanan daring tersedia setiap hari kerja.\n"
    "Petugas juga akan mendatangi perusahaan yang menunggak iuran di wilayah pesisir selatan kabupaten.\nSelesai.",
])
def test_lines_that_are_not_hard_wrapped_stay(text):
    """Short list items, and texts whose paragraphs are not cut at one width, keep their lines."""
    assert clean_text(text)[0].count("\n") == text.count("\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\u00a0\u2003\u3000.é\n", max_size=20))
def test_one_space_is_the_space_regex(line):
    """The shortcut for lines with nothing to collapse gives what the regex gives."""
    assert clean._one_space(line) == clean._SPACES.sub(" ", line).strip()
