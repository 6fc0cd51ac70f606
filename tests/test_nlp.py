"""The spaCy pipeline's speed devices keep its results: tokens, matches, sentence data."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from extractor.nlp import MATCHES_KEY, compile_rules, doc_text, flag_sets, load_rules, relevance_mask, relevant, sentence_bounds


@pytest.mark.parametrize("text, tokens", [
    ("rata-rata klaim", ["rata-rata", "klaim"]),                     # an exception kept whole by token_match
    ("masing-masing, sebesar", ["masing-masing", ",", "sebesar"]),   # ... also with a suffix split off
    ("No. 5 tahun 2020", ["No.", "5", "tahun", "2020"]),             # exceptions ending in punctuation stay special cases
    ("Rp.44.000 per bulan", ["Rp", ".", "44.000", "per", "bulan"]),  # the press habits of the news tokenizer
    ("49,nasional", ["49", ",", "nasional"]),
    ("klaim" + " " * 300 + "JHT", ["klaim", " " * 299, "JHT"]),        # a blanked line is one whitespace token
])
def test_tokens(nlp, text, tokens):
    assert [t.text for t in nlp.tokenizer(text)] == tokens


def _sample_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "txt").glob("*.txt"))]
    assert texts, "the sample corpus is missing"
    return texts


def test_word_sets_as_lexeme_flags_match_like_predicates():
    """The token patterns compiled to lexeme flags find exactly what spaCy's IN predicates find."""
    import spacy
    from spacy.matcher import Matcher

    rules = [r for r in compile_rules(load_rules())[0] if not isinstance(r["pattern"], str)]
    plain_nlp, flagged_nlp = spacy.blank("id"), spacy.blank("id")
    plain, flagged = Matcher(plain_nlp.vocab), Matcher(flagged_nlp.vocab, validate=False)  # flag ids are ints
    for n, rule in enumerate(rules):
        plain.add(str(n), [rule["pattern"]])
    converted, flags = flag_sets(flagged_nlp.vocab, rules)
    assert any(isinstance(key, int) for rule in converted for token in rule["pattern"] for key in token)
    for n, rule in enumerate(converted):
        flagged.add(str(n), [rule["pattern"]])
    found = 0
    for text in _sample_texts():
        a = sorted((plain_nlp.vocab.strings[m], s, e) for m, s, e in plain(plain_nlp(text)))
        doc = flagged_nlp(text)
        flags.mark([t.orth for t in doc])  # the words the vocab did not have yet
        b = sorted((flagged_nlp.vocab.strings[m], s, e) for m, s, e in flagged(doc))
        assert a == b
        found += len(a)
    assert found > 50


def test_doc_keeps_text_matches_and_sentences(nlp):
    text = "BPJS Ketenagakerjaan Cabang Kupang membayar klaim Rp5 miliar. Kepala Cabang Andi Saputra mengatakan itu."
    doc = nlp(relevance_mask(text))
    assert doc_text(doc) == doc.text == text
    bounds = sentence_bounds(doc)
    assert [doc[a:b].text for a, b in bounds] == [s.text for s in doc.sents]
    assert len(bounds) == 2
    labels = {label for _, _, label, _ in doc.user_data[MATCHES_KEY]}
    assert {"AGENCY", "OFFICE_WORD", "MONEY", "HEAD_ROLE"} <= labels
    assert doc.user_data[MATCHES_KEY] == sorted(set(doc.user_data[MATCHES_KEY]))


@pytest.mark.parametrize("text,sentences", [
    ("Klaim Rp 1,2 T. Jumlah itu naik.", ["Klaim Rp 1,2 T.", "Jumlah itu naik."]),  # a scale letter, not an initial
    ("Nilainya Rp5 M. Lalu naik.", ["Nilainya Rp5 M.", "Lalu naik."]),
    ("Kata Budi S. Wijaya kemarin.", ["Kata Budi S. Wijaya kemarin."]),
    ("Jl. A. Yani ramai. Klaim naik.", ["Jl. A. Yani ramai.", "Klaim naik."]),
    ("Klaim JHT s.d. Desember naik.", ["Klaim JHT s.d. Desember naik."]),
])
def test_sentence_starts(text, sentences):
    from extractor.nlp import sentence_starts

    starts = sentence_starts(text)
    assert [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])] == sentences


def test_pipeline_renewal_keeps_results(monkeypatch):
    """Memory is bounded by building the pipeline anew every RENEW_AFTER articles: results do not change."""
    from extractor import pipeline
    from extractor.nlp import build_nlp
    from extractor.records import Article

    articles = [Article(article_id=str(n), source_path="", text=text) for n, text in enumerate(_sample_texts())]
    expected = [records for _, records in pipeline.process(articles, batch_size=2)]
    monkeypatch.setattr(pipeline, "RENEW_AFTER", 3)
    monkeypatch.setattr(pipeline, "_read_by_pipeline", 0)
    first = build_nlp()
    assert [records for _, records in pipeline.process(articles, batch_size=2)] == expected
    assert build_nlp() is not first  # renewed on the way
    assert any(expected)


def test_words_learnt_after_loading_get_their_flags(nlp):
    """A word the vocabulary meets first in a text (`AgUStus`, a month in a case never seen) is
    flagged when the ruler marks the doc, so word-set patterns still match it."""
    from spacy.attrs import IDS

    from extractor.nlp import UNREAD_ATTRS

    text = "Klaim JKM Rp 7,5 miliar untuk 1.234 kasus pada AgUStus 2031 di Desa Wonokerto."
    assert "AgUStus" not in nlp.vocab.strings
    doc = nlp(text)
    found = {(doc[s:e].text, label) for s, e, label, _ in doc.user_data[MATCHES_KEY]}
    assert {("Rp 7,5 miliar", "MONEY"), ("1.234 kasus", "COUNT")} <= found
    assert any(label == "PERIOD" and t.endswith("AgUStus 2031") for t, label in found)
    # the lexical attributes no rule reads are not computed for a new word
    assert not set(nlp.vocab.lex_attr_getters) & {IDS[name] for name in UNREAD_ATTRS}


def test_rule_gates_keep_every_match(nlp):
    """Matching each stretch of text with only the rules that can match there finds exactly what
    every token rule finds when run over each sentence in which the gate regex finds a digit or a
    gate word; the ruler applies that gate word by word, from each word's mask."""
    from spacy.matcher import Matcher

    ruler = nlp.get_pipe("extractor_ruler")
    every_rule = Matcher(nlp.vocab, validate=False)
    for key, pattern in ruler.gates.rules:
        every_rule.add(key, [pattern])
    rule_id = lambda match_id: ruler._match_label_id_map[match_id]["id"]  # noqa: E731
    token_rules = {rule_id(nlp.vocab.strings.as_int(key)) for key, _ in ruler.gates.rules}
    all_rules = (1 << len(ruler.gates.rules)) - 1
    left_out = 0
    for text in _sample_texts():
        doc = nlp(relevance_mask(text))
        expected = set()
        for start, end in sentence_bounds(doc):
            if ruler.gates.gate.search(doc[start:end].text):
                expected |= {(start + s, start + e, rule_id(m)) for m, s, e in every_rule(doc[start:end])}
        expected = {(s, e, r) for s, e, r in expected if r not in ruler.exact or doc[s:e].text in ruler.exact[r]}
        assert {(s, e, r) for s, e, _, r in doc.user_data[MATCHES_KEY] if r in token_rules} == expected
        left_out += sum(rules != all_rules for rules in ruler.gates.passing([t.orth for t in doc], sentence_bounds(doc)))
    assert left_out > 0  # the gates did leave rules out somewhere


_LETTERS, _DIGITS, _MARKS = "aAbBzZéñßİﬁ", "0123456789.,٣１", "-/()%:;'\"’+$€."
_chunk = st.builds(lambda start, body, end: start + body + end,
                   st.sampled_from(["", "", "Rp", "rp", "Rp.", "IDR", "US$", "(", "\"", "-"]),
                   st.text(alphabet=_LETTERS, min_size=1, max_size=8) | st.text(alphabet=_DIGITS, min_size=1, max_size=10)
                   | st.text(alphabet=_LETTERS + _DIGITS + _MARKS, min_size=1, max_size=10),
                   st.sampled_from(["", "", ",", ".", ")", "%", "-nya", "'s", "rb"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_chunk, min_size=1, max_size=6))
def test_plain_runs_tokenise_as_without_the_shortcut(nlp, chunks):
    """Runs of letters or of digits kept whole by token_match (to skip the affix regexes) come out
    exactly as spaCy's affix rules alone would split them."""
    from spacy.tokenizer import Tokenizer

    from extractor import nlp as nlp_module

    ours = nlp.tokenizer.tokenizer
    whole = next(c.cell_contents for c in ours.token_match.__wrapped__.__closure__ if isinstance(c.cell_contents, frozenset))
    plain = Tokenizer(ours.vocab, rules=ours.rules, prefix_search=ours.prefix_search, suffix_search=ours.suffix_search,
                      infix_finditer=ours.infix_finditer, url_match=ours.url_match,
                      token_match=lambda t: t in whole or nlp_module._WHITESPACE_RUN.match(t) is not None)
    text = " ".join(chunks)
    assert [t.text for t in ours(text)] == [t.text for t in plain(text)]


@pytest.mark.parametrize("line, expected", [
    ("Sebanyak 1.200 peserta", True),                       # a digit
    ("Kepala Kantor Cabang Kupang mengatakan", True),       # markers beginning a word
    ("Program BPJamsostekJatim hadir", True),               # a word that begins with a marker
    ("klaim sepanjang JANUARI lalu", True),                 # a month in any case
    ("pencabangan jalan di desa", False),                   # `cabang` inside a word is no marker
    ("kepala desa datang", False),                          # markers keep their case: `kepala` is not `Kepala`
    ("Foto: istimewa", False),
    ("", False),
])
def test_relevant_lines(line, expected):
    assert relevant(line) is expected


def _relevant_word_by_word(line: str) -> bool:
    """The definition `relevant` implements, spelt out word by word."""
    import re

    from extractor.data import lexicon

    rel = lexicon()["relevance"]
    words = {w.lower() for w in [*rel["words"], *lexicon()["months"]]}
    found = re.findall(r"[^\W\d_]+", line)
    return (re.search(r"\d", line) is not None or any(w.startswith(tuple(rel["markers"])) for w in found)
            or any(w.lower() in words for w in found))


_line_words = st.sampled_from(["BPJS", "Rp", "cabang", "Cabang", "kepala", "persen", "PERSEN", "Januari", "juni",
                               "desa", "warga", "xRp", "bulanan", "é", "_", "-", " ", ".", "٣", "ǅ"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_line_words | st.text(alphabet="abcRpPERSENé_- .", max_size=6), max_size=8).map("".join))
def test_relevant_is_the_word_by_word_definition(line):
    assert relevant(line) == _relevant_word_by_word(line)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["tahun", "TAHUN", "Tahun", "tahunan", "satu", "Juni", "persen", "rata-rata", "x2", "ſatu", "é"])
       | st.text(alphabet="tahunsTAHUNé-2ſ", min_size=1, max_size=8))
def test_gate_bit_of_a_word_is_the_gate_regex(nlp, word):
    """A word lets its sentence through the gate (its mask's gate bit) exactly when the gate regex finds
    a digit or a gate word in it; plain ASCII words are looked up in the word set instead."""
    gates = nlp.get_pipe("extractor_ruler").gates
    lex = nlp.vocab[word]
    assert bool(gates._lexeme_mask(lex, lex.lower_, lex.orth_) & gates.gate_bit) == (gates.gate.search(word) is not None)
