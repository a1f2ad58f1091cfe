"""Atomic file output: a reader never sees half a report.

A file is written under a temporary name in its folder and renamed over the target. It
gets the mode an ordinary write would give it: the one of the file it replaces, else
0666 less the umask (a temporary file alone would be 0600). Any failure is an
`OutputError`: one line naming the path, never a traceback; being an OSError too, it
is what callers that tolerate a failed write (the cache) already catch.
"""

from __future__ import annotations

import os
import stat
import tempfile

from .errors import RusauditError


class OutputError(RusauditError, OSError):
    """An output path that cannot be written (exit 2)."""


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # the portable way is a swap: set and restore at once
    os.umask(mask)
    return mask


def _mode(path: str) -> int:
    try:
        info = os.stat(path)
    except OSError:
        return 0o666 & ~_umask()
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else 0o666 & ~_umask()


def _reason(exc: OSError, path: str) -> str:
    if isinstance(exc, IsADirectoryError) or os.path.isdir(path):
        return "cannot write: it is a folder (give a file name)"
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        return "cannot write: a file stands where a folder belongs on this path"
    return f"cannot write ({exc.strerror or exc})"


def make_folder(path: str) -> None:
    """Create a folder (and its parents), or raise OutputError."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise OutputError(_reason(exc, path), path) from None
    if not os.path.isdir(path):
        raise OutputError("cannot write: a file stands where a folder belongs on this path", path)


def write_atomic(path: str, text: str) -> None:
    """Write `text` to `path` whole or not at all (OutputError when it cannot be written)."""
    if os.path.isdir(path):
        raise OutputError(_reason(IsADirectoryError(), path), path)
    directory = os.path.dirname(os.path.abspath(path)) or "."
    make_folder(directory)
    mode = _mode(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".rusaudit-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write in {directory} ({exc.strerror or exc})", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            fh.write(text)
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(_reason(exc, path), path) from None
        raise
