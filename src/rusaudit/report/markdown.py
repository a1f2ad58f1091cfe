"""The Markdown report: fits a wiki page or a pull-request comment."""

from __future__ import annotations

from ..safetext import markdown as _cell  # document and rule text: no HTML, no links, one line
from .i18n import fmt_score, fmt_value, t
from .i18n import title as _title
from .model import Report
from .reasons import translate
from .summary import clip, summarize
from .trust import evidence_mark, ocr_note, place_name


def title(obj, lang: str) -> str:
    return _cell(_title(obj, lang))  # titles come from rule files, which come from anyone


def render(report: Report, lang: str = "sv") -> str:
    doc, region = report.document, report.region
    out = [
        f"# {t(lang, 'report_title')}",
        "",
        f"**{_cell(doc['path'])}** · {doc['pages']} {t(lang, 'pages')} · "
        f"{doc['words']} {t(lang, 'words')} · {t(lang, 'maps')}: {doc['maps']}",
    ]
    if region["code"]:
        how = t(lang, "detected") if region["detected"] else t(lang, "given")
        out.append(f"{t(lang, 'region')}: {_cell(region['name'])} ({_cell(region['code'])}, {how})")
    else:
        out.append(f"{t(lang, 'region')}: {t(lang, 'unknown_region')}")
    note = ocr_note(doc, lang)
    if note:
        out += ["", note]
    out += ["", f"## {t(lang, 'scores')}", "", f"| | {t(lang, 'score')} |", "|---|---:|"]
    for d in report.dimensions:
        out.append(f"| {title(d.title, lang)} | {fmt_score(d.score)} |")
    out.append(f"| **{t(lang, 'overall')}** | **{fmt_score(report.scores.get('overall'))}** |")
    for d in report.dimensions:
        out += [
            "",
            f"## {title(d.title, lang)} – {fmt_score(d.score)}",
            "",
            f"| {t(lang, 'indicator')} | {t(lang, 'value')} | {t(lang, 'score')} | {t(lang, 'evidence')} |",
            "|---|---:|---:|---|",
        ]
        for i in d.indicators:
            ev = i.evidence[0] if i.evidence else None
            where = ""
            if ev:
                mark = evidence_mark(ev.ocr_low_confidence)
                where = f"{t(lang, 'page')} {ev.page}{mark}: {_cell(clip(ev.sentence, 140))}"
            if i.error:
                where = f"{t(lang, 'not_computed')}: {_cell(translate(i.error, lang))}"
            score = fmt_score(None if i.score is None else 100 * i.score)
            out.append(f"| {title(i.title, lang)} | {fmt_value(i.value, i.id)} | {score} | {where} |")
    out += render_deeper(report, lang)
    s = summarize(report)
    if s.strongest:
        out += ["", f"## {t(lang, 'statements')}", ""]
        out += [
            f"- {t(lang, 'page')} {e.page} **{_cell(e.match)}**: {_cell(clip(e.sentence, 300))}" for e in s.strongest
        ]
    cov = report.coverage
    if cov["municipalities_total"]:
        out += [
            "",
            f"## {t(lang, 'never_named')} ({len(s.never_named)} {t(lang, 'of')} {cov['municipalities_total']})",
            "",
            ", ".join(_cell(n) for n in s.never_named) or t(lang, "all_named"),
        ]
    out += [
        "",
        f"## {t(lang, 'checklist')}",
        "",
        f"| | {t(lang, 'verdict')} | {t(lang, 'count')} | {t(lang, 'evidence')} |",
        "|---|---|---:|---|",
    ]
    for n in report.national_strategy:
        verdict = t(lang, f"verdict_{n.get('verdict') or ('touched' if n['found'] else 'absent')}")
        best = n["evidence"][0] if n["evidence"] else None
        shown = f"{t(lang, 'page')} {best['page']}: {_cell(clip(best['sentence'], 160))}" if best else ""
        out.append(f"| {title(n['title'], lang)} | {verdict} | {n['count']} | {shown} |")
    if report.places:
        out += [
            "",
            f"## {t(lang, 'places')}",
            "",
            f"| {t(lang, 'place')} | {t(lang, 'kind')} | {t(lang, 'in_region')} "
            f"| {t(lang, 'count')} | {t(lang, 'page')} |",
            "|---|---|---|---:|---|",
        ]
        for p in report.places:
            pages = ", ".join(str(x) for x in p.pages[:12]) + (" …" if len(p.pages) > 12 else "")
            inside = t(lang, "yes") if p.in_region else t(lang, "no")
            name = _cell(place_name(p.name, p.ocr_low_confidence, lang))
            out.append(f"| {name} | {t(lang, p.kind)} | {inside} | {p.count} | {pages} |")
    if report.excluded:
        from .labels import TEXT, label
        from .summary import excluded_lines

        out += ["", f"## {label(TEXT, 'excluded', lang)}", ""]
        out += [f"- {_cell(line)}" for line in excluded_lines(report.excluded, lang)]
    if report.warnings:
        out += ["", f"## {t(lang, 'warnings')}", ""] + [f"- {_cell(translate(w, lang))}" for w in report.warnings]
    return "\n".join(out) + "\n"


def render_deeper(report: Report, lang: str = "sv") -> list[str]:
    """Markdown for the geography matrix, planning links and collaboration profile."""
    from .labels import COLUMNS, PLANNING_GROUPS, ROWS, TEXT, label

    yes, no = t(lang, "yes"), t(lang, "no")
    out: list[str] = []
    m = report.geography_matrix
    if m:
        heads = [
            label(COLUMNS, c, lang) + (f" **{label(TEXT, 'blind', lang)}**" if c in m["blind"] else "")
            for c in m["columns"]
        ]
        counts = {(c["row"], c["column"]): c["count"] for c in m["cells"]}
        out += [
            "",
            f"## {label(TEXT, 'matrix', lang)}",
            "",
            "| | " + " | ".join(heads) + " |",
            "|---|" + "---:|" * len(heads),
        ]
        for r in m["rows"]:
            out.append(f"| {label(ROWS, r, lang)} | " + " | ".join(str(counts[(r, c)]) for c in m["columns"]) + " |")
        blind = ", ".join(label(COLUMNS, c, lang) for c in m["blind"])
        out += ["", f"**{label(TEXT, 'blind_line', lang)}: {blind}**" if blind else label(TEXT, "no_blind", lang)]
    if report.planning:
        out += [
            "",
            f"## {label(TEXT, 'planning', lang)}",
            "",
            f"| {label(TEXT, 'group', lang)} | {label(TEXT, 'process', lang)} | {t(lang, 'found')} "
            f"| {label(TEXT, 'explicit', lang)} | {t(lang, 'count')} | {t(lang, 'evidence')} |",
            "|---|---|---|---|---:|---|",
        ]
        for p in report.planning:
            ev = p["evidence"][0] if p["evidence"] else None
            where = f"{t(lang, 'page')} {ev['page']}: {_cell(clip(ev['sentence'], 140))}" if ev else ""
            out.append(
                f"| {label(PLANNING_GROUPS, p['group'] or '', lang)} | {title(p['title'], lang)} "
                f"| {yes if p['found'] else no} | {yes if p['explicit'] else no} | {p['count']} | {where} |"
            )
    c = report.collaboration
    if c:
        titles = c.get("level_titles", {})
        out += [
            "",
            f"## {label(TEXT, 'collaboration', lang)}",
            "",
            f"| {label(TEXT, 'actor', lang)} | {label(TEXT, 'mentions', lang)} "
            f"| {label(TEXT, 'statements', lang)} | {label(TEXT, 'highest', lang)} |",
            "|---|---:|---:|---|",
        ]
        for a in c["actors"]:
            level = a["highest_level"]
            step = title(titles.get(str(level), {}), lang) if level else "–"
            out.append(f"| {title(a['name'], lang)} | {a['count']} | {a['statements']} | {step} |")
        steps = " · ".join(f"{title(titles.get(k, {}), lang) or k}: {n}" for k, n in c["levels"].items())
        out += ["", f"{label(TEXT, 'ladder', lang)}: {steps}"]
        if c.get("lansstyrelsen_planning") is not None:
            out += ["", f"{label(TEXT, 'lst_planning', lang)}: {yes if c['lansstyrelsen_planning'] else no}"]
    return out
