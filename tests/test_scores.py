"""Quality floors measured with the shared scorers on real articles (../shared, present in CI)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, needs_shared

FLOORS = json.loads((ROOT / "tests" / "score_floors.json").read_text(encoding="utf-8"))


def score(gold: Path, pred_dir: Path) -> dict[str, float]:
    args = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(pred_dir / "records.jsonl")]
    if (pred_dir / "findings.jsonl").exists():
        args += ["--findings", str(pred_dir / "findings.jsonl")]
    lines = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()
    # the `name: value` lines (accuracies of qualifier, period, branch, head among them), then the headline
    got = {k.strip(): float(v) for k, _, v in (line.partition(":") for line in lines[:-1]) if v.strip().replace(".", "", 1).isdigit()}
    return got | {k: float(v) for k, v in (part.split("=") for part in lines[-1].split())}


@needs_shared
@pytest.mark.parametrize("name", ["seeds", "dev", "dev2"])
def test_score_floor(tmp_path, name):
    from extractor.cli import main

    assert main(["extract", str(SHARED / name), "-o", str(tmp_path), "-q", "--formats", "jsonl"]) == 0
    got = score(SHARED / "eval" / "gold" / f"{name}.jsonl", tmp_path)
    for metric, floor in FLOORS[name].items():
        assert got[metric] >= floor, f"{name} {metric} {got[metric]} fell below its floor {floor}"


@needs_shared
def test_page_parsing_floor(tmp_path):
    from extractor.cli import main

    pages = SHARED / "html-pages" / "anpandu"
    assert main(["extract", str(pages), "-o", str(tmp_path), "-q", "--formats", "jsonl"]) == 0
    args = [sys.executable, str(SHARED / "eval" / "score_pages.py"), "--gold", str(pages / "gold.jsonl"),
            "--pred", str(tmp_path / "articles.jsonl")]
    last = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    got = {k: float(v) for k, v in (part.split("=") for part in last.split())}
    for metric, floor in FLOORS["pages"].items():
        assert got[metric] >= floor, f"pages {metric} {got[metric]} fell below its floor {floor}"
