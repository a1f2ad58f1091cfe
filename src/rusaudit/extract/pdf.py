"""PDF extraction with pdfplumber: page by page, columns in reading order.

Each page is closed as soon as its words are read, so memory stays flat with length.
Lines are rebuilt from word boxes: a vertical gutter splits two-column pages, running
headers and footers are dropped across pages, and font sizes mark headings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..errors import InputError
from .clean import PositionedLine, figure_from_caption, join_across_pages, join_lines, normalize, running_lines
from .model import Block, Figure, Page

EXTRACTOR_VERSION = "pdf-1"


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    column: int  # 0 full width, 1 left, 2 right
    segment: int  # increases at every full-width row that breaks the columns


@dataclass
class _RawPage:
    number: int
    height: float
    lines: list[_Line]
    images: int


def _rows(words: list[dict]) -> list[list[dict]]:
    """Group words into visual rows by their top coordinate."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows:
            ref = rows[-1][0]
            if abs(w["top"] - ref["top"]) <= max(2.0, 0.35 * float(ref.get("size") or 10)):
                rows[-1].append(w)
                continue
        rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _covered(row: list[dict], min_gap: float) -> list[tuple[float, float]]:
    """The row's ink as intervals: words joined across gaps narrower than min_gap."""
    spans: list[tuple[float, float]] = []
    for w in row:
        x0, x1 = float(w["x0"]), float(w["x1"])
        if spans and x0 - spans[-1][1] < min_gap:
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return spans


def _find_gutter(rows: list[list[dict]], width: float, min_gap: float = 9.0) -> float | None:
    """Find the x of a vertical gap that separates two columns of text.

    A gutter is a band in the middle of the page where almost no row has ink, with
    plenty of rows on both sides of it. Rows of the two columns need not share
    baselines. Returns the middle of the best band, or None for one-column pages.
    """
    if len(rows) < 6 or width <= 0:
        return None
    spans = [_covered(r, min_gap) for r in rows]
    n = len(rows)
    size = int(width) + 3
    # Difference arrays over 1-pt bins: rows with ink at x, rows starting left of x,
    # rows reaching right of x. A row with ink at x counts on neither side.
    ink = [0] * size
    starts = [0] * size
    ends = [0] * size
    for row in spans:
        for a, b in row:
            ink[max(0, int(a))] += 1
            ink[min(size - 1, int(b) + 1)] -= 1
        starts[min(size - 1, int(row[0][0]) + 1)] += 1
        ends[min(size - 1, int(row[-1][1]))] += 1
    candidates: list[tuple[int, int]] = []  # (rows on the weaker side, x)
    crossing = started = ended = 0
    lo, hi = int(0.3 * width), int(0.7 * width)
    for x in range(size):
        crossing += ink[x]
        started += starts[x]
        ended += ends[x]
        if lo <= x <= hi:
            left = started - crossing
            right = n - ended - crossing
            if crossing <= 0.1 * n and min(left, right) >= max(4, 0.25 * n):
                candidates.append((min(left, right), x))
    if not candidates:
        return None
    top = max(c for c, _ in candidates)
    xs = [x for c, x in candidates if c == top]
    run = [xs[0]]
    for x in xs[1:]:
        if x != run[-1] + 1:
            break
        run.append(x)
    return run[len(run) // 2] + 0.5


def _row_line(words: list[dict], column: int, segment: int) -> _Line:
    sizes = Counter(round(float(w.get("size") or 0), 1) for w in words)
    size = sizes.most_common(1)[0][0]
    bold_chars = sum(len(w["text"]) for w in words if "bold" in str(w.get("fontname", "")).lower())
    return _Line(
        text=normalize(" ".join(w["text"] for w in words)),
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        x0=min(w["x0"] for w in words),
        size=size,
        bold=bold_chars * 2 > sum(len(w["text"]) for w in words),
        column=column,
        segment=segment,
    )


def _page_lines(words: list[dict], width: float) -> list[_Line]:
    """Lines in reading order: on two-column pages, the left column before the right."""
    rows = _rows(words)
    gutter = _find_gutter(rows, width)
    if gutter is None:
        return [_row_line(r, 0, 0) for r in rows]
    out: list[_Line] = []
    pending_left: list[_Line] = []
    pending_right: list[_Line] = []
    segment = 0

    def flush() -> None:
        out.extend(pending_left)
        out.extend(pending_right)
        pending_left.clear()
        pending_right.clear()

    for row in rows:
        if any(a <= gutter <= b for a, b in _covered(row, 9.0)):
            flush()
            segment += 1
            out.append(_row_line(row, 0, segment))
            segment += 1
            continue
        left = [w for w in row if w["x1"] <= gutter]
        right = [w for w in row if w["x0"] >= gutter]
        if left:
            pending_left.append(_row_line(left, 1, segment))
        if right:
            pending_right.append(_row_line(right, 2, segment))
    flush()
    return out


def _open_error(exc: BaseException) -> str:
    """A one-line reason from pdfminer's exception chain (its str() is often empty)."""
    inner = exc
    for arg in getattr(exc, "args", ()):
        if isinstance(arg, BaseException):
            inner = arg
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "password-protected PDF: remove the password and try again"
    detail = str(inner).strip() or name
    return f"damaged PDF ({name}: {detail[:120]})" if detail != name else f"damaged PDF ({name})"


def _read_pages(path: str, warnings: list[str]) -> list[_RawPage]:
    import logging

    import pdfplumber  # imported here: `rusaudit --version` must stay fast

    # pdfminer logs recoverable damage to stderr; the report carries our own warnings.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    raw: list[_RawPage] = []
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for broken files
        raise InputError(_open_error(exc), path) from None
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise InputError(_open_error(exc), path) from None
        for index, page in enumerate(pages):
            try:
                words = page.extract_words(extra_attrs=["size", "fontname"])
                images = sum(
                    1 for im in page.images if (float(im.get("width") or 0) * float(im.get("height") or 0)) > 2500
                )
                lines = _page_lines(words, float(page.width))
                raw.append(_RawPage(index + 1, float(page.height) or 1.0, lines, images))
            except (Exception, RecursionError) as exc:
                warnings.append(f"page {index + 1}: text could not be read ({type(exc).__name__})")
                raw.append(_RawPage(index + 1, 1.0, [], 0))
            finally:
                page.close()
    return raw


def _heading_level(line: _Line, body: float) -> int:
    if line.size >= body * 1.7:
        return 1
    if line.size >= body * 1.3:
        return 2
    if line.size >= body * 1.12 or (line.bold and len(line.text.split()) <= 14 and not line.text.endswith(".")):
        return 3
    return 0


def _blocks(lines: list[_Line], body: float) -> list[Block]:
    """Group lines into paragraphs, headings and captions."""
    blocks: list[Block] = []
    buf: list[_Line] = []

    def emit() -> None:
        if not buf:
            return
        text = join_lines([ln.text for ln in buf])
        if text:
            level = _heading_level(buf[0], body)
            if figure_from_caption(text):
                blocks.append(Block(text, "caption"))
            elif level:
                blocks.append(Block(text, "heading", level))
            else:
                blocks.append(Block(text, "body"))
        buf.clear()

    for ln in lines:
        if buf:
            prev = buf[-1]
            height = max(prev.bottom - prev.top, 1.0)
            lone_bullet = prev.text.strip() in ("•", "▪", "●", "◦", "–", "-")
            new_block = (
                not lone_bullet
                and (
                    ln.column != prev.column
                    or ln.segment != prev.segment
                    or ln.top - prev.bottom > 0.6 * height
                    or ln.top < prev.top  # moved back up: a new column
                    or abs(ln.size - prev.size) > 0.6
                    or ln.bold != prev.bold
                    or ln.text[:1] in "•▪●◦–"
                    and len(ln.text) > 2
                    and ln.text[1] == " "
                    or figure_from_caption(ln.text) is not None
                )
            )
            if new_block:
                emit()
        buf.append(ln)
    emit()
    return blocks


def extract_pdf(path: str) -> tuple[list[Page], list[str]]:
    """Read a PDF into pages of blocks. Raises InputError for unreadable files."""
    warnings: list[str] = []
    raw = _read_pages(path, warnings)
    positioned = [PositionedLine(i, ln.text, ln.top / rp.height) for i, rp in enumerate(raw) for ln in rp.lines]
    drop = running_lines(positioned, len(raw))
    sizes: Counter[float] = Counter()  # body text size: the most common, headers and footers aside
    for i, rp in enumerate(raw):
        for ln in rp.lines:
            if (i, ln.text) not in drop:
                sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    pages: list[Page] = []
    for i, rp in enumerate(raw):
        lines = [ln for ln in rp.lines if (i, ln.text) not in drop]
        blocks = _blocks(lines, body)
        figures: list[Figure] = [f for b in blocks if b.kind == "caption" for f in [figure_from_caption(b.text)] if f]
        captioned_images = sum(1 for f in figures)
        figures += [Figure("", "image")] * max(0, rp.images - captioned_images)
        pages.append(Page(number=rp.number, blocks=blocks, figures=figures, images=rp.images))
    join_across_pages(pages)
    return pages, warnings
