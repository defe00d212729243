"""The JSON Schema of documents: generated from the model, accepting every valid document."""

from __future__ import annotations

import copy
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from problem_text import en, raises_en
from thidua import examples, io
from thidua import model as m
from thidua.errors import DataError
from thidua.io._converter import CONDITION_KINDS, METHOD_KINDS, TARGET_KINDS, TIE_BREAK_KINDS
from thidua.testing import strategies as ts

DOCUMENTS = ("campaign", "results", "history")
TAGS = {**TARGET_KINDS, **CONDITION_KINDS, **METHOD_KINDS, **TIE_BREAK_KINDS}
WHOLE = settings(max_examples=max(10, settings.default.max_examples // 3))


def validator(document):
    return Draft202012Validator(io.json_schema(document), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(document, data):
    return sorted(validator(document).iter_errors(data), key=lambda e: list(e.absolute_path))


def bundled():
    for name in examples.names():
        for document in DOCUMENTS:
            try:
                yield name, document, examples.path(name, document)
            except KeyError:
                continue


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_schema_is_a_valid_draft_2020_12_schema(document):
    schema = io.json_schema(document)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"][:2] == ["schema_version", "document"]
    assert schema["properties"]["schema_version"]["const"] == io.SCHEMA_VERSION
    assert schema["properties"]["document"] == {"const": document}
    assert schema["additionalProperties"] is False
    assert json.loads(json.dumps(schema)) == schema  # plain data only


def test_the_bundled_examples_include_an_minh():
    assert ("an-minh-2022", "campaign") in {(name, document) for name, document, _ in bundled()}


@pytest.mark.parametrize(("name", "document", "path"), list(bundled()), ids=lambda x: str(getattr(x, "name", x)))
def test_every_bundled_example_matches_the_schema(name, document, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["document"] == document, name
    assert errors(document, data) == []


@WHOLE
@given(ts.campaigns().flatmap(lambda c: st.tuples(st.just(c), ts.results_for(c), ts.histories_for(c))))
def test_every_written_document_matches_the_schema(docs):
    for document, obj in zip(DOCUMENTS, docs, strict=True):
        assert errors(document, json.loads(io.dumps(obj))) == []


@given(ts.results(), ts.histories())
def test_free_results_and_history_match_the_schema(results, history):
    assert errors("results", json.loads(io.dumps(results))) == []
    assert errors("history", json.loads(io.dumps(history))) == []


def model_classes():
    return [getattr(m, n) for n in m.__all__ if isinstance(getattr(m, n), type) and attrs.has(getattr(m, n))]


def test_every_model_class_is_described_field_by_field():
    defs = io.json_schema("campaign")["$defs"] | io.json_schema("results")["$defs"] | io.json_schema("history")["$defs"]
    for cls in model_classes():
        if cls in (m.Campaign, m.Results, m.History):
            continue
        definition = defs[cls.__name__]
        fields = attrs.fields(cls)
        tag = ["kind"] if cls in TAGS else []
        assert list(definition["properties"]) == tag + [f.name for f in fields], cls
        assert definition.get("required", []) == tag + [f.name for f in fields if f.default is attrs.NOTHING], cls
        assert definition["additionalProperties"] is False
        if cls in TAGS:
            assert definition["properties"]["kind"] == {"const": TAGS[cls]}


@pytest.mark.parametrize(
    ("document", "cls"), [("campaign", m.Campaign), ("results", m.Results), ("history", m.History)]
)
def test_the_top_level_is_the_document_class(document, cls):
    schema = io.json_schema(document)
    names = [f.name for f in attrs.fields(cls)]
    assert list(schema["properties"]) == ["schema_version", "document", *names]
    assert schema["required"] == ["schema_version", "document"] + [
        f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING
    ]


@pytest.mark.parametrize(
    ("union", "kinds"), [("Target", TARGET_KINDS), ("Condition", CONDITION_KINDS), ("Method", METHOD_KINDS)]
)
def test_a_tagged_union_offers_every_kind(union, kinds):
    defs = io.json_schema("campaign")["$defs"]
    refs = [variant["$ref"] for variant in defs[union]["oneOf"]]
    assert refs == [f"#/$defs/{cls.__name__}" for cls in kinds]


def test_only_used_definitions_are_kept():
    assert sorted(io.json_schema("history")["$defs"]) == ["HistoryRecord", "Id"]


def test_each_call_returns_a_new_schema():
    first = io.json_schema("campaign")
    first["properties"].clear()
    assert "units" in io.json_schema("campaign")["properties"]


@pytest.mark.parametrize("document", ["report", "", None, "Campaign"])
def test_an_unknown_document_type_is_refused(document):
    with raises_en(ValueError, "unknown document type"):
        io.json_schema(document)


# The schema has teeth: what the loader refuses for its shape, the schema refuses too.


@pytest.fixture(scope="module")
def an_minh_data():
    return json.loads(examples.path("an-minh-2022").read_text(encoding="utf-8"))


def refused(data, document="campaign"):
    """The (path, validator) of each schema error."""
    return [(list(e.absolute_path), e.validator) for e in errors(document, data)]


def test_a_float_share_is_refused(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    data["agreements"][0]["content_areas"][7]["targets"][0]["at_least"] = 0.8
    # the target matches no kind once its share is a float
    assert refused(data) == [(["agreements", 0, "content_areas", 7, "targets", 0], "oneOf")]


@pytest.mark.parametrize("share", ["80%", "0.8", "1/3", "100/3%", "66.67%", 80, 0, 100, " 80 % "])
def test_exact_shares_are_accepted(an_minh_data, share):
    data = copy.deepcopy(an_minh_data)
    data["agreements"][0]["content_areas"][7]["targets"][0]["at_least"] = share
    assert refused(data) == []


@pytest.mark.parametrize("share", [101, -1, "80 percent", "8e-1", True, None])
def test_malformed_shares_are_refused(an_minh_data, share):
    data = copy.deepcopy(an_minh_data)
    data["agreements"][0]["content_areas"][7]["targets"][0]["at_least"] = share
    assert refused(data) == [(["agreements", 0, "content_areas", 7, "targets", 0], "oneOf")]


def test_an_unknown_key_is_refused(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    data["colour"] = "red"
    data["units"][3]["population"] = 12000
    assert refused(data) == [([], "additionalProperties"), (["units", 3], "additionalProperties")]


def test_required_keys_are_required(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    del data["schema_version"]
    del data["units"][3]["level"]
    assert refused(data) == [([], "required"), (["units", 3], "required")]


def test_the_document_type_is_fixed(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    data["document"] = "results"
    assert refused(data) == [(["document"], "const")]
    assert refused(an_minh_data, "results") != []


def test_ids_dates_and_kinds_are_checked(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    data["units"][3]["id"] = "thị-trấn"  # not ASCII
    data["units"][3]["valid_to"] = "30/06/2025"
    data["rubrics"][0]["criteria"][0]["method"] = {"kind": "vote"}
    data["rubrics"][0]["criteria"][0]["points"] = 7.5
    assert refused(data) == [
        (["rubrics", 0, "criteria", 0, "method"], "anyOf"),
        (["rubrics", 0, "criteria", 0, "points"], "anyOf"),
        (["units", 3, "id"], "pattern"),
        (["units", 3, "valid_to"], "anyOf"),  # a date, or null
    ]


def test_what_the_schema_refuses_the_loader_refuses_too(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    data["units"][3]["population"] = 12000
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(data))
    assert en(info.value.problems) == ("units[3].population: unknown field 'population'",)
