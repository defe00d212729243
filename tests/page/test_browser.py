"""The office's page in headless Chromium: it loads, evaluates what is dropped, and answers as CPython does.

Every test watches the requests the page makes (none may leave 127.0.0.1's
origin, and none is made after the page is ready) and the console (no error).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import thidua
from thidua.io import make_template, read_results_table
from workbooks import filled_template

pytestmark = pytest.mark.browser

AN_MINH = "an-minh-2022"


def _ranking(page, cluster: str) -> list[tuple[str, str, str]]:
    rows = page.locator(f"table[data-cluster='{cluster}'] tbody tr")
    return [tuple(rows.nth(i).locator("td").nth(j).inner_text() for j in (0, 1, 2)) for i in range(rows.count())]


def _verdict(page, unit: str, target: str) -> str:
    cell = page.locator(f"details[data-unit='{unit}'] tr[data-target='{target}'] td[data-status]")
    return cell.get_attribute("data-status")


def _problems(page) -> list[dict[str, str | None]]:
    items = page.locator("#problem-list li")
    return [
        {
            "text": items.nth(i).inner_text(),
            "message": items.nth(i).get_attribute("data-message"),
            "code": items.nth(i).get_attribute("data-code"),
            "sheet": items.nth(i).get_attribute("data-sheet"),
            "cell": items.nth(i).get_attribute("data-cell"),
        }
        for i in range(items.count())
    ]


def _drop(session, *paths: Path) -> None:
    page = session.page
    page.evaluate("delete document.body.dataset.shownMs")
    page.set_input_files("#results-files", [str(p) for p in paths])
    page.wait_for_selector("body[data-shown-ms]", state="attached")
    session.idle()


@pytest.fixture(scope="module")
def an_minh_workbook(tmp_path_factory) -> Path:
    """The An Minh template written by thidua, filled with the bundled sample values."""
    campaign = thidua.examples.load_campaign(AN_MINH)
    results = thidua.examples.load_results(AN_MINH)
    return filled_template(campaign, results, tmp_path_factory.mktemp("page") / "an-minh-2022.xlsx")


def test_the_page_loads_in_vietnamese_from_its_own_origin_only(session):
    session.open()
    page = session.page
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Tệp của quý cơ quan không rời khỏi máy tính này" in page.inner_text(".privacy")
    assert page.inner_text("#status-text") == "Sẵn sàng."
    assert page.locator("#example").input_value() == AN_MINH
    assert session.foreign() == []
    assert any(u.endswith("/pyodide/pyodide.asm.wasm") for u in session.requests)
    assert session.errors() == []


def test_an_uploaded_workbook_is_evaluated_as_cpython_evaluates_it(session, an_minh_workbook, tmp_path):
    session.open()
    loaded = len(session.requests)
    page = session.page
    _drop(session, an_minh_workbook)
    assert _problems(page) == []
    assert _ranking(page, "cum-1") == [
        ("1", "Xã Vân Khánh", "98"),
        ("2", "Xã Đông Hưng B", "93"),
        ("3", "Xã Vân Khánh Đông", "90"),
        ("4", "Xã Vân Khánh Tây", "89,9999999"),
        ("5", "Xã Đông Hưng A", "76,5"),
    ]
    assert _verdict(page, "xa-van-khanh-tay", "bctmt-good") == "met"
    assert _verdict(page, "xa-van-khanh-tay", "quy-vi-nguoi-ngheo") == "not_met"
    text = page.text_content("details[data-unit='xa-van-khanh-tay'] .explanation").replace("\xa0", " ")
    assert (
        "Số tiền vận động Quỹ “Vì người nghèo”: 149.999.999 đồng, bằng 99,999999% chỉ tiêu được giao "
        "(150.000.000 đồng); còn thiếu 1 đồng. Kết luận: không đạt."
    ) in text
    assert "Kết luận: không đạt." in text
    campaign = thidua.examples.load_campaign(AN_MINH)
    expected = thidua.evaluate(campaign, read_results_table(an_minh_workbook, campaign)).fingerprint
    assert page.inner_text("#fingerprint") == expected
    # nothing is fetched once the page is ready: the workbook never leaves the browser
    assert session.requests[loaded:] == []
    assert session.errors() == []
    shot = tmp_path / "page.png"
    page.set_viewport_size({"width": 1000, "height": 900})
    page.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": 1000, "height": 1750})
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("THIDUA_PAGE_SCREENSHOT")
    if keep:  # how docs/huong-dan/trang-web.png is made
        shutil.copyfile(shot, keep)


@pytest.mark.parametrize("name", thidua.examples.names())
def test_the_bundled_sample_results_give_cpythons_fingerprint(session, name):
    session.open()
    page = session.page
    if name != AN_MINH:
        page.select_option("#example", name)
        session.idle()
    page.click("#sample")
    session.idle()
    page.wait_for_selector("#evaluation:not([hidden])", state="attached")
    campaign = thidua.examples.load_campaign(name)
    results = thidua.examples.load_results(name)
    history = thidua.examples.load_history(name)
    assert page.inner_text("#fingerprint") == thidua.evaluate(campaign, results, history=history).fingerprint
    assert page.inner_text("#sample-banner") == "Dữ liệu mẫu — không phải kết quả thật"
    assert session.foreign() == []
    assert session.errors() == []


def _cli_lines(campaign: Path, results: Path, capsys) -> str:
    from thidua.cli import main

    main(["validate", str(campaign), str(results)])
    return capsys.readouterr().err


def test_bad_files_show_the_command_lines_problems_and_the_page_goes_on(session, an_minh_workbook, tmp_path, capsys):
    session.open()
    page = session.page
    campaign_path = thidua.examples.path(AN_MINH)
    other = make_template(thidua.examples.load_campaign("thanh-xuan-2020"), tmp_path / "thanh-xuan.xlsx")
    corrupt = tmp_path / "hong.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a workbook")
    wrong = tmp_path / "ghi-chu.txt"
    wrong.write_text("không phải bảng kết quả", encoding="utf-8")
    for path, code in ((other, "wrong-template-campaign"), (corrupt, "not-a-workbook"), (wrong, "unknown-suffix")):
        _drop(session, path)
        shown = _problems(page)
        assert code in [p["code"] for p in shown], shown
        cli = _cli_lines(campaign_path, path, capsys)
        for p in shown:
            # the same sentence as `thidua validate`, at the same sheet and cell
            assert p["message"] in cli, (p, cli)
            assert p["cell"] is None or f"ô {p['cell']}" in cli, (p, cli)
        assert page.locator("#evaluation").is_hidden()
    # a file over the limit is refused before it is read (a sparse file: it takes no disk)
    large = tmp_path / "rat-lon.xlsx"
    with large.open("wb") as f:
        f.truncate(200 * 1024 * 1024 + 1)
    _drop(session, large)
    assert [p["text"] for p in _problems(page)] == ["rat-lon.xlsx: tệp lớn hơn 200 MiB"]
    # and the page still works
    _drop(session, an_minh_workbook)
    assert _problems(page) == []
    assert _ranking(page, "cum-1")[0] == ("1", "Xã Vân Khánh", "98")
    assert session.foreign() == []
    assert session.errors() == []


def test_two_workbooks_are_merged_and_the_same_file_twice_is_read_once(session, tmp_path):
    campaign = thidua.examples.load_campaign(AN_MINH)
    results = thidua.examples.load_results(AN_MINH)
    cum1 = set(campaign.clusters[0].members)
    first = filled_template(campaign, results, tmp_path / "cum-1.xlsx", units=cum1)
    second = filled_template(campaign, results, tmp_path / "cum-2.xlsx", units=set(campaign.clusters[1].members))
    session.open()
    page = session.page
    _drop(session, first, second)
    assert _problems(page) == []
    assert page.locator("#files li").all_inner_texts() == [
        "cum-1.xlsx: kết quả của 5 đơn vị",
        "cum-2.xlsx: kết quả của 6 đơn vị",
    ]
    assert page.locator("#not-returned").is_hidden()
    assert _ranking(page, "cum-2")[0][1] == "Thị trấn Thứ Mười Một"
    _drop(session, first, first)  # the same file twice: read once, as thidua collect does
    shown = _problems(page)
    assert shown[0]["text"] == "cum-1.xlsx: tệp giống hệt cum-1.xlsx (cùng nội dung): chỉ đọc một lần"
    _drop(session, first)
    assert re.match(r"^Chưa có kết quả của: Thị trấn Thứ Mười Một, ", page.inner_text("#not-returned"))
    assert session.errors() == []


def test_english_switch_template_and_reports(session, an_minh_workbook, tmp_path):
    session.open()
    page = session.page
    page.click("button[data-lang=en]")
    session.idle()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Your files never leave this computer" in page.inner_text(".privacy")
    with page.expect_download() as got:
        page.click("#template")
    template = tmp_path / got.value.suggested_filename
    got.value.save_as(template)
    assert template.name == "an-minh-2022-template.xlsx"
    import openpyxl

    assert "Commune" in openpyxl.load_workbook(template).sheetnames
    _drop(session, an_minh_workbook)
    assert page.locator("table[data-cluster='cum-1'] caption").inner_text() == "Emulation cluster no. 1 (proposal)"
    fingerprint = page.inner_text("#fingerprint")
    for button, name in (("#report-html", "an-minh-2022-report.html"), ("#report-xlsx", "an-minh-2022-report.xlsx")):
        with page.expect_download() as got:
            page.click(button)
        assert got.value.suggested_filename == name
        path = tmp_path / name
        got.value.save_as(path)
        if name.endswith(".html"):
            html = path.read_text(encoding="utf-8")
            assert fingerprint in html
            assert 'lang="en"' in html
        else:
            values = [c for ws in openpyxl.load_workbook(path).worksheets for row in ws.values for c in row]
            assert fingerprint in values
    page.click("button[data-lang=vi]")
    session.idle()
    assert page.locator("table[data-cluster='cum-1'] caption").inner_text() == "Cụm thi đua số 1 (đề xuất)"
    assert session.foreign() == []
    assert session.errors() == []


def test_a_campaign_file_is_opened_and_a_yaml_one_is_explained(session, tmp_path):
    session.open()
    page = session.page
    own = tmp_path / "phong-trao.json"
    own.write_bytes(thidua.examples.path("son-tay-2024").read_bytes())
    page.set_input_files("#campaign-file", str(own))
    session.idle()
    page.wait_for_selector("#template:not([disabled])", state="attached")
    assert page.locator("#example").input_value() == ""
    assert page.locator("#sample").is_disabled()  # an opened campaign has no bundled sample results
    with page.expect_download() as got:
        page.click("#template")
    assert got.value.suggested_filename == "son-tay-2024-bieu-mau.xlsx"
    yaml = tmp_path / "phong-trao.yaml"
    yaml.write_text("schema_version: 1\ndocument: campaign\n", encoding="utf-8")
    page.set_input_files("#campaign-file", str(yaml))
    session.idle()
    page.wait_for_selector("#template[disabled]", state="attached")
    (problem,) = _problems(page)
    # PyYAML is not pure Python: the page says what the command line says without it
    assert problem["code"] == "missing-extra"
    assert "yaml" in problem["text"]
    assert problem["text"].startswith("phong-trao.yaml: ")
    assert session.foreign() == []
    assert session.errors() == []
