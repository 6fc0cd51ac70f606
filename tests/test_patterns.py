"""Pattern files: every rule loads, ids are stable and unique, labels are known; bad rules are refused."""
from __future__ import annotations

import json

import pytest

from extractor import data, nlp


def test_rules_load_with_unique_ids():
    rules = nlp.load_rules()
    ids = [r["id"] for r in rules if not r["id"].startswith("place.")]
    assert len(ids) == len(set(ids))
    assert {r["label"] for r in rules} <= nlp.LABELS


def test_every_macro_is_expanded():
    text = json.dumps(nlp.load_rules())
    assert '"@' not in text


@pytest.mark.parametrize("rule,message", [
    ({"id": "x", "label": "NOPE", "pattern": [{"LOWER": "a"}]}, "unknown label"),
    ({"id": "x", "pattern": [{"LOWER": "a"}]}, "needs id, label and pattern"),
    ({"id": "x", "label": "MONEY", "pattern": ["@NOPE"]}, "unknown macro"),
    ({"id": "x", "label": "NONFIG", "pattern": [{"LIKE_URL": True}]}, "does not compute LIKE_URL"),
])
def test_bad_rules_are_refused(tmp_path, monkeypatch, rule, message):
    for name in nlp.PATTERN_FILES:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "figures.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    for name in ("lexicon.json", "kanwil.csv", "provinces.csv", "places.csv"):
        (tmp_path / name).write_text((data.PATTERNS_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(data, "PATTERNS_DIR", tmp_path)
    monkeypatch.setattr(nlp, "PATTERNS_DIR", tmp_path)
    with pytest.raises(nlp.PatternError, match=message):
        nlp.load_rules()


def test_duplicate_ids_are_refused(tmp_path, monkeypatch):
    for name in nlp.PATTERN_FILES:
        (tmp_path / name).write_text("", encoding="utf-8")
    rule = json.dumps({"id": "dup", "label": "CUE_CLAIM", "pattern": [{"LOWER": "klaim"}]})
    (tmp_path / "cues.jsonl").write_text(rule + "\n" + rule + "\n", encoding="utf-8")
    for name in ("lexicon.json", "kanwil.csv", "provinces.csv", "places.csv"):
        (tmp_path / name).write_text((data.PATTERNS_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(data, "PATTERNS_DIR", tmp_path)
    with pytest.raises(nlp.PatternError, match="duplicate id"):
        nlp.load_rules()


def test_gazetteer_knows_provinces_offices_and_cities():
    gz = data.gazetteer()
    assert gz.lookup("NTT")[0] == "Nusa Tenggara Timur"
    assert gz.lookup("Banuspa")[0] == "Bali Nusa Tenggara Papua"
    assert gz.lookup("Kota Palu")[2] == "Sulawesi Tengah"
    assert gz.kanwil_provinces("Kalimantan")[0] == "Kalimantan Barat"


@pytest.mark.parametrize("pattern,phrases,exact", [
    ([{"LOWER": "bp"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "jamsostek"}], ["bp - jamsostek", "bp jamsostek"], None),
    ([{"ORTH": {"IN": ["PU", "PMI"]}}], ["pmi", "pu"], {"PU", "PMI"}),
    ([{"LOWER": "lebih"}, {"LOWER": {"IN": ["dari", "kurang"]}}], ["lebih dari", "lebih kurang"], None),
])
def test_fixed_word_rules_compile_to_phrases(pattern, phrases, exact):
    assert nlp._phrases(pattern) == (phrases, exact)


@pytest.mark.parametrize("pattern", [
    [{"LIKE_NUM": True}],
    [{"LOWER": "a", "OP": "+"}],
    [{"ORTH": "BPS"}, {"LOWER": "jatim"}],   # case-sensitive and case-free words mixed
])
def test_other_rules_stay_token_patterns(pattern):
    assert nlp._phrases(pattern) is None
