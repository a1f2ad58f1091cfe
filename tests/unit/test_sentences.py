"""Sentence boundaries around Swedish abbreviations."""

import pytest

from rusaudit.analyse.sentences import sentences_of
from rusaudit.extract.clean import first_sentence_end


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations that go on, also before a capital
        ("Se t.ex. Umeå och bl.a. Skellefteå.", ["Se t.ex. Umeå och bl.a. Skellefteå."]),
        ("Enligt prop. 2020/21:133 ska vi.", ["Enligt prop. 2020/21:133 ska vi."]),
        ("Mötet hölls den 3 jan. 2024 i Umeå.", ["Mötet hölls den 3 jan. 2024 i Umeå."]),
        ("Tåg el. buss till Umeå.", ["Tåg el. buss till Umeå."]),
        ("Det gäller bostäder m.m. och vägar.", ["Det gäller bostäder m.m. och vägar."]),
        # abbreviations (and words spaCy keeps with their stop) that end a sentence before a capital
        ("Vi satsar på skolor och el. Regionen växer.", ["Vi satsar på skolor och el.", "Regionen växer."]),
        ("Det gäller vägar etc. Regionen växer.", ["Det gäller vägar etc.", "Regionen växer."]),
        ("Det gäller bostäder m.m. Regionen ska.", ["Det gäller bostäder m.m.", "Regionen ska."]),
        ("Umeå, Luleå m.fl. Kommunerna samverkar.", ["Umeå, Luleå m.fl.", "Kommunerna samverkar."]),
        ("Det kostar 5 mkr. Regionen betalar.", ["Det kostar 5 mkr.", "Regionen betalar."]),
    ],
)
def test_abbreviations_end_a_sentence_only_when_they_usually_do(text, expected):
    assert sentences_of(text) == expected


def test_the_first_sentence_end_follows_the_same_abbreviations():
    assert first_sentence_end("Se t.ex. Umeå. Sedan") == len("Se t.ex. Umeå.")
    assert first_sentence_end("Bostäder m.m. Sedan") == len("Bostäder m.m.")
