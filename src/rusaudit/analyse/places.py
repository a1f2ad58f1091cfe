"""Find places in a sentence: names, genitives, compounds, dashes and ellipses.

A false place is worse than a missed one. Names that are also ordinary words
(Mark, Vara, Boden, Lund ...) count only with evidence: capitalised inside the
sentence (and not next to another capitalised word, which marks a person), followed
by `kommun`, or standing in a list or dash pair with another place. A locality whose
name is an ordinary word (Ås, Backe, Lit) needs more: a place context as well (*i Lit*,
*Backe tätort*) or a list. A name several localities share (Ekeby, Ryd) counts only
where another place in the sentence says which one, or, once the document's region is
known, where just one of them lies in that county (`resolve_namesakes`). A locality named like its
municipality is the municipality unless the text says *tätorten* or *orten*.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import Gazetteer, Place
from .morphology import ELLIPSIS_JOINERS, expand_ellipsis


@dataclass(frozen=True)
class Tok:
    text: str
    start: int  # character offsets in the sentence
    end: int


@dataclass(frozen=True)
class PlaceHit:
    place: Place
    start: int
    end: int
    text: str  # the words as written
    how: str  # name | genitive | compound | dash | ellipsis | phrase
    # a name several localities share, undecided by its sentence: the ones it may be
    namesakes: tuple[Place, ...] = ()


# Heads that make a place compound: Umeå-regionen, Göteborgs-området, Kiruna-bor.
COMPOUND_HEADS = frozenset(
    """region regionen regionens regioner regionerna regionernas område området områdets
    områden områdena bygd bygden bygdens bygder bygderna trakten traktens bo bor borna bornas
    kusten kustens dalen dalens stråket stråkets""".split()
)
# A following word that says the name is a municipality (or its town).
KOMMUN_WORDS = frozenset("kommun kommuns kommunen kommunens stad stads tätort centralort".split())
LIST_JOINERS = frozenset({",", "och", "samt", "eller", "&", "/", "–", "-", "liksom", "respektive"})
# Capitalised at sentence start without being names; a capitalised word before an
# ambiguous name that is not one of these suggests a person (Per Lund, Anna Berg).
FUNCTION_WORDS = frozenset(
    """i på från till med och även både inom mellan kring runt utanför vid under över efter
    för av genom enligt hela in ut mot bortom nära söder norr öster väster samt som där här
    den det de en ett detta denna dessa alla flera många vissa både varken eller men om när
    da då sedan redan också bland främst särskilt framför utom hos""".split()
)
_DASHES = "-\u2010\u2011\u2012\u2013\u2014/"
# Words before a name that say a locality is meant ("tätorten Kiruna", "i Lit").
LOCALITY_BEFORE = frozenset("tätorten orten centralorten samhället byn".split())
LOCALITY_AFTER = frozenset("tätort centralort".split())
PLACE_BEFORE = LOCALITY_BEFORE | frozenset(
    "i på från till vid mellan via kring runt utanför nära genom mot om inom bortom förbi över".split()
)
PLACE_AFTER = KOMMUN_WORDS | frozenset("by byn samhälle samhället centrum station hamn flygplats resecentrum".split())
# capitalised words before a name that do not make it a person's ("Orten Mora", "I Lit")
_NOT_NAMES = FUNCTION_WORDS | PLACE_BEFORE
# "E4:an", "SCB:s": an ending written after a colon
_COLON_ENDINGS = frozenset("s an ans en ens n ns".split())


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _split_dash(word: str) -> list[tuple[str, int]]:
    parts: list[tuple[str, int]] = []
    cur, start = "", 0
    for i, ch in enumerate(word):
        if ch in _DASHES:
            if cur:
                parts.append((cur, start))
            cur, start = "", i + 1
        else:
            cur += ch
    if cur:
        parts.append((cur, start))
    return parts


class PlaceMatcher:
    def __init__(self, gz: Gazetteer):
        self.gz = gz
        # multi-word names by their first two words: "Norra X", "Södra X" are many
        self._multi: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for form in gz.forms:
            if len(form) > 1:
                self._multi.setdefault(form[:2], []).append(form)
        for forms in self._multi.values():
            forms.sort(key=len, reverse=True)
        # "nordvästra Skåne", "riksväg 84": names whose first word is written in lower case
        self._lower_first = gz.lower_first
        self.analyse_word = lru_cache(maxsize=100_000)(self._analyse_word)

    # -- one written word -------------------------------------------------------------
    def _single(self, word: str) -> tuple[Place, str, str] | None:
        """(place, how, the written form it was found under) for one word."""
        p = self.gz.lookup((word,))
        if p:
            return p, "name", word
        if ":" in word:
            base, _, ending = word.rpartition(":")
            p = self.gz.lookup((base,)) if ending.lower() in _COLON_ENDINGS else None
            return (p, "genitive", base) if p else None
        if len(word) > 3 and word.endswith("s"):
            p = self.gz.lookup((word[:-1],))
            if p and p.name[-1] not in "sxz":
                return p, "genitive", word[:-1]
        low = word.lower()
        for i in range(len(word) - 2, 2, -1):
            if low[i:] in COMPOUND_HEADS:
                prefix = word[:i]
                p = self.gz.lookup((prefix,))
                if p is None and prefix.endswith("s"):
                    p = self.gz.lookup((prefix[:-1],))
                if p is not None and p.kind not in ("foreign", "infrastructure", "eu_region"):
                    # "Umeåregionerna": the plural of a named sub-region is still it
                    named = self.gz.lookup((prefix + "regionen",)) if low[i:].startswith("region") else None
                    if named is not None:
                        return named, "compound", prefix + "regionen"
                    return p, "compound", prefix if self.gz.lookup((prefix,)) else prefix[:-1]
        return None

    def _found(self, hit: tuple[Place, str, str], start: int, end: int, how: str | None = None) -> tuple:
        bucket = self.gz.candidates((hit[2],))
        return (hit[0], how or hit[1], start, end, bucket if len(bucket) > 1 else ())

    def _analyse_word(self, word: str) -> tuple[tuple[Place, str, int, int, tuple[Place, ...]], ...]:
        """Places inside one token, as (place, how, start, end, every place so written when
        there are several) relative to the token."""
        if not _is_cap(word):
            return ()
        if word.isupper() and len(word) > 3:
            hit = self._single(word.title())
        else:
            hit = self._single(word)
        if hit:
            return (self._found(hit, 0, len(word)),)
        parts = _split_dash(word)
        if len(parts) < 2:
            return ()
        out = []
        for part, off in parts:
            if _is_cap(part):
                h = self._single(part.title() if part.isupper() and len(part) > 3 else part)
                if h:
                    out.append(self._found(h, off, off + len(part), "dash"))
        return tuple(out)

    def known(self, word: str) -> bool:
        return bool(self.analyse_word(word))

    # -- a sentence -----------------------------------------------------------------------
    def find(self, toks: list[Tok]) -> list[PlaceHit]:
        return self.find_all(toks)[0]

    def find_all(self, toks: list[Tok]) -> tuple[list[PlaceHit], list[PlaceHit]]:
        """The sentence's places, and the shared locality names it leaves undecided
        (each with its `namesakes`), for the region to decide."""
        words = [t.text for t in toks]
        lows = [w.lower() for w in words]
        n = len(toks)
        first = next((i for i, w in enumerate(words) if any(c.isalpha() for c in w)), 0)
        alpha_long = [w for w in words if w.isalpha() and len(w) > 3]
        title_case = len(alpha_long) >= 3 and sum(_is_cap(w) for w in alpha_long) >= 0.7 * len(alpha_long)

        hits: list[PlaceHit] = []
        pending: list[tuple[int, PlaceHit]] = []  # ambiguous hits waiting for list evidence
        shared: dict[PlaceHit, tuple[Place, ...]] = {}  # names several localities share
        i = 0
        while i < n:
            w = words[i]
            if not _is_cap(w) and lows[i] not in self._lower_first:
                i += 1
                continue
            # multi-word names: "Upplands Väsby", "Västerbottens län", "Höga kusten", "riksväg 84"
            matched = False
            for form in self._multi_forms(lows, i):
                k = len(form)
                if i + k > n:
                    continue
                span = lows[i : i + k]
                last = span[-1].split(":", 1)[0] if ":" in span[-1] else span[-1]  # "riksväg 84:an"
                if list(form[:-1]) == span[:-1] and (
                    last == form[-1] or (last == form[-1] + "s" and form[-1][-1] not in "sxz")
                ):
                    p = self.gz.lookup(form)
                    if p is not None:
                        hits.append(
                            PlaceHit(p, toks[i].start, toks[i + k - 1].end, " ".join(words[i : i + k]), "phrase")
                        )
                        if p.kind == "infrastructure":  # "Luleå hamn", "Göteborg Landvetter" name the town too
                            hits.extend(self._town_in(toks[i]))
                        i += k
                        matched = True
                        break
            if matched or not _is_cap(w):
                i += 1 if not matched else 0
                continue
            # "Norr- och Västerbotten", "Skellefteå- och Umeåregionerna"
            if w[-1] in "-\u2010" and len(w) > 2 and i + 2 < n and lows[i + 1] in ELLIPSIS_JOINERS:
                full = expand_ellipsis(w, words[i + 2], self.known)
                if full:
                    for p, *_ in self.analyse_word(full):
                        hits.append(PlaceHit(p, toks[i].start, toks[i].end, w, "ellipsis"))
                    i += 1
                    continue
            found = self.analyse_word(w)
            for p, how, s, e, bucket in found:
                p = self._reading(p, bucket, lows, i)
                hit = PlaceHit(p, toks[i].start + s, toks[i].start + e, w[s:e], how)
                if p.kind == "locality":
                    namesakes = tuple(c for c in bucket if c.kind == "locality")
                    if len(namesakes) > 1:
                        shared[hit] = namesakes
                if not p.ambiguous:
                    hits.append(hit)
                    continue
                verdict = self._evidence(words, lows, i, first, title_case, how, found, p)
                if verdict is True:
                    hits.append(hit)
                elif verdict is None:
                    pending.append((i, hit))
            i += 1

        # An ambiguous name in a list of places is a place: "Vara, Essunga och Grästorp";
        # so are two listed together when one stands capitalised inside the sentence
        # ("Jörn och Boliden").
        if pending:
            at = {j for h in hits for j in self._tokens_of(toks, h)}
            inside = {idx for idx, _ in pending if idx != first and not title_case}
            while pending:
                rest = [(idx, hit) for idx, hit in pending if not self._listed(lows, idx, at)]
                if len(rest) == len(pending):
                    pair = {idx for idx, _ in rest if self._listed(lows, idx, {j for j, _ in rest})}
                    if not pair & inside:
                        break
                    rest = [(idx, hit) for idx, hit in rest if idx not in pair]
                hits.extend(hit for idx, hit in pending if (idx, hit) not in rest)
                at |= {idx for idx, _ in pending} - {idx for idx, _ in rest}
                pending = rest
        undecided: list[PlaceHit] = []
        if shared:
            hits, undecided = self._which_namesake(hits, shared)
        hits.sort(key=lambda h: (h.start, h.end))
        return hits, undecided

    def _multi_forms(self, lows: list[str], i: int) -> list[tuple[str, ...]]:
        """Multi-word names that may start at word i, longest first; the second word may
        carry a genitive or colon ending ("Upplands Väsbys", "riksväg 84:an")."""
        if i + 1 >= len(lows):
            return []
        second = lows[i + 1]
        seconds = {second, second.split(":", 1)[0]} | ({second[:-1]} if second.endswith("s") else set())
        found = [f for w in seconds for f in self._multi.get((lows[i], w), ())]
        if len(seconds) > 1 and found:
            found.sort(key=len, reverse=True)
        return found

    def _town_in(self, tok: Tok) -> list[PlaceHit]:
        """The municipality or locality a port's or airport's name starts with."""
        out = []
        for p, how, s, e, bucket in self.analyse_word(tok.text):
            namesakes = sum(c.kind == "locality" for c in bucket)
            if p.kind in ("municipality", "locality", "county") and not p.ambiguous and namesakes < 2 and how != "dash":
                out.append(PlaceHit(p, tok.start + s, tok.start + e, tok.text[s:e], how))
        return out

    @staticmethod
    def _reading(p: Place, bucket: tuple[Place, ...], lows: list[str], i: int) -> Place:
        """ "tätorten Kiruna", "Kiruna tätort": the locality, not the municipality it is named after."""
        if p.kind != "municipality" or not bucket:
            return p
        prev = lows[i - 1] if i > 0 else ""
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if prev not in LOCALITY_BEFORE and nxt not in LOCALITY_AFTER:
            return p
        towns = [c for c in bucket if c.kind == "locality"]
        return next((c for c in towns if c.municipality == p.code), towns[0] if towns else p)

    @staticmethod
    def _which_namesake(
        hits: list[PlaceHit], shared: dict[PlaceHit, tuple[Place, ...]]
    ) -> tuple[list[PlaceHit], list[PlaceHit]]:
        """A name several localities share counts only where the sentence's other places
        point at exactly one of them: "Ås i Krokom", "Berg och Östersund". The rest come
        back undecided, with the namesakes still possible."""
        others = [h.place for h in hits if h not in shared]
        munis = {p.code if p.kind == "municipality" else p.municipality for p in others} - {None}
        counties = {c for p in others if p.kind != "foreign" for c in p.counties}
        out, undecided = [], []
        for h in hits:
            namesakes = shared.get(h)
            if namesakes is None:
                out.append(h)
                continue
            pick = [c for c in namesakes if c.municipality in munis]
            if not pick:
                pick = [c for c in namesakes if c.counties and c.counties[0] in counties]
            if len(pick) == 1:
                out.append(PlaceHit(pick[0], h.start, h.end, h.text, h.how))
            else:
                undecided.append(PlaceHit(h.place, h.start, h.end, h.text, h.how, tuple(pick or namesakes)))
        return out, undecided

    @staticmethod
    def resolve_namesakes(places: list[PlaceHit], undecided: list[PlaceHit], county: str) -> list[PlaceHit]:
        """The places with each undecided shared name that has exactly one namesake in
        `county` (a document about Jämtland: "Ås" is Ås in Krokom, not in Nora)."""
        decided = []
        for h in undecided:
            pick = [c for c in h.namesakes if c.in_region(county)]
            if len(pick) == 1:
                decided.append(PlaceHit(pick[0], h.start, h.end, h.text, h.how))
        if not decided:
            return places
        return sorted([*places, *decided], key=lambda h: (h.start, h.end))

    @staticmethod
    def _tokens_of(toks: list[Tok], hit: PlaceHit) -> list[int]:
        """The tokens a hit covers: every word of "Troms og Finnmark"."""
        return [i for i, t in enumerate(toks) if t.start < hit.end and hit.start < t.end]

    @staticmethod
    def _listed(lows: list[str], i: int, places_at: set[int]) -> bool:
        for step in (1, -1):
            j = i + step
            if 0 <= j < len(lows) and lows[j] in LIST_JOINERS and (j + step) in places_at:
                return True
        return False

    def _evidence(self, words, lows, i, first, title_case, how, found, place) -> bool | None:
        """True: a place. False: an ordinary word or a person. None: decide from a list."""
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if nxt in KOMMUN_WORDS:
            return True
        if how == "dash" and len(found) > 1 and any(not p.ambiguous for p, *_ in found):
            return True
        w = words[i]
        if how == "compound":
            return not title_case and i != first
        if w.isupper():
            return None
        prev = words[i - 1] if i > 0 else ""
        if _is_cap(prev) and prev.isalpha() and lows[i - 1] not in _NOT_NAMES and not self.known(prev):
            return False  # "Per Lund", "Gustav Vasa"
        nxt_word = words[i + 1] if i + 1 < len(words) else ""
        if _is_cap(nxt_word) and nxt_word.isalpha() and not self.known(nxt_word):
            return False  # "Nora Svensson"
        if i == first or title_case:
            return None
        if place.kind != "municipality" and lows[i - 1] not in PLACE_BEFORE and nxt not in PLACE_AFTER:
            return None  # "Backe", "Lit": capitalised is not enough for a small place; a list may be
        return True
