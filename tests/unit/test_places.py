"""Place detection in sentences: forms a planner writes, and words that only look like places."""

import pytest


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Skånes kommuner samarbetar.", ["lan:12"]),
        ("Umeås befolkning växer.", ["kommun:2480"]),
        ("Borås textilindustri är känd.", ["kommun:1490"]),
        ("Umeåregionen växer snabbast.", ["subregion:umeåregionen"]),
        ("Skellefteåbygden har nya industrier.", ["kommun:2482"]),
        ("Göteborgsområdet har brist på bostäder.", ["kommun:1480"]),
        ("Stråket Malmö–Lund är tätt trafikerat.", ["kommun:1280", "kommun:1281"]),
        ("Samarbetet i Norr- och Västerbotten fördjupas.", ["lan:24", "lan:25"]),
        ("Västerbottens län har 15 kommuner.", ["lan:24"]),
        ("Region Västerbotten ansvarar för strategin.", ["lan:24"]),
        ("Vi samarbetar med Norge och Finland.", ["foreign:finland", "foreign:norge"]),
        ("Upplands Väsby och Lilla Edet deltar.", ["kommun:0114", "kommun:1462"]),
    ],
)
def test_places_found(find_places, text, expected):
    assert find_places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mark och vatten är en begränsad resurs.",
        "Det ska vara lätt att starta företag i hela länet.",
        "Vara en attraktiv region är målet.",
        "Boden var full av gamla verktyg.",
        "Hon slog in en kil mellan stad och land.",
        "Enligt Per Lund, professor i kulturgeografi, växer klyftorna.",
        "Anna Berg leder arbetet.",
        "Säter och fäbodar är en del av kulturarvet.",
        "MARK OCH VATTEN",
        "Gustav Vasa red genom Dalarna.",
    ],
)
def test_ordinary_words_are_not_places(find_places, text):
    assert not [
        p
        for p in find_places(text)
        if p.startswith("kommun:")
        and p
        in {
            "kommun:1463",
            "kommun:1470",
            "kommun:2582",
            "kommun:1715",
            "kommun:1281",
            "kommun:2326",
            "kommun:2082",
        }
    ] and "foreign:vasa" not in find_places(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vara kommun satsar på nya bostäder.", ["kommun:1470"]),
        ("Vi samarbetar med Mark och Borås.", ["kommun:1463", "kommun:1490"]),
        ("Boden, Luleå och Piteå bildar en stark arbetsmarknad.", ["kommun:2580", "kommun:2581", "kommun:2582"]),
        ("Marks kommun ligger i Sjuhärad.", ["kommun:1463", "subregion:sjuhärad"]),
        ("Forskningen vid Lunds universitet är stark.", ["kommun:1281"]),
    ],
)
def test_ordinary_word_names_as_places(find_places, text, expected):
    assert find_places(text) == expected
