"""JSON Schemas of the three output tables, generated from the record dataclasses.

The shipped files in extractor/schemas/ are this module's output; a test checks they are
current (`python -m extractor.schema` rewrites them).
"""
from __future__ import annotations

import json
import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

from .records import (
    METRICS, OFFICE_LEVELS, PROGRAMS, QUALIFIERS, SCHEMA_VERSION, SEGMENTS, STATUSES, UNITS, Article, Finding, Record,
)

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
CHECKS = ("sum_mismatch", "per_case_implausible", "arithmetic_mismatch", "restatement_conflict", "period_conflict",
          "cross_article_conflict", "other")
SEVERITIES = ("error", "warning", "info")
DESCRIPTIONS = {
    "schema_version": "Version of this output schema (semantic versioning).",
    "article_id": "Path of the input file relative to the input folder, without extension ('/' separators); "
                  "for files holding several articles, followed by '/' and the item's id or line number.",
    "text": "The cleaned body text; every character offset refers to it.",
    "status": "ok, or why the document yielded no records.",
    "published": "ISO 8601 publish date/time; a naive value means Asia/Jakarta.",
    "modified": "ISO 8601 date/time the page says it was last updated (kept apart from published); null when not said.",
    "metric": "What the figure measures; '<metric>_change' for a stated absolute change.",
    "value": "The number: whole rupiah, a count, or a percentage as 23.0. Signed for changes.",
    "value_text": "The figure as written in the text.",
    "period_start": "ISO date the covered period starts, null when not said.",
    "period_end": "ISO date the covered period ends (for stocks: the 'as of' date), null when not said.",
    "branch": "The office the figure belongs to, as a place name; 'Nasional' for national figures.",
    "sentence": "The sentence the figure stands in.",
    "start": "Character offset of the figure in articles.text.",
    "end": "Character offset just after the figure in articles.text.",
    "mentions": "Every place the same fact is written (headline, lead, body, quote).",
    "rule": "Id of the pattern rule that found the figure.",
    "why": "Which rule decided the figure's metric, program, period, office and head, as `decision=rule` pairs "
           "joined by '; ' (e.g. `metric=claim_context; program=list_heading; period=stated_in_clause; "
           "office=article_office; head=head_of_office`); the rules are listed in docs/attribution.md.",
    "removed": "Lines the cleaner took out.",
}
ENUMS: dict[str, tuple[str, ...]] = {
    "status": STATUSES, "program": PROGRAMS, "segment": SEGMENTS, "qualifier": QUALIFIERS, "unit": UNITS,
    "office_level": OFFICE_LEVELS, "per": ("day", "week", "month", "year"), "check": CHECKS, "severity": SEVERITIES,
}


def _type(annotation: Any) -> dict[str, Any]:
    text = str(annotation)
    nullable = "None" in text
    if "Mention" in text:
        base: dict[str, Any] = {"type": "array", "items": {"type": "object", "required": ["start", "end", "text", "sentence", "rule"],
                                                          "properties": {"start": {"type": "integer"}, "end": {"type": "integer"},
                                                                         "text": {"type": "string"}, "sentence": {"type": "string"},
                                                                         "rule": {"type": "string"}}}}
    elif "tuple" in text:
        base = {"type": "array", "items": {"type": "string"}}
    elif "bool" in text:
        base = {"type": "boolean"}
    elif "float" in text:
        base = {"type": "number"}
    elif "int" in text:
        base = {"type": "integer"}
    else:
        base = {"type": "string"}
    if nullable:
        base = {"type": [base["type"], "null"], **{k: v for k, v in base.items() if k != "type"}}
    return base


def build(cls: type, title: str) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {"schema_version": {"type": "string", "const": SCHEMA_VERSION, "description": DESCRIPTIONS["schema_version"]}}
    for f in fields(cls):
        if f.name == "removed":
            continue
        prop = _type(hints[f.name])
        if f.name in ENUMS:
            values: list[Any] = list(ENUMS[f.name])
            if "null" in prop["type"]:
                values.append(None)
            prop["enum"] = values
        if f.name == "metric":
            prop["pattern"] = "^(" + "|".join(METRICS) + ")(_change)?$" if cls is Record else "^[a-z_]+$"
            if cls is Finding:
                prop = {"type": ["string", "null"]}
        if f.name in DESCRIPTIONS:
            prop["description"] = DESCRIPTIONS[f.name]
        props[f.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://example.invalid/extractor/{title}.schema.json",
        "title": f"extractor {title} (schema {SCHEMA_VERSION})",
        "type": "object",
        "required": list(props),
        "properties": props,
        "additionalProperties": False,
    }


def schemas() -> dict[str, dict[str, Any]]:
    return {"articles": build(Article, "articles"), "records": build(Record, "records"), "findings": build(Finding, "findings")}


def write() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, schema in schemas().items():
        (SCHEMA_DIR / f"{name}.schema.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
