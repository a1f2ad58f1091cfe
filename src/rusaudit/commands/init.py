"""`rusaudit init [DRAFT]`: a commented `rusaudit.toml` to start from (and a GitHub workflow)."""

from __future__ import annotations

import os

import typer

TOML = """\
# rusaudit settings for `rusaudit check` (docs/ci.md documents every key).
# Written by `rusaudit init`{source}.

# The county the strategy is for: an SCB code or a name ("24", "Västerbotten").
{region_line}

# Extra rule folders, relative to this file (docs/rules.md).
# rules = ["rules-local/"]

# Minimum scores, 0-100, per dimension and overall; `--fail-under` overrides them.
[min_score]
{min_lines}

# Severity per rule or indicator: "error" fails the gate, "warn" warns, "off" ignores.
# [rule_levels]
# "territorial.maps" = "error"
# "territorial.spatial.strukturbild" = "warn"

# National strategic areas the strategy must address (innovation, kompetensforsorjning,
# likvardiga_mojligheter, tillganglighet).
# required_areas = ["innovation", "kompetensforsorjning"]

# Score points a draft may lose against --baseline before the gate fails.
# tolerance = 1.0

# Treat warnings as failures.
# fail_on_warn = false

# Left out of the audit (the report lists what and why): appendices, reference lists.
# exclude_pages = "45-60"
# exclude_sections = ["Bilaga", "Referenser", "Källförteckning"]
"""

WORKFLOW = """\
# Written by `rusaudit init --github`: checks the strategy drafts on every pull request
# and shows the findings in the pull request (SARIF). docs/ci.md explains each step.
name: rusaudit
on:
  pull_request:
    paths: [{watch}, "rusaudit.toml"]

permissions:
  contents: read
  security-events: write   # upload-sarif

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install rusaudit
      - name: rusaudit check
        run: |
          baseline=()
          if [ -f .rusaudit-baseline.json ]; then baseline=(--baseline .rusaudit-baseline.json); fi
          rusaudit check {drafts} "${{baseline[@]}}" --format sarif --output rusaudit.sarif
      - name: Upload SARIF
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: rusaudit.sarif
"""

MESSAGES = {
    "sv": {
        "wrote": "Skrev {path}",
        "exists": "{path} finns redan: använd --force för att skriva över den",
        "region": "region {name} ({code}) från {draft}",
    },
    "en": {
        "wrote": "Wrote {path}",
        "exists": "{path} exists already: use --force to overwrite it",
        "region": "region {name} ({code}) from {draft}",
    },
}


def _floor(score: float | None) -> int:
    return 0 if score is None else max(0, int(score) - 5)  # a little below today's score, in whole points


def render_toml(report=None, draft: str | None = None) -> str:
    """The commented settings; with a draft's report, its region and today's scores as a start."""
    if report is not None and report.region.get("code"):
        region_line = f'region = "{report.region["code"]}"   # {report.region["name"]}, found in {draft}'
    else:
        region_line = '# region = "24"'
    if report is not None:
        lines = []
        for d in report.dimensions:
            lines.append(f"# {d.id} = {_floor(d.score)}   # {draft} scores {_fmt(d.score)} today")
        overall = report.scores.get("overall")
        lines.append(f"overall = {_floor(overall)}   # {draft} scores {_fmt(overall)} today")
        min_lines = "\n".join(lines)
    else:
        min_lines = "# territorial = 50\noverall = 40"
    source = f" from {draft}" if draft else ""
    return TOML.format(source=source, region_line=region_line, min_lines=min_lines)


def _fmt(score: float | None) -> str:
    from ..report.i18n import fmt_score

    return fmt_score(score)


def init(
    draft: str | None = typer.Argument(
        None, metavar="DRAFT", help="A strategy draft: its region and today's scores start the settings."
    ),
    github: bool = typer.Option(False, "--github", help="Also write .github/workflows/rusaudit.yml."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that exist."),
    directory: str = typer.Option(".", "--dir", metavar="DIR", help="Where to write (default: here)."),
    lang: str = typer.Option("sv", "--lang", metavar="sv|en", help="Message language."),
) -> None:
    """Write a commented rusaudit.toml to start from; --github adds a workflow file."""
    from ..errors import EXIT_INPUT, EXIT_OK, RusauditError
    from ..output import write_atomic

    words = MESSAGES.get(lang, MESSAGES["sv"])
    toml_path = os.path.join(directory, "rusaudit.toml")
    flow_path = os.path.join(directory, ".github", "workflows", "rusaudit.yml")
    targets = [toml_path] + ([flow_path] if github else [])
    for path in targets:
        if os.path.exists(path) and not force:
            typer.echo(f"error: {words['exists'].format(path=path)}", err=True)
            raise typer.Exit(EXIT_INPUT)
    report = None
    if draft is not None:
        from ..api import Options, audit

        try:
            report = audit(draft, Options(), cache=True)
        except RusauditError as err:
            if err.path is None:
                err.path = draft
            typer.echo(err.line(), err=True)
            raise typer.Exit(EXIT_INPUT) from None
    write_atomic(toml_path, render_toml(report, draft))
    typer.echo(words["wrote"].format(path=toml_path), err=True)
    if report is not None and report.region.get("code"):
        typer.echo(
            "  " + words["region"].format(name=report.region["name"], code=report.region["code"], draft=draft), err=True
        )
    if github:
        rel = os.path.relpath(draft, directory).replace(os.sep, "/") if draft else "strategi/*.pdf"
        watch = f'"{rel}"' if draft else '"strategi/**"'
        write_atomic(flow_path, WORKFLOW.format(watch=watch, drafts=_quote(rel)))
        typer.echo(words["wrote"].format(path=flow_path), err=True)
    raise typer.Exit(EXIT_OK)


def _quote(path: str) -> str:
    import shlex

    return shlex.quote(path) if "*" not in path else path


def register(app: typer.Typer) -> None:
    app.command("init")(init)
