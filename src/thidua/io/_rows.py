"""One unit's results row: read from plain data, and checked against a campaign.

A web form or an API receives one commune's results at a time, as a JSON
object shaped like one element of a results document's ``units`` list. These
functions read and check that one object, with every problem located in the
row itself (``counts.hamlet.htt``, not ``units[0].counts.hamlet.htt``), so that
the problems drop into an HTTP 422 response as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from thidua import model as m
from thidua._problems import Problem
from thidua.errors import DataError
from thidua.io._converter import make_converter

if TYPE_CHECKING:
    from thidua.engine import Prepared

__all__ = ["structure_row", "validate_row"]

_CONVERTER = make_converter()


def _against(campaign: m.Campaign | Prepared, row: m.UnitResult) -> list[Problem]:
    """The problems of *row* against *campaign*, located in the row."""
    if isinstance(campaign, m.Campaign):
        c, units = campaign, None
    else:
        c, units = campaign.campaign, campaign.units
    one = m.Results(c.id, c.year, units=(row,))
    problems = m.validate_results(c, one, units=units)
    return [attrs.evolve(p, loc=p.loc[2:]) if p.loc[:2] == ("units", 0) else p for p in problems]


def _read(data: Any) -> tuple[m.UnitResult | None, list[Problem], Any]:
    """The row read from *data*, the problems of reading it, and the diagnosis (if it failed).

    When some fields cannot be read, the row is made of the others, so that
    they are still checked against the campaign; it is ``None`` only when not
    even the unit can be read.
    """
    try:
        row = _CONVERTER.structure(data, m.UnitResult)
    except Exception:  # noqa: BLE001 - read again, slowly, for every problem at once
        from thidua.io._diagnose import diagnose

        try:
            diagnosis = diagnose(data, m.UnitResult, _CONVERTER)
        except RecursionError:
            from thidua.io import _codes as io_codes

            return None, [io_codes.NESTED_TOO_DEEPLY()], None
        value = diagnosis.value
        if value is None and isinstance(data, Mapping):
            value, pruned = _readable_part(data)
            return value, list(diagnosis.problems), _Pruned(diagnosis, pruned)
        return value, list(diagnosis.problems), diagnosis
    return row, [], None


@attrs.frozen
class _Pruned:
    """A diagnosis, and the entries left out of the mappings of a row read in part."""

    diagnosis: Any
    pruned: frozenset[tuple[str | int, ...]]

    def restore(self, problems: list[Problem]) -> list[Problem]:
        """The problems found on the part read, less those about a mapping that lost an entry.

        An entry left out is not missing either: the diagnosis reported what is wrong with
        it (a count of -1 is not also a count left blank).
        """
        owners = {loc[:i] for loc in self.pruned for i in range(1, len(loc))}
        kept = [
            p for p in problems if (p.loc not in owners and p.loc not in self.pruned) or p.code.startswith("unknown-")
        ]
        return list(self.diagnosis.restore(kept))


def _readable_part(data: Mapping[str, Any]) -> tuple[m.UnitResult | None, frozenset[tuple[str | int, ...]]]:
    """The row made of what *data* holds that can be read on its own (``None`` without its unit).

    A field that cannot be read whole keeps the entries of its mappings that
    can (``counts.hamlet.htt: -1`` left out, ``counts.hamlet.zz`` still checked);
    also returns where the entries left out were.
    """
    try:
        row = _CONVERTER.structure({"unit": data.get("unit")}, m.UnitResult)
    except Exception:  # noqa: BLE001 - reported by the diagnosis
        return None, frozenset()
    kept = {}
    pruned: set[tuple[str | int, ...]] = set()
    for name, value in data.items():
        if name == "unit":
            continue

        def read(v: Any, name: str = name) -> Any:
            return getattr(_CONVERTER.structure({"unit": row.unit, name: v}, m.UnitResult), name)

        try:
            kept[name] = read(_keep(read, value, (name,), pruned))
        except Exception:  # noqa: BLE001, S112 - reported by the diagnosis; the other fields are still checked
            continue
    return attrs.evolve(row, **kept), frozenset(pruned)


def _keep(read: Any, value: Any, loc: tuple[str | int, ...], pruned: set[tuple[str | int, ...]]) -> Any:
    """*value*, or, for a mapping, the entries of it that *read* accepts (raises if *value* cannot be read)."""
    try:
        read(value)
    except Exception:
        if not isinstance(value, Mapping):
            raise
    else:
        return value
    kept = {}
    for key, v in value.items():
        try:
            kept[key] = _keep(lambda inner, key=key: read({key: inner}), v, (*loc, key), pruned)
        except Exception:  # noqa: BLE001 - reported by the diagnosis
            pruned.add((*loc, key))
    return kept


def _in_order(problems: list[Problem]) -> list[Problem]:
    from thidua.io._diagnose import problem_order  # only the error path needs it

    return sorted(problems, key=problem_order)


def validate_row(campaign: m.Campaign | Prepared, row: m.UnitResult | Mapping[str, Any]) -> list[Problem]:
    """Every problem of one unit's results row against a campaign, each located in the row.

    Types, values and references are checked in one pass: a float, a negative
    count and an unknown grade in the same row are all reported.

    Args:
        campaign: the campaign (or the prepared campaign, which is faster for many rows).
        row: a :class:`~thidua.model.UnitResult`, or plain data shaped like one
            element of a results document's ``units`` (a parsed JSON object).

    Returns:
        The problems (errors and warnings), empty when the row is valid. It
        never raises for bad data.

    >>> import thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> data = {"unit": "xa-van-khanh-tay", "measures": {"fund_raised": 0.5},
    ...         "counts": {"hamlet": {"htt": -1, "xuat-sac": 3}}, "totals": {"hamlet": 12}}
    >>> for p in validate_row(campaign, data):
    ...     print(p.path, p.code)
    counts.hamlet.htt expected-count
    counts.hamlet.xuat-sac unknown-grade-in-scale
    measures.fund_raised float-not-allowed
    >>> data = {"unit": "xa-van-khanh-tay", "counts": {"hamlet": {"htt": 5, "xuat-sac": 3}},
    ...         "totals": {"hamlet": 8}, "rating": 7}
    >>> for p in validate_row(campaign, data):
    ...     print(p.render("en"))  # doctest: +NORMALIZE_WHITESPACE
    counts.hamlet.xuat-sac: unknown grade 'xuat-sac'; the scale has htxs (Hoàn thành xuất sắc nhiệm vụ),
        htt (Hoàn thành tốt nhiệm vụ), ht (Hoàn thành nhiệm vụ), kht (Không hoàn thành nhiệm vụ)
    rating: expected a text, got 7
    >>> row = thidua.model.UnitResult("xa-van-khanh-tay", counts={"hamlet": {"htt": 5}}, totals={"hamlet": 5})
    >>> validate_row(campaign, row)
    []

    .. versionadded:: 0.1.0
    """
    if isinstance(row, m.UnitResult):
        return _against(campaign, row)
    value, problems, diagnosis = _read(row)
    if value is not None:
        found = _against(campaign, value)
        problems += diagnosis.restore(found) if diagnosis is not None else found
    return _in_order(problems)


def structure_row(data: Any, *, campaign: m.Campaign | Prepared | None = None) -> m.UnitResult:
    """Read one unit's results row from plain data; with a campaign, check it against the campaign too.

    Args:
        data: plain data shaped like one element of a results document's
            ``units`` (a parsed JSON object): ``unit``, and any of ``rating``,
            ``counts``, ``measures``, ``flags``, ``dates``, ``assessments``.
        campaign: the campaign (or prepared campaign) the row must fit, if any.

    Returns:
        The :class:`~thidua.model.UnitResult`, ready for :meth:`thidua.Session.update`.

    Raises:
        DataError: listing every problem, each located in the row (warnings
            alone do not refuse the row).

    >>> import thidua
    >>> row = structure_row({"unit": "xa-van-khanh-tay", "counts": {"hamlet": {"htxs": 3, "htt": 6}},
    ...                      "measures": {"fund_raised": "150000000"}})
    >>> row.counts["hamlet"]["htt"], row.measures["fund_raised"]
    (6, Fraction(150000000, 1))
    >>> structure_row({"unit": "xa-khong-co"}, campaign=thidua.examples.load_campaign())
    Traceback (most recent call last):
    ...
    thidua.errors.DataError: 1 vấn đề:
      unit: không tìm thấy đơn vị “xa-khong-co”

    .. versionadded:: 0.1.0
    """
    value, problems, diagnosis = _read(data)
    if value is not None and campaign is not None:
        found = _against(campaign, value)
        problems += diagnosis.restore(found) if diagnosis is not None else found
    if value is None or any(p.is_error for p in problems):
        raise DataError(_in_order(problems))
    return value
