"""The one rounding rule for every output and language: half away from zero, on the decimal value.

`round()` rounds the binary value half to even (59.25 -> 59.2, 0.125 -> 0.12), so a score
could print differently in JSON, the terminal and a gate message. Everything rounds here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, digits: int = 1) -> float:
    """`value` rounded to `digits` decimals, halves away from zero (59.25 -> 59.3)."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
