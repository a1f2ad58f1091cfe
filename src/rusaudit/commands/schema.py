"""`rusaudit schema report|comparison|check|baseline`: the JSON Schema of an output (draft 2020-12)."""

from __future__ import annotations

from enum import Enum

import typer


class Output(str, Enum):
    report = "report"
    comparison = "comparison"
    check = "check"
    baseline = "baseline"


def schema(
    name: Output = typer.Argument(..., help="Which output: report, comparison, check or baseline."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of one of rusaudit's JSON outputs."""
    import json
    import sys

    from ..schemas import schema as build

    sys.stdout.write(json.dumps(build(name.value), ensure_ascii=False, indent=2) + "\n")


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
