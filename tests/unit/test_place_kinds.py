"""Places count where the strategy names them, not in its apparatus (issue 10's reference lists)."""

from rusaudit.api import audit_document
from rusaudit.extract.model import Block, Document, Page

BODY = "Umeå och Skellefteå växer, medan Vilhelmina och Dorotea krymper."


def _places(blocks):
    doc = Document(path="d.pdf", sha256="0" * 64, format="pdf", pages=[Page(1, blocks)])
    return {p.name for p in audit_document(doc).places}


def test_reference_contents_contact_footnote_and_figure_labels_name_no_places():
    apparatus = [
        Block("Boverket (2014). Regional fysisk planering. Karlskrona: Boverket.", "reference"),
        Block("Stockholm: Kulturdepartementet.", "reference"),
        Block("Lycksele ........ 12", "toc"),
        Block("Region Västerbotten, Box 443, 901 09 Umeå. Besök: Storgatan 1, Lycksele", "contact"),
        Block("1 Källa: SCB, Örebro.", "footnote"),
        Block("Sorsele", "figure_text"),
    ]
    assert _places([Block(BODY, "body"), *apparatus]) == {"Umeå", "Skellefteå", "Vilhelmina", "Dorotea"}


def test_the_same_names_in_body_text_count():
    text = "Insatserna riktas till Lycksele, Sorsele och Karlskrona."
    assert {"Lycksele", "Sorsele", "Karlskrona"} <= _places([Block(BODY, "body"), Block(text, "body")])
