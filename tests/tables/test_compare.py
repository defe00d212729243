"""Two evaluations side by side: units matched by id, then by lineage."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import engine_builders as b
import thidua
from thidua import tables

MERGED = dt.date(2025, 1, 1)


def year_pair():
    """2024: xa-a 80, xa-b 70, xa-c 95 points. 2025: xa-a 85; xa-b and xa-c merged into xa-bc, 90 points."""
    return b.merger_years()


def test_the_same_evaluation_pairs_every_unit_with_itself(an_minh, an_minh_results):
    ev = thidua.evaluate(an_minh, an_minh_results)
    rows = tables.side_by_side(ev, ev)
    assert len(rows) == 11
    for r in rows:
        assert tuple(r) == tables.COMPARE_COLUMNS
        assert r["via"] == "same"
        assert r["before_unit"] == r["after_unit"]
        assert r["before_score"] == r["after_score"]


def test_a_merger_gives_one_row_per_predecessor_and_adds_nothing_up():
    before, after = year_pair()
    rows = tables.side_by_side(before, after)
    assert [(r["before_unit"], r["after_unit"], r["via"]) for r in rows] == [
        ("xa-a", "xa-a", "same"),
        ("xa-b", "xa-bc", "merged_from"),
        ("xa-c", "xa-bc", "merged_from"),
    ]
    assert [(r["before_score"], r["after_score"]) for r in rows] == [
        (Fraction(80), Fraction(85)),
        (Fraction(70), Fraction(90)),
        (Fraction(95), Fraction(90)),
    ]
    # Bands: 80 and 85 are htt, 70 htt, 95 and 90 htxs.
    assert [(r["before_grade"], r["after_grade"]) for r in rows] == [("htt", "htt"), ("htt", "htxs"), ("htxs", "htxs")]
    # 2024 ranks: xa-c 95 → 1, xa-a 80 → 2, xa-b 70 → 3; 2025: xa-bc 90 → 1, xa-a 85 → 2.
    assert [(r["before_rank"], r["after_rank"]) for r in rows] == [(2, 2), (3, 1), (1, 1)]


def test_units_without_a_match_are_kept_with_none_on_the_other_side():
    before, after = year_pair()
    rows = tables.side_by_side(after, before)  # reversed: no lineage points from 2024 to 2025
    assert [(r["before_unit"], r["after_unit"], r["via"]) for r in rows] == [
        ("xa-a", "xa-a", "same"),
        (None, "xa-b", None),
        (None, "xa-c", None),
        ("xa-bc", None, None),  # rows without an "after" unit come last
    ]
    lost = rows[3]
    assert (lost["before_score"], lost["after_score"], lost["after_grade"]) == (Fraction(90), None, None)


@pytest.mark.parametrize("kind", ["merged_into", "renamed_to", "split_into"])
def test_forward_links_of_the_earlier_year_match_too(kind):
    import attrs

    from thidua.engine import Step

    before, after = year_pair()
    # Give xa-a of 2024 a forward link to xa-bc and drop xa-bc's own links: the pair is found from the 2024 side.
    units = tuple(
        attrs.evolve(u, lineage=(Step("lineage", {"kind": kind, "unit": "xa-bc", "on": MERGED}),))
        if u.unit == "xa-a"
        else u
        for u in before.units
    )
    before = attrs.evolve(before, units=units)
    after = attrs.evolve(after, units=tuple(attrs.evolve(u, lineage=()) for u in after.units))
    rows = tables.side_by_side(before, after)
    assert [(r["before_unit"], r["after_unit"], r["via"]) for r in rows] == [
        ("xa-a", "xa-a", "same"),
        ("xa-a", "xa-bc", kind),
        ("xa-b", None, None),
        ("xa-c", None, None),
    ]
