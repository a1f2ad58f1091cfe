"""The command line: thin typer commands over the library."""

from __future__ import annotations

import os
import sys
from enum import Enum

import typer

from . import __version__
from .commands import OCR_HELP, ocr_mode
from .errors import EXIT_INPUT, EXIT_OK, RusauditError

app = typer.Typer(
    help="Audit Swedish regional development strategies (RUS): how place-specific they are, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


@app.command()
def scan(
    paths: list[str] = typer.Argument(..., help="Strategy files: PDF, Word (.docx), Markdown (.md) or text (.txt)."),
    region: str | None = typer.Option(
        None, "--region", "-r", help="County: SCB code (24) or name (Västerbotten). Default: detected."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Write to FILE (a folder when several paths are given)."
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Report language."),
    rules: list[str] = typer.Option(
        [], "--rules", help="Extra rule folder or file (repeatable); places*.yaml in it add places."
    ),
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Use only the rules given with --rules."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
    engine: str = typer.Option("pdfium", "--engine", help="PDF engine: pdfium (fast, default) or pdfplumber."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP),
) -> None:
    """Audit strategies with evidence: places, national strategy, planning links, collaboration."""
    from .api import Options, audit

    if output and len(paths) > 1 and not (os.path.isdir(output) or output.endswith(os.sep)):
        _fail(RusauditError(f"--output must be a folder when several files are given (got {output})"))
        raise typer.Exit(EXIT_INPUT)
    if engine not in ("pdfium", "pdfplumber"):
        _fail(RusauditError(f"--engine must be pdfium or pdfplumber (got {engine})"))
        raise typer.Exit(EXIT_INPUT)
    options = Options(
        region=region, rules=tuple(rules), default_rules=not no_default_rules, engine=engine, ocr=ocr_mode(ocr)
    )
    failed = 0
    rendered: list[str] = []
    for path in paths:
        try:
            report = audit(path, options, cache=not no_cache)
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
        if output:
            target = output
            if len(paths) > 1:
                base = os.path.splitext(os.path.basename(path))[0]
                target = os.path.join(output, base + _SUFFIX[fmt])
            from .output import write_atomic

            write_atomic(target, _render(report, fmt, lang.value))
        elif fmt is Format.table:  # straight to the terminal, in its width and colours
            from rich.console import Console

            from .report.terminal import render as render_terminal

            render_terminal(report, Console(), lang.value)
        else:
            rendered.append(_render(report, fmt, lang.value))
    if rendered:
        if fmt is Format.json and len(paths) > 1:
            sys.stdout.write("[\n" + ",\n".join(r.rstrip("\n") for r in rendered) + "\n]\n")
        else:
            sys.stdout.write("\n".join(rendered))
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


def _register_commands() -> None:
    import importlib

    from .commands import COMMANDS

    for name in COMMANDS:
        importlib.import_module(f".commands.{name}", __package__).register(app)


_register_commands()


def run() -> None:
    """Console entry point: errors become one line and an exit code, never a traceback."""
    try:
        app()
    except RusauditError as err:
        _fail(err)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
