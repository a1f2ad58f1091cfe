"""Compare two reports: score changes per dimension, places and rules gained and lost.

Works on report dicts (`Report.to_dict()`), so either side may be a fresh scan or a
saved JSON report. A rule is gained when it has no match in OLD and at least one in NEW.
"""

from __future__ import annotations

import json

from ..numbers import round_half_up
from .config import Catalog
from .status import satisfied_rules
from .texts import fmt, t


def _title(d: dict, lang: str) -> str:
    return d.get(lang) or d.get("sv") or ""


def _side(report: dict) -> dict:
    doc = report.get("document", {})
    return {
        "path": doc.get("path"),
        "sha256": doc.get("sha256"),
        "region": (report.get("region") or {}).get("code"),
        "rules_version": report.get("rules_version"),
    }


def _place(p: dict) -> dict:
    return {"id": p["id"], "name": p["name"], "kind": p["kind"], "in_region": p["in_region"], "count": p["count"]}


def compare(old: dict, new: dict, catalog: Catalog | None = None, lang: str = "sv") -> dict:
    titles = {}
    for rep in (old, new):
        for d in rep.get("dimensions", []):
            titles.setdefault(d["id"], _title(d["title"], lang))
    order = [d["id"] for d in new.get("dimensions", [])]
    order += [d["id"] for d in old.get("dimensions", []) if d["id"] not in order]
    scores = []
    for dim in [*order, "overall"]:
        a, b = old.get("scores", {}).get(dim), new.get("scores", {}).get(dim)
        delta = None if a is None or b is None else round_half_up(b - a, 1)
        title = t(lang, "overall") if dim == "overall" else titles.get(dim, dim)
        scores.append({"id": dim, "title": title, "old": a, "new": b, "delta": delta})

    old_places = {p["id"]: p for p in old.get("places", [])}
    new_places = {p["id"]: p for p in new.get("places", [])}

    def order_places(ps):
        return sorted(ps, key=lambda p: (not p["in_region"], p["name"], p["id"]))

    gained_p = order_places([_place(p) for pid, p in new_places.items() if pid not in old_places])
    lost_p = order_places([_place(p) for pid, p in old_places.items() if pid not in new_places])

    old_rules, new_rules = satisfied_rules(old), satisfied_rules(new)

    def rule(rid: str, count: int) -> dict:
        return {"id": rid, "title": catalog.title(rid, lang) if catalog else rid, "count": count}

    cov_old, cov_new = old.get("coverage", {}), new.get("coverage", {})
    return {
        "old": _side(old),
        "new": _side(new),
        "rules_version_changed": old.get("rules_version") != new.get("rules_version"),
        "region_changed": _side(old)["region"] != _side(new)["region"],
        "scores": scores,
        "municipalities": {
            "old": cov_old.get("municipalities_named"),
            "new": cov_new.get("municipalities_named"),
            "total": cov_new.get("municipalities_total"),
        },
        "places": {"gained": gained_p, "lost": lost_p},
        "rules": {
            "gained": [rule(r, c) for r, c in new_rules.items() if r not in old_rules],
            "lost": [rule(r, c) for r, c in old_rules.items() if r not in new_rules],
        },
    }


def _delta(d: float | None) -> str:
    if d is None:
        return "–"
    if d > 0:
        return f"▲ +{d:.1f}"
    if d < 0:
        return f"▼ −{abs(d):.1f}"
    return "0.0"


def _names(items: list[dict], key: str, lang: str, limit: int | None = None) -> str:
    if not items:
        return t(lang, "none")
    names = [i[key] for i in items]
    if limit and len(names) > limit:
        return ", ".join(names[:limit]) + f" … (+{len(names) - limit})"
    return ", ".join(names)


def _warnings(d: dict, lang: str) -> list[str]:
    out = []
    if d["region_changed"]:
        out.append(t(lang, "region_differs", old=d["old"]["region"], new=d["new"]["region"]))
    if d["rules_version_changed"]:
        out.append(
            t(lang, "rules_differ", old=_short(d["old"]["rules_version"]), new=_short(d["new"]["rules_version"]))
        )
    return out


def _short(version: str | None) -> str:
    return (version or "?").split(" ")[0]


def _unchanged(d: dict) -> bool:
    return (
        all(s["delta"] in (0, None) for s in d["scores"])
        and not any(d["places"].values())
        and not any(d["rules"].values())
    )


def render_text(d: dict, lang: str = "sv") -> str:
    out = [f"rusaudit diff: {d['old']['path']} → {d['new']['path']}", ""]
    out += _warnings(d, lang)
    width = max(len(s["title"]) for s in d["scores"])
    out.append(f"{t(lang, 'scores')}:")
    for s in d["scores"]:
        out.append(f"  {s['title']:<{width}}  {fmt(s['old']):>5} → {fmt(s['new']):>5}  {_delta(s['delta'])}")
    m = d["municipalities"]
    if m["total"]:
        out.append(f"  {t(lang, 'municipalities')}: {m['old']} → {m['new']} / {m['total']}")
    out.append("")
    out.append(
        f"{t(lang, 'places_gained')} ({len(d['places']['gained'])}): {_names(d['places']['gained'], 'name', lang)}"
    )
    out.append(f"{t(lang, 'places_lost')} ({len(d['places']['lost'])}): {_names(d['places']['lost'], 'name', lang)}")
    for key in ("gained", "lost"):
        items = d["rules"][key]
        out.append(f"{t(lang, 'rules_' + key)} ({len(items)}):")
        out += [f"  {'+' if key == 'gained' else '−'} {r['title']} ({r['id']})" for r in items]
    if _unchanged(d):
        out += ["", t(lang, "no_changes")]
    return "\n".join(out) + "\n"


def _cell(s: str) -> str:
    from ..safetext import markdown

    return markdown(str(s))  # file names and rule titles: no HTML, no links, one line


def render_markdown(d: dict, lang: str = "sv") -> str:
    """A pull-request comment: a score table, then places and rules, long lists folded."""
    old, new = d["old"]["path"], d["new"]["path"]
    from ..safetext import markdown_code

    out = [f"### rusaudit: {markdown_code(old)} → {markdown_code(new)}", ""]
    out += [f"> {w}" for w in _warnings(d, lang)]
    if _warnings(d, lang):
        out.append("")
    out += [
        f"| | {t(lang, 'before')} | {t(lang, 'after')} | {t(lang, 'change')} |",
        "|---|---:|---:|---:|",
    ]
    for s in d["scores"]:
        name = f"**{_cell(s['title'])}**" if s["id"] == "overall" else _cell(s["title"])
        out.append(f"| {name} | {fmt(s['old'])} | {fmt(s['new'])} | {_delta(s['delta'])} |")
    m = d["municipalities"]
    if m["total"]:
        out.append(f"| {t(lang, 'municipalities')} | {m['old']} / {m['total']} | {m['new']} / {m['total']} | |")
    out.append("")
    for label, items, key in (
        (t(lang, "places_gained"), d["places"]["gained"], "name"),
        (t(lang, "places_lost"), d["places"]["lost"], "name"),
        (t(lang, "rules_gained"), d["rules"]["gained"], "title"),
        (t(lang, "rules_lost"), d["rules"]["lost"], "title"),
    ):
        names = [_cell(i[key]) for i in items]
        if len(names) > 12:
            out += [
                f"<details><summary><b>{label}</b> ({len(names)})</summary>",
                "",
                ", ".join(names),
                "",
                "</details>",
                "",
            ]
        else:
            out += [f"**{label}** ({len(names)}): {', '.join(names) if names else t(lang, 'none')}", ""]
    if _unchanged(d):
        out += [t(lang, "no_changes"), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_json(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"
