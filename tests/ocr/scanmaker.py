"""Build image-only ("scanned") PDFs from generated Swedish strategy pages.

A page is first drawn as text with reportlab (tests/pdfmaker.py), rendered to a grey
image with pypdfium2 at the scan's dpi, optionally turned by a slight skew and speckled
with deterministic noise, and then wrapped, as a picture only, into a new PDF page. The
words drawn are known, so the word accuracy of OCR can be measured against them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from pdfmaker import make_pdf

HEADER = "Regional utvecklingsstrategi för Västerbottens län"

# Generated strategy text: Västerbotten's places in running prose, with å ä ö, numbers,
# a compound ellipsis, headings, and one two-column page. Every page differs, as in a
# real strategy (identical pages would read as running headers).
PAGES = {
    "inland": [
        "# Inlandet och kusten växer tillsammans",
        "Västerbottens län ska vara en attraktiv region där människor vill bo, arbeta och",
        "verka. Umeå och Skellefteå är regionens största arbetsmarknader, men utvecklingen",
        "måste nå hela länet, också gles- och landsbygder i inlandet.",
        "",
        "Kommunerna i Södra Lappland, med Lycksele, Storuman, Vilhelmina och Sorsele,",
        "samverkar kring kompetensförsörjning, bredband och kollektivtrafik. Målet är att",
        "sysselsättningsgraden ska öka till 82 procent år 2030 i samtliga kommuner.",
    ],
    "skills": [
        "# Näringsliv och kompetens",
        "Batteriindustrin i Skellefteå kräver fler utbildade. Region Västerbotten och",
        "Umeå universitet bygger ut distansutbildningen så att studenter i Åsele, Dorotea",
        "och Malå kan läsa vidare utan att flytta. Besöksnäringen i fjällen ger arbete",
        "året runt när turismen i Hemavan och Tärnaby förlängs till sommarsäsongen.",
        "",
        "Företagen i Norsjö och Vindeln behöver tekniker, undersköterskor och lärare.",
    ],
    "health": [
        "# Hälsa och välfärd",
        "Vården i Vilhelmina, Dorotea och Åsele samordnas i ett gemensamt nätverk med",
        "digitala vårdbesök, så att invånarna inte behöver resa till Umeå för varje",
        "besök. Äldreomsorgen i Bjurholm och Nordmaling prövar nya arbetssätt med",
        "välfärdsteknik, och erfarenheterna sprids till övriga kommuner i länet.",
    ],
    "culture": [
        "# Kultur och livsmiljö",
        "Samiska kulturmiljöer i Storuman och Sorsele lyfts fram tillsammans med",
        "Skellefteås kulturhus. Föreningslivet i Robertsfors och Vännäs får stöd för",
        "att nå unga, och biblioteken blir mötesplatser i hela Västerbotten.",
    ],
    "columns": (
        [
            "# Tillgänglighet",
            "Norrbotniabanan knyter ihop",
            "kuststäderna och kortar",
            "restiden mellan Umeå och",
            "Skellefteå till en timme.",
            "Vännäs och Vindeln får",
            "tätare pendeltåg, och",
            "Nordmaling ansluter till",
            "stråket längs E4.",
        ],
        [
            "# Hållbar energi",
            "Vindkraften i Norsjö och",
            "Robertsfors ska ge lokala",
            "intäkter. Bjurholm prövar",
            "ny teknik för fjärrvärme",
            "tillsammans med Vännäs.",
            "Regionen följer upp målen",
            "varje år i en öppen",
            "rapport till kommunerna.",
        ],
    ),
}


@dataclass(frozen=True)
class Scan:
    """How one page is scanned."""

    dpi: int
    skew: float = 0.0  # degrees, counter-clockwise
    noise: bool = False
    turn: int = 0  # degrees, counter-clockwise: a page fed into the scanner sideways (90, 270) or upside down

    @property
    def name(self) -> str:
        return (
            f"{self.dpi}dpi"
            + (f"-skew{self.skew:g}" if self.skew else "")
            + ("-noise" if self.noise else "")
            + (f"-turn{self.turn}" if self.turn else "")
        )


def page_words(page, header: str | None = HEADER, footer: str | None = "Sida {n}", n: int = 1) -> list[str]:
    """The words drawn on a page (pdfmaker's layout), in reading order."""
    columns = [page] if isinstance(page, list) else list(page)
    lines = [header] if header else []
    for col in columns:
        lines += [ln[2:] if ln.startswith("# ") else ln for ln in col]
    if footer:
        lines.append(footer.format(n=n))
    return [w for ln in lines for w in ln.split()]


def _degrade(image, scan: Scan, seed: int):
    from PIL import Image, ImageChops

    if scan.skew:
        image = image.rotate(scan.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if scan.noise:
        rnd = random.Random(seed)
        noise = Image.frombytes("L", image.size, rnd.randbytes(image.size[0] * image.size[1]))
        grain = noise.point(lambda v: v // 10)  # paper grain: up to 25 grey levels darker
        specks = noise.point(lambda v: 160 if v < 2 else 0)  # dust: about 0.8% of pixels
        image = ImageChops.subtract(ImageChops.subtract(image, grain), specks)
    if scan.turn:
        image = image.rotate(scan.turn, expand=True)  # exact for multiples of 90°
    return image


def render_pages(text_pdf: Path, scans: list[Scan | None], seed: int = 7) -> list:
    """Each page of a text PDF as a grey PIL image (None where the page stays text)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(text_pdf))
    images = []
    try:
        for i, scan in enumerate(scans):
            if scan is None:
                images.append(None)
                continue
            page = pdf[i]
            image = page.render(scale=scan.dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            images.append(_degrade(image, scan, seed + i))
    finally:
        pdf.close()
    return images


def make_scanned_pdf(path: str | Path, pages: list, scans: list[Scan | None], **pdf_kwargs) -> Path:
    """A PDF whose pages are scans (JPEG, as scanners save them) or, where `scans` has
    None, the original text page: mixed PDFs keep a real text layer on those pages.
    A scan turned sideways lies on a landscape page, as a scanner saves it."""
    from io import BytesIO

    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = Path(path)
    text_pdf = path.with_suffix(".text.pdf")
    make_pdf(text_pdf, pages, header=pdf_kwargs.get("header", HEADER), footer=pdf_kwargs.get("footer", "Sida {n}"))
    images = render_pages(text_pdf, scans)
    image_pdf = path.with_suffix(".images.pdf")
    c = canvas.Canvas(str(image_pdf), pagesize=A4, invariant=1)
    for image in images:
        if image is not None:
            data = BytesIO()
            image.save(data, format="JPEG", quality=85)
            size = (A4[1], A4[0]) if image.width > image.height else A4
            c.setPageSize(size)
            c.drawImage(ImageReader(BytesIO(data.getvalue())), 0, 0, width=size[0], height=size[1])
            c.showPage()
    c.save()
    out = pdfium.PdfDocument.new()
    text_src, image_src = pdfium.PdfDocument(str(text_pdf)), pdfium.PdfDocument(str(image_pdf))
    scanned = 0
    for i, image in enumerate(images):
        if image is None:
            out.import_pages(text_src, [i])
        else:
            out.import_pages(image_src, [scanned])
            scanned += 1
    out.save(str(path))
    for doc in (out, text_src, image_src):
        doc.close()
    text_pdf.unlink()
    image_pdf.unlink()
    return path
