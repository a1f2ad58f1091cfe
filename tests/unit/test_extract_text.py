from rusaudit.extract import load_document


def test_markdown_headings_start_pages_and_captions_are_figures(tmp_path):
    md = tmp_path / "utkast.md"
    md.write_text(
        "# Vision\n\nEn region med plats för fler.\n\n## Mål\n\nMålet är att inlandet växer.\n\n"
        "# Utmaningar\n\n![Karta 1. Länets kommuner](karta.png)\n\nI Sorsele och Dorotea minskar befolkningen.\n",
        encoding="utf-8",
    )
    doc = load_document(str(md))
    assert len(doc.pages) == 2
    assert [b.text for b in doc.pages[0].headings] == ["Vision", "Mål"]
    assert doc.pages[1].figures[0].kind == "map"


def test_text_form_feed_pages_and_hyphens(tmp_path):
    txt = tmp_path / "utkast.txt"
    txt.write_text("Regionens utveck-\nling går framåt.\n\fSida två.", encoding="utf-8")
    doc = load_document(str(txt))
    assert len(doc.pages) == 2
    assert doc.pages[0].text == "Regionens utveckling går framåt."
