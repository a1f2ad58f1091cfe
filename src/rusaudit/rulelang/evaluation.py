"""Measure rule families on labelled sentences: precision and recall per family.

A labels file (YAML) lists real sentences, each with the families a reader finds in it;
every family the file names in `families` and a sentence does not carry is a negative.
A family is a rule id or `group:NAME` (any rule of that group). `aliases` shorten labels.
A family is predicted for a sentence when one of its rules matches it as body prose,
exactly as in a scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .yamlload import YamlError, read_yaml_file


@dataclass(frozen=True)
class Labelled:
    text: str
    source: str
    labels: frozenset[str]


@dataclass
class Labels:
    path: str
    families: list[str]
    sentences: list[Labelled]
    sources: dict[str, str] = field(default_factory=dict)


@dataclass
class Score:
    family: str
    dimension: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # ("fp" | "fn", sentence)

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.positives if self.positives else None

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Evaluation:
    families: list[Score]
    dimensions: list[Score]
    overall: Score
    sentences: int


def _bad(message: str, path: str, line: int = 1) -> InputError:
    return InputError(f"line {line}: {message}", path)


def load_labels(path: str | Path) -> Labels:
    """Read and check a labels file; an InputError names the file and line of the first problem."""
    try:
        loaded = read_yaml_file(path)
    except YamlError as exc:
        raise InputError(exc.message, exc.path) from None
    data, src = loaded.data, str(path)
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        raise _bad("a labels file is a mapping with a list 'sentences'", src)
    aliases = data.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise _bad("'aliases' must map short names to families", src, loaded.line(("aliases",)))

    def family(name, where) -> str:
        if not isinstance(name, str) or not name.strip():
            raise _bad("a label must be a family name", src, loaded.line(where))
        return str(aliases.get(name, name))

    raw_families = data.get("families")
    if raw_families is not None and not isinstance(raw_families, list):
        raise _bad("'families' must be a list", src, loaded.line(("families",)))
    sentences = []
    for i, item in enumerate(data["sentences"]):
        where = ("sentences", i)
        if isinstance(item, list) and len(item) == 3:
            source, text, labels = item
        elif isinstance(item, dict):
            source, text, labels = item.get("source", ""), item.get("text"), item.get("labels") or []
        else:
            raise _bad("a sentence is [source, text, labels] or {source, text, labels}", src, loaded.line(where))
        if not isinstance(text, str) or not text.strip() or not isinstance(labels, list):
            raise _bad("a sentence needs a text and a list of labels", src, loaded.line(where))
        found = frozenset(family(x, where) for x in labels)
        sentences.append(Labelled(text.strip(), str(source), found))
    if raw_families is None:
        families = sorted({f for s in sentences for f in s.labels})
    else:
        families = [family(f, ("families", k)) for k, f in enumerate(raw_families)]
    unknown = sorted({f for s in sentences for f in s.labels} - set(families))
    if unknown:
        raise _bad(f"label {unknown[0]!r} is not among 'families'", src, loaded.line(("families",)))
    sources = {str(k): str(v) for k, v in (data.get("sources") or {}).items()}
    return Labels(src, families, sentences, sources)


def _members(book, family: str) -> set[str]:
    if family.startswith("group:"):
        return book.group(family[len("group:") :])
    return {family} if book.rule(family) else set()


def evaluate(labels: Labels, analyzer) -> Evaluation:
    """Run every sentence through the analyzer's pipeline and compare with the labels."""
    from ..extract.model import Block, Document, Page

    book = analyzer.book
    members = {f: _members(book, f) for f in labels.families}
    missing = [f for f, m in members.items() if not m]
    if missing:
        raise InputError(f"family {missing[0]!r} names no rule or group in the rule sets", labels.path)
    doc = Document(labels.path, "0", "txt", [Page(i + 1, [Block(s.text)]) for i, s in enumerate(labels.sentences)])
    fired: dict[int, set[str]] = {}
    for s in analyzer.sentences(doc):
        for m in analyzer.rules.in_kind("body", s.matches):
            fired.setdefault(s.page, set()).add(m.rule)
    dims: dict[str, Score] = {}
    scores = []
    for fam in labels.families:
        rules = members[fam]
        dim = book.rule(sorted(rules)[0]).dimension
        sc = Score(fam, dim)
        for i, s in enumerate(labels.sentences):
            predicted = bool(fired.get(i + 1, set()) & rules)
            actual = fam in s.labels
            if predicted and actual:
                sc.tp += 1
            elif predicted:
                sc.fp += 1
                sc.errors.append(("fp", s.text))
            elif actual:
                sc.fn += 1
                sc.errors.append(("fn", s.text))
        scores.append(sc)
        dims.setdefault(dim, Score(dim, dim)).add(sc)
    overall = Score("overall", "")
    for d in dims.values():
        overall.add(d)
    return Evaluation(scores, list(dims.values()), overall, len(labels.sentences))
