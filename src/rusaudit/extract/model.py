"""Plain data produced by extraction: a document as pages of text blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

# What a block of text is. Rules and indicators choose what they read by kind:
# findings about a strategy's substance come only from PROSE_KINDS.
BLOCK_KINDS = (
    "body",  # running prose
    "heading",
    "list_item",  # a bullet or numbered item
    "caption",  # Karta/Figur/Tabell/Bild captions, and pull quotes (they repeat the text)
    "figure_text",  # labels inside figures, infographics and vector-drawn charts
    "table",
    "toc",  # contents lines with dot leaders and page numbers
    "reference",  # source and reference lists
    "footnote",
    "contact",  # address and contact blocks
    "directive",  # an inline `rusaudit-disable`/`-enable` marker (analyse/exclude.py); never text
)
PROSE_KINDS = frozenset({"body", "list_item"})


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or other block (see BLOCK_KINDS). Sentences never cross blocks."""

    text: str
    kind: str = "body"
    level: int = 0  # heading level (1 = largest); 0 for other blocks


@dataclass(frozen=True)
class Figure:
    """An image or a captioned figure on a page."""

    caption: str
    kind: str  # "map" | "figure" | "image"


@dataclass
class Page:
    number: int  # 1-based page number in the source
    blocks: list[Block] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    images: int = 0
    ocr_confidence: float | None = None  # Tesseract's mean word confidence (0-100) on an OCR page

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]


@dataclass
class Document:
    path: str
    sha256: str
    format: str  # "pdf" | "md" | "txt"
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(p.words for p in self.pages)
