"""spaCy's Swedish tokenizer, built once per process and only when a command needs it.

Importing spaCy costs a second; `rusaudit --version` must not pay it. Sentences are split
in analyse/sentences.py from the tokens, so no other pipeline component runs.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's Swedish tokenizer alone, built as `spacy.blank("sv")` builds it but without
    the config machinery; the analysis needs nothing else. Calling it gives a spaCy Doc."""
    from spacy import util
    from spacy.lang.sv import Swedish
    from spacy.tokenizer import Tokenizer
    from spacy.vocab import create_vocab

    defaults = Swedish.Defaults
    return Tokenizer(
        create_vocab("sv", defaults),
        rules=defaults.tokenizer_exceptions,
        prefix_search=util.compile_prefix_regex(defaults.prefixes).search,
        suffix_search=util.compile_suffix_regex(defaults.suffixes).search,
        infix_finditer=util.compile_infix_regex(defaults.infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


nlp = tokenizer  # the name callers used when a whole pipeline ran
