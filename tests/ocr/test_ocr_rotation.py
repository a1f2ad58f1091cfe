"""Scans fed into the scanner sideways or upside down read as the upright scan does.

Two PDFs hold the same four scanned pages: one upright, one with page 2 turned 90°,
page 3 turned 180° and page 4 turned 270° (counter-clockwise; the sideways pages lie on
landscape pages, as a scanner saves them). Tesseract's orientation detection finds how
each page lies; the page is turned upright and read, so both PDFs give the same
sentences, page by page, and the turned pages say so in the warnings.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict

import pytest
from scanmaker import PAGES, Scan, make_scanned_pdf, page_words

from rusaudit.analyse.sentences import sentence_spans
from rusaudit.extract import load_document

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")

KINDS = ["inland", "skills", "health", "culture"]
UPRIGHT = [Scan(300), Scan(200), Scan(300, skew=0.8, noise=True), Scan(200, noise=True)]
TURNS = [0, 90, 180, 270]


def sentences(doc) -> dict[int, list[str]]:
    by_page: dict[int, list[str]] = defaultdict(list)
    for span in sentence_spans(doc):
        by_page[span.page].append(span.text)
    return dict(by_page)


@pytest.fixture(scope="module")
def upright(tmp_path_factory):
    path = tmp_path_factory.mktemp("ocr") / "upprätt.pdf"
    return load_document(str(make_scanned_pdf(path, [PAGES[k] for k in KINDS], UPRIGHT)), ocr="auto")


@pytest.fixture(scope="module")
def turned_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("ocr") / "vänd.pdf"
    scans = [Scan(s.dpi, s.skew, s.noise, turn) for s, turn in zip(UPRIGHT, TURNS, strict=True)]
    return make_scanned_pdf(path, [PAGES[k] for k in KINDS], scans)


@pytest.fixture(scope="module")
def turned(turned_pdf):
    return load_document(str(turned_pdf), ocr="auto")


def test_turned_pages_give_the_sentences_of_the_upright_scan(upright, turned):
    assert [p.number for p in turned.pages] == [1, 2, 3, 4]
    got, expected = sentences(turned), sentences(upright)
    for n in (1, 2, 3, 4):
        assert got[n] == expected[n], n
    # and the upright scan reads what was drawn: the sentences are the page's own
    assert "Företagen i Norsjö och Vindeln behöver tekniker, undersköterskor och lärare." in got[2]
    assert any(s.startswith("Vården i Vilhelmina, Dorotea och Åsele samordnas") for s in got[3])
    assert turned.pages[3].blocks[0].kind == "heading" and turned.pages[3].blocks[0].text == "Kultur och livsmiljö"


def test_each_turned_page_is_named_with_its_turn(turned):
    assert turned.warnings == [
        "page 2: scanned sideways, turned 90° clockwise before OCR",
        "page 3: scanned upside down, turned 180° clockwise before OCR",
        "page 4: scanned sideways, turned 270° clockwise before OCR",
    ]
    # read upright, the turned pages are read as well as the upright ones
    assert all(p.ocr_confidence and p.ocr_confidence > 85 for p in turned.pages)


def test_without_orientation_data_the_turn_is_found_by_confidence(turned_pdf, tmp_path):
    """A Tesseract without tesseract-ocr-osd: each way is tried on a smaller copy of a poorly read page."""
    import pytesseract

    tessdata = tmp_path / "tessdata"
    tessdata.mkdir()
    found = [f"/usr/share/tesseract-ocr/{v}/tessdata/swe.traineddata" for v in ("5", "4.00")]
    source = next((f for f in found if os.path.exists(f)), None)
    # .ci/run installs tesseract-ocr-swe, which puts the data here; the other OCR tests need it too
    assert source is not None and "swe" in pytesseract.get_languages(config=""), "tesseract-ocr-swe is missing"
    (tessdata / "swe.traineddata").symlink_to(source)
    env = {**os.environ, "TESSDATA_PREFIX": str(tessdata)}
    command = [sys.executable, "-m", "rusaudit", "extract", "--ocr", str(turned_pdf), "-f", "jsonl", "--pages", "2,4"]
    r = subprocess.run(command, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert "page 2: scanned sideways, turned 90° clockwise before OCR" in r.stderr
    assert "page 4: scanned sideways, turned 270° clockwise before OCR" in r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    text = {n: " ".join(row["text"] for row in rows if row["page"] == n).split() for n in (2, 4)}
    for n, kind in ((2, "skills"), (4, "culture")):
        truth = page_words(PAGES[kind], header=None, footer=None)
        right = sum(1 for w in text[n] if w in truth)
        assert right >= 0.95 * len(truth), (n, text[n][:20])


def test_a_document_scanned_upside_down_is_read_once_a_page(upright, tmp_path, monkeypatch):
    """After its first page, the pages of a document fed in upside down are turned before
    they are read: one reading each instead of two, and the same sentences."""
    import pytesseract

    from rusaudit.extract import ocr

    path = tmp_path / "upp-och-ner.pdf"
    scans = [Scan(s.dpi, s.skew, s.noise, 180) for s in UPRIGHT]
    make_scanned_pdf(path, [PAGES[k] for k in KINDS], scans)
    real = pytesseract.image_to_pdf_or_hocr
    calls: list[int] = []
    monkeypatch.setattr(pytesseract, "image_to_pdf_or_hocr", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setenv(ocr.OCR_JOBS_ENV, "1")  # one page at a time: each starts after the last is read
    doc = load_document(str(path), ocr="auto")
    assert len(calls) == 2 + 1 + 1 + 1
    assert sentences(doc) == sentences(upright)
    assert doc.warnings == [f"page {n}: scanned upside down, turned 180° clockwise before OCR" for n in (1, 2, 3, 4)]
