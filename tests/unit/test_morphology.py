import pytest

from rusaudit.analyse.morphology import TermIndex, bases, expand_ellipsis


@pytest.fixture(scope="module")
def index():
    idx = TermIndex()
    idx.add("landsbygd", "landsbygd")
    idx.add("glesbygd", "glesbygd")
    idx.add("stad", "stad")
    idx.add("kommun", "kommun")
    idx.add("strak", "stråk", head=True)
    idx.add("ort", "ort")
    return idx


@pytest.mark.parametrize(
    "word", ["landsbygd", "landsbygden", "landsbygder", "landsbygderna", "landsbygdernas", "landsbygdsutveckling"]
)
def test_landsbygd_forms(index, word):
    assert "landsbygd" in index.lookup(word)


def test_compound_modifier_and_umlaut(index):
    assert "glesbygd" in index.lookup("glesbygdskommuner")
    assert "stad" in index.lookup("städer") and "stad" in index.lookup("städerna")
    assert "kommun" in index.lookup("kommunernas")


def test_head_compounds_only_when_allowed(index):
    assert "strak" in index.lookup("utvecklingsstråken")
    assert "stad" not in index.lookup("bostad")  # stad is not a head term
    assert "ort" not in index.lookup("transport") and "ort" not in index.lookup("rapporten")


def test_short_terms_do_not_hide_in_other_words(index):
    assert index.lookup("ortodox") == frozenset()
    assert index.lookup("stadium") == frozenset()


def test_ellipsis_expands_to_known_word(index):
    assert expand_ellipsis("gles-", "landsbygder", lambda w: bool(index.exact(w))) == "glesbygder"
    assert expand_ellipsis("mark-", "vattenfrågor", lambda w: bool(index.exact(w))) is None


def test_bases_include_irregular_plural():
    assert "stad" in bases("städer")
    assert "cykel" in bases("cyklar")


def test_lookup_lemmas_cover_irregular_forms():
    from rusaudit.analyse.morphology import lookup_lemmas

    idx = TermIndex()
    idx.add("göra", "göra", compound=False)
    assert "göra" not in idx.lookup("gjorde")  # no ending rule gets there
    idx.use_lemmas(lookup_lemmas(idx.base_forms))
    assert "göra" in idx.lookup("gjorde")
    assert "göra" in idx.lookup("gjort")


def test_shipped_lemma_forms_equal_the_streamed_table():
    """The precomputed forms of the default rules' lemmas are what the table itself gives;
    a lemma outside them is still found (streamed)."""
    from rusaudit.analyse.morphology import _shipped, lookup_lemmas, stream_lemmas

    shipped = _shipped()
    assert shipped is not None, "rebuild with: python -m rusaudit.analyse.morphology"
    covered, _ = shipped
    sample = set(sorted(covered)[::7]) | {"kommun", "region"}
    assert lookup_lemmas(sample) == stream_lemmas(sample)
    extra = lookup_lemmas({"hästsko"} - covered)
    assert extra == stream_lemmas({"hästsko"})


def test_shipped_lemma_forms_cover_every_default_rule_term():
    """Start-up never streams the 660k-entry table for the bundled rules: when a default rule
    gains a term, the shipped subset must be rebuilt (python -m rusaudit.analyse.morphology)."""
    from rusaudit.analyse.morphology import _shipped
    from rusaudit.api import analyzer

    covered, _ = _shipped()
    missing = sorted(analyzer().rules.index.base_forms - covered)
    assert not missing, f"rebuild with: python -m rusaudit.analyse.morphology ({missing[:5]} …)"
