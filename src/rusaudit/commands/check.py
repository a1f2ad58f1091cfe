"""`rusaudit check` (a CI gate for draft strategies) and `rusaudit diff` (what changed).

Exit codes of `check`: 0 every gate passed, 1 a gate failed, 2 usage, configuration or
input error (an unreadable file wins over a failed gate: the run is incomplete).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

import typer

from . import OCR_HELP, ocr_mode


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class Lang(str, Enum):
    sv = "sv"
    en = "en"


def _fail(err) -> None:
    from ..safetext import terminal

    typer.echo(terminal(err.line()), err=True)


def _key(path: str, cwd: str) -> str:
    """A document's key: its path relative to the working directory, with forward slashes."""
    full = Path(path).resolve()
    try:
        return full.relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return full.as_posix()


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _audit(path: str, options):
    """One report dict, or raises RusauditError (with .path set for an unreadable file)."""
    from ..api import audit
    from ..errors import RusauditError

    try:
        return audit(path, options).to_dict()
    except RusauditError:
        raise
    except Exception as exc:  # one bad file must not stop or lose the others
        if os.environ.get("RUSAUDIT_DEBUG"):
            raise
        raise RusauditError(f"could not be processed ({type(exc).__name__}: {exc})", path) from None


def check(
    paths: list[str] = typer.Argument(..., help="Strategy drafts: PDF, Word (.docx), Markdown (.md) or text (.txt)."),
    config: str | None = typer.Option(
        None,
        "--config",
        "-c",
        help="Settings file (default: rusaudit.toml or pyproject.toml \\[tool.rusaudit], found upward).",
    ),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="Output format."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Write the output to FILE; a text summary still goes to stdout."
    ),
    baseline: str | None = typer.Option(
        None, "--baseline", help="Fail only on regressions against this baseline file."
    ),
    write_baseline: str | None = typer.Option(
        None,
        "--write-baseline",
        help="Record the current state as the baseline FILE (exit 0 unless a file is unreadable).",
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the messages."),
    timestamps: bool = typer.Option(False, "--timestamps", help="Add run times to JSON, SARIF and JUnit output."),
    fail_under: list[str] = typer.Option(
        [],
        "--fail-under",
        metavar="[DIM=]MIN",
        help="Minimum score: 40 for the overall score, territorial=50 per dimension (repeatable; "
        "overrides min_score in the settings).",
    ),
    pages: str | None = typer.Option(
        None, "--pages", metavar="RANGE", help="Check only these pages: 3-40, 1,3,5-7 or 10-."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar on stderr."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Per draft on stderr: pages, words, cache use."),
    ocr: bool = typer.Option(False, "--ocr", help=OCR_HELP + ' Or set ocr = "auto" (or "always") in the settings.'),
) -> None:
    """Gate strategy drafts in CI: minimum scores, required rules and areas, baseline ratchet."""
    from ..api import Options
    from ..errors import EXIT_INPUT, EXIT_OK, RusauditError
    from ..gate import baseline as baseline_mod
    from ..gate.config import load_config
    from ..gate.evaluate import GateRun, InputFailure, evaluate

    started = _now() if timestamps else None
    if baseline and write_baseline:
        typer.echo("error: --baseline and --write-baseline cannot be used together", err=True)
        raise typer.Exit(EXIT_INPUT)
    cwd = os.getcwd()
    try:
        cfg = load_config(config, cwd)
        base = baseline_mod.load(baseline) if baseline else None
        from ..failunder import parse_fail_under

        cfg.min_score.update(parse_fail_under(fail_under, list(cfg.catalog.dimensions) if cfg.catalog else []))
        if pages is not None:
            from ..pagerange import parse_page_range

            parse_page_range(pages, "--pages")
    except RusauditError as err:
        _fail(err)
        raise typer.Exit(EXIT_INPUT) from None

    from ..progress import Bar

    options = Options(
        region=cfg.region,
        rules=cfg.rules,
        default_rules=cfg.default_rules,
        pages=pages,
        exclude_pages=cfg.exclude_pages,
        exclude_sections=cfg.exclude_sections,
        ocr=ocr_mode(ocr, cfg.ocr),
    )
    run = GateRun(cfg, [], [], lang.value, baseline)
    keys = [_key(p, cwd) for p in paths]
    with Bar("documents", lang.value, quiet) as bar:
        bar.start("rusaudit check", len(paths))
        items = _scan(paths, options, on_done=lambda item: bar.advance(f"rusaudit check {os.path.basename(item.path)}"))
    for path, key, item in zip(paths, keys, items, strict=True):
        if item.report is None:
            if item.blame:  # a rule or settings error: the same for every file
                _fail(RusauditError(item.error or "", item.blame))
                raise typer.Exit(EXIT_INPUT) from None
            _fail(RusauditError(item.error or "could not be processed", path))
            run.errors.append(InputFailure(path, key, item.error or "could not be processed"))
            continue
        report = item.report.to_dict()
        if verbose:
            doc = report["document"]
            cache = ", cache" if getattr(item, "cached", False) else ""
            typer.echo(f"{path}: {doc['pages']} p, {doc['words']} w{cache}", err=True)
        entry = base.find(key, len(paths)) if base else None
        try:
            run.documents.append(
                _accept(evaluate(report, key, cfg, lang.value, entry, base is not None, path), entry, lang.value)
            )
        except RusauditError as err:  # a gate on a rule that reports do not carry
            _fail(err)
            raise typer.Exit(EXIT_INPUT) from None

    stamps = (started, _now()) if started else None
    text = _render(run, fmt, stamps)
    from ..output import write_atomic

    if output:
        write_atomic(output, text)
        if fmt is not CheckFormat.text:
            sys.stdout.write(_render(run, CheckFormat.text, None))
    else:
        sys.stdout.write(text)
    if write_baseline:
        pairs = [(d.key, d.report) for d in run.documents]
        write_atomic(write_baseline, baseline_mod.dumps(pairs, _kept_findings(write_baseline)))
        from ..gate.texts import t

        typer.echo(t(lang.value, "baseline_written", path=write_baseline, n=len(pairs)), err=True)
        raise typer.Exit(EXIT_INPUT if run.errors else EXIT_OK)
    raise typer.Exit(run.exit_code)


def _scan(paths: list[str], options, on_done=None):
    """Every document scanned in a worker within its time and memory budget (Ctrl-C: exit 130)."""
    from ..batch import Interrupted, scan_all
    from ..errors import RusauditError

    try:
        from ..extract.limits import current

        current()
        return scan_all(paths, options, jobs=1, use_cache=False, isolate=True, on_done=on_done)
    except RusauditError as err:
        _fail(err)
        raise typer.Exit(err.exit_code) from None
    except Interrupted as exc:
        from ..batch import leave

        typer.echo(f"error: interrupted after {exc.done} of {exc.total} documents", err=True)
        leave(130)


ACCEPTED = {"sv": "godtaget i baslinjen: {why}", "en": "accepted in the baseline: {why}"}


def _accept(result, entry, lang: str):
    """Findings the baseline accepts (`findings`: gate id -> why) become notes, not failures."""
    for c in result.checks if entry is not None else []:
        if c.status in ("fail", "warn") and c.id in entry.findings:
            c.status = "known"
            c.message += " – " + ACCEPTED[lang].format(why=entry.findings[c.id])
    return result


def _kept_findings(path: str) -> dict[str, dict[str, str]]:
    """The accepted findings of the baseline about to be rewritten: they are the user's, kept."""
    from ..errors import RusauditError
    from ..gate import baseline as baseline_mod

    if not os.path.isfile(path):
        return {}
    try:
        old = baseline_mod.load(path)
    except RusauditError:
        return {}  # not a baseline we can read: it is replaced whole
    return {key: e.findings for key, e in old.documents.items() if e.findings}


def _render(run, fmt: CheckFormat, stamps: tuple[str, str] | None) -> str:
    if fmt is CheckFormat.json:
        from ..gate.text import render_json

        return render_json(run, stamps[1] if stamps else None)
    if fmt is CheckFormat.sarif:
        from ..gate.sarif import render

        return render(run, stamps)
    if fmt is CheckFormat.junit:
        from ..gate.junit import render

        return render(run, stamps[0][:19] if stamps else None)
    if fmt is CheckFormat.github:
        from ..gate.github import render

        return render(run)
    from ..gate.text import render_text

    return render_text(run)


def load_report(path: str, options) -> dict:
    """A report dict from a strategy file, a saved report JSON, or a one-document check JSON."""
    import json

    from ..errors import InputError

    if not path.lower().endswith(".json"):
        return _audit(path, options)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a rusaudit report (invalid JSON: {exc})", path) from None
    if isinstance(data, dict) and isinstance(data.get("documents"), list) and len(data["documents"]) == 1:
        data = data["documents"][0].get("report")
    if not isinstance(data, dict) or "schema_version" not in data or not isinstance(data.get("scores"), dict):
        raise InputError("not a rusaudit report (expected the JSON of `rusaudit scan -f json`)", path)
    return data


def diff(
    old: str = typer.Argument(..., help="The earlier version: a strategy file or a saved report JSON."),
    new: str = typer.Argument(..., help="The later version: a strategy file or a saved report JSON."),
    fmt: DiffFormat = typer.Option(
        DiffFormat.text, "--format", "-f", help="Output format (markdown fits a PR comment)."
    ),
    output: str | None = typer.Option(None, "--output", "-o", help="Write to FILE."),
    config: str | None = typer.Option(
        None, "--config", "-c", help="Settings file for region and rule folders (default: found upward)."
    ),
    region: str | None = typer.Option(None, "--region", "-r", help="County code or name (overrides the settings)."),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the output."),
) -> None:
    """Compare two versions of a strategy: scores, places and rules gained and lost."""
    from ..api import Options
    from ..errors import EXIT_INPUT, EXIT_OK, RusauditError
    from ..gate import diff as diff_mod
    from ..gate.config import load_config

    try:
        cfg = load_config(config)
        options = Options(region=region or cfg.region, rules=cfg.rules, default_rules=cfg.default_rules, ocr=cfg.ocr)
        reports = [load_report(p, options) for p in (old, new)]
    except RusauditError as err:
        _fail(err)
        raise typer.Exit(EXIT_INPUT) from None
    result = diff_mod.compare(reports[0], reports[1], cfg.catalog, lang.value)
    if fmt is DiffFormat.json:
        text = diff_mod.render_json(result)
    elif fmt is DiffFormat.markdown:
        text = diff_mod.render_markdown(result, lang.value)
    else:
        text = diff_mod.render_text(result, lang.value)
    if output:
        from ..output import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("diff")(diff)
