"""Issue 3 end to end: geography matrix, planning links and collaboration profile."""

import pytest

from rusaudit.api import audit

BLIND_GOALS_DRAFT = """# Utmaningar

I Sorsele, Dorotea och Åsele minskar befolkningen och servicen är hotad.
Kustkommunerna växer medan inlandet krymper.

# Vision och mål

Målet är en region med plats för fler. Vi vill att alla ska ha ett gott liv.

# Prioriteringar

Vi prioriterar bredband och kollektivtrafik i Storuman och Vilhelmina.
"""


@pytest.fixture(scope="module")
def corpus_reports(corpus):
    names = ["24-vasterbotten-generisk", "24-vasterbotten-mellan", "24-vasterbotten-platsbaserad"]
    return {n: audit(str(corpus / f"{n}.pdf")).to_dict() for n in names}


def test_generic_sample_is_blind_in_all_three_elements(corpus_reports):
    m = corpus_reports["24-vasterbotten-generisk"]["geography_matrix"]
    assert m["blind"] == ["challenges", "vision_goals", "strategic_choices"]
    assert m["columns"] == ["challenges", "vision_goals", "strategic_choices", "other"]


def test_place_based_sample_is_not_blind_and_names_places_in_every_element(corpus_reports):
    m = corpus_reports["24-vasterbotten-platsbaserad"]["geography_matrix"]
    assert m["blind"] == []
    for column in ("challenges", "vision_goals", "strategic_choices"):
        cell = next(c for c in m["cells"] if c["row"] == "place.municipality" and c["column"] == column)
        assert cell["count"] > 0
        assert all(e["page"] >= 1 and e["match"] in e["sentence"] for e in cell["evidence"])


def test_middling_sample_names_municipalities_only_in_its_challenges(corpus_reports):
    m = corpus_reports["24-vasterbotten-mellan"]["geography_matrix"]
    row = {c["column"]: c["count"] for c in m["cells"] if c["row"] == "place.municipality"}
    assert row["challenges"] > 0 and row["vision_goals"] == 0 and row["strategic_choices"] == 0


def test_goals_without_places_are_flagged_blind(tmp_path):
    draft = tmp_path / "utkast.md"
    draft.write_text(BLIND_GOALS_DRAFT, encoding="utf-8")
    report = audit(str(draft))
    assert report.geography_matrix["blind"] == ["vision_goals"]
    ind = next(i for d in report.dimensions for i in d.indicators if i.id == "territorial.element_geography")
    assert ind.value == pytest.approx(2 / 3)
    md = __import__("rusaudit.report.markdown", fromlist=["render"]).render(report, "sv")
    assert "Geografiblinda delar: Vision och mål" in md


def test_planning_links_and_explicit_coordination(corpus_reports):
    planning = {p["id"]: p for p in corpus_reports["24-vasterbotten-platsbaserad"]["planning"]}
    assert planning["planning.pbl.oversiktsplan"]["explicit"] is True
    assert planning["planning.transport.lansplan"]["explicit"] is True
    assert {p["group"] for p in planning.values()} == {
        "planning_law",
        "transport",
        "sea",
        "energy",
        "defence",
        "water_climate",
        "eu",
    }
    generic = {p["id"]: p for p in corpus_reports["24-vasterbotten-generisk"]["planning"]}
    assert not generic["planning.pbl.oversiktsplan"]["found"]
    scores = [corpus_reports[n]["scores"]["planning"] for n in corpus_reports]
    assert scores == sorted(scores)


def test_collaboration_profile_depth_grows_with_the_samples(corpus_reports):
    levels = [corpus_reports[n]["collaboration"]["highest_level"] for n in corpus_reports]
    assert levels == sorted(levels) and levels[-1] == 8
    place_based = corpus_reports["24-vasterbotten-platsbaserad"]["collaboration"]
    assert place_based["lansstyrelsen_planning"] is True
    actors = {a["id"]: a for a in place_based["actors"]}
    assert actors["collaboration.actor.kommunerna"]["highest_level"] == 8
    assert set(place_based["levels"]) == {str(i) for i in range(1, 9)}


@pytest.mark.parametrize(
    "sentence, level",
    [
        ("Regionen ska präglas av öppenhet mot kommunerna.", 1),
        ("Regionen informerar kommunerna om arbetet.", 2),
        ("Vi lyssnar på kommunernas behov.", 3),
        ("Regionen för dialog med länsstyrelsen.", 4),
        ("Regionen ska konsultera kommunerna innan beslut.", 5),
        ("Med kommunerna har regionen ett ömsesidigt utbyte av kunskap.", 6),
        ("Regionen samarbetar med Trafikverket om stråken.", 7),
        ("Regionen och kommunerna fattar beslut tillsammans och informerar länsstyrelsen.", 8),
    ],
)
def test_statement_gets_highest_ladder_step(tmp_path, sentence, level):
    draft = tmp_path / "s.md"
    draft.write_text(f"# Samverkan\n\n{sentence}\n", encoding="utf-8")
    assert audit(str(draft)).collaboration["highest_level"] == level


@pytest.mark.parametrize(
    "sentence",
    [
        "Samrådsprocessen enligt miljöbalken leds av verksamhetsutövaren och länsstyrelsen.",
        "Kommunerna samarbetar sinsemellan om avfallet.",
    ],
)
def test_legal_procedure_or_others_collaborating_is_not_the_regions_statement(tmp_path, sentence):
    draft = tmp_path / "s.md"
    draft.write_text(f"# Samverkan\n\n{sentence}\n", encoding="utf-8")
    assert audit(str(draft)).collaboration["statements"] == []


def test_actor_without_collaboration_cue_is_not_a_statement(tmp_path):
    draft = tmp_path / "s.md"
    draft.write_text("# Text\n\nKommunerna har olika storlek.\n", encoding="utf-8")
    c = audit(str(draft)).collaboration
    assert c["highest_level"] == 0 and c["statements"] == []
    assert next(a for a in c["actors"] if a["id"] == "collaboration.actor.kommunerna")["count"] == 1


def test_terminal_and_markdown_show_the_deeper_audit(corpus):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "rusaudit", "scan", str(corpus / "24-vasterbotten-generisk.pdf"), "--lang", "en"],
        capture_output=True,
        text=True,
    ).stdout
    assert "Geography matrix" in out and "GEOGRAPHY-BLIND" in out
    assert "Links to other planning processes" in out and "Collaboration profile" in out
