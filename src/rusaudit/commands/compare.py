"""`rusaudit compare`: audit a batch of strategies side by side; `rusaudit cache clear`."""

from __future__ import annotations

import os
import sys
from enum import Enum

import typer

from . import OCR_HELP, ocr_mode

STRINGS = {
    "sv": {
        "scanning": "Granskar",
        "rank": "#",
        "document": "Dokument",
        "region": "Region",
        "municipalities": "Kommuner",
        "territorial": "Territ.",
        "national_strategy": "Nat.strat.",
        "planning": "Planering",
        "collaboration": "Samverkan",
        "overall": "Totalt",
        "title": "Rangordning",
        "summary": "{ok} av {total} dokument jämförda ({cached} från cachen); {failed} kunde inte läsas. "
        "Resultat: {out}",
        "no_files": "no strategy files ({types}) found in {paths}",
        "cleared": "{n} cachade poster (extraheringar och rapporter) borttagna från {dir}",
    },
    "en": {
        "scanning": "Scanning",
        "rank": "#",
        "document": "Document",
        "region": "Region",
        "municipalities": "Municipalities",
        "territorial": "Territ.",
        "national_strategy": "Nat.strat.",
        "planning": "Planning",
        "collaboration": "Collaboration",
        "overall": "Overall",
        "title": "Ranking",
        "summary": "{ok} of {total} documents compared ({cached} from the cache); {failed} could not be read. "
        "Results: {out}",
        "no_files": "no strategy files ({types}) found in {paths}",
        "cleared": "{n} cache entries (extractions and reports) removed from {dir}",
    },
}


class Lang(str, Enum):
    sv = "sv"
    en = "en"


def _t(lang: str, key: str, **kw) -> str:
    return STRINGS[lang][key].format(**kw)


def _usage(message: str) -> None:
    from ..errors import EXIT_INPUT

    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)


def _csv(comparison: dict) -> str:
    import csv
    import io

    docs, errors = comparison["documents"], comparison["errors"]
    score_keys = comparison["score_keys"]
    key_cols = ["municipalities_named", "municipalities_total", "places_named", "place_mentions"]
    key_cols += ["geography_types", "maps"]
    ind_cols = list(comparison["indicator_titles"])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["rank", "path", "region_code", "region_name", "region_source", *score_keys, *key_cols, *ind_cols, "error"]
    )

    def cell(v):
        return "" if v is None else v

    rows = [(d["path"], d) for d in docs] + [(e["path"], e) for e in errors]
    for _, d in sorted(rows, key=lambda r: r[0]):
        if "reason" in d:
            n = 5 + len(score_keys) + len(key_cols) + len(ind_cols)
            w.writerow(["", d["path"], *[""] * (n - 2), d["reason"]])
            continue
        region = d["region"]
        w.writerow(
            [d["rank"], d["path"], cell(region["code"]), cell(region["name"]), cell(region["source"])]
            + [cell(d["scores"].get(k)) for k in score_keys]
            + [cell(d["key_indicators"].get(k)) for k in key_cols]
            + [cell(d["indicators"].get(k)) for k in ind_cols]
            + [""]
        )
    return buf.getvalue()


def _ranking_table(comparison: dict, lang: str):
    from rich.table import Table
    from rich.text import Text

    from ..analyse.gazetteer import _bare_county
    from ..report.i18n import fmt_score

    keys = comparison["score_keys"]
    table = Table(title=_t(lang, "title"), title_justify="left")
    table.add_column(_t(lang, "rank"), justify="right")
    table.add_column(_t(lang, "document"), no_wrap=True)
    table.add_column(_t(lang, "region"))
    for k in keys:
        table.add_column(STRINGS[lang].get(k, k), justify="right")
    table.add_column(_t(lang, "municipalities"), justify="right")
    for d in sorted(comparison["documents"], key=lambda d: d["rank"]):
        ki = d["key_indicators"]
        table.add_row(
            str(d["rank"]),
            Text(d["name"]),  # a file name is never rich markup
            Text(_bare_county(d["region"]["name"]) if d["region"]["name"] else "–"),
            *[fmt_score(d["scores"].get(k)) for k in keys],
            f"{ki['municipalities_named']}/{ki['municipalities_total']}",
        )
    return table


def compare(
    paths: list[str] = typer.Argument(..., help="Strategy files, or folders holding them (.pdf, .docx, .md, .txt)."),
    output: str = typer.Option("rusaudit-compare", "--output", "-o", help="Folder for the comparison and reports."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: the CPU count)."),
    region_from_filename: bool = typer.Option(
        False,
        "--region-from-filename",
        help="Take the county from the file name: a leading SCB code (24-...) or a county name in it.",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the extraction cache."),
    recursive: bool = typer.Option(False, "--recursive", "-R", help="Search folders recursively."),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Report language."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
) -> None:
    """Compare strategies: ranking, heatmap, county map; one report per document."""
    import json

    from rich.console import Console

    from ..api import Options
    from ..batch import collect, comparison, report_names, scan_all
    from ..batch import region_from_filename as region_of
    from ..errors import EXIT_FAILED, EXIT_OK
    from ..output import write_atomic
    from ..report.html import render, render_comparison

    if os.path.exists(output) and not os.path.isdir(output):
        _usage(f"{output}: --output must be a folder, and a file of that name exists")
    files = collect(paths, recursive)
    if not files:
        from ..extract import SUPPORTED

        _usage(_t(lang.value, "no_files", types=", ".join(SUPPORTED), paths=", ".join(paths)))
    regions = {}
    if region_from_filename:
        regions = {p: code for p in files if (code := region_of(p))}

    err = Console(stderr=True)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}", markup=False),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task(_t(lang.value, "scanning"), total=len(files), last="")
        items = scan_all(
            files,
            Options(ocr=ocr_mode(ocr)),
            jobs=jobs or os.cpu_count() or 1,
            use_cache=not no_cache,
            regions=regions,
            on_done=lambda item: progress.update(task, advance=1, last=os.path.basename(item.path)),
        )

    for item in items:
        if item.error:
            typer.echo(f"error: {item.path}: {item.error}", err=True)
    names = report_names([i.path for i in items])
    result = comparison(items, set(regions), names)
    for item in items:
        if item.report is not None:
            base = os.path.join(output, "reports", names[item.path])
            write_atomic(base + ".json", item.report.to_json())
            write_atomic(base + ".html", render(item.report, lang.value))
    write_atomic(os.path.join(output, "comparison.json"), json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    write_atomic(os.path.join(output, "comparison.csv"), _csv(result))
    write_atomic(os.path.join(output, "comparison.html"), render_comparison(result, lang.value))

    out = Console(width=None if sys.stdout.isatty() else 120)
    if result["documents"]:
        out.print(_ranking_table(result, lang.value))
    failed = len(result["errors"])
    cached = sum(1 for i in items if i.cached)
    summary = _t(
        lang.value,
        "summary",
        ok=len(result["documents"]),
        total=len(items),
        cached=cached,
        failed=failed,
        out=os.path.join(output, "comparison.html"),
    )
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def clear_cache(lang: Lang = typer.Option(Lang.sv, "--lang", help="Message language.")) -> None:
    """Delete every cached extraction and report."""
    from ..cache import cache_dir, clear

    n = clear()
    typer.echo(_t(lang.value, "cleared", n=n, dir=cache_dir()))


def register(app: typer.Typer) -> None:
    app.command()(compare)
    cache = typer.Typer(
        help="The cache of extractions and reports (in the user's cache directory).", no_args_is_help=True
    )
    cache.command("clear")(clear_cache)
    app.add_typer(cache, name="cache")
