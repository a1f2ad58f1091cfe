"""`rusaudit compare`: audit a batch of strategies side by side; `rusaudit cache clear`."""

from __future__ import annotations

import os
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
        "interrupted": "avbrutet: {done} av {total} dokument klara (sparade i cachen; kör igen för att fortsätta)",
        "interrupted_writing": "avbrutet: inget skrevs till {out}",
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
        "interrupted": "interrupted: {done} of {total} documents done (kept in the cache; run again to resume)",
        "interrupted_writing": "interrupted: nothing was written to {out}",
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
        ["rank", "path", "region_code", "region_name", "region_source", "genre"]
        + [*score_keys, *key_cols, *ind_cols, "error"]
    )

    from ..safetext import csv_cell

    def cell(v):
        return "" if v is None else csv_cell(v)

    rows = [(d["path"], d) for d in docs] + [(e["path"], e) for e in errors]
    for _, d in sorted(rows, key=lambda r: r[0]):
        if "reason" in d:
            n = 6 + len(score_keys) + len(key_cols) + len(ind_cols)
            w.writerow(["", cell(d["path"]), *[""] * (n - 2), cell(d["reason"])])
            continue
        region = d["region"]
        w.writerow(
            [d["rank"], cell(d["path"]), cell(region["code"]), cell(region["name"]), cell(region["source"])]
            + [cell(d.get("genre"))]
            + [cell(d["scores"].get(k)) for k in score_keys]
            + [cell(d["key_indicators"].get(k)) for k in key_cols]
            + [cell(d["indicators"].get(k)) for k in ind_cols]
            + [""]
        )
    return buf.getvalue()


def _ranking_table(comparison: dict, lang: str):
    """The ranking: a table in the terminal's width, stacked when it is too narrow (numbers never cut)."""
    from ..analyse.gazetteer import _bare_county
    from ..report.i18n import fmt_score
    from ..report.terminal import Fitted
    from ..safetext import terminal

    keys = comparison["score_keys"]
    headers = [_t(lang, "rank"), _t(lang, "document"), _t(lang, "region")]
    headers += [STRINGS[lang].get(k, k) for k in keys] + [_t(lang, "municipalities")]
    rows = []
    for d in sorted(comparison["documents"], key=lambda d: d["rank"]):
        ki = d["key_indicators"]
        rows.append(
            [
                str(d["rank"]),
                # a file name carries no escape sequence to the terminal; * marks what is no strategy
                terminal(d["name"]) + (" *" if d.get("genre") == "other" else ""),
                _bare_county(d["region"]["name"]) if d["region"]["name"] else "–",
                *[fmt_score(d["scores"].get(k)) for k in keys],
                f"{ki['municipalities_named']}/{ki['municipalities_total']}",
            ]
        )
    numeric = {0, *range(3, len(headers))}
    return Fitted(headers, numeric, rows, _t(lang, "title"))


def compare(
    ctx: typer.Context,
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
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Errors only on stderr: no progress or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Per document on stderr: pages, words, cache use."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
) -> None:
    """Compare strategies: ranking, heatmap, county map; one report per document."""

    from ..api import Options
    from ..batch import Interrupted, collect, comparison, report_names, scan_all
    from ..batch import region_from_filename as region_of
    from ..errors import EXIT_FAILED, EXIT_OK, RusauditError
    from ..safetext import terminal

    if os.path.exists(output) and not os.path.isdir(output):
        _usage(f"{output}: --output must be a folder, and a file of that name exists")
    for p in paths:
        _check_named(p)
    try:
        from ..extract.limits import current

        current()  # a bad [limits] table or RUSAUDIT_* variable: one line, before any work
    except RusauditError as err:
        _usage(err.line().removeprefix("error: "))
    if no_cache:  # nothing read or written, map drawings included, until the command ends
        from ..cache import off

        ctx.with_resource(off())
    files = collect(paths, recursive)
    if not files:
        from ..extract import SUPPORTED

        _usage(_t(lang.value, "no_files", types=", ".join(SUPPORTED), paths=", ".join(paths)))
    regions = {}
    if region_from_filename:
        regions = {p: code for p in files if (code := region_of(p))}

    from ..progress import Bar

    label = _t(lang.value, "scanning")
    try:
        with Bar("documents", lang.value, quiet) as bar:
            bar.start(label, len(files))
            items = scan_all(
                files,
                Options(ocr=ocr_mode(ocr)),
                jobs=jobs or os.cpu_count() or 1,
                use_cache=not no_cache,
                regions=regions,
                on_done=lambda item: bar.advance(f"{label} {terminal(os.path.basename(item.path))}"),
                isolate=True,
            )
    except Interrupted as exc:
        typer.echo(_t(lang.value, "interrupted", done=exc.done, total=exc.total), err=True)
        from ..batch import leave

        leave(130)

    for item in items:
        if verbose and item.report is not None:
            doc = item.report.document
            cache = " (cache)" if item.cached else ""
            typer.echo(f"{item.path}: {doc['pages']} p, {doc['words']} w{cache}", err=True)
        if item.error:
            typer.echo(terminal(f"error: {item.path}: {item.error}"), err=True)
    names = report_names([i.path for i in items])
    result = comparison(items, set(regions), names)
    try:
        _write_all(output, items, names, result, lang.value)
    except RusauditError as exc:
        typer.echo(terminal(exc.line()), err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo(_t(lang.value, "interrupted_writing", out=output), err=True)
        raise typer.Exit(130) from None

    from ..report.terminal import console

    out = console()
    if result["documents"]:
        out.print(_ranking_table(result, lang.value))
        if any(d.get("genre") == "other" for d in result["documents"]):
            from ..report.i18n import t

            out.print("* " + t(lang.value, "other_genre"), markup=False, highlight=False)
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
    if not quiet:
        typer.echo(terminal(summary), err=True)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


def _check_named(path: str) -> None:
    """A path named on the command line must be a folder or a regular file: else one line, exit 2."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        _usage(f"{path}: not found")
    except OSError as exc:
        _usage(f"{path}: cannot read ({exc.strerror})")
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        _usage(f"{path}: not a regular file or folder: only files are read")


def _write_all(output: str, items, names: dict[str, str], result: dict, lang: str) -> None:
    """Write the comparison whole or not at all: built in a staging folder, then swapped in.

    A new output folder is renamed into place in one step; an existing one gets its
    `reports/` folder swapped and its comparison files replaced, so it never holds half
    of an old run and half of a new one (anything else in it is left alone).
    """
    import json
    import shutil
    import tempfile

    from ..output import OutputError, _umask, make_folder, write_atomic
    from ..report.html import render, render_comparison

    target = os.path.abspath(output)
    fresh = not os.path.isdir(target)
    where = os.path.dirname(target) if fresh else target
    make_folder(where)
    try:
        stage = tempfile.mkdtemp(prefix=".rusaudit-new-", dir=where)
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror})", output) from None
    try:
        os.chmod(stage, 0o777 & ~_umask())
        for item in items:
            if item.report is not None:
                base = os.path.join(stage, "reports", names[item.path])
                write_atomic(base + ".json", item.report.to_json())
                write_atomic(base + ".html", render(item.report, lang))
        make_folder(os.path.join(stage, "reports"))
        write_atomic(os.path.join(stage, "comparison.json"), json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        write_atomic(os.path.join(stage, "comparison.csv"), _csv(result))
        write_atomic(os.path.join(stage, "comparison.html"), render_comparison(result, lang))
        if fresh:
            os.rename(stage, target)
            return
        old = os.path.join(stage, ".old-reports")
        reports = os.path.join(target, "reports")
        if os.path.lexists(reports):
            os.rename(reports, old)
        os.rename(os.path.join(stage, "reports"), reports)
        for name in ("comparison.json", "comparison.csv", "comparison.html"):
            os.replace(os.path.join(stage, name), os.path.join(target, name))
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", output) from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


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
