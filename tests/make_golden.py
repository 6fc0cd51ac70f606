"""Regenerate the golden files for the sample corpus: `python tests/make_golden.py`.

Review the diff before committing: the golden files are the expected output, not a snapshot.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
RECORD_FIELDS = ("article_id", "metric", "program", "segment", "value", "unit", "qualifier", "target", "per",
                 "period_start", "period_end", "branch", "office_level", "head", "value_text", "start", "end")
ARTICLE_FIELDS = ("article_id", "status", "title", "published", "url", "outlet")
FINDING_FIELDS = ("article_id", "check", "severity", "metric", "program", "evidence", "message_id", "message_en")


def extract_corpus() -> tuple[list[dict], list[dict], list[dict]]:
    sys.path.insert(0, str(ROOT))
    from extractor.checks import CrossArticleChecks, check_article
    from extractor.pipeline import process
    from extractor.sources import iter_files, read_path

    root = ROOT / "corpus"
    articles, records, found = [], [], []
    cross = CrossArticleChecks()
    for article, recs in process(a for p in iter_files(root) for a in read_path(p, root)):
        articles.append({k: getattr(article, k) for k in ARTICLE_FIELDS})
        records.extend({k: getattr(r, k) for k in RECORD_FIELDS} for r in recs)
        found.extend(check_article(article, recs))
        cross.add(article, recs)
    found.extend(cross.findings())
    findings = [{k: list(v) if isinstance(v, tuple) else v for k, v in ((k, getattr(f, k)) for k in FINDING_FIELDS)} for f in found]
    return articles, records, findings


def main() -> None:
    articles, records, findings = extract_corpus()
    GOLDEN.mkdir(exist_ok=True)
    for name, rows in (("corpus_articles.jsonl", articles), ("corpus_records.jsonl", records), ("corpus_findings.jsonl", findings)):
        with open(GOLDEN / name, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(articles)} articles, {len(records)} records, {len(findings)} findings to {GOLDEN}")


if __name__ == "__main__":
    main()
