"""The default PDF engine: pypdfium2's text-page API, one call per text run, not per character.

pdfium groups a page's characters into rectangles, one per run of text on one line in
one font; a run's text, font size, weight and slant come from a handful of calls. Per
character Python calls would cost four times as much (see docs/stack-facts).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable

from ..errors import InputError
from .layout import RawPage, Word, sane_geometry
from .regions import MAX_PATHS, THIN

# pdfium marks a hyphen that ends a line as U+0002 (text API) or U+FFFE (page text).
_HYPHEN_MARKS = str.maketrans({"\x02": "-", "\ufffe": "-"})
_ITALIC_FLAG = 1 << 6
_FORCE_BOLD_FLAG = 1 << 18


def _bold_name(name: str) -> bool:
    low = name.lower()
    return any(k in low for k in ("bold", "black", "heavy", "semibold", "demi", "fett"))


def _italic_name(name: str) -> bool:
    low = name.lower()
    return "italic" in low or "oblique" in low or "kursiv" in low


class _PageReader:
    """Reads one page's runs; holds the ctypes buffers it reuses."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.l, self.t, self.r, self.b = (ctypes.c_double() for _ in range(4))
        self.fl, self.ft, self.fr, self.fb = (ctypes.c_float() for _ in range(4))
        self.flags = ctypes.c_int()
        self.name = ctypes.create_string_buffer(256)
        self.text = (ctypes.c_ushort * 4096)()
        self.fonts: dict[bytes, tuple[bool, bool]] = {}

    def _font(self, tp, idx: int) -> tuple[float, bool, bool]:
        raw = self.raw
        size = float(raw.FPDFText_GetFontSize(tp, idx))
        n = raw.FPDFText_GetFontInfo(tp, idx, self.name, 256, ctypes.byref(self.flags))
        key = self.name.raw[: max(0, n - 1)] + self.flags.value.to_bytes(4, "little", signed=True)
        style = self.fonts.get(key)
        if style is None:
            name = key[:-4].decode("latin-1")
            weight = raw.FPDFText_GetFontWeight(tp, idx)
            bold = weight >= 600 or bool(self.flags.value & _FORCE_BOLD_FLAG) or _bold_name(name)
            italic = bool(self.flags.value & _ITALIC_FLAG) or _italic_name(name)
            style = self.fonts[key] = (bold, italic)
        return size, style[0], style[1]

    def _bounded(self, tp, left: float, top: float, right: float, bottom: float) -> str:
        raw = self.raw
        n = raw.FPDFText_GetBoundedText(tp, left, top, right, bottom, None, 0)
        if n <= 0:
            return ""
        buf = self.text if n < len(self.text) else (ctypes.c_ushort * (n + 1))()
        got = raw.FPDFText_GetBoundedText(tp, left, top, right, bottom, buf, n + 1)
        return bytes(memoryview(buf).cast("B")[: 2 * max(got - 1, 0)]).decode("utf-16-le", "replace")

    def _page_text(self, tp, n: int) -> str:
        buf = (ctypes.c_ushort * (n + 1))()
        got = self.raw.FPDFText_GetText(tp, 0, n, buf)
        return bytes(memoryview(buf).cast("B")[: 2 * max(got - 1, 0)]).decode("utf-16-le", "replace")

    def _run_starts(self, tp, start: int, length: int, count: int) -> list[int]:
        """Offsets in a text segment where each of its `count` rectangles begins.

        pdfium opens a new rectangle where the text object changes; the prefix lengths at
        which the rectangle count grows are found by bisection, a few calls per run.
        """
        raw = self.raw
        starts = [0]
        lo = 1
        for r in range(1, count):
            hi = length
            while lo < hi:  # smallest prefix with r + 1 rectangles
                mid = (lo + hi) // 2
                if raw.FPDFText_CountRects(tp, start, mid) >= r + 1:
                    hi = mid
                else:
                    lo = mid + 1
            starts.append(lo - 1)
            lo += 1
        return starts

    def words(self, page, height: float) -> list[Word]:
        """The page's text runs: one per pdfium rectangle (a text object on one line)."""
        raw = self.raw
        tp = raw.FPDFText_LoadPage(page)
        if not tp:
            return []
        out: list[Word] = []
        try:
            n = raw.FPDFText_CountChars(tp)
            if n <= 0:
                return []
            text = self._page_text(tp, n)
            if len(text) != n:  # characters outside the BMP: rectangles by area instead
                return self._words_bounded(tp, n, height)
            pos = 0
            for segment in text.split("\r\n"):
                start, length = pos, len(segment)
                pos += length + 2
                if not segment.strip():
                    continue
                count = raw.FPDFText_CountRects(tp, start, length)
                if count <= 0:
                    continue
                offsets = self._run_starts(tp, start, length, count) if count > 1 else [0]
                if count > 1:
                    raw.FPDFText_CountRects(tp, start, length)  # GetRect reads the last count
                offsets.append(length)
                for r in range(count):
                    piece = segment[offsets[r] : offsets[r + 1]].translate(_HYPHEN_MARKS)
                    if not piece.strip():
                        continue
                    raw.FPDFText_GetRect(tp, r, self.l, self.t, self.r, self.b)
                    top, bottom = self.t.value, self.b.value
                    size, bold, italic = self._font(tp, start + offsets[r])
                    if size <= 0:
                        size = top - bottom
                    out.append(
                        Word(
                            piece,
                            self.l.value,
                            self.r.value,
                            height - top,
                            height - bottom,
                            round(size, 1),
                            bold,
                            italic,
                        )
                    )
        finally:
            raw.FPDFText_ClosePage(tp)
        return out

    def _words_bounded(self, tp, n: int, height: float) -> list[Word]:
        """Runs by rectangle, each read back by area (slower; for pages the fast path cannot align)."""
        raw = self.raw
        out: list[Word] = []
        for i in range(raw.FPDFText_CountRects(tp, 0, n)):
            raw.FPDFText_GetRect(tp, i, self.l, self.t, self.r, self.b)
            left, top, right, bottom = self.l.value, self.t.value, self.r.value, self.b.value
            text = self._bounded(tp, left, top, right, bottom).translate(_HYPHEN_MARKS)
            if not text.strip():
                continue
            mid = (top + bottom) / 2
            # A run has one font: ask about the character in its middle.
            idx = raw.FPDFText_GetCharIndexAtPos(tp, (left + right) / 2, mid, (right - left) / 2, (top - bottom) / 2)
            size, bold, italic = self._font(tp, idx) if idx >= 0 else (top - bottom, False, False)
            if size <= 0:
                size = top - bottom
            out.append(Word(text, left, right, height - top, height - bottom, round(size, 1), bold, italic))
        return out

    def objects(self, page, height: float):
        """Images larger than a thumbnail (count and boxes), rectangles that may frame text
        (fact boxes), and the page's vector drawing: thin horizontal and vertical strokes
        (rulings of tables and charts) and the bounds of every other path (bars, slices).

        One object at a time, never a point at a time, except for a stroked path of many
        segments (a table grid drawn as one path), whose straight segments are read."""
        raw = self.raw
        images = 0
        boxes: list[tuple[float, float, float, float]] = []
        pictures: list[tuple[float, float, float, float]] = []
        rulings: list[tuple[float, float, float, float]] = []
        shapes: list[tuple[float, float, float, float]] = []
        count = raw.FPDFPage_CountObjects(page)
        for i in range(min(count, 5000)):
            obj = raw.FPDFPage_GetObject(page, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH):
                continue
            if not raw.FPDFPageObj_GetBounds(obj, self.fl, self.fb, self.fr, self.ft):
                continue
            w, h = self.fr.value - self.fl.value, self.ft.value - self.fb.value
            box = (self.fl.value, height - self.ft.value, self.fr.value, height - self.fb.value)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += w * h > 2500
                if w * h > 2500 and len(pictures) < 50:
                    pictures.append(box)
                continue
            if w <= THIN or h <= THIN:
                if max(w, h) >= 6 and len(rulings) < MAX_PATHS:
                    rulings.append(box)
                continue
            if w >= 60 and h >= 30 and len(boxes) < 50:
                boxes.append(box)
            if len(shapes) < MAX_PATHS:
                shapes.append(box)
            if w >= 40 and h >= 15 and len(rulings) < MAX_PATHS:
                rulings += self._grid_segments(obj, height)
        return images, boxes, pictures, rulings, shapes

    def _grid_segments(self, obj, height: float) -> list[tuple[float, float, float, float]]:
        """Horizontal and vertical segments of a stroked, unfilled path of many segments."""
        raw = self.raw
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        mode = raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        if not mode or fill.value or not stroke.value:
            return []
        n = raw.FPDFPath_CountSegments(obj)
        if not 6 <= n <= 400:  # a rectangle has five; a map outline has thousands
            return []
        m = raw.FS_MATRIX()
        if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            return []
        out = []
        prev: tuple[float, float] | None = None
        for s in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            if not raw.FPDFPathSegment_GetPoint(seg, self.fl, self.fb):
                continue
            px, py = self.fl.value, self.fb.value
            x, y = m.a * px + m.c * py + m.e, height - (m.b * px + m.d * py + m.f)
            if prev is not None and raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_LINETO:
                x0, x1 = sorted((prev[0], x))
                y0, y1 = sorted((prev[1], y))
                if (x1 - x0 <= THIN or y1 - y0 <= THIN) and max(x1 - x0, y1 - y0) >= 6:
                    out.append((x0, y0, x1, y1))
            prev = (x, y)
        return out


def read_pages(path: str, warnings: list[str], progress: Callable[[int, int], None] | None = None) -> list[RawPage]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError("password-protected PDF: remove the password and try again", path) from None
        reason = re.search(r"PDFium: ([^)]*)", msg)
        raise InputError(f"damaged PDF ({reason.group(1) if reason else 'pdfium could not open it'})", path) from None
    reader = _PageReader()
    out: list[RawPage] = []
    try:
        total = len(pdf)
        for index in range(total):
            number = index + 1
            try:
                page = pdf[index]
            except Exception as exc:  # pdfium raises PdfiumError for pages it cannot load
                warnings.append(f"page {number}: could not be read ({type(exc).__name__})")
                out.append(RawPage(number, 1.0, 1.0))
                continue
            try:
                width, height = page.get_size()
                if not sane_geometry(width, height):
                    warnings.append(f"page {number}: implausible page size {width:.0f}×{height:.0f} pt; page skipped")
                    out.append(RawPage(number, 1.0, 1.0))
                    continue
                words = reader.words(page.raw, height)
                images, boxes, pictures, rulings, shapes = reader.objects(page.raw, height)
                out.append(RawPage(number, width, height, words, images, boxes, pictures, rulings, shapes))
            except Exception as exc:
                warnings.append(f"page {number}: text could not be read ({type(exc).__name__})")
                out.append(RawPage(number, 1.0, 1.0))
            finally:
                page.close()
                if progress is not None:
                    progress(number, total)
    finally:
        pdf.close()
    return out
