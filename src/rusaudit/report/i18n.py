"""Report strings in Swedish (default) and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "sv": {
        "region": "Region",
        "detected": "upptäckt i texten",
        "given": "angiven",
        "unknown_region": "okänd (ange --region)",
        "pages": "sidor",
        "words": "ord",
        "maps": "kartor",
        "scores": "Poäng",
        "overall": "Totalt",
        "indicator": "Indikator",
        "value": "Värde",
        "score": "Poäng",
        "evidence": "Starkaste belägg",
        "page": "s.",
        "never_named": "Kommuner som aldrig nämns",
        "all_named": "Alla kommuner i regionen nämns.",
        "missing": "Saknas",
        "missing_ns": "Inte funnet i texten (nationella strategin)",
        "places": "Platser som nämns",
        "place": "Plats",
        "kind": "Typ",
        "count": "Antal",
        "in_region": "I regionen",
        "yes": "ja",
        "no": "nej",
        "warnings": "Varningar",
        "not_computed": "kunde inte beräknas",
        "statements": "Platsspecifika påståenden",
        "found": "Funnet",
        "checklist": "Nationella strategin – checklista",
        "of": "av",
        "municipality": "kommun",
        "county": "län",
        "subregion": "delregion",
        "locality": "ort",
        "landscape": "landskap",
        "foreign": "utlandet",
        "fa_region": "FA-region",
        "report_title": "rusaudit – granskning av regional utvecklingsstrategi",
        "none": "inga",
    },
    "en": {
        "region": "Region",
        "detected": "detected from the text",
        "given": "given",
        "unknown_region": "unknown (use --region)",
        "pages": "pages",
        "words": "words",
        "maps": "maps",
        "scores": "Scores",
        "overall": "Overall",
        "indicator": "Indicator",
        "value": "Value",
        "score": "Score",
        "evidence": "Strongest evidence",
        "page": "p.",
        "never_named": "Municipalities never named",
        "all_named": "Every municipality in the region is named.",
        "missing": "Missing",
        "missing_ns": "Not found in the text (national strategy)",
        "places": "Places named",
        "place": "Place",
        "kind": "Kind",
        "count": "Count",
        "in_region": "In region",
        "yes": "yes",
        "no": "no",
        "warnings": "Warnings",
        "not_computed": "could not be computed",
        "statements": "Place-specific statements",
        "found": "Found",
        "checklist": "National strategy – checklist",
        "of": "of",
        "municipality": "municipality",
        "county": "county",
        "subregion": "sub-region",
        "locality": "locality",
        "landscape": "province",
        "foreign": "abroad",
        "fa_region": "FA region",
        "report_title": "rusaudit – audit of a regional development strategy",
        "none": "none",
    },
}
LANGS = tuple(STRINGS)


def t(lang: str, key: str) -> str:
    return STRINGS.get(lang, STRINGS["sv"]).get(key, key)


def title(obj: dict[str, str], lang: str) -> str:
    return obj.get(lang) or obj.get("sv") or ""


def fmt_value(value: float | None, indicator_id: str) -> str:
    if value is None:
        return "–"
    if indicator_id.endswith(("coverage", "statements", "spread", "element_geography")):
        return f"{100 * value:.0f} %"
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.1f}"


def fmt_score(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"
