"""Sentences of a document in reading order, with their page, block kind and heading path.

Only spaCy's tokenizer runs; sentence boundaries follow the rules of spaCy's sentencizer
(a sentence starts at the first word after terminal punctuation) plus Swedish exceptions
(abbreviations, list markers, a lower-case word goes on), decided in one pass over each
block's tokens. The analysis thus touches every token once, not once per pipeline step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..extract.clean import abbreviation, final_abbreviation
from ..extract.model import Document
from .places import Tok
from .tokens import current, rows

_LIST_MARKER = re.compile(r"^[(]?(\d{1,2}|[a-zåäö])[.)]$")
_WHOLE = frozenset({"heading", "caption"})  # blocks read as one sentence


@dataclass(frozen=True)
class SentenceSpan:
    page: int
    kind: str  # the block kind (extract.model.BLOCK_KINDS)
    section: tuple[str, ...]  # heading path above the sentence
    text: str
    toks: list[Tok]  # tokens without whitespace, offsets within `text`


def _starts(text: str, toks: list[tuple[str, int, bool, bool]]) -> list[int]:
    """Indexes of the tokens that begin sentences."""
    punct = current().punct()
    starts = [0]
    seen_period = False
    for i, (word, _, _, is_punct) in enumerate(toks):
        # spaCy keeps abbreviations whole ("t.ex.", "etc."): the full stop of those that often end
        # a sentence may end one here
        in_punct = word in punct or (len(word) > 1 and word[-1] == "." and final_abbreviation(word))
        if seen_period and not is_punct and not in_punct:
            seen_period = False
            if not _goes_on(text, toks, i):
                starts.append(i)
        elif in_punct:
            seen_period = True
    return starts


def _goes_on(text: str, toks: list[tuple[str, int, bool, bool]], i: int) -> bool:
    """Is a boundary before token i false: a lower-case word, or after an abbreviation or a
    list marker such as `1.`?"""
    word = toks[i][0]
    prev = toks[i - 1][0]
    if word[:1].islower():
        return True
    if i <= 2 and _LIST_MARKER.match(text[: toks[i][1]].strip()):
        return True
    if prev == "." and i >= 2 and abbreviation(toks[i - 2][0]):
        return True
    return prev.endswith(".") and abbreviation(prev)


def split(text: str, toks: list[tuple[str, int, bool, bool]], whole: bool = False) -> Iterator[tuple[str, list[Tok]]]:
    """Sentences of one block as (text, tokens); tokens are (text, offset, is_space, is_punct)."""
    bounds = [0] if whole else _starts(text, toks)
    bounds.append(len(toks))
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        start = toks[a][1]
        end = toks[b - 1][1] + len(toks[b - 1][0])
        raw = text[start:end]
        sentence = raw.strip()
        if not sentence:
            continue
        base = start + (len(raw) - len(raw.lstrip()))
        yield sentence, [Tok(w, idx - base, idx - base + len(w)) for w, idx, space, _ in toks[a:b] if not space]


def sentences_of(text: str) -> list[str]:
    """The sentences of one paragraph of text."""
    (flat,) = current().arrays([text])
    return [s for s, _ in split(text, rows(text, flat))]


def sentence_spans(document: Document) -> Iterator[SentenceSpan]:
    """Split every block into sentences; headings and captions stay whole."""
    blocks = [(page.number, b) for page in document.pages for b in page.blocks]
    path: list[tuple[int, str]] = []
    arrays = current().arrays([b.text for _, b in blocks])
    for (page, block), flat in zip(blocks, arrays, strict=True):
        if block.kind == "heading":
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, block.text))
        section = tuple(t for _, t in path)
        toks = rows(block.text, flat)
        for text, sentence_toks in split(block.text, toks, block.kind in _WHOLE):
            yield SentenceSpan(page, block.kind, section, text, sentence_toks)
