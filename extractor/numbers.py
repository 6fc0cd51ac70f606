"""Indonesian numbers, rupiah and percentages: the text of a found span -> a value.

Like price-parser, the raw text is kept beside the value, and broken press forms
(`Rp 56.000.000 juta`, `RpRp7,25 miliar`, `Rp93miliar`, `Rp 5.120.330.400,-`) take
their most likely reading. `step` is the worth of the last printed digit, which the
checker uses to know which exact values a rounded figure stands for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .data import lexicon

_CURRENCY = re.compile(r"^\s*(?:(?:rp|idr)\s*\.?\s*)+", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(?:%|persen|prosen|pct|persén)\s*$", re.IGNORECASE)
_PERCENT_ENDS = frozenset("%nNtT")  # the last letters _PERCENT can end with: a quick test before the search
_DIGITS = re.compile(r"[.,]?\d[\d.,]*")
_WORD = re.compile(r"[a-zA-Z]+")
_DASH_END = re.compile(r"[.,]-$")
_GROUPED = re.compile(r"\d[.,]\d{3}(?!\d)")
_GROUP = re.compile(r"[.,]\d{3}")
_RUPIAH = re.compile(r"\brupiah\b", re.IGNORECASE)
_RUPIAH_TAIL = re.compile(r"\s*\brupiah\b.*$", re.IGNORECASE)
RANGE = re.compile(r"(\d[\d.,]*)\s*[-–—]\s*\d[\d.,]*")  # `Rp 5-6 miliar`: read as its low end, with the scale


_STEPS = tuple(Decimal(1).scaleb(-n) for n in range(8))  # the worth of the last digit, by decimals printed


@dataclass(frozen=True)
class Amount:
    value: int | float
    unit: str  # IDR, percent, count
    step: float  # worth of the last printed digit
    scale_word: str | None = None


@lru_cache(maxsize=None)
def _scales() -> dict[str, int]:
    return {k: int(v) for k, v in lexicon()["scale"].items()}


def parse_digits(text: str, decimal_hint: bool = False) -> tuple[Decimal, int, bool] | None:
    """'342.869.184.542' -> (342869184542, 0 decimals, grouped). None if no digits.

    decimal_hint: a scale word or a percent follows, so a lone comma with three digits
    after it is a decimal comma (`3,159 miliar`), not an English thousands separator.
    """
    s = text.strip().strip(".,")
    if not s or not any(map(str.isdigit, s)):
        return None
    if s.endswith("-"):
        s = _DASH_END.sub("", s)
    dots, commas = s.count("."), s.count(",")
    decimal_sep: str | None = None
    if dots and commas:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
    elif dots or commas:
        sep = "." if dots else ","
        tail = s.rsplit(sep, 1)[1]
        if s.count(sep) > 1:
            decimal_sep = None
        elif len(tail) != 3:
            decimal_sep = sep
        elif sep == "," and decimal_hint:
            decimal_sep = ","
        else:
            decimal_sep = None
    if decimal_sep:
        whole, _, frac = s.rpartition(decimal_sep)
        whole = whole.replace(".", "").replace(",", "")
        frac = frac.replace(".", "").replace(",", "")
    else:
        whole, frac = s.replace(".", "").replace(",", ""), ""
    if not whole and not frac:
        return None
    grouped = bool(_GROUPED.search(s)) and decimal_sep is None or (
        decimal_sep is not None and bool(_GROUP.search(s.rpartition(decimal_sep)[0]))
    )
    return Decimal(f"{whole or '0'}.{frac or '0'}"), len(frac), grouped


def parse_words(words: list[str]) -> int | None:
    """'empat puluh dua juta' -> 42000000; None when a word is not a number word."""
    lex = lexicon()
    units, mults = lex["number_words"], lex["number_multipliers"]
    total = current = last = 0
    seen = False
    for word in words:
        w = word.lower()
        if w in ("belas",):
            current += 10
            last = 0
        elif w == "puluh":
            current = current - last + (last or 1) * 10
            last = 0
        elif w == "ratus":
            current = current - last + (last or 1) * 100
            last = 0
        elif w in mults:
            total += (current or 1) * mults[w]
            current = last = 0
        elif w in units:
            n = int(units[w])
            if n >= 1000:
                total += n
            else:
                current += n
                last = n if n < 10 else 0
        else:
            return None
        seen = True
    return total + current if seen else None


@lru_cache(maxsize=4096)
def parse_amount(text: str, unit_hint: str | None = None) -> Amount | None:
    """Parse a money, percent or count span as written. Returns None for no number.

    Cached: the checks read again the figures assembly has just parsed (Amount is immutable)."""
    raw = " ".join(text.split())
    unit = unit_hint or "count"
    body = raw
    if currency := _CURRENCY.match(body):
        unit = "IDR"
        body = body[currency.end():]
    if body.rstrip()[-1:] in _PERCENT_ENDS and (percent := _PERCENT.search(body)):
        unit = "percent"
        body = body[:percent.start()]
    elif "upiah" in body.lower() and _RUPIAH.search(body):
        unit = "IDR"
        body = _RUPIAH_TAIL.sub("", body)
    scales = _scales()
    if (span := RANGE.search(body)) is not None:
        body = body[:span.start()] + span.group(1) + body[span.end():]
    match = _DIGITS.search(body)
    if match:
        after = body[match.end():]
        word = _WORD.match(after.strip())
        scale_word = word.group(0).lower() if word and word.group(0).lower() in scales else None
        if scale_word in ("m", "t") and unit != "IDR":
            scale_word = None  # `M`/`T` stand for miliar/triliun only after Rp
        if scale_word == "k" and unit != "IDR":
            scale_word = None
        parsed = parse_digits(match.group(0), decimal_hint=bool(scale_word) or unit == "percent")
        if parsed is None:
            return None
        number, decimals, _grouped = parsed
        step = _STEPS[decimals] if decimals < len(_STEPS) else Decimal(1).scaleb(-decimals)
        if scale_word:
            scale = scales[scale_word]
            if number >= scale:  # `Rp 56.000.000 juta`: the scale word repeats what the digits say
                scale_word = None
            else:
                number *= scale
                step *= scale
    else:
        words = [w for w in re.findall(r"[A-Za-z]+", body)]
        nums = []
        for w in words:
            if parse_words([w]) is None and w.lower() not in lexicon()["number_multipliers"]:
                break
            nums.append(w)
        if not nums or not any(w.lower() in lexicon()["number_words"] for w in nums):
            return None  # a scale word alone (`juta rupiah`) is not a number
        written = parse_words(nums)
        if written is None:
            return None
        number, step, scale_word = Decimal(written), Decimal(1), None
        last = nums[-1].lower()
        if last in scales:
            scale_word = last
            step = Decimal(scales[last])
    if unit == "percent":
        return Amount(float(number), unit, float(step), scale_word)
    value: int | float = int(number) if number == number.to_integral_value() else float(number)
    return Amount(value, unit, float(step), scale_word)


def format_id(value: float | int, decimals: int = 0) -> str:
    """Indonesian style: dot for thousands, comma for decimals (the inverse of parse_digits)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
