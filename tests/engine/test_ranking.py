"""Rankings: competition ranking (1, 2, 2, 4), tie-breaks, grade-only rankings, level rankings."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from engine_builders import commune_scale, hamlet_scale, make_campaign, make_results, row, score_rubric, scored
from thidua import model as m
from thidua.engine._ranking import _order_scored, order_entries


def ranks(ev, cluster="cum-1"):
    return {e.unit: e.rank for e in ev.cluster(cluster).ranking.entries}


SCORES = {"xa-a": 95, "xa-b": 90, "xa-c": 90, "xa-d": 85}


def test_competition_ranking():
    ev = thidua.evaluate(*scored(SCORES))
    # 95, 90, 90, 85 → 1, 2, 2, 4
    assert ranks(ev) == {"xa-a": 1, "xa-b": 2, "xa-c": 2, "xa-d": 4}
    assert ev.cluster("cum-1").ranking.leaders == ("xa-a",)
    assert ev.unit("xa-c").rank == 2
    assert ev.unit("xa-d").rank == 4


def test_tie_break_measure_breaks_the_tie():
    measures = {"xa-a": {"lifted": 1}, "xa-b": {"lifted": 3}, "xa-c": {"lifted": 7}, "xa-d": {"lifted": 9}}
    ev = thidua.evaluate(*scored(SCORES, tie_breaks=("lifted",), measures=measures))
    # the two at 90: xa-c lifted more households → 2, xa-b → 3; scores still come first
    assert ranks(ev) == {"xa-a": 1, "xa-c": 2, "xa-b": 3, "xa-d": 4}
    assert ev.cluster("cum-1").ranking.tie_breaks == ("lifted",)
    entry = next(e for e in ev.cluster("cum-1").ranking.entries if e.unit == "xa-c")
    assert entry.keys == (7,)


def test_equal_tie_break_keeps_the_tie():
    measures = {u: {"lifted": 5} for u in SCORES}
    ev = thidua.evaluate(*scored(SCORES, tie_breaks=("lifted",), measures=measures))
    assert ranks(ev) == {"xa-a": 1, "xa-b": 2, "xa-c": 2, "xa-d": 4}


def test_second_tie_break_is_used_only_when_the_first_ties():
    scores = {"xa-a": 90, "xa-b": 90, "xa-c": 90}
    measures = {
        "xa-a": {"lifted": 5, "houses": 1},
        "xa-b": {"lifted": 5, "houses": 2},
        "xa-c": {"lifted": 6, "houses": 0},
    }
    ev = thidua.evaluate(*scored(scores, tie_breaks=("lifted", "houses"), measures=measures))
    assert ranks(ev) == {"xa-c": 1, "xa-b": 2, "xa-a": 3}


def test_ties_at_the_top_share_rank_one():
    ev = thidua.evaluate(*scored({"xa-a": 90, "xa-b": 90, "xa-c": 80}))
    assert ranks(ev) == {"xa-a": 1, "xa-b": 1, "xa-c": 3}
    assert ev.cluster("cum-1").ranking.leaders == ("xa-a", "xa-b")


def test_exact_fractional_scores_tie_exactly():
    crit = m.Criterion("quy", "Quỹ", 15, m.Proportional("raised", target_measure="quota"))
    campaign = make_campaign(communes=("xa-a", "xa-b", "xa-c"), rubric=score_rubric((crit,)))
    rows = [
        row("xa-a", measures={"raised": 1, "quota": 3}),  # 15 × 1/3 = 5
        row("xa-b", measures={"raised": 2, "quota": 6}),  # 15 × 2/6 = 5
        row("xa-c", measures={"raised": 333_333, "quota": 1_000_000}),  # 4.999995 < 5
    ]
    ev = thidua.evaluate(campaign, make_results(rows))
    assert ev.unit("xa-a").score.total == 5
    assert ranks(ev) == {"xa-a": 1, "xa-b": 1, "xa-c": 3}


def test_ranking_by_reported_grade_when_there_are_no_scores():
    campaign = make_campaign(
        communes=("xa-a", "xa-b", "xa-c", "xa-d"), scales=(hamlet_scale(), commune_scale(bands=False))
    )
    rows = [row("xa-a", rating="htt"), row("xa-b", rating="htxs"), row("xa-c", rating="htt"), row("xa-d", rating="ht")]
    ev = thidua.evaluate(campaign, make_results(rows))
    assert ranks(ev) == {"xa-b": 1, "xa-a": 2, "xa-c": 2, "xa-d": 4}


def test_level_ranking_spans_clusters():
    scores = {"a1": 90, "a2": 80, "b1": 95, "b2": 70}
    ev = thidua.evaluate(*scored(scores, clusters={"cum-a": ["a1", "a2"], "cum-b": ["b1", "b2"]}))
    assert ranks(ev, "cum-a") == {"a1": 1, "a2": 2}
    assert ranks(ev, "cum-b") == {"b1": 1, "b2": 2}
    level = {r.group: r for r in ev.rankings}["level:commune"]
    assert {e.unit: e.rank for e in level.entries} == {"b1": 1, "a1": 2, "a2": 3, "b2": 4}


def test_rank_does_not_depend_on_row_or_member_order():
    campaign, results = scored(SCORES)
    import attrs

    reversed_results = attrs.evolve(results, units=tuple(reversed(results.units)))
    cl = campaign.clusters[0]
    reversed_campaign = attrs.evolve(campaign, clusters=(attrs.evolve(cl, members=tuple(reversed(cl.members))),))
    a = ranks(thidua.evaluate(campaign, results))
    b = ranks(thidua.evaluate(reversed_campaign, reversed_results))
    assert a == b == {"xa-a": 1, "xa-b": 2, "xa-c": 2, "xa-d": 4}


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({"a": 1, "b": 1, "c": 1, "d": 1}, {"a": 1, "b": 1, "c": 1, "d": 1}),
        ({"a": 4, "b": 3, "c": 2, "d": 1}, {"a": 1, "b": 2, "c": 3, "d": 4}),
        ({"a": 5, "b": 5, "c": 3, "d": 3}, {"a": 1, "b": 1, "c": 3, "d": 3}),
        ({"a": "50.01", "b": "50.0010", "c": 50, "d": "50.0010"}, {"a": 1, "b": 2, "c": 4, "d": 2}),
    ],
)
def test_competition_ranking_table(scores, expected):
    ev = thidua.evaluate(*scored({f"xa-{k}": v for k, v in scores.items()}))
    assert ranks(ev) == {f"xa-{k}": v for k, v in expected.items()}


def test_rank_entries_carry_exact_scores():
    ev = thidua.evaluate(*scored({"xa-a": "89.9999999", "xa-b": 90}))
    entries = {e.unit: e for e in ev.cluster("cum-1").ranking.entries}
    assert entries["xa-a"].score == Fraction(899_999_999, 10_000_000)
    assert (entries["xa-a"].rank, entries["xa-b"].rank) == (2, 1)
    assert (entries["xa-a"].grade, entries["xa-b"].grade) == ("htt", "htxs")


_exact = st.fractions(min_value=-1000, max_value=1000, max_denominator=10**8)


@given(
    st.lists(st.tuples(_exact, _exact), min_size=1, max_size=30),
    st.integers(min_value=0, max_value=3),
)
def test_order_entries_ranks_as_exact_comparison_does(keys, duplicates):
    # rows with repeated keys (exact ties) as well as keys differing in the last digit
    keys = keys + keys[:duplicates]
    rows = [((Fraction(1), a, b), f"u{i:02d}", a, None) for i, (a, b) in enumerate(keys)]
    got = {e.unit: e.rank for e in order_entries(list(rows))}
    # competition ranking by definition: 1 + how many rows have strictly greater keys
    want = {u: 1 + sum(1 for other, *_ in rows if other > k) for k, u, *_ in rows}
    assert got == want


@given(st.lists(_exact, min_size=1, max_size=30), st.integers(min_value=0, max_value=3))
def test_scores_alone_are_ordered_as_with_every_key(scores, duplicates):
    # the fast path for rankings without tie-breaks: same units, order, ranks, scores and grades
    scores = scores + scores[:duplicates]
    units = [f"u{i:02d}" for i in range(len(scores))][::-1]  # ties must still come out by unit id
    got = _order_scored([(s, u, "g") for s, u in zip(scores, units, strict=True)])
    want = order_entries([((Fraction(1), s), u, s, "g") for s, u in zip(scores, units, strict=True)])
    assert got == want
    # competition ranking by definition: 1 + how many scores are strictly greater
    assert [e.rank for e in got] == [1 + sum(1 for other in scores if other > e.score) for e in got]


def test_order_entries_tells_apart_scores_a_ten_millionth_apart():
    rows = [
        ((Fraction(1), Fraction(899999999, 10**7)), "a", None, None),
        ((Fraction(1), Fraction(90)), "b", None, None),
        ((Fraction(1), Fraction(899999999, 10**7)), "c", None, None),
    ]
    assert [(e.unit, e.rank) for e in order_entries(rows)] == [("b", 1), ("a", 2), ("c", 2)]
