"""The command line: thin typer commands over the library."""

from __future__ import annotations

import os
import sys
import time
from enum import Enum

import typer
from typer.core import TyperGroup

from . import __version__
from .commands import OCR_HELP, ocr_mode
from .errors import EXIT_FAILED, EXIT_INPUT, EXIT_OK, RusauditError

# What a value stands for, in help, where a command did not say (`--config FILE`, not `<str>`).
_METAVARS = {
    "paths": "PATH",
    "old": "OLD",
    "new": "NEW",
    "output": "FILE",
    "config": "FILE",
    "baseline": "FILE",
    "write_baseline": "FILE",
    "region": "NAME|CODE",
    "rules": "DIR",
}
_METAVARS_BY_COMMAND = {("compare", "output"): "DIR"}


def _flags_as_flags(command) -> None:
    """Show on/off options as bare flags in help (no `<bool>`), in every command and sub-command,
    and name what a value stands for (`FILE`, `DIR`) where the command did not.

    A flag shown with a type invites `--no-cache true`, which then reads "true" as a path.
    """
    for param in getattr(command, "params", []):
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        elif param.metavar is None and param.name in _METAVARS:
            param.metavar = _METAVARS_BY_COMMAND.get((command.name, param.name), _METAVARS[param.name])
    get_help_option = command.get_help_option

    def help_option(ctx, _get=get_help_option):
        option = _get(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        _flags_as_flags(sub)


class RusauditGroup(TyperGroup):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _flags_as_flags(self)

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:  # the completion flags are added after __init__
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


app = typer.Typer(
    help="Audit Swedish regional development strategies (RUS): how place-specific they are, with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=RusauditGroup,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class Lang(str, Enum):
    sv = "sv"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rusaudit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """rusaudit: evidence-backed audits of regional development strategies."""


def _fail(err: RusauditError) -> None:
    typer.echo(err.line(), err=True)


def _render(report, fmt: Format, lang: str) -> str:
    if fmt is Format.json:
        return report.to_json()
    if fmt is Format.markdown:
        from .report.markdown import render

        return render(report, lang)
    if fmt is Format.html:
        from .report.html import render as render_html

        return render_html(report, lang)
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    from .report.terminal import render as render_terminal

    render_terminal(report, Console(file=buf, width=110, force_terminal=False), lang)
    return buf.getvalue()


_SUFFIX = {Format.json: ".json", Format.markdown: ".md", Format.table: ".txt", Format.html: ".html"}


# Words a user may have meant as a flag's value (`--no-cache true`): never read as file names.
_FLAG_VALUES = {"true", "false", "yes", "no", "on", "off", "1", "0"}


def check_paths(paths: list[str]) -> None:
    """A path like `true` that does not exist is a flag's value given by mistake: a usage error."""
    for p in paths:
        if p.lower() in _FLAG_VALUES and not os.path.exists(p):
            raise RusauditError(
                f"not a file; flags such as --no-cache take no value (write --no-cache, not --no-cache {p})", p
            )


STDERR = {
    "sv": {
        "under": "{path}: {title} {actual} är under --fail-under {minimum}",
        "verbose": "{path}: {pages} sidor, {words} ord, {seconds:.1f} s ({cache})",
        "cache_report": "rapport från cachen",
        "cache_extract": "text från cachen",
        "cache_none": "utan cache",
        "overall": "Totalt",
    },
    "en": {
        "under": "{path}: {title} {actual} is under --fail-under {minimum}",
        "verbose": "{path}: {pages} pages, {words} words, {seconds:.1f} s ({cache})",
        "cache_report": "report from the cache",
        "cache_extract": "text from the cache",
        "cache_none": "no cache",
        "overall": "Overall",
    },
}


def complete_region(incomplete: str) -> list[str]:
    """Tab completion for --region: county names (and codes) starting with what is typed."""
    from .analyse.gazetteer import _bare_county, load_gazetteer

    counties = sorted(load_gazetteer().counties, key=lambda c: c.code or "")
    names = [_bare_county(c.name) for c in counties] + [c.code or "" for c in counties]
    return [n for n in names if n.lower().startswith(incomplete.lower())]


@app.command()
def scan(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        ..., metavar="PATH", help="Strategy files: PDF, Word (.docx), Markdown (.md) or text (.txt)."
    ),
    region: str | None = typer.Option(
        None,
        "--region",
        "-r",
        metavar="NAME|CODE",
        help="County: SCB code (24) or name (Västerbotten). Default: detected from the text.",
        autocompletion=complete_region,
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (a folder when several paths are given)."
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Report language."),
    rules: list[str] = typer.Option(
        [], "--rules", metavar="DIR", help="Extra rule folder or file (repeatable); places*.yaml in it add places."
    ),
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Use only the rules given with --rules."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
    engine: str = typer.Option("pdfium", "--engine", help="PDF engine: pdfium (fast, default) or pdfplumber."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
    pages: str | None = typer.Option(
        None,
        "--pages",
        metavar="RANGE",
        help="Audit only these pages: 3-40, 1,3,5-7 or 10- (the report lists the rest).",
    ),
    fail_under: list[str] = typer.Option(
        [],
        "--fail-under",
        metavar="[DIM=]MIN",
        help="Exit 1 when a score is under MIN: 40 for the overall score, territorial=50 per dimension (repeatable).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Errors only on stderr: no progress, hints or warnings."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Per file on stderr: pages, words, time, cache use."),
    config: str | None = typer.Option(
        None,
        "--config",
        help="Settings file (rusaudit.toml or pyproject.toml). Default: the nearest one upward; "
        "its region, rules, ocr and exclusions apply unless a flag says otherwise.",
    ),
) -> None:
    """Audit strategies with evidence: places, national strategy, planning links, collaboration."""
    from .analyse.tokens import forked

    ctx.with_resource(forked())  # spaCy starts on a second core while the PDF is read
    from .api import Options, places_files, rulebook
    from .cache import audit_cached
    from .failunder import parse_fail_under, shortfalls
    from .progress import Bar

    words = STDERR[lang.value]
    bar = Bar("pages", lang.value, quiet)
    try:
        check_paths(paths)
        if output and len(paths) > 1 and not (os.path.isdir(output) or output.endswith(os.sep)):
            raise RusauditError(f"--output must be a folder when several files are given (got {output})")
        if engine not in ("pdfium", "pdfplumber"):
            raise RusauditError(f"--engine must be pdfium or pdfplumber (got {engine})")
        if pages is not None:
            from .pagerange import parse_page_range

            parse_page_range(pages, "--pages")
        from .gate.config import GateConfig, find_config, load_config

        # the settings `check` reads apply here too; a flag given wins over its setting
        settings = load_config(config) if config or find_config() else GateConfig()
        all_rules = settings.rules + tuple(rules)
        default_rules = settings.default_rules and not no_default_rules
        region = region or settings.region
        limits = {}
        if fail_under:  # only the rule sets' dimensions are needed, not the compiled analyzer
            book = rulebook(all_rules, default_rules)
            limits = parse_fail_under(fail_under, [d.id for d in book.dimensions])
        hint = None
        if region:
            from .analyse.gazetteer import load_gazetteer
            from .analyse.region import resolve_region

            hint = resolve_region(region, load_gazetteer(places_files(all_rules))).hint
            if hint and not quiet:
                bar.note(f"note: {hint}")
    except RusauditError as err:
        _fail(err)
        raise typer.Exit(EXIT_INPUT) from None
    if no_cache:  # nothing read or written, map drawings included, until the command ends
        from .cache import off

        ctx.with_resource(off())
    options = Options(
        region=region,
        rules=all_rules,
        default_rules=default_rules,
        pages=pages,
        exclude_pages=settings.exclude_pages,
        exclude_sections=settings.exclude_sections,
        engine=engine,
        ocr=ocr_mode(ocr, settings.ocr),
    )
    failed = 0
    rendered: list[str] = []
    reports = []
    to_terminal = not output and fmt is Format.table
    for path in paths:
        started = time.perf_counter()
        try:
            with bar:
                result = audit_cached(
                    path, options, use_cache=not no_cache, progress=bar.pages(path), analysing=bar.analysing
                )
            report = result.report
        except RusauditError as err:
            if err.path is None:
                err.path = path
            _fail(err)
            failed += 1
            if err.path != path:  # a rule or region error: the same for every file
                raise typer.Exit(EXIT_INPUT) from None
            continue
        except Exception as exc:  # one bad file must not stop or lose the others
            if os.environ.get("RUSAUDIT_DEBUG"):
                raise
            _fail(RusauditError(f"could not be processed ({type(exc).__name__}: {exc})", path))
            failed += 1
            continue
        reports.append((path, report))
        if verbose:
            cache = "cache_report" if result.report_cached else "cache_extract" if result.extraction_cached else ""
            bar.note(
                words["verbose"].format(
                    path=path,
                    pages=report.document["pages"],
                    words=report.document["words"],
                    seconds=time.perf_counter() - started,
                    cache=words[cache or "cache_none"],
                )
            )
        if not quiet and not to_terminal:  # the terminal report shows its warnings itself
            for w in report.warnings:
                if w.startswith("--region") and w != hint:
                    bar.note(f"warning: {path}: {w}")
        if output:
            target = output
            if len(paths) > 1:
                from .batch import report_names  # a.md and a.txt must not share a.json

                target = os.path.join(output, report_names(paths)[path] + _SUFFIX[fmt])
            from .output import write_atomic

            write_atomic(target, _render(report, fmt, lang.value))
        elif fmt is Format.table:  # straight to the terminal, in its width and colours
            from .report.terminal import console
            from .report.terminal import render as render_terminal

            render_terminal(report, console(), lang.value)
        else:
            rendered.append(_render(report, fmt, lang.value))
    if rendered:
        if fmt is Format.json and len(paths) > 1:
            sys.stdout.write("[\n" + ",\n".join(r.rstrip("\n") for r in rendered) + "\n]\n")
        else:
            sys.stdout.write("\n".join(rendered))
    if failed:
        raise typer.Exit(EXIT_INPUT)
    under = [(path, s, report) for path, report in reports for s in shortfalls(report.scores, limits)]
    for path, s, report in under:
        d = report.dimension(s.dimension)
        title = (d.title.get(lang.value) or d.title.get("sv")) if d else words["overall"]
        from .report.i18n import fmt_score

        typer.echo(
            words["under"].format(path=path, title=title, actual=fmt_score(s.actual), minimum=f"{s.minimum:g}"),
            err=True,
        )
    raise typer.Exit(EXIT_FAILED if under else EXIT_OK)


def _register_commands() -> None:
    import importlib

    from .commands import COMMANDS

    for name in COMMANDS:
        importlib.import_module(f".commands.{name}", __package__).register(app)


_register_commands()


def run() -> None:
    """Console entry point: errors become one line and an exit code, never a traceback."""
    command = sys.argv[1:2]
    if command and not {"--help", "-h"} & set(sys.argv):
        if command == ["scan"]:
            from .analyse.tokens import start_early

            start_early()  # spaCy's import starts now, on a second core, while typer builds its parser
        elif command == ["check"]:
            from .batch import start_server_early

            start_server_early()  # check scans each draft in a worker: its server warms up meanwhile
    try:
        app()
    except RusauditError as err:
        _fail(err)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
