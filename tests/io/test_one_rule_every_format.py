"""One rule in every format (JSON, TOML, YAML, CSV, XLSX): blanks and totals of sub-units, money, numbers.

Each case writes the same values in the five formats, reads them through
:func:`thidua.io.collect` (which reads every format, and reports warnings
too), and expects the same outcome: the same values, or the same problem at
its path (documents) or cell (tables).
"""

from __future__ import annotations

import io
import json

import attrs
import openpyxl
import pytest
import tomli_w
import yaml

import thidua
import thidua.l10n
from problem_text import en
from thidua.io import collect

FORMATS = ("json", "toml", "yaml", "csv", "xlsx")


@pytest.fixture(scope="module")
def campaign():
    # a missing input counts as not met, so that blanks can be evaluated and explained
    return attrs.evolve(thidua.examples.load_campaign("an-minh-2022"), missing="not_met")


def _document(fmt, row):
    data = {"schema_version": 1, "document": "results", "campaign": "an-minh-2022", "year": 2022, "units": [row]}
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False).encode()
    if fmt == "toml":
        return tomli_w.dumps(data).encode()
    return yaml.safe_dump(data, allow_unicode=True).encode()


def _cells(row):
    cells = {"unit": row["unit"]}
    for level, n in row.get("totals", {}).items():
        cells[f"total:{level}"] = n
    for level, by_grade in row.get("counts", {}).items():
        for grade, n in by_grade.items():
            cells[f"count:{level}:{grade}"] = n
    for name, value in row.get("measures", {}).items():
        cells[f"measure:{name}"] = value
    return cells


def _table(fmt, row):
    cells = _cells(row)
    if fmt == "csv":
        return (",".join(cells) + "\n" + ",".join(f'"{v}"' for v in cells.values()) + "\n").encode()
    wb = openpyxl.Workbook()
    wb.active.append(list(cells))
    wb.active.append(list(cells.values()))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_in(campaign, fmt, row):
    """*row* (a unit's results as plain data) written in *fmt* and collected: (results or None, problems)."""
    data = _document(fmt, row) if fmt in ("json", "toml", "yaml") else _table(fmt, row)
    got = collect(campaign, [(f"r.{fmt}", data)])
    return got.results, [p for p in got.problems if p.code != "unit-returned-nothing"]


def where(problem):
    """A problem's place: the path in a document, the cell in a table."""
    return problem.cell or problem.path


# -- blank cells and totals of sub-units -------------------------------------------------------------

#: cells of the counts in the tables: total:hamlet is column B, then the grades (given ones only)
COUNTS = {"htxs": 4, "htt": 16}


@pytest.mark.parametrize("fmt", FORMATS)
def test_with_the_total_the_grades_left_out_count_zero(campaign, fmt):
    results, problems = read_in(
        campaign, fmt, {"unit": "xa-van-khanh", "totals": {"hamlet": 20}, "counts": {"hamlet": COUNTS}}
    )
    assert [p.code for p in problems if p.code != "input-missing"] == []
    ev = thidua.evaluate(campaign, results)
    share = ev.target("xa-van-khanh", "bctmt-good")
    assert (share.numerator, share.denominator, share.met) == (20, 20, True)
    weak = ev.target("xa-van-khanh", "bctmt-no-weak")
    assert (weak.numerator, weak.met) == (0, True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_counts_that_do_not_add_up_to_the_total_are_refused(campaign, fmt):
    results, problems = read_in(
        campaign, fmt, {"unit": "xa-van-khanh", "totals": {"hamlet": 20}, "counts": {"hamlet": {"htt": 16}}}
    )
    assert results is None
    [error] = [p for p in problems if p.is_error]
    assert error.code == "counts-not-total"
    assert where(error) == ("B2" if fmt in ("csv", "xlsx") else "units[0].counts.hamlet")
    assert en(error)[0].endswith(
        "the counts by grade add up to 16, but the total of sub-units on the level 'hamlet' is 20"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_a_total_a_grade_left_out_is_a_missing_input_never_zero(campaign, fmt):
    # "16/19 met where the unit has 20": a unit of 20 hamlets gives 16 good ones and leaves the rest blank
    results, problems = read_in(campaign, fmt, {"unit": "xa-van-khanh", "counts": {"hamlet": {"htt": 16}}})
    blanks = [(where(p), p.code, p.severity) for p in problems if p.code == "count-missing"]
    assert [b[1:] for b in blanks] == [("count-missing", "warning")] * 3
    if fmt in ("json", "toml", "yaml"):
        assert [b[0] for b in blanks] == [f"units[0].counts.hamlet.{g}" for g in ("htxs", "ht", "kht")]
    ev = thidua.evaluate(campaign, results)
    share = ev.target("xa-van-khanh", "bctmt-good")
    assert (share.met, share.numerator, share.denominator) == (False, None, None)  # never 16/16
    assert share.trace[0].code == "missing"
    assert thidua.l10n.explain_target(share, campaign=campaign, locale="vi") == (
        "Chỉ tiêu “Ban Công tác Mặt trận ấp, khu phố hoàn thành tốt nhiệm vụ trở lên”: Thiếu số liệu: số ấp, khu phố "
        "xếp loại “Hoàn thành xuất sắc nhiệm vụ”, “Hoàn thành nhiệm vụ” và “Không hoàn thành nhiệm vụ” của xã "
        "Vân Khánh (để trống, và không có tổng số đơn vị trực thuộc); theo quy định khi thiếu số liệu, tính là "
        "không đạt. Kết luận: không đạt."
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_sub_units_is_said_so(campaign, fmt):
    zero = dict.fromkeys(("htxs", "htt", "ht", "kht"), 0)
    results, _problems = read_in(campaign, fmt, {"unit": "xa-van-khanh", "counts": {"hamlet": zero}})
    ev = thidua.evaluate(campaign, results)
    share = ev.target("xa-van-khanh", "bctmt-good")
    assert share.status is thidua.engine.Status.EXCLUDED  # a share of none: the target does not apply
    assert [s.code for s in share.trace] == ["counts_reported", "no_sub_units"]
    assert ev.target("xa-van-khanh", "bctmt-excellent").status is thidua.engine.Status.EXCLUDED
    assert ev.target("xa-van-khanh", "bctmt-no-weak").met  # none of none is weak
    text = thidua.l10n.explain_target(share, campaign=campaign, locale="vi")
    assert "Xã Vân Khánh không có Ấp, khu phố nào (0 đơn vị trực thuộc): chỉ tiêu không áp dụng cho đơn vị này" in text


# -- money ----------------------------------------------------------------------------------------


def money(raised, quota=150_000_000):
    return {"unit": "xa-van-khanh", "measures": {"fund_raised": raised, "fund_quota": quota}}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("written", ["150.000.000", "150 000 000", "150000000"])
def test_money_grouped_the_vietnamese_way_reads_the_same_everywhere(campaign, fmt, written):
    results, problems = read_in(campaign, fmt, money(written))
    assert [p for p in problems if p.is_error] == []
    assert results.units[0].measures["fund_raised"] == 150_000_000


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("200.000", "ambiguous-grouping"),  # 200,000 đồng to a person, 200 to a program: refused
        ("150000000.0", "amount-not-whole"),  # never a decimal point in money
        ("1,5", "amount-not-whole"),
        ("1,500,000", "comma-grouping"),
        ("80 %", "percent-in-number"),
    ],
)
def test_money_written_otherwise_is_refused_everywhere(campaign, fmt, written, code):
    results, problems = read_in(campaign, fmt, money(written))
    assert results is None
    [error] = [p for p in problems if p.is_error]
    assert error.code == code
    assert where(error) == ("B2" if fmt in ("csv", "xlsx") else "units[0].measures.fund_raised")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_quota_of_zero_is_refused_everywhere_never_reported_missing(campaign, fmt):
    results, problems = read_in(campaign, fmt, money(1, quota=0))
    assert results is None
    [error] = [p for p in problems if p.is_error]
    assert (error.code, where(error)) == (
        "quota-not-positive",
        "C2" if fmt in ("csv", "xlsx") else "units[0].measures.fund_quota",
    )
    assert en(error)[0].endswith("a quota is an amount above 0 đồng, got 0")


def test_a_quota_of_zero_in_the_campaign_is_refused():
    data = json.loads(thidua.examples.path("an-minh-2022").read_text(encoding="utf-8"))
    target = data["agreements"][0]["content_areas"][5]["targets"][0]
    del target["quota_measure"]
    target["quota"] = 0
    with pytest.raises(thidua.DataError) as info:
        thidua.io.loads(json.dumps(data))
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("agreements[0].content_areas[5].targets[0].quota", "quota-not-positive")
    ]


# -- numbers in YAML -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "yaml_11"),
    [("1:20", 80), ("03746", 2022), ("2_022", 2022), ("0b11111100110", 2022), ("0o3746", "0o3746"), ("1e3", "1e3")],
)
def test_yaml_numbers_that_yaml_1_1_and_1_2_read_differently_are_refused_with_their_line(written, yaml_11):
    assert yaml.safe_load(f"x: {written}")["x"] == yaml_11  # what YAML 1.1 (PyYAML) makes of it
    text = f"schema_version: 1\ndocument: results\ncampaign: c\nyear: {written}\n"
    with pytest.raises(thidua.DataError) as info:
        thidua.io.loads(text, "yaml")
    [problem] = info.value.problems
    assert problem.code == "yaml-number-form"
    assert en(problem) == [
        (
            f"'{written}' (line 4) is read differently by YAML 1.1 and 1.2; "
            "write it in quotes, or as a plain decimal number"
        )
    ]


@pytest.mark.parametrize(("written", "year"), [("2022", 2022), ("+2022", 2022), ("0x7E6", 2022)])
def test_yaml_numbers_read_alike_by_both_are_read(written, year):
    text = f"schema_version: 1\ndocument: results\ncampaign: c\nyear: {written}\n"
    assert thidua.io.loads(text, "yaml").year == year


def test_texts_that_look_like_numbers_are_written_in_quotes_and_read_back():
    results = thidua.Results("c", 2022, [thidua.model.UnitResult("xa-a", measures={"x": 1})], note="08")
    text = thidua.io.dumps(results, "yaml")
    assert "note: '08'" in text
    assert thidua.io.loads(text, "yaml") == results


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_decimal_comma_is_read_the_same_everywhere(campaign, fmt):
    row = {"unit": "xa-van-khanh", "measures": {"late_reports": "2"}}
    _results, problems = read_in(campaign, fmt, row)
    assert [p for p in problems if p.is_error] == []
    doc = _document(
        "json",
        {
            "unit": "xa-van-khanh",
            "assessments": [{"stage": "tu-cham", "scores": [{"criterion": "doi-moi", "points": "7,5"}]}],
        },
    )
    got = collect(campaign, [("r.json", doc)])
    assert got.results.units[0].assessments[0].scores[0].points == thidua.model.parse_number("7.5")
