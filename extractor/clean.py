"""Cleaning: boilerplate lines out, soft line breaks joined, so that numbers in
"Baca juga" links, captions, share bars and footers never become figures.

Rules live in patterns/boilerplate.jsonl, each with an id and a kind (a rule matches anywhere in
the line unless its regex is anchored with ^):
`line` drops the line, `caption` drops it but keeps it as context (who is pictured),
`inline` removes the match inside a line, `tail` drops the line and everything after it
(related-article lists) when it stands in the second half of the text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
try:
    from re import _parser as sre_parse  # type: ignore[attr-defined]  # the standard library's regex parser (Python 3.11+)
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]

from .data import read_jsonl

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
MAX_BOILERPLATE = 400  # longer lines are body paragraphs: only end-of-line codes are taken out of them
TAIL = 24  # inline rules (editor codes such as `(*/aln)` or ` 026`) only look this far from a line's end
WRAP_WIDTHS = (50, 110)  # the widths at which hard-wrapped texts are wrapped
_END_PUNCT = ('.', '!', '?', ':', '"', '”', '’', "'", ')', ';')


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    regex: re.Pattern[str]
    folded: re.Pattern[str] | None = None  # the same rule for a lower-cased line, when it has no capitals
    needles: frozenset[str] | None = None  # strings one of which every match of `folded` holds
    anchored: bool = False  # `folded` can only match at the line's start

    def matches(self, line: str, lowered: str) -> bool:
        """Does the rule match the line? Case-free rules search the lower-cased line without
        IGNORECASE, which Python's regex engine runs up to ten times faster, and only once one of
        the strings every match holds is in the line (a substring test costs next to nothing)."""
        if self.folded is None:
            return bool(self.regex.search(line))
        if self.needles is not None and not any(map(lowered.__contains__, self.needles)):
            return False
        return bool(self.folded.search(lowered))


def needles(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of the regex contains, or None when there are none to
    find: `(baca juga|lihat juga):` -> {"baca juga", "lihat juga"}. A string that holds another
    one of the set is left out (`antara foto` holds `antara`): where it is, the other is too."""
    found = _needles(list(sre_parse.parse(pattern)))
    return None if found is None else frozenset(n for n in found if not any(m != n and m in n for m in found))


def _needles(items: list) -> frozenset[str] | None:
    c = sre_parse
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found  # the set whose shortest string is longest is the most selective

    run: list[str] = []
    for op, value in items + [(None, None)]:
        if op is c.LITERAL:
            run.append(chr(value))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is c.SUBPATTERN:
            consider(_needles(list(value[-1])))
        elif op is c.BRANCH:
            branches = [_needles(list(branch)) for branch in value[1]]
            if all(branches):
                consider(frozenset(n for b in branches if b for n in b))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] >= 1:
            consider(_needles(list(value[2])))
        # anything else (classes, anchors, lookarounds, optional parts) holds no required string
    return best


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    for row in read_jsonl("boilerplate.jsonl"):
        if row.get("kind") not in ("line", "caption", "inline", "tail"):
            raise ValueError(f"boilerplate rule {row.get('id')!r}: unknown kind {row.get('kind')!r}")
        case_free = not re.search(r"[A-Z]", re.sub(r"\\.", "", row["regex"]))
        # an anchored regex fails at once on most lines; the others are searched at every position,
        # unless one of their needles is in the line
        anchored = case_free and _anchored(row["regex"])
        out.append(Rule(row["id"], row["kind"], re.compile(row["regex"], re.IGNORECASE),
                        re.compile(row["regex"]) if case_free else None,
                        needles(row["regex"]) if case_free and not anchored else None, anchored))
    return tuple(out)


def normalize(text: str) -> str:
    """Unicode NFC, no invisible characters, one kind of space, no CR."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_one_space(line) for line in text.split("\n"))


def _one_space(line: str) -> str:
    """The line with each run of spaces as one space, stripped (the regex only where it has work)."""
    if line.isascii() and "\t" not in line and "  " not in line:
        return line.strip()
    return _SPACES.sub(" ", line).strip()


def clean_text(text: str, title: str | None = None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return the cleaned body and the (rule id, line) pairs that were removed."""
    lines = [line for line in normalize(text).split("\n")]
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    total = sum(len(line) for line in lines) or 1
    seen_chars = 0
    previous = None
    for line in lines:
        seen_chars += len(line)
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if line == previous:  # captions are often printed twice
            removed.append(("bp.duplicate", line))
            continue
        previous = line
        rule = _first_rule(line)
        if rule is None:
            kept.append(line)
            continue
        if rule.kind == "inline":  # inline rules remove codes at the end of a line: look at the tail only
            m = rule.regex.search(line, max(0, len(line) - TAIL))
            line = (line[:m.start()] + line[m.end():]).rstrip() if m else line
            if line:
                kept.append(line)
            continue
        if rule.kind == "tail" and seen_chars > total * 0.5:
            removed.append((rule.id, line))
            break
        removed.append((rule.id, line))
    body = "\n".join(_reflow(kept)).strip()
    return body, tuple(removed)


def _accepts(rule: Rule, length: int) -> bool:
    """Whole-line rules only fit lines short enough to be boilerplate; a `line` rule (a share
    bar, a credit) only lines under 200 characters, except a "Baca juga" link."""
    if rule.kind == "inline":
        return False
    return length < MAX_BOILERPLATE and (rule.kind != "line" or length < 200 or rule.id == "bp.baca_juga")


class LengthClass(NamedTuple):
    """The whole-line rules that fit lines of one length class, in file order."""

    rules: tuple[Rule, ...]
    unanchored: tuple[Rule, ...]  # the rules not anchored at the line's start
    any_anchored: re.Pattern[str] | None  # matches a lower-cased line that one of the anchored rules matches


def _anchored(pattern: str) -> bool:
    """Is the regex anchored at the start (`^...`, with no top-level alternative, not MULTILINE)?
    Then searching a line is matching at its start."""
    compiled = re.compile(pattern)
    parsed = list(sre_parse.parse(pattern))
    return not compiled.flags & re.MULTILINE and bool(parsed) and parsed[0] == (sre_parse.AT, sre_parse.AT_BEGINNING)


def _length_class(rules_: tuple[Rule, ...]) -> LengthClass:
    anchored = [r for r in rules_ if r.anchored]
    any_anchored = re.compile("|".join(f"(?:{r.folded.pattern})" for r in anchored if r.folded)) if anchored else None
    return LengthClass(rules_, tuple(r for r in rules_ if not r.anchored), any_anchored)


@lru_cache(maxsize=1)
def _rules_by_length() -> tuple[LengthClass, LengthClass, tuple[Rule, ...]]:
    """The whole-line rules that fit a line under 200 characters, one under MAX_BOILERPLATE, and the inline rules."""
    return (_length_class(tuple(r for r in rules() if _accepts(r, 199))),
            _length_class(tuple(r for r in rules() if _accepts(r, MAX_BOILERPLATE - 1))),
            tuple(r for r in rules() if r.kind == "inline"))


def _first_rule(line: str) -> Rule | None:
    """The first rule, in file order, that fits the line's length and matches it; inline rules
    (end-of-line codes) come last and look at the line's tail only. When no anchored rule matches
    (one regex tells, for most lines), only the unanchored ones are tried."""
    short, medium, inline = _rules_by_length()
    lowered = line.lower()
    length_class = short if len(line) < 200 else medium if len(line) < MAX_BOILERPLATE else None
    if length_class is not None:
        any_anchored = length_class.any_anchored
        tried = length_class.rules if any_anchored is not None and any_anchored.match(lowered) else length_class.unanchored
        for rule in tried:
            if rule.matches(line, lowered):
                return rule
    for rule in inline:
        if rule.regex.search(line, max(0, len(line) - TAIL)):
            return rule
    return None


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text is hard-wrapped at, or None. In a hard-wrapped text the lines inside a
    paragraph all come close to one width (between WRAP_WIDTHS) and none passes it."""
    inner = [len(a) for a, b in zip(lines, lines[1:]) if a and b]  # lines the same paragraph goes on after
    if len(inner) < 4:
        return None
    width = max(inner)
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return None
    return width if sum(n >= 0.75 * width for n in inner) >= 0.8 * len(inner) else None


def _reflow(lines: list[str]) -> list[str]:
    """Join a line broken in mid-sentence with the next one (`sadar dan` / `butuh akan`), and the
    lines of a hard-wrapped paragraph (`mencapai Rp 12,75 miliar kepada` / `7.828 penerima.`):
    a full line goes on in the next, while a short one ends its paragraph. The title is kept apart."""
    width = _wrap_width(lines)
    out: list[str] = []
    previous = ""  # the last line as it was written
    first = next((n for n, line in enumerate(lines) if line), -1)
    for n, line in enumerate(lines):
        wrapped = width is not None and n - 1 != first and len(previous) >= 0.6 * width
        if out and out[-1] and line and (wrapped or (not out[-1].endswith(_END_PUNCT) and line[0].islower() and len(out[-1]) > 40)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous = line
    while out and out[-1] == "":
        out.pop()
    return out
