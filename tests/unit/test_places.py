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


# -- SCB localities, infrastructure, EU regions ---------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hede och Klövsjö har fått nya förskolor.", ["locality:hede", "locality:klövsjö"]),
        ("Turismen i Bierke växer.", ["locality:hemavan"]),  # "Hemavan/Bierke": either part
        ("Turismen i Hemavan växer.", ["locality:hemavan"]),
        ("I tätorten Kiruna flyttas centrum.", ["locality:kiruna"]),
        ("Kiruna tätort flyttas österut.", ["locality:kiruna"]),
        ("Kiruna växer när gruvan växer.", ["kommun:2584"]),  # bare: the municipality
        ("Servicen i Lit har minskat.", ["locality:lit"]),
        (
            "Ås, Nälden och Föllinge ligger i Krokoms kommun.",
            sorted(["locality:ås-2309", "locality:nälden", "locality:föllinge", "kommun:2309"]),
        ),
        ("Skolan i Ås i Nora kommun är ny.", ["kommun:1884", "locality:ås-1884"]),
        ("Jörn och Boliden har fått nya mötesplatser.", ["locality:boliden", "locality:jörn"]),
        ("Danmark är en viktig marknad.", ["foreign:danmark"]),  # the country, not the tätort in Uppsala
    ],
)
def test_localities_found(find_places, text, expected):
    assert find_places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ås och moräner formades under istiden.",  # esker
        "Backe upp och backe ned genom skogen.",
        "Hallen var fullsatt vid mötet.",
        "Lit på att kommunen håller vad den lovar.",
        "Vik av vid nästa korsning.",
        "Vi vill att fler ska bo i länet.",
        "Ed och löfte band förr en överenskommelse.",
        "Rapporten skrevs av Eva Backe och Per Hult.",
        "Det finns en Ekeby i nästan varje landskap.",  # shared by three tätorter: which one?
        "Göta älv är en viktig farled.",
        "Bergen runt sjön lockar vandrare.",
        "Kapitlet Backe beskriver metoden.",  # capitalised but no place context
    ],
)
def test_locality_names_as_ordinary_words_are_not_places(find_places, text):
    assert [p for p in find_places(text) if p.startswith(("locality:", "foreign:"))] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("E4:an mellan Umeå och Skellefteå är mötesseparerad.", ["infra:e4", "kommun:2480", "kommun:2482"]),
        ("Riksväg 84 behöver bättre bärighet.", ["infra:riksväg-84"]),
        ("Trafiken på väg 95 ökar.", ["infra:riksväg-95"]),
        (
            "Ostkustbanan, Mittbanan och Ådalsbanan är fulla.",
            ["infra:mittbanan", "infra:ostkustbanan", "infra:ådalsbanan"],
        ),
        ("Norra stambanans kapacitet räcker inte.", ["infra:norra-stambanan"]),
        ("Luleå hamn växer.", ["infra:luleå-hamn", "kommun:2580"]),
        ("Regionen ingår i Östra Mellansverige.", ["eu:östra-mellansverige"]),
        ("Projektet finansieras av Interreg Aurora.", ["eu:interreg-aurora"]),
        (
            "Samarbetet med Tröndelag och Troms og Finnmark fördjupas.",
            ["foreign:troms-og-finnmark", "foreign:trøndelag"],
        ),
        ("Stambanan behöver underhåll.", []),
    ],
)
def test_infrastructure_and_eu_regions_found(find_places, text, expected):
    assert find_places(text) == expected


def test_new_kinds_carry_their_counties(gazetteer):
    g = gazetteer.places
    assert g["infra:mittbanan"].counties == ("22", "23")
    assert g["infra:e4"].in_region("24") and not g["infra:e4"].in_region("23")
    assert (g["eu:övre-norrland"].code, g["eu:övre-norrland"].counties) == ("SE33", ("24", "25"))
    assert (g["eu:mellersta-norrland"].code, g["eu:mellersta-norrland"].counties) == ("SE32", ("22", "23"))
    hede = g["locality:hede"]
    assert (hede.code, hede.municipality, hede.in_region("23"), hede.in_region("24")) == (
        "2361TB102",
        "2361",
        True,
        False,
    )
    assert not g["foreign:trøndelag"].in_region("23")


def test_every_scb_tatort_is_a_locality(gazetteer):
    """The shipped table holds SCB's 2,017 tätorter 2020, each a locality in a known municipality."""
    scb = [p for p in gazetteer.places.values() if p.kind == "locality" and p.code]
    assert len(scb) == 2017
    assert all(f"kommun:{p.municipality}" in gazetteer.places and p.code[:4] == p.municipality for p in scb)
    x, y = gazetteer.points["locality:kiruna"]  # SWEREF 99 TM: the far north, east of the central meridian
    assert 7_500_000 < y < 7_550_000 and 650_000 < x < 800_000


def test_no_unguarded_place_name_is_an_ordinary_word(gazetteer):
    """Against spaCy's Swedish lemma table: a place whose capitalised name is also an ordinary
    word form must be marked ambiguous, unless it is one of the names checked and kept here."""
    import gzip
    import json
    from importlib import resources

    path = resources.files("spacy_lookups_data").joinpath("data/sv_lemma_lookup.json.gz")
    with path.open("rb") as fh:
        table = json.load(gzip.open(fh))
    words = {w for w in (*table, *table.values()) if w.islower()}
    checked = {  # the proper noun is far more common in a strategy than the word
        "dalarna", "bergslagen", "höglandet", "malmfälten", "polen", "åbo", "levanger", "finnmark",
        "uppland", "inlandsbanan", "upptåget", "skene", "lomma", "ystad", "ånge",
    }  # fmt: skip
    unguarded = sorted(
        key[0]
        for key, bucket in gazetteer.forms.items()
        if len(key) == 1 and key[0] in words and not bucket[0].ambiguous and bucket[0].kind != "fa_region"
    )
    assert [w for w in unguarded if w not in checked] == []


def test_a_named_railway_counts_as_a_stråk_in_the_spatial_structure(analyzer):
    """ "Mittbanan" names a corridor even where the word stråk is absent; the evidence is the line."""
    from rusaudit.extract.model import Block, Document, Page
    from rusaudit.score.indicators import MEASURES

    def strak(text: str):
        doc = Document("<test>", "0", "txt", [Page(1, [Block(text)])])
        analysis = analyzer.run(doc, "23")
        ind = next(i for d in analysis.book.dimensions for i in d.indicators if i.id == "territorial.spatial_structure")
        _, evidence, details = MEASURES[ind.measure](analysis, ind.params)
        return "territorial.spatial.strak" in details["found"], [e.match for e in evidence]

    assert strak("Kapaciteten på Mittbanan och E14 måste öka.") == (True, ["Mittbanan", "E14"])
    assert strak("Kapaciteten på banan och vägen måste öka.") == (False, [])


@pytest.mark.parametrize(
    "opening, county, expected",
    [
        ("Östersund och Krokom växer.", "23", ["locality:ås-2309"]),
        ("Örebro och Lindesberg växer.", "18", ["locality:ås-1884"]),
        ("Umeå och Skellefteå växer.", "24", []),  # no Ås in Västerbotten: still undecided
    ],
)
def test_a_detected_region_decides_a_shared_locality_name(analyzer, opening, county, expected):
    """Ås is a tätort in Krokom and in Nora; the sentence alone does not say which, the
    county the document is about does."""
    from rusaudit.extract.model import Block, Document, Page

    doc = Document("<test>", "0", "txt", [Page(1, [Block(opening), Block("Skolan i Ås har fått en ny idrottshall.")])])
    analysis = analyzer.run(doc)
    assert (analysis.region.code, analysis.region_detected) == (county, True)
    last = analysis.sentences[-1]
    assert [h.place.id for h in last.places] == expected
    assert [h.text for h in last.places] == ["Ås"] * len(expected)
