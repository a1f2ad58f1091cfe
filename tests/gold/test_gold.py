"""Place detection against the labelled gold sentences, overall and per kind of place.

Municipalities keep precision ≥ 0.99 and recall ≥ 0.97; localities and infrastructure
reach precision ≥ 0.97 and recall ≥ 0.90; all places together precision ≥ 0.97 and
recall ≥ 0.90. `pytest -s tests/gold` prints the figures per kind.
"""

from collections import Counter
from pathlib import Path

import pytest
import yaml

GOLD = Path(__file__).with_name("places.yaml")
# id prefix -> kind of place
KIND_OF = {
    "kommun": "municipality",
    "lan": "county",
    "landskap": "landscape",
    "subregion": "subregion",
    "locality": "locality",
    "infra": "infrastructure",
    "eu": "eu_region",
    "foreign": "foreign",
}
FLOORS = {  # kind: (precision, recall)
    "all": (0.97, 0.90),
    "municipality": (0.99, 0.97),
    "locality": (0.97, 0.90),
    "infrastructure": (0.97, 0.90),
}


def _kind(pid: str) -> str:
    return KIND_OF.get(pid.split(":", 1)[0], "other")


def score(find_places):
    """Counts per kind ('all' for every place): {kind: (tp, fp, fn)}, and the sentences that differ."""
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    counts: dict[str, Counter] = {}
    errors = []
    for item in data["sentences"]:
        want = set(item.get("places") or [])
        got = set(find_places(item["text"], item.get("region")))
        for pid in want | got:
            for kind in ("all", _kind(pid)):
                c = counts.setdefault(kind, Counter())
                c["tp" if pid in want and pid in got else "fp" if pid in got else "fn"] += 1
        if want != got:
            where = f" [region {item['region']}]" if item.get("region") else ""
            errors.append((item["text"] + where, sorted(got - want), sorted(want - got)))
    return len(data["sentences"]), counts, errors


def figures(c: Counter) -> tuple[float, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


@pytest.fixture(scope="module")
def gold(find_places):
    n, counts, errors = score(find_places)
    print(f"\ngold: {n} sentences, {len(errors)} differ")
    print(f"  {'kind':<15} {'places':>6} {'precision':>9} {'recall':>7}")
    for kind in ["all"] + sorted(k for k in counts if k != "all"):
        p, r = figures(counts[kind])
        print(f"  {kind:<15} {counts[kind]['tp'] + counts[kind]['fn']:>6} {p:>9.3f} {r:>7.3f}")
    for text, extra, missed in errors:
        print(f"  +{extra} -{missed}: {text}")
    return counts


def test_gold_set_is_large_enough():
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert len(data["sentences"]) >= 200


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_place_detection_precision_and_recall(gold, kind):
    precision, recall = figures(gold.get(kind, Counter()))
    floor_p, floor_r = FLOORS[kind]
    assert precision >= floor_p and recall >= floor_r, (kind, precision, recall)


def test_every_gold_id_exists_in_the_gazetteer(gazetteer):
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    ids = {pid for item in data["sentences"] for pid in item.get("places") or []}
    assert sorted(ids - set(gazetteer.places)) == []
