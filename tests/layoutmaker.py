"""Build the extraction evaluation: PDFs with the hard layouts of real strategies, and gold.

Every page is typeset here word by word with reportlab (no flowables), so the gold is
known by construction: for each page its layout type and its units, where a unit is a
sentence of prose (body, list_item) or a whole block of any other kind, with the kind.
A sentence that runs over a page break belongs to the page where it starts.

Layouts: justified single column, 1.5 and double spacing with first-line indents, bold
terms inside lines and at line starts, two and three columns with paragraphs running
from column to column, a main column with a narrow sidebar, framed fact boxes, contents,
a reference list, a table, footnotes. Running header and footer on every page, line-end
hyphenation (pyphen, Swedish) everywhere.
"""

from __future__ import annotations

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
    """Write the evaluation PDF to `path` (every layout `rounds` times, 31 pages a round);
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


def _table_page(ts: Typesetter, intro: Para, k: int) -> None:
    f = Flow(ts, "table", [(60, W - 120, H - 70, 70)], 12.5, 10, False)
    f.para(intro)
    c = ts.c
    caption = f"Tabell {k + 1}. Befolkning i ett urval av länets kommuner (fiktiva tal)"
    c.setFont(ts.bold, 10)
    c.drawString(60, f.y - 12, caption)
    f.gold.units.append(("caption", caption))
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
