"""The extraction evaluation: 89 pages of hard layouts with gold sentences and block kinds.

Sentence-boundary F1 must reach 0.98 and block-kind accuracy 0.95 overall and for every
layout, with both engines. The table per layout is printed (pytest -s shows it).
"""

import pytest
from layoutmaker import build, score

from rusaudit.extract import load_document


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    path = tmp_path_factory.mktemp("eval") / "layouts.pdf"
    gold = build(path)
    return path, gold


def _report(engine: str, result) -> str:
    rows = [f"{engine}: layout            F1     kind   units"]
    for layout, (f1, kind, n) in result.items():
        rows.append(f"  {layout:18s} {f1:.3f}  {kind:.3f}  {n}")
    return "\n".join(rows)


def test_evaluation_is_large_enough(evaluation):
    _, gold = evaluation
    assert len(gold) >= 60
    layouts = {g.layout for g in gold}
    assert {"spacing_1_5", "spacing_2", "justified", "bold_terms", "two_columns", "three_columns"} <= layouts
    assert {"fact_boxes", "contents", "references", "table", "footnotes", "figure_labels", "contact"} <= layouts
    assert {"pull_quotes", "vector_charts", "ruled_table"} <= layouts


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_sentences_and_kinds_per_layout(evaluation, engine):
    path, gold = evaluation
    result = score(gold, load_document(str(path), engine=engine))
    print("\n" + _report(engine, result))
    weak = {k: v for k, v in result.items() if v[0] < 0.98 or v[1] < 0.95}
    assert not weak, _report(engine, result)
