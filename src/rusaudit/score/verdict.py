"""Graded verdicts for checklist items (the national strategy): named, treated, touched, absent.

- named: a pattern with theme `title` matched (the item's title or an explicit reference);
- treated: at least `treated_themes` distinct themes, in at least `treated_sentences`
  sentences of the strategy's own vision, goals, priorities or actions (`elements`), at
  least one of them an action or priority (`action_elements`); a sentence that lists
  `catalogue_items` checklist items or more is a list of topics and does not count;
- touched: some theme, but fewer, or only in background text;
- absent: nothing in the running prose.

The score is the verdict's, so an item never gains from repetition or document length.
"""

from __future__ import annotations

from ..analyse.analyzer import Analysis
from ..rulelang.model import TITLE_THEME
from .model import Evidence

VERDICTS = ("named", "treated", "touched", "absent")
DEFAULTS = {
    "treated_themes": 3,
    "treated_sentences": 2,
    "elements": ["vision_goals", "strategic_choices"],
    # buzzwords in a vision or in a list of every area do not make an item treated:
    # the strategy must commit to something on it
    "action_elements": ["strategic_choices"],
    "catalogue_items": 3,
    "scores": {"named": 1.0, "treated": 0.8, "touched": 0.3, "absent": 0.0},
}


def settings(dim) -> dict:
    cfg = {**DEFAULTS, **(dim.verdict if dim is not None else {})}
    cfg["scores"] = {**DEFAULTS["scores"], **cfg.get("scores", {})}
    return cfg


def rule_verdict(a: Analysis, rule, dim) -> tuple[float, list[Evidence], dict]:
    """(score of the verdict, evidence strongest first, details with the verdict and its reasons)."""
    cfg = settings(dim)
    normative = set(cfg["elements"])
    actions = set(cfg["action_elements"])
    items = {r.id for r in dim.rules if not (r.group and r.group.endswith("_cue"))} if dim is not None else {rule.id}
    ranked: list[tuple[int, int, Evidence]] = []
    themes: set[str] = set()
    normative_themes: set[str] = set()
    normative_sentences: set[int] = set()
    in_action = False
    named = False
    for s, m in a.rule_matches(rule.id):
        is_title = m.theme == TITLE_THEME
        in_norm = s.element in normative
        named = named or is_title
        if not is_title:
            themes.add(m.theme)
            if in_norm and len({x.rule for x in s.matches if x.rule in items}) < cfg["catalogue_items"]:
                normative_themes.add(m.theme)
                normative_sentences.add(s.index)
                in_action = in_action or not actions or s.element in actions
        rank = 0 if is_title else (1 if in_norm else 2)
        ranked.append((rank, s.index, Evidence(s.page, s.text, m.text, rule.id)))
    if named:
        verdict = "named"
    elif (
        len(normative_themes) >= cfg["treated_themes"]
        and len(normative_sentences) >= cfg["treated_sentences"]
        and in_action
    ):
        verdict = "treated"
    elif ranked:
        verdict = "touched"
    else:
        verdict = "absent"
    per_sentence: dict[int, set[str]] = {}
    for s, m in a.rule_matches(rule.id):
        per_sentence.setdefault(s.index, set()).add(m.theme)
    # titles first, then the strategy's own commitments; the sentence with most themes first
    order = sorted(ranked, key=lambda r: (r[0], -len(per_sentence.get(r[1], ())), r[1]))
    evidence = [e for _, _, e in order]
    details = {
        "verdict": verdict,
        "count": len(evidence),
        "themes": sorted(themes),
        "normative_themes": sorted(normative_themes),
        "normative_sentences": len(normative_sentences),
    }
    return float(cfg["scores"][verdict]), evidence, details
