"""Excel workbooks for the people who report results: templates, and reading them back.

:func:`make_template` writes a workbook with one sheet per level: the unit
codes and names are locked (sheet protection, only input cells unlocked), and
every input column has its own validation: drop-down lists for grades and
yes/no answers, whole numbers for counts and VND, decimals between 0 and the
criterion's maximum for points. :func:`read_results_table` reads such a
workbook (or a CSV file, see :mod:`thidua.io._csv`) back into
:class:`~thidua.model.Results`, exactly.

Needs the ``excel`` extra (openpyxl) for ``.xlsx`` files.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from thidua import model as m
from thidua._problems import N_
from thidua.errors import DataError, MissingExtraError
from thidua.io import _codes as codes
from thidua.io._converter import format_number
from thidua.io._csv import RawTable, column_letter, read_csv_results, tables_to_results, write_csv_template
from thidua.io._files import read_file, write_atomic
from thidua.io._layout import Column, LevelTable, table_layout

__all__ = ["TEMPLATE_VERSION", "make_template", "openpyxl_module", "read_results_table", "read_xlsx_results"]

#: The version of the template layout written by this release.
TEMPLATE_VERSION = 1
_META = "_thidua"
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_MAX_ROWS_SCANNED_FOR_KEYS = 3


def openpyxl_module() -> Any:
    """Import openpyxl, or explain which extra to install.

    Raises:
        ModuleNotFoundError: naming the ``excel`` extra.

    .. versionadded:: 0.1.0
    """
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError(N_("Excel workbooks"), "excel", "openpyxl") from None
    return openpyxl


def _cut(text: str, limit: int) -> str:
    """*text* cut to at most *limit* characters between words, with no space, dash or comma left at the end.

    A word joined by a dash is kept with its partner or dropped with it ("chính trị - xã hội").

    >>> _cut("Ủy ban MTTQ Việt Nam các xã, phường thị xã Sơn Tây", 31)
    'Ủy ban MTTQ Việt Nam các xã'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    words = cut.rstrip(" -–,;.").split(" ")
    if len(words) > 2 and words[-2] in ("-", "–"):
        words = words[:-2]
    return " ".join(words).rstrip(" -–,;.") or text[:limit]


def _sheet_title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), cut cleanly and unique in the workbook.

    >>> _sheet_title("MTTQ và tổ chức chính trị - xã hội cấp tỉnh", set())
    'MTTQ và tổ chức chính trị'
    """
    base = _cut(" ".join(_BAD_TITLE.sub(" ", text).split()).strip("'"), 31) or "Sheet"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = _cut(base, 31 - len(suffix)) + suffix, n + 1
    taken.add(title.casefold())
    return title


def _bound(value: Fraction) -> str:
    text = format_number(value)
    return text if "/" not in text else f"{value.numerator}/{value.denominator}"


class _Template:
    """Writes one template workbook."""

    def __init__(self, campaign: m.Campaign, locale: str) -> None:
        from thidua.l10n import get_translator

        self.openpyxl = openpyxl_module()
        self.campaign = campaign
        self.translator = get_translator(locale)
        self.english = self.translator.language == "en"
        self.wb = self.openpyxl.Workbook()
        self.lists: dict[tuple[str, ...], str] = {}
        self.meta = self.wb.active
        self.meta.title = _META
        self.meta.sheet_state = "hidden"
        self.taken = {_META.casefold()}

    def name(self, vi: str, en: str | None) -> str:
        return en if self.english and en else vi

    def list_range(self, values: tuple[str, ...]) -> str:
        """A range on the hidden sheet holding *values*, for a drop-down list."""
        if values not in self.lists:
            col = column_letter(3 + len(self.lists))
            for i, v in enumerate(values, start=1):
                self.meta[f"{col}{i}"] = v
            self.lists[values] = f"'{_META}'!${col}$1:${col}${len(values)}"
        return self.lists[values]

    def label(self, col: Column) -> str:
        _ = self.translator.gettext
        title = self.name(col.title, col.title_en)
        if col.kind == "rating":
            return _("Rating") + f"\n{title}"
        if col.kind == "count":
            level = next((lv for lv in self.campaign.levels if lv.id == col.ref), None)
            what = self.name(level.name, level.name_en) if level else col.ref
            return _("Number of %(level)s rated %(grade)s") % {"level": what, "grade": title}
        if col.kind in ("points", "bonus"):
            maximum = self.translator.format_number(col.maximum or Fraction(0), digits=4)
            text = _("Points") if col.kind == "points" else _("Bonus")
            return f"{text}: {title} (≤ {maximum})"
        unit = {"vnd": _("VND"), "whole": _("whole number")}.get(col.number or "", "")
        if col.kind == "flag":
            unit = _("yes/no")
        elif col.kind == "date":
            unit = _("date")
        return f"{col.ref}" + (f" ({unit})" if unit else "") + f"\n{title}"

    def validation(self, col: Column, yes_no: tuple[str, str]) -> Any:
        dv_cls = self.openpyxl.worksheet.datavalidation.DataValidation
        _ = self.translator.gettext
        common: dict[str, Any] = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "thidua"}
        if col.kind == "rating":
            scale = self.campaign.scale_for(col.ref)
            grades = tuple(self.name(g.name, g.name_en) for g in scale.grades) if scale else col.choices
            return dv_cls(
                type="list", formula1=self.list_range(grades), error=_("Choose a grade from the list."), **common
            )
        if col.kind == "flag":
            return dv_cls(type="list", formula1=self.list_range(yes_no), error=_("Choose yes or no."), **common)
        if col.kind == "date":
            return dv_cls(type="date", operator="greaterThan", formula1="1", error=_("Type a date."), **common)
        if col.number in ("whole", "vnd"):
            return dv_cls(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                error=_("Type a whole number, 0 or more."),
                **common,
            )
        if col.kind in ("points", "bonus"):
            return dv_cls(
                type="decimal",
                operator="between",
                formula1="0",
                formula2=_bound(col.maximum or Fraction(0)),
                error=_("Type a number between 0 and the criterion's maximum."),
                **common,
            )
        # Excel needs bounds for a decimal rule: these allow any number a person would type
        return dv_cls(
            type="decimal", operator="between", formula1="-1E+15", formula2="1E+15", error=_("Type a number."), **common
        )

    def level_sheet(self, table: LevelTable, yes_no: tuple[str, str]) -> None:
        styles = self.openpyxl.styles
        _ = self.translator.gettext
        ws = self.wb.create_sheet(_sheet_title(self.name(table.level.name, table.level.name_en), self.taken))
        fixed = [(_("Code"), "code", 10), (_("Unit id"), "unit", 22), (_("Name"), "name", 30)]
        header = styles.Font(bold=True)
        fill = styles.PatternFill("solid", fgColor="DDEBF7")
        key_font = styles.Font(color="808080", size=8)
        wrap = styles.Alignment(wrap_text=True, vertical="top")
        for i, (label, key, width) in enumerate(fixed):
            ws.cell(row=1, column=i + 1, value=label)
            ws.cell(row=2, column=i + 1, value=key)
            ws.column_dimensions[column_letter(i)].width = width
        for j, col in enumerate(table.columns, start=len(fixed)):
            ws.cell(row=1, column=j + 1, value=self.label(col))
            ws.cell(row=2, column=j + 1, value=col.key)
            ws.column_dimensions[column_letter(j)].width = 24
        ncols = len(fixed) + len(table.columns)
        for c in range(1, ncols + 1):
            ws.cell(row=1, column=c).font = header
            ws.cell(row=1, column=c).fill = fill
            ws.cell(row=1, column=c).alignment = wrap
            ws.cell(row=2, column=c).font = key_font
        ws.row_dimensions[1].height = 75
        unlocked = styles.Protection(locked=False)
        formats = {"vnd": "#,##0", "whole": "0"}
        last = 2 + len(table.units)
        for r, unit in enumerate(table.units, start=3):
            ws.cell(row=r, column=1, value=unit.code or "")
            ws.cell(row=r, column=2, value=unit.id)
            ws.cell(row=r, column=3, value=unit.name)
            for j, col in enumerate(table.columns, start=len(fixed) + 1):
                cell = ws.cell(row=r, column=j)
                cell.protection = unlocked
                if col.kind == "date":
                    cell.number_format = "dd/mm/yyyy"
                elif col.number in formats:
                    cell.number_format = formats[col.number]
        for j, col in enumerate(table.columns, start=len(fixed)):
            dv = self.validation(col, yes_no)
            ws.add_data_validation(dv)
            if last >= 3:
                dv.add(f"{column_letter(j)}3:{column_letter(j)}{last}")
        ws.freeze_panes = "D3"
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False

    def instructions(self, tables: tuple[LevelTable, ...]) -> None:
        _ = self.translator.gettext
        ws = self.wb.create_sheet(_sheet_title(_("Instructions"), self.taken), 0)
        c = self.campaign
        ws["A1"] = self.name(c.name, c.name_en)
        ws["A1"].font = self.openpyxl.styles.Font(bold=True, size=14)
        year = _("Year")
        ws["A2"] = f"{year}: {c.year}"
        lines = [
            _("Fill in one row per unit on each level sheet; unit codes and names are locked."),
            _("A blank cell is a missing value: it is never read as zero."),
            _("Type numbers as numbers or as text; formulas are not read."),
            _("Choose grades and yes/no answers from the drop-down lists."),
            _("Do not change the second row of a sheet: it holds the column keys."),
        ]
        if c.stages and any(col.kind == "points" for t in tables for col in t.columns):
            stage = c.stages[0]
            lines.append(
                _("Points are those of the first review stage: %(stage)s.")
                % {"stage": self.name(stage.name, stage.name_en)}
            )
        for i, line in enumerate(lines, start=4):
            ws.cell(row=i, column=1, value=line)
        ws.column_dimensions["A"].width = 110
        ws.protection.sheet = True

    def write(self, target: Path) -> None:
        _ = self.translator.gettext
        tables = table_layout(self.campaign)
        self.meta["A1"], self.meta["B1"] = "thidua-template", TEMPLATE_VERSION
        self.meta["A2"], self.meta["B2"] = "campaign", self.campaign.id
        self.meta["A3"], self.meta["B3"] = "year", self.campaign.year
        yes_no = (_("yes"), _("no"))
        self.instructions(tables)
        for table in tables:
            self.level_sheet(table, yes_no)
        self.meta.protection.sheet = True
        self.wb.move_sheet(self.meta, offset=len(self.wb.sheetnames) - 1 - self.wb.index(self.meta))
        self.wb.active = 0
        self.wb.save(target)


def make_template(campaign: m.Campaign, path: str | os.PathLike[str], *, locale: str = "vi") -> Path:
    """Write a results template for a campaign: ``.xlsx`` (the ``excel`` extra) or ``.csv``.

    The workbook has one sheet per level of reporting units, with the column
    keys in the second row (see :mod:`thidua.io._csv`); :func:`read_results_table`
    reads it back once filled in.

    Args:
        campaign: the campaign.
        path: where to write; the suffix chooses the format. Written atomically.
        locale: the language of the labels, ``"vi"`` or ``"en"``.

    Raises:
        DataError: for an unknown suffix.
        ModuleNotFoundError: for ``.xlsx`` without openpyxl.

    >>> import tempfile, thidua
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = make_template(thidua.examples.load_campaign(), d + "/results.csv")
    ...     p.read_text(encoding="utf-8").splitlines()[0][:42]
    'code,unit,name,count:hamlet:htxs,count:ham'

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    suffix = target.suffix.lower()
    write: Callable[[Path], None]
    if suffix == ".xlsx":
        template = _Template(campaign, locale)
        write = template.write
    elif suffix == ".csv":

        def write(p: Path) -> None:
            write_csv_template(campaign, p)

    else:
        raise DataError(
            codes.CANNOT_WRITE(what=codes.TERMS["template"], name=target.name, allowed=".xlsx, .csv"),
            source=str(target),
        )
    return write_atomic(target, write)


def _raw_tables(wb: Any) -> tuple[list[RawTable], dict[str, Any]]:
    meta: dict[str, Any] = {}
    tables: list[RawTable] = []
    for ws in wb.worksheets:
        if ws.title == _META:
            for row in ws.iter_rows(min_row=1, max_row=3, max_col=2, values_only=True):
                if row and isinstance(row[0], str):
                    meta[row[0]] = row[1] if len(row) > 1 else None
            continue
        header_row = 0
        keys: tuple[tuple[int, str], ...] = ()
        rows: list[tuple[int, tuple[Any, ...]]] = []
        formulas: set[tuple[int, int]] = set()
        for r, cells in enumerate(ws.iter_rows(), start=1):
            values = tuple(getattr(c, "value", None) for c in cells)
            if not header_row:
                if "unit" in values:
                    header_row = r
                    keys = tuple((i, v.strip()) for i, v in enumerate(values) if isinstance(v, str) and v.strip())
                elif r >= _MAX_ROWS_SCANNED_FOR_KEYS:
                    break
                continue
            for i, c in enumerate(cells):
                if getattr(c, "data_type", None) == "f":
                    formulas.add((r, i))
            rows.append((r, values))
        if header_row:
            tables.append(RawTable(ws.title, keys, header_row, tuple(rows), frozenset(formulas)))
    return tables, meta


def read_xlsx_results(source: str | os.PathLike[str], campaign: m.Campaign, *, sample: bool = False) -> m.Results:
    """Read results from an ``.xlsx`` workbook, such as a filled-in template.

    Every sheet with a ``unit`` key in one of its first three rows is read;
    cells are read exactly as :func:`thidua.io._csv.parse_cell` explains, and
    formulas are refused.

    Raises:
        DataError: listing every problem with its sheet and cell.
        MissingExtraError: without openpyxl (the ``excel`` extra).

    .. versionadded:: 0.1.0
    """
    openpyxl = openpyxl_module()
    path = Path(source)
    try:
        read_file(path)  # exists, readable, within the size limit
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except DataError as exc:
        raise DataError(exc.problems, source=str(path)) from None
    except Exception:  # noqa: BLE001 - any reader failure is a data error
        raise DataError(codes.NOT_A_WORKBOOK(), source=str(path)) from None
    try:
        tables, meta = _raw_tables(wb)
    finally:
        wb.close()
    problems = []
    if meta.get("campaign") not in (None, campaign.id):
        problems.append(
            codes.WRONG_TEMPLATE_CAMPAIGN(value=str(meta["campaign"]), campaign=campaign.id).located(
                sheet=_META, cell="B2"
            )
        )
    if meta.get("year") not in (None, campaign.year):
        problems.append(
            codes.WRONG_TEMPLATE_YEAR(value=str(meta["year"]), year=str(campaign.year)).located(sheet=_META, cell="B3")
        )
    if not tables:
        problems.append(codes.NO_UNIT_SHEET())
    if problems:
        raise DataError(problems, source=str(path))
    try:
        return tables_to_results(campaign, tables, sample=sample)
    except DataError as exc:
        raise DataError(exc.problems, source=str(path)) from None


def read_results_table(source: str | os.PathLike[str], campaign: m.Campaign, *, sample: bool = False) -> m.Results:
    """Read results from a table: ``.xlsx`` (the ``excel`` extra) or ``.csv``.

    Args:
        source: the file; its suffix chooses the reader.
        campaign: the campaign the results belong to; the results are
            validated against it.
        sample: mark the results as sample data.

    Raises:
        DataError: listing every problem with its place (sheet and cell).
        MissingExtraError: for ``.xlsx`` without openpyxl.

    >>> import tempfile, thidua
    >>> c = thidua.examples.load_campaign()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "r.csv"
    ...     text = 'unit,measure:fund_raised,measure:fund_quota\\nxa-van-khanh,"130.000.000",120000000\\n'
    ...     _ = p.write_text(text, encoding="utf-8")
    ...     read_results_table(p, c).units[0].measures["fund_raised"]
    Fraction(130000000, 1)

    .. versionadded:: 0.1.0
    """
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx_results(path, campaign, sample=sample)
    if suffix == ".csv":
        return read_csv_results(path, campaign, sample=sample)
    raise DataError(codes.UNKNOWN_SUFFIX(name=path.name, allowed=".xlsx, .csv"), source=str(path))
