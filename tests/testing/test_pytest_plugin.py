"""The pytest plugin, as a campaign team uses it: plain ``pytest`` in a folder of YAML scenarios.

Every run is a separate ``python -m pytest`` process started in a temporary folder, with the
thidua that is installed (never ``src/`` on ``PYTHONPATH``): the plugin is found through its
``pytest11`` entry point, as in a campaign team's repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

import thidua

CAMPAIGN_NOTE = "# the An Minh 2022 campaign, as a team keeps it in its own repository\n"

GOOD_AND_BAD = """\
schema_version: 1
document: scenario
id: cum-1
name: Cụm thi đua số 1
campaign: ../campaign.yaml
results: ../results.yaml
expect:
  - {unit: xa-van-khanh-tay, target: bctmt-good, status: met, numerator: 8, denominator: 10}
  - {unit: xa-van-khanh-tay, grade: htxs, total: 90}
  - {cluster: cum-1, rank: {xa-van-khanh: 1}, id: van-khanh-first}
"""

OTHER_TOOL = "document: something-else\nname: a test fixture of another tool\n"


def _run(folder, *args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    env.update(env_extra or {})
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture
def team_repo(tmp_path):
    """A campaign team's repository: the campaign and results, and rule tests in rules/."""
    campaign = thidua.examples.load_campaign("an-minh-2022")
    thidua.dump(campaign, tmp_path / "campaign.yaml")
    thidua.dump(thidua.examples.load_results("an-minh-2022"), tmp_path / "results.yaml")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "test_cum_1.yaml").write_text(GOOD_AND_BAD, encoding="utf-8")
    (rules / "test_fixture.yaml").write_text(OTHER_TOOL, encoding="utf-8")  # not a scenario: left alone
    (rules / "cum_1_draft.yaml").write_text(GOOD_AND_BAD, encoding="utf-8")  # not named test_*: left alone
    return tmp_path


def test_the_plugin_is_found_without_src_on_the_path(team_repo):
    assert "PYTHONPATH" not in {k for k in os.environ if k == "PYTHONPATH" and "src" in os.environ[k]}
    out = _run(team_repo, "--co", "-q")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[:3] == [
        "rules/test_cum_1.yaml::xa-van-khanh-tay:bctmt-good",
        "rules/test_cum_1.yaml::xa-van-khanh-tay:grade+total",
        "rules/test_cum_1.yaml::van-khanh-first",
    ]
    assert "3 tests collected" in out.stdout
    assert "test_fixture" not in out.stdout
    assert "draft" not in out.stdout


def test_a_deliberate_failure_reads_as_a_person_can_act_on(team_repo):
    out = _run(team_repo, "--thidua-lang", "en", "-v")
    assert out.returncode == 1, out.stdout + out.stderr
    text = out.stdout
    assert "rules/test_cum_1.yaml::xa-van-khanh-tay:bctmt-good PASSED" in text
    assert "rules/test_cum_1.yaml::xa-van-khanh-tay:grade+total FAILED" in text
    assert "1 failed, 2 passed" in text
    failure = text[text.index("= FAILURES =") : text.index("short test summary")]
    lines = [line for line in failure.splitlines() if line and not line.startswith(("=", "_"))]
    assert lines[:4] == [
        "rules/test_cum_1.yaml:9: the expectation “xa-van-khanh-tay:grade+total” is not met",
        "{unit: xa-van-khanh-tay, grade: htxs, total: 90}",
        "grade: expected htxs (Completed tasks excellently), got htt (Completed tasks well)",
        "total: expected 90, got 89.9999999",
    ]
    assert lines[4] == "Explanation:"
    assert "  Rating: Completed tasks well. 89.9999999 points is in the band of “Completed tasks well”" in failure
    # no library frames, no traceback, no docstring
    for noise in ("Traceback", "thidua/testing", "_scenarios.py", "def ", "raise ", "Meant for pytest"):
        assert noise not in failure, noise


def test_failures_are_in_vietnamese_by_default_one_language_per_line(team_repo):
    out = _run(team_repo)
    assert out.returncode == 1
    failure = out.stdout[out.stdout.index("= FAILURES =") : out.stdout.index("short test summary")]
    assert "rules/test_cum_1.yaml:9: kết quả mong đợi “xa-van-khanh-tay:grade+total” không đạt" in failure
    assert "grade: mong đợi htxs (Hoàn thành xuất sắc nhiệm vụ), nhưng là htt (Hoàn thành tốt nhiệm vụ)" in failure
    assert "Giải thích:" in failure
    for english in ("expected", "Explanation", "Verdict", "Rating:"):
        assert english not in failure
    # the ini option chooses English too
    (team_repo / "pytest.ini").write_text("[pytest]\nthidua_lang = en\nthidua_explain = false\n", encoding="utf-8")
    out = _run(team_repo)
    assert "total: expected 90, got 89.9999999" in out.stdout
    assert "Explanation:" not in out.stdout


def test_k_selects_expectations_by_unit_target_or_id(team_repo):
    out = _run(team_repo, "-k", "bctmt-good or van-khanh-first", "-q")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 passed, 1 deselected" in out.stdout
    out = _run(team_repo, "-k", "grade", "-q", "--thidua-lang", "en")
    assert "1 failed, 2 deselected" in out.stdout


def test_a_malformed_scenario_file_is_a_collection_error_listing_every_problem(team_repo):
    (team_repo / "rules" / "test_broken.yaml").write_text(
        "schema_version: 1\ndocument: scenario\ncampaign: ../campaign.yaml\n"
        "expect:\n  - {unit: xa-van-khanh-tay, total: 89.9999999}\n  - {unit: xa-a, total: '90', tolerance: '1%'}\n",
        encoding="utf-8",
    )
    out = _run(team_repo, "--thidua-lang", "en", "rules/test_broken.yaml")
    assert out.returncode == 2, out.stdout + out.stderr
    assert "ERROR collecting rules/test_broken.yaml" in out.stdout
    assert "results: this field is required" in out.stdout
    assert "expect[0].total: 89.9999999 is a binary float" in out.stdout
    assert "expect[1].tolerance: 'tolerance': a tolerance is never needed" in out.stdout
    assert "Traceback" not in out.stdout


def test_an_error_while_evaluating_fails_each_expectation_with_the_reason(team_repo):
    (team_repo / "rules" / "test_one_commune.yaml").write_text(
        textwrap.dedent(
            """\
            schema_version: 1
            document: scenario
            campaign: ../campaign.yaml
            results:
              units:
                - unit: xa-van-khanh-tay
                  counts: {hamlet: {htxs: 3, htt: 5, ht: 2}}
                  totals: {hamlet: 10}
                  measures: {fund_raised: 150000000, fund_quota: 150000000, late_reports: 0}
            expect:
              - {unit: xa-van-khanh-tay, target: bctmt-good, met: true}
            """
        ),
        encoding="utf-8",
    )
    out = _run(team_repo, "--thidua-lang", "en", "rules/test_one_commune.yaml")
    assert out.returncode == 1
    assert "The scenario could not be evaluated:" in out.stdout
    # the other members of the cluster have no results: named by their names, not their ids
    assert "the input “Money raised for the fund for the poor” of Thị trấn Thứ Mười Một is missing" in out.stdout
    assert "Traceback" not in out.stdout
    # the same scenario for this one commune passes once it says so
    path = team_repo / "rules" / "test_one_commune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("results:", "units: [xa-van-khanh-tay]\nresults:"))
    out = _run(team_repo, "rules/test_one_commune.yaml")
    assert out.returncode == 0, out.stdout


def test_assert_scenario_in_a_python_test_hides_the_library_frames(team_repo):
    (team_repo / "test_py.py").write_text(
        "from thidua.testing import assert_scenario\n\n\n"
        "def test_cluster_1():\n"
        "    assert_scenario('rules/test_cum_1.yaml', locale='en')\n",
        encoding="utf-8",
    )
    out = _run(team_repo, "test_py.py")
    assert out.returncode == 1
    assert "1 of 3 expectations not met" in out.stdout
    assert "total: expected 90, got 89.9999999" in out.stdout
    assert "Meant for pytest" not in out.stdout  # the docstring of assert_scenario
    assert "_scenarios.py" not in out.stdout  # its frame is hidden


def test_the_plugin_can_be_disabled_and_its_patterns_changed(team_repo):
    out = _run(team_repo, "-p", "no:thidua", "--co", "-q")
    assert "no tests collected" in out.stdout
    (team_repo / "pytest.ini").write_text("[pytest]\nthidua_scenario_files = cum_*.yaml\n", encoding="utf-8")
    out = _run(team_repo, "--co", "-q")
    assert "rules/cum_1_draft.yaml::van-khanh-first" in out.stdout
    assert "test_cum_1" not in out.stdout


def test_the_bundled_campaigns_scenarios_run_with_pyargs(tmp_path):
    out = _run(tmp_path, "--pyargs", "thidua.examples", "-q")
    assert out.returncode == 0, out.stdout + out.stderr
    passed = int(out.stdout.strip().splitlines()[-1].split(" passed")[0].split()[-1])
    assert passed >= 80
