"""SARIF 2.1.0 for code-scanning tools (GitHub's upload-sarif among them).

One result per gate that did not pass: `error` (fails the gate), `warning` (a `warn`
rule), `note` (a failure already in the baseline or within its tolerance, and pages that
name no place under a failed score gate). Locations: a strategy is not source code and
a PDF page is not a line, so results carry no `region`; each is located at the
document (`artifactLocation.uri`, relative to the working directory), and a page
finding also at the page: `properties.page`, a logical location of kind `page` named
`<uri>#page=N` (the PDF open-parameters form), and the message (`s. N: …`).
`partialFingerprints` hash the document, the gate and (for page notes) the page, so
alerts stay stable between runs. No timestamps unless asked for.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..safetext import xml_tree
from .evaluate import Check, GateRun, Note
from .texts import t

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"fail": "error", "warn": "warning", "known": "note"}
MIME = {"pdf": "application/pdf", "md": "text/markdown", "txt": "text/plain"}
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def artifact_uri(key: str) -> str:
    """A URI reference for a document key: relative stays relative, absolute becomes file://."""
    if key.startswith("/"):
        return PurePosixPath(key).as_uri()
    return quote(key, safe="/")


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _text(d: dict | None, lang: str) -> str:
    return ((d or {}).get(lang) or (d or {}).get("sv") or "").strip()


def _descriptor(rule_id: str, check: Check | None, note: Note | None, run: GateRun) -> dict:
    lang, cat = run.lang, run.config.catalog
    target = check.target if check else note.rule if note else rule_id
    title = cat.title(target, lang) if cat else target
    if target == "overall":
        title = t(lang, "overall")
    desc = ""
    if cat:
        item = cat.rules.get(target) or cat.indicators.get(target) or {}
        desc = _text(item.get("description"), lang)
    if check and check.kind == "min_score":
        short = f"{title} ≥ {check.expected:g} ({rule_id})"
    elif check and check.kind == "baseline_score":
        short = f"{title}: baseline ratchet ({rule_id})"
    else:
        short = f"{title} ({rule_id})"
    level = "note" if note else ("warning" if check and check.level == "warn" else "error")
    out = {
        "id": rule_id,
        "name": title,
        "shortDescription": {"text": short},
        "defaultConfiguration": {"level": level},
        "properties": {"target": target, "kind": check.kind if check else "page"},
    }
    if desc:
        out["fullDescription"] = {"text": desc}
    return out


def _location(uri: str, index: int, page: int | None = None) -> dict:
    loc: dict = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": index}}}
    if page is not None:
        loc["logicalLocations"] = [{"name": f"page {page}", "fullyQualifiedName": f"{uri}#page={page}", "kind": "page"}]
    return loc


def build(run: GateRun, timestamps: tuple[str, str] | None = None) -> dict:
    artifacts: list[dict] = []
    results: list[dict] = []
    rules: dict[str, dict] = {}
    for doc in run.documents:
        uri = artifact_uri(doc.key)
        index = len(artifacts)
        meta = doc.report.get("document", {})
        fmt = meta.get("format", "")
        artifact: dict = {
            "location": {"uri": uri},
            "mimeType": MIME_DOCX if fmt == "docx" else MIME.get(fmt, "application/octet-stream"),
        }
        if meta.get("sha256"):
            artifact["hashes"] = {"sha-256": meta["sha256"]}
        artifacts.append(artifact)
        for c in doc.checks:
            if c.status == "pass":
                continue
            rules.setdefault(c.id, _descriptor(c.id, c, None, run))
            res = {
                "ruleId": c.id,
                "kind": "fail",
                "level": LEVEL[c.status],
                "message": {"text": c.message},
                "locations": [_location(uri, index)],
                "partialFingerprints": {"rusauditGate/v1": _fingerprint(doc.key, c.id)},
                "properties": {"gate": c.id, "status": c.status, "actual": c.actual, "expected": c.expected},
            }
            if doc.baseline is not None:
                res["baselineState"] = "unchanged" if c.status == "known" else "new"
            results.append(res)
        for n in doc.notes:
            rid = f"page.{n.rule}"
            rules.setdefault(rid, _descriptor(rid, None, n, run))
            results.append(
                {
                    "ruleId": rid,
                    "kind": "fail",
                    "level": "note",
                    "message": {"text": n.message},
                    "locations": [_location(uri, index, n.page)],
                    "partialFingerprints": {"rusauditGate/v1": _fingerprint(doc.key, rid, str(n.page))},
                    "properties": {"page": n.page, "gate": n.gate},
                }
            )
    for err in run.errors:
        artifacts.append({"location": {"uri": artifact_uri(err.key)}})
    ordered = sorted(rules)
    for res in results:
        res["ruleIndex"] = ordered.index(res["ruleId"])
    invocation: dict = {"executionSuccessful": not run.errors, "exitCode": run.exit_code}
    if run.errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": f"{e.path}: {e.message}"},
                "locations": [_location(artifact_uri(e.key), len(run.documents) + i)],
            }
            for i, e in enumerate(run.errors)
        ]
    if timestamps:
        invocation["startTimeUtc"], invocation["endTimeUtc"] = timestamps
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rusaudit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rules[r] for r in ordered],
                    }
                },
                "invocations": [invocation],
                "artifacts": artifacts,
                "results": results,
                "properties": {
                    "passed": run.passed,
                    "config": run.config.path,
                    "baseline": run.baseline_path,
                    "settings": run.config.to_dict(),
                },
            }
        ],
    }


def render(run: GateRun, timestamps: tuple[str, str] | None = None) -> str:
    # File names and messages may hold characters XML 1.0 forbids: viewers convert SARIF to XML.
    return json.dumps(xml_tree(build(run, timestamps)), ensure_ascii=False, indent=2) + "\n"
