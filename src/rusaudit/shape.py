"""Untrusted structured data (cache entries, baselines, settings) checked before use.

A parser accepts far more than rusaudit can use: nesting a thousand levels deep (which
overflows Python's stack later), `NaN` and `Infinity`, integers with thousands of digits.
`parse_json` and `check_tree` turn all of that into one `ValueError` with a short reason,
and `conforms` checks a tree against a small type spec (extra keys are allowed).
"""

from __future__ import annotations

import json
import math

MAX_DEPTH = 64
MAX_INT = 10**15  # nothing rusaudit counts comes near; a bigger number is damage or an attack


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def parse_json(text: str | bytes, max_depth: int = MAX_DEPTH):
    """`json.loads` that rejects NaN/Infinity, huge integers and deep nesting with ValueError."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError(f"nested deeper than {max_depth} levels") from None
    check_tree(data, max_depth)
    return data


def check_tree(data, max_depth: int = MAX_DEPTH) -> None:
    """ValueError when `data` nests deeper than `max_depth`, or holds a non-finite or huge number."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            if depth > max_depth:
                raise ValueError(f"nested deeper than {max_depth} levels")
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            if depth > max_depth:
                raise ValueError(f"nested deeper than {max_depth} levels")
            stack.extend((v, depth + 1) for v in node)
        elif isinstance(node, float):
            if not math.isfinite(node):
                raise ValueError(f"{node} is not a finite number")
        elif isinstance(node, int) and not isinstance(node, bool) and abs(node) > MAX_INT:
            raise ValueError("a number is out of range")


# ---------------------------------------------------------------- type specs
# A spec is: a type or tuple of types (`NUM`, `str`, ...), `Opt(spec)` (None allowed),
# `[spec]` (a list of such), `MapOf(spec)` (a dict of str to such), `{key: spec}` (a dict
# with at least these keys; a key ending in "?" may be missing), or `ANY`.


class Opt:
    def __init__(self, spec):
        self.spec = spec


class MapOf:
    def __init__(self, spec):
        self.spec = spec


ANY = object()
NUM = "number"  # int or float, not bool
INT = "integer"  # int, not bool


def conforms(value, spec, where: str = "$") -> None:
    """ValueError naming the first place where `value` does not match `spec`."""
    if spec is ANY:
        return
    if isinstance(spec, Opt):
        if value is not None:
            conforms(value, spec.spec, where)
        return
    if spec == NUM:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{where}: expected a number")
        return
    if spec == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: expected an integer")
        return
    if isinstance(spec, list):
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        for i, v in enumerate(value):
            conforms(v, spec[0], f"{where}[{i}]")
        return
    if isinstance(spec, MapOf):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        for k, v in value.items():
            conforms(v, spec.spec, f"{where}.{k}")
        return
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        for key, sub in spec.items():
            name = key.rstrip("?")
            if name not in value:
                if key.endswith("?"):
                    continue
                raise ValueError(f"{where}.{name}: missing")
            conforms(value[name], sub, f"{where}.{name}")
        return
    if not isinstance(value, spec) or (spec is int and isinstance(value, bool)):
        raise ValueError(f"{where}: expected {getattr(spec, '__name__', spec)}")
