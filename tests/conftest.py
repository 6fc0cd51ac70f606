"""Shared fixtures. Tests that read ../shared/ skip with a reason where it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def stale_compiled_modules() -> list[str]:
    """Compiled modules (mypyc, setup.py) whose Python source changed after they were built."""
    import importlib.util

    from extractor import compiled_modules

    stale = []
    for name in compiled_modules():
        built = Path(importlib.util.find_spec(f"extractor.{name}").origin)  # the extension Python imports
        source = built.with_name(f"{name}.py")
        if source.is_file() and source.stat().st_mtime > built.stat().st_mtime:
            stale.append(source.name)
    return stale


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
