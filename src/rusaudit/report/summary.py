"""What every human-readable renderer shows, picked once from the Report."""

from __future__ import annotations

from dataclasses import dataclass

from ..score.model import Evidence
from .model import Report

STRONGEST = 5


@dataclass
class Summary:
    strongest: list[Evidence]
    missing_national: list[dict]
    never_named: list[str]


def summarize(report: Report) -> Summary:
    dim = report.dimension("territorial")
    strongest: list[Evidence] = []
    if dim:
        ind = next((i for i in dim.indicators if i.id.endswith("place_specific_statements")), None)
        if ind:
            # Sentences naming the most places first: they are the most place-specific.
            ranked = sorted(ind.evidence, key=lambda e: (-len(e.match.split(",")), e.page))
            strongest = ranked[:STRONGEST]
    missing = [n for n in report.national_strategy if n.get("verdict", "absent" if not n["found"] else "") == "absent"]
    return Summary(strongest, missing, list(report.coverage.get("missing", [])))


def clip(text: str, n: int = 220) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
