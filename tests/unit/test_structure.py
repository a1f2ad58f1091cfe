"""Strategy elements from headings first, sentence cues second."""

import pytest

from rusaudit.analyse.structure import classify, heading_element


@pytest.mark.parametrize(
    "heading, element",
    [
        ("Förutsättningar och utmaningar", "challenges"),
        ("Nulägesanalys", "challenges"),
        ("Vision 2035", "vision_goals"),
        ("Mål 2. Fler i arbete", "vision_goals"),
        ("Prioriteringar", "strategic_choices"),
        ("Fyra insatsområden", "strategic_choices"),
        ("Strategiska val för hela länet", "strategic_choices"),
        ("Målområden", "strategic_choices"),
        ("Genomförande", "strategic_choices"),
        ("Inledning", None),
        ("Samverkan", None),
    ],
)
def test_heading_elements(heading, element):
    assert heading_element(heading) == element


def test_deepest_classifying_heading_wins_then_cues():
    assert classify(("Prioriteringar", "1. Kompetens för framtiden"), []) == "strategic_choices"
    assert classify(("Mål", "Utmaningar i inlandet"), []) == "challenges"
    assert classify(("Inledning",), ["vision_goals", "challenges"]) == "vision_goals"
    assert classify(("Inledning",), []) == "other"
