"""`rusaudit extract`: what the tool read, as a user checks it."""

import json
import subprocess
import sys

from pdfmaker import make_pdf

from rusaudit.extract import load_document


def run(*args):
    return subprocess.run([sys.executable, "-m", "rusaudit", "extract", *args], capture_output=True, text=True)


def test_jsonl_has_one_sentence_a_line_with_page_kind_and_section(corpus):
    pdf = str(corpus / "24-vasterbotten-platsbaserad.pdf")
    r = run(pdf, "--format", "jsonl", "--pages", "7")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and {row["page"] for row in rows} == {7}
    assert all(set(row) == {"page", "kind", "section", "text"} for row in rows)
    # bold terms inside running text stay in their sentence (issue 9)
    texts = [row["text"] for row in rows]
    assert any(t.startswith("Miljöproblem och klimatförändringar syns som mildare vintrar") for t in texts)
    challenge = next(row for row in rows if row["text"].startswith("Miljöproblem"))
    assert challenge["kind"] == "body" and challenge["section"][-1] == "Tre samhällsutmaningar i länets geografi"
    again = run(pdf, "--format", "jsonl", "--pages", "7")
    assert again.stdout == r.stdout  # deterministic


def test_text_and_markdown_show_block_kinds(tmp_path):
    pdf = make_pdf(tmp_path / "k.pdf", [["# Förutsättningar", "Umeå växer.", "• Skellefteå växer också."]])
    text = run(str(pdf))
    assert text.returncode == 0, text.stderr
    assert "=== page 1 ===" in text.stdout and "[heading 1] Förutsättningar" in text.stdout
    assert "[list_item] • Skellefteå växer också." in text.stdout
    md = run(str(pdf), "-f", "markdown")
    assert "## Förutsättningar" in md.stdout and "- Skellefteå växer också." in md.stdout


def test_both_engines_and_bad_input(tmp_path, corpus):
    pdf = str(corpus / "25-norrbotten.pdf")
    a = run(pdf, "--engine", "pdfium", "-f", "jsonl")
    b = run(pdf, "--engine", "pdfplumber", "-f", "jsonl")
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout  # the same reading of the corpus
    bad = run(pdf, "--pages", "x")
    assert bad.returncode == 2 and bad.stderr.startswith("error: --pages") and "Traceback" not in bad.stderr
    missing = run(str(tmp_path / "nope.pdf"))
    assert missing.returncode == 2 and missing.stderr.strip().endswith("file not found")


def test_progress_is_reported_once_per_page(tmp_path):
    pdf = make_pdf(tmp_path / "p.pdf", [["Umeå växer."], ["Luleå växer."], ["Kiruna flyttar."]])
    for engine in ("pdfium", "pdfplumber"):
        seen: list[tuple[int, int]] = []
        load_document(str(pdf), engine=engine, progress=lambda done, total, seen=seen: seen.append((done, total)))
        assert seen == [(1, 3), (2, 3), (3, 3)]
