"""Error reasons and warnings in the report's language.

Reasons are made in English where they happen (one line on stderr, the JSON's `reason`
and `warnings` stay English: scripts match them). A page, table or Markdown report in
Swedish shows them in Swedish: each known reason has a pattern here, and a reason
without one is shown as it is rather than guessed at.
"""

from __future__ import annotations

import re

# (English pattern, Swedish template); groups carry file names, numbers and details over.
_SV: list[tuple[re.Pattern[str], str]] = [
    (r"file not found", "filen finns inte"),
    (r"is a directory, not a file", "är en mapp, inte en fil"),
    (r"cannot read file \((.*)\)", r"filen kan inte läsas (\1)"),
    (r"not a regular file \((.*)\): only files are read", r"inte en vanlig fil (\1): bara filer läses"),
    (r"empty file \(0 bytes\)", "tom fil (0 byte)"),
    (r"not a PDF \(no %PDF header\)", "inte en PDF (inget %PDF-huvud)"),
    (r"PDF has no pages", "PDF-filen har inga sidor"),
    (r"damaged PDF \((.*)\)", r"skadad PDF (\1)"),
    (
        r"password-protected PDF: remove the password and try again",
        "lösenordsskyddad PDF: ta bort lösenordet och försök igen",
    ),
    (
        r"no text layer \(scanned pages\?\): run with --ocr to read it by OCR \(Tesseract\)",
        "inget textlager (inskannade sidor?): kör med --ocr så läses texten med OCR (Tesseract)",
    ),
    (r"OCR needs Tesseract, which is not installed: (.*)", r"OCR kräver Tesseract, som inte är installerat: \1"),
    (
        r"OCR needs Tesseract, which does not run \((.*)\): (.*)",
        r"OCR kräver Tesseract, som inte går att köra (\1): \2",
    ),
    (
        r"OCR needs Tesseract's '(.*)' data, not installed: (.*)",
        r"OCR kräver Tesseracts språkdata '\1', som inte är installerade: \2",
    ),
    (
        r"page (\d+): OCR confidence (\d+) is under (\d+): words may be misread",
        r"sidan \1: OCR-säkerheten \2 är under \3: ord kan vara fellästa",
    ),
    (
        r"pages without a text layer were skipped \((.*)\): run with --ocr to read them",
        r"sidor utan textlager hoppades över (\1): kör med --ocr för att läsa dem",
    ),
    (r"page (\d+): OCR gave up after (\d+) s \((.*)\)", r"sidan \1: OCR gav upp efter \2 s (\3)"),
    (r"page (\d+): OCR failed \((.*)\)", r"sidan \1: OCR misslyckades (\2)"),
    (r"page (\d+): OCR output unreadable \((.*)\)", r"sidan \1: OCR-resultatet gick inte att läsa (\2)"),
    (
        r"page (\d+): page could not be rendered for OCR \((.*)\)",
        r"sidan \1: sidan kunde inte ritas upp för OCR (\2)",
    ),
    (r"no extractable text", "ingen text att läsa ut"),
    (r"not a Word \.docx file \(no zip header\)", "inte en Word-fil (.docx) (inget zip-huvud)"),
    (r"not a Word document \((.*)\)", r"inte ett Word-dokument (\1)"),
    (r"damaged Word file \((.*)\)", r"skadad Word-fil (\1)"),
    (
        r"password-protected or old-format Word file: save it as an unprotected \.docx",
        "lösenordsskyddad Word-fil eller gammalt format: spara den som en oskyddad .docx",
    ),
    (r"not a text file \(binary content\)", "inte en textfil (binärt innehåll)"),
    (r"not a text file \(unknown encoding\)", "inte en textfil (okänd teckenkodning)"),
    (r"unsupported file type '(.*)': expected one of (.*)", r"filtypen '\1' stöds inte: förväntade en av \2"),
    (r"could not be processed \((.*)\)", r"kunde inte behandlas (\1)"),
    (
        r"nothing left to audit: the exclusions leave no text of its (\d+) pages",
        r"inget kvar att granska: undantagen lämnar ingen text av dokumentets \1 sidor",
    ),
    (
        r"region could not be detected: municipality coverage counts as 0; set --region",
        "regionen kunde inte avgöras: kommuntäckningen räknas som 0; ange --region",
    ),
    (r"page (\d+): could not be read \((.*)\)", r"sidan \1: kunde inte läsas (\2)"),
    (r"page (\d+): text could not be read \((.*)\)", r"sidan \1: texten kunde inte läsas (\2)"),
    (
        r"page (\d+): implausible page size (.*) pt; page skipped",
        r"sidan \1: orimlig sidstorlek \2 pt; sidan hoppades över",
    ),
    (
        r"--region: (.+) is a municipality in (.+); auditing for (.+) \(write --region (\d+) or --region (.+)\)",
        r"--region: \1 är en kommun i \2; granskar för \3 (skriv --region \4 eller --region \5)",
    ),
    (
        r"--region (.+): the text names (\d+) of the (\d+) municipalities in (.+) and none in (.+); "
        r"is it about (.+) \(--region (\d+)\)\?",
        r"--region \1: texten nämner \2 av de \3 kommunerna i \4 och ingen i \5; handlar den om \6 (--region \7)?",
    ),
]
_PATTERNS = [(re.compile(rf"^{p}$", re.DOTALL), sv) for p, sv in _SV]


def translate(reason: str | None, lang: str = "sv") -> str:
    """`reason` in `lang` (sv or en); unknown reasons come back unchanged."""
    if not reason or lang != "sv":
        return reason or ""
    for pattern, template in _PATTERNS:
        m = pattern.match(reason)
        if m:
            return m.expand(template)
    return reason
