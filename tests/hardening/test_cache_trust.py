"""Nothing in the cache is executed or trusted; `cache clear` removes only rusaudit's files."""

from __future__ import annotations

import hashlib
import json
import os
import pickle

import pytest
from harness import DOC, run

from rusaudit import cache
from rusaudit.api import Options


class _Planted:
    """A pickle that, when loaded, leaves a file behind."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_in_the_cache_never_runs(tmp_path, doc):
    from jinja2.bccache import bc_magic

    cache_root = tmp_path / "c"
    templates = cache_root / "templates"
    templates.mkdir(parents=True)
    marker = tmp_path / "PWNED"
    for name in ("report.html.j2", "_base.html.j2", "_macros.html.j2", "comparison.html.j2"):
        key = hashlib.sha1(name.encode()).hexdigest()
        (templates / f"__jinja2_{key}.cache").write_bytes(bc_magic + pickle.dumps(_Planted(str(marker)), 2))
    for extra in ([], ["--no-cache"]):
        r = run("scan", "rus.md", "-f", "html", *extra, cwd=tmp_path, cache=cache_root)
        assert r.returncode == 0, r.stderr
        assert "<html" in r.stdout
    assert not marker.exists()  # before: created by jinja2's bytecode cache on every HTML report


def test_no_cache_reads_and_writes_nothing(tmp_path, doc):
    r = run("scan", "rus.md", "-f", "html", "--no-cache", cwd=tmp_path, cache=tmp_path / "c")
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "c").exists()  # not even the map drawings


def _entries(root, sub):
    return sorted((root / sub).glob("*.json"))


def test_a_deeply_nested_extraction_entry_is_rebuilt(cache_dir, doc):
    first, _ = cache.load_document_cached(str(doc))
    [entry] = _entries(cache_dir, "extract")
    entry.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    again, hit = cache.load_document_cached(str(doc))  # before: RecursionError on every later scan
    assert not hit and again.pages == first.pages
    assert json.loads(entry.read_text(encoding="utf-8"))["document"]["sha256"] == first.sha256


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r["scores"].update(overall="högt"),  # before: HTML output crashed
        lambda r: r["dimensions"][0].update(score=[1, 2]),
        lambda r: r["places"].append({"id": 1}),
        lambda r: r["document"].update(pages="3"),
        lambda r: r.update(region={"code": 24, "name": None, "detected": True}),
    ],
)
def test_a_report_entry_of_the_wrong_shape_is_deleted_and_rebuilt(cache_dir, doc, damage):
    from rusaudit.report.html import render

    fresh = cache.audit_cached(str(doc), Options())
    [entry] = _entries(cache_dir, "reports")
    data = json.loads(entry.read_text(encoding="utf-8"))
    report = json.loads(data["report_json"])
    damage(report)
    data["report_json"] = json.dumps(report)
    entry.write_text(json.dumps(data), encoding="utf-8")
    got = cache.audit_cached(str(doc), Options())
    assert not got.report_cached and got.report.to_json() == fresh.report.to_json()
    assert "<html" in render(got.report)


def test_the_same_bytes_as_md_and_txt_are_two_reports(cache_dir, tmp_path):
    md, txt = tmp_path / "a.md", tmp_path / "a.txt"
    text = "# Rubrik\n\n- Umeå växer.\n- Skellefteå växer.\n"
    md.write_text(text, encoding="utf-8")
    txt.write_text(text, encoding="utf-8")
    a = cache.audit_cached(str(md), Options()).report
    b = cache.audit_cached(str(txt), Options())
    assert not b.report_cached  # before: the .txt got the .md's cached report
    assert (a.document["format"], b.report.document["format"]) == ("md", "txt")


def test_clear_removes_only_what_rusaudit_wrote(tmp_path, doc, monkeypatch):
    mine = tmp_path / "mine"  # a user's folder that RUSAUDIT_CACHE_DIR happens to point at
    (mine / "reports").mkdir(parents=True)
    own = mine / "reports" / "kvartal.json"
    own.write_text("{}", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / ("a" * 64 + ".json")
    victim.write_text("{}", encoding="utf-8")
    lure = outside / ("__jinja2_" + "c" * 40 + ".cache")
    lure.write_text("x", encoding="utf-8")
    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(mine))
    assert cache.clear() == 0  # no rusaudit tag yet: nothing is touched
    assert own.exists()
    cache.audit_cached(str(doc), Options())
    os.symlink(outside, mine / "templates")  # a link out of the cache is never followed
    link = mine / "extract" / ("b" * 64 + "-md.json")
    link.symlink_to(victim)  # nor is a link planted among the entries
    assert cache.clear() == 2  # the extraction and the report
    assert own.read_text(encoding="utf-8") == "{}"  # before: deleted
    assert victim.exists() and lure.exists() and link.is_symlink()
    assert not [p for p in (mine / "extract").glob("*.json") if not p.is_symlink()]


def test_an_unwritable_cache_folder_still_scans(tmp_path, doc):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    r = run("scan", "rus.md", "-f", "json", cwd=tmp_path, cache=blocker / "cache")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["document"]["format"] == "md"
    r = run("compare", "rus.md", "-o", "out", cwd=tmp_path, cache=blocker / "cache")
    assert r.returncode == 0, r.stderr


def test_a_read_only_cache_with_entries_is_read(tmp_path, doc, monkeypatch):
    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(tmp_path / "c"))
    cache.audit_cached(str(doc), Options())
    for root, _dirs, files in os.walk(tmp_path / "c"):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
        os.chmod(root, 0o555)
    try:
        assert cache.audit_cached(str(doc), Options()).report_cached
        other = tmp_path / "b.md"
        other.write_text(DOC + "\nLycksele.\n", encoding="utf-8")
        assert cache.audit_cached(str(other), Options()).report.document["words"] > 0
    finally:
        for root, _dirs, _files in os.walk(tmp_path / "c"):
            os.chmod(root, 0o755)
