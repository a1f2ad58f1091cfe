"""OCR as a user meets it: --ocr, trust marks in the report, the cache, missing Tesseract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from scanmaker import PAGES, Scan, make_scanned_pdf

from rusaudit import schemas

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "rusaudit", *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


@pytest.fixture(scope="module")
def poor_scan(tmp_path_factory):
    """A text page, then a poor scan (75 dpi, turned 2°, speckled) that OCR reads with low confidence."""
    path = tmp_path_factory.mktemp("ocr") / "dålig-skanning.pdf"
    return make_scanned_pdf(path, [PAGES["inland"], PAGES["culture"]], [None, Scan(75, skew=2.0, noise=True)])


@needs_tesseract
def test_low_confidence_page_marked_warned_and_its_places_flagged(poor_scan, cache_dir):
    r = run("scan", "--ocr", str(poor_scan), "-f", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    ocr = report["document"]["ocr"]
    assert [p["page"] for p in ocr["pages"]] == [2]  # the text page is not read by OCR
    assert ocr["pages"][0]["confidence"] < ocr["threshold"] and ocr["pages"][0]["low"]
    assert any(w.startswith("page 2: OCR confidence") for w in report["warnings"])
    flagged = {p["name"]: p.get("ocr_low_confidence", False) for p in report["places"]}
    assert flagged["Robertsfors"] and flagged["Vännäs"]  # found only on the poor scan
    assert flagged["Lycksele"] is False and flagged["Storuman"] is False  # also on the text page
    evidence = [e for d in report["dimensions"] for i in d["indicators"] for e in i["evidence"]]
    assert evidence and all(e.get("ocr_low_confidence", False) == (e["page"] == 2) for e in evidence)
    # the trust marks are part of the published report schema
    errors = [e for e in schemas.validator("report").iter_errors(report)]
    assert not [e.message for e in errors if "ocr" in e.message or "ocr" in map(str, e.absolute_path)]

    # The second run reads the OCR result from the cache, keyed by the file and the OCR settings.
    assert any("ocr" in f.name for f in (cache_dir / "extract").iterdir())
    md = run("scan", "--ocr", str(poor_scan), "-f", "markdown")
    assert md.returncode == 0 and "OCR-lästa sidor (medelsäkerhet 0–100): 2 (" in md.stdout
    assert "Robertsfors ⚠ (endast på osäkra OCR-sidor)" in md.stdout


@needs_tesseract
def test_without_ocr_a_mixed_pdf_warns_and_a_scan_fails_naming_the_option(poor_scan, tmp_path):
    r = run("scan", str(poor_scan), "-f", "json", "--no-cache")
    assert r.returncode == 0
    warnings = json.loads(r.stdout)["warnings"]
    assert any("(2)" in w and "--ocr" in w for w in warnings)
    scan_only = make_scanned_pdf(tmp_path / "skanning.pdf", [PAGES["culture"]], [Scan(75)])
    r = run("scan", str(scan_only), "--no-cache")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert r.stderr.startswith(f"error: {scan_only}: no text layer") and "--ocr" in r.stderr


def test_missing_tesseract_or_swedish_data_is_one_line_naming_the_package(poor_scan, tmp_path):
    no_binary = run("scan", "--ocr", str(poor_scan), "--no-cache", env={"PATH": os.path.dirname(sys.executable)})
    assert no_binary.returncode == 2 and no_binary.stderr.count("\n") == 1
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in no_binary.stderr
    if shutil.which("tesseract"):
        empty = tmp_path / "tessdata"
        empty.mkdir()
        no_swedish = run("scan", "--ocr", str(poor_scan), "--no-cache", env={"TESSDATA_PREFIX": str(empty)})
        assert no_swedish.returncode == 2 and no_swedish.stderr.count("\n") == 1
        assert "'swe' data" in no_swedish.stderr and "apt-get install tesseract-ocr-swe" in no_swedish.stderr


@needs_tesseract
def test_check_reads_a_scan_when_the_settings_say_ocr_auto(tmp_path):
    (tmp_path / ".git").mkdir()  # bounds the settings search to this folder
    (tmp_path / "rusaudit.toml").write_text('ocr = "auto"\n[min_score]\nterritorial = 10\n', encoding="utf-8")
    scan = make_scanned_pdf(tmp_path / "utkast.pdf", [PAGES["health"]], [Scan(200)])
    command = [sys.executable, "-m", "rusaudit", "check", str(scan), "-f", "json"]
    r = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["settings"]["ocr"] == "auto"
