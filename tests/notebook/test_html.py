"""HTML tables: content, verdict marks, escaping, both languages.

Expected counts are worked out by hand from the An Minh 2022 sample data
(tests/seeds.py); see tests/tables/test_tables.py for the arithmetic.
"""

from __future__ import annotations

import re

import attrs
import pytest

import thidua
from problem_text import raises_en
from thidua.l10n import label
from thidua.notebook import to_html


@pytest.fixture(scope="module")
def ev(an_minh, an_minh_results):
    return thidua.evaluate(an_minh, an_minh_results)


def cells(html, cls):
    return re.findall(rf'<td class="{cls}"[^>]*>([^<]*)</td>', html)


def rows(html):
    return re.findall(r"<tr>(.*?)</tr>", html)


def test_evaluation_marks_every_verdict(ev):
    html = to_html(ev)
    # Targets met per commune: Thứ Mười Một 4, Đông Hòa 4, Đông Hưng 1, Đông Hưng A 2, Đông Hưng B 3,
    # Đông Thạnh 3, Tân Thạnh 4, Thuận Hòa 2, Vân Khánh 4, Vân Khánh Đông 3, Vân Khánh Tây 2 = 32 of 44;
    # over the agreement (both clusters show it): 11/11 good ✓ and 4/11 excellent ✓, twice → 36 met, 12 not met.
    assert len(cells(html, "met")) == 36
    assert len(cells(html, "not_met")) == 12
    assert set(cells(html, "met")) == {"✓", f"✓ {label('Met', 'vi')}"}
    assert set(cells(html, "not_met")) == {"✗"}


def test_evaluation_lists_each_cluster_in_rank_order(ev):
    html = to_html(ev)
    assert html.index("Cụm thi đua số 1") < html.index("Cụm thi đua số 2")
    cum2 = html[html.index("Cụm thi đua số 2") :]
    order = [cum2.index(name) for name in ("Thị trấn Thứ Mười Một", "Xã Đông Thạnh", "Xã Đông Hòa", "Xã Tân Thạnh")]
    assert order == sorted(order)
    assert label("Sample data — not real results", "vi") in html
    assert ev.fingerprint[:8] + "…" in html


def test_tables_stay_narrow(ev, an_minh):
    for html in (to_html(ev), to_html(ev, campaign=an_minh, locale="en"), to_html(an_minh)):
        for row in rows(html):
            # rank, unit, score, rating, 4 targets, awards = 9 columns at most
            assert row.count("<td") + row.count("<th") <= 9


def test_names_from_the_campaign_in_english(ev, an_minh):
    html = to_html(ev, campaign=an_minh, locale="en")
    assert "Emulation cluster no. 1" in html
    assert "Emulation flag of the provincial Front" in html  # the flags of Vân Khánh and Thứ Mười Một
    assert "HTXS" in html
    assert f"✓ {label('Met', 'en')}" in html


def test_conflicts_are_sentences_with_a_campaign_and_codes_without(ev, an_minh):
    from thidua.l10n import format_conflict

    conflict = ev.cluster("cum-2").conflicts[-1]
    assert conflict.code == "over_quota"
    assert format_conflict(conflict, campaign=an_minh, locale="en") in to_html(ev, campaign=an_minh, locale="en")
    assert "error: over_quota: award=co-thi-dua, proposed=2, allowed=1" in to_html(ev)


def test_unit_shows_figures_thresholds_and_awards(ev):
    html = to_html(ev.unit("xa-van-khanh-tay"))
    assert "8/10 = 80%" in html  # 3 htxs + 5 htt of 10 committees
    assert "≥ 80%" in html
    assert "3/10 = 30%" in html  # of which excellent, over all 10
    assert "37,5%" in html  # the other base, 3/8, shown for information
    assert "149.999.999\xa0₫" in html
    assert "≥ 150.000.000\xa0₫" in html
    assert "89,9999999 / 100" in html  # exact decimal, not rounded to 90
    # targets: fund and "no weak" ✗; awards (eligible, granted): flag ✗ ✗, Bằng khen ✗ ✗, Giấy khen ✓ ✗
    assert len(cells(html, "not_met")) == 2 + 5
    en = to_html(ev.unit("xa-van-khanh-tay"), locale="en")
    assert "₫149,999,999" in en
    assert "89.9999999 / 100" in en


def test_cluster_evaluation_alone(ev, an_minh):
    html = to_html(ev.cluster("cum-1"))
    assert "xa-van-khanh-tay" in html  # alone, a cluster's evaluation knows ids only
    assert "Xã Vân Khánh Tây" in to_html(ev.cluster("cum-1"), campaign=an_minh)
    body = rows(html)
    # header + 5 members, then the cluster-wide targets table: header + 2
    assert len(body) == 1 + 5 + 1 + 2
    assert "4/11 ≈ 36,3%" in html  # four communes of the eleven that signed rated htxs (shown rounded down)


def test_target_outcome(ev):
    html = to_html(ev.target("xa-dong-hung", "quy-vi-nguoi-ngheo"), locale="en")
    assert "₫80,000,000 (80%)" in html  # 80M raised of a 100M quota
    assert "≥ ₫100,000,000" in html
    assert cells(html, "not_met") == ["✗ Not met"]


def test_campaign_and_cluster(an_minh):
    html = to_html(an_minh, locale="en")
    assert "Emulation of the commune Front clusters of An Minh district, 2022" in html
    assert "≥ 30% (all: bctmt-good)" in html
    assert "fund_raised ≥ fund_quota" in html
    assert "= 0" in html
    cluster = to_html(an_minh.clusters[1])
    assert "xa-dong-thanh" in cluster  # the head
    assert "Xã Đông Thạnh" in to_html(an_minh.clusters[1], campaign=an_minh)
    assert len(rows(cluster)) == 1 + 6


def test_text_is_escaped(ev):
    evil = attrs.evolve(ev.unit("xa-van-khanh"), name="<script>alert(1)</script>")
    html = to_html(evil)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unknown_objects_and_locales(ev):
    with raises_en(TypeError, "no HTML view for a int"):
        to_html(3)
    with pytest.raises(thidua.LocaleError):
        to_html(ev, locale="fr")


def test_rounded_shares_never_show_a_threshold_they_miss(ev):
    from thidua.notebook._html import target_texts

    # 149,999,999 / 150,000,000 = 99.99999933...%: rounded down for display, marked "≈".
    assert target_texts(ev.target("xa-van-khanh-tay", "quy-vi-nguoi-ngheo"), "vi") == (
        "149.999.999\xa0₫ (≈ 99,9%)",
        "≥ 150.000.000\xa0₫",
    )
    # 7/9 = 77.77...% against 80%; exact shares are written with "=".
    assert target_texts(ev.target("xa-dong-hung-a", "bctmt-good"), "en") == ("7/9 ≈ 77.7%", "≥ 80%")
    assert target_texts(ev.target("xa-van-khanh", "bctmt-good"), "en") == ("9/10 = 90%", "≥ 80%")
