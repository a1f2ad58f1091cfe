"""Rule sets: load the YAML files, compile their patterns, match sentences.

A rule file describes one scoring dimension: its indicators (with the parameters of
their 0–1 scoring functions) and its rules. A rule has patterns of three kinds:
`term` (Swedish inflection and compounds), `phrase` (literal words, any case) and
`regex` (run with a timeout, so a user's pattern cannot hang a scan).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import RuleError
from .morphology import ELLIPSIS_JOINERS, TermIndex, expand_ellipsis, lookup_lemmas

REGEX_TIMEOUT = 0.25  # seconds per sentence and pattern
MAX_RULE_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Pattern:
    kind: str  # term | phrase | regex
    value: str
    weight: float = 1.0
    theme: str | None = None
    compound: bool | None = None
    head: bool = False
    exclude: tuple[str, ...] = ()

    @property
    def theme_key(self) -> str:
        return self.theme or self.value.lower()


@dataclass
class Rule:
    id: str
    dimension: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    patterns: list[Pattern]
    group: str | None = None
    source: str | None = None
    scoring: dict = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    origin: str = ""  # file the rule came from
    params: dict = field(default_factory=dict)  # read by measures (e.g. a ladder `level`)


@dataclass
class Indicator:
    id: str
    measure: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    scoring: dict
    params: dict = field(default_factory=dict)


@dataclass
class Dimension:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    weight: float
    indicators: list[Indicator]
    rules: list[Rule]
    rules_as_indicators: bool = False
    # how a rule's value is computed when rules are indicators: "themes" (summed weight
    # of distinct themes) or "presence" (1 when found); `explicit` adds a bonus when a
    # match shares its sentence with a rule of the given cue group
    rule_value: str = "themes"
    explicit: dict = field(default_factory=dict)
    origin: str = ""
    sha256: str = ""
    extended_by: list[str] = field(default_factory=list)  # users' files merged in: "name@hash"
    version: str = "1"
    order: int = 100  # position in reports


@dataclass(frozen=True)
class RuleMatch:
    rule: str
    pattern: int
    theme: str
    weight: float
    start: int
    end: int
    text: str


def _text(value, where: str, source: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"sv": value, "en": value}
    if isinstance(value, dict) and value.get("sv"):
        return {"sv": str(value["sv"]), "en": str(value.get("en") or value["sv"])}
    raise RuleError(f"{where}: needs a text or {{sv: ..., en: ...}}", source)


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
    )


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
            if p.stat().st_size > MAX_RULE_FILE_BYTES:
                raise RuleError(f"rule file larger than {MAX_RULE_FILE_BYTES} bytes", source)
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise RuleError(f"cannot read rule file ({exc.strerror})", source) from None
    from .rule_check import load_yaml  # safe, size- and depth-limited (late: it imports this module)

    data = load_yaml(text, source).data
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return parse_dimension(data, source, sha)


def default_rule_files() -> list[tuple[str, str]]:
    """(name, text) of the bundled rule sets, in a stable order."""
    root = resources.files("rusaudit").joinpath("rules")
    if not root.is_dir():  # a source checkout: the rule sets live in the top-level rules/
        root = Path(__file__).resolve().parents[3] / "rules"
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            out.append((f"rusaudit/rules/{entry.name}", entry.read_text(encoding="utf-8")))
    return out


@dataclass
class RuleBook:
    dimensions: list[Dimension]
    notices: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # users' places files: "name@hash"

    @property
    def rules(self) -> list[Rule]:
        return [r for d in self.dimensions for r in d.rules]

    def dimension(self, dim_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def version(self) -> str:
        """Names and content hashes of the rule sets used: reports compare only when equal."""
        parts = [f"{d.id}@{d.sha256[:12]}" + "".join(f"+{x}" for x in d.extended_by) for d in self.dimensions]
        parts += [f"places:{x}" for x in self.places]
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
        return f"{digest} ({', '.join(parts)})"


def load_rulebook(extra_dirs: tuple[str, ...] = (), defaults: bool = True) -> RuleBook:
    """Bundled rule sets plus users' files; a user's rule with a default's id replaces it."""
    dims: list[Dimension] = []
    notices: list[str] = []
    places: list[str] = []
    if defaults:
        dims = [read_rule_file(name, text) for name, text in default_rule_files()]
    if extra_dirs:
        from .rule_check import assert_valid  # refuse what `rusaudit rules validate` calls an error

        assert_valid(extra_dirs, defaults)
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


def _phrase_regex(value: str) -> re.Pattern:
    words = [re.escape(w) for w in value.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


class RuleMatcher:
    """All rules of a RuleBook compiled into one term index and a list of regexes."""

    def __init__(self, book: RuleBook):
        import regex as regex_module

        self.book = book
        self.index = TermIndex()
        self.multi: dict[tuple[int, int], int] = {}  # (rule, pattern) -> number of words
        self.regexes: list[tuple[int, int, object, bool]] = []  # rule, pattern, compiled, user regex?
        self.warnings: list[str] = []
        self.disabled: set[int] = set()
        self.rules = book.rules
        for ri, rule in enumerate(self.rules):
            for pi, pat in enumerate(rule.patterns):
                if pat.kind == "term":
                    words = pat.value.lower().split()
                    self.multi[(ri, pi)] = len(words)
                    for k, word in enumerate(words):
                        last = k == len(words) - 1
                        self.index.add(
                            (ri, pi, k),
                            word,
                            compound=pat.compound if last else False,
                            head=pat.head if last else False,
                            exclude=pat.exclude,
                        )
                elif pat.kind == "phrase":
                    self.regexes.append((ri, pi, _phrase_regex(pat.value), False))
                else:
                    try:
                        compiled = regex_module.compile(pat.value, regex_module.IGNORECASE | regex_module.V0)
                    except regex_module.error as exc:
                        raise RuleError(f"rule {rule.id}: invalid regex ({exc})", rule.origin) from None
                    from .rule_check import backtracking_problem

                    if problem := backtracking_problem(pat.value):
                        raise RuleError(f"rule {rule.id}: regex '{pat.value}' {problem}", rule.origin)
                    self.regexes.append((ri, pi, compiled, True))
        self.index.use_lemmas(lookup_lemmas(self.index.base_forms))

    def reset(self) -> None:
        """Forget per-document state, so one document's regex timeout never affects the next."""
        self.disabled.clear()
        self.warnings.clear()

    def _hit(self, ri: int, pi: int, start: int, end: int, text: str) -> RuleMatch:
        rule = self.rules[ri]
        pat = rule.patterns[pi]
        return RuleMatch(rule.id, pi, pat.theme_key, pat.weight, start, end, text[start:end])

    def match(self, text: str, toks: list) -> list[RuleMatch]:
        """Matches in one sentence; `toks` carry text and character offsets."""
        lows = [t.text.lower() for t in toks]
        found: dict[tuple[str, int, int], RuleMatch] = {}
        n = len(toks)
        for i in range(n):
            word = lows[i]
            keys = self.index.lookup(word)
            if not keys and word.endswith(("-", "\u2010")) and i + 2 < n and lows[i + 1] in ELLIPSIS_JOINERS:
                full = expand_ellipsis(word, lows[i + 2], lambda c: bool(self.index.exact(c)))
                if full:
                    keys = self.index.lookup(full)
            for ri, pi, k in keys:
                if k != 0 or ri in self.disabled:
                    continue
                length = self.multi[(ri, pi)]
                if i + length > n:
                    continue
                if all((ri, pi, m) in self.index.lookup(lows[i + m]) for m in range(1, length)):
                    start, end = toks[i].start, toks[i + length - 1].end
                    m = self._hit(ri, pi, start, end, text)
                    found.setdefault((m.rule, start, end), m)
        for ri, pi, rx, user in self.regexes:
            if ri in self.disabled:
                continue
            try:
                it = rx.finditer(text, timeout=REGEX_TIMEOUT) if user else rx.finditer(text)
                for mo in it:
                    if mo.end() > mo.start():
                        m = self._hit(ri, pi, mo.start(), mo.end(), text)
                        found.setdefault((m.rule, mo.start(), mo.end()), m)
            except TimeoutError:
                self.disabled.add(ri)
                self.warnings.append(
                    f"rule {self.rules[ri].id}: regex took over {REGEX_TIMEOUT}s on one sentence "
                    "(catastrophic backtracking?); the rule was switched off for this scan"
                )
        return sorted(found.values(), key=lambda m: (m.start, m.end, m.rule))
