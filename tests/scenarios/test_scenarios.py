"""The scenario runner: reading files, checking expectations, and saying what differs.

The ``test_*.yaml`` files of this folder are rule tests collected by thidua's pytest plugin
(one test per expectation); the tests below check the runner itself.
"""

from __future__ import annotations

import json
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from problem_text import en
from thidua.errors import DataError, MissingInputError
from thidua.testing import (
    Difference,
    ScenarioReport,
    assert_scenario,
    example_scenarios,
    load_scenarios,
    run,
    run_scenario,
    run_scenarios,
    scenario_schema,
)
from thidua.testing._reader import declares_scenario, exact, kind_of
from thidua.testing._scenarios import written

HERE = Path(__file__).parent
SCENARIOS = sorted(HERE.glob("test_*.yaml"))
HEAD = "schema_version: 1\ndocument: scenario\n"


def write(tmp_path, text, name="test_s.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_this_folder_holds_scenario_files_the_plugin_collects():
    assert len(SCENARIOS) >= 14
    for path in SCENARIOS:
        assert declares_scenario(path.read_text(encoding="utf-8")), path
        (sc,) = load_scenarios(path)
        assert sc.expectations


# -- what differs, counted by expectation -------------------------------------------------------

WRONG = """
schema_version: 1
document: scenario
name: Wrong on purpose
campaign: {here}/documents/hamlets.yaml
results:
  units:
    - unit: xa-a
      counts: {{hamlet: {{htxs: 3, htt: 5, ht: 1, kht: 1}}}}
expect:
  - {{unit: xa-a, target: bctmt-good, status: met, numerator: 7, denominator: 9, share: "1/2"}}
  - {{unit: xa-a, target: bctmt-no-weak, status: not_met}}
  - {{unit: xa-a, target: khong-co, status: met}}
  - {{unit: xa-z, award: co, granted: true}}
  - {{cluster: cum-1, rank: {{xa-a: 2}}}}
"""


def test_wrong_expectations_are_counted_by_expectation_with_expected_and_actual(tmp_path):
    p = write(tmp_path, WRONG.format(here=HERE))
    report = run_scenario(p)
    assert isinstance(report, ScenarioReport)
    assert (report.ok, report.checked, len(report.failed)) == (False, 5, 4)
    # three values differ in the first expectation; it is one expectation not met
    first = report.results[0]
    assert [(d.field, d.expected, d.actual) for d in first.differences] == [
        ("numerator", "7", "8"),
        ("denominator", "9", "10"),
        ("share", "0.5", "0.8"),
    ]
    assert report.results[1].ok
    assert report.results[2].differences == (Difference("xa-a:khong-co", "target", "khong-co", None),)
    assert report.results[3].differences == (Difference("xa-z:co", "unit", "xa-z", None),)
    # xa-a has neither a score nor a grade: it is not ranked
    assert report.results[4].differences == (Difference("cum-1:rank", "rank.xa-a", "2", "none"),)
    assert len(report.differences) == 6
    assert report.summary("en") == f"Wrong on purpose ({p}): 4 of 5 expectations not met"
    assert report.summary("vi") == f"Wrong on purpose ({p}): 4/5 kết quả mong đợi không đạt"


def test_a_failure_says_where_what_was_written_expected_and_got_in_one_language(tmp_path):
    p = write(tmp_path, WRONG.format(here=HERE))
    report = run_scenario(p)
    english = report.failure(report.results[0], "en")
    assert english[0] == f"{p}:11: the expectation “xa-a:bctmt-good” is not met"
    assert english[1] == '{unit: xa-a, target: bctmt-good, status: met, numerator: 7, denominator: 9, share: "1/2"}'
    assert english[2:5] == [
        "numerator: expected 7, got 8",
        "denominator: expected 9, got 10",
        "share: expected 0.5, got 0.8",
    ]
    assert english[5] == "Explanation:"
    assert "Verdict: met." in english[6]
    vietnamese = report.failure(report.results[0], "vi")
    assert vietnamese[2] == "numerator: mong đợi 7, nhưng là 8"
    assert vietnamese[5] == "Giải thích:"
    assert "Kết luận: đạt." in vietnamese[6]
    for line in vietnamese[2:]:
        assert "expected" not in line
        assert "Verdict" not in line
    # a status and a grade are named as well as written
    status = Difference("x", "status", "met", "not_met", "status")
    assert (status.render("en"), status.render("vi")) == (
        "status: expected met, got not_met (not met)",
        "status: mong đợi met (đạt), nhưng là not_met (không đạt)",
    )


def test_assert_scenario_fails_with_the_report_in_the_chosen_language(tmp_path):
    p = write(tmp_path, WRONG.format(here=HERE))
    with pytest.raises(AssertionError) as info:
        assert_scenario(p, locale="en")
    text = str(info.value)
    assert text.startswith(f"Wrong on purpose ({p}): 4 of 5 expectations not met")
    assert "numerator: expected 7, got 8" in text
    with pytest.raises(AssertionError) as info:
        assert_scenario(p)
    assert "4/5 kết quả mong đợi không đạt" in str(info.value)
    assert "expected" not in str(info.value)
    assert assert_scenario.__code__.co_varnames[: assert_scenario.__code__.co_argcount] == ("path",)
    assert "__tracebackhide__" in assert_scenario.__code__.co_varnames


def test_a_passing_report():
    report = run_scenario(HERE / "test_fund-quota.yaml")
    assert report.ok
    assert report.summary("en").endswith("all 3 expectations met")
    assert str(report).endswith("đạt 3/3 kết quả mong đợi")


# -- errors while loading and evaluating ---------------------------------------------------------


def test_an_unexpected_error_fails_every_expectation_and_is_shown(tmp_path):
    p = write(
        tmp_path,
        HEAD
        + f"""
campaign: {HERE}/documents/hamlets.yaml
results:
  units: [{{unit: xa-a}}]
expect:
  - {{unit: xa-a, target: bctmt-good, status: met}}
  - {{unit: xa-a, target: bctmt-no-weak, status: met}}
""",
    )
    report = run_scenario(p)
    assert isinstance(report.error, MissingInputError)
    assert [r.blocked for r in report.results] == [True, True]
    assert len(report.failed) == 2
    lines = report.failure(report.results[0], "en")
    assert lines[2] == "The scenario could not be evaluated:"
    assert "missing" in lines[3]


def test_an_expected_error_that_does_not_happen(tmp_path):
    p = write(
        tmp_path,
        HEAD
        + f"""
campaign: {HERE}/documents/hamlets.yaml
results: {{units: [{{unit: xa-a, counts: {{hamlet: {{htt: 1}}}}, totals: {{hamlet: 1}}}}]}}
expect:
  - {{error: DataError, path: .base}}
""",
    )
    report = run_scenario(p)
    (d,) = report.differences
    assert (d.field, d.expected, d.actual) == ("error", "DataError", None)
    assert report.failure(report.results[0], "en")[2] == (
        "expected the error DataError, but the scenario was loaded and evaluated without one"
    )


def test_an_expected_error_with_a_wrong_path(tmp_path):
    text = (HERE / "test_of-which-without-base.yaml").read_text("utf-8").replace("path: .base}", "path: .grade}")
    report = run_scenario(write(tmp_path, text))
    (d,) = [x for x in report.differences if x.field == "path"]
    assert d.expected == ".grade"
    assert d.actual.endswith(".base")
    assert "The error was:" in report.failure(report.failed[0], "en")


# -- malformed scenario files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("results: {campaign: c, year: 2022}\nexpect: [{unit: x, grade: htt}]", "campaign: this field is required"),
        ("campaign: a.yaml\nresults: b.yaml\nexpect: []", "expect: expected a non-empty list"),
        (
            "campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, total: 0.5}]",
            "expect[0].total: 0.5 is a binary float",
        ),
        ("campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, colour: red}]", "expect[0].colour: unknown key"),
        ("campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x}]", "expect[0]: the expectation checks nothing"),
        ("campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, capped: 'yes'}]", "expect[0].capped: expected true"),
        ("campaign: a.yaml\nresults: b.yaml\nwhatever: 1\nexpect: [{unit: x, grade: a}]", "whatever: unknown key"),
        (
            "campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, total: '90', tolerance: '0.001'}]",
            "expect[0].tolerance: 'tolerance': a tolerance is never needed, thidua's numbers are exact",
        ),
        (
            "campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, target: t, share: '4/5', approx: true}]",
            "expect[0].approx: 'approx': a tolerance is never needed",
        ),
        ("campaign: a.yaml\nresults: b.yaml\nmissing: maybe\nexpect: [{unit: x, grade: a}]", "missing: expected error"),
        (
            "campaign: a.yaml\nresults: b.yaml\nunits: xa-a\nexpect: [{unit: x, grade: a}]",
            "units: expected a non-empty",
        ),
        ("campaign: a.yaml\nresults: b.yaml\ndate: 31/12/2022\nexpect: [{unit: x, grade: a}]", "date: expected a date"),
        (
            "campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, grade: a, id: one}, {unit: y, grade: a, id: one}]",
            "expect[1].id: the id 'one' is already used by expect[0]",
        ),
        (
            "campaign: a.yaml\nresults: b.yaml\nexpect: [{cluster: c, conflict: quota_exceeded}]",
            "expect[0].conflict: unknown kind 'quota_exceeded'",
        ),
        ("campaign: a.yaml\nresults: b.yaml\nexpect: [{error: Oops}]", "expect[0].error: expected the name"),
        ("campaign: a.yaml\nresults: b.yaml\nexpect: [{cluster: c, rank: {xa-a: 0}}]", "expect[0].rank.xa-a:"),
        (
            "campaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, target: t, status: done}]",
            "expect[0].status: unknown kind 'done'",
        ),
    ],
)
def test_a_malformed_scenario_is_a_data_error_with_paths(tmp_path, body, problem):
    p = write(tmp_path, HEAD + body)
    with pytest.raises(DataError) as info:
        load_scenarios(p)
    assert any(x.startswith(problem) for x in en(info.value.problems)), en(info.value.problems)
    assert info.value.source == str(p)


def test_the_version_and_the_document_are_required(tmp_path):
    p = write(tmp_path, "document: results\ncampaign: a.yaml\nresults: b.yaml\nexpect: [{unit: x, grade: a}]\n")
    with pytest.raises(DataError) as info:
        load_scenarios(p)
    assert [x.code for x in info.value.problems] == ["required-field", "unknown-document"]
    p = write(tmp_path, "schema_version: 2\ndocument: scenario\ncampaign: a\nresults: b\nexpect: [{unit: x, grade: a}]")
    with pytest.raises(DataError, match="2"):
        load_scenarios(p)


def test_a_missing_file_and_an_empty_file(tmp_path):
    with pytest.raises(DataError) as info:
        load_scenarios(tmp_path / "khong-co.yaml")
    assert info.value.codes == ["file-not-found"]
    with pytest.raises(DataError) as info:
        load_scenarios(write(tmp_path, "# nothing\n"))
    assert info.value.codes == ["scenario-empty-file"]


def test_yaml_aliases_and_tags_are_refused(tmp_path):
    p = write(tmp_path, HEAD + "campaign: &c a.yaml\nresults: *c\nexpect: [{unit: x, grade: a}]\n")
    with pytest.raises(DataError) as info:
        load_scenarios(p)
    assert info.value.codes == ["yaml-alias"]


# -- several scenarios in one file, ids and lines -----------------------------------------------


def test_several_scenarios_in_one_file_with_their_lines_and_ids(tmp_path):
    p = write(
        tmp_path,
        HEAD
        + """id: first
campaign: example:an-minh-2022
results: example:an-minh-2022
expect:
  - {unit: xa-van-khanh-tay, grade: htt}
  - {unit: xa-van-khanh-tay, grade: htt}
  - {unit: xa-van-khanh-tay, target: bctmt-good, met: true, id: vkt-good}
---
"""
        + HEAD
        + """name: Second
campaign: example:an-minh-2022
results: example:an-minh-2022
stage: tu-cham
expect: [{unit: xa-van-khanh-tay, grade: htt}]
""",
    )
    first, second = load_scenarios(p)
    assert (first.id, first.name, first.line, second.id, second.line) == ("first", "test_s.yaml #1", 1, "Second", 11)
    assert [(e.id, e.line) for e in first.expectations] == [
        ("xa-van-khanh-tay:grade", 7),
        ("xa-van-khanh-tay:grade~2", 8),
        ("vkt-good", 9),
    ]
    assert [e.kind for e in first.expectations] == ["unit", "unit", "target"]
    assert second.stage == "tu-cham"
    reports = run_scenarios(p)
    assert all(r.ok for r in reports)
    with pytest.raises(DataError) as info:
        run_scenario(p)
    assert info.value.codes == ["scenario-several"]


def test_problems_of_a_file_with_several_scenarios_name_the_scenario(tmp_path):
    p = write(tmp_path, f"{HEAD}campaign: a\nresults: b\nexpect: [{{unit: x, grade: a}}]\n---\n{HEAD}campaign: a\n")
    with pytest.raises(DataError) as info:
        load_scenarios(p)
    assert en(info.value.problems) == ("[1].results: this field is required", "[1].expect: this field is required")


def test_json_scenarios_and_their_lines(tmp_path):
    data = {
        "schema_version": 1,
        "document": "scenario",
        "campaign": "example:an-minh-2022",
        "results": "example:an-minh-2022",
        "expect": [{"unit": "xa-van-khanh-tay", "grade": "htt"}, {"cluster": "cum-1", "rank": {"xa-van-khanh": 1}}],
    }
    p = write(tmp_path, json.dumps(data, indent=2), name="test_s.json")
    (sc,) = load_scenarios(p)
    assert [e.line for e in sc.expectations] == [7, 11]
    assert run(sc).ok
    with pytest.raises(DataError) as info:
        load_scenarios(write(tmp_path, json.dumps({**data, "expect": [{"unit": "x", "total": 0.5}]}), "test_f.json"))
    assert info.value.codes == ["float-not-allowed"]


# -- what a scenario may choose ------------------------------------------------------------------

ONE_COMMUNE = (
    HEAD
    + """
campaign: {here}/documents/four-communes.yaml
results:
  units: [{{unit: xa-b, measures: {{score: 91}}}}]
{options}
expect:
  - {{unit: xa-b, total: 91, grade: htxs}}
"""
)


def test_inline_results_for_one_unit_need_the_units_or_a_missing_input_policy(tmp_path):
    p = write(tmp_path, ONE_COMMUNE.format(here=HERE, options=""))
    report = run_scenario(p)
    assert isinstance(report.error, MissingInputError)  # xa-a, xa-c and xa-d have no score
    p = write(tmp_path, ONE_COMMUNE.format(here=HERE, options="units: [xa-b]"))
    report = run_scenario(p)
    assert report.ok, report.render("en")
    assert [u.unit for u in report.outcome.evaluation.units] == ["xa-b"]
    assert report.outcome.evaluation.cluster("cum-1").ranking.rank_of("xa-b") == 1
    p = write(tmp_path, ONE_COMMUNE.format(here=HERE, options="missing: not_met"))
    report = run_scenario(p)
    assert report.ok, report.render("en")
    # the others are scored 0 under not_met (their per-occurrence criterion has no measure) and rated kht
    ev = report.outcome.evaluation
    assert (ev.unit("xa-a").score.total, ev.unit("xa-a").rating.grade) == (0, "kht")


def test_units_that_do_not_exist_are_problems(tmp_path):
    p = write(tmp_path, ONE_COMMUNE.format(here=HERE, options="units: [xa-b, xa-z]"))
    report = run_scenario(p)
    assert isinstance(report.error, DataError)
    assert en(report.error.problems) == ("units[1]: unknown unit 'xa-z'",)


MERGER = (
    HEAD
    + """
campaign:
  id: sap-nhap
  name: Sáp nhập
  year: 2025
  levels: [{{id: commune, name: Xã}}]
  units:
    - {{id: xa-a, name: Xã A, level: commune, valid_to: 2025-06-30}}
    - {{id: xa-c, name: Xã C, level: commune, valid_from: 2025-07-01}}
  scales:
    - id: thang
      name: Xếp loại
      levels: [commune]
      grades: [{{id: htt, name: Hoàn thành tốt nhiệm vụ}}, {{id: ht, name: Hoàn thành nhiệm vụ}}]
results:
  units:
    - {{unit: xa-a, rating: htt}}
    - {{unit: xa-c, rating: ht}}
{options}
expect:
  - {{unit: xa-a, grade: htt, source: reported}}
"""
)


def test_a_date_evaluates_the_year_as_of_that_day(tmp_path):
    report = run_scenario(write(tmp_path, MERGER.format(options="")))
    assert report.ok, report.render("en")
    assert {u.unit for u in report.outcome.evaluation.units} == {"xa-a", "xa-c"}
    # on 30 June 2025 Xã C does not exist yet: its results are refused
    report = run_scenario(write(tmp_path, MERGER.format(options="date: 2025-06-30")))
    assert isinstance(report.error, DataError)
    assert [p.path for p in report.error.problems] == ["results.units[1].unit"]
    report = run_scenario(write(tmp_path, MERGER.format(options="date: 2025-06-30\nunits: [xa-c]")))
    assert en(report.error.problems) == (
        "units[0]: the unit 'xa-c' does not exist in the period evaluated (2025-01-01 to 2025-06-30)",
    )
    report = run_scenario(write(tmp_path, MERGER.format(options="date: 2026-01-01")))
    assert en(report.error.problems) == ("date: 2026-01-01 is outside the emulation year 2025-01-01–2025-12-31",)


def test_a_grade_may_be_written_by_its_name(tmp_path):
    p = write(
        tmp_path,
        HEAD
        + """
campaign: example:an-minh-2022
results: example:an-minh-2022
expect:
  - {unit: xa-van-khanh-tay, grade: Hoàn thành tốt nhiệm vụ}
  - {unit: xa-van-khanh-tay, grade: HOÀN THÀNH TỐT NHIỆM VỤ}
""",
    )
    assert run_scenario(p).ok


def test_an_unknown_example_is_a_problem(tmp_path):
    p = write(tmp_path, HEAD + "campaign: example:khong-co\nresults: b\nexpect: [{unit: x, grade: a}]\n")
    report = run_scenario(p)
    assert en(report.error.problems) == ("campaign: no bundled campaign for the example 'khong-co'",)


# -- small parts -----------------------------------------------------------------------------------


def test_kinds_numbers_and_written_forms():
    assert kind_of({"cluster": "c", "conflict": "over_quota", "award": "co"}) == "conflict"
    assert kind_of({"unit": "u", "award": "co", "granted": True}) == "award"
    assert kind_of({"ranking": "level:commune", "rank": {"a": 1}}) == "ranking"
    assert exact("100/3%") == Fraction(1, 3)
    assert written({"unit": "xa-a", "share": "4/5", "total": 90}) == '{unit: xa-a, share: "4/5", total: 90}'
    assert declares_scenario('{\n  "document": "scenario",\n')
    assert not declares_scenario("  inner:\n    document: scenario_x\n")


def test_the_json_schema_accepts_every_bundled_scenario():
    import jsonschema

    from thidua import examples

    schema = scenario_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    import yaml

    for name in examples.names():
        for doc in yaml.safe_load_all(example_scenarios(name).read_text(encoding="utf-8")):
            jsonschema.validate(doc, schema)
    for path in SCENARIOS:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(json.dumps(doc, default=str)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**doc, "expect": [{"unit": "x", "total": 0.5}]}, schema)


def test_reports_are_frozen():
    import attrs

    report = run_scenario(HERE / "test_fund-quota.yaml")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.results = ()  # type: ignore[misc]
