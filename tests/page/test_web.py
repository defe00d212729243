"""thidua.web, the page's Python side, in CPython: what the page shows for each thing a person does."""

from __future__ import annotations

import json
import sys

import pytest

import thidua
from thidua.io import read_results_table
from thidua.web import MAX_BYTES, TEXTS, Page, page_texts
from workbooks import filled_template

AN_MINH = "an-minh-2022"


@pytest.fixture
def page():
    p = Page()
    p.open_example(AN_MINH)
    return p


def _csv(rows: str) -> bytes:
    return rows.encode("utf-8")


@pytest.mark.parametrize("name", thidua.examples.names())
def test_sample_results_give_the_fingerprint_of_thidua_evaluate(name):
    p = Page()
    p.open_example(name)
    view = p.use_sample_results()
    campaign = thidua.examples.load_campaign(name)
    expected = thidua.evaluate(
        campaign, thidua.examples.load_results(name), history=thidua.examples.load_history(name)
    ).fingerprint
    assert view["problems"] == []
    assert view["fingerprint"] == expected == view["report"]["fingerprint"]
    assert view["report"]["sample"] is True


def test_the_view_shows_numbers_as_the_reports_do(page):
    vi = page.use_sample_results("vi")
    en = page.view("en")
    rows = {r["name"]: r["shown_total"] for r in vi["report"]["clusters"][0]["ranking"]}
    assert rows["Xã Vân Khánh Tây"] == "89,9999999"
    assert rows["Xã Đông Hưng A"] == "76,5"
    assert {r["name"]: r["shown_total"] for r in en["report"]["clusters"][0]["ranking"]}["Xã Đông Hưng A"] == "76.5"
    unit = next(u for u in vi["report"]["units"] if u["id"] == "xa-van-khanh-tay")
    fund = next(t for t in unit["targets"] if t["target"] == "quy-vi-nguoi-ngheo")
    assert (fund["status"], fund["shown_status"]) == ("not_met", "Không đạt")
    assert vi["campaign"]["name"] == "Thi đua Cụm Mặt trận các xã, thị trấn huyện An Minh năm 2022"
    # the view is plain JSON, as the page receives it
    assert json.loads(json.dumps(en))["fingerprint"] == en["fingerprint"]


def test_a_filled_workbook_is_read_as_the_command_line_reads_it(page, tmp_path):
    campaign = thidua.examples.load_campaign(AN_MINH)
    path = filled_template(campaign, thidua.examples.load_results(AN_MINH), tmp_path / "kq.xlsx")
    view = page.read_results([("kq.xlsx", path.read_bytes())])
    assert view["problems"] == []
    assert view["files"] == ["kq.xlsx: kết quả của 11 đơn vị"]
    assert view["not_returned"] is None
    assert view["fingerprint"] == thidua.evaluate(campaign, read_results_table(path, campaign)).fingerprint
    assert [r["name"] for r in view["report"]["clusters"][1]["ranking"]][:1] == ["Thị trấn Thứ Mười Một"]


def test_files_are_merged_as_collect_merges_them(page):
    one = _csv("unit,count:hamlet:htxs,total:hamlet\nxa-van-khanh,1,1\n")
    two = _csv("unit,count:hamlet:htxs,total:hamlet\nxa-dong-hung,2,2\n")
    view = page.read_results([("mot.csv", one), ("hai.csv", two)], "en")
    assert view["files"] == ["mot.csv: results of 1 unit", "hai.csv: results of 1 unit"]
    assert view["not_returned"].startswith("No results yet from: Thị trấn Thứ Mười Một, Xã Thuận Hòa, ")
    assert "Xã Vân Khánh," not in view["not_returned"]
    # the cells left blank are said, each at its cell, as thidua collect says them
    blanks = [p["text"] for p in view["problems"] if p["code"] == "input-missing"]
    assert "mot.csv, cell A2: left blank: measure:fund_raised is a missing input (a blank is never read as 0)" in blanks
    assert len(blanks) == 2 * len([b for b in blanks if b.startswith("mot.csv")])  # as many in each file
    # the same file twice is read once
    twice = page.read_results([("mot.csv", one), ("lai.csv", one)], "vi")
    assert (twice["problems"][0]["code"], twice["problems"][0]["source"]) == ("duplicate-file", "lai.csv")
    assert twice["problems"][0]["text"] == "lai.csv: tệp giống hệt mot.csv (cùng nội dung): chỉ đọc một lần"
    assert twice["files"] == ["mot.csv: kết quả của 1 đơn vị"]
    # a unit given two ways is refused, named by both cells
    other = _csv("unit,count:hamlet:htxs,total:hamlet\nxa-van-khanh,2,2\n")
    conflict = page.read_results([("mot.csv", one), ("lai.csv", other)], "vi")
    assert [p["text"] for p in conflict["problems"] if p["code"] == "values-conflict"] == [
        "lai.csv, ô B2: count:hamlet:htxs của “Xã Vân Khánh” ở đây là 2, nhưng ở mot.csv, B2 là 1",
        "lai.csv, ô C2: total:hamlet của “Xã Vân Khánh” ở đây là 2, nhưng ở mot.csv, C2 là 1",
    ]
    assert conflict["report"] is None


def test_problems_name_the_browsers_file_never_a_temporary_path(page):
    view = page.read_results([("../../thu-muc/kq.csv", _csv("unit,rating\nxa-khong-co,htt\n"))], "en")
    (problem,) = view["problems"]
    assert (problem["source"], problem["cell"], problem["code"]) == ("kq.csv", "A2", "table-unknown-unit")
    assert problem["text"] == "kq.csv, cell A2: unknown unit 'xa-khong-co'"
    vi = page.view("vi")["problems"][0]["text"]
    assert vi == "kq.csv, ô A2: không tìm thấy đơn vị “xa-khong-co”"


def test_a_corrupt_workbook_and_a_file_of_another_kind(page):
    view = page.read_results([("hong.xlsx", b"PK\x03\x04 no"), ("anh.png", b"\x89PNG")], "en")
    assert [(p["source"], p["code"]) for p in view["problems"]] == [
        ("hong.xlsx", "not-a-workbook"),
        ("anh.png", "unknown-suffix"),
    ]


def test_an_evaluation_that_stops_is_shown_not_raised(page):
    view = page.read_results([("mot.csv", _csv("unit,count:hamlet:htxs\nxa-van-khanh,1\n"))], "en")
    (problem,) = [p for p in view["problems"] if p["severity"] == "error"]
    assert problem["code"] == "missing-input"
    assert problem["text"].startswith("evaluation failed: unit 'Thị trấn Thứ Mười Một', rule ")
    assert view["report"] is None


def test_too_large(page):
    assert page.too_large("kq.xlsx", MAX_BYTES) is None
    assert page.too_large("C:\\\\Users\\\\kq.xlsx", MAX_BYTES + 1, "vi")["text"] == "kq.xlsx: tệp lớn hơn 200 MiB"


def test_opening_a_campaign_file():
    p = Page()
    text = thidua.examples.path("son-tay-2024").read_bytes()
    view = p.open_file("son-tay.json", text, "vi")
    assert view["problems"] == []
    assert view["campaign"]["id"] == "son-tay-2024"
    assert view["campaign"]["example"] is None
    # no sample results for an opened file: the page offers none
    assert p.use_sample_results()["report"] is None
    bad = p.open_file("phong-trao.toml", b"year = 2024.5\n", "en")
    assert bad["campaign"] is None
    assert {q["source"] for q in bad["problems"]} == {"phong-trao.toml"}


def test_template_and_reports_are_files_with_names_in_the_pages_language(page):
    assert page.template("en")[0] == "an-minh-2022-template.xlsx"
    name, data = page.template("vi")
    assert (name, data[:2]) == ("an-minh-2022-bieu-mau.xlsx", b"PK")
    page.use_sample_results()
    name, data = page.report(".html", "vi")
    assert name == "an-minh-2022-bao-cao.html"
    assert page.evaluation.fingerprint.encode() in data
    assert page.report(".xlsx", "en")[0] == "an-minh-2022-report.xlsx"
    with pytest.raises(RuntimeError):
        page.report(".docx")


def test_every_text_of_the_page_is_translated():
    vi, en = page_texts("vi"), page_texts("en")
    assert set(vi) == set(en) == set(TEXTS)
    assert en == TEXTS
    assert [k for k in TEXTS if vi[k] == en[k]] == []
    assert vi["privacy"].startswith("Tệp của quý cơ quan không rời khỏi máy tính này")


def test_a_yaml_campaign_without_pyyaml_names_the_extra_not_a_syntax_error(monkeypatch):
    # as in the page, where PyYAML (not pure Python) is not installed; the YAML loader is built once and kept
    from thidua.io import _files

    monkeypatch.setitem(sys.modules, "yaml", None)
    _files._safe_loader.cache_clear()
    try:
        view = Page().open_file("phong-trao.yaml", b"schema_version: 1\ndocument: campaign\n", "en")
    finally:
        _files._safe_loader.cache_clear()
    (problem,) = view["problems"]
    assert (problem["code"], problem["source"]) == ("missing-extra", "phong-trao.yaml")
    assert problem["text"] == (
        "phong-trao.yaml: reading or writing YAML needs the optional extra 'yaml' (PyYAML): "
        "pip install 'thidua[yaml]', or install PyYAML"
    )
    assert view["campaign"] is None
