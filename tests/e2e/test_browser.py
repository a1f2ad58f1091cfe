"""Both HTML reports rendered in a real browser (headless Debian chromium), maps checked by pixel.

Skipped only when no chromium binary is installed (.ci/run installs one).
"""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
screenshots = importlib.util.module_from_spec(spec)
spec.loader.exec_module(screenshots)

pytestmark = pytest.mark.skipif(screenshots.find_chromium() is None, reason="no chromium installed")


def colours(png: Path, box: tuple[int, int, int, int]) -> Counter:
    with Image.open(png) as im:
        region = im.convert("RGB").crop(box)
        return Counter({colour: n for n, colour in region.getcolors(maxcolors=1 << 24)})


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def shots(tmp_path_factory, corpus):
    tmp = tmp_path_factory.mktemp("shots")
    mp = pytest.MonkeyPatch()
    mp.setenv("RUSAUDIT_CACHE_DIR", str(tmp / "cache"))
    try:
        assert screenshots.main(["--out", str(tmp / "png"), "--corpus", str(corpus)]) == 0
    finally:
        mp.undo()
    return {name: tmp / "png" / f"{name}.png" for name in ("comparison", "report")}


def test_comparison_page_renders_the_county_map(shots):
    png = shots["comparison"]
    with Image.open(png) as im:
        assert im.size == screenshots.SHOTS["comparison"]
    # The map column (left 400 px): counties in the colours of their territorial scores.
    c = colours(png, (0, 0, 400, 1000))
    assert c[rgb("#1a9641")] > 5000  # 80-100: Västerbotten (best of three), Norrbotten, Skåne
    assert c[rgb("#a6d96a")] > 1000  # 60-80: Jämtland, Västra Götaland
    assert c[rgb("#d7191c")] > 1000  # 0-20: Dalarna
    assert c[rgb("#ececec")] > 5000  # the 15 counties without a strategy in the batch
    # The ranking heatmap (right of the map) has the same colours in its cells.
    assert colours(png, (400, 0, 1280, 1000))[rgb("#1a9641")] > 1000


def test_report_page_renders_the_municipality_map(shots):
    png = shots["report"]
    # The map panel of 24-vasterbotten-mellan (left half, below the gauges).
    c = colours(png, (0, 200, 640, 900))
    assert c[rgb("#b2182b")] > 300  # never named: red hatching and outline (9 municipalities)
    assert c[rgb("#6baed6")] > 1000  # named 2-4 times
    assert c[rgb("#2171b5")] > 1000  # named 5-9 times (Umeå, Skellefteå)
    # The gauges above the map are drawn too (a score band colour in the top strip).
    top = colours(png, (0, 60, 1280, 200))
    assert top[rgb("#7cc24a")] + top[rgb("#1a9641")] + top[rgb("#e3d44a")] > 500
