"""A Session shared between threads, and long runs of updates: every snapshot equals a fresh evaluation.

Before updates were serialised inside the session, 8 threads updating and
reading one session gave false MissingInputErrors (and KeyErrors) on valid
rows, and a final ``session.evaluation`` that no longer equalled a fresh
evaluation of ``session.results``.
"""

from __future__ import annotations

import functools
import random
import sys
import threading
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua
from thidua import model as m
from thidua import synth
from thidua.engine import Session

#: the ranking rules the variants of the examples use (numbered densely or by order, tie-breaks
#: chains that read measures lower first, the self-assessed total, a stage's total, the names)
_RULES = {
    "dense": m.RankingRule("dense", [m.MeasureTieBreak("late_reports", lower_first=True)]),
    "ordinal": m.RankingRule("ordinal", [m.SelfScoreTieBreak()]),
    "chain": m.RankingRule("competition", [m.StageTotalTieBreak("tu-cham"), m.MeasureTieBreak("fund_raised")]),
    "names": m.RankingRule("ordinal", [m.MeasureTieBreak("late_reports"), m.NameTieBreak()]),
}


@functools.cache
def _case(name: str) -> tuple[thidua.engine.Prepared, m.Results]:
    if name == "synth-12":
        campaign, results, _ = synth.generate_national(3, provinces=["12"])
    elif "+" in name:
        example, rule = name.split("+")
        campaign = attrs.evolve(thidua.examples.load_campaign(example), ranking=_RULES[rule], tie_breaks=())
        results = thidua.examples.load_results(example)
    else:
        campaign, results = thidua.examples.load_campaign(name), thidua.examples.load_results(name)
    return thidua.prepare(campaign), results


CASES = [
    "an-minh-2022",
    "son-tay-2024",
    "synth-12",
    "an-minh-2022+dense",
    "an-minh-2022+ordinal",
    "an-minh-2022+chain",
    "an-minh-2022+names",
]


def _changed(row: m.UnitResult, rng: random.Random) -> m.UnitResult:
    """*row* with other counts (same total), other measures and other first-stage points, all still valid."""
    counts = {}
    for level, by_grade in row.counts.items():
        grades = sorted(by_grade)
        total = sum(by_grade.values())
        new = dict.fromkeys(grades, 0)
        for _ in range(total):
            new[rng.choice(grades)] += 1
        counts[level] = new
    measures = {k: Fraction(rng.randrange(1, 2 * int(v) + 2)) for k, v in row.measures.items()}  # no zero to divide by
    assessments = row.assessments
    if assessments and assessments[0].scores:
        first = assessments[0]
        scores = tuple(
            attrs.evolve(s, points=Fraction(rng.randrange(0, int(s.points) + 1)))
            if s.points is not None and rng.random() < 0.5
            else s
            for s in first.scores
        )
        assessments = (attrs.evolve(first, scores=scores), *assessments[1:])
    if assessments and rng.random() < 0.2:
        # rejected at the first stage: left out of ratings and rankings
        return attrs.evolve(
            row,
            counts=counts,
            measures=measures,
            assessments=assessments,
            state=m.ReviewState("rejected", assessments[0].stage),
        )
    return attrs.evolve(row, counts=counts, measures=measures, assessments=assessments)


_FRESH: dict[str, thidua.Evaluation] = {}


def _fresh(prepared: thidua.engine.Prepared, fingerprint: str, results: m.Results) -> thidua.Evaluation:
    """A fresh evaluation of *results*, whose fingerprint is *fingerprint* (made once per set of inputs)."""
    found = _FRESH.get(fingerprint)
    if found is None:
        found = _FRESH[fingerprint] = thidua.evaluate(prepared, results)
    assert found.fingerprint == fingerprint
    return found


@pytest.mark.parametrize(
    ("case", "writers", "each"),
    [("an-minh-2022", 11, 40), ("son-tay-2024", 8, 20), ("synth-12", 8, 6)],
)
def test_threads_updating_and_reading_see_only_whole_states(case, writers, each):
    """Writers (11 x 40 updates: what issue #18 saw go wrong) and 2 readers share one session."""
    prepared, results = _case(case)
    session = Session(prepared, results)
    first = session.evaluation
    updates: list[thidua.engine.Update] = []
    reads: list[thidua.Evaluation] = []
    errors: list[BaseException] = []
    start = threading.Barrier(writers + 2)

    def writer(seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        start.wait()
        try:
            for k in range(each):
                row = _changed(rng.choice(results.units), rng)
                updates.append(session.update(row))
                if k % 4 == 0:
                    reads.append(session.evaluation)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def reader() -> None:
        start.wait()
        try:
            for _ in range(40):
                reads.append(session.evaluation)
                session.unit(results.units[0].unit)
                assert len(session.results.units) == len(results.units)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
        threads += [threading.Thread(target=reader) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(updates) == writers * each
    # every update's snapshot is a fresh evaluation of the results it left
    states = {first.fingerprint: results}
    for up in updates:
        assert up.evaluation == _fresh(prepared, up.fingerprint, up.results)
        assert up.fingerprint == up.evaluation.fingerprint
        states[up.fingerprint] = up.results
    # every read saw one of those states, whole (a read between two updates returns the same object)
    for ev in {id(ev): ev for ev in [*reads, session.evaluation]}.values():
        assert ev == _fresh(prepared, ev.fingerprint, states[ev.fingerprint])
    final = session.evaluation
    assert final == thidua.evaluate(prepared, session.results)
    assert final.fingerprint in {up.fingerprint for up in updates}


@settings(max_examples=20, deadline=None)
@given(case=st.sampled_from(CASES), seed=st.integers(0, 2**32), count=st.integers(1, 8))
def test_a_run_of_updates_equals_a_full_evaluation_after_each(case, seed, count):
    prepared, results = _case(case)
    session = Session(prepared, results)
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    snapshots = []
    for k in range(count):
        row = _changed(rng.choice(results.units), rng)
        up = session.update(row)
        full = thidua.evaluate(prepared, up.results)
        assert up.evaluation == full
        assert up.unit == full.unit(row.unit)
        assert session.unit(row.unit) == up.unit
        snapshots.append((up.evaluation, full))
        if k % 3 == 2:
            assert session.evaluation == full
    assert session.evaluation == thidua.evaluate(prepared, session.results)
    # snapshots taken earlier did not move
    for ev, full in snapshots:
        assert ev == full


#: few distinct scores, so that many units tie
_few_scores = st.sampled_from([Fraction(n, 2) for n in range(8)])


@settings(max_examples=300, deadline=None)
@given(
    scores=st.lists(st.one_of(st.none(), _few_scores), min_size=1, max_size=12),
    grades=st.lists(st.sampled_from([None, "htxs", "htt", "ht", "kht"]), min_size=30, max_size=30),
    ties=st.lists(st.integers(0, 1), min_size=30, max_size=30),
    moved=st.lists(
        st.tuples(
            st.integers(0, 29),
            st.one_of(st.none(), _few_scores),
            st.sampled_from([None, "htxs", "htt", "ht", "kht"]),
            st.integers(0, 1),
        ),
        max_size=6,
    ),
)
def test_merging_moved_units_gives_the_ranking_a_full_sort_gives(scores, grades, ties, moved):
    # ties share a rank (1, 2, 2, 4), scored units before unscored ones, a tie-break key after the score
    from thidua.engine._ranking import order_entries, primary_key
    from thidua.engine._session import _merge

    campaign = attrs.evolve(thidua.examples.load_campaign(), tie_breaks=("t",))  # ties broken by a measure t

    def row(i, score, grade, tie):
        if score is None and grade is None:
            return None  # neither a score nor a grade: not ranked (it leaves the ranking)
        keys = (*primary_key(campaign, "commune", score, grade), Fraction(tie))
        return (keys, f"u{i:02d}", score, grade, (Fraction(tie),))

    def ranking(rows):
        return thidua.engine.Ranking(
            "level:commune", tuple(order_entries([r[:4] for r in rows if r is not None])), ("t",)
        )

    before = {i: row(i, s, grades[i], ties[i]) for i, s in enumerate(scores)}
    after = dict(before)
    changed = {}
    for i, score, grade, tie in moved:
        if i in before:
            after[i] = changed[f"u{i:02d}"] = row(i, score, grade, tie)
    assert _merge(campaign, ranking(before.values()), changed) == ranking(after.values())


def test_a_unit_that_moves_up_into_a_tie_pushes_the_next_rank_down():
    # worked by hand: 10, 9, 8, 8, 7, 5 rank 1, 2, 3, 3, 5, 6; the 5 becomes an 8 (its id sorts first
    # among the three 8s): 10, 9, 8, 8, 8, 7 rank 1, 2, 3, 3, 3, 6, and the 7 moves from 5th to 6th
    from thidua.engine._ranking import order_entries, primary_key
    from thidua.engine._session import _merge

    campaign = attrs.evolve(thidua.examples.load_campaign(), tie_breaks=("t",))

    def row(unit, score):
        keys = (*primary_key(campaign, "commune", Fraction(score), None), Fraction(0))
        return (keys, unit, Fraction(score), None, (Fraction(0),))

    scores = [("a", 10), ("b", 9), ("c", 8), ("d", 8), ("e", 7), ("a0", 5)]
    rows = [row(u, s)[:4] for u, s in scores]
    old = thidua.engine.Ranking("level:commune", tuple(order_entries(rows)), ("t",))
    assert [(e.unit, e.rank) for e in old.entries] == [("a", 1), ("b", 2), ("c", 3), ("d", 3), ("e", 5), ("a0", 6)]
    merged = _merge(campaign, old, {"a0": row("a0", 8)})
    assert [(e.unit, e.rank) for e in merged.entries] == [
        ("a", 1),
        ("b", 2),
        ("a0", 3),
        ("c", 3),
        ("d", 3),
        ("e", 6),
    ]
