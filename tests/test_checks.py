"""Consistency checks as example tables: nothing flagged that honest rounding explains."""
from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date

import pytest

from extractor.checks import CrossArticleChecks, Interval, benefit_rules, check_article, interval, money, rules_for
from extractor.data import PATTERNS_DIR
from extractor.records import Article, Record

ARTICLE = Article(article_id="a", source_path="a.txt", text="Judul\nLead.\nBadan.", published="2024-02-01")


def rec(metric, value_text, value, program=None, qualifier="exact", unit=None, rid=None, sentence="", start=0, **kw):
    unit = unit or ("IDR" if value_text.lower().startswith("rp") else "percent" if "persen" in value_text or "%" in value_text else "count")
    fields = dict(article_id="a", record_id=rid or f"{metric}-{program}-{value}", metric=metric, value=value, unit=unit,
                  value_text=value_text, qualifier=qualifier, program=program, period_start="2023-01-01",
                  period_end="2023-12-31", branch="Kupang", sentence=sentence, start=start)
    fields.update(kw)
    return Record(**fields)


@pytest.mark.parametrize("text,value,qualifier,lo,hi", [
    ("Rp141,5 miliar", 141.5e9, "exact", 141.45e9, 141.6e9),
    ("Rp8 miliar", 8e9, "exact", 7.5e9, 9e9),
    ("Rp8 miliar", 8e9, "at_least", 7.5e9, float("inf")),
    ("Rp 342.869.184.542", 342_869_184_542, "exact", 342_869_184_542, 342_869_184_542),
    ("983 kasus", 983, "exact", 983, 983),
    ("19 ribu", 19_000, "approx", 17_500, 21_000),   # rounding, then one printed step either way
    ("30 persen", 30.0, "at_most", 0.0, 31.0),
])
def test_intervals(text, value, qualifier, lo, hi):
    got = interval(rec("claim_amount", text, value, qualifier=qualifier))
    assert got.lo == pytest.approx(lo) and got.hi == pytest.approx(hi)


COMPLETE = "Rincian klaim terdiri dari"

# (total, parts, findings expected) — amounts with their printing and qualifiers
SUMS = [
    # consistent: rounding and `lebih` explain the gaps
    (("Rp41,07 miliar", 41.07e9, "at_least"), [("Rp231 juta", 231e6, "at_least"), ("Rp32 miliar", 32e9, "at_least"), ("Rp8 miliar", 8e9, "at_least")], 0),
    (("Rp168,41 miliar", 168.41e9, "exact"), [("Rp153,56 miliar", 153.56e9, "exact"), ("Rp4,47 miliar", 4.47e9, "exact"), ("Rp9,32 miliar", 9.32e9, "exact"), ("Rp1,05 miliar", 1.05e9, "exact")], 0),
    (("Rp63 Milyar", 63e9, "exact"), [("Rp57 Milyar", 57e9, "exact"), ("Rp3,9 Milyar", 3.9e9, "exact"), ("Rp1,3 Milyar", 1.3e9, "exact"), ("Rp758 juta", 758e6, "exact")], 0),
    (("Rp10 miliar", 10e9, "approx"), [("Rp6 miliar", 6e9, "exact"), ("Rp4,9 miliar", 4.9e9, "exact")], 0),
    # inconsistent
    (("Rp 381 miliar", 381e9, "at_least"), [("Rp 342.869.184.542", 342_869_184_542, "exact"), ("Rp 32.563.500", 32_563_500, "exact"), ("Rp 3.650.207.392", 3_650_207_392, "exact")], 1),
    (("Rp48,5 miliar", 48.5e9, "exact"), [("Rp39,4 miliar", 39.4e9, "exact"), ("Rp4,1 miliar", 4.1e9, "exact"), ("Rp2,52 miliar", 2.52e9, "exact")], 1),
    (("Rp20 miliar", 20e9, "exact"), [("Rp15 miliar", 15e9, "exact"), ("Rp8 miliar", 8e9, "exact")], 1),
    (("Rp 377.085.961.969", 377_085_961_969, "exact"), [("Rp 200.000.000.000", 200e9, "exact"), ("Rp 177.085.961.968", 177_085_961_968, "exact")], 1),
]


@pytest.mark.parametrize("total,parts,expected", SUMS)
def test_sum_mismatch_amounts(total, parts, expected):
    programs = ["JHT", "JKM", "JKK", "JP", "JKP"]
    records = [rec("claim_amount", total[0], total[1], qualifier=total[2], sentence=COMPLETE)]
    records += [rec("claim_amount", t, v, program=programs[i], qualifier=q, sentence=COMPLETE) for i, (t, v, q) in enumerate(parts)]
    found = [f for f in check_article(ARTICLE, records) if f.check == "sum_mismatch"]
    assert len(found) == expected


@pytest.mark.parametrize("total,parts,sentence,expected", [
    (1_501, [260, 772, 469], "", 0),
    (29_466, [35_717, 983, 218, 2_628], "", 1),       # parts exceed the total: always a contradiction
    (99_728, [93_598, 3_361, 1_777], "", 0),           # a shortfall the article never says is complete
    (99_728, [93_598, 3_361, 1_777], COMPLETE, 1),     # ... unless it says the parts make the whole
])
def test_sum_mismatch_counts(total, parts, sentence, expected):
    programs = ["JHT", "JKK", "JKM", "JP"]
    records = [rec("claim_cases", f"{total} kasus", total, sentence=sentence)]
    records += [rec("claim_cases", f"{v} kasus", v, program=programs[i], sentence=sentence) for i, v in enumerate(parts)]
    assert len([f for f in check_article(ARTICLE, records) if f.check == "sum_mismatch"]) == expected


# (program, amount text, amount, cases, period end, check severity or None)
PER_CASE = [
    ("JKM", "Rp 32.563.500", 32_563_500, 983, "2022-12-31", "error"),     # Rp33 ribu per death
    ("JKM", "Rp3,159 miliar", 3_159e6, 179, "2023-12-31", "warning"),     # under the Rp42 juta lump sum
    ("JKM", "Rp17,7 miliar", 17.7e9, 676, "2016-12-31", None),            # Rp26 juta, over the Rp24 juta of 2016
    ("JKM", "Rp9,32 miliar", 9.32e9, 212, "2021-06-30", None),
    ("JKM", "Rp32 miliar", 32e9, 772, "2024-06-30", None),                # `lebih` could not be tested here: exact 41,5 juta is under
    ("JKK", "Rp4,47 miliar", 4.47e9, 362, "2021-06-30", None),
    ("JKK", "Rp 4.000", 4_000, 12, "2021-06-30", "error"),
    ("JHT", "Rp 2 triliun", 2e12, 1_000, "2023-12-31", "error"),
    ("JKP", "Rp2,2 miliar", 2.2e9, 60, "2023-12-31", "error"),            # above the PP 37/2021 cash maximum
    (None, "Rp 1,26 miliar", 1.26e9, 122_051, "2020-11-30", "error"),    # a total averaging Rp10 ribu
    (None, "Rp377 miliar", 377e9, 50_119, "2023-12-31", None),
]


@pytest.mark.parametrize("program,text,amount,cases,end,severity", PER_CASE)
def test_per_case(program, text, amount, cases, end, severity):
    records = [rec("claim_amount", text, amount, program=program, period_end=end, period_start=end[:4] + "-01-01"),
               rec("claim_cases", f"{cases} kasus", cases, program=program, period_end=end, period_start=end[:4] + "-01-01")]
    found = [f for f in check_article(ARTICLE, records) if f.check == "per_case_implausible"]
    if program == "JKM" and text == "Rp32 miliar":
        found = [f for f in found if f.severity == "error"]
        severity = None
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_at_least_amount_is_never_too_small():
    records = [rec("claim_amount", "Rp32 miliar", 32e9, program="JKM", qualifier="at_least", period_end="2024-06-30"),
               rec("claim_cases", "772 kasus", 772, program="JKM", period_end="2024-06-30")]
    assert not [f for f in check_article(ARTICLE, records) if f.check == "per_case_implausible"]


def test_scale_slip_is_suggested():
    records = [rec("claim_amount", "Rp 32.563.500", 32_563_500, program="JKM", period_end="2022-12-31"),
               rec("claim_cases", "983 kasus", 983, program="JKM", period_end="2022-12-31")]
    [finding] = check_article(ARTICLE, records)
    assert "miliar" in finding.message_id and "thousand" in finding.message_en
    assert finding.computed == pytest.approx(32_563_500 / 983)


@pytest.mark.parametrize("monthly,yearly,expected", [("Rp 16.800", "Rp 201.000", 1), ("Rp 16.800", "Rp 201.600", 0), ("Rp16,8 ribu", "Rp201 ribu", 0)])
def test_monthly_times_twelve(monthly, yearly, expected):
    from extractor.numbers import parse_amount

    records = [rec("contribution_amount", monthly, parse_amount(monthly).value, per="month"),
               rec("contribution_amount", yearly, parse_amount(yearly).value, per="year")]
    assert len([f for f in check_article(ARTICLE, records) if f.check == "arithmetic_mismatch"]) == expected


@pytest.mark.parametrize("stated,expected", [(250.0, 1), (150.0, 0)])
def test_stated_growth_against_its_numbers(stated, expected):
    s = "Peserta naik X persen dari 2.000 menjadi 5.000 orang."
    records = [rec("growth_pct", f"{stated:g} persen", stated, sentence=s, start=10),
               rec("participants", "2.000", 2000, sentence=s, start=20), rec("participants", "5.000 orang", 5000, sentence=s, start=30)]
    assert len([f for f in check_article(ARTICLE, records) if f.check == "arithmetic_mismatch"]) == expected


# (text, arithmetic_mismatch findings): stated changes and shares against the numbers written beside them
STATED = [
    # the levels after `naik dari` and `menjadi` are levels, so the stated change is checked against them
    ("Klaim BPJS Ketenagakerjaan Cabang Kupang naik dari Rp 10 miliar menjadi Rp 12 miliar atau naik 50 persen.", 1),
    ("Klaim BPJS Ketenagakerjaan Cabang Kupang naik dari Rp 10 miliar menjadi Rp 12 miliar atau naik 20 persen.", 0),
    ("Klaim BPJS Ketenagakerjaan Cabang Kupang naik 50 persen dari Rp 10 miliar menjadi Rp 12 miliar.", 1),
    # the figure after `dibanding` is the base
    ("Klaim BPJS Ketenagakerjaan Cabang Kupang pada 2023 Rp 12 miliar, naik 50 persen dibanding 2022 yang sebesar Rp 10 miliar.", 1),
    ("Klaim BPJS Ketenagakerjaan Cabang Kupang pada 2023 Rp 12 miliar, naik 20 persen dibanding 2022 yang sebesar Rp 10 miliar.", 0),
    # a share against the part and the whole (rounding-aware)
    ("Cakupan kepesertaan BPJS Ketenagakerjaan Cabang Kupang mencapai 40 persen, atau 40.000 dari 200.000 pekerja.", 1),
    ("Cakupan kepesertaan BPJS Ketenagakerjaan Cabang Kupang mencapai 20 persen, atau 40.000 dari 200.000 pekerja.", 0),
    ("Cakupan kepesertaan BPJS Ketenagakerjaan Cabang Kupang mencapai 20,5 persen, atau 41 ribu dari 200 ribu pekerja.", 0),
    ("Sebanyak 120.000 pekerja atau 40 persen dari 200.000 pekerja di Kupang belum terdaftar di BPJS Ketenagakerjaan.", 1),
    ("Sebanyak 120.000 pekerja atau 60 persen dari 200.000 pekerja di Kupang belum terdaftar di BPJS Ketenagakerjaan.", 0),
]


@pytest.mark.parametrize("text,expected", STATED)
def test_stated_computations_end_to_end(text, expected):
    from extractor.pipeline import process

    [(article, records)] = list(process([replace(ARTICLE, text=text)]))
    assert len([f for f in check_article(article, records) if f.check == "arithmetic_mismatch"]) == expected


def test_restatement_conflict_lead_against_body():
    article = replace(ARTICLE, text="Klaim Rp120 miliar\nLead berita.\nBadan berita menyebut klaim Rp104 miliar.")
    records = [rec("claim_amount", "Rp120 miliar", 120e9, start=6, rid="lead"),
               rec("claim_amount", "Rp104 miliar", 104e9, start=len(article.text) - 14, rid="body")]
    [finding] = check_article(article, records)
    assert finding.check == "restatement_conflict" and finding.evidence == ("lead", "body")


def test_benefit_rules_table_is_valid():
    rows = list(csv.DictReader(open(PATTERNS_DIR / "benefit_rules.csv", encoding="utf-8")))
    assert len(rows) == len(benefit_rules())
    for rule in benefit_rules():
        assert rule.program in {"JKM", "JKK", "JHT", "JP", "JKP", "BEASISWA", "BSU", "ALL"}
        assert rule.amount > 0 and rule.regulation
        assert rule.valid_to is None or rule.valid_to > rule.valid_from
    # one lump sum in force on any day, and the change of December 2019
    assert [r.amount for r in rules_for("JKM", date(2019, 6, 1)) if r.kind == "lump_sum"] == [24e6]
    assert [r.amount for r in rules_for("JKM", date(2020, 6, 1)) if r.kind == "lump_sum"] == [42e6]


@pytest.mark.parametrize("value,lang,text", [(1.26e9, "id", "Rp1,26 miliar"), (1.26e9, "en", "IDR 1.26 billion"),
                                             (42_000, "id", "Rp42.000"), (3.1e12, "id", "Rp3,1 triliun")])
def test_money_formatting(value, lang, text):
    assert money(value, lang) == text


def test_interval_arithmetic():
    assert (Interval(1, 2) + Interval(3, 4)) == Interval(4, 6)
    assert Interval(1, 2).meets(Interval(2, 3)) and not Interval(1, 2).meets(Interval(2.5, 3))


def _article(aid, text):
    return Article(article_id=aid, source_path=aid, text=text)


@pytest.mark.parametrize("kept", [{}, {"signatures_kept": 1, "pairs_kept": 1}])  # also when it has to read everything again
def test_cross_article_conflict_and_syndicated_copies(kept):
    release = "BPJamsostek Cabang Jember mencatat klaim sepanjang 2023 mencapai Rp196,4 miliar untuk 21.530 kasus " * 3
    other = "Sepanjang 2023 BPJS Ketenagakerjaan Cabang Jember membayarkan klaim senilai Rp169,4 miliar kata kepala cabang"
    checks = CrossArticleChecks(**kept)
    checks.add(_article("a", release), [rec("claim_amount", "Rp196,4 miliar", 196.4e9, rid="a1", article_id="a")])
    checks.add(_article("copy", release + " (salinan)"), [rec("claim_amount", "Rp196,4 miliar", 196.4e9, rid="c1", article_id="copy")])
    checks.add(_article("b", other), [rec("claim_amount", "Rp169,4 miliar", 169.4e9, rid="b1", article_id="b")])
    independent = "Di Jember pekerja menerima manfaat program jaminan sosial senilai total Rp196 miliar selama setahun penuh"
    checks.add(_article("d", independent), [rec("claim_amount", "Rp196 miliar", 196e9, rid="d1", article_id="d")])
    found = checks.findings()
    by_article = {f.article_id: f for f in found}
    assert set(by_article) == {"a", "copy", "b", "d"}
    assert set(by_article["b"].evidence) == {"b1", "a1", "c1", "d1"}
    assert "c1" not in by_article["a"].evidence       # the copy confirms, it does not conflict


def test_period_conflict_year_to_date_shrinks():
    checks = CrossArticleChecks()
    checks.add(_article("a", "x"), [rec("claim_amount", "Rp120 miliar", 120e9, rid="m", period_end="2023-06-30")])
    checks.add(_article("b", "y z"), [rec("claim_amount", "Rp90 miliar", 90e9, rid="s", period_end="2023-09-30", article_id="b")])
    assert {f.check for f in checks.findings()} == {"period_conflict"}


@pytest.mark.parametrize("whole_year,raised", [
    (408e9, False),   # the headline's full-year figure rounds the body's figure to 16 December: a restatement
    (405e9, False),
    (300e9, True),    # a real shrink within one article is still raised
])
def test_period_conflict_within_one_article(whole_year, raised):
    checks = CrossArticleChecks()
    checks.add(_article("a", "x"), [
        rec("claim_amount", "Rp409,59 miliar", 409.59e9, rid="body", period_end="2021-12-16"),
        rec("claim_amount", "Rp408 miliar", whole_year, rid="head", period_end="2021-12-31")])
    assert ("period_conflict" in {f.check for f in checks.findings()}) == raised


def test_signatures_tell_copies_from_other_texts():
    """A MinHash signature: 64 values, each shared by two texts with a chance equal to the Jaccard
    similarity of their 5-word shingles. A syndicated copy with an edited last line shares most of
    them; another report of the same figures shares almost none."""
    from extractor.checks import signature_hashes

    release = " ".join(f"Kalimat ke-{n} siaran pers BPJS Ketenagakerjaan Cabang Jember tentang klaim tahun 2023 nomor {n}."
                       for n in range(20))
    copy = release.rsplit(".", 2)[0] + ". Ditulis ulang oleh redaksi lain."
    other = " ".join(f"Laporan wartawan ke-{n} dari Jember soal pembayaran manfaat jaminan sosial pekerja {n}." for n in range(20))
    shared = lambda a, b: sum(x == y for x, y in zip(signature_hashes(a), signature_hashes(b))) / 64  # noqa: E731
    assert signature_hashes(release) == signature_hashes(release) and len(signature_hashes(release)) == 64
    assert shared(release, copy) >= 0.7
    assert shared(release, other) <= 0.1
    assert all(0 <= v < 2 ** 32 for v in signature_hashes(""))


def test_cross_article_index_entries_survive_the_trip_from_a_worker():
    """Workers send index_entries() as JSON: an open interval (`lebih dari`) comes back as infinity,
    and a lower bound does not conflict with a larger figure, while a smaller one does."""
    import json

    from extractor.checks import index_entries, signature_hashes

    checks = CrossArticleChecks()
    reports = {
        "a": ("Klaim JHT di Kupang sepanjang 2023 lebih dari Rp100 miliar menurut kepala kantor cabang",
              rec("claim_amount", "Rp100 miliar", 100e9, qualifier="at_least", rid="a1", article_id="a")),
        "b": ("Kantor Kupang membayar Rp150 miliar klaim tahun lalu kepada ribuan peserta di seluruh provinsi",
              rec("claim_amount", "Rp150 miliar", 150e9, rid="b1", article_id="b")),
        "c": ("Menurut laporan tahunan, nilai klaim yang dibayar cabang itu hanya Rp80 miliar untuk tahun yang sama",
              rec("claim_amount", "Rp80 miliar", 80e9, rid="c1", article_id="c")),
    }
    for aid, (text, record) in reports.items():
        entries = json.loads(json.dumps(index_entries([record])))
        assert entries[0][3] == float("inf") if aid == "a" else entries[0][3] < float("inf")
        checks.add_index(aid, signature_hashes(text), entries)
    found = {(f.article_id, f.evidence) for f in checks.findings()}
    assert found == {("a", ("a1", "c1")), ("b", ("b1", "c1")), ("c", ("c1", "a1", "b1"))}
