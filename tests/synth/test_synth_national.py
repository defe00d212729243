"""The national workload generator: determinism, scale, thresholds, validity, and exactness."""

from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

import pytest

import thidua
from problem_text import en, raises_en
from thidua import model as m
from thidua import synth
from thidua.admin import PROVINCES_2025
from thidua.errors import ModelError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def national():
    return synth.generate_national(0)


@pytest.fixture(scope="module")
def small():
    """Two provinces (Lai Châu 38, Huế 40 communes) with history and two stages."""
    return synth.generate_national(7, provinces=["12", "46"], history_years=5, stages=2)


@pytest.fixture(scope="module")
def all_computed():
    """The same two provinces with all 50 criteria computed from measures."""
    return synth.generate_national(7, provinces=["12", "46"], computed="all")


def _bench():
    spec = importlib.util.spec_from_file_location("national_bench", ROOT / "benchmarks" / "national.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_documents():
    a = synth.generate_national(5, provinces=["Huế"], history_years=2, stages=2)
    b = synth.generate_national(5, provinces=["Huế"], history_years=2, stages=2)
    assert [thidua.dumps(x) for x in a] == [thidua.dumps(x) for x in b]
    assert thidua.engine.fingerprint(a[0], a[1], None, a[2]) == thidua.engine.fingerprint(b[0], b[1], None, b[2])


def test_another_seed_other_results():
    a = synth.generate_national(5, provinces=["Huế"])
    b = synth.generate_national(6, provinces=["Huế"])
    assert a[0].units == b[0].units
    assert a[1].units != b[1].units


def test_a_province_alone_gets_the_same_results_as_in_the_country(national):
    _, results, _ = national
    _, alone, _ = synth.generate_national(0, provinces=["Lai Châu"])
    in_country = [r for r in results.units if r.unit in {x.unit for x in alone.units}]
    assert in_country == list(alone.units)


def test_national_scale(national):
    campaign, results, history = national
    assert history is None
    communes = [u for u in campaign.units if u.level == "commune"]
    assert len(communes) == 3321
    assert sum(1 for u in campaign.units if u.level == "province") == 34
    per_commune = [sum(r.counts["hamlet"].values()) for r in results.units]
    assert min(per_commune) >= 20
    assert max(per_commune) <= 40
    assert 90_000 <= sum(per_commune) <= 110_000  # "about 100,000" front work committees
    assert len(campaign.rubrics[0].leaves()) == 50
    assert len(synth.ASSESSED) == 43


def test_clusters_of_6_to_9_inside_one_province(national):
    campaign, _, _ = national
    parents = {u.id: u.parent for u in campaign.units}
    assert all(6 <= len(cl.members) <= 9 for cl in campaign.clusters)
    assert all(len({parents[u] for u in cl.members}) == 1 for cl in campaign.clusters)
    members = Counter(u for cl in campaign.clusters for u in cl.members)
    assert set(members.values()) == {1}
    assert len(members) == 3321
    assert all(cl.head in cl.members and cl.deputy in cl.members and cl.head != cl.deputy for cl in campaign.clusters)


def test_everything_validates(national, small):
    for campaign, results, history in (national, small):
        assert en(m.validate_campaign(campaign)) == []
        assert en(m.validate_results(campaign, results)) == []
        if history is not None:
            assert en(m.validate_history(campaign, history)) == []
    campaign, results, _ = national
    assert campaign.sample
    assert results.sample
    assert "synthetic" in (campaign.note or "")


def test_values_land_exactly_on_thresholds(national):
    _, results, _ = national
    on_80 = on_30_all = on_30_good = one_short = 0
    change_exact = quota_exact = quota_short = 0
    for r in results.units:
        c = r.counts["hamlet"]
        n = sum(c.values())
        good = c["htxs"] + c["htt"]
        on_80 += Fraction(good, n) == Fraction(4, 5)
        on_30_all += Fraction(c["htxs"], n) == Fraction(3, 10)
        on_30_good += good > 0 and Fraction(c["htxs"], good) == Fraction(3, 10)
        one_short += good == -(-4 * n // 5) - 1
        change_exact += r.measures["poor_rate_start"] - r.measures["poor_rate"] == Fraction(3, 2)
        quota_exact += r.measures["fund_raised"] == r.measures["fund_quota"]
        quota_short += r.measures["fund_raised"] == r.measures["fund_quota"] - 1
    # each case is drawn for several percent of 3,321 communes
    for count in (on_80, on_30_all, on_30_good, one_short, change_exact, quota_exact, quota_short):
        assert count >= 100


def test_review_stages_give_reasons_and_history_covers_five_years(small):
    campaign, results, history = small
    assert [s.id for s in campaign.stages] == ["tu-cham", "tham-dinh"]
    later = [e for r in results.units for a in r.assessments[1:] for e in a.scores]
    assert later
    assert all(e.reason for e in later)
    assert history is not None
    years = defaultdict(set)
    for rec in history.records:
        years[rec.unit].add(rec.year)
    assert set(years) == {r.unit for r in results.units}
    assert all(ys == {2021, 2022, 2023, 2024, 2025} for ys in years.values())
    assert any(a.id == "bang-khen-trung-uong" for a in campaign.awards)


def test_scores_hit_bands_and_tie_exactly(small):
    campaign, results, history = small
    ev = thidua.evaluate(campaign, results, history=history)
    totals = {u.unit: u.score.total for u in ev.units if u.score is not None}
    assert len(totals) == 78
    hits = Counter(t for t in totals.values() if t in (90, 70, 50))
    assert sum(hits.values()) >= 3
    # exact ties between members of one cluster
    tied = [cl for cl in ev.clusters if len({e.rank for e in cl.ranking.entries}) < len(cl.ranking.entries)]
    assert tied


def test_small_evaluation_matches_the_fraction_oracle(small):
    campaign, results, history = small
    bench = _bench()
    ev = thidua.evaluate(campaign, results, history=history)
    cdoc = thidua.io.unstructure(campaign)
    rdoc = thidua.io.unstructure(results)
    truth = bench.oracle(cdoc, rdoc, awards=False)  # an award looks back over the history: not in the oracle
    got = bench.thidua_verdicts(ev)
    assert len(truth["targets"]) == 78 * 7 + 10  # 7 member targets per commune, one cluster target per cluster
    compared = ["targets", "scores", "ratings", "ranks", "level_ranks"]
    assert bench.differences(truth, got, compared) == dict.fromkeys(compared, 0)


def test_builtin_units_without_vietnam_provinces():
    campaign, results, _ = synth._generate(1, provinces=None, history_years=0, stages=1, source="builtin")
    per_province = Counter(u.parent for u in campaign.units if u.level == "commune")
    assert {p.removeprefix("vn34-p"): n for p, n in per_province.items()} == {code: n for code, _, n in PROVINCES_2025}
    first = next(u for u in campaign.units if u.level == "commune")
    assert (first.id, first.name) == ("vn34-p01-s001", "Xã tổng hợp 001")
    assert "builtin" in (campaign.note or "")
    assert en(m.validate_results(campaign, results)) == []


def test_bad_arguments_are_all_listed():
    with pytest.raises(ModelError) as err:
        synth.generate_national(0, history_years=11, stages=0)
    assert en(err.value.problems) == (
        "history_years: 11 is not between 0 and 10",
        "stages: 0 is not between 1 and 3",
    )
    with raises_en(ModelError, "'Atlantis' is not the code or the name of a province of 2025"):
        synth.generate_national(0, provinces=["Atlantis"])


def test_write_national(tmp_path):
    written = synth.write_national(tmp_path, 2, provinces=["12"], history_years=1)
    assert sorted(written) == ["campaign", "history", "results"]
    campaign = thidua.load(written["campaign"])
    assert isinstance(campaign, thidua.Campaign)
    results = thidua.load(written["results"], campaign=campaign)
    assert results == synth.generate_national(2, provinces=["12"], history_years=1)[1]


def test_every_criterion_computed_when_asked(all_computed):
    campaign, results, history = all_computed
    assert history is None
    leaves = campaign.rubrics[0].leaves()
    # 43 criteria in turn through the 8 kinds of COMPUTED_KINDS (5 full turns and 3 more: 16 "plan",
    # 11 "percent", 6 "steps", 5 "each", 5 "at-least"), and the 7 computed by default
    kinds = Counter(type(c.method).__name__ for c in leaves)
    assert kinds == {"Proportional": 28, "StepTable": 7, "PerOccurrence": 6, "PassFail": 7, "Penalty": 1, "Bonus": 1}
    assert sum(c.points for c in leaves) == 100
    assert all(r.assessments == () for r in results.units)
    assert m.validate_campaign(campaign) == []
    assert m.validate_results(campaign, results) == []
    assert "computed=all" in (campaign.note or "")
    first = results.units[0].measures
    assert first["chap_hanh_1_plan"].denominator == 1  # whole numbers planned and done
    assert first["chap_hanh_2_pct"] * 100 == int(first["chap_hanh_2_pct"] * 100)  # a percentage to 2 decimals


def test_all_computed_keeps_units_clusters_counts_and_targets():
    some = synth.generate_national(7, provinces=["12", "46"])
    every = synth.generate_national(7, provinces=["12", "46"], computed="all")
    assert every[0].units == some[0].units
    assert every[0].clusters == some[0].clusters
    assert every[0].agreements == some[0].agreements
    assert [(r.unit, r.counts, r.flags) for r in every[1].units] == [(r.unit, r.counts, r.flags) for r in some[1].units]


def test_all_computed_totals_hit_bands_and_tie_exactly():
    campaign, results, _ = synth.generate_national(0, provinces=["12", "46"], computed="all")
    ev = thidua.evaluate(campaign, results)
    totals = [u.score.total for u in ev.units if u.score is not None]
    assert len(totals) == 78
    assert sum(1 for t in totals if t in (90, 70, 50)) >= 3
    assert sum(1 for t in totals if t.denominator > 10**6) >= 30  # sums of fractions over each commune's plans
    tied = [cl for cl in ev.clusters if len({e.rank for e in cl.ranking.entries}) < len(cl.ranking.entries)]
    assert tied


def test_all_computed_evaluation_matches_the_fraction_oracle(all_computed):
    campaign, results, _ = all_computed
    bench = _bench()
    ev = thidua.evaluate(campaign, results)
    truth = bench.oracle(thidua.io.unstructure(campaign), thidua.io.unstructure(results))
    assert len(truth["awards"]) == 78 * 3
    assert bench.differences(truth, bench.thidua_verdicts(ev)) == dict.fromkeys(bench.peers.CATEGORIES, 0)


def test_computed_must_be_some_or_all():
    with pytest.raises(ModelError) as err:
        synth.generate_national(0, stages=0, computed="most")
    assert en(err.value.problems) == (
        "stages: 0 is not between 1 and 3",
        "computed: 'most' is not one of 'some', 'all'",
    )
    assert [p.code for p in err.value.problems] == ["not-between", "not-one-of"]
