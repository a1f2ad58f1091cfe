"""The terminal report, drawn with rich, in the terminal's width (COLUMNS when piped).

Tables never cut data: names and sentences wrap, numbers never do. When even wrapped
names leave no room for every number, a table turns into a stacked layout (one block
per row, each number beside its column's name).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..safetext import terminal
from .i18n import fmt_score, fmt_value, t, title
from .model import Report
from .reasons import translate
from .summary import clip, summarize
from .trust import evidence_mark, ocr_note

WORD_MAX = 16  # a longer "word" (a file name) may fold inside
NAME_MIN = 10  # the narrowest a wrapping name column may become before the layout stacks


@dataclass
class Fitted:
    """A table's data, drawn as a table when it fits the width and stacked when it does not."""

    headers: list[str | Text]
    numeric: set[int]  # columns holding numbers: never wrapped, never cut
    rows: list[list[str | Text]]
    title: str | Text | None = None
    wide: set[int] | None = None  # text columns that may grow wide (sentences)

    def __rich_console__(self, console: Console, options):
        width = options.max_width
        yield self.table(width) if self.fits(width) else self.stacked(width)

    def _width(self, col: int) -> int:
        cells = [Text(str(r[col])) if isinstance(r[col], str) else r[col] for r in self.rows]
        if col in self.numeric:
            words = str(self.headers[col]).split() or [""]
            return max([len(c.plain) for c in cells] + [max(len(w) for w in words)])
        words = [w for c in [_text(self.headers[col]), *cells] for w in c.plain.split()]
        longest = max((len(w) for w in words), default=1)
        return longest if longest <= WORD_MAX else NAME_MIN  # words stay whole; long file names fold

    def fits(self, width: int) -> bool:
        return sum(self._width(c) for c in range(len(self.headers))) + 3 * len(self.headers) + 1 <= width

    def _natural(self, col: int) -> int:
        cells = [self.headers[col], *[r[col] for r in self.rows]]
        natural = max(max((len(line) for line in _plain(c).splitlines()), default=0) for c in cells)
        return min(natural, 70) if self.wide and col in self.wide else natural

    def widths(self, width: int) -> dict[int, int]:
        """Fixed widths for the text columns when their natural widths do not fit: each keeps its
        minimum (its longest word, up to NAME_MIN) and shares what is left by how much it wants."""
        text = [c for c in range(len(self.headers)) if c not in self.numeric]
        room = width - 3 * len(self.headers) - 1 - sum(self._width(c) for c in self.numeric)
        natural = {c: self._natural(c) for c in text}
        if sum(natural.values()) <= room:
            return {}
        out = {c: self._width(c) for c in text}
        spare = room - sum(out.values())
        wants = {c: natural[c] - out[c] for c in text if natural[c] > out[c]}
        total = sum(wants.values())
        for c, want in sorted(wants.items()):
            out[c] += min(want, spare * want // total) if total else 0
        return out

    def table(self, width: int = 120) -> Table:
        fixed = self.widths(width)
        table = Table(title=_text(self.title) if self.title else None, title_justify="left")
        for c, head in enumerate(self.headers):
            if c in self.numeric:
                table.add_column(_text(head), justify="right", no_wrap=True, min_width=self._width(c))
            else:
                wide = self.wide and c in self.wide
                table.add_column(
                    _text(head), overflow="fold", width=fixed.get(c), max_width=70 if wide and c not in fixed else None
                )
        for r in self.rows:
            table.add_row(*[_text(v) for v in r])
        return table

    def stacked(self, width: int) -> Group:
        out: list[RenderableType] = []
        if self.title:
            out.append(_text(self.title))
        names = [c for c in range(len(self.headers)) if c not in self.numeric]
        first = names[0] if names else None
        for r in self.rows:
            if first is not None:
                name = _text(r[first]).copy()
                name.stylize("bold")
                out.append(name)  # at the margin, details indented below (a long file name folds)
            for c in names[1:]:
                if _plain(r[c]):
                    out.append(Padding(Text(f"{_plain(self.headers[c])}: ") + _text(r[c]), (0, 0, 0, 2)))
            pairs = [f"{_plain(self.headers[c]) or '#'}: {_plain(r[c])}" for c in sorted(self.numeric)]
            line = ""
            for p in pairs:  # a number stays beside its column's name, never split
                if line and len(line) + len(p) + 5 > width:
                    out.append(Padding(Text(line), (0, 0, 0, 2)))
                    line = ""
                line += (" · " if line else "") + p
            if line:
                out.append(Padding(Text(line), (0, 0, 0, 2)))
        return Group(*out)


def console(file=None) -> Console:
    """A console in the terminal's width; COLUMNS wins, and piped output (logs, files) gets 160 columns."""
    import os
    import sys

    stream = file or sys.stdout
    width = None
    if os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    elif not (hasattr(stream, "isatty") and stream.isatty()):
        width = 160
    return Console(file=file, width=width)


def _text(v) -> Text:
    return v if isinstance(v, Text) else Text(str(v))  # document text is never rich markup


def _plain(v) -> str:
    return v.plain if isinstance(v, Text) else str(v)


def _bar(score: float | None, width: int = 20) -> Text:
    if score is None or width <= 0:
        return Text("–" if score is None else "")
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
        (terminal(doc["path"]), "bold"),  # a file name carries no escape sequence to the terminal
        f"\n{t(lang, 'region')}: {reg} · {doc['pages']} {t(lang, 'pages')} · "
        f"{doc['words']} {t(lang, 'words')} · {t(lang, 'maps')}: {doc['maps']}",
    )
    note = ocr_note(doc, lang)
    if note:
        head.append(f"\n{note}", style="yellow" if "⚠" in note else None)
    labels = [title(d.title, lang) for d in report.dimensions] + [t(lang, "overall")]
    bar = min(20, console.width - max(len(x) for x in labels) - 16)  # the bar gives way first
    bar = bar if bar >= 8 else 0
    scores = Table.grid(padding=(0, 2))
    for d in report.dimensions:
        scores.add_row(
            Text(title(d.title, lang)), Text(fmt_score(d.score), style="bold", no_wrap=True), _bar(d.score, bar)
        )
    scores.add_row(
        Text(t(lang, "overall"), style="bold"),
        Text(fmt_score(report.scores.get("overall")), style="bold", no_wrap=True),
        _bar(report.scores.get("overall"), bar),
    )
    console.print(Panel(Group(head, Text(""), scores), title="rusaudit", expand=False))

    for d in report.dimensions:
        rows = []
        for i in d.indicators:
            ev = i.evidence[0] if i.evidence else None
            where = ""
            if ev:
                where = f"{t(lang, 'page')} {ev.page}{evidence_mark(ev.ocr_low_confidence)}: {clip(ev.sentence, 90)}"
            rows.append(
                [
                    title(i.title, lang),
                    fmt_value(i.value, i.id),
                    fmt_score(None if i.score is None else 100 * i.score),
                    where if not i.error else f"{t(lang, 'not_computed')}: {translate(i.error, lang)}",
                ]
            )
        headers = [t(lang, "indicator"), t(lang, "value"), t(lang, "score"), t(lang, "evidence")]
        console.print(Fitted(headers, {1, 2}, rows, f"{title(d.title, lang)} – {fmt_score(d.score)}", wide={3}))

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
    render_excluded(report, console, lang)
    for w in report.warnings:
        console.print(Text(f"{t(lang, 'warnings')}: {translate(w, lang)}", style="yellow"))


def render_excluded(report: Report, console: Console, lang: str = "sv") -> None:
    """What was left out of the audit, and why: pages, sections, silenced findings."""
    if not report.excluded:
        return
    from .labels import TEXT, label
    from .summary import excluded_lines

    console.print(Text(label(TEXT, "excluded", lang), style="bold"))
    for line in excluded_lines(report.excluded, lang):
        console.print(Padding(Text(line), (0, 0, 0, 2)))


def render_deeper(report: Report, console: Console, lang: str = "sv") -> None:
    """The geography matrix, planning links and collaboration profile, when present."""
    from .labels import COLUMNS, PLANNING_GROUPS, ROWS, TEXT, label

    yes, no = t(lang, "yes"), t(lang, "no")
    m = report.geography_matrix
    if m:
        heads: list[str | Text] = [""]
        for c in m["columns"]:
            head = label(COLUMNS, c, lang)
            if c in m["blind"]:
                head += f"\n{label(TEXT, 'blind', lang)}"
            heads.append(Text(head, style="bold red" if c in m["blind"] else ""))
        counts = {(c["row"], c["column"]): c["count"] for c in m["cells"]}
        rows = [[label(ROWS, r, lang), *[str(counts[(r, c)] or "·") for c in m["columns"]]] for r in m["rows"]]
        console.print(Fitted(heads, set(range(1, len(heads))), rows, label(TEXT, "matrix", lang)))
        blind = ", ".join(label(COLUMNS, c, lang) for c in m["blind"])
        console.print(
            Text(f"{label(TEXT, 'blind_line', lang)}: {blind}", style="bold red")
            if blind
            else Text(label(TEXT, "no_blind", lang), style="green")
        )
    if report.planning:
        heads = [
            label(TEXT, "group", lang),
            label(TEXT, "process", lang),
            t(lang, "found"),
            label(TEXT, "explicit", lang),
            t(lang, "count"),
        ]
        rows = [
            [
                label(PLANNING_GROUPS, p["group"] or "", lang),
                title(p["title"], lang),
                yes if p["found"] else no,
                yes if p["explicit"] else no,
                str(p["count"]),
            ]
            for p in report.planning
        ]
        console.print(Fitted(heads, {2, 3, 4}, rows, label(TEXT, "planning", lang)))
    c = report.collaboration
    if c:
        titles = c.get("level_titles", {})
        heads = [
            label(TEXT, "actor", lang),
            label(TEXT, "mentions", lang),
            label(TEXT, "statements", lang),
            label(TEXT, "highest", lang),
        ]
        rows = []
        for a in c["actors"]:
            level = a["highest_level"]
            rows.append(
                [
                    title(a["name"], lang),
                    str(a["count"]),
                    str(a["statements"]),
                    title(titles.get(str(level), {}), lang) if level else "–",
                ]
            )
        console.print(Fitted(heads, {1, 2}, rows, label(TEXT, "collaboration", lang)))
        steps = " · ".join(f"{title(titles.get(k, {}), lang) or k}: {n}" for k, n in c["levels"].items())
        console.print(Text(f"{label(TEXT, 'ladder', lang)}: {steps}"))
        if c.get("lansstyrelsen_planning") is not None:
            console.print(Text(f"{label(TEXT, 'lst_planning', lang)}: {yes if c['lansstyrelsen_planning'] else no}"))
