"""The extraction cache: hit, miss, corrupt or stale entries rebuilt, never trusted."""

import json
import shutil

import pytest
from pdfmaker import make_pdf

import rusaudit.extract.pdf as pdf_module
from rusaudit import cache
from rusaudit.errors import InputError


@pytest.fixture
def extractions(monkeypatch):
    """Counts calls of the real PDF extractor."""
    calls = []
    real = pdf_module.extract_pdf

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(pdf_module, "extract_pdf", counting)
    return calls


@pytest.fixture
def pdf(tmp_path):
    return str(
        make_pdf(
            tmp_path / "strategi.pdf",
            [
                ["# Vision", "Umeå och Skellefteå växer längs kusten."],
                ["Karta 1. Länets kommuner", "Inlandet krymper."],
            ],
        )
    )


def entries(folder):
    return sorted((folder / "extract").glob("*.json"))


def test_miss_then_hit(cache_dir, extractions, pdf):
    first, hit1 = cache.load_document_cached(pdf)
    second, hit2 = cache.load_document_cached(pdf)
    assert (hit1, hit2) == (False, True)
    assert len(extractions) == 1  # the second load did not run the extractor
    assert [e.name for e in entries(cache_dir)] == [f"{first.sha256}-pdf.json"]  # the key holds the file type
    assert second.pages == first.pages and second.warnings == first.warnings
    assert (second.path, second.sha256, second.format) == (first.path, first.sha256, first.format)


def test_same_content_under_another_name_is_a_hit_with_its_own_path(cache_dir, extractions, pdf, tmp_path):
    cache.load_document_cached(pdf)
    copy = tmp_path / "kopia.pdf"
    shutil.copy(pdf, copy)
    doc, hit = cache.load_document_cached(str(copy))
    assert hit and doc.path == str(copy)
    assert len(extractions) == 1


def test_changed_file_is_a_miss(cache_dir, extractions, pdf, tmp_path):
    cache.load_document_cached(pdf)
    make_pdf(pdf, [["Helt ny text om Lycksele."]])
    doc, hit = cache.load_document_cached(pdf)
    assert not hit and "Lycksele" in doc.pages[0].text
    assert len(extractions) == 2 and len(entries(cache_dir)) == 2


def _damage(entry, how):
    text = entry.read_text(encoding="utf-8")
    data = json.loads(text)
    if how == "truncated":
        entry.write_text(text[: len(text) // 2], encoding="utf-8")
    elif how == "garbage":
        entry.write_bytes(b"\x00\xff garbage \xfe")
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "not an object":
        entry.write_text("[1, 2, 3]", encoding="utf-8")
    elif how == "extractor version":
        data["stamp"]["extractor"] = "0-old"
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "extractor code":
        data["stamp"]["code"] = "0123456789abcdef"
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "tool version":
        data["stamp"]["tool"] = "0.0.0"
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "other file's hash":
        data["document"]["sha256"] = "0" * 64
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "wrong types":
        data["document"]["pages"][0]["number"] = "1"
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif how == "no pages":
        data["document"]["pages"] = []
        entry.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "garbage",
        "empty",
        "not an object",
        "extractor version",
        "extractor code",
        "tool version",
        "other file's hash",
        "wrong types",
        "no pages",
    ],
)
def test_corrupt_or_stale_entry_is_rebuilt(cache_dir, extractions, pdf, how):
    original, _ = cache.load_document_cached(pdf)
    [entry] = entries(cache_dir)
    _damage(entry, how)
    doc, hit = cache.load_document_cached(pdf)
    assert not hit  # never trusted
    assert len(extractions) == 2  # extracted again
    assert doc.pages == original.pages
    # The entry was replaced by a good one: the next load is a hit.
    again, hit = cache.load_document_cached(pdf)
    assert hit and again.pages == original.pages
    assert len(extractions) == 2


def test_no_cache_neither_reads_nor_writes(cache_dir, extractions, pdf):
    _, hit = cache.load_document_cached(pdf, use_cache=False)
    assert not hit and not cache_dir.exists()
    cache.load_document_cached(pdf)
    _, hit = cache.load_document_cached(pdf, use_cache=False)
    assert not hit and len(extractions) == 3


def test_unreadable_files_are_not_cached(cache_dir, tmp_path):
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n<<")
    for _ in range(2):
        with pytest.raises(InputError):
            cache.load_document_cached(str(bad))
    with pytest.raises(InputError, match="file not found"):
        cache.load_document_cached(str(tmp_path / "saknas.pdf"))
    assert not entries(cache_dir)


def test_clear_removes_entries(cache_dir, pdf, tmp_path):
    cache.load_document_cached(pdf)
    other = make_pdf(tmp_path / "annan.pdf", [["Text om Vilhelmina."]])
    cache.load_document_cached(str(other))
    assert len(entries(cache_dir)) == 2
    assert cache.clear() == 2
    assert not (cache_dir / "extract").exists()
    assert cache.clear() == 0


def test_cache_dir_follows_env_then_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("RUSAUDIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "rusaudit"


def test_cached_document_gives_the_same_report(cache_dir, corpus):
    from rusaudit.api import audit

    path = str(corpus / "24-vasterbotten-mellan.pdf")
    fresh = audit(path).to_json()
    assert audit(path, cache=True).to_json() == fresh  # miss: extracted and stored
    assert audit(path, cache=True).to_json() == fresh  # hit: read back from JSON
    assert len(entries(cache_dir)) == 1
