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
    per_rule = int(p.get("evidence_per_rule", 3))
    seen, ev = _distinct_rules(a, set(rules), per_rule)
    for kind, rule_id in (p.get("places_as") or {}).items():  # a named railway or road is a stråk
        hits = [(s, h) for s in a.sentences for h in _named_places(a, s) if h.place.kind == kind]
        if rule_id in rules and hits:
            ev += [_place_ev(s, h) for s, h in hits[: max(per_rule - seen.get(rule_id, 0), 0)]]
            seen[rule_id] = seen.get(rule_id, 0) + len(hits)
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


@measure("element_coverage")
def element_coverage(a: Analysis, p: dict):
    """Share of the strategy elements (challenges, vision and goals, strategic choices) with geography."""
    from ..analyse.matrix import build_matrix
    from ..analyse.structure import ELEMENTS

    m = build_matrix(a)
    seen = [c for c in ELEMENTS if c not in m.blind]
    ev = []
    for c in seen:
        first = next((cell.evidence[0] for r in m.rows for cell in [m.cells[(r, c)]] if cell.evidence), None)
        if first:
            ev.append(Evidence(first.page, first.sentence, first.match, f"element:{c}"))
    return len(seen) / len(ELEMENTS), ev, {"blind": list(m.blind), "sentences": dict(m.sentences)}


def _statement_ev(st) -> Evidence:
    return Evidence(st.sentence.page, st.sentence.text, st.cue, f"ladder:{st.level}")


@measure("collaboration_actors")
def collaboration_actors(a: Analysis, p: dict):
    """Actor groups that appear in collaboration statements."""
    from ..analyse.collaboration import build_profile

    prof = build_profile(a)
    found = [x for x in prof.actors.values() if x.statements]
    ev = []
    for actor in found:
        st = next(s for s in prof.statements if actor.id in s.actors)
        ev.append(Evidence(st.sentence.page, st.sentence.text, st.cue, actor.id))
    return float(len(found)), ev, {"actors": [x.id for x in found]}


@measure("collaboration_depth")
def collaboration_depth(a: Analysis, p: dict):
    """The highest ladder step any collaboration statement reaches."""
    from ..analyse.collaboration import build_profile

    prof = build_profile(a)
    top = prof.highest_level
    ev = [_statement_ev(s) for s in prof.statements if s.level == top] if top else []
    return float(top), ev, {"levels": {str(k): prof.levels.get(k, 0) for k in range(1, 9)}}


@measure("collaboration_deep_actors")
def collaboration_deep_actors(a: Analysis, p: dict):
    """Actor groups whose collaboration reaches at least `min_level`."""
    from ..analyse.collaboration import build_profile

    prof = build_profile(a)
    min_level = int(p.get("min_level", 5))
    deep = [x for x in prof.actors.values() if x.highest_level >= min_level]
    ev = []
    for actor in deep:
        st = max((s for s in prof.statements if actor.id in s.actors), key=lambda s: s.level)
        ev.append(Evidence(st.sentence.page, st.sentence.text, st.cue, actor.id))
    return float(len(deep)), ev, {"actors": [x.id for x in deep], "min_level": min_level}


@measure("actor_with_topic")
def actor_with_topic(a: Analysis, p: dict):
    """Sentences where an actor appears together with a topic (länsstyrelsen + samhällsplanering)."""
    actor = p.get("actor", "collaboration.actor.lansstyrelsen")
    topics = _group(a, p.get("topic_group", "planning_topic"))
    ev = []
    for s in a.sentences:
        if any(m.rule == actor for m in s.matches):
            hit = next((m for m in s.matches if m.rule in topics), None)
            if hit:
                ev.append(Evidence(s.page, s.text, hit.text, actor))
    return float(len(ev)), ev, {"sentences": len(ev)}


def rule_value(a: Analysis, rule, dim=None) -> tuple[float, list[Evidence], dict]:
    """A rule as an indicator.

    Value: the summed weight of the distinct themes its patterns found (or 1 when found,
    with `rule_value: presence`), plus the dimension's `explicit.bonus` when a match
    shares its sentence with a cue of `explicit.group` (e.g. "samordnas med").
    """
    themes: dict[str, float] = {}
    weighted: list[tuple[float, Evidence]] = []
    explicit_group = (dim.explicit.get("group") if dim else None) or None
    cues = _group(a, explicit_group) if explicit_group else set()
    explicit = 0
    for s, m in a.rule_matches(rule.id):
        themes[m.theme] = max(themes.get(m.theme, 0.0), m.weight)
        is_explicit = bool(cues) and any(x.rule in cues for x in s.matches)
        explicit += is_explicit
        weighted.append((m.weight + (100 if is_explicit else 0), Evidence(s.page, s.text, m.text, rule.id)))
    # The strongest evidence first (an explicit statement, an exact title), then by page.
    ev = [e for _, e in sorted(weighted, key=lambda we: -we[0])]
    if dim is not None and dim.rule_value == "presence":
        value = 1.0 if ev else 0.0
    else:
        value = sum(themes.values())
    if explicit and dim is not None:
        value += float(dim.explicit.get("bonus", 1))
    return value, ev, {"count": len(ev), "themes": sorted(themes), "explicit": explicit}
