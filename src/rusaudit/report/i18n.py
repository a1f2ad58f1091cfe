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
        "locality_named": "Tätort som strategin nämner",
        "locality_other": "Annan tätort (SCB 2020)",
        "inhabitants": "inv.",
        "all_named": "Alla kommuner i regionen nämns.",
        "missing": "Saknas",
        "missing_ns": "Saknas i texten (nationella strategin)",
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
        "verdict": "Bedömning",
        "verdict_named": "namngiven",
        "verdict_treated": "behandlad",
        "verdict_touched": "berörd",
        "verdict_absent": "saknas",
        "checklist": "Nationella strategin – checklista",
        "of": "av",
        "municipality": "kommun",
        "county": "län",
        "subregion": "delregion",
        "locality": "ort",
        "landscape": "landskap",
        "foreign": "utlandet",
        "fa_region": "FA-region",
        "infrastructure": "infrastruktur",
        "eu_region": "EU-region",
        "report_title": "rusaudit – granskning av regional utvecklingsstrategi",
        "none": "inga",
        # rusaudit rules list|validate|test|explain
        "rules_title": "Regler",
        "rules_id": "Id",
        "rules_dimension": "Dimension",
        "rules_weight": "Vikt",
        "rules_name": "Titel",
        "rules_list_summary": "regler: {rules}, regeluppsättningar: {dims}, regelversion: {version}",
        "rules_validate_summary": "filer: {files}, regler: {rules}, fel: {errors}, varningar: {warnings}",
        "rules_test_summary": "regler: {rules}, exempel: {examples}, fel: {failures}",
        "rules_group": "Grupp",
        "rules_source": "Källa",
        "rules_file": "Fil",
        "rules_description": "Beskrivning",
        "rules_looks_for": "Letar efter",
        "other_genre": "läses inte som en regional utvecklingsstrategi (få av vision, mål, prioriteringar, "
        "genomförande, uppföljning bland rubrikerna): poängen är kalibrerade för utvecklingsstrategier",
        "rules_unless": "Räknas inte inom (fel betydelser)",
        "rules_near": "bara med {what} inom {window} ord",
        "rules_near_group": "en regel i gruppen {group}",
        "rules_kinds": "läser block av slagen",
        "rules_informative": "Informativ: visas, men räknas inte i poängen",
        "rules_used_by": "Används av",
        "rules_match": "Exempel som ska träffa",
        "rules_no_match": "Exempel som inte ska träffa",
        "rules_term": "alla böjningar",
        "rules_term_words": "varje ord i alla böjningar, i följd",
        "rules_compound": "även som förled i sammansättningar",
        "rules_no_compound": "inte inuti sammansättningar",
        "rules_head": "även som efterled i sammansättningar",
        "rules_except": "utom ord som börjar med",
        "rules_phrase": "exakt dessa ord i följd, oavsett versaler",
        "rules_regex": "reguljärt uttryck, oavsett versaler, med tidsgräns",
        "rules_theme": "tema",
        "rules_own_indicator": "egen indikator i dimensionen {dim}; poäng {scoring}",
        "rules_explicit_cue": "markör för uttrycklig samordning i dimensionen {dim}",
        "rules_unused": "ingen indikator nämner regeln eller gruppen {group} i sina parametrar; "
        "dimensionens mått kan ändå läsa den direkt",
        "rules_measure": "mått",
        "rules_scoring": "Poängsättning",
        "rules_params": "Parametrar",
        "rules_uses": "Använder regler",
        "rules_indicator": "Indikator",
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
        "locality_named": "Locality the strategy names",
        "locality_other": "Other locality (SCB 2020)",
        "inhabitants": "inhabitants",
        "all_named": "Every municipality in the region is named.",
        "missing": "Missing",
        "missing_ns": "Absent from the text (national strategy)",
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
        "verdict": "Verdict",
        "verdict_named": "named",
        "verdict_treated": "treated",
        "verdict_touched": "touched",
        "verdict_absent": "absent",
        "checklist": "National strategy – checklist",
        "of": "of",
        "municipality": "municipality",
        "county": "county",
        "subregion": "sub-region",
        "locality": "locality",
        "landscape": "province",
        "foreign": "abroad",
        "fa_region": "FA region",
        "infrastructure": "infrastructure",
        "eu_region": "EU region",
        "report_title": "rusaudit – audit of a regional development strategy",
        "none": "none",
        # rusaudit rules list|validate|test|explain
        "rules_title": "Rules",
        "rules_id": "Id",
        "rules_dimension": "Dimension",
        "rules_weight": "Weight",
        "rules_name": "Title",
        "rules_list_summary": "rules: {rules}, rule sets: {dims}, rules version: {version}",
        "rules_validate_summary": "files: {files}, rules: {rules}, errors: {errors}, warnings: {warnings}",
        "rules_test_summary": "rules: {rules}, examples: {examples}, failures: {failures}",
        "rules_group": "Group",
        "rules_source": "Source",
        "rules_file": "File",
        "rules_description": "Description",
        "rules_looks_for": "Looks for",
        "other_genre": "does not read like a regional development strategy (few of vision, goals, priorities, "
        "implementation, follow-up among its headings): the scores are calibrated for development strategies",
        "rules_unless": "Does not count inside (wrong senses)",
        "rules_near": "only with {what} within {window} words",
        "rules_near_group": "a rule of group {group}",
        "rules_kinds": "reads blocks of kinds",
        "rules_informative": "Informative: shown, not counted in the scores",
        "rules_used_by": "Used by",
        "rules_match": "Examples that must match",
        "rules_no_match": "Examples that must not match",
        "rules_term": "every inflection",
        "rules_term_words": "each word in every inflection, in sequence",
        "rules_compound": "also as the first part of compounds",
        "rules_no_compound": "not inside compounds",
        "rules_head": "also as the last part of compounds",
        "rules_except": "except words starting with",
        "rules_phrase": "exactly these words in sequence, any case",
        "rules_regex": "regular expression, any case, with a timeout",
        "rules_theme": "theme",
        "rules_own_indicator": "an indicator of its own in dimension {dim}; score {scoring}",
        "rules_explicit_cue": "cue for explicit coordination in dimension {dim}",
        "rules_unused": "no indicator names the rule or its group {group} in its params; "
        "the dimension's measures may still read it directly",
        "rules_measure": "measure",
        "rules_scoring": "Scoring",
        "rules_params": "Parameters",
        "rules_uses": "Uses rules",
        "rules_indicator": "Indicator",
    },
}
LANGS = tuple(STRINGS)


def t(lang: str, key: str) -> str:
    return STRINGS.get(lang, STRINGS["sv"]).get(key, key)


def title(obj: dict[str, str], lang: str) -> str:
    return obj.get(lang) or obj.get("sv") or ""


def fmt_value(value: float | None, indicator_id: str) -> str:
    """An indicator's value: counts as integers, shares as percentages, rates with one decimal."""
    if value is None:
        return "–"
    if indicator_id.endswith(("coverage", "statements", "spread", "element_geography")):
        return f"{fmt_number(100 * value)} %"
    return fmt_number(value)


def fmt_number(value: float) -> str:
    """One decimal by the one rounding rule (rusaudit.numbers); whole numbers without one."""
    from ..numbers import round_half_up

    rounded = round_half_up(value, 1)
    return f"{rounded:.0f}" if rounded.is_integer() else f"{rounded:.1f}"


def fmt_score(score: float | None) -> str:
    """A score (0-100) as every output prints it: one decimal (59.25 -> 59.3)."""
    from ..numbers import round_half_up

    return "–" if score is None else f"{round_half_up(score, 1):.1f}"
