"""`rusaudit extract FILE`: show what the tool read, block by block or sentence by sentence.

Only typer is imported at module level (see commands/__init__.py).
"""

from __future__ import annotations

import json
import sys
from enum import Enum

import typer

from . import OCR_HELP, ocr_mode


class ExtractFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    markdown = "markdown"


class Engine(str, Enum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


ENGINE_OPT = typer.Option(Engine.pdfium, "--engine", help="PDF engine: pdfium (fast, default) or pdfplumber.")


def _text(pages) -> str:
    out: list[str] = []
    for page in pages:
        ocr = f" (OCR, confidence {page.ocr_confidence:.0f})" if page.ocr_confidence is not None else ""
        out.append(f"=== page {page.number}{ocr} ===")
        for b in page.blocks:
            label = b.kind if b.kind != "heading" else f"heading {b.level}"
            out.append(f"[{label}] {b.text}")
        out.append("")
    return "\n".join(out)


def _markdown(pages) -> str:
    out: list[str] = []
    for page in pages:
        ocr = f" (OCR, confidence {page.ocr_confidence:.0f})" if page.ocr_confidence is not None else ""
        out.append(f"<!-- page {page.number}{ocr} -->")
        out.append("")
        for b in page.blocks:
            if b.kind == "heading":
                out.append("#" * min(max(b.level, 1) + 1, 6) + " " + b.text)
            elif b.kind == "list_item":
                out.append("- " + b.text.lstrip("•▪●◦‣∙·–—-*■□➢►✓ ").strip())
            elif b.kind == "body":
                out.append(b.text)
            else:
                out.append(f"<!-- {b.kind} --> {b.text}")
            out.append("")
    return "\n".join(out)


def _jsonl(document, wanted) -> str:
    from ..analyse.sentences import sentence_spans

    lines = []
    for sp in sentence_spans(document):
        if wanted is None or sp.page in wanted:
            row = {"page": sp.page, "kind": sp.kind, "section": list(sp.section), "text": sp.text}
            lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + ("\n" if lines else "")


def extract(
    path: str = typer.Argument(..., help="A strategy file: PDF, Word (.docx), Markdown (.md) or text (.txt)."),
    fmt: ExtractFormat = typer.Option(
        ExtractFormat.text, "--format", "-f", help="text, jsonl (one sentence a line) or markdown."
    ),
    pages: str | None = typer.Option(None, "--pages", help="Pages to show, e.g. 3-40 or 1,3,5-7 (default: all)."),
    engine: Engine = ENGINE_OPT,
    output: str | None = typer.Option(None, "--output", "-o", help="Write to FILE instead of standard output."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
) -> None:
    """Show what rusaudit read from a file: blocks with their kind, or sentences as JSON lines."""
    from ..errors import EXIT_INPUT, RusauditError
    from ..extract import load_document
    from ..pagerange import parse_page_range

    try:
        wanted = parse_page_range(pages) if pages else None
        document = load_document(path, engine=engine.value, ocr=ocr_mode(ocr), ocr_pages=pages)
    except RusauditError as err:
        if err.path is None and not pages:
            err.path = path
        typer.echo(err.line(), err=True)
        raise typer.Exit(EXIT_INPUT) from None
    chosen = [p for p in document.pages if wanted is None or p.number in wanted]
    if fmt is ExtractFormat.jsonl:
        text = _jsonl(document, wanted)
    elif fmt is ExtractFormat.markdown:
        text = _markdown(chosen)
    else:
        text = _text(chosen)
    for warning in document.warnings:
        typer.echo(f"warning: {path}: {warning}", err=True)
    if output:
        from ..output import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def register(app: typer.Typer) -> None:
    app.command()(extract)
