"""The tokenizer helper: the same tokens as in-process spaCy, and a quiet fallback when it fails."""

import os
import subprocess
import sys

import pytest

from rusaudit.analyse import tokens
from rusaudit.analyse.sentences import sentence_spans
from rusaudit.extract import load_document

CORPUS = "corpus/24-vasterbotten-platsbaserad.pdf"


def _texts() -> list[str]:
    document = load_document(CORPUS)
    return [b.text for page in document.pages for b in page.blocks]


def _spans() -> list[tuple]:
    return [(s.page, s.kind, s.section, s.text, s.toks) for s in sentence_spans(load_document(CORPUS))]


@pytest.fixture
def helper():
    source = tokens.Forked()
    yield source
    source.close()


def test_the_helper_gives_the_tokens_spacy_gives_here(helper):
    texts = _texts()
    assert len(texts) > tokens.CHUNK  # several replies, the last one partial
    assert helper.punct() == tokens.Local().punct()
    assert list(helper.arrays(texts)) == list(tokens.Local().arrays(texts))
    # a second request on the same helper, of exactly one chunk (an empty last reply follows)
    assert list(helper.arrays(texts[: tokens.CHUNK])) == list(tokens.Local().arrays(texts[: tokens.CHUNK]))
    assert not helper.broken


def test_a_scan_reads_the_same_sentences_with_and_without_the_helper():
    alone = _spans()
    with tokens.forked():
        assert isinstance(tokens.current(), tokens.Forked)
        helped = _spans()
    assert isinstance(tokens.current(), tokens.Local)
    assert helped == alone and len(alone) > 300


def test_a_helper_that_dies_is_replaced_by_this_process(helper):
    texts = _texts()
    helper.punct()
    helper._proc.kill()
    helper._proc.join()
    assert list(helper.arrays(texts)) == list(tokens.Local().arrays(texts))
    assert helper.broken


def test_a_request_read_halfway_does_not_garble_the_next(helper):
    texts = _texts()
    reader = helper.arrays(texts)
    next(reader)
    reader.close()  # the rest of the replies are never read
    assert list(helper.arrays(texts[:50])) == list(tokens.Local().arrays(texts[:50]))


def test_the_helper_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("RUSAUDIT_TOKEN_HELPER", "0")
    with tokens.forked():
        assert isinstance(tokens.current(), tokens.Local)


def test_the_helper_is_gone_when_the_block_ends():
    import multiprocessing

    with tokens.forked():
        _spans()
        assert [p.name for p in multiprocessing.active_children()] == ["rusaudit-tokens"]
    assert multiprocessing.active_children() == []


def test_a_scan_with_the_helper_writes_the_same_report_and_nothing_else(tmp_path):
    reports = []
    for helper in ("1", "0"):
        out = tmp_path / f"r{helper}.json"
        env = dict(os.environ, RUSAUDIT_TOKEN_HELPER=helper)
        cmd = [sys.executable, "-m", "rusaudit", "scan", CORPUS, "--no-cache", "-f", "json", "-o", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        assert (done.returncode, done.stderr, done.stdout) == (0, "", "")
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]


def test_a_helper_started_early_is_the_one_the_scan_uses():
    import multiprocessing

    tokens.start_early()
    early = tokens._early
    assert isinstance(early, tokens.Forked)
    with tokens.forked():
        assert tokens.current() is early
        assert len(_spans()) > 300
    assert tokens._early is None and multiprocessing.active_children() == []
