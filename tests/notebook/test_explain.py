"""Explanations wrap the sentences of thidua.l10n and mark each target's verdict."""

from __future__ import annotations

import re

import pytest

import thidua
from thidua.l10n import explain_cluster, explain_unit
from thidua.notebook import Explanation, explain, to_html


@pytest.fixture(scope="module")
def ev(an_minh, an_minh_results):
    return thidua.evaluate(an_minh, an_minh_results)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_lines_are_those_of_l10n(ev, an_minh, locale):
    ex = explain(ev, "xa-van-khanh-tay", campaign=an_minh, locale=locale)
    assert isinstance(ex, Explanation)
    assert ex.lines == tuple(explain_unit(ev, "xa-van-khanh-tay", campaign=an_minh, locale=locale))
    assert str(ex) == "\n".join(ex.lines)
    assert repr(ex) == f"<Explanation xa-van-khanh-tay ({locale}): {len(ex.lines)} lines>"


def test_target_lines_carry_their_verdict(ev, an_minh):
    ex = explain(ev, "xa-van-khanh-tay", campaign=an_minh, locale="en")
    # In agreement order: fund 1 VND short ✗, 8/10 good ✓, 3/10 excellent ✓, one weak committee ✗.
    assert [m for m in ex.marks if m] == ["not_met", "met", "met", "not_met"]
    html = to_html(ex)
    assert re.findall(r'<span class="(met|not_met)">', html) == ["not_met", "met", "met", "not_met"]
    assert html.count("<li>") == len(ex.lines) - 2  # all but the sample banner and the heading


def test_a_cluster_id_explains_the_cluster(ev, an_minh):
    ex = explain(ev, "cum-1", campaign=an_minh, locale="vi")
    assert ex.lines == tuple(explain_cluster(ev, "cum-1", campaign=an_minh, locale="vi"))
    # decided over the 11 communes that signed: 11 of 11 good or better ✓; 4 of 11 excellent = 36.4% ≥ 30% ✓
    assert [m for m in ex.marks if m] == ["met", "met"]


def test_prepared_campaign_gives_the_same_lines(ev, an_minh):
    prepared = thidua.prepare(an_minh)
    assert explain(ev, "xa-dong-thanh", campaign=prepared).lines == explain(ev, "xa-dong-thanh", campaign=an_minh).lines


def test_unknown_subject(ev, an_minh):
    with pytest.raises(KeyError):
        explain(ev, "xa-khong-co", campaign=an_minh)


def test_sample_banner_only_for_sample_data(ev, an_minh):
    import attrs

    assert '<span class="sample">' in to_html(explain(ev, "xa-van-khanh", campaign=an_minh))
    real = attrs.evolve(ev, sample=False)
    html = to_html(explain(real, "xa-van-khanh", campaign=an_minh))
    assert '<span class="sample">' not in html
    assert "<p><b>Xã Vân Khánh (" in html
