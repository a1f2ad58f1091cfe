"""`rusaudit rules list|validate|test|explain`: see, check and prove the rule sets.

Only typer is imported here at module level: the rule machinery, rich and spaCy are
imported inside the commands, so that `rusaudit --version` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum

import typer


class Lang(str, Enum):
    sv = "sv"
    en = "en"


_RULES_OPT = typer.Option([], "--rules", help="Extra rule folder or file (repeatable); places*.yaml in it add places.")
_NO_DEFAULTS_OPT = typer.Option(False, "--no-default-rules", help="Use only the rules given with --rules.")
_LANG_OPT = typer.Option(Lang.sv, "--lang", help="Language of titles and labels.")


def _console():
    from rich.console import Console

    # A pipe or a file gets wide lines: ids are long and must not be cut.
    return Console(width=None if sys.stdout.isatty() else 120, highlight=False)


def _weight(value: float) -> str:
    return f"{value:g}"


def _t(lang: Lang, key: str, **kw) -> str:
    from ..report.i18n import t

    text = t(lang.value, key)
    return text.format(**kw) if kw else text


def rules_list(rules: list[str] = _RULES_OPT, no_default_rules: bool = _NO_DEFAULTS_OPT, lang: Lang = _LANG_OPT):
    """A table of every rule: id, dimension, weight and title."""
    from rich.table import Table

    from ..rulelang import load_rulebook

    book = load_rulebook(tuple(rules), defaults=not no_default_rules)
    table = Table(title=_t(lang, "rules_title"), title_justify="left")
    table.add_column(_t(lang, "rules_id"), no_wrap=True)
    table.add_column(_t(lang, "rules_dimension"), no_wrap=True)
    table.add_column(_t(lang, "rules_weight"), justify="right")
    table.add_column(_t(lang, "rules_name"))
    for dim in book.dimensions:
        for rule in dim.rules:
            table.add_row(rule.id, dim.id, _weight(rule.weight), rule.title.get(lang.value) or rule.title["sv"])
    console = _console()
    console.print(table)
    summary = _t(lang, "rules_list_summary", rules=len(book.rules), dims=len(book.dimensions), version=book.version)
    console.print(summary, markup=False)
    for notice in book.notices:
        typer.echo(f"note: {notice}", err=True)


def rules_validate(
    paths: list[str] = typer.Argument(None, help="Rule files or folders (default: the bundled rule sets)."),
    no_default_rules: bool = typer.Option(
        False, "--no-default-rules", help="Check without the bundled rule sets (as scan --no-default-rules)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings (e.g. missing examples) count as errors."),
    lang: Lang = _LANG_OPT,
):
    """Check rule and places files: schema, ids, dimensions, patterns, regexes, weights, scoring.

    Each problem is one line FILE:LINE: ID: message. Exit 2 on any error, 0 when clean.
    """
    from ..errors import EXIT_INPUT, EXIT_OK
    from ..rulelang.validate import check_paths, default_rules_dir, expand

    paths = list(paths or []) or [str(default_rules_dir())]
    files, missing = expand(paths)
    for raw in missing:
        typer.echo(f"error: {raw}: not found", err=True)
    for raw in paths:
        if raw not in missing and not expand([raw])[0]:
            typer.echo(f"error: {raw}: no *.yaml files in this folder", err=True)
            missing.append(raw)
    result = check_paths([str(f) for f in files], defaults=not no_default_rules)
    for diag in result.diagnostics:
        typer.echo(str(diag))
    errors, warnings = result.count("error"), result.count("warning")
    typer.echo(
        _t(lang, "rules_validate_summary", files=result.files, rules=result.rules, errors=errors, warnings=warnings)
    )
    failed = errors or missing or (strict and warnings)
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


def rules_test(
    paths: list[str] = typer.Argument(None, help="Rule files or folders to test (default: the bundled rule sets)."),
    no_default_rules: bool = typer.Option(
        False, "--no-default-rules", help="Load only the rule files given as arguments, not the bundled rule sets."
    ),
    strict: bool = typer.Option(False, "--strict", help="A rule without the required examples is a failure."),
    lang: Lang = _LANG_OPT,
):
    """Run every rule's examples through the real pipeline; exit 1 if any fails."""
    from ..api import analyzer
    from ..errors import EXIT_FAILED, EXIT_OK, RuleError
    from ..extract.model import Block, Document, Page
    from ..rulelang.validate import MIN_MATCH, MIN_NO_MATCH, example_lines, expand, is_places_file

    paths = list(paths or [])
    files, missing = expand(paths)
    if missing:
        raise RuleError("not found", missing[0])
    an = analyzer(tuple(paths), not no_default_rules)
    chosen = {str(f) for f in files if not is_places_file(f)}
    rules = [r for r in an.book.rules if not paths or r.origin in chosen]
    # Every example on a page of its own: one pass through the pipeline for all of them.
    cases = [
        (r, kind, k, text) for r in rules for kind in ("match", "no_match") for k, text in enumerate(r.examples[kind])
    ]
    doc = Document("<examples>", "0", "txt", [Page(i + 1, [Block(c[3])]) for i, c in enumerate(cases)])
    found: dict[int, dict[str, list[str]]] = {}
    for s in an.sentences(doc) if cases else []:
        for m in s.matches:
            found.setdefault(s.page, {}).setdefault(m.rule, []).append(m.text)
    lines = example_lines(rules)
    failures = 0
    for i, (rule, kind, k, text) in enumerate(cases):
        hits = found.get(i + 1, {}).get(rule.id)
        where = lines.get((rule.origin, rule.id, kind, k), (rule.origin, 0))
        if kind == "match" and not hits:
            typer.echo(f"{where[0]}:{where[1]}: {rule.id}: should match: {text!r}")
            failures += 1
        elif kind == "no_match" and hits:
            typer.echo(
                f"{where[0]}:{where[1]}: {rule.id}: should not match: {text!r} (matched {', '.join(map(repr, hits))})"
            )
            failures += 1
    for warning in an.rules.warnings:  # a regex that timed out on an example was switched off
        typer.echo(f"error: {warning}")
        failures += 1
    for rule in rules:
        if len(rule.examples["match"]) < MIN_MATCH or len(rule.examples["no_match"]) < MIN_NO_MATCH:
            where = lines.get((rule.origin, rule.id, "id", 0), (rule.origin, 0))
            tag = "" if strict else "warning: "
            typer.echo(
                f"{where[0]}:{where[1]}: {rule.id}: {tag}needs at least {MIN_MATCH} examples.match and "
                f"{MIN_NO_MATCH} examples.no_match"
            )
            failures += int(strict)
    typer.echo(_t(lang, "rules_test_summary", rules=len(rules), examples=len(cases), failures=failures))
    raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)


def _params(params: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(params.items()))


def _uses(book, rule) -> list[tuple[object, object, str]]:
    """(dimension, indicator, parameter) whose params name the rule or its group."""
    out = []
    for dim in book.dimensions:
        for ind in dim.indicators:
            for key, value in sorted(ind.params.items()):
                values = value if isinstance(value, list) else [value]
                if rule.id in values or (rule.group and rule.group in values):
                    out.append((dim, ind, key))
    return out


def _pattern_line(pat, lang: Lang) -> str:
    if pat.kind == "term":
        words = pat.value.split()
        parts = [_t(lang, "rules_term" if len(words) == 1 else "rules_term_words")]
        last = words[-1].lower()
        compound = pat.compound if pat.compound is not None else len(last) >= 4
        parts.append(_t(lang, "rules_compound" if compound else "rules_no_compound"))
        if pat.head:
            parts.append(_t(lang, "rules_head"))
        if pat.exclude:
            parts.append(f"{_t(lang, 'rules_except')} {', '.join(pat.exclude)}")
    else:
        parts = [_t(lang, f"rules_{pat.kind}")]
    if pat.theme:
        parts.append(f"{_t(lang, 'rules_theme')}: {pat.theme}")
    if pat.weight != 1:
        parts.append(f"{_t(lang, 'rules_weight').lower()} {_weight(pat.weight)}")
    if pat.near is not None:
        what = [*pat.near.rules] + ([_t(lang, "rules_near_group", group=pat.near.group)] if pat.near.group else [])
        parts.append(_t(lang, "rules_near", what=" / ".join(what), window=pat.near.window))
    if pat.kinds is not None:
        parts.append(f"{_t(lang, 'rules_kinds')} {', '.join(sorted(pat.kinds))}")
    return f"  {pat.kind:<7}{pat.value}  ({'; '.join(parts)})"


def _explain_rule(book, rule, lang: Lang) -> list[str]:
    from ..extract.model import PROSE_KINDS
    from ..rulelang.validate import example_lines
    from ..score import functions

    L = lang.value
    dim = book.dimension(rule.dimension)
    where = example_lines([rule]).get((rule.origin, rule.id, "id", 0), (rule.origin, 0))
    out = [f"{rule.id} – {rule.title.get(L) or rule.title['sv']}"]
    out.append(f"  {_t(lang, 'rules_dimension')}: {rule.dimension} ({dim.title.get(L) if dim else '?'})")
    if rule.group:
        out.append(f"  {_t(lang, 'rules_group')}: {rule.group}")
    out.append(f"  {_t(lang, 'rules_weight')}: {_weight(rule.weight)}")
    if rule.source:
        out.append(f"  {_t(lang, 'rules_source')}: {rule.source}")
    out.append(f"  {_t(lang, 'rules_file')}: {where[0]}:{where[1]}")
    if rule.description.get(L):
        out.append(f"  {_t(lang, 'rules_description')}: {rule.description[L]}")
    if rule.params:
        out.append(f"  {_t(lang, 'rules_params')}: {_params(rule.params)}")
    if rule.kinds != PROSE_KINDS:
        out.append(f"  {_t(lang, 'rules_kinds').capitalize()}: {', '.join(sorted(rule.kinds))}")
    if rule.informative:
        out.append(f"  {_t(lang, 'rules_informative')}")
    out.append(f"{_t(lang, 'rules_looks_for')}:")
    out += [_pattern_line(p, lang) for p in rule.patterns]
    if rule.unless:
        out.append(f"{_t(lang, 'rules_unless')}:")
        out += [_pattern_line(p, lang) for p in rule.unless]
    out.append(f"{_t(lang, 'rules_used_by')}:")
    used = False
    if dim and dim.rules_as_indicators:
        scoring = rule.scoring or {"function": "linear", "lo": 0, "hi": 1}
        out.append("  " + _t(lang, "rules_own_indicator", dim=dim.id, scoring=functions.describe(scoring, L)))
        used = True
    for _dim, ind, key in _uses(book, rule):
        title = ind.title.get(L) or ind.title["sv"]
        out.append(f"  {ind.id} – {title} ({_t(lang, 'rules_measure')} {ind.measure}, params.{key})")
        used = True
    for d in book.dimensions:
        if rule.group and d.explicit.get("group") == rule.group:
            out.append("  " + _t(lang, "rules_explicit_cue", dim=d.id))
            used = True
    if not used:
        out.append("  " + _t(lang, "rules_unused", group=rule.group or "–"))
    for kind, mark in (("match", "+"), ("no_match", "-")):
        out.append(f"{_t(lang, 'rules_' + kind)}:")
        out += [f"  {mark} {text}" for text in rule.examples[kind]] or [f"  {_t(lang, 'none')}"]
    return out


def _explain_indicator(book, dim, ind, lang: Lang) -> list[str]:
    from ..score import functions

    L = lang.value
    out = [f"{ind.id} – {ind.title.get(L) or ind.title['sv']}"]
    out.append(f"  {_t(lang, 'rules_indicator')}, {_t(lang, 'rules_dimension').lower()} {dim.id}")
    out.append(f"  {_t(lang, 'rules_measure')}: {ind.measure}")
    if ind.params:
        out.append(f"  {_t(lang, 'rules_params')}: {_params(ind.params)}")
    out.append(f"  {_t(lang, 'rules_weight')}: {_weight(ind.weight)}")
    out.append(f"  {_t(lang, 'rules_scoring')}: {functions.describe(ind.scoring, L)}")
    if ind.description.get(L):
        out.append(f"  {_t(lang, 'rules_description')}: {ind.description[L]}")
    values = {v for value in ind.params.values() for v in (value if isinstance(value, list) else [value])}
    used = [r for r in book.rules if r.id in values or (r.group and r.group in values)]
    if used:
        out.append(f"{_t(lang, 'rules_uses')}:")
        out += [f"  {r.id} – {r.title.get(L) or r.title['sv']}" for r in used]
    return out


def rules_explain(
    rule_id: str = typer.Argument(..., help="A rule id (or an indicator id)."),
    rules: list[str] = _RULES_OPT,
    no_default_rules: bool = _NO_DEFAULTS_OPT,
    lang: Lang = _LANG_OPT,
):
    """What a rule looks for (patterns and their mode), weight, source, examples and who uses it."""
    import difflib

    from ..errors import RuleError
    from ..rulelang import load_rulebook

    book = load_rulebook(tuple(rules), defaults=not no_default_rules)
    rule = book.rule(rule_id)
    if rule is not None:
        lines = _explain_rule(book, rule, lang)
    else:
        found = next(((d, i) for d in book.dimensions for i in d.indicators if i.id == rule_id), None)
        if found is None:
            ids = [r.id for r in book.rules] + [i.id for d in book.dimensions for i in d.indicators]
            near = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(near)}?)" if near else " (see rusaudit rules list)"
            raise RuleError(f"unknown rule id{hint}", rule_id)
        lines = _explain_indicator(book, *found, lang)
    typer.echo("\n".join(lines))


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        help="Rule sets: list, validate, test their examples, explain a rule.",
        no_args_is_help=True,
        add_completion=False,
    )
    sub.command("list")(rules_list)
    sub.command("validate")(rules_validate)
    sub.command("test")(rules_test)
    sub.command("explain")(rules_explain)
    app.add_typer(sub, name="rules")
