"""The OpenAPI document of the reference service, built from the JSON Schemas thidua generates.

The results row and document come from :func:`thidua.io.json_schema`, the
outcomes from :func:`thidua.io.outcome_schema`: nothing is written twice, so
a field added to the model or to an outcome appears here at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thidua.serve._service import Service

__all__ = ["openapi_document"]

_PROBLEM: Mapping[str, Any] = {
    "type": "object",
    "description": "One problem of the input: where (loc, path), what (code, message in the reader's language).",
    "properties": {
        "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
        "path": {"type": "string"},
        "code": {"type": "string", "description": "A stable code; see docs/problems.md."},
        "severity": {"enum": ["error", "warning"]},
        "message": {"type": "string"},
        "params": {"type": "object"},
        "source": {"type": "string"},
        "sheet": {"type": "string"},
        "cell": {"type": "string"},
        "unit": {"type": ["string", "null"]},
        "rule": {"type": ["string", "null"]},
        "period": {"type": ["string", "null"]},
    },
    "required": ["loc", "path", "code", "severity", "message", "params"],
}

#: the outcomes a response carries at its top level, written by thidua.io.to_data
_OUTCOMES = ("Evaluation", "UnitEvaluation", "ClusterEvaluation", "Ranking", "Update")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _moved(node: Any) -> Any:
    """*node* with its ``#/$defs/`` references pointing into ``#/components/schemas/``."""
    if isinstance(node, Mapping):
        out = {k: _moved(v) for k, v in node.items() if k not in ("$defs", "$schema")}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            out["$ref"] = "#/components/schemas/" + ref.removeprefix("#/$defs/")
        return out
    if isinstance(node, list):
        return [_moved(v) for v in node]
    return node


def _add(schemas: dict[str, Any], name: str, schema: Any) -> None:
    found = schemas.get(name)
    if found is not None and found != schema:
        msg = f"two different JSON Schemas are named {name!r}"
        raise RuntimeError(msg)
    schemas[name] = schema


def _components() -> dict[str, Any]:
    from thidua.io import json_schema, outcome_schema

    schemas: dict[str, Any] = {}
    results = json_schema("results")
    for name, schema in results["$defs"].items():
        _add(schemas, name, _moved(schema))
    _add(schemas, "ResultsDocument", _moved(results))
    for outcome in _OUTCOMES:
        schema = outcome_schema(outcome)
        for name, sub in schema["$defs"].items():
            _add(schemas, name, _moved(sub))
        _add(schemas, f"{outcome}Data", _moved(schema))
    _add(schemas, "Problem", dict(_PROBLEM))
    _add(
        schemas,
        "Problems",
        {
            "type": "object",
            "properties": {
                "problems": {"type": "array", "items": _ref("Problem")},
                "fingerprint": {"type": "string"},
            },
            "required": ["problems"],
        },
    )
    return schemas


def _body(properties: Mapping[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {
            "X-Thidua-Fingerprint": {
                "description": "The fingerprint of the evaluation the response was read from.",
                "schema": {"type": "string"},
            }
        },
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"fingerprint": {"type": "string"}, **properties},
                    "required": ["fingerprint", *properties],
                }
            }
        },
    }


_ERRORS = {
    "404": {
        "description": "The campaign, unit or cluster is not served.",
        "content": {"application/json": {"schema": _ref("Problems")}},
    },
    "422": {
        "description": "Every problem of the input, each with its place, in the reader's language.",
        "content": {"application/json": {"schema": _ref("Problems")}},
    },
}
_LINES = {"type": "array", "items": {"type": "string"}}
_NAMES = {"type": "object", "additionalProperties": {"type": "string"}}


def _operation(
    summary: str, params: list[str], ok: dict[str, Any], body: dict[str, Any] | None = None
) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params
    ]
    parameters.append(
        {
            "name": "lang",
            "in": "query",
            "required": False,
            "description": "The language of names, explanations and problems.",
            "schema": {"enum": ["vi", "en"], "default": "vi"},
        }
    )
    op: dict[str, Any] = {"summary": summary, "parameters": parameters, "responses": {"200": ok, **_ERRORS}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return op


def openapi_document(service: Service | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the reference service (``GET /openapi.json``).

    Its schemas are those thidua generates: the results row and document
    (:func:`thidua.io.json_schema`) and the outcomes (:func:`thidua.io.outcome_schema`).

    Args:
        service: the service, to list its campaigns in the ``campaign`` parameter.

    >>> doc = openapi_document()
    >>> doc["openapi"], sorted(doc["paths"])[1]
    ('3.1.0', '/campaigns/{campaign}/clusters/{cluster}')
    >>> doc["components"]["schemas"]["UnitResult"]["required"]
    ['unit']

    .. versionadded:: 0.1.0
    """
    from thidua import __version__

    unit_lines = {"unit": _ref("UnitEvaluationData"), "explanation": _LINES}
    c, u, k = ["campaign"], ["campaign", "unit"], ["campaign", "cluster"]
    paths: dict[str, Any] = {
        "/": {
            "get": {
                "summary": "What is served: each campaign with its fingerprint.",
                "responses": {"200": {"description": "The campaigns served."}},
            }
        },
        "/campaigns/{campaign}/validate": {
            "post": _operation(
                "Check one unit's results row, or a whole results document, against the campaign.",
                c,
                _body({"valid": {"const": True}, "problems": {"type": "array", "items": _ref("Problem")}}, "Valid."),
                {"anyOf": [_ref("UnitResult"), _ref("ResultsDocument")]},
            )
        },
        "/campaigns/{campaign}/evaluation": {
            "get": _operation("The whole current evaluation.", c, _body({"evaluation": _ref("EvaluationData")}, "OK."))
        },
        "/campaigns/{campaign}/units/{unit}": {
            "get": _operation("A unit's verdicts and their explanation.", u, _body(unit_lines, "OK.")),
            "put": _operation(
                "Replace a unit's results; its new verdicts, their explanation, and the units that changed.",
                u,
                _body({"update": _ref("UpdateData"), **unit_lines}, "Updated."),
                _ref("UnitResult"),
            ),
        },
        "/campaigns/{campaign}/clusters/{cluster}": {
            "get": _operation(
                "A cluster's targets, ranking, awards and conflicts, explained.",
                k,
                _body({"cluster": _ref("ClusterEvaluationData"), "names": _NAMES, "explanation": _LINES}, "OK."),
            )
        },
        "/campaigns/{campaign}/clusters/{cluster}/ranking": {
            "get": _operation(
                "A cluster's ranking, best first.", k, _body({"ranking": _ref("RankingData"), "names": _NAMES}, "OK.")
            )
        },
        "/campaigns/{campaign}/report": {
            "get": _operation(
                "The whole report as JSON (docs/report-json.md).",
                c,
                _body({"report": {"type": "object", "description": "See docs/report-json.md."}}, "OK."),
            )
        },
    }
    if service is not None:
        for item in paths.values():
            for op in item.values():
                for p in op.get("parameters", ()):
                    if p["name"] == "campaign":
                        p["schema"] = {"enum": list(service.campaigns)}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "thidua",
            "version": __version__,
            "description": (
                "Emulation campaigns (phong trào thi đua) evaluated exactly, explained in Vietnamese and "
                "English. Exact numbers are texts; every response carries the evaluation's fingerprint."
            ),
        },
        "paths": paths,
        "components": {"schemas": _components()},
    }
