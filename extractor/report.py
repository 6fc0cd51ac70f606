"""The report: one self-contained HTML file a journalist opens from disk (no server, no internet).

Overview (articles, records, findings by severity, a chart of claims by office and year),
the findings with their arithmetic, and per article the cleaned text with every figure
highlighted by metric (spaCy's displaCy entity style), its records and its findings.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from . import __version__

COLORS = {
    "claim_amount": "#f4a261", "claim_cases": "#e9c46a", "benefit_amount": "#ffb4a2", "participants": "#8ecae6",
    "new_participants": "#a8dadc", "employers": "#bde0fe", "coverage_pct": "#b5e48c", "uncovered_pct": "#d9ed92",
    "contribution_amount": "#cdb4db", "contribution_collected": "#e0aaff", "arrears_amount": "#ff8fa3",
    "growth_pct": "#c7f9cc", "other": "#dee2e6",
}
SEVERITY_COLORS = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#f7f7f9}
header{background:#14365d;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
main{padding:20px 28px;max-width:1200px}section{background:#fff;border-radius:8px;padding:16px 20px;margin:0 0 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{font-size:18px;margin:0 0 12px}.cards{display:flex;gap:14px;flex-wrap:wrap}.card{background:#eef2f7;border-radius:8px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:24px}table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e3e6ea;padding:5px 6px;text-align:left;vertical-align:top}
th{background:#f1f3f6}.sev{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;font-weight:600}
details{border-top:1px solid #e3e6ea;padding:8px 0}summary{cursor:pointer;font-weight:600}.meta{color:#5b6472;font-size:13px;margin:4px 0 8px}
.text{font-size:15px}.text .entities{line-height:2.2!important}.legend span{display:inline-block;margin:2px 6px 2px 0;padding:1px 8px;border-radius:4px;font-size:12px}
.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#8a93a0}
"""


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\\]+\Z", re.IGNORECASE)


def safe_link(url: Any) -> str | None:
    """The URL when it is a plain http(s) address that may become a link, else None: a javascript:,
    data: or vbscript: URL (or one hiding its scheme behind spaces or control characters) is shown
    as text only."""
    return url if isinstance(url, str) and _WEB_URL.match(url) else None


def _fmt(value: Any, unit: str) -> str:
    if value is None:
        return ""
    from .checks import number

    return number(float(value), unit, "id")


def highlighted(text: str, records: list[dict[str, Any]]) -> str:
    """The article text with each mention of a figure marked by its metric (displaCy `ent` style)."""
    from spacy import displacy

    spans = []
    for r in records:
        for m in r.get("mentions") or [{"start": r["start"], "end": r["end"]}]:
            spans.append({"start": m["start"], "end": m["end"], "label": r["metric"].upper()})
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    clean, last = [], -1
    for s in spans:
        if s["start"] >= last:
            clean.append(s)
            last = s["end"]
    colors = {k.upper(): v for k, v in COLORS.items()}
    colors.update({f"{k.upper()}_CHANGE": v for k, v in COLORS.items()})
    return displacy.render({"text": text, "ents": clean, "title": None}, style="ent", manual=True,
                           options={"colors": colors}, page=False, jupyter=False)


def chart(records: list[dict[str, Any]]) -> str:
    """Inline SVG bars: the largest claims total stated per office and year."""
    best: dict[tuple[str, str], float] = defaultdict(float)
    for r in records:
        if (r["metric"] == "claim_amount" and r["program"] is None and r.get("branch") not in (None, "Nasional")
                and r.get("period_end") and not r.get("target")):
            key = (r["branch"], r["period_end"][:4])
            best[key] = max(best[key], float(r["value"]))
    if not best:
        return "<p class='muted'>No claims totals with an office and a period yet.</p>"
    rows = sorted(best.items(), key=lambda kv: -kv[1])[:25]
    top = rows[0][1]
    height = 24 * len(rows) + 10
    bars = []
    for i, ((branch, year), value) in enumerate(rows):
        width = max(2, 560 * value / top)
        y = 5 + 24 * i
        bars.append(f"<text x='0' y='{y + 15}' font-size='12'>{_esc(branch)} {year}</text>"
                    f"<rect x='220' y='{y}' width='{width:.1f}' height='18' fill='#2a6f97' rx='3'></rect>"
                    f"<text x='{226 + width:.1f}' y='{y + 14}' font-size='12'>{_esc(_fmt(value, 'IDR'))}</text>")
    return (f"<svg role='img' aria-label='Claims paid by office and year' width='920' height='{height}' "
            f"xmlns='http://www.w3.org/2000/svg'>{''.join(bars)}</svg>")


def _findings_table(findings: list[dict[str, Any]], lang: str, with_article: bool) -> str:
    if not findings:
        return "<p class='muted'>No findings.</p>"
    head = "<tr>" + ("<th>article</th>" if with_article else "") + "<th>severity</th><th>check</th><th>metric</th><th>program</th><th>explanation</th></tr>"
    rows = []
    for f in findings:
        color = SEVERITY_COLORS.get(f["severity"], "#555")
        message = f.get("message_en") if lang == "en" else f.get("message_id") or f.get("message")
        cell = f"<td><a href='#a-{_esc(f['article_id'])}'>{_esc(f['article_id'])}</a></td>" if with_article else ""
        rows.append(f"<tr>{cell}<td><span class='sev' style='background:{color}'>{_esc(f['severity'])}</span></td>"
                    f"<td>{_esc(f['check'])}</td><td>{_esc(f['metric'])}</td><td>{_esc(f['program'])}</td><td>{_esc(message)}</td></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _records_table(records: list[dict[str, Any]]) -> str:
    if not records:
        return "<p class='muted'>No records.</p>"
    cols = ("metric", "program", "segment", "value", "qualifier", "target", "period_start", "period_end", "branch", "office_level", "head", "value_text")
    head = "".join(f"<th>{c}</th>" for c in cols)
    rows = []
    for r in records:
        cells = []
        for c in cols:
            value = _fmt(r[c], r["unit"]) if c == "value" else r[c]
            cells.append(f"<td class='{'num' if c == 'value' else ''}'>{_esc(value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def render(out_dir: Path, lang: str = "id") -> str:
    articles = _read(out_dir / "articles.jsonl")
    records = _read(out_dir / "records.jsonl")
    findings = _read(out_dir / "findings.jsonl")
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_article[r["article_id"]].append(r)
    findings_by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        findings_by[f["article_id"]].append(f)
    statuses = Counter(a["status"] for a in articles)
    severities = Counter(f["severity"] for f in findings)
    cards = [("articles", len(articles)), ("with records", statuses.get("ok", 0)), ("records", len(records)),
             ("errors", severities.get("error", 0)), ("warnings", severities.get("warning", 0)), ("info", severities.get("info", 0))]
    legend = "".join(f"<span style='background:{c}'>{m}</span>" for m, c in COLORS.items())
    parts = [f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>extractor report</title>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style></head><body>",
             f"<header><h1>BPJS Ketenagakerjaan figures: what was reported, and what does not add up</h1>"
             f"<p>extractor {__version__} &middot; {len(articles)} documents &middot; {len(records)} records &middot; {len(findings)} findings</p></header><main>",
             "<section><h2>Overview</h2><div class='cards'>" + "".join(f"<div class='card'><b>{v}</b>{k}</div>" for k, v in cards) + "</div>",
             "<p class='meta'>Documents by status: " + ", ".join(f"{_esc(k)} {v}" for k, v in sorted(statuses.items())) + "</p>",
             "<h2>Claims paid by office and year</h2>" + chart(records) + "</section>",
             "<section><h2>Findings</h2>" + _findings_table(findings, lang, True) + "</section>",
             f"<section><h2>Articles</h2><div class='legend'>{legend}</div>"]
    for a in articles:
        aid = a["article_id"]
        recs = sorted(by_article.get(aid, []), key=lambda r: r["start"])
        badge = f" &middot; {len(findings_by.get(aid, []))} findings" if findings_by.get(aid) else ""
        meta = " &middot; ".join(_esc(x) for x in (a.get("outlet"), a.get("published"), a.get("status")) if x)
        link = safe_link(a.get("url"))
        if link:
            url = f" &middot; <a href='{_esc(link)}' rel='noopener noreferrer'>source</a>"
        else:
            url = f" &middot; source: <span class='muted'>{_esc(a['url'])}</span>" if a.get("url") else ""
        body = highlighted(a.get("text") or "", recs) if a.get("text") else "<p class='muted'>No text.</p>"
        parts.append(f"<details id='a-{_esc(aid)}' {'open' if findings_by.get(aid) else ''}><summary>{_esc(a.get('title') or aid)} "
                     f"<span class='muted'>({_esc(aid)}, {len(recs)} records{badge})</span></summary>"
                     f"<p class='meta'>{meta}{url}</p><div class='text'>{body}</div>"
                     f"<h3>Records</h3>{_records_table(recs)}<h3>Findings</h3>{_findings_table(findings_by.get(aid, []), lang, False)}</details>")
    parts.append("</section></main></body></html>")
    return "".join(parts)


def write_report(out_dir: Path, path: Path | None = None, lang: str = "id") -> Path:
    path = path or out_dir / "report.html"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render(out_dir, lang), encoding="utf-8")
    tmp.replace(path)
    return path
