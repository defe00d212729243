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
``total:<level>``           how many sub-units the unit has on *level*
                            (the "Tổng số" of a report)
``count:<level>:<grade>``   how many sub-units on *level* got *grade*
                            (a blank grade counts 0 only when the total is
                            given, and the counts must add up to it)
``flag:<id>``               yes or no (``có``/``không``, ``yes``/``no``,
                            ``true``/``false``, ``1``/``0``, ``x``)
``date:<id>``               a date: ``2022-11-18`` or ``18/11/2022``
``points:<criterion>``      assessed points at the first review stage
``bonus:<criterion>``       assessed bonus points at the first review stage
==========================  ==============================================

A blank cell is a missing input, never a zero, with one exception: the grades
of a level whose total is given (see ``docs/files.md``, "Blank cells and
totals"). Numbers are read exactly: see :func:`parse_cell` for how numbers
typed in a spreadsheet are read.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
from collections.abc import Iterable
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
from thidua.model._exact import check_bounds, money_text_problem

__all__ = [
    "CellError",
    "RawTable",
    "column_letter",
    "csv_table",
    "parse_cell",
    "read_csv_results",
    "tables_to_results",
    "write_csv_template",
]

_FIXED = ("code", "unit", "name")
_YES = frozenset({"có", "co", "yes", "y", "true", "đúng", "x", "1"})
_NO = frozenset({"không", "khong", "no", "n", "false", "sai", "0"})
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
            spreadsheet (int, float, bool, date or datetime, a
            :class:`~thidua.io._xlsx.Formula` or an
            :class:`~thidua.io._xlsx.ErrorValue`), or ``None``. Rows may be an
            iterator, read once (a workbook's rows are streamed).

    .. versionadded:: 0.1.0
    """

    name: str
    keys: tuple[tuple[int, str], ...]
    header_row: int
    rows: Iterable[tuple[int, tuple[Any, ...]]]


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
    """A number typed as text, by the one rule of every format (:func:`thidua.model.parse_number`).

    Money (a ``vnd`` column) never has a decimal point or comma.
    """
    try:
        value = m.parse_number(text)
    except ModelError as exc:
        problem = exc.problems[0]
        if problem.code == "not-a-number":
            raise CellError(codes.CELL_NOT_A_NUMBER(value=shown(text))) from None
        raise CellError(problem) from None
    if number == "vnd" and money_text_problem(text):
        raise CellError(model_codes.AMOUNT_NOT_WHOLE(value=shown(text)))
    return value


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
    try:
        check_bounds(result, value)
    except ModelError as exc:
        raise CellError(exc.problems[0]) from None
    if col.kind in ("count", "total", "points", "bonus") and result < 0:
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

    Numbers: an int stays an int; a text is read by the rule of every format
    (:func:`thidua.model.parse_number`: ``"7.5"``, ``"7,5"``, ``"1/3"``,
    ``"150.000.000"``; ``"200.000"`` is refused as ambiguous), and a money
    (``vnd``) column takes no decimal point or comma at all. A
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


def tables_to_results(
    campaign: m.Campaign,
    tables: Iterable[RawTable],
    *,
    sample: bool = False,
    source: str | None = None,
    meta: dict[str, Any] | None = None,
    base: m.Results | None = None,
) -> m.Results:
    """Build a validated :class:`~thidua.model.Results` from tables read from files.

    Raises:
        DataError: listing every problem with its sheet and cell.

    .. versionadded:: 0.1.0
    """
    from thidua.io._tables import build_results, read_tables

    read = read_tables(campaign, tables, source=source or "", meta=meta, base=base)
    problems = list(read.problems)
    if any(p.is_error for p in problems):
        raise DataError([attrs.evolve(p, source=source) for p in problems])
    decisions = [d for d, _ in read.decisions.values()]
    results, late = build_results(campaign, list(read.units.values()), decisions, sample=sample)
    if any(p.is_error for p in late):
        raise DataError([attrs.evolve(p, source=source) for p in late])
    return results


# -- CSV files ---------------------------------------------------------------------------------------


def csv_table(data: bytes, name: str) -> RawTable:
    """The table of a CSV file (UTF-8, comma, semicolon or tab separated): keys in its first row.

    Raises:
        DataError: for a file that is empty or not UTF-8.

    >>> csv_table("unit;measure:x\\nxa-a;7,5\\n".encode(), "r.csv").keys
    ((0, 'unit'), (1, 'measure:x'))

    .. versionadded:: 0.1.0
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(codes.INVALID_UTF8(byte=exc.start)) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise DataError(codes.SYNTAX_NO_PLACE(format="CSV")) from None
    if not rows:
        raise DataError(codes.FILE_EMPTY())
    keys = tuple((i, k.strip()) for i, k in enumerate(rows[0]) if k.strip())
    body = tuple((i + 2, tuple(r)) for i, r in enumerate(rows[1:]))
    return RawTable(name, keys, 1, body)


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
        table = csv_table(read_file(path), path.name)
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
