"""OCR spends Tesseract's time only where it counts, and shares the cores.

Excluded pages (`exclude_pages` in rusaudit.toml, or outside `--pages`) are never sent to
Tesseract; in `compare --jobs N` the workers split the cores between them. A `tesseract`
first on PATH logs each call (its environment, and how many ran at that moment) and then
runs Debian's Tesseract, so what is observed is what rusaudit really asked of it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from scanmaker import PAGES, Scan, make_scanned_pdf

from rusaudit.api import Options, audit
from rusaudit.extract import ocr
from rusaudit.extract.ocr import ocr_scope

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")

KINDS = ["inland", "skills", "health", "culture"]

LOGGER = """#!/bin/sh
# Log a reading call (not --version or --list-langs) with its environment and the calls running, then read.
case "$*" in *hocr*) ;; *) exec {real} "$@" ;; esac
touch "{run}/$$"
echo "$OMP_THREAD_LIMIT $RUSAUDIT_OCR_JOBS $(ls "{run}" | wc -l)" >> "{log}"
{real} "$@"
code=$?
rm -f "{run}/$$"
exit $code
"""


@pytest.fixture
def tesseract_log(tmp_path):
    """PATH and a function giving the logged calls as (OMP_THREAD_LIMIT, RUSAUDIT_OCR_JOBS, running)."""
    folder, run, log = tmp_path / "bin", tmp_path / "running", tmp_path / "calls.log"
    folder.mkdir()
    run.mkdir()
    script = folder / "tesseract"
    script.write_text(LOGGER.format(real=shutil.which("tesseract"), run=run, log=log), encoding="utf-8")
    script.chmod(0o755)

    def calls() -> list[tuple[str, str, int]]:
        if not log.exists():
            return []
        return [(a, b, int(c)) for a, b, c in (line.split(" ") for line in log.read_text().splitlines())]

    return f"{folder}{os.pathsep}{os.environ['PATH']}", calls


@pytest.fixture(scope="module")
def four_scans(tmp_path_factory):
    path = tmp_path_factory.mktemp("ocr") / "fyra-sidor.pdf"
    return make_scanned_pdf(path, [PAGES[k] for k in KINDS], [Scan(150)] * 4)


def test_ocr_scope_is_pages_less_exclusions_written_one_way():
    assert ocr_scope(None, None) is None
    assert ocr_scope("3-40", None) == "3-40"
    assert ocr_scope(None, "45-60") == "1-44,61-"
    assert ocr_scope("3-40", "10-12") == "3-9,13-40"
    assert ocr_scope("1,3,5-7", "3") == "1,5-7"
    assert ocr_scope("5-", "7") == "5-6,8-"
    assert ocr_scope("-5,3-9", None) == ocr_scope("1-9", None) == "1-9"
    assert ocr_scope("1-10", "1-10") == ocr_scope(None, "1-") == ""  # nothing left to read


@needs_tesseract
def test_excluded_pages_are_never_sent_to_tesseract(four_scans, monkeypatch):
    import pytesseract

    real = pytesseract.image_to_pdf_or_hocr
    calls: list[int] = []
    monkeypatch.setattr(pytesseract, "image_to_pdf_or_hocr", lambda *a, **k: calls.append(1) or real(*a, **k))
    report = audit(str(four_scans), Options(ocr="auto", exclude_pages="2-3"))
    assert len(calls) == 2  # pages 1 and 4, one reading each
    assert [p["page"] for p in report.document["ocr"]["pages"]] == [1, 4]
    assert {p.name for p in report.places} >= {"Lycksele", "Storuman", "Robertsfors"}  # pages 1 and 4
    assert "Norsjö" not in {p.name for p in report.places}  # only on the excluded page 2

    calls.clear()  # --pages and exclude_pages together
    report = audit(str(four_scans), Options(ocr="auto", pages="2-4", exclude_pages="3"))
    assert len(calls) == 2 and [p["page"] for p in report.document["ocr"]["pages"]] == [2, 4]


@needs_tesseract
def test_settings_exclude_pages_keep_scan_from_reading_them(four_scans, tesseract_log, tmp_path, cache_dir):
    path, calls = tesseract_log
    (tmp_path / ".git").mkdir()  # bounds the settings search to this folder
    (tmp_path / "rusaudit.toml").write_text('exclude_pages = "1-3"\n', encoding="utf-8")
    command = [sys.executable, "-m", "rusaudit", "scan", "--ocr", str(four_scans), "-f", "json"]
    r = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PATH": path})
    assert r.returncode == 0, r.stderr
    assert len(calls()) == 1
    report = json.loads(r.stdout)
    assert [p["page"] for p in report["document"]["ocr"]["pages"]] == [4]
    assert {"kind": "pages", "pages": [1, 2, 3], "reason": "exclude_pages = '1-3'"} in report["excluded"]

    (tmp_path / "rusaudit.toml").write_text('exclude_pages = "1-4"\n', encoding="utf-8")  # nothing left
    r = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PATH": path})
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "exclude_pages" in r.stderr
    assert len(calls()) == 1  # still the one call of the first run


def test_ocr_pages_at_once_share_the_cores_among_documents(monkeypatch):
    monkeypatch.setattr(ocr, "cores", lambda: 8)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    monkeypatch.delenv(ocr.OCR_JOBS_ENV, raising=False)
    assert [ocr.page_jobs(n) for n in (1, 2, 3, 8, 16)] == [8, 4, 2, 1, 1]
    assert ocr.workers() == 8  # one document: a Tesseract per core
    monkeypatch.setenv("OMP_THREAD_LIMIT", "2")  # the user lets each Tesseract run 2 threads
    assert ocr.page_jobs(2) == 2
    monkeypatch.setenv(ocr.OCR_JOBS_ENV, "3")
    assert ocr.workers() == 3


@needs_tesseract
def test_compare_workers_split_the_cores_and_run_tesseract_single_threaded(tesseract_log, tmp_path):
    path, calls = tesseract_log
    docs = []
    for name, kinds in (("a", ["inland", "skills"]), ("b", ["health", "culture"])):
        docs.append(str(make_scanned_pdf(tmp_path / f"{name}.pdf", [PAGES[k] for k in kinds], [Scan(150)] * 2)))
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_THREAD_LIMIT", ocr.OCR_JOBS_ENV)}
    command = [sys.executable, "-m", "rusaudit", "compare", "--ocr", "--jobs", "2", "--no-cache", "-q", *docs]
    r = subprocess.run(
        [*command, "-o", str(tmp_path / "out")], capture_output=True, text=True, env={**env, "PATH": path}
    )
    assert r.returncode == 0, r.stderr
    share = str(max(1, ocr.cores() // 2))
    logged = calls()
    assert len(logged) == 4  # four pages, each read once
    assert all(omp == "1" and jobs == share for omp, jobs, _ in logged), logged
    assert max(running for *_, running in logged) <= 2 * int(share)  # never more than the two workers' share
    assert Path(tmp_path / "out").is_dir()
