"""Literal prefilters: the strings a regex cannot match without.

A rule's regex runs on every sentence unless something cheaper says it cannot match.
`required_literals` reads the pattern's syntax tree and returns strings of which at least
one occurs (lower-cased) in any text the pattern matches, as RE2 and Hyperscan do before
running an automaton: `\\w*departement(?:et|s)?` needs "departement", `\\b(?:vi|oss)\\b`
needs "vi" or "oss". A substring test on the lower-cased sentence is far cheaper than
`finditer`, so most regexes never run on most sentences.
"""

from __future__ import annotations

import re

from .regex_guard import _C, _P

_REPEATS = tuple(op for op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) if op is not None)
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)
# The only characters IGNORECASE matches to a letter or digit although their lower case is
# not that letter (measured over all code points for `re` and `regex`): long s matches "s",
# dotless and dotted I match "i" ("İ".lower() is "i" plus a combining dot).
_FOLDS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": None})


def haystack(text: str) -> str:
    """The lower-cased text the literals are looked for in."""
    low = text.lower()
    if "\u017f" in low or "\u0131" in low or "\u0307" in low:
        return low.translate(_FOLDS)
    return low


def _char(code: int) -> str | None:
    ch = chr(code).lower()
    return ch if len(ch) == 1 else None


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: the one whose shortest string is longest."""
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _required(items) -> frozenset[str] | None:
    """At least one of these strings occurs in any match of this sequence, or None."""
    candidates: list[frozenset[str]] = []
    run = ""

    def flush() -> None:
        nonlocal run
        if run:
            candidates.append(frozenset({run}))
        run = ""

    for op, av in items:
        if op is _C.LITERAL:
            ch = _char(av)
            if ch is None:
                flush()
            else:
                run += ch
            continue
        if op is _C.AT:  # \b, ^, $ take no characters: the literal run goes on
            continue
        flush()
        sub: frozenset[str] | None = None
        if op is _C.SUBPATTERN:
            sub = _required(av[-1])
        elif op is _ATOMIC:
            sub = _required(av)
        elif op is _C.BRANCH:
            alts = [_required(branch) for branch in av[1]]
            sub = None if any(a is None for a in alts) else frozenset().union(*alts)
        elif op in _REPEATS and av[0] >= 1:
            sub = _required(av[2])
        if sub:
            candidates.append(sub)
    flush()
    return _best(candidates)


def required_literals(pattern: str) -> tuple[str, ...]:
    """Lower-case strings of which one occurs in every match of `pattern` (matched with
    IGNORECASE), sorted; () when the pattern has no such string or is syntax only the
    `regex` module parses."""
    try:
        parsed = _P.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return ()
    found = _required(parsed)
    return tuple(sorted(found)) if found else ()
