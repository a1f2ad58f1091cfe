"""`rusaudit check` as CI meets it: exit codes, formats, determinism, baselines, drafts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import docx
import pytest
from draftmaker import draft, md_to_docx, md_to_txt
from typer.testing import CliRunner

from rusaudit.cli import app

# The example configuration of docs/ci.md.
EXAMPLE = """\
region = "24"

[min_score]
territorial = 50
overall = 40

[rule_levels]
"territorial.spatial.strukturbild" = "warn"
"territorial.maps" = "error"
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "rusaudit.toml").write_text(EXAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args):
    return CliRunner().invoke(app, ["check", *args])


@pytest.fixture(scope="module")
def sources(corpus):
    return {
        "pass": (corpus / "src" / "24-vasterbotten-platsbaserad.md").read_text(encoding="utf-8"),
        "fail": (corpus / "src" / "24-vasterbotten-generisk.md").read_text(encoding="utf-8"),
    }


def make(fmt: str, verdict: str, folder, corpus, sources):
    """A passing (place-based) or failing (geography-blind) draft in one format."""
    name = f"rus-{verdict}.{fmt}"
    text = sources[verdict]
    path = folder / name
    if fmt == "pdf":
        stem = "platsbaserad" if verdict == "pass" else "generisk"
        shutil.copy(corpus / f"24-vasterbotten-{stem}.pdf", path)
    elif fmt == "md":
        path.write_text(text, encoding="utf-8")
    elif fmt == "txt":
        path.write_text(md_to_txt(text), encoding="utf-8")
    else:
        md_to_docx(text, path)
    return name


@pytest.mark.parametrize("fmt", ["pdf", "md", "txt", "docx"])
def test_passing_and_failing_drafts_in_each_format(repo, corpus, sources, fmt):
    good = make(fmt, "pass", repo, corpus, sources)
    bad = make(fmt, "fail", repo, corpus, sources)
    ok = check(good)
    assert ok.exit_code == 0, ok.output
    assert f"{good}: GODKÄND" in ok.stdout
    assert re.search(r"✓ Territoriell specificitet (9\d|100)\.\d ≥ 50", ok.stdout)
    assert "✓ Kartor finns i texten" in ok.stdout
    failed = check(good, bad)
    assert failed.exit_code == 1
    assert f"{bad}: UNDERKÄND" in failed.stdout
    assert "✗ Territoriell specificitet 0.0 < 50 (min_score.territorial)" in failed.stdout
    assert "✗ Kartor (territorial.maps) saknas i texten" in failed.stdout
    assert "! Strukturbild (territorial.spatial.strukturbild) saknas i texten" in failed.stdout
    assert "1 av 2 dokument underkända" in failed.stdout


def test_corpus_samples_with_the_example_configuration(repo, corpus):
    names = []
    for grade in ("generisk", "mellan", "platsbaserad"):
        shutil.copy(corpus / f"24-vasterbotten-{grade}.pdf", repo)
        names.append(f"24-vasterbotten-{grade}.pdf")
    r = check(*names)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0] == "rusaudit check · konfiguration: rusaudit.toml"
    assert any(line.startswith("24-vasterbotten-generisk.pdf: UNDERKÄND") for line in lines)
    assert any(line.startswith("24-vasterbotten-mellan.pdf: VARNING") for line in lines)
    assert any(line.startswith("24-vasterbotten-platsbaserad.pdf: GODKÄND") for line in lines)
    assert "      Sidor utan geografisk referens: 1–13" in lines
    assert [check(n).exit_code for n in names] == [1, 0, 0]  # a warning alone does not fail


def test_english_messages(repo, corpus):
    shutil.copy(corpus / "24-vasterbotten-generisk.pdf", repo / "g.pdf")
    r = check("g.pdf", "--lang", "en")
    assert "g.pdf: FAIL" in r.stdout and "Territorial specificity 0.0 < 50" in r.stdout
    assert "Pages without a geographic reference: 1–13" in r.stdout


def test_fail_on_warn_and_required_areas(repo):
    draft(repo / "d.md", structure=False)
    assert check("d.md").exit_code == 0  # strukturbild missing: only a warning
    strict = EXAMPLE.replace('region = "24"', 'region = "24"\nfail_on_warn = true')
    (repo / "rusaudit.toml").write_text(strict, encoding="utf-8")
    r = check("d.md")
    assert r.exit_code == 1 and "✗ Strukturbild (territorial.spatial.strukturbild) saknas" in r.stdout
    areas = EXAMPLE.replace('region = "24"', 'region = "24"\nrequired_areas = ["innovation", "tillganglighet"]')
    (repo / "rusaudit.toml").write_text(areas, encoding="utf-8")
    draft(repo / "d.md", actions=False)
    r = check("d.md", "--lang", "en")
    assert r.exit_code == 1
    assert "Strategic area missing: Innovation and renewal" in r.stdout
    draft(repo / "full.md")
    r = check("full.md", "-f", "json")
    checks = {c["id"]: c for c in json.loads(r.stdout)["documents"][0]["checks"]}
    assert checks["area.national_strategy.area.innovation"]["status"] == "pass"
    assert checks["area.national_strategy.area.tillganglighet"]["status"] == "fail"


def test_no_configuration_means_no_gates(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    draft(tmp_path / "d.md", places=False, structure=False)
    r = check("d.md")
    assert r.exit_code == 0 and "ingen konfiguration" in r.stdout and "d.md: GODKÄND" in r.stdout


@pytest.mark.parametrize(
    "toml, key",
    [
        ("[min_score]\nterritorial = 101\n", "min_score.territorial"),
        ("typo = 1\n", "typo"),
        ('[rule_levels]\n"territorial.strukturbild" = "warn"\n', 'rule_levels."territorial.strukturbild"'),
        ('[rule_levels]\n"collaboration.level.inform" = "warn"\n', 'rule_levels."collaboration.level.inform"'),
    ],
)
def test_configuration_errors_exit_2_with_one_line(repo, toml, key):
    (repo / "rusaudit.toml").write_text(toml, encoding="utf-8")
    draft(repo / "d.md")
    r = check("d.md")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith(f"error: rusaudit.toml: {key}: ") and r.stderr.count("\n") == 1


def test_explicit_config_file(repo, tmp_path):
    other = tmp_path / "gate.toml"
    other.write_text("[min_score]\noverall = 99\n", encoding="utf-8")
    draft(repo / "d.md")
    r = check("d.md", "--config", str(other))
    assert r.exit_code == 1 and "min_score.overall" in r.stdout
    assert check("d.md", "--config", "missing.toml").stderr == "error: missing.toml: configuration file not found\n"


def test_unreadable_file_exits_2_and_the_others_are_still_checked(repo, corpus):
    shutil.copy(corpus / "24-vasterbotten-platsbaserad.pdf", repo / "p.pdf")
    (repo / "broken.docx").write_bytes(b"PK\x03\x04" + b"\0" * 10)
    r = check("p.pdf", "broken.docx", "missing.md", "-f", "junit")
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        "error: broken.docx: damaged Word file (BadZipFile: File is not a zip file)",
        "error: missing.md: file not found",
    ]
    root = ET.fromstring(r.stdout)
    assert root.get("errors") == "2" and root.get("failures") == "0"
    assert [s.get("name") for s in root] == ["p.pdf", "broken.docx", "missing.md"]


def test_usage_errors_exit_2(repo):
    draft(repo / "d.md")
    assert check("d.md", "--format", "xml").exit_code == 2
    r = check("d.md", "--baseline", "a.json", "--write-baseline", "b.json")
    assert r.exit_code == 2 and "cannot be used together" in r.stderr


@pytest.fixture
def two_drafts(repo, corpus):
    shutil.copy(corpus / "24-vasterbotten-generisk.pdf", repo / "g.pdf")
    shutil.copy(corpus / "24-vasterbotten-platsbaserad.pdf", repo / "p.pdf")
    return ["g.pdf", "p.pdf"]


def test_every_format_is_deterministic_and_parses(two_drafts):
    outputs = {}
    for fmt in ("json", "sarif", "junit", "github", "text"):
        first, second = check(*two_drafts, "-f", fmt), check(*two_drafts, "-f", fmt)
        assert first.exit_code == second.exit_code == 1
        assert first.stdout == second.stdout, fmt  # byte-identical
        outputs[fmt] = first.stdout
    data = json.loads(outputs["json"])
    assert data["passed"] is False and data["exit_code"] == 1 and "generated_at" not in data
    assert [d["status"] for d in data["documents"]] == ["fail", "pass"]
    assert data["documents"][0]["report"]["scores"]["territorial"] == 0
    sarif = json.loads(outputs["sarif"])
    assert "startTimeUtc" not in sarif["runs"][0]["invocations"][0]
    junit = ET.fromstring(outputs["junit"])
    assert junit.get("tests") == "10" and junit.get("failures") == "3" and junit.get("timestamp") is None
    suite = junit[0]
    failure = suite.find("testcase[@name='min_score.territorial']/failure")
    assert failure.get("message").startswith("Territoriell specificitet 0.0 < 50")
    assert "Sidor utan geografisk referens: 1–13" in failure.text
    warn = suite.find("testcase[@name='rule.territorial.spatial.strukturbild']/system-out")
    assert warn.text.startswith("warn: Strukturbild")
    gh = outputs["github"].splitlines()
    assert gh[1].startswith(
        "::error file=g.pdf,title=rusaudit min_score.territorial::Territoriell specificitet 0.0 < 50"
    )
    assert "::notice file=g.pdf,title=rusaudit min_score.territorial::Sidor utan geografisk referens: 1–13" in gh
    assert "::warning file=g.pdf,title=rusaudit rule.territorial.spatial.strukturbild::" in outputs["github"]
    assert not any(line.startswith("::") and "p.pdf" in line for line in gh)


def test_timestamps_only_when_asked(two_drafts):
    data = json.loads(check(*two_drafts, "-f", "json", "--timestamps").stdout)
    assert data["generated_at"].endswith("Z")
    inv = json.loads(check(*two_drafts, "-f", "sarif", "--timestamps").stdout)["runs"][0]["invocations"][0]
    assert inv["startTimeUtc"] <= inv["endTimeUtc"]
    assert ET.fromstring(check(*two_drafts, "-f", "junit", "--timestamps").stdout).get("timestamp")


def test_output_file_and_text_summary(two_drafts, repo):
    r = check(*two_drafts, "-f", "sarif", "-o", "out/rusaudit.sarif")
    assert r.exit_code == 1 and r.stdout.startswith("rusaudit check · ")
    assert json.loads((repo / "out" / "rusaudit.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert not list((repo / "out").glob(".rusaudit-*"))


def test_github_annotations_escape_commas_and_newlines(repo):
    draft(repo / "a, b.md", places=False, structure=False)
    (repo / "rusaudit.toml").write_text("[min_score]\nterritorial = 90\n", encoding="utf-8")
    out = check("a, b.md", "-f", "github").stdout
    assert "::error file=a%2C b.md,title=rusaudit min_score.territorial::" in out


# --- baselines -------------------------------------------------------------------------


def baseline_repo(repo, tolerance: float = 0):
    (repo / "rusaudit.toml").write_text(f"tolerance = {tolerance}\n" + EXAMPLE, encoding="utf-8")
    draft(repo / "rus.md")
    w = check("rus.md", "--write-baseline", "baseline.json")
    assert w.exit_code == 0 and "baslinje skriven: baseline.json (1 dokument)" in w.stderr
    return json.loads((repo / "baseline.json").read_text(encoding="utf-8"))


def test_baseline_file_is_page_independent_and_deterministic(repo):
    data = baseline_repo(repo)
    text = (repo / "baseline.json").read_text(encoding="utf-8")
    assert check("rus.md", "--write-baseline", "baseline.json").exit_code == 0
    assert (repo / "baseline.json").read_text(encoding="utf-8") == text
    entry = data["documents"]["rus.md"]
    # the sentence under the heading counts; the bare heading is no finding
    assert entry["rules"]["territorial.spatial.strukturbild"] == 1
    assert "page" not in text and "national_strategy.area.innovation" in entry["rules"]
    assert {"territorial", "national_strategy", "overall"} <= set(entry["scores"])


def test_baseline_kept_when_text_moves_between_pages(repo):
    baseline_repo(repo)
    draft(repo / "rus.md", move=True)  # a paragraph moves from page 2 to page 4
    r = check("rus.md", "--baseline", "baseline.json")
    assert r.exit_code == 0, r.stdout
    assert "  oförändrad sedan baslinjen" in r.stdout and "regler från baslinjen finns kvar" in r.stdout
    sarif = json.loads(check("rus.md", "--baseline", "baseline.json", "-f", "sarif").stdout)
    assert sarif["runs"][0]["results"] == []


def test_baseline_broken_when_a_satisfied_rule_is_lost(repo):
    baseline_repo(repo)
    draft(repo / "rus.md", structure=False)  # the strukturbild is gone
    r = check("rus.md", "--baseline", "baseline.json")
    assert r.exit_code == 1
    assert "  jämförd med baslinjen" in r.stdout
    assert "✗ Strukturbild (territorial.spatial.strukturbild) saknas i texten" not in r.stdout  # warn level …
    assert "! Strukturbild (territorial.spatial.strukturbild) saknas i texten" in r.stdout  # … so it warns
    assert "✗ Ortstruktur (territorial.spatial.ortstruktur) fanns i baslinjen men saknas nu" in r.stdout
    data = json.loads(check("rus.md", "--baseline", "baseline.json", "-f", "json").stdout)
    lost = [c for c in data["documents"][0]["checks"] if c["status"] == "fail"]
    assert {c["id"] for c in lost} >= {"baseline.rule.territorial.spatial.ortstruktur", "baseline.score.territorial"}
    sarif = json.loads(check("rus.md", "--baseline", "baseline.json", "-f", "sarif").stdout)
    states = {r["ruleId"]: r["baselineState"] for r in sarif["runs"][0]["results"]}
    assert states["baseline.rule.territorial.spatial.ortstruktur"] == "new"


def test_baseline_score_drop_and_tolerance(repo):
    baseline_repo(repo, tolerance=0)
    draft(repo / "rus.md", places=False)
    r = check("rus.md", "--baseline", "baseline.json", "-f", "json")
    checks = {c["id"]: c for c in json.loads(r.stdout)["documents"][0]["checks"]}
    assert r.exit_code == 1 and checks["baseline.score.territorial"]["status"] == "fail"
    drop = checks["baseline.score.territorial"]["expected"] - checks["baseline.score.territorial"]["actual"]
    old_score = checks["baseline.score.territorial"]["expected"]
    wide = f"tolerance = {drop + 1:.1f}\n" + EXAMPLE.replace("territorial = 50", f"territorial = {old_score}")
    (repo / "rusaudit.toml").write_text(wide, encoding="utf-8")
    r = check("rus.md", "--baseline", "baseline.json", "-f", "json")
    checks = {c["id"]: c for c in json.loads(r.stdout)["documents"][0]["checks"]}
    assert checks["baseline.score.territorial"]["status"] == "pass"
    # Under the minimum now, but within the tolerance of a baseline that met it: a note.
    assert checks["min_score.territorial"]["status"] == "known"
    assert "inom toleransen mot baslinjen" in checks["min_score.territorial"]["message"]
    # What still fails are the rules the draft lost (the places it no longer names).
    assert {c["kind"] for c in checks.values() if c["status"] == "fail"} == {"baseline_rule"}


def test_failures_already_in_the_baseline_do_not_fail(repo, corpus):
    shutil.copy(corpus / "24-vasterbotten-generisk.pdf", repo / "g.pdf")
    assert check("g.pdf").exit_code == 1
    assert check("g.pdf", "--write-baseline", "b.json").exit_code == 0
    r = check("g.pdf", "--baseline", "b.json")
    assert r.exit_code == 0, r.stdout
    assert "· Territoriell specificitet 0.0 < 50 (min_score.territorial)" in r.stdout
    assert "fanns redan i baslinjen" in r.stdout
    sarif = json.loads(check("g.pdf", "--baseline", "b.json", "-f", "sarif").stdout)
    gates = [r for r in sarif["runs"][0]["results"] if not r["ruleId"].startswith("page.")]
    assert gates and all(r["level"] == "note" and r["baselineState"] == "unchanged" for r in gates)


def test_a_renamed_draft_still_compares_and_a_new_one_is_new(repo):
    baseline_repo(repo)
    draft(repo / "rus-v2.md", structure=False)
    assert check("rus-v2.md", "--baseline", "baseline.json").exit_code == 1  # lone file, lone entry
    draft(repo / "other.md")
    r = check("rus-v2.md", "other.md", "--baseline", "baseline.json")
    assert r.exit_code == 0 and r.stdout.count("ny: finns inte i baslinjen") == 2


def test_bad_baseline_file(repo):
    draft(repo / "rus.md")
    (repo / "b.json").write_text("{}", encoding="utf-8")
    r = check("rus.md", "--baseline", "b.json")
    assert r.exit_code == 2 and r.stderr.startswith("error: b.json: not a rusaudit baseline")
    assert check("rus.md", "--baseline", "none.json").stderr == "error: none.json: baseline file not found\n"


def test_word_draft_with_headings_through_the_cli(repo):
    d = docx.Document()
    d.add_heading("Västerbotten 2035", level=1)
    d.add_paragraph("Umeå, Skellefteå, Lycksele och Storuman samverkar i en strukturbild med noder och stråk.")
    d.add_paragraph("Karta 1. Strukturbild för Västerbotten.", style="Caption")
    d.save(repo / "utkast.docx")
    r = check("utkast.docx", "-f", "json")
    doc = json.loads(r.stdout)["documents"][0]
    assert doc["report"]["document"]["format"] == "docx" and doc["report"]["document"]["maps"] == 1
    checks = {c["id"]: c["status"] for c in doc["checks"]}
    assert checks["rule.territorial.maps"] == "pass" and checks["rule.territorial.spatial.strukturbild"] == "pass"


def test_real_process_exit_code_and_stderr(repo, corpus):
    shutil.copy(corpus / "24-vasterbotten-generisk.pdf", repo / "g.pdf")
    r = subprocess.run([sys.executable, "-m", "rusaudit", "check", "g.pdf"], capture_output=True, text=True)
    assert r.returncode == 1 and "g.pdf: UNDERKÄND" in r.stdout and r.stderr == ""
    (repo / "rusaudit.toml").write_text("[min_score]\nx = 1\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "rusaudit", "check", "g.pdf"], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.startswith("error: rusaudit.toml: min_score.x: unknown dimension")
