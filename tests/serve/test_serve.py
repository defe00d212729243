"""``thidua serve``: the real server on 127.0.0.1, driven over HTTP."""

from __future__ import annotations

import json
import threading

import attrs
import jsonschema
import pytest
import referencing

import thidua
from serving import Client, running
from thidua.io import from_data, unstructure

pytest.importorskip("starlette", reason="the 'serve' extra")
pytest.importorskip("uvicorn", reason="the 'serve' extra")

CAMPAIGN = "an-minh-2022"


@pytest.fixture(scope="module")
def server():
    with running("an-minh-2022", "son-tay-2024", "--lang", "en") as client:
        yield client


def _row_data(results, unit):
    doc = unstructure(results)
    return next(r for r in doc["units"] if r["unit"] == unit)


def _validator(document, component):
    """A validator of a response against a component of the OpenAPI document."""
    resource = referencing.Resource.from_contents(document, default_specification=referencing.jsonschema.DRAFT202012)
    registry = referencing.Registry().with_resource("urn:thidua-openapi", resource)
    schema = {"$ref": f"urn:thidua-openapi#/components/schemas/{component}"}
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_index_lists_the_campaigns_with_their_fingerprints(server):
    status, headers, body = server.get("/")
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert [c["id"] for c in body["campaigns"]] == ["an-minh-2022", "son-tay-2024"]
    fresh = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    assert body["campaigns"][0]["fingerprint"] == fresh.fingerprint
    assert body["campaigns"][0]["sample"] is True
    assert body["outcome_schema_version"] == 1


def test_a_units_verdicts_and_explanation_in_both_languages(server):
    status, headers, body = server.get(f"/campaigns/{CAMPAIGN}/units/xa-van-khanh-tay?lang=en")
    assert status == 200
    assert headers["x-thidua-fingerprint"] == body["fingerprint"]
    unit = from_data(body["unit"])
    fresh = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results())
    if body["fingerprint"] == fresh.fingerprint:
        assert unit == fresh.unit("xa-van-khanh-tay")
    assert body["unit"]["score"]["total"] == "89.9999999" or body["fingerprint"] != fresh.fingerprint
    assert "Ranked 4th of the 5 units of Emulation cluster no. 1" in body["explanation"]
    status, _, vi = server.get(f"/campaigns/{CAMPAIGN}/units/xa-van-khanh-tay?lang=vi")
    assert status == 200
    assert "Xếp thứ 4 trong 5 đơn vị của Cụm thi đua số 1" in vi["explanation"]
    status, _, default = server.get(f"/campaigns/{CAMPAIGN}/units/xa-van-khanh-tay")
    assert default["explanation"] == vi["explanation"]


def test_updating_a_unit_gives_its_new_verdicts_and_the_state_equals_a_fresh_evaluation():
    campaign, results = thidua.examples.load_campaign(), thidua.examples.load_results()
    with running(CAMPAIGN) as server:
        row = _row_data(results, "xa-van-khanh-tay")
        row["measures"]["fund_raised"] = "150000000"
        del row["unit"]  # the address names the unit
        status, headers, body = server.put(f"/campaigns/{CAMPAIGN}/units/xa-van-khanh-tay?lang=en", row)
        assert status == 200
        update = from_data(body["update"])
        assert update.changed == ("xa-van-khanh-dong", "xa-van-khanh-tay")
        assert body["unit"]["score"]["total"] == "90"
        assert body["unit"]["rank"] == 3
        assert (
            "Ranked 3rd of the 5 units of Emulation cluster no. 1, tied with Xã Vân Khánh Đông at 90 points"
            in (body["explanation"])
        )
        new_row = thidua.io.structure_row({"unit": "xa-van-khanh-tay", **row})
        new_results = attrs.evolve(
            results, units=tuple(new_row if r.unit == new_row.unit else r for r in results.units)
        )
        fresh = thidua.evaluate(campaign, new_results)
        assert body["fingerprint"] == headers["x-thidua-fingerprint"] == fresh.fingerprint
        assert update.fingerprint == fresh.fingerprint
        status, _, whole = server.get(f"/campaigns/{CAMPAIGN}/evaluation")
        assert from_data(whole["evaluation"]) == fresh
        assert whole["fingerprint"] == fresh.fingerprint


def test_problems_come_back_as_422_located_in_the_row(server):
    _, _, before = server.get(f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh")
    bad = {
        "measures": {"fund_raised": 0.5},
        "counts": {"hamlet": {"htt": -1, "xuat-sac": 2}},
        "totals": {"hamlet": 12},
        "rating": 7,
    }
    status, headers, body = server.put(f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh?lang=en", bad)
    assert status == 422
    assert [(p["path"], p["code"]) for p in body["problems"]] == [
        ("counts.hamlet.htt", "expected-count"),
        ("counts.hamlet.xuat-sac", "unknown-grade-in-scale"),
        ("measures.fund_raised", "float-not-allowed"),
        ("rating", "expected-text"),
    ]
    assert body["problems"][0]["message"] == "expected a whole number ≥ 0, got -1"
    assert body["problems"][0]["loc"] == ["counts", "hamlet", "htt"]
    assert body["fingerprint"] == headers["x-thidua-fingerprint"] == before["fingerprint"]
    status, _, vi = server.put(f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh", bad)
    assert vi["problems"][0]["message"] == "phải là số nguyên không âm, nhưng ghi -1"
    # nothing changed
    _, _, after = server.get(f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh")
    assert after == before
    # the row of another unit
    status, _, body = server.put(f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh?lang=en", {"unit": "xa-tan-thanh"})
    assert status == 422
    assert [(p["path"], p["code"]) for p in body["problems"]] == [("unit", "unit-mismatch")]


def test_bad_bodies_and_languages_are_422(server):
    status, _, body = server.request("PUT", f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh?lang=en", raw=b"{not json")
    assert status == 422
    assert [p["code"] for p in body["problems"]] == ["syntax"]
    status, _, body = server.request("PUT", f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh?lang=en", raw=b"")
    assert [p["code"] for p in body["problems"]] == ["empty-body"]
    status, _, body = server.put(f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh?lang=en", ["xa-dong-thanh"])
    assert status == 422
    assert [p["code"] for p in body["problems"]] == ["expected-mapping"]
    status, _, body = server.get(f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh?lang=fr")
    assert status == 422
    assert [p["code"] for p in body["problems"]] == ["unsupported-locale"]


def test_what_is_not_served_is_404_with_a_problem(server):
    cases = {
        "/campaigns/khong-co/evaluation": ("unknown-campaign", None),
        f"/campaigns/{CAMPAIGN}/units/xa-khong-co": ("unknown-unit", CAMPAIGN),
        f"/campaigns/{CAMPAIGN}/units/huyen-an-minh": ("unit-not-evaluated", CAMPAIGN),
        f"/campaigns/{CAMPAIGN}/clusters/cum-9/ranking": ("unknown-cluster", CAMPAIGN),
        "/nothing/here": ("not-found", None),
    }
    for path, (code, campaign) in cases.items():
        status, headers, body = server.get(path + "?lang=en")
        assert status == 404, path
        assert [p["code"] for p in body["problems"]] == [code], path
        assert ("fingerprint" in body) == (campaign is not None), path
        assert ("x-thidua-fingerprint" in headers) == (campaign is not None), path
    status, _, body = server.request("DELETE", f"/campaigns/{CAMPAIGN}/units/xa-dong-thanh?lang=en")
    assert status == 405
    assert [p["code"] for p in body["problems"]] == ["method-not-allowed"]
    assert body["problems"][0]["message"] == (
        f"DELETE is not allowed at /campaigns/{CAMPAIGN}/units/xa-dong-thanh; use GET, HEAD, PUT"
    )


def test_validate_a_row_and_a_document(server):
    results = thidua.examples.load_results()
    row = _row_data(results, "xa-van-khanh")
    status, _, body = server.post(f"/campaigns/{CAMPAIGN}/validate", row)
    assert (status, body["valid"], body["problems"]) == (200, True, [])
    status, _, body = server.post(f"/campaigns/{CAMPAIGN}/validate?lang=en", {"unit": "xa-khong-co"})
    assert status == 422
    assert [(p["path"], p["code"]) for p in body["problems"]] == [("unit", "unknown-unit")]
    status, _, body = server.post(f"/campaigns/{CAMPAIGN}/validate", unstructure(results))
    assert (status, body["valid"]) == (200, True)
    doc = unstructure(results)
    doc["units"][2]["counts"]["hamlet"]["htt"] = "nhiều"
    status, _, body = server.post(f"/campaigns/{CAMPAIGN}/validate?lang=en", doc)
    assert status == 422
    assert [p["path"] for p in body["problems"]] == ["units[2].counts.hamlet.htt"]


def test_ranking_cluster_and_report(server):
    status, _, body = server.get(f"/campaigns/{CAMPAIGN}/clusters/cum-2/ranking?lang=en")
    assert status == 200
    ranking = from_data(body["ranking"])
    assert [(e.unit, e.rank) for e in ranking.entries[:3]] == [
        ("tt-thu-muoi-mot", 1),
        ("xa-dong-thanh", 2),
        ("xa-dong-hoa", 3),
    ]
    assert body["names"]["tt-thu-muoi-mot"] == "Thị trấn Thứ Mười Một"
    status, _, body = server.get(f"/campaigns/{CAMPAIGN}/clusters/cum-2?lang=en")
    assert status == 200
    assert [c["code"] for c in body["cluster"]["conflicts"]] == ["proposal_ineligible", "over_quota"]
    assert body["explanation"][-1].startswith("Error: 2 units are proposed for")
    status, _, body = server.get(f"/campaigns/{CAMPAIGN}/report?lang=en")
    assert status == 200
    assert body["report"]["report_schema_version"] == 1
    assert body["report"]["fingerprint"] == body["fingerprint"]
    assert body["report"]["locale"] == "en"


def test_the_openapi_document_describes_every_response(server):
    status, _, doc = server.get("/openapi.json")
    assert status == 200
    assert doc["openapi"] == "3.1.0"
    for name, schema in doc["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema), name
    assert doc["paths"]["/campaigns/{campaign}/units/{unit}"]["put"]["parameters"][0]["schema"] == {
        "enum": ["an-minh-2022", "son-tay-2024"]
    }
    _, _, unit = server.get(f"/campaigns/{CAMPAIGN}/units/xa-van-khanh?lang=en")
    _validator(doc, "UnitEvaluationData").validate(unit["unit"])
    _, _, whole = server.get(f"/campaigns/{CAMPAIGN}/evaluation")
    _validator(doc, "EvaluationData").validate(whole["evaluation"])
    _, _, ranking = server.get(f"/campaigns/{CAMPAIGN}/clusters/cum-1/ranking")
    _validator(doc, "RankingData").validate(ranking["ranking"])
    _, _, problems = server.get("/campaigns/khong-co/evaluation")
    _validator(doc, "Problems").validate(problems)
    row = _row_data(thidua.examples.load_results(), "xa-van-khanh")
    _validator(doc, "UnitResult").validate(row)
    bad = dict(row, counts={"hamlet": {"htt": 1.5}})
    assert not _validator(doc, "UnitResult").is_valid(bad)


def test_eight_threads_updating_distinct_units_end_in_the_fresh_evaluation():
    campaign, results = thidua.examples.load_campaign(), thidua.examples.load_results()
    units = [r.unit for r in results.units][:8]
    final: dict[str, dict] = {}
    errors: list[BaseException] = []

    def work(client: Client, unit: str, seed: int) -> None:
        try:
            for k in range(6):
                row = _row_data(results, unit)
                row["measures"]["fund_raised"] = str(100_000_000 + 10_000_000 * ((seed + k) % 7))
                status, _, body = client.put(f"/campaigns/{CAMPAIGN}/units/{unit}", row)
                assert status == 200, body
                final[unit] = row
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    with running(CAMPAIGN) as server:
        threads = [threading.Thread(target=work, args=(server, u, i)) for i, u in enumerate(units)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        rows = {u: thidua.io.structure_row(d) for u, d in final.items()}
        fresh = thidua.evaluate(
            campaign, attrs.evolve(results, units=tuple(rows.get(r.unit, r) for r in results.units))
        )
        _, headers, whole = server.get(f"/campaigns/{CAMPAIGN}/evaluation")
        assert headers["x-thidua-fingerprint"] == fresh.fingerprint
        assert from_data(whole["evaluation"]) == fresh


def test_the_command_line_refuses_what_it_cannot_serve(tmp_path):
    import subprocess
    import sys

    from serving import _clean_env

    def run(*args):
        return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, "-m", "thidua", "serve", *args, "--lang", "en"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=_clean_env(),
            timeout=120,
            check=False,
        )

    done = run()
    assert done.returncode == 2
    assert "name a bundled example or give --files CAMPAIGN RESULTS" in done.stderr
    done = run("khong-co")
    assert done.returncode == 1
    assert "no bundled example 'khong-co'" in done.stderr
    bad = tmp_path / "results.json"
    bad.write_text(json.dumps({"schema_version": 1, "document": "results", "campaign": "an-minh-2022"}), "utf-8")
    done = run("--files", str(thidua.examples.path(CAMPAIGN)), str(bad))
    assert done.returncode == 1
    assert "year: this field is required" in done.stderr
    assert "Traceback" not in done.stderr
