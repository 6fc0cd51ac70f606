"""Access to the language and domain knowledge kept as data in patterns/."""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
# Installed wheels carry a copy inside the package; a checkout reads the top-level folder.
PATTERNS_DIR = next(
    (p for p in (PACKAGE_DIR.parent / "patterns", PACKAGE_DIR / "patterns") if p.is_dir()),
    PACKAGE_DIR.parent / "patterns",
)


@lru_cache(maxsize=None)
def lexicon() -> dict[str, Any]:
    with open(PATTERNS_DIR / "lexicon.json", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """A word list of the lexicon as a set, built once (attribution tests words against sets per figure)."""
    return frozenset(lexicon()[name])


def read_jsonl(name: str) -> list[dict[str, Any]]:
    rows = []
    with open(PATTERNS_DIR / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{name}:{n}: not JSON: {exc}") from None
    return rows


def read_csv(name: str) -> list[dict[str, str]]:
    with open(PATTERNS_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=None)
def gazetteer() -> "Gazetteer":
    return Gazetteer.load()


class Gazetteer:
    """Places and offices: alias (lower case) -> canonical name, kind and province."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, str, str | None]] = {}
        # attribution looks the same few place names up again and again: remember the answers
        self.lookup = lru_cache(maxsize=1 << 14)(self._lookup)  # type: ignore[method-assign]

    def add(self, alias: str, canonical: str, kind: str, province: str | None) -> None:
        key = " ".join(alias.replace("-", " ").lower().split())
        self.entries.setdefault(key, (canonical, kind, province))
        self.lookup.cache_clear()

    @classmethod
    def load(cls) -> "Gazetteer":
        gz = cls()
        for row in read_csv("kanwil.csv"):
            for alias in [row["name"], *row["aliases"].split(";")]:
                gz.add(alias, row["name"], "wilayah", None)
        for row in read_csv("provinces.csv"):
            for alias in [row["name"], *row["aliases"].split(";")]:
                gz.add(alias, row["name"], "province", row["name"])
        for row in read_csv("places.csv"):
            gz.add(row["name"], row["name"], "city", row["province"])
        return gz

    def _lookup(self, text: str) -> tuple[str, str, str | None] | None:
        """(canonical name, kind, province) of a place or office as written (`Kota Kupang`, `kab. garut`)."""
        key = " ".join(text.replace("-", " ").replace(",", " ").lower().split())
        for prefix in ("provinsi ", "prov. ", "kota ", "kabupaten ", "kab. ", "kab "):
            if key.startswith(prefix) and key[len(prefix):] in self.entries:
                return self.entries[key[len(prefix):]]
        return self.entries.get(key)

    def kanwil_provinces(self, name: str) -> list[str]:
        return list(_kanwil_provinces().get(name, ()))


@lru_cache(maxsize=1)
def _kanwil_provinces() -> dict[str, tuple[str, ...]]:
    """Regional office -> the provinces it serves (read once, not once per record)."""
    return {row["name"]: tuple(row["provinces"].split(";")) for row in read_csv("kanwil.csv")}
