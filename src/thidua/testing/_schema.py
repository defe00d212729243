"""The JSON Schema of scenario files (``thidua schema scenario``)."""

from __future__ import annotations

from typing import Any

from thidua.testing._reader import DOCUMENT, SCENARIO_VERSION, SCORE_FIELDS, TARGET_FIELDS

__all__ = ["scenario_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID = r"^[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,99}$"
_NUMBER = {
    "description": "An exact number: a whole number, or a text such as '3/11', '7.5' or '30%'. Never a float.",
    "anyOf": [
        {"type": "integer"},
        {"type": "string", "pattern": r"^\s*[+\-\u2212]?(?:\d+(?:\.\d*)?|\.\d+|\d+\s*/\s*\d+)\s*%?\s*$"},
    ],
}


def _expectation(description: str, required: list[str], fields: dict[str, Any]) -> dict[str, Any]:
    props = {
        "id": {"$ref": "#/$defs/TestId"},
        "note": {"type": "string"},
        **fields,
    }
    return {
        "type": "object",
        "description": description,
        "required": required,
        "properties": props,
        "additionalProperties": False,
    }


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario document.

    It checks the shape a scenario file must have, as an editor sees it;
    :func:`thidua.testing.load_scenarios` remains the authority (it also
    refuses a float, tells the kinds of expectation apart and checks that
    each checks something).

    >>> s = scenario_schema()
    >>> s["properties"]["document"], sorted(s["required"])
    ({'const': 'scenario'}, ['campaign', 'document', 'expect', 'results', 'schema_version'])

    .. versionadded:: 0.1.0
    """
    number = {"$ref": "#/$defs/Number"}
    boolean = {"type": "boolean"}
    text = {"type": "string"}
    count = {"type": "integer", "minimum": 0}
    subject = {"type": "string"}
    target_fields = {
        k: ({"enum": ["met", "not_met", "excluded"]} if k == "status" else boolean if k == "met" else number)
        for k in TARGET_FIELDS
    }
    change = {
        "type": "object",
        "properties": {
            "criterion": text,
            "stage": text,
            "before": number,
            "after": number,
            "reason": text,
        },
        "additionalProperties": False,
    }
    unit_fields: dict[str, Any] = {
        "grade": text,
        "band_grade": text,
        "capped": boolean,
        "source": {"enum": ["computed", "reported", "none"]},
        "rank": {"type": "integer", "minimum": 1},
        **dict.fromkeys(SCORE_FIELDS, number),
        "clamped": boolean,
        "score_stage": text,
        "changes": {"anyOf": [count, {"type": "array", "items": change}]},
        "trace": text,
    }
    document = {
        "description": "A path relative to the scenario file, 'example:NAME' (a bundled example), "
        "or the document itself, inline (schema_version and document may be left out).",
        "anyOf": [{"type": "string"}, {"type": "object"}],
    }
    return {
        "$schema": _DIALECT,
        "$id": "https://thidua.github.io/schema/v1/scenario.json",
        "title": "thidua scenario",
        "description": (
            "A rule test: a campaign, results and the verdicts expected, as literal values worked out by hand. "
            "Every number is exact; a tolerance is never needed and is refused."
        ),
        "type": "object",
        "required": ["schema_version", "document", "campaign", "results", "expect"],
        "properties": {
            "schema_version": {"const": SCENARIO_VERSION},
            "document": {"const": DOCUMENT},
            "id": {"$ref": "#/$defs/TestId"},
            "name": text,
            "name_en": text,
            "note": text,
            "campaign": document,
            "results": document,
            "history": document,
            "stage": {"type": "string", "description": "The review stage to evaluate."},
            "missing": {
                "enum": ["error", "not_met", "exclude"],
                "description": "Overrides the campaign's missing-input policy.",
            },
            "units": {
                "type": "array",
                "minItems": 1,
                "items": text,
                "description": "Evaluate only these units (and the units below them).",
            },
            "date": {
                "type": "string",
                "format": "date",
                "description": "Evaluate the emulation year as of this day (its last day).",
            },
            "expect": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Expectation"}},
        },
        "additionalProperties": False,
        "$defs": {
            "Number": _NUMBER,
            "TestId": {"type": "string", "pattern": _ID, "description": "The expectation's test id."},
            "Expectation": {
                "anyOf": [
                    _expectation(
                        "A target's outcome for a unit or a cluster.",
                        ["target"],
                        {"unit": subject, "cluster": subject, "target": text, **target_fields},
                    ),
                    _expectation("A unit's rating, rank and score.", ["unit"], {"unit": subject, **unit_fields}),
                    _expectation(
                        "One criterion of a unit's score.",
                        ["unit", "criterion"],
                        {"unit": subject, "criterion": text, "points": number, "bonus": number},
                    ),
                    _expectation(
                        "An award rule's outcome for a unit.",
                        ["unit", "award"],
                        {"unit": subject, "award": text, "granted": boolean, "eligible": boolean},
                    ),
                    _expectation(
                        "Ranks in a cluster ('cluster') or a level ('ranking: level:ID').",
                        ["rank"],
                        {
                            "cluster": subject,
                            "ranking": subject,
                            "rank": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
                        },
                    ),
                    _expectation(
                        "A conflict between a cluster's decision and the rules, or their number.",
                        ["cluster"],
                        {
                            "cluster": subject,
                            "conflict": text,
                            "severity": {"enum": ["error", "info"]},
                            "conflicts": count,
                            "unit": subject,
                            "award": text,
                        },
                    ),
                    _expectation(
                        "The evaluation's fingerprint (SHA-256, hex).",
                        ["fingerprint"],
                        {"fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
                    ),
                    _expectation(
                        "Loading or evaluating must fail so.",
                        ["error"],
                        {"error": text, "path": text, "contains": text},
                    ),
                ]
            },
        },
    }
