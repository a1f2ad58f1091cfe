"""Word drafts (.docx), read with python-docx in document order.

Paragraphs keep their kind: a paragraph styled "Heading N" / "Rubrik N" (or a style
based on one, or with an outline level) is a heading of level N, "Title" / "Rubrik" is
level 1; list paragraphs are lists; a "Caption" / "Beskrivning" paragraph or one that
starts with *Karta*, *Figur* … is a caption. Tables become one text block per row, cells
joined by " | ". As in Markdown, a level-1 heading starts a new page; so does a hard page
break. Headers and footers are not part of the body and are left out (running text).
"""

from __future__ import annotations

import io
import re

from ..errors import InputError
from .clean import figure_from_caption, join_lines, normalize
from .model import Block, Page

EXTRACTOR_VERSION = "docx-2"

_HEADING = re.compile(r"^(?:heading|rubrik|überschrift|overskrift|otsikko)\s*(\d)$", re.IGNORECASE)
_TITLE = {"title", "rubrik", "titel"}
_CAPTION = {"caption", "beskrivning", "bildtext"}
_LIST = re.compile(r"^(?:list|lista|liststycke)", re.IGNORECASE)
_MARKER = re.compile(r"^rusaudit-(?:disable|enable)\b", re.IGNORECASE)


def _open(data: bytes, path: str):
    import zipfile

    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:  # a zip package of another kind, e.g. an .xlsx renamed
        raise InputError(f"not a Word document ({exc})", path) from None
    except (zipfile.BadZipFile, KeyError) as exc:
        raise InputError(f"damaged Word file ({type(exc).__name__}: {exc})", path) from None
    except Exception as exc:  # python-docx and lxml raise many kinds on broken parts
        raise InputError(f"damaged Word file ({type(exc).__name__}: {exc})", path) from None


def _style_level(style, depth: int = 0) -> int:
    """Heading level from a style name, its outline level, or the style it is based on."""
    if style is None or depth > 5:
        return 0
    name = (style.name or "").strip()
    m = _HEADING.match(name)
    if m:
        return max(1, int(m.group(1)))
    if name.lower() in _TITLE:
        return 1
    from docx.oxml.ns import qn

    ppr = style.element.find(qn("w:pPr"))
    lvl = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if lvl is not None and (val := lvl.get(qn("w:val"), "")).isdigit() and int(val) < 9:
        return int(val) + 1
    return _style_level(getattr(style, "base_style", None), depth + 1)


def _breaks(el) -> tuple[bool, bool]:
    """(page break before, page break after) the paragraph's text."""
    from docx.oxml.ns import qn

    before = after = False
    ppr = el.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None:
        before = True
    seen_text = False
    for node in el.iter(qn("w:t"), qn("w:br")):
        if node.tag == qn("w:t"):
            seen_text = seen_text or bool((node.text or "").strip())
        elif node.get(qn("w:type")) == "page":
            if seen_text:
                after = True
            else:
                before = True
    return before, after


def _paragraph(p) -> tuple[Block | None, int]:
    """(block or None, images) for one w:p element wrapped as a Paragraph."""
    from docx.oxml.ns import qn

    el = p._p
    images = sum(1 for _ in el.iter(qn("w:drawing"))) + sum(1 for _ in el.iter(qn("w:pict")))
    ppr = el.find(qn("w:pPr"))
    text = join_lines(normalize(p.text).splitlines())
    if not text:
        return None, images
    if _MARKER.match(text):  # a `rusaudit-disable RULE` line (usually hidden text)
        return Block(text, "directive"), images
    try:
        style = p.style
    except Exception:  # a style id the styles part does not define
        style = None
    level = 0
    if ppr is not None and (lvl := ppr.find(qn("w:outlineLvl"))) is not None:
        val = lvl.get(qn("w:val"), "")
        level = int(val) + 1 if val.isdigit() and int(val) < 9 else 0
    level = level or _style_level(style)
    name = (style.name or "").strip().lower() if style is not None else ""
    if level:
        return Block(text, "heading", level), images
    if name in _CAPTION or figure_from_caption(text):
        return Block(text, "caption"), images
    numbered = ppr is not None and ppr.find(qn("w:numPr")) is not None
    if numbered or _LIST.match(name):
        return Block(text, "list_item"), images
    return Block(text), images


def _rows(table) -> list[str]:
    """One line per table row: distinct cells (merged cells repeat) joined by " | "."""
    out = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            parts = [join_lines(normalize(p.text).splitlines()) for p in cell.paragraphs]
            parts += [r for t in cell.tables for r in _rows(t)]
            text = " ".join(p for p in parts if p)
            if text:
                cells.append(text)
        if cells:
            out.append(" | ".join(cells))
    return out


def _body_items(parent):
    """Paragraphs and tables in document order, looking inside content controls (w:sdt)."""
    from docx.oxml.ns import qn

    for child in parent.iterchildren():
        if child.tag == qn("w:p") or child.tag == qn("w:tbl"):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content)


def _comment_directives(document) -> dict[str, str]:
    """Comment id -> `rusaudit-disable RULE` for comments that are suppression markers."""
    try:
        comments = list(document.comments)
    except Exception:  # no comments part, or one python-docx cannot read: no markers
        return {}
    out = {}
    for c in comments:
        text = " ".join(normalize(c.text or "").split())
        if _MARKER.match(text) and text.lower().startswith("rusaudit-disable"):
            out[str(c.comment_id)] = text
    return out


def _comment_markers(el, markers: dict[str, str]) -> tuple[list[Block], list[Block]]:
    """Directive blocks before and after a paragraph that a marker comment starts or ends in."""
    if not markers:
        return [], []
    from docx.oxml.ns import qn

    opened = [
        Block(markers[i], "directive")
        for n in el.iter(qn("w:commentRangeStart"))
        if (i := n.get(qn("w:id"))) in markers
    ]
    closed = [
        Block(
            "rusaudit-enable " + markers[i].split(None, 1)[1] if " " in markers[i] else "rusaudit-enable", "directive"
        )
        for n in el.iter(qn("w:commentRangeEnd"))
        if (i := n.get(qn("w:id"))) in markers
    ]
    return opened, closed


def extract_docx(data: bytes, path: str) -> list[Page]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open(data, path)
    markers = _comment_directives(document)
    pages: list[Page] = []
    current = Page(number=1)

    def new_page() -> None:
        nonlocal current
        if current.blocks or current.images:
            pages.append(current)
            current = Page(number=len(pages) + 1)

    try:
        for el in _body_items(document.element.body):
            if el.tag == qn("w:tbl"):
                current.blocks += [Block(r) for r in _rows(Table(el, document))]
                continue
            block, images = _paragraph(Paragraph(el, document))
            before, after = _breaks(el)
            if before or (block is not None and block.kind == "heading" and block.level == 1):
                new_page()
            opened, closed = _comment_markers(el, markers)
            current.blocks += opened
            if block is not None:
                current.blocks.append(block)
            current.blocks += closed
            current.images += images
            if after:
                new_page()
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"damaged Word file ({type(exc).__name__}: {exc})", path) from None
    if current.blocks or current.images or not pages:
        pages.append(current)
    for page in pages:
        page.figures = [f for b in page.blocks if b.kind == "caption" for f in [figure_from_caption(b.text)] if f]
    return pages
