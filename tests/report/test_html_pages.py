"""The HTML report opens on a summary; a large one is split into pages and loses nothing.

Counts in the summary are worked out from the An Minh sample (tests/seeds.py): the cluster-wide
target "commune-good" is met by both clusters; "commune-excellent" by cluster 2 only (3 of 6
communes HTXS = 50% ≥ 30%; cluster 1 has 1 of 5 = 20%). Grades: cluster 1 has 1 HTXS and 4 HTT,
cluster 2 has 3 HTXS and 3 HTT: 4 and 7 of 11 communes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import thidua
from problem_text import en
from thidua.errors import DataError
from thidua.report import _html as html_module
from thidua.report import (
    render_html,
    render_html_pages,
    report_data,
    report_folder,
    write_report,
)


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign("an-minh-2022")


@pytest.fixture(scope="module")
def results():
    return thidua.examples.load_results("an-minh-2022")


@pytest.fixture(scope="module")
def evaluation(campaign, results):
    return thidua.evaluate(campaign, results)


@pytest.fixture(scope="module")
def data(evaluation, campaign, results):
    return report_data(evaluation, campaign, results=results)


class Page(HTMLParser):
    """Links, ids, verdict cells, award rows and table rows of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.ids, self.rows = [], set(), []
        self.verdicts = {}
        self.awards = set()
        self._row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a":
            self.links.append(a["href"])
        if tag == "tr":
            self._row = a
            self.rows.append(a)
            if "data-award" in a:
                self.awards.add((a["data-award"], a["data-unit"]))
        if tag == "td" and a.get("data-status") and self._row and "data-target" in self._row:
            self.verdicts[(self._row["data-subject"], self._row["data-target"])] = a["data-status"]


def parse(text):
    p = Page()
    p.feed(text)
    return p


def _summary(page):
    return page[page.index('<section class="summary"') : page.index("</section>", page.index('class="summary"'))]


def test_the_page_opens_on_a_summary(evaluation, campaign, results):
    page = render_html(evaluation, campaign, results=results)
    summary = _summary(page)
    assert page.index('id="summary"') < page.index('id="cluster-cum-1"')
    rows = re.findall(
        r'<tr data-target="([^"]+)"><td>[^<]*</td><td class="num">(\d+)</td><td class="num">(\d+)</td>', summary
    )
    # commune-excellent is decided once over the whole agreement (scope: agreement), met in both clusters
    assert rows[:2] == [("commune-good", "2", "0"), ("commune-excellent", "2", "0")]
    grades = re.findall(r'data-grade="(\w+)"><td>[^<]*</td><td>[^<]*</td><td class="num">(\d+)</td>', summary)
    assert grades == [("htxs", "4"), ("htt", "7")]
    # every cluster is linked from the leaders' table, with its leader
    assert '<a href="#cluster-cum-1">Cụm thi đua số 1 (đề xuất)</a>' in summary  # its members are a proposal
    assert '<a href="#unit-tt-thu-muoi-mot">Thị trấn Thứ Mười Một</a>' in summary
    # the awards the rules grant, and the meetings' conflicts, errors first
    assert '<h4 data-award="co-thi-dua">Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh (mẫu): 2 đơn vị</h4>' in summary
    codes = re.findall(r'<li class="conflict-(\w+)" data-code="(\w+)">', summary)
    assert codes == [("error", "proposal_ineligible"), ("error", "over_quota"), ("info", "order_differs")]


def test_a_small_report_is_one_page(data):
    pages = render_html_pages(data, folder="r_files")
    assert list(pages) == [""]
    assert 'href="#cluster-cum-2"' in pages[""]


def test_the_split_report_loses_nothing(data):
    pages = render_html_pages(data, folder="r_files", layout="split")
    assert sorted(pages) == ["", "cluster-cum-1.html", "cluster-cum-2.html", "level-commune.html"]
    index = parse(pages[""])
    assert {"r_files/cluster-cum-1.html", "r_files/cluster-cum-2.html", "r_files/level-commune.html"} <= set(
        index.links
    )
    # the summary page holds no verdict of its own; the detail pages hold every one
    assert index.verdicts == {}
    detail = {name: parse(text) for name, text in pages.items() if name}
    verdicts = {}
    awards = set()
    for p in detail.values():
        verdicts.update(p.verdicts)
        awards |= p.awards
    expected = {(t["subject"], t["target"]): t["status"] for c in data["clusters"] for t in c["targets"]}
    expected |= {(t["subject"], t["target"]): t["status"] for u in data["units"] for t in u["targets"]}
    assert verdicts == expected
    assert awards == {(a["award"], u["id"]) for u in data["units"] for a in u["awards"]}
    # every link of every page points at a page of the report and, with an anchor, at an id on it
    names = {"": index, **detail}
    for name, p in names.items():
        for href in p.links:
            target, _, anchor = href.partition("#")
            # from a detail page, "../report.html" is the summary; from the summary, pages are in r_files/
            target = ("" if target == "../report.html" else target) if name else target.removeprefix("r_files/")
            page = names[target] if target else (p if not href.startswith("../") else index)
            if anchor:
                assert anchor in page.ids, (name, href)


def test_auto_splits_above_the_limit(data, monkeypatch):
    monkeypatch.setattr(html_module, "SINGLE_PAGE_LIMIT", 10_000)
    assert len(render_html_pages(data, folder="f")) == 4
    assert len(render_html_pages(data, folder="f", layout="single")) == 1


def test_write_a_split_report_then_a_single_one(evaluation, campaign, results, tmp_path):
    path = write_report(evaluation, campaign, tmp_path / "bao-cao.html", results=results, layout="split")
    folder = report_folder(path)
    assert folder == tmp_path / "bao-cao_files"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".thidua-report",
        "cluster-cum-1.html",
        "cluster-cum-2.html",
        "level-commune.html",
    ]
    assert '<a href="../bao-cao.html">' in (folder / "cluster-cum-1.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.html", "bao-cao_files"]
    # written again as one page, the folder of the earlier report goes: it would no longer match
    write_report(evaluation, campaign, path, results=results, layout="single")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.html"]


def test_a_folder_thidua_did_not_write_is_left_alone(evaluation, campaign, tmp_path):
    (tmp_path / "r_files").mkdir()
    (tmp_path / "r_files" / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DataError) as info:
        write_report(evaluation, campaign, tmp_path / "r.html")
    message = (
        "the folder 'r_files' for the report's pages exists and was not written by thidua; "
        "move it or choose another name"
    )
    assert en(info.value) == (message,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r_files"]


def test_a_failure_keeps_the_previous_report(evaluation, campaign, tmp_path, monkeypatch):
    path = write_report(evaluation, campaign, tmp_path / "r.html", layout="split")
    before = {p.name: p.read_bytes() for p in report_folder(path).iterdir()} | {"": path.read_bytes()}
    from thidua import report

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report, "write_atomic", boom)
    with pytest.raises(OSError):
        write_report(evaluation, campaign, path, layout="split", locale="en")
    after = {p.name: p.read_bytes() for p in report_folder(path).iterdir()} | {"": path.read_bytes()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r_files"]


def test_the_cli_says_where_the_pages_are(tmp_path, capsys, monkeypatch):
    from thidua.cli import main

    monkeypatch.setattr(html_module, "SINGLE_PAGE_LIMIT", 10_000)
    example = Path(thidua.examples.path("an-minh-2022", "campaign")).parent
    out = tmp_path / "r.html"
    code = main(["evaluate", str(example / "campaign.json"), str(example / "results.json"), "-o", str(out)])
    printed = capsys.readouterr().out
    assert code == 5  # the sample meeting of cluster 2 breaks the rules on purpose (exit code 5)
    assert f"Báo cáo mở đầu bằng trang tổng hợp; 3 trang chi tiết nằm trong {tmp_path / 'r_files'}" in printed
