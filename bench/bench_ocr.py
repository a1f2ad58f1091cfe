"""Benchmark OCR: seconds per scanned page on this machine's cores, and word accuracy.

    python bench/bench_ocr.py [--pages 4] [--web] [--turned]

Generates full A4 pages of Swedish strategy prose (as bench_scan.py does), scans them
as the tests do (tests/ocr/scanmaker.py: rendered to grey images, JPEG, image-only PDF)
and prints:
- the baseline: reading the same pages from their text layer, in the same run;
- OCR (render at 300 dpi + Tesseract) with 1 and 2 pages at a time: seconds per page
  and the ratio to the baseline (the aim is at most 3 s per page on 2 cores);
- the whole `load_document(ocr="auto")` per page (OCR plus layout);
- word accuracy per kind of scan: 300 and 200 dpi, clean or turned and speckled;
- with --web: a web page as a browser would print it (menu bar, breadcrumbs, sidebar,
  cookie banner, screen-sized type), scanned at 150 dpi: accuracy, confidence and the
  places found;
- with --turned: full pages scanned upright, sideways (90°, 270°) and upside down (180°):
  sentence accuracy against the text layer's sentences, and CPU seconds per page, the
  baseline being the upright pages read without orientation detection in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ocr"), str(Path(__file__).parent)]

LINES_PER_PAGE = 46


def prose_pages(n: int) -> list[list[str]]:
    from bench_scan import sentences, wrap

    words = " ".join(sentences()).split()
    lines = wrap(words, 88)
    return [lines[i * LINES_PER_PAGE : (i + 1) * LINES_PER_PAGE] for i in range(n)]


def accuracy(truth: list[str], got: list[str]) -> float:
    right = sum((Counter(truth) & Counter(got)).values())
    return right / max(len(truth), len(got))


def web_page(path: Path) -> tuple[Path, list[str]]:
    """A Swedish region's web page as printed from a browser, then scanned at 150 dpi."""
    from pdfmaker import _fonts
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from scanmaker import Scan, render_pages

    regular, bold = _fonts()
    text_pdf = path.with_suffix(".text.pdf")
    c = canvas.Canvas(str(text_pdf), pagesize=A4, invariant=1)
    w, h = A4
    drawn: list[str] = []

    def put(x, y, s, font=regular, size=9.0, colour=(0.1, 0.1, 0.1)):
        c.setFillColorRGB(*colour)
        c.setFont(font, size)
        c.drawString(x, y, s)
        drawn.extend(s.split())

    put(20, h - 16, "2026-03-14 10:42        Regional utvecklingsstrategi – Region Västerbotten", regular, 7)
    c.setFillColorRGB(0.0, 0.27, 0.45)
    c.rect(0, h - 62, w, 36, fill=1, stroke=0)
    put(24, h - 50, "Region Västerbotten", bold, 14, (1, 1, 1))
    put(250, h - 48, "Start   Utveckling   Kultur   Kollektivtrafik   Om oss", regular, 8.5, (1, 1, 1))
    put(24, h - 80, "Start › Regional utveckling › Strategi", regular, 7.5, (0.3, 0.3, 0.3))
    put(24, h - 112, "Regional utvecklingsstrategi 2030", bold, 17)
    body = [
        "Västerbottens län ska vara en attraktiv region där människor vill bo och arbeta.",
        "Strategin har tagits fram tillsammans med länets femton kommuner, bland dem",
        "Umeå, Skellefteå, Lycksele, Storuman, Vilhelmina och Sorsele. Inlandet och",
        "kusten har olika förutsättningar, och insatserna anpassas efter dem.",
        "",
        "Kompetensförsörjningen är den största utmaningen. Batteriindustrin i",
        "Skellefteå och vården i Vilhelmina och Dorotea behöver fler utbildade,",
        "och distansutbildning gör det möjligt att studera kvar i Åsele och Malå.",
        "",
        "Läs hela strategin som pdf (4,2 MB) eller lämna synpunkter senast 30 april.",
    ]
    y = h - 140
    for line in body:
        if line:
            put(24, y, line, regular, 9.5)
        y -= 15
    c.setFillColorRGB(0.93, 0.95, 0.97)
    c.rect(400, h - 330, 170, 200, fill=1, stroke=0)
    put(410, h - 150, "Relaterat", bold, 10)
    for i, s in enumerate(["Trafikplan för Nordmaling", "Bredband i Norsjö", "Kultur i Robertsfors", "Kontakt"]):
        put(410, h - 172 - 16 * i, s, regular, 8.5, (0.0, 0.27, 0.55))
    c.setFillColorRGB(0.15, 0.15, 0.15)
    c.rect(0, 120, w, 40, fill=1, stroke=0)
    put(24, 136, "Vi använder kakor för att webbplatsen ska fungera. Godkänn kakor", regular, 8.5, (1, 1, 1))
    put(24, 60, "Region Västerbotten, 901 89 Umeå. Telefon 090-785 00 00", regular, 7.5, (0.3, 0.3, 0.3))
    put(20, 20, "https://www.regionvasterbotten.se/utveckling/strategi        1/1", regular, 7)
    c.showPage()
    c.save()
    image = render_pages(text_pdf, [Scan(150, skew=0.4, noise=True)])[0]
    text_pdf.unlink()
    from io import BytesIO

    from reportlab.lib.utils import ImageReader

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    data = BytesIO()
    image.save(data, format="JPEG", quality=80)
    c.drawImage(ImageReader(BytesIO(data.getvalue())), 0, 0, width=w, height=h)
    c.showPage()
    c.save()
    return path, drawn


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (Tesseract)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, repeat: int = 1) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of `repeat` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(_cpu() - c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=4, help="full pages timed (default 4)")
    ap.add_argument("--web", action="store_true", help="also read a printed web page scanned at 150 dpi")
    ap.add_argument("--turned", action="store_true", help="also read pages scanned sideways and upside down")
    args = ap.parse_args()

    from pdfmaker import make_pdf
    from scanmaker import HEADER, Scan, make_scanned_pdf, page_words

    from rusaudit.extract import load_document
    from rusaudit.extract.ocr import ocr_pdf, workers

    pages = prose_pages(max(args.pages, 4))
    n = args.pages
    print(f"{n} full pages ({LINES_PER_PAGE} lines of 10 pt prose each), {workers()} cores available")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        text_pdf = make_pdf(tmp_path / "text.pdf", pages[:n], header=HEADER)
        scan = make_scanned_pdf(tmp_path / "scan.pdf", pages[:n], [Scan(300)] * n)
        base = timed(lambda: load_document(str(text_pdf)), 3)[0] / n
        print(f"  baseline: text layer          {base:7.3f} s/page wall")
        print("  (wall time depends on what else runs; CPU time per page does not)")
        numbers = list(range(1, n + 1))
        for jobs in (1, 2):
            wall, cpu = (v / n for v in timed(lambda j=jobs: ocr_pdf(str(scan), numbers, jobs=j)))
            print(
                f"  OCR, {jobs} page(s) at a time     {wall:7.2f} s/page wall, {cpu:5.2f} s/page CPU "
                f"({wall / base:5.0f}× the text layer)"
            )
        wall, cpu = (v / n for v in timed(lambda: load_document(str(scan), ocr="auto")))
        print(f"  load_document(ocr='auto')     {wall:7.2f} s/page wall, {cpu:5.2f} s/page CPU (OCR and layout)")
        print(f"  on {workers()} free cores that is about {cpu / workers():.2f} s/page")

        kinds = [Scan(300), Scan(200), Scan(300, skew=1.0, noise=True), Scan(200, skew=-0.8, noise=True)]
        mixed = make_scanned_pdf(tmp_path / "kinds.pdf", pages[:4], kinds)
        read = ocr_pdf(str(mixed), [1, 2, 3, 4])
        print("  word accuracy (full pages, header and page number included):")
        for i, (kind, page) in enumerate(zip(kinds, read, strict=True)):
            truth = page_words(pages[i], header=HEADER, n=i + 1)
            acc = accuracy(truth, [w.text for w in page.words])
            print(f"    {kind.name:<22} {acc:6.3f}  (confidence {page.confidence:.0f}, {len(truth)} words)")

        if args.web:
            from rusaudit.api import Options, audit_document

            path, drawn = web_page(tmp_path / "webbsida.pdf")
            doc = load_document(str(path), ocr="auto")
            report = audit_document(doc, Options())
            acc = accuracy(drawn, " ".join(p.text for p in doc.pages).split())
            region = f"{report.region['code']} ({report.region['name']})"
            print("  printed web page scanned at 150 dpi (menu, sidebar, cookie banner), as the report reads it:")
            print(f"    word accuracy {acc:.3f}, confidence {doc.pages[0].ocr_confidence:.0f}, region {region}")
            print(f"    places: {', '.join(p.name for p in report.places)}")
            print(f"    blocks: {', '.join(b.kind for b in doc.pages[0].blocks)}")

        if args.turned:
            turned_pages(tmp_path, pages[:n])


def sentence_accuracy(truth_doc, doc) -> float:
    """Sentences read exactly as the text layer has them, over the larger of the two counts."""
    from rusaudit.analyse.sentences import sentence_spans

    truth = Counter((s.page, s.text) for s in sentence_spans(truth_doc))
    got = Counter((s.page, s.text) for s in sentence_spans(doc))
    return sum((truth & got).values()) / max(sum(truth.values()), sum(got.values()))


def turned_pages(tmp_path: Path, pages: list[list[str]], kinds=None) -> None:
    """Sentence accuracy and CPU per page for documents scanned each way (one page at a time).

    Every page of a document lies the same way, so only its first page is read twice
    (found turned, read again upright); the next ones are turned before they are read."""
    from unittest import mock

    from pdfmaker import make_pdf
    from scanmaker import HEADER, Scan, make_scanned_pdf

    from rusaudit.extract import load_document, ocr

    n = len(pages)
    truth = load_document(str(make_pdf(tmp_path / "truth.pdf", pages, header=HEADER)))
    print(f"  turned scans: {n} full pages each, sentence accuracy against the text layer, CPU per page")
    read: list = []
    for kind in kinds or (Scan(300), Scan(200, skew=-0.8, noise=True)):
        for turn in (None, 0, 90, 180, 270):
            scan = Scan(kind.dpi, kind.skew, kind.noise, turn or 0)
            path = make_scanned_pdf(tmp_path / f"turned-{kind.dpi}-{turn}.pdf", pages, [scan] * n)
            with (
                mock.patch.object(ocr, "OCR_JOBS_ENV", "RUSAUDIT_BENCH_UNSET"),
                mock.patch.object(ocr, "page_jobs", lambda documents=1: 1),
            ):
                if turn is None:  # the baseline: upright, Tesseract without orientation detection
                    with mock.patch.object(ocr, "has_osd", lambda: False):
                        _, cpu = timed(lambda p=path: read.append(load_document(str(p), ocr="auto")))
                    label, base = f"{kind.name}, no detection", cpu
                else:
                    _, cpu = timed(lambda p=path: read.append(load_document(str(p), ocr="auto")))
                    label = f"{scan.name}"
            acc = sentence_accuracy(truth, read.pop())
            print(f"    {label:<34} sentences {acc:6.3f}   {cpu / n:5.2f} s/page CPU ({cpu / base:4.2f}× baseline)")


if __name__ == "__main__":
    main()
