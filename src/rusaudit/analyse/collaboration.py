"""Collaboration statements: an actor, a collaboration cue and the strategy's own side.

A sentence counts only when the strategy's own side is a party to it (rules of group
`own_side_cue`: vi, regionen, strategin, "tillsammans med" ...), so that others'
collaboration and legal procedures are not the region's commitments. Rule sets without
such a group keep the looser reading (actor and cue).

Each statement reaches the highest ladder step (rules of group `ladder` with
`params.level`, 1 Öppenhet … 8 Samskapa) whose cues it carries. Per actor group the
profile keeps how often it is named and the highest step it reaches.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .analyzer import Analysis, Sentence


@dataclass
class Statement:
    sentence: Sentence
    actors: list[str]  # actor rule ids
    level: int
    cue: str  # the words of the highest step


@dataclass
class ActorProfile:
    id: str
    name: dict[str, str]
    count: int = 0  # mentions anywhere in the text
    highest_level: int = 0  # in collaboration statements; 0 = none
    statements: int = 0


@dataclass
class Profile:
    statements: list[Statement] = field(default_factory=list)
    actors: dict[str, ActorProfile] = field(default_factory=dict)
    levels: Counter = field(default_factory=Counter)

    @property
    def highest_level(self) -> int:
        return max((s.level for s in self.statements), default=0)

    def to_dict(self, level_titles: dict[int, dict[str, str]]) -> dict:
        return {
            "actors": [
                {
                    "id": p.id,
                    "name": p.name,
                    "count": p.count,
                    "statements": p.statements,
                    "highest_level": p.highest_level,
                }
                for p in self.actors.values()
            ],
            "levels": {str(k): self.levels.get(k, 0) for k in range(1, 9)},
            "level_titles": {str(k): v for k, v in sorted(level_titles.items())},
            "highest_level": self.highest_level,
            "statements": [
                {
                    "page": s.sentence.page,
                    "sentence": s.sentence.text,
                    "actors": s.actors,
                    "level": s.level,
                    "match": s.cue,
                }
                for s in self.statements
            ],
        }


def level_titles(a: Analysis) -> dict[int, dict[str, str]]:
    return {int(r.params["level"]): r.title for r in a.book.rules if r.group == "ladder" and "level" in r.params}


def build_profile(a: Analysis) -> Profile:
    cached = a.extras.get("collaboration")
    if cached is not None:
        return cached
    actors = {r.id: r for r in a.book.rules if r.group == "actor"}
    levels = {r.id: int(r.params.get("level", 0)) for r in a.book.rules if r.group == "ladder"}
    own = a.book.group("own_side_cue")
    prof = Profile(actors={rid: ActorProfile(rid, r.title) for rid, r in actors.items()})
    for s in a.sentences:
        named = sorted({m.rule for m in s.matches if m.rule in actors})
        for m in s.matches:
            if m.rule in actors:
                prof.actors[m.rule].count += 1
        cues = [(levels[m.rule], m.text) for m in s.matches if m.rule in levels]
        if not named or not cues or s.kind == "heading":
            continue
        if own and not any(m.rule in own for m in s.matches):
            continue
        level, cue = max(cues, key=lambda lc: lc[0])
        prof.statements.append(Statement(s, named, level, cue))
        prof.levels[level] += 1
        for rid in named:
            p = prof.actors[rid]
            p.statements += 1
            p.highest_level = max(p.highest_level, level)
    a.extras["collaboration"] = prof
    return prof
