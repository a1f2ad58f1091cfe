"""Sentences of a document in reading order, with their page, block kind and heading path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..extract.model import Document
from .pipeline import nlp


@dataclass(frozen=True)
class SentenceSpan:
    page: int
    kind: str  # the block kind (extract.model.BLOCK_KINDS)
    section: tuple[str, ...]  # heading path above the sentence
    text: str
    span: object  # the spaCy Span, for tokens


def sentence_spans(document: Document) -> Iterator[SentenceSpan]:
    """Split every block into sentences; headings and captions stay whole."""
    blocks = [(page.number, b) for page in document.pages for b in page.blocks]
    path: list[tuple[int, str]] = []
    docs = nlp().pipe((b.text for _, b in blocks), batch_size=256)
    for (page, block), doc in zip(blocks, docs, strict=True):
        if block.kind == "heading":
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, block.text))
        section = tuple(t for _, t in path)
        spans = [doc[:]] if block.kind in ("heading", "caption") else doc.sents
        for sent in spans:
            text = sent.text.strip()
            if text:
                yield SentenceSpan(page, block.kind, section, text, sent)
