"""The terminal report, drawn with rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .i18n import fmt_score, fmt_value, t, title
from .model import Report
from .summary import clip, summarize


def _bar(score: float | None, width: int = 20) -> Text:
    if score is None:
        return Text("–")
    filled = round(score / 100 * width)
    colour = "green" if score >= 67 else "yellow" if score >= 34 else "red"
    return Text("█" * filled, style=colour) + Text("░" * (width - filled), style="dim")


def render(report: Report, console: Console, lang: str = "sv") -> None:
    doc, region = report.document, report.region
    if region["code"]:
        how = t(lang, "detected") if region["detected"] else t(lang, "given")
        reg = f"{region['name']} ({region['code']}, {how})"
    else:
        reg = t(lang, "unknown_region")
    head = Text.assemble(
        (doc["path"], "bold"),
        f"\n{t(lang, 'region')}: {reg} · {doc['pages']} {t(lang, 'pages')} · "
        f"{doc['words']} {t(lang, 'words')} · {t(lang, 'maps')}: {doc['maps']}",
    )
    scores = Table.grid(padding=(0, 2))
    for d in report.dimensions:
        scores.add_row(Text(title(d.title, lang)), Text(fmt_score(d.score), style="bold"), _bar(d.score))
    scores.add_row(
        Text(t(lang, "overall"), style="bold"),
        Text(fmt_score(report.scores.get("overall")), style="bold"),
        _bar(report.scores.get("overall")),
    )
    console.print(Panel(Group(head, Text(""), scores), title="rusaudit", expand=False))

    for d in report.dimensions:
        table = Table(title=Text(f"{title(d.title, lang)} – {fmt_score(d.score)}"), title_justify="left", expand=False)
        table.add_column(t(lang, "indicator"))
        table.add_column(t(lang, "value"), justify="right")
        table.add_column(t(lang, "score"), justify="right")
        table.add_column(t(lang, "evidence"), overflow="fold", max_width=70)
        for i in d.indicators:
            ev = i.evidence[0] if i.evidence else None
            where = f"{t(lang, 'page')} {ev.page}: {clip(ev.sentence, 90)}" if ev else ""
            score = fmt_score(None if i.score is None else 100 * i.score)
            table.add_row(
                Text(title(i.title, lang)),
                fmt_value(i.value, i.id),
                score,
                Text(where if not i.error else f"{t(lang, 'not_computed')}: {i.error}"),
            )
        console.print(table)

    s = summarize(report)
    if s.strongest:
        console.print(Text(t(lang, "statements"), style="bold"))
        for e in s.strongest:
            # Document text is never parsed as rich markup: "[...]" in a PDF stays text.
            console.print(Text(f"  {t(lang, 'page')} {e.page} [{e.match}] {clip(e.sentence)}"))
    cov = report.coverage
    if cov["municipalities_total"]:
        line = f"{t(lang, 'never_named')} ({len(s.never_named)} {t(lang, 'of')} {cov['municipalities_total']}): "
        console.print(Text(line, style="bold") + Text(", ".join(s.never_named) or t(lang, "none")))
    if s.missing_national:
        console.print(
            Text(t(lang, "missing_ns") + ": ", style="bold")
            + Text("; ".join(title(n["title"], lang) for n in s.missing_national))
        )
    for w in report.warnings:
        console.print(Text(f"{t(lang, 'warnings')}: {w}", style="yellow"))
