"""Program inheritance (dev2-errors.md, family B), as example tables of invented sentences:
text -> (metric, program, value, period_start, period_end) of every record, in order."""
from __future__ import annotations

import pytest

PUBLISHED = "2023-12-20"

# B1: a program-less figure that goes on from the figure before it (a baseline, `tahun lalu`,
# `Angka itu`, `dibanding`) takes that figure's program; `tahun lalu` also moves its year back.
CONTINUED = [
    ("Klaim JKK BPJS Ketenagakerjaan Cabang Lembah pada 2022 Rp10,4 miliar untuk 1.020 kasus. Setahun sebelumnya hanya "
     "Rp7,9 miliar dari 860 kasus.",
     [("claim_amount", "JKK", 10_400_000_000, "2022-01-01", "2022-12-31"), ("claim_cases", "JKK", 1020, "2022-01-01", "2022-12-31"),
      ("claim_amount", "JKK", 7_900_000_000, "2021-01-01", "2021-12-31"), ("claim_cases", "JKK", 860, "2021-01-01", "2021-12-31")]),
    ("BPJS Ketenagakerjaan Cabang Lembah membayar klaim JKM Rp2,1 miliar untuk 49 kasus sepanjang 2021. Terjadi "
     "kenaikan dibandingkan tahun sebelumnya. Tahun lalu, klaim yang masuk 15 kasus dengan pembayaran Rp630 juta.",
     [("claim_amount", "JKM", 2_100_000_000, "2021-01-01", "2021-12-31"), ("claim_cases", "JKM", 49, "2021-01-01", "2021-12-31"),
      ("claim_cases", "JKM", 15, "2020-01-01", "2020-12-31"), ("claim_amount", "JKM", 630_000_000, "2020-01-01", "2020-12-31")]),
    ("Selama 2017 BPJS Ketenagakerjaan Cabang Lembah membayar klaim jaminan kecelakaan kerja Rp12,2 miliar. Jumlah "
     "itu melonjak dibandingkan tahun 2016 yang mencapai Rp8,8 miliar.",
     [("claim_amount", "JKK", 12_200_000_000, "2017-01-01", "2017-12-31"),
      ("claim_amount", "JKK", 8_800_000_000, "2016-01-01", "2016-12-31")]),
    # a figure that says it covers every program stays a total
    ("Klaim JKK BPJS Ketenagakerjaan Cabang Lembah 2022 Rp10,4 miliar. Dibanding itu, total klaim semua program "
     "pada 2022 Rp90 miliar.",
     [("claim_amount", "JKK", 10_400_000_000, "2022-01-01", "2022-12-31"),
      ("claim_amount", None, 90_000_000_000, "2022-01-01", "2022-12-31")]),
]

# B2: the program on a list heading governs the `label: value` lines under it, `Total klaim:` included.
LIST_HEADINGS = [
    ("BPJS Ketenagakerjaan Cabang Lembah membayar manfaat program lainnya pada 2023, yaitu:\n"
     "1. Jaminan Kecelakaan Kerja (JKK)\nTotal klaim: Rp3.115.200.000\nJumlah kasus: 204 klaim\n"
     "Manfaat ini mencakup perawatan dan santunan.\n2. Jaminan Kematian (JKM)\nTotal klaim: Rp6.950.000.000\n"
     "Jumlah klaim: 206 ahli waris",
     [("claim_amount", "JKK", 3_115_200_000), ("claim_cases", "JKK", 204), ("claim_amount", "JKM", 6_950_000_000),
      ("claim_cases", "JKM", 206)]),
    ("Rincian klaim BPJS Ketenagakerjaan Cabang Lembah 2023:\nA. JHT\n- Nominal dibayar: Rp40.000.000.000\n"
     "- Total kasus: 3.100 klaim\nB. JP\n- Nominal dibayar: Rp2.000.000.000\n- Total kasus: 120 klaim",
     [("claim_amount", "JHT", 40_000_000_000), ("claim_cases", "JHT", 3100), ("claim_amount", "JP", 2_000_000_000),
      ("claim_cases", "JP", 120)]),
    # a prose sentence after the list is no longer under its heading
    ("Klaim BPJS Ketenagakerjaan Cabang Lembah 2023:\n1. Jaminan Hari Tua (JHT)\nTotal klaim: Rp40.000.000.000\n\n"
     "Secara keseluruhan BPJS Ketenagakerjaan Cabang Lembah membayar klaim Rp45.000.000.000 pada 2023.",
     [("claim_amount", "JHT", 40_000_000_000), ("claim_amount", None, 45_000_000_000)]),
]


@pytest.mark.parametrize("text,expected", CONTINUED)
def test_follow_on_figure_takes_the_program_it_continues(extract, text, expected):
    got = [(r.metric, r.program, r.value, r.period_start, r.period_end) for r in extract(text, published=PUBLISHED)]
    assert got == expected


@pytest.mark.parametrize("text,expected", LIST_HEADINGS)
def test_list_heading_program(extract, text, expected):
    assert [(r.metric, r.program, r.value) for r in extract(text, published=PUBLISHED)] == expected


# B4: `JK` (and `JKm`), the older abbreviation, is JKM, inside a list too; a lower-case `jk` is no program.
@pytest.mark.parametrize("text,expected", [
    ("Kasus yang dibayar BPJS Ketenagakerjaan Cabang Langsa pada 2016: JHT 1.540 kasus, JK 82 kasus, JKK 97 kasus.",
     [("JHT", 1540), ("JKM", 82), ("JKK", 97)]),
    ("BPJS Ketenagakerjaan Cabang Langsa membayar klaim JK sebanyak 40 kasus pada 2017.", [("JKM", 40)]),
    ("BPJS Ketenagakerjaan Cabang Langsa membayar klaim JKm sebanyak 40 kasus pada 2017.", [("JKM", 40)]),
])
def test_old_abbreviation_of_jkm(extract, text, expected):
    assert [(r.program, r.value) for r in extract(text, published=PUBLISHED)] == expected
