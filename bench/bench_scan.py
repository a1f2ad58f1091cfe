"""Benchmark `rusaudit scan` against bare PDF loops and spaCy's start-up, in the same run.

    python bench/bench_scan.py [--pages 300] [--repeat 1] [--compare-docs 21] [--compare-pages 100]

Generates Swedish strategy PDFs (running header and footer, every third page in two
columns, line-end hyphenation) and measures, in one run:
- pdfplumber's bare `extract_text()` loop (closing each page): the baseline;
- pypdfium2's bare `get_text_bounded()` loop;
- spaCy's own start-up (`import spacy; spacy.blank("sv")`) in a new process;
- a cold `rusaudit scan --no-cache` (a new process) of the long file and of a one-page file,
  with its peak memory;
- `rusaudit compare --jobs 2` of `--compare-docs` strategies of `--compare-pages` pages
  (empty cache) against pdfplumber's bare time for one of them.
Each figure is printed as a ratio to its baseline measured here, next to the target of
issue 9, so a slower or faster machine does not change what the numbers say.
"""

from __future__ import annotations

import argparse
import os
import re
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


def make(path: Path, pages: int, offset: int = 0) -> Path:
    from pdfmaker import make_pdf

    sents = sentences()
    spec, k = [], offset
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


def bare_pdfium(path: Path) -> float:
    import pypdfium2 as pdfium

    t = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        text_page = page.get_textpage()
        text_page.get_text_bounded()
        text_page.close()
        page.close()
    pdf.close()
    return time.perf_counter() - t


def _tree(pid: int) -> list[int]:
    """A process and its descendants (the scan's tokenizer helper, compare's workers)."""
    out = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [q for child in fh.read().split() for q in _tree(int(child))]
    except OSError:
        pass
    return out


def _peak_mb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        return None


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a command: the sum of the peak resident sizes of
    its processes, sampled every 20 ms (an upper bound: pages two processes share count twice)."""
    peaks: dict[int, int] = {}
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
    while True:
        for pid in _tree(proc.pid):
            if (mb := _peak_mb(pid)) is not None:
                peaks[pid] = max(peaks.get(pid, 0), mb)
        try:
            proc.wait(timeout=0.02)
            break
        except subprocess.TimeoutExpired:
            continue
    wall = time.perf_counter() - t
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return wall, float(sum(peaks.values()))


def median(f, repeat: int) -> float:
    return statistics.median(f() for _ in range(repeat))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=1, help="runs per figure (medians)")
    ap.add_argument("--compare-docs", type=int, default=21, help="0 skips the compare figure")
    ap.add_argument("--compare-pages", type=int, default=100)
    args = ap.parse_args()
    rus = [sys.executable, "-m", "rusaudit"]
    spacy_start = [sys.executable, "-c", "import spacy; spacy.blank('sv')"]

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        long = make(tmp_path / "long.pdf", args.pages)
        one = make(tmp_path / "one.pdf", 1)
        plumber = median(lambda: bare_pdfplumber(long), args.repeat)
        pdfium = median(lambda: bare_pdfium(long), args.repeat)
        spacy = median(lambda: timed(spacy_start)[0], max(args.repeat, 3))
        scans = [timed([*rus, "scan", str(long), "--no-cache", "-f", "json", "-o", str(tmp_path / "l.json")])]
        scans += [
            timed([*rus, "scan", str(long), "--no-cache", "-f", "json", "-o", str(tmp_path / "l.json")])
            for _ in range(args.repeat - 1)
        ]
        scan_long = statistics.median(s[0] for s in scans)
        peak_long = max(s[1] for s in scans)
        ones = [
            timed([*rus, "scan", str(one), "--no-cache", "-f", "json", "-o", str(tmp_path / "o.json")])
            for _ in range(max(args.repeat, 3))
        ]
        scan_one = statistics.median(s[0] for s in ones)
        compare = plumber_one = None
        if args.compare_docs:
            docs = [
                make(tmp_path / f"s{i:02d}.pdf", args.compare_pages, offset=37 * i) for i in range(args.compare_docs)
            ]
            plumber_one = bare_pdfplumber(docs[0])
            env = dict(os.environ, RUSAUDIT_CACHE_DIR=str(tmp_path / "cache"))
            out = tmp_path / "compare.json"
            compare, peak_compare = timed([*rus, "compare", *map(str, docs), "--jobs", "2", "-o", str(out)], env)

    def line(label: str, seconds: float, base: float, target: str) -> None:
        print(f"  {label:44s} {seconds:7.2f} s  ratio {seconds / base:5.2f}  {target}")

    print(f"Generated strategy: {args.pages} pages (every third in two columns, hyphenation); medians of {args.repeat}")
    print(
        f"  {'pdfplumber bare extract_text loop':44s} {plumber:7.2f} s  {args.pages / plumber:6.1f} pages/s (baseline)"
    )
    print(f"  {'pypdfium2 bare get_text_bounded loop':44s} {pdfium:7.2f} s  {args.pages / pdfium:6.1f} pages/s")
    line(f"rusaudit scan --no-cache, {args.pages} pages", scan_long, plumber, "target <= 0.20 x pdfplumber")
    line("pypdfium2 bare loop", pdfium, plumber, "(the floor for extraction)")
    print(f"  {'spaCy start-up (import + blank sv)':44s} {spacy:7.2f} s  (baseline)")
    line("rusaudit scan --no-cache, 1 page", scan_one, spacy, "target <= 1.30 x spaCy start-up")
    print(f"  peak memory of the {args.pages}-page scan: {peak_long:.0f} MB (processes summed; target < 300 MB)")
    if compare is not None:
        line(
            f"compare --jobs 2, {args.compare_docs} x {args.compare_pages} pages",
            compare,
            plumber_one,
            f"target <= 3 x pdfplumber on one ({plumber_one:.2f} s); peak {peak_compare:.0f} MB",
        )


if __name__ == "__main__":
    main()
