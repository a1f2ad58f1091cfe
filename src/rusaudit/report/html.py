"""HTML reports: one strategy (`scan --format html`) and a batch (`compare`).

Self-contained pages: inline CSS and SVG, no scripts, no external requests. Every
value goes through jinja2 with autoescape on, SVG included (maps and gauges are drawn
by templates from numbers and names, never pasted in as markup), so text from a
document can never become markup.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from . import maps
from .i18n import fmt_score, fmt_value, t, title
from .model import Report
from .reasons import translate
from .summary import clip, summarize
from .trust import evidence_mark, ocr_note, place_name

EVIDENCE_SHOWN = 3  # evidence items shown per indicator; the rest fold into <details>
EVIDENCE_FOLDED = 60  # at most this many more; the JSON report has them all

STRINGS: dict[str, dict[str, str]] = {
    "sv": {
        "map_title": "Kommuner i {region}: hur ofta strategin nämner dem",
        "never": "aldrig nämnd",
        "times": "{n} gånger",
        "times_one": "1 gång",
        "no_map": "Regionen är okänd: ingen karta (ange --region).",
        "ranking": "Rangordning och poäng per dimension",
        "document": "Dokument",
        "heatmap": "Poäng per dimension",
        "heatmap_ind": "Territoriella indikatorer (poäng 0–100)",
        "county_map": "Län efter territoriell specificitet",
        "county_map_note": "Finns flera strategier för samma län färgas länet efter den med högst territoriell "
        "poäng (vid lika: högst totalpoäng, sedan filnamn); tabellen visar alla.",
        "no_document": "ingen strategi i underlaget",
        "failed": "Kunde inte läsas",
        "strongest_per_doc": "Det mest platsspecifika påståendet i varje strategi",
        "reason": "Orsak",
        "comparison_title": "rusaudit – jämförelse av regionala utvecklingsstrategier",
        "documents": "dokument",
        "counties_covered": "län",
        "matrix": "Geografimatris",
        "matrix_blind": "Geografiblind",
        "planning": "Koppling till andra planeringsprocesser",
        "collaboration": "Samverkansprofil",
        "actors": "Aktörer",
        "actor": "Aktör",
        "highest_level": "Högsta nivå",
        "ladder": "Samverkanstrappan",
        "explicit": "uttryckligen",
        "more_evidence": "fler belägg ({n})",
        "rest_in_json": "… och {n} till i JSON-rapporten",
        "legend": "Teckenförklaring",
        "report": "rapport",
        "generated_by": "Skapad av rusaudit {version} · regler {rules} · schema {schema}",
        "score_territorial": "Territoriell specificitet",
        "score_national_strategy": "Nationella strategin",
        "score_planning": "Planering",
        "score_collaboration": "Samverkan",
        "score_overall": "Totalt",
        "also": "även",
        "municipalities_short": "Kommuner",
        "sentences": "meningar",
    },
    "en": {
        "map_title": "Municipalities of {region}: how often the strategy names them",
        "never": "never named",
        "times": "{n} times",
        "times_one": "once",
        "no_map": "Unknown region: no map (use --region).",
        "ranking": "Ranking and scores per dimension",
        "document": "Document",
        "heatmap": "Scores per dimension",
        "heatmap_ind": "Territorial indicators (score 0–100)",
        "county_map": "Counties by territorial specificity",
        "county_map_note": "Where several strategies cover one county, the county is coloured by the one with the "
        "highest territorial score (ties: highest overall score, then file name); the table shows all.",
        "no_document": "no strategy in the batch",
        "failed": "Could not be read",
        "strongest_per_doc": "The most place-specific statement of each strategy",
        "reason": "Reason",
        "comparison_title": "rusaudit – comparison of regional development strategies",
        "documents": "documents",
        "counties_covered": "counties",
        "matrix": "Geography matrix",
        "matrix_blind": "Geography-blind",
        "planning": "Links to other planning processes",
        "collaboration": "Collaboration profile",
        "actors": "Actors",
        "actor": "Actor",
        "highest_level": "Highest level",
        "ladder": "Collaboration ladder",
        "explicit": "explicitly",
        "more_evidence": "more evidence ({n})",
        "rest_in_json": "… and {n} more in the JSON report",
        "legend": "Legend",
        "report": "report",
        "generated_by": "Made by rusaudit {version} · rules {rules} · schema {schema}",
        "score_territorial": "Territorial specificity",
        "score_national_strategy": "National strategy",
        "score_planning": "Planning",
        "score_collaboration": "Collaboration",
        "score_overall": "Overall",
        "also": "also",
        "municipalities_short": "Municipalities",
        "sentences": "sentences",
    },
}

# The eight steps of the collaboration ladder (Reglab / Region Skåne).
LADDER = {
    "sv": ["Öppenhet", "Informera", "Lyssna", "Diskutera", "Konsultera", "Ge & ta", "Samarbeta", "Samskapa"],
    "en": ["Openness", "Inform", "Listen", "Discuss", "Consult", "Give & take", "Cooperate", "Co-create"],
}


def s(lang: str, key: str, **kw) -> str:
    """An HTML-report string, falling back to the shared report strings."""
    text = STRINGS.get(lang, STRINGS["sv"]).get(key)
    return (text if text is not None else t(lang, key)).format(**kw) if kw else (text or t(lang, key))


@lru_cache(maxsize=1)
def _env():
    # No bytecode cache: jinja2's stores pickles and marshalled code, and a file planted
    # in a cache folder must never run. Compiling the templates takes a few milliseconds.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,  # everything, whatever the template's name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = fmt_score
    env.filters["reason"] = translate  # `{{ e.reason|reason(lang) }}`: reasons in the page's language
    return env


def _render(template: str, **ctx) -> str:
    text = _env().get_template(template).render(**ctx)
    # Whitespace-only lines come from template indentation: drop them (smaller, stable output).
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


# ---------------------------------------------------------------- view pieces


def label(obj, lang: str) -> str:
    """A display name for a str, a {sv, en} dict, or a dict with title/name/id."""
    if obj is None:
        return ""
    if isinstance(obj, str):
        return obj
    if isinstance(obj, dict):
        if "sv" in obj or "en" in obj:
            return title(obj, lang)
        for key in ("title", "name", "label", "id"):
            if key in obj:
                return label(obj[key], lang)
    return str(obj)


def _lead_labels() -> dict[str, dict]:
    """Matrix, planning and collaboration labels from report/labels.py, when it is there."""
    try:
        from . import labels as lb
    except ImportError:
        return {}
    return {"rows": lb.ROWS, "columns": lb.COLUMNS, "groups": lb.PLANNING_GROUPS}


def _named(kind: str, key, lang: str) -> str:
    """The label of a matrix row/column or planning group id, else the id itself."""
    if isinstance(key, str):
        entry = _lead_labels().get(kind, {}).get(key)
        if entry:
            return title(entry, lang)
    return label(key, lang)


def _ident(obj) -> str:
    if isinstance(obj, dict):
        for key in ("id", "column", "row", "name"):
            if key in obj and isinstance(obj[key], str):
                return obj[key]
    return str(obj)


def segments(sentence: str, match: str) -> list[tuple[str, bool]]:
    """The sentence cut into (text, is_match) pieces, the matched words marked."""
    words = sorted({m.strip() for m in match.split(",") if m.strip()}, key=len, reverse=True)
    if not words:
        return [(sentence, False)]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in pattern.finditer(sentence):
        if m.start() > pos:
            out.append((sentence[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(sentence):
        out.append((sentence[pos:], False))
    return out


def _evidence(items: list[dict]) -> list[dict]:
    return [
        {
            "page": e.get("page"),
            "mark": evidence_mark(bool(e.get("ocr_low_confidence"))),
            "segments": segments(clip(str(e.get("sentence", "")), 400), str(e.get("match", ""))),
        }
        for e in items
    ]


def gauge(score: float | None, name: str) -> dict:
    """A half-circle gauge: background arc and value arc, as SVG path data (viewBox 0 0 100 60)."""
    r, cx, cy = 40.0, 50.0, 50.0
    arc = None
    if score is not None:
        theta = math.pi * (1 - max(0.0, min(100.0, score)) / 100)
        x, y = cx + r * math.cos(theta), cy - r * math.sin(theta)
        arc = f"M10 50A40 40 0 0 1 {x:.2f} {y:.2f}" if score > 0 else None
    band = maps.classify(score, maps.SCORE_BINS)
    return {"name": name, "score": score, "arc": arc, "cls": band.cls if band else "none"}


def _score_name(key: str, data: dict, lang: str) -> str:
    dim = next((d for d in data.get("dimensions", []) if d["id"] == key), None)
    if dim and key not in ("territorial", "national_strategy"):
        return title(dim["title"], lang)
    return s(lang, f"score_{key}") if f"score_{key}" in STRINGS["sv"] else key


def gauges(data: dict, lang: str) -> list[dict]:
    scores = data.get("scores", {})
    keys = [k for k in scores if k != "overall"] + (["overall"] if "overall" in scores else [])
    return [gauge(scores[k], _score_name(k, data, lang)) for k in keys]


def score_bins(lang: str) -> list[dict]:
    return [{"cls": b.cls, "colour": b.colour, "label": f"{b.lo:.0f}–{min(b.hi, 100):.0f}"} for b in maps.SCORE_BINS]


def count_bins(lang: str) -> list[dict]:
    out = [{"cls": "never", "colour": None, "label": s(lang, "never")}]
    for b in maps.COUNT_BINS:
        hi = b.hi - 1
        text = f"{b.lo:.0f}" if hi == b.lo else (f"{b.lo:.0f}+" if math.isinf(hi) else f"{b.lo:.0f}–{hi:.0f}")
        out.append({"cls": b.cls, "colour": b.colour, "label": text})
    return out


def municipality_map(data: dict, lang: str) -> dict | None:
    """The region's municipalities, shaded by how often the report names them."""
    code = (data.get("region") or {}).get("code")
    drawing = maps.municipalities(code) if code else None
    if drawing is None:
        return None
    counts = {
        p["code"]: p["count"] for p in data.get("places", []) if p.get("kind") == "municipality" and p.get("code")
    }
    shapes = []
    legend_n: dict[str, int] = {}
    for a in drawing.areas:
        n = counts.get(a.code, 0)
        band = maps.classify(n, maps.COUNT_BINS)
        cls = band.cls if band else "never"
        legend_n[cls] = legend_n.get(cls, 0) + 1
        how = s(lang, "never") if n == 0 else s(lang, "times_one") if n == 1 else s(lang, "times", n=n)
        fill = band.colour if band else None  # never named: hatched (the template's pattern)
        shapes.append({"code": a.code, "name": a.name, "d": a.d, "cls": cls, "fill": fill, "title": f"{a.name}: {how}"})
    font = max(drawing.width, drawing.height) / 38
    labels = _labels([(a, a.name) for a in drawing.areas], font, drawing.width)
    legend = [dict(b, n=legend_n.get(b["cls"], 0)) for b in count_bins(lang)]
    dots, dot_legend = _locality_dots(data, drawing, code, lang)
    return {
        "dots": dots,
        "dot_legend": dot_legend,
        "id": f"kommun-{code}",
        "kind": "muni",
        "view_box": drawing.view_box,
        "aspect": drawing.width / drawing.height,
        "shapes": shapes,
        "labels": labels,
        "font": font,
        "legend": legend,
        "title": s(lang, "map_title", region=data["region"].get("name") or code),
        "hatch": max(drawing.width, drawing.height) / 90,
    }


def _locality_dots(data: dict, drawing, county: str, lang: str) -> tuple[list[dict], list[dict]]:
    """SCB's tätorter as dots: the ones the strategy names large and dark, the rest small."""
    named = {p["code"]: p["count"] for p in data.get("places", []) if p.get("kind") == "locality" and p.get("code")}
    size = max(drawing.width, drawing.height)
    dots, n_named = [], 0
    for town in reversed(maps.localities(county)):  # small first, so large towns are drawn on top
        x, y = drawing.point(town.x, town.y)
        n = named.get(town.code, 0)
        n_named += n > 0
        how = s(lang, "never") if n == 0 else s(lang, "times_one") if n == 1 else s(lang, "times", n=n)
        dots.append(
            {
                "x": x,
                "y": y,
                "r": size / (110 if n else 260),
                "cls": "named" if n else "other",
                "title": f"{town.name} ({town.population} {s(lang, 'inhabitants')}): {how}",
            }
        )
    dots.sort(key=lambda d: d["cls"] == "named")  # named dots on top of the others
    legend = [
        {"cls": "named", "label": s(lang, "locality_named"), "n": n_named},
        {"cls": "other", "label": s(lang, "locality_other"), "n": len(dots) - n_named},
    ]
    return dots, legend


def _labels(items: list, font: float, width: float) -> list[dict]:
    """Labels that fit: shrunk to their area (down to 60 % of `font`), larger areas first,
    and none over another; the rest are left out (every area's tooltip names it)."""
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for area, text in sorted(items, key=lambda it: -it[0].size):
        size = min(font, 1.3 * area.size / (0.62 * max(len(text), 1)))
        if size < 0.6 * font:
            continue
        w, h = 0.62 * len(text) * size / 2, 0.6 * size
        x = min(max(area.label_x, w), width - w)  # a label near the edge stays on the map
        box = (x - w, area.label_y - h, x + w, area.label_y + h)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        out.append({"x": x, "y": area.label_y, "text": text, "size": size})
    return sorted(out, key=lambda lb: lb["text"])


def matrix(m: dict | None, lang: str) -> dict | None:
    """The geography matrix as rows of counts, blind rows and columns marked."""
    if not m or not isinstance(m, dict) or not m.get("rows") or not m.get("columns"):
        return None
    rows = [(_ident(r), _named("rows", r, lang)) for r in m["rows"]]
    cols = [(_ident(c), _named("columns", c, lang)) for c in m["columns"]]
    sentences = m.get("sentences") if isinstance(m.get("sentences"), dict) else {}
    counts = {(str(c.get("row")), str(c.get("column"))): c.get("count", 0) for c in m.get("cells", [])}
    blind = {_ident(b) for b in m.get("blind", []) or []}
    top = max(counts.values(), default=0) or 1
    body = []
    for rid, rname in rows:
        cells = []
        for cid, _ in cols:
            n = counts.get((rid, cid), 0) or 0
            cells.append({"n": n, "level": 0 if not n else 1 + min(3, int(3 * n / top))})
        body.append({"name": rname, "blind": rid in blind, "cells": cells})
    head = [{"name": name, "blind": cid in blind, "sentences": sentences.get(cid)} for cid, name in cols]
    blind_names = [_named("columns", b, lang) for b in m.get("blind", []) or []]
    return {"head": head, "rows": body, "blind": blind_names}


def collaboration(c: dict | None, lang: str) -> dict | None:
    if not c or not isinstance(c, dict):
        return None
    levels = c.get("levels") or {}
    top = max((int(v or 0) for v in levels.values()), default=0) or 1
    highest = c.get("highest_level")
    steps = [
        {
            "n": i,
            "name": _ladder_name(i, lang),
            "count": int(levels.get(str(i), levels.get(i, 0)) or 0),
            "width": 100 * int(levels.get(str(i), levels.get(i, 0)) or 0) / top,
            "highest": highest is not None and str(highest) == str(i),
        }
        for i in range(1, 9)
    ]
    actors = [
        {
            "name": label(a.get("name") or a.get("id"), lang),
            "count": a.get("count", 0),
            "level": _ladder_name(a.get("highest_level"), lang),
        }
        for a in c.get("actors", []) or []
    ]
    statements = sorted(
        (st for st in c.get("statements", []) or [] if isinstance(st, dict)),
        key=lambda st: (-(st.get("level") or 0), st.get("page") or 0),
    )[:EVIDENCE_SHOWN]
    return {
        "steps": steps,
        "actors": actors,
        "highest": _ladder_name(highest, lang),
        "evidence": _evidence(statements),
    }


def _ladder_name(level, lang: str) -> str:
    try:
        n = int(level)
    except (TypeError, ValueError):
        return "–"
    return f"{n} {LADDER.get(lang, LADDER['sv'])[n - 1]}" if 1 <= n <= 8 else "–"


def planning(items, lang: str) -> list[dict] | None:
    if not items or not isinstance(items, list):
        return None
    return [
        {
            "group": _named("groups", p.get("group"), lang),
            "title": label(p.get("title") or p.get("id"), lang),
            "found": bool(p.get("found")),
            "explicit": bool(p.get("explicit")),
            "count": p.get("count", 0),
            "evidence": _evidence([e for e in p.get("evidence", []) or [] if isinstance(e, dict)][:EVIDENCE_SHOWN]),
        }
        for p in items
        if isinstance(p, dict)
    ]


# ---------------------------------------------------------------- pages


def render(report: Report, lang: str = "sv") -> str:
    """The HTML report of one strategy."""
    data = report.to_dict()
    dims = []
    for d in data["dimensions"]:
        inds = []
        for i in d["indicators"]:
            ev = _evidence(i["evidence"][: EVIDENCE_SHOWN + EVIDENCE_FOLDED])
            inds.append(
                {
                    "title": title(i["title"], lang),
                    "value": fmt_value(i["value"], i["id"]),
                    "score": None if i["score"] is None else 100 * i["score"],
                    "error": i["error"],
                    "shown": ev[:EVIDENCE_SHOWN],
                    "more": ev[EVIDENCE_SHOWN:],
                    "total": len(i["evidence"]),
                }
            )
        dims.append({"title": title(d["title"], lang), "score": d["score"], "indicators": inds})
    summary = summarize(report)
    checklist = [
        {
            "title": title(n["title"], lang),
            "found": n["found"],
            "verdict": n.get("verdict") or ("touched" if n["found"] else "absent"),
            "verdict_label": s(lang, f"verdict_{n.get('verdict') or ('touched' if n['found'] else 'absent')}"),
            "count": n["count"],
            "evidence": _evidence(n["evidence"][:1]),
        }
        for n in data["national_strategy"]
    ]
    places = [
        {
            "name": place_name(p["name"], bool(p.get("ocr_low_confidence")), lang),
            "kind": t(lang, p["kind"]),
            "in_region": p["in_region"],
            "count": p["count"],
            "pages": ", ".join(str(x) for x in p["pages"][:12]) + (" …" if len(p["pages"]) > 12 else ""),
        }
        for p in data["places"]
    ]
    from .labels import TEXT
    from .labels import label as text_label
    from .summary import excluded_lines

    return _render(
        "report.html.j2",
        lang=lang,
        s=lambda key, **kw: s(lang, key, **kw),
        data=data,
        ocr_note=ocr_note(data["document"], lang),
        excluded=excluded_lines(report.excluded, lang),
        excluded_title=text_label(TEXT, "excluded", lang),
        gauges=gauges(data, lang),
        map=municipality_map(data, lang),
        dims=dims,
        strongest=[{"page": e.page, "segments": segments(clip(e.sentence, 400), e.match)} for e in summary.strongest],
        never_named=summary.never_named,
        checklist=checklist,
        places=places,
        matrix=matrix(data.get("geography_matrix"), lang),
        planning=planning(data.get("planning"), lang),
        has_planning_dimension=any(d["id"] == "planning" for d in data["dimensions"]),
        collaboration=collaboration(data.get("collaboration"), lang),
        score_bins=score_bins(lang),
        tool_version=data["tool_version"],
        rules_version=data["rules_version"],
        schema_version=data["schema_version"],
    )


def county_map(rows: list[dict], chosen: dict[str, dict], lang: str) -> dict:
    """Sweden's counties shaded by the territorial score of the strategy chosen for each."""
    drawing = maps.counties()
    by_county: dict[str, list[dict]] = {}
    for r in rows:
        if r["region"].get("code"):
            by_county.setdefault(r["region"]["code"], []).append(r)
    shapes, labels = [], []
    legend_n: dict[str, int] = {}
    for a in drawing.areas:
        best = chosen.get(a.code)
        score = best["scores"].get("territorial") if best else None
        band = maps.classify(score, maps.SCORE_BINS)
        cls = band.cls if band else "nodoc"
        legend_n[cls] = legend_n.get(cls, 0) + 1
        if best:
            tip = f"{a.name}: {fmt_score(score)} ({best['name']})"
            others = [o for o in by_county.get(a.code, []) if o["path"] != best["path"]]
            if others:
                tip += f"; {s(lang, 'also')}: " + ", ".join(
                    f"{o['name']} {fmt_score(o['scores'].get('territorial'))}" for o in others
                )
            labels.append({"x": a.label_x, "y": a.label_y, "text": fmt_score(score), "size": 34.0})
        else:
            tip = f"{a.name}: {s(lang, 'no_document')}"
        fill = band.colour if band else "#ececec"
        shapes.append({"code": a.code, "name": a.name, "d": a.d, "cls": cls, "fill": fill, "title": tip})
    legend = [dict(b, n=legend_n.get(b["cls"], 0)) for b in score_bins(lang)]
    legend.append({"cls": "nodoc", "colour": None, "label": s(lang, "no_document"), "n": legend_n.get("nodoc", 0)})
    return {
        "id": "lan",
        "kind": "county",
        "view_box": drawing.view_box,
        "aspect": drawing.width / drawing.height,
        "shapes": shapes,
        "labels": labels,
        "font": 34.0,
        "legend": legend,
        "title": s(lang, "county_map"),
        "hatch": 12.0,
    }


def render_comparison(comparison: dict, lang: str = "sv") -> str:
    """The batch page, from the comparison dict that compare writes as comparison.json."""
    docs = comparison["documents"]
    ranked = sorted(docs, key=lambda d: (-(d["scores"].get("overall") or -1), d["path"]))
    score_keys = comparison.get("score_keys") or ["territorial", "national_strategy", "overall"]
    first = comparison.get("indicator_titles") or {}
    ind_keys = [k for k in first if k.startswith("territorial.")]
    chosen = {c["code"]: next(d for d in docs if d["path"] == c["path"]) for c in comparison.get("counties", [])}

    def cell(v):
        band = maps.classify(v, maps.SCORE_BINS)
        return {"v": v, "cls": band.cls if band else "none"}

    rows = [
        {
            "doc": d,
            "strongest": _evidence([d["strongest_statement"]]) if d.get("strongest_statement") else [],
            "scores": [cell(d["scores"].get(k)) for k in score_keys],
            "indicators": [cell(d["indicators"].get(k)) for k in ind_keys],
        }
        for d in ranked
    ]
    matrices = [
        {"doc": d, "matrix": matrix(d.get("geography_matrix"), lang)} for d in ranked if d.get("geography_matrix")
    ]
    return _render(
        "comparison.html.j2",
        lang=lang,
        s=lambda key, **kw: s(lang, key, **kw),
        c=comparison,
        rows=rows,
        score_names=[_score_name(k, {}, lang) for k in score_keys],
        ind_names=[title(first[k], lang) for k in ind_keys],
        map=county_map(docs, chosen, lang),
        matrices=[m for m in matrices if m["matrix"]],
        score_bins=score_bins(lang),
        tool_version=comparison["tool_version"],
        rules_version=comparison["rules_version"],
        schema_version=comparison["schema_version"],
    )
