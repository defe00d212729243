"""Scenario files: a campaign, results and the expected verdicts, as literal values.

A scenario is a YAML (or JSON) document::

    name: Vân Khánh Tây, 10 ấp
    campaign: documents/hamlets.yaml      # relative path, "example:NAME", or an inline document
    results:                              # the same three forms
      campaign: mau
      year: 2022
      units:
        - unit: xa-van-khanh-tay
          counts: {hamlet: {htxs: 3, htt: 5, ht: 1, "yếu kém": 1}}
    stage: cum-tham-dinh                  # optional
    history: documents/history.yaml       # optional
    expect:
      - {unit: xa-van-khanh-tay, target: bctmt-good, status: met, numerator: 8, denominator: 10}
      - {unit: xa-van-khanh-tay, grade: htt}
      - {unit: xa-van-khanh-tay, total: "899999999/10000000"}
      - {cluster: cum-1, rank: {xa-van-khanh: 1}}
      - {unit: xa-van-khanh, award: co-thi-dua, granted: true}

Inline documents may leave out ``schema_version`` and ``document``. Expected
numbers are written exactly: integers, or texts such as ``"3/11"``, ``"7.5"``
or ``"30%"``; a float is refused, like everywhere in thidua.

The kinds of expectation, told apart by their keys:

* **target** ``{unit|cluster, target}`` with any of ``status``, ``met``,
  ``numerator``, ``denominator``, ``share``, ``threshold``, ``shortfall``,
  ``alternative``;
* **unit** ``{unit}`` with any of ``grade``, ``band_grade``, ``capped``,
  ``source``, ``rank``, ``total``, ``standard``, ``bonus``, ``penalty``,
  ``adjustments``, ``clamped``, ``score_stage``, ``changes`` (a count, or a
  list of ``{criterion, stage, before, after, reason}``), ``trace`` (a step
  code found in the unit's explanations);
* **criterion** ``{unit, criterion}`` with ``points`` and/or ``bonus``;
* **award** ``{unit, award}`` with ``granted`` and/or ``eligible``;
* **ranking** ``{cluster|ranking, rank: {unit: n, ...}}``;
* **conflict** ``{cluster, conflict: code}`` with optional ``severity``, or
  ``{cluster, conflicts: n}``, the number of conflicts;
* **fingerprint** ``{fingerprint: hex}``;
* **error** ``{error: DataError}`` (any class name of the error or of its
  bases) with optional ``path`` (a problem's path ends with it) and
  ``contains`` (a text in the message): loading or evaluating must fail so.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Problem, shown
from thidua.engine import Evaluation, Status, Step, TargetOutcome, UnitEvaluation, evaluate
from thidua.errors import DataError, ModelError, ThiduaError
from thidua.io import _codes as io_codes
from thidua.model import _codes as model_codes
from thidua.testing import _codes as codes

__all__ = ["Difference", "ScenarioReport", "assert_scenario", "run_scenario"]

_TARGET_FIELDS = ("status", "met", "numerator", "denominator", "share", "threshold", "shortfall", "alternative")
_SCORE_FIELDS = ("total", "standard", "bonus", "penalty", "adjustments")
_UNIT_FIELDS = (
    "grade",
    "band_grade",
    "capped",
    "source",
    "rank",
    *_SCORE_FIELDS,
    "clamped",
    "score_stage",
    "changes",
    "trace",
)
_NUMBERS = frozenset(
    {"numerator", "denominator", "share", "threshold", "shortfall", "alternative", "points", *_SCORE_FIELDS}
)
_BOOLS = frozenset({"met", "capped", "clamped", "granted", "eligible"})
_TOP_KEYS = frozenset({"name", "campaign", "results", "stage", "history", "expect", "note"})


@attrs.frozen
class Difference:
    """One expectation of a scenario that the evaluation does not meet.

    Attributes:
        expectation: which expectation, e.g. ``"expect[0] unit xa-a, target t1"``.
        field: the value compared, e.g. ``"numerator"``.
        expected: the expected value, as written in the scenario.
        actual: the value the evaluation gave.

    >>> print(Difference("expect[0] unit xa-a, target t1", "numerator", "8", "7"))
    expect[0] unit xa-a, target t1: numerator: expected 8, got 7

    .. versionadded:: 0.1.0
    """

    expectation: str
    field: str
    expected: str
    actual: str

    def __str__(self) -> str:
        return f"{self.expectation}: {self.field}: expected {self.expected}, got {self.actual}"


@attrs.frozen
class ScenarioReport:
    """What running one scenario file found.

    Attributes:
        path: the scenario file.
        name: the scenario's name.
        checked: how many expectations were checked.
        differences: every expectation not met, with the expected and the actual value.

    >>> r = ScenarioReport("s.yaml", "Cụm 2", 2, (Difference("expect[1] unit x", "grade", "htt", "ht"),))
    >>> r.ok
    False
    >>> print(r)
    FAIL Cụm 2 (s.yaml): 1 of 2 expectations not met
      expect[1] unit x: grade: expected htt, got ht

    .. versionadded:: 0.1.0
    """

    path: str
    name: str
    checked: int
    differences: tuple[Difference, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every expectation is met."""
        return not self.differences

    def __str__(self) -> str:
        if self.ok:
            return f"PASS {self.name} ({self.path}): {self.checked} expectations met"
        head = f"FAIL {self.name} ({self.path}): {len(self.differences)} of {self.checked} expectations not met"
        return "\n".join([head, *(f"  {d}" for d in self.differences)])


# -- reading ---------------------------------------------------------------------------------


def _read_spec(path: Path) -> Mapping[str, Any]:
    from thidua.io import read_data
    from thidua.io._files import read_file

    try:
        raw = read_file(path)
        data = read_data(raw, "json" if path.suffix.lower() == ".json" else "yaml")
    except DataError as exc:
        raise DataError(exc.problems, source=str(path)) from None
    if not isinstance(data, Mapping):
        raise DataError(io_codes.TOP_NOT_MAPPING(value=shown(data)), source=str(path))
    problems = [codes.UNKNOWN_KEY((k,), key=k) for k in data if k not in _TOP_KEYS]
    problems.extend(io_codes.REQUIRED_FIELD((key,)) for key in ("campaign", "results", "expect") if key not in data)
    problems.extend(
        codes.DOCUMENT_FORM((key,))
        for key in ("campaign", "results", "history")
        if key in data and not isinstance(data[key], str | Mapping)
    )
    if data.get("stage") is not None and not isinstance(data["stage"], str):
        problems.append(codes.STAGE_ID(("stage",)))
    expect = data.get("expect")
    if "expect" in data:
        if not isinstance(expect, list) or not expect:
            problems.append(codes.NO_EXPECTATIONS(("expect",)))
        else:
            for i, exp in enumerate(expect):
                problems.extend(p.at("expect", i) for p in _check_expectation(exp))
    if problems:
        raise DataError(problems, source=str(path))
    return data


def _kind(exp: Mapping[str, Any]) -> str:
    if "error" in exp:
        return "error"
    if "fingerprint" in exp:
        return "fingerprint"
    if "target" in exp:
        return "target"
    if "award" in exp:
        return "award"
    if "criterion" in exp:
        return "criterion"
    if "conflict" in exp or "conflicts" in exp:
        return "conflict"
    if "ranking" in exp or ("cluster" in exp and "rank" in exp):
        return "ranking"
    return "unit"


_ALLOWED: Mapping[str, frozenset[str]] = {
    "error": frozenset({"error", "path", "contains"}),
    "fingerprint": frozenset({"fingerprint"}),
    "target": frozenset({"unit", "cluster", "target", *_TARGET_FIELDS}),
    "award": frozenset({"unit", "award", "granted", "eligible"}),
    "criterion": frozenset({"unit", "criterion", "points", "bonus"}),
    "conflict": frozenset({"cluster", "conflict", "severity", "conflicts"}),
    "ranking": frozenset({"cluster", "ranking", "rank"}),
    "unit": frozenset({"unit", *_UNIT_FIELDS}),
}


def _check_expectation(exp: object) -> list[Problem]:
    if not isinstance(exp, Mapping):
        return [model_codes.EXPECTED_MAPPING(value=shown(exp))]
    kind = _kind(exp)
    problems = [codes.UNKNOWN_EXPECTATION_KEY((k,), key=k, kind=kind) for k in exp if k not in _ALLOWED[kind]]
    if kind == "target" and ("unit" in exp) == ("cluster" in exp):
        problems.append(codes.UNIT_OR_CLUSTER())
    if kind in {"award", "criterion", "unit"} and "unit" not in exp:
        problems.append(io_codes.REQUIRED_FIELD(("unit",)))
    if kind == "conflict" and "cluster" not in exp:
        problems.append(io_codes.REQUIRED_FIELD(("cluster",)))
    if kind == "ranking" and not isinstance(exp.get("rank"), Mapping):
        problems.append(codes.RANK_MAPPING(("rank",)))
    checked = [k for k in exp if k in _ALLOWED[kind] and k not in {"unit", "cluster", "target", "award", "criterion"}]
    if kind in {"target", "award", "criterion", "unit"} and not checked:
        problems.append(codes.NOTHING_TO_CHECK())
    for key, value in exp.items():
        if isinstance(value, float):
            problems.append(model_codes.FLOAT_NOT_ALLOWED((key,), value=shown(value), text=repr(str(value))))
        elif key in _NUMBERS and value is not None:
            try:
                _exact(value)
            except ModelError as exc:
                problems.extend(p.at(key) for p in exc.problems)
        elif key in _BOOLS and not isinstance(value, bool):
            problems.append(model_codes.EXPECTED_BOOL((key,), value=shown(value)))
    return problems


def _exact(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ModelError(codes.EXACT_NUMBER(value=shown(value)))
    if isinstance(value, str) and value.strip().endswith("%"):
        return m.parse_number(value.strip()[:-1]) / 100
    return m.parse_number(value)


def _document(value: object, kind: str, base: Path, campaign: m.Campaign | None) -> Any:
    from thidua import examples
    from thidua.io import SCHEMA_VERSION, load, structure

    if isinstance(value, str):
        if value.startswith("example:"):
            return load(examples.path(value.removeprefix("example:"), kind), expected=kind, campaign=campaign)
        return load(base / value, expected=kind, campaign=campaign)
    assert isinstance(value, Mapping)  # noqa: S101 - checked when the scenario was read
    data = {"schema_version": SCHEMA_VERSION, "document": kind, **value}
    try:
        return structure(data, kind, campaign=campaign)
    except DataError as exc:
        raise DataError([p.at(kind) for p in exc.problems]) from None


# -- checking -----------------------------------------------------------------------------------


def _show(value: object) -> str:
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
    if field in _NUMBERS:
        if isinstance(actual, dt.date):
            return _show(expected) == actual.isoformat()
        if isinstance(actual, bool) or not isinstance(actual, int | Fraction):
            return False
        return _exact(expected) == actual
    if field in _BOOLS:
        return expected is actual
    if isinstance(actual, Status):
        return str(expected) == actual.value
    return _show(expected) == _show(actual)


class _Checker:
    def __init__(self, ev: Evaluation) -> None:
        self.ev = ev
        self.diffs: list[Difference] = []

    def compare(self, label: str, field: str, expected: object, actual: object) -> None:
        if not _same(field, expected, actual):
            self.diffs.append(Difference(label, field, _show(expected), _show(actual)))

    def missing(self, label: str, what: str) -> None:
        self.diffs.append(Difference(label, what, "present", "absent"))

    def unit(self, label: str, unit_id: str) -> UnitEvaluation | None:
        try:
            return self.ev.unit(unit_id)
        except KeyError:
            self.missing(label, f"unit {unit_id}")
            return None

    def check(self, label: str, exp: Mapping[str, Any]) -> None:
        kind = _kind(exp)
        handler: Callable[[str, Mapping[str, Any]], None] = getattr(self, f"check_{kind}")
        handler(label, exp)

    def check_error(self, label: str, exp: Mapping[str, Any]) -> None:
        self.diffs.append(Difference(label, "error", str(exp["error"]), "no error"))

    def check_fingerprint(self, label: str, exp: Mapping[str, Any]) -> None:
        self.compare(label, "fingerprint", exp["fingerprint"], self.ev.fingerprint)

    def check_target(self, label: str, exp: Mapping[str, Any]) -> None:
        subject = str(exp.get("unit") or exp.get("cluster"))
        try:
            outcome: TargetOutcome = self.ev.target(subject, str(exp["target"]))
        except KeyError:
            self.missing(label, f"target {exp['target']} of {subject}")
            return
        for field in _TARGET_FIELDS:
            if field in exp:
                actual = outcome.met if field == "met" else getattr(outcome, field)
                self.compare(label, field, exp[field], actual)

    def check_award(self, label: str, exp: Mapping[str, Any]) -> None:
        u = self.unit(label, str(exp["unit"]))
        if u is None:
            return
        found = [a for a in u.awards if a.award == exp["award"]]
        if not found:
            self.missing(label, f"award {exp['award']}")
            return
        for field in ("granted", "eligible"):
            if field in exp:
                self.compare(label, field, exp[field], getattr(found[0], field))

    def check_criterion(self, label: str, exp: Mapping[str, Any]) -> None:
        u = self.unit(label, str(exp["unit"]))
        if u is None:
            return
        found = [c for c in (u.score.criteria if u.score else ()) if c.criterion == exp["criterion"]]
        if not found:
            self.missing(label, f"criterion {exp['criterion']}")
            return
        for field in ("points", "bonus"):
            if field in exp:
                self.compare(label, field, exp[field], getattr(found[0], field))

    def check_conflict(self, label: str, exp: Mapping[str, Any]) -> None:
        try:
            conflicts = self.ev.cluster(str(exp["cluster"])).conflicts
        except KeyError:
            self.missing(label, f"cluster {exp['cluster']}")
            return
        if "conflicts" in exp:
            self.compare(label, "conflicts", exp["conflicts"], len(conflicts))
        if "conflict" in exp:
            codes = [c for c in conflicts if c.code == exp["conflict"]]
            if not codes:
                actual = ", ".join(c.code for c in conflicts) or "none"
                self.diffs.append(Difference(label, "conflict", str(exp["conflict"]), actual))
            elif "severity" in exp:
                self.compare(label, "severity", exp["severity"], codes[0].severity)

    def check_ranking(self, label: str, exp: Mapping[str, Any]) -> None:
        group = str(exp.get("ranking") or exp.get("cluster"))
        rankings = {c.cluster: c.ranking for c in self.ev.clusters} | {r.group: r for r in self.ev.rankings}
        ranking = rankings.get(group)
        if ranking is None:
            self.missing(label, f"ranking {group}")
            return
        for unit_id, rank in exp["rank"].items():
            self.compare(label, f"rank of {unit_id}", rank, ranking.rank_of(str(unit_id)))

    def check_unit(self, label: str, exp: Mapping[str, Any]) -> None:
        u = self.unit(label, str(exp["unit"]))
        if u is None:
            return
        rating = {"grade": u.rating.grade, "band_grade": u.rating.band_grade, "source": u.rating.source}
        for field, actual in rating.items():
            if field in exp:
                self.compare(label, field, exp[field], actual)
        if "capped" in exp:
            self.compare(label, "capped", exp["capped"], u.rating.capped)
        if "rank" in exp:
            self.compare(label, "rank", exp["rank"], u.rank)
        score_fields = [f for f in (*_SCORE_FIELDS, "clamped", "score_stage", "changes") if f in exp]
        if score_fields and u.score is None:
            self.missing(label, "score")
        elif u.score is not None:
            for field in score_fields:
                if field == "changes":
                    self.check_changes(label, exp["changes"], u)
                elif field == "score_stage":
                    self.compare(label, field, exp[field], u.score.stage)
                else:
                    self.compare(label, field, exp[field], getattr(u.score, field))
        if "trace" in exp:
            codes = {s.code for s in _steps(u)}
            if exp["trace"] not in codes:
                self.diffs.append(Difference(label, "trace", str(exp["trace"]), ", ".join(sorted(codes))))

    def check_changes(self, label: str, expected: object, u: UnitEvaluation) -> None:
        assert u.score is not None  # noqa: S101
        changes = u.score.changes
        if isinstance(expected, int):
            self.compare(label, "changes", expected, len(changes))
            return
        if not isinstance(expected, list):
            self.diffs.append(Difference(label, "changes", repr(expected), "(a count or a list)"))
            return
        self.compare(label, "changes", len(expected), len(changes))
        for i, (want, got) in enumerate(zip(expected, changes, strict=False)):
            if not isinstance(want, Mapping):
                continue
            for field in ("criterion", "stage", "before", "after", "reason"):
                if field in want:
                    kind = "points" if field in {"before", "after"} else field
                    value = getattr(got, field)
                    if kind == "points":
                        if not _same("points", want[field], value):
                            self.diffs.append(
                                Difference(label, f"changes[{i}].{field}", _show(want[field]), _show(value))
                            )
                    else:
                        self.compare(label, f"changes[{i}].{field}", want[field], value)


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


def _label(i: int, exp: Mapping[str, Any]) -> str:
    keys = ("unit", "cluster", "ranking", "target", "award", "criterion", "conflict", "error", "fingerprint")
    parts = [f"{k} {exp[k]}" for k in keys if k in exp and k != "fingerprint"]
    if "fingerprint" in exp:
        parts.append("fingerprint")
    return f"expect[{i}] " + ", ".join(parts)


def _error_matches(exc: BaseException, exp: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    wrong: list[tuple[str, str, str]] = []
    names = {cls.__name__ for cls in type(exc).__mro__}
    if exp["error"] not in names:
        wrong.append(("error", str(exp["error"]), type(exc).__name__))
    problems: Sequence[Problem] = getattr(exc, "problems", ())
    if "path" in exp:
        paths = [p.path for p in problems]
        if not any(p.endswith(str(exp["path"])) for p in paths):
            wrong.append(("path", str(exp["path"]), "; ".join(paths) or "none"))
    if "contains" in exp:
        texts = [p.render(lang) for p in problems for lang in ("en", "vi")] or [str(exc)]
        if not any(str(exp["contains"]) in t for t in texts):
            wrong.append(("contains", str(exp["contains"]), "; ".join(texts[::2])))
    return wrong


def run_scenario(path: str | os.PathLike[str]) -> ScenarioReport:
    """Load a scenario file, evaluate it and compare every expectation.

    Args:
        path: the scenario file (YAML or JSON).

    Returns:
        A report listing every expectation that is not met, with the
        expected and the actual value; an unexpected error while loading or
        evaluating is one such difference.

    Raises:
        DataError: when the scenario file itself is malformed (every problem listed).

    >>> import tempfile, pathlib
    >>> text = '''
    ... name: Bundled example
    ... campaign: example:an-minh-2022
    ... results: example:an-minh-2022
    ... expect:
    ...   - {unit: xa-van-khanh-tay, grade: htt, total: "899999999/10000000"}
    ...   - {cluster: cum-1, rank: {xa-van-khanh: 1}}
    ... '''
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "s.yaml")
    ...     _ = p.write_text(text, encoding="utf-8")
    ...     print(run_scenario(p).ok)
    True

    .. versionadded:: 0.1.0
    """
    p = Path(path)
    spec = _read_spec(p)
    name = str(spec.get("name") or p.stem)
    expectations: list[Mapping[str, Any]] = list(spec["expect"])
    errors = [(i, e) for i, e in enumerate(expectations) if _kind(e) == "error"]
    diffs: list[Difference] = []
    try:
        campaign = _document(spec["campaign"], "campaign", p.parent, None)
        results = _document(spec["results"], "results", p.parent, campaign)
        history = _document(spec["history"], "history", p.parent, campaign) if spec.get("history") else None
        ev = evaluate(campaign, results, stage=spec.get("stage"), history=history)
    except (ThiduaError, KeyError) as exc:
        if not errors:
            message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            diffs.append(Difference("(evaluation)", "error", "none", message))
            return ScenarioReport(str(path), name, len(expectations), tuple(diffs))
        for i, exp in errors:
            diffs.extend(Difference(_label(i, exp), *w) for w in _error_matches(exc, exp))
        return ScenarioReport(str(path), name, len(expectations), tuple(diffs))
    checker = _Checker(ev)
    for i, exp in enumerate(expectations):
        checker.check(_label(i, exp), exp)
    return ScenarioReport(str(path), name, len(expectations), tuple(checker.diffs))


def assert_scenario(path: str | os.PathLike[str]) -> ScenarioReport:
    """Run a scenario and fail with every difference when an expectation is not met.

    Meant for pytest: ``assert_scenario("tests/scenarios/cluster-2.yaml")``.

    Raises:
        AssertionError: listing every expectation not met.
        DataError: when the scenario file itself is malformed.

    >>> import json, tempfile
    >>> spec = {"campaign": "example:an-minh-2022", "results": "example:an-minh-2022",
    ...         "expect": [{"unit": "xa-van-khanh-tay", "grade": "htxs"}]}
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "s.json")
    ...     _ = p.write_text(json.dumps(spec), encoding="utf-8")
    ...     assert_scenario(p)
    Traceback (most recent call last):
    ...
    AssertionError: FAIL s (.../s.json): 1 of 1 expectations not met
      expect[0] unit xa-van-khanh-tay: grade: expected htxs, got htt

    .. versionadded:: 0.1.0
    """
    report = run_scenario(path)
    if not report.ok:
        raise AssertionError(str(report))
    return report
