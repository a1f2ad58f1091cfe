"""Gate settings from `rusaudit.toml` or `[tool.rusaudit]` in `pyproject.toml`.

Strict on purpose: an unknown key, a wrong type, a value out of range, an unknown
dimension, rule or area is an error that names the key and the file (a typo must never
silently switch a gate off). Rule folders are relative to the configuration file.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RusauditError

CONFIG_NAMES = ("rusaudit.toml", "pyproject.toml")
LEVELS = ("error", "warn", "off")
AREA_PREFIX = "national_strategy.area."
KEYS = (
    "region",
    "rules",
    "default_rules",
    "min_score",
    "rule_levels",
    "required_areas",
    "tolerance",
    "fail_on_warn",
    "limits",
    "exclude_pages",  # what the audit leaves out (analyse/exclude.py)
    "exclude_sections",
    "ocr",
)
DEFAULT_TOLERANCE = 1.0
MAX_CONFIG_BYTES = 1 << 20


class ConfigError(RusauditError):
    """A configuration problem: one line naming the file and the key."""

    def __init__(self, message: str, path: str | None, key: str | None = None):
        super().__init__(f"{key}: {message}" if key else message, path)
        self.key = key


@dataclass
class Catalog:
    """What the rule sets define, to validate ids and title gates."""

    dimensions: dict[str, dict]  # id -> {"title": {sv, en}}
    rules: dict[str, dict]  # id -> {"title", "description", "group", "dimension"}
    indicators: dict[str, dict]  # id -> {"title", "description", "dimension"}
    cue_rules: set[str]  # sentence cues: matched but never reported, so not gateable
    areas: list[str]  # national strategic area rule ids

    def title(self, item_id: str, lang: str) -> str:
        for table in (self.rules, self.indicators, self.dimensions):
            if item_id in table:
                t = table[item_id]["title"]
                return t.get(lang) or t.get("sv") or item_id
        return item_id


@dataclass
class GateConfig:
    path: str | None = None  # the file the settings came from; None = no file found
    key_prefix: str = ""  # "tool.rusaudit." inside pyproject.toml
    region: str | None = None
    rules: tuple[str, ...] = ()  # extra rule folders, resolved against the file's folder
    rules_as_written: tuple[str, ...] = ()
    default_rules: bool = True
    min_score: dict[str, float] = field(default_factory=dict)
    rule_levels: dict[str, str] = field(default_factory=dict)
    required_areas: tuple[str, ...] = ()  # national strategy area rule ids
    tolerance: float = DEFAULT_TOLERANCE
    fail_on_warn: bool = False
    exclude_pages: str | None = None  # a page range ("45-60")
    exclude_sections: tuple[str, ...] = ()  # headings whose sections are left out
    ocr: str = "never"  # "never" | "auto" | "always": which PDF pages Tesseract reads
    catalog: Catalog | None = None

    def to_dict(self) -> dict:
        """The effective settings, for JSON output (sorted: deterministic)."""
        return {
            "region": self.region,
            "rules": list(self.rules_as_written),
            "default_rules": self.default_rules,
            "min_score": dict(sorted(self.min_score.items())),
            "rule_levels": dict(sorted(self.rule_levels.items())),
            "required_areas": list(self.required_areas),
            "tolerance": self.tolerance,
            "fail_on_warn": self.fail_on_warn,
            "exclude_pages": self.exclude_pages,
            "exclude_sections": list(self.exclude_sections),
            "ocr": self.ocr,
        }


def find_config(start: str | os.PathLike | None = None) -> tuple[Path, bool] | None:
    """The nearest `rusaudit.toml`, or `pyproject.toml` with `[tool.rusaudit]`, upward.

    The search stops at the repository root (a folder holding `.git`) so that settings
    never leak in from outside the project. Returns (path, is_pyproject) or None.
    """
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "rusaudit.toml"
        if own.is_file():
            return own, False
        py = folder / "pyproject.toml"
        if py.is_file() and _has_tool_table(py):
            return py, True
        if (folder / ".git").exists():
            break
    return None


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli  # the same parser, for Python 3.10

    return tomli


def _read_toml(path: Path, display: str | None = None) -> dict:
    toml = _toml()
    display = display or str(path)
    from ..shape import check_tree

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"configuration file too big (over {MAX_CONFIG_BYTES // 1024} KB)", display)
        data = toml.loads(raw.decode("utf-8"))
        check_tree(data, max_depth=16)
    except OSError as exc:
        raise ConfigError(f"cannot read configuration file ({exc.strerror})", display) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", display) from None
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML ({exc})", display) from None
    except RecursionError:
        raise ConfigError("invalid TOML (nested too deep)", display) from None
    except ValueError as exc:  # a huge integer, or a value check_tree refuses (nan, inf, depth)
        raise ConfigError(f"invalid value ({exc})", display) from None
    return data


def _has_tool_table(path: Path) -> bool:
    try:
        return isinstance(_read_toml(path).get("tool", {}).get("rusaudit"), dict)
    except ConfigError:
        return False


def load_config(explicit: str | None = None, cwd: str | None = None) -> GateConfig:
    """Settings from `--config FILE`, else the nearest file upward; defaults if none."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError("configuration file not found", explicit)
        is_py = p.name == "pyproject.toml"
        display = explicit
    else:
        found = find_config(cwd)
        if found is None:
            cfg = GateConfig()
            cfg.catalog = build_catalog(cfg.rules, cfg.default_rules)
            return cfg
        p, is_py = found
        display = _display(p, cwd)
    data = _read_toml(p, display)
    prefix = ""
    if is_py:
        data = data.get("tool", {}).get("rusaudit")
        prefix = "tool.rusaudit."
        if not isinstance(data, dict):
            raise ConfigError("no [tool.rusaudit] table", display)
    return parse_config(data, display, prefix, base=p.resolve().parent)


def _display(p: Path, cwd: str | None) -> str:
    try:
        return os.path.relpath(p, cwd or os.getcwd())
    except ValueError:  # another drive on Windows
        return str(p)


def _number(value, key: str, path: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"expected a number from {lo:g} to {hi:g}, got {value!r}", path, key)
    if not lo <= value <= hi:
        raise ConfigError(f"expected a number from {lo:g} to {hi:g}, got {value!r}", path, key)
    return float(value)


def _bool(value, key: str, path: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"expected true or false, got {value!r}", path, key)
    return value


def _table(value, key: str, path: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"expected a table ([{key}]), got {type(value).__name__}", path, key)
    return value


def _strings(value, key: str, path: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"expected a list of non-empty strings, got {value!r}", path, key)
    return [v.strip() for v in value]


def parse_config(data: dict, path: str, prefix: str = "", base: Path | None = None) -> GateConfig:
    """Validate a settings table (already parsed TOML) into a GateConfig."""
    k = lambda name: prefix + name  # noqa: E731 - keys as the user wrote them
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"unknown key (known keys: {', '.join(KEYS)})", path, k(key))
    cfg = GateConfig(path=path, key_prefix=prefix)
    base = base or Path.cwd()

    if "region" in data:
        region = data["region"]
        if isinstance(region, int) and not isinstance(region, bool):
            region = f"{region:02d}"
        if not isinstance(region, str) or not region.strip():
            raise ConfigError(f"expected an SCB county code or name, got {data['region']!r}", path, k("region"))
        cfg.region = region.strip()
    if "default_rules" in data:
        cfg.default_rules = _bool(data["default_rules"], k("default_rules"), path)
    if "ocr" in data:
        from ..extract.ocr import MODES

        if data["ocr"] not in MODES:
            raise ConfigError(f"expected one of {', '.join(MODES)}, got {data['ocr']!r}", path, k("ocr"))
        cfg.ocr = data["ocr"]
    if "rules" in data:
        folders = []
        for i, folder in enumerate(_strings(data["rules"], k("rules"), path)):
            full = (base / folder).resolve()
            if not full.exists():
                raise ConfigError(f"rule folder '{folder}' not found (relative to {base})", path, f"{k('rules')}[{i}]")
            folders.append(str(full))
        cfg.rules = tuple(folders)
        cfg.rules_as_written = tuple(_strings(data["rules"], k("rules"), path))

    catalog = build_catalog(cfg.rules, cfg.default_rules)
    cfg.catalog = catalog
    if cfg.region is not None:
        _check_region(cfg, path, k("region"))

    if "min_score" in data:
        known = [*catalog.dimensions, "overall"]
        for dim, value in _table(data["min_score"], k("min_score"), path).items():
            key = f"{k('min_score')}.{dim}"
            if dim not in known:
                raise ConfigError(f"unknown dimension (known: {', '.join(known)})", path, key)
            cfg.min_score[dim] = _number(value, key, path, 0, 100)
    if "rule_levels" in data:
        for rid, level in _table(data["rule_levels"], k("rule_levels"), path).items():
            key = f'{k("rule_levels")}."{rid}"'
            if rid in catalog.cue_rules:
                raise ConfigError("a sentence cue is never reported on, so it cannot be gated", path, key)
            if rid not in catalog.rules and rid not in catalog.indicators:
                raise ConfigError(f"unknown rule or indicator id{_suggest(rid, catalog)}", path, key)
            if level not in LEVELS:
                raise ConfigError(f"expected one of {', '.join(LEVELS)}, got {level!r}", path, key)
            cfg.rule_levels[rid] = level
    if "required_areas" in data:
        areas = []
        for i, name in enumerate(_strings(data["required_areas"], k("required_areas"), path)):
            rid = resolve_area(name, catalog)
            if rid is None:
                short = ", ".join(a.removeprefix(AREA_PREFIX) for a in catalog.areas)
                raise ConfigError(
                    f"unknown strategic area '{name}' (known: {short})", path, f"{k('required_areas')}[{i}]"
                )
            if rid not in areas:
                areas.append(rid)
        cfg.required_areas = tuple(areas)
    if "tolerance" in data:
        cfg.tolerance = _number(data["tolerance"], k("tolerance"), path, 0, 100)
    if "fail_on_warn" in data:
        cfg.fail_on_warn = _bool(data["fail_on_warn"], k("fail_on_warn"), path)
    if "exclude_pages" in data:
        from ..pagerange import PageRangeError, parse_page_range

        value = data["exclude_pages"]
        value = ",".join(str(v) for v in value) if isinstance(value, list) else value
        try:
            parse_page_range(value if isinstance(value, str) else repr(value), k("exclude_pages"))
        except PageRangeError as err:
            raise ConfigError(err.message.split(": ", 1)[-1], path, k("exclude_pages")) from None
        cfg.exclude_pages = value
    if "exclude_sections" in data:
        cfg.exclude_sections = tuple(_strings(data["exclude_sections"], k("exclude_sections"), path))
    if "limits" in data:
        from ..extract.limits import parse_table

        parse_table(data["limits"], k("limits"), path)  # applied by extract.limits; checked here too
    return cfg


def resolve_area(name: str, catalog: Catalog) -> str | None:
    """An area rule id from its id or short name (`innovation`), any case."""
    q = name.strip().lower()
    for rid in catalog.areas:
        if q in (rid.lower(), rid.removeprefix(AREA_PREFIX).lower()):
            return rid
    return None


def _suggest(rid: str, catalog: Catalog) -> str:
    import difflib

    close = difflib.get_close_matches(rid, [*catalog.rules, *catalog.indicators], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_region(cfg: GateConfig, path: str, key: str) -> None:
    from ..analyse.region import RegionError, resolve_region, suggestion
    from ..api import analyzer

    gz = analyzer(cfg.rules, cfg.default_rules).gazetteer
    try:
        resolve_region(cfg.region or "", gz, key)
    except RegionError:
        hint = suggestion(cfg.region or "", gz, key) if not (cfg.region or "").isdigit() else ""
        raise ConfigError(
            f"unknown region '{cfg.region}': give an SCB county code (01-25) or a county name{hint}", path, key
        ) from None


def build_catalog(rules: tuple[str, ...] = (), default_rules: bool = True) -> Catalog:
    from ..rulelang import load_rulebook

    book = load_rulebook(rules, defaults=default_rules)
    dims, rule_tab, inds = {}, {}, {}
    cue_groups = set()
    for d in book.dimensions:
        dims[d.id] = {"title": d.title}
        for ind in d.indicators:
            inds[ind.id] = {"title": ind.title, "description": ind.description, "dimension": d.id}
            if ind.params.get("cue_group"):
                cue_groups.add(ind.params["cue_group"])
        for r in d.rules:
            rule_tab[r.id] = {"title": r.title, "description": r.description, "group": r.group, "dimension": d.id}
    cues = {rid for rid, r in rule_tab.items() if r["group"] in cue_groups}
    areas = [rid for rid in rule_tab if rid.startswith(AREA_PREFIX)]  # the strategy's order: 1-4
    return Catalog(dims, rule_tab, inds, cues, areas)
