"""Extraction from PDFs the tests build: headers, hyphens, columns, bad input."""

import pytest
from pdfmaker import make_pdf

from rusaudit.errors import InputError
from rusaudit.extract import load_document

BODY = [
    "# Förutsättningar",
    "Västerbottens läns utveck-",
    "ling skiljer sig mellan kust och inland.",
    "Städer, tätorter samt gles-",
    "och landsbygder behöver olika insatser.",
    "Åsele, Dorotea och Sorsele är små kommuner.",
]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    left = ["Vänster spalt börjar här och", "fortsätter i vänster spalt.", "Sista raden i vänster spalt."] * 4
    right = ["Höger spalt kommer sedan och", "fortsätter i höger spalt.", "Sista raden i höger spalt."] * 4
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    return make_pdf(path, [BODY, BODY[1:], (left, right)])


def test_headers_footers_and_page_numbers_are_removed(sample_pdf):
    doc = load_document(str(sample_pdf))
    text = "\n".join(p.text for p in doc.pages)
    assert "testdokument" not in text
    assert "Sida" not in text
    assert len(doc.pages) == 3


def test_hyphenation_joined_and_ellipsis_kept(sample_pdf):
    text = load_document(str(sample_pdf)).pages[0].text
    assert "Västerbottens läns utveckling skiljer sig" in text
    assert "gles- och landsbygder" in text


def test_swedish_letters_survive(sample_pdf):
    text = load_document(str(sample_pdf)).pages[0].text
    assert "Åsele, Dorotea och Sorsele är små kommuner." in text


def test_heading_recognised(sample_pdf):
    page = load_document(str(sample_pdf)).pages[0]
    assert page.headings and page.headings[0].text == "Förutsättningar"


def test_two_columns_read_left_then_right(sample_pdf):
    text = load_document(str(sample_pdf)).pages[2].text
    assert text.index("Sista raden i vänster spalt.") < text.index("Höger spalt kommer sedan")
    # no line of the right column is glued into the left one
    assert "spalt. Höger" not in text.replace("\n", " ").split("Höger spalt kommer")[0]


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_document(str(tmp_path / "nope.pdf"))


def test_empty_and_not_a_pdf(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        load_document(str(empty))
    fake = tmp_path / "fake.pdf"
    fake.write_text("hej, jag är ingen pdf")
    with pytest.raises(InputError, match="not a PDF"):
        load_document(str(fake))


def test_truncated_pdf(tmp_path, sample_pdf):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(sample_pdf.read_bytes()[:900])
    with pytest.raises(InputError, match="damaged PDF|no extractable text"):
        load_document(str(broken))


def test_password_protected(tmp_path):
    path = make_pdf(tmp_path / "locked.pdf", [BODY], encrypt="hemligt")
    with pytest.raises(InputError, match="password-protected"):
        load_document(str(path))


def test_scanned_pdf_needs_ocr(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [[]], header=None, footer=None, image_only=True)
    with pytest.raises(InputError, match="OCR"):
        load_document(str(path))


def test_sentence_cut_by_a_page_break_is_mended_on_its_first_page(tmp_path):
    pdf = make_pdf(
        tmp_path / "break.pdf",
        [
            ["# Befolkning", "Inlandet har en åldrande befolkning, vilket minskar", "möjligheten att rekrytera"],
            ["personal till välfärden i Sorsele.", "Ny mening på sidan två."],
            ["Tredje sidan."],
        ],
    )
    pages = load_document(str(pdf)).pages
    assert pages[0].text.endswith(
        "Inlandet har en åldrande befolkning, vilket minskar möjligheten att rekrytera "
        "personal till välfärden i Sorsele."
    )
    assert pages[1].text == "Ny mening på sidan två."
