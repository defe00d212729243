"""The pytest plugin: scenario files collected as tests, one test per expectation.

pytest loads it by itself when thidua is installed (the ``pytest11`` entry
point ``thidua``; ``pip install 'thidua[testing]'`` brings pytest along).
It collects every file whose name matches ``thidua_scenario_files``
(default ``test_*.yaml test_*.yml test_*.json``) **and** whose top level
says ``document: scenario``; any other YAML or JSON file is left alone.
Each expectation is a test, named by its ``id`` (or by what it checks)::

    tests/rules/test_cum_2.yaml::xa-van-khanh-tay:grade+total

and, in a file that holds several scenarios, under the scenario's id::

    .../an-minh-2022/test_scenarios.yaml::an-minh-2022-tu-cham::cum-1:rank

so ``pytest -k van-khanh-tay`` selects by unit, target or scenario. Each
scenario is evaluated once, when its first test runs. A failure shows the
file and line of the expectation, the expectation as written, each value
expected and got, and the explanation of the verdict, in one language:
``--thidua-lang en`` (or ``thidua_lang = en`` in the ini file; Vietnamese by
default). A scenario file with problems is a collection error listing every
problem with its path.

Options: ``--thidua-lang vi|en``, and in the ini file ``thidua_lang``,
``thidua_scenario_files`` (glob patterns of file names) and
``thidua_explain`` (``false`` leaves the explanations out). Disable the
plugin with ``-p no:thidua``.

>>> pytest_collect_file.__name__
'pytest_collect_file'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from thidua.errors import DataError
    from thidua.testing._reader import Expectation, Scenario
    from thidua.testing._scenarios import ExpectationResult, Outcome

__all__ = [
    "ExpectationItem",
    "ScenarioCollector",
    "ScenarioFile",
    "pytest_addoption",
    "pytest_collect_file",
]

_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
_DEFAULT_FILES = ["test_*.yaml", "test_*.yml", "test_*.json"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's option and ini settings."""
    group = parser.getgroup("thidua", "thidua scenario files")
    group.addoption(
        "--thidua-lang",
        choices=("vi", "en"),
        default=None,
        help="language of scenario failures and explanations: vi (default) or en",
    )
    parser.addini("thidua_lang", "language of scenario failures: vi (default) or en", default="vi")
    parser.addini(
        "thidua_scenario_files",
        "glob patterns of the names of scenario files (default: test_*.yaml test_*.yml test_*.json)",
        type="args",
        default=_DEFAULT_FILES,
    )
    parser.addini(
        "thidua_explain", "show the explanation of a verdict under a failed expectation", type="bool", default=True
    )


def _language(config: pytest.Config) -> str:
    chosen = config.getoption("--thidua-lang") or config.getini("thidua_lang") or "vi"
    return str(chosen) if str(chosen) in ("vi", "en") else "vi"


def _shown_path(path: Path, config: pytest.Config) -> str:
    """*path* relative to the folder pytest was started in, when it is below it."""
    try:
        return str(path.relative_to(config.invocation_params.dir))
    except ValueError:
        return str(path)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    """A :class:`ScenarioFile` for a file named like a scenario file that declares ``document: scenario``."""
    if file_path.suffix.lower() not in _SUFFIXES:
        return None
    patterns = parent.config.getini("thidua_scenario_files")
    if not any(fnmatch.fnmatch(file_path.name, p) for p in patterns):
        return None
    try:
        with file_path.open(encoding="utf-8-sig") as f:
            head = f.read(1 << 20)
    except (OSError, UnicodeDecodeError):
        return None
    from thidua.testing._reader import declares_scenario

    if not declares_scenario(head):
        return None
    collector: ScenarioFile = ScenarioFile.from_parent(parent, path=file_path)
    return collector


class _FileProblems(Exception):  # noqa: N818 - carries a DataError to repr_failure
    def __init__(self, error: DataError) -> None:
        super().__init__(error)
        self.error = error


class _NotMetError(AssertionError):
    """An expectation not met (the failure is drawn by :meth:`ExpectationItem.repr_failure`)."""

    def __init__(self, outcome: Outcome, result: ExpectationResult) -> None:
        super().__init__(result.expectation.id)
        self.outcome = outcome
        self.result = result


class _Evaluated:
    """A scenario and its evaluation, computed once, when the first of its tests runs."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._outcome: Outcome | None = None

    def outcome(self) -> Outcome:
        if self._outcome is None:
            from thidua.testing._scenarios import evaluate_scenario

            self._outcome = evaluate_scenario(self.scenario)
        return self._outcome


def _items(parent: pytest.Collector, scenario: Scenario) -> Iterator[ExpectationItem]:
    shared = _Evaluated(scenario)
    for exp in scenario.expectations:
        yield ExpectationItem.from_parent(parent, name=exp.id, expectation=exp, shared=shared)


class ScenarioFile(pytest.File):
    """A scenario file: its expectations as tests, under one :class:`ScenarioCollector` per scenario when
    the file holds several (YAML documents separated by ``---``)."""

    def collect(self) -> Iterator[ScenarioCollector | ExpectationItem]:
        """The tests of the file; its problems, if any, as one collection error."""
        from thidua.errors import DataError
        from thidua.testing._reader import load_scenarios

        try:
            scenarios = load_scenarios(self.path)
        except DataError as exc:
            raise _FileProblems(exc) from None
        if len(scenarios) == 1:
            yield from _items(self, scenarios[0])
            return
        for sc in scenarios:
            yield ScenarioCollector.from_parent(self, name=sc.id, scenario=sc)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> Any:  # type: ignore[override]
        """Every problem of the file, with its path, in the chosen language."""
        if isinstance(excinfo.value, _FileProblems):
            return excinfo.value.error.render(_language(self.config))
        from thidua.errors import ThiduaError

        if isinstance(excinfo.value, ThiduaError):
            render = getattr(excinfo.value, "render", None)
            if callable(render):
                return str(render(_language(self.config)))
        return super().repr_failure(excinfo)


class ScenarioCollector(pytest.Collector):
    """One scenario of a file that holds several: one :class:`ExpectationItem` per expectation."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def collect(self) -> Iterator[ExpectationItem]:
        """One test per expectation, named by its id."""
        yield from _items(self, self.scenario)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The file, the scenario's line and its name."""
        line = self.scenario.line
        return self.path, (line - 1 if line is not None else None), self.scenario.name


class ExpectationItem(pytest.Item):
    """One expectation of a scenario, checked against the scenario's evaluation (made once per scenario)."""

    def __init__(self, *, expectation: Expectation, shared: _Evaluated, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.expectation = expectation
        self._shared = shared

    @property
    def scenario(self) -> Scenario:
        """The scenario the expectation belongs to."""
        return self._shared.scenario

    def runtest(self) -> None:
        """Check the expectation; fail with :class:`_NotMetError` when it is not met."""
        from thidua.testing._scenarios import check

        outcome = self._shared.outcome()
        result = check(outcome, self.expectation)
        if not result.ok:
            raise _NotMetError(outcome, result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """Where, the expectation as written, each value expected and got, and the explanation."""
        if isinstance(excinfo.value, _NotMetError):
            from thidua.testing._scenarios import failure_lines

            explain = bool(self.config.getini("thidua_explain"))
            shown = _shown_path(self.path, self.config)
            lines = failure_lines(
                excinfo.value.outcome, excinfo.value.result, _language(self.config), explain=explain, path=shown
            )
            return "\n".join(lines)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """The file, the expectation's line, and the scenario's name with the expectation's id."""
        line = self.expectation.line
        return self.path, (line - 1 if line is not None else None), f"{self.scenario.name}: {self.expectation.id}"
