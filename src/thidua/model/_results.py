"""Results reported for a period, kept apart from the campaign definition."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua._problems import Problem, shown
from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._base import check_date, check_id, frozen_map, opt_nfc, opt_number, to_tuple
from thidua.model._exact import Number, parse_number
from thidua.model._review import AddedCriterion, ReviewEvent, ReviewState

__all__ = [
    "Assessment",
    "Decision",
    "History",
    "HistoryRecord",
    "Proposal",
    "Results",
    "ScoreEntry",
    "UnitResult",
]


#: the most sub-units one unit may count on one level, by grade or in all
MAX_COUNT = 10**6


def _measures(value: Mapping[str, Any]) -> Mapping[str, Number]:
    if not isinstance(value, Mapping):
        raise ModelError(c.EXPECTED_MAPPING(("measures",), value=shown(value)))
    out: dict[str, Fraction] = {}  # Number is a Fraction (calling the NewType costs a call per measure)
    problems: list[Problem] = []
    for k, v in value.items():
        try:
            out[k] = parse_number(v)
        except ModelError as exc:
            problems.extend(p.at("measures", k) for p in exc.problems)
    if problems:
        raise ModelError(problems)
    return frozen_map(out)


def _flags(value: Mapping[str, Any]) -> Mapping[str, bool]:
    if not isinstance(value, Mapping):
        raise ModelError(c.EXPECTED_MAPPING(("flags",), value=shown(value)))
    problems = [c.EXPECTED_BOOL(("flags", k), value=shown(v)) for k, v in value.items() if not isinstance(v, bool)]
    if problems:
        raise ModelError(problems)
    return frozen_map(value)


def _dates(value: Mapping[str, Any]) -> Mapping[str, dt.date]:
    if not isinstance(value, Mapping):
        raise ModelError(c.EXPECTED_MAPPING(("dates",), value=shown(value)))
    problems = [
        c.EXPECTED_DATE(("dates", k), value=shown(v))
        for k, v in value.items()
        if not isinstance(v, dt.date) or isinstance(v, dt.datetime)
    ]
    if problems:
        raise ModelError(problems)
    return frozen_map(value)


def _counts(value: Mapping[str, Any]) -> Mapping[str, Mapping[str, int]]:
    if not isinstance(value, Mapping):
        raise ModelError(c.EXPECTED_MAPPING(("counts",), value=shown(value)))
    out: dict[str, Mapping[str, int]] = {}
    problems: list[Problem] = []
    for level, by_grade in value.items():
        if not isinstance(by_grade, Mapping):
            problems.append(c.EXPECTED_MAPPING(("counts", level), value=shown(by_grade)))
            continue
        for grade, n in by_grade.items():
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                problems.append(c.EXPECTED_COUNT(("counts", level, grade), value=shown(n)))
            elif n > MAX_COUNT:
                problems.append(
                    c.NUMBER_OUT_OF_BOUNDS(("counts", level, grade), value=shown(n), low="0", high=str(MAX_COUNT))
                )
        out[level] = frozen_map(by_grade)
    if problems:
        raise ModelError(problems)
    return frozen_map(out)


def _totals(value: Mapping[str, Any]) -> Mapping[str, int]:
    if not isinstance(value, Mapping):
        raise ModelError(c.EXPECTED_MAPPING(("totals",), value=shown(value)))
    problems: list[Problem] = []
    for level, n in value.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            problems.append(c.EXPECTED_COUNT(("totals", level), value=shown(n)))
        elif n > MAX_COUNT:
            problems.append(c.NUMBER_OUT_OF_BOUNDS(("totals", level), value=shown(n), low="0", high=str(MAX_COUNT)))
    if problems:
        raise ModelError(problems)
    return frozen_map(value)


@attrs.frozen
class ScoreEntry:
    """Points given to one criterion at one stage.

    Args:
        criterion: the criterion id (a leaf scored by assessment).
        points: standard points.
        bonus: bonus points, if any.
        reason: why a reviewer changed the value (required after the first stage).
        evidence: names or links of evidence documents (not their contents).

    >>> ScoreEntry("doi-moi", "13", reason="Mô hình mới chưa có báo cáo sơ kết").points
    Fraction(13, 1)

    .. versionadded:: 0.1.0
    """

    criterion: str = attrs.field(validator=check_id)
    points: Number | None = attrs.field(default=None, converter=opt_number)
    bonus: Number | None = attrs.field(default=None, converter=opt_number)
    reason: str | None = attrs.field(default=None, converter=opt_nfc)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    @classmethod
    def points_only(cls, criterion: str, points: object) -> ScoreEntry:
        """``ScoreEntry(criterion, points)``, with the same checks, built once per value.

        Loading a national result set reads 140,000 entries, nearly all of
        them a criterion and its points, and the same few thousand pairs
        recur; entries are immutable, so equal pairs share one entry. Raises
        what the constructor raises.

        >>> ScoreEntry.points_only("doi-moi", "1.5") == ScoreEntry("doi-moi", "1.5")
        True
        >>> ScoreEntry.points_only("doi-moi", "1.5") is ScoreEntry.points_only("doi-moi", "1.5")
        True

        .. versionadded:: 0.1.0
        """
        if type(criterion) is str and (type(points) is str or type(points) is int):
            return _shared_entry(criterion, points)
        return cls._points_only(criterion, points)

    @classmethod
    def _points_only(cls, criterion: object, points: object) -> ScoreEntry:
        check_id(None, _CRITERION, criterion)
        entry = object.__new__(cls)
        put = object.__setattr__  # the class is frozen: this is what its own __init__ does
        put(entry, "criterion", criterion)
        put(entry, "points", None if points is None else parse_number(points))
        put(entry, "bonus", None)
        put(entry, "reason", None)
        put(entry, "evidence", ())
        return entry


_CRITERION = attrs.fields(ScoreEntry).criterion


@functools.lru_cache(maxsize=1 << 16)
def _shared_entry(criterion: str, points: str | int) -> ScoreEntry:
    return ScoreEntry._points_only(criterion, points)  # noqa: SLF001 - the class's own builder


@attrs.frozen
class Assessment:
    """The scores of one unit at one review stage.

    The first stage (self-assessment) gives every assessed criterion. A later
    stage lists what it changes (the default), or, when *complete*, the whole
    score set as a platform keeps it per stage. Either way, an entry whose
    value differs from the value it replaces needs a reason; an entry that
    restates it needs none.

    A left-out bonus: in a list of changes, an entry without ``bonus`` keeps
    the bonus given before (write ``bonus: 0`` to clear it); in a complete
    set, an entry without ``bonus`` has none (the set is the whole score). An
    entry without ``points`` keeps the points given before in a list of
    changes; a complete set must give every criterion that counts.

    >>> import thidua
    >>> review = thidua.examples.load_results().by_unit()["xa-van-khanh-tay"].assessments[1]
    >>> review.stage, [(s.criterion, s.points) for s in review.scores]
    ('cum-tham-dinh', [('doi-moi', Fraction(13, 1))])

    .. versionadded:: 0.1.0
    """

    stage: str = attrs.field(validator=check_id)
    scores: tuple[ScoreEntry, ...] = attrs.field(converter=to_tuple)
    on: dt.date | None = attrs.field(default=None, validator=check_date)
    by: str | None = attrs.field(default=None, converter=opt_nfc)
    complete: bool = False


@attrs.frozen
class UnitResult:
    """What one unit reports for the period.

    Args:
        unit: the unit id.
        rating: a reported grade (id or legacy label), for units whose grade is
            not computed (e.g. front work committees rated by their commune).
        counts: sub-unit ratings by count: ``{level: {grade: n}}``, used when the
            sub-units are not listed one by one.
        totals: the number of sub-units on a level, ``{level: n}`` (the "Tổng số"
            of a report). With a total, a grade left out counts 0 and the counts
            must add up to the total; without one, a grade left out is a missing
            input, never 0 (see ``docs/files.md``). Keyword only.
        measures: exact figures (counts, VND amounts, rates).
        flags: true/false facts (e.g. ``disciplined``).
        dates: dates of completion of events.
        assessments: scores per review stage.
        added: criteria added for this unit by a reviewer (tiêu chí phát sinh).
        state: the unit's current review state (pending at a stage, approved,
            published or rejected), e.g. read from a platform's table.
        review: the review history, oldest first: who did what, when and why;
            when *state* is given too, the history must lead to it.

    >>> r = UnitResult("xa-a", counts={"hamlet": {"htxs": 3, "htt": 5}}, measures={"fund_raised": "149999999"})
    >>> r.counts["hamlet"]["htt"], r.measures["fund_raised"]
    (5, Fraction(149999999, 1))
    >>> UnitResult("xa-a", counts={"hamlet": {"htxs": 3, "htt": 17}}, totals={"hamlet": 20}).totals["hamlet"]
    20
    >>> UnitResult("xa-a", counts={"hamlet": {"htt": -1}})
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      counts.hamlet.htt: phải là số nguyên không âm, nhưng ghi -1

    .. versionadded:: 0.1.0
    """

    unit: str = attrs.field(validator=check_id)
    rating: str | None = attrs.field(default=None, converter=opt_nfc)
    counts: Mapping[str, Mapping[str, int]] = attrs.field(factory=dict, converter=_counts)
    totals: Mapping[str, int] = attrs.field(
        factory=dict, converter=_totals, kw_only=True, metadata={"fingerprint_if_set": True}
    )
    measures: Mapping[str, Number] = attrs.field(factory=dict, converter=_measures)
    flags: Mapping[str, bool] = attrs.field(factory=dict, converter=_flags)
    dates: Mapping[str, dt.date] = attrs.field(factory=dict, converter=_dates)
    assessments: tuple[Assessment, ...] = attrs.field(default=(), converter=to_tuple)
    added: tuple[AddedCriterion, ...] = attrs.field(default=(), converter=to_tuple)
    state: ReviewState | None = None
    review: tuple[ReviewEvent, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen
class Proposal:
    """A title the cluster meeting proposes for a unit.

    >>> Proposal("xa-van-khanh", "co-thi-dua")
    Proposal(unit='xa-van-khanh', award='co-thi-dua')

    .. versionadded:: 0.1.0
    """

    unit: str = attrs.field(validator=check_id)
    award: str = attrs.field(validator=check_id)


@attrs.frozen
class Decision:
    """What a cluster's year-end meeting decided: the order and the proposals.

    thidua checks a decision against the computed scores, eligibility and
    quotas; it never replaces it.

    >>> import thidua
    >>> d = thidua.examples.load_results().decisions[0]
    >>> d.cluster, d.order[:2], d.proposals
    ('cum-1', ('xa-van-khanh', 'xa-dong-hung-b'), (Proposal(unit='xa-van-khanh', award='co-thi-dua'),))

    .. versionadded:: 0.1.0
    """

    cluster: str = attrs.field(validator=check_id)
    order: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    proposals: tuple[Proposal, ...] = attrs.field(default=(), converter=to_tuple)
    on: dt.date | None = attrs.field(default=None, validator=check_date)
    note: str | None = attrs.field(default=None, converter=opt_nfc)


@attrs.frozen(repr=False)
class Results:
    """A result set: what the units reported for one campaign and period.

    One campaign evaluates many result sets (what-if, stage by stage).

    Args:
        campaign: the campaign id.
        year: the emulation year.
        units: one :class:`UnitResult` per reporting unit.
        decisions: cluster meetings' decisions.
        sample: ``True`` for example data, shown on every report.
        note: free text (Vietnamese); *note_en* in English.

    >>> import thidua
    >>> r = thidua.examples.load_results()
    >>> r
    <Results an-minh-2022 (2022): 11 units, 2 decisions, sample>
    >>> r.by_unit()["xa-van-khanh-tay"].counts["hamlet"]["kht"]
    1

    .. versionadded:: 0.1.0
    """

    campaign: str = attrs.field(validator=check_id)
    year: int = attrs.field()
    units: tuple[UnitResult, ...] = attrs.field(default=(), converter=to_tuple)
    decisions: tuple[Decision, ...] = attrs.field(default=(), converter=to_tuple)
    sample: bool = False
    note: str | None = attrs.field(default=None, converter=opt_nfc)
    note_en: str | None = attrs.field(default=None, converter=opt_nfc)

    def __repr__(self) -> str:
        return (
            f"<Results {self.campaign} ({self.year}): {len(self.units)} units, "
            f"{len(self.decisions)} decisions{', sample' if self.sample else ''}>"
        )

    def by_unit(self) -> dict[str, UnitResult]:
        """Results keyed by unit id."""
        return {r.unit: r for r in self.units}


@attrs.frozen
class HistoryRecord:
    """One unit's outcome in one past year.

    >>> HistoryRecord("phuong-nhan-chinh", 2019, "htxs", titles=["cstd-co-so"]).titles
    ('cstd-co-so',)

    .. versionadded:: 0.1.0
    """

    unit: str = attrs.field(validator=check_id)
    year: int = attrs.field()
    grade: str | None = None
    titles: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    head: bool = False


@attrs.frozen
class History:
    """Past years' grades and titles, loaded from files next to a campaign.

    >>> h = History([HistoryRecord("xa-a", 2020, "htt"), HistoryRecord("xa-b", 2021, "ht"),
    ...              HistoryRecord("xa-a", 2021, "htxs")])
    >>> {year: r.grade for year, r in h.of("xa-a").items()}
    {2020: 'htt', 2021: 'htxs'}

    .. versionadded:: 0.1.0
    """

    records: tuple[HistoryRecord, ...] = attrs.field(default=(), converter=to_tuple)
    note: str | None = attrs.field(default=None, converter=opt_nfc)
    sample: bool = False
    note_en: str | None = attrs.field(default=None, converter=opt_nfc)

    def of(self, unit_id: str) -> dict[int, HistoryRecord]:
        """The records of one unit, by year."""
        return {r.year: r for r in self.records if r.unit == unit_id}
