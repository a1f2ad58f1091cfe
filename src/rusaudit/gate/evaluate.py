"""Gates: a report and the settings in, one Check per gate out.

- `min_score.<dim>`: the dimension's (or `overall`) score, as the report prints it (one
  decimal), is at least the minimum.
- a rule or indicator at level `error`/`warn`, and each required strategic area: it is
  *satisfied* when it has at least one match (a piece of evidence) in the document;
  unsatisfied at `error` fails the gate, at `warn` warns (fails with `fail_on_warn`).
- With a baseline entry for the document, the gate fails only on regressions: a score
  that dropped by more than `tolerance`, or a rule satisfied in the baseline that is lost
  (unless its level is `warn` or `off`). Absolute gates that also failed in the baseline,
  or fail within the tolerance, are kept as `known` (a note, never a failure).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .baseline import Entry, entry
from .config import ConfigError, GateConfig
from .status import Status, statuses
from .texts import fmt, fmt_limit, t

EPS = 1e-9


@dataclass
class Check:
    id: str  # stable gate id: min_score.<dim>, rule.<id>, area.<id>, baseline.score.<dim>, baseline.rule.<id>
    kind: str  # min_score | rule | area | baseline_score | baseline_rule
    target: str  # dimension, rule or indicator id
    level: str  # configured severity: error | warn
    status: str  # pass | fail | warn | known
    message: str
    actual: float | None = None
    expected: float | None = None
    pages: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "target": self.target,
            "level": self.level,
            "status": self.status,
            "message": self.message,
            "actual": self.actual,
            "expected": self.expected,
            "pages": self.pages,
        }


@dataclass
class Note:
    """A finding at one page (e.g. a page with no geographic reference under a failed gate)."""

    rule: str
    page: int
    message: str
    gate: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "page": self.page, "message": self.message, "gate": self.gate}


@dataclass
class DocumentResult:
    path: str  # as given on the command line
    key: str  # path relative to the working directory (POSIX): baseline key, SARIF uri
    report: dict
    checks: list[Check]
    notes: list[Note] = field(default_factory=list)
    baseline: str | None = None  # None without --baseline; else unchanged | changed | new

    @property
    def status(self) -> str:
        states = {c.status for c in self.checks}
        return "fail" if "fail" in states else "warn" if "warn" in states else "pass"

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "key": self.key,
            "status": self.status,
            "scores": self.report.get("scores", {}),
            "baseline": self.baseline,
            "checks": [c.to_dict() for c in self.checks],
            "notes": [n.to_dict() for n in self.notes],
            "report": self.report,
        }


@dataclass
class InputFailure:
    path: str
    key: str
    message: str


@dataclass
class GateRun:
    config: GateConfig
    documents: list[DocumentResult]
    errors: list[InputFailure] = field(default_factory=list)
    lang: str = "sv"
    baseline_path: str | None = None

    @property
    def passed(self) -> bool:
        return not self.errors and all(d.status != "fail" for d in self.documents)

    @property
    def exit_code(self) -> int:
        from ..errors import EXIT_FAILED, EXIT_INPUT, EXIT_OK

        if self.errors:
            return EXIT_INPUT
        return EXIT_OK if self.passed else EXIT_FAILED


def _dim_title(report: dict, dim: str, lang: str) -> str:
    if dim == "overall":
        return t(lang, "overall")
    d = next((d for d in report.get("dimensions", []) if d["id"] == dim), None)
    return (d["title"].get(lang) or d["title"].get("sv")) if d else dim


def _weakest(report: dict, dim: str, lang: str) -> str:
    if dim == "overall":
        items = [(d.get("score"), d["title"].get(lang) or d["id"]) for d in report.get("dimensions", [])]
        items = [(s, n) for s, n in items if s is not None and s < 100]
    else:
        d = next((d for d in report.get("dimensions", []) if d["id"] == dim), None)
        inds = d["indicators"] if d else []
        items = [(100 * i["score"], i["title"].get(lang) or i["id"]) for i in inds if i.get("score") is not None]
        items = [(s, n) for s, n in items if s < 100]
    items.sort(key=lambda sn: (sn[0], sn[1]))
    if not items:
        return ""
    return "; " + t(lang, "weakest", items=", ".join(f"{n} {fmt(s)}" for s, n in items[:3]))


def _score_check(report: dict, dim: str, minimum: float, lang: str) -> Check:
    actual = report.get("scores", {}).get(dim)
    title = _dim_title(report, dim, lang)
    kw = {"title": title, "dim": dim, "expected": fmt_limit(minimum), "actual": fmt(actual)}
    if actual is None:
        status, msg = "fail", t(lang, "score_none", **kw)
    elif actual + EPS >= minimum:
        status, msg = "pass", t(lang, "score_ok", **kw)
    else:
        status, msg = "fail", t(lang, "score_low", **kw) + _weakest(report, dim, lang)
    return Check(f"min_score.{dim}", "min_score", dim, "error", status, msg, actual, minimum)


def _rule_check(
    item_id: str, kind: str, level: str, st: Status | None, cfg: GateConfig, lang: str, prefix: str
) -> Check:
    title = cfg.catalog.title(item_id, lang) if cfg.catalog else item_id
    count = st.count if st else 0
    pages = st.pages if st else []
    if count > 0:
        where = t(lang, "pages", pages=pages[0]) if pages else ""
        matches = f"{count} {t(lang, 'match' if count == 1 else 'matches')}"
        msg = t(lang, f"{prefix}_found", title=title, matches=matches, pages=where)
        status = "pass"
    else:
        msg = t(lang, f"{prefix}_missing", title=title, id=item_id)
        status = "fail" if level == "error" or cfg.fail_on_warn else "warn"
    return Check(f"{kind}.{item_id}", kind, item_id, level, status, msg, float(count), 1.0, pages)


def gated_items(cfg: GateConfig) -> list[tuple[str, str, str]]:
    """(id, kind, level) of the rule and area gates, in a stable order."""
    out: list[tuple[str, str, str]] = []
    for rid in cfg.required_areas:
        level = cfg.rule_levels.get(rid, "error")
        if level != "off":
            out.append((rid, "area", level))
    seen = {rid for rid, _, _ in out}
    for rid, level in sorted(cfg.rule_levels.items()):
        if level != "off" and rid not in seen and rid not in cfg.required_areas:
            out.append((rid, "rule", level))
    return out


def _dims_in_order(report: dict, extra: list[str]) -> list[str]:
    dims = [d["id"] for d in report.get("dimensions", [])]
    dims += sorted(k for k in extra if k not in dims and k != "overall")
    return [*dims, "overall"]


def evaluate(
    report: dict,
    key: str,
    cfg: GateConfig,
    lang: str = "sv",
    base: Entry | None = None,
    baseline_given: bool = False,
    path: str | None = None,
) -> DocumentResult:
    st = statuses(report)
    checks: list[Check] = []
    notes: list[Note] = []
    for dim in _dims_in_order(report, list(cfg.min_score)):
        if dim in cfg.min_score:
            checks.append(_score_check(report, dim, cfg.min_score[dim], lang))
    for rid, kind, level in gated_items(cfg):
        if rid not in st:  # the rule sets define it, but reports carry no status for it
            key = f"{cfg.key_prefix}required_areas" if kind == "area" else f'{cfg.key_prefix}rule_levels."{rid}"'
            raise ConfigError("not reported on (reports carry no status for it), so it cannot be gated", cfg.path, key)
        checks.append(_rule_check(rid, kind, level, st[rid], cfg, lang, kind))

    state = None
    if baseline_given:
        state = "new" if base is None else ("unchanged" if entry(report).fingerprint == base.fingerprint else "changed")
    if base is not None:
        for c in checks:
            _against_baseline(c, base, cfg, lang)
        checks += _ratchet(report, st, base, cfg, lang, {c.target for c in checks if c.kind in ("rule", "area")})

    for c in checks:
        if c.kind == "min_score" and c.status in ("fail", "known") and c.target != "overall":
            notes += _blind_pages(report, c, lang)
    return DocumentResult(path or key, key, report, checks, notes, state)


def _against_baseline(c: Check, base: Entry, cfg: GateConfig, lang: str) -> None:
    """In ratchet mode an absolute failure counts only if it is a regression."""
    if c.status == "pass":
        return
    if c.kind == "min_score":
        old = base.scores.get(c.target)
        if old is None or old + EPS < (c.expected or 0):
            c.status, c.message = "known", t(lang, "known", message=c.message)
        elif c.actual is not None and old - c.actual <= cfg.tolerance + EPS:
            c.status, c.message = "known", t(lang, "within_tolerance", message=c.message, baseline=fmt(old))
    elif not base.satisfied(c.target):
        c.status, c.message = "known", t(lang, "known", message=c.message)


def _ratchet(report: dict, st: dict[str, Status], base: Entry, cfg: GateConfig, lang: str, covered: set[str]):
    checks: list[Check] = []
    tol = fmt_limit(cfg.tolerance)
    for dim in _dims_in_order(report, list(base.scores)):
        if dim not in base.scores or base.scores[dim] is None:
            continue
        old = base.scores[dim]
        new = report.get("scores", {}).get(dim)
        title = _dim_title(report, dim, lang)
        if new is not None and old - new <= cfg.tolerance + EPS:
            msg = t(lang, "base_score_ok", title=title, actual=fmt(new), baseline=fmt(old), tolerance=tol)
            status = "pass"
        else:
            delta = "–" if new is None else f"{new - old:+.1f}".replace("-", "−")
            msg = t(
                lang, "base_score_drop", title=title, actual=fmt(new), baseline=fmt(old), delta=delta, tolerance=tol
            )
            status = "fail"
        checks.append(Check(f"baseline.score.{dim}", "baseline_score", dim, "error", status, msg, new, old))
    for rid in sorted(base.rules):
        level = cfg.rule_levels.get(rid, "error")
        if rid in covered or level == "off":
            continue
        s = st.get(rid)
        title = cfg.catalog.title(rid, lang) if cfg.catalog else rid
        if s is not None and s.satisfied:
            status, msg = "pass", t(lang, "base_rule_kept", title=title)
        else:
            status = "fail" if level == "error" or cfg.fail_on_warn else "warn"
            msg = t(lang, "base_rule_lost", title=title, id=rid)
        count = float(s.count) if s else 0.0
        pages = s.pages if s else []
        checks.append(Check(f"baseline.rule.{rid}", "baseline_rule", rid, level, status, msg, count, 1.0, pages))
    return checks


def _blind_pages(report: dict, c: Check, lang: str) -> list[Note]:
    d = next((d for d in report.get("dimensions", []) if d["id"] == c.target), None)
    notes = []
    for ind in d["indicators"] if d else []:
        for page in (ind.get("details") or {}).get("pages_without") or []:
            notes.append(Note(ind["id"], int(page), t(lang, "page_blind", page=page), c.id))
    return notes
