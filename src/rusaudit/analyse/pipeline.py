"""The spaCy pipeline: a blank Swedish tokenizer with rule-based sentence splitting.

Built once per process and only when a command needs it (importing spaCy costs a
second; `rusaudit --version` must not pay it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..extract.clean import ABBREVIATIONS

_LIST_MARKER = re.compile(r"^[(]?(\d{1,2}|[a-zåäö])[.)]$")


def _fix_sentences(doc):
    """Undo sentencizer splits after abbreviations, list markers and before lower-case words."""
    for i, tok in enumerate(doc):
        if i == 0 or not tok.is_sent_start:
            continue
        prev = doc[i - 1]
        before = doc[i - 2].lower_ if i >= 2 else ""
        if (
            tok.text[:1].islower()
            or (i <= 2 and _LIST_MARKER.match(doc[:i].text.strip()))
            or (prev.text == "." and before in ABBREVIATIONS)
            or (prev.text.endswith(".") and prev.lower_.rstrip(".") in ABBREVIATIONS)
        ):
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def nlp():
    import spacy
    from spacy.language import Language

    if "rusaudit_sentence_fix" not in Language.factories:
        Language.component("rusaudit_sentence_fix", func=_fix_sentences)
    pipe = spacy.blank("sv")
    pipe.add_pipe("sentencizer")
    pipe.add_pipe("rusaudit_sentence_fix")
    pipe.max_length = 5_000_000
    return pipe
