"""Benchmark `rusaudit compare`: cold cache against warm cache, one and two workers.

    python bench/bench_compare.py [--docs 4] [--pages 60] [--corpus]

Generates `--docs` Swedish strategy PDFs of `--pages` pages each (as bench_scan.py does)
and runs `rusaudit compare` on them four ways: cold (empty cache) and warm (the same
files again), with `--jobs 1` and `--jobs 2`. With `--corpus` it also times the bundled
corpus/. Prints wall times and the cold/warm ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))


def compare(inputs: list[str], out: Path, jobs: int, cache: Path) -> float:
    env = dict(os.environ, RUSAUDIT_CACHE_DIR=str(cache))
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rusaudit", "compare", *inputs, "-o", str(out), "--jobs", str(jobs)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - t


def measure(label: str, inputs: list[str], tmp: Path) -> None:
    for jobs in (1, 2):
        cache = tmp / f"cache-{label}-{jobs}"
        shutil.rmtree(cache, ignore_errors=True)
        cold = compare(inputs, tmp / f"out-{label}-{jobs}-cold", jobs, cache)
        warm = compare(inputs, tmp / f"out-{label}-{jobs}-warm", jobs, cache)
        print(f"  {label:<28} --jobs {jobs}: cold {cold:6.2f} s, warm {warm:5.2f} s, cold/warm {cold / warm:5.1f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--corpus", action="store_true", help="also time the bundled corpus/")
    args = ap.parse_args()
    from bench_scan import make

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        docs = []
        for i in range(args.docs):
            # each file differs (its own page count), so the cache holds one entry per file
            docs.append(str(make(tmp_path / f"strategi-{i + 1}.pdf", args.pages + i)))
        print(f"rusaudit compare, {args.docs} generated PDFs of about {args.pages} pages")
        measure(f"{args.docs}×{args.pages} pages", docs, tmp_path)
        if args.corpus:
            measure("corpus/ (8 short PDFs)", [str(ROOT / "corpus")], tmp_path)


if __name__ == "__main__":
    main()
