"""Plain records passed between stages. Frozen dataclasses: a stage never edits its input."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

SCHEMA_VERSION = "1.2.0"  # 1.1.0: articles.modified (the updated date, kept apart from published); 1.2.0: records.why

METRICS = (
    "claim_amount", "claim_cases", "benefit_amount", "participants", "new_participants", "employers",
    "coverage_pct", "uncovered_pct", "contribution_amount", "contribution_collected", "arrears_amount",
    "growth_pct", "other",
)
PROGRAMS = ("JHT", "JKM", "JKK", "JP", "JKP", "BEASISWA", "BSU")
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
UNITS = ("IDR", "count", "percent")
OFFICE_LEVELS = ("cabang", "kcp", "wilayah", "pusat")
STATUSES = ("ok", "no_figures", "off_topic", "empty", "binary", "undecodable", "invalid_json", "unreadable", "broken_link",
            "link_loop", "not_article", "error")


@lru_cache(maxsize=None)
def field_names(cls: type) -> tuple[str, ...]:
    """A record class's field names, in order (rows are built from them: asdict copies deeply, and slowly)."""
    return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class Article:
    """One input document after reading and cleaning. `text` is what all offsets refer to."""

    article_id: str
    source_path: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    author: str | None = None
    text: str = ""
    status: str = "ok"
    error: str | None = None
    content_sha256: str | None = None
    removed: tuple[tuple[str, str], ...] = ()  # (rule id, line) pairs taken out by the cleaner

    def to_row(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **{name: getattr(self, name) for name in field_names(Article) if name != "removed"}}


@dataclass(frozen=True)
class Mention:
    """Where a figure is written: character offsets into Article.text."""

    start: int
    end: int
    text: str
    sentence: str
    rule: str


@dataclass(frozen=True)
class Record:
    """One reported figure (one fact), with its attribution and evidence."""

    article_id: str
    record_id: str
    metric: str
    value: float | int
    unit: str
    value_text: str
    qualifier: str = "exact"
    target: bool = False
    program: str | None = None
    segment: str | None = None
    per: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    branch: str | None = None
    office_level: str | None = None
    region: str | None = None
    head: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    rule: str = ""
    why: str = ""  # `metric=claim_context; program=list_heading; period=stated_in_clause; office=article_office`
    mentions: tuple[Mention, ...] = field(default_factory=tuple)

    def to_row(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in field_names(Record) if name != "mentions"}
        row["mentions"] = [{name: getattr(m, name) for name in field_names(Mention)} for m in self.mentions]
        return {"schema_version": SCHEMA_VERSION, **row}


@dataclass(frozen=True)
class Finding:
    """A consistency problem found among records."""

    article_id: str
    finding_id: str
    check: str
    severity: str
    metric: str | None
    program: str | None
    message: str  # in the language asked for (--lang); Indonesian by default
    message_id: str
    message_en: str
    stated: float | None = None
    computed: float | None = None
    difference: float | None = None
    evidence: tuple[str, ...] = ()

    def to_row(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in field_names(Finding)}
        row["evidence"] = list(self.evidence)
        return {"schema_version": SCHEMA_VERSION, **row}
