"""The checker's guards, as tables of invented articles: for each guard, wordings where the finding
must be raised and wordings where the checker must stay silent.

The records are given by hand, as the extractor may produce them, wrong ones included (a baseline
without its program, a regency row carrying the office's name, a rate typed as a case count, a
money figure read as a count): the checker must not trust a record more than the article's
structure supports. Every text here is invented.
"""
from __future__ import annotations

import bisect
from typing import Any

import pytest

from extractor.checks import CrossArticleChecks, check_article
from extractor.nlp import sentence_starts
from extractor.records import Article, Mention, Record


def build(text: str, figures: list[tuple[Any, ...]], title: str | None = None,
          published: str | None = "2024-02-01") -> tuple[Article, list[Record]]:
    """An article and its records. Each figure is (metric, value_text, value[, fields]); its
    value_text is looked up in the text in order (`again`: further mentions, looked up after it)."""
    article = Article(article_id="g", source_path="g.txt", text=text, title=title, published=published)
    starts = sentence_starts(text)

    def mention(at: int, value_text: str) -> Mention:
        i = bisect.bisect_right(starts, at) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        return Mention(at, at + len(value_text), value_text, text[starts[i]:end].strip(), "test")

    records, cursor = [], 0
    for n, figure in enumerate(figures):
        metric, value_text, value = figure[:3]
        fields: dict[str, Any] = dict(figure[3]) if len(figure) > 3 else {}
        at = text.index(value_text, cursor)
        cursor = at + 1
        mentions = [mention(at, value_text)]
        for again in fields.pop("again", ()):
            mentions.append(mention(text.index(again, at + 1), again))
        unit = "IDR" if value_text.lower().startswith("rp") else "percent" if "persen" in value_text else "count"
        base: dict[str, Any] = dict(article_id="g", record_id=f"r{n}", metric=metric, value=value, unit=unit,
                                    value_text=value_text, period_start="2023-01-01", period_end="2023-12-31",
                                    branch="Karangsari", sentence=mentions[0].sentence, start=at,
                                    end=at + len(value_text), mentions=tuple(mentions))
        base.update(fields)
        records.append(Record(**base))
    return article, records


def found(article: Article, records: list[Record]) -> list[tuple[str, str | None]]:
    return sorted((f.check, f.metric) for f in check_article(article, records))


SUM = ("sum_mismatch", "claim_amount")
SUM_CASES = ("sum_mismatch", "claim_cases")

# --------------------------------------------------------------------------- a sum needs structure

TIED = [
    # one sentence: the total and its parts joined by `terdiri dari`
    ("Klaim yang dibayar BPJS Ketenagakerjaan Cabang Karangsari sepanjang 2023 mencapai Rp20 miliar, terdiri dari "
     "JHT Rp15 miliar dan JKK Rp8 miliar.",
     [("claim_amount", "Rp20 miliar", 20e9), ("claim_amount", "Rp15 miliar", 15e9, {"program": "JHT"}),
      ("claim_amount", "Rp8 miliar", 8e9, {"program": "JKK"})], [SUM]),
    # a heading and its rows
    ("Rincian klaim Cabang Karangsari 2023 sebesar Rp20 miliar:\nJHT: Rp15 miliar\nJKK: Rp8 miliar\n",
     [("claim_amount", "Rp20 miliar", 20e9), ("claim_amount", "Rp15 miliar", 15e9, {"program": "JHT"}),
      ("claim_amount", "Rp8 miliar", 8e9, {"program": "JKK"})], [SUM]),
    # the total after its parts, with a total word
    ("Klaim JHT tercatat 1.200 kasus, JKK 300 kasus dan JKM 60 kasus. Kalau ditotal, ada 1.600 kasus sepanjang 2023.",
     [("claim_cases", "1.200 kasus", 1200, {"program": "JHT"}), ("claim_cases", "300 kasus", 300, {"program": "JKK"}),
      ("claim_cases", "60 kasus", 60, {"program": "JKM"}), ("claim_cases", "1.600 kasus", 1600)], [SUM_CASES]),
    # a total far above its parts, and a completeness statement in another sentence
    ("Cabang Karangsari membayar klaim Rp90 miliar sepanjang 2023.\nKepala cabang menyebut klaim itu terdiri dari "
     "empat program.\nPelayanan juga dipercepat.\nAdapun JHT Rp70,1 miliar, JKK Rp12,2 miliar, JKM Rp5,1 miliar dan JP Rp1,1 miliar.",
     [("claim_amount", "Rp90 miliar", 90e9), ("claim_amount", "Rp70,1 miliar", 70.1e9, {"program": "JHT"}),
      ("claim_amount", "Rp12,2 miliar", 12.2e9, {"program": "JKK"}), ("claim_amount", "Rp5,1 miliar", 5.1e9, {"program": "JKM"}),
      ("claim_amount", "Rp1,1 miliar", 1.1e9, {"program": "JP"})], [SUM]),
]

UNTIED = [
    # a count far below the list, in another topic, typed as a claim count by mistake
    ("Rinciannya, klaim JHT 1.200 kasus dan JKK 300 kasus sepanjang 2023.\nSaat ini sekitar 7.000 pekerja rentan "
     "terlindungi di wilayah itu, sedangkan 900 pekerja lain menunggu.",
     [("claim_cases", "1.200 kasus", 1200, {"program": "JHT"}), ("claim_cases", "300 kasus", 300, {"program": "JKK"}),
      ("claim_cases", "7.000 pekerja", 7000, {"qualifier": "approx"})]),
    # a shortfall the article never says is complete
    ("Klaim 2023 sebanyak 1.600 kasus. JHT 1.200 kasus dan JKK 300 kasus.",
     [("claim_cases", "1.600 kasus", 1600), ("claim_cases", "1.200 kasus", 1200, {"program": "JHT"}),
      ("claim_cases", "300 kasus", 300, {"program": "JKK"})]),
]


@pytest.mark.parametrize("text,figures,expected", TIED)
def test_a_total_tied_to_its_parts_is_checked(text, figures, expected):
    article, records = build(text, figures)
    assert found(article, records) == expected


@pytest.mark.parametrize("text,figures", UNTIED)
def test_no_sum_without_a_tie_or_a_completeness_statement(text, figures):
    assert found(*build(text, figures)) == []


def test_a_completeness_statement_about_claims_does_not_complete_a_segment_list():
    text = ("Klaim Cabang Karangsari Rp84,5 miliar itu terdiri dari JHT Rp75,5 miliar, JKK Rp4,5 miliar, JKM Rp4,4 miliar dan "
            "JP Rp0,1 miliar.\nHingga November 2023 tercatat 88.100 pekerja menjadi peserta aktif, dengan pekerja BPU sebanyak "
            "10.200 peserta dan penerima upah 21.800 peserta.")
    figures = [("claim_amount", "Rp84,5 miliar", 84.5e9), ("claim_amount", "Rp75,5 miliar", 75.5e9, {"program": "JHT"}),
               ("claim_amount", "Rp4,5 miliar", 4.5e9, {"program": "JKK"}), ("claim_amount", "Rp4,4 miliar", 4.4e9, {"program": "JKM"}),
               ("claim_amount", "Rp0,1 miliar", 0.1e9, {"program": "JP"}),
               ("participants", "88.100 pekerja", 88100), ("participants", "10.200 peserta", 10200, {"segment": "BPU"}),
               ("participants", "21.800 peserta", 21800, {"segment": "PU"})]
    assert found(*build(text, figures)) == []


def test_explicit_structure_is_an_error_a_far_heading_a_warning():
    article, records = build(*TIED[0][:2])
    assert [f.severity for f in check_article(article, records)] == ["error"]
    article, records = build(*TIED[3][:2])
    [finding] = check_article(article, records)
    assert finding.severity == "warning"
    assert "aturan" in finding.message_id.lower() and "rule" in finding.message_en.lower()


# --------------------------------------------------------------------------- mis-attached baselines

BASELINES = [
    ("Klaim JKM Cabang Karangsari Januari–Juli 2023 Rp2,1 miliar dari 48 kasus. Tahun lalu hanya Rp600 juta dari 14 "
     "kasus. Klaim JHT Rp30 miliar.",
     [("claim_amount", "Rp2,1 miliar", 2.1e9, {"program": "JKM"}), ("claim_cases", "48 kasus", 48, {"program": "JKM"}),
      ("claim_amount", "Rp600 juta", 600e6), ("claim_cases", "14 kasus", 14), ("claim_amount", "Rp30 miliar", 30e9, {"program": "JHT"})]),
    ("Pada 2022 klaim Cabang Karangsari hanya Rp1,2 miliar. Pada 2023 klaim JHT Rp5 miliar dan JKK Rp2 miliar.",
     [("claim_amount", "Rp1,2 miliar", 1.2e9), ("claim_amount", "Rp5 miliar", 5e9, {"program": "JHT"}),
      ("claim_amount", "Rp2 miliar", 2e9, {"program": "JKK"})]),
    ("Capaian itu melampaui klaim tahun sebelumnya sebesar Rp3 miliar. Rinciannya, JHT Rp4 miliar dan JKK Rp1,5 miliar.",
     [("claim_amount", "Rp3 miliar", 3e9), ("claim_amount", "Rp4 miliar", 4e9, {"program": "JHT"}),
      ("claim_amount", "Rp1,5 miliar", 1.5e9, {"program": "JKK"})]),
]


@pytest.mark.parametrize("text,figures", BASELINES)
def test_a_programless_figure_smaller_than_a_part_is_a_baseline(text, figures):
    assert found(*build(text, figures)) == []


def test_a_total_word_makes_a_small_total_a_total():
    text = "Total klaim Rp3 miliar terdiri dari JHT Rp4 miliar dan JKK Rp1,5 miliar."
    figures = [("claim_amount", "Rp3 miliar", 3e9), ("claim_amount", "Rp4 miliar", 4e9, {"program": "JHT"}),
               ("claim_amount", "Rp1,5 miliar", 1.5e9, {"program": "JKK"})]
    assert found(*build(text, figures)) == [SUM]


# --------------------------------------------------------------------------- regional rows are parts

PROGRAMS_90 = [("claim_amount", "Rp90 miliar", 90e9), ("claim_amount", "Rp70 miliar", 70e9, {"program": "JHT"}),
               ("claim_amount", "Rp15 miliar", 15e9, {"program": "JKK"}), ("claim_amount", "Rp5 miliar", 5e9, {"program": "JKM"})]
LEAD_90 = ("BPJS Ketenagakerjaan Cabang Karangsari membayar klaim Rp90 miliar sepanjang 2023, terdiri dari JHT Rp70 miliar, "
           "JKK Rp15 miliar dan JKM Rp5 miliar.\n")

REGION_ROWS = [
    (LEAD_90 + "Per kabupaten, klaim dari Kabupaten Karangsari Rp52 miliar, Kabupaten Wetan Rp20 miliar dan Kabupaten "
     "Kulon Rp18 miliar.",
     [("claim_amount", "Rp52 miliar", 52e9), ("claim_amount", "Rp20 miliar", 20e9, {"branch": "Wetan"}),
      ("claim_amount", "Rp18 miliar", 18e9, {"branch": "Kulon"})]),
    (LEAD_90 + "Dari sisi wilayah, Kota Karangsari menyumbang Rp40 miliar, disusul Kabupaten Lor Rp30 miliar.\nKabupaten "
     "Kidul hanya Rp20 miliar.",
     [("claim_amount", "Rp40 miliar", 40e9), ("claim_amount", "Rp30 miliar", 30e9, {"branch": "Lor"}),
      ("claim_amount", "Rp20 miliar", 20e9, {"branch": "Kidul"})]),
    (LEAD_90 + "Klaim yang dilayani KCP Karangsari Rp62 miliar, sementara KCP Mlati Rp28 miliar.",
     [("claim_amount", "Rp62 miliar", 62e9, {"office_level": "kcp"}),
      ("claim_amount", "Rp28 miliar", 28e9, {"branch": "Mlati", "office_level": "kcp"})]),
]


@pytest.mark.parametrize("text,rows", REGION_ROWS)
def test_a_row_named_like_the_office_is_never_its_total(text, rows):
    assert found(*build(text, PROGRAMS_90 + rows)) == []


@pytest.mark.parametrize("rows_text", [
    "Klaim itu diproses di KCP Lor sebesar Rp30 miliar dengan 2.900 kasus dan KCP Kidul sebesar Rp20 miliar dengan 2.100 kasus.",
    "Dari KCP Lor tercatat Rp30 miliar untuk 2.900 kasus, sedangkan KCP Kidul Rp20 miliar untuk 2.100 kasus.",
    "Kantor Cabang Pembantu Lor membayar Rp30 miliar bagi 2.900 kasus; Kantor Cabang Pembantu Kidul Rp20 miliar bagi 2.100 kasus.",
])
def test_sub_office_rows_kept_under_the_office_name_are_not_totals(rows_text):
    """Sub-office rows whose counts the extractor left under the office's name are parts of a
    breakdown by office, never a total of the office's program parts."""
    text = ("BPJS Ketenagakerjaan Cabang Karangsari membayar klaim untuk 5.000 kasus sepanjang 2023, terdiri dari JHT 3.000 kasus "
            "dan JKK 2.000 kasus.\n" + rows_text)
    kcp = {"office_level": "kcp"}
    figures = [("claim_cases", "5.000 kasus", 5000), ("claim_cases", "3.000 kasus", 3000, {"program": "JHT"}),
               ("claim_cases", "2.000 kasus", 2000, {"program": "JKK"}), ("claim_amount", "Rp30 miliar", 30e9, kcp),
               ("claim_cases", "2.900 kasus", 2900, kcp), ("claim_amount", "Rp20 miliar", 20e9, kcp),
               ("claim_cases", "2.100 kasus", 2100, kcp)]
    article, records = build(text, figures)
    assert found(article, records) == []
    from extractor.checks import Layout, region_rows
    assert {r.value_text for r in records if r.record_id in region_rows(Layout(article), records)} == \
        {"Rp30 miliar", "2.900 kasus", "Rp20 miliar", "2.100 kasus"}


def test_the_office_total_is_still_checked_beside_its_rows():
    text, rows = REGION_ROWS[0]
    text = text.replace("JKM Rp5 miliar", "JKM Rp8 miliar")
    programs = PROGRAMS_90[:3] + [("claim_amount", "Rp8 miliar", 8e9, {"program": "JKM"})]
    article, records = build(text, programs + rows)
    [finding] = check_article(article, records)
    assert (finding.check, finding.stated, finding.computed) == ("sum_mismatch", 90e9, 93e9)


# --------------------------------------------------------------------------- the scope a total states

ROWS_5210 = "Rinciannya JHT 4.000 kasus, JKK 700 kasus, JKM 400 kasus dan JP 110 kasus. Di luar itu, beasiswa diberikan kepada 64 anak."
PARTS_5210 = [("claim_cases", "4.000 kasus", 4000, {"program": "JHT"}), ("claim_cases", "700 kasus", 700, {"program": "JKK"}),
              ("claim_cases", "400 kasus", 400, {"program": "JKM"}), ("claim_cases", "110 kasus", 110, {"program": "JP"}),
              ("claim_cases", "64 anak", 64, {"program": "BEASISWA"})]


@pytest.mark.parametrize("lead,total,expected", [
    ("Sepanjang 2023 tercatat total 5.210 kasus untuk JHT, JKK, JKM dan JP. ", 5210, []),
    ("Klaim 2023 sebanyak 5.210 kasus dari empat program, baik JHT, JKK, JKM maupun JP. ", 5210, []),
    ("Klaim 2023 sebanyak 5.210 kasus untuk Jaminan Hari Tua, Jaminan Kecelakaan Kerja, Jaminan Kematian dan Jaminan Pensiun. ", 5210, []),
    ("Sepanjang 2023 total 5.210 kasus mencakup JHT, JKK, JKM, JP dan beasiswa. ", 5210, [SUM_CASES]),
    ("Sepanjang 2023 tercatat total 5.300 kasus untuk JHT, JKK, JKM dan JP. ", 5300, [SUM_CASES]),
])
def test_a_total_is_compared_only_with_the_programs_it_names(lead, total, expected):
    article, records = build(lead + ROWS_5210, [("claim_cases", f"{total:,}".replace(",", ".") + " kasus", total)] + PARTS_5210)
    assert found(article, records) == expected
    if expected and total == 5300:
        [finding] = check_article(article, records)
        assert finding.computed == 5210


# --------------------------------------------------------------------------- rates are not parts

@pytest.mark.parametrize("rate,total,expected", [
    ("dengan rata-rata 500 kasus setiap bulan", 6810, [SUM_CASES]),
    ("atau sekitar 25 kasus per hari", 6810, [SUM_CASES]),
    ("dengan rerata 500 kasus sebulan", 6810, [SUM_CASES]),
    ("dengan rata-rata setiap bulannya mencapai 500 kasus", 6810, [SUM_CASES]),
    ("dengan rata-rata setiap bulannya mencapai 500 kasus", 6800, []),
    ("dengan rata-rata 500 kasus setiap bulan", 6800, []),
])
def test_a_rate_is_left_out_of_a_breakdown(rate, total, expected):
    """The rate is left out, and the figure it follows stays in (the finding names 6.100, not the rate)."""
    rate_value = 25 if "hari" in rate else 500
    text = (f"Klaim Cabang Karangsari mencakup empat program.\nJHT tercatat 6.100 kasus {rate}. JKM 120 kasus, JKK 300 kasus "
            f"dan JP 280 kasus.\nBila keempatnya dijumlahkan, hasilnya {total:,} kasus.".replace(",", "."))
    figures = [("claim_cases", "6.100 kasus", 6100, {"program": "JHT"}),
               ("claim_cases", f"{rate_value} kasus", rate_value, {"program": "JHT"}),
               ("claim_cases", "120 kasus", 120, {"program": "JKM"}), ("claim_cases", "300 kasus", 300, {"program": "JKK"}),
               ("claim_cases", "280 kasus", 280, {"program": "JP"}),
               ("claim_cases", f"{total:,} kasus".replace(",", "."), total)]
    article, records = build(text, figures)
    assert found(article, records) == expected
    for finding in check_article(article, records):
        assert finding.computed == 6800


@pytest.mark.parametrize("text,value,rate", [
    ("Klaim per bulan Juni mencapai 6.100 kasus.", 6100, False),
    ("Setiap hari ada 140 warga yang datang.", 140, True),
    ("Rata-rata 25 kasus per hari diajukan.", 25, True),
    ("Klaim tercatat 6.100 kasus dengan rata-rata 500 kasus setiap bulan.", 6100, False),
])
def test_what_a_rate_is(text, value, rate):
    from extractor.checks import Layout

    value_text = f"{value:,}".replace(",", ".")
    article, [record] = build(text, [("claim_cases", value_text, value)])
    assert Layout(article).is_rate(record) is rate


# --------------------------------------------------------------------------- a case list missing a program

CASES_28600 = ("Klaim Cabang Karangsari sepanjang 2023 Rp354 miliar itu terdiri atas 28.600 kasus. JHT Rp300 miliar dari "
               "20.500 total kasus. JKK Rp40 miliar dari 4.800 kasus, JKM Rp11 miliar dari 260 kasus, JP Rp3 miliar dari 2.940 kasus.")


@pytest.mark.parametrize("jht_cases,expected", [(False, []), (True, [SUM_CASES])])
def test_a_case_list_without_a_program_the_amounts_have_is_not_compared(jht_cases, expected):
    figures: list[tuple[Any, ...]] = [("claim_amount", "Rp354 miliar", 354e9), ("claim_cases", "28.600 kasus", 28600),
                                      ("claim_amount", "Rp300 miliar", 300e9, {"program": "JHT"})]
    if jht_cases:
        figures.append(("claim_cases", "20.500 total kasus", 20500, {"program": "JHT"}))
    figures += [("claim_amount", "Rp40 miliar", 40e9, {"program": "JKK"}), ("claim_cases", "4.800 kasus", 4800, {"program": "JKK"}),
                ("claim_amount", "Rp11 miliar", 11e9, {"program": "JKM"}), ("claim_cases", "260 kasus", 260, {"program": "JKM"}),
                ("claim_amount", "Rp3 miliar", 3e9, {"program": "JP"}), ("claim_cases", "2.940 kasus", 2940, {"program": "JP"})]
    assert found(*build(CASES_28600, figures)) == expected


@pytest.mark.parametrize("jkm_period,expected", [({"period_start": "2023-12-01"}, []), ({}, [SUM])])
def test_a_breakdown_missing_a_part_read_with_another_period(jkm_period, expected):
    """One part got another period (its sentence named a month): the breakdown as read lacks it, so its
    shortfall proves nothing; read with the total's period, the real shortfall is found."""
    text = ("Klaim Cabang Karangsari sepanjang 2023 Rp90 miliar, terdiri dari JHT Rp70,1 miliar, JKK Rp12,2 miliar, "
            "JKM Rp5,1 miliar hingga Desember dan JP Rp1,1 miliar.")
    figures = [("claim_amount", "Rp90 miliar", 90e9), ("claim_amount", "Rp70,1 miliar", 70.1e9, {"program": "JHT"}),
               ("claim_amount", "Rp12,2 miliar", 12.2e9, {"program": "JKK"}),
               ("claim_amount", "Rp5,1 miliar", 5.1e9, {"program": "JKM", **jkm_period}),
               ("claim_amount", "Rp1,1 miliar", 1.1e9, {"program": "JP"})]
    assert found(*build(text, figures)) == expected


# --------------------------------------------------------------------------- money read as a count

def test_a_count_with_a_money_scale_word_is_read_as_money():
    text = ("Klaim Cabang Karangsari 408 Miliar\nSepanjang 2023 BPJS Ketenagakerjaan Cabang Karangsari membayar klaim "
            "Rp409,59 miliar.\nRinciannya JHT 33.700 kasus dan JKK 840 kasus.")
    figures = [("claim_cases", "408 Miliar", 408e9), ("claim_amount", "Rp409,59 miliar", 409.59e9),
               ("claim_cases", "33.700 kasus", 33700, {"program": "JHT"}), ("claim_cases", "840 kasus", 840, {"program": "JKK"})]
    article, records = build(text, figures, title="Klaim Cabang Karangsari 408 Miliar")
    assert found(article, records) == [("restatement_conflict", "claim_amount")]


# --------------------------------------------------------------------------- per case, only where it means per case

PAYOUTS = ("BPJS Ketenagakerjaan Cabang Karangsari menyerahkan santunan JKM dengan total Rp320 juta kepada lima ahli waris.\n"
           "Mereka adalah ahli waris dari Sri Wulandari sebesar Rp42.500.000, ahli waris dari Bambang Sutejo sebesar "
           "Rp150.250.000, ahli waris dari Dewi Anggraini sebesar Rp43.100.000, ahli waris dari Rudi Hartanto sebesar "
           "Rp42.000.000 dan ahli waris dari Yanti Susilo sebesar Rp42.150.000.")


def _payouts(text: str) -> list[tuple[Any, ...]]:
    jkm = {"program": "JKM"}
    amounts = [t for t in text.replace(",", " ").replace(".\n", " ").split() if t.startswith("Rp") and "." in t]
    return [("claim_amount", "Rp320 juta", 320e6, jkm), ("claim_cases", "lima ahli waris", 5, jkm)] + [
        ("claim_amount", a.rstrip("."), float(a.rstrip(".")[2:].replace(".", "")), jkm) for a in amounts]


@pytest.mark.parametrize("text,expected", [
    (PAYOUTS, []),                                                                   # the payouts add up to the total
    (PAYOUTS.replace("Rp150.250.000", "Rp160.250.000"), [("sum_mismatch", "claim_amount")]),   # they do not
])
def test_payouts_listed_one_by_one_are_summed_never_divided(text, expected):
    assert found(*build(text, _payouts(text))) == expected


@pytest.mark.parametrize("second,expected", [("Rp85.500.000", [("sum_mismatch", "claim_amount")]), ("Rp76.000.000", [])])
def test_payouts_typed_as_benefits_and_two_heirs_paid_alike(second, expected):
    """Each heir's payout is a benefit_amount; two heirs paid the same amount are one record with two mentions."""
    text = ("BPJS Ketenagakerjaan Cabang Wetan menyerahkan santunan JKM dengan total Rp250 juta kepada empat ahli waris.\n"
            f"Santunan diberikan kepada ahli waris dari Agus Salim sebesar Rp42.000.000, ahli waris dari Siti Rahma sebesar {second}, "
            "ahli waris dari Joko Susilo sebesar Rp42.000.000 dan ahli waris dari Maria Ulfa sebesar Rp90.000.000.")
    jkm = {"program": "JKM"}
    figures = [("claim_amount", "Rp250 juta", 250e6, jkm), ("claim_cases", "empat ahli waris", 4, jkm),
               ("benefit_amount", "Rp42.000.000", 42e6, {**jkm, "again": ["Rp42.000.000"]}),
               ("benefit_amount", second, float(second[2:].replace(".", "")), jkm),
               ("benefit_amount", "Rp90.000.000", 90e6, jkm)]
    assert found(*build(text, figures)) == expected


def test_two_families_paid_one_by_one():
    text = ("Santunan Rp109,1 juta diserahkan kepada dua keluarga peserta.\nKeluarga Budi Santoso menerima Rp61.220.400, "
            "sedangkan keluarga Rina Wati Rp47.880.150.")
    jkm = {"program": "JKM"}
    figures = [("claim_amount", "Rp109,1 juta", 109.1e6, jkm), ("claim_cases", "dua keluarga", 2, jkm),
               ("claim_amount", "Rp61.220.400", 61_220_400, jkm), ("claim_amount", "Rp47.880.150", 47_880_150, jkm)]
    assert found(*build(text, figures)) == []


def test_one_named_beneficiary_is_not_divided_by_a_head_count():
    text = "Ahli waris almarhum Joko Priyono menerima santunan JKM Rp8 juta, disaksikan 3 ahli waris lain."
    jkm = {"program": "JKM"}
    figures = [("claim_amount", "Rp8 juta", 8e6, jkm), ("claim_cases", "3 ahli waris", 3, jkm)]
    assert found(*build(text, figures)) == []


@pytest.mark.parametrize("text", [
    "Santunan JKM Rp8 juta diserahkan kepada ahli waris almarhum Joko Priyono, disaksikan 3 ahli waris lain.",
    "BPJS Ketenagakerjaan menyerahkan Rp8 juta kepada keluarga Sri Lestari; hadir pula 3 ahli waris lain.",
])
def test_a_payout_named_after_its_figure_is_not_divided_either(text):
    jkm = {"program": "JKM"}
    figures = [("claim_amount", "Rp8 juta", 8e6, jkm), ("claim_cases", "3 ahli waris", 3, jkm)]
    assert found(*build(text, figures)) == []


def test_a_real_per_case_slip_is_still_found():
    text = "Klaim JKM Cabang Karangsari sepanjang 2023 sebesar Rp3 juta untuk 10 kasus."
    figures = [("claim_amount", "Rp3 juta", 3e6, {"program": "JKM"}), ("claim_cases", "10 kasus", 10, {"program": "JKM"})]
    article, records = build(text, figures)
    assert [(f.check, f.severity) for f in check_article(article, records)] == [("per_case_implausible", "error")]


# --------------------------------------------------------------------------- stated growth across sentences

GROWTH = ("arithmetic_mismatch", "growth_pct")
JAN, JUL = {"period_start": "2023-01-01", "period_end": "2023-01-31"}, {"period_start": "2023-07-01", "period_end": "2023-07-31"}


@pytest.mark.parametrize("text,figures,expected", [
    ("Pada Januari 2023 klaim JHT Cabang Karangsari 2.100 peserta. Pada Juli 2023 naik menjadi 6.090 peserta. "
     "Kenaikannya disebut 290 persen.",
     [("claim_cases", "2.100 peserta", 2100, {"program": "JHT", **JAN}), ("claim_cases", "6.090 peserta", 6090, {"program": "JHT", **JUL}),
      ("growth_pct", "290 persen", 290.0, {"program": "JHT", **JUL})], [GROWTH]),
    ("Klaim JKK Cabang Karangsari pada 2022 Rp10 miliar. Pada 2023 klaim JKK mencapai Rp12 miliar. Pertumbuhannya mencapai 50 persen.",
     [("claim_amount", "Rp10 miliar", 10e9, {"program": "JKK", "period_start": "2022-01-01", "period_end": "2022-12-31"}),
      ("claim_amount", "Rp12 miliar", 12e9, {"program": "JKK"}), ("growth_pct", "50 persen", 50.0, {"program": "JKK"})], [GROWTH]),
    # the baseline lost its program and got the current period (as a wrong record may): `tahun lalu` says which is which
    ("Klaim JKM Cabang Karangsari Januari–Agustus 2023 Rp2,1 miliar dari 48 kasus.\nTahun lalu, klaim hanya 14 kasus dengan "
     "nilai Rp640 juta.\nKlaim JKM meningkat hampir 200 persen dari tahun sebelumnya.",
     [("claim_amount", "Rp2,1 miliar", 2.1e9, {"program": "JKM"}), ("claim_cases", "48 kasus", 48, {"program": "JKM"}),
      ("claim_cases", "14 kasus", 14), ("claim_amount", "Rp640 juta", 640e6),
      ("growth_pct", "200 persen", 200.0, {"program": "JKM", "qualifier": "at_most"})], [GROWTH]),
    # consistent
    ("Klaim JKK Cabang Karangsari pada 2022 Rp10 miliar. Pada 2023 klaim JKK mencapai Rp12 miliar. Pertumbuhannya mencapai 20 persen.",
     [("claim_amount", "Rp10 miliar", 10e9, {"program": "JKK", "period_start": "2022-01-01", "period_end": "2022-12-31"}),
      ("claim_amount", "Rp12 miliar", 12e9, {"program": "JKK"}), ("growth_pct", "20 persen", 20.0, {"program": "JKK"})], []),
    # another subject
    ("Klaim JKK Cabang Karangsari pada 2022 Rp10 miliar. Pada 2023 klaim JKK mencapai Rp12 miliar. Sementara itu, jumlah "
     "peserta aktif naik 12 persen.",
     [("claim_amount", "Rp10 miliar", 10e9, {"program": "JKK", "period_start": "2022-01-01", "period_end": "2022-12-31"}),
      ("claim_amount", "Rp12 miliar", 12e9, {"program": "JKK"}), ("growth_pct", "12 persen", 12.0)], []),
])
def test_a_stated_growth_is_checked_against_the_sentences_before_it(text, figures, expected):
    article, records = build(text, figures)
    assert found(article, records) == expected
    for finding in check_article(article, records):
        assert finding.severity == "warning"


@pytest.mark.parametrize("text,figures,expected", [
    # the before and after figures follow the stated growth
    ("Klaim JKK Cabang Karangsari naik 50 persen. Pada 2022 klaim JKK Rp10 miliar, sedangkan pada 2023 Rp12 miliar.",
     [("growth_pct", "50 persen", 50.0, {"program": "JKK"}),
      ("claim_amount", "Rp10 miliar", 10e9, {"program": "JKK", "period_start": "2022-01-01", "period_end": "2022-12-31"}),
      ("claim_amount", "Rp12 miliar", 12e9, {"program": "JKK"})], [GROWTH]),
    ("Klaim JKK Cabang Karangsari naik 20 persen. Pada 2022 klaim JKK Rp10 miliar, sedangkan pada 2023 Rp12 miliar.",
     [("growth_pct", "20 persen", 20.0, {"program": "JKK"}),
      ("claim_amount", "Rp10 miliar", 10e9, {"program": "JKK", "period_start": "2022-01-01", "period_end": "2022-12-31"}),
      ("claim_amount", "Rp12 miliar", 12e9, {"program": "JKK"})], []),
])
def test_a_stated_growth_before_its_figures(text, figures, expected):
    assert found(*build(text, figures)) == expected


SHARE = ("arithmetic_mismatch", "coverage_pct")


@pytest.mark.parametrize("text,figures,expected", [
    ("Cakupan kepesertaan di Kabupaten Lor baru 45 persen. Sebanyak 60.000 dari 200.000 pekerja di kabupaten itu sudah terdaftar.",
     [("coverage_pct", "45 persen", 45.0), ("participants", "60.000", 60000), ("other", "200.000 pekerja", 200000)], [SHARE]),
    ("Baru 60.000 dari 200.000 pekerja yang terdaftar. Artinya cakupan kepesertaan 45 persen.",
     [("participants", "60.000", 60000), ("other", "200.000 pekerja", 200000), ("coverage_pct", "45 persen", 45.0)], [SHARE]),
    ("Cakupan kepesertaan di Kabupaten Lor baru 30 persen. Sebanyak 60.000 dari 200.000 pekerja di kabupaten itu sudah terdaftar.",
     [("coverage_pct", "30 persen", 30.0), ("participants", "60.000", 60000), ("other", "200.000 pekerja", 200000)], []),
    # the complement: 70 percent not yet covered
    ("Sekitar 70 persen pekerja belum terlindungi. Sebanyak 60.000 dari 200.000 pekerja di kabupaten itu sudah terdaftar.",
     [("uncovered_pct", "70 persen", 70.0), ("participants", "60.000", 60000), ("other", "200.000 pekerja", 200000)], []),
    # two figures not joined by `dari`
    ("Cakupan kepesertaan di Kabupaten Lor baru 45 persen. Tercatat 60.000 pekerja formal dan 200.000 pekerja informal.",
     [("coverage_pct", "45 persen", 45.0), ("participants", "60.000 pekerja", 60000, {"segment": "PU"}),
      ("participants", "200.000 pekerja", 200000, {"segment": "BPU"})], []),
])
def test_a_share_against_the_part_and_whole_of_the_next_sentence(text, figures, expected):
    assert found(*build(text, figures)) == expected


# --------------------------------------------------------------------------- direction words

@pytest.mark.parametrize("text,figures,expected", [
    ("Klaim JHT Cabang Karangsari naik dari Rp12 miliar pada 2022 menjadi Rp10 miliar pada 2023.",
     [("claim_amount", "Rp12 miliar", 12e9, {"program": "JHT", "period_start": "2022-01-01", "period_end": "2022-12-31"}),
      ("claim_amount", "Rp10 miliar", 10e9, {"program": "JHT"})], [("arithmetic_mismatch", "claim_amount")]),
    ("Jumlah peserta aktif menurun dari 5.000 peserta menjadi 6.200 peserta.",
     [("participants", "5.000 peserta", 5000, {"period_end": "2022-12-31"}), ("participants", "6.200 peserta", 6200)],
     [("arithmetic_mismatch", "participants")]),
    ("Peserta aktif di wilayah itu bertambah dari 80.000 menjadi 75.000 orang.",
     [("participants", "80.000", 80000, {"period_end": "2022-12-31"}), ("participants", "75.000 orang", 75000)],
     [("arithmetic_mismatch", "participants")]),
    ("Klaim JHT Cabang Karangsari naik dari Rp10 miliar pada 2022 menjadi Rp12 miliar pada 2023.",
     [("claim_amount", "Rp10 miliar", 10e9, {"program": "JHT", "period_start": "2022-01-01", "period_end": "2022-12-31"}),
      ("claim_amount", "Rp12 miliar", 12e9, {"program": "JHT"})], []),
])
def test_a_direction_word_is_checked_against_its_two_figures(text, figures, expected):
    assert found(*build(text, figures)) == expected


# --------------------------------------------------------------------------- achievement of a target

@pytest.mark.parametrize("text,figures,expected", [
    ("Realisasi iuran Cabang Karangsari 2023 Rp91 miliar atau 182 persen dari target Rp60 miliar.",
     [("contribution_collected", "Rp91 miliar", 91e9), ("other", "182 persen", 182.0),
      ("contribution_collected", "Rp60 miliar", 60e9, {"target": True})], [("arithmetic_mismatch", "other")]),
    ("Target 2023 sebanyak 25.000 peserta baru. Hingga Desember tercatat 20.000 peserta baru atau 90 persen dari target.",
     [("new_participants", "25.000 peserta", 25000, {"target": True}), ("new_participants", "20.000 peserta", 20000),
      ("coverage_pct", "90 persen", 90.0)], [("arithmetic_mismatch", "coverage_pct")]),
    ("Capaian kepesertaan 12.000 pekerja dari target 10.000 pekerja, atau 120 persen dari target.",
     [("participants", "12.000 pekerja", 12000), ("participants", "10.000 pekerja", 10000, {"target": True}),
      ("other", "120 persen", 120.0)], []),
])
def test_a_stated_achievement_of_a_target(text, figures, expected):
    assert found(*build(text, figures)) == expected


# --------------------------------------------------------------------------- scale slips

def test_a_scale_word_that_contradicts_its_digits_is_named():
    text = "Klaim JHT Cabang Karangsari sepanjang 2023 mencapai Rp28.124.863.122 miliar."
    figures = [("claim_amount", "Rp28.124.863.122 miliar", 28_124_863_122e9, {"program": "JHT"})]
    article, records = build(text, figures)
    [finding] = check_article(article, records)
    assert (finding.check, finding.severity) == ("other", "warning")
    assert "28,12 miliar" in finding.message_id and "28.12 billion" in finding.message_en


@pytest.mark.parametrize("written,value,expected", [
    ("Rp28.124.863.122 juta", 28_124_863_122, [("other", "contribution_collected")]),   # digits of miliar, the word juta
    ("Rp1.250.000 miliar", 1_250_000, [("other", "contribution_collected")]),            # digits of juta, the word miliar
    ("Rp 84.000.000 juta", 84_000_000, []),                                                # the word repeats the digits' scale
])
def test_a_scale_word_read_against_the_digits_magnitude(written, value, expected):
    text = f"Iuran yang terkumpul di Cabang Karangsari sepanjang 2023 mencapai {written}."
    assert found(*build(text, [("contribution_collected", written, value)])) == expected


def test_a_well_written_amount_is_not_a_slip():
    text = "Klaim JHT Cabang Karangsari sepanjang 2023 mencapai Rp28,12 miliar atau Rp 28.124.863.122."
    figures = [("claim_amount", "Rp28,12 miliar", 28.12e9, {"program": "JHT", "again": ["Rp 28.124.863.122"]})]
    assert found(*build(text, figures)) == []


@pytest.mark.parametrize("jkm_text,jkm_value,expected", [
    ("Rp9,2 juta", 9.2e6, [("per_case_implausible", "claim_amount")]),       # Rp44 ribu per death: floor and neighbours
    ("Rp9,2 miliar", 9.2e9, []),
])
def test_one_program_a_thousand_times_off_its_neighbours(jkm_text, jkm_value, expected):
    text = (f"Klaim Cabang Karangsari 2023: JHT Rp120 miliar dari 9.000 kasus, JKK Rp14 miliar dari 1.200 kasus, JKM {jkm_text} "
            "dari 210 kasus.")
    figures = [("claim_amount", "Rp120 miliar", 120e9, {"program": "JHT"}), ("claim_cases", "9.000 kasus", 9000, {"program": "JHT"}),
               ("claim_amount", "Rp14 miliar", 14e9, {"program": "JKK"}), ("claim_cases", "1.200 kasus", 1200, {"program": "JKK"}),
               ("claim_amount", jkm_text, jkm_value, {"program": "JKM"}), ("claim_cases", "210 kasus", 210, {"program": "JKM"})]
    article, records = build(text, figures)
    assert found(article, records) == expected
    for finding in check_article(article, records):
        assert "miliar" in finding.message_id


@pytest.mark.parametrize("jht_text,jht_value,expected", [
    ("Rp12 juta", 12e6, [("per_case_implausible", "claim_amount")]),   # Rp13 ribu per JHT case: above the floor, 1000x off
    ("Rp12 miliar", 12e9, []),
])
def test_neighbours_find_a_slip_the_rules_allow(jht_text, jht_value, expected):
    text = (f"Klaim Cabang Karangsari 2023: JHT {jht_text} dari 900 kasus, JKK Rp14 miliar dari 1.200 kasus, JP Rp2 miliar "
            "dari 210 kasus.")
    figures = [("claim_amount", jht_text, jht_value, {"program": "JHT"}), ("claim_cases", "900 kasus", 900, {"program": "JHT"}),
               ("claim_amount", "Rp14 miliar", 14e9, {"program": "JKK"}), ("claim_cases", "1.200 kasus", 1200, {"program": "JKK"}),
               ("claim_amount", "Rp2 miliar", 2e9, {"program": "JP"}), ("claim_cases", "210 kasus", 210, {"program": "JP"})]
    article, records = build(text, figures)
    assert found(article, records) == expected
    for finding in check_article(article, records):
        assert finding.severity == "warning" and "1000" in finding.message_en.replace(".", "").replace(",", "")


# --------------------------------------------------------------------------- restatements: what the lead is

@pytest.mark.parametrize("text,figures,title,expected", [
    # no headline line: the first paragraph is the lead, the second the body; `yaitu` + program names is no breakdown
    ("BPJS Ketenagakerjaan Cabang Karangsari hingga Juli 2023 membayar klaim Rp130 miliar untuk lima program, yaitu JHT, "
     "JKK, JKM, JP dan JKP.\nUpaya perlindungan itu terlihat dari klaim yang sampai Juli 2023 mencapai Rp118 miliar untuk "
     "kelima program itu, yaitu JHT, JKK, JKM, JP dan JKP.\nPelayanan terus dipercepat.",
     [("claim_amount", "Rp130 miliar", 130e9), ("claim_amount", "Rp118 miliar", 118e9)], None, [("restatement_conflict", "claim_amount")]),
    # the headline against the first sentence
    ("Klaim Cabang Karangsari Tembus Rp408 Miliar\nSepanjang 2023 BPJS Ketenagakerjaan Cabang Karangsari membayar klaim "
     "senilai Rp409,59 miliar kepada para peserta.\nPelayanan terus dipercepat.",
     [("claim_amount", "Rp408 Miliar", 408e9), ("claim_amount", "Rp409,59 miliar", 409.59e9)],
     "Klaim Cabang Karangsari Tembus Rp408 Miliar", [("restatement_conflict", "claim_amount")]),
    # a headline for the year against the body's January to mid-December
    ("Tahun 2023 Cabang Karangsari Bayar Klaim 408 Miliar\nSepanjang 2023 BPJS Ketenagakerjaan Cabang Karangsari membayar "
     "klaim senilai Rp409,59 miliar, terhitung Januari hingga 16 Desember 2023.",
     [("claim_amount", "408 Miliar", 408e9, {"unit": "IDR"}),
      ("claim_amount", "Rp409,59 miliar", 409.59e9, {"period_end": "2023-12-16"})],
     "Tahun 2023 Cabang Karangsari Bayar Klaim 408 Miliar", [("restatement_conflict", "claim_amount")]),
    # a cumulative figure dated as its last month by mistake, restated with its full period
    ("Per akhir Juni 2023, Cabang Karangsari sudah menyalurkan klaim Rp95 miliar kepada peserta.\nSepanjang Januari–Juni "
     "2023 klaim yang dibayar kantor itu Rp88 miliar.",
     [("claim_amount", "Rp95 miliar", 95e9, {"period_start": "2023-06-01", "period_end": "2023-06-30"}),
      ("claim_amount", "Rp88 miliar", 88e9, {"period_start": "2023-01-01", "period_end": "2023-06-30"})], None,
     [("restatement_conflict", "claim_amount")]),
    # a headline for the year and a half-year figure in the lead are two figures
    ("Tahun 2023 Cabang Karangsari Bayar Klaim Rp400 Miliar\nHingga Juni 2023 BPJS Ketenagakerjaan Cabang Karangsari telah "
     "membayar klaim senilai Rp250 miliar kepada para peserta.",
     [("claim_amount", "Rp400 Miliar", 400e9), ("claim_amount", "Rp250 miliar", 250e9, {"period_end": "2023-06-30"})],
     "Tahun 2023 Cabang Karangsari Bayar Klaim Rp400 Miliar", []),
    # a quarter inside the half-year is another figure
    ("Sepanjang Januari–Juni 2023 Cabang Karangsari membayar klaim Rp100 miliar kepada peserta di lima kabupaten.\nPada "
     "triwulan kedua saja, klaim yang dibayar mencapai Rp55 miliar.",
     [("claim_amount", "Rp100 miliar", 100e9, {"period_end": "2023-06-30"}),
      ("claim_amount", "Rp55 miliar", 55e9, {"period_start": "2023-04-01", "period_end": "2023-06-30"})], None, []),
    # two body paragraphs are not a lead and its restatement
    ("Klaim Cabang Karangsari Naik\nBPJS Ketenagakerjaan Cabang Karangsari mencatat kenaikan klaim pada 2023 di tengah "
     "banyaknya pemutusan kerja.\nKlaim JHT mencapai Rp50 miliar.\nKlaim JHT di kantor itu sebelumnya Rp45 miliar.",
     [("claim_amount", "Rp50 miliar", 50e9, {"program": "JHT"}), ("claim_amount", "Rp45 miliar", 45e9, {"program": "JHT"})],
     "Klaim Cabang Karangsari Naik", []),
    # a figure of another topic, typed as a claim count by mistake
    ("BPJS Ketenagakerjaan Cabang Karangsari hingga Mei 2023 telah memproses 11.650 klaim senilai Rp116 miliar.\nPemutusan "
     "hubungan kerja di sebuah pabrik mencapai sekitar 8.000 orang.",
     [("claim_cases", "11.650 klaim", 11650), ("claim_cases", "8.000 orang", 8000, {"qualifier": "approx"})], None, []),
    # the office's own row in a breakdown by office
    ("Cabang Karangsari sepanjang 2023 memproses 23.100 klaim senilai Rp215 miliar.\nRinciannya pembayaran di Kantor Cabang "
     "Karangsari Rp168 miliar dengan 16.800 klaim. Kemudian KCP Lor Rp25 miliar dengan 3.300 klaim.",
     [("claim_cases", "23.100 klaim", 23100), ("claim_amount", "Rp215 miliar", 215e9), ("claim_amount", "Rp168 miliar", 168e9),
      ("claim_cases", "16.800 klaim", 16800), ("claim_amount", "Rp25 miliar", 25e9, {"branch": "Lor", "office_level": "kcp"}),
      ("claim_cases", "3.300 klaim", 3300, {"branch": "Lor", "office_level": "kcp"})], None, []),
    # the same, with the sub-office rows kept under the office's name (and told apart by their level only)
    ("Cabang Karangsari sepanjang 2023 memproses 23.100 klaim senilai Rp215 miliar.\nRinciannya pembayaran di Kantor Cabang "
     "Karangsari Rp168 miliar dengan 16.800 klaim. Kemudian KCP Lor Rp25 miliar dengan 3.300 klaim.",
     [("claim_cases", "23.100 klaim", 23100), ("claim_amount", "Rp215 miliar", 215e9), ("claim_amount", "Rp168 miliar", 168e9),
      ("claim_cases", "16.800 klaim", 16800), ("claim_amount", "Rp25 miliar", 25e9, {"region": "Lor"}),
      ("claim_cases", "3.300 klaim", 3300, {"region": "Lor"})], None, []),
    # a rounded headline
    ("Klaim Cabang Karangsari Tembus Rp352 Miliar\nSepanjang 2023 BPJS Ketenagakerjaan Cabang Karangsari membayar klaim "
     "senilai Rp352,5 miliar kepada para peserta.",
     [("claim_amount", "Rp352 Miliar", 352e9), ("claim_amount", "Rp352,5 miliar", 352.5e9)], "Klaim Cabang Karangsari Tembus Rp352 Miliar", []),
])
def test_restatement_between_the_lead_and_the_body(text, figures, title, expected):
    assert found(*build(text, figures, title=title)) == expected


# --------------------------------------------------------------------------- across articles: an open period

@pytest.mark.parametrize("wording,expected", [
    ("Sejak Januari 2020 hingga saat ini, klaim JHT Cabang Karangsari mencapai Rp136 miliar.", set()),
    ("Sejak Januari 2020 sampai sekarang klaim JHT Cabang Karangsari mencapai Rp136 miliar.", set()),
    ("Irfan merinci pembayaran sejak Januari 2020 hingga saat ini. Klaim JHT Cabang Karangsari dibayarkan Rp136 miliar.", set()),
    ("Pada Januari 2020 klaim JHT Cabang Karangsari mencapai Rp136 miliar.", {"cross_article_conflict"}),
])
def test_a_period_running_to_an_unknown_today_is_not_compared_across_articles(wording, expected):
    jan = {"period_start": "2020-01-01", "period_end": "2020-01-31", "program": "JHT"}
    a, ra = build(wording, [("claim_amount", "Rp136 miliar", 136e9, jan)])
    b, rb = build("Klaim JHT Cabang Karangsari pada Januari 2020 sebanyak Rp36,3 miliar menurut kepala kantor cabang itu.",
                  [("claim_amount", "Rp36,3 miliar", 36.3e9, jan)])
    b = Article(article_id="h", source_path="h.txt", text=b.text)
    rb = [Record(**{**{name: getattr(r, name) for name in r.__dataclass_fields__}, "article_id": "h", "record_id": "h0"}) for r in rb]
    checks = CrossArticleChecks()
    checks.add(a, ra)
    checks.add(b, rb)
    assert {f.check for f in checks.findings()} == expected
