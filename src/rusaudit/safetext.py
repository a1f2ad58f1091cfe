"""Text from documents and file names, made harmless for the program that reads it next.

Strategies and their file names come from strangers. Before such text reaches a
terminal, a spreadsheet, an XML parser or a CI log it passes through one of these.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL (ANSI escapes start with ESC or CSI); tab and newline handled apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides can make a name read backwards on screen ("Trojan Source").
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 forbids anywhere, even escaped.
_XML_INVALID = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def terminal(text: str) -> str:
    """One line for a terminal: control characters, escapes and direction overrides removed."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _BIDI.sub("", _CONTROL.sub("", text))


def csv_cell(value):
    """A spreadsheet cell that cannot start a formula: `=`, `+`, `-`, `@`, tab, CR get a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def xml(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids (most C0 controls, U+FFFE, U+FFFF) removed."""
    return _XML_INVALID.sub("", text)


def xml_tree(value):
    """`xml` applied to every string in a JSON-like tree (keys included)."""
    if isinstance(value, str):
        return xml(value)
    if isinstance(value, dict):
        return {xml_tree(k): xml_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [xml_tree(v) for v in value]
    return value


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.IGNORECASE)


def markdown(text: str) -> str:
    """Inline Markdown text that renders as the same text: no HTML, no link, no table break.

    `<`, `>` and `&` become entities, Markdown punctuation is backslash-escaped (so no link,
    image, emphasis or code span can form), and a `javascript:` (or data:, vbscript:,
    file:) scheme loses its colon, so not even a renderer's autolinker makes it a link.
    """
    text = terminal(str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _SCHEME.sub(lambda m: m.group(1) + "&#58;", text)


def markdown_code(text: str) -> str:
    """A Markdown code span showing `text` literally (HTML inside is never markup there).

    The fence is one backtick longer than the longest run in the text, so a backtick in a
    file name cannot close it early.
    """
    text = terminal(str(text))
    runs = re.findall(r"`+", text)
    fence = "`" * (max((len(r) for r in runs), default=0) + 1)
    pad = " " if runs else ""
    return f"{fence}{pad}{text}{pad}{fence}"
