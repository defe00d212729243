"""Short plain reprs, and rich display through _repr_html_."""

from __future__ import annotations

import thidua
from thidua.notebook import to_html


def test_campaign_repr_is_short(an_minh):
    # 3 province/district units + 11 communes + 5 successors of 2025 = 19 units;
    # targets: the fund quota + 5 quality targets = 6.
    assert repr(an_minh) == "<Campaign an-minh-2022 (2022): 19 units, 2 clusters, 6 targets>"


def test_results_repr_is_short(an_minh_results):
    assert repr(an_minh_results) == "<Results an-minh-2022 (2022): 11 units, 2 decisions, sample>"
    assert repr(thidua.Results("c", 2023)) == "<Results c (2023): 0 units, 0 decisions>"


def test_evaluation_repr_names_the_stage_and_the_fingerprint(an_minh, an_minh_results):
    ev = thidua.evaluate(an_minh, an_minh_results, stage="tu-cham")
    assert len(ev.fingerprint) == 64
    assert repr(ev) == (
        f"<Evaluation an-minh-2022 2022 stage=tu-cham: 11 units, 2 clusters, fingerprint {ev.fingerprint[:8]}…>"
    )


def test_repr_html_is_to_html(an_minh, an_minh_results):
    ev = thidua.evaluate(an_minh, an_minh_results)
    pairs = [
        (an_minh, an_minh),
        (an_minh.clusters[0], an_minh.clusters[0]),
        (ev, ev),
        (ev.unit("xa-van-khanh"), ev.unit("xa-van-khanh")),
        (ev.cluster("cum-2"), ev.cluster("cum-2")),
        (ev.target("xa-van-khanh", "bctmt-good"), ev.target("xa-van-khanh", "bctmt-good")),
    ]
    for obj, same in pairs:
        html = obj._repr_html_()
        assert html == to_html(same)
        assert html.startswith('<div class="thidua-nb">')
        assert html.endswith("</div>")


def test_equality_and_hashing_are_unchanged(an_minh, an_minh_results):
    assert thidua.evaluate(an_minh, an_minh_results) == thidua.evaluate(an_minh, an_minh_results)
    assert an_minh == thidua.examples.load_campaign()
