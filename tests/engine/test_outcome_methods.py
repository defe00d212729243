"""The conveniences on outcomes and campaigns: representations and tables (issue #24)."""

from __future__ import annotations

import pickle

import pytest

import thidua
from engine_builders import scored
from thidua.notebook import to_html
from thidua.tables import records


@pytest.fixture(scope="module")
def small():
    campaign, results = scored({"xa-a": 95, "xa-b": 80})
    return campaign, thidua.evaluate(campaign, results)


def test_evaluation_repr_names_campaign_year_stage_counts_and_fingerprint(small):
    _, ev = small
    assert repr(ev) == f"<Evaluation mau 2022 stage=None: 2 units, 1 clusters, fingerprint {ev.fingerprint[:8]}…>"


def test_outcome_repr_shows_the_steps_of_a_lazy_trace(small):
    _, ev = small
    rating = ev.unit("xa-a").rating
    text = repr(rating)
    assert "trace=(Step(code='band', args={'score': Fraction(95, 1), 'grade': 'htxs'" in text
    assert repr(rating) == text  # built once: the same text on the next read


def test_tables_of_an_evaluation(small):
    _, ev = small
    assert ev.records("units") == records(ev, "units")
    assert [(r["unit"], r["score"], r["grade"]) for r in ev.records()] == [("xa-a", 95, "htxs"), ("xa-b", 80, "htt")]
    ranked = [(r["unit"], r["rank"]) for r in ev.records("rankings") if r["group"] == "cum-1"]
    assert ranked == [("xa-a", 1), ("xa-b", 2)]
    frame = ev.to_pandas("rankings")
    assert list(frame[frame["group"] == "cum-1"]["unit"]) == ["xa-a", "xa-b"]
    assert list(ev.to_pandas()["unit"]) == ["xa-a", "xa-b"]


def test_html_of_an_evaluation_its_parts_and_the_campaign(small):
    campaign, ev = small
    unit, cluster = ev.unit("xa-a"), ev.cluster("cum-1")
    for obj in (ev, unit, cluster, campaign, campaign.clusters[0]):
        assert obj._repr_html_() == to_html(obj)
    assert "Xã xa-a" in campaign._repr_html_()
    assert "Cụm cum-1" in campaign.clusters[0]._repr_html_()


def test_target_outcome_html(an_minh, an_minh_results):
    t = thidua.evaluate(an_minh, an_minh_results).target("xa-van-khanh-tay", "bctmt-good")
    assert t._repr_html_() == to_html(t)
    assert "8/10" in t._repr_html_() or "8 / 10" in t._repr_html_()


def test_an_unpickled_outcome_keeps_its_lazy_fields(small):
    _, ev = small
    back = pickle.loads(pickle.dumps(ev.unit("xa-a").rating))  # noqa: S301 - our own bytes
    assert back == ev.unit("xa-a").rating
    assert [s.code for s in back.trace] == ["band"]
