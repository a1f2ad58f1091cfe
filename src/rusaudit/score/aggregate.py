"""Weighted means, Lighthouse style: indicators -> dimension (0–100) -> overall."""

from __future__ import annotations

from ..analyse.analyzer import Analysis
from ..rulelang import Dimension
from . import functions
from .indicators import MEASURES, rule_value
from .model import DimensionResult, IndicatorResult
from .verdict import rule_verdict

DEFAULT_RULE_SCORING = {"function": "linear", "lo": 0, "hi": 1}


def is_cue(rule) -> bool:
    """Cue rules (group *_cue) mark sentences for other rules; they are not scored."""
    return bool(rule.group and rule.group.endswith("_cue"))


def weighted_mean(pairs: list[tuple[float, float | None]]) -> float | None:
    """Mean of (weight, score) pairs; None if any score is None (an error is not a zero)."""
    if any(s is None for _, s in pairs):
        return None
    total = sum(w for w, _ in pairs)
    if total <= 0:
        return None
    return sum(w * s for w, s in pairs) / total  # type: ignore[operator]


def score_dimension(a: Analysis, dim: Dimension) -> DimensionResult:
    results: list[IndicatorResult] = []
    for ind in dim.indicators:
        res = IndicatorResult(ind.id, ind.title, ind.description, ind.weight, None, None, ind.scoring)
        fn = MEASURES.get(ind.measure)
        if fn is None:
            res.error = f"unknown measure '{ind.measure}'"
        else:
            value, ev, details = fn(a, ind.params)
            res.value, res.evidence, res.details = value, ev, details
            res.score = functions.apply(ind.scoring, value)
        results.append(res)
    if dim.rules_as_indicators:
        for rule in dim.rules:
            if is_cue(rule):
                continue
            scoring = rule.scoring or DEFAULT_RULE_SCORING
            if dim.rule_value == "verdict":
                value, ev, details = rule_verdict(a, rule, dim)
            else:
                value, ev, details = rule_value(a, rule, dim)
            weight = rule.weight
            if rule.informative:  # shown with its evidence, but its family did not earn a place in the score
                weight, details = 0.0, {**details, "informative": True}
            results.append(
                IndicatorResult(
                    rule.id,
                    rule.title,
                    rule.description,
                    weight,
                    value,
                    functions.apply(scoring, value),
                    scoring,
                    ev,
                    details,
                )
            )
    mean = weighted_mean([(r.weight, r.score) for r in results])
    return DimensionResult(
        dim.id, dim.title, dim.description, dim.weight, None if mean is None else 100.0 * mean, results
    )


def score_all(a: Analysis) -> tuple[list[DimensionResult], float | None]:
    dims = [score_dimension(a, d) for d in a.book.dimensions]
    overall = weighted_mean([(d.weight, d.score) for d in dims])
    return dims, overall
