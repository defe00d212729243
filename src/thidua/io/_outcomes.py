"""Evaluation outcomes as plain, JSON-ready data, and back (a configured cattrs converter).

Every outcome the engine returns (an :class:`~thidua.Evaluation`, a unit's,
a target's, a cluster's evaluation, a ranking, an award, a conflict, a trace
step, a :class:`~thidua.engine.Update`...) becomes a dict of JSON types and
comes back equal. The mapping is driven by the classes themselves: each attrs
field is written under its public name, with a form chosen by its type, so a
field added to an outcome class is written and read at once.

* Exact numbers are texts: ``"8"``, ``"89.9999999"``, ``"1/3"`` (never a binary
  float); whole numbers declared ``int`` (ranks) are JSON integers.
* Dates are ISO texts, enumerations their values, tuples lists.
* A value whose type is open (the arguments of a trace step or of a conflict)
  is a JSON string, boolean or null as it is, a number ``{"number": "7.5"}``,
  a date ``{"date": "2022-11-18"}``, a list of such values.
* Nothing private is written (look-up indexes, the functions behind lazily
  built traces: those are built and written).

The layout is documented in ``docs/outcomes-json.md``;
:data:`OUTCOME_SCHEMA_VERSION` changes when it does.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from thidua import engine
from thidua._problems import Problem
from thidua.errors import DataError, shown
from thidua.io import _codes as io_codes
from thidua.io._converter import number_text, structure_problems
from thidua.io._schema import _used
from thidua.model import _codes as model_codes

__all__ = [
    "OUTCOME_SCHEMA_VERSION",
    "OUTCOME_TYPES",
    "configure_outcome_converter",
    "from_data",
    "make_outcome_converter",
    "outcome_schema",
    "to_data",
]

#: The version of the outcome layout written by this release.
OUTCOME_SCHEMA_VERSION = 1


def _outcome_types(*roots: type) -> dict[str, type]:
    """The attrs classes that *roots* are made of (their fields' types, all the way down), by name."""
    found: dict[str, type] = {}
    todo: list[Any] = list(roots)
    while todo:
        t = todo.pop()
        if isinstance(t, type) and attrs.has(t):
            if t.__name__ in found:
                continue
            found[t.__name__] = t
            hints = typing.get_type_hints(t)
            todo.extend(hints[f.name] for f in attrs.fields(t) if f.init)
        else:
            todo.extend(typing.get_args(t))
    return dict(sorted(found.items()))


#: The outcome classes by the name written in ``"outcome"``: an evaluation, an update, and every class
#: they are made of (found from their fields' types).
OUTCOME_TYPES: Mapping[str, type] = _outcome_types(engine.Evaluation, engine.Update)

_EXACT = re.compile(r"^-?\d{1,400}(?:\.\d{1,400})?$|^-?\d{1,400}/\d{1,400}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@functools.lru_cache(maxsize=1 << 16)
def _number_text(value: Fraction | int) -> str:
    # the same few numbers (points, maxima, counts) come again and again in a unit's outcomes
    return number_text(Fraction(value))


def _exact(value: Any) -> Fraction:
    if type(value) is str and _EXACT.match(value) and not value.endswith("/0"):
        return Fraction(value)
    if type(value) is int:
        return Fraction(value)
    raise DataError(model_codes.EXPECTED_NUMBER(value=_shown(value)))


def _shown(value: Any) -> str:
    return shown(value)


def _whole(value: Any, _t: Any = int) -> int:
    if type(value) is not int:
        raise DataError(model_codes.EXPECTED_WHOLE(value=_shown(value)))
    return value


def _text(value: Any, _t: Any = str) -> str:
    if type(value) is not str:
        raise DataError(model_codes.EXPECTED_TEXT(value=_shown(value)))
    return value


def _flag(value: Any, _t: Any = bool) -> bool:
    if type(value) is not bool:
        raise DataError(model_codes.EXPECTED_BOOL(value=_shown(value)))
    return value


def _date(value: Any, _t: Any = dt.date) -> dt.date:
    if type(value) is str and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise DataError(model_codes.EXPECTED_DATE(value=_shown(value)))


def _members(t: Any) -> tuple[Any, ...] | None:
    """The members of a union type, less ``None`` and the functions of lazy fields; ``None`` if *t* is no union."""
    if typing.get_origin(t) not in (typing.Union, types.UnionType):
        return None
    return tuple(a for a in typing.get_args(t) if a is not type(None) and typing.get_origin(a) is not Callable)


def _is_open(members: tuple[Any, ...]) -> bool:
    """Whether a union mixes texts with numbers or dates: its values are written tagged."""
    return str in members and any(a in members for a in (Fraction, int, dt.date))


# -- values of open type (trace and conflict arguments) ----------------------------------------------------


def _open_out(value: Any) -> Any:
    if value is None or type(value) is str or type(value) is bool:
        return value
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        return {"number": _number_text(value)}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date": value.isoformat()}
    if isinstance(value, enum.Enum):
        return _open_out(value.value)
    if isinstance(value, tuple | list):
        return [_open_out(v) for v in value]
    msg = f"cannot write a {type(value).__name__} in an outcome"
    raise TypeError(msg)


def _open_in(value: Any) -> Any:
    if value is None or type(value) is str or type(value) is bool:
        return value
    if type(value) is list:
        return tuple(_open_in(v) for v in value)
    if type(value) is dict and len(value) == 1:
        if "number" in value:
            number = _exact(value["number"])
            return number.numerator if number.denominator == 1 and "/" not in value["number"] else number
        if "date" in value:
            return _date(value["date"])
    raise DataError(io_codes.INVALID_VALUE(value=_shown(value)))


# -- the converter --------------------------------------------------------------------------------------


def _union_hooks(c: cattrs.Converter, t: Any) -> tuple[Callable[[Any], Any], Callable[[Any, Any], Any]]:
    members = _members(t) or ()
    optional = type(None) in typing.get_args(t)
    if _is_open(members):
        return _open_out, lambda value, _t: _open_in(value)
    numbers = Fraction in members or int in members
    single = members[0] if len(members) == 1 else None

    def out(value: Any) -> Any:
        if value is None:
            return None
        if callable(value) and not isinstance(value, type):
            value = value()  # a lazy field: the value it stands for
        if numbers and isinstance(value, Fraction | int) and not isinstance(value, bool):
            return _number_text(value) if Fraction in members else value
        return c.unstructure(value, single if single is not None else type(value))

    def into(value: Any, _t: Any) -> Any:
        if value is None:
            if optional:
                return None
            raise DataError(io_codes.REQUIRED_FIELD())
        if single is not None:
            return c.structure(value, single)
        if dt.date in members and type(value) is str and _ISO_DATE.match(value):
            return _date(value)
        if numbers and type(value) is int:
            return value if int in members else Fraction(value)
        if numbers and type(value) is str:
            number = _exact(value)
            if int in members and number.denominator == 1 and "/" not in value:
                return number.numerator
            if Fraction not in members:
                raise DataError(model_codes.EXPECTED_WHOLE(value=_shown(value)))
            return number
        raise DataError(io_codes.INVALID_VALUE(value=_shown(value)))

    return out, into


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def _structure_enum(value: Any, t: type[enum.Enum]) -> enum.Enum:
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(repr(x.value) for x in t)
        raise DataError(model_codes.NOT_ONE_OF(value=_shown(value), allowed=allowed)) from None


def _structure_fraction(value: Any, _t: Any) -> Fraction:
    return _exact(value)


def configure_outcome_converter(c: cattrs.Converter) -> None:
    """Add the hooks for outcomes to *c* (see :func:`make_outcome_converter`), e.g. to add hooks of one's own.

    >>> import cattrs
    >>> from thidua.engine import RankEntry
    >>> c = cattrs.Converter(forbid_extra_keys=True, use_alias=True)
    >>> configure_outcome_converter(c)
    >>> c.unstructure(RankEntry("xa-a", 2, Fraction(899, 10), "htt"))
    {'unit': 'xa-a', 'rank': 2, 'score': '89.9', 'grade': 'htt', 'keys': []}

    .. versionadded:: 0.1.0
    """
    c.register_unstructure_hook(Fraction, _number_text)
    c.register_structure_hook(Fraction, _structure_fraction)
    c.register_structure_hook(int, _whole)
    c.register_structure_hook(bool, _flag)
    c.register_structure_hook(str, _text)
    c.register_unstructure_hook(dt.date, dt.date.isoformat)
    c.register_structure_hook(dt.date, _date)
    for kind in (enum.Enum, enum.StrEnum, enum.IntEnum):  # before str and int, which they also are
        c.register_unstructure_hook(kind, _enum_value)
        c.register_structure_hook(kind, _structure_enum)

    def enum_fields(cl: type) -> list[str]:
        """A class's enum fields: cattrs would treat a ``(str, Enum)`` as a str."""
        hints = typing.get_type_hints(cl)
        return [
            f.name for f in attrs.fields(cl) if isinstance(hints[f.name], type) and issubclass(hints[f.name], enum.Enum)
        ]

    def attrs_unstructure(cl: type) -> Callable[[Any], dict[str, Any]]:
        overrides: dict[str, Any] = {name: override(unstruct_hook=_enum_value) for name in enum_fields(cl)}
        return make_dict_unstructure_fn(cl, c, **overrides)

    def attrs_structure(cl: type) -> Callable[[Any, Any], Any]:
        overrides: dict[str, Any] = {name: override(struct_hook=_structure_enum) for name in enum_fields(cl)}
        return make_dict_structure_fn(cl, c, **overrides)

    c.register_unstructure_hook_factory(attrs.has, attrs_unstructure)
    c.register_structure_hook_factory(attrs.has, attrs_structure)
    c.register_unstructure_hook_factory(lambda t: _members(t) is not None, lambda t: _union_hooks(c, t)[0])
    c.register_structure_hook_factory(lambda t: _members(t) is not None, lambda t: _union_hooks(c, t)[1])

    def is_mapping(t: Any) -> bool:
        return typing.get_origin(t) in (Mapping, dict) and typing.get_args(t)[:1] == (str,)

    def mapping_out(t: Any) -> Callable[[Any], Any]:
        value_type = typing.get_args(t)[1]
        return lambda value: {str(k): c.unstructure(v, value_type) for k, v in value.items()}

    def mapping_in(t: Any) -> Callable[[Any, Any], Any]:
        value_type = typing.get_args(t)[1]

        def into(value: Any, _t: Any) -> dict[str, Any]:
            if type(value) is not dict:
                raise DataError(model_codes.EXPECTED_MAPPING(value=_shown(value)))
            out: dict[str, Any] = {}
            problems: list[Problem] = []
            for k, v in value.items():
                try:
                    out[_text(k)] = c.structure(v, value_type)
                except Exception as exc:  # noqa: BLE001 - every problem, each at its key
                    problems.extend(p.at(str(k)) for p in structure_problems(exc))
            if problems:
                raise DataError(problems)
            return out

        return into

    c.register_unstructure_hook_factory(is_mapping, mapping_out)
    c.register_structure_hook_factory(is_mapping, mapping_in)


@functools.cache
def make_outcome_converter() -> cattrs.Converter:
    """The converter between outcomes and plain data (made once; it may be shared between threads).

    Each attrs class is written field by field under the fields' public names
    (``trace``, not the private ``_trace``), with only the fields its
    constructor takes; unknown keys are refused when reading.

    >>> from thidua.engine import Step
    >>> make_outcome_converter().unstructure(Step("share", {"numerator": 8, "level": "hamlet"}))
    {'code': 'share', 'args': {'numerator': {'number': '8'}, 'level': 'hamlet'}}

    .. versionadded:: 0.1.0
    """
    c = cattrs.Converter(forbid_extra_keys=True, use_alias=True)
    configure_outcome_converter(c)
    return c


def _name_of(obj: object) -> str:
    name = type(obj).__name__
    if OUTCOME_TYPES.get(name) is not type(obj):
        msg = f"{name} is not an outcome; expected one of {', '.join(OUTCOME_TYPES)}"
        raise TypeError(msg)
    return name


def to_data(outcome: object) -> dict[str, Any]:
    """An outcome as plain JSON-ready data, tagged with its kind and the layout's version.

    Args:
        outcome: an instance of any class in :data:`OUTCOME_TYPES` (an
            :class:`~thidua.Evaluation`, a :class:`~thidua.engine.UnitEvaluation`,
            a :class:`~thidua.engine.Ranking`, an :class:`~thidua.engine.Update`...).

    Returns:
        ``{"outcome": <class name>, "outcome_schema_version": 1, <fields>...}``,
        ready for :func:`json.dumps`; exact numbers are texts.

    Raises:
        TypeError: for anything that is not an outcome.

    >>> import json, thidua
    >>> ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    >>> data = to_data(ev.target("xa-van-khanh-tay", "bctmt-good"))
    >>> data["outcome"], data["numerator"], data["denominator"], data["share"], data["status"]
    ('TargetOutcome', '8', '10', '0.8', 'met')
    >>> data["trace"][1]["args"]["numerator"]
    {'number': '8'}
    >>> from_data(json.loads(json.dumps(data))) == ev.target("xa-van-khanh-tay", "bctmt-good")
    True

    .. versionadded:: 0.1.0
    """
    name = _name_of(outcome)
    body = make_outcome_converter().unstructure(outcome, type(outcome))
    return {"outcome": name, "outcome_schema_version": OUTCOME_SCHEMA_VERSION, **body}


def from_data(data: Any, expected: type | None = None) -> Any:
    """Read an outcome written by :func:`to_data` back; it equals the one written.

    Args:
        data: the plain data (parsed JSON).
        expected: the outcome class required, if any.

    Raises:
        DataError: listing every problem with its path, e.g. a float where an
            exact number was expected, an unknown key, the wrong kind of outcome.

    >>> from thidua.engine import Step
    >>> from_data({"outcome": "Step", "outcome_schema_version": 1, "code": "count",
    ...            "args": {"value": {"number": "7.5"}, "measure": "models"}})
    Step(code='count', args={'value': Fraction(15, 2), 'measure': 'models'})
    >>> from_data({"outcome": "Step", "outcome_schema_version": 1, "code": 3})
    Traceback (most recent call last):
    ...
    thidua.errors.DataError: 1 vấn đề:
      code: phải là văn bản, nhưng ghi 3

    .. versionadded:: 0.1.0
    """
    if not isinstance(data, Mapping):
        raise DataError(io_codes.TOP_NOT_MAPPING(value=_shown(data)))
    problems: list[Problem] = []
    version = data.get("outcome_schema_version")
    if version is None:
        problems.append(io_codes.REQUIRED_FIELD(("outcome_schema_version",)))
    elif type(version) is not int or version != OUTCOME_SCHEMA_VERSION:
        problems.append(
            io_codes.UNSUPPORTED_SCHEMA(
                ("outcome_schema_version",), value=_shown(version), supported=OUTCOME_SCHEMA_VERSION
            )
        )
    name = data.get("outcome")
    cls = OUTCOME_TYPES.get(name) if isinstance(name, str) else None
    if cls is None or (expected is not None and cls is not expected):
        allowed = expected.__name__ if expected is not None else ", ".join(OUTCOME_TYPES)
        problems.append(io_codes.UNKNOWN_DOCUMENT(("outcome",), allowed=allowed, value=_shown(name)))
    if problems or cls is None:
        raise DataError(problems)
    body = {k: v for k, v in data.items() if k not in ("outcome", "outcome_schema_version")}
    try:
        return make_outcome_converter().structure(body, cls)
    except Exception as exc:  # noqa: BLE001 - every problem, each at its place
        raise DataError(structure_problems(exc)) from None


# -- JSON Schema ---------------------------------------------------------------------------------------

#: the same definition as in the documents' schemas (thidua.io.json_schema)
_DATE_DEF: Mapping[str, Any] = {
    "type": "string",
    "format": "date",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "description": "A calendar date in ISO form, e.g. 2022-04-13.",
}
_OUTCOME_DEFS: Mapping[str, Mapping[str, Any]] = {
    "ExactNumber": {
        "type": "string",
        "pattern": _EXACT.pattern,
        "description": "An exact number as text: a decimal ('89.9999999') or a fraction ('1/3'). Never a float.",
    },
    "Date": _DATE_DEF,
    "OpenValue": {
        "description": (
            "An argument of a trace step or a conflict: a text, a boolean or null as it is, a number as "
            "{'number': <exact text>}, a date as {'date': <ISO date>}, or a list of such values."
        ),
        "anyOf": [
            {"type": ["string", "boolean", "null"]},
            {
                "type": "object",
                "properties": {"number": {"$ref": "#/$defs/ExactNumber"}},
                "required": ["number"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"date": {"$ref": "#/$defs/Date"}},
                "required": ["date"],
                "additionalProperties": False,
            },
            {"type": "array", "items": {"$ref": "#/$defs/OpenValue"}},
        ],
    },
}


def _summary(cl: type) -> str:
    import inspect

    doc = inspect.getdoc(cl) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {k: dict(v) for k, v in _OUTCOME_DEFS.items()}

    def type_schema(self, t: Any) -> dict[str, Any]:
        members = _members(t)
        if members is not None:
            if _is_open(members):
                inner = {"$ref": "#/$defs/OpenValue"}
            elif Fraction in members:
                others = [a for a in members if a not in (Fraction, int)]
                inner = self.any_of([{"$ref": "#/$defs/ExactNumber"}, *[self.type_schema(a) for a in others]])
            else:
                inner = self.any_of([self.type_schema(a) for a in members])
            return self.any_of([inner, {"type": "null"}]) if type(None) in typing.get_args(t) else inner
        if t is Fraction:
            return {"$ref": "#/$defs/ExactNumber"}
        if t is dt.date:
            return {"$ref": "#/$defs/Date"}
        simple = {str: "string", int: "integer", bool: "boolean"}.get(t)
        if simple is not None:
            return {"type": simple}
        origin, args = typing.get_origin(t), typing.get_args(t)
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0]) if args and args[0] is not Any else {}}
        if origin in (Mapping, dict):
            return {"type": "object", "additionalProperties": self.type_schema(args[1])}
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [x.value for x in t]}
        if isinstance(t, type) and attrs.has(t):
            return self.class_ref(t)
        msg = f"no JSON Schema for {t!r}"
        raise TypeError(msg)

    @staticmethod
    def any_of(schemas: list[dict[str, Any]]) -> dict[str, Any]:
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}

    def class_ref(self, cl: type) -> dict[str, Any]:
        name = cl.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder, for classes that contain themselves
            self.defs[name] = self.class_schema(cl)
        return {"$ref": f"#/$defs/{name}"}

    def class_schema(self, cl: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cl)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in attrs.fields(cl):
            if not f.init:
                continue
            properties[f.alias] = self.type_schema(hints[f.name])
            if f.default is attrs.NOTHING:
                required.append(f.alias)
        return {
            "type": "object",
            "description": _summary(cl),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }


def outcome_schema(outcome: str | type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what :func:`to_data` writes for an outcome class.

    Generated from the class's fields each time (the caller owns the result).

    Args:
        outcome: a class of :data:`OUTCOME_TYPES`, or its name.

    Raises:
        ValueError: for anything else.

    >>> schema = outcome_schema("RankEntry")
    >>> schema["properties"]["outcome"], schema["properties"]["rank"], schema["properties"]["score"]
    ({'const': 'RankEntry'}, {'type': 'integer'}, {'anyOf': [{'$ref': '#/$defs/ExactNumber'}, {'type': 'null'}]})

    .. versionadded:: 0.1.0
    """
    name = outcome if isinstance(outcome, str) else getattr(outcome, "__name__", None)
    cl = OUTCOME_TYPES.get(name) if isinstance(name, str) else None
    if cl is None:
        msg = f"unknown outcome {outcome!r}; expected one of {', '.join(OUTCOME_TYPES)}"
        raise ValueError(msg)
    builder = _SchemaBuilder()
    body = builder.class_schema(cl)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"thidua {cl.__name__} (outcome_schema_version {OUTCOME_SCHEMA_VERSION})",
        "description": body["description"],
        "type": "object",
        "properties": {
            "outcome": {"const": cl.__name__},
            "outcome_schema_version": {"const": OUTCOME_SCHEMA_VERSION},
            **body["properties"],
        },
        "required": ["outcome", "outcome_schema_version", *body["required"]],
        "additionalProperties": False,
    }
    schema["$defs"] = _used(schema, builder.defs)
    return schema
