"""What a block is (see model.BLOCK_KINDS), from its text and a few layout facts."""

from __future__ import annotations

import re

from .clean import caption_kind

_BULLETS = "•▪●◦‣∙·–—-*■□➢►✓"
_LIST_MARKER = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-zåäö][.)])\s+\S")
# Contents lines: dot leaders (or a wide gap) and a page number at the end.
_TOC_LINE = re.compile(r"^\S.*?(?:\s*(?:\.\s?){3,}|\s*…+|\s*_{3,})\s*\d{1,4}$")
_TOC_HEADING = re.compile(r"^(innehåll(sförteckning)?|contents|table of contents)$", re.IGNORECASE)
_REF_HEADING = re.compile(
    r"^(\d+(\.\d+)*\.?\s+)?(referenser|källor|källförteckning|litteratur(förteckning)?|referenslista|"
    r"källor och referenser|references|bibliography|underlag och källor)$",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"(\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\b(tel|telefon|tfn|fax|mobil)\.?:?\s*\+?\d|\bbesöksadress\b|\bpostadress\b|"
    r"\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+\b|\bwww\.[\w-]+\.\w+|\borg\.?\s?nr\b)",
    re.IGNORECASE,
)
# "Author (2023)." / "Author, 2023." near the start of the line, or an official series.
_REFERENCE = re.compile(
    r"^[A-ZÅÄÖ][^.()]{1,70}(\((19|20)\d{2}[a-z]?\)|,\s(19|20)\d{2}[a-z]?[.,:])"
    r"|^(SOU|Prop\.|Ds|SFS|Skr\.)\s?\d{4}[:/]\d+|^https?://",
)
_FOOTNOTE = re.compile(r"^(\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*)\s*\S")


def starts_reference(text: str) -> bool:
    """Does a line begin like a reference entry: "Author (2023)." or "SOU 2020:10"?"""
    return bool(_REFERENCE.match(text))


def is_bullet(text: str) -> bool:
    return len(text) > 2 and text[0] in _BULLETS and text[1] == " "


def list_marker(text: str) -> bool:
    return bool(_LIST_MARKER.match(text))


def is_toc_line(text: str) -> bool:
    text = text.strip()
    if (
        not text[-1:].isdigit()
        or len(text) >= 200
        or not ("..." in text or "…" in text or ". ." in text or "___" in text)
    ):
        return False  # cheap test first: most lines are not contents lines
    return bool(_TOC_LINE.match(text))


def reference_heading(text: str) -> str | None:
    """The kind a heading gives to the blocks under it ("reference", "toc"), or None."""
    t = text.strip().rstrip(":")
    if _REF_HEADING.match(t):
        return "reference"
    if _TOC_HEADING.match(t):
        return "toc"
    return None


def block_kind(
    text: str,
    lines: list[str],
    heading: bool,
    size: float,
    body: float,
    rel_top: float,
    cells: int,
    section: str | None,
) -> str:
    """Classify one block. Layout facts: heading candidate, font size against the body
    size, position on the page (0 top, 1 bottom), table cells, the kind its section gives."""
    if is_toc_line(text) or (section == "toc" and re.search(r"\s\d{1,4}$", text) and len(lines) <= 2):
        return "toc"
    if cells >= 3:
        return "table"
    if caption_kind(text):
        return "caption"
    if re.match(r"^(Tabell|Källa|Källor|Foto|Bild)\s*\d*\s*[.:]", text) and len(text) < 300:
        return "caption"
    if heading:
        return "heading"
    if _mostly_figures(text):
        return "table"
    if size < 0.92 * body and rel_top > 0.7 and _FOOTNOTE.match(text):
        return "footnote"
    if section == "reference" or (_REFERENCE.match(text) and len(lines) <= 4 and _looks_like_reference(text)):
        return "reference"
    if len(text) < 400 and len(text.split()) <= 40 and _contact_density(text):
        return "contact"
    if is_bullet(text) or list_marker(text):
        return "list_item"
    return "body"


def _mostly_figures(text: str) -> bool:
    """Numbers with hardly a word: a table cell or row, whatever the layout made of it."""
    # map() over str methods: the same per-character tests, without a Python loop (a hot spot)
    ink = len(text) - sum(map(str.isspace, text))
    return ink >= 1 and sum(map(str.isalpha, text)) < 0.3 * ink and any(map(str.isdigit, text))


def _looks_like_reference(text: str) -> bool:
    """A reference entry names an author or body and a year and has little running prose."""
    verbs = len(re.findall(r"\b(är|ska|har|kan|behöver|blir|finns|görs)\b", text))
    return verbs <= 1


def _contact_density(text: str) -> bool:
    """Contact blocks are mostly addresses, numbers and e-mail, not sentences."""
    hits = len(_CONTACT.findall(text))
    return hits >= 2 or (hits == 1 and len(text.split()) <= 12)
