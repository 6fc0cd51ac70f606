"""Page parsing speed: this project's parser against trafilatura, on the same pages, in the same run.

    python benchmarks/pages.py [--pages DIR] [--rounds 5]

Prints pages per second for both and the ratio (ours / trafilatura; target >= 1).
The pages are the real pages of ../shared/html-pages/anpandu when present, else synthetic ones.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def load_pages(folder: Path | None) -> list[str]:
    if folder and folder.is_dir():
        return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.html"))]
    sys.path.insert(0, str(HERE))
    import random

    from synth import article

    rng = random.Random(3)
    pages = []
    for i in range(20):
        body = "".join(f"<p>{line}</p>" for line in article(rng, "long").splitlines() if line.strip())
        links = "".join(f"<li><a href='/b/{j}'>Berita lain {j}</a></li>" for j in range(40))
        pages.append(f"<html><head><title>Judul {i} - Situs</title></head><body><nav><ul>{links}</ul></nav>"
                     f"<div class='content'><h1>Judul {i}</h1>{body}</div><aside><ul>{links}</ul></aside></body></html>")
    return pages


def rate(parse, pages: list[str], rounds: int) -> float:
    for html in pages[:3]:
        parse(html)
    t = time.perf_counter()
    for _ in range(rounds):
        for html in pages:
            parse(html)
    return rounds * len(pages) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=HERE.parent.parent / "shared" / "html-pages" / "anpandu")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    import trafilatura

    from extractor.page import parse_page

    pages = load_pages(args.pages)
    ours = rate(parse_page, pages, args.rounds)
    theirs = rate(lambda html: trafilatura.bare_extraction(html, with_metadata=True), pages, args.rounds)
    print(f"pages: {len(pages)} x {args.rounds} rounds")
    print(f"extractor.page: {ours:.1f} pages/s; trafilatura {trafilatura.__version__}: {theirs:.1f} pages/s; "
          f"ratio {ours / theirs:.2f} (target >= 1)")


if __name__ == "__main__":
    main()
