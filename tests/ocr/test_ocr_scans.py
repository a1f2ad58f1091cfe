"""OCR of scanned strategies: word accuracy, layout, places, region, page-true evidence.

The PDFs are built here: generated Swedish strategy pages are rendered to images at 200
and 300 dpi (clean, or turned slightly and speckled), saved as JPEG and wrapped as
image-only pages. Each PDF is read once per module, since OCR costs seconds per page.
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from scanmaker import PAGES, Scan, make_scanned_pdf, page_words

from rusaudit.api import Options, audit_document
from rusaudit.extract import load_document

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")

# One scanned PDF, one page per kind of scan.
SCANS = {
    "inland": Scan(300),
    "skills": Scan(200),
    "health": Scan(300, skew=1.0, noise=True),
    "culture": Scan(200, skew=-0.8, noise=True),
    "columns": Scan(300, skew=0.5),
}
ORDER = list(SCANS)


def word_accuracy(truth: list[str], got: list[str]) -> float:
    """Words read right, over the larger of words drawn and words read (so extra
    words count against it as much as missed ones); order is the layout's concern."""
    right = sum((Counter(truth) & Counter(got)).values())
    return right / max(len(truth), len(got))


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    path = tmp_path_factory.mktemp("ocr") / "skannad-strategi.pdf"
    make_scanned_pdf(path, [PAGES[k] for k in ORDER], [SCANS[k] for k in ORDER])
    return path


@pytest.fixture(scope="module")
def doc(scanned):
    return load_document(str(scanned), ocr="auto")


@pytest.fixture(scope="module")
def report(doc):
    return audit_document(doc, Options())


@pytest.mark.parametrize("kind", ORDER, ids=[f"{k}-{SCANS[k].name}" for k in ORDER])
def test_word_accuracy_per_page(doc, kind):
    n = ORDER.index(kind) + 1
    truth = page_words(PAGES[kind], header=None, footer=None)  # running header and page number are dropped
    got = doc.pages[n - 1].text.split()
    assert word_accuracy(truth, got) >= 0.95, (kind, sorted((Counter(truth) - Counter(got)).elements()))


def test_every_page_marked_as_ocr_with_its_confidence(doc):
    assert [p.number for p in doc.pages] == [1, 2, 3, 4, 5]
    assert all(p.ocr_confidence is not None and 70 < p.ocr_confidence <= 100 for p in doc.pages)
    assert not doc.warnings


def test_layout_headings_paragraphs_and_columns(doc):
    first = doc.pages[0]
    assert first.blocks[0].kind == "heading" and first.blocks[0].text == "Inlandet och kusten växer tillsammans"
    # the blank line starts a paragraph; lines of one paragraph join into one block
    assert [b.kind for b in first.blocks] == ["heading", "body", "body"]
    assert first.blocks[1].text.endswith("också gles- och landsbygder i inlandet.")
    # a turned page still reads line by line, not word by word across lines
    assert "Vården i Vilhelmina, Dorotea och Åsele samordnas" in doc.pages[2].text
    # two columns: the left one is read before the right one
    columns = doc.pages[4].text
    assert columns.index("stråket längs E4.") < columns.index("Hållbar energi")
    assert "restiden mellan Umeå och Skellefteå till en timme." in columns


def test_places_found_on_their_pages_and_region_detected(report):
    assert report.region["code"] == "24" and report.region["detected"]
    pages = {p.name: p.pages for p in report.places}
    for name in ["Lycksele", "Storuman", "Vilhelmina", "Sorsele", "Åsele", "Dorotea", "Malå", "Bjurholm", "Norsjö"]:
        expected = [ORDER.index(k) + 1 for k in ORDER if name in " ".join(page_words(PAGES[k], None, None))]
        assert pages.get(name) == expected, name


def test_scan_without_ocr_names_the_option(scanned):
    from rusaudit.errors import InputError

    with pytest.raises(InputError, match="--ocr"):
        load_document(str(scanned))
