"""Benchmarks for whole-archive runs, each a ratio against a reference measured in the same run.

    python benchmarks/bench.py [--n 2000] [--small 10000 --large 100000] [--skip-memory]

1. extraction throughput / bare spacy.blank("id") tokenisation throughput, on the same texts (target >= 0.5)
2. wall time of -j 1 / wall time of -j 2 (target >= 1.6 on 2 cores)
3. peak memory at --large articles / at --small articles (target <= 1.2)
4. wall time of a rerun over the unchanged corpus / the first run (target <= 0.1)
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import article, write_corpus  # noqa: E402


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def throughput(n: int) -> tuple[float, float]:
    """Articles per second: bare tokenisation and the full pipeline (clean, annotate, assemble, check)."""
    import random

    rng = random.Random(11)
    return ratio_on([article(rng, ("short", "medium", "long")[i % 3]) for i in range(n)])


def real_texts(repeat: int = 10) -> list[str]:
    """The real articles of ../shared (seeds and dev), when present: a check that the synthetic
    articles give the ratio real news gives. They are read in place, never copied."""
    from extractor.sources import read_path

    shared = HERE.parent.parent / "shared"
    texts = []
    for folder in (shared / "seeds", shared / "dev"):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file():
                texts.extend(a.text for a in read_path(path, folder) if a.text)
    return texts * repeat


def ratio_on(texts: list[str]) -> tuple[float, float]:
    """Articles per second, bare tokenisation and the full pipeline, on the same texts."""
    import spacy

    from extractor.checks import check_article
    from extractor.nlp import build_nlp
    from extractor.pipeline import process
    from extractor.records import Article

    bare = spacy.blank("id")
    build_nlp()
    list(bare.pipe(texts[:50]))
    t = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=64):
        pass
    bare_rate = len(texts) / (time.perf_counter() - t)
    articles = [Article(article_id=str(i), source_path="", text=x) for i, x in enumerate(texts)]
    list(process(articles[:50]))
    t = time.perf_counter()
    for art, recs in process(articles):
        check_article(art, recs)
    return bare_rate, len(texts) / (time.perf_counter() - t)


def timed_run(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", "extract", *args, "-q", "--formats", "jsonl,sqlite"], check=True, cwd=HERE.parent)
    return time.perf_counter() - t


def peak_rss_mb(corpus: Path, out: Path) -> float:
    """Peak resident memory of a whole `extract` run in its own process."""
    code = ("import resource, sys; from extractor.cli import main; main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    res = subprocess.run([sys.executable, "-c", code, "extract", str(corpus), "-o", str(out), "-q", "--formats", "jsonl,sqlite", "-j", "1"],
                         check=True, capture_output=True, text=True, cwd=HERE.parent)
    return int(res.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="articles for throughput, -j and rerun (default 2000)")
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=100_000)
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    bare, full = throughput(min(args.n, 3000))
    print(f"1. throughput: bare tokenisation {bare:.0f} art/s, pipeline {full:.0f} art/s -> ratio {full / bare:.3f} (target >= 0.5)")
    real = real_texts()
    if real:
        bare, full = ratio_on(real)
        print(f"   on the real articles of ../shared ({len(real)} texts): bare {bare:.0f} art/s, pipeline {full:.0f} art/s "
              f"-> ratio {full / bare:.3f}")
    work = Path(tempfile.mkdtemp(prefix="extractor-bench-"))
    try:
        corpus = write_corpus(work / "corpus", args.n, seed=5)
        one = timed_run([str(corpus), "-o", str(work / "j1"), "-j", "1"])
        two = timed_run([str(corpus), "-o", str(work / "j2"), "-j", "2"])
        print(f"2. -j 1 {one:.1f}s, -j 2 {two:.1f}s -> speed-up {one / two:.2f}x (target >= 1.6)")
        first = timed_run([str(corpus), "-o", str(work / "rerun")])
        again = timed_run([str(corpus), "-o", str(work / "rerun")])
        print(f"4. first run {first:.1f}s, rerun {again:.1f}s -> ratio {again / first:.3f} (target <= 0.1)")
        if not args.skip_memory:
            small = write_corpus(work / "small", args.small, seed=7)
            large = write_corpus(work / "large", args.large, seed=7)
            a = peak_rss_mb(small, work / "m-small")
            b = peak_rss_mb(large, work / "m-large")
            print(f"3. peak memory {args.small} articles {a:.0f} MB, {args.large} articles {b:.0f} MB -> ratio {b / a:.2f} (target <= 1.2)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
