"""Parts of a page that are not running text, found from its vector drawing and its type:
tables drawn with ruling lines, charts drawn with paths, pull quotes.

Geometry only, in PDF points with the origin at the top left; layout.py takes the words of
these regions out of the running text before it builds columns and paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

THIN = 2.5  # a path no thicker than this (points) is a line: a ruling, an axis, a border
MAX_PATHS = 2000  # path boxes an engine keeps per page (maps draw thousands)


@dataclass(frozen=True)
class Grid:
    """A ruled table: the y of its horizontal rulings and the x of its column edges."""

    ys: tuple[float, ...]
    xs: tuple[float, ...]

    @property
    def open(self) -> bool:
        """Rows only: no vertical ruling tells the columns."""
        return len(self.xs) == 2

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of a point inside the grid, None outside."""
        r, c = bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1
        if 0 <= r < len(self.ys) - 1 and 0 <= c < len(self.xs) - 1:
            return r, c
        return None


def _merge(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def ruled_tables(lines: list[Box]) -> list[Grid]:
    """Tables drawn with rulings: at least three horizontal rulings of one width and a
    vertical ruling between them that splits them into columns; or, without verticals,
    four or more rulings close together (rows of a few lines), whose columns the layout
    must then find in the text (`Grid.open`).

    Rules between sections or a framed box alone are no table: they have no columns."""
    horizontal = sorted((ln for ln in lines if ln[3] - ln[1] <= THIN and ln[2] - ln[0] >= 20), key=lambda ln: ln[1])
    vertical = [ln for ln in lines if ln[2] - ln[0] <= THIN and ln[3] - ln[1] >= 6]
    if len(horizontal) < 3:
        return []
    groups: list[list[Box]] = []
    for h in horizontal:
        for g in groups:
            a = g[0]
            if min(a[2], h[2]) - max(a[0], h[0]) >= 0.9 * max(a[2] - a[0], h[2] - h[0]) and h[1] - g[-1][1] <= 250:
                g.append(h)
                break
        else:
            groups.append([h])
    out = []
    for g in groups:
        ys = _merge([(ln[1] + ln[3]) / 2 for ln in g], 2.0)
        if len(ys) < 3:
            continue
        x0, x1 = min(ln[0] for ln in g), max(ln[2] for ln in g)
        top, bottom = ys[0], ys[-1]
        inner = _merge(
            [
                (v[0] + v[2]) / 2
                for v in vertical
                if x0 + 3 < (v[0] + v[2]) / 2 < x1 - 3 and min(v[3], bottom) - max(v[1], top) >= 0.8 * (v[3] - v[1])
            ],
            3.0,
        )
        if inner:
            out.append(Grid(tuple(ys), (x0, *inner, x1)))
        elif len(ys) >= 4 and max(b - a for a, b in zip(ys, ys[1:], strict=False)) <= 120:
            out.append(Grid(tuple(ys), (x0, x1)))
    return out


def _clusters(boxes: list[Box], gap: float = 12.0, cell: float = 16.0) -> list[list[int]]:
    """Boxes that lie within about `gap` of each other (up to gap + 2 cells), grouped:
    union-find over the cells of a coarse grid each box covers (linear in the area drawn,
    never pairwise; a vector map of 2,000 paths takes tens of milliseconds)."""
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[int, int], int] = {}
    half = gap / 2
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        for cx in range(int((x0 - half) // cell), int((x1 + half) // cell) + 1):
            for cy in range(int((top - half) // cell), int((bottom + half) // cell) + 1):
                j = owner.setdefault((cx, cy), i)
                if j != i:
                    ri, rj = find(i), find(j)
                    if ri != rj:
                        parent[ri] = rj
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(boxes)):
        groups[find(i)].append(i)
    return list(groups.values())


def _inside(x: float, y: float, box: Box, pad: float = 1.0) -> bool:
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer[0] - 1 <= inner[0]
        and inner[2] <= outer[2] + 1
        and outer[1] - 1 <= inner[1]
        and inner[3] <= outer[3] + 1
        and (inner[2] - inner[0]) * (inner[3] - inner[1]) < 0.9 * (outer[2] - outer[0]) * (outer[3] - outer[1])
    )


def charts(
    lines: list[Box], shapes: list[Box], centres: list[tuple[float, float]], area: float, taken: list[Box]
) -> list[Box]:
    """Regions of charts drawn with paths: clusters of at least four marks (bars, slices,
    axes, grid lines), one of them a filled shape rather than a line.

    A large rectangle with text or another shape on it is a background (a fact box, a
    chart's frame, a picture's frame), not a mark; its text stays prose unless marks
    around it make a chart. A line much longer than the shapes it touches (a rule across
    the page) does not stretch the chart. `taken`: regions already explained (ruled tables)."""
    big = [b for b in shapes if b[2] - b[0] >= 100 and b[3] - b[1] >= 30]
    marks: list[Box] = []
    for b in shapes:
        w, h = b[2] - b[0], b[3] - b[1]
        if w * h >= 0.5 * area or any(_inside((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, t) for t in taken):
            continue
        if w >= 100 and h >= 30:
            if any(_inside(x, y, b, 0.0) for x, y in centres):
                continue
            if len(big) <= 50 and any(_contains(b, o) for o in shapes if o is not b):
                continue
        marks.append(b)
    if not marks or len(marks) + len(lines) < 4:
        return []
    n_shapes = len(marks)
    marks += [ln for ln in lines if not any(_inside((ln[0] + ln[2]) / 2, (ln[1] + ln[3]) / 2, t) for t in taken)]
    out = []
    for group in _clusters(marks):
        filled = [marks[i] for i in group if i < n_shapes]
        if len(group) < 4 or not filled:
            continue
        x0, top = min(b[0] for b in filled), min(b[1] for b in filled)
        x1, bottom = max(b[2] for b in filled), max(b[3] for b in filled)
        w, h = x1 - x0, bottom - top
        strokes = [marks[i] for i in group if i >= n_shapes]
        kept = filled + [b for b in strokes if b[2] - b[0] <= 2 * w + 40 and b[3] - b[1] <= 2 * h + 40]
        if len(kept) < 4:
            continue
        x0, top = min(b[0] for b in kept), min(b[1] for b in kept)
        x1, bottom = max(b[2] for b in kept), max(b[3] for b in kept)
        if x1 - x0 >= 60 and bottom - top >= 40:
            out.append((x0, top, x1, bottom))
    return out


_WORD = re.compile(r"\w+")
OPENING_QUOTES = "“”\"»«„'’‘"


def bigrams(text: str) -> set[tuple[str, str]]:
    words = _WORD.findall(text.lower())
    return set(zip(words, words[1:], strict=False))


def repeats(text: str, others: set[tuple[str, str]]) -> bool:
    """Does `text` repeat running text (most of its word pairs occur there)?"""
    pairs = bigrams(text)
    return len(pairs) >= 4 and len(pairs & others) >= 0.6 * len(pairs)
