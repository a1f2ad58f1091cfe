"""`rusaudit compare` as a user meets it: outputs, parallel = serial, failures, cache, escaping."""

import csv
import json
import os
import shutil
import subprocess
import sys
import time

import pytest
from pdfmaker import make_pdf

SCRIPT = "<script>alert(1)</script>"
PDFS = [
    "12-skane.pdf",
    "14-vastra-gotaland.pdf",
    "20-dalarna.pdf",
    "23-jamtland-harjedalen.pdf",
    "24-vasterbotten-generisk.pdf",
    "24-vasterbotten-mellan.pdf",
    "24-vasterbotten-platsbaserad.pdf",
    "25-norrbotten.pdf",
]


def run(*args, cache, cwd=None):
    env = dict(os.environ, RUSAUDIT_CACHE_DIR=str(cache), COLUMNS="200")  # names unwrapped
    return subprocess.run([sys.executable, "-m", "rusaudit", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def batch(tmp_path_factory, corpus):
    """compare corpus/ with one worker and with two, each with a cold cache."""
    root = tmp_path_factory.mktemp("compare")
    out = {}
    for jobs in ("1", "2"):
        r = run(
            "compare", "corpus", "-o", str(root / jobs), "--jobs", jobs, cache=root / f"cache{jobs}", cwd=corpus.parent
        )
        assert r.returncode == 0, r.stderr
        out[jobs] = (root / jobs, r)
    return out


def test_parallel_equals_serial(batch):
    one, two = batch["1"][0], batch["2"][0]
    for name in ("comparison.json", "comparison.csv", "comparison.html"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    for f in sorted((one / "reports").iterdir()):
        assert f.read_bytes() == (two / "reports" / f.name).read_bytes(), f.name


def test_outputs_of_the_demo_batch(batch):
    folder, r = batch["2"]
    data = json.loads((folder / "comparison.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in data["documents"]] == [f"corpus/{n}" for n in PDFS]  # README.md is not a strategy
    assert data["errors"] == []
    assert sorted(d["rank"] for d in data["documents"]) == list(range(1, 9))
    # One strategy per county on the map: for Västerbotten the place-based one (highest territorial score).
    counties = {c["code"]: c["path"] for c in data["counties"]}
    assert sorted(counties) == ["12", "14", "20", "23", "24", "25"]
    assert counties["24"] == "corpus/24-vasterbotten-platsbaserad.pdf"
    by_path = {d["path"]: d for d in data["documents"]}
    generic = by_path["corpus/24-vasterbotten-generisk.pdf"]
    assert generic["scores"]["territorial"] == 0 and generic["key_indicators"]["municipalities_named"] == 0
    assert generic["region"] == {"code": "24", "name": "Västerbottens län", "source": "text"}
    assert len(generic["never_named"]) == 15
    place_based = by_path["corpus/24-vasterbotten-platsbaserad.pdf"]
    assert place_based["rank"] == 1 and place_based["key_indicators"]["municipalities_named"] == 15
    # One JSON and one HTML report per document, named in the comparison.
    for d in data["documents"]:
        report = json.loads((folder / d["reports"]["json"]).read_text(encoding="utf-8"))
        assert report["document"]["path"] == d["path"] and report["scores"]["overall"] == d["scores"]["overall"]
        assert (folder / d["reports"]["html"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    rows = list(csv.DictReader((folder / "comparison.csv").open(encoding="utf-8")))
    assert [row["path"] for row in rows] == [f"corpus/{n}" for n in PDFS]
    assert rows[0]["region_code"] == "12" and float(rows[0]["territorial"]) > 80
    page = (folder / "comparison.html").read_text(encoding="utf-8")
    assert page.count('<path class="area') == 21
    assert 'href="reports/24-vasterbotten-mellan.html"' in page
    # The ranking table on stdout, best first; the summary on stderr.
    lines = [ln for ln in r.stdout.splitlines() if ".pdf" in ln]
    assert "24-vasterbotten-platsbaserad.pdf" in lines[0] and "24-vasterbotten-generisk.pdf" in lines[-1]
    assert "8 av 8 dokument jämförda (0 från cachen)" in r.stderr


def test_geography_matrix_blind_columns_in_comparison(batch):
    data = json.loads((batch["1"][0] / "comparison.json").read_text(encoding="utf-8"))
    with_matrix = [d for d in data["documents"] if "geography_matrix" in d]
    assert len(with_matrix) == 8
    generic = next(d for d in with_matrix if d["path"].endswith("generisk.pdf"))
    assert generic["geography_matrix"]["blind"]  # a geography-blind strategy
    assert all("evidence" not in c for c in generic["geography_matrix"]["cells"])


def test_a_damaged_file_is_listed_and_the_others_compared(tmp_path, corpus):
    batch_dir = tmp_path / "in"
    batch_dir.mkdir()
    for name in ("25-norrbotten.pdf", "20-dalarna.pdf"):
        shutil.copy(corpus / name, batch_dir / name)
    (batch_dir / "13-trasig.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    (batch_dir / "noter.docx.bak").write_bytes(b"not a strategy")  # not a supported type: not collected
    r = run("compare", str(batch_dir), "-o", str(tmp_path / "out"), "--jobs", "2", cache=tmp_path / "cache")
    assert r.returncode == 1
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {batch_dir / '13-trasig.pdf'}: damaged PDF")
    data = json.loads((tmp_path / "out" / "comparison.json").read_text(encoding="utf-8"))
    assert [d["name"] for d in data["documents"]] == ["20-dalarna.pdf", "25-norrbotten.pdf"]
    assert data["errors"][0]["path"].endswith("13-trasig.pdf") and "damaged PDF" in data["errors"][0]["reason"]
    page = (tmp_path / "out" / "comparison.html").read_text(encoding="utf-8")
    assert "Kunde inte läsas" in page and "13-trasig.pdf" in page
    assert "Traceback" not in r.stderr


def test_usage_errors_exit_2(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("compare", str(empty), "-o", str(tmp_path / "out"), cache=tmp_path / "c")
    assert r.returncode == 2 and r.stderr.startswith("error: no strategy files (.pdf, .docx, .md")
    assert run("compare", str(empty), "--jobs", "0", cache=tmp_path / "c").returncode == 2
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    r = run("compare", str(afile), "-o", str(afile), cache=tmp_path / "c")
    assert r.returncode == 2 and "must be a folder" in r.stderr


def test_region_from_filename(tmp_path, corpus):
    # Dalarna's text, filed under Västra Götaland's code: the flag makes the file name decide.
    shutil.copy(corpus / "20-dalarna.pdf", tmp_path / "14-strategi.pdf")
    for flag, code, source in (([], "20", "text"), (["--region-from-filename"], "14", "filename")):
        out = tmp_path / f"out{code}"
        r = run("compare", str(tmp_path / "14-strategi.pdf"), "-o", str(out), *flag, cache=tmp_path / "c")
        assert r.returncode == 0, r.stderr
        doc = json.loads((out / "comparison.json").read_text(encoding="utf-8"))["documents"][0]
        assert (doc["region"]["code"], doc["region"]["source"]) == (code, source)


def test_script_in_a_pdf_is_escaped_in_both_html_outputs(tmp_path):
    pdf = make_pdf(
        tmp_path / "24-farlig.pdf",
        [["# Vision", f"Regionen satsar på Umeå, Lycksele och Vindeln {SCRIPT} längs kusten.", "Inlandet växer."]],
    )
    cache = tmp_path / "cache"
    r = run("scan", str(pdf), "-f", "html", "-o", str(tmp_path / "scan.html"), "--region", "24", cache=cache)
    assert r.returncode == 0, r.stderr
    r = run("compare", str(pdf), "-o", str(tmp_path / "cmp"), "--region-from-filename", cache=cache)
    assert r.returncode == 0, r.stderr
    pages = [tmp_path / "scan.html", tmp_path / "cmp" / "comparison.html", tmp_path / "cmp/reports/24-farlig.html"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page  # shown, as text


def test_second_compare_reads_the_cache_and_never_calls_the_extractor(tmp_path, corpus, monkeypatch):
    from typer.testing import CliRunner

    from rusaudit.cli import app

    cache = tmp_path / "cache"
    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(cache))
    files = [str(corpus / n) for n in ("25-norrbotten.pdf", "24-vasterbotten-mellan.pdf", "12-skane.pdf")]
    runner = CliRunner()
    timings, stamps = [], []
    for n in range(2):
        start = time.perf_counter()
        res = runner.invoke(app, ["compare", *files, "-o", str(tmp_path / f"out{n}"), "--jobs", "1"])
        timings.append(time.perf_counter() - start)
        assert res.exit_code == 0, res.output
        stamps.append(sorted((p.name, p.stat().st_mtime_ns) for p in cache.glob("*/*.json")))
    assert "(3 från cachen)" in res.stderr  # every extraction (and report) came from the cache
    assert stamps[0] == stamps[1]  # and nothing was extracted or written again
    assert (tmp_path / "out0/comparison.json").read_bytes() == (tmp_path / "out1/comparison.json").read_bytes()
    print(f"compare of 3 PDFs: cold {timings[0]:.2f} s, warm {timings[1]:.2f} s")
    # --no-cache extracts again, and neither reads nor writes the cache
    res = runner.invoke(app, ["compare", *files, "-o", str(tmp_path / "out2"), "--jobs", "1", "--no-cache"])
    assert res.exit_code == 0 and "(0 från cachen)" in res.stderr
    assert sorted((p.name, p.stat().st_mtime_ns) for p in cache.glob("*/*.json")) == stamps[0]


def test_cache_clear(tmp_path, corpus):
    cache = tmp_path / "cache"
    r = run("scan", str(corpus / "20-dalarna.pdf"), "-f", "json", cache=cache)
    assert r.returncode == 0 and len(list((cache / "extract").glob("*.json"))) == 1
    assert len(list((cache / "reports").glob("*.json"))) == 1
    r = run("cache", "clear", cache=cache)
    assert r.returncode == 0 and r.stdout.startswith("2 cachade poster")
    assert not list(cache.glob("extract/*.json")) and not list(cache.glob("reports/*.json"))
    r = run("scan", str(corpus / "20-dalarna.pdf"), "-f", "json", "--no-cache", cache=cache)
    assert r.returncode == 0 and not (cache / "extract").exists()


def test_a_document_that_is_no_strategy_is_marked_in_every_output(tmp_path, corpus):
    batch_dir = tmp_path / "in"
    batch_dir.mkdir()
    shutil.copy(corpus / "25-norrbotten.pdf", batch_dir / "25-norrbotten.pdf")
    (batch_dir / "protokoll.md").write_text(
        "# Protokoll från sammanträdet\n\n"
        "Nämnden beslutade att godkänna ärendet om bredband i Luleå, Piteå och Kiruna.\n\n"
        "# Övriga frågor\n\nInga övriga frågor anmäldes vid mötet i Boden.\n",
        encoding="utf-8",
    )
    r = run("compare", str(batch_dir), "-o", str(tmp_path / "out"), "--jobs", "1", cache=tmp_path / "cache")
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "out" / "comparison.json").read_text(encoding="utf-8"))
    genres = {d["name"]: d["genre"] for d in data["documents"]}
    assert genres == {"25-norrbotten.pdf": "strategy", "protokoll.md": "other"}
    assert "protokoll.md *" in r.stdout and "25-norrbotten.pdf *" not in r.stdout
    assert "* läses inte som en regional utvecklingsstrategi" in r.stdout
    with open(tmp_path / "out" / "comparison.csv", encoding="utf-8") as fh:
        rows = {row["path"].rsplit("/", 1)[-1]: row["genre"] for row in csv.DictReader(fh)}
    assert rows == genres
    page = (tmp_path / "out" / "comparison.html").read_text(encoding="utf-8")
    assert page.count('<abbr class="genre"') == 1 and "läses inte som en regional utvecklingsstrategi" in page
