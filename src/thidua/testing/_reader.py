"""Reading scenario files: the documents, their keys, their expectations and their lines."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Problem, shown
from thidua.errors import DataError, ModelError
from thidua.io import _codes as io_codes
from thidua.model import _codes as model_codes
from thidua.testing import _codes as codes

__all__ = [
    "DOCUMENT",
    "SCENARIO_VERSION",
    "Expectation",
    "Scenario",
    "declares_scenario",
    "exact",
    "kind_of",
    "load_scenarios",
    "parse_scenarios",
]

#: The ``document`` of a scenario file.
DOCUMENT = "scenario"
#: The ``schema_version`` of scenario files this release reads and writes.
SCENARIO_VERSION = 1

TARGET_FIELDS = ("status", "met", "numerator", "denominator", "share", "threshold", "shortfall", "alternative")
SCORE_FIELDS = ("total", "standard", "bonus", "penalty", "adjustments")
UNIT_FIELDS = (
    "grade",
    "band_grade",
    "capped",
    "source",
    "rank",
    *SCORE_FIELDS,
    "clamped",
    "score_stage",
    "changes",
    "trace",
)
NUMBERS = frozenset(
    {"numerator", "denominator", "share", "threshold", "shortfall", "alternative", "points", *SCORE_FIELDS}
)
BOOLS = frozenset({"met", "capped", "clamped", "granted", "eligible"})
_TOP_KEYS = frozenset(
    {
        "schema_version",
        "document",
        "id",
        "name",
        "name_en",
        "note",
        "campaign",
        "results",
        "history",
        "stage",
        "missing",
        "units",
        "date",
        "expect",
    }
)
#: keys that would ask for an approximate comparison: refused, every number is exact
_TOLERANCE_KEYS = frozenset({"tolerance", "approx", "abs", "rel", "abs_tol", "rel_tol", "places", "delta", "epsilon"})
_COMMON = frozenset({"id", "note"})
_ALLOWED: Mapping[str, frozenset[str]] = {
    "error": frozenset({"error", "path", "contains"}),
    "fingerprint": frozenset({"fingerprint"}),
    "target": frozenset({"unit", "cluster", "target", *TARGET_FIELDS}),
    "award": frozenset({"unit", "award", "granted", "eligible"}),
    "criterion": frozenset({"unit", "criterion", "points", "bonus"}),
    "conflict": frozenset({"cluster", "conflict", "severity", "conflicts", "unit", "award"}),
    "ranking": frozenset({"cluster", "ranking", "rank"}),
    "unit": frozenset({"unit", *UNIT_FIELDS}),
}
_SUBJECT_KEYS = frozenset({"unit", "cluster", "target", "award", "criterion", "ranking"})
_ID = re.compile(r"\A[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,99}\Z")
_ERROR_NAMES = frozenset(
    {
        "ThiduaError",
        "DataError",
        "ModelError",
        "RuleError",
        "EvaluationError",
        "MissingInputError",
        "Exception",
        "ValueError",
        "LookupError",
    }
)
_SCENARIO_LINE = re.compile(r"""^\s*["']?document["']?\s*:\s*["']?scenario["']?\s*,?\s*(#.*)?$""", re.MULTILINE)


@attrs.frozen
class Expectation:
    """One expectation of a scenario, as written in its file.

    Attributes:
        index: its position in ``expect`` (from 0).
        id: its test id: the ``id`` written, or one made from what it checks.
        kind: ``target``, ``unit``, ``criterion``, ``award``, ``ranking``,
            ``conflict``, ``fingerprint`` or ``error``.
        line: the line of the file where it starts (from 1), when known.
        data: the keys and values written (``id`` and ``note`` left out).

    >>> Expectation(0, "xa-a:grade", "unit", 12, {"unit": "xa-a", "grade": "htt"}).where("s.yaml")
    's.yaml:12'

    .. versionadded:: 0.1.0
    """

    index: int
    id: str
    kind: str
    line: int | None
    data: Mapping[str, Any]

    def where(self, path: str) -> str:
        """``path:line``, or the path and ``expect[i]`` when the line is not known."""
        return f"{path}:{self.line}" if self.line is not None else f"{path} expect[{self.index}]"


@attrs.frozen
class Scenario:
    """One scenario: the documents it evaluates, the options, and its expectations.

    Read scenario files with :func:`thidua.testing.load_scenarios`; run one
    with :func:`thidua.testing.run`.

    Attributes:
        path: the file it comes from.
        index: its position among the file's documents (from 0).
        id: its test id: the ``id`` written, else its name.
        name: its name (default: the file's name).
        name_en: its name in English, shown in English output when given.
        line: the line where it starts.
        campaign, results, history: a path (relative to the file),
            ``"example:NAME"`` or an inline document.
        stage: the review stage to evaluate.
        missing: overrides the campaign's missing-input policy.
        units: the units evaluated (with the units below them); ``None`` for all.
        date: the day the emulation year is evaluated as of (its last day).
        expectations: the expectations, in order.
        note: free text.

    >>> import thidua
    >>> sc = load_scenarios(thidua.testing.example_scenarios("an-minh-2022"))[2]
    >>> sc.id, sc.units, sc.expectations[0].id
    ('dong-thanh-alone', ('xa-dong-thanh',), 'xa-dong-thanh:bctmt-good')

    .. versionadded:: 0.1.0
    """

    path: str
    index: int
    id: str
    name: str
    line: int | None
    campaign: str | Mapping[str, Any]
    results: str | Mapping[str, Any]
    history: str | Mapping[str, Any] | None
    stage: str | None
    missing: m.MissingPolicy | None
    units: tuple[str, ...] | None
    date: dt.date | None
    expectations: tuple[Expectation, ...]
    note: str | None = None
    name_en: str | None = None

    @property
    def base(self) -> Path:
        """The folder that relative paths start from."""
        return Path(self.path).parent


# -- kinds and values -------------------------------------------------------------------------


def kind_of(exp: Mapping[str, Any]) -> str:
    """The kind of an expectation, told by its keys.

    >>> kind_of({"unit": "xa-a", "target": "t", "met": True}), kind_of({"cluster": "c", "rank": {"xa-a": 1}})
    ('target', 'ranking')
    """
    if "error" in exp:
        return "error"
    if "fingerprint" in exp:
        return "fingerprint"
    if "target" in exp:
        return "target"
    if "award" in exp and "conflict" not in exp and "conflicts" not in exp:
        return "award"
    if "criterion" in exp:
        return "criterion"
    if "conflict" in exp or "conflicts" in exp:
        return "conflict"
    if "ranking" in exp or ("cluster" in exp and "rank" in exp):
        return "ranking"
    return "unit"


def exact(value: object) -> Any:
    """An expected number written in a scenario, as an exact :class:`~fractions.Fraction`.

    Whole numbers, and texts such as ``"3/11"``, ``"7.5"`` or ``"30%"``; a
    float is refused.

    >>> exact("30%"), exact(7), exact("899999999/10000000")
    (Fraction(3, 10), Fraction(7, 1), Fraction(899999999, 10000000))
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ModelError(codes.EXACT_NUMBER(value=shown(value)))
    if isinstance(value, str) and value.strip().endswith("%"):
        return m.parse_number(value.strip()[:-1]) / 100
    return m.parse_number(value)


def _default_id(exp: Mapping[str, Any], kind: str) -> str:
    subject = exp.get("unit") or exp.get("cluster") or exp.get("ranking")
    if kind == "error":
        return f"error:{exp['error']}"
    if kind == "fingerprint":
        return "fingerprint"
    item = {
        "target": exp.get("target"),
        "award": exp.get("award"),
        "criterion": exp.get("criterion"),
        "conflict": exp.get("conflict") or ("conflicts" if "conflicts" in exp else None),
        "ranking": "rank",
    }.get(kind)
    if kind == "unit":
        checked = [k for k in UNIT_FIELDS if k in exp]
        item = "+".join(checked[:3]) + ("+…" if len(checked) > 3 else "")
    return f"{subject}:{item}" if subject is not None else str(item)


def _check_expectation(exp: Mapping[str, Any], kind: str) -> list[Problem]:
    from thidua.engine import CONFLICT_CODES, STEP_CODES

    allowed = _ALLOWED[kind] | _COMMON
    problems: list[Problem] = []
    for k in exp:
        if k in _TOLERANCE_KEYS:
            problems.append(codes.TOLERANCE((k,), key=k))
        elif k not in allowed:
            problems.append(codes.UNKNOWN_EXPECTATION_KEY((k,), key=k, kind=kind))
    if kind == "target" and ("unit" in exp) == ("cluster" in exp):
        problems.append(codes.UNIT_OR_CLUSTER())
    if kind in {"award", "criterion", "unit"} and "unit" not in exp:
        problems.append(io_codes.REQUIRED_FIELD(("unit",)))
    if kind == "conflict" and "cluster" not in exp:
        problems.append(io_codes.REQUIRED_FIELD(("cluster",)))
    if kind == "ranking" and (not isinstance(exp.get("rank"), Mapping) or not exp["rank"]):
        problems.append(codes.RANK_MAPPING(("rank",)))
    checked = [k for k in exp if k in _ALLOWED[kind] and k not in _SUBJECT_KEYS]
    if kind in {"target", "award", "criterion", "unit"} and not checked:
        problems.append(codes.NOTHING_TO_CHECK())
    if kind == "conflict" and "conflict" in exp and exp["conflict"] not in CONFLICT_CODES:
        allowed_codes = ", ".join(CONFLICT_CODES)
        problems.append(io_codes.UNKNOWN_KIND(("conflict",), value=shown(exp["conflict"]), allowed=allowed_codes))
    if "trace" in exp and exp["trace"] not in STEP_CODES:
        problems.append(io_codes.UNKNOWN_KIND(("trace",), value=shown(exp["trace"]), allowed="…"))
    if kind == "error" and exp["error"] not in _ERROR_NAMES:
        problems.append(codes.ERROR_NAME(("error",), value=shown(exp["error"])))
    if kind == "target" and "status" in exp and exp["status"] not in ("met", "not_met", "excluded"):
        problems.append(
            io_codes.UNKNOWN_KIND(("status",), value=shown(exp["status"]), allowed="met, not_met, excluded")
        )
    for key, value in exp.items():
        problems.extend(_check_value(key, value))
    if kind == "ranking" and isinstance(exp.get("rank"), Mapping):
        for unit, rank in exp["rank"].items():
            if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
                problems.append(model_codes.EXPECTED_WHOLE(("rank", str(unit)), value=shown(rank)))
    if kind == "unit" and "changes" in exp:
        problems.extend(_check_changes(exp["changes"]))
    return problems


def _check_value(key: str, value: object) -> list[Problem]:
    if isinstance(value, float):
        return [model_codes.FLOAT_NOT_ALLOWED((key,), value=shown(value), text=repr(str(value)))]
    if key in NUMBERS and value is not None:
        try:
            exact(value)
        except ModelError as exc:
            return [p.at(key) for p in exc.problems]
    elif key in BOOLS and not isinstance(value, bool):
        return [model_codes.EXPECTED_BOOL((key,), value=shown(value))]
    elif key in ("rank", "conflicts") and not isinstance(value, Mapping) and not _whole(value):
        return [model_codes.EXPECTED_WHOLE((key,), value=shown(value))]
    return []


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_changes(value: object) -> list[Problem]:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return []
    if not isinstance(value, list):
        return [model_codes.EXPECTED_WHOLE(("changes",), value=shown(value))]
    problems: list[Problem] = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            problems.append(model_codes.EXPECTED_MAPPING(("changes", i), value=shown(item)))
            continue
        for k, v in item.items():
            if k not in ("criterion", "stage", "before", "after", "reason"):
                problems.append(codes.UNKNOWN_KEY(("changes", i, k), key=k))
            elif k in ("before", "after"):
                problems.extend(p.at("changes", i) for p in _check_value("points", v))
    return problems


# -- documents ----------------------------------------------------------------------------------


def _document_problems(data: Mapping[str, Any]) -> list[Problem]:
    problems = [codes.UNKNOWN_KEY((k,), key=k) for k in data if k not in _TOP_KEYS]
    version = data.get("schema_version")
    if version is None:
        problems.append(io_codes.REQUIRED_FIELD(("schema_version",)))
    elif type(version) is not int or version != SCENARIO_VERSION:
        problems.append(
            io_codes.UNSUPPORTED_SCHEMA(("schema_version",), value=shown(version), supported=SCENARIO_VERSION)
        )
    if data.get("document") != DOCUMENT:
        problems.append(io_codes.UNKNOWN_DOCUMENT(("document",), allowed=DOCUMENT, value=shown(data.get("document"))))
    problems.extend(io_codes.REQUIRED_FIELD((key,)) for key in ("campaign", "results", "expect") if key not in data)
    problems.extend(
        codes.DOCUMENT_FORM((key,))
        for key in ("campaign", "results", "history")
        if key in data and not isinstance(data[key], str | Mapping)
    )
    if data.get("stage") is not None and not isinstance(data["stage"], str):
        problems.append(codes.STAGE_ID(("stage",)))
    problems.extend(
        model_codes.EXPECTED_TEXT((key,), value=shown(data[key]))
        for key in ("name", "name_en", "note")
        if data.get(key) is not None and not isinstance(data[key], str)
    )
    if "id" in data and not (isinstance(data["id"], str) and _ID.match(data["id"])):
        problems.append(codes.EXPECTATION_ID(("id",), value=shown(data["id"])))
    if data.get("missing") is not None and data["missing"] not in {p.value for p in m.MissingPolicy}:
        problems.append(codes.MISSING_POLICY(("missing",), value=shown(data["missing"])))
    units = data.get("units")
    if units is not None and (
        not isinstance(units, list) or not units or not all(isinstance(u, str) and u for u in units)
    ):
        problems.append(codes.UNIT_LIST(("units",)))
    if data.get("date") is not None and _date(data["date"]) is None:
        problems.append(model_codes.EXPECTED_DATE(("date",), value=shown(data["date"])))
    return problems


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _expectations(data: Mapping[str, Any], lines: Sequence[int | None]) -> tuple[list[Expectation], list[Problem]]:
    expect = data.get("expect")
    if "expect" not in data:
        return [], []
    if not isinstance(expect, list) or not expect:
        return [], [codes.NO_EXPECTATIONS(("expect",))]
    problems: list[Problem] = []
    out: list[Expectation] = []
    seen: dict[str, int] = {}
    for i, exp in enumerate(expect):
        if not isinstance(exp, Mapping):
            problems.append(model_codes.EXPECTED_MAPPING(("expect", i), value=shown(exp)))
            continue
        kind = kind_of(exp)
        found = [p.at("expect", i) for p in _check_expectation(exp, kind)]
        given = exp.get("id")
        if given is not None and not (isinstance(given, str) and _ID.match(given)):
            found.append(codes.EXPECTATION_ID(("expect", i, "id"), value=shown(given)))
            given = None
        if given is not None and given in seen:
            found.append(codes.DUPLICATE_ID(("expect", i, "id"), id=given, first=seen[given]))
        problems.extend(found)
        if found:
            continue
        test_id = given or _default_id(exp, kind)
        if given is None and test_id in seen:
            k = 2
            while f"{test_id}~{k}" in seen:
                k += 1
            test_id = f"{test_id}~{k}"
        seen[test_id] = i
        body = {k: v for k, v in exp.items() if k not in _COMMON}
        out.append(Expectation(i, test_id, kind, lines[i] if i < len(lines) else None, body))
    return out, problems


def _scenario(  # noqa: PLR0917 - a private builder, called once per document
    path: str, index: int, data: Any, line: int | None, lines: Sequence[int | None], several: bool
) -> Scenario:
    if not isinstance(data, Mapping):
        raise DataError(io_codes.TOP_NOT_MAPPING(value=shown(data)))
    problems = _document_problems(data)
    expectations, found = _expectations(data, lines)
    problems.extend(found)
    if problems:
        raise DataError(problems)
    name = data.get("name") or (f"{Path(path).name} #{index + 1}" if several else Path(path).name)
    missing = data.get("missing")
    units = data.get("units")
    return Scenario(
        path=path,
        index=index,
        id=str(data.get("id") or name),
        name=m.nfc(str(name)),
        line=line,
        campaign=data["campaign"],
        results=data["results"],
        history=data.get("history"),
        stage=data.get("stage"),
        missing=m.MissingPolicy(missing) if missing is not None else None,
        units=tuple(units) if units is not None else None,
        date=_date(data["date"]) if data.get("date") is not None else None,
        expectations=tuple(expectations),
        note=data.get("note"),
        name_en=m.nfc(data["name_en"]) if data.get("name_en") else None,
    )


# -- files --------------------------------------------------------------------------------------


def declares_scenario(text: str) -> bool:
    """Whether a file's text has a top-level ``document: scenario`` line (a cheap test, before parsing).

    >>> declares_scenario("schema_version: 1\\ndocument: scenario  # a rule test\\n")
    True
    >>> declares_scenario("document: results\\n")
    False
    """
    return _SCENARIO_LINE.search(text) is not None


def _yaml_nodes(text: str) -> list[tuple[Any, int | None, list[int | None]]]:
    """Every YAML document of *text*: its data, its first line and the lines of its expectations."""
    from thidua.io._files import _safe_loader

    loader = _safe_loader()(text)
    out = []
    try:
        while loader.check_node():
            node = loader.get_node()
            data = loader.construct_document(node)
            out.append((data, node.start_mark.line + 1, _expect_lines(node)))
    finally:
        loader.dispose()
    return out


def _expect_lines(node: Any) -> list[int | None]:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    for pair in value:
        if isinstance(pair, tuple) and len(pair) == 2 and getattr(pair[0], "value", None) == "expect":
            items = getattr(pair[1], "value", None)
            if isinstance(items, list):
                return [item.start_mark.line + 1 for item in items]
    return []


def parse_scenarios(text: str, path: str, fmt: str = "yaml") -> tuple[Scenario, ...]:
    """The scenarios of a file's text (YAML documents separated by ``---``, or one JSON document).

    Raises:
        DataError: listing every problem of every scenario, with its path (and, when the file holds
            several, the scenario's position first, e.g. ``[1].expect[0].total``).

    >>> text = '''
    ... schema_version: 1
    ... document: scenario
    ... campaign: example:an-minh-2022
    ... results: example:an-minh-2022
    ... expect:
    ...   - {unit: xa-van-khanh-tay, grade: htt}
    ...   - {cluster: cum-1, rank: {xa-van-khanh: 1}, id: first-of-cluster-1}
    ... '''
    >>> (s,) = parse_scenarios(text, "s.yaml")
    >>> [(e.id, e.line) for e in s.expectations]
    [('xa-van-khanh-tay:grade', 7), ('first-of-cluster-1', 8)]

    .. versionadded:: 0.1.0
    """
    from thidua.io import read_data

    docs: list[tuple[Any, int | None, list[int | None]]]
    if fmt == "json":
        docs = [(read_data(text, "json"), None, _json_lines(text))]
    else:
        read_data("", "yaml")  # the YAML extra, or a clear message naming it
        try:
            docs = _yaml_nodes(_checked(text))
        except DataError:
            raise
        except RecursionError:
            raise DataError(io_codes.NESTED_TOO_DEEPLY()) from None
        except Exception as exc:  # noqa: BLE001 - any parser failure is a data error
            from thidua.io._files import _syntax_problem

            raise DataError(_syntax_problem(exc, "yaml")) from None
    docs = [d for d in docs if d[0] is not None]
    if not docs:
        raise DataError(codes.NO_SCENARIO())
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    ids: set[str] = set()
    for i, (data, line, lines) in enumerate(docs):
        try:
            sc = _scenario(path, i, data, line, lines, len(docs) > 1)
        except DataError as exc:
            problems.extend(p.at(i) if len(docs) > 1 else p for p in exc.problems)
            continue
        if sc.id in ids:
            problems.append(codes.DUPLICATE_SCENARIO_ID((i, "id") if len(docs) > 1 else ("id",), id=sc.id))
        ids.add(sc.id)
        scenarios.append(sc)
    if problems:
        raise DataError(problems)
    return tuple(scenarios)


def _checked(text: str) -> str:
    """*text*, after the checks :func:`thidua.io.read_data` makes before parsing (size, long numbers)."""
    from thidua.io._files import _LONG_DIGITS, _MAX_BYTES, _MAX_RUN

    if len(text) > _MAX_BYTES:
        raise DataError(io_codes.TOO_LARGE(limit=_MAX_BYTES // (1024 * 1024)))
    long_number = _LONG_DIGITS.search(text)
    if long_number is not None:
        line = text.count("\n", 0, long_number.start()) + 1
        raise DataError(model_codes.NUMBER_TOO_LONG(value=f"{long_number.group()[:20]}… (line {line})", limit=_MAX_RUN))
    return text


def _json_lines(text: str) -> list[int | None]:
    """The lines of a JSON scenario's expectations, read with the YAML parser when it can (else none)."""
    try:
        json.loads(text)
        (only,) = _yaml_nodes(text)
    except Exception:  # noqa: BLE001 - lines are a courtesy; the JSON parser decides
        return []
    return only[2]


def load_scenarios(path: str | Path) -> tuple[Scenario, ...]:
    """Read the scenarios of a file (YAML, or JSON with the suffix ``.json``).

    A YAML file may hold several scenarios, separated by ``---``.

    Raises:
        DataError: listing every problem, with its path, under the file's name.

    >>> import thidua
    >>> (s,) = [x for x in load_scenarios(thidua.testing.example_scenarios("an-minh-2022"))
    ...         if x.id == "an-minh-2022"]
    >>> s.campaign, len(s.expectations) > 10
    ('example:an-minh-2022', True)

    .. versionadded:: 0.1.0
    """
    from thidua.io._files import read_file

    p = Path(path)
    try:
        raw = read_file(p)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(io_codes.INVALID_UTF8(byte=exc.start)) from None
        return parse_scenarios(text, str(p), "json" if p.suffix.lower() == ".json" else "yaml")
    except DataError as exc:
        raise DataError(exc.problems, source=str(p)) from None
