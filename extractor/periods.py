"""Periods and dates, parsed from the spans the ruler found (never from whole texts).

A period is what a figure covers: `sepanjang 2023` -> 2023-01-01 .. 2023-12-31,
`hingga Juni 2020` -> unknown start .. 2020-06-30, `triwulan I` with the year taken from
context. Date atoms (`30 November 2020`, `26/1/2024`) go through dateparser, cached.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from .data import lexicon

_SINCE = ("sejak", "mulai", "dari", "awal")
_UNTIL = ("hingga", "sampai", "per", "posisi", "s.d", "s.d.", "sd", "akhir", "s/d", "tanggal", "tgl")
_UNTIL_PART = ("hingga", "sampai", "akhir", "s/d", "s.d", "s.d.", "sd")  # `sampai dengan triwulan III`: the year so far


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    kind: str  # range, year, month, until, since, quarter, semester, now, same
    has_year: bool = True
    shift_years: int = 0  # `tahun lalu`: one year before the context

    @property
    def absolute(self) -> bool:
        return self.kind not in ("now", "same") and (self.start is not None or self.end is not None)

    def iso(self) -> tuple[str | None, str | None]:
        return (self.start.isoformat() if self.start else None, self.end.isoformat() if self.end else None)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """One date as written (`30 November 2020`, `26/1/2024`, `2024-03-24T10:00+07:00`)."""
    import dateparser  # type: ignore[import-untyped]  # imported on first use: it is slow to load and only found spans need it

    parsed = dateparser.parse(
        text, languages=["id", "en"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"],
                  "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_names() -> str:
    """The lexicon's month names and short forms as one regex alternation, longest first."""
    return "|".join(sorted(lexicon()["months"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _month_pattern() -> re.Pattern[str]:
    return re.compile(r"(?:(\d{1,2})\s+)?\b(" + _month_names() + r")\b\.?(?:\s*,?\s*((?:19|20)\d\d))?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def parse_period(text: str, context_year: int | None) -> Period | None:
    """Parse one PERIOD span. context_year fills a missing year (the article's year).
    Cached: the press repeats its periods (`sepanjang tahun 2023`), and a Period is immutable."""
    lex = lexicon()
    low = " ".join(text.lower().split())
    words = set(re.findall(r"[a-z/.]+", low))
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", low)]
    shift = -1 if re.search(r"\b(?:se)?tahun (lalu|sebelumnya|kemarin)\b", low) else 0
    if ("saat ini" in low or words & {"sekarang", "kini"}) and not years:
        return Period(None, None, "now", False)
    if "sama" in words and "periode" in words:
        return Period(None, None, "same", bool(years), shift)
    year = years[-1] if years else (context_year + shift if context_year and ("tahun" in words or shift or True) else None)
    has_year = bool(years) or (context_year is not None)

    quarter = re.search(r"\b(triwulan|kuartal|kwartal|tw|q)\s*-?\s*(i{1,3}|iv|[1-4]|pertama|kedua|ketiga|keempat|satu|dua|tiga|empat)\b", low)
    semester = re.search(r"\bsemester\s*-?\s*(i{1,2}|[12]|pertama|kedua|satu|dua)\b", low)
    if quarter or semester:
        if year is None:
            return None
        if quarter:
            q = int(lex["ordinals"][quarter.group(2)])
            months = (3 * q - 2, 3 * q)
        elif semester:
            s = int(lex["ordinals"][semester.group(1)])
            months = (6 * s - 5, 6 * s)
        start, end = date(year, months[0], 1), _month_end(year, months[1])
        if any(w in low.split() for w in _UNTIL_PART):
            return Period(None, end, "until", has_year, shift)
        return Period(start, end, "quarter" if quarter else "semester", has_year, shift)

    found = list(_month_pattern().finditer(low))
    if found:
        atoms = []
        for m in found:
            month = int(lex["months"][m.group(2)])
            atoms.append((int(m.group(1)) if m.group(1) else None, month, int(m.group(3)) if m.group(3) else None))
        last_year = next((a[2] for a in reversed(atoms) if a[2]), None) or year
        if last_year is None:
            return None
        if len(atoms) >= 2:
            (d1, m1, y1), (d2, m2, y2) = atoms[0], atoms[-1]
            y2 = y2 or last_year
            y1 = y1 or (y2 if m1 <= m2 else y2 - 1)
            return Period(_day(d1, m1, y1, first=True), _day(d2, m2, y2, first=False), "range", has_year, shift)
        day, month, y = atoms[0]
        y = y or last_year
        head = low[: found[0].start()].split()
        if any(w in _SINCE for w in head):
            return Period(_day(day, month, y, first=True), None, "since", has_year, shift)
        if any(w in _UNTIL for w in head) or day:
            return Period(None, _day(day, month, y, first=False), "until", has_year, shift)
        return Period(date(y, month, 1), _month_end(y, month), "month", has_year, shift)

    if year is None or not (years or "tahun" in words or "setahun" in words):
        return None
    head = low.split()
    if any(w in ("sejak", "mulai") for w in head):
        return Period(date(year, 1, 1), None, "since", has_year, shift)
    if any(w in ("hingga", "sampai") for w in head):
        return Period(None, date(year, 12, 31), "until", has_year, shift)
    return Period(date(year, 1, 1), date(year, 12, 31), "year", has_year, shift)


def _day(day: int | None, month: int, year: int, first: bool) -> date | None:
    if day:
        return parse_date(f"{day} {calendar.month_name[month]} {year}") or _safe(year, month, day)
    return date(year, month, 1) if first else _month_end(year, month)


def combine(periods: list[Period]) -> Period | None:
    """Several period spans in one clause describe one period, so they intersect:
    `hingga Maret 2024 atau triwulan I` -> 2024-01-01 .. 2024-03-31."""
    absolute = [p for p in periods if p.absolute]
    if not absolute:
        return periods[0] if periods else None
    best = max(absolute, key=lambda p: (p.start is not None) + (p.end is not None))
    starts = [p.start for p in absolute if p.start]
    ends = [p.end for p in absolute if p.end]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if (start and end and start > end) or (start == best.start and end == best.end):
        return best  # (the usual case: one period, nothing to intersect)
    return replace(best, start=start, end=end)


def disjoint(periods: list[Period]) -> bool:
    """Do no two of the periods overlap (`2022` and `2023`; not `2023` and `hingga November 2023`)?"""
    spans = sorted((p.start or date.min, p.end or date.max) for p in periods)
    return all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


def shift_year(period: Period, year: int) -> Period:
    """`periode yang sama tahun 2023`: the carried period, moved to another year."""
    def move(d: date | None) -> date | None:
        if d is None:
            return None
        return _month_end(year, d.month) if d == _month_end(d.year, d.month) else _safe(year, d.month, d.day)

    return replace(period, start=move(period.start), end=move(period.end))


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^0-9]|$)")
_URL_SHORT_DATE = re.compile(r"/([0-3]\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")  # `/16/02/23/`: two-digit year
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")
_WEEKDAY = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_WRITTEN_DATE = r"\d{1,2}\s+[a-z]+\.?\s+(?:19|20)\d\d"  # `30 November 2020`
_DATELINE = re.compile(
    rf"\b{_WEEKDAY}\s*,?\s*\(?\s*"
    rf"(\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*(?:19|20)?\d\d|{_WRITTEN_DATE})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# `Diposting : 1 June 2020 16:17`: a page's posting line names the article's date, not a masthead's "today"
_POSTED = re.compile(
    r"\b(?:diposting|diterbitkan|dipublikasikan|diunggah|dipublish|posted|published)(?:\s+(?:pada|on))?\s*:?\s*"
    rf"(?:{_WEEKDAY}\s*,?\s*)?"
    rf"(\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*(?:19|20)\d\d|{_WRITTEN_DATE})",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _city_dateline() -> re.Pattern[str]:
    """`Kupang, 8 April 2024 -` / `JAKARTA, 8 April 2024 (ANTARA) -`: a city, a date, then a dash or a
    bracket, at the start of a line."""
    return re.compile(r"(?m)^[ \t]*[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,3},[ \t]*(\d{1,2}[ \t]+(?i:" + _month_names() + r")\.?[ \t]+(?:19|20)\d\d)[ \t]*[-–—(]")


def article_date(text: str, url: str | None, header: str | None, raw: str | None = None) -> tuple[str | None, int | None]:
    """The article's own date (ISO, or None) and the year to read year-less periods in.

    Order: a header date, a full date in the URL, then a dated dateline such as
    `Jumat (26/1/2024)` or `Rabu 6 Desember 2023` near the start of the text, or a city dateline
    (`Kupang, 8 April 2024 -`).
    """
    if header:
        d = parse_date(header.strip())
        if d:
            return d.isoformat(), d.year
    if url:
        m = _URL_DATE.search(url) or _URL_SHORT_DATE.search(url)
        if m:
            year = int(m.group(1))
            d = _safe(year if year > 100 else 2000 + year, int(m.group(2)), int(m.group(3)))
            if d:
                return d.isoformat(), d.year
    m = _POSTED.search((raw or text)[:3000]) or _DATELINE.search(text[:3000])  # (the cleaner may drop a posting line)
    if m:
        raw = re.sub(r"\s+", " ", m.group(1).replace(" ", ""))
        if "/" in raw:
            day_s, month_s, year_s = raw.split("/")
            d = _safe(int(year_s if len(year_s) == 4 else "20" + year_s), int(month_s), int(day_s))
        else:
            d = parse_date(m.group(1))
        if d:
            return d.isoformat(), d.year
    m = _city_dateline().search(text[:1500])
    if m and (d := parse_date(m.group(1))):
        return d.isoformat(), d.year
    if url:
        m = _URL_MONTH.search(url)
        if m:
            return None, int(m.group(1))
    return None, None
