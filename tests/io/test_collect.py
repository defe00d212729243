"""Collect: returned workbooks, tables and documents merged into one results document, never silently."""

from __future__ import annotations

import io
from fractions import Fraction

import attrs
import openpyxl
import pytest

import thidua
from problem_text import en
from thidua import model as m
from thidua.io import collect, dump, make_template, unstructure

SHEET = "Xã, thị trấn"


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign("an-minh-2022")


@pytest.fixture(scope="module")
def sample():
    return thidua.examples.load_results("an-minh-2022")


@pytest.fixture(scope="module")
def blank(tmp_path_factory, campaign):
    return make_template(campaign, tmp_path_factory.mktemp("t") / "mau.xlsx").read_bytes()


def _keys(ws):
    return {ws.cell(row=2, column=j).value: j for j in range(1, ws.max_column + 1)}


def _rows(ws):
    return {ws.cell(row=r, column=2).value: r for r in range(3, ws.max_row + 1)}


def filled(blank, values):
    """The template with *values* typed in: ``{unit: {column key: value}}``; returns the bytes."""
    wb = openpyxl.load_workbook(io.BytesIO(blank))
    ws = wb[SHEET]
    keys, rows = _keys(ws), _rows(ws)
    for unit, cells in values.items():
        for key, value in cells.items():
            ws.cell(row=rows[unit], column=keys[key]).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(results, unit, stage="tu-cham"):
    """A unit's sample results as template cells (counts, measures, the first stage's points)."""
    r = results.by_unit()[unit]
    cells = {f"count:hamlet:{g}": n for g, n in r.counts["hamlet"].items()}
    cells.update({f"measure:{k}": int(v) for k, v in r.measures.items()})
    first = next(a for a in r.assessments if a.stage == stage)
    for s in first.scores:
        cells[f"points:{s.criterion}"] = int(s.points)
        if s.bonus is not None:
            cells[f"bonus:{s.criterion}"] = int(s.bonus)
    return cells


def test_every_unit_in_its_own_workbook_merges_into_the_sample_results(campaign, sample, blank):
    sources = [(f"{u.unit}.xlsx", filled(blank, {u.unit: row_of(sample, u.unit)})) for u in sample.units]
    got = collect(campaign, sources)
    assert got.ok, en(got.problems)
    assert (got.problems, got.missing) == ((), ())
    first_stage = [
        attrs.evolve(u, assessments=u.assessments[:1], totals={}) for u in sample.units
    ]  # what a template holds: the first stage's points
    assert {u.unit: u for u in got.results.units} == {
        u.unit: attrs.evolve(
            u,
            assessments=(
                attrs.evolve(
                    u.assessments[0],
                    on=None,
                    by=None,
                    scores=tuple(attrs.evolve(s, evidence=()) for s in u.assessments[0].scores),
                ),
            ),
        )
        for u in first_stage
    }
    assert [(f.name, f.kind, f.template, f.units) for f in got.files][:2] == [
        ("xa-van-khanh-tay.xlsx", "workbook", "results", ("xa-van-khanh-tay",)),
        ("xa-van-khanh.xlsx", "workbook", "results", ("xa-van-khanh",)),
    ]


def test_a_unit_that_returned_nothing_is_named(campaign, sample, blank):
    sources = [(f"{u}.xlsx", filled(blank, {u: row_of(sample, u)})) for u in ("xa-van-khanh", "xa-dong-thanh")]
    got = collect(campaign, sources)
    assert got.ok  # a unit that has not returned yet is a warning: the others can be merged
    assert got.missing == (
        "tt-thu-muoi-mot",
        "xa-thuan-hoa",
        "xa-dong-hoa",
        "xa-tan-thanh",
        "xa-dong-hung",
        "xa-dong-hung-a",
        "xa-dong-hung-b",
        "xa-van-khanh-dong",
        "xa-van-khanh-tay",
    )
    assert [(p.code, p.severity) for p in got.problems] == [("unit-returned-nothing", "warning")] * 9
    assert en(got.problems[0]) == ["'Thị trấn Thứ Mười Một' returned nothing"]
    assert got.problems[0].render("vi") == "“Thị trấn Thứ Mười Một” chưa gửi số liệu"


def test_the_same_unit_with_different_values_names_both_files_and_cells(campaign, sample, blank):
    mine = row_of(sample, "xa-van-khanh")
    other = {**mine, "measure:fund_raised": 125_000_000}
    got = collect(
        campaign,
        [("cum-1.xlsx", filled(blank, {"xa-van-khanh": mine})), ("xa.xlsx", filled(blank, {"xa-van-khanh": other}))],
    )
    assert not got.ok
    assert got.results is None  # nothing merged half-way
    errors = [(p.source, p.sheet, p.cell, p.code) for p in got.errors]
    assert errors == [("xa.xlsx", SHEET, "I11", "values-conflict")]
    assert en(got.errors) == (
        (
            f"sheet '{SHEET}', cell I11: measure:fund_raised of 'Xã Vân Khánh' is 125000000 here, "
            f"but 130000000 in cum-1.xlsx, '{SHEET}'!I11"
        ),
    )
    assert got.errors[0].render("vi", source=False) == (
        f"trang tính “{SHEET}”, ô I11: measure:fund_raised của “Xã Vân Khánh” ở đây là 125000000, "
        f"nhưng ở cum-1.xlsx, '{SHEET}'!I11 là 130000000"
    )
    warning = next(p for p in got.problems if p.code == "unit-in-two-files")
    assert (warning.source, warning.severity, warning.params["first"]) == ("xa.xlsx", "warning", "cum-1.xlsx")


def test_the_same_values_twice_merge_with_a_warning(campaign, sample, blank):
    mine = row_of(sample, "xa-van-khanh")
    got = collect(campaign, [("a.xlsx", filled(blank, {"xa-van-khanh": mine})), ("b.csv", _csv("xa-van-khanh", mine))])
    assert got.ok
    assert [p.code for p in got.problems if p.code != "unit-returned-nothing"] == ["unit-in-two-files"]


def _csv(unit, cells):
    keys = ["unit", *cells]
    return (",".join(keys) + "\n" + ",".join([unit, *(str(v) for v in cells.values())]) + "\n").encode()


def test_a_duplicate_file_is_read_once_and_named(campaign, sample, blank):
    data = filled(blank, {"xa-van-khanh": row_of(sample, "xa-van-khanh")})
    got = collect(campaign, [("a.xlsx", data), ("copy of a.xlsx", data)])
    assert got.ok
    dup = next(p for p in got.problems if p.code == "duplicate-file")
    assert (dup.source, dup.severity, en(dup)) == (
        "copy of a.xlsx",
        "warning",
        ["the same file as a.xlsx (the same contents): read once"],
    )
    assert [(f.kind, f.duplicate_of) for f in got.files] == [("workbook", None), ("duplicate", "a.xlsx")]


def test_a_template_of_another_campaign_or_year_is_refused(tmp_path, campaign):
    path = make_template(attrs.evolve(campaign, id="an-minh-2023"), tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["_thidua"]["B3"] = 2023  # and of another year
    out = io.BytesIO()
    wb.save(out)
    got = collect(campaign, [("2023.xlsx", out.getvalue())])
    assert [(p.sheet, p.cell, p.code) for p in got.errors] == [
        ("_thidua", "B2", "wrong-template-campaign"),
        ("_thidua", "B3", "wrong-template-year"),
    ]
    assert got.results is None


def test_documents_and_workbooks_merge_and_sources_may_be_paths_or_bytes(tmp_path, campaign, sample, blank):
    doc = tmp_path / "ket-qua.json"
    rest = attrs.evolve(sample, units=tuple(u for u in sample.units if u.unit != "xa-van-khanh"), decisions=())
    dump(rest, doc)
    before = sorted(tmp_path.iterdir())
    got = collect(
        campaign, [doc, ("xa-van-khanh.xlsx", filled(blank, {"xa-van-khanh": row_of(sample, "xa-van-khanh")}))]
    )
    assert got.ok, en(got.problems)
    assert got.missing == ()
    assert got.results.sample is True  # sample data stays sample data
    assert sorted(tmp_path.iterdir()) == before  # collect writes nothing
    assert [f.kind for f in got.files] == ["document", "workbook"]


def test_problems_of_a_document_are_named_by_their_path(campaign, sample):
    data = unstructure(sample)
    data["units"][2]["counts"]["hamlet"] = {"htxs": 3, "htt": 4}
    import json

    got = collect(campaign, [("kq.json", json.dumps(data).encode())])
    assert [(p.source, p.path, p.code) for p in got.problems] == [
        ("kq.json", "units[2].counts.hamlet.ht", "count-missing"),
        ("kq.json", "units[2].counts.hamlet.kht", "count-missing"),
    ]


def test_progress_is_told_over_files_and_rows(campaign, sample, blank):
    calls = []
    data = [(f"{u}.xlsx", filled(blank, {u: row_of(sample, u)})) for u in ("xa-van-khanh", "xa-dong-thanh")]
    collect(campaign, data, progress=lambda done, total, name, rows: calls.append((done, total, name, rows)))
    total = sum(len(d) for _, d in data)
    assert calls[-1] == (total, total, "xa-dong-thanh.xlsx", 11)  # the 11 unit rows of the sheet
    assert all(c[1] == total for c in calls)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


# -- a review stage in Excel ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def self_assessed(sample):
    """The sample results as they stand after the self-assessment (no review yet, no meeting)."""
    return attrs.evolve(
        sample, units=tuple(attrs.evolve(u, assessments=u.assessments[:1]) for u in sample.units), decisions=()
    )


def review_workbook(tmp_path, campaign, base, changes, stage="cum-tham-dinh"):
    """A review workbook of *stage* with *changes*: ``{(unit, criterion): {column key: value}}``."""
    path = make_template(campaign, tmp_path / f"{stage}.xlsx", stage=stage, results=base)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    keys = _keys(ws)
    for r in range(3, ws.max_row + 1):
        pair = (ws.cell(row=r, column=2).value, ws.cell(row=r, column=4).value)
        for key, value in changes.get(pair, {}).items():
            ws.cell(row=r, column=keys[key]).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_review_stage_is_pre_filled_and_records_changes_with_their_reasons(tmp_path, campaign, self_assessed, sample):
    from thidua.io import dumps

    # the sample's own review, typed into the workbook: every change with its reason
    changes = {}
    for u in sample.units:
        for a in u.assessments:
            if a.stage == "cum-tham-dinh":
                for s in a.scores:
                    cells = {"points": str(s.points), "reason": s.reason}
                    if s.bonus is not None:
                        cells["bonus"] = str(s.bonus)
                    changes[u.unit, s.criterion] = cells
    assert len(changes) >= 2
    changes["xa-dong-thanh", "ke-hoach"] = {"reason": "giữ nguyên"}  # a reason, no change: nothing recorded
    data = review_workbook(tmp_path, campaign, self_assessed, changes)
    got = collect(campaign, [("ket-qua.json", dumps(self_assessed).encode()), ("tham-dinh.xlsx", data)])
    assert got.ok, en(got.problems)
    by_unit = got.results.by_unit()
    vkt = by_unit["xa-van-khanh-tay"].assessments
    assert [a.stage for a in vkt] == ["tu-cham", "cum-tham-dinh"]
    assert vkt[1].scores == (m.ScoreEntry("doi-moi", 13, reason="Mô hình mới chưa có báo cáo sơ kết"),)
    assert [a.scores for a in by_unit["xa-dong-thanh"].assessments[1:]] == [()]  # reviewed, nothing changed
    # the same scores as the sample's own review, stage by stage
    for stage in ("tu-cham", "cum-tham-dinh"):
        ours = thidua.evaluate(campaign, got.results, stage=stage)
        theirs = thidua.evaluate(campaign, sample, stage=stage)
        assert [(u.unit, u.score.total) for u in ours.units] == [(u.unit, u.score.total) for u in theirs.units]


def test_a_change_without_a_reason_is_refused_at_its_cell(tmp_path, campaign, self_assessed):
    from thidua.io import dumps

    data = review_workbook(tmp_path, campaign, self_assessed, {("xa-van-khanh-tay", "doi-moi"): {"points": 12}})
    got = collect(campaign, [("kq.json", dumps(self_assessed).encode()), ("td.xlsx", data)])
    [error] = got.errors
    # xa-van-khanh-tay, the last of the 11 units (6 criteria each), starts at row 3 + 10 × 6 = 63: doi-moi is row 65
    assert (error.source, error.sheet, error.cell, error.code) == ("td.xlsx", SHEET, "K65", "reason-needed")
    assert (
        error.render("en", source=False)
        == f"sheet '{SHEET}', cell K65: a change at the stage 'Cụm thẩm định' needs a reason"
    )
    assert (
        error.render("vi", source=False)
        == f"trang tính “{SHEET}”, ô K65: điểm sửa ở bước “Cụm thẩm định” cần ghi lý do"
    )


def test_a_review_workbook_alone_or_for_a_stage_already_given_is_refused(tmp_path, campaign, self_assessed, sample):
    data = review_workbook(tmp_path, campaign, self_assessed, {})
    got = collect(campaign, [("td.xlsx", data)])  # alone: the points before the stage are unknown
    assert [(p.sheet, p.code) for p in got.errors] == [(SHEET, "review-needs-results")]
    from thidua.errors import DataError

    with pytest.raises(DataError) as info:
        make_template(campaign, tmp_path / "again.xlsx", stage="cum-tham-dinh", results=sample)
    assert info.value.problems[0].code == "stage-already-given"
    from thidua.io import dumps

    wrong = collect(campaign, [("kq.json", dumps(self_assessed).encode()), ("td.xlsx", data)], stage="ban-thuong-truc")
    assert [p.code for p in wrong.errors] == ["wrong-template-stage"]


def test_an_edited_previous_value_of_a_review_is_a_locked_cell(tmp_path, campaign, self_assessed):
    from thidua.io import dumps

    data = review_workbook(
        tmp_path, campaign, self_assessed, {("xa-van-khanh-tay", "doi-moi"): {"previous:points": 15}}
    )
    got = collect(campaign, [("kq.json", dumps(self_assessed).encode()), ("td.xlsx", data)])
    [error] = got.errors
    assert (error.code, error.cell[0]) == ("locked-cell-changed", "G")
    assert "it held 14, it holds 15" in en(error)[0]


# -- the clusters' meetings in Excel ----------------------------------------------------------------


def meeting_workbook(tmp_path, campaign, sheets):
    """A meeting workbook: ``{sheet title: {unit: (place, award name)}}``."""
    path = make_template(campaign, tmp_path / "hop.xlsx", meeting=True)
    wb = openpyxl.load_workbook(path)
    for title, rows in sheets.items():
        ws = wb[title]
        where = _rows(ws)
        for unit, (place, award) in rows.items():
            ws.cell(row=where[unit], column=4).value = place
            ws.cell(row=where[unit], column=5).value = award
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


FLAG = "Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh"


def test_the_meetings_decisions_are_read_per_cluster_and_checked(tmp_path, campaign, sample):
    from thidua.io import dumps

    order = ["xa-van-khanh", "xa-dong-hung-b", "xa-van-khanh-tay", "xa-van-khanh-dong", "xa-dong-hung-a"]
    data = meeting_workbook(
        tmp_path,
        campaign,
        {"Cụm thi đua số 1": {u: (i + 1, FLAG if u == "xa-van-khanh" else None) for i, u in enumerate(order)}},
    )
    without = attrs.evolve(sample, decisions=())
    got = collect(campaign, [("kq.json", dumps(without).encode()), ("hop.xlsx", data)])
    assert got.ok, en(got.problems)
    assert got.results.decisions == (m.Decision("cum-1", order, [m.Proposal("xa-van-khanh", "co-thi-dua")]),)
    assert got.files[1].clusters == ("cum-1",)
    ev = thidua.evaluate(campaign, got.results)
    assert ev.cluster("cum-1").decided_order == tuple(order)


def test_a_place_given_twice_and_an_unknown_award_are_refused_at_their_cells(tmp_path, campaign):
    data = meeting_workbook(
        tmp_path,
        campaign,
        {"Cụm thi đua số 2": {"xa-dong-thanh": (1, "Huân chương"), "tt-thu-muoi-mot": (1, None)}},
    )
    got = collect(campaign, [("hop.xlsx", data)])
    # the members in the cluster's order: tt-thu-muoi-mot on row 3, xa-dong-thanh on row 6
    assert [(p.sheet, p.cell, p.code) for p in got.errors] == [
        ("Cụm thi đua số 2", "D6", "rank-twice"),
        ("Cụm thi đua số 2", "E6", "cell-unknown-award"),
    ]
    assert en(got.errors[0]) == ["sheet 'Cụm thi đua số 2', cell D6: the place 1 is already given at D3"]
    assert got.errors[0].source == "hop.xlsx"


def test_exact_points_survive_a_review_workbook(tmp_path, campaign, self_assessed):
    from thidua.io import dumps

    data = review_workbook(
        tmp_path,
        campaign,
        self_assessed,
        {("xa-van-khanh-tay", "doi-moi"): {"points": "12,5", "reason": "Thiếu minh chứng"}},
    )
    got = collect(campaign, [("kq.json", dumps(self_assessed).encode()), ("td.xlsx", data)])
    assert got.ok, en(got.problems)
    assert got.results.by_unit()["xa-van-khanh-tay"].assessments[1].scores[0].points == Fraction(25, 2)
