"""`rusaudit diff OLD NEW`: scores, places and rules gained and lost, in three formats."""

from __future__ import annotations

import json
import re

import pytest
from draftmaker import draft, draft_text, md_to_docx
from typer.testing import CliRunner

from rusaudit.cli import app


def diff(*args):
    return CliRunner().invoke(app, ["diff", *args])


@pytest.fixture
def here(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_generic_to_place_based_in_text(here, corpus):
    g, p = str(corpus / "24-vasterbotten-generisk.pdf"), str(corpus / "24-vasterbotten-platsbaserad.pdf")
    r = diff(g, p)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith(f"rusaudit diff: {g} → {p}")
    assert re.search(r"^  Territoriell specificitet +0\.0 → 100\.0  ▲ \+100\.0$", out, re.M)
    assert "Kommuner som nämns: 0 → 15 / 15" in out
    gained = next(line for line in out.splitlines() if line.startswith("Nya platser"))
    assert "Umeå" in gained and "Åsele" in gained
    assert "Platser som inte längre nämns (0): inga" in out
    assert "  + Strukturbild (territorial.spatial.strukturbild)" in out
    en = diff(g, p, "--lang", "en").stdout
    assert "Territorial specificity" in en and "Places gained" in en and "Rules now satisfied" in en


def test_markdown_fits_a_pull_request_comment(here, corpus):
    g, p = str(corpus / "24-vasterbotten-generisk.pdf"), str(corpus / "24-vasterbotten-platsbaserad.pdf")
    md = diff(p, g, "--format", "markdown").stdout
    lines = md.splitlines()
    assert lines[0] == f"### rusaudit: `{p}` → `{g}`"
    assert "| Territoriell specificitet | 100.0 | 0.0 | ▼ −100.0 |" in lines
    assert "| **Totalt** |" in md and "|---|---:|---:|---:|" in lines
    assert "<details><summary><b>Platser som inte längre nämns</b>" in md  # long lists fold
    assert "**Nya platser** (0): inga" in md
    assert len(md) < 65536  # GitHub's limit for a comment body


def test_json_of_saved_reports_equals_json_of_files(here, corpus):
    g, p = corpus / "24-vasterbotten-generisk.pdf", corpus / "24-vasterbotten-mellan.pdf"
    for src, name in ((g, "old.json"), (p, "new.json")):
        r = CliRunner().invoke(app, ["scan", str(src), "-f", "json", "-o", name])
        assert r.exit_code == 0
    from_files = diff(str(g), str(p), "-f", "json").stdout
    from_reports = diff("old.json", "new.json", "-f", "json").stdout
    assert from_files == from_reports == diff(str(g), str(p), "-f", "json").stdout  # deterministic
    data = json.loads(from_files)
    scores = {s["id"]: s for s in data["scores"]}
    assert scores["territorial"]["old"] == 0 and scores["territorial"]["delta"] > 50
    assert data["municipalities"] == {"old": 0, "new": 6, "total": 15}
    assert {"Umeå", "Skellefteå", "Lycksele"} <= {p["name"] for p in data["places"]["gained"]}
    assert "territorial.geo.kust" in {r["id"] for r in data["rules"]["gained"]}
    assert data["rules_version_changed"] is False and data["region_changed"] is False


def test_diff_of_two_drafts_in_different_formats(here):
    draft(here / "v1.md")
    md_to_docx(draft_text(structure=False, places=False), here / "v2.docx")
    data = json.loads(diff("v1.md", "v2.docx", "-f", "json", "--region", "24").stdout)
    lost = {r["id"] for r in data["rules"]["lost"]}
    assert {"territorial.spatial.strukturbild", "territorial.spatial.ortstruktur", "territorial.geo.fjall"} <= lost
    assert {"Sorsele", "Malå", "Vindeln"} <= {p["name"] for p in data["places"]["lost"]}
    assert {s["id"]: s["delta"] for s in data["scores"]}["territorial"] < 0
    text = diff("v1.md", "v2.docx", "--region", "24").stdout
    assert "  − Strukturbild (territorial.spatial.strukturbild)" in text


def test_moving_text_between_pages_is_no_change(here):
    draft(here / "v1.md")
    draft(here / "v2.md", move=True)
    out = diff("v1.md", "v2.md").stdout
    assert "Inga förändringar i poäng, platser eller regler." in out


def test_check_json_and_output_file(here, corpus):
    (here / "rusaudit.toml").write_text("[min_score]\noverall = 10\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(corpus / "24-vasterbotten-mellan.pdf"), "-f", "json", "-o", "c.json"])
    assert r.exit_code == 0
    r = diff("c.json", str(corpus / "24-vasterbotten-platsbaserad.pdf"), "-f", "markdown", "-o", "pr.md")
    assert r.exit_code == 0 and r.stdout == ""
    assert (here / "pr.md").read_text(encoding="utf-8").startswith("### rusaudit:")


@pytest.mark.parametrize(
    "content, reason",
    [(None, "file not found"), ("{}", "not a rusaudit report"), ("[1,", "invalid JSON")],
)
def test_bad_inputs_exit_2(here, content, reason):
    draft(here / "v1.md")
    if content is not None:
        (here / "old.json").write_text(content, encoding="utf-8")
    r = diff("old.json", "v1.md")
    assert r.exit_code == 2 and r.stderr.startswith("error: old.json: ") and reason in r.stderr
    assert r.stderr.count("\n") == 1
