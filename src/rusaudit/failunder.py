"""`--fail-under`, the coverage.py convention: `40` for the overall score, `territorial=50` per dimension.

Repeatable; a later value for the same dimension wins. Scores are compared as reports
print them (one decimal), so `59.3` passes `--fail-under 59.3`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import RusauditError

OPTION = "--fail-under"
EPS = 1e-9


@dataclass(frozen=True)
class Shortfall:
    dimension: str
    actual: float | None
    minimum: float


def parse_fail_under(values: list[str], dimensions: list[str], option: str = OPTION) -> dict[str, float]:
    """{dimension or "overall": minimum}; raises RusauditError naming the option."""
    import difflib

    known = [*dimensions, "overall"]
    limits: dict[str, float] = {}
    for raw in values:
        dim, eq, number = raw.partition("=")
        dim, number = (dim.strip(), number.strip()) if eq else ("overall", raw.strip())
        if dim not in known:
            close = difflib.get_close_matches(dim, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise RusauditError(f"unknown dimension '{dim}' (known: {', '.join(known)}){hint}", option)
        try:
            value = float(number)
        except ValueError:
            raise RusauditError(f"'{raw}' is not a score: write 40 or territorial=50", option) from None
        if not 0 <= value <= 100:
            raise RusauditError(f"'{raw}': a score runs from 0 to 100", option)
        limits[dim] = value
    return limits


def shortfalls(scores: dict[str, float | None], limits: dict[str, float]) -> list[Shortfall]:
    """The limits a report's scores do not reach (a missing score never reaches one)."""
    out = []
    for dim, minimum in limits.items():
        actual = scores.get(dim)
        if actual is None or round(actual, 1) + EPS < minimum:
            out.append(Shortfall(dim, actual, minimum))
    return out
