"""Changes to a campaign or a result set, each addressed by a path: what what-if and sweeps vary.

A path names a value the way the document's file does, with the items of a
list chosen by their id (or by their position, ``[0]``)::

    targets.bctmt-good.at_least                      # a target, wherever its agreement puts it
    awards.giay-khen.quota.share                     # an award's quota
    scales.thang-mttq-xa.bands.htxs.min              # a band edge (bands are chosen by grade)
    scales.thang-mttq-xa.caps[0].at_most             # a cap on a grade's share
    criteria.doi-moi.points                          # a criterion, at any depth of any rubric
    agreements.giao-uoc-2022.content_areas.chat-luong.targets.new-target   # where to add one
    units.xa-van-khanh-tay.counts.hamlet.htxs        # results: counts, measures, flags, dates
    units.xa-van-khanh-tay.rating
    units.xa-van-khanh-tay.scores.tu-cham.doi-moi    # the points of a criterion at a stage

A value is written as in a file (``"75%"``, ``85``, ``{"count": 2}``) or is
a model object; ``None`` removes an item of a list (a rule removed) and an
item named by an id the list does not hold is added (a rule added). The
changed document is validated like a file: every problem is reported with
its path in the document.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, TypeAlias, TypeVar

import attrs

from thidua import model as m
from thidua._problems import Problem, shown
from thidua.errors import DataError, ModelError
from thidua.io import _codes as io_codes
from thidua.notebook import _codes as codes

__all__ = ["Path", "apply_changes", "parse_path", "real_path"]

#: A path: ``"targets.bctmt-good.at_least"``, or its parts.
Path: TypeAlias = str | Sequence[str | int]
D = TypeVar("D", m.Campaign, m.Results)

_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
#: the fields that name an item of a list, in the order they are tried
_KEY_FIELDS = ("id", "unit", "stage", "criterion", "grade", "cluster")


def parse_path(path: Path) -> tuple[str | int, ...]:
    """The parts of a path: names, and positions written ``[n]``.

    >>> parse_path("scales.thang-xa.caps[0].at_most")
    ('scales', 'thang-xa', 'caps', 0, 'at_most')
    >>> parse_path(("targets", "a.b", "at_least"))
    ('targets', 'a.b', 'at_least')
    """
    if not isinstance(path, str):
        return tuple(path)
    out: list[str | int] = []
    for index, name in _TOKEN.findall(path):
        out.append(int(index) if index else name)
    return tuple(out)


def _key_of(item: object) -> str | None:
    for name in _KEY_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return None


class _Refused(Exception):  # noqa: N818 - carries problems out of the recursion
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


@cache
def _converter() -> Any:
    """The documents' converter, built once (converters may be shared: they keep no state per call)."""
    from thidua.io import make_converter

    return make_converter()


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _args(hint: Any) -> tuple[Any, ...]:
    return typing.get_args(hint)


def _element(hint: Any) -> Any:
    """The type of the items of ``tuple[X, ...]`` (``Any`` when unknown)."""
    for arg in (hint, *_args(hint)):
        if typing.get_origin(arg) is tuple and _args(arg):
            return _args(arg)[0]
    return Any


def _inner(hint: Any) -> Any:
    """The type of the values of ``Mapping[str, X]`` (``Any`` when unknown)."""
    args = _args(hint)
    return args[1] if len(args) == 2 else Any


def _structured(hint: Any) -> bool:
    """Whether values of *hint* are model objects (built by the documents' converter from plain data)."""
    if attrs.has(hint) if isinstance(hint, type) else False:
        return True
    if typing.get_origin(hint) in (typing.Union, types.UnionType, tuple):
        return any(_structured(a) for a in _args(hint) if a is not Ellipsis)
    return False


def _is_date(hint: Any) -> bool:
    return hint is dt.date or dt.date in _args(hint)


class _Editor:
    """Applies one change to a model object, rebuilding the objects on its path."""

    def __init__(self) -> None:
        self.converter = _converter()

    def convert(self, value: object, hint: Any, loc: tuple[str | int, ...]) -> Any:
        if value is None or attrs.has(type(value)):
            return value
        if _structured(hint) and isinstance(value, Mapping | list | tuple):
            from thidua.io import structure_problems

            try:
                return self.converter.structure(value, hint)
            except Exception as exc:  # noqa: BLE001 - cattrs and the model raise several kinds
                raise _Refused([p.at(*loc) for p in structure_problems(exc)]) from None
        if _is_date(hint) and isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                from thidua.model import _codes as model_codes

                raise _Refused([model_codes.EXPECTED_DATE(loc, value=shown(value))]) from None
        return value

    def set(self, obj: Any, tokens: tuple[str | int, ...], value: object, loc: tuple[str | int, ...], hint: Any) -> Any:
        if not tokens:
            return self.convert(value, hint, loc)
        head, rest = tokens[0], tokens[1:]
        if attrs.has(type(obj)):
            return self._in_object(obj, tokens, value, loc)
        if isinstance(obj, tuple):
            return self._in_list(obj, tokens, value, loc, _element(hint))
        if isinstance(obj, Mapping) or (obj is None and typing.get_origin(_mapping_hint(hint)) is not None):
            return self._in_mapping(obj or {}, tokens, value, loc, _mapping_hint(hint))
        if obj is None and _structured(hint) and len(rest) == 0 and isinstance(head, str):
            return self.convert({head: value}, hint, loc)  # e.g. a quota where there was none
        raise _Refused([codes.NO_PARTS(loc, key=str(loc[-1]) if loc else "")])

    def _in_object(self, obj: Any, tokens: tuple[str | int, ...], value: object, loc: tuple[str | int, ...]) -> Any:
        head, rest = tokens[0], tokens[1:]
        fields = attrs.fields_dict(type(obj))
        if not isinstance(head, str) or head not in fields:
            raise _Refused([io_codes.UNKNOWN_FIELD((*loc, head), field=str(head))])
        child = getattr(obj, head)
        new = self.set(child, rest, value, (*loc, head), _hints(type(obj))[head])
        try:
            return attrs.evolve(obj, **{head: new})
        except ModelError as exc:
            # a converter's problem has no place of its own: it is the field's
            raise _Refused([p.at(*loc) if p.loc else p.at(*loc, head) for p in exc.problems]) from None
        except (TypeError, ValueError, ArithmeticError):
            raise _Refused([io_codes.INVALID_VALUE((*loc, head), value=shown(value))]) from None

    def _in_list(
        self,
        items: tuple[Any, ...],
        tokens: tuple[str | int, ...],
        value: object,
        loc: tuple[str | int, ...],
        element: Any,
    ) -> tuple[Any, ...]:
        head, rest = tokens[0], tokens[1:]
        index = _find(items, head)
        if index is None:
            if rest or value is None or isinstance(head, int):
                raise _Refused([codes.NO_ITEM((*loc, head), item=str(head))])
            return (*items, self._new_item(head, value, (*loc, len(items)), element))
        if not rest and value is None:
            return items[:index] + items[index + 1 :]
        new = self.set(items[index], rest, value, (*loc, index), element)
        return (*items[:index], new, *items[index + 1 :])

    def _new_item(self, key: str, value: object, loc: tuple[str | int, ...], element: Any) -> Any:
        if isinstance(value, Mapping):
            classes = [a for a in (element, *_args(element)) if isinstance(a, type) and attrs.has(a)]
            names = {f.name for cl in classes for f in attrs.fields(cl)}
            field = next((f for f in _KEY_FIELDS if f in names), "id")
            value = {field: key, **value}
        item = self.convert(value, element, loc)
        if _key_of(item) != key:
            raise _Refused([io_codes.INVALID_VALUE(loc, value=shown(value))])
        return item

    def _in_mapping(
        self,
        mapping: Mapping[str, Any],
        tokens: tuple[str | int, ...],
        value: object,
        loc: tuple[str | int, ...],
        hint: Any,
    ) -> dict[str, Any]:
        head, rest = tokens[0], tokens[1:]
        key = str(head)
        out = dict(mapping)
        if not rest:
            if value is None:
                out.pop(key, None)
            else:
                out[key] = self.convert(value, _inner(hint), (*loc, key))
            return out
        out[key] = self.set(mapping.get(key), rest, value, (*loc, key), _inner(hint))
        return out


def _mapping_hint(hint: Any) -> Any:
    for arg in (hint, *_args(hint)):
        origin = typing.get_origin(arg)
        if origin is not None and origin not in (tuple, typing.Union, types.UnionType) and len(_args(arg)) == 2:
            return arg
    return hint


def _find(items: tuple[Any, ...], head: str | int) -> int | None:
    if isinstance(head, int):
        return head if 0 <= head < len(items) else None
    for i, item in enumerate(items):
        if _key_of(item) == head:
            return i
    if head.isdigit() and int(head) < len(items):
        return int(head)
    return None


def _target_path(campaign: m.Campaign, target: str) -> tuple[str | int, ...] | None:
    for a, ag in enumerate(campaign.agreements):
        for c, area in enumerate(ag.content_areas):
            for t, tg in enumerate(area.targets):
                if tg.id == target:
                    return ("agreements", a, "content_areas", c, "targets", t)
    return None


def _criterion_path(campaign: m.Campaign, criterion: str) -> tuple[str | int, ...] | None:
    def walk(items: tuple[m.Criterion, ...], prefix: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
        for i, c in enumerate(items):
            if c.id == criterion:
                return (*prefix, i)
            found = walk(c.children, (*prefix, i, "children"))
            if found is not None:
                return found
        return None

    for r, rubric in enumerate(campaign.rubrics):
        found = walk(rubric.criteria, ("rubrics", r, "criteria"))
        if found is not None:
            return found
    return None


def _join_id(tokens: tuple[str | int, ...], known: set[str]) -> tuple[str, tuple[str | int, ...]]:
    """The longest run of tokens, joined by dots, that is a known id (ids may hold dots)."""
    for n in range(len(tokens), 0, -1):
        head = tokens[:n]
        if all(isinstance(x, str) for x in head):
            joined = ".".join(str(x) for x in head)
            if joined in known:
                return joined, tokens[n:]
    return str(tokens[0]), tokens[1:]


def real_path(document: m.Campaign | m.Results, path: Path) -> tuple[str | int, ...]:
    """The path with its shortcuts written out as positions in the document.

    ``targets.ID`` and ``criteria.ID`` of a campaign, and ``units.ID.scores.STAGE.CRITERION`` of a
    result set, become the path of the item in its document.

    Raises:
        DataError: when the path is empty or names a target or criterion the campaign lacks.

    >>> import thidua
    >>> real_path(thidua.examples.load_campaign(), "targets.bctmt-good.at_least")
    ('agreements', 0, 'content_areas', 7, 'targets', 0, 'at_least')
    """
    tokens = parse_path(path)
    if not tokens:
        raise DataError(codes.EMPTY_PATH())
    head = tokens[0]
    if isinstance(document, m.Campaign) and head == "targets" and len(tokens) > 1:
        target, rest = _join_id(tokens[1:], {t.id for t in document.targets()})
        found = _target_path(document, target)
        if found is None:
            from thidua import _codes as top_codes

            raise DataError(top_codes.NO_SUCH_TARGET(("targets", target), target=target))
        return (*found, *rest)
    if isinstance(document, m.Campaign) and head == "criteria" and len(tokens) > 1:
        ids = {c.id for r in document.rubrics for c in r.walk()}
        criterion, rest = _join_id(tokens[1:], ids)
        found = _criterion_path(document, criterion)
        if found is None:
            raise DataError(codes.NO_SUCH_CRITERION(("criteria", criterion), criterion=criterion))
        return (*found, *rest)
    if isinstance(document, m.Results) and head == "units" and len(tokens) >= 5 and tokens[2] == "scores":
        unit, stage, name, more = tokens[1], tokens[3], tokens[4], tokens[5:]
        return ("units", unit, "assessments", stage, "scores", name, *(more or ("points",)))
    return tokens


def _scores_value(
    results: m.Results, tokens: tuple[str | int, ...], value: object
) -> tuple[tuple[str | int, ...], object]:
    """A change of a score at a stage, written as a whole assessment or entry when it does not exist yet."""
    if len(tokens) < 7 or tokens[2] != "assessments" or tokens[4] != "scores":
        return tokens, value
    unit, stage, criterion = tokens[1], tokens[3], tokens[5]
    row = next((r for r in results.units if r.unit == unit), None)
    if row is None:
        return tokens, value
    assessment = next((a for a in row.assessments if a.stage == stage), None)
    if assessment is None:
        entry = {"criterion": criterion, str(tokens[6]): value}
        return tokens[:4], {"scores": [entry]}
    if all(s.criterion != criterion for s in assessment.scores):
        return tokens[:6], {str(tokens[6]): value}
    return tokens, value


def apply_changes(document: D, changes: Mapping[Path, object], *, campaign: m.Campaign | None = None) -> D:
    """A copy of a campaign or a result set with *changes* applied, validated like its file.

    Args:
        document: a :class:`~thidua.model.Campaign` or :class:`~thidua.model.Results`.
        changes: new values by path (see the module's documentation).
        campaign: for a result set, the campaign it is validated against.

    Raises:
        DataError: listing every problem, each with its path in the document.

    >>> import thidua
    >>> c = apply_changes(thidua.examples.load_campaign(), {"targets.bctmt-good.at_least": "75%"})
    >>> c.targets()[1].at_least
    Fraction(3, 4)
    >>> try:
    ...     apply_changes(c, {"targets.bctmt-good.at_least": "175%"})
    ... except DataError as exc:
    ...     print([(p.path, p.code) for p in exc.problems])
    [('agreements[0].content_areas[7].targets[0].at_least', 'share-out-of-range')]

    .. versionadded:: 0.1.0
    """
    editor = _Editor()
    problems: list[Problem] = []
    out = document
    for path, given in changes.items():
        try:
            tokens, value = real_path(out, path), given
            if isinstance(out, m.Results):
                tokens, value = _scores_value(out, tokens, value)
            out = editor.set(out, tokens, value, (), type(out))
        except DataError as exc:
            problems.extend(exc.problems)
        except _Refused as exc:
            problems.extend(exc.problems)
    if not problems:
        problems = _validate(out, document, campaign)
    if any(p.is_error for p in problems):
        raise DataError(problems)
    return out


def _validate(new: Any, old: Any, campaign: m.Campaign | None) -> list[Problem]:
    if isinstance(new, m.Campaign):
        return m.validate_campaign(new)
    if isinstance(new, m.Results) and campaign is not None:
        before = {id(r) for r in old.units}
        changed = [(i, r) for i, r in enumerate(new.units) if id(r) not in before]
        if not changed:
            return []
        part = attrs.evolve(new, units=tuple(r for _, r in changed))
        found = m.validate_results(campaign, part)
        return [
            attrs.evolve(p, loc=("units", changed[p.loc[1]][0], *p.loc[2:]))
            if len(p.loc) >= 2 and p.loc[0] == "units" and isinstance(p.loc[1], int)
            else p
            for p in found
        ]
    return []
