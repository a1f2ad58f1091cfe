"""Extraction: any supported file in, a Document of pages and blocks out."""

from __future__ import annotations

import hashlib
import os

from ..errors import InputError
from .model import Block, Document, Figure, Page

__all__ = ["Block", "Document", "Figure", "Page", "load_document", "EXTRACTOR_VERSION", "SUPPORTED"]

SUPPORTED = (".pdf", ".docx", ".md", ".markdown", ".txt")
EXTRACTOR_VERSION = "2"


def _sniff(path: str, head: bytes) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if suffix == ".pdf":
        raise InputError("not a PDF (no %PDF header)" if head else "empty file (0 bytes)", path)
    if suffix == ".docx":
        if head[:4] == b"PK\x03\x04":
            return "docx"
        if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE container: encrypted or old .doc
            raise InputError("password-protected or old-format Word file: save it as an unprotected .docx", path)
        raise InputError("not a Word .docx file (no zip header)" if head else "empty file (0 bytes)", path)
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix == ".txt":
        return "txt"
    raise InputError(f"unsupported file type '{suffix or '(none)'}': expected one of {', '.join(SUPPORTED)}", path)


def load_document(
    path: str, *, engine: str | None = None, progress=None, ocr: str = "never", ocr_pages: str | None = None
) -> Document:
    """Read a strategy file into a Document. Raises InputError with a one-line reason.

    Only a regular file is read, and only within the limits of `extract.limits`.
    `engine` picks the PDF engine ("pdfium", the default, or "pdfplumber"); `progress`
    is called as progress(done_pages, total_pages) while a PDF is read; `ocr` ("never",
    "auto", "always") says which PDF pages Tesseract reads (see extract.ocr), and
    `ocr_pages` (a page range) keeps OCR to the pages that will be audited.
    """
    from . import limits

    suffix = os.path.splitext(path)[1].lower()
    data = limits.read_bounded(path, text=suffix in (".md", ".markdown", ".txt"))
    fmt = _sniff(path, data[:2048])
    sha = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    if fmt == "pdf":
        from . import pdf as reader
        from .ocr import OcrSettings, extract_pdf_ocr, skipped_scans

        limits.check_pdf_pages(path)
        options = {k: v for k, v in (("engine", engine), ("progress", progress)) if v is not None}
        if ocr == "never":
            pages, warnings = reader.extract_pdf(path, **options)
            warnings += skipped_scans(pages)
        else:
            pages, warnings = extract_pdf_ocr(path, OcrSettings(ocr, pages=ocr_pages), **options)
        if not pages:
            raise InputError("PDF has no pages", path)
    elif fmt == "docx":
        from .docx import extract_docx

        limits.check_docx(data, path)
        pages = extract_docx(data, path)
    elif fmt == "md":
        from .text import extract_md

        pages = extract_md(data, path)
    else:
        from .text import extract_txt

        pages = extract_txt(data, path)
    limits.check_chars(pages, path)
    doc = Document(path=path, sha256=sha, format=fmt, pages=pages, warnings=warnings)
    if doc.words == 0:
        if any(p.images for p in pages) and ocr != "never":
            raise InputError("OCR read no text on the pages to audit (see --pages and exclude_pages)", path)
        if any(p.images for p in pages):
            raise InputError("no text layer (scanned pages?): run with --ocr to read it by OCR (Tesseract)", path)
        raise InputError("no extractable text", path)
    return doc
