"""JUnit XML: one test suite per document, one test case per gate.

Each document also gets a `read` case (an unreadable file is its `<error>`). A failed
gate is a `<failure>` carrying the message; a warning or a failure already known from
the baseline passes and says so in `<system-out>`. No timestamps unless asked for.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..safetext import xml
from .evaluate import GateRun
from .texts import fmt_pages, t


def render(run: GateRun, timestamp: str | None = None) -> str:
    lang = run.lang
    root = ET.Element("testsuites", name="rusaudit check")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for doc in run.documents:
        suite = ET.SubElement(root, "testsuite", name=doc.path)
        props = ET.SubElement(suite, "properties")
        for key, value in doc.report.get("scores", {}).items():
            ET.SubElement(props, "property", name=f"score.{key}", value="" if value is None else f"{value:.1f}")
        if doc.baseline:
            ET.SubElement(props, "property", name="baseline", value=doc.baseline)
        ET.SubElement(suite, "testcase", classname=doc.key, name="read")
        failures = 0
        for c in doc.checks:
            case = ET.SubElement(suite, "testcase", classname=doc.key, name=c.id)
            if c.status == "fail":
                failures += 1
                fail = ET.SubElement(case, "failure", type=c.kind, message=c.message)
                pages = [n.page for n in doc.notes if n.gate == c.id]
                extra = f"\n{t(lang, 'pages_blind', pages=fmt_pages(pages, limit=50))}" if pages else ""
                fail.text = c.message + extra
            elif c.status in ("warn", "known"):
                ET.SubElement(case, "system-out").text = f"{c.status}: {c.message}"
        tests = len(doc.checks) + 1
        suite.attrib.update(tests=str(tests), failures=str(failures), errors="0", skipped="0")
        if timestamp:
            suite.set("timestamp", timestamp)
        totals["tests"] += tests
        totals["failures"] += failures
    for err in run.errors:
        suite = ET.SubElement(root, "testsuite", name=err.path, tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=err.key, name="read")
        ET.SubElement(case, "error", type="input", message=err.message).text = err.message
        totals["tests"] += 1
        totals["errors"] += 1
    root.attrib.update({k: str(v) for k, v in totals.items()})
    if timestamp:
        root.set("timestamp", timestamp)
    for el in root.iter():  # file names and messages may hold characters XML 1.0 forbids
        el.attrib.update({k: xml(v) for k, v in el.attrib.items()})
        if el.text:
            el.text = xml(el.text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
