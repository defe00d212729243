"""Rating scales: ordered grades, score bands, requirements, disqualifiers, caps."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua._problems import Problem, shown
from thidua.errors import ModelError
from thidua.model import _codes as c
from thidua.model._base import check_id, frozen_map, one_of, opt_nfc, opt_number, to_nfc, to_tuple
from thidua.model._conditions import Condition, Rounding
from thidua.model._exact import Number, Share, nfc, parse_number, to_share
from thidua.model._inputs import Source, opt_source

__all__ = ["Band", "Disqualifier", "Grade", "GradeCap", "RatingScale", "parse_band_range"]


@attrs.frozen
class Grade:
    """One grade of a rating scale, e.g. "Hoàn thành xuất sắc nhiệm vụ".

    Args:
        id: ASCII id, e.g. ``"htxs"``.
        name: Vietnamese name.
        name_en: English name.
        short: abbreviation, e.g. ``"HTXS"``.
        requires: conditions the unit must also meet to get this grade
            (e.g. every target met); otherwise it gets the next grade down.

    >>> import thidua
    >>> scale = thidua.examples.load_campaign().scale_for("commune")
    >>> scale.grade("htxs").requires  # otherwise the unit gets the next grade down
    (AllTargetsMet(),)

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    short: str | None = attrs.field(default=None, converter=opt_nfc)
    requires: tuple[Condition, ...] = attrs.field(default=(), converter=to_tuple)


_RANGE = re.compile(
    r"^\s*(?:(?P<lo>\d+(?:\.\d+)?)\s*[-–—]\s*(?P<hi>\d+(?:\.\d+)?)|(?P<plus>\d+(?:\.\d+)?)\s*\+"
    r"|<\s*(?P<below>\d+(?:\.\d+)?))\s*$"
)


def parse_band_range(text: str) -> tuple[Fraction | None, Fraction | None, bool, bool]:
    """Read a band written as integers ("80-89", "90+", "<50") as a half-open interval.

    Integer ranges as printed in guidance leave gaps ("80–89, 90–100" leaves
    89.5 out), so ``"a-b"`` means ``a <= score < b + 1``; ``"a+"`` means
    ``score >= a``; ``"<a"`` means ``score < a``.

    Returns:
        ``(min, max, include_min, include_max)``.

    >>> parse_band_range("80-89")
    (Fraction(80, 1), Fraction(90, 1), True, False)
    >>> parse_band_range("<50")
    (None, Fraction(50, 1), False, False)

    .. versionadded:: 0.1.0
    """
    m = _RANGE.match(nfc(text))
    if not m:
        raise ModelError(c.BAND_RANGE_FORM(value=shown(text)))
    if m.group("plus"):
        return parse_number(m.group("plus")), None, True, False
    if m.group("below"):
        return None, parse_number(m.group("below")), False, False
    lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
    if lo.denominator != 1 or hi.denominator != 1:
        raise ModelError(c.BAND_RANGE_WHOLE(value=shown(text)))
    if hi < lo:
        raise ModelError(c.BAND_RANGE_REVERSED(value=shown(text)))
    return lo, hi + 1, True, False


@attrs.frozen
class Band:
    """The scores that give a grade: an interval with explicit bounds.

    ``None`` as *min* or *max* leaves that side open.

    >>> b = Band("tot", 80, 90)
    >>> b.contains(Fraction(179, 2)), b.contains(Fraction(90))
    (True, False)

    .. versionadded:: 0.1.0
    """

    grade: str = attrs.field(validator=check_id)
    min: Number | None = attrs.field(default=None, converter=opt_number)
    max: Number | None = attrs.field(default=None, converter=opt_number)
    include_min: bool = True
    include_max: bool = False
    source: Source | None = attrs.field(default=None, converter=opt_source)

    def __attrs_post_init__(self) -> None:
        if self.min is not None and self.max is not None:
            empty = self.max < self.min or (self.max == self.min and not (self.include_min and self.include_max))
            if empty:
                raise ModelError(c.BAND_EMPTY(("max",), max=self.max, min=self.min))

    @classmethod
    def from_range(cls, grade: str, text: str) -> Band:
        """Build a band from an integer range, see :func:`parse_band_range`.

        >>> Band.from_range("xs", "90+").contains(Fraction(105))
        True
        """
        lo, hi, inc_lo, inc_hi = parse_band_range(text)
        return cls(grade, lo, hi, inc_lo, inc_hi)

    def contains(self, score: Fraction) -> bool:
        """Tell whether *score* lies in the band."""
        # compared in integers (a Fraction comparison costs ten times more): the sign of score - bound
        num, den = score.numerator, score.denominator
        low = self.min
        if low is not None:
            below = num * low.denominator - low.numerator * den
            if below < 0 or (below == 0 and not self.include_min):
                return False
        high = self.max
        if high is not None:
            above = num * high.denominator - high.numerator * den
            if above > 0 or (above == 0 and not self.include_max):
                return False
        return True


@attrs.frozen
class Disqualifier:
    """A fact outside the points that limits the grade (e.g. discipline).

    Args:
        id: ASCII id.
        name: Vietnamese description.
        when: the condition that triggers it, e.g. ``Flag("disciplined")``.
        max_grade: the best grade a unit so flagged may get.
        name_en: English description.

    >>> from thidua.model import Flag
    >>> Disqualifier("ky-luat", "Có cán bộ bị kỷ luật", Flag("disciplined"), max_grade="ht").when
    Flag(flag='disciplined')

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    when: Condition = attrs.field()
    max_grade: str = attrs.field(validator=check_id)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)
    source: Source | None = attrs.field(default=None, converter=opt_source)


@attrs.frozen
class GradeCap:
    """At most *at_most* of the units rated *of_grade* or better may get *grade*.

    Civil-service rules cap the top grade at 20% of those rated good or better
    within one group; the number is rounded with *rounding* (floor by default:
    "không vượt quá"). When the cap binds, units are kept by score, then by the
    measures in *tie_break* (higher first); the rest drop one grade. Units still
    tied at the cut all drop, since choosing among them is for the meeting; the
    explanation says so.

    Args:
        grade: the capped grade.
        at_most: the share, exact.
        of_grade: the base: units rated this grade or better before the cap.
        within: ``"cluster"`` or ``"level"`` (all units of the level in the campaign).
        rounding: see :class:`Rounding`.
        tie_break: measure names, higher is better, used in order.

    >>> GradeCap("htxs", "20%", "htt").at_most
    Fraction(1, 5)

    .. versionadded:: 0.1.0
    """

    grade: str = attrs.field(validator=check_id)
    at_most: Share = attrs.field(converter=to_share)
    of_grade: str = attrs.field(validator=check_id)
    within: str = attrs.field(default="cluster", validator=one_of("cluster", "level"))
    rounding: Rounding = attrs.field(default=Rounding.FLOOR, converter=Rounding)
    tie_break: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    source: Source | None = attrs.field(default=None, converter=opt_source)


def _legacy_map(value: Mapping[str, Any]) -> Mapping[str, str]:
    return frozen_map({nfc(k).casefold(): v for k, v in value.items()})


@attrs.frozen
class RatingScale:
    """An ordered rating scale, best grade first, with score bands.

    Args:
        id: ASCII id.
        name: Vietnamese name.
        levels: the levels whose units it rates.
        grades: best first.
        bands: score bands; may be empty when grades are reported, not computed.
        legacy: old labels mapped to grades, e.g. ``{"yếu kém": "kht"}``.
        disqualifiers: facts that limit the grade.
        caps: limits on a grade's share in a group.
        name_en: English name.

    >>> s = RatingScale("s4", "Thang 4 mức", ("commune",),
    ...     (Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ"), Grade("htt", "Hoàn thành tốt nhiệm vụ"),
    ...      Grade("ht", "Hoàn thành nhiệm vụ"), Grade("kht", "Không hoàn thành nhiệm vụ")),
    ...     legacy={"Yếu kém": "kht"})
    >>> s.rank_of("htt") < s.rank_of("ht")
    True
    >>> s.resolve("yếu kém")
    'kht'

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(converter=to_nfc)
    levels: tuple[str, ...] = attrs.field(converter=to_tuple)
    grades: tuple[Grade, ...] = attrs.field(converter=to_tuple)
    bands: tuple[Band, ...] = attrs.field(default=(), converter=to_tuple)
    legacy: Mapping[str, str] = attrs.field(factory=dict, converter=_legacy_map)
    disqualifiers: tuple[Disqualifier, ...] = attrs.field(default=(), converter=to_tuple)
    caps: tuple[GradeCap, ...] = attrs.field(default=(), converter=to_tuple)
    name_en: str | None = attrs.field(default=None, converter=opt_nfc)

    def __attrs_post_init__(self) -> None:
        if not self.grades:
            raise ModelError(c.SCALE_NO_GRADES(("grades",)))

    @property
    def grade_ids(self) -> tuple[str, ...]:
        """Grade ids, best first."""
        return tuple([g.id for g in self.grades])

    @property
    def choices(self) -> str:
        """The grades as a problem lists them: each id with its name, best first.

        >>> RatingScale("s", "Thang", ("commune",), (Grade("tot", "Tốt"), Grade("kha", "Khá"))).choices
        'tot (Tốt), kha (Khá)'

        .. versionadded:: 0.1.0
        """
        return ", ".join([f"{g.id} ({g.name})" if g.name != g.id else g.id for g in self.grades])

    def grade(self, grade_id: str) -> Grade:
        """Return the grade with this id."""
        for g in self.grades:
            if g.id == grade_id:
                return g
        raise ModelError(c.UNKNOWN_GRADE_IN_SCALE(grade=grade_id, allowed=self.choices))

    def rank_of(self, grade_id: str) -> int:
        """Position of a grade, 0 for the best."""
        return self.grade_ids.index(grade_id)

    def at_least(self, grade_id: str, threshold_id: str) -> bool:
        """Tell whether *grade_id* is *threshold_id* or better (cumulative)."""
        return self.rank_of(grade_id) <= self.rank_of(threshold_id)

    def resolve(self, label: str) -> str | None:
        """Map a grade id, name, abbreviation or legacy label to a grade id.

        Matching ignores case and Unicode normalization; ``None`` if unknown.
        """
        text = nfc(label)
        if text in self.grade_ids:
            return text
        folded = text.casefold()
        for g in self.grades:
            if folded in {g.id.casefold(), g.name.casefold(), (g.short or "").casefold()}:
                return g.id
        return self.legacy.get(folded)

    def band_problems(self) -> list[Problem]:
        """Gaps and overlaps between bands, each at ``bands[i]``."""
        problems: list[Problem] = []
        order = sorted(
            range(len(self.bands)),
            key=lambda i: (self.bands[i].min is not None, self.bands[i].min or 0),
        )
        for a, b in itertools.pairwise(order):
            lo, hi = self.bands[a], self.bands[b]
            where = ("bands", b)
            if lo.max is None or hi.min is None or lo.max > hi.min:
                problems.append(c.BAND_OVERLAP(where, grade=hi.grade, other=lo.grade))
            elif lo.max < hi.min:
                problems.append(c.BAND_GAP(where, low=lo.max, high=hi.min, other=lo.grade, grade=hi.grade))
            elif lo.include_max and hi.include_min:
                problems.append(c.BAND_TWICE(where, score=hi.min, other=lo.grade, grade=hi.grade))
            elif not lo.include_max and not hi.include_min:
                problems.append(c.BAND_NONE(where, score=hi.min, other=lo.grade, grade=hi.grade))
        return problems

    def band_for(self, score: Fraction) -> Band | None:
        """The band containing *score*, or ``None``."""
        for band in self.bands:
            if band.contains(score):
                return band
        return None
