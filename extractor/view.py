"""An article as attribution reads it: the ruler's spans, its tokens as plain lists, and its
sentences and clauses, indexed so that each rule asks "what is in this clause?" cheaply."""
from __future__ import annotations

import re
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple, Sequence

from .data import lexicon
from .nlp import MATCHES_KEY, doc_text, sentence_bounds

FIGURE_LABELS = {"MONEY": 0, "PERCENT": 1, "COUNT": 2, "NUMBER": 3}
STRONG_BREAKS = {",", ";", ":", "—", "–"}
STRONG_WORDS = {"dan", "serta", "sedangkan", "namun", "karena", "sementara", "tetapi", "tapi"}  # a CLAUSE_BREAK on these is strong
_HEIRS = re.compile(r"\bpara\s+ahli\b")


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


NO_SPANS: dict[str, list[SpanInfo]] = {}  # the spans of a sentence or clause that has none (never written to)


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
            self._headlines[si] = is_headline_line(self.tokens, sent.start, sent.end)
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
        return self.by_sentence.get(si, NO_SPANS).get(label, ())

    def in_clause(self, label: str, si: int, clause: int) -> Sequence[SpanInfo]:
        """The spans with this label in one clause of sentence si (by where they start), in text order."""
        return self.by_clause.get((si, clause), NO_SPANS).get(label, ())


def is_headline_line(tokens: Tokens, start: int, end: int) -> bool:
    """A title-case line (`BPJamsostek Catat Angka Klaim di NTT`): capitals say nothing there. A
    sentence closed by a full stop is body text, however many names it holds."""
    last = next((t for t in reversed(tokens.text[start:end]) if not t.isspace() and t not in {"”", '"', "’"}), "")
    if last == ".":
        return False
    words = [t for t in tokens.text[start:end] if t.isalpha() and len(t) > 3]  # spaCy's is_alpha is str.isalpha
    return len(words) >= 3 and sum(1 for t in words if t.istitle() or t.isupper()) >= 0.6 * len(words)
