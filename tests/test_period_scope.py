"""Period scope across sentences (dev2-errors.md, family A), as example tables of invented sentences:
text -> (value, period_start, period_end) of every record, in order."""
from __future__ import annotations

import pytest

PUBLISHED = "2023-12-20"

# A1: a sentence that restates the period of the figure just given refines it, and the breakdown
# that points back to it inherits the refined period.
REFINED_NEXT_SENTENCE = [
    ("Sepanjang 2022 BPJS Ketenagakerjaan Cabang Karangsari membayar klaim Rp212 miliar. Angka itu dihitung sejak "
     "Januari sampai 9 Desember 2022. Rinciannya, JHT Rp180 miliar dan JKK Rp32 miliar.",
     [(212_000_000_000, "2022-01-01", "2022-12-09"), (180_000_000_000, "2022-01-01", "2022-12-09"),
      (32_000_000_000, "2022-01-01", "2022-12-09")]),
    ("Selama tahun 2022 klaim yang dibayar BPJS Ketenagakerjaan Cabang Karangsari Rp90 miliar. Jumlah tersebut "
     "terhitung dari Januari hingga November 2022.",
     [(90_000_000_000, "2022-01-01", "2022-11-30")]),
    ("BPJS Ketenagakerjaan Cabang Karangsari membayar klaim JHT Rp50 miliar pada 2022. Nilai ini tercatat hingga "
     "akhir Oktober 2022.",
     [(50_000_000_000, "2022-01-01", "2022-10-31")]),
    # a period sentence that does not point back (no anaphor) leaves the figure before it alone
    ("BPJS Ketenagakerjaan Cabang Karangsari membayar klaim JHT Rp50 miliar pada 2022. Pada Oktober 2023 kantor "
     "itu pindah ke gedung baru.",
     [(50_000_000_000, "2022-01-01", "2022-12-31")]),
]

# A2: `dari/sejak <month> hingga saat ini/sekarang` starts at the 1st of that month and ends at the
# article's date; it never means that one month.
UNTIL_NOW = [
    ("Sejak Maret 2023 hingga saat ini, BPJS Ketenagakerjaan Cabang Tirtamulya telah membayar klaim JHT Rp61 miliar.",
     [(61_000_000_000, "2023-03-01", PUBLISHED)]),
    ("BPJS Ketenagakerjaan Cabang Tirtamulya mencatat pembayaran klaim dari Maret 2023 sampai sekarang. Klaim JHT "
     "yang dibayar Rp61 miliar.",
     [(61_000_000_000, "2023-03-01", PUBLISHED)]),
    ("Ia memaparkan klaim BPJS Ketenagakerjaan Cabang Tirtamulya dari periode Maret 2023 hingga kini. Kata dia, "
     "klaim JHT yang dibayar Rp61 miliar.",
     [(61_000_000_000, "2023-03-01", PUBLISHED)]),
    # a single month stays a month
    ("Pada Maret 2023 BPJS Ketenagakerjaan Cabang Tirtamulya membayar klaim JHT Rp6 miliar.",
     [(6_000_000_000, "2023-03-01", "2023-03-31")]),
]


def periods(records):
    return [(r.value, r.period_start, r.period_end) for r in records]


@pytest.mark.parametrize("text,expected", REFINED_NEXT_SENTENCE)
def test_period_refined_in_the_next_sentence(extract, text, expected):
    assert periods(extract(text, published=PUBLISHED)) == expected


@pytest.mark.parametrize("text,expected", UNTIL_NOW)
def test_since_a_month_until_now(extract, text, expected):
    assert periods(extract(text, published=PUBLISHED)) == expected


@pytest.mark.parametrize("text,published", [
    ("Koran Sukamaju, Senin 30 November 2020\nDiposting : 1 Juni 2020 16:17\n\nBPJS Ketenagakerjaan Cabang "
     "Tirtamulya membayar klaim JHT Rp6 miliar.", "2020-06-01"),
    ("Koran Sukamaju, Senin 30 November 2020\nDiterbitkan pada Selasa, 2 Juni 2020\n\nBPJS Ketenagakerjaan Cabang "
     "Tirtamulya membayar klaim JHT Rp6 miliar.", "2020-06-02"),
    ("Sukamaju, Senin (1/6/2020) - BPJS Ketenagakerjaan Cabang Tirtamulya membayar klaim JHT Rp6 miliar.",
     "2020-06-01"),
])
def test_posting_date_beats_the_masthead(text, published):
    from extractor.periods import article_date

    assert article_date(text, None, None)[0] == published
