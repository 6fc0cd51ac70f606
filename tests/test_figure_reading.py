"""Reading numbers and counts (dev2-errors.md, families F and D6), as example tables of invented
sentences: text -> (metric, program, value, per) of every record, in order."""
from __future__ import annotations

import pytest

CASES = [
    # F1: one modifier between a number and its noun
    ("Untuk JKK BPJS Ketenagakerjaan Cabang Lembah membayar Rp14,2 miliar dengan 2.310 total kasus.",
     [("claim_amount", "JKK", 14_200_000_000, None), ("claim_cases", "JKK", 2310, None)]),
    ("Klaim JHT BPJS Ketenagakerjaan Cabang Lembah mencapai Rp30 miliar dari 2.063 total klaim.",
     [("claim_amount", "JHT", 30_000_000_000, None), ("claim_cases", "JHT", 2063, None)]),
    # F2: money without `Rp` when a money scale says so; never a count
    ("Klaim yang Dicairkan BPJS Ketenagakerjaan Cabang Lembah Sari Tembus 87 Miliar",
     [("claim_amount", None, 87_000_000_000, None)]),
    ("Klaim BPJS Ketenagakerjaan Cabang Lembah naik dari 96,4 miliar menjadi Rp130,2 miliar.",
     [("claim_amount", None, 96_400_000_000, None), ("claim_amount", None, 130_200_000_000, None)]),
    ("Dana klaim JKM yang dibayarkan BPJS Ketenagakerjaan Cabang Lembah sebesar 850 juta.",
     [("claim_amount", "JKM", 850_000_000, None)]),
    # ... but `juta` with no money word is a count
    ("Peserta BPJS Ketenagakerjaan di provinsi itu kini 2 juta orang.", [("participants", None, 2_000_000, None)]),
    # D6: rates and averages are no case counts
    ("Rata-rata per hari kantor BPJS Ketenagakerjaan Cabang Lembah menerima 90 pengajuan klaim JHT.",
     [("other", "JHT", 90, "day")]),
    ("Klaim JHT BPJS Ketenagakerjaan Cabang Lembah 6.000 kasus, dengan rata-rata setiap bulannya mencapai 610 kasus.",
     [("claim_cases", "JHT", 6000, None), ("other", "JHT", 610, "month")]),
    ("Bila dirata-ratakan ada 200 orang yang mengajukan klaim ke BPJS Ketenagakerjaan Cabang Lembah.",
     [("other", None, 200, None)]),
    # a month after `per bulan` is a date, not a rate
    ("Pada tahun 2021 per bulan Juli, BPJS Ketenagakerjaan Cabang Lembah membayar klaim untuk 1.000 kasus.",
     [("claim_cases", None, 1000, None)]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_figure_reading(extract, text, expected):
    assert [(r.metric, r.program, r.value, r.per) for r in extract(text, published="2023-06-01")] == expected


# F5: bare `kurang N` means at most N; `kurang lebih` is approximate, `kurang dari` at most, `tak kurang dari` at least.
@pytest.mark.parametrize("text,qualifier", [
    ("Peserta aktif BPJS Ketenagakerjaan di kabupaten itu masih kurang 95.000 orang.", "at_most"),
    ("Pekerja yang ikut BPJS Ketenagakerjaan hanya mencapai kurang 170.000 orang.", "at_most"),
    ("Peserta BPJS Ketenagakerjaan Cabang Lembah kurang lebih 95.000 orang.", "approx"),
    ("Peserta BPJS Ketenagakerjaan Cabang Lembah kurang dari 95.000 orang.", "at_most"),
    ("Peserta BPJS Ketenagakerjaan Cabang Lembah tak kurang dari 95.000 orang.", "at_least"),
])
def test_kurang(extract, text, qualifier):
    assert [r.qualifier for r in extract(text, published="2023-06-01")] == [qualifier]
