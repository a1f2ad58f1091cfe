"""Word drafts: headings with their levels, pages, lists, tables, captions, bad files."""

from __future__ import annotations

import base64
import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from draftmaker import md_to_docx

from rusaudit.errors import InputError
from rusaudit.extract import load_document

# A 1x1 PNG, to put a real picture into a draft.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def blocks(doc):
    return [(p.number, b.kind, b.level, b.text) for p in doc.pages for b in p.blocks]


def test_headings_keep_levels_and_a_level_one_heading_starts_a_page(tmp_path):
    d = docx.Document()
    d.add_heading("Regional utvecklingsstrategi", level=0)  # the Title style
    d.add_paragraph("Strategin gäller Västerbotten.")
    d.add_heading("Förutsättningar", level=1)
    d.add_heading("Inlandet", level=2)
    d.add_paragraph("Lycksele och Storuman har långa avstånd.")
    swedish = d.styles.add_style("Rubrik 3", WD_STYLE_TYPE.PARAGRAPH)  # a Swedish Word style name
    d.add_paragraph("Fjällen", style=swedish)
    d.add_heading("Insatser", level=1)
    d.add_paragraph("Vi bygger ut bredbandet i glesbygden.")
    path = tmp_path / "rus.docx"
    d.save(path)
    doc = load_document(str(path))
    assert doc.format == "docx"
    assert blocks(doc) == [
        (1, "heading", 1, "Regional utvecklingsstrategi"),
        (1, "body", 0, "Strategin gäller Västerbotten."),
        (2, "heading", 1, "Förutsättningar"),
        (2, "heading", 2, "Inlandet"),
        (2, "body", 0, "Lycksele och Storuman har långa avstånd."),
        (2, "heading", 3, "Fjällen"),
        (3, "heading", 1, "Insatser"),
        (3, "body", 0, "Vi bygger ut bredbandet i glesbygden."),
    ]


def test_page_breaks_lists_tables_captions_and_pictures(tmp_path):
    d = docx.Document()
    d.add_paragraph("Första sidan handlar om kusten.")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Andra sidan handlar om inlandet.")
    d.add_paragraph("Umeå", style="List Bullet")
    d.add_paragraph("Skellefteå", style="List Number")
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "Kommun", "Invånare", "Förändring"
    merged = table.cell(1, 1).merge(table.cell(1, 2))
    table.cell(1, 0).text, merged.text = "Vilhelmina", "6 500"
    d.add_picture(io.BytesIO(PNG))
    d.add_paragraph("Karta 1. Strukturbild för Västerbotten med noder och stråk.", style="Caption")
    path = tmp_path / "rus.docx"
    d.save(path)
    doc = load_document(str(path))
    assert [p.number for p in doc.pages] == [1, 2]
    kinds = [(b.kind, b.text) for b in doc.pages[1].blocks]
    assert ("list_item", "Umeå") in kinds and ("list_item", "Skellefteå") in kinds
    assert ("body", "Kommun | Invånare | Förändring") in kinds
    assert ("body", "Vilhelmina | 6 500") in kinds  # a merged cell once, not twice
    assert doc.pages[1].images == 1
    assert [(f.kind, f.caption[:7]) for f in doc.pages[1].figures] == [("map", "Karta 1")]


def test_same_report_as_the_markdown_source(corpus, tmp_path):
    from rusaudit.api import Options, audit

    md_text = (corpus / "src" / "24-vasterbotten-mellan.md").read_text(encoding="utf-8")
    md = tmp_path / "mellan.md"
    md.write_text(md_text, encoding="utf-8")
    word = md_to_docx(md_text, tmp_path / "mellan.docx")
    a, b = audit(str(md), Options()).to_dict(), audit(str(word), Options()).to_dict()
    assert a["scores"] == b["scores"]  # the same words give the same figures
    assert a["document"]["pages"] == b["document"]["pages"] and a["document"]["maps"] == b["document"]["maps"] == 1
    assert a["coverage"] == b["coverage"]
    assert [p["id"] for p in a["places"]] == [p["id"] for p in b["places"]]


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"just some text", "not a Word .docx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected or old-format Word file"),
        (b"PK\x03\x04" + b"\0" * 40, "damaged Word file"),
        (_zip({"hello.txt": "hej"}), "damaged Word file"),
    ],
    ids=["empty", "text", "ole", "truncated-zip", "zip-without-word-parts"],
)
def test_bad_word_files_are_one_line_input_errors(tmp_path, content, reason):
    path = tmp_path / "utkast.docx"
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_document(str(path))
    line = exc.value.line()
    assert line.startswith(f"error: {path}: ") and reason in line and "\n" not in line


def test_a_workbook_renamed_to_docx_is_not_a_word_document(tmp_path):
    d = docx.Document()
    path = tmp_path / "real.docx"
    d.save(path)
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()}
    ct = entries["[Content_Types].xml"].replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    )
    entries["[Content_Types].xml"] = ct
    bad = tmp_path / "book.docx"
    bad.write_bytes(_zip(entries))
    with pytest.raises(InputError, match="not a Word document"):
        load_document(str(bad))
