"""Every scenario file in this folder, run through thidua.testing.run_scenario; and the runner itself."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from problem_text import en, raises_en
from thidua.errors import DataError
from thidua.testing import Difference, ScenarioReport, assert_scenario, run_scenario

HERE = Path(__file__).parent
SCENARIOS = sorted(HERE.glob("*.yaml"))


def test_there_are_scenarios():
    assert len(SCENARIOS) >= 15


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path):
    report = assert_scenario(path)
    assert report.checked >= 1


# -- the runner can fail, and says why ---------------------------------------------------------

WRONG = """
name: Wrong on purpose
campaign: {here}/documents/hamlets.yaml
results:
  campaign: bctmt
  year: 2022
  units:
    - unit: xa-a
      counts: {{hamlet: {{htxs: 3, htt: 5, ht: 1, kht: 1}}}}
expect:
  - {{unit: xa-a, target: bctmt-good, status: met, numerator: 7, denominator: 10}}
  - {{unit: xa-a, target: bctmt-no-weak, status: met}}
  - {{unit: xa-a, target: khong-co, status: met}}
  - {{unit: xa-z, award: co, granted: true}}
  - {{cluster: cum-1, rank: {{xa-a: 2}}}}
"""


def write(tmp_path, text, name="s.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_wrong_expectations_are_reported_with_expected_and_actual(tmp_path):
    p = write(tmp_path, WRONG.format(here=HERE))
    report = run_scenario(p)
    assert isinstance(report, ScenarioReport)
    assert not report.ok
    assert report.checked == 5
    assert Difference("expect[0] unit xa-a, target bctmt-good", "numerator", "7", "8") in report.differences
    assert Difference("expect[1] unit xa-a, target bctmt-no-weak", "status", "met", "not_met") in report.differences
    # xa-a has neither a score nor a grade: it is not ranked
    assert Difference("expect[4] cluster cum-1", "rank of xa-a", "2", "none") in report.differences
    labels = [d.expectation for d in report.differences]
    assert any(label.startswith("expect[2]") for label in labels)
    assert any(label.startswith("expect[3]") for label in labels)
    text = str(report)
    assert text.startswith("FAIL Wrong on purpose")
    assert "numerator: expected 7, got 8" in text
    with raises_en(AssertionError, "numerator: expected 7, got 8"):
        assert_scenario(p)


def test_passing_report_text():
    report = run_scenario(HERE / "fund-quota.yaml")
    assert report.ok
    assert str(report).startswith("PASS ")
    assert report.checked == 3


def test_unexpected_error_is_a_difference(tmp_path):
    p = write(
        tmp_path,
        f"""
        campaign: {HERE}/documents/hamlets.yaml
        results:
          campaign: bctmt
          year: 2022
          units: [{{unit: xa-a}}]
        expect:
          - {{unit: xa-a, target: bctmt-good, status: met}}
        """,
    )
    report = run_scenario(p)
    (d,) = report.differences
    assert (d.expectation, d.field, d.expected) == ("(evaluation)", "error", "none")
    assert d.actual.startswith("MissingInputError")


def test_expected_error_that_does_not_happen(tmp_path):
    p = write(
        tmp_path,
        f"""
        campaign: {HERE}/documents/hamlets.yaml
        results: {{campaign: bctmt, year: 2022, units: [{{unit: xa-a, counts: {{hamlet: {{htt: 1}}}}}}]}}
        expect:
          - {{error: DataError, path: .base}}
        """,
    )
    (d,) = run_scenario(p).differences
    assert (d.field, d.expected, d.actual) == ("error", "DataError", "no error")


def test_expected_error_with_a_wrong_path(tmp_path):
    text = (HERE / "of-which-without-base.yaml").read_text("utf-8").replace("path: .base}", "path: .grade}")
    (d,) = [x for x in run_scenario(write(tmp_path, text)).differences if x.field == "path"]
    assert d.expected == ".grade"
    assert d.actual.endswith(".base")


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
    ],
)
def test_malformed_scenario_is_a_data_error_with_paths(tmp_path, body, problem):
    p = write(tmp_path, body)
    with pytest.raises(DataError) as info:
        run_scenario(p)
    assert any(x.startswith(problem) for x in en(info.value.problems)), en(info.value.problems)
    assert info.value.source == str(p)


def test_missing_scenario_file(tmp_path):
    with pytest.raises(DataError):
        run_scenario(tmp_path / "khong-co.yaml")


def test_report_is_frozen():
    import attrs

    report = run_scenario(HERE / "fund-quota.yaml")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.name = "x"  # type: ignore[misc]
