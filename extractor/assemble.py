"""Attribution: spans found by the ruler -> one Record per reported fact.

Each figure (MONEY, PERCENT, COUNT, or a bare NUMBER whose noun is understood) gets its metric
(`Assembler.metric`), program and segment (`program`), qualifier and target flag from its clause,
its period from its clause, its sentence or the discourse (`_figure_period`, `_refine`), and its
office from an explicit mention or the article's main office (`office_for`). Each decision records
the rule that made it in the record's `why`. The article as read lives in view.py, offices and
heads in offices.py, the merging of mentions into facts in merge.py; the words every rule tests
are data in patterns/ (docs/attribution.md lists the rules and where their words live).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import Any, Sequence

from .data import lexicon, word_set
from .merge import merge_into, merge_restatements, record_id, values_agree
from .nlp import doc_text
from .numbers import RANGE, parse_amount
from .offices import Office, OfficeFinder, covered, region_of
from .periods import Period, combine, disjoint, parse_period, shift_year
from .records import Mention, Record
from .view import NO_SPANS, ArticleView, SpanInfo

STOCK_METRICS = {"participants", "employers", "coverage_pct", "uncovered_pct"}
AGENCY_PROGRAMS = {"JHT", "JKK", "JKM", "JP", "JKP"}  # the agency's own programs (not beasiswa, BSU)
PROGRAM_METRICS = {"claim_amount", "claim_cases", "benefit_amount", "growth_pct", "other"}
ANAPHORS = {"tersebut", "itu"}
RANGE_OPENERS = {"dari", "sejak", "mulai", "semenjak"}
RANGE_FILLERS = {"periode", "bulan", "tahun", "awal"}
RANGE_CLOSERS = {"hingga", "sampai", "sd", "s/d", "s.d.", "s.d"}
WHY_ORDER = ("metric", "program", "period", "office", "head")  # the decisions a record's `why` names, in order
LIST_JOINERS = {",", "dan", "serta", "&", "/", "maupun", "(", ")"}  # what stands between the programs of a list
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zA-Z][.)]|[-•*–])\s")  # `1.`, `b)`, `-`, `•` opening a list line
UNIT_HINTS = {"MONEY": "IDR", "PERCENT": "percent"}
COUNT_NOUNS = {"claim": "claim", "person": "person", "person_words": "person", "person_multi": "person",  # count rule -> noun
               "person_multi_words": "person", "person_digit_paren_multi": "person", "claim_words": "claim",
               "employer": "employer"}
QUALIFIER_FILLERS = {"sebesar", "sebanyak", "senilai", "mencapai", "yakni", "yaitu", "ada", "sejumlah", "hingga", "sampai", "tercatat"}
# words that may stand between a cue (`naik`, `per bulan`) and its figure: `naik sekitar 12 persen`
ADJACENT_FILLERS = QUALIFIER_FILLERS | {"rp", "sekitar", "hampir", "lebih", "dari"}

@dataclass
class Figure:
    span: SpanInfo
    value: float | int
    unit: str
    step: float
    noun: str | None  # claim, person, employer, other
    sentence: int
    clause: int
    record: dict[str, Any] = field(default_factory=dict)
    sibling: "Figure | None" = None  # the listed figure whose noun a bare number shares
    compared: bool = False  # its period is a comparison base's (never carried on to the next sentence)
    why: dict[str, str] = field(default_factory=dict)  # decision -> the rule that made it (metric, program, period, office)


def _because(fig: Figure, metric: str, per: str | None, sign: int, why: str) -> tuple[str | None, str | None, int]:
    """A metric decision, with the rule that made it kept in `fig.why`."""
    fig.why["metric"] = why
    return metric, per, sign


def _per_of(cue: str) -> str | None:
    """The unit of a rate cue as written (`per hari`, `setiap bulannya`, `setahun`, `per pekan`)."""
    for word, per in (("hari", "day"), ("bulan", "month"), ("tahun", "year"), ("minggu", "week"), ("pekan", "week")):
        if word in cue:
            return per
    return None


@lru_cache(maxsize=None)
def _first_words(name: str) -> frozenset[str]:
    """The first words of a lexicon list of phrases: a sentence holding none of them holds no phrase."""
    return frozenset(w.split()[0] for w in lexicon()[name])


@lru_cache(maxsize=None)
def _words_regex(name: str) -> re.Pattern[str]:
    """One regex for a lexicon list of words and phrases, matched as whole words."""
    words = sorted(lexicon()[name], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _statistics(agency: SpanInfo) -> bool:
    return agency.rule.startswith("agency.other.bps")


@lru_cache(maxsize=1)
def _count_nouns() -> dict[str, str]:
    """Noun -> what a number before it counts: claim, person or employer (later lists win)."""
    lex = lexicon()
    return {**{w: "claim" for w in lex["count_claim"]}, **{w: "person" for w in lex["count_person"]},
            **{w: "employer" for w in lex["count_employer"]}}


# --------------------------------------------------------------------------- the assembler

class Assembler:
    def __init__(self, article_id: str, doc, published_year: int | None, published: date | None = None) -> None:
        self.article_id = article_id
        self.published = published
        self.view = ArticleView(doc)
        self.tokens = self.view.tokens
        self.published_year = published_year
        self.offices = OfficeFinder(self.view)
        self.main, self.main_head = self.offices.main_office()
        self._offices_near: dict[tuple[int, int], list[Office]] = {}
        self._period_spans: dict[tuple[int, int], list[tuple[int, int, Period]]] = {}  # (sentence, clause) -> periods there
        self._bases: dict[tuple[int, int], list[tuple[int, Period]]] = {}  # ... -> comparison bases there, by end
        self._leads: dict[int, tuple[str, None, str, str | None, int, int] | None] = {}
        self._figure_cache: list[Figure] = []
        self._clause_texts: dict[tuple[int, int], str] = {}
        self._points: dict[int, bool] = {}

    # ---- topic
    def is_on_topic(self) -> bool:
        v = self.view
        if v.spans.get("AGENCY"):
            return True
        other = [s for s in v.spans.get("OTHER_AGENCY", []) if s.kind != "bps" and "bps" not in s.rule]
        if other:
            return False
        programs = v.spans.get("PROGRAM", [])
        if len({p.kind for p in programs}) >= 2:
            return True
        # `BPJS Cabang Kupang membayar klaim JHT`: a bare `BPJS` beside a program only it runs
        return "bpjs" in self.tokens.lower and any(p.kind in AGENCY_PROGRAMS and not p.rule.endswith(".loose") for p in programs)

    # ---- figures
    def figures(self) -> list[Figure]:
        v = self.view
        out: list[Figure] = []
        self._figure_cache = out
        for span in v.figures:
            hint = UNIT_HINTS.get(span.label)
            if span.label == "NUMBER" and self._money_without_rp(span):
                hint = "IDR"
            amount = parse_amount(span.text, hint)
            if amount is None:
                continue
            noun = "money" if hint == "IDR" and span.label == "NUMBER" else None
            if span.label == "COUNT":
                noun = COUNT_NOUNS.get(span.rule.split(".", 1)[1], "other")
            si = v.sent_of[span.start]
            out.append(Figure(span, amount.value, amount.unit, amount.step, noun, si, v.clause_of[span.start]))
        return out

    def _base(self, fig: Figure) -> bool:
        """Is the figure another body's base: a base cue (`angkatan kerja`, `potensi`, `data BPS`,
        `berdasarkan data …`) stands between the figure before it (or its sentence's start) and it, with no
        participation word and no mention of the agency in between?"""
        v = self.view
        words = v.sentence_words(fig.sentence)
        if _first_words("base_cues").isdisjoint(words) and "data" not in words:
            return False  # (most sentences: no base cue at all)
        text = doc_text(v.doc)
        sent = v.sentences[fig.sentence]
        start = sent.start_char
        for f in v.figures_in(fig.sentence):
            if f.end_char <= fig.span.start_char and f.start != fig.span.start:
                start = max(start, f.end_char)
        between = text[start:fig.span.start_char].lower()
        cues = [between.rfind(c) for c in lexicon()["base_cues"] if c in between]
        data = between.rfind("data ")  # `berdasarkan data kantor pajak`: another body's data (not `sesuai data,` alone)
        if data >= 0 and _words_regex("other_bodies").search(between[data:]) is not None:
            cues.append(data)
        if not cues:
            return False
        after = between[max(cues):]
        agency = any(a in after for a in ("bpjs", "bpjamsostek", "jamsostek"))
        return not agency and not any(w in after for w in lexicon()["participation_verbs"])

    def _event(self, fig: Figure) -> bool:
        """`PHK … menimpa 8.000 orang`, `calon penerima`: people an event befell, or candidates (in the figure's clause)."""
        return _words_regex("event_words").search(self._clause_text(fig)) is not None

    def _participation(self, fig: Figure) -> bool:
        """Does the figure's clause say its people joined (`terlindungi`, `terdaftar`, `mendaftar sebagai
        peserta`, `kepesertaan`)? Then it counts participants (a share: coverage), whatever its noun."""
        return _words_regex("participation_verbs").search(self._clause_text(fig)) is not None

    def _clause_text(self, fig: Figure) -> str:
        """The lower-cased words of the figure's clause, joined by spaces (worked out once per clause)."""
        key = (fig.sentence, fig.clause)
        if key not in self._clause_texts:
            v, lower = self.view, self.tokens.lower
            sent = v.sentences[fig.sentence]
            self._clause_texts[key] = " ".join(lower[i] for i in range(sent.start, sent.end) if v.clause_of[i] == fig.clause)
        return self._clause_texts[key]

    def _points_back(self, si: int) -> bool:
        """Does the sentence point back to the figures before it (`itu`, `tersebut`)? Not when the word
        follows a place noun (`di kecamatan tersebut` points to the place)."""
        if si not in self._points:
            v, lower = self.view, self.tokens.lower
            sent = v.sentences[si]
            places = word_set("place_nouns")
            self._points[si] = not ANAPHORS.isdisjoint(v.sentence_words(si)) and any(
                lower[i] in ANAPHORS and not (i > sent.start and lower[i - 1] in places) for i in range(sent.start, sent.end))
        return self._points[si]

    def _money_without_rp(self, span: SpanInfo) -> bool:
        """`96,4 miliar`, `Tembus 87 Miliar`: a number with a money scale is rupiah without `Rp`; `juta` only
        beside a money word of its sentence (`2 juta orang` is a count)."""
        last = self.tokens.lower[span.end - 1]
        if last in word_set("money_scales"):
            return True
        if last not in ("juta", "jt"):
            return False
        return not word_set("money_context").isdisjoint(self.view.sentence_words(self.view.sent_of[span.start]))

    def _rate(self, fig: Figure) -> str | None:
        """`rata-rata setiap bulannya 850 kasus`, `sehari bisa 170 kasus`, `bila dirata-ratakan ada 200 orang`:
        a rate or an average in the figure's clause before it. Returns its `per` ("" when it names none)."""
        v, lower = self.view, self.tokens.lower
        months = lexicon()["months"]
        for s in v.in_clause("CUE_PER", fig.sentence, fig.clause):
            if s.end <= fig.span.start and not (s.end < len(lower) and lower[s.end] in months):  # `per bulan Juli`: a date
                word = s.text.lower()
                return _per_of(word) or ""
        sent = v.sentences[fig.sentence]
        before = doc_text(v.doc)[sent.start_char:fig.span.start_char].lower()
        if any(w in before for w in lexicon()["average_words"]):
            return ""
        return None

    def _bare_noun(self, fig: Figure, figures: list[Figure]) -> str | None:
        """What a bare number counts: a noun before it in its clause, or a listed sibling's noun."""
        tokens, v = self.tokens, self.view
        span = fig.span
        text = tokens.text
        word = text[span.start]
        if span.end - span.start == 1 and word.isdigit() and len(word) >= 4 and 1900 <= int(word) <= 2100:  # a year
            return None
        if (span.start > 0 and text[span.start - 1] in {"/", "-", "("}) or (span.end < len(text) and text[span.end] in {"/", "-", ")", ":"}):
            return None
        if fig.value < 10 and fig.step >= 1 and span.end - span.start == 1:
            return None
        nouns = _count_nouns()
        others = {i for f in figures if f is not fig for i in range(f.span.start, f.span.end)}
        i = span.start - 1
        while i >= 0 and span.start - i <= 8 and v.sent_of[i] == fig.sentence and v.clause_of[i] == fig.clause:
            if i in others:
                break
            if tokens.lower[i] in nouns:
                return nouns[tokens.lower[i]]
            i -= 1
        siblings = [f for f in figures if f is not fig and f.sentence == fig.sentence and f.unit != "IDR"
                    and (f.noun or f.unit == "percent") and abs(f.span.start - span.start) <= 12
                    and not (f.unit == "percent" and f.span.start > span.end
                             and "atau" in tokens.lower[span.end:f.span.start])]  # `58.900 atau 48,92 persen`: a count and its share
        if siblings:
            near = min(siblings, key=lambda f: (abs(f.span.start - span.start), f.span.start > span.start))
            fig.sibling = near
            if near.unit == "percent":
                return "percent"
            return near.noun
        return None

    def _adjacent(self, here: dict[str, list[SpanInfo]], label: str, fig: Figure, before: int = 3, after: int = 0) -> SpanInfo | None:
        """The first span with this label among the sentence's spans (`here`) that stands right before the
        figure (`before` tokens at most, fillers only between) or right after it."""
        for s in here.get(label, ()):
            if before and fig.span.start - before <= s.end <= fig.span.start:
                if all(w in ADJACENT_FILLERS for w in self.tokens.lower[s.end:fig.span.start]):
                    return s
            if after and fig.span.end <= s.start <= fig.span.end + after - 1:
                return s
        return None

    def _level(self, cue: SpanInfo, fig: Figure) -> bool:
        """`naik dari 2.000 menjadi 5.000`: the figures after `naik dari` and after `menjadi` are the
        levels before and after the change, not the change itself."""
        between = self.tokens.lower[cue.end:fig.span.start]
        return between[:1] == ["dari"] or "menjadi" in between

    def metric(self, fig: Figure, prev_claims: bool) -> tuple[str | None, str | None, int]:
        """(metric, per, sign) of a figure, or (None, …) when it is not a statistic in scope; the rule
        that decided is kept in `fig.why["metric"]`."""
        v = self.view

        here = v.by_sentence.get(fig.sentence, NO_SPANS)  # label -> spans of the figure's sentence
        clause = v.by_clause.get((fig.sentence, fig.clause), NO_SPANS)  # ... and of its clause
        sent_has, clause_has = here.__contains__, clause.__contains__
        if self._base(fig):
            return None, None, 1  # `angkatan kerja 144.200`, `data BPS … 120.400 pekerja`: another body's base
        # a statistics office's base drops only its own figure (above), not the sentence
        if clause_has("CUE_EXCLUDE") or any(s.kind != "bpjstk" and not _statistics(s) for s in clause.get("OTHER_AGENCY", ())):
            return None, None, 1
        if any(not _statistics(s) for s in here.get("OTHER_AGENCY", ())) and not sent_has("AGENCY"):
            return None, None, 1
        per = None
        per_span = self._adjacent(here, "CUE_PER", fig, before=0, after=4)
        if per_span is not None and v.clause_of[per_span.start] != fig.clause:
            per_span = None  # `6.000 kasus, dengan rata-rata setiap bulannya …`: the next clause's rate
        if per_span is None:
            per_span = self._adjacent(here, "CUE_PER", fig, before=2)
            if per_span is not None and per_span.text.lower() not in {"sebulan", "setahun", "sehari", "seminggu"}:
                per_span = None
        if per_span is not None:
            word = per_span.text.lower()
            per = _per_of(word)
        change = self._adjacent(here, "CUE_UP", fig, before=4) or self._adjacent(here, "CUE_DOWN", fig, before=4)
        if change is not None and self._level(change, fig):
            change = None
        sign = -1 if change is not None and change.label == "CUE_DOWN" else 1
        sentence_figures = v.figures_in(fig.sentence)
        claim_context = (
            sent_has("CUE_CLAIM")
            or (prev_claims and self._points_back(fig.sentence))
            or any(f.label == "COUNT" and f.rule.startswith("count.claim") for f in sentence_figures)
            or (prev_claims and clause_has("PROGRAM"))
        )
        if fig.unit == "IDR":
            if clause_has("CUE_ARREARS"):
                metric, why = "arrears_amount", "arrears_cue"
            elif sent_has("CUE_CONTRIBUTION"):
                # a rate has its period (`Rp16.800 per bulan`); any other sum of contributions was collected or paid in
                metric = "contribution_amount" if per and not clause_has("CUE_COLLECTED") else "contribution_collected"
                why = "contribution_cue"
            elif per == "day":
                metric, why = "other", "rate"
            elif self._threshold(fig):
                return None, None, 1  # `untuk saldo di bawah Rp15 juta`, `bila …, minimal Rp42 juta`: a rule, not a statistic
            elif self._benefit_cue(fig):
                metric, why = "benefit_amount", "per_person_cue"
            elif self._to_one_heir(fig, sentence_figures):
                metric, why = "benefit_amount", "one_heir"
            elif self._named_beneficiary(fig):
                metric, why = "benefit_amount", "named_beneficiary"
            elif claim_context:
                metric, why = "claim_amount", "claim_context"
            else:
                return None, None, 1
            if change is not None and metric != "other":
                return _because(fig, f"{metric}_change", per, sign, why + "+change_cue")
            return _because(fig, metric, per, 1, why)
        participation = self._participation(fig)
        if fig.unit == "percent":
            up = self._near_before(("CUE_UP", "CUE_DOWN"), fig, 6)
            if up is not None and not self._level(up, fig):
                return _because(fig, "growth_pct", None, -1 if up.label == "CUE_DOWN" else 1, "change_cue")
            if participation and not clause_has("CUE_UNCOVERED"):
                return _because(fig, "coverage_pct", None, 1, "participation_word")  # `90 persen aparatur desa mendaftar sebagai peserta`
            if clause_has("CUE_UNCOVERED"):
                return _because(fig, "uncovered_pct", None, 1, "uncovered_cue")
            if sent_has("CUE_COVERAGE") or sent_has("CUE_UNCOVERED"):
                return _because(fig, "coverage_pct", None, 1, "coverage_cue")
            return None, None, 1
        noun = fig.noun
        if per == "day":
            return _because(fig, "other", per, 1, "rate")
        if noun == "other":
            return _because(fig, "other", None, 1, "other_noun")
        rate = self._rate(fig)
        if rate is not None:
            return _because(fig, "other", rate or per, 1, "rate")  # a rate or an average, never a count of cases
        if noun == "employer":
            return _because(fig, "employers_change", None, sign, "employer_noun+change_cue") if change is not None else _because(fig, "employers", None, 1, "employer_noun")
        if noun == "claim":
            return _because(fig, "claim_cases", per, 1, "claim_noun")
        if clause_has("CUE_UNCOVERED") or (self._event(fig) and not sent_has("CUE_CLAIM")):
            return _because(fig, "other", None, 1, "not_joined_or_event")  # workers who have not joined, or whom an event befell: not participants
        if participation and not sent_has("CUE_CLAIM") and noun != "claim":
            new = self._adjacent(here, "CUE_NEW", fig, before=0, after=2)
            if change is not None:
                return _because(fig, "participants_change", None, sign, "participation_word+change_cue")
            return _because(fig, "new_participants" if new is not None else "participants", None, 1, "participation_word")
        if any(c.start < fig.span.start for c in clause.get("CUE_POTENTIAL", ())):
            return _because(fig, "other", None, 1, "potential_cue")  # workers who could join: not participants (`dari angkatan kerja …` after it is its base)
        if claim_context:
            return _because(fig, "claim_cases", per, 1, "claim_context")
        new = self._adjacent(here, "CUE_NEW", fig, before=0, after=2)
        if change is not None:
            return _because(fig, "participants_change", None, sign, "change_cue")
        noun_words = set(self.tokens.lower[fig.span.start:fig.span.end])
        words = v.sentence_words(fig.sentence)
        if not (noun_words & word_set("participant_nouns") or words & word_set("participant_cues")
                or sent_has("CUE_TARGET") or sent_has("AGENCY") or fig.sibling is not None):
            return None, None, 1
        return _because(fig, "new_participants" if new is not None else "participants", None, 1, "person_noun")

    def _since_previous_figure(self, fig: Figure, limit: int) -> int:
        """Where the stretch of the figure's sentence before it starts: the end of the figure before it,
        at most `limit` tokens back."""
        v = self.view
        start = max(v.sentences[fig.sentence].start, fig.span.start - limit)
        for f in v.figures_in(fig.sentence):
            if start <= f.end <= fig.span.start and f.start != fig.span.start:
                start = f.end
        return start

    def _words_before(self, fig: Figure, limit: int) -> list[str]:
        """The lower-cased words of the figure's sentence before it, back to the figure before it (at most `limit`)."""
        return self.tokens.lower[self._since_previous_figure(fig, limit):fig.span.start]

    def _share_of(self, fig: Figure, sentence_figures: list[Figure]) -> bool:
        """`N peserta dari M atau P persen`: a percent after `atau` that restates a participant count of its
        sentence as a share."""
        lower = self.tokens.lower
        if "atau" not in lower[max(0, fig.span.start - 2):fig.span.start]:
            return False
        return any(f.record and f.record["metric"] == "participants" and f.span.end <= fig.span.start for f in sentence_figures)

    def _component_program(self, fig: Figure, sentence_figures: list[Figure]) -> str | None:
        """`santunan JKK Rp169 juta, dengan rincian santunan meninggal Rp70 juta …`: a part listed after a
        breakdown word takes the program of the amount it breaks down (a part naming its own program
        has it already)."""
        lower = self.tokens.lower
        parents = [f for f in sentence_figures if f.record and f.unit == fig.unit and f.span.end <= fig.span.start
                   and f.record.get("program") is not None]
        for parent in reversed(parents):
            if any(w in word_set("breakdown_words") for w in lower[parent.span.end:fig.span.start]):
                return parent.record["program"]
        return None

    def _restated_benefit(self, fig: Figure, benefits: list[tuple[Figure, str | None]],
                          parts: dict[int, tuple[int, str | None]]) -> str | None:
        """One beneficiary's benefit said again (`Nominal Rp42 juta itu merupakan perhitungan klaim …`) is
        that benefit, and the amounts its breakdown lists after it (`rincian …`) are its parts: returns the
        benefit's program (or "" when it has none) for such an amount, else None."""
        if fig.sentence in parts:
            after, program = parts[fig.sentence]
            words = self.tokens.lower[after:fig.span.start]
            if any(w in word_set("breakdown_words") for w in words) or fig.record["metric"] == "benefit_amount":
                return program or ""
        for old, program in benefits:
            if old.sentence != fig.sentence and values_agree(float(old.value), old.step, float(fig.value), fig.step):
                if fig.record["program"] in (None, program):
                    parts[fig.sentence] = (fig.span.end, program)
                    return program or ""
        return None

    def _threshold(self, fig: Figure) -> bool:
        """A rule's threshold (`saldo di bawah Rp15 juta`, `bila …, minimal Rp42 juta`): a threshold word right
        before the amount in a sentence that states a condition."""
        if word_set("condition_words").isdisjoint(self.view.sentence_words(fig.sentence)):
            return False
        near = " ".join(self._words_before(fig, 4))
        return any(near.endswith(w) or f"{w} " in near for w in lexicon()["threshold_words"])

    def _named_beneficiary(self, fig: Figure) -> bool:
        """`ahli waris dari Budi Santoso sebesar Rp61 juta`, `atas nama Sari Dewi … menerima Rp210 juta`: an
        amount paired with one named beneficiary (a marker, then a capitalised name, before it)."""
        tokens = self.tokens
        v = self.view
        if _first_words("beneficiary_markers").isdisjoint(v.sentence_words(fig.sentence)):
            return False  # (most sentences: no marker at all)
        start = self._since_previous_figure(fig, 25)
        markers = [m.split() for m in lexicon()["beneficiary_markers"]]
        for i in range(start, fig.span.start - 1):
            for m in markers:
                j = i + len(m)
                if tokens.lower[i:j] == m and j < fig.span.start and tokens.is_title(j) and j not in self.offices.anchor_tokens:
                    return True
        # `atas nama A … Rp260 juta dan B, … yang menerima Rp115 juta`: the list of named beneficiaries goes on
        previous = [f for f in v.figures_in(fig.sentence) if f.end <= fig.span.start and f.label == "MONEY"]
        if previous and start == previous[-1].end:
            k = start
            while k < fig.span.start and tokens.text[k] in {",", ";"}:
                k += 1
            if k + 1 < fig.span.start and tokens.lower[k] in {"dan", "serta"} and tokens.is_title(k + 1):
                prev_fig = next((f for f in self._figure_cache if f.span.start == previous[-1].start), None)
                return prev_fig is not None and self._named_beneficiary(prev_fig)
        return False

    def _to_one_heir(self, fig: Figure, sentence_figures: list[SpanInfo]) -> bool:
        """`santunan Rp42 juta kepada ahli waris almarhum X`: with no number of heirs, what one heir received."""
        if not self.view.names_one_heir(fig.sentence):
            return False
        return not any(f.label == "COUNT" or (f.label == "NUMBER" and f.start != fig.span.start) for f in sentence_figures)

    def _benefit_cue(self, fig: Figure) -> bool:
        """`masing-masing menerima Rp42 juta`, `rata-rata Rp21,83 juta`, `Rp26,28 juta per klaim`."""
        v = self.view
        others = [f.start for f in v.figures_in(fig.sentence) if f.start != fig.span.start]
        for s in v.in_clause("CUE_BENEFIT", fig.sentence, fig.clause):
            if s.end <= fig.span.start and not any(s.end <= x < fig.span.start for x in others):
                return True
            if fig.span.end <= s.start <= fig.span.end + 1 and s.rule == "cue.benefit.per_orang":
                return True
        return False

    def _near_before(self, labels: tuple[str, ...], fig: Figure, distance: int) -> SpanInfo | None:
        v = self.view
        best = None
        for label in labels:
            for s in v.in_clause(label, fig.sentence, fig.clause):
                if s.end <= fig.span.start and fig.span.start - s.end <= distance:
                    if best is None or s.end > best.end:
                        best = s
        return best

    def qualifier(self, fig: Figure) -> str:
        v, lower = self.view, self.tokens.lower
        notq = v.not_qualifier
        qualifiers = v.spans.get("QUALIFIER", [])
        for s in qualifiers:
            if s.start in notq:
                continue
            if s.start == fig.span.end and s.kind == "at_least":
                return "at_least"
        for s in qualifiers:
            if s.start in notq or s.end > fig.span.start:
                continue
            gap = lower[s.end:fig.span.start]
            if len(gap) <= 1 and all(w in QUALIFIER_FILLERS for w in gap):
                return s.kind
        if fig.span.label == "MONEY" and RANGE.search(fig.span.text):
            return "at_least"  # `Rp 5-6 miliar`: the low end of a range
        return "exact"

    def is_target(self, fig: Figure) -> bool:
        v = self.view
        targets = [s for s in v.in_clause("CUE_TARGET", fig.sentence, fig.clause) if s.end <= fig.span.start]
        if not targets:
            return False
        last = max(s.end for s in targets)
        achieved = [s for s in v.in_clause("CUE_ACHIEVED", fig.sentence, fig.clause) if last <= s.start < fig.span.start]
        return not achieved

    def _list_heading(self, si: int, figures: list[Figure]) -> str | None:
        """The program of a list heading line (`2. Jaminan Kematian (JKM)`, `- JHT:`): a short line that
        names one program and no figure."""
        if figures:
            return None
        v, tokens = self.view, self.tokens
        sent = v.sentences[si]
        words = [t for t in tokens.text[sent.start:sent.end] if not t.isspace()]
        kinds = {p.kind for p in v.in_sentence("PROGRAM", si)}
        if len(kinds) != 1 or len(words) > 10 or (words and words[-1] == "." and not _LIST_MARK.match(self.view.sentence_text(si))):
            return None
        return kinds.pop()

    def _label_line(self, si: int) -> bool:
        """A `label: value` line of a list (`Total klaim: Rp3,1 miliar`, `- Jumlah kasus: 204`)."""
        text = self.view.sentence_text(si)
        head, colon, _ = text.partition(":")
        return bool(colon) and len(head.split()) <= 5

    def continues(self, si: int) -> bool:
        """Does the sentence go on from the figures before it: it points back (`Angka itu`), compares
        (`dibanding`, `melampaui`) or names the year before (`tahun lalu`, `setahun sebelumnya`)?"""
        v = self.view
        if v.in_sentence("CUE_ANAPHOR", si):
            return True
        if not word_set("continuation_words").isdisjoint(v.sentence_words(si)):
            return True
        return any(w in word_set("comparison_words") for w in v.sentence_words(si) if w != "dari")

    def program(self, fig: Figure, figures: list[Figure], prev_programs: set[str], scoped: bool = False,
                continued: str | None = None) -> str | None:
        v = self.view
        programs = v.in_sentence("PROGRAM", fig.sentence)
        owners = {v.clause_of[p.start] for p in programs}
        same_unit = [f.span.start for f in figures if f is not fig and f.sentence == fig.sentence
                     and f.unit == fig.unit and f.clause in owners]
        totals = [s for s in v.in_sentence("CUE_TOTAL", fig.sentence) if s.rule == "cue.total.semua_program"]

        all_totals = v.in_sentence("CUE_TOTAL", fig.sentence)

        def free(p: SpanInfo) -> bool:
            lo, hi = sorted((p.start, fig.span.start))
            if any(lo <= t.start < hi for t in totals):
                return False
            return not (any(lo < x < hi for x in same_unit) and any(lo <= t.start < hi for t in all_totals))

        same_clause = [p for p in programs if v.clause_of[p.start] == fig.clause and free(p)]
        before = [p for p in same_clause if p.start < fig.span.start]
        why = fig.why
        if before:
            why["program"] = "named_before_in_clause"
            return self._listed(max(before, key=lambda p: p.start), programs)
        share = word_set("share_words")
        after = [p for p in same_clause if p.start > fig.span.start and p.start - fig.span.end <= 8
                 and share.isdisjoint(self.tokens.lower[fig.span.end:p.start])]
        if after:
            why["program"] = "named_after_in_clause"
            return self._listed(min(after, key=lambda p: p.start), programs)  # `Rp17,7 miliar Jaminan Kematian`
        earlier = [p for p in programs if p.start < fig.span.start and free(p)]
        if earlier:
            why["program"] = "named_earlier_in_sentence"
            return self._listed(max(earlier, key=lambda p: p.start), programs)
        if not programs and not totals and not scoped and not v.in_sentence("CUE_TOTAL", fig.sentence) and fig.noun != "other":
            if continued is not None:
                why["program"] = "continues_previous_figure"
                return continued  # `Setahun sebelumnya hanya Rp7,9 miliar`: the program of the figure it goes on from
            if len(prev_programs) == 1:
                why["program"] = "previous_sentence"
                return next(iter(prev_programs))
            why["program"] = "article_program" if self.sole_program else "none_named"
            return self.sole_program
        why["program"] = "all_programs" if totals or v.in_sentence("CUE_TOTAL", fig.sentence) else "none_named"
        return None

    def _listed(self, program: SpanInfo, programs: Sequence[SpanInfo]) -> str | None:
        """The program's kind, or None when it is one of a list of programs (`JHT, JKK, JKM dan JP
        senilai Rp20 miliar`, `Jaminan Kematian (JKM) dan Jaminan Kecelakaan Kerja (JKK)`): the figure
        is then a total over them. `programs` are the sentence's, in text order. An abbreviation in
        brackets right after a program's name (`Jaminan Pensiun (JK)`) restates that name, even when the
        press wrote it wrongly: it adds no program to the list."""
        if len(programs) == 1:
            return program.kind
        text, lower = self.tokens.text, self.tokens.lower

        def alias(n: int) -> bool:  # programs[n] is `(ABBR)` right after programs[n - 1]
            p = programs[n]
            return n > 0 and programs[n - 1].end == p.start - 1 and text[p.start - 1] == "(" and text[p.end:p.end + 1] == [")"]

        at = programs.index(program)
        while alias(at):
            at -= 1
        kinds = {programs[at].kind}
        for i in range(at, 0, -1):  # the programs listed before it
            if not LIST_JOINERS.issuperset(lower[programs[i - 1].end:programs[i].start]):
                break
            if not alias(i):
                kinds.add(programs[i - 1].kind)
        for i in range(at, len(programs) - 1):  # and after it
            if not LIST_JOINERS.issuperset(lower[programs[i].end:programs[i + 1].start]):
                break
            if not alias(i + 1):
                kinds.add(programs[i + 1].kind)
        return programs[at].kind if len(kinds) == 1 else None

    @cached_property
    def sole_program(self) -> str | None:
        """The article's one program, when it is named (not loosely) in two sentences or more and no other is."""
        v = self.view
        named = [p for p in v.spans.get("PROGRAM", []) if not p.rule.endswith(".loose")]
        kinds = {p.kind for p in named}
        if len(kinds) == 1 and len({v.sent_of[p.start] for p in named}) >= 2:
            return kinds.pop()  # the article is about one program, named again and again
        return None

    def segment(self, fig: Figure) -> str | None:
        v = self.view
        segments = v.in_sentence("SEGMENT", fig.sentence)
        if not segments:
            return None  # (most figures)
        clause = v.in_clause("SEGMENT", fig.sentence, fig.clause)
        before = [s for s in clause if s.start < fig.span.start]
        if before:
            return max(before, key=lambda s: s.start).kind
        if clause:
            return min(clause, key=lambda s: s.start).kind
        # `9.632 pekerja, penerima upah/...`: a segment set off by a comma right after the figure
        for s in segments:
            if 0 <= s.start - fig.span.end <= 2 and all(map(self.tokens.is_punct, range(fig.span.end, s.start))):
                return s.kind
        kinds = {s.kind for s in segments}
        return kinds.pop() if len(kinds) == 1 else None

    def office_for(self, fig: Figure) -> Office | None:
        """An office or area named for this figure that is not the main office."""
        key = (fig.sentence, self.view.strong_clause_of[fig.span.start])
        if key not in self._offices_near:
            self._offices_near[key] = self._offices_in(*key)
        main = self.main
        for o in sorted(self._offices_near[key], key=lambda o: (o.start > fig.span.start, abs(o.start - fig.span.start))):
            if not covered(o, main):
                if o.bare and o.kind == "city" and main is not None and main.level in ("cabang", "kcp") and main.kind != "unknown":
                    # `Pati Rp24 miliar` in a branch's article: a part of the branch's area, not another office
                    fig.why["office"] = "area_of_article_office"
                    return replace(main, area=o.name, head=main.head or self.main_head)
                fig.why["office"] = "place_beside_figure" if o.bare else "office_named_in_clause"
                level = o.level or ("pusat" if o.kind == "nasional" else "wilayah" if o.kind == "wilayah" else "cabang" if o.kind == "city" else None)
                return replace(o, level=level)
        return None

    def _offices_in(self, si: int, strong: int) -> list[Office]:
        """The offices and places named in one strong clause of a sentence (and at its start)."""
        v, tokens = self.view, self.tokens
        candidates = [o for o in self.offices.offices if o.start >= 0 and v.sent_of[o.start] == si
                      and v.strong_clause_of[o.start] == strong and (o.kind != "unknown" or o.level in ("kcp", "cabang", "wilayah"))]
        places = []
        government = word_set("government_titles")
        for p in v.in_sentence("PLACE", si):
            if v.strong_clause_of[p.start] != strong or self._dateline(p):
                continue
            if p.start > 0 and tokens.lower[p.start - 1] in government:
                continue  # `Bupati Jeneponto`: an official, not an office of the agency
            if any(o.start <= p.start < o.end for o in self.offices.offices):
                continue
            place = self.offices._place_at(p.start)
            if place:
                places.append(Office(place[0], None, place[1], place[2], p.start, place[3], bare=True))
        lead = self._lead_place(si)
        if lead is not None:
            places.append(Office(*lead, bare=True))
        return candidates + places

    def _lead_place(self, si: int) -> tuple[str, None, str, str | None, int, int] | None:
        """A place opening the sentence and going on in lower case (`Kupang mencatat ...`), or `Secara
        nasional`, as Office fields; worked out once per sentence."""
        if si not in self._leads:
            tokens, sent = self.tokens, self.view.sentences[si]
            first = sent.start
            while first < sent.end and (tokens.is_space(first) or tokens.is_punct(first)):
                first += 1
            lead = self.offices._place_at(first) if first < sent.end else None
            self._leads[si] = None
            if lead and lead[3] < sent.end and ((lead[1] == "city" and tokens.is_lower(lead[3])) or lead[1] == "nasional"):
                self._leads[si] = (lead[0], None, lead[1], lead[2], first, lead[3])
        return self._leads[si]

    def _dateline(self, place: SpanInfo) -> bool:
        """`KUPANG, ...`, `Balikpapan (ANTARA) -`, `NERACA - Bandung -`: where the story was filed."""
        tokens = self.tokens
        sent = self.view.sentences[self.view.sent_of[place.start]]
        lead = [i for i in range(sent.start, place.start) if not tokens.is_space(i)]
        return len(lead) <= 4 and place.end < len(tokens) and tokens.text[place.end] in {",", "(", "-", "–", "—", "|", "/"}

    # ---- periods
    def sentence_periods(self) -> list[dict[int, list[Period]]]:
        """Per sentence: clause -> the periods written there, read with the discourse year. Their token
        offsets, and the comparison bases apart, are kept by (sentence, clause) for _figure_period."""
        v, tokens = self.view, self.tokens
        lower = tokens.lower
        weekdays = word_set("weekdays")
        comparison = word_set("comparison_words")
        year = self.published_year
        out: list[dict[int, list[Period]]] = []
        self._period_spans, self._bases = {}, {}
        for si, sent in enumerate(v.sentences):
            found: dict[int, list[Period]] = {}
            for s in v.in_sentence("PERIOD", si):
                before = [lower[i] for i in range(max(0, s.start - 2), s.start) if not tokens.is_punct(i)]
                if before and before[-1] in weekdays:
                    continue  # `Rabu 6 Desember 2023`: the dateline, not the period of a figure
                key = (si, v.clause_of[s.start])
                window = lower[max(sent.start, s.start - 6):s.start + 1]  # (the sentence's own words only)
                if any(w in comparison for w in window if w != "dari") or "dari total" in " ".join(window) or (
                        before and before[-1] == "dengan" and any(w in comparison for w in lower[max(sent.start, s.start - 4):s.start])):
                    # `naik 12 persen dibandingkan periode yang sama tahun lalu`: the base, not the period
                    # (only of what its clause states after it: `dibanding 2022 yang sebesar Rp10 miliar`)
                    if (p := parse_period(s.text, year)) is not None:
                        self._bases.setdefault(key, []).append((s.end, p))
                    continue
                p = parse_period(s.text, year)
                if p is None:
                    continue
                if p.kind == "now" and self.published and any(w in s.text.lower() for w in ("hingga", "sampai", "per", "sekarang", "kini")):
                    p = Period(None, self.published, "until", True)
                if p.start is not None and p.kind in ("month", "year", "quarter", "semester") and self._opens_range(s):
                    p = replace(p, end=None, kind="since")  # `dari Maret 2023 hingga saat ini`: from the start of March
                found.setdefault(key[1], []).append(p)
                self._period_spans.setdefault(key, []).append((s.start, s.end, p))
                if p.absolute and p.end:
                    year = p.end.year
            out.append(found)
        return out

    def _opens_range(self, span: SpanInfo) -> bool:
        """Is the period the start of a range closed by a later period of its clause (`dari/sejak/mulai
        Januari 2021 … hingga saat ini`, `… sampai dengan Juni`)? Words such as `periode` and
        `bulan` may stand between the opening word and the period."""
        lower = self.tokens.lower
        i = span.start - 1
        while i >= 0 and lower[i] in RANGE_FILLERS:
            i -= 1
        if i < 0 or lower[i] not in RANGE_OPENERS:
            return False
        v = self.view
        key = (v.sent_of[span.start], v.clause_of[span.start])
        return any(o.start >= span.end and lower[o.start] in RANGE_CLOSERS
                   for o in v.in_sentence("PERIOD", key[0]) if v.clause_of[o.start] == key[1] or o.start - span.end <= 3)

    def _figure_period(self, fig: Figure, found: dict[int, list[Period]], sentence_period: Period | None,
                       carry: Period | None, started: Period | None) -> Period | None:
        """A figure's period: its clause's, else its sentence's (None: the discourse's). Of several
        periods in the clause that do not overlap (`dari Rp10 miliar pada 2022 menjadi Rp12 miliar pada
        2023`), the nearest; after a comparison base in its clause (`naik dibanding 2022 yang sebesar
        Rp10 miliar`), the base's; `periode yang sama tahun lalu` moves the sentence's other period."""
        key = (fig.sentence, fig.clause)
        spans = self._period_spans.get(key, ())
        if spans:
            spans = [s for s in spans if s[2].absolute]
        if key in self._bases:
            bases = [(end, p) for end, p in self._bases[key] if end <= fig.span.start]
            if bases:
                end, base = max(bases, key=itemgetter(0))
                if not any(end <= a < fig.span.start for a, _, _ in spans):
                    fig.compared = True
                    fig.why["period"] = "comparison_base"
                    return self._open_start(self._resolve({0: [base]}, sentence_period or carry), started)
        if len(spans) >= 2 and disjoint([p for _, _, p in spans]):
            _, _, nearest = min(spans, key=lambda s: max(s[0] - fig.span.end, fig.span.start - s[1], 0))
            fig.why["period"] = "nearest_in_clause"
            return self._open_start(nearest, started)
        clause_periods = found.get(fig.clause, [])
        if spans:
            fig.why["period"] = "stated_in_clause"
            return self._open_start(self._resolve({0: clause_periods}, carry), started)
        if any(p.kind == "same" for p in clause_periods):
            others = [p for clause, ps in found.items() if clause != fig.clause for p in ps if p.absolute]
            reference = combine(others) if others else carry
            if reference is not None:
                fig.why["period"] = "same_period_other_year"
                return self._open_start(self._resolve({0: clause_periods}, reference), started)
        if sentence_period is not None:
            fig.why["period"] = "stated_in_sentence"
        return sentence_period

    def build(self) -> list[Record]:
        v = self.view
        if not self.is_on_topic():
            return []
        figures = self.figures()
        for fig in figures:
            if fig.span.label == "NUMBER" and fig.unit != "IDR":
                fig.noun = self._bare_noun(fig, figures)
        figures = [f for f in figures if f.span.label != "NUMBER" or f.noun]
        for fig in figures:
            if fig.noun == "percent":
                fig.unit, fig.noun = "percent", None
        periods = self.sentence_periods()
        main_period = self._main_period(periods, figures)
        records: list[Figure] = []
        carry: Period | None = None
        last_sentence_with_figures = -2
        prev_programs: set[str] = set()
        prev_claims = False
        last_programs: dict[str, set[str | None]] = {}  # unit -> programs of the last figures' sentence
        heading_program: str | None = None  # the program of the list heading the lines below belong to
        benefits: list[tuple[Figure, str | None]] = []  # one beneficiary's amounts so far, with their program
        benefit_parts: dict[int, tuple[int, str | None]] = {}  # sentence -> (token after a restated benefit, its program)
        started: Period | None = None
        by_sentence: dict[int, list[Figure]] = {}
        for fig in figures:
            by_sentence.setdefault(fig.sentence, []).append(fig)
        for si in range(len(v.sentences)):
            sent_figs = by_sentence.get(si, [])
            programs_here = {p.kind for p in v.in_sentence("PROGRAM", si)}
            claims_here = False
            sentence_period = self._open_start(self._resolve(periods[si], carry), started)
            for group in periods[si].values():
                for p in group:
                    if p.absolute and p.start is not None:
                        started = p
            continues = bool(sent_figs) and si - last_sentence_with_figures <= 2 and self.continues(si)
            heading = self._list_heading(si, sent_figs)
            if heading is not None:
                heading_program = heading
            elif sent_figs and not self._label_line(si):
                heading_program = None  # prose again: the list is over
            for fig in sent_figs:
                metric, per, sign = self.metric(fig, prev_claims)
                sib = fig.sibling.record if fig.sibling is not None else None
                if sib and metric in ("participants", "claim_cases") and sib["metric"] in ("new_participants", "participants", "claim_cases"):
                    metric = sib["metric"]
                    fig.why["metric"] = "listed_with_sibling"
                if metric is None and fig.unit == "percent" and self._share_of(fig, sent_figs):
                    metric = "coverage_pct"  # `52.700 tenaga kerja dari angkatan kerja 144.200 atau 36,54 persen`
                    fig.why["metric"] = "share_of_participants"
                if metric is None:
                    continue
                base = metric.removesuffix("_change")
                period = self._figure_period(fig, periods[si], sentence_period, carry, started)
                if period is None:
                    period = carry if last_sentence_with_figures == si - 1 and carry else main_period
                    fig.why["period"] = ("carried_from_previous" if period is carry else "article_period") if period else "none_stated"
                office = self.office_for(fig)
                programs_before = last_programs.get(fig.unit, set())
                continued = next(iter(programs_before)) if len(programs_before) == 1 and continues else None
                fig.record = {
                    "metric": metric, "per": per, "value": fig.value * sign, "unit": fig.unit,
                    "qualifier": self.qualifier(fig), "target": self.is_target(fig),
                    "program": self.program(fig, sent_figs, prev_programs, office is not None and office.kind == "nasional",
                                            continued) if base in PROGRAM_METRICS else None,
                    "segment": self.segment(fig), "period": period, "office": office,
                }
                if fig.record["program"] is None and base in ("claim_amount", "benefit_amount"):
                    fig.record["program"] = self._component_program(fig, sent_figs)
                    if fig.record["program"] is not None:
                        fig.why["program"] = "part_of_breakdown"
                if fig.unit == "IDR" and metric in ("claim_amount", "benefit_amount"):
                    restated = self._restated_benefit(fig, benefits, benefit_parts)
                    if restated is not None:  # `Nominal Rp42 juta itu … rincian santunan kematian Rp20 juta …`
                        fig.record["metric"], fig.record["program"] = "benefit_amount", fig.record["program"] or restated or None
                        fig.why["metric"] = "restated_benefit"
                    if fig.record["metric"] == "benefit_amount":
                        benefits.append((fig, fig.record["program"]))
                if heading_program is not None and base in PROGRAM_METRICS and not v.in_sentence("PROGRAM", si) and self._label_line(si):
                    fig.record["program"] = heading_program  # `Total klaim: Rp3,1 miliar` under `B. Jaminan Kecelakaan Kerja`
                    fig.why["program"] = "list_heading"
                if base in ("claim_amount", "claim_cases"):
                    claims_here = True
                records.append(fig)
            if sent_figs:
                last_sentence_with_figures = si
                last_programs = {}
                for f in sent_figs:
                    if f.record and f.record["metric"].removesuffix("_change") in ("claim_amount", "claim_cases", "benefit_amount"):
                        last_programs.setdefault(f.unit, set()).add(f.record["program"])
                used = [f.record["period"] for f in sent_figs if f.record and f.record.get("period") is not None and not f.compared]
                carry = sentence_period or (used[-1] if used else carry or main_period)
            elif last_sentence_with_figures == si - 1 and sentence_period is not None and v.in_sentence("CUE_ANAPHOR", si):
                refined = self._refine(by_sentence.get(si - 1, []), sentence_period)
                if refined is not None:  # `Angka itu dihitung sejak Januari sampai 9 Desember 2022`
                    carry, last_sentence_with_figures = refined, si
            prev_programs = programs_here
            prev_claims = claims_here or (prev_claims and not sent_figs)
        return self._to_records(records)

    @staticmethod
    def _refine(figures: list[Figure], period: Period) -> Period | None:
        """A sentence that points back (`Angka itu …`) with a period of its own restates the period of
        the figures just given: it replaces theirs where it lies within it (or theirs is unknown).
        Returns the period when it was taken, so the breakdown after it inherits it too."""
        if not period.absolute:
            return None
        taken = False
        for fig in figures:
            old: Period | None = fig.record.get("period") if fig.record else None
            if fig.compared or not fig.record:
                continue
            if old is None or ((old.start is None or period.start is None or old.start <= period.start)
                               and (old.end is None or period.end is None or period.end <= old.end)):
                fig.record["period"] = period
                fig.why["period"] = "refined_next_sentence"
                taken = True
        return period if taken else None

    @staticmethod
    def _open_start(period: Period | None, started: Period | None) -> Period | None:
        """`sepanjang tahun 2022 ... Hingga akhir Desember 2022`: the open start is the year's."""
        if period is None or period.start is not None or period.end is None or started is None or started.start is None:
            return period
        if started.start.year == period.end.year and started.start <= period.end and (started.end is None or started.end >= period.end):
            return replace(period, start=started.start)
        return period

    def _resolve(self, clause_periods: dict[int, list[Period]], carry: Period | None) -> Period | None:
        ps = [p for group in clause_periods.values() for p in group if p is not None]
        if not ps:
            return None
        same = [p for p in ps if p.kind == "same"]
        absolute = [p for p in ps if p.absolute]
        if same and carry is not None:
            years = [p.end.year for p in absolute if p.kind == "year" and p.end and not p.shift_years]
            if years:
                return shift_year(carry, years[0])
            shift = next((p.shift_years for p in ps if p.shift_years), 0)
            if shift and carry.end:
                return shift_year(carry, carry.end.year + shift)
            return carry
        if absolute:
            return combine(absolute)
        return None

    def _main_period(self, periods: list[dict[int, list[Period]]], figures: list[Figure]) -> Period | None:
        """The article's period: the first one stated beside its figures (or `jumlah tersebut`)."""
        v = self.view
        with_figs = {f.sentence for f in figures}
        for si, found in enumerate(periods):
            absolute = [p for group in found.values() for p in group if p.absolute]
            if not absolute or v.in_sentence("CUE_EXCLUDE", si) or v.in_sentence("OTHER_AGENCY", si):
                continue
            if si in with_figs or v.in_sentence("CUE_ANAPHOR", si) or v.in_sentence("CUE_CLAIM", si):
                return combine(absolute)
        return None

    def _loose(self, fig: Figure, office: Office | None) -> bool:
        """Does the mention say less than a fact of its own: its office only a place beside it (a dateline, a
        province, a headline's city), or no program and no period of its own (`sudah 38 kasus,” katanya`)?"""
        if office is not None and (office.bare or office.kind == "province"):
            return True
        own_period = (fig.sentence, fig.clause) in self._period_spans or (fig.sentence, fig.clause) in self._bases
        return not own_period and not self.view.in_sentence("PROGRAM", fig.sentence)

    def _to_records(self, figs: list[Figure]) -> list[Record]:
        loose: list[bool] = []
        merged: list[tuple[Record, float]] = []
        by_key: dict[tuple, list[int]] = {}
        for fig in figs:
            r = fig.record
            period: Period | None = r["period"]
            office: Office | None = r["office"]
            stock = r["metric"].removesuffix("_change") in STOCK_METRICS
            start_iso, end_iso = period.iso() if period else (None, None)
            if stock:
                start_iso = None
            main = self.main
            branch_office = office or main
            head = (office.head if office else self.main_head) if branch_office else None
            if branch_office is not None:
                branch_office, head = self.offices.same_office(branch_office, head)
            if head is None and branch_office is not None and branch_office.kind == "nasional":
                head = self.offices.national_head
            why = fig.why
            why.setdefault("office", "article_office" if branch_office is not None else "none_named")
            why["head"] = "head_of_office" if head else "none_named"
            sentence = self.view.sentence_text(fig.sentence)
            mention = Mention(fig.span.start_char, fig.span.end_char, fig.span.text, sentence, fig.span.rule)
            record = Record(
                article_id=self.article_id, record_id=record_id(self.article_id, fig.span.start_char, fig.span.end_char, r["metric"]),
                metric=r["metric"], value=r["value"], unit=r["unit"],
                value_text=fig.span.text, qualifier=r["qualifier"], target=r["target"], program=r["program"],
                segment=r["segment"], per=r["per"], period_start=start_iso, period_end=end_iso,
                branch=branch_office.name if branch_office else None,
                office_level=branch_office.level if branch_office else None,
                region=region_of(branch_office), head=head, sentence=sentence,
                start=fig.span.start_char, end=fig.span.end_char, rule=fig.span.rule, mentions=(mention,),
                why="; ".join(f"{k}={why[k]}" for k in WHY_ORDER if k in why),
            )
            n = len(merged)
            merge_into(merged, by_key, record, fig.step)
            if len(merged) > n:
                loose.append(self._loose(fig, office))
        return merge_restatements(merged, loose)


def heads_in(doc) -> list[tuple[str | None, str]]:
    """(office name or None, head) pairs named in a text, e.g. in the photo captions cleaning took out."""
    finder = OfficeFinder(ArticleView(doc))
    return [(office.name if office else None, name) for _, office, name in finder.heads]


def with_caption_heads(records: list[Record], heads: list[tuple[str | None, str]]) -> list[Record]:
    """Records with no head take the head a caption names for their office (or for no office in particular)."""
    out = []
    for r in records:
        if r.head is None and r.branch and r.branch != "Nasional":
            name = next((n for office, n in heads if office is None or office.lower() == r.branch.lower()), None)
            if name:
                r = replace(r, head=name)
        out.append(r)
    return out


def assemble(article_id: str, doc, published_year: int | None, published: str | None = None) -> tuple[list[Record], bool]:
    """Records of one parsed article, and whether the article is about BPJS Ketenagakerjaan."""
    day = None
    if published:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            day = None
    assembler = Assembler(article_id, doc, published_year, day)
    return assembler.build(), assembler.is_on_topic()


__all__ = ["assemble", "Assembler", "values_agree"]
