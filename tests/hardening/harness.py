"""Helpers for the hardening tests: run rusaudit as a user would, in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DOC = """# Regional utvecklingsstrategi för Västerbotten

Umeå och Skellefteå ska växa. Lycksele och Storuman är inlandets noder.
Region Västerbotten samverkar med kommunerna om kompetensförsörjning.
"""


def run(*args: str, cwd: Path, cache: Path | None = None, env: dict | None = None, timeout: float = 120):
    """`python -m rusaudit ARGS` in `cwd`; returns the CompletedProcess (text)."""
    full = dict(os.environ)
    if cache is not None:
        full["RUSAUDIT_CACHE_DIR"] = str(cache)
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "rusaudit", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def one_line(stderr: str) -> str:
    """The stderr of a refused input: exactly one `error:` line and no traceback."""
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    return lines[0]
