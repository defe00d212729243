"""One unit's results row: read from plain data and checked against a campaign, problems located in the row."""

from __future__ import annotations

import json

import pytest

import thidua
from problem_text import GRADES_LISTED, en
from thidua.io import dumps, structure_row, validate_row
from thidua.model import UnitResult


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign()


def _row_data(results, unit):
    """The plain data of one row, as a results document writes it."""
    doc = json.loads(dumps(results))
    return next(r for r in doc["units"] if r["unit"] == unit)


def test_a_row_written_in_a_document_reads_back_equal(campaign):
    results = thidua.examples.load_results()
    for row in results.units:
        data = _row_data(results, row.unit)
        assert structure_row(data, campaign=campaign) == row
        assert validate_row(campaign, data) == []
        assert validate_row(campaign, row) == []


def test_types_values_and_references_in_one_pass(campaign):
    data = {
        "unit": "xa-van-khanh-tay",
        "rating": 7,
        "measures": {"fund_raised": 0.5, "late_reports": "2"},
        "counts": {"hamlet": {"htt": 5, "xuat-sac": 3}},
        "totals": {"hamlet": 8},
        "flags": {"ok": "yes"},
        "assessments": [{"stage": "khong-co", "scores": [{"criterion": "chap-hanh", "points": "10"}]}],
        "colour": "blue",
    }
    problems = validate_row(campaign, data)
    assert [(p.path, p.code) for p in problems] == [
        ("assessments[0].stage", "unknown-stage"),
        ("colour", "unknown-field"),
        ("counts.hamlet.xuat-sac", "unknown-grade-in-scale"),
        ("flags.ok", "expected-bool"),
        ("measures.fund_raised", "float-not-allowed"),
        ("rating", "expected-text"),
    ]
    assert en([problems[2]]) == [f"counts.hamlet.xuat-sac: unknown grade 'xuat-sac'; the scale has {GRADES_LISTED}"]
    assert str(problems[4]).startswith("measures.fund_raised: 0.5 là số thập phân viết không có dấu nháy")
    with pytest.raises(thidua.DataError) as info:
        structure_row(data, campaign=campaign)
    assert info.value.problems == tuple(problems)
    # the body of an HTTP 422, as it is
    assert info.value.to_data("en")[0] == {
        "loc": ["assessments", 0, "stage"],
        "path": "assessments[0].stage",
        "code": "unknown-stage",
        "severity": "error",
        "message": "'khong-co' is not a review stage of the campaign",
        "params": {"stage": "khong-co"},
    }


def test_a_bad_entry_does_not_hide_the_other_entries_of_its_mapping(campaign):
    # -1 cannot be read: the other grades of the hamlets are still checked against the scale
    data = {
        "unit": "xa-van-khanh-tay",
        "counts": {"hamlet": {"htt": -1, "htxs": 3, "zz": 1}},
        "totals": {"hamlet": 12},
        "measures": {"x": 0.5},
    }
    problems = validate_row(campaign, data)
    assert [(p.path, p.code) for p in problems] == [
        ("counts.hamlet.htt", "expected-count"),
        ("counts.hamlet.zz", "unknown-grade-in-scale"),
        ("measures.x", "float-not-allowed"),
    ]
    assert en([problems[1]]) == [f"counts.hamlet.zz: unknown grade 'zz'; the scale has {GRADES_LISTED}"]
    assert str(problems[1]) == f"counts.hamlet.zz: không có mức xếp loại “zz”; thang xếp loại gồm {GRADES_LISTED}"
    with pytest.raises(thidua.DataError) as info:
        structure_row(data, campaign=campaign)
    assert info.value.problems == tuple(problems)
    # a level that cannot be read at all is reported once, with the unknown level beside it
    data = {"unit": "xa-van-khanh-tay", "counts": {"hamlet": "many", "khong-co": {"htt": 1}}}
    assert [(p.path, p.code) for p in validate_row(campaign, data)] == [
        ("counts.hamlet", "invalid-value"),
        ("counts.khong-co", "unknown-level"),
    ]


def test_without_a_campaign_only_the_row_itself_is_checked():
    assert structure_row({"unit": "xa-khong-co", "counts": {"ap": {"tot": 2}}}).counts == {"ap": {"tot": 2}}
    with pytest.raises(thidua.DataError) as info:
        structure_row({"counts": {"ap": {"tot": -2}}})
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("counts.ap.tot", "expected-count"),
        ("unit", "required-field"),
    ]
    with pytest.raises(thidua.DataError) as info:
        structure_row(["xa-a"])
    assert info.value.codes == ["expected-mapping"]


def test_a_unit_result_is_checked_against_the_campaign(campaign):
    row = UnitResult("xa-khong-co", rating="xuat-sac")
    assert [(p.path, p.code) for p in validate_row(campaign, row)] == [("unit", "unknown-unit")]
    prepared = thidua.prepare(campaign)
    assert validate_row(prepared, row) == validate_row(campaign, row)


def test_a_row_read_from_data_updates_a_session(campaign):
    session = thidua.engine.Session(campaign, thidua.examples.load_results())
    data = _row_data(session.results, "xa-van-khanh-tay")
    data["measures"]["fund_raised"] = "150000000"
    up = session.update(structure_row(data, campaign=session.prepared))
    assert next(t for t in up.unit.targets if t.target == "quy-vi-nguoi-ngheo").met
