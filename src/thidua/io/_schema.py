"""JSON Schema (draft 2020-12) of thidua documents, generated from the model.

The schema is derived by walking the attrs classes of :mod:`thidua.model`:
their fields, type hints, defaults and simple validators. Nothing is written
twice, so a field added to the model appears in the schema at once.

The schema checks the *shape* of a document, as an editor or another program
sees it. The loader (:func:`thidua.io.load`) remains the authority: it also
checks what a schema cannot say (cross references, bands without gaps, points
that add up, shares between 0% and 100%).
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from thidua import model as m
from thidua.io._converter import CONDITION_KINDS, METHOD_KINDS, TARGET_KINDS, TIE_BREAK_KINDS
from thidua.io._files import DOCUMENT_TYPES, SCHEMA_VERSION
from thidua.model._base import _ID, check_id

__all__ = ["json_schema"]

#: The dialect of the generated schemas.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_NUMBER_BODY = r"[+\-\u2212]?(?:\d+(?:\.\d*)?|\.\d+|\d+\s*/\s*\d+)"

#: Shared definitions for the wire forms of exact values.
_BASE_DEFS: Mapping[str, Mapping[str, Any]] = {
    "Id": {
        "type": "string",
        "pattern": _ID.pattern,
        "description": "An ASCII-safe id: letters, digits, '_', '.', '-'; at most 100 characters.",
    },
    "Date": {
        "type": "string",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "description": "A calendar date in ISO form, e.g. 2022-04-13.",
    },
    "Number": {
        "anyOf": [
            {"type": "integer"},
            {"type": "string", "pattern": rf"^\s*{_NUMBER_BODY}\s*$", "maxLength": 60},
        ],
        "description": "An exact number: an integer, or a text such as '7.5' or '1/3'. Never a float.",
    },
    "Share": {
        "anyOf": [
            {"type": "integer", "minimum": 0, "maximum": 100},
            {"type": "string", "pattern": rf"^\s*{_NUMBER_BODY}\s*%?\s*$", "maxLength": 61},
        ],
        "description": (
            "A share between 0% and 100%: an integer percentage (80), a percentage text ('80%', '100/3%') "
            "or a proportion text ('0.8', '1/3'). Never a float."
        ),
    },
    "Amount": {
        "anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\s*[+\-\u2212]?\d+\s*$"}],
        "description": "An amount of money in VND: a whole number.",
    },
}

_PRIMITIVES: Mapping[object, Mapping[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    dt.date: {"$ref": "#/$defs/Date"},
    m.Number: {"$ref": "#/$defs/Number"},
    m.Share: {"$ref": "#/$defs/Share"},
    m.Amount: {"$ref": "#/$defs/Amount"},
}

#: Tagged unions: the union's name on the schema, its members and their tags.
_UNIONS: tuple[tuple[str, Mapping[type, str]], ...] = (
    ("Target", TARGET_KINDS),
    ("Condition", CONDITION_KINDS),
    ("Method", METHOD_KINDS),
    ("TieBreak", TIE_BREAK_KINDS),
)


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


class _Builder:
    """Collects ``$defs`` while walking the model's classes."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {k: dict(v) for k, v in _BASE_DEFS.items()}
        self.tags: dict[type, str] = {cl: tag for _, kinds in _UNIONS for cl, tag in kinds.items()}

    def union_ref(self, members: frozenset[type]) -> dict[str, Any] | None:
        for name, kinds in _UNIONS:
            if members == frozenset(kinds):
                if name not in self.defs:
                    self.defs[name] = {}
                    variants = [self.class_ref(cl, tag=tag) for cl, tag in kinds.items()]
                    self.defs[name] = {
                        "description": f"One of the {name.lower()} kinds, chosen by 'kind'.",
                        "oneOf": variants,
                    }
                return _ref(name)
        return None

    def class_ref(self, cl: type, *, tag: str | None = None) -> dict[str, Any]:
        if tag is None and cl in self.tags:
            msg = f"{cl.__name__} is tagged with 'kind' and may appear only inside its union"
            raise TypeError(msg)
        name = cl.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder, for classes that contain themselves
            self.defs[name] = self.class_schema(cl, tag=tag)
        return _ref(name)

    def class_schema(self, cl: type, *, tag: str | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cl)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if tag is not None:
            properties["kind"] = {"const": tag}
            required.append("kind")
        for field in attrs.fields(cl):
            properties[field.name] = self.field_schema(hints[field.name], field.validator)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        out: dict[str, Any] = {
            "type": "object",
            "description": _summary(cl),
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        return out

    def field_schema(self, hint: Any, validator: Any) -> dict[str, Any]:
        schema = self.type_schema(hint)
        for v in _validators(validator):
            schema = _constrain(schema, v)
        return schema

    def type_schema(self, hint: Any) -> dict[str, Any]:
        if hint in _PRIMITIVES:
            return dict(_PRIMITIVES[hint])
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            present = frozenset(a for a in args if a is not type(None))
            inner = self.union_ref(present)
            if inner is None and len(present) == 1:
                inner = self.type_schema(next(iter(present)))
            if inner is None:
                msg = f"no JSON Schema for the union {hint!r}"
                raise TypeError(msg)
            return {"anyOf": [inner, {"type": "null"}]} if len(present) < len(args) else inner
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is Mapping and len(args) == 2 and args[0] is str:
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            if hint.__name__ not in self.defs:
                self.defs[hint.__name__] = {
                    "type": "string",
                    "enum": [x.value for x in hint],
                    "description": _summary(hint),
                }
            return _ref(hint.__name__)
        if isinstance(hint, type) and attrs.has(hint):
            return self.class_ref(hint)
        msg = f"no JSON Schema for {hint!r}"
        raise TypeError(msg)


def _validators(validator: Any) -> list[Any]:
    if validator is None:
        return []
    inner = getattr(validator, "_validators", None)  # attrs.validators.and_()
    if inner is not None:
        return [x for v in inner for x in _validators(v)]
    return [validator]


_BOUNDS = {">=": "minimum", ">": "exclusiveMinimum", "<=": "maximum", "<": "exclusiveMaximum"}


def _constrain(schema: dict[str, Any], validator: Any) -> dict[str, Any]:
    """Narrow *schema* with what a simple attrs validator says."""
    if "anyOf" in schema and schema["anyOf"][-1] == {"type": "null"}:
        return {"anyOf": [_constrain(schema["anyOf"][0], validator), {"type": "null"}]}
    if validator is check_id and schema == {"type": "string"}:
        return _ref("Id")
    options = getattr(validator, "options", None)  # attrs.validators.in_()
    if options is not None and schema == {"type": "string"}:
        return {"type": "string", "enum": list(options)}
    op = getattr(validator, "compare_op", None)  # attrs.validators.ge() and friends
    if op in _BOUNDS and schema.get("type") == "integer":
        return {**schema, _BOUNDS[op]: validator.bound}
    return schema


def json_schema(document: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a document type.

    The schema is generated from the model each time; the caller owns the
    returned dictionary. Exact numbers are integers or texts ("7.5", "1/3",
    "80%"), dates are ISO texts, unknown keys are refused, and a target,
    condition or scoring method is chosen by its ``kind``.

    Args:
        document: ``"campaign"``, ``"results"`` or ``"history"``.

    Returns:
        The schema, as plain data ready for :func:`json.dumps`.

    Raises:
        ValueError: for an unknown document type.

    >>> schema = json_schema("results")
    >>> schema["properties"]["document"], schema["required"][:3]
    ({'const': 'results'}, ['schema_version', 'document', 'campaign'])
    >>> sorted(json_schema("campaign")["$defs"]["Target"]["oneOf"][0])
    ['$ref']

    .. versionadded:: 0.1.0
    """
    cl = DOCUMENT_TYPES.get(document) if isinstance(document, str) else None
    if cl is None:
        msg = f"unknown document type {document!r}; expected one of {', '.join(DOCUMENT_TYPES)}"
        raise ValueError(msg)
    builder = _Builder()
    body = builder.class_schema(cl)
    return {
        "$schema": DIALECT,
        "title": f"thidua {document} document (schema_version {SCHEMA_VERSION})",
        "description": body["description"],
        "type": "object",
        "properties": {
            "schema_version": {
                "const": SCHEMA_VERSION,
                "description": "The version of the document format.",
            },
            "document": {"const": document},
            **body["properties"],
        },
        "required": ["schema_version", "document", *body.get("required", [])],
        "additionalProperties": False,
        "$defs": _used(body, builder.defs),
    }


def _used(root: Any, defs: Mapping[str, Any]) -> dict[str, Any]:
    """The definitions reachable from *root*, sorted by name."""
    seen: set[str] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and (name := ref.removeprefix("#/$defs/")) not in seen:
                seen.add(name)
                todo.append(defs[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return {name: defs[name] for name in sorted(seen)}
