"""Plain-text and Markdown drafts.

A form feed starts a new page in both; in Markdown a level-1 heading does too.
Markdown is parsed with markdown-it (CommonMark), so headings, lists and image
captions (`![Karta 1. ...](...)`) are read the way a renderer would show them.
"""

from __future__ import annotations

import re

from .clean import figure_from_caption, join_lines, normalize
from .model import Block, Figure, Page

EXTRACTOR_VERSION = "text-2"
# `<!-- rusaudit-disable RULE-ID -->` / `<!-- rusaudit-enable -->`: kept as directive blocks
_MARKER = re.compile(r"<!--\s*(rusaudit-(?:disable|enable)\b.*?)\s*-->", re.IGNORECASE | re.DOTALL)


def _decode(data: bytes, path: str) -> str:
    from ..errors import InputError

    if b"\x00" in data[:4096]:
        raise InputError("not a text file (binary content)", path)
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("not a text file (unknown encoding)", path)


def _finish(page: Page) -> Page:
    page.figures = [f for b in page.blocks if b.kind == "caption" for f in [figure_from_caption(b.text)] if f]
    return page


def extract_txt(data: bytes, path: str) -> list[Page]:
    text = normalize(_decode(data, path))
    pages: list[Page] = []
    for n, chunk in enumerate(text.split("\f"), start=1):
        blocks: list[Block] = []
        for para in re.split(r"\n\s*\n", chunk):
            joined = join_lines(para.splitlines())
            if not joined:
                continue
            kind = "caption" if figure_from_caption(joined) else "body"
            blocks.append(Block(joined, kind))
        pages.append(_finish(Page(number=n, blocks=blocks)))
    return pages


def extract_md(data: bytes, path: str) -> list[Page]:
    from markdown_it import MarkdownIt

    text = normalize(_decode(data, path))
    md = MarkdownIt("commonmark")
    pages: list[Page] = []
    for chunk in text.split("\f"):
        tokens = md.parse(chunk)
        current = Page(number=len(pages) + 1)
        heading_level = 0
        in_list = 0
        for _i, tok in enumerate(tokens):
            if tok.type == "heading_open":
                heading_level = int(tok.tag[1])
                if heading_level == 1 and current.blocks:
                    pages.append(_finish(current))
                    current = Page(number=len(pages) + 1)
            elif tok.type == "heading_close":
                heading_level = 0
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                in_list += 1
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                in_list -= 1
            elif tok.type == "html_block":
                current.blocks += [Block(" ".join(m.split()), "directive") for m in _MARKER.findall(tok.content)]
            elif tok.type == "inline":
                images = [c for c in (tok.children or []) if c.type == "image"]
                for im in images:
                    caption = normalize(im.content or "").strip()
                    fig = figure_from_caption(caption)
                    current.blocks.append(Block(caption, "caption") if fig else Block(caption, "body"))
                    if not fig:
                        current.figures.append(Figure(caption, "image"))
                    current.images += 1
                # the text in pieces split at inline markers, so a marker mid-paragraph applies from there
                pieces: list[str] = [""]
                for c in tok.children or []:
                    if c.type in ("text", "code_inline"):
                        pieces[-1] += c.content
                    elif c.type in ("softbreak", "hardbreak"):
                        pieces[-1] += " "
                    elif c.type == "html_inline" and (found := _MARKER.findall(c.content)):
                        pieces += [Block(" ".join(m.split()), "directive") for m in found] + [""]
                for piece in pieces:
                    if isinstance(piece, Block):
                        current.blocks.append(piece)
                        continue
                    joined = join_lines(piece.splitlines())
                    if not joined:
                        continue
                    if heading_level:
                        current.blocks.append(Block(joined, "heading", heading_level))
                    elif figure_from_caption(joined):
                        current.blocks.append(Block(joined, "caption"))
                    else:
                        current.blocks.append(Block(joined, "list_item" if in_list else "body"))
        if current.blocks or not pages:
            pages.append(_finish(current) if not current.figures else _merge_figures(current))
    return pages


def _merge_figures(page: Page) -> Page:
    extra = [f for f in page.figures if f.kind == "image"]
    _finish(page)
    page.figures += extra
    return page
