"""Matching: every rule of a RuleBook compiled once, run on one sentence at a time.

Terms go through one inflection- and compound-aware word index; phrases and regexes
are regular expressions (a phrase is tried only when its first word occurs in the
sentence, so most never run). `unless` patterns void the matches they overlap;
`near` keeps a match only with its context within the window.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..analyse.morphology import ELLIPSIS_JOINERS, TermIndex, expand_ellipsis, lookup_lemmas
from ..errors import RuleError
from .model import Pattern, RuleBook, RuleMatch
from .prefilter import haystack, required_literals
from .regex_guard import regex_problem

REGEX_TIMEOUT = 0.25  # seconds per sentence and pattern
_WORD = re.compile(r"\w+")


def _phrase_regex(value: str) -> re.Pattern:
    words = [re.escape(w) for w in value.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _phrase_key(value: str) -> tuple[str, ...]:
    """The longest run of word characters in a phrase: it must occur in any text the phrase matches."""
    runs = re.findall(r"\w+", value.lower())
    return (max(runs, key=len),) if runs else ()


class RuleMatcher:
    """All rules of a RuleBook compiled into one term index and a list of regexes."""

    def __init__(self, book: RuleBook):
        import regex as regex_module

        self.book = book
        self.index = TermIndex()
        self.multi: dict[tuple[int, int], int] = {}  # (rule, pattern) -> number of words
        # rule, pattern, compiled, user regex?, strings of which the text must contain one
        # (() = none, see prefilter), and the pattern's shared id: a regex several rules carry
        # (their shared `unless` lists) runs once
        self.regexes: list[tuple[int, int, object, bool, tuple[str, ...], int]] = []
        shared: dict[tuple[str, bool], tuple[int, object]] = {}
        self.warnings: list[str] = []
        self.disabled: set[int] = set()
        self.rules = book.rules
        # a rule's patterns, then its `unless` patterns: pattern index >= positives[ri] is a negative
        self.patterns: list[list[Pattern]] = [r.patterns + r.unless for r in self.rules]
        self.positives = [len(r.patterns) for r in self.rules]
        self.kinds = {r.id: r.kinds for r in self.rules}
        self.index_of = {r.id: ri for ri, r in enumerate(self.rules)}
        self.groups = {r.id: r.group for r in self.rules}
        for ri, rule in enumerate(self.rules):
            for pi, pat in enumerate(self.patterns[ri]):
                if pat.kind == "term":
                    words = pat.value.lower().split()
                    self.multi[(ri, pi)] = len(words)
                    for k, word in enumerate(words):
                        last = k == len(words) - 1
                        self.index.add(
                            (ri, pi, k),
                            word,
                            compound=pat.compound if last else False,
                            head=pat.head if last else False,
                            exclude=pat.exclude,
                        )
                elif pat.kind == "phrase":
                    gid, compiled = shared.setdefault((pat.value, False), (len(shared), _phrase_regex(pat.value)))
                    self.regexes.append((ri, pi, compiled, False, _phrase_key(pat.value), gid))
                else:
                    if problem := regex_problem(pat.value):  # the guard runs before the compiler
                        raise RuleError(f"rule {rule.id}: {problem}", rule.origin)
                    if (pat.value, True) not in shared:
                        compiled = regex_module.compile(pat.value, regex_module.IGNORECASE | regex_module.V0)
                        shared[(pat.value, True)] = (len(shared), compiled)
                    gid, compiled = shared[(pat.value, True)]
                    self.regexes.append((ri, pi, compiled, True, required_literals(pat.value), gid))
        self.index.use_lemmas(lookup_lemmas(self.index.base_forms))
        # The regexes to try on a sentence: those without a prefilter, and those whose literal
        # occurs. A phrase's literal is one of its words, so a set lookup finds it; a regex's
        # literal may sit inside a word and is looked for as a substring.
        self._always = [i for i, entry in enumerate(self.regexes) if not entry[4]]
        self._by_word: dict[str, list[int]] = {}
        self._by_substring: dict[str, list[int]] = {}
        for i, (_, _, _, user, needs, _) in enumerate(self.regexes):
            for literal in needs:
                (self._by_substring if user else self._by_word).setdefault(literal, []).append(i)
        self._substrings = tuple(sorted(self._by_substring))

    def reset(self) -> None:
        """Forget per-document state, so one document's regex timeout never affects the next."""
        self.disabled.clear()
        self.warnings.clear()

    def _hit(self, ri: int, pi: int, start: int, end: int, text: str) -> RuleMatch:
        pat = self.patterns[ri][pi]
        return RuleMatch(self.rules[ri].id, pi, pat.theme_key, pat.weight, start, end, text[start:end])

    def _raw(self, text: str, toks: list) -> list[tuple[int, RuleMatch]]:
        """Every pattern match, positives and negatives, with its rule's index."""
        lows = [t.text.lower() for t in toks]
        found: dict[tuple[int, int, int, int], tuple[int, RuleMatch]] = {}
        n = len(toks)
        for i in range(n):
            word = lows[i]
            keys = self.index.lookup(word)
            if not keys and word.endswith(("-", "\u2010")) and i + 2 < n and lows[i + 1] in ELLIPSIS_JOINERS:
                full = expand_ellipsis(word, lows[i + 2], lambda c: bool(self.index.exact(c)))
                if full:
                    keys = self.index.lookup(full)
            for ri, pi, k in keys:
                if k != 0 or ri in self.disabled:
                    continue
                length = self.multi[(ri, pi)]
                if i + length > n:
                    continue
                if all((ri, pi, m) in self.index.lookup(lows[i + m]) for m in range(1, length)):
                    start, end = toks[i].start, toks[i + length - 1].end
                    found.setdefault(
                        (ri, pi >= self.positives[ri], start, end), (ri, self._hit(ri, pi, start, end, text))
                    )
        low = haystack(text)
        todo = set(self._always)
        for word in self._by_word.keys() & _WORD.findall(low):
            todo.update(self._by_word[word])
        for literal in self._substrings:
            if literal in low:
                todo.update(self._by_substring[literal])
        spans: dict[int, list[tuple[int, int]]] = {}  # shared id -> its matches in this sentence
        for i in sorted(todo):  # the rule files' order: the first of equal matches is kept
            ri, pi, rx, user, _, gid = self.regexes[i]
            if ri in self.disabled:
                continue
            try:
                if gid not in spans:
                    it = rx.finditer(text, timeout=REGEX_TIMEOUT) if user else rx.finditer(text)
                    spans[gid] = [(mo.start(), mo.end()) for mo in it if mo.end() > mo.start()]
                for start, end in spans[gid]:
                    hit = (ri, self._hit(ri, pi, start, end, text))
                    found.setdefault((ri, pi >= self.positives[ri], start, end), hit)
            except TimeoutError:
                spans[gid] = []  # the rules sharing it are not tried again on this sentence
                self.disabled.add(ri)
                self.warnings.append(
                    f"rule {self.rules[ri].id}: regex took over {REGEX_TIMEOUT}s on one sentence "
                    "(catastrophic backtracking?); the rule was switched off for this scan"
                )
        return list(found.values())

    def match(self, text: str, toks: list) -> list[RuleMatch]:
        """Matches in one sentence; `toks` carry text and character offsets."""
        raw = self._raw(text, toks)
        negatives: dict[int, list[RuleMatch]] = {}
        for ri, m in raw:
            if m.pattern >= self.positives[ri]:
                negatives.setdefault(ri, []).append(m)
        kept = [
            (ri, m)
            for ri, m in raw
            if m.pattern < self.positives[ri]
            and not any(x.start < m.end and m.start < x.end for x in negatives.get(ri, ()))
        ]
        if any(self.patterns[ri][m.pattern].near for ri, m in kept):
            kept = self._with_context(kept, toks)
        return sorted((m for _, m in kept), key=lambda m: (m.start, m.end, m.rule))

    def _with_context(self, kept: list[tuple[int, RuleMatch]], toks: list) -> list[tuple[int, RuleMatch]]:
        starts = [t.start for t in toks]

        def span(m: RuleMatch) -> tuple[int, int]:
            return bisect_right(starts, m.start) - 1, bisect_right(starts, max(m.end - 1, m.start)) - 1

        spans = {id(m): span(m) for _, m in kept}
        out = []
        for ri, m in kept:
            near = self.patterns[ri][m.pattern].near
            if near is None:
                out.append((ri, m))
                continue
            a0, a1 = spans[id(m)]
            for _, x in kept:
                if x is m or not (x.rule in near.rules or (near.group and self.groups.get(x.rule) == near.group)):
                    continue
                b0, b1 = spans[id(x)]
                if max(b0 - a1, a0 - b1) <= near.window:
                    out.append((ri, m))
                    break
        return out

    def in_kind(self, kind: str, matches: list[RuleMatch]) -> list[RuleMatch]:
        """The matches whose pattern (or else rule) reads sentences of this block kind."""
        out = []
        for m in matches:
            pat = self.patterns[self.index_of[m.rule]][m.pattern]
            if kind in (pat.kinds if pat.kinds is not None else self.kinds[m.rule]):
                out.append(m)
        return out
