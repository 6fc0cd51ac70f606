"""Assembly: spans found by the ruler -> one Record per reported fact.

Each figure (MONEY, PERCENT, COUNT, or a bare NUMBER whose noun is understood) gets its
metric from cue words, its program, segment, qualifier and target flag from its clause,
its period from its sentence or the discourse, and its office from an explicit mention
or the article's main office. Mentions of the same fact (headline, lead, body, quote)
are merged into one record that carries the most precise value.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Any, NamedTuple, Sequence

from .data import gazetteer, lexicon, word_set
from .nlp import MATCHES_KEY, doc_text, sentence_bounds
from .numbers import RANGE, parse_amount
from .periods import Period, combine, disjoint, parse_period, shift_year
from .records import Mention, Record

FIGURE_LABELS = {"MONEY": 0, "PERCENT": 1, "COUNT": 2, "NUMBER": 3}
STOCK_METRICS = {"participants", "employers", "coverage_pct", "uncovered_pct"}
AGENCY_PROGRAMS = {"JHT", "JKK", "JKM", "JP", "JKP"}  # the agency's own programs (not beasiswa, BSU)
PROGRAM_METRICS = {"claim_amount", "claim_cases", "benefit_amount", "growth_pct", "other"}
STRONG_BREAKS = {",", ";", ":", "—", "–"}
STRONG_WORDS = {"dan", "serta", "sedangkan", "namun", "karena", "sementara", "tetapi", "tapi"}  # a CLAUSE_BREAK on these is strong
ANAPHORS = {"tersebut", "itu"}
RANGE_OPENERS = {"dari", "sejak", "mulai", "semenjak"}
RANGE_FILLERS = {"periode", "bulan", "tahun", "awal"}
RANGE_CLOSERS = {"hingga", "sampai", "sd", "s/d", "s.d.", "s.d"}
WHY_ORDER = ("metric", "program", "period", "office", "head")  # the decisions a record's `why` names, in order
NATIONAL_ROLES = ("direktur_utama", "dirut")  # HEAD_ROLE rules whose holder heads the national office
LIST_JOINERS = {",", "dan", "serta", "&", "/", "maupun", "(", ")"}  # what stands between the programs of a list
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-zA-Z][.)]|[-•*–])\s")  # `1.`, `b)`, `-`, `•` opening a list line
_HEIRS = re.compile(r"\bpara\s+ahli\b")
UNIT_HINTS = {"MONEY": "IDR", "PERCENT": "percent"}
COUNT_NOUNS = {"claim": "claim", "person": "person", "person_words": "person", "person_multi": "person",  # count rule -> noun
               "person_multi_words": "person", "person_digit_paren_multi": "person", "claim_words": "claim",
               "employer": "employer"}
PLACE_TYPES = {"provinsi", "prov", "prov.", "kota", "kabupaten", "kab", "kab.", "kepulauan"}  # `Kota Kupang`
QUALIFIER_FILLERS = {"sebesar", "sebanyak", "senilai", "mencapai", "yakni", "yaitu", "ada", "sejumlah", "hingga", "sampai", "tercatat"}
# words that may stand between a cue (`naik`, `per bulan`) and its figure: `naik sekitar 12 persen`
ADJACENT_FILLERS = QUALIFIER_FILLERS | {"rp", "sekitar", "hampir", "lebih", "dari"}


class SpanInfo(NamedTuple):
    """A span the ruler found (immutable; a tuple, as ~100 are made per article)."""

    label: str
    rule: str
    start: int  # token index
    end: int
    start_char: int
    end_char: int
    text: str

    @property
    def kind(self) -> str:
        """The part of the rule id after the label family: `program.JHT.full` -> `JHT`."""
        parts = self.rule.split(".")
        return parts[1] if len(parts) > 1 else ""


@dataclass
class Office:
    name: str
    level: str | None
    kind: str  # city, province, wilayah, nasional, unknown
    province: str | None
    start: int
    end: int
    head: str | None = None
    bare: bool = False  # a place named beside a figure, not introduced as an office (`di Kabupaten Pati`)
    area: str | None = None  # the part of the office's area a figure is for (a regency row of a breakdown)


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
    loose: bool = False  # its period is carried over and it names no program, or its office is only a place beside it


_START = itemgetter(2)  # SpanInfo.start


def _filter_longest(spans: list[SpanInfo], priority: dict[str, int] | None = None) -> list[SpanInfo]:
    """The spans that no longer (or, as long, earlier or higher-priority) span overlaps, by start."""
    end = -1
    for s in spans:
        if s.start < end:
            break
        end = s.end
    else:
        return spans  # in order and nothing overlaps (the usual case: the ruler gives its matches by start)
    rank = priority or {}
    ordered = sorted(spans, key=lambda s: (s.start - s.end, rank.get(s.label, 9), s.start))
    taken: set[int] = set()
    out = []
    for s in ordered:
        tokens = range(s.start, s.end)
        if taken.isdisjoint(tokens):
            out.append(s)
            taken.update(tokens)
    return sorted(out, key=_START)


_new_span = tuple.__new__  # SpanInfo(*fields) without the generated __new__'s Python frame (~80 spans an article)


class Tokens:
    """A doc's tokens as plain lists, read once from its arrays: `tokens.lower[i]` for `doc[i].lower_`,
    `tokens.is_title(i)` for `doc[i].is_title`.

    Every `doc[i]` builds a Token object, and attribution reads tokens some 400 times an article.
    Text and lower case are cut from the text; the flags are spaCy's own lexical attributes (the same
    str tests; punctuation and stop words read from the lexemes), worked out only where asked."""

    __slots__ = ("idx", "end", "text", "lower", "_punct", "_stop")

    def __init__(self, doc) -> None:
        from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LENGTH

        idx, length, self._punct, self._stop = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_STOP]).T.tolist() if len(doc) else ([], [], [], [])
        text = doc_text(doc)
        self.idx = idx
        self.end = [a + n for a, n in zip(idx, length)]
        self.text = [text[a:b] for a, b in zip(idx, self.end)]
        self.lower = [t.lower() for t in self.text]  # spaCy's LOWER is str.lower()

    def __len__(self) -> int:
        return len(self.text)

    def is_title(self, i: int) -> bool:
        return self.text[i].istitle()

    def is_upper(self, i: int) -> bool:
        return self.text[i].isupper()

    def is_lower(self, i: int) -> bool:
        return self.text[i].islower()

    def is_space(self, i: int) -> bool:
        return self.text[i].isspace()

    def is_punct(self, i: int) -> bool:
        return bool(self._punct[i])

    def is_stop(self, i: int) -> bool:
        return bool(self._stop[i])


def _span_infos(doc, tokens: Tokens) -> list[SpanInfo]:
    """The ruler's matches with their character offsets and text."""
    matches = doc.user_data.get(MATCHES_KEY, [])
    if not matches:
        return []
    idx, ends = tokens.idx, tokens.end
    text = doc_text(doc)
    out = []
    for start, end, label, rule in matches:
        a, b = idx[start], ends[end - 1]
        out.append(_new_span(SpanInfo, (label, rule, start, end, a, b, text[a:b])))
    return out


_NO_SPANS: dict[str, list[SpanInfo]] = {}  # the spans of a sentence or clause that has none (never written to)


class Sentence(NamedTuple):
    """A sentence's token and character offsets (no spaCy Span is built)."""

    start: int
    end: int
    start_char: int
    end_char: int


class ArticleView:
    """Spans of one parsed article, grouped and indexed by sentence and clause."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.tokens = tokens = Tokens(doc)
        raw = _span_infos(doc, tokens)
        by_label: dict[str, list[SpanInfo]] = {}
        figures: list[SpanInfo] = []
        for s in raw:
            if s.label in FIGURE_LABELS:
                figures.append(s)
            else:
                by_label.setdefault(s.label, []).append(s)
        self.spans: dict[str, list[SpanInfo]] = {label: _filter_longest(group) for label, group in by_label.items()}
        blocked: set[int] = set()
        for label in ("NONFIG", "PERIOD", "PLACE", "OFFICE_WORD", "AGENCY", "HEAD_ROLE"):
            for s in self.spans.get(label, []):
                blocked.update(range(s.start, s.end))
        figures = _filter_longest(figures, FIGURE_LABELS)
        # a figure may not start inside a period, place, office...; a bare number may not touch one at all
        self.figures = [f for f in figures if f.start not in blocked
                        and not (f.label == "NUMBER" and not blocked.isdisjoint(range(f.start, f.end)))]
        fig_tokens = {i for f in self.figures for i in range(f.start, f.end)}
        self.spans["PROGRAM"] = [p for p in self.spans.get("PROGRAM", []) if fig_tokens.isdisjoint(range(p.start, p.end))]
        # `Jaminan Hari Tua` holds `hari`: a rate word inside a program name is not a rate
        program_tokens = {i for p in self.spans["PROGRAM"] for i in range(p.start, p.end)}
        program_tokens.update(i for p in self.spans.get("PERIOD", []) for i in range(p.start, p.end))  # `setahun sebelumnya`
        self.spans["CUE_PER"] = [c for c in self.spans.get("CUE_PER", [])
                                 if c.start not in program_tokens and c.end - 1 not in program_tokens]
        self.not_qualifier = {i for s in self.spans.get("NOTQUAL", []) for i in range(s.start, s.end)}
        self.sentences = [Sentence(a, b, tokens.idx[a], tokens.end[b - 1]) for a, b in sentence_bounds(doc)]
        self._sentence_text: dict[int, str] = {}
        self._sentence_words: dict[int, frozenset[str]] = {}
        self._headlines: dict[int, bool] = {}
        self._one_heir: dict[int, bool] = {}
        self.sent_of, self.clause_of, self.strong_clause_of = self._indexes()
        self._figures_by_sentence: dict[int, list[SpanInfo]] = {}
        for f in self.figures:
            self._figures_by_sentence.setdefault(self.sent_of[f.start], []).append(f)
        # label -> spans (never an empty list), per sentence and per (sentence, clause)
        self.by_sentence: dict[int, dict[str, list[SpanInfo]]] = {}
        self.by_clause: dict[tuple[int, int], dict[str, list[SpanInfo]]] = {}
        sent_of, clause_of = self.sent_of, self.clause_of
        for label, group in self.spans.items():
            for s in group:
                si = sent_of[s.start]
                self.by_sentence.setdefault(si, {}).setdefault(label, []).append(s)
                self.by_clause.setdefault((si, clause_of[s.start]), {}).setdefault(label, []).append(s)

    def _indexes(self) -> tuple[list[int], list[int], list[int]]:
        """Per token: its sentence, its clause (any break) and its clause (strong breaks only).
        Clauses are numbered through the whole text (the breaks so far, this one included), so
        two tokens of one sentence share a clause when their numbers are equal."""
        tokens = self.tokens
        n = len(tokens)
        if not n:
            return [], [], []
        in_period = {i for p in self.spans.get("PERIOD", []) for i in range(p.start + 1, p.end)}
        breaks = {b.start for b in self.spans.get("CLAUSE_BREAK", [])} - in_period  # the `lalu` of `tahun lalu`
        clause_breaks = list(map(STRONG_BREAKS.__contains__, tokens.text))
        strong_breaks = clause_breaks[:]
        for i in breaks:
            clause_breaks[i] = True
            strong_breaks[i] = strong_breaks[i] or tokens.lower[i] in STRONG_WORDS
        sent_of = [0] * n
        for si, sent in enumerate(self.sentences):
            sent_of[sent.start:sent.end] = [si] * (sent.end - sent.start)
        return sent_of, list(accumulate(clause_breaks)), list(accumulate(strong_breaks))

    def sentence_text(self, si: int) -> str:
        if si not in self._sentence_text:
            sent = self.sentences[si]
            self._sentence_text[si] = doc_text(self.doc)[sent.start_char:sent.end_char].strip()
        return self._sentence_text[si]

    def is_headline(self, si: int) -> bool:
        """Is the sentence a title-case line? Worked out once per sentence."""
        if si not in self._headlines:
            sent = self.sentences[si]
            self._headlines[si] = _headline(self.tokens, sent.start, sent.end)
        return self._headlines[si]

    def sentence_words(self, si: int) -> frozenset[str]:
        """The lower-cased words of a sentence, computed once."""
        if si not in self._sentence_words:
            sent = self.sentences[si]
            self._sentence_words[si] = frozenset(self.tokens.lower[sent.start:sent.end])
        return self._sentence_words[si]

    def names_one_heir(self, si: int) -> bool:
        """Does the sentence speak of an heir (`ahli waris`), and not of heirs (`para ahli waris`)?"""
        if si not in self._one_heir:
            text = self.sentence_text(si).lower()
            self._one_heir[si] = any(w in text for w in lexicon()["heir_words"]) and not _HEIRS.search(text)
        return self._one_heir[si]

    def figures_in(self, si: int) -> list[SpanInfo]:
        """The figure spans of a sentence, in text order."""
        return self._figures_by_sentence.get(si, [])

    def in_sentence(self, label: str, si: int) -> Sequence[SpanInfo]:
        """The spans with this label in sentence si, in text order."""
        return self.by_sentence.get(si, _NO_SPANS).get(label, ())

    def in_clause(self, label: str, si: int, clause: int) -> Sequence[SpanInfo]:
        """The spans with this label in one clause of sentence si (by where they start), in text order."""
        return self.by_clause.get((si, clause), _NO_SPANS).get(label, ())


# --------------------------------------------------------------------------- offices and heads

def _title_run(tokens: Tokens, i: int, limit: int = 5) -> int:
    """End of a run of capitalised tokens starting at i (initials with dots allowed)."""
    j = i
    text = tokens.text
    while j < len(text) and j - i < limit:
        word = text[j]
        if tokens.lower[j] in ("rp", "idr"):
            break  # `KCP Pandaan Rp 9,5 miliar`: a currency is not part of a name
        if word.istitle() or (word.isupper() and word.isalpha()) or (word == "." and j > i and len(text[j - 1]) == 1):
            j += 1
            continue
        if (word == "-" and j > i and j + 1 < len(text) and text[j + 1].istitle()
                and tokens.end[j - 1] == tokens.idx[j] and tokens.end[j] == tokens.idx[j + 1]):
            j += 2  # `Al-Farisi`: one hyphenated name
            continue
        break
    return j


def _clean_name(tokens: list[str]) -> str | None:
    titles = word_set("honorifics")
    words = [t for t in tokens if t != "."]
    while words and words[0].lower().strip(".") in titles and len(words) > 1:
        words = words[1:]
    if words:  # `Henky Roshidienujarnya`: a speech verb glued to the name by a typo
        for verb in sorted(lexicon()["speech_verbs"], key=len, reverse=True):
            last = words[-1]
            if last.lower().endswith(verb) and len(last) > len(verb) + 2:
                words[-1] = last[: -len(verb)]
                break
    degrees = word_set("academic_degrees")
    while len(words) > 1 and words[-1].lower().replace(".", "") in degrees:
        words = words[:-1]  # `Siti Aminah SH`: a degree after the name
    name = " ".join(words).strip(" ,.")
    return name.replace(" - ", "-") or None


def _headline(tokens: Tokens, start: int, end: int) -> bool:
    """A title-case line (`BPJamsostek Catat Angka Klaim di NTT`): capitals say nothing there. A
    sentence closed by a full stop is body text, however many names it holds."""
    last = next((t for t in reversed(tokens.text[start:end]) if not t.isspace() and t not in {"”", '"', "’"}), "")
    if last == ".":
        return False
    words = [t for t in tokens.text[start:end] if t.isalpha() and len(t) > 3]  # spaCy's is_alpha is str.isalpha
    return len(words) >= 3 and sum(1 for t in words if t.istitle() or t.isupper()) >= 0.6 * len(words)


class KnownPlaces:
    """Places learnt from this article, backed by the gazetteer (not copied per article)."""

    def __init__(self) -> None:
        self.learnt: set[str] = set()

    def add(self, place: str) -> None:
        self.learnt.add(place)

    def __contains__(self, place: str) -> bool:
        return place in self.learnt or place in gazetteer().entries


class OfficeFinder:
    """Office mentions (`Kantor Cabang Kupang`, `BPJamsostek Sidoarjo`, `Kanwil Jatim`) and heads."""

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self.tokens = view.tokens
        self.places = {s.start: s for s in view.spans.get("PLACE", [])}
        self.anchor_tokens: set[int] = set()
        for label in ("AGENCY", "OFFICE_WORD", "HEAD_ROLE"):
            for s in view.spans.get(label, []):
                self.anchor_tokens.update(range(s.start, s.end))
        self.known_places = self._known_places()
        self.national_head: str | None = None
        self._same: dict[str, Office | None] = {}
        self.offices = self._find_offices()
        self.heads = self._find_heads()

    def _known_places(self) -> "KnownPlaces":
        known = KnownPlaces()
        tokens = self.tokens
        # `Direktur Utama BPJS Ketenagakerjaan Anggoro Eko`: what follows the national head's title is a name
        national = {i for r in self.view.spans.get("HEAD_ROLE", []) if r.rule.endswith(NATIONAL_ROLES)
                    for i in range(r.start, r.end + 3)}
        for label in ("AGENCY", "OFFICE_WORD"):
            for s in self.view.spans.get(label, []):
                if label == "AGENCY" and (self.view.is_headline(self.view.sent_of[s.start]) or s.start in national):
                    continue
                if label == "AGENCY" and s.start > 0 and tokens.is_title(s.start - 1) and (s.start - 1) not in self.anchor_tokens:
                    continue  # `Kantor Wilayah Kalimantan BPJS Ketenagakerjaan Heru Prayitno`: the office is named already
                i = s.end
                end = _title_run(tokens, i, 3)
                end = next((k for k in range(i, end) if k in self.anchor_tokens), end)  # `Wilayah X Y BPJS ...`
                if end > i and (end >= len(tokens) or not (tokens.is_title(end) or tokens.is_upper(end))
                                or tokens.lower[end] in ("rp", "idr") or end in self.anchor_tokens):
                    known.add(" ".join(tokens.lower[i:end]))
        return known

    def _place_at(self, i: int) -> tuple[str, str, str | None, int] | None:
        """(canonical, kind, province, end) of the place starting at token i."""
        tokens = self.tokens
        n = len(tokens)
        while i < n and tokens.lower[i] in PLACE_TYPES and i + 1 < n and (i + 1) in self.places:
            i += 1
        if i in self.places:
            s = self.places[i]
            parts = s.rule.split(".", 2)
            kind = parts[1] if parts[0] == "place" else "nasional"
            if kind == "nasional":
                return "Nasional", "nasional", None, s.end
            entry = gazetteer().lookup(s.text)
            canonical = parts[2] if len(parts) > 2 else s.text
            return canonical, kind, entry[2] if entry else None, s.end
        end = _title_run(tokens, i, 5)
        end = next((k for k in range(i, end) if k in self.anchor_tokens), end)
        if end == i or tokens.lower[i] in {"bpjs", "kepala", "badan"} or tokens.is_stop(i):
            return None
        words = tokens.text[i:end]
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).lower()
            if cand in self.known_places:
                entry = gazetteer().lookup(cand)
                return (entry[0] if entry else " ".join(words[:n])), (entry[1] if entry else "city"), (entry[2] if entry else None), i + n
        return " ".join(words[:1]), "unknown", None, i + 1

    def _skip_agency(self, i: int) -> int:
        text = self.tokens.text
        n = len(text)
        moved = True
        while moved and i < n:
            moved = False
            if i in self.anchor_tokens and not (self.tokens.lower[i] == "kepala"):
                i += 1
                moved = True
            elif text[i] == "(" and i + 1 < n and (i + 1) in self.anchor_tokens:
                j = i + 1
                while j < n and text[j] != ")" and j - i < 6:
                    j += 1
                i = j + 1
                moved = True
        return i

    def _find_offices(self) -> list[Office]:
        n = len(self.tokens)
        offices = []
        anchors = sorted(self.view.spans.get("AGENCY", []) + self.view.spans.get("OFFICE_WORD", []), key=lambda s: s.start)
        used: set[int] = set()
        for a in anchors:
            if a.start in used:
                continue
            level = None
            j = a.start
            words: list[SpanInfo] = []
            while j < n:
                k = self._skip_agency(j)
                words.extend(s for s in anchors if j <= s.start < k)
                if k == j:
                    break
                j = k
            used.update(s.start for s in words)
            for w in words:
                if w.label == "OFFICE_WORD":
                    level = level or w.kind
            place = self._place_at(j)
            if place is None and level == "pusat":
                place = ("Nasional", "nasional", None, j)  # `Kantor Pusat`: the head office names no place
            if place is None or (place[1] == "unknown" and (level is None or self.view.is_headline(self.view.sent_of[a.start]))):
                continue
            name, kind, province, end = place
            if level is None:
                level = {"wilayah": "wilayah", "city": "cabang", "nasional": "pusat"}.get(kind)
            if kind == "wilayah" and level == "cabang":
                level = "wilayah"
            offices.append(Office(name, level, kind, province, a.start, end))
        return offices

    def _find_heads(self) -> list[tuple[int, Office | None, str]]:
        """(role start, office, name) of each head named with a role (`Kepala Kantor Cabang X, Nama`,
        `Nama, Kepala ...`, `Nama selaku Kepala ...`). A spokesman's title (`Asisten Deputi ...`) names
        no head; the Direktur Utama heads the national office (`self.national_head`)."""
        tokens = self.tokens
        text, n = tokens.text, len(tokens)
        heads = []
        not_head = word_set("not_head_prefixes")
        for role in self.view.spans.get("HEAD_ROLE", []):
            if role.start > 0 and tokens.lower[role.start - 1] in not_head:
                continue  # `Asisten Deputi Direktur ...`: a spokesman, not the head
            national = role.rule.endswith(NATIONAL_ROLES)
            office = None if national else next(
                (o for o in self.offices if role.start <= o.start < role.end + 8 and o.start >= role.start), None)
            i = self._skip_agency(office.end if office else role.end)  # `Kepala Kantor Cabang Kupang BPJS Ketenagakerjaan, Nama`
            if office and office.kind == "unknown" and office.name.lower() not in self.known_places:
                i = office.start
                while i < n and (i in self.anchor_tokens):
                    i += 1
                i = self._skip_agency(i)
                run_end = _title_run(tokens, i, 6)
                if run_end - i >= 1 and " ".join(tokens.lower[i:i + 1]) not in self.known_places:
                    office = None  # `Kepala BPJS Ketenagakerjaan Firdaus`: the run is the name
            if office is not None:
                i = self._office_tail(office, i)
            name = self._name_after(i)
            if not name:
                name = self._name_before(role.start)
            if name:
                if len(name.split()) > 5:
                    name = " ".join(name.split()[:5])
                heads.append((role.start, office, name))
                if office:
                    office.head = name
                if national and self.national_head is None:
                    self.national_head = name
        return heads

    def _office_tail(self, office: Office, i: int) -> int:
        """`Kepala Kantor Cabang Kota Baru Selatan, Agus Rahman`: capitalised words left between the
        office and the comma before a person's name are the rest of the office's name. Returns where
        the name is to be read."""
        tokens, text = self.tokens, self.tokens.text
        end = _title_run(tokens, i, 3)
        if end == i or end >= len(text) or text[end] != "," or self._person_at(end + 1) is None:
            return i
        if office.end == i and not self._is_name_word(i):
            return i
        office.name = " ".join([office.name, *text[i:end]]) if office.end == i else office.name
        office.end = end
        return end

    def _is_name_word(self, i: int) -> bool:
        """Is token i a word a place name may go on with (not a weekday, a month or a title)?"""
        tokens = self.tokens
        low = tokens.lower[i]
        if low in word_set("weekdays") or low in word_set("honorifics"):
            return False
        if low in lexicon()["months"]:  # `Juli 2023`, `5 Agustus`: a date; `Agus Rahman`: a name
            near = tokens.text[max(0, i - 1):i] + tokens.text[i + 1:i + 2]
            return not any(t[:1].isdigit() for t in near)
        return True

    def _person_at(self, i: int) -> str | None:
        """The person's name starting at token i (titles before it skipped), or None when what stands
        there is a weekday, a month, a place or the agency."""
        tokens, text = self.tokens, self.tokens.text
        n = len(text)
        honorifics = word_set("honorifics")
        while i < n and (tokens.lower[i].rstrip(".") in honorifics or text[i] == ".") and i + 1 < n:
            i += 1  # `Prof. Dr. Ir. Maria Susanti`: every title of the sequence
        end = _title_run(tokens, i, 6)
        end = next((k for k in range(i, end) if k in self.anchor_tokens), end)  # `Nama BPJS ...`: the agency ends it
        if end == i:
            return None
        low = tokens.lower[i]
        if (low in {"di", "bpjs", "kepala", "kantor"} or low in word_set("government_titles") or not self._is_name_word(i)
                or i in self.anchor_tokens):
            return None  # `Kadis PMD`, `Bupati X`: an official's title, not a name
        name = _clean_name(text[i:end])
        if not name or gazetteer().lookup(name):
            return None
        return name

    def _name_after(self, i: int) -> str | None:
        text, n = self.tokens.text, len(self.tokens)
        while i < n and text[i] in {"(", ")", ","}:
            if text[i] == "(":
                while i < n and text[i] != ")":
                    i += 1
            i += 1
        return self._person_at(i) if i < n else None

    def _name_before(self, role_start: int) -> str | None:
        """`Toto Suharto, Deputi Direktur ...`, `kata Dimas Prakoso selaku Kepala ...`: the name before the role."""
        tokens, text = self.tokens, self.tokens.text
        k = role_start - 1
        if k < 1 or not (text[k] == "," or tokens.lower[k] in word_set("name_link_words")):
            return None
        start = k
        while start > 0 and (tokens.is_title(start - 1) or tokens.is_upper(start - 1)) and k - start < 5:
            start -= 1
        verbs = word_set("speech_verbs")
        while start < k and tokens.lower[start] in verbs:
            start += 1  # `Kata Mulyana, Kepala ...`: the speech verb opening the sentence
        if start >= k or not self._is_name_word(start):
            return None
        name = _clean_name(text[start:k])
        if not name or gazetteer().lookup(name):
            return None
        return name

    def _witness(self, role_start: int) -> bool:
        """`… turut disaksikan oleh Kepala BPJS Ketenagakerjaan Cabang X`: a head named as a witness or guest."""
        lower = self.tokens.lower
        return any(w in word_set("witness_words") for w in lower[max(0, role_start - 4):role_start])

    def same_office(self, office: Office, head: str | None) -> tuple[Office, str | None]:
        """One office under several spellings (`Tanjungkarang`, `Tanjung Karang`, a letter dropped):
        the spelling of the office mention that names a head (else the first), and that head."""
        key = _office_key(office.name)
        if len(key) < 4:
            return office, head
        if key not in self._same:
            match = [o for o in self.offices if o.kind != "nasional" and _same_key(_office_key(o.name), key)]
            match.sort(key=lambda o: (o.head is None, o.start))
            self._same[key] = match[0] if match else None
        found = self._same[key]
        if found is None:
            return office, head
        if found.name != office.name:
            office = replace(office, name=found.name, province=office.province or found.province)
        return office, head or found.head

    def main_office(self) -> tuple[Office | None, str | None]:
        """The article's office: the first one whose head is named (not as a witness or guest), else the most mentioned."""
        for start, speaker, name in self.heads:
            if speaker is not None and not self._witness(start):
                return speaker, name
        for _, office, name in self.heads:
            if office is not None:
                return office, name
        known = [o for o in self.offices if o.kind != "unknown"] or self.offices
        if known:
            counts = Counter(o.name for o in known)
            top = max(known, key=lambda o: (counts[o.name], -o.start))
            head = next((n for _, o, n in self.heads), None)
            return top, head
        places = [p for p in self.view.spans.get("PLACE", []) if not p.rule.startswith("cue.")]
        if places:
            counts = Counter(p.rule for p in places)
            rule = counts.most_common(1)[0][0]
            parts = rule.split(".", 2)
            entry = gazetteer().lookup(parts[2])
            office = Office(parts[2], None, parts[1], entry[2] if entry else None, -1, -1)
            head = next((n for _, o, n in self.heads), None)
            return office, head
        return None, next((n for _, o, n in self.heads), None)


def _statistics(agency: SpanInfo) -> bool:
    return agency.rule.startswith("agency.other.bps")


def _office_key(name: str) -> str:
    """An office name with case, spaces and hyphens left out: what its spellings share."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _same_key(a: str, b: str) -> bool:
    """The same name, or (for names of eight letters or more) one letter added, dropped or changed."""
    if a == b:
        return True
    if min(len(a), len(b)) < 8 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


@lru_cache(maxsize=1)
def _count_nouns() -> dict[str, str]:
    """Noun -> what a number before it counts: claim, person or employer (later lists win)."""
    lex = lexicon()
    return {**{w: "claim" for w in lex["count_claim"]}, **{w: "person" for w in lex["count_person"]},
            **{w: "employer" for w in lex["count_employer"]}}


def _covered(place: Office, main: Office | None) -> bool:
    """Is `place` the main office itself or an area the main office stands for?"""
    if main is None:
        return False
    p, m = place.name.lower(), main.name.lower()
    if p == m or p in m.split() or p in m or m in p:
        return True
    if place.kind == "province":
        if main.province == place.name:
            return True
        if main.kind == "wilayah" and place.name in gazetteer().kanwil_provinces(main.name):
            return True
    return False


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
        text = doc_text(self.view.doc)
        v = self.view
        sent = v.sentences[fig.sentence]
        start = sent.start_char
        for f in v.figures_in(fig.sentence):
            if f.end_char <= fig.span.start_char and f.start != fig.span.start:
                start = max(start, f.end_char)
        between = text[start:fig.span.start_char].lower()
        cues = [between.rfind(c) for c in lexicon()["base_cues"] if c in between]
        data = between.rfind("data ")  # `berdasarkan data kantor pajak`: another body's data (not `sesuai data,` alone)
        if data >= 0 and any(re.search(rf"\b{w}\b", between[data:]) for w in lexicon()["other_bodies"]):
            cues.append(data)
        if not cues:
            return False
        after = between[max(cues):]
        agency = any(a in after for a in ("bpjs", "bpjamsostek", "jamsostek"))
        return not agency and not any(w in after for w in lexicon()["participation_verbs"])

    def _event(self, fig: Figure) -> bool:
        """`PHK … menimpa 8.000 orang`, `calon penerima`: people an event befell, or candidates (in the figure's clause)."""
        v, lower = self.view, self.tokens.lower
        sent = v.sentences[fig.sentence]
        clause = " ".join(lower[i] for i in range(sent.start, sent.end) if v.clause_of[i] == fig.clause)
        return any(re.search(rf"\b{w}\b", clause) for w in lexicon()["event_words"])

    def _participation(self, fig: Figure) -> bool:
        """Does the figure's clause say its people joined (`terlindungi`, `terdaftar`, `mendaftar sebagai
        peserta`, `kepesertaan`)? Then it counts participants (a share: coverage), whatever its noun."""
        v, lower = self.view, self.tokens.lower
        sent = v.sentences[fig.sentence]
        clause = [lower[i] for i in range(sent.start, sent.end) if v.clause_of[i] == fig.clause]
        words = " ".join(clause)
        return any(f" {w} " in f" {words} " for w in lexicon()["participation_verbs"])

    def _points_back(self, si: int) -> bool:
        """Does the sentence point back to the figures before it (`itu`, `tersebut`)? Not when the word
        follows a place noun (`di kecamatan tersebut` points to the place)."""
        v, lower = self.view, self.tokens.lower
        sent = v.sentences[si]
        places = word_set("place_nouns")
        return any(lower[i] in ANAPHORS and not (i > sent.start and lower[i - 1] in places)
                   for i in range(sent.start, sent.end))

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
                return "day" if "hari" in word else "month" if "bulan" in word else "year" if "tahun" in word else "week"
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

        def because(metric: str, per: str | None, sign: int, why: str) -> tuple[str | None, str | None, int]:
            fig.why["metric"] = why
            return metric, per, sign

        here = v.by_sentence.get(fig.sentence, _NO_SPANS)  # label -> spans of the figure's sentence
        clause = v.by_clause.get((fig.sentence, fig.clause), _NO_SPANS)  # ... and of its clause
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
            per = "day" if "hari" in word else "month" if ("bulan" in word) else "year" if "tahun" in word else "week" if ("minggu" in word or "pekan" in word) else None
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
                return because(f"{metric}_change", per, sign, why + "+change_cue")
            return because(metric, per, 1, why)
        participation = self._participation(fig)
        if fig.unit == "percent":
            up = self._near_before(("CUE_UP", "CUE_DOWN"), fig, 6)
            if up is not None and not self._level(up, fig):
                return because("growth_pct", None, -1 if up.label == "CUE_DOWN" else 1, "change_cue")
            if participation and not clause_has("CUE_UNCOVERED"):
                return because("coverage_pct", None, 1, "participation_word")  # `90 persen aparatur desa mendaftar sebagai peserta`
            if clause_has("CUE_UNCOVERED"):
                return because("uncovered_pct", None, 1, "uncovered_cue")
            if sent_has("CUE_COVERAGE") or sent_has("CUE_UNCOVERED"):
                return because("coverage_pct", None, 1, "coverage_cue")
            return None, None, 1
        noun = fig.noun
        if per == "day":
            return because("other", per, 1, "rate")
        if noun == "other":
            return because("other", None, 1, "other_noun")
        rate = self._rate(fig)
        if rate is not None:
            return because("other", rate or per, 1, "rate")  # a rate or an average, never a count of cases
        if noun == "employer":
            return because("employers_change", None, sign, "employer_noun+change_cue") if change is not None else because("employers", None, 1, "employer_noun")
        if noun == "claim":
            return because("claim_cases", per, 1, "claim_noun")
        if clause_has("CUE_UNCOVERED") or (self._event(fig) and not sent_has("CUE_CLAIM")):
            return because("other", None, 1, "not_joined_or_event")  # workers who have not joined, or whom an event befell: not participants
        if participation and not sent_has("CUE_CLAIM") and noun != "claim":
            new = self._adjacent(here, "CUE_NEW", fig, before=0, after=2)
            if change is not None:
                return because("participants_change", None, sign, "participation_word+change_cue")
            return because("new_participants" if new is not None else "participants", None, 1, "participation_word")
        if any(c.start < fig.span.start for c in clause.get("CUE_POTENTIAL", ())):
            return because("other", None, 1, "potential_cue")  # workers who could join: not participants (`dari angkatan kerja …` after it is its base)
        if claim_context:
            return because("claim_cases", per, 1, "claim_context")
        new = self._adjacent(here, "CUE_NEW", fig, before=0, after=2)
        if change is not None:
            return because("participants_change", None, sign, "change_cue")
        noun_words = set(self.tokens.lower[fig.span.start:fig.span.end])
        words = v.sentence_words(fig.sentence)
        if not (noun_words & word_set("participant_nouns") or words & word_set("participant_cues")
                or sent_has("CUE_TARGET") or sent_has("AGENCY") or fig.sibling is not None):
            return None, None, 1
        return because("new_participants" if new is not None else "participants", None, 1, "person_noun")

    def _words_before(self, fig: Figure, limit: int) -> list[str]:
        """The lower-cased words of the figure's sentence before it, back to the figure before it (at most `limit`)."""
        v = self.view
        sent = v.sentences[fig.sentence]
        start = max(sent.start, fig.span.start - limit)
        for f in v.figures_in(fig.sentence):
            if start <= f.end <= fig.span.start and f.start != fig.span.start:
                start = f.end
        return self.tokens.lower[start:fig.span.start]

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
        near = " ".join(self._words_before(fig, 4))
        if not any(near.endswith(w) or f"{w} " in near for w in lexicon()["threshold_words"]):
            return False
        return not word_set("condition_words").isdisjoint(self.view.sentence_words(fig.sentence))

    def _named_beneficiary(self, fig: Figure) -> bool:
        """`ahli waris dari Budi Santoso sebesar Rp61 juta`, `atas nama Sari Dewi … menerima Rp210 juta`: an
        amount paired with one named beneficiary (a marker, then a capitalised name, before it)."""
        tokens = self.tokens
        v = self.view
        sent = v.sentences[fig.sentence]
        start = max(sent.start, fig.span.start - 25)
        for f in v.figures_in(fig.sentence):
            if start <= f.end <= fig.span.start and f.start != fig.span.start:
                start = f.end
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
            if not _covered(o, main):
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
                article_id=self.article_id, record_id=_record_id(self.article_id, fig.span.start_char, fig.span.end_char, r["metric"]),
                metric=r["metric"], value=r["value"], unit=r["unit"],
                value_text=fig.span.text, qualifier=r["qualifier"], target=r["target"], program=r["program"],
                segment=r["segment"], per=r["per"], period_start=start_iso, period_end=end_iso,
                branch=branch_office.name if branch_office else None,
                office_level=branch_office.level if branch_office else None,
                region=_region(branch_office), head=head, sentence=sentence,
                start=fig.span.start_char, end=fig.span.end_char, rule=fig.span.rule, mentions=(mention,),
                why="; ".join(f"{k}={why[k]}" for k in WHY_ORDER if k in why),
            )
            n = len(merged)
            _merge(merged, by_key, record, fig.step)
            if len(merged) > n:
                loose.append(self._loose(fig, office))
        return _merge_restatements(merged, loose)


def _record_id(article_id: str, start: int, end: int, metric: str) -> str:
    """Stable id of a record: its article, the offsets of its most precise mention, its metric."""
    return hashlib.sha1(f"{article_id}|{start}|{end}|{metric}".encode()).hexdigest()[:12]


def _region(office: Office | None) -> str | None:
    if office is None:
        return None
    if office.kind == "wilayah":
        return "; ".join(gazetteer().kanwil_provinces(office.name)) or None
    if office.kind == "nasional":
        return "Indonesia"
    if office.area and office.area != office.name:
        return f"{office.province}; {office.area}" if office.province else office.area
    if office.province and office.province != office.name:
        return f"{office.province}; {office.name}"
    return office.province or None


def values_agree(a: float, a_step: float, b: float, b_step: float) -> bool:
    """Could both printings stand for one value? A printed figure covers every value that
    rounds or truncates to it: `Rp54 miliar` covers 53,5 .. 55 miliar."""
    tolerance = 1e-9 * max(abs(a), abs(b), 1.0)
    if abs(a_step - b_step) <= tolerance:
        return abs(a - b) <= tolerance
    (coarse, c_step), (fine, _) = sorted(((a, a_step), (b, b_step)), key=lambda x: -x[1])
    return coarse - c_step / 2 - tolerance <= fine < coarse + c_step


def _compatible(a: Record, a_step: float, b: Record, b_step: float) -> bool:
    if a.unit != b.unit or a.per != b.per or a.target != b.target or a.branch != b.branch:
        return False
    if a.program and b.program and a.program != b.program:
        return False
    if a.period_end and b.period_end and a.period_end != b.period_end:
        return False
    if (a.value < 0) != (b.value < 0) or not values_agree(float(a.value), a_step, float(b.value), b_step):
        return False
    if a.metric == b.metric:
        return True
    # a person count restated without its cue (`keluarga dari 13.144 peserta ini`) is the same fact
    return {a.metric, b.metric} == {"claim_cases", "participants"} and a.value == b.value and abs(float(a.value)) >= 100


def _merge_key(r: Record) -> tuple:
    """What two mentions of one fact always share (the first test of _compatible)."""
    return r.unit, r.per, r.target, r.branch


def _merge(merged: list[tuple[Record, float]], by_key: dict[tuple, list[int]], record: Record, step: float) -> None:
    """Merge the record into the first earlier record of the same fact, or add it; `by_key` indexes
    `merged` by _merge_key, so only records that can be the same fact are compared."""
    positions = by_key.setdefault(_merge_key(record), [])
    for n in positions:
        old, old_step = merged[n]
        if not _compatible(old, old_step, record, step):
            continue
        precise, precise_step, other = (record, step, old) if step < old_step else (old, old_step, record)
        qualifier = precise.qualifier
        if step == old_step and qualifier == "exact":
            qualifier = other.qualifier
        keep = old if old.metric == "claim_cases" or old.metric == record.metric else record
        combined = replace(
            precise, metric=keep.metric, qualifier=qualifier,
            record_id=_record_id(precise.article_id, precise.start, precise.end, keep.metric),
            program=precise.program or other.program, segment=precise.segment or other.segment,
            period_start=precise.period_start or other.period_start,
            period_end=precise.period_end or other.period_end,
            mentions=old.mentions + record.mentions,
        )
        merged[n] = (combined, precise_step)  # same key: precise is old or record
        return
    positions.append(len(merged))
    merged.append((record, step))


def _merge_restatements(merged: list[tuple[Record, float]], loose: list[bool]) -> list[Record]:
    """A loose mention of a fact already recorded (the same metric and value; its program and period
    agreeing or missing) is a mention of that record, whatever office a place beside it suggested;
    the record keeps the explicit office."""
    out: list[tuple[Record, float, bool]] = []
    for (record, step), is_loose in zip(merged, loose):
        for n, (old, old_step, old_loose) in enumerate(out):
            if not (is_loose or old_loose):
                continue
            if (old.metric != record.metric or old.unit != record.unit or old.per != record.per or old.target != record.target
                    or (old.program and record.program and old.program != record.program)
                    or (old.value < 0) != (record.value < 0)
                    or not values_agree(float(old.value), old_step, float(record.value), step)):
                continue
            if not is_loose and old.period_end and record.period_end and old.period_end != record.period_end:
                continue
            keep, other = (record, old) if old_loose and not is_loose else (old, record)
            combined = replace(keep, program=keep.program or other.program, period_start=keep.period_start or other.period_start,
                               period_end=keep.period_end or other.period_end, head=keep.head or other.head,
                               mentions=old.mentions + record.mentions)
            out[n] = (combined, min(old_step, step), old_loose and is_loose)
            break
        else:
            out.append((record, step, is_loose))
    return [record for record, _step, _loose in out]


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
