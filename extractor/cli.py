"""Command line: thin, and quick to start (heavy libraries are imported only when used)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, compiled_modules


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="extractor", description="Figures from Indonesian news about BPJS Ketenagakerjaan.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)  # (the version line is never wrapped)
    build = f"mypyc: {' '.join(compiled)}" if (compiled := compiled_modules()) else "pure Python"
    ap.add_argument("--version", action="version", version=f"extractor {__version__} ({build})")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract figure records from a folder (or file) of articles")
    ex.add_argument("input", type=Path, help="folder of .txt/.html/.htm/.json/.jsonl articles (read recursively), or one file")
    ex.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    _common(ex)
    run = sub.add_parser("run", help="the main job: extract the bundled corpus/ into outputs/")
    run.add_argument("input", type=Path, nargs="?", default=Path("corpus"), help="input folder (default: corpus)")
    run.add_argument("-o", "--out", type=Path, default=Path("outputs"), help="output folder (default: outputs)")
    _common(run)
    fe = sub.add_parser("fetch", help="discover and download BPJS Ketenagakerjaan articles politely into a corpus folder")
    fe.add_argument("urls", nargs="*", help="start URLs: articles, sitemaps (or indexes), RSS/Atom feeds, tag or index pages")
    fe.add_argument("--urls-file", type=Path, help="a file with one start URL per line")
    fe.add_argument("-o", "--out", type=Path, default=Path("corpus/fetched"), help="where pages and articles go (default: corpus/fetched)")
    _fetch_options(fe)
    run.add_argument("--fetch", nargs="+", metavar="URL", help="fetch these start URLs into INPUT/fetched before extracting")
    _fetch_options(run)
    rep = sub.add_parser("report", help="write the HTML report of an output folder")
    rep.add_argument("out", type=Path, help="an output folder written by extract/run")
    rep.add_argument("--html", type=Path, help="where to write the report (default: OUT/report.html)")
    rep.add_argument("--lang", choices=["id", "en"], default="id", help="language of the findings (default: id)")
    exp = sub.add_parser("explain", help="print one article's figures with the rules that decided them",
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         epilog="examples:\n  extractor explain corpus/txt/01_kupang_klaim.txt\n"
                                "  cat article.txt | extractor explain -")
    exp.add_argument("file", help="an article file (.txt, .html, .json, .jsonl), or - for a text on standard input")
    exp.add_argument("--lang", choices=["id", "en"], default="en", help="language of the findings (default: en)")
    sub.add_parser("schema", help="print the JSON Schema of the output records").add_argument(
        "table", choices=["articles", "records", "findings"], nargs="?", default="records")
    return ap


def _fetch_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("fetching (politeness defaults follow scrapy's, or are stricter)")
    g.add_argument("--depth", type=int, default=1, help="links to follow from index/tag pages within a site (default: 1)")
    g.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host; robots.txt may ask more (default: 1)")
    g.add_argument("--concurrency", type=int, default=4, help="hosts fetched in parallel (default: 4)")
    g.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a server (default: 20)")
    g.add_argument("--deadline", type=float, default=60.0,
                   help="seconds for a whole response, however slowly it trickles in (default: 60)")
    g.add_argument("--retries", type=int, default=3, help="extra tries on connection errors, 429 and 5xx (default: 3)")
    g.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, help="largest page accepted (default: 10 MiB)")
    g.add_argument("--since", type=_date, help="keep articles published on or after this date (YYYY-MM-DD)")
    g.add_argument("--until", type=_date, help="keep articles published on or before this date (YYYY-MM-DD)")
    g.add_argument("--keywords", type=Path, help="a file of keywords (one a line) instead of patterns/fetch.json")


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--formats", default="jsonl,csv,parquet,sqlite",
                   help="comma-separated output formats among jsonl,csv,parquet,sqlite (default: all)")
    p.add_argument("--batch-size", type=_positive, default=64, help="articles per spaCy batch (default: 64)")
    p.add_argument("-j", "--jobs", type=_positive, default=1, help="worker processes (default: 1); output is identical for any N")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="where the work runs (default: local)")
    p.add_argument("--scheduler", help="Dask scheduler address for --engine dask (e.g. tcp://10.0.0.5:8786)")
    p.add_argument("--chunk-files", type=_positive, default=16, help="files per unit of work and per state commit (default: 16)")
    p.add_argument("--fresh", action="store_true", help="ignore the state of earlier runs and process every file again")
    p.add_argument("--force", action="store_true",
                   help="break the output folder's lock where its holder cannot be checked (a network file system without locks)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar with rate and ETA (default: when stderr is a terminal)")
    p.add_argument("--lang", choices=["id", "en"], default="id", help="language of the findings' message field (default: id)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")


def cmd_extract(args: argparse.Namespace) -> int:
    from .batch import run

    if not args.input.exists():
        print(f"extractor: no such file or folder: {args.input}", file=sys.stderr)
        return 2
    if args.engine == "dask" and not args.scheduler:
        print("extractor: --engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)", file=sys.stderr)
        return 2
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    progress = not args.quiet and (args.progress or (args.progress is None and sys.stderr.isatty()))
    from .export import FORMATS

    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        print(f"extractor: unknown output format(s): {', '.join(unknown) or '(none given)'} (choose among {','.join(FORMATS)})",
              file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(f"extractor: the output folder {args.out} is a file", file=sys.stderr)
        return 2
    summary = run(args.input, args.out, jobs=args.jobs, formats=formats, lang=args.lang, batch_size=args.batch_size,
                  engine=args.engine, scheduler=args.scheduler, progress=progress, chunk_files=args.chunk_files,
                  fresh=args.fresh, force=args.force)
    if not args.quiet:
        print(f"extractor: {summary.lines()[0]} -> {args.out}", file=sys.stderr)
        for line in summary.lines()[1:]:
            print(line, file=sys.stderr)
    return 0


def cmd_fetch(args: argparse.Namespace, out: Path | None = None, urls: list[str] | None = None) -> int:
    from .fetch import Crawler, Politeness

    seeds = list(urls if urls is not None else args.urls)
    if getattr(args, "urls_file", None):
        seeds += [u.strip() for u in args.urls_file.read_text(encoding="utf-8").splitlines() if u.strip() and not u.startswith("#")]
    if not seeds:
        print("extractor: fetch needs start URLs (arguments or --urls-file)", file=sys.stderr)
        return 2
    keywords = None
    if args.keywords:
        keywords = [k.strip().lower() for k in args.keywords.read_text(encoding="utf-8").splitlines() if k.strip()]
    politeness = Politeness(delay=max(0.0, args.delay), concurrency=max(1, args.concurrency), timeout=args.timeout,
                            deadline=max(0.1, args.deadline),
                            retries=max(0, args.retries), max_bytes=args.max_bytes)
    crawler = Crawler(out or args.out, politeness, depth=args.depth, since=args.since, until=args.until, keywords=keywords,
                      progress=not getattr(args, "quiet", False) and sys.stderr.isatty())
    report = crawler.crawl(seeds)
    print(f"extractor: fetched {report.fetched} URLs ({report.unchanged} unchanged), saved {report.articles} articles -> {out or args.out}",
          file=sys.stderr)
    for label, counts in (("skipped", report.skipped), ("failed", report.failed)):
        if counts:
            print(f"  {label}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    if not (args.out / "articles.jsonl").exists():
        print(f"extractor: {args.out} holds no articles.jsonl (run extract first)", file=sys.stderr)
        return 2
    path = write_report(args.out, args.html, args.lang)
    print(f"extractor: report written to {path}", file=sys.stderr)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain

    if args.file != "-" and not Path(args.file).is_file():
        print(f"extractor: no such file: {args.file}", file=sys.stderr)
        return 2
    if explain(args.file, sys.stdout, args.lang) == 0:
        print(f"extractor: no article could be read from {args.file}", file=sys.stderr)
        return 2
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from importlib import resources

    print(resources.files("extractor").joinpath("schemas", f"{args.table}.schema.json").read_text(encoding="utf-8"))
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command's exit code: 0, 2 for a fault of the run (options, output folder, lock), 1 for
    anything else; always one line on stderr, never a traceback (EXTRACTOR_DEBUG=1 shows it)."""
    import os

    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except KeyboardInterrupt:
        print("extractor: interrupted (a rerun continues where this one stopped)", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        code, line = run_error(exc, getattr(args, "out", None))
        print(f"extractor: {line}", file=sys.stderr)
        return code


def run_error(exc: BaseException, out: Path | None) -> tuple[int, str]:
    """(exit code, one line) for an exception that ended a run."""
    import errno
    import sqlite3

    from .batch import RunError

    if isinstance(exc, RunError):
        return 2, str(exc)
    where = f" {out}" if out is not None else ""
    if isinstance(exc, OSError):
        known = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
                 errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
                 errno.EPERM: "permission denied", errno.ENOTDIR: "a part of the path is a file, not a folder",
                 errno.EEXIST: "a file is in the way"}
        what = known.get(exc.errno or -1, exc.strerror or type(exc).__name__)
        name = f" ({exc.filename})" if exc.filename else ""
        return 2, f"cannot write the output{where}: {what}{name}; earlier outputs are left as they were"
    if isinstance(exc, sqlite3.OperationalError):
        return 2, f"cannot write the output{where}: {exc}; earlier outputs are left as they were"
    text = " ".join(str(exc).split())[:300]
    return 1, f"the run failed: {type(exc).__name__}: {text} (a bug: please report it; EXTRACTOR_DEBUG=1 shows where)"


def _main(args: argparse.Namespace) -> int:
    if args.command == "extract":
        return cmd_extract(args)
    if args.command == "fetch":
        return cmd_fetch(args)
    if args.command == "run":
        if args.fetch:
            cmd_fetch(args, out=args.input / "fetched", urls=args.fetch)
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
    if args.command == "explain":
        return cmd_explain(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
