"""`rusaudit schema` validates every JSON output; `rusaudit init` starts the settings;
accepted findings in the baseline silence one finding (issue 13)."""

from __future__ import annotations

import json
import shutil

import pytest
from draftmaker import draft
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from rusaudit.cli import app

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args))


def validate(name: str, data) -> None:
    schema = json.loads(cli("schema", name).stdout)
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize("name", ["report", "comparison", "check", "baseline"])
def test_schema_prints_a_draft_2020_12_schema(name):
    r = cli("schema", name)
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_unknown_schema_is_a_usage_error():
    r = cli("schema", "nope")
    assert r.exit_code == 2


def test_every_scan_report_matches_the_report_schema(corpus, tmp_path):
    md = draft(tmp_path / "rus.md")
    with md.open("a", encoding="utf-8") as fh:
        fh.write("\n<!-- rusaudit-disable -->\nRegionplanen ska följas.\n<!-- rusaudit-enable -->\n")
    files = [str(corpus / "24-vasterbotten-mellan.pdf"), str(corpus / "12-skane.pdf"), str(md)]
    r = cli("scan", *files, "-f", "json", "--pages", "1-3")
    reports = json.loads(r.stdout)
    assert len(reports) == 3 and any(rep["excluded"] for rep in reports)
    for report in reports:
        validate("report", report)
    nowhere = tmp_path / "nowhere.txt"
    nowhere.write_text("Vi ska samarbeta mer och bättre.\n", encoding="utf-8")
    report = json.loads(cli("scan", str(nowhere), "-f", "json").stdout)
    assert report["region"]["code"] is None and report["warnings"]
    validate("report", report)


def test_a_report_with_a_stray_key_fails_its_schema(corpus):
    report = json.loads(cli("scan", str(corpus / "24-vasterbotten-generisk.pdf"), "-f", "json").stdout)
    report["document"]["colour"] = "blue"
    schema = json.loads(cli("schema", "report").stdout)
    assert list(Draft202012Validator(schema).iter_errors(report))


def test_comparison_matches_its_schema(corpus, tmp_path):
    bad = tmp_path / "in" / "trasig.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.7 trasig")
    shutil.copy(corpus / "20-dalarna.pdf", tmp_path / "in")
    r = cli("compare", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert r.exit_code == 1
    data = json.loads((tmp_path / "out" / "comparison.json").read_text(encoding="utf-8"))
    assert data["errors"] and data["documents"]
    validate("comparison", data)
    validate("report", json.loads(next((tmp_path / "out" / "reports").glob("*.json")).read_text(encoding="utf-8")))


def test_check_and_baseline_match_their_schemas(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft(tmp_path / "rus.md")
    (tmp_path / "rusaudit.toml").write_text(
        '[min_score]\noverall = 10\n[rule_levels]\n"territorial.maps" = "error"\n', encoding="utf-8"
    )
    written = cli("check", "rus.md", "--write-baseline", "base.json")
    assert written.exit_code == 0
    validate("baseline", json.loads((tmp_path / "base.json").read_text(encoding="utf-8")))
    r = cli("check", "rus.md", "missing.md", "--baseline", "base.json", "-f", "json", "--timestamps", "-v")
    data = json.loads(r.stdout)
    assert data["errors"] and data["documents"][0]["baseline"] == "unchanged"
    assert data["generated_at"].endswith("Z") and "rus.md: 4 p, " in r.stderr
    validate("check", data)


def test_an_accepted_finding_in_the_baseline_is_a_note_not_a_failure(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft(tmp_path / "rus.md")
    settings = 'tolerance = 100\n[rule_levels]\n"territorial.maps" = "error"\n'
    (tmp_path / "rusaudit.toml").write_text(settings, encoding="utf-8")
    cli("check", "rus.md", "--write-baseline", "base.json")
    draft(tmp_path / "rus.md", map=False)  # the next version loses its map
    lost = cli("check", "rus.md", "--baseline", "base.json")
    assert lost.exit_code == 1 and "✗" in lost.stdout
    base = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    base["documents"]["rus.md"]["findings"] = {"rule.territorial.maps": "kartorna ligger i en separat bilaga"}
    (tmp_path / "base.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    r = cli("check", "rus.md", "--baseline", "base.json")
    assert r.exit_code == 0, r.stdout
    assert "✗" not in r.stdout
    assert "godtaget i baslinjen: kartorna ligger i en separat bilaga" in r.stdout
    # Rewriting the baseline keeps what the user accepted.
    cli("check", "rus.md", "--write-baseline", "base.json")
    kept = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert kept["documents"]["rus.md"]["findings"] == {"rule.territorial.maps": "kartorna ligger i en separat bilaga"}
    validate("baseline", kept)
    base["documents"]["rus.md"]["findings"] = {"rule.territorial.maps": 3}
    (tmp_path / "base.json").write_text(json.dumps(base), encoding="utf-8")
    broken = cli("check", "rus.md", "--baseline", "base.json")
    assert broken.exit_code == 2 and "findings" in broken.stderr


def test_init_writes_commented_settings_from_a_draft(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(corpus / "25-norrbotten.pdf", tmp_path / "strategi.pdf")
    r = cli("init", "strategi.pdf", "--github")
    assert r.exit_code == 0, r.stderr
    toml = (tmp_path / "rusaudit.toml").read_text(encoding="utf-8")
    assert 'region = "25"   # Norrbottens län, found in strategi.pdf' in toml
    assert "# exclude_sections" in toml and "# [rule_levels]" in toml
    flow = (tmp_path / ".github" / "workflows" / "rusaudit.yml").read_text(encoding="utf-8")
    assert "rusaudit check strategi.pdf" in flow and "upload-sarif" in flow
    import yaml

    assert yaml.safe_load(flow)["jobs"]["check"]["steps"][-1]["with"]["sarif_file"] == "rusaudit.sarif"
    # The settings work as written: the gate passes today's draft.
    check = cli("check", "strategi.pdf")
    assert check.exit_code == 0 and "konfiguration: rusaudit.toml" in check.stdout
    again = cli("init")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert cli("init", "--force").exit_code == 0
    assert '# region = "24"' in (tmp_path / "rusaudit.toml").read_text(encoding="utf-8")
