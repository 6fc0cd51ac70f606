"""Benchmarks for whole-archive runs, each a ratio against a reference measured in the same run.

    python benchmarks/bench.py [--n 2000] [--jobs-sizes 2000,10000] [--only 1,2,3,4] [--repeat 3]
                               [--small 10000 --large 100000] [--skip-memory]

1. extraction throughput / bare spacy.blank("id") tokenisation throughput, on the same synthetic texts
   (target >= 0.5), in the layouts' real shares and then each layout alone, fastest of --repeat
   rounds; also on the real articles of ../shared when present, each read once
2. wall time of -j 1 / wall time of -j 2, best of --repeat runs each, on archives of --jobs-sizes files
   (target >= 1.6 on 2 cores); a run's start (importing spaCy, building the pipeline) and its final
   cross-article reduce are serial, so the speed-up grows with the archive
3. peak memory at --large articles / at --small articles (target <= 1.2)
4. wall time of a rerun over the unchanged corpus / the first run (target <= 0.1)
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import LAYOUTS, article, write_corpus  # noqa: E402


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def throughput(n: int, layout: str | None = None, rounds: int = 3) -> tuple[float, float, list[float]]:
    """Articles per second: bare tokenisation and the full pipeline (clean, annotate, assemble, check),
    on articles of the three sizes in the real layouts' shares, or all in one layout."""
    rng = random.Random(11)
    texts = [article(rng, ("short", "medium", "long")[i % 3], layout) for i in range(n + 300)]
    return ratio_on(texts[300:], warm=texts[:300], rounds=rounds)


def real_texts() -> list[str]:
    """The real articles of ../shared (seeds and dev), when present: a check that the synthetic
    articles give the ratio real news gives. They are read in place, never copied."""
    from extractor.sources import read_path

    shared = HERE.parent.parent / "shared"
    texts = []
    for folder in (shared / "seeds", shared / "dev"):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file():
                texts.extend(a.text for a in read_path(path, folder) if a.text)
    return texts


def ratio_on(texts: list[str], warm: list[str] | None = None, rounds: int = 1) -> tuple[float, float, list[float]]:
    """Articles per second, bare tokenisation and the full pipeline, on the same texts, and the
    ratio of each round (its two runs back to back, so a slow spell of the machine shows as spread).

    Both are warmed up on `warm` (other texts: a text read twice would be served from the
    tokenizer's cache) and then read every text once; `rounds` repeats the whole measurement in
    fresh pipelines and keeps the fastest."""
    import spacy

    from extractor.checks import check_article
    from extractor.nlp import build_nlp
    from extractor.pipeline import process
    from extractor.records import Article

    warm = warm or texts[:50]
    best_bare = best_full = 0.0
    per_round = []
    for _ in range(rounds):
        bare = spacy.blank("id")
        list(bare.pipe(warm))
        t = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=64):
            pass
        bare_rate = len(texts) / (time.perf_counter() - t)
        build_nlp.cache_clear()
        build_nlp()
        list(process(Article(article_id=str(i), source_path="", text=x) for i, x in enumerate(warm)))
        articles = [Article(article_id=str(i), source_path="", text=x) for i, x in enumerate(texts)]
        t = time.perf_counter()
        for art, recs in process(articles):
            check_article(art, recs)
        full_rate = len(texts) / (time.perf_counter() - t)
        best_bare, best_full = max(best_bare, bare_rate), max(best_full, full_rate)
        per_round.append(full_rate / bare_rate)
    return best_bare, best_full, per_round


def spread(ratios: list[float]) -> str:
    return f"rounds {min(ratios):.3f}-{max(ratios):.3f}" if len(ratios) > 1 else "one round"


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
    ap.add_argument("--n", type=int, default=2000, help="articles for throughput and rerun (default 2000)")
    ap.add_argument("--jobs-sizes", default="2000,10000", help="archive sizes for the -j benchmark (default 2000,10000)")
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="rounds of 1 and runs of each -j setting in 2, the fastest kept (default 3)")
    ap.add_argument("--only", default="1,2,3,4", help="which benchmarks to run (default: 1,2,3,4)")
    ap.add_argument("--skip-memory", action="store_true", help="leave out 3 (it writes and reads --large files)")
    args = ap.parse_args()
    only = set(args.only.split(",")) - ({"3"} if args.skip_memory else set())
    print(f"machine: {machine()}")
    if "1" in only:
        bare, full, rounds = throughput(min(args.n, 3000), rounds=args.repeat)
        print(f"1. throughput: bare tokenisation {bare:.0f} art/s, pipeline {full:.0f} art/s -> ratio {full / bare:.3f} "
              f"({spread(rounds)}; target >= 0.5)")
        for layout, share in LAYOUTS:
            bare, full, rounds = throughput(min(args.n, 3000) // 2, layout, rounds=args.repeat)
            print(f"   {layout} only ({share:.0%} of the mix): bare {bare:.0f} art/s, pipeline {full:.0f} art/s -> ratio {full / bare:.3f} ({spread(rounds)})")
        real = real_texts()
        if real:
            rng = random.Random(3)
            bare, full, rounds = ratio_on(real, warm=[article(rng, "medium") for _ in range(300)], rounds=5)
            print(f"   on the real articles of ../shared ({len(real)} texts, each read once): bare {bare:.0f} art/s, "
                  f"pipeline {full:.0f} art/s -> ratio {full / bare:.3f} ({spread(rounds)})")
    work = Path(tempfile.mkdtemp(prefix="extractor-bench-"))
    try:
        if "2" in only:
            for size in (int(n) for n in args.jobs_sizes.split(",")):
                archive = write_corpus(work / f"jobs-{size}", size, seed=5)
                # best of --repeat fresh runs each, alternating (a shared machine's noise only ever slows a run down)
                ones, twos = [], []
                for n in range(args.repeat):
                    ones.append(timed_run([str(archive), "-o", str(work / f"j1-{size}-{n}"), "-j", "1"]))
                    twos.append(timed_run([str(archive), "-o", str(work / f"j2-{size}-{n}"), "-j", "2"]))
                one, two = min(ones), min(twos)
                print(f"2. {size} files: -j 1 {one:.1f}s, -j 2 {two:.1f}s (best of {args.repeat}) -> speed-up {one / two:.2f}x "
                      f"(target >= 1.6)")
                shutil.rmtree(archive)
                for n in range(args.repeat):
                    shutil.rmtree(work / f"j1-{size}-{n}")
                    shutil.rmtree(work / f"j2-{size}-{n}")
        if "4" in only:
            corpus = write_corpus(work / "corpus", args.n, seed=5)
            first = timed_run([str(corpus), "-o", str(work / "rerun")])
            again = timed_run([str(corpus), "-o", str(work / "rerun")])
            print(f"4. first run {first:.1f}s, rerun {again:.1f}s -> ratio {again / first:.3f} (target <= 0.1)")
        if "3" in only:
            small = write_corpus(work / "small", args.small, seed=7)
            a = peak_rss_mb(small, work / "m-small")
            shutil.rmtree(small)
            large = write_corpus(work / "large", args.large, seed=7)
            b = peak_rss_mb(large, work / "m-large")
            print(f"3. peak memory {args.small} articles {a:.0f} MB, {args.large} articles {b:.0f} MB -> ratio {b / a:.2f} (target <= 1.2)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
