"""`rusaudit rules …` and custom rule sets and places in `scan`, as a user meets them."""

import json
import re
import subprocess
import sys
import textwrap
import time

from pdfmaker import make_pdf

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<id>\S+): (?P<message>.+)$")

FABOD = """\
dimension: territorial
rules:
  - id: user.geo.fabod
    group: geography_type
    title: {sv: Fäbodar, en: Summer farms}
    weight: 1
    patterns:
      - term: fäbod
    examples:
      match: ["Fäbodarna lockar besökare.", "Fäbodbruket lever kvar."]
      no_match: ["Fabriken ligger vid ån."]
"""


def run(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "rusaudit", *args], capture_output=True, text=True, timeout=timeout)


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_validate_bundled_rules_is_clean():
    r = run("rules", "validate", "--strict")
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"^filer: \d+, regler: \d+, fel: 0, varningar: 0$", r.stdout, re.M), r.stdout


def test_validate_reports_each_error_on_one_line_and_exits_2(tmp_path):
    bad = write(
        tmp_path,
        "bad.yaml",
        FABOD.replace("weight: 1", "weight: 50").replace("- term: fäbod", '- regex: "(a+)+$"'),
    )
    r = run("rules", "validate", str(bad), "--lang", "en")
    assert r.returncode == 2
    lines = [LINE.match(x) for x in r.stdout.splitlines()[:-1]]
    assert all(lines), r.stdout
    got = {(m["file"], int(m["line"]), m["id"]) for m in lines}
    assert got == {(str(bad), 6, "user.geo.fabod"), (str(bad), 8, "user.geo.fabod")}
    assert "50 is out of range 0–10" in r.stdout and "regex '(a+)+$' refused" in r.stdout
    assert r.stdout.splitlines()[-1] == "files: 1, rules: 1, errors: 2, warnings: 0"


def test_validate_missing_examples_warn_and_strict_fails(tmp_path):
    path = write(tmp_path, "u.yaml", FABOD.replace('      no_match: ["Fabriken ligger vid ån."]\n', ""))
    ok = run("rules", "validate", str(path))
    assert ok.returncode == 0 and f"{path}:9: user.geo.fabod: warning: needs at least 2" in ok.stdout
    assert run("rules", "validate", "--strict", str(path)).returncode == 2


def test_validate_missing_path_is_one_error_line(tmp_path):
    r = run("rules", "validate", str(tmp_path / "nope"))
    assert r.returncode == 2 and r.stderr == f"error: {tmp_path / 'nope'}: not found\n"


def test_rules_test_passes_on_the_bundled_rules():
    r = run("rules", "test", "--lang", "en")
    assert r.returncode == 0, r.stdout
    m = re.search(r"^rules: (\d+), examples: (\d+), failures: 0$", r.stdout, re.M)
    assert m and int(m[1]) >= 30 and int(m[2]) >= 3 * int(m[1])


def test_rules_test_reports_each_failure_and_exits_1(tmp_path):
    text = FABOD.replace('"Fäbodbruket lever kvar."', '"Sätern lever kvar."').replace(
        '"Fabriken ligger vid ån."', '"Fäboden är stängd."'
    )
    path = write(tmp_path / "mine", "u.yaml", text)
    r = run("rules", "test", str(tmp_path / "mine"))
    assert r.returncode == 1
    assert f"{path}:10: user.geo.fabod: should match: 'Sätern lever kvar.'" in r.stdout
    assert f"{path}:11: user.geo.fabod: should not match: 'Fäboden är stängd.' (matched 'Fäboden')" in r.stdout
    assert r.stdout.splitlines()[-1] == "regler: 1, exempel: 3, fel: 2"


def test_rules_list_in_swedish_and_english(tmp_path):
    sv = run("rules", "list")
    assert sv.returncode == 0
    assert re.search(r"territorial\.geo\.landsbygd\s+│ territorial\s+│\s+1 │ Landsbygd", sv.stdout), sv.stdout
    en = run("rules", "list", "--lang", "en", "--rules", str(write(tmp_path, "u.yaml", FABOD)))
    assert "│ Countryside" in en.stdout and "user.geo.fabod" in en.stdout and "Summer farms" in en.stdout
    only = run("rules", "list", "--no-default-rules", "--rules", str(tmp_path / "u.yaml"))
    assert only.returncode == 2 and "unknown dimension 'territorial'" in only.stderr


def test_rules_explain_shows_patterns_weight_source_examples_and_users():
    r = run("rules", "explain", "territorial.spatial.strukturbild", "--lang", "en")
    assert r.returncode == 0
    out = r.stdout
    assert out.startswith("territorial.spatial.strukturbild – Spatial structure picture\n")
    assert "Weight: 2" in out and "Source: Boverket" in out
    assert "term   strukturbild  (every inflection; also as the first part of compounds)" in out
    assert "territorial.spatial_structure – Spatial structure (measure distinct_rules, params.group)" in out
    assert "+ Strukturbilden pekar ut tre regionala kärnor." in out
    assert "- Vi vill bygga en stark bild av regionen." in out
    ns = run("rules", "explain", "national_strategy.reference")
    vague = "phrase den nationella strategin  (exakt dessa ord i följd, oavsett versaler; tema: allmän hänvisning)"
    assert vague in ns.stdout
    assert (
        "regex  skr\\.?\\s*2020/21:133" in ns.stdout and "egen indikator i dimensionen national_strategy" in ns.stdout
    )


HAMN = """\
dimension: territorial
rules:
  - id: user.geo.hamn
    group: geography_type
    title: {sv: Hamnar, en: Ports}
    weight: 1
    informative: true
    kinds: [body, list_item, table]
    patterns:
      - {term: hamn, near: {rules: [territorial.geo.kust], window: 6}}
      - {phrase: djuphamn, kinds: [body]}
    unless:
      - phrase: hamnade i
    examples:
      match: ["Hamnen vid kusten byggs ut."]
      no_match: ["Frågan hamnade i en utredning vid kusten."]
"""


def test_rules_explain_shows_wrong_senses_context_and_block_kinds(tmp_path):
    rules = write(tmp_path, "u.yaml", HAMN)
    r = run("rules", "explain", "user.geo.hamn", "--rules", str(rules), "--lang", "en")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "  Reads blocks of kinds: body, list_item, table" in out
    assert "Informative: shown, not counted in the scores" in out
    assert "only with territorial.geo.kust within 6 words" in out
    assert "phrase djuphamn  (exactly these words in sequence, any case; reads blocks of kinds body)" in out
    assert "Does not count inside (wrong senses):\n  phrase hamnade i  (" in out


def test_rules_explain_unknown_id_is_one_line():
    r = run("rules", "explain", "territorial.geo.landsbyg")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert r.stderr.startswith(
        "error: territorial.geo.landsbyg: unknown rule id (did you mean territorial.geo.landsbygd"
    )


def _pdf(tmp_path, lines):
    return make_pdf(tmp_path / "s.pdf", [lines])


def test_scan_override_of_a_default_rule_is_noticed(tmp_path):
    pdf = _pdf(tmp_path, ["Längs kusten finns flera hamnar i Umeå och Skellefteå.", "Fäbodarna lockar besökare."])
    base = json.loads(run("scan", str(pdf), "-f", "json").stdout)
    override = FABOD.replace("user.geo.fabod", "territorial.geo.kust")
    write(tmp_path / "mine", "kust.yaml", override)
    r = run("scan", str(pdf), "-f", "json", "--rules", str(tmp_path / "mine"))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert any("rule territorial.geo.kust from" in w and "replaces the default" in w for w in data["warnings"])
    assert data["rules_version"] != base["rules_version"] and "+kust.yaml@" in data["rules_version"]
    geo = {i["id"]: i for d in data["dimensions"] for i in d["indicators"]}["territorial.geography_types"]
    assert "territorial.geo.kust" in geo["details"]["found"]  # now found through "fäbod", not "kusten"
    assert any(e["match"] == "Fäbodarna" for e in geo["evidence"])


def test_scan_finds_a_user_place(tmp_path):
    pdf = _pdf(tmp_path, ["I Granbäcken ska en ny skola byggas.", "Granbäckens invånare pendlar till Umeå."])
    before = json.loads(run("scan", str(pdf), "-f", "json").stdout)
    assert "locality:granbäcken" not in {p["id"] for p in before["places"]}
    write(tmp_path / "mine", "places.yaml", "places:\n  - {name: Granbäcken, kind: locality, municipality: '2480'}\n")
    r = run("scan", str(pdf), "-f", "json", "--rules", str(tmp_path / "mine"))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    found = {p["id"]: p for p in data["places"]}
    assert found["locality:granbäcken"]["count"] == 2 and found["locality:granbäcken"]["in_region"] is True
    assert "places:places.yaml@" in data["rules_version"]


def test_regex_guard_validate_and_scan(tmp_path):
    """(a+)+$ on a long line: refused with a clear message, on both paths, without hanging."""
    write(tmp_path / "mine", "u.yaml", FABOD.replace("- term: fäbod", '- regex: "(a+)+$"'))
    pdf = _pdf(tmp_path, ["a" * 40 + "b", "Regionen växer."])
    start = time.monotonic()
    v = run("rules", "validate", str(tmp_path / "mine"), timeout=60)
    s = run("scan", str(pdf), "--rules", str(tmp_path / "mine"), timeout=60)
    assert time.monotonic() - start < 60
    assert v.returncode == 2 and f"{tmp_path / 'mine' / 'u.yaml'}:8: user.geo.fabod: regex '(a+)+$' refused" in v.stdout
    assert s.returncode == 2 and s.stderr.count("\n") == 1
    assert s.stderr.startswith(f"error: {tmp_path / 'mine' / 'u.yaml'}: line 8: user.geo.fabod: regex '(a+)+$' refused")


def test_scan_with_only_user_rules(tmp_path):
    own = """\
    dimension: fabodar
    title: {sv: Fäbodar, en: Summer farms}
    rules_as_indicators: true
    rules:
      - id: fabodar.fabod
        title: Fäbod
        patterns: [fäbod]
        scoring: {function: step, at: 1}
        examples:
          match: ["Fäbodarna lockar besökare.", "Fäbodbruket lever kvar."]
          no_match: ["Fabriken ligger vid ån."]
    """
    write(tmp_path / "mine", "fabodar.yaml", own)
    # Two sentences, so that body text outweighs the running header in the font-size vote.
    pdf = _pdf(tmp_path, ["Fäbodarna i Vilhelmina lockar besökare.", "Många stannar flera dagar i byarna."])
    r = run("scan", str(pdf), "-f", "json", "--no-default-rules", "--rules", str(tmp_path / "mine"))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [d["id"] for d in data["dimensions"]] == ["fabodar"] and data["scores"]["fabodar"] == 100
