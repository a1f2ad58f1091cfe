"""A mixed PDF: text pages with a scanned page between them.

`auto` reads only the scanned page by OCR; evidence from both kinds of page names the
page it stands on. Without OCR the scanned page is skipped with a warning naming --ocr.
"""

from __future__ import annotations

import shutil

import pytest
from scanmaker import PAGES, Scan, make_scanned_pdf

from rusaudit.api import Options, audit_document
from rusaudit.extract import load_document

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    path = tmp_path_factory.mktemp("ocr") / "blandad.pdf"
    kinds = ["inland", "skills", "health"]
    return make_scanned_pdf(path, [PAGES[k] for k in kinds], [None, Scan(300, skew=0.6, noise=True), None])


PROGRESS: list[tuple[int, int]] = []


@pytest.fixture(scope="module")
def doc(mixed):
    return load_document(str(mixed), ocr="auto", progress=lambda done, total: PROGRESS.append((done, total)))


def test_only_the_scanned_page_is_read_by_ocr(doc):
    assert [p.ocr_confidence is not None for p in doc.pages] == [False, True, False]
    assert "Batteriindustrin i Skellefteå kräver fler utbildade." in doc.pages[1].text


def test_progress_counts_text_pages_then_ocr_pages(doc):
    # three pages read from the file, then one by OCR: the bar is full only at the end
    assert PROGRESS[-1] == (4, 4) and all(done < total for done, total in PROGRESS[:-1])


def test_evidence_is_page_true_on_text_and_scanned_pages(doc):
    report = audit_document(doc, Options())
    pages = {p.name: p.pages for p in report.places}
    assert pages["Lycksele"] == [1]  # text page
    assert pages["Malå"] == [2] and pages["Tärnaby"] == [2]  # scanned page
    assert pages["Bjurholm"] == [3]  # text page after the scan
    assert pages["Dorotea"] == [2, 3] and pages["Vilhelmina"] == [1, 3]
    evidence = [e for d in report.dimensions for i in d.indicators for e in i.evidence]
    assert {e.page for e in evidence} == {1, 2, 3}
    flat = [" ".join(p.text.split()) for p in doc.pages]
    for e in evidence:  # every quoted sentence stands on the page it names
        assert " ".join(e.sentence.split()) in flat[e.page - 1], (e.page, e.sentence)


def test_without_ocr_the_scanned_page_is_skipped_with_a_warning(mixed):
    doc = load_document(str(mixed))
    assert doc.pages[1].words == 0 and doc.pages[0].words > 0
    assert any("(2)" in w and "--ocr" in w for w in doc.warnings)


def test_ocr_keeps_to_the_pages_asked_for(mixed):
    # --pages 1,3: the scanned page 2 is not audited, so it is not read by OCR either
    doc = load_document(str(mixed), ocr="auto", ocr_pages="1,3")
    assert [p.ocr_confidence for p in doc.pages] == [None, None, None] and doc.pages[1].words == 0
