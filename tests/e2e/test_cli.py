"""The command line as a user meets it: exit codes, one-line errors, outputs."""

import json
import subprocess
import sys

import pytest
from pdfmaker import make_pdf


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "rusaudit", *args], capture_output=True, text=True, cwd=cwd)


def test_version_is_fast_and_prints():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("rusaudit ")


def test_scan_table_in_swedish_and_english(corpus):
    sv = run("scan", str(corpus / "24-vasterbotten-mellan.pdf"))
    assert sv.returncode == 0, sv.stderr
    assert "Territoriell specificitet" in sv.stdout and "Kommuner som aldrig nämns" in sv.stdout
    en = run("scan", str(corpus / "24-vasterbotten-mellan.pdf"), "--lang", "en")
    assert "Territorial specificity" in en.stdout and "Municipalities never named" in en.stdout


def test_markdown_and_json_outputs_written_atomically(corpus, tmp_path):
    out = tmp_path / "r.json"
    r = run("scan", str(corpus / "24-vasterbotten-generisk.pdf"), "-f", "json", "-o", str(out))
    assert r.returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scores"]["territorial"] == 0
    assert not list(tmp_path.glob(".rusaudit-*"))
    md = run("scan", str(corpus / "24-vasterbotten-generisk.pdf"), "-f", "markdown")
    assert md.stdout.startswith("# rusaudit") and "| Totalt |" not in md.stdout


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("missing.pdf", None, "file not found"),
        ("empty.pdf", b"", "empty file"),
        ("fake.pdf", b"not a pdf at all", "not a PDF"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<<", "damaged PDF"),
        ("notes.docx.odd", b"hello", "unsupported file type"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    r = run("scan", str(path))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error: {path}: ")
    assert reason in r.stderr and "Traceback" not in r.stderr


def test_password_and_scanned_pdfs(tmp_path):
    locked = make_pdf(tmp_path / "locked.pdf", [["Hemlig text om Umeå."]], encrypt="x")
    scanned = make_pdf(tmp_path / "scan.pdf", [[]], header=None, footer=None, image_only=True)
    r1, r2 = run("scan", str(locked)), run("scan", str(scanned))
    assert r1.returncode == r2.returncode == 2
    assert "password-protected" in r1.stderr
    assert "OCR" in r2.stderr


def test_good_files_reported_when_one_is_bad(corpus, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 garbage")
    r = run("scan", str(bad), str(corpus / "24-vasterbotten-generisk.pdf"), "-f", "json")
    assert r.returncode == 2
    assert "bad.pdf" in r.stderr
    reports = json.loads(r.stdout)
    assert len(reports) == 1 and reports[0]["region"]["code"] == "24"


def test_unknown_region_is_a_usage_error(corpus):
    r = run("scan", str(corpus / "24-vasterbotten-generisk.pdf"), "--region", "Atlantis")
    assert r.returncode == 2 and "--region: unknown county 'Atlantis'" in r.stderr
