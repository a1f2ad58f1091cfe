"""The 0–1 scoring functions. Their parameters live in the rule YAML files.

- `linear`: 0 at `lo` (default 0), 1 at `hi`, straight in between.
- `log`: diminishing returns, log(1 + v) / log(1 + hi), capped at 1.
- `step`: 1 when the value reaches `at`, else 0.
"""

from __future__ import annotations

import math

FUNCTIONS = ("linear", "log", "step")


def check(scoring: dict) -> str | None:
    """A message when the parameters are unusable, else None."""
    fn = scoring.get("function", "linear")
    if fn not in FUNCTIONS:
        return f"unknown scoring function '{fn}' (expected one of {', '.join(FUNCTIONS)})"
    try:
        if fn == "linear" and float(scoring.get("hi", 1)) <= float(scoring.get("lo", 0)):
            return "linear scoring needs hi > lo"
        if fn == "log" and float(scoring.get("hi", 1)) <= 0:
            return "log scoring needs hi > 0"
        if fn == "step":
            float(scoring.get("at", 1))
    except (TypeError, ValueError):
        return "scoring parameters must be numbers"
    return None


def apply(scoring: dict, value: float) -> float:
    fn = scoring.get("function", "linear")
    if fn == "log":
        hi = float(scoring.get("hi", 1))
        s = math.log1p(max(value, 0.0)) / math.log1p(hi)
    elif fn == "step":
        s = 1.0 if value >= float(scoring.get("at", 1)) else 0.0
    else:
        lo, hi = float(scoring.get("lo", 0)), float(scoring.get("hi", 1))
        s = (value - lo) / (hi - lo)
    return min(1.0, max(0.0, s))


def describe(scoring: dict, lang: str = "sv") -> str:
    fn = scoring.get("function", "linear")
    if fn == "log":
        return f"log(1+v)/log(1+{scoring.get('hi', 1)})"
    if fn == "step":
        return ("1 om v ≥ {at}" if lang == "sv" else "1 if v ≥ {at}").format(at=scoring.get("at", 1))
    return f"(v − {scoring.get('lo', 0)}) / ({scoring.get('hi', 1)} − {scoring.get('lo', 0)})"
