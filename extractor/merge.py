"""One record per fact: mentions of the same figure (headline, lead, body, quote) merged into the
record that carries the most precise value, and loose restatements folded into the fact they restate."""
from __future__ import annotations

import hashlib
from dataclasses import replace

from .records import Record


def record_id(article_id: str, start: int, end: int, metric: str) -> str:
    """Stable id of a record: its article, the offsets of its most precise mention, its metric."""
    return hashlib.sha1(f"{article_id}|{start}|{end}|{metric}".encode()).hexdigest()[:12]


def values_agree(a: float, a_step: float, b: float, b_step: float) -> bool:
    """Could both printings stand for one value? A printed figure covers every value that
    rounds or truncates to it: `Rp54 miliar` covers 53,5 .. 55 miliar."""
    tolerance = 1e-9 * max(abs(a), abs(b), 1.0)
    if abs(a_step - b_step) <= tolerance:
        return abs(a - b) <= tolerance
    (coarse, c_step), (fine, _) = sorted(((a, a_step), (b, b_step)), key=lambda x: -x[1])
    return coarse - c_step / 2 - tolerance <= fine < coarse + c_step


def _compatible(a: Record, a_step: float, b: Record, b_step: float) -> bool:
    if a.unit != b.unit or a.per != b.per or a.target != b.target or a.branch != b.branch:
        return False
    if a.program and b.program and a.program != b.program:
        return False
    if a.period_end and b.period_end and a.period_end != b.period_end:
        return False
    if (a.value < 0) != (b.value < 0) or not values_agree(float(a.value), a_step, float(b.value), b_step):
        return False
    if a.metric == b.metric:
        return True
    # a person count restated without its cue (`keluarga dari 13.144 peserta ini`) is the same fact
    return {a.metric, b.metric} == {"claim_cases", "participants"} and a.value == b.value and abs(float(a.value)) >= 100


def _merge_key(r: Record) -> tuple:
    """What two mentions of one fact always share (the first test of _compatible)."""
    return r.unit, r.per, r.target, r.branch


def merge_into(merged: list[tuple[Record, float]], by_key: dict[tuple, list[int]], record: Record, step: float) -> None:
    """Merge the record into the first earlier record of the same fact, or add it; `by_key` indexes
    `merged` by _merge_key, so only records that can be the same fact are compared."""
    positions = by_key.setdefault(_merge_key(record), [])
    for n in positions:
        old, old_step = merged[n]
        if not _compatible(old, old_step, record, step):
            continue
        precise, precise_step, other = (record, step, old) if step < old_step else (old, old_step, record)
        qualifier = precise.qualifier
        if step == old_step and qualifier == "exact":
            qualifier = other.qualifier
        keep = old if old.metric == "claim_cases" or old.metric == record.metric else record
        combined = replace(
            precise, metric=keep.metric, qualifier=qualifier,
            record_id=record_id(precise.article_id, precise.start, precise.end, keep.metric),
            program=precise.program or other.program, segment=precise.segment or other.segment,
            period_start=precise.period_start or other.period_start,
            period_end=precise.period_end or other.period_end,
            mentions=old.mentions + record.mentions,
        )
        merged[n] = (combined, precise_step)  # same key: precise is old or record
        return
    positions.append(len(merged))
    merged.append((record, step))


def merge_restatements(merged: list[tuple[Record, float]], loose: list[bool]) -> list[Record]:
    """A loose mention of a fact already recorded (the same metric and value; its program and period
    agreeing or missing) is a mention of that record, whatever office a place beside it suggested;
    the record keeps the explicit office."""
    out: list[tuple[Record, float, bool]] = []
    by_key: dict[tuple[str, str, str | None, bool], list[int]] = {}  # only records that could be one fact are compared
    for (record, step), is_loose in zip(merged, loose):
        positions = by_key.setdefault((record.metric, record.unit, record.per, record.target), [])
        for n in positions:
            old, old_step, old_loose = out[n]
            if not (is_loose or old_loose):
                continue
            if ((old.program and record.program and old.program != record.program)
                    or (old.value < 0) != (record.value < 0)
                    or not values_agree(float(old.value), old_step, float(record.value), step)):
                continue
            if not is_loose and old.period_end and record.period_end and old.period_end != record.period_end:
                continue
            keep, other = (record, old) if old_loose and not is_loose else (old, record)
            combined = replace(keep, program=keep.program or other.program, period_start=keep.period_start or other.period_start,
                               period_end=keep.period_end or other.period_end, head=keep.head or other.head,
                               mentions=old.mentions + record.mentions)
            out[n] = (combined, min(old_step, step), old_loose and is_loose)
            break
        else:
            positions.append(len(out))
            out.append((record, step, is_loose))
    return [record for record, _step, _loose in out]
