"""The rule language as plain data: patterns, rules, indicators, dimensions, rule books.

A rule file describes one scoring dimension: its indicators (with the parameters of
their 0–1 scoring functions) and its rules. A rule has patterns of three kinds:
`term` (Swedish inflection and compounds), `phrase` (literal words, any case) and
`regex` (guarded, and run with a timeout). A pattern may need context (`near`: a match
of another rule or group within a window of words); a rule may name wrong senses
(`unless`: patterns whose match voids an overlapping match, such as agency names) and
the block kinds it reads (`kinds`, by default running prose).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..extract.model import PROSE_KINDS

TITLE_THEME = "title"  # a pattern with this theme names the item itself (its title or an explicit reference)


@dataclass(frozen=True)
class Near:
    """Context a pattern needs: a match of one of `rules` or of a rule in `group` within `window` words."""

    rules: tuple[str, ...] = ()
    group: str | None = None
    window: int = 8


@dataclass(frozen=True)
class Pattern:
    kind: str  # term | phrase | regex
    value: str
    weight: float = 1.0
    theme: str | None = None
    compound: bool | None = None
    head: bool = False
    exclude: tuple[str, ...] = ()
    near: Near | None = None
    kinds: frozenset[str] | None = None  # block kinds for this pattern; None = the rule's

    @property
    def theme_key(self) -> str:
        return self.theme or self.value.lower()


@dataclass
class Rule:
    id: str
    dimension: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    patterns: list[Pattern]
    group: str | None = None
    source: str | None = None
    scoring: dict = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    origin: str = ""  # file the rule came from
    params: dict = field(default_factory=dict)  # read by measures (e.g. a ladder `level`)
    unless: list[Pattern] = field(default_factory=list)  # wrong senses: a match inside one does not count
    kinds: frozenset[str] = PROSE_KINDS  # block kinds whose sentences the rule reads
    informative: bool = False  # shown, not scored (its family did not reach the evaluation bar)


@dataclass
class Indicator:
    id: str
    measure: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    scoring: dict
    params: dict = field(default_factory=dict)


@dataclass
class Dimension:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    indicators: list[Indicator]
    rules: list[Rule]
    rules_as_indicators: bool = False
    # how a rule's value is computed when rules are indicators: "themes" (summed weight
    # of distinct themes), "presence" (1 when found) or "verdict" (named / treated /
    # touched / absent, see score/verdict.py); `explicit` adds a bonus when a match
    # shares its sentence with a rule of the given cue group
    rule_value: str = "themes"
    explicit: dict = field(default_factory=dict)
    verdict: dict = field(default_factory=dict)  # thresholds and scores of the verdicts
    origin: str = ""
    sha256: str = ""
    extended_by: list[str] = field(default_factory=list)  # users' files merged in: "name@hash"
    version: str = "1"
    order: int = 100  # position in reports


@dataclass(frozen=True)
class RuleMatch:
    rule: str
    pattern: int
    theme: str
    weight: float
    start: int
    end: int
    text: str


@dataclass
class RuleBook:
    dimensions: list[Dimension]
    notices: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # users' places files: "name@hash"

    @property
    def rules(self) -> list[Rule]:
        return [r for d in self.dimensions for r in d.rules]

    def dimension(self, dim_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def group(self, name: str) -> set[str]:
        return {r.id for r in self.rules if r.group == name}

    @property
    def version(self) -> str:
        """Names and content hashes of the rule sets used: reports compare only when equal."""
        parts = [f"{d.id}@{d.sha256[:12]}" + "".join(f"+{x}" for x in d.extended_by) for d in self.dimensions]
        parts += [f"places:{x}" for x in self.places]
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
        return f"{digest} ({', '.join(parts)})"
