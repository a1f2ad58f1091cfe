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

    if report.national_strategy:
        checklist = Table(title=Text(t(lang, "checklist")), title_justify="left")
        checklist.add_column("")
        checklist.add_column(t(lang, "verdict"))
        checklist.add_column(t(lang, "count"), justify="right")
        for n in report.national_strategy:
            verdict = n.get("verdict") or ("touched" if n["found"] else "absent")
            checklist.add_row(Text(title(n["title"], lang)), t(lang, f"verdict_{verdict}"), str(n["count"]))
        console.print(checklist)
    render_deeper(report, console, lang)
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


def render_deeper(report: Report, console: Console, lang: str = "sv") -> None:
    """The geography matrix, planning links and collaboration profile, when present."""
    from .labels import COLUMNS, PLANNING_GROUPS, ROWS, TEXT, label

    yes, no = t(lang, "yes"), t(lang, "no")
    m = report.geography_matrix
    if m:
        table = Table(title=Text(label(TEXT, "matrix", lang)), title_justify="left")
        table.add_column("")
        for c in m["columns"]:
            head = label(COLUMNS, c, lang)
            if c in m["blind"]:
                head += f"\n{label(TEXT, 'blind', lang)}"
            table.add_column(Text(head, style="bold red" if c in m["blind"] else ""), justify="right")
        counts = {(c["row"], c["column"]): c["count"] for c in m["cells"]}
        for r in m["rows"]:
            table.add_row(Text(label(ROWS, r, lang)), *[str(counts[(r, c)] or "·") for c in m["columns"]])
        console.print(table)
        blind = ", ".join(label(COLUMNS, c, lang) for c in m["blind"])
        console.print(
            Text(f"{label(TEXT, 'blind_line', lang)}: {blind}", style="bold red")
            if blind
            else Text(label(TEXT, "no_blind", lang), style="green")
        )
    if report.planning:
        table = Table(title=Text(label(TEXT, "planning", lang)), title_justify="left")
        for col in (
            label(TEXT, "group", lang),
            label(TEXT, "process", lang),
            t(lang, "found"),
            label(TEXT, "explicit", lang),
            t(lang, "count"),
        ):
            table.add_column(col)
        for p in report.planning:
            table.add_row(
                Text(label(PLANNING_GROUPS, p["group"] or "", lang)),
                Text(title(p["title"], lang)),
                yes if p["found"] else no,
                yes if p["explicit"] else no,
                str(p["count"]),
            )
        console.print(table)
    c = report.collaboration
    if c:
        titles = c.get("level_titles", {})
        table = Table(title=Text(label(TEXT, "collaboration", lang)), title_justify="left")
        for col in (
            label(TEXT, "actor", lang),
            label(TEXT, "mentions", lang),
            label(TEXT, "statements", lang),
            label(TEXT, "highest", lang),
        ):
            table.add_column(col)
        for a in c["actors"]:
            level = a["highest_level"]
            table.add_row(
                Text(title(a["name"], lang)),
                str(a["count"]),
                str(a["statements"]),
                Text(title(titles.get(str(level), {}), lang) if level else "–"),
            )
        console.print(table)
        steps = " · ".join(f"{title(titles.get(k, {}), lang) or k}: {n}" for k, n in c["levels"].items())
        console.print(Text(f"{label(TEXT, 'ladder', lang)}: {steps}"))
        if c.get("lansstyrelsen_planning") is not None:
            console.print(Text(f"{label(TEXT, 'lst_planning', lang)}: {yes if c['lansstyrelsen_planning'] else no}"))
