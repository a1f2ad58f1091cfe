"""Both PDF engines read the corpus alike, and no PDF can make extraction hang or crash.

pdfium is the default engine and pdfplumber the alternative: on every corpus strategy they
must find the same places (with the same counts) and give scores within 2 points. Every
damaged or unusual PDF in the shared torture set gives a Document or one InputError.
"""

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from rusaudit.api import Options, audit
from rusaudit.errors import InputError
from rusaudit.extract import load_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "corpus").glob("*.pdf"))
TORTURE = Path("/work/shared/eval/torture")


@pytest.mark.parametrize("pdf", CORPUS, ids=lambda p: p.stem)
def test_both_engines_find_the_same_places_and_scores(pdf):
    fast = audit(str(pdf), Options(engine="pdfium"))
    slow = audit(str(pdf), Options(engine="pdfplumber"))
    a, b = fast.to_dict(), slow.to_dict()
    assert {p["id"]: p["count"] for p in a["places"]} == {p["id"]: p["count"] for p in b["places"]}
    assert a["region"] == b["region"]
    for key, value in a["scores"].items():
        assert abs(value - b["scores"][key]) <= 2, (key, value, b["scores"][key])
    assert a["document"]["pages"] == b["document"]["pages"]


def _absurd_pdf(path: Path) -> Path:
    """Two pages: an ordinary A4 page and one 1e8 points (35 km) wide."""
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    c.drawString(60, 780, "Umeå och Skellefteå är länets två största kommuner.")
    c.showPage()
    c.setPageSize((1e8, 842))
    c.drawString(60, 780, "En sida som ingen skrivare kan göra.")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_an_absurd_page_size_is_skipped_with_a_warning(tmp_path, engine):
    doc = load_document(str(_absurd_pdf(tmp_path / "wide.pdf")), engine=engine)
    assert "Umeå och Skellefteå" in doc.pages[0].text
    assert doc.pages[1].blocks == []
    assert any("page 2" in w and "page size" in w for w in doc.warnings)


@pytest.mark.skipif(not TORTURE.is_dir(), reason="the shared torture set is not on this machine")
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_torture_pdfs_give_a_document_or_one_line_error(engine):
    import signal

    def stuck(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stuck)
    outcomes = {}
    for pdf in sorted(TORTURE.glob("*.pdf")):
        signal.alarm(60)
        try:
            doc = load_document(str(pdf), engine=engine)
            outcomes[pdf.name] = f"{len(doc.pages)} pages"
        except InputError as err:
            assert "\n" not in err.line() and err.line().startswith("error: "), err.line()
            outcomes[pdf.name] = "error"
        finally:
            signal.alarm(0)
    assert len(outcomes) >= 50
    assert any(v != "error" for v in outcomes.values())


def test_both_engines_find_the_same_places_in_the_gold_sentences(tmp_path):
    """The labelled gold sentences, set as a PDF, give the same places with either engine."""
    import textwrap

    import yaml
    from pdfmaker import make_pdf

    gold = yaml.safe_load((ROOT / "tests" / "gold" / "places.yaml").read_text(encoding="utf-8"))
    lines = [line for item in gold["sentences"] for line in textwrap.wrap(item["text"], 95)]
    pages = [lines[i : i + 48] for i in range(0, len(lines), 48)]
    pdf = make_pdf(tmp_path / "gold.pdf", pages)
    a = audit(str(pdf), Options(engine="pdfium", region="24")).to_dict()
    b = audit(str(pdf), Options(engine="pdfplumber", region="24")).to_dict()
    assert a["places"] and {p["id"]: p["count"] for p in a["places"]} == {p["id"]: p["count"] for p in b["places"]}
    assert a["scores"] == b["scores"]
