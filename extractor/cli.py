"""Command line: thin, and quick to start (heavy libraries are imported only when used)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="extractor", description="Figures from Indonesian news about BPJS Ketenagakerjaan.")
    ap.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract figure records from a folder (or file) of articles")
    ex.add_argument("input", type=Path, help="folder of .txt/.html/.htm/.json/.jsonl articles (read recursively), or one file")
    ex.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    _common(ex)
    run = sub.add_parser("run", help="the main job: extract the bundled corpus/ into outputs/")
    run.add_argument("input", type=Path, nargs="?", default=Path("corpus"), help="input folder (default: corpus)")
    run.add_argument("-o", "--out", type=Path, default=Path("outputs"), help="output folder (default: outputs)")
    _common(run)
    rep = sub.add_parser("report", help="write the HTML report of an output folder")
    rep.add_argument("out", type=Path, help="an output folder written by extract/run")
    rep.add_argument("--html", type=Path, help="where to write the report (default: OUT/report.html)")
    rep.add_argument("--lang", choices=["id", "en"], default="id", help="language of the findings (default: id)")
    sub.add_parser("schema", help="print the JSON Schema of the output records").add_argument(
        "table", choices=["articles", "records", "findings"], nargs="?", default="records")
    return ap


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--formats", default="jsonl,csv,parquet,sqlite",
                   help="comma-separated output formats among jsonl,csv,parquet,sqlite (default: all)")
    p.add_argument("--batch-size", type=int, default=64, help="articles per spaCy batch (default: 64)")
    p.add_argument("--lang", choices=["id", "en"], default="id", help="language of the findings' message field (default: id)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")


def cmd_extract(args: argparse.Namespace) -> int:
    from collections import Counter

    from dataclasses import replace

    from .checks import CrossArticleChecks, check_article
    from .export import Exporter
    from .pipeline import process
    from .sources import iter_files, read_path

    if not args.input.exists():
        print(f"extractor: no such file or folder: {args.input}", file=sys.stderr)
        return 2
    started = time.time()
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    root = args.input
    statuses: Counter[str] = Counter()
    metrics: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    cross = CrossArticleChecks()

    def localized(findings):
        return [replace(f, message=f.message_en if args.lang == "en" else f.message_id) for f in findings]

    def articles():
        for path in iter_files(root):
            yield from read_path(path, root if root.is_dir() else path.parent)

    with Exporter(args.out, formats) as out:
        for article, records in process(articles(), batch_size=args.batch_size):
            findings = localized(check_article(article, records))
            cross.add(article, records)
            out.article(article, records, findings)
            statuses[article.status] += 1
            metrics.update(r.metric for r in records)
            severities.update(f.severity for f in findings)
        for finding in localized(cross.findings()):
            out.write("findings", finding.to_row())
            severities[finding.severity] += 1
    if not args.quiet:
        took = time.time() - started
        docs = sum(statuses.values())
        print(f"extractor: {docs} documents, {sum(metrics.values())} records in {took:.1f}s -> {args.out}", file=sys.stderr)
        print("  documents by status: " + ", ".join(f"{k}={v}" for k, v in sorted(statuses.items())), file=sys.stderr)
        if metrics:
            print("  records by metric:   " + ", ".join(f"{k}={v}" for k, v in sorted(metrics.items())), file=sys.stderr)
        print("  findings by severity: " + (", ".join(f"{k}={v}" for k, v in sorted(severities.items())) or "none"), file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    if not (args.out / "articles.jsonl").exists():
        print(f"extractor: {args.out} holds no articles.jsonl (run extract first)", file=sys.stderr)
        return 2
    path = write_report(args.out, args.html, args.lang)
    print(f"extractor: report written to {path}", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from importlib import resources

    print(resources.files("extractor").joinpath("schemas", f"{args.table}.schema.json").read_text(encoding="utf-8"))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "extract":
        return cmd_extract(args)
    if args.command == "run":
        code = cmd_extract(args)
        if code == 0 and "jsonl" in args.formats:
            from .report import write_report

            path = write_report(args.out, None, args.lang)
            if not args.quiet:
                print(f"extractor: report written to {path}", file=sys.stderr)
        return code
    if args.command == "report":
        return cmd_report(args)
    if args.command == "schema":
        return cmd_schema(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
