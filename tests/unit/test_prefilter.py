"""Literal prefilters: a regex is skipped on a sentence only when it cannot match there."""

import re

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rusaudit.api import rulebook
from rusaudit.rulelang import RuleMatcher
from rusaudit.rulelang.prefilter import haystack, required_literals


def _default_regexes() -> list[str]:
    """The default rules' regexes (all in syntax `re` reads, so hypothesis can write texts for them)."""
    found = sorted({p.value for r in rulebook().rules for p in r.patterns + r.unless if p.kind == "regex"})
    assert len(found) > 20
    return found


def test_literals_name_what_a_match_needs():
    assert required_literals(r"(?:\w+-\s+och\s+)?\w*departement(?:et|s)?") == ("departement",)
    assert required_literals(r"\b(?:vi|oss|vår)\b") == ("oss", "vi", "vår")
    assert required_literals(r"\bskol(?:a|an|or)\b") == ("skol",)
    assert required_literals(r"\bERUF\b") == ("eruf",)  # lower case: the text is lowered too
    # nothing is required: an optional part, a character class, an alternative without a literal
    assert required_literals(r"(?:kommun)?\w+") == ()
    assert required_literals(r"[a-z]+\d") == ()
    assert required_literals(r"kommun|\w+stad") == ("kommun", "stad")
    assert required_literals(r"kommun|\w+") == ()
    assert required_literals(r"\p{Lu}\w+ kommun") == ()  # `regex`-only syntax: always run


def test_the_haystack_folds_what_ignorecase_folds():
    for text, literal in (("Hälſa", "hälsa"), ("İNVESTERİNG", "investering"), ("DIVISION", "division")):
        assert literal in haystack(text)
        assert regex.search(literal, text, regex.IGNORECASE | regex.V0)


@pytest.mark.parametrize("pattern", _default_regexes())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_text_a_default_regex_matches_contains_one_of_its_literals(pattern, data):
    needs = required_literals(pattern)
    text = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE), fullmatch=False))
    if regex.search(pattern, text, regex.IGNORECASE | regex.V0) and needs:
        low = haystack(text)
        assert any(n in low for n in needs), (pattern, text, needs)


def test_prefiltered_matching_finds_what_running_every_regex_finds():
    """The default rules on the corpus: the same matches with and without the prefilter."""
    from rusaudit.analyse.sentences import sentence_spans
    from rusaudit.extract import load_document

    fast = RuleMatcher(rulebook())
    slow = RuleMatcher(rulebook())
    slow._always = list(range(len(slow.regexes)))  # every regex on every sentence
    slow._by_word, slow._by_substring, slow._substrings = {}, {}, ()
    document = load_document("corpus/24-vasterbotten-platsbaserad.pdf")
    n = 0
    for span in sentence_spans(document):
        assert fast.match(span.text, span.toks) == slow.match(span.text, span.toks), span.text
        n += 1
    assert n > 300
