"""User-facing texts of the gate and the diff, Swedish (default) and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "sv": {
        "overall": "Totalt",
        "score_ok": "{title} {actual} ≥ {expected}",
        "score_low": "{title} {actual} < {expected} (min_score.{dim})",
        "score_none": "{title} kunde inte beräknas (min_score.{dim})",
        "weakest": "svagast: {items}",
        "rule_found": "{title} finns i texten ({matches}{pages})",
        "rule_missing": "{title} ({id}) saknas i texten",
        "area_found": "Strategiskt område {title} finns i texten ({matches}{pages})",
        "area_missing": "Strategiskt område saknas: {title} ({id})",
        "pages": ", först s. {pages}",
        "match": "träff",
        "matches": "träffar",
        "known": "{message} – fanns redan i baslinjen",
        "within_tolerance": "{message} – inom toleransen mot baslinjen ({baseline})",
        "base_score_ok": "{title} {actual} (baslinje {baseline}, tolerans {tolerance})",
        "base_score_drop": "{title} sjönk från {baseline} till {actual} ({delta}, tolerans {tolerance})",
        "base_rule_kept": "{title} finns kvar",
        "base_rule_lost": "{title} ({id}) fanns i baslinjen men saknas nu",
        "page_blind": "s. {page}: sidan nämner ingen plats eller geografityp",
        "pages_blind": "Sidor utan geografisk referens: {pages}",
        "pass": "GODKÄND",
        "fail": "UNDERKÄND",
        "warn": "VARNING",
        "error": "FEL",
        "no_config": "ingen konfiguration (rusaudit.toml eller [tool.rusaudit] saknas): inga grindar",
        "config": "konfiguration: {path}",
        "baseline_unchanged": "oförändrad sedan baslinjen",
        "baseline_changed": "jämförd med baslinjen",
        "baseline_new": "ny: finns inte i baslinjen, absoluta grindar gäller",
        "rules_kept": "{n} regler från baslinjen finns kvar",
        "summary": "{failed} av {total} dokument underkända, {warned} med varningar, {errors} kunde inte läsas",
        "baseline_written": "baslinje skriven: {path} ({n} dokument)",
        "scores": "Poäng",
        "before": "Före",
        "after": "Efter",
        "change": "Förändring",
        "places_gained": "Nya platser",
        "places_lost": "Platser som inte längre nämns",
        "rules_gained": "Regler som nu uppfylls",
        "rules_lost": "Regler som inte längre uppfylls",
        "municipalities": "Kommuner som nämns",
        "none": "inga",
        "rules_differ": "Regeluppsättningarna skiljer sig ({old} → {new}): poängen är inte helt jämförbara.",
        "region_differs": "Regionen skiljer sig: {old} → {new}.",
        "no_changes": "Inga förändringar i poäng, platser eller regler.",
    },
    "en": {
        "overall": "Overall",
        "score_ok": "{title} {actual} ≥ {expected}",
        "score_low": "{title} {actual} < {expected} (min_score.{dim})",
        "score_none": "{title} could not be computed (min_score.{dim})",
        "weakest": "weakest: {items}",
        "rule_found": "{title} is in the text ({matches}{pages})",
        "rule_missing": "{title} ({id}) is missing from the text",
        "area_found": "Strategic area {title} is in the text ({matches}{pages})",
        "area_missing": "Strategic area missing: {title} ({id})",
        "pages": ", first on p. {pages}",
        "match": "match",
        "matches": "matches",
        "known": "{message} – already so in the baseline",
        "within_tolerance": "{message} – within the tolerance of the baseline ({baseline})",
        "base_score_ok": "{title} {actual} (baseline {baseline}, tolerance {tolerance})",
        "base_score_drop": "{title} dropped from {baseline} to {actual} ({delta}, tolerance {tolerance})",
        "base_rule_kept": "{title} is still there",
        "base_rule_lost": "{title} ({id}) was in the baseline but is missing now",
        "page_blind": "p. {page}: the page names no place or geography type",
        "pages_blind": "Pages without a geographic reference: {pages}",
        "pass": "PASS",
        "fail": "FAIL",
        "warn": "WARN",
        "error": "ERROR",
        "no_config": "no configuration (no rusaudit.toml or [tool.rusaudit]): no gates",
        "config": "configuration: {path}",
        "baseline_unchanged": "unchanged since the baseline",
        "baseline_changed": "compared with the baseline",
        "baseline_new": "new: not in the baseline, absolute gates apply",
        "rules_kept": "{n} rules from the baseline are still satisfied",
        "summary": "{failed} of {total} documents failed, {warned} with warnings, {errors} could not be read",
        "baseline_written": "baseline written: {path} ({n} documents)",
        "scores": "Scores",
        "before": "Before",
        "after": "After",
        "change": "Change",
        "places_gained": "Places gained",
        "places_lost": "Places no longer named",
        "rules_gained": "Rules now satisfied",
        "rules_lost": "Rules no longer satisfied",
        "municipalities": "Municipalities named",
        "none": "none",
        "rules_differ": "The rule sets differ ({old} → {new}): scores do not fully compare.",
        "region_differs": "The region differs: {old} → {new}.",
        "no_changes": "No changes in scores, places or rules.",
    },
}


def t(lang: str, key: str, **kw) -> str:
    text = STRINGS.get(lang, STRINGS["sv"]).get(key) or STRINGS["sv"][key]
    return text.format(**kw) if kw else text


def fmt(value: float | None) -> str:
    """A score with one decimal, as reports print them (report.i18n.fmt_score: one rounding rule)."""
    from ..report.i18n import fmt_score

    return fmt_score(value)


def fmt_limit(value: float) -> str:
    return f"{value:g}"


def fmt_pages(pages: list[int], limit: int = 8) -> str:
    """`1–3, 7` style page lists, capped."""
    runs: list[str] = []
    ps = sorted(set(pages))
    i = 0
    while i < len(ps):
        j = i
        while j + 1 < len(ps) and ps[j + 1] == ps[j] + 1:
            j += 1
        runs.append(str(ps[i]) if i == j else f"{ps[i]}–{ps[j]}")
        i = j + 1
    if len(runs) > limit:
        return ", ".join(runs[:limit]) + ", …"
    return ", ".join(runs)
