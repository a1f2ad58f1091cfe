"""Rule files to a RuleBook: parse the (already validated) YAML data, merge users' files."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from importlib import resources
from pathlib import Path

from ..errors import RuleError
from ..extract.model import BLOCK_KINDS, PROSE_KINDS
from .model import Dimension, Indicator, Near, Pattern, Rule, RuleBook
from .yamlload import MAX_FILE_BYTES, load_yaml


def _text(value, where: str, source: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"sv": value, "en": value}
    if isinstance(value, dict) and value.get("sv"):
        return {"sv": str(value["sv"]), "en": str(value.get("en") or value["sv"])}
    raise RuleError(f"{where}: needs a text or {{sv: ..., en: ...}}", source)


def _near(raw, where: str, source: str) -> Near | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not (raw.get("rules") or raw.get("group")):
        raise RuleError(f"{where}: near needs 'rules' or 'group' (and optionally 'window')", source)
    rules = raw.get("rules") or ()
    return Near(
        rules=tuple(str(r) for r in ([rules] if isinstance(rules, str) else rules)),
        group=str(raw["group"]) if raw.get("group") else None,
        window=int(raw.get("window", 8)),
    )


def _pattern(raw, where: str, source: str) -> Pattern:
    if isinstance(raw, str):
        raw = {"term": raw}
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: a pattern is a mapping with term, phrase or regex", source)
    kinds = [k for k in ("term", "phrase", "regex") if k in raw]
    if len(kinds) != 1 or not str(raw[kinds[0]]).strip():
        raise RuleError(f"{where}: a pattern needs exactly one non-empty term, phrase or regex", source)
    kind = kinds[0]
    return Pattern(
        kind=kind,
        value=str(raw[kind]).strip(),
        weight=float(raw.get("weight", 1.0)),
        theme=raw.get("theme"),
        compound=raw.get("compound"),
        head=bool(raw.get("head", False)),
        exclude=tuple(str(x).lower() for x in raw.get("exclude") or ()),
        near=_near(raw.get("near"), where, source),
        kinds=_kinds(raw["kinds"], where, source) if raw.get("kinds") else None,
    )


def _kinds(raw, where: str, source: str) -> frozenset[str]:
    if raw is None:
        return PROSE_KINDS
    wanted = frozenset(str(k) for k in raw)
    if "any" in wanted:
        return frozenset(BLOCK_KINDS)
    unknown = sorted(wanted - set(BLOCK_KINDS))
    if unknown:
        raise RuleError(f"{where}: unknown block kind {unknown[0]!r} (known: {', '.join(BLOCK_KINDS)}, any)", source)
    return wanted


def parse_dimension(data: dict, source: str, sha256: str = "") -> Dimension:
    if not isinstance(data, dict) or not data.get("dimension"):
        raise RuleError("a rule file needs a 'dimension' id at the top", source)
    dim = str(data["dimension"])
    indicators = []
    for i, raw in enumerate(data.get("indicators") or []):
        where = f"indicators[{i}]"
        indicators.append(
            Indicator(
                id=str(raw["id"]),
                measure=str(raw.get("measure") or raw["id"].split(".")[-1]),
                title=_text(raw.get("title", raw["id"]), where, source),
                description=_text(raw.get("description", ""), where, source)
                if raw.get("description")
                else {"sv": "", "en": ""},
                weight=float(raw.get("weight", 1)),
                scoring=dict(raw.get("scoring") or {"function": "linear", "hi": 1}),
                params=dict(raw.get("params") or {}),
            )
        )
    shared_unless = [_pattern(p, "unless", source) for p in data.get("unless") or []]  # for every rule here
    rules = []
    for i, raw in enumerate(data.get("rules") or []):
        if not isinstance(raw, dict) or not raw.get("id"):
            raise RuleError(f"rules[{i}]: a rule needs an 'id'", source)
        where = f"rule {raw['id']}"
        pats = [_pattern(p, where, source) for p in raw.get("patterns") or []]
        if not pats:
            raise RuleError(f"{where}: no patterns", source)
        ex = raw.get("examples") or {}
        rules.append(
            Rule(
                id=str(raw["id"]),
                dimension=dim,
                title=_text(raw.get("title", raw["id"]), where, source),
                description=_text(raw.get("description", ""), where, source)
                if raw.get("description")
                else {"sv": "", "en": ""},
                weight=float(raw.get("weight", 1)),
                patterns=pats,
                group=raw.get("group"),
                source=raw.get("source"),
                scoring=dict(raw.get("scoring") or {}),
                params=dict(raw.get("params") or {}),
                examples={"match": list(ex.get("match") or []), "no_match": list(ex.get("no_match") or [])},
                origin=source,
                unless=[_pattern(p, f"{where} unless", source) for p in raw.get("unless") or []] + shared_unless,
                kinds=_kinds(raw.get("kinds"), where, source),
                informative=bool(raw.get("informative", False)),
            )
        )
    return Dimension(
        id=dim,
        title=_text(data.get("title", dim), "title", source),
        description=_text(data.get("description", ""), "description", source)
        if data.get("description")
        else {"sv": "", "en": ""},
        weight=float(data.get("weight", 1)),
        indicators=indicators,
        rules=rules,
        rules_as_indicators=bool(data.get("rules_as_indicators", False)),
        rule_value=str(data.get("rule_value", "themes")),
        explicit=dict(data.get("explicit") or {}),
        verdict=dict(data.get("verdict") or {}),
        origin=source,
        sha256=sha256,
        version=str(data.get("version", "1")),
        order=int(data.get("order", 100)),
    )


def read_rule_file(path: str | Path, text: str | None = None) -> Dimension:
    source = str(path)
    if text is None:
        p = Path(path)
        try:
            if p.stat().st_size > MAX_FILE_BYTES:
                raise RuleError(f"rule file larger than {MAX_FILE_BYTES} bytes", source)
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise RuleError("not UTF-8 text", source) from None
        except OSError as exc:
            raise RuleError(f"cannot read rule file ({exc.strerror})", source) from None
    data = load_yaml(text, source).data
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return parse_dimension(data, source, sha)


def default_rules_dir() -> Path:
    """Where the bundled rule sets are (in the package, or rules/ in a source checkout)."""
    root = resources.files("rusaudit").joinpath("rules")
    if root.is_dir():
        return Path(str(root))
    return Path(__file__).resolve().parents[3] / "rules"


def default_rule_files() -> list[tuple[str, str]]:
    """(name, text) of the bundled rule sets, in a stable order."""
    root = default_rules_dir()
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            out.append((f"rusaudit/rules/{entry.name}", entry.read_text(encoding="utf-8")))
    return out


def load_rulebook(
    extra_dirs: tuple[str, ...] = (), defaults: bool = True, measures: Collection[str] | None = None
) -> RuleBook:
    """Bundled rule sets plus users' files; a user's rule with a default's id replaces it.

    Users' files are validated first (`measures`: the indicator measures that exist).
    """
    dims: list[Dimension] = []
    notices: list[str] = []
    places: list[str] = []
    if defaults:
        dims = [read_rule_file(name, text) for name, text in default_rule_files()]
    if extra_dirs:
        from .validate import assert_valid  # refuse what `rusaudit rules validate` calls an error

        assert_valid(extra_dirs, defaults, measures)
    for d in extra_dirs:
        p = Path(d)
        files = sorted(p.glob("*.y*ml")) if p.is_dir() else [p]
        if not p.exists():
            raise RuleError("rules folder not found", d)
        for f in files:
            if f.name.startswith("places"):  # places files sit beside rules; the gazetteer reads them
                places.append(f"{f.name}@{hashlib.sha256(f.read_bytes()).hexdigest()[:12]}")
                continue
            user = read_rule_file(f)
            target = next((x for x in dims if x.id == user.id), None)
            if target is None:
                dims.append(user)
                continue
            for rule in user.rules:
                old = next((r for r in target.rules if r.id == rule.id), None)
                if old is not None:
                    target.rules[target.rules.index(old)] = rule
                    notices.append(f"rule {rule.id} from {f} replaces the default")
                else:
                    target.rules.append(rule)
            for ind in user.indicators:
                old_ind = next((x for x in target.indicators if x.id == ind.id), None)
                if old_ind is not None:
                    target.indicators[target.indicators.index(old_ind)] = ind
                    notices.append(f"indicator {ind.id} from {f} replaces the default")
                else:
                    target.indicators.append(ind)
            target.sha256 = hashlib.sha256((target.sha256 + user.sha256).encode()).hexdigest()
            target.extended_by.append(f"{f.name}@{user.sha256[:12]}")
    dims.sort(key=lambda d: (d.order, d.id))
    return RuleBook(dims, notices, places)
