"""JSON Schemas (draft 2020-12) for rusaudit's JSON outputs: `rusaudit schema NAME`.

- report: `rusaudit scan -f json` (one report; several files give an array of them), and
  `reports/*.json` of `compare`;
- comparison: `comparison.json` of `rusaudit compare`;
- check: `rusaudit check -f json`;
- baseline: the file of `rusaudit check --write-baseline`.

Objects are closed (`additionalProperties: false`) wherever rusaudit owns the keys, so a
key added to an output without its schema fails the tests that validate every output.
`docs/schemas.md` says how `schema_version` changes.
"""

from __future__ import annotations

from .analyse.gazetteer import KINDS as PLACE_KINDS
from .report.model import SCHEMA_VERSION

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE = "urn:rusaudit:schema:"
NAMES = ("report", "comparison", "check", "baseline")


def _obj(props: dict, required: list[str] | None = None, closed: bool = True) -> dict:
    out = {"type": "object", "properties": props, "required": list(props) if required is None else required}
    if closed:
        out["additionalProperties"] = False
    return out


def _arr(items: dict) -> dict:
    return {"type": "array", "items": items}


def _opt(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


STR = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}
PAGE = {"type": "integer", "minimum": 1}
SCORE = _opt({"type": "number", "minimum": 0, "maximum": 100})
UNIT = _opt({"type": "number", "minimum": 0, "maximum": 1})
TEXT = {"type": "object", "additionalProperties": STR, "description": "A text per language: sv, en."}
SCORES = {"type": "object", "additionalProperties": SCORE, "required": ["overall"]}
# ocr_low_confidence: only present (true) on evidence from a page OCR read with low confidence
EVIDENCE = _obj(
    {"page": PAGE, "sentence": STR, "match": STR, "rule": STR, "ocr_low_confidence": {"const": True}},
    required=["page", "sentence", "match", "rule"],
)
VERSION = {"type": "string", "pattern": r"^\d+\.\d+$"}

INDICATOR = _obj(
    {
        "id": STR,
        "title": TEXT,
        "description": TEXT,
        "weight": NUM,
        "value": _opt(NUM),
        "score": UNIT,
        "scoring": {"description": "the scoring function and its parameters"},
        "error": _opt(STR),
        "details": {"type": "object"},
        "evidence": _arr(EVIDENCE),
    }
)
DIMENSION = _obj(
    {"id": STR, "title": TEXT, "description": TEXT, "weight": NUM, "score": SCORE, "indicators": _arr(INDICATOR)}
)
PLACE = _obj(
    {
        "id": STR,
        "name": STR,
        "kind": {"enum": list(PLACE_KINDS)},
        "code": _opt(STR),
        "in_region": BOOL,
        "count": INT,
        "pages": _arr(PAGE),
        "ocr_low_confidence": {"const": True},  # only present: found only on low-confidence OCR pages
    },
    required=["id", "name", "kind", "code", "in_region", "count", "pages"],
)
FINDING_LIST = _obj(
    {
        "id": STR,
        "title": TEXT,
        "found": BOOL,
        "count": INT,
        "score": UNIT,
        "source": _opt(STR),
        "evidence": _arr(EVIDENCE),
    }
)
PLANNING = _obj({**FINDING_LIST["properties"], "group": _opt(STR), "explicit": BOOL})
CHECKLIST = _obj(
    {
        **FINDING_LIST["properties"],
        "verdict": {"enum": ["named", "treated", "touched", "absent"]},
        "themes": _arr(STR),
        "informative": BOOL,
    }
)
MATRIX = _obj(
    {
        "rows": _arr(STR),
        "columns": _arr(STR),
        "cells": _arr(_obj({"row": STR, "column": STR, "count": INT, "evidence": _arr(EVIDENCE)})),
        "blind": _arr(STR),
        "sentences": {"type": "object", "additionalProperties": INT},
    }
)
COLLABORATION = _obj(
    {
        "actors": _arr(_obj({"id": STR, "name": TEXT, "count": INT, "statements": INT, "highest_level": INT})),
        "levels": {"type": "object", "additionalProperties": INT},
        "level_titles": {"type": "object", "additionalProperties": TEXT},
        "lansstyrelsen_planning": _opt(BOOL),
    },
    required=["actors", "levels"],
    closed=False,
)
EXCLUDED = {
    "oneOf": [
        _obj({"kind": {"const": "pages"}, "pages": _arr(PAGE), "reason": STR}),
        _obj({"kind": {"const": "section"}, "title": STR, "pages": _arr(PAGE), "reason": STR}),
        _obj({"kind": {"const": "finding"}, "rule": STR, "pages": _arr(PAGE), "sentence": STR, "reason": STR}),
    ],
    "description": "What the audit left out, and why: --pages, exclude_pages, exclude_sections, rusaudit-disable.",
}

REPORT = {
    **_obj(
        {
            "schema_version": VERSION,
            "tool_version": STR,
            "rules_version": STR,
            "document": _obj(
                {
                    "path": STR,
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "format": STR,
                    "pages": INT,
                    "words": INT,
                    "sentences": INT,
                    "maps": INT,
                    "images": INT,
                    "genre": {"enum": ["strategy", "other"]},
                    "genre_cues": _arr(STR),
                    "ocr": _obj(
                        {
                            "threshold": NUM,
                            "pages": _arr(
                                _obj(
                                    {
                                        "page": PAGE,
                                        "confidence": {"type": "number", "minimum": 0, "maximum": 100},
                                        "low": BOOL,
                                    }
                                )
                            ),
                        }
                    ),
                },
                required=["path", "sha256", "format", "pages", "words", "sentences", "maps", "images", "genre"],
            ),
            "region": _obj({"code": _opt(STR), "name": _opt(STR), "detected": BOOL}),
            "scores": SCORES,
            "dimensions": _arr(DIMENSION),
            "places": _arr(PLACE),
            "coverage": _obj(
                {"municipalities_named": INT, "municipalities_total": INT, "named": _arr(STR), "missing": _arr(STR)}
            ),
            "national_strategy": _arr(CHECKLIST),
            "geography_matrix": MATRIX,
            "planning": _arr(PLANNING),
            "collaboration": COLLABORATION,
            "excluded": _arr(EXCLUDED),
            "warnings": _arr(STR),
        },
        required=[
            "schema_version",
            "tool_version",
            "rules_version",
            "document",
            "region",
            "scores",
            "dimensions",
            "places",
            "coverage",
            "national_strategy",
            "excluded",
            "warnings",
        ],
    ),
    "title": "rusaudit report",
}

COMPARISON = {
    **_obj(
        {
            "schema_version": VERSION,
            "tool_version": STR,
            "rules_version": {"anyOf": [STR, _arr(STR)]},
            "documents": _arr(
                _obj(
                    {
                        "path": STR,
                        "name": STR,
                        "sha256": STR,
                        "pages": INT,
                        "words": INT,
                        "genre": {"enum": ["strategy", "other"]},
                        "region": _obj(
                            {
                                "code": _opt(STR),
                                "name": _opt(STR),
                                "source": _opt({"enum": ["text", "given", "filename"]}),
                            }
                        ),
                        "scores": SCORES,
                        "indicators": {"type": "object", "additionalProperties": SCORE},
                        "key_indicators": {"type": "object", "additionalProperties": _opt(NUM)},
                        "never_named": _arr(STR),
                        "strongest_statement": _opt({"type": "object"}),
                        "reports": _obj({"json": STR, "html": STR}),
                        "geography_matrix": _obj(
                            {
                                "rows": _arr(STR),
                                "columns": _arr(STR),
                                "cells": _arr(_obj({"row": STR, "column": STR, "count": INT})),
                                "blind": _arr(STR),
                            }
                        ),
                        "rank": {"type": "integer", "minimum": 1},
                    },
                    required=["path", "name", "sha256", "region", "scores", "indicators", "key_indicators", "rank"],
                )
            ),
            "errors": _arr(_obj({"path": STR, "reason": STR})),
            "counties": _arr(_obj({"code": STR, "name": _opt(STR), "path": STR, "territorial": SCORE})),
            "county_choice": STR,
            "score_keys": _arr(STR),
            "indicator_titles": {"type": "object", "additionalProperties": TEXT},
        }
    ),
    "title": "rusaudit comparison (comparison.json)",
}

CHECK_ITEM = _obj(
    {
        "id": STR,
        "kind": {"enum": ["min_score", "rule", "area", "baseline_score", "baseline_rule"]},
        "target": STR,
        "level": {"enum": ["error", "warn"]},
        "status": {"enum": ["pass", "fail", "warn", "known"]},
        "message": STR,
        "actual": _opt(NUM),
        "expected": _opt(NUM),
        "pages": _arr(PAGE),
    }
)
CHECK = {
    **_obj(
        {
            "rusaudit_check": {"const": 1},
            "tool_version": STR,
            "config": _opt(STR),
            "settings": {"type": "object"},
            "baseline": _opt(STR),
            "passed": BOOL,
            "exit_code": {"enum": [0, 1, 2]},
            "documents": _arr(
                _obj(
                    {
                        "path": STR,
                        "key": STR,
                        "status": {"enum": ["pass", "fail", "warn"]},
                        "scores": SCORES,
                        "baseline": _opt({"enum": ["unchanged", "changed", "new"]}),
                        "checks": _arr(CHECK_ITEM),
                        "notes": _arr(_obj({"rule": STR, "page": PAGE, "message": STR, "gate": STR})),
                        "report": {"$ref": BASE + "report"},
                    }
                )
            ),
            "errors": _arr(_obj({"path": STR, "message": STR})),
            "generated_at": {"type": "string", "format": "date-time"},
        },
        required=["rusaudit_check", "tool_version", "config", "settings", "passed", "exit_code", "documents", "errors"],
    ),
    "title": "rusaudit check (check -f json)",
}

BASELINE = {
    **_obj(
        {
            "rusaudit_baseline": {"const": 1},
            "rules_version": STR,
            "documents": {
                "type": "object",
                "additionalProperties": _obj(
                    {
                        "sha256": STR,
                        "fingerprint": STR,
                        "scores": {"type": "object", "additionalProperties": SCORE},
                        "rules": {"type": "object", "additionalProperties": INT},
                        "indicators": {"type": "object", "additionalProperties": INT},
                        "findings": {
                            "type": "object",
                            "description": "Accepted findings: gate id -> why (a note, not a failure).",
                            "additionalProperties": STR,
                        },
                    },
                    required=["scores"],
                ),
            },
        },
        required=["rusaudit_baseline", "documents"],
    ),
    "title": "rusaudit baseline (check --write-baseline)",
}


def schema(name: str) -> dict:
    """The JSON Schema of one output, with its $schema and $id."""
    body = {"report": REPORT, "comparison": COMPARISON, "check": CHECK, "baseline": BASELINE}[name]
    out = {"$schema": DRAFT, "$id": BASE + name, **body}
    out["description"] = f"rusaudit {name} output, schema_version {SCHEMA_VERSION} (see docs/schemas.md)."
    if name == "check":  # self-contained: the report schema travels inside
        out["$defs"] = {"report": {**REPORT, "$id": BASE + "report"}}
    return out


def validator(name: str):
    """A jsonschema validator for one output (format checks on)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)
