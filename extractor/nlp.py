"""The spaCy pipeline: spacy.blank("id") + sentencizer + SpanRuler built once from patterns/.

Pattern files are JSONL, one rule per line: {"id", "label", "pattern"}. Inside a pattern,
a token written as "@NAME" is a macro from lexicon.json's token_macros, and an IN list
written as "@name" is a word list from lexicon.json. Place and office patterns are
generated from the gazetteer CSVs. Rules are validated when loaded.
"""
from __future__ import annotations

import bisect
import copy
import itertools
import re
from functools import lru_cache, reduce
from operator import or_
from typing import Any

from .data import PATTERNS_DIR, lexicon, read_csv, read_jsonl

SPANS_KEY = "ruler"
MATCHES_KEY = "ruler_matches"  # doc.user_data: sorted (start, end, label, rule id) token spans
LABELS = {
    "MONEY", "PERCENT", "COUNT", "NUMBER", "NONFIG", "QUALIFIER", "NOTQUAL", "PROGRAM", "SEGMENT",
    "AGENCY", "OTHER_AGENCY", "OFFICE_WORD", "HEAD_ROLE", "PERIOD", "PLACE", "CLAUSE_BREAK",
    "CUE_CLAIM", "CUE_BENEFIT", "CUE_CONTRIBUTION", "CUE_COLLECTED", "CUE_ARREARS", "CUE_COVERAGE",
    "CUE_UNCOVERED", "CUE_UP", "CUE_DOWN", "CUE_TARGET", "CUE_ACHIEVED", "CUE_TOTAL", "CUE_NEW",
    "CUE_POTENTIAL", "CUE_EXCLUDE", "CUE_PER", "CUE_ANAPHOR",
}
PATTERN_FILES = ("figures.jsonl", "qualifiers.jsonl", "programs.jsonl", "offices.jsonl", "cues.jsonl", "periods.jsonl")


# Lexical attributes spaCy computes for every new word that no rule and no stage reads. Each is a
# Python call per new word, and new words (names, figures) are most of what tokenising costs, so
# the pipeline's vocabulary leaves them out; a pattern that tests one of them is refused on loading.
UNREAD_ATTRS = ("NORM", "PREFIX", "SUFFIX", "LANG", "IS_ASCII", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
                "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_URL", "LIKE_EMAIL")


class PatternError(ValueError):
    """A pattern file holds a rule that cannot be loaded."""


def _expand(value: Any, lex: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        name = value[1:]
        if name in lex.get("token_macros", {}):
            return _expand(copy.deepcopy(lex["token_macros"][name]), lex)
        if name in lex:
            words = lex[name]
            return sorted(words.keys() if isinstance(words, dict) else words)
        raise PatternError(f"unknown macro or word list {value!r}")
    if isinstance(value, list):
        return [_expand(v, lex) for v in value]
    if isinstance(value, dict):
        return {k: _expand(v, lex) for k, v in value.items()}
    return value


def _phrases(pattern: list[dict[str, Any]]) -> tuple[list[str], set[str] | None] | None:
    """The strings a fixed-word token pattern matches, or None when it needs the token matcher.

    Returns the phrases (lower case) and, for case-sensitive (ORTH) rules, the exact texts allowed."""
    choices: list[list[str]] = []
    case_sensitive = case_free_words = False
    for token in pattern:
        keys = set(token) - {"OP"}
        if len(keys) != 1 or token.get("OP", "") not in ("", "?"):
            return None
        attr = keys.pop()
        if attr not in ("LOWER", "ORTH"):
            return None
        value = token[attr]
        values = value["IN"] if isinstance(value, dict) else [value]
        lettered = any(isinstance(v, str) and any(ch.isalpha() for ch in v) for v in values)
        if attr == "ORTH" and not lettered:
            attr = "LOWER"  # punctuation has no case: `-` is matched like a word
        case_sensitive |= attr == "ORTH"
        case_free_words |= attr == "LOWER" and lettered
        words = value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [value] if isinstance(value, str) else None
        if words is None:
            return None
        choices.append(list(words) + ([""] if token.get("OP") == "?" else []))
    if case_sensitive and case_free_words:
        return None  # case-sensitive and case-free words mixed: leave it to the token matcher
    phrases, exact = [], set()
    for combo in itertools.product(*choices):
        words = [w for w in combo if w]
        if not words:
            continue
        text = " ".join(words)
        if case_sensitive:
            exact.add(text)
        phrases.append(text.lower())
        if len(phrases) > 512:
            return None
    return sorted(set(phrases)), (exact if case_sensitive else None)


def compile_rules(rules: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, set[str]]]:
    """Fixed-word rules become phrase patterns (fast); the rest stay token patterns.
    Also returns, per rule id, the exact texts a case-sensitive rule allows."""
    out: list[dict[str, Any]] = []
    exact: dict[str, set[str]] = {}
    for rule in rules:
        if isinstance(rule["pattern"], str):
            out.append(rule)
            continue
        compiled = _phrases(rule["pattern"])
        if compiled is None:
            out.append(rule)
            continue
        phrases, allowed = compiled
        if allowed:
            exact[rule["id"]] = allowed
        out.extend({"id": rule["id"], "label": rule["label"], "pattern": p} for p in phrases)
    return out, exact


def load_rules() -> list[dict[str, Any]]:
    """All rules from patterns/, expanded and validated (stable, unique ids; known labels)."""
    lex = lexicon()
    rules: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in PATTERN_FILES:
        for n, rule in enumerate(read_jsonl(name), 1):
            where = f"{PATTERNS_DIR / name}:{n}"
            if not {"id", "label", "pattern"} <= rule.keys():
                raise PatternError(f"{where}: a rule needs id, label and pattern")
            if rule["label"] not in LABELS:
                raise PatternError(f"{where}: unknown label {rule['label']!r}")
            if rule["id"] in seen:
                raise PatternError(f"{where}: duplicate id {rule['id']!r}")
            seen.add(rule["id"])
            pattern = _expand(rule["pattern"], lex)
            unread = {key for token in pattern for key in token} & set(UNREAD_ATTRS) if isinstance(pattern, list) else set()
            if unread:
                raise PatternError(f"{where}: the pipeline does not compute {', '.join(sorted(unread))} (see UNREAD_ATTRS)")
            rules.append({"id": rule["id"], "label": rule["label"], "pattern": pattern})
    rules.extend(_gazetteer_rules())
    return rules


def _gazetteer_rules() -> list[dict[str, Any]]:
    rules = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, canonical: str, alias: str) -> None:
        key = (kind, alias.lower())
        if key in seen:
            return
        seen.add(key)
        rules.append({"id": f"place.{kind}.{canonical}", "label": "PLACE", "pattern": alias})

    for row in read_csv("kanwil.csv"):
        for alias in [row["name"], *row["aliases"].split(";")]:
            add("wilayah", row["name"], alias)
    for row in read_csv("provinces.csv"):
        for alias in [row["name"], *row["aliases"].split(";")]:
            add("province", row["name"], alias)
    for row in read_csv("places.csv"):
        add("city", row["name"], row["name"])
    return rules


_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'\)\]]*\s+(?=[\"“‘\(\[]?[A-Z])|\n\s*")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(lexicon()["abbreviations"])


def _scale_letter(text: str, i: int) -> bool:
    """Is text[i] the `M` or `T` of `Rp 1,2 T.` (miliar, triliun after a number), not an initial?"""
    return text[i] in "MT" and text[max(0, i - 3):i].rstrip()[-1:].isdigit()


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start: after a line break, or after . ! ? followed by a
    capital — unless the dot ends an abbreviation (`alm.`, `Rp.`, `No.`) or an initial (`E.`; the
    `T` of `Rp 1,2 T.` is a scale word)."""
    abbreviations = _abbreviations()
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group(0)[0] not in "\n\r " and m.group(0).lstrip(".!?…")[:1] != "\n" and "\n" not in m.group(0):
            word = re.search(r"([\w.]+)$", text[max(0, m.start() - 12):m.start()])
            if word and (word.group(1).lower() in abbreviations or (len(word.group(1)) == 1 and word.group(1).isupper()
                                                                   and not _scale_letter(text, m.start() - 1))):
                continue
        starts.append(m.end())
    return starts


def _sentences(doc):
    """Sentence boundaries from sentence_starts(), set on the whole doc at once (no per-token loop).
    The token index of every sentence start is also kept in doc.user_data["sentence_starts"]."""
    import numpy
    from spacy.attrs import IDX, SENT_START

    if len(doc) == 0:
        doc.user_data["sentence_starts"] = []
        return doc
    idx = doc.to_array([IDX]).reshape(-1)
    flags = numpy.full(len(doc), -1, dtype="int32")
    positions = numpy.searchsorted(idx, sentence_starts(doc_text(doc)))
    flags[positions[positions < len(doc)]] = 1
    flags[0] = 1
    doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
    doc.user_data["sentence_starts"] = numpy.flatnonzero(flags == 1).tolist()
    return doc


def doc_text(doc) -> str:
    """The doc's text. spaCy joins Doc.text from the tokens on every access (a large share of the
    time per article); the tokenizer below keeps the text it was given instead."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


class TextKeepingTokenizer:
    """The pipeline's tokenizer, which also keeps the input text on the doc (doc.user_data["text"])."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(text)
        doc.user_data["text"] = text
        return doc

    def __getattr__(self, name: str):  # rules, explain, memory_zone, ...
        return getattr(self.tokenizer, name)


def sentence_bounds(doc) -> list[tuple[int, int]]:
    """(start, end) token indexes of the doc's sentences, without building Span objects."""
    starts = doc.user_data.get("sentence_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
    return list(zip(starts, starts[1:] + [len(doc)]))


@lru_cache(maxsize=1)
def _relevance_words() -> tuple[frozenset[str], re.Pattern[str]]:
    """The relevance words (lower case) and a regex for a marker at the start of a word, where
    the words are joined with NUL before each (`\0Kepala\0Kantor...`): one scan for all of them."""
    rel = lexicon()["relevance"]
    markers = "|".join(map(re.escape, sorted(rel["markers"], key=len, reverse=True)))
    return frozenset(w.lower() for w in [*rel["words"], *lexicon()["months"]]), re.compile(f"\0(?:{markers})")


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")


def relevant(line: str) -> bool:
    """Can the line hold a figure, period, office or program? A digit, a number or period word
    (any case), or a word that starts with a marker (`BPJS`, `Rp`, `Cabang`; case as written)."""
    if _DIGIT.search(line):
        return True
    words, marker_at_word_start = _relevance_words()
    found = _WORD.findall(line)
    return not words.isdisjoint(map(str.lower, found)) or marker_at_word_start.search("\0" + "\0".join(found)) is not None


def relevance_mask(text: str) -> str:
    """The text with every line that cannot hold a figure, period, office or program blanked out.

    Blanked lines keep their length, so every character offset stays valid; spaCy then spends
    its time only where a statistic can be."""
    return "\n".join(line if relevant(line) else " " * len(line) for line in text.split("\n"))


def _gate_words() -> frozenset[str]:
    """Words that let a sentence through the ruler's gate, as a digit does (number words, months...)."""
    return frozenset(w.lower() for w in [*lexicon()["token_gate_words"], *lexicon()["months"]])


def _token_gate(words: frozenset[str]) -> re.Pattern[str]:
    """The gate as a regex over text: a digit, or one of the words standing alone, in any case."""
    return re.compile(r"\d|(?i:\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b)")


# A run of spaces (a blanked line) is one token: without this the affix regexes scan it at
# every position, which made masked text eight times slower to tokenise than plain text.
_WHITESPACE_RUN = re.compile(r"\s+$")
# A run of letters, or of digits with inner dots and commas (`172.370.507.128`), has no suffix to split
# off and no infix to split at (every such pattern needs a symbol or a mark), and once no prefix
# (`Rp` in `Rpmiliar`) begins it, it is one token: as a token_match it skips the suffix and infix
# regexes, the cost of every new word and figure.
_PLAIN = re.compile(r"(?:[^\W\d_]+|\d+(?:[.,]\d+)*)$")


@lru_cache(maxsize=None)
def _affixes(defaults):
    """The prefix match, suffix search and infix finditer of a language's defaults, with the press
    habits added; compiled once per language (the pipeline is built anew every RENEW_AFTER articles)."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    # every prefix alternative is anchored with ^: match() tries only position 0, search() every position
    prefix = compile_prefix_regex(list(defaults.prefixes) + [r"\.(?=\d)"]).match
    suffix = compile_suffix_regex(defaults.suffixes).search
    infix = compile_infix_regex(list(defaults.infixes) + [r"(?<=[0-9]),(?=[A-Za-z])", r"(?<=[0-9])[–—](?=[0-9])"]).finditer
    return prefix, suffix, infix


@lru_cache(maxsize=None)
def _split_exceptions(defaults) -> tuple[frozenset[str], dict[str, Any]]:
    """spaCy's exceptions as (words only kept whole, the other special cases), worked out once per
    language (this took a fifth of a build).

    Nearly all of spaCy's ~16 000 Indonesian exceptions only keep a word whole (`rata-rata`, `No.`).
    As special cases they switch the tokenizer's cache off for the rest of the text once one is
    seen; as a token_match set they keep the same tokens and the cache stays on. Those that begin or
    end with punctuation stay special cases: affix splitting treats them apart."""
    from spacy.attrs import ORTH

    prefix, suffix, _ = _affixes(defaults)
    exceptions = defaults.tokenizer_exceptions
    whole = frozenset(k for k, v in exceptions.items() if len(v) == 1 and v[0] == {ORTH: k} and not prefix(k) and not suffix(k))
    return whole, {k: v for k, v in exceptions.items() if k not in whole}


def _news_tokenizer():
    """spaCy's Indonesian tokenizer plus three press habits: `Rp.44.000`, `49,nasional` and `5–6` (an en
    dash between digits splits them, as a hyphen does)."""
    from spacy.tokenizer import Tokenizer

    def create(nlp):
        defaults = nlp.Defaults
        prefix, suffix, infix = _affixes(defaults)
        whole, special = _split_exceptions(defaults)

        # cached: spaCy's own cache is full after its first 10 000 chunks, and then asks again
        # for every chunk it meets, words of the long tail about half the time for the second time
        @lru_cache(maxsize=1 << 16)
        def token_match(text: str) -> bool:
            return (text in whole or (_PLAIN.match(text) is not None and prefix(text) is None)
                    or _WHITESPACE_RUN.match(text) is not None)

        return Tokenizer(
            nlp.vocab,
            rules=dict(special),
            prefix_search=prefix,
            suffix_search=suffix,
            infix_finditer=infix,
            token_match=token_match,
            url_match=defaults.url_match,
        )

    return create


def _make_gated_ruler(nlp, name: str, spans_key: str):
    """A SpanRuler holding every rule of patterns/, whose token patterns (figures, periods)
    run only on sentences that can hold them; fixed-word rules are phrase patterns. Its matches
    go to doc.user_data[MATCHES_KEY] as sorted (start, end, label, rule id) tuples."""
    from spacy.pipeline.span_ruler import SpanRuler

    class GatedSpanRuler(SpanRuler):
        def match(self, doc):
            from spacy.attrs import IDX, LENGTH, ORTH

            orths, idx, length = doc.to_array([ORTH, IDX, LENGTH]).T.tolist() if len(doc) else ([], [], [])
            matches = list(self.phrase_matcher(doc))
            text, bounds = doc_text(doc), sentence_bounds(doc)
            starts = [start for start, _ in bounds]
            passing = self.gates.passing(orths, bounds)
            # runs of consecutive sentences that pass the gate are matched in one call, with the rules
            # that can match in one of them; a match may not cross a sentence boundary, so the
            # result is the per-sentence one
            runs: list[list[Any]] = []
            for si, (start, end) in enumerate(bounds):
                if start < end and passing[si]:
                    if runs and runs[-1][1] == start:
                        runs[-1][1] = end
                        runs[-1][2] = runs[-1][2] | passing[si]
                    else:
                        runs.append([start, end, passing[si]])
            for a, b, rules in runs:
                for m_id, s, e in self.gates.matcher(rules)(doc[a:b]):
                    if bisect.bisect_right(starts, a + s) == bisect.bisect_right(starts, a + e - 1):
                        matches.append((m_id, a + s, a + e))
            found = set()
            meta = self.meta
            for m_id, start, end in matches:
                if m_id not in meta:
                    label_id = self._match_label_id_map[m_id]
                    meta[m_id] = (label_id["label"], label_id["id"], self.exact.get(label_id["id"]))
                label, rule_id, allowed = meta[m_id]
                if start == end or (allowed is not None and text[idx[start]:idx[end - 1] + length[end - 1]] not in allowed):
                    continue
                found.add((start, end, label, rule_id))
            return sorted(found)

        def __call__(self, doc):
            # plain tuples, not Span objects: building ~100 Spans per article cost more than matching
            doc.user_data[MATCHES_KEY] = self.match(doc)
            return doc

    from spacy.schemas import validate_token_pattern

    rules, exact = compile_rules(load_rules())
    for rule in rules:
        if not isinstance(rule["pattern"], str) and (errors := validate_token_pattern(rule["pattern"])):
            raise PatternError(f"rule {rule['id']!r}: {'; '.join(errors)}")
    ruler = GatedSpanRuler(nlp, name, spans_key=spans_key, validate=False, phrase_matcher_attr="LOWER", overwrite=True)
    ruler.exact = exact
    ruler.meta = {}  # match id -> (label, rule id, the exact texts allowed or None)
    patterns, ruler.flags = flag_sets(nlp.vocab, rules)
    ruler.add_patterns(patterns)
    ruler.gates = RuleGates(ruler.flags, [(repr((r["label"], r["id"])), r["pattern"]) for r in patterns if not isinstance(r["pattern"], str)],
                            _gate_words())
    return ruler


def _requirement(token: dict[Any, Any]) -> tuple[str, Any] | None:
    """A test every token matching this token pattern passes: a word-set flag, a literal word,
    or a number test; None when the pattern has none of these."""
    for key, value in token.items():
        if isinstance(key, int) and value is True:
            return "flag", key
    for key in ("LOWER", "ORTH", "TEXT"):
        if isinstance(token.get(key), str):
            return ("lower" if key == "LOWER" else "orth"), token[key]
    for key in ("LIKE_NUM", "IS_DIGIT"):
        if token.get(key) is True:
            return "attr", key
    return None


class RuleGates:
    """Which token rules can match in which sentence, so that a stretch of text is matched only
    with the rules that can match there: spaCy's matcher spends its time per token and rule.

    A rule can match only where each of its required tokens can: the sentence must hold a word of
    every required word set (a lexeme flag) or literal, and a number where one is required. Each
    word's tests are one integer of bits, worked out once per word; matchers for each combination
    of rules are built on first use and kept."""

    def __init__(self, flags: "LexemeFlags", rules: list[tuple[str, list[dict[Any, Any]]]],
                 gate_words: frozenset[str] | None = None) -> None:
        self.flags, self.vocab = flags, flags.vocab
        self.gate_words = gate_words
        self.gate = _token_gate(gate_words) if gate_words is not None else None
        # a word of ASCII letters has word edges only at its ends: it passes the gate when it is a gate word
        self._ascii_gate = gate_words is not None and all(w.isascii() for w in gate_words)
        self.rules = rules  # (matcher key, token pattern)
        self.other_tests: dict[tuple[str, Any], int] = {}  # literal words, number tests -> bit (flags use their own bit)
        self.needs: list[int] = []
        for _, pattern in rules:
            need = 0
            for token in pattern:
                if token.get("OP", "") in ("", "+") and (test := _requirement(token)) is not None:
                    if test[0] == "flag":
                        need |= 1 << test[1]
                    else:
                        need |= 1 << self.other_tests.setdefault(test, 64 + len(self.other_tests))
            self.needs.append(need)
        self.gate_bit = 1 << (64 + len(self.other_tests))  # the word holds a digit or a gate word
        self.literals = {kind: {value: 1 << bit for (k, value), bit in self.other_tests.items() if k == kind} for kind in ("lower", "orth")}
        self.number_tests = [(value, 1 << bit) for (k, value), bit in self.other_tests.items() if k == "attr"]
        self.mask_of: dict[int, int] = {}
        self._rules_of: dict[int, int] = {}
        self._matchers: dict[int, Any] = {}

    def _lexeme_mask(self, lex, lower: str, text: str) -> int:
        """The word's bits: its flags (marked here if they were not yet), literals, number tests, gate."""
        flags = self.flags.mask_of.get(lex.orth)
        if flags is None:
            flags = self.flags.mark_lexeme(lex, lower, text)
        mask = flags | self.literals["lower"].get(lower, 0) | self.literals["orth"].get(text, 0)
        for attr, bit in self.number_tests:
            if (lex.like_num if attr == "LIKE_NUM" else lex.is_digit):
                mask |= bit
        if self.gate is None or (lower in self.gate_words if self._ascii_gate and text.isascii() and text.isalpha()
                                 else self.gate.search(text) is not None):
            mask |= self.gate_bit
        self.mask_of[lex.orth] = mask
        return mask

    def passing(self, orths: list[int], bounds: list[tuple[int, int]]) -> list[int]:
        """Per sentence, the rules (bits over self.rules) that can match there. The doc's words
        (orth ids) new to the vocabulary get their flags here, before any matcher reads them.
        A sentence with no digit and no gate word passes no rule."""
        known, vocab = self.mask_of, self.vocab
        for orth in set(orths).difference(known):
            lex = vocab[orth]
            self._lexeme_mask(lex, lex.lower_, lex.orth_)
        out = []
        for start, end in bounds:
            mask = reduce(or_, map(known.__getitem__, orths[start:end]), 0)
            rules = self._rules_of.get(mask)
            if rules is None:
                if len(self._rules_of) >= 65536:
                    self._rules_of.clear()
                rules = self._rules_of[mask] = (sum(1 << r for r, need in enumerate(self.needs) if mask & need == need)
                                                if mask & self.gate_bit else 0)
            out.append(rules)
        return out

    def matcher(self, rules: int):
        """The matcher holding the rules whose bits are set, built on first use."""
        from spacy.matcher import Matcher

        matcher = self._matchers.get(rules)
        if matcher is None:
            if len(self._matchers) >= 1024:
                self._matchers.clear()
            matcher = self._matchers[rules] = Matcher(self.vocab, validate=False)  # flag ids are ints
            for n, (key, pattern) in enumerate(self.rules):
                if rules >> n & 1:
                    matcher.add(key, [pattern])
        return matcher


class LexemeFlags:
    """Word-set tests of token patterns (`{"LOWER": {"IN": [...]}}`) as lexeme flags.

    spaCy's matcher calls a Python predicate for an IN set at every token it tries; a lexeme flag
    (spaCy's FLAG19..FLAG63 bits) is read natively, which made the token matcher several times
    faster. spaCy would compute a flag for every new word through a getter of its own, one call per
    flag (about 35 calls, the largest cost of tokenising a new word); instead each word of a doc not
    seen before is marked (`mark_lexeme`, which RuleGates.passing calls; `mark` does it for a doc),
    with one look-up each, before matching.
    Sets beyond the free bits stay predicates."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.bits: dict[tuple[str, frozenset[str]], int] = {}
        self.masks: dict[str, dict[str, int]] = {}  # attr -> word -> bits of the sets holding it
        self.mask_of: dict[int, int] = {}  # orth id of every lexeme marked -> its flag bits

    def bit(self, attr: str, words: frozenset[str]) -> int | None:
        if (attr, words) not in self.bits:
            taken = set(self.vocab.lex_attr_getters) | set(self.bits.values())
            free = [bit for bit in range(19, 64) if bit not in taken]  # spaCy's FLAG19..FLAG63
            if not free:
                return None
            self.bits[(attr, words)] = free[0]
            table = self.masks.setdefault(attr, {})
            for word in words:
                table[word] = table.get(word, 0) | 1 << free[0]
        return self.bits[(attr, words)]

    def convert(self, rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rules with their word sets replaced by flags; marks the words the vocab already has."""
        out = []
        for rule in rules:
            if isinstance(rule["pattern"], str):
                out.append(rule)
                continue
            tokens = []
            for token in rule["pattern"]:
                token = dict(token)
                for attr in ("LOWER", "ORTH", "SHAPE"):
                    value = token.get(attr)
                    if isinstance(value, dict) and set(value) == {"IN"} and (bit := self.bit(attr, frozenset(value["IN"]))) is not None:
                        del token[attr]
                        token[bit] = True
                tokens.append(token)
            out.append({**rule, "pattern": tokens})
        self.mask_of.clear()
        for lex in self.vocab:
            self.mark_lexeme(lex, lex.lower_, lex.orth_)
        return out

    def mark_lexeme(self, lex, lower: str, text: str) -> int:
        """Set a word's flags (its lower case and text given, as the caller has read them); returns them."""
        mask = 0
        for attr, table in self.masks.items():
            mask |= table.get(lower if attr == "LOWER" else text if attr == "ORTH" else lex.shape_, 0)
        self.mask_of[lex.orth] = mask
        bits = mask
        while bits:
            bit = bits.bit_length() - 1
            lex.set_flag(bit, True)
            bits ^= 1 << bit
        return mask

    def mark(self, orths: list[int]) -> None:
        """Set the flags of the words (orth ids of a doc's tokens) that were not marked before."""
        vocab, known = self.vocab, self.mask_of
        for orth in set(orths).difference(known):
            lex = vocab[orth]
            self.mark_lexeme(lex, lex.lower_, lex.orth_)


def flag_sets(vocab, rules: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], LexemeFlags]:
    """The rules with word sets as lexeme flags, and the flags, to `mark` every doc with before matching."""
    flags = LexemeFlags(vocab)
    return flags.convert(rules), flags


@lru_cache(maxsize=1)
def build_nlp():
    """Build the pipeline once per process (spaCy is imported only here, when needed):
    spacy.blank("id") with a tokenizer tuned for the press, a sentence splitter, and the ruler."""
    import spacy
    from spacy.language import Language

    if "extractor.news_tokenizer" not in spacy.registry.tokenizers:
        spacy.registry.tokenizers("extractor.news_tokenizer")(_news_tokenizer)
    if "extractor_sentences" not in Language.factories:
        Language.component("extractor_sentences")(_sentences)
    if "extractor_ruler" not in Language.factories:
        Language.factory("extractor_ruler", default_config={"spans_key": SPANS_KEY})(_make_gated_ruler)
    from spacy.attrs import IDS

    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.news_tokenizer"}}})
    for name in UNREAD_ATTRS:
        nlp.vocab.lex_attr_getters.pop(IDS[name], None)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    nlp.add_pipe("extractor_sentences")
    nlp.add_pipe("extractor_ruler")
    return nlp
