"""Text crossing into other programs is neutralised: CSV, CI logs, XML, Markdown, terminals, links."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from harness import DOC, run
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from rusaudit.cli import app
from rusaudit.safetext import csv_cell, markdown, markdown_code, terminal, xml

EVIL = "Umeå växer <script>alert(1)</script> och [klicka här](javascript:alert(1)) i Skellefteå."


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(tmp_path / "c"))
    return tmp_path


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(first):
    assert csv_cell(first + "HYPERLINK(1)") == "'" + first + "HYPERLINK(1)"
    assert csv_cell("Umeå") == "Umeå" and csv_cell(-1.5) == -1.5  # numbers stay numbers


def test_comparison_csv_neutralises_a_formula_in_a_file_name(here):
    (here / "=HYPERLINK(1).md").write_text(DOC, encoding="utf-8")
    assert CliRunner().invoke(app, ["compare", "=HYPERLINK(1).md", "-o", "out"]).exit_code == 0
    rows = list(csv.reader(io.StringIO((here / "out/comparison.csv").read_text(encoding="utf-8"))))
    assert rows[1][1] == "'=HYPERLINK(1).md"  # before: =HYPERLINK(1).md, a formula in a spreadsheet


def test_a_newline_in_a_file_name_injects_no_workflow_command(here):
    name = "rus\n::warning file=x::injected.md"
    (here / name).write_text(DOC, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", name, "-f", "github"])
    assert r.exit_code == 0, r.output
    assert not [ln for ln in r.stdout.splitlines() if ln.lstrip().startswith("::warning")]


def test_github_annotations_escape_percent_cr_lf_and_property_colons():
    from rusaudit.gate.github import _command

    line = _command("error", "a::b,c.md", "t", "100%\r\nnext::line")
    assert line == "::error file=a%3A%3Ab%2Cc.md,title=t::100%25%0D%0Anext::line"


def test_junit_and_sarif_carry_no_xml_invalid_character(here):
    name = "rus\x01\x1b.md"
    (here / name).write_text(DOC, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", name, "-f", "junit"])
    assert r.exit_code == 0, r.output
    root = ET.fromstring(r.stdout.encode("utf-8"))  # before: not well-formed (invalid token)
    assert root.find("testsuite").get("name") == "rus.md"
    r = CliRunner().invoke(app, ["check", name, "-f", "sarif"])
    assert "\\u0001" not in r.stdout and "\\u001b" not in r.stdout
    assert json.loads(r.stdout)["runs"][0]["artifacts"][0]["location"]["uri"] == "rus%01%1B.md"  # encoded


def test_markdown_reports_pass_no_html_and_no_javascript_link(here):
    name = "<img src=x onerror=alert(2)>.md"
    (here / name).write_text(f"# Strategi\n\n{EVIL}\n\nLycksele och Storuman växer.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["scan", name, "-f", "markdown", "--region", "24"])
    assert r.exit_code == 0, r.output
    assert "alert(1)" in r.stdout  # the text is shown
    html = MarkdownIt("commonmark").enable("table").render(r.stdout)
    assert "<script" not in html.lower() and "<img" not in html  # before: the file name was raw HTML
    assert "<a " not in html and 'href="' not in html  # the javascript: text is shown, never a link


def test_markdown_escaping_keeps_the_text_readable():
    html = MarkdownIt("commonmark").render(markdown("a|b *c* <b>x</b> [l](javascript:1) `code` & co"))
    assert html == "<p>a|b *c* &lt;b&gt;x&lt;/b&gt; [l](javascript:1) `code` &amp; co</p>\n"  # text, no markup
    code = markdown_code("a`b<i>.md")
    assert MarkdownIt("commonmark").render(code) == "<p><code>a`b&lt;i&gt;.md</code></p>\n"


def test_terminal_text_has_no_control_characters():
    assert terminal("\x1b[31mröd\x1b[0m\x07.md\nnästa\u202e") == "[31mröd[0m.md nästa"
    assert xml("a\x00b\x1fc\ufffed\U0001f600") == "abcd\U0001f600"


def test_ansi_escapes_in_file_names_never_reach_the_terminal(tmp_path):
    name = "\x1b[2J\x1b]0;titel\x07rus.md"
    (tmp_path / name).write_text(DOC, encoding="utf-8")
    (tmp_path / "\x1b[31mtom.md").write_text("", encoding="utf-8")
    r = run("compare", ".", "-o", "out", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 1
    assert "\x1b" not in r.stdout + r.stderr and "\x07" not in r.stdout + r.stderr
    assert "error: ./[31mtom.md: " in r.stderr
    r = run("scan", "\x1b[31mtom.md", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 2 and "\x1b" not in r.stderr
    r = run("scan", name, cwd=tmp_path, cache=tmp_path / "c")  # the terminal report names the file
    assert r.returncode == 0, r.stderr
    assert "]0;titelrus.md" in r.stdout and "\x1b" not in r.stdout and "\x07" not in r.stdout
