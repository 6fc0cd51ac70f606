"""extractor: figures from Indonesian news about BPJS Ketenagakerjaan, and which do not add up."""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["extract_text", "__version__"]


def extract_text(text: str, **metadata):
    """Records of one article text: `extract_text(body, url=..., published=..., title=...)`."""
    from .pipeline import extract_text as _extract_text

    return _extract_text(text, **metadata)
