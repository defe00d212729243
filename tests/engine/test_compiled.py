"""The engine's compiled paths against the general ones and against a plain Fraction oracle.

``evaluate`` decides the usual cases through rules compiled once per evaluation
(the computed criteria of a rubric added in integers over its common
denominator, ...), and every other case through the general rules. Here:

* on any campaign the strategies draw, turning the compiled paths off changes
  nothing (every outcome, criterion and trace equal);
* on rubrics with every kind of computed criterion, measures drawn on, just
  below and just above each threshold, missing or shadowed by a flag, each
  criterion's points, the standard points, bonus, penalty and total agree with
  a plain ``Fraction`` oracle written here from the documented rules.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from fractions import Fraction

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua
from engine_builders import make_campaign, make_results, row, score_rubric
from thidua import model as m
from thidua.engine import _run
from thidua.errors import ThiduaError
from thidua.testing.strategies import campaigns, histories_for, numbers, results_for


def _never(_unit: str, _row: object) -> None:
    return None


@contextlib.contextmanager
def general_only() -> Iterator[None]:
    """Every unit decided by the general rules (the compiled paths give way, as on an unusual input)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_run.Run, "scorer", lambda _self, _plan: _never)
        mp.setattr(_run, "compile_member_targets", lambda _run, _targets: None)
        mp.setattr(_run.Run, "rater", lambda _self, _scale: _never)
        yield


def _outcome(campaign: m.Campaign, results: m.Results, history: m.History | None = None) -> object:
    """The evaluation, or the type and text of the error it raised."""
    try:
        return thidua.evaluate(campaign, results, history=history)
    except ThiduaError as exc:
        return type(exc), str(exc)


def _read_everything(ev: object) -> None:
    """Read every lazy field (criteria and traces), so that both sides are compared built."""
    if not isinstance(ev, thidua.Evaluation):
        return
    for u in ev.units:
        for t in u.targets:
            _ = t.trace
        if u.score is not None:
            _ = u.score.criteria, u.score.trace
        _ = u.rating.trace
        for a in u.awards:
            _ = a.trace


#: the fields of rules and conditions that name a measure
MEASURE_FIELDS = ("measure", "target_measure", "quota_measure", "baseline", "per")


def _measures_read(value: object, found: set[str]) -> set[str]:
    """Every measure a campaign's rules read (by the fields that name one), walked through its objects."""
    if attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            field = getattr(value, a.name)
            if a.name in MEASURE_FIELDS and isinstance(field, str):
                found.add(field)
            else:
                _measures_read(field, found)
    elif isinstance(value, tuple | list):
        for v in value:
            _measures_read(v, found)
    return found


@st.composite
def with_measures(draw: st.DrawFn, campaign: m.Campaign, results: m.Results) -> m.Results:
    """*results* with every measure the campaign reads given to some of the units (drawn at random,
    most results from the strategies name other measures)."""
    names = sorted(_measures_read(campaign, set()))
    if not names:
        return results
    rows = []
    for r in results.units:
        if draw(st.booleans()):
            given = {k: draw(st.integers(-5, 200).map(Fraction) | numbers(-5, 200)) for k in names}
            r = attrs.evolve(r, measures={**r.measures, **given})  # noqa: PLW2901
        rows.append(r)
    return attrs.evolve(results, units=tuple(rows))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_the_compiled_paths_change_nothing_on_any_campaign(data):
    campaign = data.draw(campaigns())
    results = data.draw(with_measures(campaign, data.draw(results_for(campaign))))
    history = data.draw(st.none() | histories_for(campaign))
    compiled = _outcome(campaign, results, history)
    with general_only():
        general = _outcome(campaign, results, history)
    _read_everything(compiled)  # one side built, the other built while compared
    assert compiled == general


# -- every kind of computed criterion, on its thresholds ----------------------------------------------


@st.composite
def near(draw: st.DrawFn, threshold: Fraction) -> Fraction:
    """A value on *threshold*, or a small step below or above it, or far from it."""
    step = Fraction(1, draw(st.sampled_from((1, 2, 3, 10, 100, 7919))))
    kind = draw(st.sampled_from(("on", "on", "below", "above", "zero", "double")))
    return {
        "on": threshold,
        "below": threshold - step,
        "above": threshold + step,
        "zero": Fraction(0),
        "double": threshold * 2,
    }[kind]


def counted(threshold: Fraction) -> st.SearchStrategy[Fraction]:
    """A count: mostly a whole number (the count reaching *threshold* exactly when it can), sometimes not."""
    whole = st.integers(0, 12).map(Fraction)
    return st.one_of(whole, whole, st.just(Fraction(threshold.__ceil__())), near(threshold))


POINTS = st.sampled_from([Fraction(n, d) for n, d in ((5, 1), (10, 1), (15, 2), (7, 3), (12, 5), (1, 10))])


@st.composite
def computed_cases(draw: st.DrawFn) -> tuple[m.Campaign, m.Results, dict[str, dict[str, Fraction]]]:
    """A rubric with every computed kind, one to four communes, and what each criterion's points are."""
    p1, p2, p3, p4, p7, p8 = (draw(POINTS) for _ in range(6))
    target = draw(st.sampled_from((Fraction(95), Fraction(3, 2), Fraction(1, 7), Fraction(150_000_000))))
    steps = sorted({draw(st.sampled_from((Fraction(1), Fraction(5, 2), Fraction(3), Fraction(10)))) for _ in range(3)})
    step_points = [draw(st.sampled_from((Fraction(2), Fraction(9, 2), Fraction(20)))) for _ in steps]
    each4, each5, each6 = (draw(st.sampled_from((Fraction(1), Fraction(1, 2), Fraction(5, 4)))) for _ in range(3))
    cap5 = draw(st.sampled_from((Fraction(2), Fraction(5, 2))))
    floor6 = draw(st.sampled_from((Fraction(-3), Fraction(-5, 2))))
    at_least7 = draw(st.sampled_from((Fraction(90), Fraction(1, 3), Fraction(0))))
    indicator = draw(st.booleans())
    criteria = [
        m.Criterion("prop-m", "Theo kế hoạch", p1, m.Proportional("v1", target_measure="t1")),
        m.Criterion("prop-n", "Theo chỉ tiêu", p2, m.Proportional("v2", target=target)),
        m.Criterion(
            "bac", "Theo bậc", p3, m.StepTable("v3", [m.StepRow(a, b) for a, b in zip(steps, step_points, strict=True)])
        ),
        m.Criterion("moi-lan", "Mỗi lần", p4, m.PerOccurrence("n4", each4)),
        m.Criterion("thuong", "Thưởng", 0, m.Bonus("n5", each5), bonus=cap5),
        m.Criterion("tru", "Trừ", 0, m.Penalty("n6", each6, floor6)),
        m.Criterion("dat", "Đạt", p7, m.PassFail(m.MeasureAtLeast("tong" if indicator else "v7", at_least7))),
        m.Criterion("quy", "Quỹ", p8, m.PassFail(m.TargetMet("quy-dat"))),
    ]
    communes = [f"xa-{i}" for i in range(draw(st.integers(1, 4)))]
    policy = draw(st.sampled_from(("not_met", "exclude", "not_met")))
    campaign = make_campaign(
        communes=communes,
        rubric=score_rubric(criteria),
        targets=[m.QuotaTarget("quy-dat", "Quỹ đạt", "raised", quota_measure="quota")],
        missing=policy,
        indicators=[m.Indicator("tong", "v1 + v3")] if indicator else [],
    )
    rows = []
    expected = {}
    for u in communes:
        t1 = draw(st.sampled_from((Fraction(120), Fraction(7, 2), Fraction(1))))
        values = {
            "v1": draw(near(t1)),
            "t1": t1,
            "v2": draw(near(target)),
            "v3": draw(near(draw(st.sampled_from(steps)))),
            "n4": draw(counted(p4 / each4)),
            "n5": draw(counted(cap5 / each5)),
            "n6": draw(counted(-floor6 / each6)),
            "v7": draw(near(at_least7)),
            "raised": Fraction(draw(st.sampled_from((99, 100, 101)))),
            "quota": Fraction(100),
        }
        missing = set(draw(st.lists(st.sampled_from(sorted(values)), max_size=draw(st.sampled_from((0, 0, 0, 1, 2))))))
        # a flag of the same name shadows a measure (the indicator's inputs are left alone)
        shadowable = sorted(k for k in values if not (indicator and k in ("v1", "v3")))
        shadowed = set(draw(st.lists(st.sampled_from(shadowable), max_size=draw(st.sampled_from((0, 0, 0, 1))))))
        measures = {k: v for k, v in values.items() if k not in missing}
        rows.append(row(u, measures=measures, flags=dict.fromkeys(shadowed, True)))
        seen = {k: v for k, v in measures.items() if k not in shadowed}
        if indicator and "v1" in seen and "v3" in seen:
            seen["tong"] = seen["v1"] + seen["v3"]
        expected[u] = _oracle(seen, criteria)
    return campaign, make_results(rows), expected


def _oracle(seen: dict[str, Fraction], criteria: list[m.Criterion]) -> dict[str, Fraction]:
    """Each criterion's points (standard, bonus or penalty) from the documented rules, in Fractions;
    a missing input gives none."""
    out: dict[str, Fraction] = {}
    for c in criteria:
        method, top = c.method, c.points
        pts = Fraction(0)
        if isinstance(method, m.Proportional):
            value = seen.get(method.measure)
            goal = method.target if method.target is not None else seen.get(method.target_measure or "")
            if value is not None and goal is not None and goal > 0:
                pts = top * min(Fraction(1), value / goal)
        elif isinstance(method, m.StepTable):
            value = seen.get(method.measure)
            if value is not None:
                reached = [s.points for s in method.steps if value >= s.at_least]
                pts = min(reached[-1], top) if reached else Fraction(0)
        elif isinstance(method, m.PerOccurrence):
            n = seen.get(method.measure)
            pts = min(method.each * n, top) if n is not None else Fraction(0)
        elif isinstance(method, m.Bonus):
            n = seen.get(method.measure)
            pts = min(method.each * n, c.bonus) if n is not None else Fraction(0)
        elif isinstance(method, m.Penalty):
            n = seen.get(method.measure)
            pts = max(-method.each * n, method.floor) if n is not None else Fraction(0)
        else:
            assert isinstance(method, m.PassFail)
            when = method.when
            if isinstance(when, m.MeasureAtLeast):
                value = seen.get(when.measure)
                pts = top if value is not None and value >= when.value else Fraction(0)
            else:
                raised, quota = seen.get("raised"), seen.get("quota")
                pts = top if raised is not None and quota is not None and raised >= quota else Fraction(0)
        out[c.id] = pts
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(computed_cases())
def test_computed_criteria_agree_with_a_fraction_oracle_on_their_thresholds(case):
    campaign, results, expected = case
    ev = thidua.evaluate(campaign, results)
    for u, points in expected.items():
        score = ev.unit(u).score
        assert score is not None
        got = {s.criterion: s.points for s in score.criteria}
        assert got == {**points, "thuong": Fraction(0)}  # a bonus is kept apart from the points
        assert next(s.bonus for s in score.criteria if s.criterion == "thuong") == points["thuong"]
        standard = sum(v for k, v in points.items() if k not in ("thuong", "tru"))
        assert (score.standard, score.bonus, score.penalty) == (standard, points["thuong"], points["tru"])
        assert score.total == standard + points["thuong"] + points["tru"]
    with general_only():
        assert thidua.evaluate(campaign, results) == ev


# -- ratings lowered by requirements and disqualifiers ---------------------------------------------


REQUIREMENTS = st.lists(st.sampled_from((m.AllTargetsMet(), m.Flag("khen-thuong"), m.Flag("dan-chu"))), max_size=2)


@st.composite
def lowered_ratings(draw: st.DrawFn) -> tuple[m.Campaign, m.Results]:
    """Communes scored on and around the band edges, on a scale whose grades require every target
    met or a flag set and whose disqualifiers read flags; the flags set, unset or missing."""
    from engine_builders import GRADES, commune_scale, hamlet_scale, make_campaign, make_results, row

    grades = tuple(attrs.evolve(g, requires=tuple(draw(REQUIREMENTS))) for g in GRADES)
    disqualifiers = tuple(
        m.Disqualifier(f"d{i}", f"Loại {i}", m.Flag(flag), draw(st.sampled_from([g.id for g in GRADES])))
        for i, flag in enumerate(draw(st.lists(st.sampled_from(("ky-luat", "khen-thuong")), max_size=2)))
    )
    scale = attrs.evolve(commune_scale(), grades=grades, disqualifiers=disqualifiers)  # bands 90+, 70-89, ...
    target = m.CountTarget("mo-hinh", "1 mô hình", "models", 1)
    units = [f"xa-{i}" for i in range(draw(st.integers(1, 6)))]
    policy = draw(st.sampled_from(("not_met", "exclude", "error")))
    campaign = make_campaign(
        communes=tuple(units),
        rubric=score_rubric(),
        targets=(target,),
        scales=(hamlet_scale(), scale),
        missing=policy,
    )
    rows = []
    for u in units:
        flags = {
            f: draw(st.booleans())
            for f in ("khen-thuong", "dan-chu", "ky-luat")
            if draw(st.integers(0, 9))  # now and then a flag is missing: the policy decides
        }
        score = draw(st.sampled_from((100, 90, Fraction(1799, 20), 70, 69, 50, 49, 0)))
        rows.append(row(u, measures={"score": score, "models": draw(st.integers(0, 2))}, flags=flags))
    return campaign, make_results(rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lowered_ratings())
def test_ratings_lowered_by_requirements_and_disqualifiers_agree_with_the_general_rule(case):
    campaign, results = case
    compiled = _outcome(campaign, results)
    with general_only():
        general = _outcome(campaign, results)
    _read_everything(compiled)
    assert compiled == general
    if campaign.missing is not m.MissingPolicy.ERROR:  # a missing flag is then decided, not an error
        assert isinstance(compiled, thidua.Evaluation), compiled


def test_an_indicator_no_rule_reads_is_not_computed_on_either_path():
    # the unit's targets read its counts only; an indicator dividing by its measure (0 here) is read
    # by no rule: neither path evaluates it (the compiled targets used to, and stopped on "division
    # by zero"; found by Hypothesis)
    from engine_builders import make_campaign, make_results, row

    share = m.ShareTarget("bctmt-good", "BCTMT tốt trở lên", "hamlet", "htt", "80%", "all")
    campaign = make_campaign(targets=(share,), indicators=(m.Indicator("binh_quan", "quy / so_ho"),))
    counts = {"hamlet": {"htxs": 3, "htt": 5, "ht": 2, "kht": 0}}
    results = make_results([row("xa-a", counts=counts, measures={"quy": 5, "so_ho": 0})])
    compiled = _outcome(campaign, results)
    with general_only():
        general = _outcome(campaign, results)
    assert isinstance(compiled, thidua.Evaluation), compiled
    assert compiled == general
    t = compiled.target("xa-a", "bctmt-good")
    assert (t.numerator, t.denominator, t.met) == (8, 10, True)
    # the same with a score whose only computed criterion reads the target, not a measure
    rubric = score_rubric([m.Criterion("dat", "Đạt", 10, m.PassFail(m.TargetMet("bctmt-good")))])
    campaign = attrs.evolve(campaign, rubrics=(rubric,))
    compiled = _outcome(campaign, results)
    with general_only():
        general = _outcome(campaign, results)
    assert isinstance(compiled, thidua.Evaluation), compiled
    assert compiled == general
    assert compiled.unit("xa-a").score.total == 10
