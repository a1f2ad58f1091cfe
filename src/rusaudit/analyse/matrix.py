"""The geography matrix: which geographies appear in which part of the strategy.

Rows are geography classes: named places inside the region by kind, and geography
types (rules of group `geography_type`, grouped by their `params.class`). Columns are
the strategy elements. An element column without any geography is "geography-blind",
the finding of Tillväxtverket's review *Geografier som inte syns* (2021).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analyzer import Analysis
from .evidence import Evidence
from .structure import COLUMNS, ELEMENTS

PLACE_ROWS = {
    "municipality": "place.municipality",
    "locality": "place.locality",
    "subregion": "place.subregion",
    "landscape": "place.subregion",
}
GEO_ROWS = (
    "geo.storstad",
    "geo.stad",
    "geo.mindre_stad_tatort",
    "geo.landsbygd",
    "geo.glesbygd",
    "geo.kust_skargard",
    "geo.inland_fjall",
    "geo.gransregion",
    "geo.funktionell_region",
)
ROWS = ("place.municipality", "place.locality", "place.subregion") + GEO_ROWS


@dataclass
class Cell:
    count: int = 0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Matrix:
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], Cell]
    blind: list[str]
    sentences: dict[str, int]  # sentences per column

    def column_total(self, column: str) -> int:
        return sum(self.cells[(r, column)].count for r in self.rows)

    def to_dict(self) -> dict:
        return {
            "rows": list(self.rows),
            "columns": list(self.columns),
            "cells": [
                {
                    "row": r,
                    "column": c,
                    "count": self.cells[(r, c)].count,
                    "evidence": [
                        {"page": e.page, "sentence": e.sentence, "match": e.match, "rule": e.rule}
                        for e in self.cells[(r, c)].evidence
                    ],
                }
                for r in self.rows
                for c in self.columns
            ],
            "blind": list(self.blind),
            "sentences": dict(self.sentences),
        }


def geography_row(rule) -> str:
    return "geo." + str(rule.params.get("class") or rule.id.rsplit(".", 1)[-1])


def build_matrix(a: Analysis) -> Matrix:
    """Count geography mentions per class and strategy element, with their sentences."""
    cached = a.extras.get("matrix")
    if cached is not None:
        return cached
    geo_rows = {r.id: geography_row(r) for r in a.book.rules if r.group == "geography_type"}
    rows = list(ROWS) + sorted(set(geo_rows.values()) - set(ROWS))
    cells = {(r, c): Cell() for r in rows for c in COLUMNS}
    sentences = {c: 0 for c in COLUMNS}
    own = a.region.id if a.region else None
    code = a.region.code if a.region else None
    for s in a.sentences:
        sentences[s.element] += 1
        for h in s.places:
            row = PLACE_ROWS.get(h.place.kind)
            if row and h.place.id != own and h.place.in_region(code):
                cell = cells[(row, s.element)]
                cell.count += 1
                cell.evidence.append(Evidence(s.page, s.text, h.text, f"place:{h.place.id}"))
        for m in s.matches:
            row = geo_rows.get(m.rule)
            if row:
                cell = cells[(row, s.element)]
                cell.count += 1
                cell.evidence.append(Evidence(s.page, s.text, m.text, m.rule))
    matrix = Matrix(rows, list(COLUMNS), cells, [], sentences)
    matrix.blind = [c for c in ELEMENTS if matrix.column_total(c) == 0]
    a.extras["matrix"] = matrix
    return matrix
