"""Consistency checks: records -> findings, within an article and across articles.

Every printed figure stands for an interval: the values that round or truncate to it
(`Rp141,5 miliar` covers 141,45 .. 141,6 miliar), opened upwards by `lebih`, widened by
`sekitar`, closed from above by `hampir`. A finding is raised only when intervals cannot
meet, so honest rounding is never flagged. Benefit rules (patterns/benefit_rules.csv)
carry their regulation and the dates they were in force.
"""
from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations, groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterator, Sequence

from .data import gazetteer, lexicon, read_csv
from .numbers import parse_amount
from .records import Article, Finding, Record

INF = math.inf
FLOW_METRICS = {"claim_amount", "claim_cases", "contribution_collected", "new_participants"}


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def scale(self, k: float) -> "Interval":
        return Interval(self.lo * k, self.hi * k)


@lru_cache(maxsize=65536)
def _step(value_text: str, unit: str) -> float:
    amount = parse_amount(value_text, {"IDR": "IDR", "percent": "percent"}.get(unit))
    return amount.step if amount else 1.0


def step_of(record: Record) -> float:
    return _step(record.value_text, record.unit)


def interval(record: Record) -> Interval:
    """The values a printed figure can stand for, given its precision and qualifier."""
    v, s = abs(float(record.value)), step_of(record)
    exact_digits = s <= 1 and record.unit != "percent"
    lo, hi = (v, v) if exact_digits else (v - s / 2, v + s)
    if record.qualifier == "at_least":
        hi = INF
    elif record.qualifier == "at_most":
        lo = 0.0
    elif record.qualifier == "approx":
        widen = max(s, v * 0.01)
        lo, hi = max(0.0, lo - widen), hi + widen
    return Interval(lo, hi)


# --------------------------------------------------------------------------- benefit rules

@dataclass(frozen=True)
class BenefitRule:
    program: str
    kind: str  # floor, ceiling, lump_sum
    amount: float
    severity: str
    regulation: str
    valid_from: date
    valid_to: date | None
    note: str

    def applies(self, day: date | None) -> bool:
        if day is None:
            return self.valid_to is None
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@lru_cache(maxsize=1)
def benefit_rules() -> tuple[BenefitRule, ...]:
    rules = []
    for n, row in enumerate(read_csv("benefit_rules.csv"), 2):
        if row["kind"] not in ("floor", "ceiling", "lump_sum") or row["severity"] not in ("error", "warning"):
            raise ValueError(f"benefit_rules.csv:{n}: unknown kind or severity")
        rules.append(BenefitRule(
            row["program"], row["kind"], float(row["amount"]), row["severity"], row["regulation"],
            date.fromisoformat(row["valid_from"]), date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            row["note"],
        ))
    return tuple(rules)


def rules_for(program: str | None, day: date | None) -> list[BenefitRule]:
    key = program or "ALL"
    return [r for r in benefit_rules() if r.program == key and r.applies(day)]


# --------------------------------------------------------------------------- messages

def money(value: float, lang: str) -> str:
    """Rp1,26 miliar / IDR 1.26 billion."""
    v = abs(value)
    names = (("triliun", "trillion", 1e12), ("miliar", "billion", 1e9), ("juta", "million", 1e6))
    for id_word, en_word, size in names:
        if v >= size:
            number = f"{v / size:,.2f}".rstrip("0").rstrip(".")
            if lang == "id":
                return "Rp" + number.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + f" {id_word}"
            return f"IDR {number} {en_word}"
    whole = f"{v:,.0f}"
    return ("Rp" + whole.replace(",", ".")) if lang == "id" else f"IDR {whole}"


def number(value: float, unit: str, lang: str) -> str:
    if unit == "IDR":
        return money(value, lang)
    if unit == "percent":
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return (text.replace(".", ",") + " persen") if lang == "id" else text + "%"
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "id" else text


def _finding(article_id: str, check: str, severity: str, metric: str | None, program: str | None,
             msg_id: str, msg_en: str, evidence: list[Record], stated: float | None = None,
             computed: float | None = None) -> Finding:
    ids = tuple(r.record_id for r in evidence)
    fid = hashlib.sha1(f"{article_id}|{check}|{metric}|{program}|{'|'.join(ids)}".encode()).hexdigest()[:12]
    diff = None if stated is None or computed is None else computed - stated
    return Finding(article_id, fid, check, severity, metric, program, msg_id, msg_id, msg_en, stated, computed, diff, ids)


@lru_cache(maxsize=1)
def _labels() -> dict[str, list[str]]:
    import json

    from .data import PATTERNS_DIR

    return json.loads((PATTERNS_DIR / "labels.json").read_text(encoding="utf-8"))


def describe(r: Record, lang: str) -> str:
    """`nilai klaim JHT Cabang Jember, 2023-01-01–2023-12-31`."""
    base = r.metric.removesuffix("_change")
    name = _labels().get(base, [base, base])[0 if lang == "id" else 1]
    period = f"{r.period_start or '…'}–{r.period_end or '…'}"
    return " ".join(p for p in (name, r.program, r.segment, r.branch, period) if p)


def _sentence_has(record: Record, words: list[str]) -> bool:
    return bool(words) and _any_word(tuple(words)).search(record.sentence.lower()) is not None


@lru_cache(maxsize=64)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for `any of these words, standing alone`."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


# --------------------------------------------------------------------------- within one article

def check_article(article: Article, records: list[Record]) -> list[Finding]:
    findings: list[Finding] = []
    findings += sum_mismatches(article, records)
    findings += per_case(article, records)
    findings += arithmetic(article, records)
    findings += restatements(article, records)
    return findings


def _group_key(r: Record) -> tuple:
    return (r.metric, r.period_start, r.period_end, r.branch, r.target, r.per, r.unit)


def sum_mismatches(article: Article, records: list[Record]) -> list[Finding]:
    """Totals against their parts, by program and by segment."""
    complete_words = lexicon()["complete_breakdown_words"]
    groups: dict[tuple, list[Record]] = defaultdict(list)
    for r in records:
        if r.metric in ("claim_amount", "claim_cases", "participants", "contribution_collected", "employers"):
            groups[_group_key(r)].append(r)
    out = []
    for group in groups.values():
        for total in [r for r in group if r.program is None and r.segment is None] + \
                     [r for r in group if r.program is None and r.segment is not None]:
            for by in ("program", "segment"):
                if by == "segment" and total.segment is not None:
                    continue
                parts = [r for r in group if r is not total and getattr(r, by) is not None
                         and (by == "program" and (r.segment in (None, total.segment)) or by == "segment" and r.program == total.program)]
                labels = [getattr(r, by) for r in parts]
                if len(parts) < 2 or len(set(labels)) != len(labels):
                    continue
                whole = interval(total)
                summed = Interval(0.0, 0.0)
                for p in parts:
                    summed = summed + interval(p)
                if summed.meets(whole):
                    continue
                stated, computed = float(total.value), sum(float(p.value) for p in parts)
                excess = summed.lo > whole.hi
                complete = any(_sentence_has(r, complete_words) for r in [total, *parts])
                if not excess and not complete:
                    continue  # the article does not say the parts make the whole
                severity = "warning" if abs(computed - stated) <= 0.001 * max(stated, 1) else "error"
                unit = total.unit
                listing_id = " + ".join(number(float(p.value), unit, "id") for p in parts)
                listing_en = " + ".join(number(float(p.value), unit, "en") for p in parts)
                by_id = {"program": "program", "segment": "segmen"}[by]
                msg_id = (f"Jumlah rincian per {by_id} ({listing_id} = {number(computed, unit, 'id')}) "
                          f"{'melebihi' if excess else 'tidak mencapai'} total yang disebut "
                          f"({total.value_text} = {number(stated, unit, 'id')}); selisih {number(abs(computed - stated), unit, 'id')}.")
                msg_en = (f"The {by} breakdown ({listing_en} = {number(computed, unit, 'en')}) "
                          f"{'exceeds' if excess else 'falls short of'} the stated total "
                          f"({total.value_text} = {number(stated, unit, 'en')}); difference {number(abs(computed - stated), unit, 'en')}.")
                out.append(_finding(article.article_id, "sum_mismatch", severity, total.metric, None, msg_id, msg_en,
                                    [total, *parts], stated, computed))
    return out


def _pairs(records: list[Record], amount_metric: str, case_metric: str) -> list[tuple[Record, Record]]:
    amounts = [r for r in records if r.metric == amount_metric and not r.target and r.per is None]
    cases = [r for r in records if r.metric == case_metric and not r.target and r.per is None]
    out = []
    for a in amounts:
        same = [c for c in cases if (c.program, c.period_start, c.period_end, c.branch) == (a.program, a.period_start, a.period_end, a.branch)]
        if not same:
            continue
        best = min(same, key=lambda c: (c.sentence != a.sentence, abs(c.start - a.start)))
        out.append((a, best))
    return out


def _day(r: Record, article: Article) -> date | None:
    for value in (r.period_end, r.period_start, article.published):
        if value:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def per_case(article: Article, records: list[Record]) -> list[Finding]:
    """Amount / cases against the benefit rules in force for the period."""
    out = []
    for amount, cases in _pairs(records, "claim_amount", "claim_cases"):
        if float(cases.value) <= 0:
            continue
        a, c = interval(amount), interval(cases)
        lo = a.lo / c.hi if c.hi not in (0, INF) else 0.0
        hi = a.hi / c.lo if c.lo > 0 else INF
        avg = float(amount.value) / float(cases.value)
        day = _day(amount, article)
        for rule in rules_for(amount.program, day):
            broken = (rule.kind in ("floor", "lump_sum") and hi < rule.amount) or (rule.kind == "ceiling" and lo > rule.amount)
            if not broken:
                continue
            label = amount.program or "semua program"
            slip = slip_en = ""
            if rule.kind == "floor" and _plausible(avg * 1000, amount.program, day):
                slip = f" Bila tertulis seribu kali terlalu kecil (mis. 'juta' untuk 'miliar'), rata-ratanya {money(avg * 1000, 'id')}."
                slip_en = f" If printed a thousand times too small (e.g. 'juta' for 'miliar'), the average would be {money(avg * 1000, 'en')}."
            relation_id = "di bawah" if rule.kind != "ceiling" else "di atas"
            relation_en = "below" if rule.kind != "ceiling" else "above"
            msg_id = (f"{label}: {amount.value_text} / {number(float(cases.value), 'count', 'id')} kasus = "
                      f"{money(avg, 'id')} per kasus, {relation_id} {money(rule.amount, 'id')} ({rule.regulation}).{slip}")
            msg_en = (f"{amount.program or 'all programs'}: {number(float(amount.value), 'IDR', 'en')} / "
                      f"{number(float(cases.value), 'count', 'en')} cases = {money(avg, 'en')} per case, {relation_en} "
                      f"{money(rule.amount, 'en')} ({rule.regulation}: {rule.note}).{slip_en}")
            out.append(_finding(article.article_id, "per_case_implausible", rule.severity, "claim_amount", amount.program,
                                msg_id, msg_en, [amount, cases], rule.amount, avg))
            break
    return out


def _plausible(average: float, program: str | None, day: date | None) -> bool:
    return not any((r.kind in ("floor", "lump_sum") and average < r.amount) or (r.kind == "ceiling" and average > r.amount)
                   for r in rules_for(program, day) if r.severity == "error")


def arithmetic(article: Article, records: list[Record]) -> list[Finding]:
    """Stated computations: monthly x 12 = yearly, stated averages, stated percentage changes and shares."""
    out = []
    contributions = [r for r in records if r.metric == "contribution_amount"]
    for m in [r for r in contributions if r.per == "month"]:
        for y in [r for r in contributions if r.per == "year" and (r.program, r.segment) == (m.program, m.segment)]:
            if interval(m).scale(12).meets(interval(y)):
                continue
            computed = float(m.value) * 12
            msg_id = f"{m.value_text} per bulan x 12 = {money(computed, 'id')}, bukan {y.value_text} per tahun; selisih {money(abs(computed - float(y.value)), 'id')}."
            msg_en = f"{money(float(m.value), 'en')} a month x 12 = {money(computed, 'en')}, not {money(float(y.value), 'en')} a year; difference {money(abs(computed - float(y.value)), 'en')}."
            severity = "warning" if abs(computed - float(y.value)) <= 0.01 * computed else "error"
            out.append(_finding(article.article_id, "arithmetic_mismatch", severity, "contribution_amount", m.program, msg_id, msg_en, [m, y], float(y.value), computed))
    averages = [r for r in records if r.metric == "benefit_amount" and _sentence_has(r, ["rata-rata", "rerata"])]
    for amount, cases in _pairs(records, "claim_amount", "claim_cases"):
        for avg in [r for r in averages if (r.program, r.branch) == (amount.program, amount.branch)
                    and r.period_end in (None, amount.period_end)]:
            a, c = interval(amount), interval(cases)
            average = Interval(a.lo / c.hi if c.hi else 0.0, a.hi / c.lo if c.lo else INF)
            if average.meets(interval(avg)):
                continue
            value = float(amount.value) / float(cases.value)
            msg_id = f"Rata-rata yang disebut {avg.value_text}, padahal {amount.value_text} / {number(float(cases.value), 'count', 'id')} = {money(value, 'id')}."
            msg_en = f"The stated average is {money(float(avg.value), 'en')}, but {money(float(amount.value), 'en')} / {number(float(cases.value), 'count', 'en')} = {money(value, 'en')}."
            out.append(_finding(article.article_id, "arithmetic_mismatch", "warning", "claim_amount", amount.program, msg_id, msg_en, [avg, amount, cases], float(avg.value), value))
    out += _growth_checks(article, records)
    out += _share_checks(article, records)
    return out


_OF = re.compile(r"\bdari\b")


def _share_checks(article: Article, records: list[Record]) -> list[Finding]:
    """`40 persen, atau 40.000 dari 200.000 pekerja`: a stated share against the part and the whole
    written beside it (one share and two numbers in the sentence, `dari` between the numbers)."""
    out = []
    by_sentence: dict[str, list[tuple[int, int, Record]]] = {}
    for r in records:
        for m in r.mentions:
            by_sentence.setdefault(m.sentence, []).append((m.start, m.end, r))
    for items in by_sentence.values():
        shares = [r for _, _, r in items if r.unit == "percent" and r.metric != "growth_pct"]
        numbers = sorted(((a, b, r) for a, b, r in items if r.unit != "percent" and not r.metric.endswith("_change")),
                         key=lambda item: item[0])
        if len(shares) != 1 or len(numbers) != 2:
            continue
        (_, part_end, part), (whole_start, _, whole) = numbers
        share_start, share_end = next((a, b) for a, b, r in items if r is shares[0])
        between = article.text[part_end:whole_start]
        if part_end <= share_start and share_end <= whole_start:  # `40.000 pekerja atau 20 persen dari 200.000`
            between = article.text[part_end:share_start] + article.text[share_end:whole_start]
        if (part.unit != whole.unit or not 0 < float(part.value) < float(whole.value) or not _OF.search(between.lower())
                or any(c.isdigit() for c in between)):
            continue
        share, p, w = shares[0], interval(part), interval(whole)
        computed = Interval(p.lo / w.hi * 100 if w.hi != INF else 0.0, p.hi / w.lo * 100 if w.lo else INF)
        if computed.meets(interval(share)):
            continue
        value = float(part.value) / float(whole.value) * 100
        msg_id = f"Disebut {share.value_text}, padahal {part.value_text} dari {whole.value_text} adalah {number(value, 'percent', 'id')}."
        msg_en = (f"Stated {number(float(share.value), 'percent', 'en')}, but {part.value_text} of {whole.value_text} "
                  f"is {number(value, 'percent', 'en')}.")
        out.append(_finding(article.article_id, "arithmetic_mismatch", "error", share.metric, share.program, msg_id, msg_en,
                            [share, part, whole], float(share.value), value))
    return out


_COMPARED = re.compile(r"\b(?:dibandingkan|dibanding|daripada|ketimbang)\b")


def _growth_checks(article: Article, records: list[Record]) -> list[Finding]:
    """`naik 250 persen dari 2.000 menjadi 5.000`, `Rp12 miliar, naik 50 persen dibanding 2022 yang
    Rp10 miliar`: the stated change against the two numbers."""
    out = []
    for g in [r for r in records if r.metric == "growth_pct"]:
        same = sorted([r for r in records if r.sentence == g.sentence and r is not g and r.unit != "percent"
                       and not r.metric.endswith("_change")], key=lambda r: r.start)
        if len(same) != 2 or same[0].unit != same[1].unit:
            continue
        if re.search(r"\bdari\b.*\bmenjadi\b", g.sentence.lower()):
            before, after = same
        elif _COMPARED.search(article.text[same[0].end:same[1].start].lower()):
            after, before = same  # the figure after `dibanding` is the base
        else:
            continue
        if float(before.value) == 0:
            continue
        computed = (float(after.value) - float(before.value)) / float(before.value) * 100
        lo_b, lo_a = interval(before), interval(after)
        c_lo = (lo_a.lo - lo_b.hi) / lo_b.hi * 100 if lo_b.hi not in (0, INF) else -INF
        c_hi = (lo_a.hi - lo_b.lo) / lo_b.lo * 100 if lo_b.lo else INF
        if Interval(c_lo, c_hi).meets(interval(g).scale(1 if g.value >= 0 else -1)):
            continue
        msg_id = (f"Disebut {g.value_text}, padahal dari {before.value_text} menjadi {after.value_text} "
                  f"adalah perubahan {number(computed, 'percent', 'id')}.")
        msg_en = (f"Stated {number(float(g.value), 'percent', 'en')}, but {before.value_text} to {after.value_text} "
                  f"is a change of {number(computed, 'percent', 'en')}.")
        out.append(_finding(article.article_id, "arithmetic_mismatch", "error", "growth_pct", g.program, msg_id, msg_en,
                            [g, before, after], float(g.value), computed))
    return out


def _lead_end(article: Article) -> int:
    """End offset of the headline and lead paragraph."""
    paragraphs = [m.end() for m in re.finditer(r"[^\n]+", article.text)]
    return paragraphs[1] if len(paragraphs) > 1 else (paragraphs[0] if paragraphs else 0)


def restatements(article: Article, records: list[Record]) -> list[Finding]:
    """The lead and the body give the same figure different values that rounding cannot explain."""
    lead = _lead_end(article)
    breakdown = lexicon()["complete_breakdown_words"] + ["antara lain", "di antaranya", "masing-masing"]
    out = []
    groups: dict[tuple, list[Record]] = defaultdict(list)
    for r in records:
        groups[(r.metric, r.program, r.segment, r.period_start, r.period_end, r.branch, r.target, r.per)].append(r)
    for group in groups.values():
        for a, b in combinations(sorted(group, key=lambda r: r.start), 2):
            if a.start >= lead or b.start < lead or interval(a).meets(interval(b)):
                continue
            if _sentence_has(b, breakdown) or _place_before(article.text, b.start):
                continue
            ratio = max(float(a.value), float(b.value)) / max(min(float(a.value), float(b.value)), 1e-9)
            if ratio > 2:
                continue
            msg_id = f"Angka yang sama disebut dua kali dengan nilai berbeda: {a.value_text} di awal berita dan {b.value_text} di badan berita."
            msg_en = f"The same figure is stated twice with different values: {a.value_text} in the lead and {b.value_text} in the body."
            out.append(_finding(article.article_id, "restatement_conflict", "error", a.metric, a.program, msg_id, msg_en,
                                [a, b], float(a.value), float(b.value)))
    return out


def _place_before(text: str, start: int) -> bool:
    words = re.findall(r"[A-Za-z][\w-]*", text[max(0, start - 40):start])
    return any(gazetteer().lookup(" ".join(words[-n:])) for n in (1, 2) if len(words) >= n)


# --------------------------------------------------------------------------- across articles

_MERSENNE = (1 << 61) - 1  # the prime of the affine maps: larger than any 32-bit shingle hash


@lru_cache(maxsize=1)
def _affine_maps(count: int = 64, seed: int = 7):
    """The MinHash's `count` random maps h -> (a*h + b) mod p, drawn once. a and b stay below 2**32,
    so a*h + b fits in 64 bits for a 32-bit h."""
    import numpy as np

    rng = np.random.RandomState(seed)
    return (rng.randint(1, 1 << 32, size=count, dtype=np.uint64), rng.randint(0, 1 << 32, size=count, dtype=np.uint64))


def signature_hashes(text: str) -> list[int]:
    """A MinHash signature of the text's 5-word shingles: for each of 64 random affine maps of the
    shingles' 32-bit hashes, the least value. Two texts share a value with a chance equal to the
    Jaccard similarity of their shingle sets, so near-duplicates share most values."""
    import numpy as np

    words = re.findall(r"\w+", text.lower())
    shingles = [" ".join(words[i:i + 5]).encode("utf-8") for i in range(max(len(words) - 4, 1))]
    hashes = np.fromiter((int.from_bytes(hashlib.sha1(s).digest()[:4], "little") for s in shingles), dtype=np.uint64,
                         count=len(shingles))
    a, b = _affine_maps()
    values = (np.multiply.outer(hashes, a) + b) % np.uint64(_MERSENNE) & np.uint64(0xFFFFFFFF)
    return values.min(axis=0).tolist()


INDEX_FIELDS = ("record_id", "metric", "value", "unit", "value_text", "qualifier", "target", "program", "segment",
                "per", "period_start", "period_end", "branch")


def index_entries(records: Sequence[Record]) -> list[list[Any]]:
    """What the cross-article checks need of an article's records, made where the records are
    extracted: for each record with an office and a period, the key of the group of records that
    must agree (office, program, metric, segment, period, target, per), for a flow with a start the
    key of the group whose year-to-date figures may only grow (or None), the interval its figure
    stands for, and the INDEX_FIELDS that name it in a finding."""
    import json

    entries: list[list[Any]] = []
    for r in records:
        if not (r.branch and r.period_end):
            continue
        key = json.dumps([r.branch, r.program, r.metric, r.segment, r.period_start, r.period_end, r.target, r.per])
        flow = json.dumps([r.branch, r.program, r.metric, r.segment, r.period_start]) \
            if r.metric in FLOW_METRICS and r.period_start and not r.target else None
        span = interval(r)
        entries.append([key, flow, span.lo, span.hi, *(getattr(r, name) for name in INDEX_FIELDS)])
    return entries


class CrossArticleChecks:
    """Collects, article by article, what the cross-article checks need, then reduces.

    The index lives in SQLite (a file when `store` is given), so memory stays flat over
    archives of any size; only groups held by more than one record are loaded."""

    def __init__(self, duplicate_threshold: float = 0.5, store: Path | None = None,
                 signatures_kept: int = 1 << 12, pairs_kept: int = 1 << 14) -> None:
        """`signatures_kept` and `pairs_kept`: how many article signatures and same-source answers
        the reduce holds in memory (a few MB at most); beyond that it reads them again. Groups come
        in key order, office first, so the same articles meet again soon: more would not be faster."""
        import sqlite3

        self.threshold = duplicate_threshold
        self.store = store
        self.signatures_kept = signatures_kept
        self.pairs_kept = pairs_kept
        self._signatures: dict[str, array[int] | None] = {}
        self._pairs: dict[tuple[str, str], bool] = {}
        if store is not None and store.exists():
            store.unlink()
        self.db = sqlite3.connect(str(store) if store else ":memory:")
        self.db.execute("PRAGMA journal_mode=OFF")  # a scratch file, removed at the end: no journal, no fsync
        self.db.execute("PRAGMA synchronous=OFF")
        fields = ", ".join(INDEX_FIELDS)
        self.db.executescript(
            "CREATE TABLE sig (article_id TEXT PRIMARY KEY, hashes BLOB);"
            f"CREATE TABLE entry (key TEXT NOT NULL, flow TEXT, lo REAL, hi REAL, article_id TEXT, {fields});"
            # indexed as rows come (while the exporting process waits for workers), not in the final reduce
            "CREATE INDEX entry_key ON entry (key); CREATE INDEX entry_flow ON entry (flow) WHERE flow IS NOT NULL;")

    def add(self, article: Article, records: list[Record]) -> None:
        if entries := index_entries(records):
            self.add_index(article.article_id, signature_hashes(article.text), entries)

    def add_index(self, article_id: str, signature: list[int], entries: Sequence[Sequence[Any]]) -> None:
        """Index the entries made by index_entries() (in a worker process: they arrive as lists)."""
        if not entries:
            return
        self.db.execute("INSERT OR REPLACE INTO sig VALUES (?, ?)", (article_id, array("I", signature).tobytes()))
        marks = ", ".join("?" for _ in range(len(INDEX_FIELDS) + 5))
        self.db.executemany(f"INSERT INTO entry VALUES ({marks})", [(*e[:4], article_id, *e[4:]) for e in entries])

    def _groups(self, column: str) -> Iterator[list[tuple[Record, Interval]]]:
        """The groups of entries sharing a key (`column`: key or flow) held by more than one entry,
        in key order, each in input order: one query, streamed (a list of keys grows with the archive)."""
        fields = ", ".join(INDEX_FIELDS)
        rows = self.db.cursor().execute(
            f"SELECT {column}, lo, hi, article_id, {fields} FROM entry WHERE {column} IN "
            f"(SELECT {column} FROM entry WHERE {column} IS NOT NULL GROUP BY {column} HAVING COUNT(*) > 1) "
            f"ORDER BY {column}, rowid")
        for _, group in groupby(rows, key=itemgetter(0)):
            members = []
            for row in group:
                named = dict(zip(INDEX_FIELDS, row[4:]))
                named["target"] = bool(named["target"])  # SQLite keeps booleans as 0 and 1
                members.append((Record(article_id=row[3], **named), Interval(row[1], row[2])))
            yield members

    def _signature(self, article_id: str) -> array[int] | None:
        if article_id not in self._signatures:
            if len(self._signatures) >= self.signatures_kept:
                self._signatures.clear()
            row = self.db.execute("SELECT hashes FROM sig WHERE article_id=?", (article_id,)).fetchone()
            self._signatures[article_id] = array("I", row[0]) if row else None
        return self._signatures[article_id]

    def same_source(self, a: str, b: str) -> bool:
        """Whether two articles are copies of one text (one press release, syndicated): their
        signatures share at least `duplicate_threshold` of their values."""
        pair = (a, b) if a < b else (b, a)
        known = self._pairs.get(pair)
        if known is None:
            ha, hb = self._signature(a), self._signature(b)
            known = False
            if ha and hb:
                known = sum(x == y for x, y in zip(ha, hb)) / len(ha) >= self.threshold
            if len(self._pairs) >= self.pairs_kept:
                self._pairs.clear()
            self._pairs[pair] = known
        return known

    def close(self) -> None:
        self.db.close()
        if self.store is not None and self.store.exists():
            self.store.unlink()

    MAX_CITED = 10  # other articles named in one finding (the rest are counted)

    def findings(self) -> Iterator[Finding]:
        """Cross-article findings, streamed in a stable order (grouped by key, then by input order)."""
        for group in self._groups("key"):
            for this, span in group:
                others = [o for o, o_span in group if o.article_id != this.article_id and not o_span.meets(span)
                          and not self.same_source(o.article_id, this.article_id)]
                if not others:
                    continue
                what_id, what_en = describe(this, "id"), describe(this, "en")
                cited, more = others[:self.MAX_CITED], len(others) - self.MAX_CITED
                said = "; ".join(f"{o.value_text} ({o.article_id})" for o in cited)
                msg_id = f"Untuk {what_id}, berita ini menyebut {this.value_text}, berita lain menyebut {said}" + (
                    f", dan {more} berita lain." if more > 0 else ".")
                msg_en = f"For {what_en}, this article says {this.value_text}; other articles say {said}" + (
                    f", and {more} more." if more > 0 else ".")
                yield _finding(this.article_id, "cross_article_conflict", "error", this.metric, this.program,
                               msg_id, msg_en, [this, *cited], float(this.value), float(others[0].value))
        for flows in self._groups("flow"):
            for (a, a_span), (b, b_span) in combinations(sorted(flows, key=lambda entry: entry[0].period_end or ""), 2):
                if a.period_end == b.period_end or b_span.hi >= a_span.lo:
                    continue
                if a.article_id != b.article_id and self.same_source(a.article_id, b.article_id):
                    continue
                for this in {a.article_id: a, b.article_id: b}.values():
                    msg_id = (f"Angka kumulatif menurun: {describe(a, 'id')} {a.value_text}, tetapi {describe(b, 'id')} "
                              f"hanya {b.value_text}.")
                    msg_en = (f"A year-to-date figure shrinks: {describe(a, 'en')} {a.value_text}, but {describe(b, 'en')} "
                              f"only {b.value_text}.")
                    yield _finding(this.article_id, "period_conflict", "error", b.metric, b.program,
                                   " ".join(msg_id.split()), " ".join(msg_en.split()), [a, b], float(a.value), float(b.value))
