"""GitHub Actions workflow commands: annotations on the strategy files in a run.

`::error` for a failed gate, `::warning` for a warning, `::notice` for a failure already
known from the baseline and for the pages without geography (one notice per gate).
A plain line per document keeps the log readable.
"""

from __future__ import annotations

from ..safetext import terminal
from .evaluate import GateRun
from .text import scores_line
from .texts import fmt_pages, t

COMMAND = {"fail": "error", "warn": "warning", "known": "notice"}


def _data(s: str) -> str:
    """A command's message: %, CR and LF escaped as the runner unescapes them (no second line)."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def _plain(s: str) -> str:
    """A plain log line (not a command): one line, no control characters, no `::` to start one."""
    return terminal(s).replace("::", ": :")


def _command(kind: str, file: str, title: str, message: str) -> str:
    return f"::{kind} file={_prop(file)},title={_prop(title)}::{_data(message)}"


def render(run: GateRun) -> str:
    lang = run.lang
    out: list[str] = []
    for doc in run.documents:
        out.append(_plain(f"{doc.path}: {t(lang, doc.status)} ({scores_line(doc.report, lang)})"))
        for c in doc.checks:
            if c.status != "pass":
                out.append(_command(COMMAND[c.status], doc.key, f"rusaudit {c.id}", c.message))
            pages = [n.page for n in doc.notes if n.gate == c.id]
            if pages:
                text = t(lang, "pages_blind", pages=fmt_pages(pages, limit=50))
                out.append(_command("notice", doc.key, f"rusaudit {c.id}", text))
    for err in run.errors:
        out.append(_command("error", err.key, "rusaudit", err.message))
    failed = sum(1 for d in run.documents if d.status == "fail")
    warned = sum(1 for d in run.documents if d.status == "warn")
    total = len(run.documents) + len(run.errors)
    out.append(_plain(t(lang, "summary", failed=failed, total=total, warned=warned, errors=len(run.errors))))
    return "\n".join(out) + "\n"
