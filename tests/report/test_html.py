"""The HTML report: self-contained, localized, complete, escaped, written atomically."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import attrs
import pytest

import thidua
from problem_text import raises_en
from thidua.errors import DataError
from thidua.report import render_html, write_report


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
def page(evaluation, campaign, results):
    return render_html(evaluation, campaign, results=results)


class Cells(HTMLParser):
    """Rows of the tables of a page, with the attributes of their rows and cells."""

    def __init__(self):
        super().__init__()
        self.tables = []  # (attrs, rows); a row is (attrs, [(cell attrs, text)])
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append((a, []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append((a, []))
        elif tag in ("td", "th") and self.tables and self.tables[-1][1]:
            self._cell = (a, [])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][1][-1][1].append((self._cell[0], "".join(self._cell[1]).strip()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1].append(data)


def parse(page):
    p = Cells()
    p.feed(page)
    return p


def table(parsed, ident):
    return next(rows for a, rows in parsed.tables if a.get("id") == ident)


def test_page_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page
    lowered = page.lower()
    for forbidden in ("<script", "<link", "@import", "url(", "<img", "<iframe", "@font-face"):
        assert forbidden not in lowered
    # the only address is the SVG namespace, which is never fetched
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "<style>" in page
    assert "<svg" in page


def test_sample_banner_and_fingerprint(page, evaluation, campaign, results):
    assert 'class="sample-banner"' in page
    assert "Dữ liệu mẫu — không phải kết quả thật" in page
    assert page.count(evaluation.fingerprint) >= 2  # header and footer
    real = attrs.evolve(results, sample=False)
    ev = thidua.evaluate(attrs.evolve(campaign, sample=False), real)
    assert 'class="sample-banner"' not in render_html(ev, attrs.evolve(campaign, sample=False), results=real)


def test_ranking_tables_in_rank_order_with_score_parts(page):
    rows = table(parse(page), "ranking-cum-1")
    header = [text for _, text in rows[0][1]]
    assert header == [
        "Hạng",
        "Đơn vị",
        "Điểm chuẩn",
        "Điểm thưởng",
        "Điểm trừ",
        "Điểm cộng, trừ",
        "Tổng",
        "Tối đa",
        "Xếp loại",
    ]
    body = [[text for _, text in cells] for _, cells in rows[1:]]
    assert [r[1] for r in body] == [
        "Xã Vân Khánh",
        "Xã Đông Hưng B",
        "Xã Vân Khánh Đông",
        "Xã Vân Khánh Tây",
        "Xã Đông Hưng A",
    ]
    vkt = body[3]
    # 88.9999999 standard + 1 bonus = 89.9999999: shown in full, never rounded up to the 90 of the next band
    assert vkt[:9] == [
        "4",
        "Xã Vân Khánh Tây",
        "88,9999999",
        "1",
        "0",
        "0",
        "89,9999999",
        "100",
        "Hoàn thành tốt nhiệm vụ",
    ]


def test_targets_awards_changes_and_decision(page):
    parsed = parse(page)
    verdicts = {
        (a.get("data-subject"), a.get("data-target")): next(
            c.get("data-status") for c, _ in cells if "data-status" in c
        )
        for table_attrs, rows in parsed.tables
        if table_attrs.get("class") == "targets"
        for a, cells in rows[1:]
    }
    assert verdicts[("xa-van-khanh-tay", "bctmt-good")] == "met"  # 8/10 = 80%
    assert verdicts[("xa-van-khanh-tay", "quy-vi-nguoi-ngheo")] == "not_met"  # 1 VND short
    # decided over the 11 communes that signed: 4 of 11 HTXS = 36.4% ≥ 30%
    assert verdicts[("agreement:giao-uoc-2022", "commune-excellent")] == "met"
    assert "149.999.999\xa0₫ / 150.000.000\xa0₫" in page
    assert 'data-award="co-thi-dua" data-unit="xa-van-khanh"' in page
    assert "Mô hình mới chưa có báo cáo sơ kết" in page  # the reviewer's reason
    decision = next(rows for a, rows in parsed.tables if a.get("class") == "decision")
    third = [text for _, text in decision[3][1]]
    assert third[0] == "3"
    assert third[1].startswith("Xã Vân Khánh Tây")
    assert third[2].startswith("Xã Vân Khánh Đông")
    assert 'class="differs"' in page
    assert 'class="conflict-error" data-code="over_quota"' in page
    assert 'class="conflict-info" data-code="order_differs"' in page


def test_print_layout(page):
    assert "@page { size: A4" in page
    assert "@media print" in page
    assert ".cluster { break-before: page; }" in page


def test_english(evaluation, campaign):
    page = render_html(evaluation, campaign, locale="en")
    assert '<html lang="en">' in page
    assert "<h3>Ranking</h3>" in page
    assert "Sample data — not real results" in page


def test_names_are_escaped(campaign, results):
    units = tuple(
        attrs.evolve(u, name="Xã <script>alert(1)</script> & co") if u.id == "xa-van-khanh" else u
        for u in campaign.units
    )
    odd = attrs.evolve(campaign, units=units)
    page = render_html(thidua.evaluate(odd, results), odd)
    assert "<script>" not in page
    assert "Xã &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_write_report_by_suffix_and_never_half_written(tmp_path, evaluation, campaign, monkeypatch):
    html = write_report(evaluation, campaign, tmp_path / "out" / "r.html")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with raises_en(DataError, r"cannot write a report to 'r\.pdf'; use \.html, \.xlsx, \.json"):
        write_report(evaluation, campaign, tmp_path / "r.pdf")

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    import thidua.report._xlsx as xlsx

    monkeypatch.setattr(xlsx._Book, "explanations", boom)
    with raises_en(RuntimeError, "disk full"):
        write_report(evaluation, campaign, tmp_path / "r.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no report, no temporary file
