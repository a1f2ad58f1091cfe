"""The report cache: a second scan of an unchanged file with unchanged rules skips the analysis."""

import shutil

import pytest
from pdfmaker import make_pdf

import rusaudit.api as api
import rusaudit.extract.pdf as pdf_module
from rusaudit import cache
from rusaudit.api import Options


@pytest.fixture
def calls(monkeypatch):
    """Counts calls of the PDF extractor and of the analysis."""
    seen = {"extract": 0, "analyse": 0}
    real_extract, real_audit = pdf_module.extract_pdf, api.audit_document

    def extract(path):
        seen["extract"] += 1
        return real_extract(path)

    def analyse(doc, options=Options(), *progress):
        seen["analyse"] += 1
        return real_audit(doc, options, *progress)

    monkeypatch.setattr(pdf_module, "extract_pdf", extract)
    monkeypatch.setattr(api, "audit_document", analyse)
    return seen


@pytest.fixture
def pdf(tmp_path):
    return str(make_pdf(tmp_path / "strategi.pdf", [["# Utmaningar", "I Sorsele och Dorotea minskar befolkningen."]]))


def test_second_scan_reads_the_report_and_analyses_nothing(cache_dir, calls, pdf):
    first = cache.audit_cached(pdf, Options())
    second = cache.audit_cached(pdf, Options())
    assert (first.report_cached, second.report_cached) == (False, True)
    assert calls == {"extract": 1, "analyse": 1}
    assert second.report.to_json() == first.report.to_json()


def test_same_content_under_another_name_keeps_its_own_path(cache_dir, calls, pdf, tmp_path):
    cache.audit_cached(pdf, Options())
    copy = tmp_path / "kopia.pdf"
    shutil.copy(pdf, copy)
    got = cache.audit_cached(str(copy), Options())
    assert got.report_cached and got.report.document["path"] == str(copy)


def test_other_options_or_rules_are_a_miss(cache_dir, calls, pdf, tmp_path):
    cache.audit_cached(pdf, Options())
    assert not cache.audit_cached(pdf, Options(region="25")).report_cached
    rules = tmp_path / "regler"
    rules.mkdir()
    (rules / "places.yaml").write_text(
        "places:\n  - name: Bastuträsk\n    kind: locality\n    municipality: '2417'\n", encoding="utf-8"
    )
    assert not cache.audit_cached(pdf, Options(rules=(str(rules),))).report_cached
    assert calls["extract"] == 1  # the extraction was still reused
    assert calls["analyse"] == 3


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong key"])
def test_corrupt_report_entry_is_rebuilt_never_trusted(cache_dir, calls, pdf, damage):
    good = cache.audit_cached(pdf, Options()).report.to_json()
    [entry] = (cache_dir / "reports").glob("*.json")
    text = entry.read_text(encoding="utf-8")
    broken = {
        "garbage": "{not json",
        "truncated": text[: len(text) // 2],
        "wrong key": text.replace('"key": "', '"key": "x'),
    }
    entry.write_text(broken[damage], encoding="utf-8")
    again = cache.audit_cached(pdf, Options())
    assert not again.report_cached and again.report.to_json() == good
    assert cache.audit_cached(pdf, Options()).report_cached  # rebuilt entry is good


def test_no_cache_neither_reads_nor_writes_reports(cache_dir, calls, pdf):
    cache.audit_cached(pdf, Options(), use_cache=False)
    cache.audit_cached(pdf, Options(), use_cache=False)
    assert calls == {"extract": 2, "analyse": 2} and not (cache_dir / "reports").exists()
