"""extractor: figures from Indonesian news about BPJS Ketenagakerjaan, and which do not add up."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["extract_text", "compiled_modules", "__version__"]


def compiled_modules() -> list[str]:
    """The modules of this install that run compiled (mypyc, see setup.py); empty for pure Python.
    An extension module next to its source is the one Python imports."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from pathlib import Path

    return sorted(p.name.split(".")[0] for p in Path(__file__).parent.iterdir()
                  if p.name.endswith(tuple(EXTENSION_SUFFIXES)) and "__mypyc" not in p.name)


def extract_text(text: str, **metadata):
    """Records of one article text: `extract_text(body, url=..., published=..., title=...)`."""
    from .pipeline import extract_text as _extract_text

    return _extract_text(text, **metadata)
