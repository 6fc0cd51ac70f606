"""Period spans -> (start, end), and the article's own date."""
from __future__ import annotations

import pytest

from extractor.periods import article_date, combine, disjoint, parse_period

# (span as found, context year, start, end)
PERIODS = [
    ("sepanjang tahun 2022", None, "2022-01-01", "2022-12-31"),
    ("sepanjang 2023", None, "2023-01-01", "2023-12-31"),
    ("selama 2023", None, "2023-01-01", "2023-12-31"),
    ("pada 2023", None, "2023-01-01", "2023-12-31"),
    ("tahun 2015", None, "2015-01-01", "2015-12-31"),
    ("selama tahun 2016", None, "2016-01-01", "2016-12-31"),
    ("di 2024 ini", None, "2024-01-01", "2024-12-31"),
    ("Pada 2017 lalu", None, "2017-01-01", "2017-12-31"),
    ("tahun ini", 2024, "2024-01-01", "2024-12-31"),
    ("tahun lalu", 2024, "2023-01-01", "2023-12-31"),
    ("Januari–Mei 2021", None, "2021-01-01", "2021-05-31"),
    ("Januari-Juli 2022", None, "2022-01-01", "2022-07-31"),
    ("selama Januari-Juli 2022", None, "2022-01-01", "2022-07-31"),
    ("sejak Januari hingga Desember 2022", None, "2022-01-01", "2022-12-31"),
    ("sejak Januari hingga 20 November 2019", None, "2019-01-01", "2019-11-20"),
    ("Pada Januari sampai Juni 2024", None, "2024-01-01", "2024-06-30"),
    ("dari Januari sampai Maret 2024", None, "2024-01-01", "2024-03-31"),
    ("Januari 2023 sampai dengan Juni 2023", None, "2023-01-01", "2023-06-30"),
    ("Maret hingga 30 November 2020", None, "2020-03-01", "2020-11-30"),
    ("Desember 2019 s/d Februari 2020", None, "2019-12-01", "2020-02-29"),
    ("Agt–Des 2022", None, "2022-08-01", "2022-12-31"),
    ("hingga Juni 2020", None, None, "2020-06-30"),
    ("Hingga akhir Desember 2022", None, None, "2022-12-31"),
    ("sampai periode November 2016", None, None, "2016-11-30"),
    ("Posisi akhir Desember 2023", None, None, "2023-12-31"),
    ("per 31 Agustus 2024", None, None, "2024-08-31"),
    ("Hingga November", 2016, None, "2016-11-30"),
    ("Sampai akhir tahun 2016", None, None, "2016-12-31"),
    ("s/d Desember 2023", None, None, "2023-12-31"),
    ("s.d. Desember 2023", None, None, "2023-12-31"),
    ("sejak Januari 2024", None, "2024-01-01", None),
    ("triwulan I 2024", None, "2024-01-01", "2024-03-31"),
    ("triwulan II-2022", None, "2022-04-01", "2022-06-30"),
    ("kuartal III", 2023, "2023-07-01", "2023-09-30"),
    ("triwulan pertama tahun ini", 2024, "2024-01-01", "2024-03-31"),
    ("semester I", 2021, "2021-01-01", "2021-06-30"),
    ("sepanjang semester I tahun 2021", None, "2021-01-01", "2021-06-30"),
    ("semester II 2019", None, "2019-07-01", "2019-12-31"),
    ("sampai dengan triwulan III 2023", None, None, "2023-09-30"),
    ("s/d kuartal II 2024", None, None, "2024-06-30"),
    ("s.d semester I 2022", None, None, "2022-06-30"),
    ("Juni 2020", None, "2020-06-01", "2020-06-30"),
    ("tahun lalu Mei 2018", None, "2018-05-01", "2018-05-31"),
]


@pytest.mark.parametrize("text,year,start,end", PERIODS)
def test_parse_period(text, year, start, end):
    period = parse_period(text, year)
    assert period is not None, text
    assert period.iso() == (start, end)


@pytest.mark.parametrize("text", ["saat ini", "periode yang sama"])
def test_relative_periods_have_no_dates(text):
    period = parse_period(text, 2024)
    assert period is not None and not period.absolute


@pytest.mark.parametrize("text", ["Juni", "triwulan I"])
def test_no_year_no_period(text):
    assert parse_period(text, None) is None


def test_spans_in_one_clause_intersect():
    until = parse_period("hingga Maret 2024", None)
    quarter = parse_period("triwulan I", 2024)
    assert combine([until, quarter]).iso() == ("2024-01-01", "2024-03-31")
    year = parse_period("selama tahun 2020", None)
    until_nov = parse_period("hingga 30 November", 2020)
    assert combine([year, until_nov]).iso() == ("2020-01-01", "2020-11-30")


# (text start, url, header) -> (published, year)
DATES = [
    ("Situbondo, Jumat (26/1/2024), menyebutkan", None, None, "2024-01-26", 2024),
    ("kata Galih di Jayapura, Selasa (2/4/2024).", None, None, "2024-04-02", 2024),
    ("ujarnya, Rabu 6 Desember 2023.", None, None, "2023-12-06", 2023),
    ("Denpasar, Jumat (10/7) lalu.", None, None, None, None),
    ("teks", "https://x.example/2019/06/29/judul", None, "2019-06-29", 2019),
    ("teks", "https://x.example/read/20201226/215/1335461/judul", None, "2020-12-26", 2020),
    ("teks", "https://x.example/2023/03/judul-berita.html", None, None, 2023),
    ("teks", None, "2021-08-05", "2021-08-05", 2021),
    ("Kamis (1/2/2024)", "https://x.example/2019/06/29/judul", None, "2019-06-29", 2019),
    ("Kupang, 8 April 2024 - Klaim naik.", None, None, "2024-04-08", 2024),  # a city dateline
    ("Judul\n\nJAKARTA, 8 Agt 2023 (ANTARA) - Klaim naik.", None, None, "2023-08-08", 2023),
    ("Klaim naik di Kupang, 8 April 2024 - kata dia.", None, None, None, None),  # not at a line's start
]


@pytest.mark.parametrize("text,url,header,published,year", DATES)
def test_article_date(text, url, header, published, year):
    assert article_date(text, url, header) == (published, year)


@pytest.mark.parametrize("texts,expected", [
    (["pada 2022", "pada 2023"], True),
    (["Januari-Mei 2023", "Juni 2023"], True),
    (["sepanjang 2023", "hingga November 2023"], False),
    (["hingga Juni 2020", "Mei 2020"], False),
])
def test_disjoint(texts, expected):
    assert disjoint([parse_period(t, None) for t in texts]) is expected
