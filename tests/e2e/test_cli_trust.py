"""The command line as planners and CI engineers meet it: region help, --fail-under, flags,
progress, tables that never cut numbers, exclusions and suppressions (issue 13)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from draftmaker import draft, draft_text, md_to_docx
from typer.testing import CliRunner

from rusaudit.cli import app

runner = CliRunner()


def cli(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.fixture(scope="module")
def vb(tmp_path_factory):
    """A Västerbotten draft naming ten of its municipalities."""
    return draft(tmp_path_factory.mktemp("draft") / "rus.md")


# ---------------------------------------------------------------- --region


def test_region_typo_suggests_the_county_and_names_the_option(vb):
    r = cli("scan", str(vb), "--region", "Västerbottten")
    assert r.exit_code == 2
    assert (
        r.stderr.strip() == "error: --region: unknown county 'Västerbottten'; did you mean Västerbotten (--region 24)?"
    )
    assert str(vb) not in r.stderr  # the option is at fault, not the file


def test_region_unknown_code_lists_the_codes(vb):
    r = cli("scan", str(vb), "--region", "99")
    assert r.exit_code == 2 and "error: --region: no county has the SCB code '99'" in r.stderr and "25" in r.stderr


def test_region_without_diacritics_is_the_county(vb):
    r = cli("scan", str(vb), "--region", "vasterbotten", "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["region"]["code"] == "24"
    assert r.stderr == ""


def test_municipality_as_region_gets_a_hint_naming_its_county(vb):
    r = cli("scan", str(vb), "--region", "Umeå", "-f", "json")
    assert r.exit_code == 0
    report = json.loads(r.stdout)
    assert report["region"]["code"] == "24"
    hint = "--region: Umeå is a municipality in Västerbottens län; auditing for Västerbottens län"
    assert r.stderr.count(hint) == 1 and hint in report["warnings"][0]


def test_a_county_that_shares_its_name_with_a_municipality_needs_no_hint(vb):
    r = cli("scan", str(vb), "--region", "Uppsala", "-f", "json")
    assert r.exit_code == 0 and "municipality" not in r.stderr


def test_text_about_another_county_warns_and_names_it(vb):
    r = cli("scan", str(vb), "--region", "Norrbotten", "-f", "json")
    assert r.exit_code == 0
    warning = next(w for w in json.loads(r.stdout)["warnings"] if w.startswith("--region"))
    assert "none in Norrbottens län" in warning and "Västerbottens län (--region 24)" in warning
    assert "warning: " in r.stderr and "Västerbottens län (--region 24)" in r.stderr
    table = cli("scan", str(vb), "--region", "Norrbotten", env={"COLUMNS": "120"})
    assert "Västerbottens län (--region 24)" in table.stdout.replace("\n", " ")


def test_check_log_shows_the_other_county_warning(vb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rusaudit.toml").write_text('region = "Norrbotten"\n', encoding="utf-8")
    r = cli("check", str(vb))
    assert "! --region Norrbottens län: texten nämner" in r.stdout and "Västerbottens län (--region 24)?" in r.stdout


def test_the_right_county_gets_no_warning(vb):
    r = cli("scan", str(vb), "--region", "24", "-f", "json")
    assert not [w for w in json.loads(r.stdout)["warnings"] if w.startswith("--region")]


# ---------------------------------------------------------------- --fail-under


def test_scan_fail_under_overall_and_per_dimension(vb):
    report = json.loads(cli("scan", str(vb), "-f", "json").stdout)
    overall, territorial = report["scores"]["overall"], report["scores"]["territorial"]
    ok = cli("scan", str(vb), "-f", "json", "--fail-under", str(overall))
    assert ok.exit_code == 0, ok.stderr
    low = cli("scan", str(vb), "-f", "json", "--fail-under", str(overall + 0.1))
    assert low.exit_code == 1 and f"Totalt {overall:.1f} är under --fail-under {overall + 0.1:g}" in low.stderr
    dim = cli(
        "scan",
        str(vb),
        "-f",
        "json",
        "--fail-under",
        "10",
        "--fail-under",
        f"territorial={territorial + 1}",
        "--lang",
        "en",
    )
    assert dim.exit_code == 1 and "Territorial specificity" in dim.stderr and "Overall" not in dim.stderr


@pytest.mark.parametrize(
    "value, message",
    [
        ("terittorial=50", "unknown dimension 'terittorial'"),
        ("forty", "'forty' is not a score"),
        ("120", "a score runs from 0 to 100"),
    ],
)
def test_fail_under_errors_name_the_option(vb, value, message):
    r = cli("scan", str(vb), "--fail-under", value)
    assert r.exit_code == 2 and r.stderr.startswith("error: --fail-under: ") and message in r.stderr


def test_check_fail_under_overrides_the_settings(vb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no settings file found upward from here
    passing = cli("check", str(vb), "--fail-under", "1")
    assert passing.exit_code == 0, passing.stdout
    failing = cli("check", str(vb), "--fail-under", "territorial=100", "-f", "json")
    assert failing.exit_code == 1
    data = json.loads(failing.stdout)
    assert data["settings"]["min_score"] == {"territorial": 100.0}
    assert data["documents"][0]["checks"][0]["status"] == "fail"


# ---------------------------------------------------------------- flags, completion


def test_help_shows_flags_as_flags_and_completion_is_on():
    top = cli("--help", env={"COLUMNS": "120"})
    assert "--install-completion" in top.stdout and "<bool>" not in top.stdout
    for command in (["scan"], ["check"], ["compare"], ["diff"], ["rules", "test"], ["cache", "clear"]):
        out = cli(*command, "--help", env={"COLUMNS": "120"}).stdout
        assert "<bool>" not in out, command


def test_shell_completion_completes_commands_and_counties():
    env = {"_RUSAUDIT_COMPLETE": "complete_bash", "COMP_WORDS": "rusaudit sc", "COMP_CWORD": "1"}
    script = [os.path.join(os.path.dirname(sys.executable), "rusaudit")]  # the installed entry point
    commands = subprocess.run(script, capture_output=True, text=True, env={**os.environ, **env})
    assert commands.stdout.split() == ["scan", "schema"]
    env = {**env, "COMP_WORDS": "rusaudit scan x.pdf --region Norr", "COMP_CWORD": "4"}
    counties = subprocess.run(script, capture_output=True, text=True, env={**os.environ, **env})
    assert counties.stdout.split() == ["Norrbotten"]


def test_a_flag_given_a_value_is_not_read_as_a_file(vb):
    r = cli("scan", str(vb), "--no-cache", "true")
    assert r.exit_code == 2
    assert "error: true: not a file; flags such as --no-cache take no value" in r.stderr
    assert r.stdout == ""


# ---------------------------------------------------------------- progress


def _run(*args, env=None):
    full = {**os.environ, **(env or {})}
    full.pop("CI", None) if env is None or "CI" not in env else None
    return subprocess.run([sys.executable, "-m", "rusaudit", *args], capture_output=True, text=True, env=full)


def test_progress_only_on_a_terminal_and_never_in_ci(vb, tmp_path):
    out = tmp_path / "r.json"
    tty = _run(
        "scan", str(vb), "--no-cache", "-f", "json", "-o", str(out), env={"TTY_COMPATIBLE": "1", "COLUMNS": "100"}
    )
    assert tty.returncode == 0, tty.stderr
    assert "Läser rus.md" in tty.stderr and re.search(r"\d:\d\d:\d\d", tty.stderr)  # elapsed time
    piped = _run("scan", str(vb), "--no-cache", "-f", "json", "-o", str(out))
    assert piped.stderr == ""
    ci = _run("scan", str(vb), "--no-cache", "-f", "json", "-o", str(out), env={"TTY_COMPATIBLE": "1", "CI": "true"})
    assert ci.stderr == ""
    quiet = _run("scan", str(vb), "--no-cache", "-q", "-f", "json", "-o", str(out), env={"TTY_COMPATIBLE": "1"})
    assert quiet.stderr == ""


def test_page_progress_has_a_rate_and_an_eta(tmp_path):
    from pdfmaker import make_pdf

    towns = ["Umeå", "Skellefteå", "Lycksele", "Storuman", "Vilhelmina", "Dorotea", "Sorsele", "Malå"]
    pages = [
        [f"Avsnitt {n}.{k}: {towns[(n + k) % 8]} växer och behöver {k + n} nya bostäder." for k in range(12)]
        for n in range(40)
    ]
    pdf = make_pdf(tmp_path / "lang.pdf", pages)
    r = _run("scan", str(pdf), "--no-cache", "-f", "json", "-o", str(tmp_path / "r.json"), env={"TTY_COMPATIBLE": "1"})
    assert r.returncode == 0, r.stderr
    assert re.search(r"\d+/40", r.stderr) and "sidor/s" in r.stderr and "ETA" in r.stderr


def test_compare_progress_counts_documents(corpus, tmp_path):
    tty = _run(
        "compare",
        str(corpus / "24-vasterbotten-mellan.pdf"),
        str(corpus / "24-vasterbotten-generisk.pdf"),
        "-o",
        str(tmp_path / "out"),
        "--no-cache",
        "-j",
        "1",
        env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"},
    )
    assert tty.returncode == 0, tty.stderr
    assert "Granskar" in tty.stderr and "/2" in tty.stderr and "dokument/s" in tty.stderr
    piped = _run("compare", str(corpus / "24-vasterbotten-mellan.pdf"), "-o", str(tmp_path / "out2"), "-q")
    assert piped.stderr == ""


def test_verbose_names_pages_words_time_and_cache(vb):
    cli("scan", str(vb), "-f", "json")
    r = cli("scan", str(vb), "-f", "json", "-v", "--lang", "en")
    assert re.search(r"rus\.md: 4 pages, \d+ words, \d+\.\d s \(report from the cache\)", r.stderr), r.stderr


# ---------------------------------------------------------------- tables


def _numbers(report: dict) -> list[str]:
    from rusaudit.report.i18n import fmt_score

    return [fmt_score(report["scores"][k]) for k in report["scores"]]


@pytest.mark.parametrize("width", ["160", "100", "60", "40"])
def test_scan_table_never_cuts_a_number(vb, width):
    report = json.loads(cli("scan", str(vb), "-f", "json").stdout)
    out = cli("scan", str(vb), env={"COLUMNS": width}).stdout
    assert max(len(line) for line in out.splitlines()) <= int(width)
    for d in report["dimensions"]:
        for i in d["indicators"]:
            if i["score"] is not None:
                assert re.search(rf"(?<![\d.]){re.escape(_score(i['score']))}(?![\d.])", out), (width, i["id"])
    for n in _numbers(report):
        assert n in out


@pytest.mark.parametrize("width", ["40", "60"])
def test_a_column_without_data_keeps_its_heading_whole(corpus, width):
    out = cli("scan", str(corpus / "20-dalarna.pdf"), env={"COLUMNS": width}).stdout  # no territorial evidence
    assert "Starkaste" in out and "Platsreferenser" in out


def _score(s: float) -> str:
    from rusaudit.report.i18n import fmt_score

    return fmt_score(100 * s)


@pytest.mark.parametrize("width, stacked", [("150", False), ("100", False), ("60", True)])
def test_compare_ranking_keeps_every_figure_with_long_names(corpus, tmp_path, width, stacked):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("24-vasterbotten-mellan.pdf", "24-vasterbotten-platsbaserad.pdf"):
        (folder / f"regional-utvecklingsstrategi-remissversion-{name}").write_bytes((corpus / name).read_bytes())
    r = cli("compare", str(folder), "-o", str(tmp_path / "out"), env={"COLUMNS": width})
    assert r.exit_code == 0, r.stderr
    comparison = json.loads((tmp_path / "out" / "comparison.json").read_text(encoding="utf-8"))
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(width)
    for d in comparison["documents"]:
        for v in d["scores"].values():
            assert re.search(rf"(?<![\d.]){re.escape(f'{v:.1f}')}(?![\d.])", r.stdout), (width, v)
        k = d["key_indicators"]
        assert f"{k['municipalities_named']}/{k['municipalities_total']}" in r.stdout
    assert ("Territ.: " in r.stdout) is stacked
    assert "…" not in r.stdout


def test_one_rounding_rule_everywhere():
    from rusaudit.gate.texts import fmt
    from rusaudit.numbers import round_half_up
    from rusaudit.report.i18n import fmt_score, fmt_value

    assert round_half_up(59.25) == 59.3 and round_half_up(0.125, 2) == 0.13 and round_half_up(67.65) == 67.7
    assert fmt_score(59.25) == fmt(59.25) == "59.3"
    assert fmt_value(0.4, "territorial.municipality_coverage") == "40 %" and fmt_value(6.95, "x") == "7"


def test_scores_print_as_the_json_has_them(vb):
    report = json.loads(cli("scan", str(vb), "-f", "json").stdout)
    md = cli("scan", str(vb), "-f", "markdown").stdout
    table = cli("scan", str(vb), env={"COLUMNS": "120"}).stdout
    overall = f"{report['scores']['overall']:.1f}"
    assert f"**{overall}**" in md and overall in table


# ---------------------------------------------------------------- exclusions


def test_pages_leave_out_the_rest_and_the_report_says_so(vb):
    r = cli("scan", str(vb), "--pages", "1-3", "-f", "json")
    report = json.loads(r.stdout)
    assert report["document"]["pages"] == 3
    assert report["excluded"] == [{"kind": "pages", "pages": [4], "reason": "--pages 1-3"}]
    table = cli("scan", str(vb), "--pages", "1-3", env={"COLUMNS": "120"}).stdout
    assert "Undantaget från granskningen" in table and "(--pages 1-3)" in table
    bad = cli("scan", str(vb), "--pages", "3-1")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --pages: ")
    empty = cli("scan", str(vb), "--pages", "9-")
    assert empty.exit_code == 2 and "nothing left to audit" in empty.stderr


def test_config_excludes_sections_and_pages(vb, tmp_path, monkeypatch):
    text = draft_text() + "\n# Bilaga 1. Referenser\n\nLänsplanen för transportinfrastruktur och regionplanen.\n"
    path = tmp_path / "rus.md"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "rusaudit.toml").write_text('exclude_sections = ["Bilaga"]\nexclude_pages = "1"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("check", str(path), "-f", "json")
    assert r.exit_code == 0, r.stdout
    doc = json.loads(r.stdout)["documents"][0]
    excluded = doc["report"]["excluded"]
    assert {"kind": "pages", "pages": [1], "reason": "exclude_pages = '1'"} in excluded
    assert {
        "kind": "section",
        "title": "Bilaga 1. Referenser",
        "pages": [5],
        "reason": "exclude_sections: 'Bilaga'",
    } in excluded
    assert not any(e["page"] == 5 for i in doc["report"]["planning"] for e in i["evidence"])
    text = cli("check", str(path)).stdout
    assert "– Undantaget från granskningen: Bilaga 1. Referenser, s. 5 (exclude_sections: 'Bilaga')" in text
    (tmp_path / "rusaudit.toml").write_text('exclude_pages = "x"\n', encoding="utf-8")
    bad = cli("check", str(path))
    assert bad.exit_code == 2 and "exclude_pages" in bad.stderr and "rusaudit.toml" in bad.stderr


def test_scan_leaves_out_what_the_settings_file_excludes(tmp_path, monkeypatch):
    text = draft_text() + "\n# Bilaga 1. Referenser\n\nLänsplanen för transportinfrastruktur och regionplanen.\n"
    path = tmp_path / "rus.md"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = json.loads(cli("scan", str(path), "-f", "json", "--no-cache").stdout)
    assert before["excluded"] == [] and any(e["page"] == 5 for i in before["planning"] for e in i["evidence"])
    (tmp_path / "rusaudit.toml").write_text('exclude_sections = ["Bilaga"]\nexclude_pages = "1"\n', encoding="utf-8")
    r = cli("scan", str(path), "-f", "json", "--no-cache")
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["excluded"] == [
        {"kind": "pages", "pages": [1], "reason": "exclude_pages = '1'"},
        {"kind": "section", "title": "Bilaga 1. Referenser", "pages": [5], "reason": "exclude_sections: 'Bilaga'"},
    ]
    assert not any(e["page"] == 5 for i in report["planning"] for e in i["evidence"])
    # --pages still applies, on top of the file's exclusions
    both = json.loads(cli("scan", str(path), "-f", "json", "--pages", "1-4").stdout)
    assert {"kind": "pages", "pages": [5], "reason": "--pages 1-4"} in both["excluded"]
    assert {"kind": "pages", "pages": [1], "reason": "exclude_pages = '1'"} in both["excluded"]
    (tmp_path / "rusaudit.toml").write_text('exclude_sections = "Bilaga"\n', encoding="utf-8")
    bad = cli("scan", str(path))
    assert bad.exit_code == 2 and bad.stderr.startswith("error: rusaudit.toml: exclude_sections: ")


SUPPRESSED = """# Planering

Vi samordnar arbetet med länsplanen för regional transportinfrastruktur i Umeå och Skellefteå.

<!-- rusaudit-disable planning.pbl.regionplan -->
Regionplanen för Västerbotten ska följas av kommunerna.
<!-- rusaudit-enable -->

Regionplanen nämns här igen, utan undantag.
"""


def test_markdown_suppression_silences_one_rule_and_lists_it(tmp_path):
    path = tmp_path / "rus.md"
    path.write_text(SUPPRESSED, encoding="utf-8")
    report = json.loads(cli("scan", str(path), "-f", "json", "--region", "24").stdout)
    plan = next(p for p in report["planning"] if p["id"] == "planning.pbl.regionplan")
    assert [e["sentence"] for e in plan["evidence"]] == ["Regionplanen nämns här igen, utan undantag."]
    silenced = [e for e in report["excluded"] if e["kind"] == "finding"]
    assert silenced == [
        {
            "kind": "finding",
            "rule": "planning.pbl.regionplan",
            "pages": [1],
            "sentence": "Regionplanen för Västerbotten ska följas av kommunerna.",
            "reason": "rusaudit-disable planning.pbl.regionplan",
        }
    ]
    assert "rusaudit-disable" not in json.dumps(report["dimensions"], ensure_ascii=False)
    line = "planning.pbl.regionplan, s. 1: Regionplanen för Västerbotten ska följas av kommunerna."
    md = cli("scan", str(path), "-f", "markdown", "--region", "24").stdout
    assert "## Undantaget från granskningen" in md and line.replace("_", "\\_") in md
    html = cli("scan", str(path), "-f", "html", "--region", "24").stdout
    assert "<h2>Undantaget från granskningen</h2>" in html and line in html


def test_word_hidden_text_and_comment_suppress(tmp_path):
    import docx

    path = md_to_docx("# Planering\n\nVi samordnar arbetet med länsplanen i Umeå.", tmp_path / "rus.docx")
    d = docx.Document(str(path))
    p = d.add_paragraph("Regionplanen ska följas av kommunerna.")
    d.add_comment(p.runs, text="rusaudit-disable planning.pbl.regionplan", author="Planerare")
    hidden = d.add_paragraph("rusaudit-disable")
    hidden.runs[0].font.hidden = True
    d.add_paragraph("Regionplanen styr också bebyggelsen.")
    hidden = d.add_paragraph("rusaudit-enable")
    hidden.runs[0].font.hidden = True
    d.add_paragraph("Regionplanen nämns här igen.")
    d.save(str(path))
    report = json.loads(cli("scan", str(path), "-f", "json", "--region", "24").stdout)
    plan = next(p for p in report["planning"] if p["id"] == "planning.pbl.regionplan")
    assert [e["sentence"] for e in plan["evidence"]] == ["Regionplanen nämns här igen."]
    reasons = {(e["sentence"], e["reason"]) for e in report["excluded"] if e["rule"] == "planning.pbl.regionplan"}
    assert reasons == {
        ("Regionplanen ska följas av kommunerna.", "rusaudit-disable planning.pbl.regionplan"),
        ("Regionplanen styr också bebyggelsen.", "rusaudit-disable"),
    }


# ---------------------------------------------------------------- reasons in the report's language


def test_error_reasons_follow_the_report_language(corpus, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "trasig.pdf").write_bytes(b"")
    (folder / "20-dalarna.pdf").write_bytes((corpus / "20-dalarna.pdf").read_bytes())
    sv = cli("compare", str(folder), "-o", str(tmp_path / "sv"))
    assert sv.exit_code == 1 and "empty file (0 bytes)" in sv.stderr  # stderr stays English for scripts
    page = (tmp_path / "sv" / "comparison.html").read_text(encoding="utf-8")
    assert "tom fil (0 byte)" in page and "empty file" not in page
    cli("compare", str(folder), "-o", str(tmp_path / "en"), "--lang", "en")
    assert "empty file (0 bytes)" in (tmp_path / "en" / "comparison.html").read_text(encoding="utf-8")
    comparison = json.loads((tmp_path / "sv" / "comparison.json").read_text(encoding="utf-8"))
    assert comparison["errors"][0]["reason"] == "empty file (0 bytes)"


def test_warnings_in_swedish_in_every_swedish_rendering(tmp_path):
    path = tmp_path / "utan-region.md"
    path.write_text("# Strategi\n\nVi ska samarbeta mer och bättre.\n", encoding="utf-8")
    swedish = "regionen kunde inte avgöras: kommuntäckningen räknas som 0; ange --region"
    table = cli("scan", str(path), env={"COLUMNS": "200"}).stdout
    md = cli("scan", str(path), "-f", "markdown").stdout
    html = cli("scan", str(path), "-f", "html").stdout
    assert all(swedish in out for out in (table, md, html))
    english = cli("scan", str(path), "-f", "markdown", "--lang", "en").stdout
    assert "region could not be detected" in english and swedish not in english


def test_scan_takes_the_region_from_the_settings_and_a_flag_wins(vb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    detected = json.loads(cli("scan", str(vb), "-f", "json", "--no-cache").stdout)["region"]
    assert (detected["code"], detected["detected"]) == ("24", True)
    (tmp_path / "rusaudit.toml").write_text('region = "Norrbotten"\n', encoding="utf-8")
    configured = json.loads(cli("scan", str(vb), "-f", "json", "--no-cache").stdout)["region"]
    assert (configured["code"], configured["detected"]) == ("25", False)
    flagged = json.loads(cli("scan", str(vb), "-f", "json", "--no-cache", "--region", "24").stdout)["region"]
    assert (flagged["code"], flagged["detected"]) == ("24", False)
    # --config names another file, which wins over the nearest one
    (tmp_path / "other.toml").write_text('region = "Jämtland"\n', encoding="utf-8")
    other = json.loads(cli("scan", str(vb), "-f", "json", "--no-cache", "--config", "other.toml").stdout)
    assert other["region"]["code"] == "23"
    missing = cli("scan", str(vb), "--config", "saknas.toml")
    assert missing.exit_code == 2
    assert missing.stderr.strip() == "error: saknas.toml: configuration file not found"


def test_the_analysis_after_reading_counts_pages(monkeypatch):
    from io import StringIO

    from rich.console import Console

    from rusaudit.progress import Bar

    monkeypatch.delenv("CI", raising=False)
    buf = StringIO()
    bar = Bar("pages", "sv", console=Console(file=buf, force_terminal=True, width=120))
    with bar:
        reading = bar.pages("rus.pdf")
        reading(40, 40)  # every page read: the analysis line starts below the reading line
        bar.analysing(12, 40)
        bar.progress.refresh()
    shown = buf.getvalue()
    assert "Läser rus.pdf" in shown and "40/40" in shown
    assert "Analyserar rus.pdf" in shown and "12/40" in shown
