"""PDF extraction: an engine reads positioned words page by page, layout does the rest.

Engines: `pdfium` (default, pypdfium2's text-page API, fast) and `pdfplumber` (pdfminer;
slower, kept for comparison and for PDFs pdfium reads badly). Both fill the same
engine-agnostic `layout.RawPage`s, so paragraphs, columns, headers and block kinds are
decided in one place (extract/layout.py).
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import InputError
from .layout import RawPage, Word, build_pages, sane_geometry
from .model import Page
from .regions import MAX_PATHS, THIN

EXTRACTOR_VERSION = "pdf-2"
ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"

Progress = Callable[[int, int], None]


def _open_error(exc: BaseException) -> str:
    """A one-line reason from pdfminer's exception chain (its str() is often empty)."""
    inner = exc
    for arg in getattr(exc, "args", ()):
        if isinstance(arg, BaseException):
            inner = arg
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "password-protected PDF: remove the password and try again"
    detail = str(inner).strip() or name
    return f"damaged PDF ({name}: {detail[:120]})" if detail != name else f"damaged PDF ({name})"


def _plumber_words(page) -> list[Word]:
    out = []
    for w in page.extract_words(x_tolerance_ratio=0.15, extra_attrs=["size", "fontname"]):
        name = str(w.get("fontname", "")).lower()
        out.append(
            Word(
                w["text"],
                float(w["x0"]),
                float(w["x1"]),
                float(w["top"]),
                float(w["bottom"]),
                round(float(w.get("size") or 0), 1),
                any(k in name for k in ("bold", "black", "heavy", "semibold")),
                "italic" in name or "oblique" in name,
            )
        )
    return out


def _plumber_boxes(page) -> list[tuple[float, float, float, float]]:
    return [
        (float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
        for r in page.rects
        if float(r["width"]) >= 60 and float(r["height"]) >= 30
    ][:50]


def _plumber_drawing(page) -> tuple[list[tuple[float, float, float, float]], list[tuple[float, float, float, float]]]:
    """Thin strokes (rulings, axes) and the bounds of other paths, as pdfium's engine gives them."""
    lines: list[tuple[float, float, float, float]] = []
    shapes: list[tuple[float, float, float, float]] = []
    for obj in (*page.lines, *page.rects, *page.curves):
        box = (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
        w, h = box[2] - box[0], box[3] - box[1]
        if w <= THIN or h <= THIN:
            if max(w, h) >= 6:
                lines.append(box)
        else:
            shapes.append(box)
    return lines[:MAX_PATHS], shapes[:MAX_PATHS]


def _read_pages_plumber(path: str, warnings: list[str], progress: Progress | None) -> list[RawPage]:
    import logging

    import pdfplumber  # imported here: `rusaudit --version` must stay fast

    # pdfminer logs recoverable damage to stderr; the report carries our own warnings.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    raw: list[RawPage] = []
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for broken files
        raise InputError(_open_error(exc), path) from None
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise InputError(_open_error(exc), path) from None
        for index, page in enumerate(pages):
            number = index + 1
            try:
                width, height = float(page.width), float(page.height)
                if not sane_geometry(width, height):
                    warnings.append(f"page {number}: implausible page size {width:.0f}×{height:.0f} pt; page skipped")
                    raw.append(RawPage(number, 1.0, 1.0))
                    continue
                pictures = [
                    (float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"]))
                    for im in page.images
                    if (float(im.get("width") or 0) * float(im.get("height") or 0)) > 2500
                ]
                words = _plumber_words(page)
                lines, shapes = _plumber_drawing(page)
                raw.append(
                    RawPage(
                        number, width, height, words, len(pictures), _plumber_boxes(page), pictures[:50], lines, shapes
                    )
                )
            except (Exception, RecursionError) as exc:
                warnings.append(f"page {number}: text could not be read ({type(exc).__name__})")
                raw.append(RawPage(number, 1.0, 1.0))
            finally:
                page.close()
                if progress is not None:
                    progress(number, len(pages))
    return raw


def read_raw_pages(
    path: str, engine: str = DEFAULT_ENGINE, progress: Progress | None = None
) -> tuple[list[RawPage], list[str]]:
    """The engine's raw pages and its warnings. Raises InputError for unreadable files."""
    warnings: list[str] = []
    if engine == "pdfplumber":
        return _read_pages_plumber(path, warnings, progress), warnings
    if engine != "pdfium":
        raise ValueError(f"unknown PDF engine {engine!r}: expected one of {', '.join(ENGINES)}")
    from .pdfium import read_pages

    return read_pages(path, warnings, progress), warnings


def extract_pdf(
    path: str, engine: str = DEFAULT_ENGINE, progress: Progress | None = None
) -> tuple[list[Page], list[str]]:
    """Read a PDF into pages of blocks. Raises InputError for unreadable files.

    `progress(done_pages, total_pages)` is called once per page as it is read.
    """
    raw, warnings = read_raw_pages(path, engine, progress)
    return build_pages(raw), warnings
