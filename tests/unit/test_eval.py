"""The labelled evaluation: real sentences with sources, and the rules' precision and recall on them."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from rusaudit.api import analyzer
from rusaudit.errors import InputError
from rusaudit.rulelang.evaluation import Score, evaluate, load_labels

LABELS = Path(__file__).resolve().parents[1] / "eval" / "labels.yaml"
PRECISION, RECALL = 0.90, 0.80


@pytest.fixture(scope="module")
def result():
    return evaluate(load_labels(LABELS), analyzer())


def test_the_labelled_set_is_large_real_and_cites_every_source():
    raw = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    labels = load_labels(LABELS)
    assert len(labels.sentences) >= 600
    assert len({s.text for s in labels.sentences}) == len(labels.sentences)  # no sentence twice
    for source, text, _ in raw["sentences"]:
        assert source in raw["sources"] and raw["sources"][source].strip(), text
    positives = Counter(f for s in labels.sentences for f in s.labels)
    main = [f for f in labels.families if f.startswith("national_strategy.area")] + [
        "national_strategy.territorial_perspective",
        "national_strategy.god_samhallsplanering",
        "collaboration.actor.staten",
    ]
    assert all(positives[f] >= 29 for f in main), {f: positives[f] for f in main}


def test_every_dimension_reaches_the_bar_on_its_scored_families(result):
    book = analyzer().book
    scored: dict[str, Score] = {}
    for fam in result.families:
        rule = book.rule(fam.family)
        if rule is not None and rule.informative:
            continue  # shown, not scored
        scored.setdefault(fam.dimension, Score(fam.dimension, fam.dimension)).add(fam)
    assert set(scored) == {"national_strategy", "planning", "collaboration"}
    for dim in scored.values():
        assert dim.precision >= PRECISION and dim.recall >= RECALL, (dim.family, dim.precision, dim.recall)


def test_the_basic_conditions_reached_the_bar_and_are_scored(result):
    """Informative at recall 0.45 on 22 positives; scored since the labels and the rules grew."""
    fam = next(s for s in result.families if s.family == "national_strategy.basic_conditions")
    assert fam.tp + fam.fn >= 50
    assert fam.precision >= PRECISION and fam.recall >= RECALL
    assert not analyzer().book.rule(fam.family).informative


def test_an_informative_rule_is_shown_with_its_verdict_but_weighs_nothing(tmp_path):
    from rusaudit.api import Options, audit_document
    from rusaudit.extract.model import Block, Document, Page

    (tmp_path / "mine.yaml").write_text(
        "dimension: national_strategy\n"
        "rules:\n"
        "  - id: user.uppfoljning\n"
        "    informative: true\n"
        "    patterns: [{term: uppföljning, theme: lärande}]\n"
        "    examples: {match: ['Uppföljningen sker årligen.', 'En god uppföljning.'], no_match: ['Vi ses.']}\n",
        encoding="utf-8",
    )
    doc = Document("x.txt", "0", "txt", [Page(1, [Block("Uppföljningen av strategin sker varje år.")])])
    plain = audit_document(doc)
    mine = audit_document(doc, Options(rules=(str(tmp_path),)))
    item = next(n for n in mine.national_strategy if n["id"] == "user.uppfoljning")
    assert item["informative"] and item["verdict"] == "touched"
    score = {d.id: d.score for d in plain.dimensions}["national_strategy"]
    assert {d.id: d.score for d in mine.dimensions}["national_strategy"] == score


def _run(*args):
    return subprocess.run([sys.executable, "-m", "rusaudit", *args], capture_output=True, text=True)


def test_eval_command_prints_precision_and_recall_for_a_users_labels(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "aliases: {boende: national_strategy.area.likvardiga_mojligheter}\n"
        "families: [boende]\n"
        "sentences:\n"
        "  - {source: egen, text: 'Bostadsbristen hindrar rekryteringen.', labels: [boende]}\n"
        "  - {source: egen, text: 'Vi bygger fler hyresrätter i Lycksele.', labels: [boende]}\n"
        "  - {source: egen, text: 'Skogen är avgörande för vårt välstånd och vår välfärd.', labels: []}\n",
        encoding="utf-8",
    )
    out = _run("eval", str(mine))
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if line.startswith("national_strategy.area.likv"))
    assert row.split()[1:] == ["2", "2", "0", "0", "1.00", "1.00"]
    data = json.loads(_run("eval", str(mine), "-f", "json").stdout)
    assert data["overall"]["precision"] == 1.0 and data["sentences"] == 3


def test_a_broken_labels_file_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sentences:\n  - [src, 'En mening.', [nonsense.family]]\n", encoding="utf-8")
    with pytest.raises(InputError):
        evaluate(load_labels(bad), analyzer())
    out = _run("eval", str(bad))
    assert out.returncode == 2 and out.stderr.strip().splitlines() == [
        f"error: {bad}: family 'nonsense.family' names no rule or group in the rule sets"
    ]
