"""Shared fixtures. Tests that read ../shared/ skip with a reason where it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def stale_compiled_modules() -> list[str]:
    """Compiled modules (mypyc, setup.py) whose Python source changed after they were built."""
    return sorted(so.name.split(".")[0] + ".py" for so in (ROOT / "extractor").glob("*.so")
                  if (py := so.with_name(so.name.split(".")[0] + ".py")).is_file() and py.stat().st_mtime > so.stat().st_mtime)


def pytest_configure(config):
    if stale := stale_compiled_modules():
        pytest.exit(f"compiled modules are older than their source: {', '.join(stale)}; "
                    f"rebuild with `make install` (or `pip install --no-build-isolation --no-deps -e .`)", returncode=4)


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
