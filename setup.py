"""Build: the hot stages are compiled to C extensions with mypyc; the rest stays plain Python.

The compiled modules are the same typed source, checked by mypy and translated by mypyc (a PyPI
package, pinned in requirements-build.lock; `make` installs it). The pure-Python source is the
reference: a test runs both on the same texts and compares every record and finding.

Compilation is skipped, leaving a working pure-Python install, when
- EXTRACTOR_PURE=1 is set,
- mypyc is not installed in the build environment, or
- the C compiler fails (a warning says so).
"""
from __future__ import annotations

import importlib.util
import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The stages with the most Python-level work per article (the README's Benchmarks section gives the
# cost of each). A compiled module's own functions call each other directly, in C, so tests never
# monkeypatch inside these; nlp.py (spaCy components defined in functions) and the I/O stages stay pure.
COMPILED = ["extractor/assemble.py", "extractor/checks.py", "extractor/clean.py", "extractor/merge.py", "extractor/numbers.py", "extractor/offices.py", "extractor/periods.py", "extractor/view.py"]
GROUP = "extractor._compiled"  # the modules' one shared library: extractor/_compiled__mypyc…so


class OptionalBuildExt(build_ext):
    """Build the extensions, or, when the compiler fails, remove what was built and go pure."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # noqa: BLE001 - any compiler failure means: stay pure Python
            for built in self.get_outputs():
                Path(built).unlink(missing_ok=True)
            print(f"warning: compiling {', '.join(COMPILED)} failed ({error}); installed as pure Python", file=sys.stderr)


def drop_other_extensions(keep: list[str]) -> None:
    """Remove extension modules left in the package by an earlier build that compiled other modules
    (or any, when going pure): Python imports an extension module before the source beside it."""
    names = {Path(p).stem for p in keep} | ({GROUP.rsplit(".", 1)[1] + "__mypyc"} if keep else set())
    for built in Path("extractor").iterdir():
        if built.name.endswith(tuple(EXTENSION_SUFFIXES)) and built.name.split(".")[0] not in names:
            built.unlink()


def ext_modules() -> list:
    compiling = os.environ.get("EXTRACTOR_PURE") != "1" and importlib.util.find_spec("mypyc") is not None
    drop_other_extensions(COMPILED if compiling else [])
    if not compiling:
        return []
    from mypyc.build import mypycify

    # one shared library for the group, inside the package (by default it gets a hashed name at the top level)
    return mypycify(COMPILED, opt_level="3", group_name=GROUP)


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
