"""Schema and meaning checks of rule and places files, reported one line per problem."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import RuleError
from .loading import default_rule_files, default_rules_dir, parse_dimension
from .regex_guard import regex_problem
from .yamlload import Loaded, YamlError, load_yaml, read_yaml_file

WEIGHT_MAX = 10  # weights (dimension, indicator, rule, pattern) lie in 0..WEIGHT_MAX
MIN_MATCH, MIN_NO_MATCH = 2, 1  # required examples per rule
_REGEX_CHARS = set("\\^$*+?{}()|[]")
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")  # as in the schema: no spaces, no colons


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    ident: str  # rule, indicator or dimension id; "-" when none applies
    message: str
    severity: str = "error"  # error | warning | note

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}: {self.ident}: {tag}{self.message}"


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int = 0
    rules: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


@lru_cache(maxsize=2)
def _validator(name: str):
    import jsonschema

    schema = json.loads(resources.files("rusaudit").joinpath(f"schema/{name}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _where(path: Sequence) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _typename(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a mapping", list: "a list", str: "a text", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


_EXPECTED = {
    "string": "a text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


def _schema_messages(err, rel: int) -> list[tuple[tuple, str]]:
    """(path, message) for one jsonschema error; `rel` path items belong to the id column."""
    path = tuple(err.absolute_path)
    where = _where(path[rel:])
    pre = f"{where}: " if where else ""
    v, inst, schema = err.validator, err.instance, err.schema
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        out = []
        for key in (k for k in inst if k not in allowed):
            near = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else f" (expected one of: {', '.join(allowed)})"
            out.append(((*path, key), f"{pre}unknown key '{key}'{hint}"))
        return out
    if v == "required":
        return [(path, f"{pre}missing key '{k}'") for k in err.validator_value if k not in inst]
    if v in ("minimum", "maximum"):
        lo, hi = schema.get("minimum", "-∞"), schema.get("maximum", "∞")
        return [(path, f"{pre}{inst} is out of range {lo}–{hi}")]
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return [(path, f"{pre}must be {' or '.join(_EXPECTED.get(w, w) for w in want)}, not {_typename(inst)}")]
    if v in ("minItems", "minLength") or (v == "pattern" and err.validator_value == "\\S"):
        return [(path, f"{pre}must not be empty")]
    if v == "pattern":
        if path and path[-1] in ("id", "dimension", "group", "measure"):
            return [(path, f"{pre}{inst!r} is not a valid id (letters, digits, '_', '.', '-'; no spaces or colons)")]
        return [(path, f"{pre}{inst!r} does not have the expected form ({err.validator_value})")]
    if v == "maxLength":
        return [(path, f"{pre}longer than {err.validator_value} characters")]
    if v == "enum":
        return [(path, f"{pre}{inst!r} is not one of: {', '.join(map(str, err.validator_value))}")]
    if v == "oneOf" and all(isinstance(s, dict) and "required" in s for s in err.validator_value):
        keys = [s["required"][0] for s in err.validator_value]
        return [(path, f"{pre}needs exactly one of {', '.join(keys)}")]
    if v in ("anyOf", "oneOf"):
        # Skip the branches whose type does not fit at all; report what is wrong in the others.
        depth = len(err.absolute_path)
        wrong = {
            e.relative_schema_path[0] for e in err.context if e.validator == "type" and len(e.absolute_path) == depth
        }
        subs = [e for e in err.context if e.relative_schema_path[0] not in wrong]
        if subs:
            out = []
            for e in subs:
                out += _schema_messages(e, rel)
            return out
        expected = schema.get("description", "another form")
        return [(path, f"{pre}must be {expected}, not {_typename(inst)}")]
    return [(path, f"{pre}{err.message}")]


def _ident(data: Any, path: Sequence) -> tuple[str, int]:
    """The id shown for a problem at `path`, and how many path items that id covers."""
    if isinstance(data, dict) and len(path) >= 2 and path[0] in ("rules", "indicators", "places"):
        items = data.get(path[0])
        i = path[1]
        if isinstance(items, list) and isinstance(i, int) and i < len(items) and isinstance(items[i], dict):
            key = "name" if path[0] == "places" else "id"
            val = items[i].get("id") or items[i].get(key)
            if isinstance(val, str) and (_ID.match(val) or key == "name" and val.strip()):
                return val.strip(), 2
        return f"{path[0]}[{i}]", 2
    if isinstance(data, dict) and isinstance(data.get("dimension"), str):
        return data["dimension"], 0
    return "-", 0


class _Checker:
    """Checks a set of rule files together, against the default rule sets."""

    def __init__(self, defaults: bool, measures: Collection[str] | None = None):
        self.defaults = defaults
        self.measures = None if measures is None else set(measures)
        self.diags: list[Diagnostic] = []
        self.rule_seen: dict[str, tuple[str, int]] = {}
        self.indicator_seen: dict[str, tuple[str, int]] = {}
        self.base_rules: dict[str, str] = {}  # default rule id -> its dimension
        self.base_indicators: dict[str, str] = {}
        self.base_dims: set[str] = set()
        self.scored_dims: set[str] = set()  # dimensions whose rules are indicators
        self.groups: set[str] = set()
        self.rule_ids: set[str] = set()  # of the files being checked
        self.rules = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diags if d.severity == "error"]

    def add(self, loaded: Loaded, path: Sequence, message: str, severity: str = "error", line: int | None = None):
        ident, _ = _ident(loaded.data, path)
        self.diags.append(Diagnostic(loaded.source, line or loaded.line(path), ident, message, severity))

    def baseline(self, given: list[Loaded]) -> None:
        """The default rule sets not among the given files (those are being checked)."""
        if not self.defaults:
            return
        given_texts = {g.text for g in given}
        for name, text in default_rule_files():
            if text in given_texts:
                continue
            data = load_yaml(text, name).data or {}
            dim = str(data.get("dimension"))
            self.base_dims.add(dim)
            if data.get("rules_as_indicators") is True:
                self.scored_dims.add(dim)
            for r in data.get("rules") or []:
                self.base_rules[str(r.get("id"))] = dim
                if r.get("group"):
                    self.groups.add(str(r["group"]))
            for ind in data.get("indicators") or []:
                self.base_indicators[str(ind.get("id"))] = dim

    def check(self, files: list[Loaded]) -> None:
        self.baseline(files)
        known = set(self.base_dims)
        for f in files:
            d = f.data
            if isinstance(d, dict) and (d.get("indicators") or d.get("rules_as_indicators") is True):
                known.add(str(d.get("dimension")))
            if isinstance(d, dict) and d.get("rules_as_indicators") is True:
                self.scored_dims.add(str(d.get("dimension")))
            if isinstance(d, dict):
                for r in d.get("rules") or []:
                    if isinstance(r, dict) and isinstance(r.get("group"), str):
                        self.groups.add(r["group"])
                    if isinstance(r, dict) and isinstance(r.get("id"), str):
                        self.rule_ids.add(r["id"])
        for f in files:
            before = len(self.errors)
            self.schema(f)
            if isinstance(f.data, dict):
                self.meaning(f, known)
            if len(self.errors) == before and isinstance(f.data, dict):
                try:  # the loader must accept what the checks accept
                    parse_dimension(f.data, f.source)
                except RuleError as exc:
                    self.add(f, (), exc.message)
                except (TypeError, ValueError, KeyError) as exc:
                    self.add(f, (), f"cannot be loaded ({type(exc).__name__}: {exc})")

    def schema(self, f: Loaded, name: str = "rules") -> None:
        for sub, line in f.duplicates:
            self.add(f, sub, f"duplicate key '{sub[-1]}' (YAML keeps only the last one)", line=line)
        if f.data is None:
            self.add(f, (), "empty file")
            return
        for err in _validator(name).iter_errors(f.data):
            _, rel = _ident(f.data, tuple(err.absolute_path))
            for path, message in _schema_messages(err, rel):
                self.add(f, path, message)

    def meaning(self, f: Loaded, known: set[str]) -> None:
        d = f.data
        dim = d.get("dimension")
        rules = d.get("rules") if isinstance(d.get("rules"), list) else []
        indicators = d.get("indicators") if isinstance(d.get("indicators"), list) else []
        if isinstance(dim, str) and dim not in known:
            near = difflib.get_close_matches(dim, sorted(known), n=1)
            hint = f"did you mean '{near[0]}'? " if near else ""
            self.add(
                f,
                ("dimension",),
                f"unknown dimension '{dim}' ({hint}known: {', '.join(sorted(known)) or 'none'}); "
                "a file for a new dimension needs indicators or rules_as_indicators: true",
            )
        elif isinstance(dim, str) and dim not in self.base_dims and not d.get("title"):
            self.add(f, ("dimension",), f"new dimension '{dim}' has no title", "warning")
        if dim in self.base_dims:  # only rules and indicators are merged into a default dimension
            for key in ("title", "description", "weight", "order", "rules_as_indicators", "rule_value", "explicit"):
                if key in d:
                    message = f"'{key}' of the default dimension '{dim}' is not changed by another file: ignored"
                    self.add(f, (key,), message, "warning")
        if not rules and not indicators:
            self.add(f, (), "the file has neither rules nor indicators", "warning")
        shared = d.get("unless") if isinstance(d.get("unless"), list) else []
        for j, pat in enumerate(shared):
            self.pattern(f, ("unless", j), pat)
        as_indicators = str(dim) in self.scored_dims
        explicit = d.get("explicit")
        if isinstance(explicit, dict) and isinstance(explicit.get("group"), str):
            if explicit["group"] not in self.groups:
                self.add(f, ("explicit", "group"), f"no rule has group '{explicit['group']}'", "warning")
        for i, ind in enumerate(indicators):
            if isinstance(ind, dict):
                self.indicator(f, ("indicators", i), ind, dim)
        for i, rule in enumerate(rules):
            if isinstance(rule, dict):
                self.rules += 1
                self.rule(f, ("rules", i), rule, dim, as_indicators)

    def indicator(self, f: Loaded, at: tuple, ind: dict, dim) -> None:
        from ..score import functions

        iid = ind.get("id")
        measures = self.measures
        if isinstance(iid, str):
            self.unique(f, at, iid, self.indicator_seen, "indicator")
            if iid in self.base_indicators:
                self.add(f, at, "replaces the default indicator with this id", "note")
            measure = ind.get("measure") or iid.split(".")[-1]
            if measures is not None and isinstance(measure, str) and measure not in measures:
                derived = "" if ind.get("measure") else " (taken from the id; set 'measure')"
                near = difflib.get_close_matches(measure, sorted(measures), n=1)
                hint = f"; did you mean '{near[0]}'?" if near else f"; known: {', '.join(sorted(measures))}"
                where = ("measure",) if ind.get("measure") else ("id",)
                self.add(f, at + where, f"unknown measure '{measure}'{derived}{hint}")
        scoring = ind.get("scoring")
        if isinstance(scoring, dict):
            problem = functions.check(scoring)
            if problem:
                self.add(f, at + ("scoring",), f"scoring: {problem}")

    def unique(self, f: Loaded, at: tuple, ident: str, seen: dict, what: str) -> None:
        line = f.line(at + ("id",))
        if ident in seen:
            first_file, first_line = seen[ident]
            self.add(f, at + ("id",), f"duplicate {what} id (first at {first_file}:{first_line})")
        else:
            seen[ident] = (f.source, line)

    def rule(self, f: Loaded, at: tuple, rule: dict, dim, as_indicators: bool) -> None:
        from ..score import functions

        rid = rule.get("id")
        if isinstance(rid, str):
            self.unique(f, at, rid, self.rule_seen, "rule")
            if rid in self.base_rules:
                if self.base_rules[rid] != dim:
                    self.add(
                        f,
                        at + ("id",),
                        f"a default rule of dimension '{self.base_rules[rid]}' has this id; "
                        f"to replace it, put the rule in a file with dimension: {self.base_rules[rid]}",
                    )
                else:
                    self.add(f, at + ("id",), "replaces the default rule with this id", "note")
        for key in ("patterns", "unless"):
            for j, pat in enumerate(rule.get(key) if isinstance(rule.get(key), list) else []):
                self.pattern(f, at + (key, j), pat)
        scoring = rule.get("scoring")
        if isinstance(scoring, dict):
            if not as_indicators:
                unused = "scoring has no effect: this dimension's rules are not indicators"
                self.add(f, at + ("scoring",), unused, "warning")
            elif problem := functions.check(scoring):
                self.add(f, at + ("scoring",), f"scoring: {problem}")
        ex = rule.get("examples") if isinstance(rule.get("examples"), dict) else {}
        match = ex.get("match") if isinstance(ex.get("match"), list) else []
        no_match = ex.get("no_match") if isinstance(ex.get("no_match"), list) else []
        if len(match) < MIN_MATCH or len(no_match) < MIN_NO_MATCH:
            self.add(
                f,
                at + (("examples",) if "examples" in rule else ("id",)),
                f"needs at least {MIN_MATCH} examples.match and {MIN_NO_MATCH} examples.no_match "
                f"(has {len(match)} and {len(no_match)})",
                "warning",
            )

    def pattern(self, f: Loaded, at: tuple, pat: Any) -> None:
        if isinstance(pat, str):
            pat = {"term": pat}
        if not isinstance(pat, dict):
            return
        near = pat.get("near")
        if isinstance(near, dict):
            for rid in [near["rules"]] if isinstance(near.get("rules"), str) else near.get("rules") or []:
                if isinstance(rid, str) and rid not in self.base_rules and rid not in self.rule_ids:
                    self.add(f, at + ("near", "rules"), f"near: no rule has id '{rid}'")
            if isinstance(near.get("group"), str) and near["group"] not in self.groups:
                self.add(f, at + ("near", "group"), f"near: no rule has group '{near['group']}'")
        kinds = [k for k in ("term", "phrase", "regex") if k in pat]
        if len(kinds) != 1 or not isinstance(pat[kinds[0]], str):
            return  # the schema has said so
        kind, value = kinds[0], pat[kinds[0]].strip()
        if not value:
            return
        where = at + (kind,) if isinstance(f.data, dict) and (at + (kind,)) in f.keys else at
        if kind == "term":
            bad = sorted(set(value) & _REGEX_CHARS)
            if bad:
                self.add(
                    f,
                    where,
                    f"term {value!r} contains regex characters ({' '.join(bad)}); a term is a word or words "
                    "matched in every inflection: write regex: for a pattern",
                )
            for word in value.split():
                if len(word) < 2:
                    self.add(f, where, f"term word {word!r} is shorter than 2 letters and can never match")
        elif kind == "regex":
            problem = regex_problem(value)
            if problem:
                self.add(f, where, problem)
            else:
                import regex as regex_module

                if regex_module.compile(value, regex_module.IGNORECASE | regex_module.V0).fullmatch(""):
                    self.add(f, where, f"regex {value!r} matches empty text; empty matches are ignored", "warning")
        if kind != "term":
            for key in ("compound", "head", "exclude"):
                if key in pat:
                    self.add(f, at + (key,), f"'{key}' has effect only on term patterns", "warning")


def _places_known():
    from ..analyse.gazetteer import load_gazetteer

    return load_gazetteer()


def check_places(f: Loaded, diags: list[Diagnostic]) -> None:
    """Schema and codes of one places file (the format of data/places.yaml)."""
    from ..analyse.gazetteer import _PREFIX

    def add(path, message, severity="error", line=None):
        ident, _ = _ident(f.data, path)
        diags.append(Diagnostic(f.source, line or f.line(path), ident, message, severity))

    for sub, line in f.duplicates:
        add(sub, f"duplicate key '{sub[-1]}' (YAML keeps only the last one)", line=line)
    if f.data is None:
        add((), "empty file")
        return
    for err in _validator("places").iter_errors(f.data):
        _, rel = _ident(f.data, tuple(err.absolute_path))
        for path, message in _schema_messages(err, rel):
            add(path, message)
    if not isinstance(f.data, dict):
        return
    gz = _places_known()
    aliases = f.data.get("county_aliases")
    for code in aliases if isinstance(aliases, dict) else ():
        if str(code).isdigit() and f"lan:{int(str(code)):02d}" not in gz.places:
            add(("county_aliases", code), f"unknown county code {code!r}")
    names = {p.name for p in gz.municipalities}
    ambiguous = f.data.get("ambiguous_municipalities")
    for i, name in enumerate(ambiguous if isinstance(ambiguous, list) else []):
        if isinstance(name, str) and name not in names:
            add(("ambiguous_municipalities", i), f"no municipality is called {name!r}", "warning")
    seen: dict[str, int] = {}
    places = f.data.get("places")
    for i, item in enumerate(places if isinstance(places, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or item.get("kind") not in _PREFIX:
            continue  # the schema has said what is wrong
        at = ("places", i)
        codes = [("municipality", None, item.get("municipality"), "kommun")]
        for key, prefix in (("counties", "lan"), ("municipalities", "kommun")):
            values = item.get(key) if isinstance(item.get(key), list) else []
            codes += [(key, j, code, prefix) for j, code in enumerate(values)]
        for key, j, code, prefix in codes:
            if isinstance(code, str) and code.isdigit() and f"{prefix}:{code}" not in gz.places:
                what = "county" if prefix == "lan" else "municipality"
                add(at + ((key,) if j is None else (key, j)), f"unknown {what} code {code!r}")
        pid = item.get("id") or f"{_PREFIX[item['kind']]}:{'-'.join(item['name'].lower().split())}"
        if pid in seen:
            add(at, f"duplicate place id '{pid}' (first at line {seen[pid]})")
        seen.setdefault(pid, f.line(at))


def is_places_file(path: Path) -> bool:
    return path.name.startswith("places")


def expand(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Rule and places files named by `paths` (folders: their *.yaml), and paths not found."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files += sorted(p.glob("*.y*ml"))
        elif p.exists():
            files.append(p)
        else:
            missing.append(raw)
    return files, missing


def example_lines(rules: Iterable) -> dict[tuple, tuple[str, int]]:
    """(origin, rule id, "id" | "match" | "no_match", index) -> (file, line) for reports."""
    defaults = dict(default_rule_files())
    out: dict[tuple, tuple[str, int]] = {}
    for origin in sorted({r.origin for r in rules}):
        try:
            loaded = load_yaml(defaults[origin], origin) if origin in defaults else read_yaml_file(origin)
        except RuleError:
            continue
        shown = str(default_rules_dir() / Path(origin).name) if origin in defaults else origin
        items = loaded.data.get("rules") if isinstance(loaded.data, dict) else None
        for i, raw in enumerate(items if isinstance(items, list) else []):
            if not isinstance(raw, dict):
                continue
            rid = str(raw.get("id"))
            out[(origin, rid, "id", 0)] = (shown, loaded.line(("rules", i, "id")))
            ex = raw.get("examples") if isinstance(raw.get("examples"), dict) else {}
            for kind in ("match", "no_match"):
                for k in range(len(ex.get(kind) or [])):
                    out[(origin, rid, kind, k)] = (shown, loaded.line(("rules", i, "examples", kind, k)))
    return out


def check_paths(paths: Sequence[str], defaults: bool = True, measures: Collection[str] | None = None) -> CheckResult:
    """Every problem in the given rule and places files, checked together."""
    files, _ = expand(paths)
    diags: list[Diagnostic] = []
    rule_files: list[Loaded] = []
    for p in files:
        try:
            loaded = read_yaml_file(p)
        except YamlError as exc:
            diags.append(Diagnostic(str(p), exc.lineno, "-", exc.bare))
            continue
        except RuleError as exc:
            diags.append(Diagnostic(str(p), 1, "-", exc.message))
            continue
        if is_places_file(p):
            check_places(loaded, diags)
        else:
            rule_files.append(loaded)
    checker = _Checker(defaults, measures)
    checker.check(rule_files)
    order = {str(p): i for i, p in enumerate(files)}
    out = sorted(set(diags + checker.diags), key=lambda d: (order.get(d.file, 0), d.line, d.ident, d.message))
    return CheckResult(out, len(files), checker.rules)


def assert_valid(paths: Sequence[str], defaults: bool = True, measures: Collection[str] | None = None) -> None:
    """Raise a RuleError naming the first error in users' rule files (used before a scan)."""
    rule_paths = [str(p) for p in expand(paths)[0] if not is_places_file(p)]
    if not rule_paths:
        return
    errors = check_paths(rule_paths, defaults, measures).errors
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more: run `rusaudit rules validate`)" if len(errors) > 1 else ""
        raise RuleError(f"line {first.line}: {first.ident}: {first.message}{more}", first.file)
