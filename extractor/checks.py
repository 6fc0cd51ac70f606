"""Consistency checks: records -> findings, within an article and across articles.

Every printed figure stands for an interval: the values that round or truncate to it
(`Rp141,5 miliar` covers 141,45 .. 141,6 miliar), opened upwards by `lebih`, widened by
`sekitar`, closed from above by `hampir`. A finding is raised only when intervals cannot
meet, so honest rounding is never flagged. Benefit rules (patterns/benefit_rules.csv)
carry their regulation and the dates they were in force.
"""
from __future__ import annotations

import bisect
import hashlib
import math
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass, replace
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

    def percent_of(self, whole: "Interval") -> "Interval":
        """Every percentage this part can be of that whole (an open whole gives 0 at the low end)."""
        return Interval(self.lo / whole.hi * 100 if whole.hi != INF else 0.0, self.hi / whole.lo * 100 if whole.lo else INF)


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


# --------------------------------------------------------------------------- cue words

@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The checker's language knowledge (patterns/checks.json): which words tie a total to its parts,
    mark a rate, a baseline, a direction, an open period, a regional row or a named beneficiary."""
    import json

    from .data import PATTERNS_DIR

    with open(PATTERNS_DIR / "checks.json", encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


@lru_cache(maxsize=64)
def _phrases(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of these words or phrases, standing alone (longest first; `kab.` may end in a dot)."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w-])", re.IGNORECASE)


def cue(name: str) -> re.Pattern[str]:
    words: list[str] = cues()[name]
    return _phrases(tuple(words))


@lru_cache(maxsize=1)
def _program_names() -> tuple[re.Pattern[str], dict[str, str]]:
    aliases: dict[str, str] = cues()["program_aliases"]
    return _phrases(tuple(aliases)), {k.lower(): v for k, v in aliases.items()}


def programs_named(text: str) -> set[str]:
    pattern, aliases = _program_names()
    return {aliases[m.group(0).lower()] for m in pattern.finditer(text)}


@lru_cache(maxsize=1)
def _money_scale() -> re.Pattern[str]:
    words: list[str] = cues()["money_scale_words"]
    return re.compile(r"\d\s*(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w])",
                      re.IGNORECASE)


_FULL_DIGITS = re.compile(r"(\d{1,3}(?:\.\d{3}){2,})(?:,\d+)?\s*(juta|miliar|milyar|milliar|triliun|trilyun)\b", re.IGNORECASE)
_SCALES = {"juta": 1e6, "miliar": 1e9, "milyar": 1e9, "milliar": 1e9, "triliun": 1e12, "trilyun": 1e12}


def scale_slip(r: Record) -> float | None:
    """A scale word that contradicts its digits: `Rp28.124.863.122 miliar` read as 28 124 863 122
    miliar, or `Rp28.124.863.122 juta` (digits of miliar, the word juta). The digits already say the
    whole amount, so the likely reading is the digits. None when not so."""
    m = _FULL_DIGITS.search(r.value_text)
    if r.unit != "IDR" or m is None:
        return None
    digits = float(m.group(1).replace(".", ""))
    scale = _SCALES[m.group(2).lower()]
    if abs(float(r.value) - digits * scale) <= 0.01 * digits * scale:
        return digits  # read as digits times the scale: an absurd amount
    magnitude = 1e12 if digits >= 1e12 else 1e9 if digits >= 1e9 else 1e6 if digits >= 1e6 else 0.0
    if magnitude and magnitude != scale:
        return digits  # `Rp28.124.863.122 juta`: the digits say miliar, the word says juta
    return None  # `Rp 84.000.000 juta`: the word only repeats the digits' own scale


def money_as_count(r: Record) -> bool:
    """A count whose text carries a money scale word (`408 Miliar`): rupiah misread as a count."""
    return r.unit == "count" and _money_scale().search(r.value_text) is not None


# --------------------------------------------------------------------------- where the records stand

@lru_cache(maxsize=1)
def _month_dates() -> re.Pattern[str]:
    """`per bulan Juni`, `setiap bulan Desember`: a date, not a rate."""
    months: dict[str, int] = lexicon()["months"]
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    return re.compile(r"\b(?:per|setiap|tiap)\s+bulan\s+(?:" + names + r")\b", re.IGNORECASE)


class Layout:
    """The article's sentences and where each record is mentioned in them."""

    def __init__(self, article: Article) -> None:
        from .nlp import sentence_starts

        self.text = article.text
        self.starts: list[int] = sentence_starts(article.text) or [0]
        self._complete: dict[str, bool] = {}
        self._places: dict[tuple[str, int], str | None] = {}  # (record id, offset) -> the place named before it
        self._rates: dict[tuple[str, int], bool] = {}

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def sentence_text(self, i: int) -> str:
        if i < 0 or i >= len(self.starts):
            return ""
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i]:end]

    def positions(self, r: Record) -> list[int]:
        return sorted({m.start for m in r.mentions} | {r.start})

    def sentences(self, r: Record) -> list[int]:
        return sorted({self.sentence_of(p) for p in self.positions(r)})

    def says(self, r: Record, name: str) -> bool:
        """Whether one of the sentences that mention r holds a cue of the list `name`."""
        pattern = cue(name)
        return any(pattern.search(self.sentence_text(i)) for i in self.sentences(r)) or \
            bool(r.sentence and pattern.search(r.sentence))

    def before(self, pos: int, width: int) -> str:
        """The text of the same sentence before pos, at most width characters."""
        start = self.starts[self.sentence_of(pos)]
        return self.text[max(start, pos - width):pos]

    def after(self, r: Record, width: int) -> str:
        i = self.sentence_of(r.start)
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.text[r.end:min(end, r.end + width)] if r.end > r.start else ""

    def complete_anywhere(self, metric: str) -> bool:
        """A statement anywhere in the article that a breakdown by program is complete (`terdiri dari
        lima program`, `kalau ditotal untuk empat program`): a completeness cue in a sentence that
        speaks of programs, or of the metric's own family (claims for a claim figure)."""
        key = "claim" if metric in ("claim_amount", "claim_cases") else "other"
        known = self._complete.get(key)
        if known is not None:
            return known
        self._complete[key] = answer = self._completeness_stated(key == "claim")
        return answer

    def _completeness_stated(self, claims: bool) -> bool:
        count: str = cues()["program_count_pattern"]
        family = cue("claim_words") if claims else None
        for i in range(len(self.starts)):
            sentence = self.sentence_text(i)
            if not (cue("completeness_words").search(sentence) or re.search(count, sentence, re.IGNORECASE)):
                continue
            if re.search(r"\bprogram\b", sentence, re.IGNORECASE) or len(programs_named(sentence)) >= 2 or \
                    (family is not None and family.search(sentence)):
                return True
        return False

    def is_rate(self, r: Record) -> bool:
        """`rata-rata 850 kasus setiap bulan`, `25 kasus per hari`: a rate, not a part of a total. The
        cue stands before the figure in its clause, or right after it (one word, its unit noun, at most between)."""
        if r.per is not None:
            return True
        key = (r.record_id, r.start)
        if key not in self._rates:
            self._rates[key] = self._rate_cue(r)
        return self._rates[key]

    def _rate_cue(self, r: Record) -> bool:
        before = _month_dates().sub(" ", re.split(r"[,;:\d]", self.before(r.start, 45))[-1])
        if cue("rate_words_before").search(before) or cue("rate_words_after").search(before):
            return True
        after = re.split(r"[,;:.\d]", self.after(r, 40))[0]
        m = cue("rate_words_after").search(after)
        return m is not None and len(after[:m.start()].split()) <= 1

    def place_named(self, r: Record) -> str | None:
        """The regency, city or sub-office named right before a figure (`Kabupaten Wetan Rp20 miliar`),
        unless it is the name of the reporting office itself (`BPJS Ketenagakerjaan Kabupaten Toba`)."""
        key = (r.record_id, r.start)
        if key in self._places:
            return self._places[key]
        window = self.before(r.start, 90)
        found = None
        for m in _place_regex().finditer(window):
            found = m
        self._places[key] = self._place_in(window, found)
        return self._places[key]

    def _place_in(self, window: str, found: re.Match[str] | None) -> str | None:
        if found is None:
            return None
        between = window[found.end():]
        if re.search(r",\s|;|\b(?:dan|serta|sedangkan|sementara)\b", between):
            return None  # the place belongs to another clause
        if cue("office_words").search(window[:found.start()][-28:]):
            return None
        return found.group(1).lower()

    def names_unit_before(self, r: Record) -> bool:
        """Whether r's sentence names a regency, city or sub-office before it (`KCP Metro … 2.802 klaim`)."""
        units: list[str] = cues()["region_units"]
        return _phrases(tuple(units)).search(self.before(r.start, 300)) is not None

    def named_beneficiary(self, r: Record) -> bool:
        """`ahli waris dari Sri Wulandari sebesar Rp…`, `keluarga Budi Santoso menerima Rp…`: one person's payout."""
        return self.beneficiary_at(r.start) is not None or self.beneficiary_after(r) is not None

    def beneficiary_after(self, r: Record) -> str | None:
        """`Rp42 juta kepada ahli waris almarhum Budi Santoso`: the beneficiary named right after the figure."""
        after = re.split(r"[,;.\d]\s", self.after(r, 80) + " ")[0]
        m = _beneficiary_regex(False).search(after)
        if m is None or cue("office_words").search(m.group(1)):
            return None
        return m.group(1)

    def beneficiary_at(self, pos: int) -> str | None:
        """The beneficiary named right before the figure at pos, or None."""
        window = self.before(pos, 80)
        last = None
        for m in _beneficiary_regex(True).finditer(window):
            last = m
        if last is None or re.search(r"\d", window[last.end():]) or cue("office_words").search(last.group(1)):
            return None
        return last.group(1)


@lru_cache(maxsize=1)
def _place_regex() -> re.Pattern[str]:
    """A region unit and the capitalised name after it (`Kabupaten Wetan`, `KCP Metro`)."""
    units: list[str] = cues()["region_units"]
    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?i:" + unit + r")\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)")


@lru_cache(maxsize=2)
def _beneficiary_regex(full_name: bool) -> re.Pattern[str]:
    """A beneficiary word and the name after it (its first word only, or the whole capitalised run)."""
    words: list[str] = cues()["beneficiary_words"]
    head = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    name = r"([A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*)*)" if full_name else r"([A-Z][a-z][\w'-]*)"
    return re.compile(r"(?<![\w-])(?i:" + head + r")\s+(?:(?i:alm\.?|almarhum|almarhumah)\s+)?" + name)


def region_rows(layout: Layout, records: list[Record]) -> set[str]:
    """Records that are rows of a breakdown by regency, city or sub-office: a place named before
    each, and another row of the same figure family for another place in the same or the next sentence."""
    named: dict[str, str] = {}
    for r in records:
        place = layout.place_named(r)
        if place is not None:
            named[r.record_id] = place
    rows: set[str] = set()
    for r in records:
        if r.record_id not in named:
            continue
        here = layout.sentence_of(r.start)
        for o in records:
            if (o is not r and o.record_id in named and named[o.record_id] != named[r.record_id]
                    and (o.metric, o.unit, o.program) == (r.metric, r.unit, r.program)
                    and abs(layout.sentence_of(o.start) - here) <= 1):
                rows.add(r.record_id)
                break
    return rows


def trusted(article: Article, records: list[Record]) -> tuple[list[Record], list[Finding]]:
    """The records the checks may rely on, and findings about records that cannot be read as printed:
    a count written with a money scale word is rupiah (a claim count becomes a claim amount), an
    amount whose scale word contradicts its digits is named as a slip and left out."""
    kept: list[Record] = []
    out: list[Finding] = []
    for r in records:
        digits = scale_slip(r)
        if digits is not None:
            word = _FULL_DIGITS.search(r.value_text)
            scale_word = word.group(2) if word else ""
            msg_id = (f"{r.value_text}: digitnya sudah menyebut jumlah penuh, jadi kata '{scale_word}' tampaknya salah tulis; "
                      f"bacaan yang masuk akal {money(digits, 'id')}. Aturan: kata skala (juta, miliar) tidak boleh bertentangan dengan digit lengkapnya.")
            msg_en = (f"{r.value_text}: the digits already give the whole amount, so the scale word '{scale_word}' looks like a "
                      f"slip; the likely reading is {money(digits, 'en')}. Rule: a scale word (juta, miliar) must not contradict the full digits.")
            out.append(_finding(article.article_id, "other", "warning", r.metric, r.program, msg_id, msg_en, [r],
                                float(r.value), digits))
            continue
        if money_as_count(r):
            if r.metric == "claim_cases":
                kept.append(replace(r, metric="claim_amount", unit="IDR"))
            continue
        kept.append(r)
    return kept, out


# --------------------------------------------------------------------------- within one article

def check_article(article: Article, records: list[Record]) -> list[Finding]:
    layout = Layout(article)
    records, findings = trusted(article, records)
    findings += sum_mismatches(article, records, layout)
    findings += per_case(article, records, layout)
    findings += arithmetic(article, records, layout)
    findings += restatements(article, records, layout)
    return findings


def _group_key(r: Record) -> tuple[str, str | None, str | None, str | None, bool, str | None, str]:
    return (r.metric, r.period_start, r.period_end, r.branch, r.target, r.per, r.unit)


SUM_METRICS = ("claim_amount", "claim_cases", "participants", "contribution_collected", "employers")
SIBLING = {"claim_amount": "claim_cases", "claim_cases": "claim_amount"}

TIE_RULES = {
    "list": ("total dan rinciannya dalam satu kalimat atau daftar (terdiri dari, rincian, meliputi, masing-masing)",
             "the total and its parts in one sentence or list (terdiri dari, rincian, meliputi, masing-masing)"),
    "summary": ("total disebut sesudah rinciannya dengan kata total (total, kalau ditotal, dijumlahkan)",
                "the total stated after its parts with a total word (total, kalau ditotal, dijumlahkan)"),
    "heading": ("total terdekat sebelum rinciannya, untuk kantor dan periode yang sama",
                "the nearest total before its parts, for the same office and period"),
}


def _tie(layout: Layout, total: Record, parts: list[Record], candidates: list[Record]) -> str | None:
    """How the text ties a total to its parts: `list` (one sentence, or the sentence before with a
    breakdown cue or a colon), `summary` (right after the parts, with a total word), `heading` (the
    nearest program-less figure before the parts); None when nothing ties them."""
    part_sentences = sorted({layout.sentence_of(p.start) for p in parts})
    if any(b - a > 2 for a, b in zip(part_sentences, part_sentences[1:])):
        return None  # the parts are not one breakdown
    first, last = part_sentences[0], part_sentences[-1]
    breakdown = cue("breakdown_words")
    mine = layout.sentences(total)
    for s in mine:
        if first <= s <= last:
            return "list"
        if s == first - 1 and (breakdown.search(layout.sentence_text(s)) or breakdown.search(layout.sentence_text(first))
                               or layout.sentence_text(s).rstrip().endswith(":")):
            return "list"
    for s in mine:
        if last < s <= last + 2 and cue("total_words").search(layout.sentence_text(s)):
            return "summary"
    first_pos = min(p.start for p in parts)
    earlier = [p for p in layout.positions(total) if p < first_pos]
    if not earlier:
        return None
    nearest = max(earlier)
    for other in candidates:
        if other is not total and any(nearest < p < first_pos for p in layout.positions(other)):
            return None  # another total stands nearer to the parts
    return "heading"


def _missing_programs(total: Record, parts: list[Record], records: list[Record], layout: Layout,
                              scope: set[str] | None) -> bool:
    """A case breakdown that lacks a program the amount breakdown of the same total has (or the other
    way round), or a program figure inside the breakdown's sentences that is not among its parts: a
    part was not read (or read with another period), so a shortfall proves nothing."""
    sibling = SIBLING.get(total.metric, "")
    have = {p.program for p in parts}
    other = {r.program for r in records if r.metric == sibling and r.program is not None and not r.target
             and (r.period_start, r.period_end, r.branch) == (total.period_start, total.period_end, total.branch)
             and not layout.is_rate(r)}
    # a figure of the same family within the breakdown's sentences that the breakdown left out (read
    # with another period, say): the breakdown as read is not the one printed
    block = {layout.sentence_of(p.start) for p in parts}
    low, high = min(block), max(block)
    other |= {r.program for r in records if r.metric == total.metric and r.program is not None and r not in parts
              and not r.target and low <= layout.sentence_of(r.start) <= high}
    if scope:
        other &= scope
    return bool(other - have)


def _scope(layout: Layout, total: Record, parts: list[Record]) -> set[str] | None:
    """The programs a total says it covers (`5.210 kasus untuk JHT, JKK, JKM dan JP`), read from
    those of its sentences that hold none of the parts; None when it names fewer than two."""
    part_sentences = {layout.sentence_of(p.start) for p in parts}
    named: set[str] = set()
    for s in layout.sentences(total):
        if s not in part_sentences:
            found = programs_named(layout.sentence_text(s))
            if len(found) >= 2:
                named |= found
    return named or None


def sum_mismatches(article: Article, records: list[Record], layout: Layout | None = None) -> list[Finding]:
    """Totals against their parts, by program and by segment, where the article ties them together."""
    layout = layout or Layout(article)
    complete_words = lexicon()["complete_breakdown_words"]
    rows = region_rows(layout, records)
    groups: dict[tuple[str, str | None, str | None, str | None, bool, str | None, str], list[Record]] = defaultdict(list)
    for r in records:
        if r.metric in SUM_METRICS and not layout.is_rate(r) and r.record_id not in rows:
            groups[_group_key(r)].append(r)
    out = []
    for group in groups.values():
        totals = [r for r in group if r.program is None and r.segment is None] + \
                 [r for r in group if r.program is None and r.segment is not None]
        for total in totals:
            for by in ("program", "segment"):
                if by == "segment" and total.segment is not None:
                    continue
                parts = [r for r in group if r is not total and getattr(r, by) is not None
                         and (by == "program" and (r.segment in (None, total.segment)) or by == "segment" and r.program == total.program)]
                scope = _scope(layout, total, parts) if by == "program" and parts else None
                if scope:
                    parts = [p for p in parts if p.program in scope]
                labels = [getattr(r, by) for r in parts]
                if len(parts) < 2 or len(set(labels)) != len(labels):
                    continue
                candidates = [r for r in totals if r.segment == total.segment]
                tie = _tie(layout, total, parts, candidates)
                if tie is None:
                    continue
                whole = interval(total)
                if any(float(p.value) > float(total.value) for p in parts) and not layout.says(total, "total_words") and \
                        (tie != "list" or layout.says(total, "baseline_words")):
                    continue  # smaller than one of its parts, not called a total: a baseline, not this total
                summed = Interval(0.0, 0.0)
                for p in parts:
                    summed = summed + interval(p)
                if summed.meets(whole):
                    continue
                stated, computed = float(total.value), sum(float(p.value) for p in parts)
                excess = summed.lo > whole.hi
                complete_here = any(_sentence_has(r, complete_words) for r in [total, *parts])
                if not excess and not (complete_here or by == "program" and layout.complete_anywhere(total.metric)):
                    continue  # the article does not say the parts make the whole
                if not excess and by == "program" and _missing_programs(total, parts, records, layout, scope):
                    continue
                tiny = abs(computed - stated) <= 0.001 * max(stated, 1)
                severity = "error" if tie in ("list", "summary") and not tiny else "warning"
                unit = total.unit
                listing_id = " + ".join(number(float(p.value), unit, "id") for p in parts)
                listing_en = " + ".join(number(float(p.value), unit, "en") for p in parts)
                by_id = {"program": "program", "segment": "segmen"}[by]
                rule_id, rule_en = TIE_RULES[tie]
                scope_id = scope_en = ""
                if scope:
                    names = ", ".join(sorted(scope))
                    scope_id, scope_en = f" Hanya program yang disebut total itu ({names}).", f" Only the programs the total names ({names})."
                msg_id = (f"Jumlah rincian per {by_id} ({listing_id} = {number(computed, unit, 'id')}) "
                          f"{'melebihi' if excess else 'tidak mencapai'} total yang disebut "
                          f"({total.value_text} = {number(stated, unit, 'id')}); selisih {number(abs(computed - stated), unit, 'id')}."
                          f" Aturan: {rule_id}.{scope_id}")
                msg_en = (f"The {by} breakdown ({listing_en} = {number(computed, unit, 'en')}) "
                          f"{'exceeds' if excess else 'falls short of'} the stated total "
                          f"({total.value_text} = {number(stated, unit, 'en')}); difference {number(abs(computed - stated), unit, 'en')}."
                          f" Rule: {rule_en}.{scope_en}")
                out.append(_finding(article.article_id, "sum_mismatch", severity, total.metric, None, msg_id, msg_en,
                                    [total, *parts], stated, computed))
    out += _payout_sums(article, records, layout)
    return out


def _payout_sums(article: Article, records: list[Record], layout: Layout) -> list[Finding]:
    """Payouts listed one by one to named beneficiaries (claim or benefit amounts, each mention with
    its own name) against the stated total of the handover."""
    out = []
    groups: dict[tuple[str | None, str | None, str | None, str | None], list[Record]] = defaultdict(list)
    for r in records:
        if r.metric in ("claim_amount", "benefit_amount") and not r.target and r.per is None:
            groups[(r.program, r.period_start, r.period_end, r.branch)].append(r)
    for group in groups.values():
        paid: dict[str, Record] = {}
        where: dict[str, int] = {}
        for r in group:
            for pos in layout.positions(r):
                name = layout.beneficiary_at(pos)
                if name is not None and name not in paid:
                    paid[name], where[name] = r, pos
        if len(paid) < 2:
            continue
        items = list(paid.values())
        first = min(layout.sentence_of(p) for p in where.values())
        totals = [r for r in group if r.metric == "claim_amount" and r not in items and layout.sentence_of(r.start) < first
                  and all(float(r.value) > float(i.value) for i in items)]
        if len(totals) != 1:
            continue
        total = totals[0]
        summed = Interval(0.0, 0.0)
        for i in items:
            summed = summed + interval(i)
        whole = interval(total)
        if summed.meets(whole):
            continue
        excess = summed.lo > whole.hi
        heads = [c for c in records if c.metric == "claim_cases" and c.program == total.program
                 and layout.sentence_of(c.start) in layout.sentences(total)]
        if not excess and not (len(heads) == 1 and float(heads[0].value) == len(items)):
            continue  # not said to be every payout of the total
        stated, computed = float(total.value), sum(float(i.value) for i in items)
        listing_id = " + ".join(money(float(i.value), "id") for i in items)
        listing_en = " + ".join(money(float(i.value), "en") for i in items)
        msg_id = (f"Santunan yang disebut satu per satu ({listing_id} = {money(computed, 'id')}) "
                  f"{'melebihi' if excess else 'tidak mencapai'} totalnya ({total.value_text}); selisih {money(abs(computed - stated), 'id')}. "
                  "Aturan: santunan per penerima yang disebut namanya dijumlahkan dan dibandingkan dengan total penyerahan.")
        msg_en = (f"The payouts listed one by one ({listing_en} = {money(computed, 'en')}) "
                  f"{'exceed' if excess else 'fall short of'} their total ({total.value_text}); difference {money(abs(computed - stated), 'en')}. "
                  "Rule: payouts to named beneficiaries are summed and compared with the stated total of the handover.")
        out.append(_finding(article.article_id, "sum_mismatch", "warning", "claim_amount", total.program, msg_id, msg_en,
                            [total, *dict.fromkeys(items)], stated, computed))
    return out


def _pairs(records: list[Record], amount_metric: str, case_metric: str, layout: Layout | None = None) -> list[tuple[Record, Record]]:
    """Amount and case count of the same program, period and office, where the amount is a claim
    total: never one named beneficiary's payout, and when several amounts share the key, only the
    one stated beside the count."""
    def usable(r: Record) -> bool:
        return not r.target and r.per is None and (layout is None or not layout.is_rate(r))

    amounts = [r for r in records if r.metric == amount_metric and usable(r)]
    cases = [r for r in records if r.metric == case_metric and usable(r)]
    out = []
    for a in amounts:
        key = (a.program, a.period_start, a.period_end, a.branch)
        same = [c for c in cases if (c.program, c.period_start, c.period_end, c.branch) == key]
        if not same:
            continue
        best = min(same, key=lambda c: (c.sentence != a.sentence, abs(c.start - a.start)))
        if layout is not None:
            if layout.named_beneficiary(a):
                continue
            siblings = [o for o in amounts if (o.program, o.period_start, o.period_end, o.branch) == key]
            if len(siblings) > 1:
                here = layout.sentence_of(a.start)
                if here not in layout.sentences(best) or any(
                        o is not a and layout.sentence_of(o.start) == here for o in siblings):
                    continue  # payouts listed one by one, or two amounts beside one count
            if len([c for c in same if layout.sentence_of(c.start) == layout.sentence_of(best.start)]) > 1:
                continue
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


PER_CASE_RULE = ("nilai klaim ÷ jumlah kasus dari program, periode dan kantor yang sama",
                 "claim amount ÷ claim cases of the same program, period and office")


def per_case(article: Article, records: list[Record], layout: Layout | None = None) -> list[Finding]:
    """Amount / cases against the benefit rules in force for the period, and against the other
    programs of the same office and period (one program a thousand times off is a scale slip)."""
    layout = layout or Layout(article)
    out = []
    pairs = _pairs(records, "claim_amount", "claim_cases", layout)
    flagged: set[str] = set()
    for amount, cases in pairs:
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
                      f"{money(avg, 'id')} per kasus, {relation_id} {money(rule.amount, 'id')} ({rule.regulation}).{slip}"
                      f" Aturan: {PER_CASE_RULE[0]}.")
            msg_en = (f"{amount.program or 'all programs'}: {number(float(amount.value), 'IDR', 'en')} / "
                      f"{number(float(cases.value), 'count', 'en')} cases = {money(avg, 'en')} per case, {relation_en} "
                      f"{money(rule.amount, 'en')} ({rule.regulation}: {rule.note}).{slip_en} Rule: {PER_CASE_RULE[1]}.")
            out.append(_finding(article.article_id, "per_case_implausible", rule.severity, "claim_amount", amount.program,
                                msg_id, msg_en, [amount, cases], rule.amount, avg))
            flagged.add(amount.record_id)
            break
    out += _thousandfold(article, [(a, c) for a, c in pairs if a.program is not None and float(c.value) > 0], flagged)
    return out


def _thousandfold(article: Article, pairs: list[tuple[Record, Record]], flagged: set[str]) -> list[Finding]:
    """One program whose amount per case is about a thousand times smaller or larger than that of
    the other programs of the same office and period: `juta` printed for `miliar`, or the reverse."""
    out = []
    groups: dict[tuple[str | None, str | None, str | None], list[tuple[Record, Record]]] = defaultdict(list)
    for a, c in pairs:
        groups[(a.period_start, a.period_end, a.branch)].append((a, c))
    for group in groups.values():
        if len(group) < 3:
            continue
        averages = [float(a.value) / float(c.value) for a, c in group]
        for n, (amount, cases) in enumerate(group):
            if amount.record_id in flagged:
                continue
            others = sorted(v for m, v in enumerate(averages) if m != n)
            middle = others[len(others) // 2] if len(others) % 2 else (others[len(others) // 2 - 1] + others[len(others) // 2]) / 2
            mine = averages[n]
            if mine <= 0 or middle <= 0:
                continue
            if middle / mine >= 300 and 0.1 <= mine * 1000 / middle <= 10:
                factor, word_id, word_en = 1000.0, "'juta' untuk 'miliar'", "'juta' for 'miliar'"
            elif mine / middle >= 300 and 0.1 <= mine / 1000 / middle <= 10:
                factor, word_id, word_en = 0.001, "'miliar' untuk 'juta'", "'miliar' for 'juta'"
            else:
                continue
            msg_id = (f"{amount.program}: {amount.value_text} / {number(float(cases.value), 'count', 'id')} kasus = "
                      f"{money(mine, 'id')} per kasus, sekitar 1000 kali {'lebih kecil' if factor > 1 else 'lebih besar'} dari program "
                      f"lain di kantor dan periode yang sama ({money(middle, 'id')}); kemungkinan tertulis {word_id}: "
                      f"bacaan yang masuk akal {money(float(amount.value) * factor, 'id')}. "
                      "Aturan: rata-rata per kasus dibandingkan antarprogram kantor yang sama.")
            msg_en = (f"{amount.program}: {money(float(amount.value), 'en')} / {number(float(cases.value), 'count', 'en')} cases = "
                      f"{money(mine, 'en')} per case, about 1000 times {'smaller' if factor > 1 else 'larger'} than the other "
                      f"programs of the same office and period ({money(middle, 'en')}); likely {word_en}: the likely reading is "
                      f"{money(float(amount.value) * factor, 'en')}. Rule: the average per case compared across the office's programs.")
            out.append(_finding(article.article_id, "per_case_implausible", "warning", "claim_amount", amount.program,
                                msg_id, msg_en, [amount, cases], middle, mine))
    return out


def _plausible(average: float, program: str | None, day: date | None) -> bool:
    return not any((r.kind in ("floor", "lump_sum") and average < r.amount) or (r.kind == "ceiling" and average > r.amount)
                   for r in rules_for(program, day) if r.severity == "error")


def arithmetic(article: Article, records: list[Record], layout: Layout | None = None) -> list[Finding]:
    """Stated computations: monthly x 12 = yearly, stated averages, stated percentage changes, shares,
    achievements of a target, and direction words."""
    layout = layout or Layout(article)
    out = []
    contributions = [r for r in records if r.metric == "contribution_amount"]
    for m in [r for r in contributions if r.per == "month"]:
        for y in [r for r in contributions if r.per == "year" and (r.program, r.segment) == (m.program, m.segment)]:
            if interval(m).scale(12).meets(interval(y)):
                continue
            computed = float(m.value) * 12
            msg_id = f"{m.value_text} per bulan x 12 = {money(computed, 'id')}, bukan {y.value_text} per tahun; selisih {money(abs(computed - float(y.value)), 'id')}. Aturan: iuran per bulan x 12 = iuran per tahun (program dan segmen yang sama)."
            msg_en = f"{money(float(m.value), 'en')} a month x 12 = {money(computed, 'en')}, not {money(float(y.value), 'en')} a year; difference {money(abs(computed - float(y.value)), 'en')}. Rule: the monthly rate x 12 = the yearly rate (same program and segment)."
            severity = "warning" if abs(computed - float(y.value)) <= 0.01 * computed else "error"
            out.append(_finding(article.article_id, "arithmetic_mismatch", severity, "contribution_amount", m.program, msg_id, msg_en, [m, y], float(y.value), computed))
    averages = [r for r in records if r.metric == "benefit_amount" and _sentence_has(r, ["rata-rata", "rerata"])]
    for amount, cases in _pairs(records, "claim_amount", "claim_cases", layout):
        for avg in [r for r in averages if (r.program, r.branch) == (amount.program, amount.branch)
                    and r.period_end in (None, amount.period_end)]:
            a, c = interval(amount), interval(cases)
            average = Interval(a.lo / c.hi if c.hi else 0.0, a.hi / c.lo if c.lo else INF)
            if average.meets(interval(avg)):
                continue
            value = float(amount.value) / float(cases.value)
            msg_id = f"Rata-rata yang disebut {avg.value_text}, padahal {amount.value_text} / {number(float(cases.value), 'count', 'id')} = {money(value, 'id')}. Aturan: rata-rata = nilai klaim ÷ jumlah kasus (program, periode dan kantor yang sama)."
            msg_en = f"The stated average is {money(float(avg.value), 'en')}, but {money(float(amount.value), 'en')} / {number(float(cases.value), 'count', 'en')} = {money(value, 'en')}. Rule: average = claim amount ÷ claim cases (same program, period and office)."
            out.append(_finding(article.article_id, "arithmetic_mismatch", "warning", "claim_amount", amount.program, msg_id, msg_en, [avg, amount, cases], float(avg.value), value))
    out += _growth_checks(article, records, layout)
    out += _share_checks(article, records)
    out += _share_across(article, records, layout)
    out += _achievement_checks(article, records, layout)
    out += _direction_checks(article, records, layout)
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
        computed = p.percent_of(w)
        if computed.meets(interval(share)):
            continue
        value = float(part.value) / float(whole.value) * 100
        msg_id = f"Disebut {share.value_text}, padahal {part.value_text} dari {whole.value_text} adalah {number(value, 'percent', 'id')}. Aturan: persentase = bagian ÷ keseluruhan yang disebut di kalimatnya."
        msg_en = (f"Stated {number(float(share.value), 'percent', 'en')}, but {part.value_text} of {whole.value_text} "
                  f"is {number(value, 'percent', 'en')}. Rule: a share = the part ÷ the whole stated in its sentence.")
        out.append(_finding(article.article_id, "arithmetic_mismatch", "error", share.metric, share.program, msg_id, msg_en,
                            [share, part, whole], float(share.value), value))
    return out


def _share_across(article: Article, records: list[Record], layout: Layout) -> list[Finding]:
    """A share in a sentence with no other figure (`Cakupannya baru 45 persen.`) against a part and a
    whole written `N dari M` in the sentence just before or just after it."""
    out = []
    by_sentence: dict[int, list[tuple[int, int, Record]]] = defaultdict(list)
    for r in records:
        for m in r.mentions or ():
            by_sentence[layout.sentence_of(m.start)].append((m.start, m.end, r))
        if not r.mentions:
            by_sentence[layout.sentence_of(r.start)].append((r.start, r.end, r))
    for here, items in sorted(by_sentence.items()):
        shares = [r for _, _, r in items if r.unit == "percent"]
        if len(shares) != 1 or len(items) != 1 or shares[0].metric == "growth_pct" or shares[0].target:
            continue
        share = shares[0]
        found: list[tuple[Record, Record]] = []
        for there in (here - 1, here + 1):
            near = sorted(by_sentence.get(there, []), key=lambda item: item[0])
            if len(near) != 2 or any(r.unit == "percent" or r.metric.endswith("_change") for _, _, r in near):
                continue
            (_, part_end, part), (whole_start, _, whole) = near
            between = article.text[part_end:whole_start]
            if (part.unit == whole.unit and 0 < float(part.value) < float(whole.value) and _OF.search(between.lower())
                    and not any(c.isdigit() for c in between) and part.branch == share.branch):
                found.append((part, whole))
        if len(found) != 1:
            continue
        part, whole = found[0]
        p, w = interval(part), interval(whole)
        computed = p.percent_of(w)
        if computed.meets(interval(share)) or computed.meets(Interval(100 - interval(share).hi, 100 - interval(share).lo)):
            continue  # the share, or its complement (`belum terdaftar`), fits
        value = float(part.value) / float(whole.value) * 100
        msg_id = (f"Disebut {share.value_text}, padahal {part.value_text} dari {whole.value_text} di kalimat sebelahnya adalah "
                  f"{number(value, 'percent', 'id')}. Aturan: persentase di kalimat tersendiri = bagian ÷ keseluruhan "
                  "('N dari M') di kalimat sebelum atau sesudahnya.")
        msg_en = (f"Stated {number(float(share.value), 'percent', 'en')}, but {part.value_text} of {whole.value_text} in the "
                  f"next sentence is {number(value, 'percent', 'en')}. Rule: a share in a sentence of its own = the part ÷ the "
                  "whole ('N dari M') of the sentence before or after it.")
        out.append(_finding(article.article_id, "arithmetic_mismatch", "warning", share.metric, share.program, msg_id, msg_en,
                            [share, part, whole], float(share.value), value))
    return out


_COMPARED = re.compile(r"\b(?:dibandingkan|dibanding|daripada|ketimbang)\b")


def _signed(g: Record) -> Interval:
    """A stated percentage change as an interval with its sign."""
    span = interval(g)
    return span if float(g.value) >= 0 else Interval(-span.hi, -span.lo)


def _change(before: Record, after: Record) -> tuple[Interval, float]:
    """The percentage change from before to after, as an interval and as printed."""
    b, a = interval(before), interval(after)
    c_lo = (a.lo - b.hi) / b.hi * 100 if b.hi not in (0, INF) else -INF
    c_hi = (a.hi - b.lo) / b.lo * 100 if b.lo else INF
    return Interval(c_lo, c_hi), (float(after.value) - float(before.value)) / float(before.value) * 100


def _growth_checks(article: Article, records: list[Record], layout: Layout | None = None) -> list[Finding]:
    """`naik 250 persen dari 2.000 menjadi 5.000`, `Rp12 miliar, naik 50 persen dibanding 2022 yang
    Rp10 miliar`: the stated change against the two numbers; when its sentence holds none, against
    the before and after figures of the sentences before it."""
    layout = layout or Layout(article)
    out = []
    for g in [r for r in records if r.metric == "growth_pct"]:
        same = sorted([r for r in records if r.sentence == g.sentence and r is not g and r.unit != "percent"
                       and not r.metric.endswith("_change")], key=lambda r: r.start)
        if not same:
            out += _growth_across(article, records, layout, g)
            continue
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
        span, computed = _change(before, after)
        if span.meets(_signed(g)):
            continue
        msg_id = (f"Disebut {g.value_text}, padahal dari {before.value_text} menjadi {after.value_text} "
                  f"adalah perubahan {number(computed, 'percent', 'id')}. Aturan: persentase dibandingkan dengan dua angka di kalimatnya.")
        msg_en = (f"Stated {number(float(g.value), 'percent', 'en')}, but {before.value_text} to {after.value_text} "
                  f"is a change of {number(computed, 'percent', 'en')}. Rule: the percentage against the two figures of its sentence.")
        out.append(_finding(article.article_id, "arithmetic_mismatch", "error", "growth_pct", g.program, msg_id, msg_en,
                            [g, before, after], float(g.value), computed))
    return out


def _growth_across(article: Article, records: list[Record], layout: Layout, g: Record) -> list[Finding]:
    """A stated growth in a sentence of its own (`Kenaikannya 290 persen.`) against the before and
    after figures of the same metric, program and office in the four sentences before it (or, when
    none, the two after it): two periods, or a baseline (`tahun lalu`) and the current figure.
    Silent when any such pair fits."""
    here = layout.sentence_of(g.start)
    text = layout.sentence_text(here)
    if re.match(r"\W*(?:" + cue("topic_shift_words").pattern + ")", text):
        return []
    growths = [layout.sentence_of(r.start) for r in records if r.metric == "growth_pct" and r is not g]
    floor = max([s for s in growths if s < here] + [here - 5])
    ceiling = min([s for s in growths if s > here] + [here + 3])
    pairs = _before_after(records, layout, g, text, floor, here)
    if not pairs:
        pairs = _before_after(records, layout, g, text, here, ceiling)  # `Naik 50 persen. Tahun lalu …, kini …`
    return _growth_pairs_checked(article, g, pairs)


def _before_after(records: list[Record], layout: Layout, g: Record, text: str, low: int, high: int) -> list[tuple[Record, Record]]:
    """Before and after figures for the stated growth g among the sentences strictly between low and high:
    per metric exactly two, told apart by their periods or by a baseline word (`tahun lalu`)."""
    window = [r for r in records if r.unit != "percent" and not r.metric.endswith("_change") and not r.target
              and r.branch == g.branch and low < layout.sentence_of(r.start) < high and not layout.is_rate(r)
              and (r.program in (g.program, None) if g.program else r.program is None)]
    if cue("participation_words").search(text) and not cue("claim_words").search(text):
        window = [r for r in window if r.metric not in ("claim_amount", "claim_cases")]
    pairs: list[tuple[Record, Record]] = []
    by_metric: dict[str, list[Record]] = defaultdict(list)
    for r in window:
        by_metric[r.metric].append(r)
    for metric_records in by_metric.values():
        if len(metric_records) != 2:
            continue
        x, y = sorted(metric_records, key=lambda r: r.start)
        if x.period_end and y.period_end and x.period_end != y.period_end:
            before, after = (x, y) if x.period_end < y.period_end else (y, x)
        else:
            base = [r for r in (x, y) if layout.says(r, "baseline_words")]
            if len(base) != 1:
                continue
            before = base[0]
            after = y if before is x else x
        if g.program and after.program != g.program or float(before.value) == 0:
            continue
        pairs.append((before, after))
    return pairs


def _growth_pairs_checked(article: Article, g: Record, pairs: list[tuple[Record, Record]]) -> list[Finding]:
    """The stated growth against every before/after pair found: silent when any of them fits."""
    if not pairs:
        return []
    stated = _signed(g)
    for before, after in pairs:
        if _change(before, after)[0].meets(stated):
            return []
    said_id, said_en = [], []
    for before, after in pairs:
        computed = _change(before, after)[1]
        ratio = float(after.value) / float(before.value) * 100
        said_id.append(f"{before.value_text} menjadi {after.value_text} adalah {number(computed, 'percent', 'id')}")
        said_en.append(f"{before.value_text} to {after.value_text} is {number(computed, 'percent', 'en')}")
        if Interval(ratio * 0.99, ratio * 1.01).meets(stated):
            said_id[-1] += f" (yang {g.value_text} adalah rasionya, bukan kenaikannya)"
            said_en[-1] += f" ({number(float(g.value), 'percent', 'en')} is the ratio, not the increase)"
    before, after = pairs[0]
    msg_id = (f"Disebut {g.value_text}, padahal {'; '.join(said_id)}. Aturan: persentase perubahan di kalimat tersendiri "
              "dibandingkan dengan angka sebelum dan sesudah di kalimat-kalimat sekitarnya (metrik, program dan kantor yang sama).")
    msg_en = (f"Stated {number(float(g.value), 'percent', 'en')}, but {'; '.join(said_en)}. Rule: a percentage change in a "
              "sentence of its own against the before and after figures of the sentences around it (same metric, program and office).")
    return [_finding(article.article_id, "arithmetic_mismatch", "warning", "growth_pct", g.program, msg_id, msg_en,
                     [g, before, after], float(g.value), _change(before, after)[1])]


def _achievement_checks(article: Article, records: list[Record], layout: Layout) -> list[Finding]:
    """`Rp91 miliar atau 182 persen dari target Rp60 miliar`: a stated achievement against actual ÷ target."""
    out = []
    targets = cue("target_words")
    for p in [r for r in records if r.unit == "percent" and r.metric != "growth_pct" and not r.target]:
        if not targets.search(layout.after(p, 25)[:25]):
            continue
        here = layout.sentence_of(p.start)
        near = [r for r in records if r.unit != "percent" and here - 2 <= layout.sentence_of(r.start) <= here
                and not layout.is_rate(r)]
        for metric in sorted({r.metric for r in near if r.target}):
            goal = [r for r in near if r.metric == metric and r.target]
            actual = [r for r in near if r.metric == metric and not r.target]
            if len(goal) != 1 or len(actual) != 1 or float(goal[0].value) <= 0:
                continue
            t, a = goal[0], actual[0]
            if layout.sentence_of(t.start) == layout.sentence_of(a.start) == here and float(a.value) < float(t.value) \
                    and t.start > a.start:
                continue  # `8.000 dari target 10.000 atau 80 persen`: a share, checked as such
            ai, ti = interval(a), interval(t)
            span = ai.percent_of(ti)
            if span.meets(interval(p)):
                continue
            value = float(a.value) / float(t.value) * 100
            msg_id = (f"Disebut {p.value_text} dari target, padahal {a.value_text} dari target {t.value_text} adalah "
                      f"{number(value, 'percent', 'id')}. Aturan: capaian target = realisasi ÷ target.")
            msg_en = (f"Stated {number(float(p.value), 'percent', 'en')} of target, but {a.value_text} of a target of "
                      f"{t.value_text} is {number(value, 'percent', 'en')}. Rule: achievement = actual ÷ target.")
            out.append(_finding(article.article_id, "arithmetic_mismatch", "warning", p.metric, p.program, msg_id, msg_en,
                                [p, a, t], float(p.value), value))
    return out


def _direction_checks(article: Article, records: list[Record], layout: Layout) -> list[Finding]:
    """`naik dari Rp12 miliar menjadi Rp10 miliar`: a direction word against the two figures it compares."""
    out = []
    up, down = cue("increase_words"), cue("decrease_words")
    by_sentence: dict[int, list[Record]] = defaultdict(list)
    for r in records:
        if r.unit != "percent" and not r.metric.endswith("_change") and not r.target:
            by_sentence[layout.sentence_of(r.start)].append(r)
    for s, items in by_sentence.items():
        items.sort(key=lambda r: r.start)
        for x, y in zip(items, items[1:]):
            if (x.metric, x.unit, x.program, x.branch, x.segment) != (y.metric, y.unit, y.program, y.branch, y.segment):
                continue
            lead_in = layout.before(x.start, 60).lower()
            between = article.text[x.end:y.start].lower()
            if not re.search(r"\bdari\s*$", lead_in) and not re.search(r"\bdari\b", lead_in[-25:]):
                continue
            if not re.search(r"\bmenjadi\b", between) or re.search(r"\d", re.sub(r"\b\d{4}\b", "", between)):
                continue
            words = list(up.finditer(lead_in)) + list(down.finditer(lead_in))
            if not words:
                continue
            last = max(words, key=lambda m: m.start())
            rising = up.fullmatch(last.group(0)) is not None
            a, b = interval(x), interval(y)
            contradicted = (rising and b.hi < a.lo) or (not rising and b.lo > a.hi)
            if not contradicted:
                continue
            word = last.group(0)
            msg_id = (f"Tertulis '{word}' dari {x.value_text} menjadi {y.value_text}, padahal angkanya "
                      f"{'turun' if rising else 'naik'}. Aturan: kata arah dibandingkan dengan dua angka 'dari … menjadi …'.")
            msg_en = (f"The text says '{word}' from {x.value_text} to {y.value_text}, but the figures "
                      f"{'fall' if rising else 'rise'}. Rule: a direction word against the two figures of 'dari … menjadi …'.")
            out.append(_finding(article.article_id, "arithmetic_mismatch", "warning", x.metric, x.program, msg_id, msg_en,
                                [x, y], float(x.value), float(y.value)))
    return out


def _headline_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def lead_regions(article: Article) -> tuple[list[tuple[int, int]], int, int]:
    """(headline lines, lead start, lead end): the headline is the lines that repeat the title (or,
    with no title, a first line that is not a sentence); the lead is the first paragraph of prose
    after it. Captions and datelines between them belong to neither."""
    lines = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\n]+", article.text)]
    title = _headline_key(re.split(r"\s+[|–-]\s+[^|–-]*$", article.title or "")[0]) if article.title else ""
    headline: list[tuple[int, int]] = []
    lead: tuple[int, int] | None = None
    for n, (start, end, line) in enumerate(lines):
        key = _headline_key(line)
        words = len(key.split())
        if not key:
            continue
        if title and (title.startswith(key) or key.startswith(title)) and lead is None:
            headline.append((start, end))
            continue
        if not title and n == 0 and words < 20 and not re.search(r"[.!?\"”]\s*$", line):
            headline.append((start, end))
            continue
        if words >= 8:
            lead = (start, end)
            break
    head_end = headline[-1][1] if headline else 0
    if lead is None:
        return headline, head_end, head_end
    return headline, lead[0], lead[1]


def restatements(article: Article, records: list[Record], layout: Layout | None = None) -> list[Finding]:
    """The headline or the lead and the body give the same figure different values that rounding
    cannot explain. The headline is compared with everything after it, the lead with the body; two
    body paragraphs are not a lead and its restatement."""
    layout = layout or Layout(article)
    headline, lead_start, lead_end = lead_regions(article)
    rows = region_rows(layout, records)

    def places(r: Record) -> set[int]:
        found = set()
        for p in layout.positions(r):
            if any(a <= p < b for a, b in headline):
                found.add(0)
            elif lead_start <= p < lead_end:
                found.add(1)
            elif p >= lead_end:
                found.add(2)
        return found

    def in_a_list(r: Record) -> bool:
        """A row of a breakdown: another figure of the same family in its sentence, or one of another
        office in the same or the next sentence (a breakdown by office), or a breakdown cue before it."""
        here = layout.sentence_of(r.start)
        for o in records:
            if o is r or (o.metric, o.unit, o.program) != (r.metric, r.unit, r.program):
                continue
            there = layout.sentence_of(o.start)
            if there == here or (abs(there - here) <= 1 and (
                    (o.branch, o.office_level) != (r.branch, r.office_level) or layout.names_unit_before(o))):
                return True
        return bool(cue("breakdown_words").search(re.split(r"\d", layout.before(r.start, 200))[-1]))

    def off_topic(r: Record) -> bool:
        """A claim figure whose sentences do not speak of claims is no restatement of one."""
        if r.metric not in ("claim_amount", "claim_cases"):
            return False
        return not any(cue("claim_words").search(layout.sentence_text(i)) for i in layout.sentences(r))

    out = []
    groups: dict[tuple[str, str | None, str | None, str | None, bool, str | None], list[Record]] = defaultdict(list)
    for r in records:
        if r.record_id not in rows:
            groups[(r.metric, r.program, r.segment, r.branch, r.target, r.per)].append(r)
    for group in groups.values():
        for a, b in combinations(sorted(group, key=lambda r: r.start), 2):
            pa, pb = places(a), places(b)
            if not ((0 in pa and pb & {1, 2}) or (1 in pa and 2 in pb)):
                a, b, pa, pb = b, a, pb, pa
                if not ((0 in pa and pb & {1, 2}) or (1 in pa and 2 in pb)):
                    continue
            same_period = (a.period_start, a.period_end) == (b.period_start, b.period_end)
            if not same_period and not _nested(a, b) and not (0 in pa and _contains(a, b)):
                continue
            if interval(a).meets(interval(b)):
                continue
            if in_a_list(b) or in_a_list(a) or off_topic(a) or off_topic(b) or _place_before(article.text, b.start):
                continue
            ratio = max(float(a.value), float(b.value)) / max(min(float(a.value), float(b.value)), 1e-9)
            if ratio > 2:
                continue
            where_id = "judul" if 0 in pa else "awal berita"
            where_en = "headline" if 0 in pa else "lead"
            period_id = period_en = ""
            if not same_period:
                period_id = " (periodenya tercatat berbeda tetapi bertumpuk dan berakhir sama)"
                period_en = " (recorded with different but nested periods)"
            msg_id = (f"Angka yang sama disebut dua kali dengan nilai berbeda: {a.value_text} di {where_id} dan {b.value_text} "
                      f"di badan berita{period_id}. Aturan: judul dan paragraf pertama dibandingkan dengan badan berita "
                      "(metrik, program, kantor dan periode yang sama).")
            msg_en = (f"The same figure is stated twice with different values: {a.value_text} in the {where_en} and "
                      f"{b.value_text} in the body{period_en}. Rule: the headline and first paragraph against the body "
                      "(same metric, program, office and period).")
            severity = "error" if same_period else "warning"
            out.append(_finding(article.article_id, "restatement_conflict", severity, a.metric, a.program, msg_id, msg_en,
                                [a, b], float(a.value), float(b.value)))
    return out


def _span(r: Record) -> tuple[date, date] | None:
    if not (r.period_start and r.period_end):
        return None
    try:
        return date.fromisoformat(r.period_start[:10]), date.fromisoformat(r.period_end[:10])
    except ValueError:
        return None


def _nested(a: Record, b: Record) -> bool:
    """A year-to-date figure dated by its last month: one period is a single month, the other runs
    from January to the end of that same month."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None or sa[1] != sb[1]:
        return False
    month, ytd = (sa, sb) if sa[0] > sb[0] else (sb, sa)
    return month[0].day == 1 and (month[0].year, month[0].month) == (month[1].year, month[1].month) and \
        (ytd[0].month, ytd[0].day) == (1, 1) and ytd[0].year == month[0].year


def _contains(a: Record, b: Record) -> bool:
    """a's period contains b's, and b covers nearly all of it (a headline's `Tahun 2021` over the
    body's January to 16 December 2021), so the two are one figure stated twice."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None or not (sa[0] <= sb[0] and sb[1] <= sa[1]):
        return False
    return (sb[1] - sb[0]).days >= 0.9 * (sa[1] - sa[0]).days


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
        if not (r.branch and r.period_end) or money_as_count(r) or scale_slip(r) is not None or _open_period(r):
            continue
        key = json.dumps([r.branch, r.program, r.metric, r.segment, r.period_start, r.period_end, r.target, r.per])
        flow = json.dumps([r.branch, r.program, r.metric, r.segment, r.period_start]) \
            if r.metric in FLOW_METRICS and r.period_start and not r.target else None
        span = interval(r)
        entries.append([key, flow, span.lo, span.hi, *(getattr(r, name) for name in INDEX_FIELDS)])
    return entries


def _open_period(r: Record) -> bool:
    """A one-month period that is no ground for comparing the figure with another article's: read
    from `sejak Januari hingga saat ini` (a period running to a day the record does not know), or not
    named in any sentence of the figure (carried over from elsewhere, where it may have meant a start)."""
    if not (r.period_start and r.period_end) or r.period_start[:7] != r.period_end[:7]:
        return False
    sentences = [m.sentence for m in r.mentions] + [r.sentence]
    if any(cue("open_period_words").search(s) for s in sentences):
        return True
    try:
        month = int(r.period_end[5:7])
    except ValueError:
        return False
    months: dict[str, int] = lexicon()["months"]
    names = tuple(name for name, n in months.items() if n == month)
    return not names or not any(_phrases(names).search(s) for s in sentences)


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
                    f", dan {more} berita lain." if more > 0 else ".") + \
                    " Aturan: kantor, program, metrik dan periode yang sama di berita lain yang bukan salinan berita ini."
                msg_en = f"For {what_en}, this article says {this.value_text}; other articles say {said}" + (
                    f", and {more} more." if more > 0 else ".") + \
                    " Rule: the same office, program, metric and period in another article that is not a copy of this one."
                yield _finding(this.article_id, "cross_article_conflict", "error", this.metric, this.program,
                               msg_id, msg_en, [this, *cited], float(this.value), float(others[0].value))
        for flows in self._groups("flow"):
            for (a, a_span), (b, b_span) in combinations(sorted(flows, key=lambda entry: entry[0].period_end or ""), 2):
                if a.period_end == b.period_end or b_span.hi >= a_span.lo:
                    continue
                if a.article_id != b.article_id and self.same_source(a.article_id, b.article_id):
                    continue
                if a.article_id == b.article_id and abs(float(a.value) - float(b.value)) <= 0.02 * max(abs(float(a.value)), abs(float(b.value))):
                    continue  # one article's headline rounding its body's figure: the restatement check's business
                for this in {a.article_id: a, b.article_id: b}.values():
                    msg_id = (f"Angka kumulatif menurun: {describe(a, 'id')} {a.value_text}, tetapi {describe(b, 'id')} "
                              f"hanya {b.value_text}. Aturan: angka kumulatif sejak awal yang sama tidak boleh mengecil.")
                    msg_en = (f"A year-to-date figure shrinks: {describe(a, 'en')} {a.value_text}, but {describe(b, 'en')} "
                              f"only {b.value_text}. Rule: a year-to-date figure from the same start cannot shrink.")
                    yield _finding(this.article_id, "period_conflict", "error", b.metric, b.program,
                                   " ".join(msg_id.split()), " ".join(msg_en.split()), [a, b], float(a.value), float(b.value))
