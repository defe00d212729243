"""Results as tables: column keys, reading cells exactly, building results, and CSV files.

A results table has one row per reporting unit and one column per input. The
first row of a CSV file (the second row of a template sheet) holds the column
*keys*; ids may contain dots, so the parts of a key are separated by colons:

==========================  ==============================================
key                         what the cells hold
==========================  ==============================================
``unit``                    the unit id (required)
``code``, ``name``          the official code and the name (ignored)
``rating``                  a reported grade: id, name, English name,
                            abbreviation or legacy label
``measure:<id>``            an exact number (a whole number for counts and
                            VND amounts)
``count:<level>:<grade>``   how many sub-units on *level* got *grade*
                            (blank grades of a level given in part count 0)
``flag:<id>``               yes or no (``có``/``không``, ``yes``/``no``,
                            ``true``/``false``, ``1``/``0``, ``x``)
``date:<id>``               a date: ``2022-11-18`` or ``18/11/2022``
``points:<criterion>``      assessed points at the first review stage
``bonus:<criterion>``       assessed bonus points at the first review stage
==========================  ==============================================

A blank cell is a missing input, never a zero. Numbers are read exactly: see
:func:`parse_cell` for how numbers typed in a spreadsheet are read.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Problem, shown
from thidua.errors import DataError, ModelError
from thidua.io import _codes as codes
from thidua.io._layout import Column, table_layout
from thidua.model import _codes as model_codes

__all__ = [
    "CellError",
    "RawTable",
    "column_letter",
    "parse_cell",
    "read_csv_results",
    "tables_to_results",
    "write_csv_template",
]

_FIXED = ("code", "unit", "name")
_YES = frozenset({"có", "co", "yes", "y", "true", "đúng", "x", "1"})
_NO = frozenset({"không", "khong", "no", "n", "false", "sai", "0"})
_GROUPED = re.compile(r"^\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*$")
#: Excel keeps 15 significant digits of a typed number; more means binary arithmetic.
_MAX_DIGITS = 15
#: Every integer below 2**53 is a float exactly.
_EXACT_INTEGERS = 2**53


@attrs.frozen
class RawTable:
    """A table as read from a file: column keys and rows of cell values.

    Attributes:
        name: the sheet or file name used in problem locations.
        keys: ``(column index, key)`` for each non-empty header cell (0-based).
        header_row: the 1-based row number of the keys.
        rows: ``(row number, cells)``; a cell is a text, or a value from a
            spreadsheet (int, float, bool, date or datetime), or ``None``.
        formulas: ``(row, column index)`` of cells that hold a formula.

    .. versionadded:: 0.1.0
    """

    name: str
    keys: tuple[tuple[int, str], ...]
    header_row: int
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    formulas: frozenset[tuple[int, int]] = frozenset()


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')

    .. versionadded:: 0.1.0
    """
    out = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


# -- reading cells exactly --------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read: :attr:`problem` says why; the caller adds where.

    .. versionadded:: 0.1.0
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.render("en"))


def _float_text(value: float) -> Decimal:
    """The decimal a spreadsheet user typed, from the float a reader returns.

    ``repr`` gives the shortest text that reads back as the same float, which
    is the number as typed whenever it has at most 15 significant digits (all
    Excel keeps). More digits mean the value came from binary arithmetic (a
    formula, a program), which cannot be trusted at a boundary: refused. An
    integral float below 2**53 is an integer exactly, whatever its digits.
    """
    if not math.isfinite(value):
        raise CellError(codes.CELL_NOT_FINITE())
    if value.is_integer() and abs(value) < _EXACT_INTEGERS:
        return Decimal(int(value))
    exact = Decimal(repr(value))
    digits = len(exact.normalize().as_tuple().digits)
    if digits > _MAX_DIGITS:
        raise CellError(codes.CELL_TOO_PRECISE(value=repr(value), digits=_MAX_DIGITS))
    return exact


def _text_number(text: str, number: str) -> Fraction:
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if number in ("whole", "vnd") and _GROUPED.match(t):
        t = t.replace(".", "").replace(",", "")
    elif number == "decimal" and t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    if number == "vnd":
        t = t.removesuffix("đ").removesuffix("VND").removesuffix("₫")
    try:
        return m.parse_number(t)
    except ModelError:
        raise CellError(codes.CELL_NOT_A_NUMBER(value=shown(text))) from None


def _number(value: Any, col: Column) -> Fraction | int:
    number = col.number or "decimal"
    if isinstance(value, bool):
        raise CellError(codes.CELL_EXPECTED_NUMBER(value=shown(value)))
    if isinstance(value, int):
        result = Fraction(value)
    elif isinstance(value, float):
        result = Fraction(_float_text(value))
    elif isinstance(value, Decimal):
        result = Fraction(value)
    elif isinstance(value, str):
        result = _text_number(value, number)
    else:
        raise CellError(codes.CELL_EXPECTED_NUMBER(value=shown(value)))
    if number in ("whole", "vnd") and result.denominator != 1:
        raise CellError(codes.CELL_EXPECTED_WHOLE(value=m.nfc(str(value))))
    if col.kind in ("count", "points", "bonus") and result < 0:
        raise CellError(codes.CELL_NEGATIVE(value=shown(value)))
    if col.maximum is not None and result > col.maximum:
        raise CellError(codes.CELL_ABOVE_MAXIMUM(value=shown(value), maximum=col.maximum))
    return int(result) if result.denominator == 1 else result


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise CellError(codes.CELL_DATETIME(value=value.isoformat()))
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        t = value.strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(t, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
            except ValueError:
                continue
        raise CellError(codes.CELL_NOT_A_DATE(value=shown(value)))
    raise CellError(codes.CELL_EXPECTED_DATE(value=shown(value)))


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = m.nfc(str(value)).casefold()
    if isinstance(value, int | float) and value in (0, 1):
        text = str(int(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(codes.CELL_NOT_YES_NO(value=shown(value)))


def _grade(value: Any, campaign: m.Campaign | None, level: str) -> str:
    scale = campaign.scale_for(level) if campaign is not None else None
    if scale is None or not isinstance(value, str):
        raise CellError(codes.CELL_EXPECTED_GRADE(value=shown(value)))
    found = scale.resolve(value)
    if found is None:
        folded = m.nfc(value).casefold()
        found = next((g.id for g in scale.grades if g.name_en and g.name_en.casefold() == folded), None)
    if found is None:
        raise CellError(codes.CELL_UNKNOWN_GRADE(value=shown(value), allowed=", ".join(g.name for g in scale.grades)))
    return found


def parse_cell(value: Any, col: Column, campaign: m.Campaign | None, level: str) -> Any:
    """Read one cell for a column exactly; ``None`` for a blank cell.

    Numbers: an int stays an int; a text is parsed exactly (``"7.5"``,
    ``"1/3"``; whole-number columns also accept groups of thousands such as
    ``"150.000.000"``, decimal columns a decimal comma such as ``"7,5"``). A
    float from a spreadsheet that is integral and below 2**53 is that integer
    exactly; any other float is read as ``Decimal(repr(x))``, the text Python
    prints for it, which is the number as typed for anything with at most 15
    significant digits (all a spreadsheet keeps of a typed number). A float
    with more digits is a result of binary arithmetic and is refused; so is a
    fraction in a whole-number column. Integral values become :class:`int`.

    Raises:
        CellError: with a message saying what is wrong (the caller adds where).

    >>> parse_cell(7.5, Column("points:c1", "points", "c1", number="decimal"), None, "commune")
    Fraction(15, 2)
    >>> parse_cell(10.0, Column("measure:n", "measure", "n", number="whole"), None, "commune")
    10
    >>> parse_cell(0.1 + 0.2, Column("points:c1", "points", "c1", number="decimal"), None, "commune")
    Traceback (most recent call last):
    ...
    thidua.io._csv.CellError: the number 0.30000000000000004 has more than 15 significant digits ...

    .. versionadded:: 0.1.0
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if col.kind == "rating":
        return _grade(value, campaign, level)
    if col.kind == "flag":
        return _flag(value)
    if col.kind == "date":
        return _date(value)
    if isinstance(value, dt.date):
        raise CellError(codes.CELL_DATE_FOR_NUMBER(value=value.isoformat()))
    return _number(value, col)


# -- from tables to results -------------------------------------------------------------------------


def _column_for(key: str, stage_criteria: dict[str, m.Criterion]) -> Column | None:
    """The column a key names, or ``None`` if the key is not understood."""
    kind, _, ref = key.partition(":")
    if key == "rating":
        return Column("rating", "rating", "")
    if not ref:
        return None
    if kind == "measure":
        return Column(key, "measure", ref, number="decimal")
    if kind == "flag":
        return Column(key, "flag", ref)
    if kind == "date":
        return Column(key, "date", ref)
    if kind == "count":
        level, _, grade = ref.partition(":")
        return Column(key, "count", level, grade=grade, number="whole") if level and grade else None
    if kind in ("points", "bonus"):
        crit = stage_criteria.get(ref)
        maximum = None if crit is None else (crit.points if kind == "points" else crit.bonus or Fraction(0))
        return Column(key, kind, ref, number="decimal", maximum=maximum)
    return None


def _known_numbers(campaign: m.Campaign) -> dict[str, str]:
    """Number kinds of measures, from the layout (whole for counts and VND)."""
    out: dict[str, str] = {}
    for table in table_layout(campaign):
        for c in table.columns:
            if c.kind == "measure" and c.number:
                out[f"{table.level.id}:{c.ref}"] = c.number
    return out


def tables_to_results(campaign: m.Campaign, tables: Sequence[RawTable], *, sample: bool = False) -> m.Results:
    """Build a validated :class:`~thidua.model.Results` from tables read from files.

    Raises:
        DataError: listing every problem with its sheet and cell.

    .. versionadded:: 0.1.0
    """
    problems: list[Problem] = []
    units = {u.id: u for u in campaign.units}
    criteria = {c.id: c for r in campaign.rubrics for c in r.leaves()}
    numbers = _known_numbers(campaign)
    first_stage = campaign.stages[0].id if campaign.stages else None
    built: list[m.UnitResult] = []
    where: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for table in tables:
        columns: list[tuple[int, Column]] = []
        unit_col: int | None = None
        for idx, key in table.keys:
            cell = f"{column_letter(idx)}{table.header_row}"
            if key == "unit":
                unit_col = idx
            elif key in ("code", "name"):
                continue
            else:
                col = _column_for(key, criteria)
                at = {"sheet": table.name, "cell": cell}
                if col is None:
                    problems.append(codes.UNKNOWN_COLUMN(column=key).located(**at))
                elif col.kind in ("points", "bonus") and first_stage is None:
                    problems.append(codes.NO_STAGES_FOR_POINTS().located(**at))
                elif col.kind in ("points", "bonus") and col.ref not in criteria:
                    problems.append(model_codes.UNKNOWN_CRITERION(criterion=col.ref).located(**at))
                else:
                    columns.append((idx, col))
        if unit_col is None:
            problems.append(codes.NO_UNIT_COLUMN().located(sheet=table.name, cell=f"A{table.header_row}"))
            continue
        for row_no, cells in table.rows:
            raw_unit = cells[unit_col] if unit_col < len(cells) else None
            values = [(idx, col, cells[idx] if idx < len(cells) else None) for idx, col in columns]
            filled = [
                (idx, col, v) for idx, col, v in values if not (v is None or (isinstance(v, str) and not v.strip()))
            ]
            unit_cell = f"{column_letter(unit_col)}{row_no}"
            if raw_unit is None or not str(raw_unit).strip():
                if filled:
                    problems.append(codes.VALUES_WITHOUT_UNIT().located(sheet=table.name, cell=unit_cell))
                continue
            unit_id = m.nfc(str(raw_unit))
            here = {"sheet": table.name, "cell": unit_cell}
            unit = units.get(unit_id)
            if unit is None:
                problems.append(codes.TABLE_UNKNOWN_UNIT(unit=unit_id).located(**here))
                continue
            if unit_id in seen:
                problems.append(codes.TABLE_UNIT_TWICE(unit=unit_id, first=seen[unit_id]).located(**here))
                continue
            seen[unit_id] = f"{table.name}!{unit_cell}"
            if not filled:
                continue
            fields: dict[str, Any] = {"measures": {}, "flags": {}, "dates": {}, "counts": {}}
            points: dict[str, dict[str, Any]] = {}
            rating: str | None = None
            for idx, given, v in filled:
                at = {"sheet": table.name, "cell": f"{column_letter(idx)}{row_no}"}
                if (row_no, idx) in table.formulas:
                    problems.append(codes.FORMULA_CELL().located(**at))
                    continue
                col = given
                if given.kind == "measure":
                    col = attrs.evolve(given, number=numbers.get(f"{unit.level}:{given.ref}", "decimal"))
                try:
                    value = parse_cell(v, col, campaign, unit.level)
                except CellError as exc:
                    problems.append(exc.problem.located(**at))
                    continue
                if col.kind == "rating":
                    rating = value
                elif col.kind == "count":
                    fields["counts"].setdefault(col.ref, {})[col.grade] = value
                elif col.kind in ("points", "bonus"):
                    points.setdefault(col.ref, {})[col.kind] = value
                else:
                    fields[f"{col.kind}s"][col.ref] = value
            counts = _complete_counts(campaign, fields["counts"])
            assessments: tuple[m.Assessment, ...] = ()
            if points and first_stage is not None:
                scores = [m.ScoreEntry(c, p.get("points"), p.get("bonus")) for c, p in points.items()]
                assessments = (m.Assessment(first_stage, scores),)
            try:
                built.append(
                    m.UnitResult(
                        unit_id,
                        rating=rating,
                        counts=counts,
                        measures=fields["measures"],
                        flags=fields["flags"],
                        dates=fields["dates"],
                        assessments=assessments,
                    )
                )
            except ModelError as exc:
                problems.extend(p.located(**here) for p in exc.problems)
                continue
            where.append((table.name, unit_cell))
    if problems:
        raise DataError(problems)
    results = m.Results(campaign.id, campaign.year, tuple(built), sample=sample)
    late = []
    for p in m.validate_results(campaign, results):
        if len(p.loc) >= 2 and p.loc[0] == "units" and isinstance(p.loc[1], int):
            sheet, cell = where[p.loc[1]]
            late.append(p.located(sheet=sheet, cell=cell))
        else:
            late.append(p)
    if any(p.is_error for p in late):
        raise DataError(late)
    return results


def _complete_counts(campaign: m.Campaign, counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Grades of a level given in part: the blank ones count zero."""
    out: dict[str, dict[str, int]] = {}
    for level, given in counts.items():
        scale = campaign.scale_for(level)
        grades = scale.grade_ids if scale is not None else tuple(given)
        out[level] = {g: given.get(g, 0) for g in grades} | given
    return out


# -- CSV files ---------------------------------------------------------------------------------------


def read_csv_results(source: str | os.PathLike[str], campaign: m.Campaign, *, sample: bool = False) -> m.Results:
    """Read results from a CSV file (UTF-8, comma or semicolon separated).

    The first row holds the column keys (see the module documentation).

    Raises:
        DataError: listing every problem with its cell.

    .. versionadded:: 0.1.0
    """
    from thidua.io._files import read_file

    path = Path(source)
    try:
        text = read_file(path).decode("utf-8-sig")
    except DataError as exc:
        raise DataError(exc.problems, source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise DataError(codes.INVALID_UTF8(byte=exc.start), source=str(path)) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise DataError(codes.FILE_EMPTY(), source=str(path))
    keys = tuple((i, k.strip()) for i, k in enumerate(rows[0]) if k.strip())
    body = tuple((i + 2, tuple(r)) for i, r in enumerate(rows[1:]))
    table = RawTable(path.name, keys, 1, body)
    try:
        return tables_to_results(campaign, [table], sample=sample)
    except DataError as exc:  # a CSV file has no sheets: its cells are named alone
        raise DataError([attrs.evolve(p, sheet=None) for p in exc.problems], source=str(path)) from None


def write_csv_template(campaign: m.Campaign, target: Path) -> None:
    """Write a CSV template: a key row and one row per reporting unit.

    .. versionadded:: 0.1.0
    """
    tables = table_layout(campaign)
    keys: list[str] = list(_FIXED)
    for t in tables:
        keys.extend(c.key for c in t.columns if c.key not in keys)
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(keys)
        for t in tables:
            for u in t.units:
                writer.writerow([u.code or "", u.id, u.name] + [""] * (len(keys) - len(_FIXED)))
