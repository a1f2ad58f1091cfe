"""Engine-agnostic page layout: positioned words in, pages of typed blocks out.

Any reader (pdfium, pdfplumber, OCR) fills `RawPage`s with `Word`s in PDF points with
the origin at the top left; `build_pages` does the rest: rows, columns (up to three, of
unequal width), boxed regions, running headers and footers, paragraphs from the page's
own line spacing, headings, block kinds and hyphen joins across lines, columns and pages.
Nothing here knows about a PDF library.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from .clean import (
    PositionedLine,
    cut_off,
    figure_from_caption,
    join_across_pages,
    join_lines,
    normalize,
    running_lines,
)
from .kinds import block_kind, is_bullet, is_toc_line, list_marker, reference_heading, starts_reference
from .model import Block, Figure, Page
from .regions import OPENING_QUOTES, Grid, bigrams, charts, repeats, ruled_tables

# A page whose side exceeds this many points (about 14 m) is not a real page.
MAX_PAGE_SIDE = 40_000.0


@dataclass(frozen=True)
class Word:
    """A word, or a run of words that share one line and one font (engines may give either)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False


@dataclass
class RawPage:
    """What an engine read from one page, before any layout."""

    number: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    images: int = 0  # images larger than a thumbnail
    # Rectangles that may frame text (fact boxes) as (x0, top, x1, bottom); an engine may
    # leave them out.
    rulings: list[tuple[float, float, float, float]] = field(default_factory=list)
    # Pictures (images) as (x0, top, x1, bottom): text on them is figure_text.
    figures: list[tuple[float, float, float, float]] = field(default_factory=list)
    # Vector drawing: thin horizontal and vertical strokes (table rulings, chart axes) and
    # the bounds of every other path (bars, slices, backgrounds). Optional too.
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    shapes: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class Line:
    """One visual line of one column, in reading order."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool  # every word bold
    italic: bool
    region: int  # 0 main flow, >0 a boxed region
    column: int  # index of the column within the segment; -1 spans the page
    segment: int  # increases at every row that spans the columns
    col_x0: float = 0.0  # the column's left and right edges
    col_x1: float = 0.0
    cells: int = 1  # runs of text separated by wide gaps (tables)


# --- rows and columns ----------------------------------------------------------------


def _rows(words: list[Word]) -> list[list[Word]]:
    """Group words into visual rows: a word joins a row if it overlaps a word of that row
    vertically by half the smaller height, and none of them horizontally.

    Overlap, not equal tops: a bullet or a superscript has a top of its own but sits in
    the line; rows of two columns need not share baselines.
    """
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if rows:
            row = rows[-1][-64:]  # the latest words only: a row of thousands stays linear
            height = max(w.bottom - w.top, 0.5)
            if any(
                min(w.bottom, u.bottom) - max(w.top, u.top) >= 0.5 * min(height, max(u.bottom - u.top, 0.5))
                for u in row
            ) and not any(min(w.x1, u.x1) - max(w.x0, u.x0) > 1.0 for u in row):
                rows[-1].append(w)
                continue
        rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


def _covered(row: list[Word], min_gap: float) -> list[tuple[float, float]]:
    """The row's ink as intervals: words joined across gaps narrower than min_gap."""
    spans: list[tuple[float, float]] = []
    for w in row:
        if spans and w.x0 - spans[-1][1] < min_gap:
            spans[-1] = (spans[-1][0], max(spans[-1][1], w.x1))
        else:
            spans.append((w.x0, w.x1))
    return spans


def _gutters(rows: list[list[Word]], min_gap: float = 9.0) -> list[float]:
    """x positions of vertical gaps that separate columns (none on one-column pages).

    A gutter is a band where almost no row has ink, with plenty of rows on both sides.
    The sweep runs over the rows' interval end points only, so its cost depends on the
    number of words, never on the page width.
    """
    n = len(rows)
    if n < 6:
        return []
    spans = [_covered(r, min_gap) for r in rows]
    lo = min(s[0][0] for s in spans)
    hi = max(s[-1][1] for s in spans)
    extent = hi - lo
    if extent <= 0:
        return []
    events: list[tuple[float, int, int, int]] = []  # x, d_ink, d_started, d_ended
    for row in spans:
        for a, b in row:
            events.append((a, 1, 0, 0))
            events.append((b, -1, 0, 0))
        events.append((row[0][0], 0, 1, 0))
        events.append((row[-1][1], 0, 0, 1))
    events.sort()
    # Evaluate in each open interval between consecutive event positions.
    crossing = started = ended = 0
    bands: list[tuple[float, float, int]] = []  # (x_from, x_to, rows on weaker side)
    i = 0
    while i < len(events):
        x = events[i][0]
        while i < len(events) and events[i][0] == x:
            _, d_ink, d_start, d_end = events[i]
            crossing += d_ink
            started += d_start
            ended += d_end
            i += 1
        if i >= len(events):
            break
        nxt = events[i][0]
        mid = (x + nxt) / 2
        if not (lo + 0.15 * extent <= mid <= lo + 0.85 * extent):
            continue
        # rows with ink left of mid (started, not crossing) and right of it (not ended, not crossing)
        left = started - crossing
        right = n - ended - crossing
        if crossing <= 0.1 * n and min(left, right) >= max(3, 0.05 * n):
            if bands and abs(bands[-1][1] - x) < 1e-6:
                a, _, c = bands[-1]
                bands[-1] = (a, nxt, min(c, min(left, right)))
            else:
                bands.append((x, nxt, min(left, right)))
    out = [(a + b) / 2 for a, b, _ in bands if b - a >= min_gap]
    return out[:2]  # at most three columns


# --- boxed regions (fact boxes, sidebars) -----------------------------------------------


def _boxes(page: RawPage) -> list[tuple[float, float, float, float]]:
    """Rectangles drawn around text: from ruling segments that close a box."""
    out = []
    for x0, top, x1, bottom in page.rulings:
        if x1 - x0 >= 60 and bottom - top >= 30 and x1 - x0 < 0.95 * page.width:
            out.append((x0, top, x1, bottom))
    return out


def _region_of(w: Word, boxes: list[tuple[float, float, float, float]]) -> int:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    for i, (x0, top, x1, bottom) in enumerate(boxes, start=1):
        if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1:
            return i
    return 0


def _line(words: list[Word], region: int, column: int, segment: int, col: tuple[float, float]) -> Line:
    if len(words) == 1:
        kept = words
        size = round(words[0].size, 1)
    else:
        sizes: Counter[float] = Counter()
        for w in words:
            sizes[round(w.size, 1)] += len(w.text)
        size = sizes.most_common(1)[0][0]
        # Superscript reference marks (a small digit raised above the line) are dropped.
        base = max(w.bottom for w in words) - 1
        kept = [
            w
            for w in words
            if not (w.size < 0.8 * size and w.bottom < base and w.text.strip().isdigit() and len(w.text.strip()) <= 3)
        ] or words
    chars = bold_chars = italic_chars = 0
    for w in kept:
        chars += len(w.text)
        bold_chars += len(w.text) if w.bold else 0
        italic_chars += len(w.text) if w.italic else 0
    cells = 1
    if len(kept) == 1:
        text = kept[0].text
    else:
        gaps = [b.x0 - a.x1 for a, b in zip(kept, kept[1:], strict=False)]
        # Table cells: wide gaps that are not the even spaces of a justified line.
        if not (len(gaps) >= 2 and max(gaps) - min(gaps) < 0.3 * size):
            cells += sum(1 for g in gaps if g > 2.2 * size)
        parts = [kept[0].text]
        for prev, w, gap in zip(kept, kept[1:], gaps, strict=False):
            if gap > 0.12 * size or prev.text.endswith((" ", ",")) or w.text.startswith(" "):
                parts.append(" ")
            parts.append(w.text)
        text = "".join(parts)
    text = " ".join(normalize(text).split())
    return Line(
        text=text,
        top=min(w.top for w in kept),
        bottom=max(w.bottom for w in kept),
        x0=kept[0].x0,
        x1=max(w.x1 for w in kept),
        size=size,
        bold=bold_chars >= 0.9 * max(chars, 1),
        italic=italic_chars >= 0.9 * max(chars, 1),
        region=region,
        column=column,
        segment=segment,
        col_x0=col[0],
        col_x1=col[1],
        cells=cells,
    )


def _flow_lines(words: list[Word], region: int) -> list[Line]:
    """Lines of one region in reading order: column by column within each segment."""
    rows = _rows(words)
    if not rows:
        return []
    gutters = _gutters(rows)
    full = (min(w.x0 for w in words), max(w.x1 for w in words))
    if not gutters:
        return [_line(r, region, 0, 0, full) for r in rows]
    edges = [full[0], *gutters, full[1]]
    out: list[Line] = []
    pending: dict[int, list[Word]] = defaultdict(list)
    segment = 0

    def flush() -> None:
        # Rows again, column by column: lines of neighbouring columns need not share
        # baselines, and grouped together they could pull a word into the wrong line.
        for c in sorted(pending):
            col = (edges[c], edges[c + 1])
            out.extend(_line(r, region, c, segment, col) for r in _rows(pending[c]))
        pending.clear()

    for row in rows:
        spans = _covered(row, 9.0)
        if any(a < g < b for g in gutters for a, b in spans):
            flush()
            segment += 1
            out.append(_line(row, region, -1, segment, full))
            segment += 1
            continue
        for w in row:
            pending[bisect_right(gutters, (w.x0 + w.x1) / 2)].append(w)
    flush()
    return out


# Region numbers: 0 the running text, 1.. boxed regions, then the regions below.
PULL_REGION = 500  # pull quotes: paragraphs of their own, never prose
FIGURE_REGION = 1000  # from here on text on pictures: labels that stand alone
CHART_REGION = 2000  # labels of charts drawn with paths
TABLE_REGION = 3000  # ruled tables: one line each, the cells in reading order


def _pictures(page: RawPage) -> list[tuple[float, float, float, float]]:
    """Pictures that can carry labels: not thumbnails, not page backgrounds."""
    area = page.width * page.height
    return [
        (x0, top, x1, bottom)
        for x0, top, x1, bottom in page.figures
        if x1 - x0 >= 40 and bottom - top >= 30 and (x1 - x0) * (bottom - top) < 0.6 * area
    ]


def _columns(grid: Grid, words: list[Word]) -> Grid | None:
    """An open grid (rulings between rows only) with the columns its text shows, or None
    when the text has no columns or runs for more than six lines between two rules (text
    between section rules, not rows of a table)."""
    x0, top, x1, bottom = grid.box
    rows = _rows([w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom])
    if not rows or max(Counter(bisect_right(grid.ys, r[0].top) for r in rows).values()) > 6:
        return None
    gutters = _gutters(rows)
    return Grid(grid.ys, (x0, *gutters, x1)) if gutters else None


def _table_lines(words: list[Word], grids: list[Grid]) -> tuple[list[Line], list[Word]]:
    """One line per ruled table (its cells row by row, each cell's lines joined) and the
    words outside every table."""
    cells: dict[tuple[int, int, int], list[Word]] = defaultdict(list)
    rest: list[Word] = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for t, grid in enumerate(grids):
            cell = grid.cell(cx, cy)
            if cell is not None:
                cells[(t, *cell)].append(w)
                break
        else:
            rest.append(w)
    out = []
    for t, grid in enumerate(grids):
        keys = sorted(k for k in cells if k[0] == t)
        if not keys:
            continue
        region = TABLE_REGION + t
        x0, top, x1, bottom = grid.box
        texts = [join_lines([_line(r, region, 0, 0, (x0, x1)).text for r in _rows(cells[k])]) for k in keys]
        sizes = Counter(round(w.size, 1) for k in keys for w in cells[k])
        out.append(
            Line(
                " ".join(texts),
                top,
                bottom,
                x0,
                x1,
                sizes.most_common(1)[0][0],
                False,
                False,
                region,
                0,
                0,
                x0,
                x1,
                len(grid.xs) - 1,
            )
        )
    return out, rest


def _chart_lines(page: RawPage, words: list[Word], taken: list[tuple[float, float, float, float]]):
    """Labels of charts drawn with paths, each run of a row its own line, and the other
    words. A long run (eight words or more) is prose that sits near a chart: it stays."""
    centres = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in words]
    hulls = charts(page.lines, page.shapes, centres, page.width * page.height, taken)
    if not hulls:
        return [], words
    members: dict[int, list[Word]] = defaultdict(list)
    rest: list[Word] = []
    near: list[Word] = []
    for w, (_, cy) in zip(words, centres, strict=True):
        m = 2 * w.size
        for i, (x0, top, x1, bottom) in enumerate(hulls):
            if w.x1 >= x0 - m and w.x0 <= x1 + m and top - m <= cy <= bottom + m:
                members[i].append(w)
                break
        else:
            (near if any(top - 20 <= cy <= bottom + 20 for _, top, _, bottom in hulls) else rest).append(w)
    # A label that runs on beyond the margin: words next to a member on its line join it.
    for order in (sorted(near, key=lambda w: w.x0), sorted(near, key=lambda w: -w.x1)):
        for w in order:
            if any(w in ms for ms in members.values()):
                continue
            cy, gap = (w.top + w.bottom) / 2, 0.8 * w.size
            for ms in members.values():
                if any(
                    abs((u.top + u.bottom) / 2 - cy) < 0.3 * w.size
                    and (-1 <= w.x0 - u.x1 < gap or -1 <= u.x0 - w.x1 < gap)
                    for u in ms
                ):
                    ms.append(w)
                    break
    joined = {id(w) for ms in members.values() for w in ms}
    rest += [w for w in near if id(w) not in joined]
    out: list[Line] = []
    labels: list[tuple[list[Word], Line]] = []
    for i, ms in sorted(members.items()):
        region = CHART_REGION + i
        for row in _rows(ms):
            runs: list[list[Word]] = [[row[0]]]
            for a, b in zip(row, row[1:], strict=False):
                if b.x0 - a.x1 > 1.5 * max(a.size, b.size):
                    runs.append([])
                runs[-1].append(b)
            for run in runs:
                if sum(len(w.text.split()) for w in run) >= 8:
                    rest += run
                else:
                    labels.append((run, _line(run, region, 0, 0, (run[0].x0, run[-1].x1))))
    prose = _prose_stacks([ln for _, ln in labels])
    for run, ln in labels:
        if id(ln) in prose:
            rest += run
        else:
            out.append(ln)
    return out, rest


_SENTENCE_INSIDE = re.compile(r"[a-zåäö)][.!?](?:\s|$)")


def _prose_stacks(lines: list[Line]) -> set[int]:
    """Lines set one under the other at the pitch of text, starting at one edge, that
    hold sentences (ten words or more, a full stop after a word): a paragraph beside a
    chart, not its labels (axis labels and legends have no sentences)."""
    prose: set[int] = set()
    for region in {ln.region for ln in lines}:
        stacks: list[list[Line]] = []
        for ln in sorted((ln for ln in lines if ln.region == region), key=lambda ln: (round(ln.x0), ln.top)):
            for st in stacks:
                last = st[-1]
                if abs(ln.x0 - last.x0) <= 1.5 and 0 < ln.top - last.top <= 1.8 * last.size:
                    st.append(ln)
                    break
            else:
                stacks.append([ln])
        for st in stacks:
            text = " ".join(ln.text for ln in st)
            if len(st) >= 2 and len(text.split()) >= 10 and _SENTENCE_INSIDE.search(text):
                prose.update(id(ln) for ln in st)
    return prose


def _pull_quotes(words: list[Word], facing: Callable[[], str] | None = None) -> tuple[list[list[Word]], list[Word]]:
    """Pull quotes: a sentence or two in display type (a third larger than the page's text,
    not bold) that repeats the running text of the page or of the pages beside it
    (`facing`, asked only when needed), or stands in quotation marks and italics. Headings
    and lead paragraphs in large type do neither."""
    sizes: Counter[float] = Counter()
    for w in words:
        sizes[w.size] += len(w.text)
    if not sizes:
        return [], words
    body = sizes.most_common(1)[0][0]
    large = [w for w in words if w.size >= 1.3 * body and not w.bold]
    if not large:
        return [], words
    clusters: list[list[list[Word]]] = []
    for row in sorted(_rows(large), key=lambda r: r[0].top):
        if clusters:
            last = clusters[-1][-1]
            if 0 <= row[0].top - max(w.bottom for w in last) <= 0.8 * row[0].size and min(
                row[-1].x1, last[-1].x1
            ) > max(row[0].x0, last[0].x0):
                clusters[-1].append(row)
                continue
        clusters.append([row])
    quotes: list[list[Word]] = []
    others: set[tuple[str, str]] | None = None
    for cluster in clusters:
        ws = [w for row in cluster for w in row]
        text = " ".join(" ".join(w.text for w in ws).split())
        if len(text.split()) < 6 or not text.rstrip(OPENING_QUOTES).endswith((".", "!", "?")):
            continue
        italic = sum(len(w.text) for w in ws if w.italic) >= 0.6 * len(text)
        if not (text[0] in OPENING_QUOTES and italic):
            if others is None:
                others = bigrams(" ".join(w.text for w in words if w.size < 1.3 * body))
                if facing is not None:
                    others |= bigrams(facing())
            if not repeats(text, others):
                continue
        quotes.append(ws)
    if not quotes:
        return [], words
    quoted = {id(w) for q in quotes for w in q}
    return quotes, [w for w in words if id(w) not in quoted]


def page_lines(page: RawPage, facing: Callable[[], str] | None = None) -> list[Line]:
    """All lines of a page: the main flow, each boxed region, pull quotes, then text on
    pictures, chart labels and ruled tables. `facing`: the text of the pages beside it."""
    words = [w for w in page.words if w.text.strip()]
    out: list[Line] = []
    regions: dict[int, list[Word]] = defaultdict(list)
    grids = ruled_tables(page.lines) if page.lines else []
    if grids:
        grids = [g for g in (_columns(g, words) if g.open else g for g in grids) if g is not None]
    if grids:
        tables, words = _table_lines(words, grids)
        out += tables
    if page.shapes:
        labels, words = _chart_lines(page, words, [g.box for g in grids])
        out += labels
    quotes, words = _pull_quotes(words, facing)
    for i, q in enumerate(quotes):
        regions[PULL_REGION + i] = q
    boxes = _boxes(page)
    pictures = _pictures(page)
    for w in words:
        on_picture = _region_of(w, pictures) if pictures else 0
        if on_picture:
            regions[FIGURE_REGION + on_picture].append(w)
        else:
            regions[_region_of(w, boxes) if boxes else 0].append(w)
    for r in sorted(regions):
        out.extend(_flow_lines(regions[r], r))
    out.sort(key=lambda ln: ln.region)  # stable: each region keeps its reading order
    return [ln for ln in out if ln.text]


# --- paragraphs ------------------------------------------------------------------------


def _gap_samples(lines: list[Line]) -> dict[float, list[float]]:
    """Distances from one line's top to the next within a column, per font size."""
    gaps: dict[float, list[float]] = defaultdict(list)
    for a, b in zip(lines, lines[1:], strict=False):
        if (a.region, a.column, a.segment) == (b.region, b.column, b.segment) and a.size == b.size:
            d = b.top - a.top
            if 0.8 * a.size <= d <= 4 * a.size:
                gaps[a.size].append(round(d, 1))
    return gaps


def _usual(ds: list[float]) -> float:
    """The line pitch: the smallest of the most common distances (paragraph gaps are rarer)."""
    common = Counter(round(d) for d in ds).most_common()
    # Not simply the most common: on a page of one-line entries the paragraph pitch is.
    best = min(d for d, c in common if c >= min(common[0][1], max(2, 0.25 * common[0][1])))
    return statistics.median([d for d in ds if abs(d - best) <= 1.0] or [best])


def _pitches(pages: list[list[Line]]) -> list[dict[float, float]]:
    """The line pitch per font size for each page: the page's own when it has enough
    lines, else the document's (line spacing differs between documents and parts)."""
    per_page = [_gap_samples(lines) for lines in pages]
    doc: dict[float, list[float]] = defaultdict(list)
    for gaps in per_page:
        for size, ds in gaps.items():
            doc[size] += ds
    doc_pitch = {size: _usual(ds) for size, ds in doc.items() if len(ds) >= 3}
    out = []
    for gaps in per_page:
        pitch = dict(doc_pitch)
        pitch.update({size: _usual(ds) for size, ds in gaps.items() if len(ds) >= 4})
        out.append(pitch)
    return out


_SENTENCE_END = (".", "!", "?", ":", "…", '."', ".”", ".)")
_NOTE_START = re.compile(r"^(\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+\S")
_NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2}){0,3}\.?)\s+\S")


def _starts_block(first: Line, prev: Line, ln: Line, pitch: float | None, body: float, bridged: bool = False) -> bool:
    """Does line `ln` start a new block after `prev` (same region, column and segment)?

    `first` is the first line of the block `prev` belongs to; `bridged`: a pull quote
    stands between the two lines (the gap is its, not a paragraph's).
    """
    if ln.top < prev.top - 1:
        return True  # moved back up
    if abs(ln.size - prev.size) > max(0.6, 0.08 * prev.size):
        return True
    if is_bullet(ln.text) or list_marker(ln.text):
        # A dash at the start of a wrapped line may just go on with the sentence above.
        dash = ln.text[0] in "–—-"
        if not dash or prev.text.endswith((*_SENTENCE_END, ";", ",")) or ln.x0 < prev.x0 - 1:
            return True
    if is_toc_line(ln.text) or is_toc_line(prev.text) or ln.cells >= 3 or prev.cells >= 3:
        return True
    if figure_from_caption(ln.text) is not None:
        return True
    step = ln.top - prev.top
    expected = pitch or 1.2 * max(prev.size, 1.0)
    ended = prev.text.endswith(_SENTENCE_END)
    if step > expected * 1.3 + 1.0 and not (bridged and not ended):
        return True
    width = max(ln.col_x1 - ln.col_x0, 1.0)
    # A list item ends where text comes back to the bullet's edge after a sentence end.
    if ended and ln.x0 <= first.x0 + 1.0 and (is_bullet(first.text) or list_marker(first.text)):
        return True
    # Footnotes: each small-print note starts with its number.
    if ended and ln.size < 0.92 * body and _NOTE_START.match(ln.text):
        return True
    if ended and starts_reference(ln.text):
        return True
    # A hanging indent ends: the line moves back out after a sentence end (reference lists).
    # Not after an indented first line: that is a first-line indent, and ":" ends it too.
    if ended and ln.x0 < prev.x0 - 0.9 * ln.size and prev is not first:
        return True
    # A first-line indent after a sentence end.
    if (
        ended
        and ln.x0 - ln.col_x0 > 0.9 * ln.size
        and ln.x0 - ln.col_x0 < 0.25 * width
        and prev.x0 - ln.col_x0 < 0.9 * ln.size
    ):
        return True
    # A heading on a line of its own: bold (or italic) as a whole, not ended by a full stop,
    # after a line that ended a sentence; or a bold line that is followed by normal text.
    if ln.bold != prev.bold:
        if ln.bold and ended and _heading_like(ln.text):
            return True
        if (
            prev.bold
            and first.bold
            and not ln.bold
            and prev.size >= body
            and not is_bullet(first.text)
            and _heading_like(prev.text)
            and not prev.text.endswith(("–", "—"))
        ):
            return True
    return False


def _heading_like(text: str) -> bool:
    return len(text.split()) <= 14 and not text.endswith((".", ",", ";", "-")) and not text[:1].islower()


def _level(lines: list[Line], body: float) -> int:
    """Heading level of a block (1 largest), 0 when it is no heading."""
    size = lines[0].size
    text = " ".join(ln.text for ln in lines)
    if len(lines) > 4 or is_bullet(text):
        return 0
    if len(text.split()) > 25 or text.endswith((",", ";")) or text[:1].islower():
        return 0
    if size >= body * 1.7:
        return 1
    if size >= body * 1.3:
        return 2
    if size >= body * 1.12:
        return 3
    if all(ln.bold for ln in lines) and _heading_like(text):
        return 3
    # "2.3 Title" or "4 Title" on a line of its own ("2. Title" is a numbered list item)
    m = _NUMBERED.match(text)
    if m and len(lines) == 1 and size >= body * 0.98 and _heading_like(text) and len(text.split()) <= 10:
        return 3 if m.group(2) or not m.group(1).endswith(".") else 0
    return 0


def _continues(prev: Line, ln: Line) -> bool:
    """Does a paragraph go on from the bottom of one column to the top of the next?"""
    return (
        prev.region == ln.region
        and abs(prev.size - ln.size) <= 0.6
        and not prev.text.endswith(_SENTENCE_END)
        and (ln.text[:1].islower() or cut_off(prev.text))
        and not is_bullet(ln.text)
        and not (ln.bold and not prev.bold)
    )


def _paragraphs(lines: list[Line], pitches: dict[float, float], body: float) -> list[list[Line]]:
    groups: list[list[Line]] = []
    quotes = [ln for ln in lines if PULL_REGION <= ln.region < FIGURE_REGION]
    for ln in lines:
        if groups and ln.region < FIGURE_REGION:  # labels on a picture stand alone
            prev = groups[-1][-1]
            same_flow = (prev.region, prev.column, prev.segment) == (ln.region, ln.column, ln.segment)
            if same_flow:
                bridged = any(
                    prev.bottom - 2 <= q.top and q.bottom <= ln.top + 2 and q.x0 < ln.col_x1 and q.x1 > ln.col_x0
                    for q in quotes
                )
                new = _starts_block(groups[-1][0], prev, ln, pitches.get(prev.size), body, bridged)
            else:
                new = not _continues(prev, ln)
            if not new:
                groups[-1].append(ln)
                continue
        groups.append([ln])
    return groups


# --- pages -----------------------------------------------------------------------------


def _body_size(pages: list[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _drop_running(raw: list[RawPage], lines: list[list[Line]]) -> list[list[Line]]:
    positioned = [
        PositionedLine(i, ln.text, ln.top / (raw[i].height or 1.0)) for i, ls in enumerate(lines) for ln in ls
    ]
    drop = running_lines(positioned, len(raw))
    return [[ln for ln in ls if (i, ln.text) not in drop] for i, ls in enumerate(lines)]


def _vocabulary(pages: list[list[Line]]) -> set[str]:
    """Lower-case words the document writes whole (to tell `gemen-` + `samt` from `gles- och`)."""
    words: set[str] = set()
    for lines in pages:
        for ln in lines:
            words.update(ln.text.lower().split())
    return {w.strip('.,;:!?()»”"') for w in words}


def sane_geometry(width: float, height: float) -> bool:
    """False for pages no printer could make (zero, negative or absurd sizes)."""
    return 1.0 <= width <= MAX_PAGE_SIDE and 1.0 <= height <= MAX_PAGE_SIDE


def build_pages(raw: list[RawPage]) -> list[Page]:
    """Turn raw pages into pages of typed blocks in reading order."""

    def facing(i: int) -> Callable[[], str]:
        return lambda: " ".join(w.text for j in (i - 1, i + 1) if 0 <= j < len(raw) for w in raw[j].words)

    lines = [page_lines(p, facing(i)) for i, p in enumerate(raw)]
    lines = _drop_running(raw, lines)
    body = _body_size(lines)
    pitches = _pitches(lines)
    vocabulary = _vocabulary(lines)
    pages: list[Page] = []
    section_kind: str | None = None  # "reference" or "toc" after such a heading
    aside: list[set[int]] = []  # per page: indexes of blocks in boxed regions
    for rp, page_lines_, pitch in zip(raw, lines, pitches, strict=True):
        blocks: list[Block] = []
        boxed: set[int] = set()
        aside.append(boxed)
        for group in _paragraphs(page_lines_, pitch, body):
            text = join_lines([ln.text for ln in group], vocabulary)
            if not text:
                continue
            if group[0].region:
                boxed.add(len(blocks))
            region = group[0].region
            if region >= TABLE_REGION:
                blocks.append(Block(text, "table"))
                continue
            if region >= FIGURE_REGION and not figure_from_caption(text):
                blocks.append(Block(text, "figure_text"))
                continue
            if region >= PULL_REGION and region < FIGURE_REGION:
                blocks.append(Block(text, "caption"))  # a pull quote repeats the text: never prose
                continue
            level = _level(group, body)
            kind = block_kind(
                text,
                lines=[ln.text for ln in group],
                heading=level > 0,
                size=group[0].size,
                body=body,
                rel_top=group[0].top / (rp.height or 1.0),
                cells=max(ln.cells for ln in group),
                section=section_kind,
            )
            if kind == "heading":
                section_kind = reference_heading(text)
                blocks.append(Block(text, "heading", level or 3))
            else:
                blocks.append(Block(text, kind))
        figures: list[Figure] = [f for b in blocks if b.kind == "caption" for f in [figure_from_caption(b.text)] if f]
        figures += [Figure("", "image")] * max(0, rp.images - len(figures))
        pages.append(Page(number=rp.number, blocks=blocks, figures=figures, images=rp.images))
    join_across_pages(pages, aside, vocabulary)
    return pages
