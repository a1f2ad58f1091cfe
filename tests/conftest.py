from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Tests (and the rusaudit processes they start) never touch the user's real cache.
os.environ["RUSAUDIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="rusaudit-test-cache-")
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty rusaudit cache for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("RUSAUDIT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def analyzer():
    from rusaudit.api import analyzer as build

    return build()


@pytest.fixture(scope="session")
def gazetteer():
    from rusaudit.analyse.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def place_matcher(gazetteer):
    from rusaudit.analyse.places import PlaceMatcher

    return PlaceMatcher(gazetteer)


@pytest.fixture(scope="session")
def find_places(analyzer):
    """Place ids found in one sentence, through the real pipeline."""
    from rusaudit.extract.model import Block, Document, Page

    def run(text: str, region: str | None = None) -> list[str]:
        """With `region`, as in a whole analysis of a document about that county."""
        doc = Document("<test>", "0", "txt", [Page(1, [Block(text)])])
        sentences = analyzer.run(doc, region).sentences if region else analyzer.sentences(doc)
        return sorted({h.place.id for s in sentences for h in s.places})

    return run


@pytest.fixture(scope="session")
def find_rules(analyzer):
    """Rule ids matched in one text, through the real pipeline."""
    from rusaudit.extract.model import Block, Document, Page

    def run(text: str) -> set[str]:
        doc = Document("<test>", "0", "txt", [Page(1, [Block(text)])])
        return {m.rule for s in analyzer.sentences(doc) for m in s.matches}

    return run
