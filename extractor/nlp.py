"""The spaCy pipeline: spacy.blank("id") + sentencizer + SpanRuler built once from patterns/.

Pattern files are JSONL, one rule per line: {"id", "label", "pattern"}. Inside a pattern,
a token written as "@NAME" is a macro from lexicon.json's token_macros, and an IN list
written as "@name" is a word list from lexicon.json. Place and office patterns are
generated from the gazetteer CSVs. Rules are validated when loaded.
"""
from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from .data import PATTERNS_DIR, lexicon, read_csv, read_jsonl

SPANS_KEY = "ruler"
LABELS = {
    "MONEY", "PERCENT", "COUNT", "NUMBER", "NONFIG", "QUALIFIER", "NOTQUAL", "PROGRAM", "SEGMENT",
    "AGENCY", "OTHER_AGENCY", "OFFICE_WORD", "HEAD_ROLE", "PERIOD", "PLACE", "CLAUSE_BREAK",
    "CUE_CLAIM", "CUE_BENEFIT", "CUE_CONTRIBUTION", "CUE_COLLECTED", "CUE_ARREARS", "CUE_COVERAGE",
    "CUE_UNCOVERED", "CUE_UP", "CUE_DOWN", "CUE_TARGET", "CUE_ACHIEVED", "CUE_TOTAL", "CUE_NEW",
    "CUE_POTENTIAL", "CUE_EXCLUDE", "CUE_PER", "CUE_ANAPHOR",
}
PATTERN_FILES = ("figures.jsonl", "qualifiers.jsonl", "programs.jsonl", "offices.jsonl", "cues.jsonl", "periods.jsonl")


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


def _sentence_fixes(doc):
    """A line break always ends a sentence; a dot after an abbreviation or initial does not."""
    abbreviations = set(lexicon()["abbreviations"])
    for token in doc[1:-1]:
        nxt = doc[token.i + 1]
        if token.text == "." and not token.whitespace_ or (
            token.text == "." and (doc[token.i - 1].lower_ in abbreviations
                                   or (len(doc[token.i - 1].text) == 1 and doc[token.i - 1].is_upper)
                                   or nxt.is_lower or nxt.like_num)
        ):
            if not nxt.is_space:
                nxt.is_sent_start = False
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            if token.i > 0:
                token.is_sent_start = False  # the line break closes the sentence before it
            doc[token.i + 1].is_sent_start = True
    return doc


def _news_tokenizer():
    """spaCy's Indonesian tokenizer plus two press habits: `Rp.44.000` and `49,nasional`."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    def create(nlp):
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(list(defaults.prefixes) + [r"\.(?=\d)"]).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(list(defaults.infixes) + [r"(?<=[0-9]),(?=[A-Za-z])"]).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return create


@lru_cache(maxsize=1)
def build_nlp():
    """Build the pipeline once per process (spaCy is imported only here, when needed)."""
    import spacy
    from spacy.language import Language

    if "extractor.news_tokenizer" not in spacy.registry.tokenizers:
        spacy.registry.tokenizers("extractor.news_tokenizer")(_news_tokenizer)
    if "sentence_fixes" not in Language.factories:
        Language.component("sentence_fixes")(_sentence_fixes)
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.news_tokenizer"}}})
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sentence_fixes")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "validate": True, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(load_rules())
    return nlp
