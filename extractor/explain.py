"""`extractor explain FILE|-`: one article's figures with the rules that decided them, as text.

For a journalist asking why a figure is JKM, and for a developer looking for the rule to fix: each
figure is printed with its reading (metric, program, period, office, head), the rule behind each
decision (the record's `why`) and the sentence it stands in; the article's findings follow.
"""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Iterable, TextIO

from .records import Article, Finding, Record

def read_articles(source: str) -> list[Article]:
    """The articles of a file (any input format), or of standard input read as a .txt article when `source` is `-`."""
    from .sources import read_path

    if source == "-":
        data = sys.stdin.buffer.read()
        name = Path("stdin.txt")
        return list(read_path(name, Path("."), data=data))
    path = Path(source)
    return list(read_path(path, path.parent))


def explain_article(article: Article, records: list[Record], findings: Iterable[Finding], out: TextIO, lang: str = "en") -> None:
    title = article.title or article.article_id
    out.write(f"{title}\n  published {article.published or 'unknown'} · status {article.status} · {len(records)} figures\n")
    for n, r in enumerate(records, 1):
        period = f"{r.period_start or '…'} – {r.period_end or '…'}" if (r.period_start or r.period_end) else "no period"
        office = f"{r.branch} ({r.office_level})" if r.branch else "no office"
        program = r.program or "no program"
        value = f"{r.value:g} %" if r.unit == "percent" else f"Rp{r.value:,.0f}" if r.unit == "IDR" else f"{r.value:,.0f}"
        out.write(f"\n{n:>3}. {r.value_text!r} = {value.replace(',', '.')}, {r.metric}{' (target)' if r.target else ''}, "
                  f"{r.qualifier}\n")
        out.write(f"     {program} · {period} · {office} · head {r.head or 'unknown'}\n")
        reasons = dict(part.split("=", 1) for part in r.why.split("; ") if "=" in part)
        if reasons:
            out.write("     why: " + ", ".join(f"{k} by {v.replace('_', ' ')}" for k, v in reasons.items()) + "\n")
        for m in r.mentions:
            wrapped = textwrap.shorten(m.sentence.replace("\n", " "), width=240, placeholder=" …")
            out.write(f"     [{m.start}:{m.end}] {wrapped}\n")
    shown = list(findings)
    if shown:
        out.write(f"\n  {len(shown)} finding(s):\n")
        for f in shown:
            message = f.message_en if lang == "en" else f.message_id
            out.write(f"  - {f.severity} {f.check} ({f.metric or '-'}, {f.program or '-'}): {message}\n")
    out.write("\n")


def explain(source: str, out: TextIO, lang: str = "en") -> int:
    """Print every article of `source`; returns the number of articles read."""
    from .checks import check_article
    from .pipeline import process

    count = 0
    for article, records in process(read_articles(source)):
        explain_article(article, records, check_article(article, records), out, lang)
        count += 1
    return count
