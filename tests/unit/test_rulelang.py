"""The rule language: the regex guard's limits, `unless`, `near` and block kinds."""

import textwrap
import tracemalloc

import pytest

from rusaudit.errors import RuleError
from rusaudit.rulelang import RuleMatcher, load_rulebook
from rusaudit.rulelang.regex_guard import regex_problem
from rusaudit.rulelang.validate import check_paths


def test_huge_bounded_counts_are_refused_before_compiling():
    tracemalloc.start()
    for pattern in ("(?:a{100000}){100000}", "a{5000}", "(?:(?:ab){200}){200}", r"\p{L}{99999}"):
        problem = regex_problem(pattern)
        assert problem and "repetition count" in problem, pattern
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 50_000_000
    assert regex_problem("kommun(er){1,3}") is None
    assert regex_problem(r"\d{4}") is None


def test_the_shape_check_looks_inside_lookarounds():
    for pattern in ("x(?=(a+)+b)", "(?!(a|aa)+c)y", "(?<=b)(?=(?:\\w+\\s?)+!)"):
        assert regex_problem(pattern) and "refused" in regex_problem(pattern), pattern
    assert regex_problem("(?=stad)\\w+") is None


RULES = """\
dimension: test_dim
title: Test
rules_as_indicators: true
rules:
  - id: t.plan
    title: Havsplan
    patterns:
      - term: havsplan
      - term: hav
        near: {rules: [t.cue], window: 3}
    unless:
      - phrase: Havs- och vattenmyndigheten
    examples:
      match: ["Havsplanen ska följas.", "Havet ska planeras."]
      no_match: ["Havs- och vattenmyndigheten beslutar."]
  - id: t.cue
    group: test_cue
    title: Cue
    patterns: [planera]
    examples: {match: ["Vi planerar.", "Planera nu."], no_match: ["Nej."]}
"""


@pytest.fixture
def matcher(tmp_path):
    (tmp_path / "t.yaml").write_text(textwrap.dedent(RULES), encoding="utf-8")
    assert [d for d in check_paths([str(tmp_path)]).diagnostics if d.severity == "error"] == []
    return RuleMatcher(load_rulebook((str(tmp_path),), defaults=False))


def _found(matcher, text):
    from rusaudit.analyse.pipeline import nlp
    from rusaudit.analyse.places import Tok

    toks = [Tok(t.text, t.idx, t.idx + len(t.text)) for t in nlp()(text) if not t.is_space]
    return [(m.rule, m.text) for m in matcher.match(text, toks)]


def test_unless_voids_an_agency_name_and_near_needs_its_context(matcher):
    assert _found(matcher, "Havs- och vattenmyndigheten tar fram havsplaner.") == [("t.plan", "havsplaner")]
    assert ("t.plan", "havet") in _found(matcher, "Vi vill planera havet bättre.")
    assert not any(r == "t.plan" for r, _ in _found(matcher, "Havet är vackert och stort, vi ska inte alls planera."))


def test_findings_come_only_from_prose_not_contents_references_or_tables():
    from rusaudit.api import audit_document
    from rusaudit.extract.model import Block, Document, Page

    blocks = [
        Block("Bostadsbrist och kommersiell service ............ 12", "toc"),
        Block("Boverket (2020). Bostadsbyggande och bostadsbrist. Karlskrona: Boverket.", "reference"),
        Block("Bostadsbyggande 2019 2020 2021", "table"),
        Block("Kulturdepartementet, 103 33 Stockholm, telefon 08-405 10 00", "contact"),
        Block("Likvärdiga möjligheter till boende, arbete och välfärd i hela landet", "heading", 1),
        Block("Regionen ska stödja kommersiell service på landsbygden."),
    ]
    report = audit_document(Document("x.txt", "0", "txt", [Page(1, blocks)]))
    item = next(n for n in report.national_strategy if n["id"].endswith("likvardiga_mojligheter"))
    sentences = {e["sentence"] for e in item["evidence"]}
    assert sentences == {
        "Likvärdiga möjligheter till boende, arbete och välfärd i hela landet",  # the title names it
        "Regionen ska stödja kommersiell service på landsbygden.",
    }
    assert item["verdict"] == "named" and item["count"] == 2


def test_unknown_near_target_and_block_kind_are_errors(tmp_path):
    bad = RULES.replace("rules: [t.cue]", "rules: [t.nothing]").replace(
        "    unless:", "    kinds: [body, prose]\n    unless:"
    )
    (tmp_path / "t.yaml").write_text(bad, encoding="utf-8")
    errors = [str(d) for d in check_paths([str(tmp_path)]).diagnostics if d.severity == "error"]
    assert any("near: no rule has id 't.nothing'" in e for e in errors)
    assert any("kinds" in e and "prose" in e for e in errors)
    with pytest.raises(RuleError):
        load_rulebook((str(tmp_path),), defaults=False)
