"""The Report: a plain dataclass tree that every renderer reads, and its JSON.

The JSON is the single source of truth: versioned, deterministic (same input, same
bytes: no timestamps, sorted lists, rounded floats).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import __version__
from ..score.model import DimensionResult, Evidence, IndicatorResult

if TYPE_CHECKING:  # the report is read far more often than built: keep its import light
    from ..analyse.analyzer import Analysis

SCHEMA_VERSION = "1.4"  # docs/schemas.md: what each version changed


@dataclass
class PlaceSummary:
    id: str
    name: str
    kind: str
    code: str | None
    in_region: bool
    count: int
    pages: list[int]
    ocr_low_confidence: bool = False  # found only on pages OCR read with low confidence

    def to_dict(self) -> dict:
        out = dict(self.__dict__)
        if not self.ocr_low_confidence:
            del out["ocr_low_confidence"]  # reports without OCR stay as they were
        return out


@dataclass
class Report:
    document: dict
    region: dict
    scores: dict[str, float | None]
    dimensions: list[DimensionResult]
    places: list[PlaceSummary]
    coverage: dict
    national_strategy: list[dict]
    rules_version: str
    geography_matrix: dict | None = None
    planning: list[dict] | None = None
    collaboration: dict | None = None
    warnings: list[str] = field(default_factory=list)
    excluded: list[dict] = field(default_factory=list)  # pages, sections and findings left out, with why
    tool_version: str = __version__
    schema_version: str = SCHEMA_VERSION
    # the exact JSON this report was read from (report cache); to_json reuses it
    source_json: str | None = field(default=None, repr=False, compare=False)

    def dimension(self, dim_id: str) -> DimensionResult | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    def to_dict(self) -> dict:
        return {
            "schema_version": self.schema_version,
            "tool_version": self.tool_version,
            "rules_version": self.rules_version,
            "document": self.document,
            "region": self.region,
            "scores": {k: _num(v, 1) for k, v in self.scores.items()},
            "dimensions": [_dimension(d) for d in self.dimensions],
            "places": [p.to_dict() for p in self.places],
            "coverage": self.coverage,
            "national_strategy": self.national_strategy,
            **({"geography_matrix": self.geography_matrix} if self.geography_matrix is not None else {}),
            **({"planning": self.planning} if self.planning is not None else {}),
            **({"collaboration": self.collaboration} if self.collaboration is not None else {}),
            "excluded": self.excluded,
            "warnings": self.warnings,
        }

    def to_json(self) -> str:
        if self.source_json is not None:
            return self.source_json
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        """Rebuild a Report from its JSON (a saved report, or the report cache)."""
        dims = [
            DimensionResult(
                d["id"],
                d["title"],
                d.get("description") or {"sv": "", "en": ""},
                d["weight"],
                d["score"],
                [
                    IndicatorResult(
                        i["id"],
                        i["title"],
                        i.get("description") or {"sv": "", "en": ""},
                        i["weight"],
                        i["value"],
                        i["score"],
                        i["scoring"],
                        [
                            Evidence(e["page"], e["sentence"], e["match"], e["rule"], bool(e.get("ocr_low_confidence")))
                            for e in i["evidence"]
                        ],
                        i["details"],
                        i["error"],
                    )
                    for i in d["indicators"]
                ],
            )
            for d in data["dimensions"]
        ]
        return cls(
            document=data["document"],
            region=data["region"],
            scores=data["scores"],
            dimensions=dims,
            places=[PlaceSummary(**p) for p in data["places"]],
            coverage=data["coverage"],
            national_strategy=data["national_strategy"],
            rules_version=data["rules_version"],
            geography_matrix=data.get("geography_matrix"),
            planning=data.get("planning"),
            collaboration=data.get("collaboration"),
            warnings=list(data.get("warnings") or []),
            excluded=list(data.get("excluded") or []),
            tool_version=data["tool_version"],
            schema_version=data["schema_version"],
        )


def _num(v: float | None, digits: int = 4) -> float | None:
    from ..numbers import round_half_up

    return None if v is None else round_half_up(v, digits)


def _evidence(e: Evidence) -> dict:
    out = {"page": e.page, "sentence": e.sentence, "match": e.match, "rule": e.rule}
    if e.ocr_low_confidence:
        out["ocr_low_confidence"] = True
    return out


def _ocr_trust(doc, dims: list[DimensionResult]) -> tuple[dict | None, set[int]]:
    """OCR pages with their mean confidence, and the pages under the threshold; evidence
    from those pages is flagged in place, so every renderer can mark it."""
    read = [(p.number, p.ocr_confidence) for p in doc.pages if p.ocr_confidence is not None]
    if not read:
        return None, set()
    from dataclasses import replace

    from ..extract.ocr import LOW_CONFIDENCE

    low = {n for n, c in read if c < LOW_CONFIDENCE}
    for d in dims:
        for i in d.indicators:
            i.evidence = [replace(e, ocr_low_confidence=True) if e.page in low else e for e in i.evidence]
    pages = [{"page": n, "confidence": round(c, 1), "low": n in low} for n, c in read]
    return {"threshold": LOW_CONFIDENCE, "pages": pages}, low


def _dimension(d: DimensionResult) -> dict:
    return {
        "id": d.id,
        "title": d.title,
        "description": d.description,
        "weight": d.weight,
        "score": _num(d.score, 1),
        "indicators": [
            {
                "id": i.id,
                "title": i.title,
                "description": i.description,
                "weight": i.weight,
                "value": _num(i.value),
                "score": _num(i.score),
                "scoring": i.scoring,
                "error": i.error,
                "details": i.details,
                "evidence": [_evidence(e) for e in i.evidence],
            }
            for i in d.indicators
        ],
    }


def build_report(a: Analysis, dims: list[DimensionResult], overall: float | None) -> Report:
    region_code = a.region.code if a.region else None
    ocr, low_pages = _ocr_trust(a.document, dims)
    counts: dict[str, int] = defaultdict(int)
    pages: dict[str, set[int]] = defaultdict(set)
    for s in a.sentences:
        for h in s.places:
            counts[h.place.id] += 1
            pages[h.place.id].add(s.page)
    places = [
        PlaceSummary(
            pid,
            p.name,
            p.kind,
            p.code,
            p.in_region(region_code),
            counts[pid],
            sorted(pages[pid]),
            bool(low_pages) and pages[pid] <= low_pages,
        )
        for pid in counts
        for p in [a.gazetteer.places[pid]]
    ]
    places.sort(key=lambda p: (not p.in_region, -p.count, p.name, p.id))

    scores: dict[str, float | None] = {d.id: d.score for d in dims}
    scores["overall"] = overall
    cov = next((i for d in dims for i in d.indicators if i.id.endswith("municipality_coverage")), None)
    details = cov.details if cov else {"named": [], "missing": [], "total": 0}
    coverage = {
        "municipalities_named": len(details.get("named", [])),
        "municipalities_total": details.get("total", 0),
        "named": details.get("named", []),
        "missing": details.get("missing", []),
    }
    ns_dim = next((d for d in dims if d.id == "national_strategy"), None)
    national = []
    if ns_dim:
        for ind in ns_dim.indicators:
            rule = a.book.rule(ind.id)
            verdict = ind.details.get("verdict") or ("touched" if ind.evidence else "absent")
            national.append(
                {
                    "id": ind.id,
                    "title": ind.title,
                    "verdict": verdict,
                    "found": verdict != "absent",
                    # the same figure as the indicator table: every finding in the prose
                    "count": ind.details.get("count", len(ind.evidence)),
                    "themes": ind.details.get("themes", []),
                    "informative": bool(ind.details.get("informative")),
                    "score": _num(ind.score),
                    "source": rule.source if rule else None,
                    "evidence": [_evidence(e) for e in ind.evidence],
                }
            )
    planning = None
    pl_dim = next((d for d in dims if d.id == "planning"), None)
    if pl_dim:
        planning = []
        for ind in pl_dim.indicators:
            rule = a.book.rule(ind.id)
            planning.append(
                {
                    "id": ind.id,
                    "group": rule.group if rule else None,
                    "title": ind.title,
                    "found": bool(ind.evidence),
                    "count": len(ind.evidence),
                    "explicit": bool(ind.details.get("explicit")),
                    "score": _num(ind.score),
                    "source": rule.source if rule else None,
                    "evidence": [_evidence(e) for e in ind.evidence],
                }
            )
    collaboration = None
    if any(r.group == "actor" for r in a.book.rules):
        from ..analyse.collaboration import build_profile, level_titles

        collaboration = build_profile(a).to_dict(level_titles(a))
        collaboration["lansstyrelsen_planning"] = next(
            (bool(i.evidence) for d in dims for i in d.indicators if i.id.endswith("lansstyrelsen_planning")), None
        )
    geography_matrix = None
    if any(r.group == "geography_type" for r in a.book.rules):
        from ..analyse.matrix import build_matrix

        geography_matrix = build_matrix(a).to_dict()
    doc = a.document
    from ..analyse.structure import genre

    headings = [s.text for s in a.sentences if s.kind == "heading"]
    kind, cues = genre(headings, headings[0] if headings else "")
    warnings = list(a.warnings)
    if kind != "strategy":
        warnings.append(
            "the document does not read like a regional development strategy (few of vision, mål, "
            "prioriteringar, genomförande, uppföljning among its headings): the scores are calibrated for "
            "development strategies"
        )
    document = {
        "path": doc.path,
        "sha256": doc.sha256,
        "format": doc.format,
        "pages": len(doc.pages),
        "words": doc.words,
        "sentences": len(a.sentences),
        "maps": sum(1 for p in doc.pages for f in p.figures if f.kind == "map"),
        "images": sum(p.images for p in doc.pages),
        "genre": kind,
        "genre_cues": cues,
    }
    if ocr is not None:
        document["ocr"] = ocr
    region = {
        "code": region_code,
        "name": a.region.name if a.region else None,
        "detected": a.region_detected,
    }
    return Report(
        document,
        region,
        scores,
        dims,
        places,
        coverage,
        national,
        a.book.version,
        geography_matrix=geography_matrix,
        planning=planning,
        collaboration=collaboration,
        warnings=list(dict.fromkeys(warnings)),
    )
