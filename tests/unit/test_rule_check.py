"""Rule-file checks: schema and meaning with line numbers, safe YAML, the regex guard, versions."""

import json
import textwrap
from importlib import resources

import jsonschema
import pytest

from rusaudit.errors import RuleError
from rusaudit.rulelang import default_rules_dir, load_rulebook, matching, model, regex_guard
from rusaudit.rulelang import validate as rule_check
from rusaudit.rulelang.regex_guard import backtracking_problem, regex_problem
from rusaudit.rulelang.validate import check_paths
from rusaudit.rulelang.yamlload import MAX_FILE_BYTES, load_yaml
from rusaudit.score.indicators import MEASURES

GOOD = """\
dimension: territorial
rules:
  - id: user.geo.fabod
    group: geography_type
    title: {sv: Fäbodar, en: Summer farms}
    weight: 1
    patterns:
      - term: fäbod
      - phrase: fäbodar och byar
    examples:
      match: ["Fäbodarna i Dalarna lockar besökare.", "Fäbodbruket lever kvar."]
      no_match: ["Fabriken ligger vid ån."]
"""


def write(tmp_path, text, name="user.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def errors_of(*paths, defaults=True):
    diags = check_paths([str(p) for p in paths], defaults, measures=MEASURES).diagnostics
    return [d for d in diags if d.severity == "error"]


def test_schemas_are_valid_json_schema_and_shipped():
    for name in ("rules", "places"):
        text = resources.files("rusaudit").joinpath(f"schema/{name}.schema.json").read_text("utf-8")
        jsonschema.Draft202012Validator.check_schema(json.loads(text))


def test_bundled_rule_sets_are_clean():
    result = check_paths([str(default_rules_dir())])
    assert result.files >= 2 and result.rules >= 30
    assert [str(d) for d in result.diagnostics if d.severity != "note"] == []


def test_bundled_places_file_is_clean():
    path = resources.files("rusaudit").joinpath("data/places.yaml")
    diags = []
    rule_check.check_places(load_yaml(path.read_text("utf-8"), "places.yaml"), diags)
    assert [str(d) for d in diags if d.severity == "error"] == []


def test_a_valid_user_file_has_no_problems(tmp_path):
    result = check_paths([str(write(tmp_path, GOOD))])
    assert result.diagnostics == [] and result.rules == 1


# (YAML, line, id, words in the message): each kind of error, with its line.
BROKEN = [
    ("unknown key", GOOD.replace("    weight: 1", "    wieght: 1"), 6, "user.geo.fabod", "unknown key 'wieght'"),
    ("weight too high", GOOD.replace("weight: 1", "weight: 12"), 6, "user.geo.fabod", "12 is out of range 0–10"),
    ("weight not a number", GOOD.replace("weight: 1", "weight: hög"), 6, "user.geo.fabod", "must be a number"),
    ("empty pattern", GOOD.replace("- term: fäbod", '- term: ""'), 8, "user.geo.fabod", "must not be empty"),
    ("blank pattern", GOOD.replace("- term: fäbod", '- term: "  "'), 8, "user.geo.fabod", "must not be empty"),
    (
        "no patterns",
        GOOD.replace("      - term: fäbod\n      - phrase: fäbodar och byar\n", "      []\n").replace(
            "    patterns:\n      []", "    patterns: []"
        ),
        7,
        "user.geo.fabod",
        "patterns: must not be empty",
    ),
    (
        "two kinds",
        GOOD.replace("- term: fäbod", "- {term: fäbod, regex: fäbod}"),
        8,
        "user.geo.fabod",
        "exactly one of term, phrase, regex",
    ),
    ("term with regex", GOOD.replace("- term: fäbod", "- term: fäbod(ar)?"), 8, "user.geo.fabod", "regex characters"),
    ("one-letter term", GOOD.replace("- term: fäbod", "- term: x"), 8, "user.geo.fabod", "shorter than 2 letters"),
    (
        "bad regex",
        GOOD.replace("- phrase: fäbodar och byar", '- regex: "(fäbod"'),
        9,
        "user.geo.fabod",
        "invalid regex",
    ),
    (
        "nested quantifiers",
        GOOD.replace("- phrase: fäbodar och byar", '- regex: "(a+)+$"'),
        9,
        "user.geo.fabod",
        "refused: a quantified part can repeat inside another quantifier",
    ),
    (
        "overlapping alternatives",
        GOOD.replace("- phrase: fäbodar och byar", '- regex: "(a|aa)+$"'),
        9,
        "user.geo.fabod",
        "refused: alternatives inside a repeated group",
    ),
    (
        "unknown dimension",
        GOOD.replace("dimension: territorial", "dimension: teritorial"),
        1,
        "teritorial",
        "unknown dimension 'teritorial' (did you mean 'territorial'?",
    ),
    ("id with colon", GOOD.replace("id: user.geo.fabod", "id: 'user:fabod'"), 3, "rules[0]", "not a valid id"),
    ("missing id", GOOD.replace("  - id: user.geo.fabod\n    group", "  - group"), 3, "rules[0]", "missing key 'id'"),
    (
        "title without sv",
        GOOD.replace("{sv: Fäbodar, en: Summer farms}", "{en: Summer farms}"),
        5,
        "user.geo.fabod",
        "missing key 'sv'",
    ),
    (
        "duplicate YAML key",
        GOOD.replace("    weight: 1\n", "    weight: 1\n    weight: 2\n"),
        7,
        "user.geo.fabod",
        "duplicate key 'weight'",
    ),
    (
        "default id, other dimension",
        GOOD.replace("id: user.geo.fabod", "id: national_strategy.reference"),
        3,
        "national_strategy.reference",
        "to replace it, put the rule in a file with dimension: national_strategy",
    ),
    ("invalid YAML", GOOD.replace("      match: [", "      match: [[["), 12, "-", "invalid YAML"),
]


@pytest.mark.parametrize("text, line, ident, words", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_each_kind_of_error_has_its_line(tmp_path, text, line, ident, words):
    errors = errors_of(write(tmp_path, text))
    assert errors, "expected an error"
    hit = [e for e in errors if words in e.message]
    assert hit, [str(e) for e in errors]
    assert (hit[0].line, hit[0].ident) == (line, ident), str(hit[0])
    assert str(hit[0]).startswith(f"{tmp_path / 'user.yaml'}:{line}: {ident}: ")


def test_duplicate_rule_ids_within_and_across_files(tmp_path):
    twice = GOOD + GOOD.split("rules:\n", 1)[1]
    errors = errors_of(write(tmp_path, twice))
    assert [(e.line, e.message) for e in errors] == [(13, f"duplicate rule id (first at {tmp_path / 'user.yaml'}:3)")]
    a, b = write(tmp_path, GOOD, "a.yaml"), write(tmp_path, GOOD, "b.yaml")
    errors = errors_of(a, b)
    assert [(e.file, e.line) for e in errors] == [(str(b), 3)]
    assert f"first at {a}:3" in errors[0].message


INDICATOR = """\
dimension: territorial
indicators:
  - id: user.fabodar
    measure: distinct_rules
    params: {group: fabod}
    title: Fäbodar
    weight: 1
    scoring: {function: linear, lo: 0, hi: 3}
"""


@pytest.mark.parametrize(
    "old, new, line, words",
    [
        ("measure: distinct_rules", "measure: distinct_rule", 4, "unknown measure 'distinct_rule'; did you mean"),
        ("lo: 0, hi: 3", "lo: 3, hi: 1", 8, "linear scoring needs hi > lo"),
        ("function: linear", "function: cubic", 8, "unknown scoring function 'cubic'"),
        ("hi: 3}", "hi: tre}", 8, "must be a number"),
        ("weight: 1", "weight: -1", 7, "-1 is out of range 0–10"),
        ("scoring: {function: linear, lo: 0, hi: 3}", "scoring: {function: linear, max: 3}", 8, "unknown key 'max'"),
    ],
)
def test_indicator_errors(tmp_path, old, new, line, words):
    errors = errors_of(write(tmp_path, INDICATOR.replace(old, new)))
    assert [(e.line, e.ident) for e in errors if words in e.message] == [(line, "user.fabodar")], errors


def test_measure_taken_from_the_id_must_exist(tmp_path):
    errors = errors_of(write(tmp_path, INDICATOR.replace("    measure: distinct_rules\n", "")))
    assert errors[0].line == 3 and "unknown measure 'fabodar' (taken from the id" in errors[0].message


def test_new_dimension_needs_indicators_or_rules_as_indicators(tmp_path):
    bare = GOOD.replace("dimension: territorial", "dimension: fabodar")
    assert "unknown dimension 'fabodar'" in errors_of(write(tmp_path, bare))[0].message
    defined = bare.replace("rules:\n", "title: Fäbodar\nrules_as_indicators: true\nrules:\n", 1)
    assert errors_of(write(tmp_path, defined)) == []
    # ... and a file adding to that new dimension is then fine too, when checked together
    extra = write(tmp_path, bare.replace("user.geo.fabod", "user.geo.fabod2"), "more.yaml")
    assert errors_of(write(tmp_path, defined), extra) == []


def test_missing_examples_are_a_warning_not_an_error(tmp_path):
    text = GOOD.replace('      no_match: ["Fabriken ligger vid ån."]\n', "")
    diags = check_paths([str(write(tmp_path, text))]).diagnostics
    assert [(d.severity, d.line) for d in diags] == [("warning", 10)]
    assert "needs at least 2 examples.match and 1 examples.no_match (has 2 and 0)" in diags[0].message


def test_overriding_a_default_is_a_note(tmp_path):
    text = GOOD.replace("id: user.geo.fabod", "id: territorial.geo.kust")
    diags = check_paths([str(write(tmp_path, text))]).diagnostics
    assert [(d.severity, d.line, d.message) for d in diags] == [("note", 3, "replaces the default rule with this id")]


def test_a_rule_added_to_a_scored_dimension_may_carry_scoring(tmp_path):
    text = """\
    dimension: national_strategy
    rules:
      - id: user.ns.fabod
        title: Fäbodar
        source: egen
        scoring: {function: step, at: 1}
        patterns: [fäbod]
        examples:
          match: ["Fäbodarna lockar besökare.", "Fäbodbruket lever kvar."]
          no_match: ["Fabriken ligger vid ån."]
    """
    assert check_paths([str(write(tmp_path, text))]).diagnostics == []
    unscored = write(tmp_path, text.replace("national_strategy", "territorial"))
    diags = check_paths([str(unscored)]).diagnostics
    assert [(d.severity, d.line) for d in diags] == [("warning", 6)] and "no effect" in diags[0].message


def test_file_too_large_too_deep_or_exploding_is_refused(tmp_path):
    big = write(tmp_path, "dimension: x\n# " + "x" * (MAX_FILE_BYTES + 10) + "\n", "big.yaml")
    deep = write(tmp_path, "dimension: x\nrules: " + "[" * 40 + "]" * 40 + "\n", "deep.yaml")
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    laughs = write(tmp_path, "\n".join(bomb) + "\ndimension: x\n", "laughs.yaml")
    got = {e.file: e.message for e in errors_of(big, deep, laughs)}
    assert "file larger than 1000000 bytes" in got[str(big)]
    assert "nested deeper than 16 levels" in got[str(deep)]
    assert "more than 200000 YAML nodes" in got[str(laughs)]
    # the scan path refuses them the same way
    with pytest.raises(RuleError, match="nested deeper"):
        load_rulebook((str(deep),))


@pytest.mark.parametrize(
    "evil",
    [
        "dimension: !!python/object/apply:os.system ['echo owned > {out}']\n",
        "dimension: !!python/object/apply:os.system\n  args: ['echo owned > {out}']\n",
        "dimension: !!python/name:os.system ''\n",
    ],
)
def test_yaml_is_loaded_safely(tmp_path, evil):
    out = tmp_path / "owned.txt"
    with pytest.raises(RuleError, match="invalid YAML"):
        load_yaml(evil.format(out=out), "evil.yaml")
    assert not out.exists()


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+$", "(a*)*", "(a|a)+$", "(a|aa)+$", r"(\w+\s?)+$", "(x+x+)+y", "(.*a){20}", "(a?)+", "(a{1,5})+"],
)
def test_catastrophic_shapes_are_refused(pattern):
    assert backtracking_problem(pattern), pattern
    assert "refused" in regex_problem(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(till|år) 20[3-5]0\b",
        r"skr\.?\s*2020/21:133",
        "(ab+)+$",
        r"(\w+\s)+\w+",
        r"(\d+,)+",
        "(?>a+)+",
        "a++b",
        "(ab|ac)+",
        r"\bÖP\b",
        r"\p{L}+",
    ],
)
def test_ordinary_regexes_are_accepted(pattern):
    assert regex_problem(pattern) is None


def test_every_bundled_regex_is_accepted():
    regexes = [p.value for r in load_rulebook().rules for p in r.patterns if p.kind == "regex"]
    assert regexes and [r for r in regexes if regex_problem(r)] == []


def test_the_scan_path_refuses_a_catastrophic_regex(tmp_path):
    write(tmp_path, GOOD.replace("- phrase: fäbodar och byar", '- regex: "(a+)+$"'))
    with pytest.raises(RuleError) as err:
        load_rulebook((str(tmp_path),))
    assert err.value.path == str(tmp_path / "user.yaml")
    assert "line 9: user.geo.fabod: regex '(a+)+$' refused" in err.value.message


def test_the_matcher_refuses_it_even_without_the_checks():
    book = load_rulebook()
    book.dimensions[0].rules[0].patterns.append(model.Pattern("regex", "(a+)+$"))
    with pytest.raises(RuleError, match="refused"):
        matching.RuleMatcher(book)


def test_a_regex_past_the_shape_check_is_timed_out_and_switched_off(tmp_path, monkeypatch):
    """The last guard: a slow pattern the shape check misses cannot hang a scan."""
    from rusaudit.api import Options, audit_document
    from rusaudit.extract.model import Block, Document, Page

    monkeypatch.setattr(regex_guard, "backtracking_problem", lambda pattern: None)
    monkeypatch.setattr(matching, "REGEX_TIMEOUT", 0.05)
    write(tmp_path, GOOD.replace("- phrase: fäbodar och byar", '- regex: "(a|a)+$"'))
    doc = Document("x.txt", "0", "txt", [Page(1, [Block("a" * 40 + "b"), Block("a" * 40 + "b")])])
    report = audit_document(doc, Options(rules=(str(tmp_path),)))
    warned = [w for w in report.warnings if "user.geo.fabod" in w]
    assert len(warned) == 1 and "switched off" in warned[0]


def test_rules_version_names_user_files_and_changes_with_them(tmp_path):
    base = load_rulebook().version
    assert base == load_rulebook().version  # same rules, same version
    path = write(tmp_path, GOOD)
    v1 = load_rulebook((str(tmp_path),)).version
    assert v1 != base and "+user.yaml@" in v1
    path.write_text(GOOD.replace("weight: 1", "weight: 2"), encoding="utf-8")
    v2 = load_rulebook((str(tmp_path),)).version
    assert v2 != v1
    (tmp_path / "places.yaml").write_text("places:\n  - {name: Granbäcken, kind: locality, municipality: '2480'}\n")
    v3 = load_rulebook((str(tmp_path),)).version
    assert v3 != v2 and "places:places.yaml@" in v3


PLACES = """\
places:
  - name: Granbäcken
    kind: locality
    municipality: "2480"
  - name: Norra stadsdelen
    kind: locality
    municipality: "9999"
  - name: Nowhere
    kind: locality
  - name: Fjällbygden
    kind: subregion
    municipalities: ["2421", "2422"]
    aliases: [Fjällbygd]
  - name: Granbäcken
    kind: locality
    municipality: "2480"
"""


def test_places_files_are_checked(tmp_path):
    got = [(e.line, e.ident, e.message) for e in errors_of(write(tmp_path, PLACES, "places.yaml"))]
    assert got == [
        (7, "Norra stadsdelen", "unknown municipality code '9999'"),
        (8, "Nowhere", "missing key 'municipality'"),
        (14, "Granbäcken", "duplicate place id 'locality:granbäcken' (first at line 2)"),
    ]
