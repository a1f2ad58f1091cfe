"""The Markdown report: fits a wiki page or a pull-request comment."""

from __future__ import annotations

from .i18n import fmt_score, fmt_value, t, title
from .model import Report
from .summary import clip, summarize


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
        out.append(f"{t(lang, 'region')}: {region['name']} ({region['code']}, {how})")
    else:
        out.append(f"{t(lang, 'region')}: {t(lang, 'unknown_region')}")
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
            where = f"{t(lang, 'page')} {ev.page}: {_cell(clip(ev.sentence, 140))}" if ev else ""
            if i.error:
                where = f"{t(lang, 'not_computed')}: {i.error}"
            score = fmt_score(None if i.score is None else 100 * i.score)
            out.append(f"| {title(i.title, lang)} | {fmt_value(i.value, i.id)} | {score} | {where} |")
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
            ", ".join(s.never_named) or t(lang, "all_named"),
        ]
    out += ["", f"## {t(lang, 'checklist')}", "", f"| | {t(lang, 'found')} | {t(lang, 'count')} |", "|---|---|---:|"]
    for n in report.national_strategy:
        out.append(f"| {title(n['title'], lang)} | {t(lang, 'yes') if n['found'] else t(lang, 'no')} | {n['count']} |")
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
            out.append(f"| {p.name} | {t(lang, p.kind)} | {inside} | {p.count} | {pages} |")
    if report.warnings:
        out += ["", f"## {t(lang, 'warnings')}", ""] + [f"- {_cell(w)}" for w in report.warnings]
    return "\n".join(out) + "\n"
