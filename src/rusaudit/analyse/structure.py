"""Strategy elements: is a sentence about challenges, vision and goals, or strategic choices?

Headings decide first: the deepest heading in a sentence's section path that names an
element classifies everything under it ("Prioriteringar > 1. Kompetens" is a strategic
choice). Text under headings that name none is classified by its own cue words
(rules of group `statement_cue` whose `params.element` names the element); what fits
nothing is `other`.
"""

from __future__ import annotations

from functools import lru_cache

from .morphology import TermIndex

ELEMENTS = ("challenges", "vision_goals", "strategic_choices")
COLUMNS = ELEMENTS + ("other",)

# Heading words (base forms; inflections and compounds match) per element.
HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "challenges": (
        "utmaning",
        "analys",
        "förutsättning",
        "nuläge",
        "nulägesbeskrivning",
        "nulägesanalys",
        "omvärld",
        "omvärldsanalys",
        "problem",
        "swot",
        "styrka",
        "svaghet",
        "läge",
        "bakgrund",
    ),
    "vision_goals": ("vision", "mål", "målbild", "målsättning", "ambition", "vägen framåt"),
    "strategic_choices": (
        "prioritering",
        "prioriterad",
        "insatsområde",
        "strategiska val",
        "strategiskt val",
        "vägval",
        "åtgärd",
        "genomförande",
        "handlingsplan",
        "insats",
        "satsning",
        "strategi för",
        "så gör vi",
        "prioriteringsområde",
        "målområde",
    ),
}


@lru_cache(maxsize=1)
def _heading_index() -> tuple[TermIndex, dict[tuple[str, ...], str]]:
    index = TermIndex()
    phrases: dict[tuple[str, ...], str] = {}
    for element, words in HEADING_WORDS.items():
        for w in words:
            parts = tuple(w.split())
            if len(parts) == 1:
                index.add(element, w, compound=True)
            else:
                phrases[parts] = element
    return index, phrases


def heading_element(heading: str) -> str | None:
    """The element a heading names: the first element word in it wins."""
    index, phrases = _heading_index()
    words = [w.strip(".,:;()–-0123456789").lower() for w in heading.split()]
    words = [w for w in words if w]
    for i, w in enumerate(words):
        for parts, element in phrases.items():
            if tuple(words[i : i + len(parts)]) == parts:
                return element
        # an inflected heading word (målområden) before a compound reading (mål-områden)
        for keys in (index.exact(w), index.lookup(w)):
            for element in ELEMENTS:
                if element in keys:
                    return element
    return None


def classify(section: tuple[str, ...], cue_elements: list[str]) -> str:
    """Element of a sentence from its heading path, else from its cues (first cue wins)."""
    for heading in reversed(section):
        element = heading_element(heading)
        if element:
            return element
    return cue_elements[0] if cue_elements else "other"


# Genre: what a development strategy has that other documents (motions, reports) lack.
# Each cue is found when a heading has a word starting with one of its stems.
GENRE_CUES: dict[str, tuple[str, ...]] = {
    "vision": ("vision", "målbild"),
    "mål": ("mål", "målsättning", "målområde"),
    "prioriteringar": ("prioriter", "insatsområde", "fokusområde", "strategiska val", "vägval"),
    "genomförande": ("genomförande", "handlingsplan", "så gör vi"),
    "uppföljning": ("uppföljning", "utvärdering", "indikator"),
}
TITLE_WORDS = ("utvecklingsstrategi", "strategi", "rus")
STRATEGY_CUES = 3  # cues needed for `strategy`; one fewer when the title says strategy


def _has(text: str, stem: str) -> bool:
    low = text.lower()
    if " " in stem:
        return stem in low
    return any(w.startswith(stem) for w in (w.strip(".,:;()–-•0123456789") for w in low.split()))


def genre(headings: list[str], title: str) -> tuple[str, list[str]]:
    """`strategy` or `other`, and the cues found (in headings, and the strategy word in the title)."""
    cues = [cue for cue, stems in GENRE_CUES.items() if any(_has(h, st) for h in headings for st in stems)]
    titled = any(_has(title, w) for w in TITLE_WORDS)
    if titled:
        cues.append("titel")
    needed = STRATEGY_CUES - 1 if titled else STRATEGY_CUES
    found = len([c for c in cues if c != "titel"])
    return ("strategy" if found >= needed else "other"), cues
