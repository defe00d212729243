"""The JSON report: versioned, exact, stable and byte-identical."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

import thidua
from thidua.report import REPORT_SCHEMA_VERSION, report_data, write_report

DOCS = Path(__file__).resolve().parents[2] / "docs" / "report-json.md"


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign("an-minh-2022")


@pytest.fixture(scope="module")
def results():
    return thidua.examples.load_results("an-minh-2022")


@pytest.fixture(scope="module")
def data(campaign, results):
    return report_data(thidua.evaluate(campaign, results), campaign, locale="en", results=results)


def _unit(data, uid):
    return next(u for u in data["units"] if u["id"] == uid)


def _walk(value, path=""):
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v, f"{path}[]")


def test_header(data, campaign, results):
    assert list(data)[:5] == ["report_schema_version", "generator", "locale", "fingerprint", "sample"]
    assert data["report_schema_version"] == REPORT_SCHEMA_VERSION == 1
    assert data["fingerprint"] == thidua.evaluate(campaign, results).fingerprint
    assert data["sample"] is True
    assert data["campaign"]["id"] == "an-minh-2022"
    assert data["campaign"]["year"] == 2022


def test_no_float_anywhere_and_integers_only_for_ranks(data):
    for path, value in _walk(data):
        assert not isinstance(value, float), path
        if isinstance(value, int) and not isinstance(value, bool):
            leaf = re.sub(r"\[\]", "", path).rsplit(".", 1)[-1]
            counts = {"met", "not_met", "excluded", "units", "count", "not_rated"}  # the summary's counts of units
            assert leaf in {"report_schema_version", "year", "rank", "position", "targets_met"} | counts, path


def test_exact_numbers_as_text(data):
    vkt = _unit(data, "xa-van-khanh-tay")
    # standard 10 + 9 + 13 + 9 + 14 + 14.9999999 + 9 + 10 + 0 = 88.9999999, bonus 1: total 89.9999999
    assert vkt["score"]["standard"] == "88.9999999"
    assert vkt["score"]["total"] == "89.9999999"
    assert vkt["score"]["maximum"] == "100"
    assert vkt["grade"]["id"] == "htt"
    good = next(t for t in vkt["targets"] if t["target"] == "bctmt-good")
    # 3 htxs + 5 htt of 10 hamlets: 8/10 = 80% against 80%
    assert (good["numerator"], good["denominator"], good["share"], good["threshold"], good["status"]) == (
        "8",
        "10",
        "80%",
        "80%",
        "met",
    )
    fund = next(t for t in vkt["targets"] if t["target"] == "quy-vi-nguoi-ngheo")
    # 150,000,000 − 149,999,999 = 1 VND short
    assert (fund["numerator"], fund["threshold"], fund["shortfall"], fund["status"]) == (
        "149999999",
        "150000000",
        "1",
        "not_met",
    )
    assert "149,999,999" in fund["explanation"]


def test_cluster_ranking_decision_and_conflicts(data):
    cum1, cum2 = data["clusters"]
    assert [r["unit"] for r in cum1["ranking"]] == [
        "xa-van-khanh",
        "xa-dong-hung-b",
        "xa-van-khanh-dong",
        "xa-van-khanh-tay",
        "xa-dong-hung-a",
    ]
    assert [r["rank"] for r in cum1["ranking"]] == [1, 2, 3, 4, 5]
    decision = cum1["decision"]
    assert [d["unit"] for d in decision["decided_order"]][2:4] == ["xa-van-khanh-tay", "xa-van-khanh-dong"]
    assert [(c["severity"], c["code"]) for c in decision["conflicts"]] == [("info", "order_differs")]
    over = [c for c in cum2["decision"]["conflicts"] if c["code"] == "over_quota"]
    # two units proposed for the flag, quota: 1 per cluster
    assert [(c["severity"], c["args"]["proposed"], c["args"]["allowed"]) for c in over] == [("error", "2", "1")]


def test_changes_and_awards(data):
    vkt = _unit(data, "xa-van-khanh-tay")
    (change,) = vkt["changes"]
    assert (change["criterion"], change["from"], change["to"], change["stage"]) == (
        "doi-moi",
        "14",
        "13",
        "cum-tham-dinh",
    )
    assert change["reason"] == "Mô hình mới chưa có báo cáo sơ kết"
    flag = next(a for a in _unit(data, "xa-van-khanh")["awards"] if a["award"] == "co-thi-dua")
    assert (flag["eligible"], flag["granted"]) == (True, True)
    assert flag["explanation"]


def test_byte_identical_for_identical_input_in_any_row_order(tmp_path, campaign, results):
    ev = thidua.evaluate(campaign, results)
    a = write_report(ev, campaign, tmp_path / "a.json", results=results).read_bytes()
    b = write_report(ev, campaign, tmp_path / "b.json", results=results).read_bytes()
    shuffled = attrs.evolve(results, units=tuple(reversed(results.units)))
    c = write_report(thidua.evaluate(campaign, shuffled), campaign, tmp_path / "c.json", results=shuffled).read_bytes()
    assert a == b == c
    assert json.loads(a)["locale"] == "vi"


def test_every_key_is_documented(data):
    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text)) | set(re.findall(r'"([a-z_]+)"', text))
    # conflict arguments are named by thidua.engine.CONFLICT_CODES, not by the report
    keys = {k for path, _ in _walk(data) for k in re.findall(r"\.([a-z_]+)", path.split(".args.")[0])}
    missing = sorted(k for k in keys if k not in documented)
    assert not missing
