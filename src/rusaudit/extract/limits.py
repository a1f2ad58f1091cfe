"""Bounds on what one document may cost, checked before the costly part is read.

Only regular files are opened (a FIFO, a device or a link to one is refused at once,
never read). Sizes, pages, characters, a Word file's unpacked size and paragraph count
each have a limit; a document over one gets one line naming the limit and how to raise
it. Limits come from, in order: environment variables (`RUSAUDIT_MAX_BYTES`, ...), the
`[limits]` table of the nearest `rusaudit.toml` (or `[tool.rusaudit.limits]`), defaults.
Sizes may be written `200MB`, `1.5GB`, `512KB` or as a number of bytes.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import BinaryIO

from ..errors import InputError, RusauditError


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 << 20  # any file on disk
    max_text_bytes: int = 20 << 20  # Markdown and plain text
    max_pages: int = 2_000
    max_chars: int = 20_000_000  # characters of extracted text, all pages
    max_docx_unzipped: int = 256 << 20  # the sum of a .docx's parts, unpacked
    max_paragraphs: int = 200_000  # paragraphs in a .docx body
    seconds_per_document: int = 600  # wall time for one document in a batch worker
    memory_per_document: int = 2 << 30  # resident memory of one batch worker

    def describe(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_SIZES = {"max_bytes", "max_text_bytes", "max_docx_unzipped", "memory_per_document"}
ENV = {f.name: "RUSAUDIT_" + f.name.upper() for f in fields(Limits)}
_UNITS = {"": 1, "b": 1, "kb": 1 << 10, "k": 1 << 10, "mb": 1 << 20, "m": 1 << 20, "gb": 1 << 30, "g": 1 << 30}


def human(n: int) -> str:
    """A byte count as people write it: 200 MB, 1.5 GB, 512 KB."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


def _value(name: str, raw) -> int:
    """A positive whole number (sizes may carry a unit); ValueError otherwise."""
    if isinstance(raw, bool):
        raise ValueError(f"expected a positive number, got {raw!r}")
    if isinstance(raw, int):
        n = raw
    elif isinstance(raw, str) and name in _SIZES:
        m = re.fullmatch(r"\s*(\d{1,12}(?:\.\d{1,3})?)\s*([kmg]?b?)\s*", raw.lower())
        if not m:
            raise ValueError(f"expected a size such as 200MB, got {raw!r}")
        n = int(float(m.group(1)) * _UNITS[m.group(2)])
    elif isinstance(raw, str) and re.fullmatch(r"\s*\d{1,12}\s*", raw):
        n = int(raw)
    else:
        raise ValueError(f"expected a positive whole number, got {raw!r}")
    if not 0 < n <= 1 << 50:
        raise ValueError(f"expected a positive number up to {1 << 50}, got {raw!r}")
    return n


def parse_table(table, where: str, path: str | None) -> dict[str, int]:
    """The `[limits]` table of a settings file, validated (RusauditError naming the key)."""
    if not isinstance(table, dict):
        raise RusauditError(f"{where}: expected a table, got {type(table).__name__}", path)
    out = {}
    for key, raw in table.items():
        if key not in ENV:
            raise RusauditError(f"{where}.{key}: unknown limit (known: {', '.join(ENV)})", path)
        try:
            out[key] = _value(key, raw)
        except ValueError as exc:
            raise RusauditError(f"{where}.{key}: {exc}", path) from None
    return out


def _from_config() -> dict[str, int]:
    from ..gate.config import _read_toml, find_config

    found = find_config()
    if found is None:
        return {}
    path, is_py = found
    data = _read_toml(path)
    if is_py:
        data = (data.get("tool") or {}).get("rusaudit") or {}
    if not isinstance(data, dict) or "limits" not in data:
        return {}
    return parse_table(data["limits"], "tool.rusaudit.limits" if is_py else "limits", str(path))


@lru_cache(maxsize=1)
def current() -> Limits:
    """The limits in force in this process (environment over settings file over defaults)."""
    values = _from_config()
    for name, var in ENV.items():
        raw = os.environ.get(var)
        if raw is None or raw == "":
            continue
        try:
            values[name] = _value(name, raw)
        except ValueError as exc:
            raise RusauditError(f"{var}: {exc}") from None
    return replace(Limits(), **values)


def _how(name: str) -> str:
    return f"raise it with {ENV[name]} or [limits] {name}"


def over(name: str, actual: str, path: str) -> InputError:
    """The one-line error for a document over a limit."""
    limit = getattr(current(), name)
    shown = human(limit) if name in _SIZES else f"{limit:,}".replace(",", " ")
    return InputError(f"{actual} (limit {shown}; {_how(name)})", path)


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def open_regular(path: str) -> BinaryIO:
    """Open `path` for reading only if it is (or links to) a regular file.

    The file is opened without blocking and checked on the open descriptor, so a FIFO
    never hangs the tool and nothing can be swapped in between the check and the read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory, not a file", path)
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a file")
            raise InputError(f"not a regular file ({kind}): only files are read", path)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: str, text: bool = False) -> bytes:
    """The bytes of a regular file, refused before reading when it is over the size limit."""
    name = "max_text_bytes" if text else "max_bytes"
    limit = min(getattr(current(), name), current().max_bytes)
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise over(name if text else "max_bytes", f"file too big: {human(size)}", path)
        data = fh.read(limit + 1)
    if len(data) > limit:  # it grew while we read it
        raise over(name if text else "max_bytes", "file too big", path)
    return data


def check_pdf_pages(path: str) -> None:
    """Refuse a PDF with more pages than the limit, counted without reading any page."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pdfplumber brings it; without it the character limit still holds
        return
    try:
        pdf = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError, ValueError):
        return  # damaged or encrypted: the extractor says so in its own words
    try:
        n = len(pdf)
    finally:
        pdf.close()
    if n > current().max_pages:
        raise over("max_pages", f"too many pages: {n}", path)


_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")


def check_docx(data: bytes, path: str) -> None:
    """Refuse a .docx whose parts unpack to more than the limit, or with too many paragraphs.

    Sizes come from the zip directory; zipfile never returns more than a part declares
    (it fails on a mismatch), so a part that lies about its size is refused as damaged.
    The body is scanned as a stream for paragraph tags before any XML is parsed.
    """
    import io
    import zipfile

    limits = current()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"damaged Word file ({type(exc).__name__}: {exc})", path) from None
    with archive:
        infos = archive.infolist()
        total = sum(max(0, i.file_size) for i in infos)
        if total > limits.max_docx_unzipped:
            raise over("max_docx_unzipped", f"Word file unpacks to {human(total)}", path)
        body = next((i for i in infos if i.filename == "word/document.xml"), None)
        if body is None:
            return  # python-docx names what is missing
        count, tail = 0, b""
        try:
            with archive.open(body) as fh:
                while chunk := fh.read(1 << 20):
                    buf = tail + chunk
                    count += len(_PARAGRAPH.findall(buf[: len(buf) - 8] if len(chunk) == 1 << 20 else buf))
                    tail = buf[len(buf) - 8 :] if len(chunk) == 1 << 20 else b""
                    if count > limits.max_paragraphs:
                        raise over("max_paragraphs", "too many paragraphs", path)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise InputError(f"damaged Word file ({type(exc).__name__}: {exc})", path) from None


def check_chars(pages, path: str) -> None:
    """Refuse extracted text longer than the character limit (before any analysis)."""
    n = sum(len(b.text) for p in pages for b in p.blocks)
    if n > current().max_chars:
        raise over("max_chars", f"too much text: {n:,} characters".replace(",", " "), path)
