"""The year-end round on An Minh 2022, end to end, through the files an office handles.

Templates out → three filled workbooks back (cluster 1, cluster 2 with one
commune late, and a commune's own copy that contradicts its cluster's) →
collect → the late workbook → collect again → the cluster review in Excel →
the meetings' sheet → evaluate → the JSON report. What the units type is the
bundled sample data (the outcomes of 2022 were not published); every value
checked below is worked out by hand from it, in the comments.
"""

from __future__ import annotations

import json
from fractions import Fraction

import openpyxl
import pytest

import thidua
import thidua.cli
from problem_text import en
from thidua.io import collect, dump, make_template
from thidua.report import write_report

SHEET = "Xã, thị trấn"
CLUSTER_1 = ("xa-dong-hung-a", "xa-dong-hung-b", "xa-van-khanh", "xa-van-khanh-dong", "xa-van-khanh-tay")
CLUSTER_2 = ("tt-thu-muoi-mot", "xa-thuan-hoa", "xa-dong-hoa", "xa-dong-thanh", "xa-tan-thanh", "xa-dong-hung")
FLAG = "Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh"


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign("an-minh-2022")


@pytest.fixture(scope="module")
def typed():
    """What each unit types: the sample results (self-assessment, review, meeting)."""
    return thidua.examples.load_results("an-minh-2022")


def _save(wb, path):
    wb.save(path)
    return path


def fill_results(template, path, typed, units, change=None):
    """A unit (or a cluster's office) types its rows into the results template, and saves it as *path*."""
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET]
    keys = {ws.cell(row=2, column=j).value: j for j in range(1, ws.max_column + 1)}
    rows = {ws.cell(row=r, column=2).value: r for r in range(3, ws.max_row + 1)}
    by_unit = typed.by_unit()
    for unit in units:
        r = by_unit[unit]
        cells = {f"count:hamlet:{g}": n for g, n in r.counts["hamlet"].items()}
        cells.update({f"measure:{k}": int(v) for k, v in r.measures.items()})
        for s in r.assessments[0].scores:  # the self-assessment
            cells[f"points:{s.criterion}"] = int(s.points)
            if s.bonus is not None:
                cells[f"bonus:{s.criterion}"] = int(s.bonus)
        cells.update((change or {}).get(unit, {}))
        for key, value in cells.items():
            ws.cell(row=rows[unit], column=keys[key]).value = value
    return _save(wb, path)


def test_the_year_end_round(tmp_path, campaign, typed):
    # 1. templates out
    template = make_template(campaign, tmp_path / "mau-ket-qua.xlsx")

    # 2. three workbooks back: cluster 1's, cluster 2's without Đông Hưng (late), and Vân Khánh's own
    # copy, whose fund (125,000,000) contradicts what cluster 1's office typed for it (130,000,000)
    cum1 = fill_results(template, tmp_path / "cum-1.xlsx", typed, CLUSTER_1)
    cum2 = fill_results(template, tmp_path / "cum-2.xlsx", typed, CLUSTER_2[:-1])
    own = fill_results(
        template,
        tmp_path / "xa-van-khanh.xlsx",
        typed,
        ["xa-van-khanh"],
        change={"xa-van-khanh": {"measure:fund_raised": 125_000_000}},
    )
    got = collect(campaign, [cum1, cum2, own])
    assert got.results is None  # never merged silently
    assert got.missing == ("xa-dong-hung",)
    # Vân Khánh is the 9th unit of the sheet (row 11); its fund is column I
    assert [(p.source, p.sheet, p.cell, p.code) for p in got.errors] == [(str(own), SHEET, "I11", "values-conflict")]
    assert en(got.errors[0]) == [
        (
            f"sheet '{SHEET}', cell I11: measure:fund_raised of 'Xã Vân Khánh' is 125000000 here, "
            f"but 130000000 in {cum1}, '{SHEET}'!I11"
        )
    ]
    assert [p.code for p in got.problems if not p.is_error] == ["unit-in-two-files", "unit-returned-nothing"]

    # the office checks with Vân Khánh (its cluster's figure stands), and Đông Hưng's workbook arrives
    late = fill_results(template, tmp_path / "xa-dong-hung.xlsx", typed, ["xa-dong-hung"])
    got = collect(campaign, [cum1, cum2, late])
    assert got.ok, en(got.problems)
    assert (got.missing, got.problems) == ((), ())
    assert [f.units for f in got.files] == [CLUSTER_1, CLUSTER_2[:-1], ("xa-dong-hung",)]
    self_assessed = dump(got.results, tmp_path / "ket-qua.json")

    # 3. the cluster review, in Excel: Vân Khánh Tây's innovation 14 → 13, Vân Khánh's new rural areas 14 → 13
    review = make_template(campaign, tmp_path / "tham-dinh.xlsx", stage="cum-tham-dinh", results=got.results)
    wb = openpyxl.load_workbook(review)
    ws = wb[SHEET]
    reasons = {
        ("xa-van-khanh-tay", "doi-moi"): (13, "Mô hình mới chưa có báo cáo sơ kết"),
        ("xa-van-khanh", "ntm-dtvm"): (13, "Chưa có minh chứng công trình nông thôn mới"),
    }
    for r in range(3, ws.max_row + 1):
        pair = (ws.cell(row=r, column=2).value, ws.cell(row=r, column=4).value)
        if pair in reasons:
            assert ws.cell(row=r, column=7).value == 14  # the points before the stage, written in
            ws.cell(row=r, column=9).value, ws.cell(row=r, column=11).value = reasons[pair]
    _save(wb, review)
    got = collect(campaign, [self_assessed, review])
    assert got.ok, en(got.problems)
    reviewed = dump(got.results, tmp_path / "ket-qua-tham-dinh.json")

    # 4. the meetings: cluster 1 puts Vân Khánh first and proposes it for the flag; cluster 2 proposes
    # two flags, Đông Thạnh (second) and Thứ Mười Một
    meeting = make_template(campaign, tmp_path / "hoi-nghi.xlsx", meeting=True)
    wb = openpyxl.load_workbook(meeting)
    for d in typed.decisions:
        ws = wb["Cụm thi đua số 1" if d.cluster == "cum-1" else "Cụm thi đua số 2"]
        rows = {ws.cell(row=r, column=2).value: r for r in range(3, ws.max_row + 1)}
        for place, unit in enumerate(d.order, start=1):
            ws.cell(row=rows[unit], column=4).value = place
        for p in d.proposals:
            ws.cell(row=rows[p.unit], column=5).value = FLAG
    _save(wb, meeting)
    got = collect(campaign, [reviewed, meeting])
    assert got.ok, en(got.problems)
    final = got.results
    assert [(d.cluster, d.order[0], [p.unit for p in d.proposals]) for d in final.decisions] == [
        ("cum-1", "xa-van-khanh", ["xa-van-khanh"]),
        ("cum-2", "tt-thu-muoi-mot", ["tt-thu-muoi-mot", "xa-dong-thanh"]),
    ]

    # 5. evaluate (the last stage reached: the cluster review)
    ev = thidua.evaluate(campaign, final)
    vkt = ev.unit("xa-van-khanh-tay")
    # assessed 10 + 9 + 13 + 9 + 14 + 9 = 64, bonus 1, the fund 15 × 149,999,999 / 150,000,000
    # = 14.9999999, 8 of 10 committees good or better: 10, one weak committee: 0; 89.9999999 is htt (< 90)
    assert vkt.score.total == Fraction("89.9999999")
    assert (vkt.score.stage, vkt.rating.grade) == ("cum-tham-dinh", "htt")
    # cluster 1: 98, 93, 90, 89.9999999, 76.5
    assert {e.unit: e.rank for e in ev.cluster("cum-1").ranking.entries} == {
        "xa-van-khanh": 1,
        "xa-dong-hung-b": 2,
        "xa-van-khanh-dong": 3,
        "xa-van-khanh-tay": 4,
        "xa-dong-hung-a": 5,
    }
    # cluster 2's meeting: Đông Thạnh is second, so not eligible for the flag, and one flag per cluster
    assert [(c.code, dict(c.args)) for c in ev.cluster("cum-2").conflicts] == [
        ("proposal_ineligible", {"unit": "xa-dong-thanh", "award": "co-thi-dua"}),
        (
            "over_quota",
            {
                "award": "co-thi-dua",
                "proposed": 2,
                "allowed": 1,
                "units": ("tt-thu-muoi-mot", "xa-dong-thanh"),
                "clusters": ("cum-2",),
            },
        ),
    ]
    # cluster 1's meeting put Vân Khánh Tây third; computed, it is fourth (89.9999999 < 90): said, not replaced
    [differs] = ev.cluster("cum-1").conflicts
    assert (differs.code, differs.severity, differs.args["ranks"]) == ("order_differs", "info", (1, 2, 4, 3, 5))

    # and the JSON report
    report = json.loads(write_report(ev, campaign, tmp_path / "bao-cao.json").read_text(encoding="utf-8"))
    row = next(u for u in report["units"] if u["id"] == "xa-van-khanh-tay")
    assert (row["score"]["total"], row["grade"]["id"], row["rank"]) == ("89.9999999", "htt", 4)
    assert [(c["criterion"], c["from"], c["to"], c["reason"]) for c in row["changes"]] == [
        ("doi-moi", "14", "13", "Mô hình mới chưa có báo cáo sơ kết")
    ]
    # typed by hand into the templates: the results are not sample data; the report is marked as sample
    # all the same, because An Minh's rubric and bands are a sample (the campaign says so)
    assert final.sample is False
    assert campaign.sample is True
    assert report["sample"] is True


def test_nothing_is_written_when_a_returned_file_is_refused(tmp_path, campaign, typed, capsys):
    template = make_template(campaign, tmp_path / "mau.xlsx")
    wb = openpyxl.load_workbook(fill_results(template, tmp_path / "cum-1.xlsx", typed, CLUSTER_1))
    wb[SHEET]["C3"] = "Xã Đông Hưng"  # a locked name edited: another commune's
    _save(wb, tmp_path / "cum-1.xlsx")
    out = tmp_path / "ket-qua.json"
    code = thidua.cli.main(["collect", "an-minh-2022", str(tmp_path / "cum-1.xlsx"), "-o", str(out), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1
    assert (
        f"sheet '{SHEET}', cell C3: this cell is locked in the template and was changed: "
        "it held 'Thị trấn Thứ Mười Một', it holds 'Xã Đông Hưng'"
    ) in err
    assert not out.exists()
