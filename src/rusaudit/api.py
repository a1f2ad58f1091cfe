"""The library entry point: `audit(path, options) -> Report`, no CLI needed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .extract import Document, load_document


@dataclass(frozen=True)
class Options:
    region: str | None = None  # SCB county code or name; None = detect from the text
    rules: tuple[str, ...] = ()  # extra rule folders or files (places*.yaml in them add places)
    default_rules: bool = True
    engine: str | None = None  # PDF engine: "pdfium" (None, the default) or "pdfplumber"
    ocr: str = "never"  # "never" | "auto" (pages without a text layer) | "always"; see extract.ocr
    pages: str | None = None  # --pages: only these pages ("3-40,45")
    exclude_pages: str | None = None  # pages left out (configuration)
    exclude_sections: tuple[str, ...] = ()  # headings whose sections are left out (configuration)


def places_files(rules: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for r in rules:
        p = Path(r)
        if p.is_dir():
            out += [str(f) for f in sorted(p.glob("places*.y*ml"))]
        elif p.name.startswith("places"):
            out.append(str(p))
    return tuple(out)


@lru_cache(maxsize=4)
def rulebook(rules: tuple[str, ...] = (), default_rules: bool = True):
    """The rule sets for these options (validated), read once per process."""
    from .rulelang import load_rulebook
    from .score.indicators import MEASURES

    return load_rulebook(rules, defaults=default_rules, measures=frozenset(MEASURES))


@lru_cache(maxsize=4)
def analyzer(rules: tuple[str, ...] = (), default_rules: bool = True):
    """Compiled rules and gazetteer, built once per process and options."""
    from .analyse.analyzer import Analyzer
    from .analyse.gazetteer import load_gazetteer

    return Analyzer(rulebook(rules, default_rules), load_gazetteer(places_files(rules)))


def audit_document(document: Document, options: Options = Options(), progress=None):
    """Analyse, score and report a read document; `progress(pages_done, pages)` while analysing."""
    from .analyse.exclude import apply, silence
    from .errors import InputError
    from .report.model import build_report
    from .score.aggregate import score_all

    total = len(document.pages)
    document, excluded, suppressed = apply(document, options.pages, options.exclude_pages, options.exclude_sections)
    if not document.pages or document.words == 0:
        raise InputError(f"nothing left to audit: the exclusions leave no text of its {total} pages", document.path)
    an = analyzer(options.rules, options.default_rules)
    analysis = an.run(document, options.region, progress)
    excluded += silence(analysis, suppressed)
    analysis.warnings = list(an.book.notices) + analysis.warnings
    dims, overall = score_all(analysis)
    report = build_report(analysis, dims, overall)
    report.excluded = excluded
    return report


def load(
    path: str, progress=None, engine: str | None = None, ocr: str = "never", ocr_pages: str | None = None
) -> Document:
    """`load_document` with a `progress(done_pages, total_pages)` callback, a PDF engine and an OCR mode."""
    return load_document(path, engine=engine, progress=progress, ocr=ocr, ocr_pages=ocr_pages)


def ocr_pages(options: Options) -> str | None:
    """The pages OCR may read: `--pages` less `exclude_pages`, so excluded pages are never OCR'd."""
    if options.ocr == "never":
        return options.pages
    from .extract.ocr import ocr_scope

    return ocr_scope(options.pages, options.exclude_pages)


def audit(path: str, options: Options = Options(), cache: bool = False, progress=None):
    """Extract, analyse, score and report one strategy file.

    `progress(done_pages, total_pages)` is called while pages are read. With
    `cache=True` the report (or at least the extraction) is read from, and stored
    in, the user's cache; see rusaudit.cache.
    """
    if cache:
        from .cache import audit_cached

        return audit_cached(path, options, progress=progress).report
    return audit_document(load(path, progress, options.engine, options.ocr, ocr_pages(options)), options)
