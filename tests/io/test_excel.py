"""Results templates (xlsx, csv) and reading results tables back, exactly."""

from __future__ import annotations

import datetime as dt
import sys
from fractions import Fraction

import attrs
import openpyxl
import pytest

import thidua
from problem_text import GRADES_LISTED, en, raises_en
from thidua import model as m
from thidua.errors import DataError
from thidua.io import make_template, read_results_table, structure, unstructure

FIRST_STAGE = "tu-cham"


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign("an-minh-2022")


@pytest.fixture(scope="module")
def results():
    return thidua.examples.load_results("an-minh-2022")


def _sheet_keys(ws):
    return {ws.cell(row=2, column=j).value: j for j in range(1, ws.max_column + 1)}


def _rows(ws):
    return {ws.cell(row=r, column=2).value: r for r in range(3, ws.max_row + 1)}


def _level_sheet(wb):
    return next(ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.cell(row=2, column=2).value == "unit")


def _fill_from(ws, results, stage):
    """Type the sample results of *stage* into a template sheet, as a person would."""
    keys = _sheet_keys(ws)
    by_unit = results.by_unit()
    for uid, row in _rows(ws).items():
        ur = by_unit[uid]
        for level, by_grade in ur.counts.items():
            for grade, n in by_grade.items():
                ws.cell(row=row, column=keys[f"count:{level}:{grade}"], value=n)
        for name, value in ur.measures.items():
            ws.cell(row=row, column=keys[f"measure:{name}"], value=int(value))
        first = next(a for a in ur.assessments if a.stage == stage)
        for s in first.scores:
            ws.cell(row=row, column=keys[f"points:{s.criterion}"], value=int(s.points))
            if s.bonus is not None:
                ws.cell(row=row, column=keys[f"bonus:{s.criterion}"], value=int(s.bonus))


def _template(tmp_path, campaign, locale="vi"):
    path = make_template(campaign, tmp_path / "results.xlsx", locale=locale)
    return path, openpyxl.load_workbook(path)


def test_template_has_one_locked_sheet_per_level_with_validations(tmp_path, campaign):
    _path, wb = _template(tmp_path, campaign)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Hướng dẫn", "Xã, thị trấn"]
    ws = _level_sheet(wb)
    rows = _rows(ws)
    assert len(rows) == 11  # the 11 communes and towns of An Minh
    assert ws.protection.sheet is True
    row = rows["xa-van-khanh-tay"]
    keys = _sheet_keys(ws)
    assert ws.cell(row=row, column=1).value == "31048"
    assert ws.cell(row=row, column=3).value == "Xã Vân Khánh Tây"
    for col in (1, 2, 3):
        assert ws.cell(row=row, column=col).protection.locked is True
    for key in ("count:hamlet:htt", "measure:fund_raised", "points:doi-moi", "bonus:doi-moi"):
        assert ws.cell(row=row, column=keys[key]).protection.locked is False
    assert ws.freeze_panes == "D3"
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}

    def rule(key):
        return rules[f"{openpyxl.utils.get_column_letter(keys[key])}3"]

    for key in ("count:hamlet:kht", "measure:fund_raised", "measure:fund_quota", "measure:late_reports"):
        assert (rule(key).type, rule(key).operator, rule(key).formula1) == ("whole", "greaterThanOrEqual", "0")
    # criterion maxima from the rubric: doi-moi 15 points, bonus cap 2
    assert (rule("points:doi-moi").type, rule("points:doi-moi").formula1, rule("points:doi-moi").formula2) == (
        "decimal",
        "0",
        "15",
    )
    assert rule("bonus:doi-moi").formula2 == "2"
    assert ws.cell(row=row, column=keys["measure:fund_raised"]).number_format == "#,##0"


def test_template_labels_follow_the_locale(tmp_path, campaign):
    _path, wb = _template(tmp_path, campaign, locale="en")
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == ["Instructions", "Commune"]
    ws = _level_sheet(wb)
    assert ws.cell(row=1, column=3).value == "Name"


def test_template_round_trip_evaluates_like_the_results_it_was_filled_with(tmp_path, campaign, results):
    path, wb = _template(tmp_path, campaign)
    _fill_from(_level_sheet(wb), results, FIRST_STAGE)
    wb.save(path)
    back = read_results_table(path, campaign)
    assert back.campaign == "an-minh-2022"
    assert back.year == 2022
    got = thidua.evaluate(campaign, back)
    want = thidua.evaluate(campaign, results, stage=FIRST_STAGE)
    for g, w in zip(got.units, want.units, strict=True):
        assert (g.unit, g.score.total, g.rating.grade, g.rank) == (w.unit, w.score.total, w.rating.grade, w.rank)
        assert [(t.target, t.status) for t in g.targets] == [(t.target, t.status) for t in w.targets]
    vkt = got.unit("xa-van-khanh-tay")
    # self-assessed: 10 + 9 + 14 + 9 + 14 + 15 × 149,999,999/150,000,000 (= 14.9999999) + 9
    # + 10 (bctmt-good met) + 0 (one weak committee) = 89.9999999 standard, + 1 bonus = 90.9999999
    assert vkt.score.total == Fraction("90.9999999")
    # band htxs (≥ 90) but htxs requires every target met, and the quota misses by 1 VND
    assert vkt.rating.grade == "htt"


def _one_cell(tmp_path, campaign, key, value, unit="xa-van-khanh"):
    path, wb = _template(tmp_path, campaign)
    ws = _level_sheet(wb)
    cell = ws.cell(row=_rows(ws)[unit], column=_sheet_keys(ws)[key], value=value)
    wb.save(path)
    return path, (ws.title, cell.coordinate)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (7.5, Fraction(15, 2)),  # a float cell, typed as 7.5
        (10.0, 10),  # an integral float becomes an int
        ("7.5", Fraction(15, 2)),  # text is exact
        ("7,5", Fraction(15, 2)),  # a decimal comma in a decimal column
        ("1/3", Fraction(1, 3)),
        (0.1, Fraction(1, 10)),  # repr(0.1) == "0.1": the number as typed, not its binary value
    ],
)
def test_points_cells_are_read_exactly(tmp_path, campaign, typed, expected):
    path, _where = _one_cell(tmp_path, campaign, "points:chap-hanh", typed)
    ur = read_results_table(path, campaign).by_unit()["xa-van-khanh"]
    points = ur.assessments[0].scores[0].points
    assert points == expected
    assert type(points) is Fraction
    assert ur.assessments[0].stage == FIRST_STAGE


def test_a_float_from_binary_arithmetic_is_refused_with_its_cell(tmp_path, campaign):
    # 2/3 is stored as 0.6666666666666666: 16 significant digits, more than a spreadsheet keeps of a typed number
    path, where = _one_cell(tmp_path, campaign, "points:chap-hanh", 2 / 3)
    with pytest.raises(DataError) as info:
        read_results_table(path, campaign)
    assert [((p.sheet, p.cell), p.code) for p in info.value.problems] == [(where, "cell-too-precise")]
    assert "more than 15 significant digits" in info.value.problems[0].render("en")


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("count:hamlet:htt", 7.5, "expected a whole number, got 7.5"),
        ("count:hamlet:htt", -1, "expected a number ≥ 0, got -1"),
        (
            "measure:fund_raised",
            "1.5",
            (
                "an amount of money is whole đồng, without a decimal point or comma (e.g. 150000000 or 150.000.000), "
                "got '1.5'"
            ),
        ),
        ("measure:fund_raised", 1.5, "expected a whole number, got 1.5"),
        (
            "measure:fund_raised",
            "200.000",
            (
                "'200.000' may mean 200000 (grouped thousands) or a decimal number; write 200000, "
                "or the decimal with other than 3 digits after the point"
            ),
        ),
        (
            "count:hamlet:htt",
            "80 %",
            "'80 %' has a percent sign; it belongs in a share (a threshold), a number is written without it",
        ),
        ("points:chap-hanh", 11, "11 is more than the maximum 10"),
        ("points:chap-hanh", "abc", "'abc' is not a number"),
        ("points:chap-hanh", "=5+5", "a formula; type the value itself (formulas are not read)"),
    ],
)
def test_bad_cells_are_refused_with_their_place(tmp_path, campaign, key, typed, message):
    path, where = _one_cell(tmp_path, campaign, key, typed)
    with pytest.raises(DataError) as info:
        read_results_table(path, campaign)
    sheet, cell = where
    assert en(info.value.problems) == (f"sheet '{sheet}', cell {cell}: {message}",)


def test_whole_numbers_accept_groups_of_thousands(tmp_path, campaign):
    path, _where = _one_cell(tmp_path, campaign, "measure:fund_raised", "150.000.000")
    assert read_results_table(path, campaign).by_unit()["xa-van-khanh"].measures["fund_raised"] == 150_000_000


def test_blank_cells_are_missing_not_zero(tmp_path, campaign):
    path, _where = _one_cell(tmp_path, campaign, "measure:fund_raised", 5)
    back = read_results_table(path, campaign)
    assert [u.unit for u in back.units] == ["xa-van-khanh"]  # rows left blank give no result
    assert dict(back.units[0].measures) == {"fund_raised": 5}
    assert back.units[0].assessments == ()


def test_counts_given_in_part_without_a_total_leave_the_blank_grades_missing(tmp_path, campaign):
    # a unit of 20 hamlets types 16 good ones and leaves the other grades blank: never 16/16
    path, (_sheet, _cell) = _one_cell(tmp_path, campaign, "count:hamlet:htt", 16)
    back = read_results_table(path, campaign)
    assert dict(back.by_unit()["xa-van-khanh"].counts["hamlet"]) == {"htt": 16}
    problems = thidua.model.validate_results(campaign, back)
    assert [(p.code, p.severity) for p in problems] == [("count-missing", "warning")] * 3
    ev = thidua.evaluate(thidua.prepare(attrs.evolve(campaign, missing="not_met")), back)
    outcome = ev.target("xa-van-khanh", "bctmt-good")
    assert (outcome.met, outcome.numerator) == (False, None)
    assert [s.code for s in outcome.trace][:1] == ["missing"]


def test_with_the_total_blank_grades_count_zero_and_must_add_up(tmp_path, campaign):
    path, wb = _template(tmp_path, campaign)
    ws = _level_sheet(wb)
    row, keys = _rows(ws)["xa-van-khanh"], _sheet_keys(ws)
    ws.cell(row=row, column=keys["total:hamlet"], value=20)
    ws.cell(row=row, column=keys["count:hamlet:htt"], value=16)
    ws.cell(row=row, column=keys["count:hamlet:htxs"], value=4)
    wb.save(path)
    back = read_results_table(path, campaign).by_unit()["xa-van-khanh"]
    assert (dict(back.counts["hamlet"]), dict(back.totals)) == ({"htt": 16, "htxs": 4}, {"hamlet": 20})
    ws.cell(row=row, column=keys["count:hamlet:htxs"]).value = None  # 16 of 20: the rest are not 0 by default
    wb.save(path)
    with pytest.raises(DataError) as info:
        read_results_table(path, campaign)
    total_cell = f"{openpyxl.utils.get_column_letter(keys['total:hamlet'])}{row}"
    assert en(info.value.problems) == (
        (
            f"sheet '{ws.title}', cell {total_cell}: the counts by grade add up to 16, "
            "but the total of sub-units on the level 'hamlet' is 20"
        ),
    )


def test_a_template_of_another_campaign_is_refused(tmp_path, campaign):
    path, _wb = _template(tmp_path, campaign)
    other = attrs.evolve(campaign, id="another-2022")
    with pytest.raises(DataError) as info:
        read_results_table(path, other)
    assert en(info.value.problems) == (
        "sheet '_thidua', cell B2: the template is for the campaign 'an-minh-2022', not for 'another-2022'",
    )


def _variant(campaign, change):
    data = unstructure(campaign)
    change(data)
    return structure(data, "campaign")


def _with_hamlets(data):
    data["units"] += [
        {
            "id": f"ap-{i}",
            "name": f"Ấp {i}",
            "level": "hamlet",
            "parent": "xa-van-khanh",
            "kind": "front_work_committee",
        }
        for i in range(1, 6)
    ]


def test_rated_sub_units_get_their_own_sheet_with_a_grade_list(tmp_path, campaign):
    hamlets = _variant(campaign, _with_hamlets)
    path, wb = _template(tmp_path, hamlets)
    sheet = next(ws for ws in wb.worksheets if ws.title == "Ấp, khu phố")
    keys = _sheet_keys(sheet)
    assert list(keys) == ["code", "unit", "name", "rating"]
    communes = _level_sheet(wb)
    assert not any(k.startswith("count:") for k in _sheet_keys(communes))  # the hamlets are rated one by one
    (rule,) = sheet.data_validations.dataValidation
    assert rule.type == "list"
    ref = rule.formula1.split("!")[1].replace("$", "")
    meta = wb["_thidua"]
    choices = [row[0].value for row in meta[ref]]
    assert choices == [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
    ]
    rows = _rows(sheet)
    for uid, grade in zip(
        ["ap-1", "ap-2", "ap-3", "ap-4", "ap-5"],
        ["Hoàn thành xuất sắc nhiệm vụ", "HTXS", "Hoàn thành tốt nhiệm vụ", "htt", "Hoàn thành nhiệm vụ"],
        strict=True,
    ):
        sheet.cell(row=rows[uid], column=keys["rating"], value=grade)
    wb.save(path)
    back = read_results_table(path, hamlets)
    assert {u.unit: u.rating for u in back.units} == {
        "ap-1": "htxs",
        "ap-2": "htxs",
        "ap-3": "htt",
        "ap-4": "htt",
        "ap-5": "ht",
    }
    hamlets_results = attrs.evolve(
        back,
        units=(
            *back.units,
            m.UnitResult("xa-van-khanh", measures={"fund_raised": 1, "fund_quota": 1, "late_reports": 0}),
        ),
    )
    prepared = thidua.prepare(attrs.evolve(hamlets, missing="not_met"))
    ev = thidua.evaluate(prepared, hamlets_results)
    share = ev.target("xa-van-khanh", "bctmt-good")
    # 2 htxs + 2 htt of 5 hamlets rated good or better: 4/5 = 80% ≥ 80%
    assert (share.numerator, share.denominator, share.met) == (4, 5, True)


def _with_flag_and_deadline(data):
    area = data["agreements"][0]["content_areas"][0]
    area["targets"] = [
        {
            "kind": "deadline",
            "id": "ngay-hoi",
            "name": "Tổ chức Ngày hội Đại đoàn kết",
            "event": "festival",
            "by": "2022-11-18",
        }
    ]
    scale = next(s for s in data["scales"] if s["id"] == "thang-mttq-xa")
    scale["disqualifiers"] = [
        {"id": "ky-luat", "name": "Bị kỷ luật", "when": {"kind": "flag", "flag": "disciplined"}, "max_grade": "ht"}
    ]


def test_flags_and_dates_round_trip(tmp_path, campaign):
    variant = _variant(campaign, _with_flag_and_deadline)
    path, wb = _template(tmp_path, variant)
    ws = _level_sheet(wb)
    keys = _sheet_keys(ws)
    assert "flag:disciplined" in keys
    assert "date:festival" in keys
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter
    assert rules[f"{letter(keys['date:festival'])}3"].type == "date"
    assert rules[f"{letter(keys['flag:disciplined'])}3"].type == "list"
    rows = _rows(ws)
    ws.cell(row=rows["xa-van-khanh"], column=keys["flag:disciplined"], value="có")
    ws.cell(row=rows["xa-van-khanh"], column=keys["date:festival"], value=dt.datetime(2022, 11, 18))  # noqa: DTZ001 - a spreadsheet date has no zone
    ws.cell(row=rows["xa-dong-hoa"], column=keys["flag:disciplined"], value="không")
    ws.cell(row=rows["xa-dong-hoa"], column=keys["date:festival"], value="19/11/2022")
    wb.save(path)
    back = read_results_table(path, variant).by_unit()
    assert dict(back["xa-van-khanh"].flags) == {"disciplined": True}
    assert dict(back["xa-van-khanh"].dates) == {"festival": dt.date(2022, 11, 18)}
    assert dict(back["xa-dong-hoa"].flags) == {"disciplined": False}
    assert dict(back["xa-dong-hoa"].dates) == {"festival": dt.date(2022, 11, 19)}


def test_csv_template_and_results(tmp_path, campaign):
    template = make_template(campaign, tmp_path / "t.csv")
    lines = template.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("code,unit,name,total:hamlet,count:hamlet:htxs")
    assert len(lines) == 1 + 11
    path = tmp_path / "r.csv"
    path.write_text(
        "\ufeffunit;measure:fund_raised;measure:fund_quota;points:doi-moi;bonus:doi-moi\n"
        "xa-dong-thanh;130.000.000;120000000;7,5;1/2\n",
        encoding="utf-8",
    )
    (ur,) = read_results_table(path, campaign).units
    assert (ur.measures["fund_raised"], ur.measures["fund_quota"]) == (130_000_000, 120_000_000)
    (score,) = ur.assessments[0].scores
    assert (score.criterion, score.points, score.bonus) == ("doi-moi", Fraction(15, 2), Fraction(1, 2))


def test_csv_problems_name_their_cells(tmp_path, campaign):
    path = tmp_path / "r.csv"
    path.write_text("unit,measure:x,colour\nxa-nowhere,1,red\nxa-dong-thanh,abc,\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_results_table(path, campaign)
    problems = en(info.value.problems)
    assert problems == (
        "cell C1: unknown column 'colour'",
        "cell A2: unknown unit 'xa-nowhere'",
        "cell B3: 'abc' is not a number",
    )
    assert info.value.source == str(path)


def test_validation_problems_point_at_the_row(tmp_path, campaign):
    path = tmp_path / "r.csv"
    path.write_text("unit,count:hamlet:great\nxa-dong-thanh,3\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_results_table(path, campaign)
    problem, *blanks = info.value.problems
    assert (problem.cell, problem.path) == ("B2", "units[0].counts.hamlet.great")
    assert problem.render("en", source=False) == f"cell B2: unknown grade 'great'; the scale has {GRADES_LISTED}"
    # the grades of the scale left out, without a total: warnings at the unit's row (no such columns)
    assert [(p.cell, p.code, p.severity) for p in blanks] == [("A2", "count-missing", "warning")] * 4


def test_unknown_suffixes_are_refused(tmp_path, campaign):
    with raises_en(DataError, r"cannot write a template to 't\.ods'; use \.xlsx, \.csv"):
        make_template(campaign, tmp_path / "t.ods")
    with raises_en(DataError, r"cannot tell the format of 'r\.ods'; use \.xlsx, \.csv"):
        read_results_table(tmp_path / "r.ods", campaign)
    assert not (tmp_path / "t.ods").exists()


def test_xlsx_without_openpyxl_names_the_extra(tmp_path, campaign, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with raises_en(ImportError, r"needs the optional extra 'excel' \(openpyxl\): pip install 'thidua\[excel\]'"):
        make_template(campaign, tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", thidua.examples.names())
def test_every_bundled_campaign_gets_a_template_that_reads_back(tmp_path, name):
    campaign = thidua.examples.load_campaign(name)
    for suffix in (".xlsx", ".csv"):
        path = make_template(campaign, tmp_path / f"t{suffix}")
        empty = read_results_table(path, campaign)  # nothing typed yet: no results, no problem
        assert (empty.campaign, empty.year, empty.units) == (campaign.id, campaign.year, ())
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    reporting = {
        ws.cell(row=r, column=2).value
        for ws in wb.worksheets
        if ws.sheet_state == "visible" and ws.cell(row=2, column=2).value == "unit"
        for r in range(3, ws.max_row + 1)
    }
    members = {u for cl in campaign.clusters for u in cl.members}
    assert members <= reporting


def test_large_integral_floats_are_exact_integers():
    from thidua.io._csv import parse_cell
    from thidua.io._layout import Column

    vnd = Column("measure:fund_raised", "measure", "fund_raised", number="vnd")
    # the largest number thidua accepts, 10**15 − 1, is still a float exactly (below 2**53)
    assert parse_cell(999_999_999_999_999.0, vnd, None, "commune") == 999_999_999_999_999
    with raises_en(ValueError, "is outside the numbers thidua accepts"):
        # 2**53 − 1 = 9,007,199,254,740,991 is a float exactly, but beyond the bounds of numbers in files
        parse_cell(9_007_199_254_740_991.0, vnd, None, "commune")
    with raises_en(ValueError, "significant digits"):
        # 2**60 is integral but beyond 2**53: read from repr, 1.152921504606847e+18 has 16 digits
        parse_cell(2.0**60, vnd, None, "commune")
