"""The compiled modules (mypyc, setup.py) against their pure-Python source, on the same texts.

mypyc checks types at run time where Python does not: a value of another type than annotated
raises TypeError instead of flowing on. So both builds run over the sample corpus and a few
hundred synthetic articles, and every output file must be byte-identical."""
from __future__ import annotations

import ast
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from extractor import compiled_modules

COMPILED = compiled_modules()
compiled_only = pytest.mark.skipif(not COMPILED, reason="a pure-Python install (EXTRACTOR_PURE=1, or no compiler): nothing compiled to compare")


def listed_in_setup() -> list[str]:
    """The module names of setup.py's COMPILED list."""
    line = next(x for x in (ROOT / "setup.py").read_text().splitlines() if x.startswith("COMPILED = "))
    return sorted(Path(p).stem for p in ast.literal_eval(line.split("=", 1)[1].strip()))


def test_every_listed_module_is_compiled_where_it_can_be():
    """Where mypyc and a C compiler are installed and no one asked for pure Python, the install
    must be the compiled one that the benchmarks measure (a failed build falls back quietly)."""
    import importlib.util

    can_build = importlib.util.find_spec("mypyc") and shutil.which(os.environ.get("CC", "gcc")) and os.environ.get("EXTRACTOR_PURE") != "1"
    if not can_build:
        pytest.skip("no mypyc or no C compiler here, or EXTRACTOR_PURE=1: a pure-Python install is expected")
    assert COMPILED == listed_in_setup()


def pure_copy(into: Path) -> Path:
    """The package's Python source alone (no extension modules), beside the project's patterns."""
    shutil.copytree(ROOT / "extractor", into / "extractor", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    (into / "patterns").symlink_to(ROOT / "patterns")
    return into


def run(args: list[str], pythonpath: Path | None, cwd: Path) -> subprocess.CompletedProcess:
    """Python in `cwd` (not the checkout, which would come first on sys.path), the package taken
    from `pythonpath` when given, else from the install."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True, check=True)


@compiled_only
def test_compiled_modules_give_what_their_source_gives(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synth import article
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    rng = random.Random(5)
    for i in range(300):
        (corpus / f"synth-{i:03d}.txt").write_text(article(rng, ("short", "medium", "long")[i % 3]), encoding="utf-8")
    pure = pure_copy(tmp_path / "pure")

    where = "import extractor.{0} as m; print(m.__file__)"
    for name in COMPILED:
        assert run(["-c", where.format(name)], None, tmp_path).stdout.strip().endswith(".so")
        assert run(["-c", where.format(name)], pure, tmp_path).stdout.strip() == str(pure / "extractor" / f"{name}.py")

    outputs = {}
    for build, path in (("compiled", None), ("pure", pure)):
        out = tmp_path / build
        run(["-m", "extractor", "extract", str(corpus), "-o", str(out), "--formats", "jsonl", "-q"], path, tmp_path)
        outputs[build] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.jsonl"))}
    assert outputs["compiled"].keys() == outputs["pure"].keys() and len(outputs["pure"]) >= 2
    assert sum(b.count(b"\n") for b in outputs["pure"].values()) > 1000   # records and findings of every text
    for name, data in outputs["pure"].items():
        assert outputs["compiled"][name] == data, f"{name}: the compiled build differs from the source"
