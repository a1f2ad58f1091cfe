"""Gate settings: where they are found, what they accept, and one clear line per mistake."""

from __future__ import annotations

import textwrap

import pytest

from rusaudit.gate.config import ConfigError, find_config, load_config

EXTRA_RULE = """\
dimension: territorial
rules:
  - id: territorial.local.fabodar
    group: geography_type
    title: {sv: Fäbodar, en: Summer farms}
    patterns:
      - term: fäbod
"""


def write(path, text: str):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()  # bounds the upward search to this folder
    return tmp_path


def test_found_upward_from_a_subfolder(repo):
    write(repo / "rusaudit.toml", 'region = "24"\n')
    sub = repo / "strategi" / "utkast"
    sub.mkdir(parents=True)
    path, is_pyproject = find_config(sub)
    assert path == repo / "rusaudit.toml" and not is_pyproject
    cfg = load_config(cwd=str(sub))
    assert cfg.region == "24" and cfg.path.endswith("rusaudit.toml")


def test_pyproject_table_and_pyproject_without_one(repo):
    write(
        repo / "pyproject.toml", '[tool.rusaudit]\nregion = "Västerbotten"\n[tool.rusaudit.min_score]\noverall = 40\n'
    )
    sub = repo / "docs"
    sub.mkdir()
    write(sub / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.rusaudit]: skipped
    cfg = load_config(cwd=str(sub))
    assert cfg.region == "Västerbotten" and cfg.min_score == {"overall": 40.0}
    assert cfg.key_prefix == "tool.rusaudit."


def test_rusaudit_toml_wins_over_pyproject_in_the_same_folder(repo):
    write(repo / "pyproject.toml", '[tool.rusaudit]\nregion = "25"\n')
    write(repo / "rusaudit.toml", 'region = "24"\n')
    assert load_config(cwd=str(repo)).region == "24"


def test_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "rusaudit.toml", 'region = "24"\n')
    inner = tmp_path / "project"
    (inner / ".git").mkdir(parents=True)
    cfg = load_config(cwd=str(inner))
    assert cfg.path is None and cfg.min_score == {} and cfg.rule_levels == {}


def test_full_example_with_extra_rules_areas_and_indicators(repo):
    (repo / "rules-local").mkdir()
    write(repo / "rules-local" / "local.yaml", EXTRA_RULE)
    write(
        repo / "rusaudit.toml",
        """\
        region = 24
        rules = ["rules-local/"]
        required_areas = ["innovation", "national_strategy.area.kompetensforsorjning", "INNOVATION"]
        tolerance = 2.5
        fail_on_warn = true
        [min_score]
        territorial = 50
        overall = 40.5
        [rule_levels]
        "territorial.spatial.strukturbild" = "warn"
        "territorial.local.fabodar" = "error"
        "territorial.maps" = "error"
        "national_strategy.reference" = "off"
        """,
    )
    cfg = load_config(cwd=str(repo))
    assert cfg.region == "24"  # an integer county code is read as SCB's two digits
    assert cfg.rules == (str((repo / "rules-local").resolve()),)
    assert cfg.required_areas == ("national_strategy.area.innovation", "national_strategy.area.kompetensforsorjning")
    assert cfg.min_score == {"territorial": 50.0, "overall": 40.5}
    assert cfg.rule_levels["territorial.local.fabodar"] == "error"  # a rule from the extra folder
    assert cfg.tolerance == 2.5 and cfg.fail_on_warn is True
    assert cfg.catalog.title("territorial.local.fabodar", "en") == "Summer farms"
    assert cfg.to_dict()["rules"] == ["rules-local/"]


CASES = [
    ("colour = 'red'\n", "colour", "unknown key"),
    ("[min_score]\nterritoriell = 50\n", "min_score.territoriell", "unknown dimension"),
    ("[min_score]\nterritorial = 150\n", "min_score.territorial", "from 0 to 100"),
    ("[min_score]\nterritorial = -1\n", "min_score.territorial", "from 0 to 100"),
    ("[min_score]\nterritorial = '50'\n", "min_score.territorial", "expected a number"),
    ("[min_score]\noverall = true\n", "min_score.overall", "expected a number"),
    ("min_score = 50\n", "min_score", "expected a table"),
    ('[rule_levels]\n"territorial.strukturbild" = "warn"\n', 'rule_levels."territorial.strukturbild"', "did you mean"),
    ('[rule_levels]\n"territorial.maps" = "fatal"\n', 'rule_levels."territorial.maps"', "error, warn, off"),
    ('[rule_levels]\n"territorial.cue.goal" = "error"\n', 'rule_levels."territorial.cue.goal"', "cannot be gated"),
    ('required_areas = ["turism"]\n', "required_areas[0]", "unknown strategic area"),
    ('required_areas = "innovation"\n', "required_areas", "list of non-empty strings"),
    ('rules = ["saknas/"]\n', "rules[0]", "not found"),
    ('region = "Atlantis"\n', "region", "unknown region"),
    ("region = 99\n", "region", "unknown region"),
    ("tolerance = -0.5\n", "tolerance", "from 0 to 100"),
    ("fail_on_warn = 'yes'\n", "fail_on_warn", "true or false"),
    ("default_rules = 1\n", "default_rules", "true or false"),
    ('ocr = "yes"\n', "ocr", "never, auto, always"),
]


@pytest.mark.parametrize("text, key, reason", CASES, ids=[c[1] + ":" + c[2] for c in CASES])
def test_each_configuration_error_names_key_and_file(repo, text, key, reason):
    write(repo / "rusaudit.toml", text)
    with pytest.raises(ConfigError) as exc:
        load_config(cwd=str(repo))
    line = exc.value.line()
    assert line.startswith(f"error: rusaudit.toml: {key}: "), line
    assert reason in line and "\n" not in line


def test_errors_in_pyproject_name_the_full_key(repo):
    write(repo / "pyproject.toml", "[tool.rusaudit.min_score]\nterritorial = 500\n")
    with pytest.raises(ConfigError) as exc:
        load_config(cwd=str(repo))
    assert exc.value.line().startswith("error: pyproject.toml: tool.rusaudit.min_score.territorial: ")


def test_invalid_toml_names_the_file_and_position(repo):
    write(repo / "rusaudit.toml", "[min_score\nterritorial = 50\n")
    with pytest.raises(ConfigError) as exc:
        load_config(cwd=str(repo))
    assert exc.value.line().startswith("error: rusaudit.toml: invalid TOML (") and "line 1" in exc.value.line()


def test_explicit_config_missing_or_without_table(repo):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(str(repo / "nope.toml"), cwd=str(repo))
    write(repo / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool.rusaudit\] table"):
        load_config(str(repo / "pyproject.toml"), cwd=str(repo))


def test_invalid_extra_rule_file_is_reported_with_its_path(repo):
    (repo / "rules-local").mkdir()
    write(repo / "rules-local" / "bad.yaml", "dimension: territorial\nrules:\n  - id: x\n    patterns: []\n")
    write(repo / "rusaudit.toml", 'rules = ["rules-local"]\n')
    from rusaudit.errors import RuleError

    with pytest.raises(RuleError) as exc:
        load_config(cwd=str(repo))
    assert "rules-local/bad.yaml: " in exc.value.line() and "patterns" in exc.value.line()
