"""What a report says about each rule and indicator: how often it matched, and where.

Read from the report's JSON (`Report.to_dict()`), so a saved report and a fresh scan
give the same answer. A rule or indicator is *satisfied* when it has at least one
match (one piece of evidence) in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Status:
    count: int  # matches (rules) or pieces of evidence (indicators)
    kind: str  # "rule" | "indicator"
    pages: list[int] = field(default_factory=list)  # evidence pages the report carries

    @property
    def satisfied(self) -> bool:
        return self.count > 0


def _pages(evidence: list[dict], rule: str | None = None) -> list[int]:
    return sorted({e["page"] for e in evidence if rule is None or e.get("rule") == rule})


def statuses(report: dict) -> dict[str, Status]:
    """Rule and indicator ids -> Status, for everything the report shows."""
    out: dict[str, Status] = {}
    for dim in report.get("dimensions", []):
        for ind in dim.get("indicators", []):
            ev = ind.get("evidence") or []
            details = ind.get("details") or {}
            # A rule scored as an indicator (rules_as_indicators) reports its themes.
            kind = "rule" if "themes" in details else "indicator"
            out[ind["id"]] = Status(len(ev), kind, _pages(ev))
            # Group indicators (distinct_rules) list their rules' full counts; evidence is capped.
            if isinstance(details.get("counts"), dict) and "found" in details:
                for rid in [*details.get("found", []), *details.get("missing", [])]:
                    out[rid] = Status(int(details["counts"].get(rid, 0)), "rule", _pages(ev, rid))
    # Rules reported one by one: the national strategy; planning and collaboration actors when present.
    actors = (report.get("collaboration") or {}).get("actors") or []
    for item in [*(report.get("national_strategy") or []), *(report.get("planning") or []), *actors]:
        if isinstance(item, dict) and "id" in item and "count" in item:
            out[item["id"]] = Status(int(item["count"]), "rule", _pages(item.get("evidence") or []))
    return out


def satisfied_rules(report: dict) -> dict[str, int]:
    """Satisfied rule ids (not plain indicators) -> match count, sorted."""
    return {k: s.count for k, s in sorted(statuses(report).items()) if s.kind == "rule" and s.satisfied}
