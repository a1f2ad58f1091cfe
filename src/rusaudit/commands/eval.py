"""`rusaudit eval LABELS.yaml`: precision and recall of the rule families on labelled sentences."""

from __future__ import annotations

import json
from enum import Enum

import typer


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _row(sc) -> dict:
    return {
        "family": sc.family,
        "dimension": sc.dimension,
        "positives": sc.positives,
        "tp": sc.tp,
        "fp": sc.fp,
        "fn": sc.fn,
        "precision": None if sc.precision is None else round(sc.precision, 4),
        "recall": None if sc.recall is None else round(sc.recall, 4),
    }


def eval_labels(
    labels: str = typer.Argument(..., help="A labels file (YAML): sentences with the rule families they show."),
    rules: list[str] = typer.Option([], "--rules", help="Extra rule folder or file (repeatable)."),
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Use only the rules given with --rules."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", help="table or json."),
    errors: bool = typer.Option(False, "--errors", help="List every wrong sentence (fp: found but not labelled)."),
):
    """Precision and recall per rule family, per dimension and overall, on your own labelled sentences."""
    from ..api import analyzer
    from ..rulelang.evaluation import evaluate, load_labels

    data = load_labels(labels)
    result = evaluate(data, analyzer(tuple(rules), not no_default_rules))
    if fmt is EvalFormat.json:
        out = {
            "labels": labels,
            "sentences": result.sentences,
            "families": [_row(s) for s in result.families],
            "dimensions": [_row(s) for s in result.dimensions],
            "overall": _row(result.overall),
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True))
        return
    width = max(len(s.family) for s in result.families + result.dimensions) + 2
    typer.echo(f"{'family':<{width}}{'pos':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for group in (result.families, result.dimensions, [result.overall]):
        for s in group:
            typer.echo(
                f"{s.family:<{width}}{s.positives:>5}{s.tp:>5}{s.fp:>5}{s.fn:>5}{_pct(s.precision):>11}{_pct(s.recall):>8}"
            )
            if errors and group is result.families:
                for kind, text in s.errors:
                    typer.echo(f"    {kind}: {text}")
        typer.echo("")
    typer.echo(f"{result.sentences} sentences from {labels}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_labels)
