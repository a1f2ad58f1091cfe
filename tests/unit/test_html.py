"""HTML reports: self-contained, escaped, one map shape per area, Swedish and English."""

import re

import pytest

from rusaudit.api import Options, audit, audit_document
from rusaudit.batch import Item, choose_per_county, comparison, region_from_filename
from rusaudit.extract.model import Block, Document, Page
from rusaudit.report import html

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def mellan(corpus):
    return audit(str(corpus / "24-vasterbotten-mellan.pdf"))


@pytest.fixture(scope="module")
def hostile():
    """A strategy whose text and file name try to inject markup."""
    text = [
        f"Umeå och Skellefteå ska växa längs kusten {SCRIPT} och i inlandet.",
        'Vi satsar på Lycksele <img src=x onerror="alert(2)"> och på landsbygden & glesbygden.',
    ]
    doc = Document('<b>"strategi"</b>.txt', "0" * 64, "txt", [Page(1, [Block("Vision"), Block(" ".join(text))])])
    return audit_document(doc, Options(region="24"))


def map_svg(page: str, map_id: str) -> str:
    start = page.index(f'id="map-{map_id}"')
    return page[start : page.index("</svg>", start)]


def test_report_is_self_contained(mellan):
    page = html.render(mellan)
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "<script" not in page.lower()
    assert not re.search(r"<link|<img|@import|src=|url\((?!#)", page)
    # The only URL is the SVG namespace, an identifier, not a request.
    assert set(re.findall(r"https?://[^\"' )]+", page)) == {"http://www.w3.org/2000/svg"}


def test_municipality_map_has_one_shape_per_municipality(mellan):
    svg = map_svg(html.render(mellan), "kommun-24")
    shapes = re.findall(r'<path class="area ([a-z0-9]+)" data-code="(\d{4})"', svg)
    assert len(shapes) == 15 == len({code for _, code in shapes})
    never = sorted(code for cls, code in shapes if cls == "never")
    assert len(never) == len(mellan.coverage["missing"]) == 9
    assert 'fill="url(#hatch-kommun-24)"' in svg  # never named: hatched, and outlined in red by CSS
    assert re.search(r"<title>Umeå: \d+ gånger</title>", svg)
    assert "<title>Bjurholm: aldrig nämnd</title>" in svg


def test_report_shows_gauges_checklist_and_evidence_with_pages(mellan):
    page = html.render(mellan)
    assert page.count('<div class="gauge">') == len(mellan.scores)
    assert "Nationella strategin – checklista" in page
    assert re.search(r'<span class="page">s\. \d+</span>', page)
    assert "<mark>Umeå</mark>" in page
    assert "Kommuner som aldrig nämns (9 av 15)" in page


def test_report_in_english(mellan):
    page = html.render(mellan, "en")
    assert '<html lang="en">' in page
    assert "Municipalities never named (9 of 15)" in page and "<title>Bjurholm: never named</title>" in page
    assert "checklista" not in page


def test_document_text_is_escaped(hostile):
    page = html.render(hostile)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page
    assert "&lt;b&gt;&#34;strategi&#34;&lt;/b&gt;.txt" in page
    assert "landsbygden &amp; glesbygden" in page


def test_unknown_region_has_no_map_but_a_note():
    doc = Document("x.txt", "1" * 64, "txt", [Page(1, [Block("Vi satsar på landsbygden och kusten.")])])
    page = html.render(audit_document(doc))
    assert 'class="map"' not in page and "Regionen är okänd" in page


def test_matrix_and_collaboration_render_when_present():
    data = {
        "rows": ["place.municipality", "geo.landsbygd"],
        "columns": ["challenges", "vision_goals"],
        "cells": [{"row": "place.municipality", "column": "challenges", "count": 4, "evidence": []}],
        "blind": ["vision_goals"],
    }
    m = html.matrix(data, "sv")
    assert [h["blind"] for h in m["head"]] == [False, True]
    assert [c["n"] for c in m["rows"][0]["cells"]] == [4, 0]
    assert html.matrix(None, "sv") is None and html.matrix({"rows": []}, "sv") is None
    collab = html.collaboration({"levels": {"2": 3, "7": 1}, "highest_level": 7, "actors": []}, "en")
    assert [s["count"] for s in collab["steps"]] == [0, 3, 0, 0, 0, 0, 1, 0]
    assert collab["highest"] == "7 Cooperate" and collab["steps"][6]["highest"]
    assert html.collaboration(None, "sv") is None


def test_gauge_arcs():
    assert html.gauge(None, "x")["arc"] is None
    assert html.gauge(0, "x")["arc"] is None
    assert html.gauge(100, "x")["arc"].endswith("90.00 50.00")  # the full half circle
    assert html.gauge(50, "x")["arc"].endswith("50.00 10.00")  # straight up


def test_segments_mark_every_matched_word():
    segs = html.segments("Umeå och Skellefteå växer; umeå igen.", "Umeå, Skellefteå")
    assert [t for t, hit in segs if hit] == ["Umeå", "Skellefteå", "umeå"]
    assert "".join(t for t, _ in segs) == "Umeå och Skellefteå växer; umeå igen."


def test_region_from_filename():
    assert region_from_filename("corpus/24-vasterbotten-mellan.pdf") == "24"
    assert region_from_filename("RUS Västra Götaland 2021.pdf") == "14"
    assert region_from_filename("dalarnas-strategi.pdf") == "20"
    assert region_from_filename("region-gotland.pdf") == "09"
    assert region_from_filename("2024-strategi.pdf") is None  # a year, not a county code
    assert region_from_filename("99-okand.pdf") is None
    assert region_from_filename("strategi.pdf") is None


def test_county_choice_is_best_territorial_then_overall_then_path():
    def doc(path, code, terr, overall):
        return {"path": path, "region": {"code": code}, "scores": {"territorial": terr, "overall": overall}}

    docs = [
        doc("b.pdf", "24", 61.0, 60.0),
        doc("a.pdf", "24", 100.0, 90.0),
        doc("c.pdf", "24", 100.0, 95.0),
        doc("d.pdf", "12", None, None),
        doc("e.pdf", "12", 0.0, 10.0),
        doc("f.pdf", None, 100.0, 100.0),
    ]
    best = choose_per_county(docs)
    assert {k: v["path"] for k, v in best.items()} == {"24": "c.pdf", "12": "e.pdf"}
    tie = choose_per_county([doc("z.pdf", "24", 50.0, 50.0), doc("y.pdf", "24", 50.0, 50.0)])
    assert tie["24"]["path"] == "y.pdf"


def test_comparison_page_has_21_counties_and_escapes(mellan, hostile):
    items = [Item("b/mellan.pdf", mellan), Item('a/<b>"strategi"</b>.txt', hostile), Item("c/trasig.pdf", error=SCRIPT)]
    data = comparison(items)
    assert [d["path"] for d in data["documents"]] == ['a/<b>"strategi"</b>.txt', "b/mellan.pdf"]
    assert data["errors"] == [{"path": "c/trasig.pdf", "reason": SCRIPT}]
    page = html.render_comparison(data)
    svg = map_svg(page, "lan")
    shapes = re.findall(r'<path class="area ([a-z0-9]+)" data-code="(\d\d)"', svg)
    assert len(shapes) == 21 == len({c for _, c in shapes})
    assert sum(1 for cls, _ in shapes if cls == "nodoc") == 20
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "ingen strategi i underlaget" in page
