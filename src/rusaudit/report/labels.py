"""Labels for the geography matrix, planning groups and the collaboration ladder."""

from __future__ import annotations

COLUMNS = {
    "challenges": {"sv": "Utmaningar", "en": "Challenges"},
    "vision_goals": {"sv": "Vision och mål", "en": "Vision and goals"},
    "strategic_choices": {"sv": "Strategiska val", "en": "Strategic choices"},
    "other": {"sv": "Övrigt", "en": "Other"},
}
ROWS = {
    "place.municipality": {"sv": "Kommuner", "en": "Municipalities"},
    "place.locality": {"sv": "Orter", "en": "Localities"},
    "place.subregion": {"sv": "Delregioner och landskap", "en": "Sub-regions and provinces"},
    "geo.storstad": {"sv": "Storstad, större stad", "en": "Metropolitan area, larger city"},
    "geo.stad": {"sv": "Städer (allmänt)", "en": "Towns and cities (general)"},
    "geo.mindre_stad_tatort": {"sv": "Mindre stad, tätort", "en": "Small town, urban settlement"},
    "geo.landsbygd": {"sv": "Landsbygd", "en": "Countryside"},
    "geo.glesbygd": {"sv": "Gles- och landsbygd, glesbygd", "en": "Sparsely populated areas"},
    "geo.kust_skargard": {"sv": "Kust, skärgård", "en": "Coast, archipelago"},
    "geo.inland_fjall": {"sv": "Inland, fjäll", "en": "Inland, mountains"},
    "geo.gransregion": {"sv": "Gränsregion", "en": "Border region"},
    "geo.funktionell_region": {"sv": "Funktionell region", "en": "Functional region"},
}
PLANNING_GROUPS = {
    "planning_law": {"sv": "Plan- och bygglagen", "en": "Planning and Building Act"},
    "transport": {"sv": "Transporter", "en": "Transport"},
    "sea": {"sv": "Hav", "en": "Sea"},
    "energy": {"sv": "Energi", "en": "Energy"},
    "defence": {"sv": "Totalförsvar", "en": "Defence"},
    "water_climate": {"sv": "Vatten och klimatanpassning", "en": "Water and climate adaptation"},
    "eu": {"sv": "EU", "en": "EU"},
}
TEXT = {
    "matrix": {"sv": "Geografimatris", "en": "Geography matrix"},
    "excluded": {"sv": "Undantaget från granskningen", "en": "Left out of the audit"},
    "blind": {"sv": "GEOGRAFIBLIND", "en": "GEOGRAPHY-BLIND"},
    "blind_line": {"sv": "Geografiblinda delar", "en": "Geography-blind parts"},
    "no_blind": {"sv": "Ingen del är geografiblind.", "en": "No part is geography-blind."},
    "sentences": {"sv": "meningar", "en": "sentences"},
    "planning": {"sv": "Koppling till andra planeringsprocesser", "en": "Links to other planning processes"},
    "group": {"sv": "Område", "en": "Area"},
    "process": {"sv": "Process", "en": "Process"},
    "explicit": {"sv": "Uttrycklig samordning", "en": "Explicit coordination"},
    "collaboration": {"sv": "Samverkansprofil", "en": "Collaboration profile"},
    "actor": {"sv": "Aktör", "en": "Actor"},
    "mentions": {"sv": "Omnämnanden", "en": "Mentions"},
    "statements": {"sv": "Samverkansmeningar", "en": "Collaboration statements"},
    "highest": {"sv": "Högsta steg", "en": "Highest step"},
    "ladder": {"sv": "Meningar per steg", "en": "Statements per step"},
    "lst_planning": {
        "sv": "Länsstyrelsen nämns tillsammans med samhällsplanering",
        "en": "County administrative board named together with spatial planning",
    },
}


def label(table: dict, key: str, lang: str) -> str:
    entry = table.get(key)
    return (entry.get(lang) or entry["sv"]) if entry else key
