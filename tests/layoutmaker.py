"""Build the extraction evaluation: PDFs with the hard layouts of real strategies, and gold.

Every page is typeset here word by word with reportlab (no flowables), so the gold is
known by construction: for each page its layout type and its units, where a unit is a
sentence of prose (body, list_item) or a whole block of any other kind, with the kind.
A sentence that runs over a page break belongs to the page where it starts.

Layouts: justified single column, 1.5 and double spacing with first-line indents, bold
terms inside lines and at line starts, two and three columns with paragraphs running
from column to column, a main column with a narrow sidebar, framed fact boxes, contents,
a reference list, a table, footnotes; and designed pages: pull quotes that repeat a
sentence of the page across or inside a column, charts drawn with vector paths (bars, a
pie) beside prose on a coloured background, tables of ruling lines with wrapped cells.
Running header and footer on every page, line-end hyphenation (pyphen, Swedish) in the
running text.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyphen
from pdfmaker import _fonts
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
W, H = A4
HEADER = "Regional utvecklingsstrategi 2030 – utvärdering av textuttag"
_HY = pyphen.Pyphen(lang="sv_SE")


@dataclass
class Gold:
    page: int
    layout: str
    units: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)


def source_sentences() -> list[str]:
    """Plain Swedish sentences from the corpus sources, one sentence each for the splitter."""
    from rusaudit.analyse.sentences import sentences_of

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "src").glob("*.md")))
    text = re.sub(r"<!--.*?-->|!\[[^\]]*\]\([^)]*\)|^#.*$|^\s*[-|].*$|[*_`>]", " ", text, flags=re.M)
    cands = [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))]
    cands = [s for s in cands if 50 <= len(s) <= 260 and s[0].isupper() and s.endswith(".") and "  " not in s]
    keep = [s for s in cands if len(sentences_of(s)) == 1 and not re.search(r"\d\.\s|:\s*$", s)]
    return sorted(set(keep))


class Typesetter:
    """Draws words at known positions; tracks the page count and the gold per page."""

    def __init__(self, path: Path):
        self.regular, self.bold = _fonts()
        self.c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        self.page = 0
        self.gold: list[Gold] = []

    def new_page(self, layout: str) -> Gold:
        if self.page:
            self.c.showPage()
        self.page += 1
        c = self.c
        c.setFont(self.regular, 8)
        c.drawString(60, H - 36, HEADER)
        c.drawCentredString(W / 2, 28, f"Sida {self.page}")
        g = Gold(self.page, layout)
        self.gold.append(g)
        return g

    def width(self, word: str, bold: bool, size: float) -> float:
        return stringWidth(word, self.bold if bold else self.regular, size)

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


@dataclass
class Para:
    sentences: list[str]
    kind: str = "body"
    bold_words: frozenset[int] = frozenset()  # word indexes set in bold
    indent: float = 0.0  # first-line indent
    hanging: float = 0.0  # indent of the lines after the first
    size: float = 10.0


def _words(p: Para) -> list[tuple[str, bool, int]]:
    words = " ".join(p.sentences).split()
    return [(w, i in p.bold_words, i) for i, w in enumerate(words)]


def wrap(ts: Typesetter, p: Para, width: float) -> list[list[tuple[str, bool, int]]]:
    """Lines of (word, bold, index of the source word); long words are hyphenated at line ends."""
    lines: list[list[tuple[str, bool, int]]] = []
    line: list[tuple[str, bool, int]] = []
    used = 0.0
    space = ts.width(" ", False, p.size)
    queue = _words(p)
    while queue:
        word, bold, src = queue.pop(0)
        room = width - (p.indent if not lines else p.hanging)
        w = ts.width(word, bold, p.size)
        if used + (space if line else 0) + w <= room:
            used += (space if line else 0) + w
            line.append((word, bold, src))
            continue
        # try to hyphenate: the longest head that fits
        done = False
        if word.isalpha() and len(word) >= 8:
            for head, tail in _HY.iterate(word):
                if len(head) >= 3 and len(tail) >= 3:
                    hw = ts.width(head + "-", bold, p.size)
                    if used + (space if line else 0) + hw <= room:
                        line.append((head + "-", bold, src))
                        queue.insert(0, (tail, bold, src))
                        done = True
                        break
        if not done:
            queue.insert(0, (word, bold, src))
        lines.append(line)
        line, used = [], 0.0
    if line:
        lines.append(line)
    return lines


def draw_line(
    ts: Typesetter, words: list[tuple[str, bool, int]], x: float, y: float, width: float, size: float, justify: bool
) -> None:
    c = ts.c
    widths = [ts.width(w, b, size) for w, b, _ in words]
    gap = ts.width(" ", False, size)
    if justify and len(words) > 1:
        gap = max(gap, (width - sum(widths)) / (len(words) - 1))
    for (w, b, _), ww in zip(words, widths, strict=True):
        c.setFont(ts.bold if b else ts.regular, size)
        c.drawString(x, y, w)
        x += ww + gap


class Flow:
    """Paragraphs poured into a sequence of frames (columns), page after page."""

    def __init__(self, ts: Typesetter, layout: str, frames, leading: float, gap: float, justify: bool):
        self.ts, self.layout, self.frames = ts, layout, frames  # frames: [(x, width, y_top, y_bottom)]
        self.leading, self.gap, self.justify = leading, gap, justify
        self.gold = ts.new_page(layout)
        self.frame = 0
        self.y = frames[0][2]

    def _next_frame(self) -> None:
        self.frame += 1
        if self.frame >= len(self.frames):
            self.gold = self.ts.new_page(self.layout)
            self.frame = 0
        self.y = self.frames[self.frame][2]

    def heading(self, text: str, size: float = 14.0) -> None:
        x, width, top, bottom = self.frames[self.frame]
        if self.y - 2 * size < bottom:
            self._next_frame()
            x, width, top, bottom = self.frames[self.frame]
        if self.y < top:
            self.y -= 0.8 * size
        c = self.ts.c
        c.setFont(self.ts.bold, size)
        c.drawString(x, self.y - size, text)
        self.gold.units.append(("heading", text))
        self.y -= size + 0.9 * size

    def para(self, p: Para) -> None:
        x, width, top, bottom = self.frames[self.frame]
        lines = wrap(self.ts, p, width)
        starts = _sentence_starts(p)
        for i, line in enumerate(lines):
            if self.y - p.size < bottom:
                self._next_frame()
                x, width, top, bottom = self.frames[self.frame]
            # Record each sentence on the page where its first word is drawn.
            for _, _, src in line:
                if src in starts:
                    self.gold.units.append((p.kind, starts.pop(src)))
            dx = p.indent if i == 0 else p.hanging
            last = i == len(lines) - 1
            draw_line(self.ts, line, x + dx, self.y - p.size, width - dx, p.size, self.justify and not last)
            self.y -= self.leading * p.size / 10.0
        self.y -= self.gap


def _sentence_starts(p: Para) -> dict[int, str]:
    out, n = {}, 0
    for s in p.sentences:
        out[n] = s
        n += len(s.split())
    return out


# --- the document ------------------------------------------------------------------------

TOC = [
    ("Inledning", 3),
    ("Förutsättningar och utmaningar", 5),
    ("Vision och mål", 9),
    ("Prioriteringar", 12),
    ("Genomförande och uppföljning", 18),
    ("Referenser", 22),
]
REFERENCES = [
    "Tillväxtverket (2023). Regional utveckling i siffror. Stockholm: Tillväxtverket.",
    "Region Västerbotten (2024). Befolkningsprognos för länets kommuner 2024–2040. Umeå.",
    "Regeringskansliet (2021). En nationell strategi för hållbar regional utveckling i hela landet 2021–2030.",
    "SCB (2024). Befolkningsstatistik per kommun. Statistiska centralbyrån, Solna.",
    "Boverket (2022). Regional fysisk planering och strukturbilder. Karlskrona: Boverket.",
    "OECD (2019). Regions in Industrial Transition: Policies for People and Places. Paris: OECD Publishing.",
    "Trafikverket (2023). Nationell plan för transportinfrastrukturen 2022–2033. Borlänge.",
]
TABLE = [
    ("Kommun", "Invånare 2024", "Förändring", "Andel 65+"),
    ("Umeå", "133 000", "+1,2 %", "17 %"),
    ("Skellefteå", "77 000", "+0,9 %", "22 %"),
    ("Lycksele", "12 000", "−0,4 %", "25 %"),
    ("Vilhelmina", "6 600", "−1,1 %", "29 %"),
    ("Storuman", "5 800", "−0,8 %", "28 %"),
]


def build(path: str | Path, seed: int = 7, rounds: int = 2) -> list[Gold]:
    """Write the evaluation PDF to `path` (every layout `rounds` times, about 44 pages a round);
    return the gold per page."""
    rnd = random.Random(seed)
    sents = source_sentences()
    rnd.shuffle(sents)
    pool = iter(sents * 4)

    def para(n: int, **kw) -> Para:
        return Para([next(pool) for _ in range(n)], **kw)

    ts = Typesetter(Path(path))
    for _ in range(rounds):
        _sections(ts, rnd, para)
    ts.save()
    return ts.gold


def _sections(ts: Typesetter, rnd: random.Random, para) -> None:
    top, bottom = H - 70, 70
    one = [(60, W - 120, top, bottom)]

    # 1. Contents (one page).
    f = Flow(ts, "contents", one, 14, 4, False)
    f.heading("Innehåll", 16)
    c = ts.c
    for title, page in TOC:
        f.y -= 18
        c.setFont(ts.regular, 10)
        c.drawString(60, f.y, title)
        dots_from = 60 + ts.width(title, False, 10) + 6
        dots = "." * int((W - 140 - dots_from) / ts.width(".", False, 10))
        c.drawString(dots_from, f.y, dots)
        c.drawRightString(W - 60, f.y, str(page))
        f.gold.units.append(("toc", f"{title} {dots} {page}"))

    # 2. Justified single column, 1.15 spacing, gap between paragraphs (6 pages).
    f = Flow(ts, "justified", one, 12.5, 8, True)
    for k in range(18):
        if k % 5 == 0:
            f.heading(f"Avsnitt {k // 5 + 1}: förutsättningar i länet")
        f.para(para(rnd.randint(3, 6)))

    # 3. 1.5 spacing, first-line indents, no extra gap (5 pages).
    f = Flow(ts, "spacing_1_5", one, 17, 0, False)
    for k in range(14):
        f.para(para(rnd.randint(2, 5), indent=0 if k == 0 else 18))

    # 4. Double spacing, first-line indents (5 pages).
    f = Flow(ts, "spacing_2", one, 23, 0, True)
    for _ in range(11):
        f.para(para(rnd.randint(2, 4), indent=18))

    # 5. Bold terms inside lines and at line starts (5 pages).
    f = Flow(ts, "bold_terms", one, 13, 8, False)
    for k in range(16):
        p = para(rnd.randint(2, 5))
        n = len(" ".join(p.sentences).split())
        bold = set(range(0, 2)) if k % 2 == 0 else set()
        start = rnd.randint(3, max(4, n - 4))
        bold |= set(range(start, min(n, start + rnd.randint(2, 5))))
        p.bold_words = frozenset(bold)
        f.para(p)

    # 6. Two columns (6 pages), paragraphs running over column ends.
    two = [(60, 225, top, bottom), (310, 225, top, bottom)]
    f = Flow(ts, "two_columns", two, 12.5, 7, True)
    for k in range(26):
        if k % 7 == 0:
            f.heading(f"Insatsområde {k // 7 + 1}", 12)
        f.para(para(rnd.randint(2, 5)))

    # 7. Three columns (5 pages).
    gutter = 16
    cw = (W - 120 - 2 * gutter) / 3
    three = [(60 + i * (cw + gutter), cw, top, bottom) for i in range(3)]
    f = Flow(ts, "three_columns", three, 11.5, 6, False)
    for _ in range(30):
        f.para(para(rnd.randint(1, 4), size=9.0))

    # 8. A wide main column and a narrow sidebar, unequal widths (5 pages).
    unequal = [(60, 300, top, bottom), (390, W - 450, top, bottom)]
    f = Flow(ts, "unequal_columns", unequal, 12.5, 7, False)
    for _ in range(20):
        f.para(para(rnd.randint(2, 4)))

    # 9. Framed fact boxes between paragraphs (6 pages).
    f = Flow(ts, "fact_boxes", one, 12.5, 8, False)
    for k in range(12):
        f.para(para(rnd.randint(2, 4)))
        if k % 2 == 1:
            _fact_box(f, para(rnd.randint(2, 3)), f"Fakta {k // 2 + 1}")

    # 10. Bullet and numbered lists (4 pages).
    f = Flow(ts, "lists", one, 12.5, 4, False)
    for k in range(24):
        if k % 6 == 0:
            f.para(para(2))
        marker = "•" if k % 12 < 6 else f"{k % 6 + 1}."
        p = para(1, kind="list_item", hanging=14)
        p.sentences[0] = f"{marker} {p.sentences[0]}"
        f.para(p)

    # 11. Footnotes (5 pages): markers after words, notes at the foot of the page.
    for k in range(5):
        _footnote_page(ts, [para(rnd.randint(2, 4)) for _ in range(4)], k)

    # 12. Tables with a caption (3 pages).
    for k in range(3):
        _table_page(ts, para(3), k)

    # 14. Infographics: labels set on a picture, a caption under it (2 pages).
    for k in range(2):
        _figure_page(ts, para(3), k)

    # 15. Contact block at the end of a text (1 page).
    f = Flow(ts, "contact", one, 12.5, 10, False)
    f.para(para(3))
    f.heading("Kontakt", 12)
    for lines in CONTACTS:
        c = ts.c
        for i, text in enumerate(lines):
            c.setFont(ts.regular, 10)
            c.drawString(60, f.y - 10 - i * 12.5, text)
        f.gold.units.append(("contact", " ".join(lines)))
        f.y -= len(lines) * 12.5 + 14

    # 13. Reference list (2 pages).
    f = Flow(ts, "references", one, 12.5, 5, False)
    f.heading("Referenser", 16)
    entries = REFERENCES * 3
    for k, e in enumerate(entries):
        if k == 11:
            f._next_frame()
        f.para(Para([e], kind="reference", hanging=18))

    # 16. Designed pages: pull quotes (4 pages), vector-drawn charts (2), ruled tables (2).
    _pull_quote_pages(ts, rnd, para)
    for k in range(3):
        _chart_page(ts, [para(rnd.randint(2, 3)) for _ in range(4)], k)
    for k in range(3):
        _ruled_table_page(ts, para(2), para(2), k)


CONTACTS = [
    ("Region Västerbotten", "Box 443, 901 09 Umeå", "Telefon: 090-16 50 00", "E-post: region@regionvasterbotten.se"),
    ("Besöksadress: Köpmangatan 17, Umeå", "www.regionvasterbotten.se"),
]
LABELS = ["Umeå 133 000", "Skellefteå", "Lycksele", "E4", "Norrbotniabanan", "Storuman", "Inlandsbanan", "+1,2 %"]


def _figure_page(ts: Typesetter, intro: Para, k: int) -> None:
    """A picture with labels scattered over it (as infographics set them), then a caption."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    f = Flow(ts, "figure_labels", [(60, W - 120, H - 70, 70)], 12.5, 10, False)
    f.para(intro)
    c = ts.c
    x0, y0, w, h = 80, f.y - 330, 430, 300
    img = Image.new("RGB", (215, 150), (210 - 20 * k, 225, 240))
    c.drawImage(ImageReader(img), x0, y0, w, h)
    spots = [(20, 260), (250, 230), (120, 180), (330, 150), (40, 100), (200, 70), (300, 40), (90, 20)]
    for (dx, dy), label in zip(spots, LABELS[k:] + LABELS[:k], strict=False):
        c.setFont(ts.bold if dx % 20 == 0 else ts.regular, 9)
        c.drawString(x0 + dx, y0 + dy, label)
        f.gold.units.append(("figure_text", label))
    caption = f"Figur {k + 3}. Befolkning och stråk i länets noder (fiktiva tal)"
    c.setFont(ts.regular, 9)
    c.drawString(x0, y0 - 16, caption)
    f.gold.units.append(("caption", caption))
    f.y = y0 - 40


def _fact_box(f: Flow, p: Para, title: str) -> None:
    ts, c = f.ts, f.ts.c
    x, width, top, bottom = f.frames[0]
    lines = wrap(ts, p, width - 30)
    height = 30 + len(lines) * 12.5 + 16
    if f.y - height - 20 < bottom:
        f._next_frame()
    y0 = f.y - 6
    c.setLineWidth(0.8)
    c.rect(x, y0 - height, width, height, stroke=1, fill=0)
    c.setFont(ts.bold, 11)
    c.drawString(x + 15, y0 - 20, title)
    f.gold.units.append(("heading", title))
    y = y0 - 38
    for line in lines:
        draw_line(ts, line, x + 15, y, width - 30, 10, False)
        y -= 12.5
    for s in p.sentences:
        f.gold.units.append(("body", s))
    f.y = y0 - height - 14


def _footnote_page(ts: Typesetter, paras: list[Para], k: int) -> None:
    g = ts.new_page("footnotes")
    c = ts.c
    y = H - 80
    notes = []
    for i, p in enumerate(paras):
        # A footnote marker after the last word of the paragraph's first sentence.
        first = p.sentences[0].split()
        n = len(first) - 1
        lines = wrap(ts, p, W - 120)
        marked = False
        for line in lines:
            x = 60
            for w, _, src in line:
                c.setFont(ts.regular, 10)
                c.drawString(x, y, w)
                x += ts.width(w, False, 10)
                if src == n and not w.endswith("-") and not marked:
                    marked = True
                    c.setFont(ts.regular, 6)
                    c.drawString(x + 0.5, y + 4, str(i + 1))
                    x += ts.width(str(i + 1), False, 6) + 0.5
                x += ts.width(" ", False, 10)
            y -= 12.5
        y -= 8
        for s in p.sentences:
            g.units.append(("body", s))
        notes.append(f"{i + 1} {REFERENCES[(i + k) % len(REFERENCES)]}")
    c.setLineWidth(0.5)
    c.line(60, 120, 200, 120)
    y = 108
    for note in notes:
        c.setFont(ts.regular, 8)
        c.drawString(60, y, note)
        g.units.append(("footnote", note))
        y -= 10


def _captioned(ts: Typesetter, layout: str, intro: Para, caption: str) -> Flow:
    """A page of `layout`: a paragraph, then a bold table caption under it."""
    f = Flow(ts, layout, [(60, W - 120, H - 70, 70)], 12.5, 10, False)
    f.para(intro)
    ts.c.setFont(ts.bold, 10)
    ts.c.drawString(60, f.y - 12, caption)
    f.gold.units.append(("caption", caption))
    return f


def _table_page(ts: Typesetter, intro: Para, k: int) -> None:
    f = _captioned(ts, "table", intro, f"Tabell {k + 1}. Befolkning i ett urval av länets kommuner (fiktiva tal)")
    c = ts.c
    y = f.y - 34
    xs = (60, 200, 320, 440)
    for row in TABLE:
        for x, cell in zip(xs, row, strict=True):
            c.setFont(ts.regular, 10)
            c.drawString(x, y, cell)
        f.gold.units.append(("table", " ".join(row)))
        y -= 16
    f.y = y - 20


# --- scoring -------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def extracted_units(document) -> dict[int, list[tuple[str, str]]]:
    """Per page: (kind, text) of every sentence of prose and every other block whole."""
    from rusaudit.analyse.sentences import sentences_of
    from rusaudit.extract.model import PROSE_KINDS

    out: dict[int, list[tuple[str, str]]] = {}
    for page in document.pages:
        units = out.setdefault(page.number, [])
        for b in page.blocks:
            if b.kind in PROSE_KINDS:
                units += [(b.kind, _norm(s)) for s in sentences_of(b.text)]
            else:
                units.append((b.kind, _norm(b.text)))
    return out


def score(gold: list[Gold], document) -> dict[str, tuple[float, float, int]]:
    """Per layout (and "all"): sentence-boundary F1, block-kind accuracy, gold units.

    A unit counts as found when the same text is on the same page; its kind is right when
    a unit of the same text and kind is there (multisets, so repeats count)."""
    from collections import Counter

    got = extracted_units(document)
    tallies: dict[str, list[int]] = {}
    for g in gold:
        want = Counter(_norm(t) for _, t in g.units)
        have = Counter(t for _, t in got.get(g.page, []))
        kinds_ok = Counter((k, _norm(t)) for k, t in g.units) & Counter(got.get(g.page, []))
        for key in (g.layout, "all"):
            t = tallies.setdefault(key, [0, 0, 0, 0])
            t[0] += sum((want & have).values())
            t[1] += sum(want.values())
            t[2] += sum(have.values())
            t[3] += sum(kinds_ok.values())
    out = {}
    for key, (tp, n_gold, n_got, kind_ok) in tallies.items():
        precision = tp / n_got if n_got else 1.0
        recall = tp / n_gold if n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[key] = (f1, kind_ok / n_gold if n_gold else 1.0, n_gold)
    return out


# --- designed pages: pull quotes, vector charts, ruled tables ------------------------------

_ITALIC = "DejaVu-Oblique"


def _italic_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _ITALIC not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_ITALIC, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"))
    return _ITALIC


def _wrap_plain(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of whole words (display type is not hyphenated)."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(lines[-1] + " " + word, font, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


class QuoteFlow(Flow):
    """Two columns poured around a pull quote; the quote repeats a sentence of the page
    (or, set between rules, of the page before).

    `band` is where the quote goes: (x, width, y_top). The frames leave room for it."""

    def __init__(self, ts, layout, frames, band, quoted: bool, colour, rules: bool):
        self.band, self.quoted, self.colour, self.rules = band, quoted, colour, rules
        self.previous: Gold | None = None
        super().__init__(ts, layout, frames, 12.5, 7, True)

    def _next_frame(self) -> None:
        if self.frame + 1 >= len(self.frames):
            self.finish_page()
        super()._next_frame()

    def finish_page(self) -> None:
        # The quote inside a column repeats the page before when there is one (a spread).
        source = self.previous if self.rules and self.previous is not None else self.gold
        self.previous = self.gold
        body = [t for k, t in source.units if k == "body" and 50 <= len(t) <= 120]
        if not body:
            return
        sentence = body[len(body) // 2]
        text = f"“{sentence}”" if self.quoted else sentence
        x, width, y = self.band
        c, font = self.ts.c, _italic_font()
        if self.rules:
            c.setLineWidth(1.2)
            c.line(x, y + 4, x + width, y + 4)
        c.setFillColorRGB(*self.colour)
        c.setFont(font, 14)
        for line in _wrap_plain(text, font, 14, width):
            y -= 18
            c.drawString(x, y, line)
        c.setFillColorRGB(0, 0, 0)
        if self.rules:
            c.line(x, y - 8, x + width, y - 8)
        self.gold.units.append(("caption", text))


def _pull_quote_pages(ts: Typesetter, rnd: random.Random, para) -> None:
    """A quote across both columns (in quotation marks), then one inside the left column
    (coloured, between rules), each interrupting the paragraphs around it (2 pages each)."""
    top, bottom = H - 70, 70
    mid = H / 2 - 20
    across = [
        (60, 225, top, mid + 55),
        (60, 225, mid - 50, bottom),
        (310, 225, top, mid + 55),
        (310, 225, mid - 50, bottom),
    ]
    f = QuoteFlow(ts, "pull_quotes", across, (95, 405, mid + 42), True, (0.1, 0.1, 0.1), False)
    f.heading("Ett län som håller ihop", 14)
    start = ts.page
    while ts.page < start + 1 or f.frame < 3 or f.y > bottom + 120:
        f.para(para(rnd.randint(2, 5)))
    f.finish_page()
    inside = [(60, 225, top, top - 230), (60, 225, top - 380, bottom), (310, 225, top, bottom)]
    f = QuoteFlow(ts, "pull_quotes", inside, (60, 225, top - 250), False, (0.0, 0.35, 0.6), True)
    f.heading("Kompetens för framtiden", 14)
    start = ts.page
    while ts.page < start + 1 or f.frame < 2 or f.y > bottom + 120:
        f.para(para(rnd.randint(2, 4)))
    f.finish_page()


BARS = [("2019", 34), ("2020", 41), ("2021", 38), ("2022", 45), ("2023", 29)]
SLICES = [("Industri", 32), ("Offentlig sektor", 27), ("Handel", 18), ("Besöksnäring", 13), ("Övrigt", 10)]


def _chart_page(ts: Typesetter, paras: list[Para], k: int) -> None:
    """A chart drawn with vector paths (no image), its labels, a caption, then prose in a
    box with a coloured background (a fact box is a rectangle too, but its text is prose).

    The third chart fills the left half of the page, and prose runs beside it: the lines
    next to a chart are no labels."""
    f = Flow(ts, "vector_charts", [(60, W - 120, H - 70, 70)], 12.5, 10, False)
    f.para(paras[0])
    c = ts.c
    labels: list[str] = []

    def label(x: float, y: float, text: str, right: bool = False) -> None:
        c.setFillColorRGB(0, 0, 0)
        c.setFont(ts.regular, 8)
        (c.drawRightString if right else c.drawString)(x, y, text)
        labels.append(text)

    x0, y0, w, h = 110, f.y - 200, 300, 150
    if k == 0:  # bars on a grid, values above the bars, years under them, a legend
        c.setLineWidth(0.4)
        c.setStrokeColorRGB(0.7, 0.7, 0.7)
        for i in range(5):
            c.line(x0, y0 + i * h / 4, x0 + w, y0 + i * h / 4)
            label(x0 - 6, y0 + i * h / 4 - 3, f"{i * 15} %", right=True)
        c.setStrokeColorRGB(0, 0, 0)
        c.line(x0, y0, x0, y0 + h)
        for i, (year, v) in enumerate(BARS):
            bx = x0 + 20 + i * 56
            c.setFillColorRGB(0.1, 0.4, 0.6)
            c.rect(bx, y0, 30, v / 60 * h, fill=1, stroke=0)
            label(bx + 4, y0 + v / 60 * h + 4, f"{v} %")
            label(bx + 5, y0 - 13, year)
        c.setFillColorRGB(0.1, 0.4, 0.6)
        c.rect(x0 + w + 16, y0 + h - 8, 8, 8, fill=1, stroke=0)
        label(x0 + w + 28, y0 + h - 7, "Andel med eftergymnasial utbildning")
    elif k == 2:  # horizontal bars with their names before them, prose in a column beside
        x0, w = 150, 110
        for i, (name, v) in enumerate(SLICES):
            by = y0 + h - 20 - i * 28
            c.setFillColorRGB(0.2, 0.5, 0.3)
            c.rect(x0, by, v / 32 * w, 16, fill=1, stroke=0)
            label(x0 - 5, by + 5, name, right=True)
            label(x0 + v / 32 * w + 4, by + 5, f"{v} %")
        c.setStrokeColorRGB(0, 0, 0)
        c.line(x0, y0 - 4, x0, y0 + h)
        frames = f.frames
        f.frames, f.y = [(300, W - 360, y0 + h + 10, 70)], y0 + h + 10
        f.para(paras[3])
        f.frames = frames
    else:  # a pie with labels beside its slices
        cx, cy, r = x0 + 110, y0 + 75, 70
        angle = 90.0
        for i, (name, v) in enumerate(SLICES):
            extent = -v * 3.6
            c.setFillColorRGB(0.15 + 0.15 * i, 0.4, 0.7 - 0.1 * i)
            c.wedge(cx - r, cy - r, cx + r, cy + r, angle, extent, stroke=0, fill=1)

            mid = math.radians(angle + extent / 2)
            lx, ly = cx + (r + 12) * math.cos(mid), cy + (r + 12) * math.sin(mid)
            label(lx, ly - 3, f"{name} {v} %", right=math.cos(mid) < 0)
            angle += extent
    c.setFillColorRGB(0, 0, 0)
    for text in labels:
        f.gold.units.append(("figure_text", text))
    caption = f"Figur {k + 7}. Sysselsättning och utbildning i länet (fiktiva tal)"
    c.setFont(ts.regular, 9)
    c.drawString(60, y0 - 40, caption)
    f.gold.units.append(("caption", caption))
    f.y = min(f.y, y0 - 60)
    f.para(paras[1])
    # The coloured box: a filled rectangle without a frame, a title and a paragraph on it.
    x, width = 60, W - 120
    lines = wrap(ts, paras[2], width - 30)
    height = 34 + len(lines) * 12.5 + 12
    y = f.y - 6
    c.setFillColorRGB(0.88, 0.93, 0.97)
    c.rect(x, y - height, width, height, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(ts.bold, 11)
    c.drawString(x + 15, y - 20, "Så följer vi upp")
    f.gold.units.append(("heading", "Så följer vi upp"))
    ly = y - 38
    for line in lines:
        draw_line(ts, line, x + 15, ly, width - 30, 10, False)
        ly -= 12.5
    for s in paras[2].sentences:
        f.gold.units.append(("body", s))
    f.y = y - height - 14


RULED = [
    ("Insatsområde", "Mål till 2030", "Ansvar och samverkan"),
    (
        "Kompetensförsörjning",
        "Fler unga och vuxna ska ha en utbildning som arbetsmarknaden efterfrågar.",
        "Regionen samordnar, kommunerna och lärosätena genomför.",
    ),
    (
        "Infrastruktur och kommunikationer",
        "Restiden mellan länets större orter ska bli kortare.",
        "Trafikverket, regionen och kommunerna i samverkan.",
    ),
    (
        "Näringsliv och innovation",
        "Fler små företag ska växa och exportera.",
        "Almi, regionen och företagens egna organisationer.",
    ),
    (
        "Attraktiva livsmiljöer",
        "Hela länet ska ha god tillgång till service och bredband.",
        "Kommunerna med stöd av regionen och civilsamhället.",
    ),
]


def _ruled_table_page(ts: Typesetter, intro: Para, outro: Para, k: int) -> None:
    """A table of ruling lines with text wrapped inside its cells: one table block.

    The first is drawn line by line, the second as one path (as many programs write a
    grid), the third with rules between the rows only (its columns show in the text)."""
    f = _captioned(ts, "ruled_table", intro, f"Tabell {k + 4}. Mål och ansvar per insatsområde")
    c = ts.c
    xs = (60, 190, 360, W - 60)
    y = f.y - 24
    rows_y = [y]
    for r, row in enumerate(RULED):
        font = ts.bold if r == 0 else ts.regular
        cells = [_wrap_plain(text, font, 9, xs[i + 1] - xs[i] - 12) for i, text in enumerate(row)]
        c.setFont(font, 9)
        for i, lines in enumerate(cells):
            for j, line in enumerate(lines):
                c.drawString(xs[i] + 6, y - 13 - j * 11, line)
        y -= 10 + 11 * max(len(lines) for lines in cells)
        rows_y.append(y)
    c.setLineWidth(0.6)
    segments = [(xs[0], ry, xs[-1], ry) for ry in rows_y]
    if k < 2:
        segments += [(x, rows_y[0], x, rows_y[-1]) for x in xs]
    if k != 1:
        for seg in segments:
            c.line(*seg)
    else:
        p = c.beginPath()
        for x1, y1, x2, y2 in segments:
            p.moveTo(x1, y1)
            p.lineTo(x2, y2)
        c.drawPath(p, stroke=1, fill=0)
    f.gold.units.append(("table", " ".join(" ".join(row) for row in RULED)))
    f.y = y - 20
    f.para(outro)
