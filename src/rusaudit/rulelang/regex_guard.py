"""The regex guard: refuse users' patterns whose shape invites catastrophic backtracking.

Patterns like `(a+)+` or `(a|aa)+` can take exponential time, and huge bounded counts
like `(?:a{100000}){100000}` take gigabytes to compile; both are refused before use.
The matcher's per-sentence timeout remains the last guard.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT)
_SAFE = tuple(op for op in (getattr(_C, "POSSESSIVE_REPEAT", None), getattr(_C, "ATOMIC_GROUP", None)) if op)
_ANYTHING = ("*", None)
_CATEGORIES = {
    _C.CATEGORY_DIGIT: str.isdigit,
    _C.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    _C.CATEGORY_SPACE: str.isspace,
    _C.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _C.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
_SAMPLE = "aAzZ09_ \t\n.,;:-!?/åäöÅÄÖé"  # besides every literal and range end in the pattern

NESTED = (
    "refused: a quantified part can repeat inside another quantifier and match the same text in "
    "many ways (like (a+)+), so matching can take exponential time; drop the inner or the outer "
    "quantifier, or make it atomic with (?>...)"
)
MAX_COUNT = 1000  # the largest {m,n} bound; the `regex` compiler unrolls counts (a{100000}: megabytes)
MAX_UNROLLED = 10_000  # the largest product of nested bounds ((?:a{100}){100} is 10,000 copies)
TOO_MANY = (
    "refused: a repetition count above {limit} ({found}); compiling it takes memory in proportion "
    "to the count: use + or * (or a smaller count)"
)
_COUNT = re.compile(r"(?<!\\)\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}")
OVERLAP = (
    "refused: alternatives inside a repeated group can match the same text (like (a|aa)+), so "
    "matching can take exponential time; make the alternatives start differently"
)


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _in_class(ch: str, items) -> bool:
    negate, hit = False, False
    for op, av in items:
        if op is _C.NEGATE:
            negate = True
        elif op is _C.LITERAL:
            hit = hit or _same(ch, chr(av))
        elif op is _C.RANGE:
            hit = hit or any(len(c) == 1 and av[0] <= ord(c) <= av[1] for c in (ch, ch.lower(), ch.upper()))
        elif op is _C.CATEGORY:
            hit = hit or _CATEGORIES.get(av, lambda c: True)(ch)
        else:
            hit = True
    return hit != negate


def _member(ch: str, atom) -> bool:
    op, av = atom
    if op is _C.LITERAL:
        return _same(ch, chr(av))
    if op is _C.NOT_LITERAL:
        return not _same(ch, chr(av))
    if op is _C.ANY:
        return ch != "\n"
    if op is _C.IN:
        return _in_class(ch, av)
    return True


def _first_seq(items) -> tuple[list, bool]:
    """Atoms a sequence can start with, and whether it can match nothing."""
    atoms: list = []
    for op, av in items:
        more, nullable = _first_item(op, av)
        atoms += more
        if not nullable:
            return atoms, False
    return atoms, True


def _first_item(op, av) -> tuple[list, bool]:
    if op in (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN):
        return [(op, av)], False
    if op is _C.SUBPATTERN:
        return _first_seq(av[-1])
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _first_seq(av)
    if op is _C.BRANCH:
        atoms, nullable = [], False
        for branch in av[1]:
            a, n = _first_seq(branch)
            atoms += a
            nullable = nullable or n
        return atoms, nullable
    if op in _REPEATS or op is getattr(_C, "POSSESSIVE_REPEAT", None):
        atoms, nullable = _first_seq(av[2])
        return atoms, nullable or av[0] == 0
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return [], True
    return [_ANYTHING], True  # back-references and the like: assume anything


class _Shape:
    def __init__(self, alphabet: str):
        self.alphabet = alphabet
        self.problems: set[str] = set()

    def overlap(self, a: list, b: list) -> bool:
        if not a or not b:
            return False
        return any(any(_member(c, x) for x in a) and any(_member(c, y) for y in b) for c in self.alphabet)

    def scan(self, items, follow: list, in_loop: bool) -> None:
        items = list(items)
        for i, (op, av) in enumerate(items):
            rest, rest_nullable = _first_seq(items[i + 1 :])
            after = rest + (follow if rest_nullable else [])
            if op in _REPEATS:
                lo, hi, body = av
                first, _ = _first_seq(body)
                loop = hi > 1
                # Where this quantifier may stop or go on, can the text continue both ways?
                if in_loop and lo != hi and self.overlap(first, after):
                    self.problems.add(NESTED)
                self.scan(body, first + after if loop else after, in_loop or loop)
            elif op is _C.SUBPATTERN:
                self.scan(av[-1], after, in_loop)
            elif op is _C.BRANCH:
                firsts = [_first_seq(b) for b in av[1]]
                if in_loop:
                    starts = [a + (after if n else []) for a, n in firsts]
                    for x in range(len(starts)):
                        for y in range(x + 1, len(starts)):
                            if self.overlap(starts[x], starts[y]):
                                self.problems.add(OVERLAP)
                for branch in av[1]:
                    self.scan(branch, after, in_loop)
            elif op in (_C.ASSERT, _C.ASSERT_NOT):
                # a lookaround runs its own match, which can backtrack like any other
                self.scan(av[1], [], in_loop)
            # possessive repeats and atomic groups never backtrack into themselves: safe


def _alphabet(items, out: set[str]) -> None:
    for op, av in items:
        if op in (_C.LITERAL, _C.NOT_LITERAL):
            out.add(chr(av))
        elif op is _C.RANGE:
            out.update((chr(av[0]), chr(av[1])))
        elif op is _C.IN:
            _alphabet(av, out)
        elif op is _C.SUBPATTERN:
            _alphabet(av[-1], out)
        elif op is _C.BRANCH:
            for b in av[1]:
                _alphabet(b, out)
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            _alphabet(av[1], out)
        elif op in _REPEATS or op in _SAFE:
            _alphabet(av if op is getattr(_C, "ATOMIC_GROUP", None) else av[2], out)


def _unrolled(items) -> int:
    """The largest product of nested bounded repeat counts in a parsed pattern."""
    worst = 1
    for op, av in items:
        inner = 1
        if op in _REPEATS or op is getattr(_C, "POSSESSIVE_REPEAT", None):
            lo, hi, body = av
            bound = lo if hi == _C.MAXREPEAT else max(lo, hi)
            inner = max(bound, 1) * _unrolled(body)
        elif op is _C.SUBPATTERN:
            inner = _unrolled(av[-1])
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            inner = _unrolled(av)
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            inner = _unrolled(av[1])
        elif op is _C.BRANCH:
            inner = max((_unrolled(b) for b in av[1]), default=1)
        worst = max(worst, inner)
    return worst


def count_problem(pattern: str) -> str | None:
    """Why a pattern's repetition counts are too large to compile safely, or None.

    Read from the text first, so that syntax only the `regex` module knows is covered too.
    """
    for lo, hi in _COUNT.findall(pattern):
        for number in (lo, hi):
            if number and int(number) > MAX_COUNT:
                return TOO_MANY.format(limit=MAX_COUNT, found=int(number))
    try:
        parsed = _P.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return None
    product = _unrolled(parsed)
    if product > MAX_UNROLLED:
        return TOO_MANY.format(limit=MAX_UNROLLED, found=f"{product} when nested counts multiply")
    return None


def backtracking_problem(pattern: str) -> str | None:
    """Why a regex's shape invites catastrophic backtracking, or None.

    Patterns in `regex`-module syntax that Python's parser does not know (\\p{L} ...)
    are not analysed: the matcher's timeout guards them.
    """
    try:
        parsed = _P.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return None  # syntax only the `regex` module knows: left to the matcher's timeout
    letters: set[str] = set()
    _alphabet(parsed, letters)
    shape = _Shape("".join(sorted(letters)) + _SAMPLE)
    shape.scan(parsed, [], False)
    return sorted(shape.problems)[0] if shape.problems else None


def regex_problem(pattern: str) -> str | None:
    """A message when a regex pattern cannot be used (does not compile, or is unsafe)."""
    import regex as regex_module

    if problem := count_problem(pattern):  # before compiling: the compile itself is the danger
        return f"regex '{pattern}' {problem}"
    try:
        regex_module.compile(pattern, regex_module.IGNORECASE | regex_module.V0)
    except regex_module.error as exc:
        return f"invalid regex ({exc})"
    except (OverflowError, MemoryError, RecursionError) as exc:
        return f"invalid regex ({type(exc).__name__})"
    problem = backtracking_problem(pattern)
    return f"regex '{pattern}' {problem}" if problem else None
