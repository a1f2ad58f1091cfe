"""Swedish word forms: inflection, compounds and the `gles- och landsbygder` ellipsis.

There is no Swedish tagger here and the lookup lemma table is incomplete
(`landsbygder` is missing, `städer` maps to `städja`), so terms are matched by
analysing each word backwards: strip a known ending, undo umlaut and syncope, and
split compounds at known parts. Every analysis is cached per lower-case word form,
so a long document costs about as much as its vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Noun, adjective, verb and genitive endings, longest first. "" is the bare form.
INFLECTIONS: tuple[str, ...] = tuple(
    sorted(
        {
            "",
            "s",
            "n",
            "t",
            "a",
            "e",
            "r",
            "en",
            "et",
            "na",
            "er",
            "ar",
            "or",
            "ns",
            "ts",
            "as",
            "es",
            "rs",
            "de",
            "te",
            "re",
            "ens",
            "ets",
            "nas",
            "ers",
            "ars",
            "ors",
            "rna",
            "ade",
            "are",
            "ast",
            "ande",
            "ende",
            "erna",
            "arna",
            "orna",
            "rnas",
            "aste",
            "ades",
            "arens",
            "ernas",
            "arnas",
            "ornas",
            "andet",
            "andes",
            "andets",
        },
        key=len,
        reverse=True,
    )
)
_VOWELS = set("aeiouyåäö")
_UMLAUT = {"ä": "a", "ö": "o"}
LINKS = ("s", "")  # Swedish compound linking morphemes (landsbygd-s-utveckling)


def _variants(stem: str) -> set[str]:
    """Possible dictionary bases behind a stem whose ending was stripped."""
    out = {stem}
    # umlaut plurals: städer -> stad, stränder -> strand, söner -> son
    for i in range(len(stem) - 1, -1, -1):
        ch = stem[i]
        if ch in _UMLAUT:
            out.add(stem[:i] + _UMLAUT[ch] + stem[i + 1 :])
            break
        if ch in _VOWELS:
            break
    # syncope: cyklar -> cykel, socknar -> socken, åkrar -> åker
    if len(stem) >= 3 and stem[-1] in "lnr" and stem[-2] not in _VOWELS:
        out.add(stem[:-1] + "e" + stem[-1])
    # doubled final consonant: programmet -> program, stammen -> stam
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        out.add(stem[:-1])
    # a lost final vowel: pojkar -> pojke, skolor -> skola
    out.add(stem + "e")
    out.add(stem + "a")
    return out


@lru_cache(maxsize=200_000)
def bases(word: str) -> frozenset[str]:
    """All candidate base forms of a lower-case word (the word itself included)."""
    found: set[str] = set()
    for suffix in INFLECTIONS:
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] if suffix else word
        if len(stem) < 2:
            continue
        found |= _variants(stem) if suffix else {stem}
    return frozenset(found)


@dataclass
class _Entry:
    key: object
    compound: bool  # may be the first part of a compound (landsbygd-s-utveckling)
    head: bool  # may be the last part of a compound (små-stad)
    exclude: tuple[str, ...] = ()  # word beginnings that are never this term

    def allows(self, word: str) -> bool:
        return not any(word.startswith(x) for x in self.exclude)


class TermIndex:
    """Single-word terms, matched in any inflected form and, if allowed, in compounds."""

    def __init__(self) -> None:
        self._by_base: dict[str, list[_Entry]] = {}
        self._cache: dict[str, frozenset] = {}
        self._lemmas: dict[str, str] = {}

    @property
    def base_forms(self) -> set[str]:
        return set(self._by_base)

    def use_lemmas(self, lemmas: dict[str, str]) -> None:
        """Add a word-form -> lemma table (from spacy-lookups-data) as a second opinion.

        It knows irregular forms the ending rules cannot (män -> man, gjorde -> göra);
        its mistakes (städer -> städja) only matter if the wrong lemma is also a term.
        """
        self._lemmas = lemmas
        self._cache.clear()

    def add(
        self,
        key: object,
        word: str,
        *,
        compound: bool | None = None,
        head: bool = False,
        exclude: tuple[str, ...] | list[str] = (),
    ) -> None:
        base = word.lower()
        if compound is None:
            compound = len(base) >= 4  # short words (ort, mål) hide inside too many others
        entry = _Entry(key, compound, head, tuple(e.lower() for e in exclude))
        self._by_base.setdefault(base, []).append(entry)
        self._cache.clear()

    def _inflected(self, word: str) -> list[_Entry]:
        hits: list[_Entry] = []
        for b in bases(word):
            hits.extend(self._by_base.get(b, ()))
        lemma = self._lemmas.get(word)
        if lemma is not None:
            hits.extend(e for e in self._by_base.get(lemma, ()) if e not in hits)
        return hits

    def lookup(self, word: str) -> frozenset:
        """Keys of every term that this lower-case word is a form or compound of."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        keys: set = set()
        for e in self._inflected(word):
            if e.allows(word):
                keys.add(e.key)
        n = len(word)
        if n >= 7:
            # first part of a compound: prefix is a base (+ linking s), rest a word
            for i in range(4, n - 2):
                prefix = word[:i]
                for link in LINKS:
                    if link and not prefix.endswith(link):
                        continue
                    part = prefix[: len(prefix) - len(link)] if link else prefix
                    rest = n - i
                    if rest < (3 if link else 4):
                        continue
                    for e in self._by_base.get(part, ()):
                        if e.compound and e.allows(word):
                            keys.add(e.key)
            # last part of a compound: an inflected base after a prefix of 3+ letters
            for j in range(3, n - 1):
                for e in self._inflected(word[j:]):
                    if e.head and e.allows(word):
                        keys.add(e.key)
        result = frozenset(keys)
        self._cache[word] = result
        return result

    def exact(self, word: str) -> frozenset:
        """Keys of terms this word is an inflected form of (no compounds)."""
        return frozenset(e.key for e in self._inflected(word) if e.allows(word))


ELLIPSIS_JOINERS = frozenset({"och", "eller", "samt", "respektive", "resp.", "&", ","})


def expand_ellipsis(prefix: str, following: str, known) -> str | None:
    """Complete `gles-` from the word after `och` in `gles- och landsbygder`.

    Tries the tails of `following` from longest to shortest and returns the first
    completion that `known(word)` accepts: `gles` + `bygder` -> `glesbygder`,
    `Norr` + `botten` -> `Norrbotten`.
    """
    stem = prefix.rstrip("-\u2010\u2011")
    if not stem or not following:
        return None
    for j in range(1, len(following) - 1):
        candidate = stem + following[j:]
        if known(candidate):
            return candidate
    return None


_LEMMA_SUBSET = "sv_lemma_forms.json.gz"  # in rusaudit/data: the forms of the default rules' lemmas


def _lookup_table():
    from importlib import resources

    return resources.files("spacy_lookups_data").joinpath("data", "sv_lemma_lookup.json.gz")


def stream_lemmas(wanted: set[str]) -> dict[str, str]:
    """Forms whose lemma (in spacy-lookups-data's Swedish table) is one of `wanted`.

    The table (660,000 forms, 22 MB of JSON, one `"form": "lemma",` pair per line) is
    streamed line by line and filtered as it is read: loading it whole costs 2 s through
    spaCy's Lookups, or 0.5 s and 130 MB as a dict, for the few thousand entries we keep.
    """
    import gzip
    import json

    out: dict[str, str] = {}
    if not wanted:
        return out
    with _lookup_table().open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            sep = line.find('": "')
            if sep < 0:
                continue  # the braces
            if "\\" in line:  # an escaped character: let json read this one pair
                pair = json.loads("{" + line.strip().rstrip(",") + "}")
                form, lemma = next(iter(pair.items()))
            else:
                form = line[line.index('"') + 1 : sep]
                lemma = line[sep + 4 : line.rindex('"')]
            low = lemma.lower()
            if low in wanted:
                out[form.lower()] = low
    return out


@lru_cache(maxsize=1)
def _table_sha256() -> str:
    import hashlib

    return hashlib.sha256(_lookup_table().read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def _shipped() -> tuple[frozenset[str], dict[str, str]] | None:
    """The precomputed forms of the default rules' lemmas, if made from the installed table."""
    import gzip
    import json
    from importlib import resources

    try:
        data = json.loads(gzip.decompress(resources.files("rusaudit").joinpath("data", _LEMMA_SUBSET).read_bytes()))
    except (OSError, ValueError):
        return None
    if data.get("source_sha256") != _table_sha256():
        return None  # another version of spacy-lookups-data: stream instead
    return frozenset(data["lemmas"]), data["forms"]


def lookup_lemmas(wanted: set[str]) -> dict[str, str]:
    """Forms whose lemma is one of `wanted`: from the shipped subset for the lemmas it
    covers (the default rules'), streamed from spacy-lookups-data for the rest."""
    shipped = _shipped()
    if shipped is None:
        return stream_lemmas(wanted)
    covered, forms = shipped
    out = {form: lemma for form, lemma in forms.items() if lemma in wanted}
    out.update(stream_lemmas(set(wanted) - covered))
    return out


def write_lemma_subset(wanted: set[str], path) -> None:
    """Write the shipped subset for `wanted` (run when the default rules gain terms)."""
    import gzip
    import json

    body = {"source_sha256": _table_sha256(), "lemmas": sorted(wanted), "forms": stream_lemmas(wanted)}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=0)
    with open(path, "wb") as fh:
        fh.write(gzip.compress(text.encode("utf-8"), mtime=0))


if __name__ == "__main__":  # python -m rusaudit.analyse.morphology: rebuild the shipped subset
    from pathlib import Path

    from ..api import analyzer

    target = Path(__file__).resolve().parents[1] / "data" / _LEMMA_SUBSET
    write_lemma_subset(analyzer().rules.index.base_forms, target)
    print(f"wrote {target}")
