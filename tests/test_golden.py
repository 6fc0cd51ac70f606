"""The sample corpus gives exactly the reviewed golden records (tests/make_golden.py writes them)."""
from __future__ import annotations

import json

from make_golden import GOLDEN, extract_corpus


def load(name):
    with open(GOLDEN / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_corpus_matches_golden():
    articles, records, findings = extract_corpus()
    assert json.loads(json.dumps(articles)) == load("corpus_articles.jsonl")
    assert json.loads(json.dumps(records)) == load("corpus_records.jsonl")
    assert json.loads(json.dumps(findings)) == load("corpus_findings.jsonl")


def test_golden_covers_what_the_corpus_is_for():
    records = load("corpus_records.jsonl")
    statuses = {a["article_id"]: a["status"] for a in load("corpus_articles.jsonl")}
    assert {r["program"] for r in records} >= {"JHT", "JKM", "JKK", "JP", "JKP"}
    assert {"claim_amount", "claim_cases", "participants", "coverage_pct", "contribution_amount"} <= {r["metric"] for r in records}
    assert {"at_least", "approx", "at_most"} <= {r["qualifier"] for r in records}
    assert statuses["txt/04_kesehatan_offtopic"] == "off_topic"
    assert not [r for r in records if r["article_id"] == "txt/04_kesehatan_offtopic"]
    checks = {(f["article_id"], f["check"]) for f in load("corpus_findings.jsonl")}
    assert ("txt/02_pekalongan_inkonsisten", "sum_mismatch") in checks
    assert ("txt/08_beasiswa_jkk", "per_case_implausible") in checks
    assert ("txt/11_jember_outlet_b", "cross_article_conflict") in checks
    assert ("txt/12_jember_salinan", "cross_article_conflict") in checks and ("txt/10_jember_outlet_a", "cross_article_conflict") in checks
