"""The XLSX report: the same contents as the HTML one, formatted for officials."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

import thidua
from thidua.report import write_report


@pytest.fixture(scope="module")
def evaluated():
    campaign = thidua.examples.load_campaign("an-minh-2022")
    results = thidua.examples.load_results("an-minh-2022")
    return campaign, results, thidua.evaluate(campaign, results)


@pytest.fixture(scope="module")
def book(tmp_path_factory, evaluated):
    campaign, results, ev = evaluated
    path = write_report(ev, campaign, tmp_path_factory.mktemp("x") / "report.xlsx", results=results, locale="en")
    return openpyxl.load_workbook(path), ev


def test_vietnamese_by_default(tmp_path, evaluated):
    campaign, results, ev = evaluated
    wb = openpyxl.load_workbook(write_report(ev, campaign, tmp_path / "r.xlsx", results=results))
    assert "Xếp hạng" in wb.sheetnames
    assert wb["Xếp hạng"]["B1"].value == "Hạng"


def _rows(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c for c in row), strict=False)) for row in ws.iter_rows(min_row=2)]


def test_sheets_and_summary(book):
    wb, ev = book
    assert wb.sheetnames == [
        "Summary",
        "Ranking",
        "Targets",
        "Awards",
        "Changes",
        "Decisions",
        "Conflicts",
        "Explanation",
    ]
    summary = wb["Summary"]
    values = [c.value for row in summary.iter_rows() for c in row]
    assert "Sample data — not real results" in values
    assert ev.fingerprint in values
    for ws in wb.worksheets:
        assert ev.fingerprint in ws.oddFooter.center.text


def test_headers_frozen_bold_filtered_and_widths(book):
    wb, _ev = book
    # the header row and the columns that name a row stay in view
    frozen = {"Ranking": "E2", "Targets": "E2", "Awards": "D2", "Changes": "C2", "Explanation": "C2"}
    for title, cell in frozen.items():
        ws = wb[title]
        assert ws.freeze_panes == cell
        assert all(c.font.bold for c in ws[1])
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    ranking = wb["Ranking"]
    # as wide as the longest unit name ("Thị trấn Thứ Mười Một", 21 characters) and a margin
    assert ranking.column_dimensions["D"].width == 23
    # long texts stop at 60 characters and wrap
    explanation = wb["Explanation"]
    assert explanation.column_dimensions["C"].width == 60
    assert explanation["C2"].alignment.wrap_text


def test_number_formats(book):
    wb, _ev = book
    rows = {(r["Unit id"].value, r["Target"].value): r for r in _rows(wb["Targets"])}
    fund = rows[("xa-van-khanh-tay", "The fund for the poor reaches its assigned quota")]
    # money in đồng with digit grouping; 1 đồng short
    assert (fund["Value"].value, fund["Value"].number_format) == (149999999, '#,##0 "₫"')
    assert (fund["Base"].value, fund["Shortfall"].value) == (150000000, 1)
    assert fund["Shortfall"].number_format == '#,##0 "₫"'
    good = rows[
        ("xa-van-khanh-tay", "Front work committees of hamlets and quarters completing their tasks well or better")
    ]
    # shares as percentages: 8/10 = 80% against 80%
    assert (good["Share"].value, good["Share"].number_format) == (0.8, "0%")
    assert (good["Threshold"].value, good["Threshold"].number_format) == (0.8, "0%")
    total = next(r for r in _rows(wb["Ranking"]) if r["Unit id"].value == "xa-van-khanh-tay")["Total"]
    assert total.number_format == "#,##0.0000000"  # 89.9999999 shown in full


def test_a_share_whose_decimals_never_end_keeps_its_exact_value_in_a_note(book):
    wb, _ev = book
    rows = {(r["Unit id"].value, r["Target"].value): r for r in _rows(wb["Targets"])}
    # Đông Hưng A: 3 of 9 front work committees excellent = 1/3
    # an "of which" target is named with its parent
    name = (
        "Front work committees of hamlets and quarters completing their tasks well or better, "
        "of which at least 30% completing them excellently"
    )
    share = rows[("xa-dong-hung-a", name)]["Share"]
    assert Decimal(repr(share.value)) == Decimal("0.333333333333")
    assert share.number_format == "0.00%"
    assert share.comment.text == "Exact value: 100/3%"


def test_ranking_numbers_are_exact(book):
    wb, _ev = book
    rows = [r for r in _rows(wb["Ranking"]) if r["Unit id"].value == "xa-van-khanh-tay"]
    cluster_row = rows[0]
    assert cluster_row["Rank"].value == 4
    # the cell holds 89.9999999 exactly as written (openpyxl reads numbers back as floats; repr shows the text)
    assert Decimal(repr(cluster_row["Total"].value)) == Decimal("89.9999999")
    assert cluster_row["Grade"].value == "Completed tasks well"


def test_verdict_cells_are_coloured(book):
    wb, _ev = book
    rows = {(r["Unit id"].value, r["Target"].value): r for r in _rows(wb["Targets"])}
    met = rows[
        ("xa-van-khanh-tay", "Front work committees of hamlets and quarters completing their tasks well or better")
    ]["Verdict"]
    missed = rows[("xa-van-khanh-tay", "The fund for the poor reaches its assigned quota")]["Verdict"]
    assert (met.value, met.fill.fgColor.rgb[-6:]) == ("Met", "E3F4E8")
    assert (missed.value, missed.fill.fgColor.rgb[-6:]) == ("Not met", "FBE4E2")


def test_conflicts_and_changes(book):
    wb, _ev = book
    conflicts = [(r["Cluster"].value, r["Severity"].value, r["Conflict"].value) for r in _rows(wb["Conflicts"])]
    # the clusters' lists of members are a proposal (members_source), which their names say
    cum_1, cum_2 = "Emulation cluster no. 1 (proposal)", "Emulation cluster no. 2 (proposal)"
    assert (cum_2, "Error") in [(c, s) for c, s, _ in conflicts]  # two proposed for one flag
    assert (cum_1, "Information") in [(c, s) for c, s, _ in conflicts]  # order differs
    decided = _rows(wb["Decisions"])
    third = next(r for r in decided if r["Cluster"].value == cum_1 and r["#"].value == 3)
    assert (third["Decided order"].value, third["Computed order"].value) == ("Xã Vân Khánh Tây", "Xã Vân Khánh Đông")
    (vkt,) = [r for r in _rows(wb["Changes"]) if r["Unit"].value == "Xã Vân Khánh Tây"]
    assert (vkt["From"].value, vkt["To"].value, vkt["Reason"].value) == (14, 13, "Mô hình mới chưa có báo cáo sơ kết")
