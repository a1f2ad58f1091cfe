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


def excluded_lines(excluded: list[dict], lang: str = "sv") -> list[str]:
    """One line per thing left out of the audit, with why: pages, a section, a silenced finding."""
    from ..gate.texts import fmt_pages
    from .i18n import t

    out = []
    for e in excluded:
        pages = fmt_pages(e.get("pages", []), limit=40)
        if e["kind"] == "pages":
            out.append(f"{t(lang, 'pages')} {pages} ({e['reason']})")
        elif e["kind"] == "section":
            out.append(f"{e['title']}, {t(lang, 'page')} {pages} ({e['reason']})")
        else:
            out.append(f"{e['rule']}, {t(lang, 'page')} {pages}: {clip(e.get('sentence', ''), 90)} ({e['reason']})")
    return out
