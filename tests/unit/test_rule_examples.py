"""Every default rule carries examples, and the real pipeline honours them."""

import pytest

from rusaudit.rulelang import load_rulebook

BOOK = load_rulebook()
RULES = BOOK.rules


def test_rule_sets_loaded():
    assert {d.id for d in BOOK.dimensions} >= {"territorial", "national_strategy"}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_examples(rule):
    assert len(rule.examples["match"]) >= 2, "at least two positive examples"
    assert len(rule.examples["no_match"]) >= 1, "at least one negative example"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule, find_rules):
    for text in rule.examples["match"]:
        assert rule.id in find_rules(text), f"should match: {text}"
    for text in rule.examples["no_match"]:
        assert rule.id not in find_rules(text), f"should not match: {text}"


def test_national_strategy_rules_carry_a_source():
    ns = BOOK.dimension("national_strategy")
    assert ns and all(r.source for r in ns.rules)
    titles = {r.title["sv"] for r in ns.rules}
    for area in (
        "Likvärdiga möjligheter till boende, arbete och välfärd i hela landet",
        "Kompetensförsörjning och kompetensutveckling i hela landet",
        "Innovation och förnyelse samt entreprenörskap och företagande i hela landet",
        "Tillgänglighet i hela landet genom digital kommunikation och transportsystem",
    ):
        assert area in titles
