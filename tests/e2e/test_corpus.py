"""End to end on the bundled corpus PDFs."""

import json

import pytest

from rusaudit.api import audit, audit_document
from rusaudit.extract import load_document

SAMPLES = ["24-vasterbotten-generisk", "24-vasterbotten-mellan", "24-vasterbotten-platsbaserad"]


@pytest.fixture(scope="module")
def reports(corpus):
    return {name: audit(str(corpus / f"{name}.pdf")) for name in SAMPLES}


def test_samples_rank_by_territorial_score_with_clear_margins(reports):
    generic, middling, place_based = (reports[n].scores["territorial"] for n in SAMPLES)
    assert generic + 25 <= middling
    assert middling + 20 <= place_based


def test_region_detected_as_vasterbotten(reports):
    for r in reports.values():
        assert r.region == {"code": "24", "name": "Västerbottens län", "detected": True}


def test_place_based_sample_names_every_municipality(reports):
    cov = reports["24-vasterbotten-platsbaserad"].coverage
    assert cov["municipalities_named"] == cov["municipalities_total"] == 15
    assert cov["missing"] == []
    generic = reports["24-vasterbotten-generisk"].coverage
    assert generic["municipalities_named"] == 0 and len(generic["missing"]) == 15


def test_every_evidence_item_points_to_a_page_and_its_sentence(reports, corpus):
    report = reports["24-vasterbotten-platsbaserad"]
    doc = load_document(str(corpus / "24-vasterbotten-platsbaserad.pdf"))
    pages = {p.number: " ".join(p.text.split()) for p in doc.pages}
    checked = 0
    for dim in report.dimensions:
        for ind in dim.indicators:
            for ev in ind.evidence:
                if ev.rule == "map":
                    continue
                assert 1 <= ev.page <= len(doc.pages)
                assert " ".join(ev.sentence.split()) in pages[ev.page]
                assert ev.match.split(",")[0].strip() in ev.sentence
                checked += 1
    assert checked > 100


def test_json_is_deterministic_and_has_the_contract_keys(corpus):
    path = str(corpus / "24-vasterbotten-mellan.pdf")
    a, b = audit(path).to_json(), audit(path).to_json()
    assert a == b
    data = json.loads(a)
    for key in (
        "schema_version",
        "tool_version",
        "rules_version",
        "document",
        "region",
        "scores",
        "dimensions",
        "places",
        "coverage",
        "national_strategy",
    ):
        assert key in data
    assert set(data["document"]) >= {"path", "sha256", "pages", "words"}
    assert set(data["scores"]) >= {"territorial", "national_strategy", "overall"}
    place = data["places"][0]
    assert set(place) >= {"name", "kind", "code", "in_region", "count", "pages"}
    ev = data["dimensions"][0]["indicators"][0]["evidence"][0]
    assert set(ev) == {"page", "sentence", "match", "rule"}


def test_longer_document_does_not_score_higher_for_length(corpus):
    doc = load_document(str(corpus / "24-vasterbotten-mellan.pdf"))
    base = audit_document(doc).scores["territorial"]
    doubled = load_document(str(corpus / "24-vasterbotten-mellan.pdf"))
    n = len(doubled.pages)
    for p in list(doubled.pages):
        doubled.pages.append(type(p)(p.number + n, list(p.blocks), list(p.figures), p.images))
    assert audit_document(doubled).scores["territorial"] <= base + 0.01
    padded = load_document(str(corpus / "24-vasterbotten-mellan.pdf"))
    generic = load_document(str(corpus / "24-vasterbotten-generisk.pdf"))
    for p in generic.pages:
        padded.pages.append(type(p)(p.number + n, list(p.blocks), [], 0))
    assert audit_document(padded).scores["territorial"] < base


def test_region_override(corpus):
    r = audit(str(corpus / "24-vasterbotten-mellan.pdf"), __import__("rusaudit.api").api.Options(region="Norrbotten"))
    assert r.region["code"] == "25" and r.region["detected"] is False
    assert r.coverage["municipalities_total"] == 14
