"""Place detection against the labelled gold sentences: precision ≥ 0.97, recall ≥ 0.90."""

from pathlib import Path

import yaml

GOLD = Path(__file__).with_name("places.yaml")


def score(find_places):
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    tp = fp = fn = 0
    errors = []
    for item in data["sentences"]:
        want = set(item.get("places") or [])
        got = set(find_places(item["text"]))
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        if want != got:
            errors.append((item["text"], sorted(got - want), sorted(want - got)))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return len(data["sentences"]), precision, recall, errors


def test_gold_set_is_large_enough():
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert len(data["sentences"]) >= 200


def test_place_detection_precision_and_recall(find_places):
    n, precision, recall, errors = score(find_places)
    print(f"\ngold: {n} sentences, precision {precision:.3f}, recall {recall:.3f}, {len(errors)} sentences differ")
    for text, extra, missed in errors:
        print(f"  +{extra} -{missed}: {text}")
    assert precision >= 0.97
    assert recall >= 0.90


def test_every_gold_id_exists_in_the_gazetteer(gazetteer):
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    ids = {pid for item in data["sentences"] for pid in item.get("places") or []}
    assert sorted(ids - set(gazetteer.places)) == []
