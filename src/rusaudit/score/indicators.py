"""One small function per indicator: (analysis, parameters) -> value, evidence, details.

An indicator's `measure` in the rule YAML names one of these functions; its
`params` are passed in, its `scoring` turns the value into 0–1 (see functions.py).
"""

from __future__ import annotations

from collections.abc import Callable

from ..analyse.analyzer import Analysis, Sentence
from ..analyse.places import PlaceHit
from .model import Evidence

Measure = Callable[[Analysis, dict], tuple[float, list[Evidence], dict]]
MEASURES: dict[str, Measure] = {}


def measure(name: str):
    def register(fn: Measure) -> Measure:
        MEASURES[name] = fn
        return fn

    return register


def _place_ev(s: Sentence, h: PlaceHit) -> Evidence:
    return Evidence(s.page, s.text, h.text, f"place:{h.place.id}")


def _named_places(a: Analysis, s: Sentence) -> list[PlaceHit]:
    """Places other than the region itself: saying "Västerbotten" says nothing about where."""
    own = a.region.id if a.region else None
    return [h for h in s.places if h.place.id != own and h.place.kind != "fa_region"]


def _group(a: Analysis, group: str) -> set[str]:
    return {r.id for r in a.book.rules if r.group == group}


def _geo_rules(a: Analysis, p: dict) -> set[str]:
    return _group(a, p.get("geography_group", "geography_type"))


def is_geographic(a: Analysis, s: Sentence, geo_rules: set[str], in_region_only: bool = False) -> bool:
    places = _named_places(a, s)
    if in_region_only:
        places = [h for h in places if h.place.in_region(a.region.code if a.region else None)]
    return bool(places) or any(m.rule in geo_rules for m in s.matches)


@measure("place_density")
def place_density(a: Analysis, p: dict):
    """Named places (other than the region itself) per 1,000 words."""
    ev = [_place_ev(s, h) for s in a.sentences for h in _named_places(a, s)]
    words = max(a.document.words, 1)
    return len(ev) * 1000.0 / words, ev, {"mentions": len(ev), "words": a.document.words}


@measure("municipality_coverage")
def municipality_coverage(a: Analysis, p: dict):
    """Share of the region's municipalities that the text names at least once."""
    if a.region is None:
        return 0.0, [], {"named": [], "missing": [], "total": 0, "note": "region unknown"}
    munis = a.gazetteer.municipalities_in(a.region.code)
    first: dict[str, Evidence] = {}
    for s in a.sentences:
        for h in s.places:
            if h.place.kind == "municipality" and h.place.code not in first:
                first[h.place.code] = _place_ev(s, h)
    named = [m for m in munis if m.code in first]
    missing = [m for m in munis if m.code not in first]
    value = len(named) / len(munis) if munis else 0.0
    return (
        value,
        [first[m.code] for m in named],
        {
            "named": [m.name for m in named],
            "missing": [m.name for m in missing],
            "total": len(munis),
        },
    )


def _distinct_rules(a: Analysis, rule_ids: set[str], per_rule: int = 3):
    ev: list[Evidence] = []
    seen: dict[str, int] = {}
    for s in a.sentences:
        for m in s.matches:
            if m.rule in rule_ids:
                seen[m.rule] = seen.get(m.rule, 0) + 1
                if seen[m.rule] <= per_rule:
                    ev.append(Evidence(s.page, s.text, m.text, m.rule))
    return seen, ev


@measure("distinct_rules")
def distinct_rules(a: Analysis, p: dict):
    """How many of a group's rules are found (weighted by rule weight)."""
    group = p.get("group", "geography_type")
    rules = {r.id: r for r in a.book.rules if r.group == group}
    seen, ev = _distinct_rules(a, set(rules), int(p.get("evidence_per_rule", 3)))
    value = sum(rules[r].weight for r in seen)
    return (
        float(value),
        ev,
        {"found": sorted(seen), "missing": sorted(set(rules) - set(seen)), "counts": dict(sorted(seen.items()))},
    )


@measure("place_specific_statements")
def place_specific_statements(a: Analysis, p: dict):
    """Share of challenge, goal and action sentences that name a place or geography type."""
    cues = _group(a, p.get("cue_group", "statement_cue"))
    geo = _geo_rules(a, p)
    statements = [s for s in a.sentences if s.kind != "heading" and any(m.rule in cues for m in s.matches)]
    tied = [s for s in statements if is_geographic(a, s, geo)]
    ev = []
    for s in tied:
        where = [h.text for h in _named_places(a, s)] + [m.text for m in s.matches if m.rule in geo]
        ev.append(Evidence(s.page, s.text, ", ".join(dict.fromkeys(where)), "place_specific_statement"))
    value = len(tied) / len(statements) if statements else 0.0
    return value, ev, {"statements": len(statements), "place_specific": len(tied)}


@measure("spread")
def spread(a: Analysis, p: dict):
    """Share of text pages with at least one geographic reference."""
    geo = _geo_rules(a, p)
    min_words = int(p.get("min_words", 40))
    text_pages = [pg.number for pg in a.document.pages if pg.words >= min_words]
    first: dict[int, Evidence] = {}
    for s in a.sentences:
        if s.page in first or not is_geographic(a, s, geo):
            continue
        places = _named_places(a, s)
        match = places[0].text if places else next(m.text for m in s.matches if m.rule in geo)
        first[s.page] = Evidence(s.page, s.text, match, "spread")
    with_geo = [n for n in text_pages if n in first]
    value = len(with_geo) / len(text_pages) if text_pages else 0.0
    return (
        value,
        [first[n] for n in with_geo],
        {
            "pages": len(text_pages),
            "pages_with_geography": len(with_geo),
            "pages_without": [n for n in text_pages if n not in first],
        },
    )


@measure("maps")
def maps(a: Analysis, p: dict):
    """Maps in the document: figures captioned Karta/Map."""
    ev = [
        Evidence(pg.number, f.caption, f.caption.split(".")[0], "map")
        for pg in a.document.pages
        for f in pg.figures
        if f.kind == "map"
    ]
    return float(len(ev)), ev, {"maps": len(ev), "images": sum(pg.images for pg in a.document.pages)}


def rule_value(a: Analysis, rule) -> tuple[float, list[Evidence], dict]:
    """A rule as an indicator: the weight of the distinct themes its patterns found."""
    themes: dict[str, float] = {}
    weighted: list[tuple[float, Evidence]] = []
    for s, m in a.rule_matches(rule.id):
        themes[m.theme] = max(themes.get(m.theme, 0.0), m.weight)
        weighted.append((m.weight, Evidence(s.page, s.text, m.text, rule.id)))
    # The strongest evidence first (an exact title before a theme word), then by page.
    ev = [e for _, e in sorted(weighted, key=lambda we: -we[0])]
    return sum(themes.values()), ev, {"count": len(ev), "themes": sorted(themes)}
