"""Build small test PDFs with reportlab, line by line, so every break is known.

A page is a list of lines (drawn top-down in one column) or, for a two-column page,
a pair of line lists. Running header and footer are drawn on every page.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_registered = False


def _fonts() -> tuple[str, str]:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        _registered = True
    return "DejaVu", "DejaVu-Bold"


def make_pdf(
    path: str | Path,
    pages: list,
    header: str | None = "Regional utvecklingsstrategi – testdokument",
    footer: str | None = "Sida {n}",
    encrypt: str | None = None,
    image_only: bool = False,
) -> Path:
    """pages: each a list of lines, or a tuple (left_lines, right_lines) for two columns.

    A line starting with "# " is drawn as a large bold heading.
    """
    regular, bold = _fonts()
    path = Path(path)
    kwargs = {"pagesize": A4, "invariant": 1}
    if encrypt:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword="owner-" + encrypt)
    c = canvas.Canvas(str(path), **kwargs)
    width, height = A4
    for n, page in enumerate(pages, start=1):
        if header:
            c.setFont(regular, 8)
            c.drawString(60, height - 40, header)
        if footer:
            c.setFont(regular, 8)
            c.drawCentredString(width / 2, 30, footer.format(n=n))
        if image_only:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            img = Image.new("RGB", (400, 300), (200, 220, 240))
            c.drawImage(ImageReader(img), 80, 300, 400, 300)
        columns = [(60, page)] if isinstance(page, list) else [(60, page[0]), (310, page[1])]
        for x, lines in columns:
            y = height - 80
            for line in lines:
                if line.startswith("# "):
                    c.setFont(bold, 16)
                    c.drawString(x, y, line[2:])
                    y -= 26
                else:
                    c.setFont(regular, 10)
                    c.drawString(x, y, line)
                    y -= 14
        c.showPage()
    c.save()
    return path
