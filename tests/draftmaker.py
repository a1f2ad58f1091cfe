"""Draft strategies for the gate tests: small Markdown drafts, and Word files from Markdown.

`draft(...)` writes a short Swedish draft whose parts can be left out or moved, so a
test controls exactly what the gate sees. `md_to_docx` turns Markdown (the corpus
sources included) into a .docx with real Word heading, list and caption styles.
"""

from __future__ import annotations

import re
from pathlib import Path

INTRO = (
    "Strategin utgår från den nationella strategin för hållbar regional utveckling i hela landet 2021–2030 "
    "och beskriver hur Västerbotten ska utvecklas fram till 2035. Regionen har tagit fram strategin "
    "tillsammans med kommunerna, länsstyrelsen, näringslivet och civilsamhället under två år av dialog."
)
CONDITIONS = (
    "Umeå och Skellefteå växer vid kusten, medan Lycksele, Storuman, Vilhelmina och Dorotea i inlandet "
    "har en minskande och åldrande befolkning. Landsbygden och glesbygden behöver kommersiell service, "
    "och fjällen har en växande besöksnäring som kräver bostäder för säsongsarbetare."
)
MOVABLE = (
    "Sorsele, Malå och Norsjö har långa avstånd till service, och i Åsele och Bjurholm är det svårt att "
    "rekrytera lärare och sjuksköterskor. Vindeln, Vännäs och Nordmaling ingår i Umeås arbetsmarknad "
    "och har en växande inpendling till regionens största stad vid kusten."
)
STRUCTURE = (
    "Strukturbilden visar regionens ortstruktur med noder och stråk: Umeå, Skellefteå och Lycksele är "
    "regionala noder, och stråket längs E4 vid kusten samt Blå vägen genom inlandet binder samman orterna. "
    "Robertsfors och Skellefteå har starka funktionella samband över kommungränsen."
)
ACTIONS = (
    "Vi ska arbeta för kompetensförsörjning och kompetensutveckling i hela landet genom vuxenutbildning "
    "i Lycksele och Storuman. Innovation och förnyelse samt entreprenörskap och företagande i hela landet "
    "stärks genom stöd till företag i både tätorter och landsbygd, vid kusten och i inlandet."
)


def draft_text(
    *, structure: bool = True, move: bool = False, actions: bool = True, places: bool = True, map: bool = True
) -> str:
    """A four-page Markdown draft (each `#` heading starts a page)."""
    conditions = CONDITIONS if places else "Regionen har både möjligheter och utmaningar inom många områden."
    first = [INTRO]
    second = [conditions] + ([] if move or not places else [MOVABLE])
    third = [STRUCTURE] if structure else ["Regionen ska ha en god planering av bebyggelse och transporter."]
    if map:
        third.append("Karta 1. Regionens noder och stråk.")
    fourth = ([ACTIONS] if actions else ["Vi ska arbeta med näringslivet och skolan."]) + (
        [MOVABLE] if move and places else []
    )
    parts = [
        "# Västerbotten 2035",
        *first,
        "# Förutsättningar och utmaningar",
        *second,
        "# Strukturbild" if structure else "# Bebyggelse och transporter",
        *third,
        "# Insatser",
        *fourth,
    ]
    return "\n\n".join(parts) + "\n"


def draft(path: Path, **kw) -> Path:
    path.write_text(draft_text(**kw), encoding="utf-8")
    return path


def md_to_docx(md_text: str, out: Path) -> Path:
    """Markdown headings, bullet lists, image captions and paragraphs as Word styles."""
    import docx

    d = docx.Document()
    for block in re.split(r"\n\s*\n", md_text):
        block = block.strip()
        if block.startswith("<!--") and block.endswith("-->"):
            block = ""  # a layout directive for the PDF builder: Markdown does not read it either
        if not block:
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", block)
        if m:
            d.add_heading(m.group(2), level=len(m.group(1)))
            continue
        lines = block.splitlines()
        if all(line.lstrip().startswith(("- ", "* ")) for line in lines):
            for line in lines:
                d.add_paragraph(line.lstrip()[2:].replace("**", ""), style="List Bullet")
            continue
        image = re.match(r"^!\[(.*?)\]\(.*?\)$", block)
        if image:
            d.add_paragraph(image.group(1), style="Caption")
            continue
        d.add_paragraph(" ".join(lines).replace("**", ""))
    d.save(out)
    return out


def md_to_txt(md_text: str) -> str:
    """Plain text: headings lose their marks and a form feed starts each level-1 section."""
    out = []
    for block in re.split(r"\n\s*\n", md_text):
        block = block.strip()
        if block.startswith("# ") and out:
            out.append("\f" + block[2:])
        else:
            block = re.sub(r"^!\[(.*?)\]\(.*?\)$", r"\1", block)  # an image keeps its caption
            out.append(re.sub(r"^#+\s+", "", block).replace("**", ""))
    return "\n\n".join(out) + "\n"
