"""Outcomes as plain data and back: every outcome class, every field, exact, nothing private."""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua
from thidua.engine import Session, Step, UnitEvaluation
from thidua.io import OUTCOME_TYPES, from_data, make_converter, outcome_schema, to_data

# -- strategies built from the classes' fields, so that every field that exists is covered ------------


def _lazy(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, or a function returning it (as the engine keeps lazily built fields)."""
    return st.one_of(values, values.map(lambda v: lambda: v))


def _open_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.text(max_size=8),
        st.integers(-(10**12), 10**12),
        st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**9),
        st.dates(),
    )
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3).map(tuple), max_leaves=5)


def strategy(t: Any) -> st.SearchStrategy[Any]:
    """Values of the type *t* as the engine's outcome classes declare it."""
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        if str in args and Fraction in args:  # an open value (trace and conflict arguments)
            return _open_values()
        plain = [a for a in args if typing.get_origin(a) is not Callable]
        lazy = len(plain) < len(args)
        found = st.one_of([st.none() if a is type(None) else strategy(a) for a in plain])
        return _lazy(found) if lazy else found
    if t is Fraction:
        return st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**9)
    if t is int:
        return st.integers(-(10**6), 10**6)
    if t is bool:
        return st.booleans()
    if t is str:
        return st.text(max_size=8)
    if t is dt.date:
        return st.dates()
    if origin is tuple:
        return st.lists(strategy(args[0]), max_size=2).map(tuple)
    if origin in (Mapping, dict):
        return st.dictionaries(st.text(max_size=5), strategy(args[1]), max_size=3)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return st.sampled_from(list(t))
    if isinstance(t, type) and attrs.has(t):
        hints = typing.get_type_hints(t)
        fields = {f.alias: st.deferred(lambda f=f: strategy(hints[f.name])) for f in attrs.fields(t) if f.init}
        return st.builds(t, **fields)
    msg = f"no strategy for {t!r}: add one, so that the new field is covered"
    raise TypeError(msg)


def _plain_json(value: Any, path: str = "", *, fields: bool = True) -> None:
    """Only JSON's own types, no float, and no private field (the keys of ``args`` are data)."""
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), path
            assert not (fields and k.startswith("_")), f"private key {path}.{k}"
            _plain_json(v, f"{path}.{k}", fields=k != "args")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _plain_json(v, f"{path}[{i}]")
    else:
        assert value is None or type(value) in (str, int, bool), f"{path}: {type(value).__name__}"


@pytest.mark.parametrize("name", sorted(OUTCOME_TYPES))
@settings(max_examples=30)
@given(data=st.data())
def test_every_outcome_round_trips_through_json(name, data):
    cls = OUTCOME_TYPES[name]
    outcome = data.draw(strategy(cls))
    written = to_data(outcome)
    _plain_json(written)
    text = json.dumps(written, ensure_ascii=False, allow_nan=False)
    back = from_data(json.loads(text))
    assert type(back) is cls
    assert back == outcome
    assert to_data(back) == written
    jsonschema.validate(written, outcome_schema(cls))


def test_every_outcome_class_is_covered():
    # an evaluation, an update and what they are made of
    assert set(OUTCOME_TYPES) >= {
        "AwardOutcome",
        "Change",
        "ClusterEvaluation",
        "Conflict",
        "CriterionScore",
        "Evaluation",
        "RankEntry",
        "Ranking",
        "RatingOutcome",
        "ScoreOutcome",
        "Step",
        "TargetOutcome",
        "UnitEvaluation",
        "Update",
    }
    for name, cls in OUTCOME_TYPES.items():
        schema = outcome_schema(name)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert set(schema["properties"]) == {"outcome", "outcome_schema_version"} | {
            f.alias for f in attrs.fields(cls) if f.init
        }


@pytest.mark.parametrize("example", thidua.examples.names())
def test_real_evaluations_round_trip(example):
    campaign = thidua.examples.load_campaign(example)
    results = thidua.examples.load_results(example)
    ev = thidua.evaluate(campaign, results)
    written = to_data(ev)
    _plain_json(written)
    jsonschema.validate(written, outcome_schema("Evaluation"))
    back = from_data(json.loads(json.dumps(written)))
    assert back == ev
    assert back.fingerprint == ev.fingerprint
    # the lazily built parts are written in full
    unit = next(u for u in written["units"] if u["score"] is not None)
    assert unit["score"]["criteria"]
    assert all(t["trace"] for t in unit["targets"])


def test_an_update_is_written_with_its_fingerprint():
    session = Session(thidua.examples.load_campaign(), thidua.examples.load_results())
    row = session.results.units[0]
    up = session.update(attrs.evolve(row, measures={**row.measures, "fund_raised": 150_000_000}))
    written = to_data(up)
    assert written["outcome"] == "Update"
    assert written["fingerprint"] == up.evaluation.fingerprint
    assert written["changed"] == ["xa-van-khanh-dong", "xa-van-khanh-tay"]
    assert set(written) == {"outcome", "outcome_schema_version", "unit", "clusters", "changed", "fingerprint"}
    back = from_data(written)
    assert back == up
    with pytest.raises(AttributeError, match="not made by a Session"):
        _ = back.evaluation


def test_exact_numbers_are_texts_and_ranks_integers(an_minh, an_minh_results):
    ev = thidua.evaluate(an_minh, an_minh_results)
    unit = to_data(ev.unit("xa-van-khanh-tay"))
    assert unit["rank"] == 4
    assert unit["score"]["total"] == "89.9999999"
    fund = next(c for c in unit["score"]["criteria"] if c["criterion"] == "quy-vi-nguoi-ngheo")
    assert fund["points"] == "14.9999999"
    ranking = to_data(ev.cluster("cum-2").ranking)
    assert [(e["unit"], e["rank"], e["score"]) for e in ranking["entries"][2:4]] == [
        ("xa-dong-hoa", 3, "94"),
        ("xa-tan-thanh", 3, "94"),
    ]


def test_the_document_converter_writes_outcomes_the_same_way(an_minh, an_minh_results):
    # it used to write the private lazy fields, as functools.partial objects
    unit = thidua.evaluate(an_minh, an_minh_results).unit("xa-van-khanh-tay")
    plain = make_converter().unstructure(unit)
    written = to_data(unit)
    assert plain == {k: v for k, v in written.items() if k not in ("outcome", "outcome_schema_version")}
    _plain_json(plain)


def test_reading_reports_every_problem_with_its_path():
    good = to_data(Step("count", {"value": 3}))
    bad = {**good, "code": 7, "args": {"value": 0.5, "when": {"date": "2022-13-01"}}, "extra": 1}
    with pytest.raises(thidua.DataError) as info:
        from_data(bad)
    assert sorted((p.path, p.code) for p in info.value.problems) == [
        ("args.value", "invalid-value"),
        ("args.when", "expected-date"),
        ("code", "expected-text"),
        ("extra", "unknown-field"),
    ]
    with pytest.raises(thidua.DataError) as info:
        from_data({**good, "outcome_schema_version": 2, "outcome": "Nothing"})
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("outcome_schema_version", "unsupported-schema-version"),
        ("outcome", "unknown-document"),
    ]
    with pytest.raises(thidua.DataError) as info:
        from_data(good, UnitEvaluation)
    assert info.value.codes == ["unknown-document"]
    data = to_data(thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results()))
    data["units"][0]["score"]["total"] = 89.9
    with pytest.raises(thidua.DataError) as info:
        from_data(data)
    assert [(p.path, p.code) for p in info.value.problems] == [("units[0].score.total", "expected-number")]


def test_to_data_refuses_what_is_not_an_outcome():
    with pytest.raises(TypeError, match="not an outcome"):
        to_data(thidua.examples.load_campaign())


def test_the_documented_examples_run():
    import doctest
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "outcomes-json.md"
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert (result.failed, result.attempted > 5) == (0, True)
