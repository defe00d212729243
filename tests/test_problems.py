"""Problems: one structure (code, loc, params) for every input problem, rendered in the reader's language."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua
from thidua import io
from thidua.errors import Code, DataError, EvaluationError, MissingExtraError, Problem, all_codes, format_loc

UNKNOWN = Code("unknown-unit", "unknown unit '%(unit)s'")


def test_a_location_is_written_one_way():
    assert format_loc(("units", 0, "counts", "hamlet", "xuat-sac")) == "units[0].counts.hamlet.xuat-sac"
    assert format_loc(("scales", 0, "legacy", "yếu kém")) == 'scales[0].legacy["yếu kém"]'
    assert format_loc(("rubrics", 0, "criteria", "1.2")) == 'rubrics[0].criteria["1.2"]'
    assert format_loc(()) == ""


def test_a_problem_renders_in_each_language_with_its_place():
    p = UNKNOWN(("clusters", 1, "members", 3), unit="xa-van-khanh-tay")
    assert p.render("en") == "clusters[1].members[3]: unknown unit 'xa-van-khanh-tay'"
    assert p.render("vi") == "clusters[1].members[3]: không tìm thấy đơn vị “xa-van-khanh-tay”"
    assert str(p) == p.render("vi")
    cell = p.located(source="ket-qua.xlsx", sheet="Xã", cell="C5")
    assert cell.render("vi") == "ket-qua.xlsx, trang tính “Xã”, ô C5: không tìm thấy đơn vị “xa-van-khanh-tay”"
    assert cell.render("en", source=False) == "sheet 'Xã', cell C5: unknown unit 'xa-van-khanh-tay'"


def test_values_are_formatted_for_the_reader():
    share = Code("share-out-of-range", "a share must lie between 0%% and 100%%, got %(value)s")
    p = share((), value=Fraction(6, 5))
    assert p.message("vi") == "tỷ lệ phải nằm trong khoảng 0% đến 100%, nhưng ghi 1,2"
    assert p.message("en") == "a share must lie between 0% and 100%, got 1.2"


def test_to_data_is_plain_json_with_exact_numbers_as_text():
    p = Code("points-out-of-range", "%(value)s is outside 0–%(max)s for '%(criterion)s'")(
        ("units", 0, "assessments", 0, "scores", 1, "points"), value=Fraction(31, 2), max=15, criterion="doi-moi"
    )
    data = p.to_data("en")
    assert json.loads(json.dumps(data)) == {
        "loc": ["units", 0, "assessments", 0, "scores", 1, "points"],
        "path": "units[0].assessments[0].scores[1].points",
        "code": "points-out-of-range",
        "severity": "error",
        "message": "15.5 is outside 0–15 for 'doi-moi'",
        "params": {"value": "15.5", "max": 15, "criterion": "doi-moi"},
    }


def test_problems_are_values():
    a = UNKNOWN(("units", 0), unit="x")
    assert a == UNKNOWN(("units", 0), unit="x")
    assert a != UNKNOWN(("units", 0), unit="y")
    assert len({a, UNKNOWN(("units", 0), unit="x")}) == 1
    assert a.at("results") == UNKNOWN(("results", "units", 0), unit="x")


def test_a_code_name_has_one_template():
    with pytest.raises(ValueError, match="already defined"):
        Code("unknown-unit", "another template")


def test_every_code_is_translated_and_documented():
    vi = thidua.l10n.get_translator("vi")
    codes = all_codes()
    assert len(codes) > 150
    untranslated = [name for name, c in codes.items() if vi.gettext(c.template) == c.template]
    assert untranslated == []
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "problem_codes.py"
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


def test_data_error_accepts_only_problems():
    with pytest.raises(TypeError, match=r"thidua\.Problem"):
        DataError(["units[0]: a line of text"])  # type: ignore[list-item]


def test_one_pass_reports_types_objects_and_references_together():
    campaign = thidua.examples.load_campaign()
    doc = json.loads(io.dumps(thidua.examples.load_results()))
    doc["units"][0]["measures"]["fund_raised"] = 0.5  # a type problem
    doc["units"][2]["counts"]["hamlet"]["htt"] = -3  # an object problem
    doc["units"][1]["unit"] = "xa-khong-co"  # a reference problem
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(doc), campaign=campaign)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("units[0].measures.fund_raised", "float-not-allowed"),
        ("units[1].unit", "unknown-unit"),
        ("units[2].counts.hamlet.htt", "expected-count"),
    ]


def test_a_row_with_a_bad_value_is_still_checked_against_the_campaign():
    # one row: a float, a count of -1 and an unknown grade of the same level, and an unknown unit in
    # another row that also holds a float: every problem in one pass, none reported twice
    campaign = thidua.examples.load_campaign()
    doc = json.loads(io.dumps(thidua.examples.load_results()))
    first = doc["units"][0]
    first["measures"]["fund_raised"] = 0.5
    first["counts"]["hamlet"]["htt"] = -1
    first["counts"]["hamlet"]["xuat-sac"] = 2
    doc["units"][1]["unit"] = "xa-khong-co"
    doc["units"][1]["measures"]["fund_quota"] = 1.5
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(doc), campaign=campaign)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("units[0].counts.hamlet.htt", "expected-count"),
        ("units[0].counts.hamlet.xuat-sac", "unknown-grade-in-scale"),
        ("units[0].measures.fund_raised", "float-not-allowed"),
        ("units[1].measures.fund_quota", "float-not-allowed"),
        ("units[1].unit", "unknown-unit"),
    ]


def test_a_left_out_element_does_not_cause_problems_of_its_own():
    doc = json.loads(io.dumps(thidua.examples.load_campaign()))
    broken = doc["units"][3]
    broken["valid_from"] = "2022-13-01"  # the unit cannot be read: clusters still name it
    doc["clusters"][0]["members"][1] = "xa-khong-co"  # a real problem, reported as well
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(doc))
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("clusters[0].members[1]", "unknown-unit"),
        ("units[3].valid_from", "expected-date"),
    ]


def test_indexes_after_a_left_out_element_are_those_of_the_document():
    doc = json.loads(io.dumps(thidua.examples.load_results()))
    doc["units"][0]["counts"]["hamlet"]["htt"] = 1.5  # left out
    doc["units"][4]["unit"] = "xa-khong-co"  # the fourth row read, the fifth of the document
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(doc), campaign=thidua.examples.load_campaign())
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("units[0].counts.hamlet.htt", "float-for-whole-number"),
        ("units[4].unit", "unknown-unit"),
    ]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1000000000000000", "number-out-of-bounds"),  # 10**15: a quadrillion đồng
        ("-1000000000000000", "number-out-of-bounds"),
        ("0.0000000001", "number-out-of-bounds"),  # ten decimals
        (10**15, "number-out-of-bounds"),
    ],
)
def test_numbers_outside_the_bounds_are_refused_with_their_path(value, code):
    doc = json.loads(io.dumps(thidua.examples.load_results()))
    doc["units"][0]["measures"]["fund_raised"] = value
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(doc), campaign=thidua.examples.load_campaign())
    assert [(p.path, p.code) for p in info.value.problems] == [("units[0].measures.fund_raised", code)]


def test_the_largest_numbers_within_the_bounds_are_read():
    doc = json.loads(io.dumps(thidua.examples.load_results()))
    doc["units"][0]["measures"]["fund_raised"] = "999999999999999"
    results = io.loads(json.dumps(doc), campaign=thidua.examples.load_campaign())
    assert results.units[0].measures["fund_raised"] == 999_999_999_999_999


def test_a_long_run_of_digits_is_refused_before_parsing():
    text = '{"schema_version": 1, "document": "results", "campaign": "c", "year": 2022, "note": 1' + "0" * 450 + "}"
    with pytest.raises(DataError) as info:
        io.loads(text)
    assert [p.code for p in info.value.problems] == ["number-too-long"]


def test_a_long_run_of_digits_in_a_file_is_refused_with_its_line(tmp_path):
    # read from bytes (as load reads a file), after Vietnamese text, inside a string
    text = '{\n"note": "Xã Vân Khánh",\n"units": [{"measures": {"x": "' + "1_" * 201 + '"}}]}'
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        io.load(path)
    [problem] = info.value.problems
    assert problem.code == "number-too-long"
    assert problem.params["value"] == "1_1_1_1_1_1_1_1_1_1_… (line 3)"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="0123456789_", min_size=395, max_size=405),
            st.text(alphabet='0123_ aáễ\n"{}', max_size=12),
        ),
        max_size=4,
    )
)
def test_the_fast_check_for_a_long_run_finds_what_the_pattern_finds(parts):
    from thidua.io._files import _LONG_DIGITS, _has_long_run

    text = "".join(parts)
    assert _has_long_run(text.encode()) == (_LONG_DIGITS.search(text) is not None)


def test_a_yaml_tag_is_refused_with_its_line():
    text = "schema_version: 1\ndocument: results\ncampaign: c\nyear: 2022\nnote: !!python/name:os.system\n"
    with pytest.raises(DataError) as info:
        io.loads(text, "yaml")
    [problem] = info.value.problems
    assert (problem.code, problem.params["tag"], problem.params["line"]) == (
        "yaml-tag",
        "tag:yaml.org,2002:python/name:os.system",
        5,
    )


def test_a_missing_extra_names_the_extra_and_the_requirement():
    err = MissingExtraError("Excel workbooks", "excel", "openpyxl")
    assert isinstance(err, ImportError)
    assert err.render("vi") == (
        "Đọc, ghi tệp Excel cần phần bổ sung “excel” (openpyxl): pip install 'thidua[excel]', hoặc cài openpyxl"
    )
    assert err.render("en") == (
        "Excel workbooks needs the optional extra 'excel' (openpyxl): pip install 'thidua[excel]', or install openpyxl"
    )


def test_an_evaluation_error_names_things_by_name_given_the_campaign():
    campaign = thidua.examples.load_campaign()
    problem = Code("missing-input", "the input %(what)s is missing (missing-input policy: error)")(
        what="counts.hamlet of xa-van-khanh-tay"
    )
    err = EvaluationError(problem, unit_id="xa-van-khanh-tay", rule_id="bctmt-good", period="2022")
    assert err.render("en") == (
        "unit 'xa-van-khanh-tay', rule 'bctmt-good', year 2022: "
        "the input counts.hamlet of xa-van-khanh-tay is missing (missing-input policy: error)"
    )
    assert err.render("en", campaign) == (
        "unit 'Xã Vân Khánh Tây', rule 'Front work committees of hamlets and quarters completing their tasks well "
        "or better', year 2022: the input the counts by grade of hamlet or quarter for Xã Vân Khánh Tây is missing "
        "(missing-input policy: error)"
    )


def test_a_problem_is_shown_short_in_a_repr():
    p = Problem("unknown-unit", "unknown unit '%(unit)s'", ("units", 0), {"unit": "x"}, source="r.json")
    assert repr(p) == "<Problem 'unknown-unit', 'units[0]', unit='x', source='r.json'>"
