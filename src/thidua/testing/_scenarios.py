"""Running scenarios: evaluate once, check every expectation, say what differs in the reader's language.

The format of scenario files is described in ``docs/reference/scenarios.md``
(and :mod:`thidua.testing`); :mod:`thidua.testing._reader` reads them.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import N_, Problem, Term
from thidua.engine import Evaluation, Status, Step, TargetOutcome, UnitEvaluation
from thidua.errors import DataError, EvaluationError, ThiduaError
from thidua.model import _codes as model_codes
from thidua.testing import _codes as codes
from thidua.testing._reader import (
    NUMBERS,
    SCORE_FIELDS,
    TARGET_FIELDS,
    Expectation,
    Scenario,
    exact,
    load_scenarios,
)

__all__ = [
    "Difference",
    "ExpectationResult",
    "Outcome",
    "ScenarioReport",
    "assert_scenario",
    "check",
    "evaluate_scenario",
    "example_scenarios",
    "run",
    "run_scenario",
    "run_scenarios",
]

_KIND_TERMS = {
    "campaign": Term(N_("campaign")),
    "results": Term(N_("results")),
    "history": Term(N_("history")),
}


# -- what a check finds -----------------------------------------------------------------------


@attrs.frozen
class Difference:
    """One value an expectation names that the evaluation does not give.

    Attributes:
        expectation: the expectation's id.
        field: the key compared, as written in the expectation (``grade``,
            ``rank.xa-a``, ``changes[0].after``).
        expected: the value written, in the file's syntax.
        actual: the value the evaluation gives, in the same syntax; ``None``
            when there is none (no such unit, target, award...).
        what: what the values are, so that they can be named (``grade``,
            ``status``), or ``""``.

    >>> d = Difference("xa-a:grade", "grade", "htxs", "htt", "grade")
    >>> d.render("en")
    'grade: expected htxs, got htt'
    >>> print(d)
    grade: mong đợi htxs, nhưng là htt

    .. versionadded:: 0.1.0
    """

    expectation: str
    field: str
    expected: str
    actual: str | None
    what: str = ""

    def render(self, locale: str = "vi", names: Any = None) -> str:
        """The difference in *locale*'s language; grades and verdicts named when *names* (a
        :class:`thidua.l10n.Names`) is given."""
        from thidua.l10n import get_translator

        t = get_translator(locale)
        expected = _named(self.expected, self.what, names, t)
        actual = t.gettext("none") if self.actual is None else _named(self.actual, self.what, names, t)
        return t.gettext("%(field)s: expected %(expected)s, got %(actual)s") % {
            "field": self.field,
            "expected": expected,
            "actual": actual,
        }

    def __str__(self) -> str:
        return self.render("vi")


def _named(value: str, what: str, names: Any, t: Any) -> str:
    if what == "status":
        word = {"met": N_("met"), "not_met": N_("not met"), "excluded": N_("left out")}.get(value)
        shown_word = t.gettext(word) if word else value
        return f"{value} ({shown_word})" if shown_word != value else value
    if what == "grade" and names is not None and value != "none":
        name = names.grade(value)
        return f"{value} ({name})" if name != value else value
    return value


@attrs.frozen
class ExpectationResult:
    """What checking one expectation found.

    Attributes:
        expectation: the expectation.
        differences: every value that differs (empty when it is met).
        blocked: ``True`` when the scenario could not be evaluated (see
            :attr:`ScenarioReport.error`): the expectation was not checked.

    >>> r = ExpectationResult(Expectation(0, "x:grade", "unit", 3, {"unit": "x", "grade": "htt"}))
    >>> r.ok, ExpectationResult(r.expectation, blocked=True).ok
    (True, False)

    .. versionadded:: 0.1.0
    """

    expectation: Expectation
    differences: tuple[Difference, ...] = ()
    blocked: bool = False

    @property
    def ok(self) -> bool:
        """True when the expectation is met."""
        return not self.differences and not self.blocked


@attrs.frozen
class Outcome:
    """A scenario evaluated (or the error that stopped it), shared by the checks of its expectations.

    Attributes:
        scenario: the scenario.
        evaluation: the evaluation, or ``None`` after an error.
        campaign: the campaign evaluated (with the scenario's options), when it could be read.
        error: what stopped loading or evaluating, if anything.

    >>> from thidua.testing import load_scenarios
    >>> outcome = evaluate_scenario(load_scenarios(example_scenarios("an-minh-2022"))[0])
    >>> outcome.error is None, outcome.evaluation.cluster("cum-1").ranking.leaders
    (True, ('xa-van-khanh',))

    .. versionadded:: 0.1.0
    """

    scenario: Scenario
    evaluation: Evaluation | None = attrs.field(default=None, eq=False, repr=False)
    campaign: m.Campaign | None = attrs.field(default=None, eq=False, repr=False)
    error: ThiduaError | None = attrs.field(default=None, eq=False)


@attrs.frozen
class ScenarioReport:
    """What running one scenario found: one result per expectation.

    Attributes:
        scenario: the scenario run.
        results: one :class:`ExpectationResult` per expectation, in order.
        outcome: the evaluation (or the error) the expectations were checked against.

    >>> import thidua
    >>> report = run_scenarios(example_scenarios("an-minh-2022"))[0]
    >>> report.ok, report.checked, report.failed
    (True, 19, ())

    .. versionadded:: 0.1.0
    """

    scenario: Scenario
    results: tuple[ExpectationResult, ...]
    outcome: Outcome = attrs.field(eq=False, repr=False)

    @property
    def path(self) -> str:
        """The scenario file."""
        return self.scenario.path

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    @property
    def checked(self) -> int:
        """How many expectations were checked."""
        return len(self.results)

    @property
    def failed(self) -> tuple[ExpectationResult, ...]:
        """The expectations not met."""
        return tuple(r for r in self.results if not r.ok)

    @property
    def differences(self) -> tuple[Difference, ...]:
        """Every difference of every expectation, in order."""
        return tuple(d for r in self.results for d in r.differences)

    @property
    def error(self) -> ThiduaError | None:
        """What stopped loading or evaluating the scenario, if anything."""
        return self.outcome.error

    @property
    def ok(self) -> bool:
        """True when every expectation is met."""
        return not self.failed

    def summary(self, locale: str = "vi") -> str:
        """One line: the scenario, its file, and how many expectations are not met."""
        from thidua.l10n import get_translator

        t = get_translator(locale)
        n, failed = self.checked, len(self.failed)
        name = self.scenario.name_en if t.language == "en" and self.scenario.name_en else self.name
        values = {"name": name, "file": self.path, "count": n, "failed": failed}
        if failed:
            text = t.ngettext(
                "%(name)s (%(file)s): %(failed)d of %(count)d expectation not met",
                "%(name)s (%(file)s): %(failed)d of %(count)d expectations not met",
                n,
            )
        else:
            text = t.ngettext(
                "%(name)s (%(file)s): %(count)d expectation met",
                "%(name)s (%(file)s): all %(count)d expectations met",
                n,
            )
        return text % values

    def failure(self, result: ExpectationResult, locale: str = "vi", *, explain: bool = True) -> list[str]:
        """The lines that tell why one expectation is not met, in *locale*'s language.

        Its place (file and line), the expectation as written, each value
        expected and got, and the explanation of the verdict it checks.
        """
        return failure_lines(self.outcome, result, locale, explain=explain)

    def render(self, locale: str = "vi", *, explain: bool = False) -> str:
        """The summary line, then the lines of every expectation not met."""
        lines = [self.summary(locale)]
        for r in self.failed:
            lines.extend("  " + line for line in self.failure(r, locale, explain=explain))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render("vi")


# -- the documents of a scenario ----------------------------------------------------------------


def _document(value: str | Mapping[str, Any], kind: str, sc: Scenario, campaign: m.Campaign | None) -> Any:
    from thidua import examples
    from thidua.io import SCHEMA_VERSION, load, structure

    if isinstance(value, str):
        if value.startswith("example:"):
            name = value.removeprefix("example:")
            try:
                path = examples.path(name, kind)
            except KeyError:
                raise DataError(
                    codes.UNKNOWN_EXAMPLE((kind,), document=_KIND_TERMS[kind], name=name), source=sc.path
                ) from None
            return load(path, expected=kind, campaign=campaign)
        return load(sc.base / value, expected=kind, campaign=campaign)
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "document": kind, **value}
    if kind == "results" and campaign is not None:
        data.setdefault("campaign", campaign.id)
        data.setdefault("year", campaign.year)
    try:
        return structure(data, kind, campaign=campaign)
    except DataError as exc:
        raise DataError([p.at(kind) for p in exc.problems], source=sc.path) from None


def _with_options(sc: Scenario, campaign: m.Campaign) -> m.Campaign:
    """The campaign with the scenario's missing-input policy and date."""
    problems: list[Problem] = []
    if sc.missing is not None:
        campaign = attrs.evolve(campaign, missing=sc.missing)
    if sc.date is not None:
        start, end = campaign.period
        if not start <= sc.date <= end:
            problems.append(codes.DATE_OUTSIDE(("date",), date=sc.date, start=start, end=end))
        else:
            campaign = attrs.evolve(campaign, end=sc.date)
    if sc.units is not None:
        units = {u.id: u for u in campaign.units}
        start, end = campaign.period
        for i, uid in enumerate(sc.units):
            if uid not in units:
                problems.append(model_codes.UNKNOWN_UNIT(("units", i), unit=uid))
            elif not units[uid].overlaps(start, end):
                problems.append(codes.UNIT_NOT_THIS_YEAR(("units", i), unit=uid, start=start, end=end))
    if problems:
        raise DataError(problems, source=sc.path)
    return campaign


def _evaluate(sc: Scenario, campaign: m.Campaign, results: m.Results, history: m.History | None) -> Evaluation:
    from thidua import evaluate, prepare

    if sc.units is None:
        return evaluate(campaign, results, stage=sc.stage, history=history)
    from thidua._gc import paused_gc
    from thidua.engine._evaluate import assemble, check_inputs, execute, subjects_of
    from thidua.engine._fingerprint import fingerprint

    prepared = prepare(campaign)
    chosen = set(sc.units)
    with paused_gc():
        check_inputs(prepared, results, sc.stage, history)
        subjects = [
            u
            for u in subjects_of(prepared, results)
            if u in chosen or chosen.intersection(prepared.ancestors.get(u, {}).values())
        ]
        subjects += [u for u in sc.units if u not in subjects]
        evaluated = set(subjects)
        clusters = [c for c in campaign.clusters if chosen.intersection(c.members)]
        whole = {c.id for c in clusters if evaluated.issuperset(c.members)}
        # a cluster-wide target counts every member: it is decided only when all of them are evaluated
        prepared = attrs.evolve(
            prepared, cluster_targets={k: v for k, v in prepared.cluster_targets.items() if k in whole}
        )
        parts = execute(prepared, results, sc.stage, history, subjects=subjects, clusters=clusters)
        return assemble(
            prepared,
            results,
            sc.stage,
            parts,
            functools.partial(fingerprint, campaign, results, sc.stage, history),
            history_sample=history is not None and history.sample,
        )


def evaluate_scenario(scenario: Scenario) -> Outcome:
    """Load a scenario's documents, apply its options and evaluate it, once for all its expectations.

    An error while loading or evaluating is kept in the outcome (an
    expectation of kind ``error`` may ask for it), never raised.

    >>> from thidua.testing import parse_scenarios
    >>> (sc,) = parse_scenarios('''
    ... schema_version: 1
    ... document: scenario
    ... campaign: example:an-minh-2022
    ... results: {units: [{unit: xa-dong-thanh}]}
    ... expect: [{unit: xa-dong-thanh, target: bctmt-good, met: true}]
    ... ''', "s.yaml")
    >>> type(evaluate_scenario(sc).error).__name__
    'MissingInputError'

    .. versionadded:: 0.1.0
    """
    campaign: m.Campaign | None = None
    try:
        campaign = _document(scenario.campaign, "campaign", scenario, None)
        assert campaign is not None  # noqa: S101 - expected="campaign"
        campaign = _with_options(scenario, campaign)
        results = _document(scenario.results, "results", scenario, campaign)
        history = _document(scenario.history, "history", scenario, campaign) if scenario.history else None
        ev = _evaluate(scenario, campaign, results, history)
    except ThiduaError as exc:
        return Outcome(scenario, None, campaign, exc)
    return Outcome(scenario, ev, campaign, None)


# -- checking -----------------------------------------------------------------------------------


def show(value: object) -> str:
    """A value of an evaluation written as a scenario file writes it (exact numbers, ids, ISO dates).

    >>> show(Fraction(899999999, 10000000)), show(True), show(None), show(Status.NOT_MET)
    ('89.9999999', 'true', 'none', 'not_met')
    """
    from thidua.io import number_text as format_number

    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Status):
        return value.value
    return str(value)


def _same(field: str, expected: object, actual: object) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if field in NUMBERS:
        if isinstance(actual, dt.date):
            return show(expected) == actual.isoformat()
        if isinstance(actual, bool) or not isinstance(actual, int | Fraction):
            return False
        return bool(exact(expected) == actual)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(actual, Status):
        return str(expected) == actual.value
    return show(expected) == show(actual)


def _expected_text(field: str, value: object) -> str:
    if field in NUMBERS and value is not None:
        return show(exact(value))
    return show(value)


class _Checker:
    """The checks of one expectation against an evaluation."""

    def __init__(self, outcome: Outcome, exp: Expectation) -> None:
        assert outcome.evaluation is not None  # noqa: S101 - checked by check()
        self.ev = outcome.evaluation
        self.campaign = outcome.campaign
        self.exp = exp
        self.diffs: list[Difference] = []

    def differ(self, field: str, expected: str, actual: str | None, what: str = "") -> None:
        self.diffs.append(Difference(self.exp.id, field, expected, actual, what))

    def compare(self, field: str, expected: object, actual: object, what: str = "", key: str | None = None) -> None:
        if not _same(key or field, expected, actual):
            self.differ(field, _expected_text(key or field, expected), show(actual), what)

    def unit(self, unit_id: str) -> UnitEvaluation | None:
        try:
            return self.ev.unit(unit_id)
        except KeyError:
            self.differ("unit", unit_id, None)
            return None

    def run(self) -> list[Difference]:
        handler: Callable[[Mapping[str, Any]], None] = getattr(self, f"check_{self.exp.kind}")
        handler(self.exp.data)
        return self.diffs

    def check_error(self, exp: Mapping[str, Any]) -> None:
        self.differ("error", str(exp["error"]), None)

    def check_fingerprint(self, exp: Mapping[str, Any]) -> None:
        self.compare("fingerprint", exp["fingerprint"], self.ev.fingerprint)

    def check_target(self, exp: Mapping[str, Any]) -> None:
        subject = str(exp.get("unit") or exp.get("cluster"))
        try:
            outcome: TargetOutcome = self.ev.target(subject, str(exp["target"]))
        except KeyError:
            self.differ("target", str(exp["target"]), None)
            return
        for field in TARGET_FIELDS:
            if field in exp:
                actual = outcome.met if field == "met" else getattr(outcome, field)
                self.compare(field, exp[field], actual, "status" if field == "status" else "")

    def check_award(self, exp: Mapping[str, Any]) -> None:
        u = self.unit(str(exp["unit"]))
        if u is None:
            return
        found = [a for a in u.awards if a.award == exp["award"]]
        if not found:
            self.differ("award", str(exp["award"]), None)
            return
        for field in ("granted", "eligible"):
            if field in exp:
                self.compare(field, exp[field], getattr(found[0], field))

    def check_criterion(self, exp: Mapping[str, Any]) -> None:
        u = self.unit(str(exp["unit"]))
        if u is None:
            return
        found = [c for c in (u.score.criteria if u.score else ()) if c.criterion == exp["criterion"]]
        if not found:
            self.differ("criterion", str(exp["criterion"]), None)
            return
        for field in ("points", "bonus"):
            if field in exp:
                self.compare(field, exp[field], getattr(found[0], field), key="points")

    def check_conflict(self, exp: Mapping[str, Any]) -> None:
        try:
            conflicts = self.ev.cluster(str(exp["cluster"])).conflicts
        except KeyError:
            self.differ("cluster", str(exp["cluster"]), None)
            return
        if "conflicts" in exp:
            self.compare("conflicts", exp["conflicts"], len(conflicts))
        if "conflict" in exp:
            matching = [
                c
                for c in conflicts
                if c.code == exp["conflict"]
                and all(str(c.args.get(k)) == str(exp[k]) for k in ("unit", "award") if k in exp)
            ]
            if not matching:
                actual = ", ".join(c.code for c in conflicts) or None
                self.differ("conflict", str(exp["conflict"]), actual)
            elif "severity" in exp:
                self.compare("severity", exp["severity"], matching[0].severity)

    def check_ranking(self, exp: Mapping[str, Any]) -> None:
        group = str(exp.get("ranking") or exp.get("cluster"))
        rankings = {c.cluster: c.ranking for c in self.ev.clusters} | {r.group: r for r in self.ev.rankings}
        ranking = rankings.get(group)
        if ranking is None:
            self.differ("ranking" if "ranking" in exp else "cluster", group, None)
            return
        for unit_id, rank in exp["rank"].items():
            self.compare(f"rank.{unit_id}", rank, ranking.rank_of(str(unit_id)))

    def check_unit(self, exp: Mapping[str, Any]) -> None:
        u = self.unit(str(exp["unit"]))
        if u is None:
            return
        for field, actual in (("grade", u.rating.grade), ("band_grade", u.rating.band_grade)):
            if field in exp and not self._same_grade(u, exp[field], actual):
                self.differ(field, show(exp[field]), show(actual), "grade")
        if "source" in exp:
            self.compare("source", exp["source"], u.rating.source)
        if "capped" in exp:
            self.compare("capped", exp["capped"], u.rating.capped)
        if "rank" in exp:
            self.compare("rank", exp["rank"], u.rank)
        score_fields = [f for f in (*SCORE_FIELDS, "clamped", "score_stage", "changes") if f in exp]
        if score_fields and u.score is None:
            self.differ("score", "…", None)
        elif u.score is not None:
            for field in score_fields:
                if field == "changes":
                    self.check_changes(exp["changes"], u)
                elif field == "score_stage":
                    self.compare(field, exp[field], u.score.stage)
                else:
                    self.compare(field, exp[field], getattr(u.score, field))
        if "trace" in exp:
            found = {s.code for s in _steps(u)}
            if exp["trace"] not in found:
                self.differ("trace", str(exp["trace"]), ", ".join(sorted(found)) or None)

    def _same_grade(self, u: UnitEvaluation, expected: object, actual: str | None) -> bool:
        """A grade written as its id, or as a name or legacy label of the unit's scale."""
        if expected is None or actual is None:
            return expected is None and actual is None
        if str(expected) == actual:
            return True
        scale = self.campaign.scale_for(u.level) if self.campaign is not None else None
        return scale is not None and scale.resolve(str(expected)) == actual

    def check_changes(self, expected: object, u: UnitEvaluation) -> None:
        assert u.score is not None  # noqa: S101
        changes = u.score.changes
        if isinstance(expected, int):
            self.compare("changes", expected, len(changes))
            return
        assert isinstance(expected, list)  # noqa: S101 - checked when the scenario was read
        self.compare("changes", len(expected), len(changes))
        for i, (want, got) in enumerate(zip(expected, changes, strict=False)):
            for field in ("criterion", "stage", "before", "after", "reason"):
                if field in want:
                    key = "points" if field in {"before", "after"} else None
                    self.compare(f"changes[{i}].{field}", want[field], getattr(got, field), key=key)


def _steps(u: UnitEvaluation) -> list[Step]:
    steps: list[Step] = [*u.rating.trace]
    for t in u.targets:
        steps.extend(t.trace)
    if u.score is not None:
        steps.extend(u.score.trace)
        for c in u.score.criteria:
            steps.extend(c.trace)
    for a in u.awards:
        steps.extend(a.trace)
    return steps


def _error_matches(exc: BaseException, exp: Expectation) -> list[Difference]:
    wrong: list[Difference] = []
    data = exp.data
    names = [cls.__name__ for cls in type(exc).__mro__]
    if data["error"] not in names:
        wrong.append(Difference(exp.id, "error", str(data["error"]), type(exc).__name__))
    problems: Sequence[Problem] = getattr(exc, "problems", ()) or (
        (exc.problem,) if isinstance(exc, EvaluationError) and exc.problem is not None else ()
    )
    if "path" in data:
        paths = [p.path for p in problems]
        if not any(p.endswith(str(data["path"])) for p in paths):
            wrong.append(Difference(exp.id, "path", str(data["path"]), "; ".join(paths) or None))
    if "contains" in data:
        texts = [p.render(lang) for p in problems for lang in ("en", "vi")] or [str(exc)]
        if not any(str(data["contains"]) in t for t in texts):
            wrong.append(Difference(exp.id, "contains", str(data["contains"]), "; ".join(texts[::2]) or None))
    return wrong


def check(outcome: Outcome, expectation: Expectation) -> ExpectationResult:
    """Check one expectation against a scenario's outcome (see :func:`evaluate_scenario`).

    >>> from thidua.testing import load_scenarios
    >>> sc = load_scenarios(example_scenarios("an-minh-2022"))[0]
    >>> outcome = evaluate_scenario(sc)
    >>> [check(outcome, e).ok for e in sc.expectations[:3]]
    [True, True, True]

    .. versionadded:: 0.1.0
    """
    if expectation.kind == "error":
        if outcome.error is None:
            return ExpectationResult(
                expectation, (Difference(expectation.id, "error", str(expectation.data["error"]), None),)
            )
        return ExpectationResult(expectation, tuple(_error_matches(outcome.error, expectation)))
    if outcome.error is not None or outcome.evaluation is None:
        return ExpectationResult(expectation, blocked=True)
    return ExpectationResult(expectation, tuple(_Checker(outcome, expectation).run()))


def run(scenario: Scenario) -> ScenarioReport:
    """Evaluate a scenario once and check every expectation.

    >>> from thidua.testing import load_scenarios
    >>> report = run(load_scenarios(example_scenarios("an-minh-2022"))[1])
    >>> report.name, report.ok
    ('An Minh năm 2022 (dữ liệu mẫu), bước tự chấm điểm', True)

    .. versionadded:: 0.1.0
    """
    outcome = evaluate_scenario(scenario)
    return ScenarioReport(scenario, tuple(check(outcome, e) for e in scenario.expectations), outcome)


def run_scenarios(path: str | os.PathLike[str]) -> tuple[ScenarioReport, ...]:
    """Run every scenario of a file.

    Raises:
        DataError: when the file itself is malformed (every problem listed).

    >>> [(r.scenario.id, r.checked, r.ok) for r in run_scenarios(example_scenarios("ninh-thuan-khoi-2024"))]
    [('ninh-thuan-khoi-2024', 17, True), ('ninh-thuan-khoi-2024-tu-cham', 1, True)]

    .. versionadded:: 0.1.0
    """
    return tuple(run(sc) for sc in load_scenarios(Path(path)))


def run_scenario(path: str | os.PathLike[str]) -> ScenarioReport:
    """Load a scenario file that holds one scenario, evaluate it and compare every expectation.

    Args:
        path: the scenario file (YAML or JSON).

    Returns:
        A report with one result per expectation: every value expected and
        got that differ. An unexpected error while loading or evaluating is
        kept in :attr:`ScenarioReport.error`; every expectation then fails.

    Raises:
        DataError: when the scenario file itself is malformed (every problem
            listed), or holds several scenarios (use :func:`run_scenarios`).

    >>> import tempfile, pathlib
    >>> text = '''
    ... schema_version: 1
    ... document: scenario
    ... name: Bundled example
    ... campaign: example:an-minh-2022
    ... results: example:an-minh-2022
    ... expect:
    ...   - {unit: xa-van-khanh-tay, grade: htt, total: "899999999/10000000"}
    ...   - {cluster: cum-1, rank: {xa-van-khanh: 1}}
    ... '''
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "test_s.yaml")
    ...     _ = p.write_text(text, encoding="utf-8")
    ...     print(run_scenario(p).ok)
    True

    .. versionadded:: 0.1.0
    """
    scenarios = load_scenarios(Path(path))
    if len(scenarios) != 1:
        raise DataError(codes.SEVERAL_SCENARIOS(count=len(scenarios)), source=str(path))
    return run(scenarios[0])


def assert_scenario(path: str | os.PathLike[str], *, locale: str = "vi") -> ScenarioReport:
    """Run a scenario file and fail with every expectation not met, in *locale*'s language.

    Meant for pytest: ``assert_scenario("tests/scenarios/cluster-2.yaml", locale="en")``;
    the pytest plugin (see :mod:`thidua.testing`) collects scenario files
    without this call. The file may hold several scenarios.

    Raises:
        AssertionError: listing every expectation not met: where, the values
            expected and got, and the explanation of the verdict.
        DataError: when the scenario file itself is malformed.

    >>> import json, tempfile
    >>> spec = {"schema_version": 1, "document": "scenario",
    ...         "campaign": "example:an-minh-2022", "results": "example:an-minh-2022",
    ...         "expect": [{"unit": "xa-van-khanh-tay", "grade": "htxs"}, {"unit": "xa-van-khanh", "grade": "htxs"}]}
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "test_s.json")
    ...     _ = p.write_text(json.dumps(spec), encoding="utf-8")
    ...     assert_scenario(p, locale="en")
    Traceback (most recent call last):
    ...
    AssertionError: test_s.json (.../test_s.json): 1 of 2 expectations not met
      .../test_s.json:1: the expectation “xa-van-khanh-tay:grade” is not met
      {unit: xa-van-khanh-tay, grade: htxs}
      grade: expected htxs (Completed tasks excellently), got htt (Completed tasks well)
    ...

    .. versionadded:: 0.1.0
    """
    __tracebackhide__ = True
    reports = run_scenarios(path)
    failed = [r for r in reports if not r.ok]
    if failed:
        raise AssertionError("\n".join(r.render(locale, explain=True) for r in failed))
    return reports[0]


# -- how a failure reads --------------------------------------------------------------------------


def written(data: Mapping[str, Any]) -> str:
    """An expectation written back in YAML's flow style, as in a scenario file.

    >>> written({"unit": "xa-a", "rank": {"xa-b": 2}, "total": "89.9999999", "met": True})
    '{unit: xa-a, rank: {xa-b: 2}, total: "89.9999999", met: true}'
    """

    def one(v: object) -> str:
        if isinstance(v, Mapping):
            return "{" + ", ".join(f"{k}: {one(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list | tuple):
            return "[" + ", ".join(one(x) for x in v) + "]"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str) and (v != v.strip() or any(c in v for c in ":{}[],#&*!|>'\"%@`") or _looks_numeric(v)):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return str(v)

    return one(data)


def _looks_numeric(text: str) -> bool:
    try:
        m.parse_number(text)
    except (ValueError, ArithmeticError):
        return False
    return True


def error_text(exc: BaseException, locale: str, campaign: m.Campaign | None) -> str:
    """An error of loading or evaluating, in *locale*'s language."""
    if isinstance(exc, DataError):
        return exc.render(locale)
    if isinstance(exc, EvaluationError):
        return exc.render(locale, campaign)
    render = getattr(exc, "render", None)
    if callable(render):
        return str(render(locale))
    return f"{type(exc).__name__}: {exc}"


def explanation(outcome: Outcome, expectation: Expectation, locale: str) -> list[str]:
    """The explanation of the verdict an expectation checks, one line each, in *locale*'s language.

    A target's paragraph, a unit's verdicts (:func:`thidua.l10n.explain_unit`)
    or a cluster's (:func:`thidua.l10n.explain_cluster`); none for a
    fingerprint or an error.
    """
    from thidua.l10n import explain_cluster, explain_target, explain_unit

    ev, campaign, data = outcome.evaluation, outcome.campaign, expectation.data
    if ev is None or campaign is None:
        return []
    try:
        if expectation.kind == "target":
            subject = str(data.get("unit") or data.get("cluster"))
            return [explain_target(ev.target(subject, str(data["target"])), campaign=campaign, locale=locale)]
        if expectation.kind in {"unit", "criterion", "award"}:
            return explain_unit(ev, str(data["unit"]), campaign=campaign, locale=locale)
        if expectation.kind in {"ranking", "conflict"}:
            group = str(data.get("cluster") or data.get("ranking"))
            if group.startswith("level:"):
                return []
            return explain_cluster(ev, group, campaign=campaign, locale=locale)
    except KeyError:
        return []
    return []


def failure_lines(
    outcome: Outcome, result: ExpectationResult, locale: str, *, explain: bool = True, path: str | None = None
) -> list[str]:
    """Why one expectation is not met: where, as written, expected and got, and the explanation.

    *path* shows the file under another name (e.g. relative to pytest's folder).
    """
    from thidua.l10n import Names, get_translator, label

    t = get_translator(locale)
    exp = result.expectation
    place = exp.where(path or outcome.scenario.path)
    lines = [
        t.gettext("%(place)s: the expectation “%(id)s” is not met") % {"place": place, "id": exp.id},
        written(exp.data),
    ]
    if result.blocked and outcome.error is not None:
        lines.append(t.gettext("The scenario could not be evaluated:"))
        lines.extend("  " + line for line in error_text(outcome.error, locale, outcome.campaign).splitlines())
        return lines
    if exp.kind == "error" and outcome.error is None:
        lines.append(
            t.gettext("expected the error %(error)s, but the scenario was loaded and evaluated without one")
            % {"error": exp.data["error"]}
        )
        return lines
    names = Names(outcome.campaign, t.language) if outcome.campaign is not None else None
    lines.extend(d.render(locale, names) for d in result.differences)
    if exp.kind == "error" and outcome.error is not None:
        lines.append(t.gettext("The error was:"))
        lines.extend("  " + line for line in error_text(outcome.error, locale, outcome.campaign).splitlines())
    if explain:
        found = explanation(outcome, exp, locale)
        if found:
            lines.append(label("Explanation", locale) + ":")
            lines.extend("  " + line for line in found)
    return lines


def example_scenarios(name: str) -> Path:
    """The scenario file bundled with an example campaign (``test_scenarios.yaml`` next to its data).

    Raises:
        KeyError: for an example without scenarios.

    >>> example_scenarios("an-minh-2022").name
    'test_scenarios.yaml'

    .. versionadded:: 0.1.0
    """
    from thidua import examples

    folder = examples.path(name, "campaign").parent
    p = folder / "test_scenarios.yaml"
    if not p.is_file():
        msg = f"no bundled scenarios for {name!r}"
        raise KeyError(msg)
    return p
