"""One pass over a refused document: every problem of types, of objects and of references, together.

The loader structures a document with cattrs, which is fast and stops at
nothing it can read. When that fails, this module reads the same data again,
slowly and field by field, to report everything at once:

* each field of each object is structured and converted on its own, so that
  a float in one field and a negative count in another are both reported;
* an element of a list that cannot be read is left out (and remembered), so
  that the rest of the document still becomes objects;
* the campaign's validation then runs over what could be read, and its
  problems are mapped back to the places of the document: indexes of lists
  that lost elements are restored, and problems that only follow from a left
  out element (a reference to its id, a total that misses it) are dropped.

Only the error path comes here; a valid document never pays for it.
"""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import cattrs

from thidua import model as m
from thidua._problems import Loc, Problem, shown
from thidua.errors import DataError
from thidua.io import _codes as io_codes
from thidua.io._converter import CONDITION_KINDS, METHOD_KINDS, TARGET_KINDS, structure_problems
from thidua.model import _codes as model_codes

__all__ = ["Diagnosis", "diagnose", "problem_order"]

_UNIONS: dict[Any, Mapping[type, str]] = {m.Target: TARGET_KINDS, m.Condition: CONDITION_KINDS, m.Method: METHOD_KINDS}
_FAIL = object()
#: problems about a list as a whole, reported at one of its elements
_AGGREGATE = frozenset({"band-overlap", "band-gap", "band-twice", "band-none", "points-sum", "children-sum"})
#: the fields whose value names an element of a list (what other parts refer to)
_ID_FIELDS = ("id", "unit")


@functools.cache
def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    attrs.resolve_types(cls)
    return tuple(f for f in attrs.fields(cls) if f.init)


@attrs.define
class Diagnosis:
    """What a slow second reading of a document found.

    Attributes:
        value: the object built from what could be read, or ``None``.
        problems: every problem of types and objects, at its place in the document.
        kept: for each list that lost elements (by its location), the
            document index of each element kept, in order.
        dropped: the locations of the elements left out.
        dropped_ids: the ids (``id`` or ``unit``) of the elements left out.
    """

    value: Any = None
    problems: list[Problem] = attrs.Factory(list)
    kept: dict[Loc, list[int]] = attrs.Factory(dict)
    dropped: list[Loc] = attrs.Factory(list)
    dropped_ids: set[str] = attrs.Factory(set)
    #: entries left out of results rows read in part: (the row's location, the entry's within it)
    partial: list[tuple[Loc, Loc]] = attrs.Factory(list)

    def restore(self, problems: Iterable[Problem]) -> list[Problem]:
        """Map problems found on the object back to the document: indexes restored, consequences dropped.

        A problem is dropped when it refers to the id of a left-out element,
        or when it is about an object that lost an element, or about the list
        that lost it (its totals and its bands are incomplete).
        """
        out = []
        lists = {loc[:-1] for loc in self.dropped if loc}
        owners = {loc[:-1] for loc in lists}
        # a row read in part: an entry left out is not missing too, and the mappings that lost one are
        # not checked as wholes (their totals miss it); references to unknown ids are still reported
        left_out = {(*row, *rel) for row, rel in self.partial}
        partial_owners = {(*row, *rel[:i]) for row, rel in self.partial for i in range(1, len(rel))}
        for p in problems:
            loc = self._document_loc(p.loc)
            if loc in owners or loc in lists:
                continue  # e.g. the points of a group that lost a criterion, a scale that lost its grades
            if loc in left_out or (loc in partial_owners and not p.code.startswith("unknown-")):
                continue
            if p.code in _AGGREGATE and any(loc[: len(lst)] == lst for lst in lists):
                continue  # e.g. a gap between bands where a band was left out
            if p.code.startswith("unknown-") and any(
                isinstance(v, str) and v in self.dropped_ids for v in p.params.values()
            ):
                continue
            out.append(p if loc == p.loc else attrs.evolve(p, loc=loc))
        return out

    def _document_loc(self, loc: Loc) -> Loc:
        out: list[str | int] = []
        for part in loc:
            if isinstance(part, int):
                kept = self.kept.get(tuple(out))
                if kept is not None and part < len(kept):
                    part = kept[part]  # noqa: PLW2901 - the index in the document
            out.append(part)
        return tuple(out)


def _ids_within(value: Any) -> set[str]:
    """Every id (``id`` or ``unit`` field) in a left-out element, nested ones included.

    A content area inside a left-out agreement is gone too: references to it
    are consequences, not problems of their own.
    """
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            found.update(item[k] for k in _ID_FIELDS if isinstance(item.get(k), str) and item[k])
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


class _Reader:
    def __init__(self, converter: cattrs.Converter) -> None:
        self.c = converter
        self.d = Diagnosis()

    def add(self, problems: Iterable[Problem]) -> None:
        self.d.problems.extend(problems)

    def value(self, value: Any, t: Any, loc: Loc) -> Any:
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if t in _UNIONS:
            return self.union(value, t, loc)
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)) and type(None) in args:
            inner = [a for a in args if a is not type(None)]
            if value is None:
                return None
            if len(inner) == 1:
                return self.value(value, inner[0], loc)
        if isinstance(t, type) and attrs.has(t):
            return self.obj(value, t, loc)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return self.sequence(value, args[0], loc)
        try:
            return self.c.structure(value, t)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a problem at its place
            self.add(p.at(*loc) for p in structure_problems(exc))
            return _FAIL

    def union(self, value: Any, union: Any, loc: Loc) -> Any:
        kinds = _UNIONS[union]
        by_tag = {tag: cl for cl, tag in kinds.items()}
        allowed = ", ".join(sorted(by_tag))
        if not isinstance(value, Mapping):
            self.add([model_codes.EXPECTED_MAPPING(loc, value=shown(value))])
            return _FAIL
        tag = value.get("kind")
        if tag is None:
            self.add([io_codes.KIND_MISSING((*loc, "kind"), allowed=allowed)])
            return _FAIL
        if not isinstance(tag, str) or tag not in by_tag:
            self.add([io_codes.UNKNOWN_KIND((*loc, "kind"), value=shown(tag), allowed=allowed)])
            return _FAIL
        return self.obj({k: v for k, v in value.items() if k != "kind"}, by_tag[tag], loc)

    def sequence(self, value: Any, item: Any, loc: Loc) -> Any:
        if not isinstance(value, list | tuple):
            self.add([model_codes.EXPECTED_LIST(loc, value=shown(value))])
            return _FAIL
        out = []
        kept = []
        for i, element in enumerate(value):
            got = self.value(element, item, (*loc, i))
            if got is _FAIL:
                self.d.dropped.append((*loc, i))
                self.d.dropped_ids.update(_ids_within(element))
                continue
            out.append(got)
            kept.append(i)
        if len(kept) != len(value):
            self.d.kept[loc] = kept
        return tuple(out)

    def obj(self, value: Any, cls: type, loc: Loc) -> Any:
        if not isinstance(value, Mapping):
            self.add([model_codes.EXPECTED_MAPPING(loc, value=shown(value))])
            return _FAIL
        fields = _fields(cls)
        names = {f.name for f in fields}
        self.add(io_codes.UNKNOWN_FIELD((*loc, str(k)), field=str(k)) for k in value if k not in names)
        failed = any(k not in names for k in value)
        dropped_before = len(self.d.dropped)
        kwargs: dict[str, Any] = {}
        for f in fields:
            if f.name not in value:
                if f.default is attrs.NOTHING:
                    self.add([io_codes.REQUIRED_FIELD((*loc, f.name))])
                    failed = True
                continue
            got = self.value(value[f.name], f.type, (*loc, f.name))
            if got is _FAIL:
                failed = True
                continue
            converter: Any = f.converter
            if callable(converter):
                try:
                    got = converter(got)
                except DataError as exc:
                    self.add(p.at(*loc, f.name) if not p.loc else p.at(*loc) for p in exc.problems)
                    failed = True
                    continue
                except (ValueError, TypeError):
                    where, raw = (*loc, f.name), shown(value[f.name])
                    if isinstance(converter, type) and issubclass(converter, enum.Enum):
                        allowed = ", ".join(repr(x.value) for x in converter)
                        self.add([model_codes.NOT_ONE_OF(where, value=raw, allowed=allowed)])
                    else:
                        self.add([io_codes.INVALID_VALUE(where, value=raw)])
                    failed = True
                    continue
            kwargs[f.name] = got
        for f in fields:
            if f.validator is not None and f.name in kwargs:
                try:
                    f.validator(None, f, kwargs[f.name])
                except DataError as exc:
                    self.add(p.at(*loc) for p in exc.problems)
                    failed = True
                except Exception:  # noqa: BLE001, S110 - a validator that needs the object: the constructor runs it
                    pass
        if failed:
            if cls is m.UnitResult and loc and isinstance(value, Mapping):
                # a results row: made of what can be read, so that its unit, its grades and the rest
                # are still checked against the campaign in the same pass
                from thidua.io._rows import _readable_part

                part, pruned = _readable_part(value)
                if part is not None:
                    # in a stable order (a set's order changes with the run's hash seed)
                    self.d.partial.extend((loc, rel) for rel in sorted(pruned, key=lambda r: tuple(map(str, r))))
                    return part
            return _FAIL
        try:
            return cls(**kwargs)
        except DataError as exc:
            if len(self.d.dropped) == dropped_before:  # not a consequence of a left-out element
                self.add(p.at(*loc) for p in exc.problems)
            return _FAIL


def diagnose(data: Any, cls: type, converter: cattrs.Converter) -> Diagnosis:
    """Read *data* as *cls* field by field, reporting every problem and keeping what can be read.

    >>> from thidua.io._converter import make_converter
    >>> d = diagnose({"campaign": "c", "year": 2022, "units": [
    ...     {"unit": "xa-a", "measures": {"fund": 1.5}, "counts": {"hamlet": {"htt": -1}}},
    ...     {"unit": "xa-b"}]}, m.Results, make_converter())
    >>> [(p.path, p.code) for p in d.problems]
    [('units[0].counts.hamlet.htt', 'expected-count'), ('units[0].measures.fund', 'float-not-allowed')]
    >>> [r.unit for r in d.value.units], d.kept, d.partial
    (['xa-a', 'xa-b'], {}, [(('units', 0), ('counts', 'hamlet', 'htt')), (('units', 0), ('measures', 'fund'))])

    .. versionadded:: 0.1.0
    """
    reader = _Reader(converter)
    got = reader.obj(data, cls, ())
    reader.d.value = None if got is _FAIL else got
    reader.d.problems.sort(key=problem_order)
    return reader.d


def problem_order(p: Problem) -> tuple[tuple[tuple[int, int | str], ...], str]:
    """Sort key: problems in the order of their places in the document, then by code."""
    return tuple((0, x) if isinstance(x, int) else (1, x) for x in p.loc), p.code
