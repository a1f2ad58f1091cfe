#!/usr/bin/env python3
"""Check the built corpus PDFs with pdfplumber.

    python corpus/verify.py            # every corpus/*.pdf that has a source in corpus/src

Prints per PDF: page count, whether the running header (the title) is on every page,
"Sida N" footers, the number of line-end hyphenations (a line ending in "-" followed
by a line starting with a lower-case letter), presence of å ä ö, the fictional notice
on page 1, and the pages set in two columns (with how full each column is).
Exit status 1 if a check fails.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pdfplumber

HERE = Path(__file__).resolve().parent
HEADER_BAND = 50  # pt from the top: running header
FOOTER_BAND = 50  # pt from the bottom: footer
NOTICE = "Fiktivt exempel – inte en antagen strategi"


def title_of(md: Path) -> str:
    for line in md.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#\s+(.*?)\s*$", line)
        if m:
            return re.sub(r"\*+", "", m.group(1))
    return ""


def body_words(page):
    return [w for w in page.extract_words() if w["top"] > HEADER_BAND and w["bottom"] < page.height - FOOTER_BAND]


def column_layout(page):
    """Return (is_two_column, left_fill, right_fill)."""
    words = body_words(page)
    if not words:
        return False, 0.0, 0.0
    mid = page.width / 2
    crossing = [w for w in words if w["x0"] < mid - 3 and w["x1"] > mid + 3]
    left = [w for w in words if w["x1"] <= mid]
    right = [w for w in words if w["x0"] >= mid]
    if crossing or len(left) < 40 or len(right) < 40:
        return False, 0.0, 0.0
    body_h = page.height - HEADER_BAND - FOOTER_BAND - 40

    def fill(ws):
        return (max(w["bottom"] for w in ws) - min(w["top"] for w in ws)) / body_h

    return True, fill(left), fill(right)


def text_lines(page, two_col: bool) -> list[str]:
    top, bottom = HEADER_BAND, page.height - FOOTER_BAND
    boxes = (
        [(0, top, page.width / 2, bottom), (page.width / 2, top, page.width, bottom)]
        if two_col
        else [(0, top, page.width, bottom)]
    )
    lines: list[str] = []
    for box in boxes:
        txt = page.crop(box).extract_text() or ""
        lines.extend(ln.strip() for ln in txt.splitlines() if ln.strip())
        lines.append("")  # a column break is not a line continuation
    return lines


def hyphenations(lines: list[str]) -> int:
    n = 0
    for a, b in zip(lines, lines[1:], strict=False):
        if re.search(r"\w-$", a) and b[:1].islower():
            n += 1
    return n


def check(pdf_path: Path, title: str) -> bool:
    ok = True
    with pdfplumber.open(pdf_path) as pdf:
        pages = pdf.pages
        header_missing, footer_missing, two_col, hy, chars = [], [], [], 0, set()
        for i, page in enumerate(pages, 1):
            head = " ".join(w["text"] for w in page.extract_words() if w["bottom"] < HEADER_BAND)
            foot = " ".join(w["text"] for w in page.extract_words() if w["top"] > page.height - FOOTER_BAND)
            if head.strip() != title:
                header_missing.append(i)
            if foot.strip() != f"Sida {i}":
                footer_missing.append(i)
            is_two, lf, rf = column_layout(page)
            if is_two:
                two_col.append(f"{i} ({lf:.0%}/{rf:.0%})")
            lines = text_lines(page, is_two)
            hy += hyphenations(lines)
            chars.update("".join(lines))
        first = (pages[0].extract_text() or "").replace("\n", " ")
        notice = NOTICE in first
        aao = {c: c in chars for c in "åäöÅÄÖ"}
    print(f"{pdf_path.name}")
    print(f"  pages: {len(pages)}")
    print(
        f"  header '{title}' on every page: {not header_missing}"
        + (f" (missing on {header_missing})" if header_missing else "")
    )
    print(
        f"  footer 'Sida N' on every page: {not footer_missing}"
        + (f" (missing on {footer_missing})" if footer_missing else "")
    )
    print(f"  line-end hyphenations: {hy}")
    print(
        f"  å ä ö present: {aao['å'] and aao['ä'] and aao['ö']}  (Å Ä Ö: {' '.join(c for c in 'ÅÄÖ' if aao[c]) or '-'})"
    )
    print(f"  fictional notice on page 1: {notice}")
    print(f"  two-column pages (left/right fill): {', '.join(two_col) or 'none'}")
    ok = (
        not header_missing
        and not footer_missing
        and hy > 0
        and notice
        and bool(two_col)
        and aao["å"]
        and aao["ä"]
        and aao["ö"]
    )
    return ok


def main(argv: list[str]) -> int:
    sources = sorted((HERE / "src").glob("*.md"))
    if argv:
        sources = [s for s in sources if any(a in s.name for a in argv)]
    all_ok = True
    for md in sources:
        pdf = HERE / (md.stem + ".pdf")
        if not pdf.exists():
            print(f"{pdf.name}: MISSING")
            all_ok = False
            continue
        all_ok &= check(pdf, title_of(md))
    print("ALL CHECKS PASSED" if all_ok else "SOME CHECKS FAILED")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
