"""Text cleaning shared by every extractor.

Unicode normalisation, line-end hyphenation, running headers and footers, captions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .model import Figure

# Ligatures that PDFs often carry as single code points; NFC keeps them, NFKC would
# also rewrite things we want to keep (e.g. superscripts), so map them explicitly.
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
}
_DROP = {
    "\u00ad": None,  # soft hyphen
    "\u200b": None,  # zero-width space
    "\u200c": None,
    "\u200d": None,
    "\u2060": None,
    "\ufeff": None,
    "\ufffe": None,  # pypdfium's marker for a hyphen-split word
}
_SPACES = {
    c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
}
_TRANSLATE = str.maketrans({**_LIGATURES, **_DROP, **_SPACES})

HYPHENS = "-\u2010\u2011"
# Abbreviations after which a full stop does not end a sentence (written without the last ".").
ABBREVIATIONS = frozenset(
    """skr prop sou ds kap s ca bl t.ex ex m.m mm s.k sk resp osv jfr d.v.s dvs f.d fr.o.m t.o.m
    st kl nr dnr milj mdkr mkr tkr kr proc tel fig bil avd red uppl ff et al""".split()
)
# Abbreviations that often end a sentence: before a capital, their full stop ends it too
# ("… bostäder m.m. Regionen …", "5 mkr. Pengarna …"), unlike "t.ex. Umeå"; and "el", which
# spaCy keeps whole as "eller" abbreviated but which ends sentences about electricity.
FINAL_ABBREVIATIONS = frozenset("m.m mm m.fl mfl osv o.s.v etc kr mkr mdkr tkr ff el".split())


def final_abbreviation(word: str) -> bool:
    return word.lower().rstrip(".") in FINAL_ABBREVIATIONS


def abbreviation(word: str) -> bool:
    """Is `word` (with or without its full stop) an abbreviation whose full stop ends no sentence?"""
    stem = word.lower().rstrip(".")
    return stem in ABBREVIATIONS and stem not in FINAL_ABBREVIATIONS


_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"”»(]?[A-ZÅÄÖ0-9•])")


def first_sentence_end(text: str) -> int | None:
    """Index just after the first full stop that ends a sentence, or None."""
    for m in _SENTENCE_END.finditer(text):
        word = text[: m.start()].rsplit(None, 1)[-1].lower() if text[: m.start()].strip() else ""
        if m.group() == "." and abbreviation(word):
            continue
        return m.end()
    return None


# Words after "gles-" that show the hyphen is a Swedish compound ellipsis, not a break.
_ELLIPSIS_FOLLOWERS = {"och", "eller", "samt", "resp", "resp.", "respektive", "som", "till", "&", "/", "o."}


def normalize(text: str) -> str:
    """NFC, ligatures expanded, soft hyphens and zero-width characters removed."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    return text.translate(_TRANSLATE)


def join_lines(lines: list[str], vocabulary: set[str] | frozenset[str] = frozenset()) -> str:
    """Join the lines of one paragraph, undoing hyphenation at line ends.

    `utveck-` + `lingen` becomes `utvecklingen`; `gles-` + `och landsbygder` keeps the
    hyphen and a space; `EU-` + `programmen` keeps the hyphen without a space. A word the
    document writes whole elsewhere (`vocabulary`, lower case) is joined even when its
    second half is a conjunction: `gemen-` + `samt` is `gemensamt`.
    """
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
            continue
        if out[-1] in HYPHENS and len(out) >= 2 and out[-2].isalnum():
            first = line.split(" ", 1)[0]
            prev_word = out[out.rfind(" ") + 1 : -1]  # the lines were joined with single spaces
            whole = (prev_word + first).lower().rstrip(".,;:!?")
            if (first.lower() in _ELLIPSIS_FOLLOWERS and whole not in vocabulary) or first[:1] in ",;":
                out = out + " " + line  # "gles- och landsbygder"
            elif (
                first[:1].islower()
                and prev_word
                and prev_word[-1].isalpha()
                and prev_word[-1].islower()
                and len(prev_word) > 1
            ):
                out = out[:-1] + line  # a word broken at the line end
            else:
                out = out + line  # "EU-" + "programmen", "Malmö-" + "Lund", "e-" + "handel"
        else:
            out = out + " " + line
    return out


_NUMBER_LINE = re.compile(r"^(?:sida|page|s\.)?\s*\d{1,4}(?:\s*(?:\(|av|/|of)\s*\d{1,4}\)?)?$", re.IGNORECASE)


def is_page_number(text: str) -> bool:
    return bool(_NUMBER_LINE.match(text.strip()))


def running_key(text: str) -> str:
    """A key under which a header or footer repeats: digits and case do not matter."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


@dataclass
class PositionedLine:
    page: int  # 0-based index
    text: str
    rel_top: float  # 0 at the top of the page, 1 at the bottom


def running_lines(lines: list[PositionedLine], pages: int, margin: float = 0.12) -> set[tuple[int, str]]:
    """Find headers and footers: lines in the top or bottom margin that repeat across pages.

    Returns (page, text) pairs to drop. Page-number lines in the margins always go;
    other margin lines go when the same text (digits ignored) sits at about the same
    height on at least 40% of the pages (and on at least two).
    """
    in_margin = [ln for ln in lines if ln.rel_top < margin or ln.rel_top > 1 - margin]
    counts: Counter[tuple[str, int]] = Counter()
    seen: set[tuple[int, str, int]] = set()
    for ln in in_margin:
        key = (running_key(ln.text), round(ln.rel_top * 40))
        if (ln.page, *key) not in seen:
            seen.add((ln.page, *key))
            counts[key] += 1
    threshold = max(2, int(0.4 * pages + 0.999))
    drop: set[tuple[int, str]] = set()
    for ln in in_margin:
        key = (running_key(ln.text), round(ln.rel_top * 40))
        # Tolerate one band of drift between pages.
        near = sum(counts[(key[0], key[1] + d)] for d in (-1, 0, 1))
        if is_page_number(ln.text) or (pages >= 2 and near >= threshold):
            drop.add((ln.page, ln.text))
    return drop


_CAPTION = re.compile(
    r"^(Karta|Figur|Bild|Diagram|Illustration|Map|Figure)(?:\s+\d+[a-z]?\s*[.:–-]?|\s*[:–-])\s",
    re.IGNORECASE,
)


def caption_kind(text: str) -> str | None:
    """'map' for a map caption (Karta 1. ...), 'figure' for Figur/Bild, else None."""
    m = _CAPTION.match(text.strip() + " ")
    if not m or len(text) > 300:
        return None
    return "map" if m.group(1).lower() in {"karta", "map"} else "figure"


def figure_from_caption(text: str) -> Figure | None:
    kind = caption_kind(text)
    return Figure(caption=text.strip(), kind=kind) if kind else None


def cut_off(text: str) -> bool:
    """Does a block end inside a sentence: after a lower-case word, a comma or a hyphen?"""
    end = text.rstrip()[-1:]
    return end in ",-\u2010" or (end.isalpha() and end.islower())


def join_across_pages(
    pages: list, aside: list[set[int]] | None = None, vocabulary: set[str] | frozenset[str] = frozenset()
) -> None:
    """Mend paragraphs that a page break cut in two, in place.

    When a page's text ends inside a sentence and the next page goes on with body text,
    the sentence belongs to the page where it starts: evidence then quotes it whole, with
    that page number. `aside[i]` holds indexes of page i's blocks outside the main flow
    (fact boxes), which a cut paragraph skips.
    """
    from .model import Block

    aside = aside or [set() for _ in pages]
    for n in range(len(pages) - 1):
        prev, nxt = pages[n], pages[n + 1]
        main_prev = [i for i in range(len(prev.blocks)) if i not in aside[n]]
        main_next = [i for i in range(len(nxt.blocks)) if i not in aside[n + 1]]
        if not main_prev or not main_next:
            continue
        index, first_index = main_prev[-1], main_next[0]
        last, first = prev.blocks[index], nxt.blocks[first_index]
        if (
            last.kind in ("body", "list_item")
            and first.kind == "body"
            and last.text.rstrip()[-1:] not in ".!?:;"
            and (first.text[:1].islower() or cut_off(last.text))
        ):
            # only the rest of the cut sentence moves back; the next sentences stay on their page
            cut = first_sentence_end(first.text)
            head, tail = (first.text, "") if cut is None else (first.text[:cut], first.text[cut:].strip())
            prev.blocks[index] = Block(join_lines([last.text, head], vocabulary), last.kind, last.level)
            if tail:
                nxt.blocks[first_index] = Block(tail, first.kind, first.level)
            else:
                nxt.blocks.pop(first_index)
                aside[n + 1] = {i - (i > first_index) for i in aside[n + 1]}
