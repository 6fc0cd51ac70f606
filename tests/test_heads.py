"""Offices and their heads, as phenomena of the language (dev2-errors.md, H1-H8): each table has
sentences in several wordings and rows where the rule must not fire. All sentences are invented."""
from __future__ import annotations

import pytest

CLAIM = "Klaim JHT yang dibayar Rp 9 miliar pada 2023"

# H1: the name may stand before the title; a weekday or a date after the title is never the name.
NAME_BEFORE_TITLE = [
    (f"“{CLAIM},” kata Sari Lestari, Kepala BPJS Ketenagakerjaan Cabang Rawa Indah, Selasa (14/3).", "Sari Lestari"),
    (f"“{CLAIM},” ujar Dimas Prakoso selaku Kepala Kantor Cabang BPJS Ketenagakerjaan Lembang Jaya, Rabu (5/4/2023).",
     "Dimas Prakoso"),
    (f"Yohanes Bria, Kepala BPJamsostek Sukamaju, Senin (1/6) mengatakan {CLAIM.lower()}.", "Yohanes Bria"),
    (f"{CLAIM}, jelas Agustina Lopo selaku Kepala BPJS Ketenagakerjaan Cabang Tirtamulya, Kamis.", "Agustina Lopo"),
    # the title first, the name after it: unchanged
    (f"Kepala BPJS Ketenagakerjaan Cabang Rawa Indah, Sari Lestari, Selasa (14/3), mengatakan {CLAIM.lower()}.",
     "Sari Lestari"),
]

# H3: a multi-word office name is taken whole, up to the comma before the name.
MULTI_WORD_OFFICE = [
    (f"Kepala Kantor Cabang BPJS Ketenagakerjaan Kota Baru Selatan, Agus Rahman, mengatakan {CLAIM.lower()}.",
     "Kota Baru Selatan", "Agus Rahman"),
    (f"Kepala BPJS Ketenagakerjaan Cabang Tanah Merah Hilir, Yosef Kaha, menyebut {CLAIM.lower()}.",
     "Tanah Merah Hilir", "Yosef Kaha"),
    (f"Kepala Kantor Cabang BPJS Ketenagakerjaan Kabupaten Danau Biru, Theresia Bano, mengatakan {CLAIM.lower()}.",
     "Kabupaten Danau Biru", "Theresia Bano"),
]

# H6: every title of a stacked sequence is stripped; a title's full stop ends no sentence.
STACKED_TITLES = [
    (f"Kepala Kantor Wilayah BPJS Ketenagakerjaan Jawa Timur, Prof. Dr. Ir. Maria Susanti, M.Si., mengatakan {CLAIM.lower()}.",
     "Maria Susanti"),
    (f"Kepala BPJS Ketenagakerjaan Cabang Ende, Dr. Ir. Yakobus Nuwa, menyebut {CLAIM.lower()}.", "Yakobus Nuwa"),
    (f"Kepala BPJS Ketenagakerjaan Cabang Ende, H. Ahmad Fauzi, S.E., M.M., menyebut {CLAIM.lower()}.", "Ahmad Fauzi"),
]

# H8: spokesmen are not heads; the head stays unknown unless a head is named.
NOT_A_HEAD = [
    f"“{CLAIM},” kata Asisten Deputi Direktur Bidang Kepesertaan BPJS Ketenagakerjaan Wilayah Nusantara Timur, Rina.",
    f"{CLAIM}, ujar Kepala Bidang Pelayanan BPJS Ketenagakerjaan Cabang Ende, Dewi Sartika.",
    f"{CLAIM}, kata Asisten Deputi Wilayah Bidang Pelayanan BPJS Ketenagakerjaan Cabang Ende, Rudi.",
]


@pytest.mark.parametrize("text,head", NAME_BEFORE_TITLE)
def test_name_before_the_title(extract, text, head):
    assert {r.head for r in extract(text, published="2024-01-10")} == {head}


@pytest.mark.parametrize("text,branch,head", MULTI_WORD_OFFICE)
def test_multi_word_office_name(extract, text, branch, head):
    assert {(r.branch, r.head) for r in extract(text, published="2024-01-10")} == {(branch, head)}


@pytest.mark.parametrize("text,head", STACKED_TITLES)
def test_stacked_titles(extract, text, head):
    assert {r.head for r in extract(text, published="2024-01-10")} == {head}


@pytest.mark.parametrize("text", NOT_A_HEAD)
def test_spokesman_is_not_a_head(extract, text):
    assert {r.head for r in extract(text, published="2024-01-10")} == {None}


# H7 and H5: who heads a regional office, and the national office.
@pytest.mark.parametrize("text,branch,head", [
    (f"{CLAIM}, ujar Teguh Santoso selaku Deputi Direktur Wilayah Nusantara Timur BPJS Ketenagakerjaan.",
     "Nusantara Timur", "Teguh Santoso"),
    (f"Deputi Direktur BPJS Ketenagakerjaan Wilayah Nusantara Timur, Teguh Santoso, mengatakan {CLAIM.lower()}.",
     "Nusantara Timur", "Teguh Santoso"),
    ("Direktur Utama BPJS Ketenagakerjaan, Bambang Irawan, menyebut secara nasional klaim JHT Rp 40 triliun pada 2023.",
     "Nasional", "Bambang Irawan"),
    ("Secara nasional klaim JHT mencapai Rp 40 triliun pada 2023, kata Direktur Utama BPJS Ketenagakerjaan Bambang Irawan.",
     "Nasional", "Bambang Irawan"),
])
def test_regional_and_national_heads(extract, text, branch, head):
    assert {(r.branch, r.head) for r in extract(text, published="2024-01-10")} == {(branch, head)}


# H2: one office under several spellings keeps one name and one head.
@pytest.mark.parametrize("text", [
    ("Kepala BPJS Ketenagakerjaan Cabang Tanjungkarang, Maria Ulfa, mengatakan klaim JHT Rp 9 miliar pada 2023. "
     "Sepanjang 2023 BPJS Ketenagakerjaan Tanjung Karang juga membayar klaim JKK Rp 2 miliar."),
    ("Kepala BPJS Ketenagakerjaan Cabang Tanjung Karang, Maria Ulfa, mengatakan klaim JHT Rp 9 miliar pada 2023. "
     "Sepanjang 2023 BPJS Ketenagakerjaan Tanjungkarang juga membayar klaim JKK Rp 2 miliar."),
])
def test_one_office_under_two_spellings(extract, text):
    got = {(r.branch.replace(" ", "").lower(), r.head) for r in extract(text, published="2024-01-10")}
    assert got == {("tanjungkarang", "Maria Ulfa")}


# E1: a head named as a witness or guest does not make the article's office; the speaker's does.
@pytest.mark.parametrize("text", [
    ("Santunan diserahkan bupati, disaksikan Kepala BPJS Ketenagakerjaan Cabang Kota Lama, Hendra. Kepala BPJS "
     "Ketenagakerjaan Tanjung Sari, Yusuf Lado, menyebut klaim JHT 2022 mencapai Rp12,4 miliar."),
    ("Acara itu dihadiri Kepala BPJS Ketenagakerjaan Cabang Kota Lama, Hendra. Sementara Kepala BPJS Ketenagakerjaan "
     "Tanjung Sari, Yusuf Lado, mengatakan klaim JHT yang dibayar pada 2022 Rp12,4 miliar."),
    ("Bupati didampingi Kepala BPJS Ketenagakerjaan Cabang Kota Lama, Hendra, menyerahkan santunan. Menurut Kepala "
     "BPJS Ketenagakerjaan Tanjung Sari, Yusuf Lado, klaim JHT pada 2022 mencapai Rp12,4 miliar."),
])
def test_witnessing_head_does_not_take_the_figures(extract, text):
    assert {(r.branch, r.head) for r in extract(text, published="2023-03-01")} == {("Tanjung Sari", "Yusuf Lado")}


# E3/E4: a restatement whose office is only a place beside it (a dateline, a province, a headline's
# city), or a bare restatement in a quote (no program, no period of its own), is one record.
@pytest.mark.parametrize("text,count", [
    ("Klaim Rp52 Miliar Dibayar BPJS Ketenagakerjaan Cabang Sungai Lebar\n\nBPJS Ketenagakerjaan Cabang Sungai Lebar di "
     "Kalimantan Tengah mencatat pembayaran klaim Rp52 miliar pada 2023.", 1),
    ("Kepesertaan BPJS Ketenagakerjaan di Kota Lembah Capai 42 Persen\n\nKepala Kantor Wilayah BPJS Ketenagakerjaan "
     "Jawa Timur, Hadi Susanto, menyebut kepesertaan baru 42 persen.", 1),
    ("BPJS Ketenagakerjaan Cabang Lembah membayar klaim JKM untuk 38 kasus sejak Januari hingga Juli 2023. "
     "“Belum genap delapan bulan, sudah 38 kasus,” katanya.", 1),
    # two different periods stated for the same number are two facts
    ("BPJS Ketenagakerjaan Cabang Lembah membayar klaim JKM untuk 38 kasus pada 2022 dan 38 kasus pada 2023.", 2),
])
def test_restatement_is_one_record(extract, text, count):
    assert len(extract(text, published="2023-08-10")) == count
