"""Every reader, fed random and mutated bytes, gives a result or one line, within a budget.

Readers: YAML (rule and places files), TOML (settings), JSON (baselines, cache entries),
PDF, Word and Markdown/text documents. Anything other than a result or a RusauditError
with a one-line message is a bug; so is an example slower than its deadline, or the
process growing past the memory budget.
"""

from __future__ import annotations

import resource
from datetime import timedelta
from pathlib import Path

import pytest
from harness import DOC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfmaker import make_pdf

from rusaudit.errors import RusauditError

ROOT = Path(__file__).resolve().parents[2]
MEMORY_BUDGET = 2 << 30  # peak resident memory of the test process, bytes

FAST = settings(
    max_examples=40,
    deadline=timedelta(seconds=5),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SLOW = settings(FAST, max_examples=15, deadline=timedelta(seconds=20))


@st.composite
def mutated(draw, seed: bytes):
    """`seed` with a few bytes flipped, a slice removed or repeated, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        how = draw(st.sampled_from(["flip", "cut", "repeat", "truncate", "insert"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if how == "flip":
            data[i] = draw(st.integers(0, 255))
        elif how == "cut":
            del data[i : i + draw(st.integers(1, 64))]
        elif how == "repeat":
            data[i:i] = data[i : i + draw(st.integers(1, 32))] * draw(st.integers(2, 50))
        elif how == "truncate":
            del data[i:]
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


def _either(call):
    """Run a reader: a result, or a RusauditError with one short line."""
    try:
        return call()
    except RusauditError as err:
        line = err.line()
        assert "\n" not in line and "\r" not in line and line.startswith("error: "), line
        assert len(line) < 600, line
        return None
    finally:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        assert peak < MEMORY_BUDGET, f"peak memory {peak >> 20} MB"


def _bytes_or_mutated(seed: bytes):
    return st.one_of(st.binary(max_size=4096), mutated(seed))


# ---------------------------------------------------------------- documents


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    from draftmaker import md_to_docx

    folder = tmp_path_factory.mktemp("seeds")
    pdf = make_pdf(folder / "s.pdf", [["# Utmaningar", "I Sorsele och Dorotea minskar befolkningen."], ["Umeå växer."]])
    docx = md_to_docx(DOC, folder / "s.docx")
    return {"pdf": pdf.read_bytes(), "docx": Path(docx).read_bytes(), "md": DOC.encode(), "txt": DOC.encode()}


def _load(tmp_path, suffix: str, data: bytes):
    from rusaudit.extract import load_document

    path = tmp_path / f"x.{suffix}"
    path.write_bytes(data)
    return _either(lambda: load_document(str(path)))


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_binary_documents_give_a_document_or_one_line(tmp_path, seeds, suffix):
    @SLOW
    @given(data=_bytes_or_mutated(seeds[suffix]))
    def check(data):
        doc = _load(tmp_path, suffix, data)
        assert doc is None or doc.words > 0

    check()


@pytest.mark.parametrize("suffix", ["md", "txt"])
def test_text_documents_give_a_document_or_one_line(tmp_path, seeds, suffix):
    @FAST
    @given(data=st.one_of(_bytes_or_mutated(seeds[suffix]), st.text(max_size=2000).map(str.encode)))
    def check(data):
        doc = _load(tmp_path, suffix, data)
        assert doc is None or doc.words > 0

    check()


def test_a_whole_audit_of_mutated_markdown_gives_a_report_or_one_line(tmp_path, seeds):
    from rusaudit.api import audit

    @SLOW
    @given(data=mutated(seeds["md"] * 3))
    def check(data):
        path = tmp_path / "r.md"
        path.write_bytes(data)
        report = _either(lambda: audit(str(path)))
        assert report is None or report.to_json().startswith("{")

    check()


# ---------------------------------------------------------------- YAML, TOML, JSON


def test_rule_files_give_a_rulebook_or_one_line(tmp_path):
    from rusaudit.rulelang.loading import load_rulebook

    seed = (ROOT / "rules" / "collaboration.yaml").read_bytes()

    @SLOW
    @given(data=_bytes_or_mutated(seed))
    def check(data):
        folder = tmp_path / "regler"
        folder.mkdir(exist_ok=True)
        (folder / "egna.yaml").write_bytes(data)
        _either(lambda: load_rulebook((str(folder),), defaults=False))

    check()


def test_places_files_give_a_gazetteer_or_one_line(tmp_path):
    from rusaudit.analyse.gazetteer import load_gazetteer

    seed = (ROOT / "tests" / "gold" / "places.yaml").read_bytes()[:3000]

    @SLOW
    @given(data=_bytes_or_mutated(seed))
    def check(data):
        path = tmp_path / "places.yaml"
        path.write_bytes(data)
        _either(lambda: load_gazetteer((str(path),)))

    check()


def test_settings_files_give_settings_or_one_line(tmp_path):
    from rusaudit.gate.config import load_config

    seed = b'region = "24"\ntolerance = 2.5\n[min_score]\noverall = 40\n[limits]\nmax_pages = 300\n'

    @FAST
    @given(data=_bytes_or_mutated(seed))
    def check(data):
        path = tmp_path / "rusaudit.toml"
        path.write_bytes(data)
        _either(lambda: load_config(str(path)))

    check()


def test_baselines_give_a_baseline_or_one_line(tmp_path):
    from rusaudit.gate.baseline import load

    seed = b'{"rusaudit_baseline": 1, "rules_version": "x", "documents": {"rus.md": {"scores": {"overall": 40.5}, '
    seed += b'"rules": {"territorial.places": 3}, "indicators": {}, "fingerprint": "ab", "sha256": "cd"}}}'

    @FAST
    @given(data=_bytes_or_mutated(seed))
    def check(data):
        path = tmp_path / "base.json"
        path.write_bytes(data)
        _either(lambda: load(str(path)))

    check()


def test_cache_entries_are_used_or_rebuilt_never_raise(tmp_path, monkeypatch):
    from rusaudit import cache
    from rusaudit.api import Options

    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(tmp_path / "c"))
    doc = tmp_path / "rus.md"
    doc.write_text(DOC, encoding="utf-8")
    fresh = cache.audit_cached(str(doc), Options()).report.to_json()
    [entry] = (tmp_path / "c" / "reports").glob("*.json")
    seed = entry.read_bytes()

    @SLOW
    @given(data=_bytes_or_mutated(seed))
    def check(data):
        entry.write_bytes(data)
        got = cache.audit_cached(str(doc), Options())
        assert got.report.to_json() == fresh or got.report_cached  # a valid entry may differ only if intact

    check()
