"""Strategies for the review chain and ranking rules (free: ids at random)."""

from __future__ import annotations

from hypothesis import strategies as st

from thidua import model as m
from thidua.testing._values import dates, ids, names, optional, points, texts

__all__ = [
    "added_criteria",
    "ranking_rules",
    "review_events",
    "review_states",
    "tie_break_kinds",
    "tie_breaks",
    "withdrawals",
]


def tie_break_kinds() -> dict[type, st.SearchStrategy[m.TieBreak]]:
    """A strategy per tie-break kind."""
    return {
        m.MeasureTieBreak: st.builds(m.MeasureTieBreak, ids(), st.booleans()),
        m.SelfScoreTieBreak: st.just(m.SelfScoreTieBreak()),
        m.StageTotalTieBreak: st.builds(m.StageTotalTieBreak, ids()),
        m.NameTieBreak: st.just(m.NameTieBreak()),
    }


def tie_breaks(kind: type | None = None) -> st.SearchStrategy[m.TieBreak]:
    """Free tie-breaks of every kind, or of one *kind*."""
    kinds = tie_break_kinds()
    if kind is not None:
        return kinds[kind]
    return st.one_of(*kinds.values())


def ranking_rules() -> st.SearchStrategy[m.RankingRule]:
    """Free ranking rules."""
    return st.builds(m.RankingRule, st.sampled_from(m.RankMode), st.lists(tie_breaks(), max_size=3))


def withdrawals() -> st.SearchStrategy[m.Withdrawal]:
    """Withdrawals of a criterion."""
    return st.builds(m.Withdrawal, optional(dates()), optional(texts()))


def added_criteria() -> st.SearchStrategy[m.AddedCriterion]:
    """Free added criteria."""
    return st.builds(
        m.AddedCriterion,
        ids(),
        names(),
        ids(),
        optional(points(0, 10)),
        optional(texts()),
        optional(texts()),
        optional(dates()),
        optional(points(0, 3)),
        optional(names()),
    )


def review_events() -> st.SearchStrategy[m.ReviewEvent]:
    """Free review events."""
    return st.builds(
        m.ReviewEvent,
        ids(),
        st.sampled_from(m.ReviewAction),
        optional(dates()),
        optional(texts()),
        optional(texts()),
        optional(ids()),
    )


def review_states() -> st.SearchStrategy[m.ReviewState]:
    """Free review states."""
    return st.builds(m.ReviewState, st.sampled_from(m.ReviewStatus), ids())
