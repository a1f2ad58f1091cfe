"""Baselines: a page-independent record of each document's state, for the ratchet.

A document's state is its scores (one decimal, as reports print them) and the set of
rules and indicators it satisfies (at least one match), with match counts for
information. Nothing in it depends on page numbers, so moving text between pages is
not a change. The `fingerprint` hashes scores and satisfied ids: equal fingerprints
mean nothing the gate looks at has changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..errors import InputError
from .status import statuses

BASELINE_FORMAT = 1


@dataclass
class Entry:
    scores: dict[str, float | None]
    rules: dict[str, int]  # satisfied rule ids -> matches
    indicators: dict[str, int]  # satisfied indicator ids -> pieces of evidence
    fingerprint: str
    sha256: str = ""
    findings: dict[str, str] = field(default_factory=dict)  # accepted findings: gate id -> why

    def satisfied(self, item_id: str) -> bool:
        return item_id in self.rules or item_id in self.indicators


def entry(report: dict) -> Entry:
    st = statuses(report)
    scores = {k: (None if v is None else round(float(v), 1)) for k, v in sorted(report["scores"].items())}
    rules = {k: s.count for k, s in sorted(st.items()) if s.kind == "rule" and s.satisfied}
    inds = {k: s.count for k, s in sorted(st.items()) if s.kind == "indicator" and s.satisfied}
    return Entry(scores, rules, inds, fingerprint(scores, [*rules, *inds]), report["document"].get("sha256", ""))


def fingerprint(scores: dict, satisfied: list[str]) -> str:
    blob = json.dumps({"scores": scores, "satisfied": sorted(satisfied)}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


@dataclass
class Baseline:
    documents: dict[str, Entry]
    rules_version: str = ""

    def find(self, key: str, checked: int) -> Entry | None:
        """The entry for a document key; a lone document matches a lone entry whatever its name.

        (Drafts are often renamed between versions: `rus-v2.docx` checked against a baseline
        of `rus-v1.docx` still compares when there is nothing else to compare with.)
        """
        if key in self.documents:
            return self.documents[key]
        if checked == 1 and len(self.documents) == 1:
            return next(iter(self.documents.values()))
        return None


def dumps(reports: list[tuple[str, dict]], findings: dict[str, dict[str, str]] | None = None) -> str:
    """The baseline file for (document key, report) pairs: sorted, no timestamps.

    `findings` (document key -> gate id -> why) are the accepted findings to keep."""
    docs = {}
    versions = set()
    for key, report in sorted(reports, key=lambda kr: kr[0]):
        e = entry(report)
        versions.add(report.get("rules_version", ""))
        docs[key] = {
            "sha256": e.sha256,
            "fingerprint": e.fingerprint,
            "scores": e.scores,
            "rules": e.rules,
            "indicators": e.indicators,
        }
        if (findings or {}).get(key):
            docs[key]["findings"] = dict(sorted(findings[key].items()))
    data = {
        "rusaudit_baseline": BASELINE_FORMAT,
        "rules_version": sorted(versions)[0] if len(versions) == 1 else "",
        "documents": docs,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


MAX_BASELINE_BYTES = 64 << 20


def _score(v, where: str) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
        raise ValueError(f"{where}: expected a score from 0 to 100 or null, got {v!r}")
    return float(v)


def _count(v, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValueError(f"{where}: expected a count, got {v!r}")
    return v


def _counts(d, where: str) -> dict[str, int]:
    if not isinstance(d, dict):
        raise ValueError(f"{where}: expected an object")
    return {str(k): _count(v, f"{where}.{k}") for k, v in d.items()}


def load(path: str) -> Baseline:
    """Read a baseline file; anything damaged, deep, non-finite or out of range is one InputError."""
    from ..shape import parse_json

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BASELINE_BYTES + 1)
    except FileNotFoundError:
        raise InputError("baseline file not found", path) from None
    except OSError as exc:
        raise InputError(f"cannot read baseline ({exc.strerror})", path) from None
    if len(raw) > MAX_BASELINE_BYTES:
        raise InputError(f"baseline file too big (over {MAX_BASELINE_BYTES >> 20} MB)", path)
    try:
        data = parse_json(raw.decode("utf-8"), max_depth=8)
    except UnicodeDecodeError as exc:
        raise InputError(f"not a rusaudit baseline (not UTF-8 text, byte {exc.start})", path) from None
    except ValueError as exc:  # invalid JSON, NaN or Infinity, a huge number, nested too deep
        raise InputError(f"not a rusaudit baseline (invalid JSON: {exc})", path) from None
    if not isinstance(data, dict) or data.get("rusaudit_baseline") != BASELINE_FORMAT:
        raise InputError(f"not a rusaudit baseline (expected rusaudit_baseline = {BASELINE_FORMAT})", path)
    docs: dict[str, Entry] = {}
    try:
        documents = data["documents"]
        if not isinstance(documents, dict):
            raise ValueError("documents: expected an object")
        for key, d in documents.items():
            if not isinstance(d, dict) or not isinstance(d.get("scores"), dict):
                raise ValueError(f"documents.{key}: expected an object with scores")
            scores = {str(k): _score(v, f"documents.{key}.scores.{k}") for k, v in d["scores"].items()}
            rules = _counts(d.get("rules", {}), f"documents.{key}.rules")
            inds = _counts(d.get("indicators", {}), f"documents.{key}.indicators")
            accepted = d.get("findings", {})
            if not isinstance(accepted, dict) or not all(isinstance(v, str) for v in accepted.values()):
                raise ValueError(f"documents.{key}.findings: expected an object of gate id -> reason")
            e = Entry(scores, rules, inds, str(d.get("fingerprint", "")), str(d.get("sha256", "")))
            e.findings = {str(k): v for k, v in accepted.items()}
            docs[key] = e
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"damaged baseline ({exc})", path) from None
    return Baseline(docs, str(data.get("rules_version", "")))
