"""Render both HTML reports in headless Chromium and save them as PNG.

    python scripts/screenshots.py [--out docs/screenshots] [--corpus corpus]

Runs `rusaudit compare CORPUS` and `rusaudit scan SAMPLE --format html` into a temporary
folder, then has Debian's `chromium` take a screenshot of each page:
`comparison.png` (the batch page: county map, ranking, heatmap) and `report.png` (one
strategy: gauges, municipality map, evidence). The README shows them; the browser test
(tests/e2e/test_browser.py) runs this script and checks the maps in the pictures.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "24-vasterbotten-mellan.pdf"
# (file name, window width, window height): the top of each page, where the maps are.
SHOTS = {"comparison": (1280, 1000), "report": (1280, 1250)}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html: Path, png: Path, size: tuple[int, int], chromium: str | None = None) -> Path:
    """One PNG of the page's top `size` (width, height) in CSS pixels."""
    browser = chromium or find_chromium()
    if not browser:
        raise RuntimeError("no chromium found: apt-get install chromium")
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rusaudit-chromium-") as profile:
        cmd = [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={size[0]},{size[1]}",
            html.resolve().as_uri(),
        ]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode != 0 or not png.exists():
        raise RuntimeError(f"chromium failed ({r.returncode}): {r.stderr.strip()[-400:]}")
    return png


def rusaudit(*args: str, cwd: Path | None = None) -> None:
    r = subprocess.run([sys.executable, "-m", "rusaudit", *args], capture_output=True, text=True, cwd=cwd)
    if r.returncode != 0:
        raise RuntimeError(f"rusaudit {' '.join(args)} failed ({r.returncode}): {r.stderr.strip()}")


def render_all(out: Path, corpus: Path, chromium: str | None = None) -> dict[str, Path]:
    """Build both pages from `corpus` and screenshot them into `out`."""
    with tempfile.TemporaryDirectory(prefix="rusaudit-shots-") as tmp:
        work = Path(tmp)
        # Run beside the corpus folder, so the pages show paths like "corpus/24-....pdf".
        corpus = corpus.resolve()
        here = corpus.parent
        rusaudit("compare", corpus.name, "--output", str(work / "compare"), "--jobs", "2", cwd=here)
        rusaudit("scan", f"{corpus.name}/{SAMPLE}", "--format", "html", "--output", str(work / "report.html"), cwd=here)
        pages = {"comparison": work / "compare" / "comparison.html", "report": work / "report.html"}
        return {name: screenshot(pages[name], out / f"{name}.png", SHOTS[name], chromium) for name in SHOTS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNGs")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="folder of strategies to compare")
    ap.add_argument("--chromium", help="browser binary (default: chromium on PATH)")
    args = ap.parse_args(argv)
    try:
        shots = render_all(args.out, args.corpus, args.chromium)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in shots.values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
