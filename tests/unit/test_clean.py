from hypothesis import given
from hypothesis import strategies as st

from rusaudit.extract.clean import PositionedLine, caption_kind, is_page_number, join_lines, normalize, running_lines


def test_line_end_hyphen_joins_word():
    assert join_lines(["Regionens utveck-", "lingen går framåt."]) == "Regionens utvecklingen går framåt."


def test_ellipsis_hyphen_is_kept():
    assert (
        join_lines(["städer, tätorter samt gles-", "och landsbygder"]) == "städer, tätorter samt gles- och landsbygder"
    )


def test_capital_before_hyphen_keeps_hyphen():
    assert join_lines(["inom EU-", "programmen"]) == "inom EU-programmen"
    assert join_lines(["stråket Malmö-", "Lund"]) == "stråket Malmö-Lund"


def test_single_letter_prefix_keeps_hyphen():
    assert join_lines(["e-", "handel växer"]) == "e-handel växer"


def test_normalize_ligatures_soft_hyphen_nfc():
    decomposed = "la\u0308nsstyrelsen"  # ä as a + combining diaeresis
    assert normalize(decomposed) == "länsstyrelsen"
    assert normalize("\ufb01nansiering") == "finansiering"
    assert normalize("lands\u00adbygd") == "landsbygd"
    assert normalize("Umeå\u00a0kommun") == "Umeå kommun"


@given(st.text(alphabet="abcåäöABCÅÄÖ \u00ad\ufb01\u00a0-", max_size=60))
def test_normalize_is_idempotent_and_drops_soft_hyphens(text):
    once = normalize(text)
    assert normalize(once) == once
    assert "\u00ad" not in once and "\ufb01" not in once


@given(st.lists(st.text(alphabet="abcdåäö", min_size=1, max_size=8), min_size=1, max_size=8))
def test_joining_plain_lines_keeps_every_letter(words):
    joined = join_lines(words)
    assert joined.replace(" ", "") == "".join(words)


def test_page_numbers_and_captions():
    assert is_page_number("12") and is_page_number("Sida 3 av 40") and is_page_number("7 (40)")
    assert not is_page_number("2030 års mål")
    assert caption_kind("Karta 1. Västerbottens kommuner") == "map"
    assert caption_kind("Figur 2: Befolkning") == "figure"
    assert caption_kind("Kartan visar att inlandet krymper.") is None


def test_running_lines_need_repetition():
    lines = [PositionedLine(i, "Strategi 2030 – remiss", 0.03) for i in range(5)]
    lines += [PositionedLine(0, "Inledning om regionen", 0.05)]
    drop = running_lines(lines, 5)
    assert (0, "Strategi 2030 – remiss") in drop
    assert (0, "Inledning om regionen") not in drop
