"""National-strategy verdicts on PDFs the test builds: buzzwords do not make an area treated."""

from pdfmaker import make_pdf

from rusaudit.api import audit

# The same areas named in both; only one of them commits to anything.
BUZZWORDS = [
    [
        "# Regional utvecklingsstrategi för länet",
        "# Vision",
        "Vi ska vara en innovativ och hållbar region där det är lätt att starta företag.",
        "Länet har ett konkurrenskraftigt näringsliv med stark förnyelse och goda affärsmöjligheter.",
        "# Mål",
        "Fler ska vilja bo, arbeta och driva företag i länet.",
        "# Insatsområden",
        "Vi prioriterar innovation och företagande, kompetens och utbildning, boende och service,",
        "tillgänglighet och bredband samt klimat och omställning.",
        "Arbetet med innovation, kompetensförsörjning, bostäder och kollektivtrafik ska",
        "genomsyra alla insatser.",
    ]
]
SPECIFIC = [
    [
        "# Regional utvecklingsstrategi för länet",
        "# Vision",
        "Länet har ett näringsliv där fler startar och driver företag.",
        "# Mål",
        "Antalet nystartade företag i inlandskommunerna ska öka med en femtedel till 2030.",
        "# Insatsområden",
        "Regionen ska stödja små och medelstora företag som vill utveckla nya produkter.",
        "Vi ska öka tillgången till riskkapital genom ett regionalt utvecklingsbolag.",
        "Regionen bygger en testbädd för skogsindustrins omställning tillsammans med lärosätena.",
    ]
]


def _verdicts(path):
    report = audit(str(path))
    return {n["id"].rsplit(".", 1)[-1]: n for n in report.national_strategy}, report


def test_a_buzzword_strategy_is_touched_where_a_specific_one_is_treated(tmp_path):
    generic, generic_report = _verdicts(make_pdf(tmp_path / "buzz.pdf", BUZZWORDS))
    specific, specific_report = _verdicts(make_pdf(tmp_path / "specific.pdf", SPECIFIC))
    # the buzzword strategy uses every area's words, in its vision and in lists of topics
    assert {"innovation", "företagande", "konkurrenskraft"} <= set(generic["innovation"]["themes"])
    assert generic["innovation"]["verdict"] == "touched"
    assert specific["innovation"]["verdict"] == "treated"
    # its evidence still shows where the words are, so a planner sees why
    assert any("innovativ" in e["sentence"] for e in generic["innovation"]["evidence"])

    def innovation_score(report):
        dim = next(d for d in report.dimensions if d.id == "national_strategy")
        return next(i.score for i in dim.indicators if i.id == "national_strategy.area.innovation")

    assert innovation_score(specific_report) == 0.8 and innovation_score(generic_report) == 0.3


def test_the_list_of_areas_does_not_count_toward_treated(tmp_path):
    generic, _ = _verdicts(make_pdf(tmp_path / "buzz.pdf", BUZZWORDS))
    for area in ("kompetensforsorjning", "likvardiga_mojligheter", "tillganglighet"):
        assert generic[area]["verdict"] == "touched", (area, generic[area])
