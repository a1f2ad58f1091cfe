"""Designed pages that look like pull quotes, charts or ruled tables but are running text
(or a list).

The extraction evaluation shows the real ones are found; these pages show what must stay
prose (a false table or quote would hide sentences from every rule)."""

import pytest
from layoutmaker import _italic_font
from pdfmaker import _fonts
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from rusaudit.extract import load_document

W, H = A4
LEAD_LINES = [
    "Länet ska vara en plats där människor vill bo, arbeta",
    "och driva företag i alla delar, från kusten till fjällen,",
    "och där unga ser en framtid i sin egen kommun och bygd.",
]
LEAD = " ".join(LEAD_LINES)
BODY = [
    "Regionen samordnar arbetet med den regionala utvecklingsstrategin tillsammans med kommunerna.",
    "Insatserna följs upp varje år och redovisas för regionfullmäktige i en särskild rapport.",
    "Kompetensförsörjningen är den viktigaste frågan för näringslivet i hela länet.",
]


def _kinds(path, engine, page=None):
    doc = load_document(str(path), engine=engine)
    return [(b.kind, b.text) for p in doc.pages if page in (None, p.number) for b in p.blocks]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    regular, bold = _fonts()
    path = tmp_path_factory.mktemp("designed") / "designed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    # 1. A title in large light type that the text repeats, a lead paragraph in large italics.
    c.setFont(regular, 22)
    c.drawString(60, H - 90, "Regional utvecklingsstrategi för Västerbotten")
    c.setFont(_italic_font(), 14)
    for k, line in enumerate(LEAD_LINES):
        c.drawString(60, H - 130 - 18 * k, line)
    y = H - 200
    c.setFont(regular, 10)
    for s in [f"Den här texten är en regional utvecklingsstrategi för Västerbotten. {BODY[0]}", *BODY[1:]]:
        c.drawString(60, y, s)
        y -= 13
    c.showPage()
    # 2. Rules between sections and a box framed by lines with rules inside: no columns,
    # no table.
    y = H - 90
    c.setLineWidth(0.8)
    for s in BODY:
        c.line(60, y + 14, W - 60, y + 14)
        c.setFont(regular, 10)
        c.drawString(60, y, s)
        y -= 40
    for x in (60, W - 60):  # a frame of single lines
        c.line(x, y - 90, x, y + 10)
    for y_rule in (y + 10, y - 90):
        c.line(60, y_rule, W - 60, y_rule)
    c.setFont(regular, 9)
    for k, s in enumerate(BODY):
        c.drawString(72, y - 10 - 30 * k, s)
        if k:
            c.line(60, y + 6 - 30 * k, W - 60, y + 6 - 30 * k)
    c.showPage()
    # 3. A bar chart with its labels, and a paragraph set 12 points to the right of it.
    c.setLineWidth(0.4)
    for i in range(4):
        c.line(80, 500 + 40 * i, 250, 500 + 40 * i)
    for i, (year, v) in enumerate(BARS):
        c.rect(95 + 36 * i, 500, 22, v, fill=1, stroke=0)
        c.setFont(regular, 8)
        c.drawString(97 + 36 * i, 488, year)
    c.setFont(regular, 10)
    for k, line in enumerate(BESIDE):
        c.drawString(262, 620 - 13 * k, line)
    c.showPage()
    # 4. Between two rules across the page: a framed picture drawn with paths (a frame and
    # the shape inside it) and a bullet list beside it, as on a product sheet.
    c.line(30, 730, W - 30, 730)
    c.line(30, 430, W - 30, 430)
    c.setFillColorRGB(0.9, 0.9, 0.9)
    c.rect(255, 436, 310, 288, fill=1, stroke=0)
    c.setFillColorRGB(0.5, 0.5, 0.6)
    c.circle(410, 580, 110, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(regular, 10)
    for k, item in enumerate(ITEMS):
        c.drawString(40, 700 - 16 * k, f"• {item}")
    c.showPage()
    c.save()
    return path


ITEMS = ["Fler företag i hela länet", "Bredband till alla hushåll", "Snabbare resor till kusten", "Bättre service"]
BARS = [("2020", 60), ("2021", 85), ("2022", 110), ("2023", 95)]
BESIDE = [
    "Diagrammet visar att andelen med en",
    "eftergymnasial utbildning ökar i länet.",
    "Ökningen är störst i de större orterna",
    "längs kusten. I inlandet är andelen",
    "lägre, och där behövs fler insatser.",
    "Lärcentrum i kommunerna är en viktig",
    "del av arbetet framöver.",
]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_large_title_and_a_lead_paragraph_stay_heading_and_body(pages, engine):
    blocks = _kinds(pages, engine)
    assert ("heading", "Regional utvecklingsstrategi för Västerbotten") in blocks
    assert ("body", LEAD) in blocks
    assert not [b for b in blocks if b[0] == "caption"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_paragraph_beside_a_vector_chart_stays_prose(pages, engine):
    blocks = _kinds(pages, engine, page=3)
    assert sorted(t for k, t in blocks if k == "figure_text") == [year for year, _ in BARS]
    assert ("body", " ".join(BESIDE)) in blocks


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_list_beside_a_framed_picture_between_rules_stays_a_list(pages, engine):
    blocks = _kinds(pages, engine, page=4)
    assert blocks == [("list_item", f"• {item}") for item in ITEMS]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_rules_between_paragraphs_make_no_table(pages, engine):
    blocks = _kinds(pages, engine, page=2)
    assert not [b for b in blocks if b[0] in ("table", "figure_text")]
    body = " ".join(t for k, t in blocks if k == "body")
    assert all(body.count(s) == 2 for s in BODY)
