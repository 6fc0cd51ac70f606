"""Shared fixtures. Tests that read ../shared/ skip with a reason where it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

needs_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").is_file(),
    reason="../shared/ (real articles, gold files and scorers) is not present on this machine",
)


@pytest.fixture(scope="session")
def nlp():
    from extractor.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def extract():
    """extract_text with the pipeline built once for the whole session."""
    from extractor.pipeline import extract_text

    return extract_text
