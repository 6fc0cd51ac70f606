"""The HTML report: self-contained, highlights every figure, and loads cleanly in a real browser."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from extractor.cli import main

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or "") if p and Path(p).exists()), None)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from conftest import ROOT

    out = tmp_path_factory.mktemp("run")
    assert main(["run", str(ROOT / "corpus"), "-o", str(out), "-q"]) == 0
    return out / "report.html"


def test_report_is_self_contained(report):
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=['"]https?://""", page.replace("href='https://", "href='#"))  # links to sources only
    assert "<script src" not in page and "<link rel='stylesheet'" not in page
    assert not re.search(r"<(img|script|link)[^>]+https?://", page)


def test_every_mention_is_highlighted(report):
    import json

    page = report.read_text(encoding="utf-8")
    records = [json.loads(x) for x in (report.parent / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    mentions = sum(len(r["mentions"]) for r in records)
    assert page.count("<mark") == mentions
    assert "SUM_MISMATCH" not in page and "sum_mismatch" in page
    assert "Claims paid by office and year" in page and "<svg" in page


def test_report_command_language(report, tmp_path):
    target = tmp_path / "en.html"
    assert main(["report", str(report.parent), "--html", str(target), "--lang", "en"]) == 0
    assert "falls short of the stated total" in target.read_text(encoding="utf-8")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium package)")
def test_report_in_headless_chromium(report, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 2000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report.as_uri())
        marks = page.locator("mark.entity")
        assert marks.count() > 20
        background = marks.first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=False)
        browser.close()
    assert errors == []
    assert shot.stat().st_size > 20_000
