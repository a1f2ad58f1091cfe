"""`--region` as a user types it: resolved to a county, with help when it is not one.

- A county code, name or alias resolves quietly (any case, with or without å ä ö).
- A municipality name resolves to its county with a one-line hint naming the county
  (`Umeå` is a municipality in Västerbottens län), unless the county carries the same
  bare name (`Uppsala`, `Kalmar`), where the county is what anyone means.
- Anything else is an error naming the option, with the nearest county as a suggestion.
- After the analysis, a text that plainly names another county's municipalities and none
  of the given county's gets a warning naming that county.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..errors import RusauditError
from .gazetteer import Gazetteer, Place, _bare_county

OPTION = "--region"
# A text is "plainly about" another county when it names at least this many distinct
# municipalities there and none in the given county.
PLAINLY = 3


class RegionError(RusauditError):
    """A `--region` value that is not a county; the line names the option, not a file."""

    def __init__(self, message: str, option: str = OPTION):
        super().__init__(message, option)


@dataclass(frozen=True)
class Resolved:
    county: Place
    hint: str | None = None  # one line for the user when the value was not a county name


def _fold(text: str) -> str:
    """Lower case without diacritics or extra spaces: "Västerbotten" ~ "vasterbotten"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ").split())


def county_label(county: Place) -> str:
    return f"{county.name} ({county.code})"


def _county_forms(gz: Gazetteer) -> dict[str, Place]:
    forms: dict[str, Place] = {}
    for words, bucket in gz.forms.items():
        for p in bucket:
            if p.kind == "county":
                forms.setdefault(_fold(" ".join(words)), p)
    for c in gz.counties:
        forms.setdefault(_fold(c.name), c)
        forms.setdefault(_fold(_bare_county(c.name)), c)
    return forms


def _municipalities(gz: Gazetteer) -> dict[str, Place]:
    return {_fold(m.name): m for m in gz.municipalities}


def resolve_region(query: str, gz: Gazetteer, option: str = OPTION) -> Resolved:
    """The county meant by `query`; raises RegionError with a suggestion when there is none."""
    q = query.strip()
    if not q:
        raise RegionError("empty value: give an SCB county code (01-25) or a county name", option)
    if q.isdigit():
        county = gz.places.get(f"lan:{int(q):02d}")
        if county is None:
            codes = ", ".join(sorted(c.code or "" for c in gz.counties))
            raise RegionError(f"no county has the SCB code '{q}' (codes: {codes})", option)
        return Resolved(county)
    folded = _fold(q)
    counties = _county_forms(gz)
    if folded in counties:
        return Resolved(counties[folded])
    munis = _municipalities(gz)
    if folded in munis:
        muni = munis[folded]
        county = gz.places[f"lan:{muni.counties[0]}"]
        if _fold(_bare_county(county.name)) == folded:
            return Resolved(county)
        hint = (
            f"{option}: {muni.name} is a municipality in {county.name}; auditing for {county.name} "
            f"(write {option} {county.code} or {option} {_bare_county(county.name)})"
        )
        return Resolved(county, hint)
    raise RegionError(f"unknown county '{q}'{suggestion(q, gz, option)}", option)


def suggestion(query: str, gz: Gazetteer, option: str = OPTION) -> str:
    """`; did you mean Västerbotten (--region 24)?` for the nearest county, or ''."""
    folded = _fold(query)
    counties = _county_forms(gz)
    munis = _municipalities(gz)
    names = {**{k: v for k, v in munis.items()}, **counties}  # a county form wins a tie
    close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.75)
    if not close:
        bare = {_fold(_bare_county(c.name)): c for c in gz.counties}
        hits = [c for k, c in bare.items() if folded and (folded in k or k in folded)]
        if len(hits) != 1:
            return " (give an SCB county code 01-25 or a county name such as Västerbotten)"
        county = hits[0]
    else:
        place = names[close[0]]
        county = place if place.kind == "county" else gz.places[f"lan:{place.counties[0]}"]
    how = f"{option} {county.code}" if option.startswith("-") else f'{option} = "{county.code}"'
    return f"; did you mean {_bare_county(county.name)} ({how})?"


def other_county(sentences, county: Place, gz: Gazetteer, option: str = OPTION) -> str | None:
    """A warning when the text names another county's municipalities and none of `county`'s."""
    named: dict[str, set[str]] = {}
    for s in sentences:
        for h in s.places:
            p = h.place
            if p.kind == "municipality" and p.counties:
                named.setdefault(p.counties[0], set()).add(p.id)
    if named.get(county.code or ""):
        return None
    counts = Counter({code: len(ids) for code, ids in named.items()})
    if not counts:
        return None
    (code, n), *rest = counts.most_common()
    if n < PLAINLY or (rest and rest[0][1] == n):
        return None
    other = gz.places[f"lan:{code}"]
    total = len(gz.municipalities_in(code))
    return (
        f"{option} {county.name}: the text names {n} of the {total} municipalities in {other.name} and none "
        f"in {county.name}; is it about {other.name} ({option} {other.code})?"
    )
