"""Plain-text and JSON renderings of a gate run (the text is what a CI log shows)."""

from __future__ import annotations

import json

from .. import __version__
from ..safetext import terminal
from .evaluate import GateRun
from .texts import fmt, fmt_pages, t

MARK = {"pass": "✓", "fail": "✗", "warn": "!", "known": "·"}


def scores_line(report: dict, lang: str) -> str:
    parts = []
    for d in report.get("dimensions", []):
        parts.append(f"{d['title'].get(lang) or d['id']} {fmt(d.get('score'))}")
    parts.append(f"{t(lang, 'overall')} {fmt(report.get('scores', {}).get('overall'))}")
    return " · ".join(parts)


def render_text(run: GateRun) -> str:
    lang = run.lang
    cfg = run.config
    head = t(lang, "config", path=cfg.path) if cfg.path else t(lang, "no_config")
    out = [f"rusaudit check · {head}"]
    for doc in run.documents:
        out.append(f"{doc.path}: {t(lang, doc.status)} ({scores_line(doc.report, lang)})")
        if doc.baseline:
            out.append(f"  {t(lang, 'baseline_' + doc.baseline)}")
        for w in doc.report.get("warnings", []):  # a region that does not fit the text
            if w.startswith("--region"):
                from ..report.reasons import translate

                out.append(f"  {MARK['warn']} {translate(w, lang)}")
        if doc.report.get("excluded"):  # what the audit left out, and why
            from ..report.labels import TEXT, label
            from ..report.summary import excluded_lines

            out += [
                f"  – {label(TEXT, 'excluded', lang)}: {line}" for line in excluded_lines(doc.report["excluded"], lang)
            ]
        kept = 0
        for c in doc.checks:
            if c.kind == "baseline_rule" and c.status == "pass":
                kept += 1
                continue
            out.append(f"  {MARK[c.status]} {c.message}")
            if c.kind == "min_score":
                pages = [n.page for n in doc.notes if n.gate == c.id]
                if pages:
                    out.append(f"      {t(lang, 'pages_blind', pages=fmt_pages(pages, limit=20))}")
        if kept:
            out.append(f"  {MARK['pass']} {t(lang, 'rules_kept', n=kept)}")
    for err in run.errors:
        out.append(f"{err.path}: {t(lang, 'error')}: {err.message}")
    failed = sum(1 for d in run.documents if d.status == "fail")
    warned = sum(1 for d in run.documents if d.status == "warn")
    total = len(run.documents) + len(run.errors)
    out.append(t(lang, "summary", failed=failed, total=total, warned=warned, errors=len(run.errors)))
    # Lines carry file names and document text: no escape sequence or stray line break gets through.
    return "\n".join(terminal(line) for line in out) + "\n"


def render_json(run: GateRun, generated_at: str | None = None) -> str:
    data = {
        "rusaudit_check": 1,
        "tool_version": __version__,
        "config": run.config.path,
        "settings": run.config.to_dict(),
        "baseline": run.baseline_path,
        "passed": run.passed,
        "exit_code": run.exit_code,
        "documents": [d.to_dict() for d in run.documents],
        "errors": [{"path": e.path, "message": e.message} for e in run.errors],
    }
    if generated_at:
        data["generated_at"] = generated_at
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
