"""Scoring results: plain dataclasses that the report serialises."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analyse.evidence import Evidence

__all__ = ["DimensionResult", "Evidence", "IndicatorResult"]


@dataclass
class IndicatorResult:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    value: float | None
    score: float | None  # 0–1; None when the indicator could not be computed
    scoring: dict
    evidence: list[Evidence] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    error: str | None = None


@dataclass
class DimensionResult:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    score: float | None  # 0–100; None when an indicator errored
    indicators: list[IndicatorResult] = field(default_factory=list)
