"""Who is counted (dev2-errors.md, family D), as example tables of invented sentences:
text -> (metric, value) of every record, in order."""
from __future__ import annotations

import pytest

CASES = [
    # D1: another agency's base in the sentence drops only that base
    ("Menurut data BPS ada 120.400 pekerja formal di kabupaten itu, dan 58.900 di antaranya atau 48,92 persen sudah "
     "menjadi peserta aktif BPJS Ketenagakerjaan.",
     [("participants", 58_900), ("coverage_pct", 48.92)]),
    ("Pekerja informal yang terdaftar di BPJS Ketenagakerjaan Cabang Lembah sebanyak 52.700 tenaga kerja dari jumlah "
     "angkatan kerja 144.200 atau 36,54 persen.",
     [("participants", 52_700), ("coverage_pct", 36.54)]),
    ("Kepesertaan pekerja formal BPJS Ketenagakerjaan baru 200 ribu pekerja dari total angkatan kerja di provinsi itu "
     "yang mencapai 2 juta orang.",
     [("participants", 200_000)]),
    # D4: labour force, potential workers and other agencies' counts give no record at all
    ("Kepala BPJS Ketenagakerjaan Cabang Lembah menjelaskan potensi tenaga kerja di provinsi itu mencapai 1,9 juta jiwa.", []),
    ("Padahal, berdasarkan data kantor pajak ada 33.200 badan usaha yang memiliki NPWP, kata Kepala BPJS "
     "Ketenagakerjaan Cabang Lembah.", []),
    ("Desa Sukaraja berpenduduk 15.000 jiwa. Jumlah masyarakat pekerja 5.000 pekerja, kebanyakan petani, dan BPJS "
     "Ketenagakerjaan mengajak mereka mendaftar.", []),
    # D2: participation verbs decide, whatever the noun, even after a claim figure
    ("BPJS Ketenagakerjaan Cabang Lembah membayar klaim Rp37 miliar pada 2024. Di kecamatan tersebut, baru 9.500 "
     "pekerja informal yang terlindungi BPJS Ketenagakerjaan.",
     [("claim_amount", 37_000_000_000), ("participants", 9500)]),
    ("Dari 850 desa di kabupaten itu, sudah sekitar 90 persen aparatur desa mendaftar sebagai peserta BPJS "
     "Ketenagakerjaan.",
     [("coverage_pct", 90.0)]),
    # D5: people an event befell, and candidates, are other (never participants or claim cases)
    ("PHK di pabrik itu menimpa sekitar 4.500 pekerja yang menjadi peserta BPJS Ketenagakerjaan.", [("other", 4500)]),
    ("Sekitar 9.000 pekerja masih menunggu verifikasi sebagai calon penerima subsidi upah dari BPJS Ketenagakerjaan.",
     [("other", 9000)]),
    ("Sebanyak 1.200 pekerja yang dirumahkan tercatat sebagai peserta BPJS Ketenagakerjaan Cabang Lembah.", [("other", 1200)]),
    # ... but a claim paid to them is a claim (JKP is paid on a PHK)
    ("BPJS Ketenagakerjaan Cabang Lembah membayar klaim JKP sepanjang 2024 Rp3 miliar untuk 410 pekerja yang terkena PHK.",
     [("claim_amount", 3_000_000_000), ("claim_cases", 410)]),
    # D3: generic person nouns count participants when the verb says so
    ("Desa Mekar mencatat 870 warganya kini terdaftar sebagai peserta BPJS Ketenagakerjaan.",
     [("participants", 870)]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_who_is_counted(extract, text, expected):
    assert [(r.metric, r.value) for r in extract(text, published="2024-06-01")] == expected
