"""Whatever validation accepts, evaluation evaluates (and explains) or refuses with a DataError or an
EvaluationError: never an internal error.

Two sources of input: whole campaigns and results drawn by :mod:`thidua.testing.strategies`, given a
review chain, a ranking rule, withdrawn and added criteria and review histories; and the bundled example
files, mutated at random and loaded as a user's files would be.
"""

from __future__ import annotations

import copy
import json

import attrs
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import thidua
from thidua import examples, io
from thidua import model as m
from thidua.errors import DataError, EvaluationError
from thidua.l10n import explain_cluster, explain_unit
from thidua.model._review import replay
from thidua.testing import strategies as ts

#: whole documents are large: fewer examples than the profile's default (60 in CI)
WHOLE = settings(
    max_examples=max(10, settings.default.max_examples // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def evaluate_or_refuse(campaign, results, history=None):
    """Evaluate at every stage (and without one), explaining every unit and cluster in both languages;
    a DataError or an EvaluationError is a refusal, anything else fails the test."""
    for stage in (None, *(s.id for s in campaign.stages)):
        try:
            ev = thidua.evaluate(campaign, results, stage=stage, history=history)
        except (DataError, EvaluationError) as exc:
            refused = str(exc)  # a refusal reads as a message, in the reader's language
            assert refused
            event("refused")
            continue
        event("evaluated")
        for locale in ("vi", "en"):
            for u in ev.units:
                assert explain_unit(ev, u.unit, campaign=campaign, locale=locale)
            for cl in ev.clusters:
                assert explain_cluster(ev, cl.cluster, campaign=campaign, locale=locale)


# -- drawn campaigns and results, with the review features ----------------------------------------------


@st.composite
def reviewed_campaigns(draw):
    c = draw(ts.campaigns())
    stages = tuple(
        attrs.evolve(s, actions=draw(st.lists(st.sampled_from(list(m.ReviewAction)), unique=True, max_size=4)))
        for s in c.stages
    )
    mode = draw(st.sampled_from(list(m.RankMode)))
    options = [st.builds(m.MeasureTieBreak, ts.measure_names(), st.booleans())]
    if stages:
        options += [st.just(m.SelfScoreTieBreak()), st.sampled_from([m.StageTotalTieBreak(s.id) for s in stages])]
    chain = draw(st.lists(st.one_of(*options), max_size=3))
    if mode is m.RankMode.ORDINAL and draw(st.booleans()):
        chain.append(m.NameTieBreak())
    rubrics = []
    for rubric in c.rubrics:
        if rubric.criteria and draw(st.booleans()):
            k = draw(st.integers(0, len(rubric.criteria) - 1))
            gone = attrs.evolve(rubric.criteria[k], withdrawn=m.Withdrawal(reason="Bỏ"))
            rubrics.append(attrs.evolve(rubric, criteria=(*rubric.criteria[:k], gone, *rubric.criteria[k + 1 :])))
        else:
            rubrics.append(rubric)
    return attrs.evolve(
        c,
        stages=stages,
        rubrics=tuple(rubrics),
        ranking=m.RankingRule(mode, tuple(chain)),
        tie_breaks=() if chain else c.tie_breaks,
        unreviewed=draw(st.sampled_from(list(m.Unreviewed))),
    )


@st.composite
def walks(draw, campaign):
    """A review history that follows the declared chain, as far as the stages' actions allow."""
    stages = campaign.stages
    at, events = 0, []
    for _ in range(draw(st.integers(0, 6))):
        allowed = sorted(stages[at].actions)
        if not allowed:
            break
        action = draw(st.sampled_from(allowed))
        if action is m.ReviewAction.SEND_BACK:
            if at == 0:
                break
            to = draw(st.integers(0, at - 1))
            events.append(m.ReviewEvent(stages[at].id, action, to=stages[to].id, reason="Bổ sung"))
            at = to
            continue
        events.append(m.ReviewEvent(stages[at].id, action, reason="Lý do"))
        if action is not m.ReviewAction.APPROVE or at == len(stages) - 1:
            break
        at += 1
    return tuple(events)


@st.composite
def reviewed_results(draw, campaign):
    r = draw(ts.results_for(campaign))
    if not campaign.stages:
        return r
    rows = []
    for drawn in r.units:
        row = drawn
        if draw(st.booleans()):
            events = draw(walks(campaign))
            state = None
            if events and draw(st.booleans()):
                stages = [s.id for s in campaign.stages]
                state = replay(events, stages, [frozenset(s.actions) for s in campaign.stages]).state
            row = attrs.evolve(row, review=events, state=state)
        later = [j for j, a in enumerate(row.assessments) if j > 0]
        if later and draw(st.booleans()):
            j = draw(st.sampled_from(later))
            a = row.assessments[j]
            added = m.AddedCriterion("phat-sinh", "Tiêu chí phát sinh", a.stage, 5, "Bổ sung", "Hội đồng")
            scored = attrs.evolve(a, scores=(*a.scores, m.ScoreEntry("phat-sinh", draw(st.integers(0, 5)))))
            row = attrs.evolve(
                row, added=(added,), assessments=(*row.assessments[:j], scored, *row.assessments[j + 1 :])
            )
        rows.append(row)
    return attrs.evolve(r, units=tuple(rows))


@WHOLE
@given(st.data())
def test_whatever_validation_accepts_is_evaluated_or_refused_as_data(data):
    campaign = data.draw(reviewed_campaigns())
    assume(not any(p.is_error for p in m.validate_campaign(campaign)))
    results = data.draw(reviewed_results(campaign))
    assume(not any(p.is_error for p in m.validate_results(campaign, results)))
    evaluate_or_refuse(campaign, results)


# -- the bundled files, mutated -------------------------------------------------------------------------

EXAMPLES = examples.names()
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.sampled_from(["", "0", "1/3", "80%", "-5", "100", "htxs", "x", "2022-01-01", "tu-cham"]),
    st.text(max_size=5),
)


def _paths(node, prefix=()):
    """Every place in plain data: (path, value)."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


def _set(root, path, value):
    node = root
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@st.composite
def mutated(draw, data):
    """*data* with a few random edits: a value replaced, a key dropped, a list item dropped or repeated."""
    out = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p, _ in _paths(out) if p and p[0] not in ("schema_version", "document")]
        path = draw(st.sampled_from(places))
        kind = draw(st.sampled_from(["replace", "drop", "repeat"]))
        parent = out
        for part in path[:-1]:
            parent = parent[part]
        if kind == "replace":
            _set(out, path, draw(SCALARS))
        elif kind == "drop":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return out


def _load(data, expected, **kwargs):
    try:
        return io.loads(json.dumps(data, ensure_ascii=False), "json", expected=expected, **kwargs)
    except DataError:
        return None


@settings(
    max_examples=max(20, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.sampled_from(EXAMPLES), st.booleans(), st.data())
def test_mutated_bundled_files_are_evaluated_or_refused_as_data(name, mutate_campaign, data):
    campaign_data = json.loads(examples.path(name).read_text(encoding="utf-8"))
    results_data = json.loads(examples.path(name, "results").read_text(encoding="utf-8"))
    if mutate_campaign:
        campaign_data = data.draw(mutated(campaign_data))
    results_data = data.draw(mutated(results_data))
    campaign = _load(campaign_data, "campaign")
    assume(campaign is not None)
    results = _load(results_data, "results", campaign=campaign)
    assume(results is not None)
    history = examples.load_history(name)
    if history is not None and m.validate_history(campaign, history):
        history = None
    evaluate_or_refuse(campaign, results, history)
