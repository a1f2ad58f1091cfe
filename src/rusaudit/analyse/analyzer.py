"""Run the analysis of one document: sentences, places, rule matches, region."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..extract.model import Document
from ..rulelang import RuleBook, RuleMatch, RuleMatcher
from .gazetteer import Gazetteer, Place
from .places import PlaceHit, PlaceMatcher
from .sentences import sentence_spans
from .structure import classify

# Blocks whose place names are not the strategy naming a place: contents lines, reference and
# source lists ("Stockholm: Kulturdepartementet."), addresses, footnotes and labels inside figures.
NO_PLACE_KINDS = frozenset({"toc", "reference", "contact", "footnote", "figure_text"})


@dataclass
class Sentence:
    index: int
    page: int
    text: str
    kind: str  # block kind, see extract.model.BLOCK_KINDS
    section: tuple[str, ...]  # heading path above the sentence
    element: str = "other"  # challenges | vision_goals | strategic_choices | other
    places: list[PlaceHit] = field(default_factory=list)
    undecided: list[PlaceHit] = field(default_factory=list)  # shared locality names the region may decide
    matches: list[RuleMatch] = field(default_factory=list)


@dataclass
class Analysis:
    document: Document
    sentences: list[Sentence]
    region: Place | None
    region_detected: bool
    gazetteer: Gazetteer
    book: RuleBook
    warnings: list[str] = field(default_factory=list)
    extras: dict = field(default_factory=dict)  # derived views computed once (matrix, collaboration)

    def rule_matches(self, rule_id: str) -> list[tuple[Sentence, RuleMatch]]:
        return [(s, m) for s in self.sentences for m in s.matches if m.rule == rule_id]


class Analyzer:
    """Holds the compiled gazetteer and rules, so a batch compiles them once."""

    def __init__(self, book: RuleBook, gazetteer: Gazetteer):
        self.book = book
        self.gazetteer = gazetteer
        self.places = PlaceMatcher(gazetteer)
        self.rules = RuleMatcher(book)
        # rule id -> the strategy element its cue words point to
        self.cue_element = {
            r.id: r.params["element"] for r in book.rules if r.group == "statement_cue" and r.params.get("element")
        }

    def sentences(self, document: Document, progress=None) -> list[Sentence]:
        """Sentences with places and rule matches; `progress(pages_done, pages)` as pages finish."""
        out: list[Sentence] = []
        total, done, page = len(document.pages), 0, None
        for sp in sentence_spans(document):
            if progress is not None and sp.page != page:
                if page is not None:
                    done += 1
                    progress(done, total)
                page = sp.page
            text, toks = sp.text, sp.toks
            s = Sentence(len(out), sp.page, text, sp.kind, sp.section)
            s.places, s.undecided = self.places.find_all(toks)
            s.matches = self.rules.match(text, toks)
            cues = [self.cue_element[m.rule] for m in s.matches if m.rule in self.cue_element]
            s.element = classify(sp.section, cues)
            out.append(s)
        if progress is not None:
            progress(total, total)
        return out

    def run(self, document: Document, region: str | None = None, progress=None) -> Analysis:
        from .region import other_county, resolve_region

        resolved = resolve_region(region, self.gazetteer) if region else None  # a typo fails before the work
        self.rules.reset()
        sentences = self.sentences(document, progress)
        for s in sentences:  # a rule reads only its block kinds (by default prose, not contents or tables)
            s.matches = self.rules.in_kind(s.kind, s.matches)
            if s.kind in NO_PLACE_KINDS:
                s.places = []
        region_notes: list[str] = []
        if resolved:
            county, detected = resolved.county, False
            region_notes = [n for n in (resolved.hint, other_county(sentences, county, self.gazetteer)) if n]
        else:
            county = detect_region(sentences, self.gazetteer)
            detected = county is not None
        if county is not None:  # "Ås" in a strategy for Jämtland is Ås in Krokom
            for s in sentences:
                s.places = self.places.resolve_namesakes(s.places, s.undecided, county.code)
        warnings = list(document.warnings) + list(self.rules.warnings) + region_notes
        if county is None:
            warnings.append("region could not be detected: municipality coverage counts as 0; set --region")
        return Analysis(document, sentences, county, detected, self.gazetteer, self.book, warnings)


def detect_region(sentences: list[Sentence], gz: Gazetteer) -> Place | None:
    """The county the text refers to most: its own name twice, its places once.

    A railway, road or EU region votes only when it lies in one county (Ådalsbanan);
    E4 or Övre Norrland say nothing about which county is meant."""
    votes: Counter[str] = Counter()
    for s in sentences:
        for h in s.places:
            p = h.place
            if p.kind == "county":
                votes[p.code] += 2
            elif p.kind in ("municipality", "locality") or (
                p.kind in ("subregion", "infrastructure", "eu_region") and len(p.counties) == 1
            ):
                votes[p.counties[0]] += 1
    if not votes:
        return None
    code = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return gz.places.get(f"lan:{code}")
