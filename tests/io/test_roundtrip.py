"""Round trips: ``load(dump(x)) == x`` for every document in every format, and every model class."""

from __future__ import annotations

import json
import unicodedata
from fractions import Fraction

import attrs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from problem_text import raises_en
from thidua import io
from thidua import model as m
from thidua.errors import ModelError
from thidua.io._converter import CONDITION_KINDS, METHOD_KINDS, TARGET_KINDS, TIE_BREAK_KINDS
from thidua.testing import strategies as ts

FORMATS = ("json", "toml", "yaml")
MODEL_CLASSES = sorted(
    (getattr(m, name) for name in m.__all__ if isinstance(getattr(m, name), type) and attrs.has(getattr(m, name))),
    key=lambda cls: cls.__name__,
)
UNIONS = {
    **dict.fromkeys(TARGET_KINDS, m.Target),
    **dict.fromkeys(CONDITION_KINDS, m.Condition),
    **dict.fromkeys(METHOD_KINDS, m.Method),
    **dict.fromkeys(TIE_BREAK_KINDS, m.TieBreak),
}


#: Whole documents are large: fewer examples than the profile's default (60 in CI).
WHOLE = settings(max_examples=max(10, settings.default.max_examples // 3))


def documents():
    """A campaign with results and history consistent with it."""
    return ts.campaigns().flatmap(lambda c: st.tuples(st.just(c), ts.results_for(c), ts.histories_for(c)))


@WHOLE
@given(documents())
def test_every_document_round_trips_in_every_format(docs):
    campaign, results, history = docs
    for fmt in FORMATS:
        text = io.dumps(campaign, fmt)
        assert io.loads(text, fmt, expected="campaign") == campaign  # loading also validates the campaign
        assert io.dumps(io.loads(text, fmt), fmt) == text  # writing again gives the same text
        assert io.loads(io.dumps(results, fmt), fmt, expected="results", campaign=campaign) == results
        assert io.loads(io.dumps(history, fmt), fmt, expected="history", campaign=campaign) == history


@given(ts.results(), ts.histories(), st.sampled_from(FORMATS))
def test_results_and_history_without_their_campaign_round_trip(results, history, fmt):
    # without a campaign, only the structure is checked: any valid object comes back
    assert io.loads(io.dumps(results, fmt), fmt) == results
    assert io.loads(io.dumps(history, fmt), fmt) == history


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_minh_round_trips_through_files(tmp_path, an_minh, an_minh_results, fmt):
    campaign_path = io.dump(an_minh, tmp_path / f"campaign.{fmt}")
    results_path = io.dump(an_minh_results, tmp_path / f"results.{fmt}")
    assert campaign_path.name == f"campaign.{fmt}"
    assert io.load(campaign_path) == an_minh
    assert io.load(results_path, campaign=an_minh) == an_minh_results
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"campaign.{fmt}", f"results.{fmt}"])


def test_files_are_utf8_with_names_in_nfc(tmp_path, an_minh):
    nfd = unicodedata.normalize("NFD", "Xã Vân Khánh Tây")
    unit = m.Unit("xa-moi", nfd, "commune", "huyen-an-minh", valid_to=an_minh.units[3].valid_to)
    campaign = attrs.evolve(an_minh, units=(*an_minh.units, unit))
    assert campaign.units[-1].name == "Xã Vân Khánh Tây"
    for fmt in FORMATS:
        path = io.dump(campaign, tmp_path / f"c.{fmt}")
        text = path.read_bytes().decode("utf-8")
        assert "Xã Vân Khánh Tây" in text
        assert nfd not in text


@settings(max_examples=max(10, settings.default.max_examples // 3))
@pytest.mark.parametrize("cls", [c for c in MODEL_CLASSES if c is not m.Campaign], ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_model_class_round_trips_through_json_and_yaml(cls, data):
    # campaigns are whole documents, see test_every_document_round_trips_in_every_format
    obj = data.draw(ts.for_type(cls))
    assert isinstance(obj, cls)
    wire = UNIONS.get(cls, cls)  # a tagged class is written with its "kind"
    converter = io.make_converter()
    plain = converter.unstructure(obj, wire)
    if wire is not cls:
        assert plain["kind"] == {**TARGET_KINDS, **CONDITION_KINDS, **METHOD_KINDS, **TIE_BREAK_KINDS}[cls]
    assert converter.structure(json.loads(json.dumps(plain, ensure_ascii=False)), wire) == obj
    assert converter.structure(yaml.safe_load(yaml.safe_dump(plain, allow_unicode=True)), wire) == obj


def test_every_model_class_has_a_strategy():
    for cls in MODEL_CLASSES:
        assert ts.for_type(cls) is not None
    with raises_en(KeyError, "no strategy"):
        ts.for_type(int)


def test_a_number_with_a_large_power_of_two_denominator_round_trips():
    # 1/2**29 is written with 29 decimals and read back exactly (its denominator is within 10**9)
    step = m.StepRow(0, Fraction(1, 2**29))
    converter = io.make_converter()
    assert converter.unstructure(step)["points"] == "0.00000000186264514923095703125"
    assert converter.structure(converter.unstructure(step), m.StepRow) == step


def test_a_number_beyond_nine_decimals_of_precision_is_refused():
    # 1/2**30 has a denominator above 10**9: outside the numbers a document may hold
    with pytest.raises(ModelError) as info:
        m.parse_number("0.000000000931322574615478515625")
    assert [p.code for p in info.value.problems] == ["number-out-of-bounds"]
