"""Benchmark `rusaudit scan` against pdfplumber's bare text loop, in the same run.

    python bench/bench_scan.py [--pages 100] [--memory-pages 300] [--repeat 3]

Generates Swedish test PDFs (running header and footer, every third page in two
columns, line-end hyphenation), then prints medians and ratios:
- pdfplumber `extract_text()` over every page (closing each page): the baseline;
- `rusaudit scan` as a user runs it (a new process: imports, rules, gazetteer, report);
- the in-process `audit()` call once the pipeline is warm;
- peak memory (max RSS) of `rusaudit scan` on the short and the long PDF;
- `rusaudit --version` start-up time.
Timings are ratios against the baseline measured in the same run, so a slower or
faster machine does not change what they say.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "src").glob("*.md")))
    text = re.sub(r"<!--.*?-->|!\[[^\]]*\]\([^)]*\)|[#*>`_]", " ", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s) > 40]


def wrap(words: list[str], width: int) -> list[str]:
    """Wrap words into lines, hyphenating long words at line ends as a typesetter would."""
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) + 1 <= width:
            line = f"{line} {w}".strip()
            continue
        room = width - len(line) - 2
        if len(w) >= 9 and room >= 4 and w[:room].isalpha():
            lines.append(f"{line} {w[:room]}-".strip())
            line = w[room:]
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def make(path: Path, pages: int) -> Path:
    from pdfmaker import make_pdf

    sents = sentences()
    spec, k = [], 0
    for n in range(pages):
        words = []
        while len(words) < 420:
            words += sents[k % len(sents)].split()
            k += 1
        if n % 3 == 2:
            half = len(words) // 2
            spec.append((wrap(words[:half], 44)[:52], wrap(words[half:], 44)[:52]))
        else:
            spec.append(["# Avsnitt " + str(n + 1)] + wrap(words, 90)[:50])
    return make_pdf(path, spec, header="Regional utvecklingsstrategi 2030 – benchmark")


def bare_pdfplumber(path: Path) -> float:
    import pdfplumber

    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return time.perf_counter() - t


def cli(*args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one rusaudit process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rusaudit", *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def peak_rss(*args: str) -> float:
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "rusaudit", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip()) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--memory-pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from rusaudit.api import audit

    with tempfile.TemporaryDirectory() as tmp:
        short = make(Path(tmp) / "short.pdf", args.pages)
        long = make(Path(tmp) / "long.pdf", args.memory_pages)
        base = [bare_pdfplumber(short) for _ in range(args.repeat)]
        scan = [
            cli("scan", str(short), "--no-cache", "-f", "json", "-o", str(Path(tmp) / "r.json"))[0]
            for _ in range(args.repeat)
        ]
        audit(str(short))  # warm: spaCy, rules and gazetteer loaded
        warm = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            audit(str(short))
            warm.append(time.perf_counter() - t)
        version = [cli("--version")[0] for _ in range(args.repeat)]
        mem_short = peak_rss("scan", str(short), "--no-cache", "-f", "json", "-o", str(Path(tmp) / "s.json"))
        mem_long = peak_rss("scan", str(long), "--no-cache", "-f", "json", "-o", str(Path(tmp) / "l.json"))

    b, s, w = statistics.median(base), statistics.median(scan), statistics.median(warm)
    print(f"PDF: {args.pages} pages (every third in two columns), medians of {args.repeat} runs")
    print(f"  pdfplumber extract_text loop : {b:6.2f} s  {args.pages / b:6.1f} pages/s  (baseline 1.00)")
    print(f"  rusaudit scan (new process)  : {s:6.2f} s  {args.pages / s:6.1f} pages/s  ratio {s / b:.2f}")
    print(f"  audit() in process, warm     : {w:6.2f} s  {args.pages / w:6.1f} pages/s  ratio {w / b:.2f}")
    print(f"  rusaudit --version           : {statistics.median(version):6.2f} s")
    print(
        f"Peak memory of rusaudit scan: {mem_short:.0f} MB at {args.pages} pages, "
        f"{mem_long:.0f} MB at {args.memory_pages} pages (ratio {mem_long / mem_short:.2f})"
    )


if __name__ == "__main__":
    main()
