"""The spaCy pipeline: a blank Swedish tokenizer with rule-based sentence splitting.

Built once per process and only when a command needs it (importing spaCy costs a
second; `rusaudit --version` must not pay it).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def nlp():
    import spacy

    pipe = spacy.blank("sv")
    pipe.add_pipe("sentencizer")
    pipe.max_length = 5_000_000
    return pipe
