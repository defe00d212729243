"""Excel workbooks for the people who report results: templates, and reading them back.

:func:`make_template` writes a workbook of one of three kinds:

* **results** (the default): one sheet per level of reporting units, one row per
  unit, one column per input; the unit codes and names are locked (sheet
  protection, only input cells unlocked), and every input column has its own
  validation: drop-down lists for grades and yes/no answers, whole numbers for
  counts, totals and VND, decimals between 0 and the criterion's maximum for
  points;
* **review** (``stage=``): for a review stage after the first, one row per unit
  and assessed criterion, pre-filled with the points the stages before it left
  (from ``results=``), with a column for the reason of each change;
* **meeting** (``meeting=True``): one sheet per cluster, one row per member, for
  the order the cluster's meeting decided and the award it proposes.

A hidden sheet ``_thidua`` records the campaign, the year, the kind, the stage,
the language and which sheet is which; reading a returned workbook checks them,
and every locked cell against what the template wrote. :func:`read_results_table`
reads a workbook (or a CSV file, see :mod:`thidua.io._csv`) back into
:class:`~thidua.model.Results`, exactly; workbooks are read by
:mod:`thidua.io._xlsx`, streamed and bounded.

Needs the ``excel`` extra (openpyxl to write, defusedxml to read) for ``.xlsx`` files.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import N_
from thidua.errors import DataError, MissingExtraError
from thidua.io import _codes as codes
from thidua.io._converter import number_text as format_number
from thidua.io._csv import RawTable, column_letter, csv_table, write_csv_template
from thidua.io._files import read_file, write_atomic
from thidua.io._layout import Column, LevelTable, table_layout
from thidua.io._tables import FileRead, build_results, effective_scores, read_tables
from thidua.io._xlsx import WorkbookLimits, XlsxReader

__all__ = [
    "TEMPLATE_VERSION",
    "make_template",
    "openpyxl_module",
    "read_results_table",
    "read_table_file",
    "read_xlsx_results",
]

#: The version of the template layout written by this release (2: totals of sub-units, the sheets
#: and the kind in the hidden sheet, review and meeting workbooks).
TEMPLATE_VERSION = 2
_META = "_thidua"
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_MAX_ROWS_SCANNED_FOR_KEYS = 3
#: the first column of the drop-down lists on the hidden sheet (the meta rows use A to C)
_LISTS_FROM = 9
#: a progress bar is told every this many rows written
_PROGRESS_EVERY = 500

#: told the work done and its total (rows written; bytes read), and the rows read so far
Progress = Callable[[int, int, int], None]


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


def _cell_number(value: Fraction | None) -> int | float | str | None:
    """A number for a cell: an int, a float that reads back as the same decimal, or an exact text."""
    if value is None:
        return None
    if value.denominator == 1:
        return int(value)
    text = format_number(value)
    if "/" not in text and len(text.replace("-", "").replace(".", "").lstrip("0")) <= 15:
        return float(text)
    return text


@attrs.frozen
class _Sheet:
    """A data sheet to write: its title, labels, keys, rows and which columns are inputs."""

    title: str
    ident: str
    labels: tuple[str, ...]
    keys: tuple[str, ...]
    widths: tuple[int, ...]
    rows: Sequence[Sequence[Any]]
    #: input column index → (number format or None, data validation or None)
    inputs: dict[int, tuple[str | None, Any]]


class _Book:
    """Writes one template workbook, streamed (openpyxl's write-only mode)."""

    def __init__(self, campaign: m.Campaign, locale: str, kind: str, stage: str | None = None) -> None:
        from thidua.l10n import get_translator

        self.openpyxl = openpyxl_module()
        self.campaign = campaign
        self.locale = locale
        self.kind = kind
        self.stage = stage
        self.translator = get_translator(locale)
        self.english = self.translator.language == "en"
        self.lists: dict[tuple[str, ...], str] = {}
        self.taken = {_META.casefold()}
        self.sheets: list[_Sheet] = []
        self.yes_no = (self.gettext("yes"), self.gettext("no"))

    def gettext(self, text: str) -> str:
        return self.translator.gettext(text)

    def name(self, vi: str, en: str | None) -> str:
        return en if self.english and en else vi

    def list_range(self, values: tuple[str, ...]) -> str:
        """A range on the hidden sheet holding *values*, for a drop-down list."""
        if values not in self.lists:
            col = column_letter(_LISTS_FROM + len(self.lists))
            self.lists[values] = f"'{_META}'!${col}$1:${col}${max(len(values), 1)}"
        return self.lists[values]

    def validation(self, **kwargs: Any) -> Any:
        dv_cls = self.openpyxl.worksheet.datavalidation.DataValidation
        return dv_cls(allow_blank=True, showErrorMessage=True, errorTitle="thidua", **kwargs)

    def add(self, sheet: _Sheet) -> None:
        self.sheets.append(sheet)

    def write(self, target: Path, instructions: list[str], progress: Progress | None = None) -> None:
        wb = self.openpyxl.Workbook(write_only=True)
        styles = self.openpyxl.styles
        cell_cls = self.openpyxl.cell.WriteOnlyCell
        self._instructions(wb, instructions)
        total = sum(len(s.rows) for s in self.sheets) or 1
        done = 0
        header_font = styles.Font(bold=True)
        fill = styles.PatternFill("solid", fgColor="DDEBF7")
        key_font = styles.Font(color="808080", size=8)
        wrap = styles.Alignment(wrap_text=True, vertical="top")
        unlocked = styles.Protection(locked=False)
        for sheet in self.sheets:
            ws = wb.create_sheet(sheet.title)
            for j, width in enumerate(sheet.widths):
                ws.column_dimensions[column_letter(j)].width = width
            ws.row_dimensions[1].height = 75
            ws.freeze_panes = "D3"
            ws.protection.sheet = True
            ws.protection.formatColumns = False
            ws.protection.formatRows = False
            last = 2 + len(sheet.rows)
            for j, (fmt, dv) in sheet.inputs.items():
                del fmt
                if dv is not None:
                    ws.data_validations.append(dv)
                    if last >= 3:
                        dv.add(f"{column_letter(j)}3:{column_letter(j)}{last}")
            labels = []
            for text in sheet.labels:
                c = cell_cls(ws, value=text)
                c.font, c.fill, c.alignment = header_font, fill, wrap
                labels.append(c)
            ws.append(labels)
            keys = []
            for text in sheet.keys:
                c = cell_cls(ws, value=text)
                c.font = key_font
                keys.append(c)
            ws.append(keys)
            width = len(sheet.keys)
            for row in sheet.rows:
                out: list[Any] = []
                for j in range(width):
                    value = row[j] if j < len(row) else None
                    spec = sheet.inputs.get(j)
                    if spec is None:
                        out.append(value)
                        continue
                    c = cell_cls(ws, value=value)
                    c.protection = unlocked
                    if spec[0] is not None:
                        c.number_format = spec[0]
                    out.append(c)
                ws.append(out)
                done += 1
                if progress is not None and done % _PROGRESS_EVERY == 0:
                    progress(done, total, done)
        self._meta(wb)
        wb.save(target)
        if progress is not None:
            progress(total, total, done)

    def _instructions(self, wb: Any, lines: list[str]) -> None:
        c = self.campaign
        ws = wb.create_sheet(_sheet_title(self.gettext("Instructions"), self.taken))
        ws.column_dimensions["A"].width = 110
        ws.protection.sheet = True
        title = self.openpyxl.cell.WriteOnlyCell(ws, value=self.name(c.name, c.name_en))
        title.font = self.openpyxl.styles.Font(bold=True, size=14)
        ws.append([title])
        ws.append([f"{self.gettext('Year')}: {c.year}"])
        ws.append([])
        for line in lines:
            ws.append([line])

    def _meta(self, wb: Any) -> None:
        ws = wb.create_sheet(_META)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True
        rows: list[list[Any]] = [
            ["thidua-template", TEMPLATE_VERSION],
            ["campaign", self.campaign.id],
            ["year", self.campaign.year],
            ["kind", self.kind],
            ["stage", self.stage or ""],
            ["locale", self.translator.language],
        ]
        rows.extend(["sheet", s.title, s.ident] for s in self.sheets)
        lists = list(self.lists)
        height = max([len(rows)] + [len(v) for v in lists])
        for r in range(height):
            row: list[Any] = list(rows[r]) if r < len(rows) else []
            if lists:
                row += [None] * (_LISTS_FROM - len(row))
                row += [values[r] if r < len(values) else None for values in lists]
            ws.append(row)


# -- results templates -----------------------------------------------------------------------------


def _results_label(book: _Book, col: Column) -> str:
    _ = book.gettext
    title = book.name(col.title, col.title_en)
    if col.kind == "rating":
        return _("Rating") + f"\n{title}"
    if col.kind == "total":
        return _("Total number of %(level)s") % {"level": title}
    if col.kind == "count":
        level = next((lv for lv in book.campaign.levels if lv.id == col.ref), None)
        what = book.name(level.name, level.name_en) if level else col.ref
        return _("Number of %(level)s rated %(grade)s") % {"level": what, "grade": title}
    if col.kind in ("points", "bonus"):
        maximum = book.translator.format_number(col.maximum or Fraction(0), digits=4)
        text = _("Points") if col.kind == "points" else _("Bonus")
        return f"{text}: {title} (≤ {maximum})"
    unit = {"vnd": _("VND"), "whole": _("whole number")}.get(col.number or "", "")
    if col.kind == "flag":
        unit = _("yes/no")
    elif col.kind == "date":
        unit = _("date")
    return f"{col.ref}" + (f" ({unit})" if unit else "") + f"\n{title}"


def _results_input(book: _Book, col: Column) -> tuple[str | None, Any]:
    _ = book.gettext
    if col.kind == "rating":
        scale = book.campaign.scale_for(col.ref)
        grades = tuple(book.name(g.name, g.name_en) for g in scale.grades) if scale else col.choices
        return None, book.validation(
            type="list", formula1=book.list_range(grades), error=_("Choose a grade from the list.")
        )
    if col.kind == "flag":
        return None, book.validation(type="list", formula1=book.list_range(book.yes_no), error=_("Choose yes or no."))
    if col.kind == "date":
        return "dd/mm/yyyy", book.validation(type="date", operator="greaterThan", formula1="1", error=_("Type a date."))
    if col.number in ("whole", "vnd"):
        fmt = "#,##0" if col.number == "vnd" else "0"
        return fmt, book.validation(
            type="whole", operator="greaterThanOrEqual", formula1="0", error=_("Type a whole number, 0 or more.")
        )
    if col.kind in ("points", "bonus"):
        return None, book.validation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=_bound(col.maximum or Fraction(0)),
            error=_("Type a number between 0 and the criterion's maximum."),
        )
    # Excel needs bounds for a decimal rule: these allow any number a person would type
    return None, book.validation(
        type="decimal", operator="between", formula1="-1E+15", formula2="1E+15", error=_("Type a number.")
    )


def _fixed(book: _Book) -> list[tuple[str, str, int]]:
    _ = book.gettext
    return [(_("Code"), "code", 10), (_("Unit id"), "unit", 22), (_("Name"), "name", 30)]


def _results_sheets(book: _Book, tables: Sequence[LevelTable]) -> None:
    fixed = _fixed(book)
    for table in tables:
        labels = [label for label, _k, _w in fixed] + [_results_label(book, c) for c in table.columns]
        keys = [k for _l, k, _w in fixed] + [c.key for c in table.columns]
        widths = [w for _l, _k, w in fixed] + [24] * len(table.columns)
        inputs = {len(fixed) + j: _results_input(book, c) for j, c in enumerate(table.columns)}
        rows = [[u.code or "", u.id, u.name] for u in table.units]
        title = _sheet_title(book.name(table.level.name, table.level.name_en), book.taken)
        book.add(_Sheet(title, table.level.id, tuple(labels), tuple(keys), tuple(widths), rows, inputs))


def _results_lines(book: _Book, tables: Sequence[LevelTable]) -> list[str]:
    _ = book.gettext
    lines = [
        _("Fill in one row per unit on each level sheet; unit codes and names are locked."),
        _("A blank cell is a missing value: it is never read as zero."),
        _(
            "Give the total number of sub-units (“Tổng số”): the grades left blank then count zero, "
            "and the numbers by grade must add up to the total."
        ),
        _("Type numbers as numbers or as text; formulas are not read."),
        _("Amounts of money are whole đồng: 150000000 or 150.000.000."),
        _("Choose grades and yes/no answers from the drop-down lists."),
        _("Do not change the second row of a sheet: it holds the column keys."),
    ]
    c = book.campaign
    if c.stages and any(col.kind == "points" for t in tables for col in t.columns):
        stage = c.stages[0]
        lines.append(
            _("Points are those of the first review stage: %(stage)s.")
            % {"stage": book.name(stage.name, stage.name_en)}
        )
    return lines


# -- review templates ------------------------------------------------------------------------------


def _review_rows(campaign: m.Campaign) -> list[tuple[LevelTable, list[tuple[m.Unit, m.Criterion]]]]:
    """The rows of a review workbook, per level: every reporting unit × every assessed criterion."""
    out = []
    for table in table_layout(campaign):
        rubric = campaign.rubric_for(table.level.id)
        if rubric is None:
            continue
        crits = [c for c in rubric.leaves() if isinstance(c.method, m.Assessed)]
        if crits:
            out.append((table, [(u, c) for u in table.units for c in crits]))
    return out


_REVIEW_KEYS = (
    "code",
    "unit",
    "name",
    "criterion",
    "criterion_name",
    "maximum",
    "previous:points",
    "previous:bonus",
    "points",
    "bonus",
    "reason",
)


def _review_sheets(book: _Book, results: m.Results, stage: m.Stage) -> None:
    _ = book.gettext
    before = effective_scores(book.campaign, results, stage.id)
    stage_name = book.name(stage.name, stage.name_en)
    labels = (
        _("Code"),
        _("Unit id"),
        _("Name"),
        _("Criterion id"),
        _("Criterion"),
        _("Maximum points"),
        _("Points before this stage"),
        _("Bonus before this stage"),
        _("Points at the stage %(stage)s") % {"stage": stage_name},
        _("Bonus at the stage %(stage)s") % {"stage": stage_name},
        _("Reason of the change"),
    )
    widths = (10, 22, 30, 14, 40, 10, 12, 12, 14, 14, 50)
    decimal = book.validation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", error=_("Type a number, 0 or more.")
    )
    bonus = book.validation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", error=_("Type a number, 0 or more.")
    )
    inputs: dict[int, tuple[str | None, Any]] = {8: (None, decimal), 9: (None, bonus), 10: ("@", None)}
    for table, pairs in _review_rows(book.campaign):
        rows = []
        for unit, crit in pairs:
            points, extra = before.get(unit.id, {}).get(crit.id, (None, None))
            rows.append(
                [
                    unit.code or "",
                    unit.id,
                    unit.name,
                    crit.id,
                    book.name(crit.name, crit.name_en),
                    _cell_number(crit.points),
                    _cell_number(points),
                    _cell_number(extra),
                    _cell_number(points),
                    _cell_number(extra),
                    None,
                ]
            )
        title = _sheet_title(book.name(table.level.name, table.level.name_en), book.taken)
        book.add(_Sheet(title, table.level.id, labels, _REVIEW_KEYS, widths, rows, dict(inputs)))


def _review_lines(book: _Book, stage: m.Stage) -> list[str]:
    _ = book.gettext
    return [
        _("Review stage: %(stage)s.") % {"stage": book.name(stage.name, stage.name_en)},
        _(
            "Each row is one criterion of one unit, with the points the stages before this one gave; "
            "the points (and bonus) of this stage are written in beside them."
        ),
        _("Change the points or bonus where the review changes them, and give the reason in the last column."),
        _("A change without a reason is refused; a value left as it was needs no reason."),
        _("The other cells are locked; do not change them."),
    ]


# -- meeting templates -----------------------------------------------------------------------------


def _meeting_sheets(book: _Book) -> None:
    _ = book.gettext
    campaign = book.campaign
    titles = {t.id: t for t in campaign.titles}
    award_names = tuple(
        book.name(titles[a.title].name, titles[a.title].name_en) if a.title in titles else a.id for a in campaign.awards
    )
    units = {u.id: u for u in campaign.units}
    labels = (_("Code"), _("Unit id"), _("Name"), _("Place decided by the meeting"), _("Award proposed"))
    keys = ("code", "unit", "name", "rank", "award")
    widths = (10, 22, 30, 16, 40)
    for cl in campaign.clusters:
        n = len(cl.members)
        rank_dv = book.validation(
            type="whole",
            operator="between",
            formula1="1",
            formula2=str(max(n, 1)),
            error=_("Type a place between 1 and the number of members."),
        )
        inputs: dict[int, tuple[str | None, Any]] = {3: ("0", rank_dv)}
        if award_names:
            award_dv = book.validation(
                type="list", formula1=book.list_range(award_names), error=_("Choose an award from the list.")
            )
            inputs[4] = (None, award_dv)
        rows = [[units[u].code or "" if u in units else "", u, units[u].name if u in units else u] for u in cl.members]
        title = _sheet_title(cl.name, book.taken)
        book.add(_Sheet(title, cl.id, labels, keys, widths, rows, inputs))


def _meeting_lines(book: _Book) -> list[str]:
    _ = book.gettext
    return [
        _("One sheet per cluster: the place each member was given by the cluster's meeting, and the award proposed."),
        _("Places are whole numbers from 1 (first); each place once. Leave a member blank if it was not placed."),
        _("thidua checks the decided order and the proposals against the scores, eligibility and quotas."),
        _("Unit codes and names are locked; do not change them."),
    ]


def make_template(
    campaign: m.Campaign,
    path: str | os.PathLike[str],
    *,
    locale: str = "vi",
    stage: str | None = None,
    results: m.Results | None = None,
    meeting: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write a template for a campaign: results (``.xlsx`` or ``.csv``), a review stage, or the meetings.

    The workbook has one sheet per level of reporting units (or per level for
    a review stage, or per cluster for the meetings), with the column keys in
    the second row (see :mod:`thidua.io._csv`); :func:`read_results_table`
    reads it back once filled in, and :func:`thidua.io.collect` merges many.

    Args:
        campaign: the campaign.
        path: where to write; the suffix chooses the format. Written atomically.
        locale: the language of the labels, ``"vi"`` or ``"en"``.
        stage: a review stage after the first: a review workbook, pre-filled
            from *results* (the first stage's points are in the results template).
        results: the results of the stages before *stage*.
        meeting: a workbook for the clusters' meetings (decided order, awards proposed).
        progress: called now and then with the rows written and their total.

    Raises:
        DataError: for an unknown suffix or stage, a review stage without
            results, or results that already hold the stage.
        MissingExtraError: for ``.xlsx`` without openpyxl.

    >>> import tempfile, thidua
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = make_template(thidua.examples.load_campaign(), d + "/results.csv")
    ...     p.read_text(encoding="utf-8").splitlines()[0][:42]
    'code,unit,name,total:hamlet,count:hamlet:h'

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    suffix = target.suffix.lower()
    the_stage = _review_stage(campaign, stage, results) if stage is not None else None
    write: Callable[[Path], None]
    if suffix == ".csv" and the_stage is None and not meeting:

        def write(p: Path) -> None:
            write_csv_template(campaign, p)

    elif suffix == ".xlsx":
        if meeting:
            book = _Book(campaign, locale, "meeting")
            _meeting_sheets(book)
            lines = _meeting_lines(book)
        elif the_stage is not None:
            assert results is not None  # noqa: S101 - checked by _review_stage
            book = _Book(campaign, locale, "review", the_stage.id)
            _review_sheets(book, results, the_stage)
            lines = _review_lines(book, the_stage)
        else:
            book = _Book(campaign, locale, "results")
            tables = table_layout(campaign)
            _results_sheets(book, tables)
            lines = _results_lines(book, tables)

        def write(p: Path) -> None:
            book.write(p, lines, progress)

    else:
        allowed = ".xlsx" if (the_stage is not None or meeting) else ".xlsx, .csv"
        raise DataError(
            codes.CANNOT_WRITE(what=codes.TERMS["template"], name=target.name, allowed=allowed), source=str(target)
        )
    return write_atomic(target, write)


def _review_stage(campaign: m.Campaign, stage: str, results: m.Results | None) -> m.Stage | None:
    """The stage of a review workbook (``None`` for the first stage: the results template has its points)."""
    from thidua.model import _codes as model_codes

    stages = [s.id for s in campaign.stages]
    if stage not in stages:
        raise DataError(model_codes.UNKNOWN_STAGE(("stage",), stage=stage))
    pos = stages.index(stage)
    if pos == 0:
        return None
    if results is None:
        raise DataError(codes.REVIEW_TEMPLATE_NEEDS_RESULTS(stage=campaign.stages[pos].name))
    reached = [
        (r.unit, a.stage)
        for r in results.units
        for a in r.assessments
        if a.stage in stages and stages.index(a.stage) >= pos
    ]
    if reached:
        unit, at = reached[0]
        raise DataError(codes.STAGE_ALREADY_GIVEN(stage=at, unit=unit, count=len({u for u, _ in reached})))
    return campaign.stages[pos]


# -- reading workbooks -----------------------------------------------------------------------------


def _meta_of(book: XlsxReader) -> tuple[dict[str, Any], bool]:
    meta: dict[str, Any] = {}
    sheets: dict[str, str] = {}
    found = False
    for info in book.sheets:
        if info.name != _META:
            continue
        found = True
        for _row, cells in book.rows(info):
            key = cells[0] if cells else None
            if not isinstance(key, str):
                continue
            if key == "sheet" and len(cells) > 2 and cells[1] is not None:
                sheets[str(cells[1])] = str(cells[2])
            else:
                meta[key] = cells[1] if len(cells) > 1 else None
    meta["sheets"] = sheets
    return meta, found


def _tables_of(book: XlsxReader, progress: Progress | None) -> Iterator[RawTable]:
    total = sum(book.members[s.part].file_size for s in book.sheets if s.name != _META) or 1
    done = 0
    for info in book.sheets:
        if info.name == _META:
            continue
        size = book.members[info.part].file_size

        def tick(read: int, _declared: int, rows: int, start: int = done) -> None:
            if progress is not None:
                progress(min(start + read, total), total, rows)

        rows = book.rows(info, tick if progress is not None else None)
        header_row = 0
        keys: tuple[tuple[int, str], ...] = ()
        for r, cells in rows:
            if r > _MAX_ROWS_SCANNED_FOR_KEYS:
                break
            if "unit" in cells:
                header_row = r
                keys = tuple((i, v.strip()) for i, v in enumerate(cells) if isinstance(v, str) and v.strip())
                break
        if header_row:
            yield RawTable(info.name, keys, header_row, rows)
        else:
            for _rest in rows:  # read to the end all the same: a broken sheet is never skipped unread
                pass
        done += size


def _expected(
    campaign: m.Campaign, meta: dict[str, Any]
) -> dict[str, tuple[list[list[Any]], set[int], tuple[str, ...]]]:
    """Per sheet of a template: the locked cells of each data row, the input columns, and the keys."""
    version = meta.get("thidua-template")
    if not isinstance(version, int) or version < 2:
        return {}
    kind = meta.get("kind") or "results"
    sheets: dict[str, str] = meta.get("sheets", {})
    out: dict[str, tuple[list[list[Any]], set[int], tuple[str, ...]]] = {}
    if kind == "results":
        by_level = {t.level.id: t for t in table_layout(campaign)}
        for title, ident in sheets.items():
            table = by_level.get(ident)
            if table is not None:
                keys = ("code", "unit", "name", *(c.key for c in table.columns))
                rows = [[u.code or None, u.id, u.name] for u in table.units]
                out[title] = (rows, set(range(3, len(keys))), keys)
    elif kind == "review":
        reviewed = {t.level.id: pairs for t, pairs in _review_rows(campaign)}
        for title, ident in sheets.items():
            found = reviewed.get(ident)
            if found is not None:
                review_rows: list[list[Any]] = [
                    [
                        u.code or None,
                        u.id,
                        u.name,
                        c.id,
                        frozenset({m.nfc(c.name), m.nfc(c.name_en or c.name)}),
                        c.points,
                    ]
                    for u, c in found
                ]
                out[title] = (review_rows, {6, 7, 8, 9, 10}, _REVIEW_KEYS)
    elif kind == "meeting":
        units = {u.id: u for u in campaign.units}
        clusters = {cl.id: cl for cl in campaign.clusters}
        for title, ident in sheets.items():
            cl = clusters.get(ident)
            if cl is not None:
                rows = [
                    [units[u].code or None if u in units else None, u, units[u].name if u in units else u]
                    for u in cl.members
                ]
                out[title] = (rows, {3, 4}, ("code", "unit", "name", "rank", "award"))
    return out


def read_table_file(
    campaign: m.Campaign,
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    base: m.Results | None = None,
    limits: WorkbookLimits | None = None,
    progress: Progress | None = None,
) -> FileRead:
    """Read one returned table (``.xlsx`` or ``.csv``) into entries; problems are collected, not raised.

    Args:
        campaign: the campaign.
        source: the file, or its bytes (then *name* gives its name and suffix).
        name: the file's name in problems.
        base: the results of the stages before a review workbook's stage.
        limits: what a workbook may hold.
        progress: called now and then with the bytes read and their total.

    .. versionadded:: 0.1.0
    """
    label = name if name is not None else str(source)
    suffix = Path(label).suffix.lower()
    if suffix == ".csv":
        try:
            data = source if isinstance(source, bytes) else read_file(Path(source))
            table = csv_table(data, Path(label).name)
        except DataError as exc:
            return FileRead(label, kind="table", problems=[p.located(source=label) for p in exc.problems])
        read = read_tables(campaign, [table], source=label, base=base)
        read.kind = "table"
        read.problems = [attrs.evolve(p, sheet=None) for p in read.problems]  # a CSV file has no sheets
        for e in read.units.values():
            e.sheet = None
        return read
    if suffix != ".xlsx":
        return FileRead(
            label, problems=[codes.UNKNOWN_SUFFIX(name=Path(label).name, allowed=".xlsx, .csv").located(source=label)]
        )
    try:
        book = XlsxReader(source, label, limits=limits)
    except DataError as exc:
        return FileRead(label, kind="workbook", problems=[p.located(source=label) for p in exc.problems])
    with book:
        try:
            meta, templated = _meta_of(book)
        except DataError as exc:
            return FileRead(label, kind="workbook", problems=list(exc.problems))
        read = FileRead(label, kind="workbook", meta=meta)
        problems = _template_problems(campaign, meta, label)
        if problems:
            read.problems = problems
            return read
        try:
            read = read_tables(
                campaign,
                _tables_of(book, progress),
                source=label,
                meta=meta,
                base=base,
                expected=_expected(campaign, meta),
            )
        except DataError as exc:
            read.problems.extend(exc.problems)
            return read
        read.kind = "workbook"
        read.meta = {**meta, "kind": meta.get("kind") or "results", "template": templated}
        if not read.sheets:
            read.problems.append(codes.NO_UNIT_SHEET().located(source=label))
    return read


def _template_problems(campaign: m.Campaign, meta: dict[str, Any], source: str) -> list[Any]:
    problems = []
    if meta.get("campaign") not in (None, campaign.id):
        problems.append(
            codes.WRONG_TEMPLATE_CAMPAIGN(value=str(meta["campaign"]), campaign=campaign.id).located(
                source=source, sheet=_META, cell="B2"
            )
        )
    if meta.get("year") not in (None, campaign.year):
        problems.append(
            codes.WRONG_TEMPLATE_YEAR(value=str(meta["year"]), year=str(campaign.year)).located(
                source=source, sheet=_META, cell="B3"
            )
        )
    kind = meta.get("kind")
    if kind not in (None, "results", "review", "meeting"):
        problems.append(codes.UNKNOWN_TEMPLATE_KIND(value=str(kind)).located(source=source, sheet=_META, cell="B4"))
    stage = meta.get("stage")
    if kind == "review" and stage not in [s.id for s in campaign.stages]:
        problems.append(
            codes.WRONG_TEMPLATE_STAGE(value=str(stage), stage=", ".join(s.id for s in campaign.stages)).located(
                source=source, sheet=_META, cell="B5"
            )
        )
    return problems


def read_xlsx_results(
    source: str | os.PathLike[str], campaign: m.Campaign, *, sample: bool = False, base: m.Results | None = None
) -> m.Results:
    """Read results from an ``.xlsx`` workbook, such as a filled-in template.

    Every sheet with a ``unit`` key in one of its first three rows is read;
    cells are read exactly as :func:`thidua.io._csv.parse_cell` explains, and
    formulas are refused; in a template, every locked cell is checked against
    what the template wrote.

    Raises:
        DataError: listing every problem with its sheet and cell.
        MissingExtraError: without defusedxml (the ``excel`` extra).

    .. versionadded:: 0.1.0
    """
    return _results_of(campaign, read_table_file(campaign, source, base=base), sample=sample, base=base)


def _results_of(campaign: m.Campaign, read: FileRead, *, sample: bool, base: m.Results | None) -> m.Results:
    if any(p.is_error for p in read.problems):
        raise DataError(read.problems, source=read.source)
    units = list(read.units.values())
    decisions = [d for d, _ in read.decisions.values()]
    if base is not None and read.meta.get("kind") in ("review", "meeting"):
        from thidua.io._tables import document_entries

        merged = document_entries(base, "")
        for uid, e in read.units.items():
            mine = merged.units.get(uid)
            if mine is None:
                merged.units[uid] = e
            else:
                mine.values.update(e.values)
        units = list(merged.units.values())
        decisions = [*(d for d in base.decisions if d.cluster not in read.decisions), *decisions]
    results, late = build_results(campaign, units, decisions, sample=sample)
    if any(p.is_error for p in late):
        raise DataError(late, source=read.source)
    return results


def read_results_table(
    source: str | os.PathLike[str], campaign: m.Campaign, *, sample: bool = False, base: m.Results | None = None
) -> m.Results:
    """Read results from a table: ``.xlsx`` (the ``excel`` extra) or ``.csv``.

    Args:
        source: the file; its suffix chooses the reader.
        campaign: the campaign the results belong to; the results are
            validated against it.
        sample: mark the results as sample data.
        base: for a review or meeting workbook, the results it adds to (the
            stages before it); they are returned together.

    Raises:
        DataError: listing every problem with its place (sheet and cell).
        MissingExtraError: for ``.xlsx`` without the ``excel`` extra.

    >>> import tempfile, thidua
    >>> c = thidua.examples.load_campaign()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "r.csv"
    ...     text = 'unit,measure:fund_raised,measure:fund_quota\\n"xa-van-khanh","130.000.000",120000000\\n'
    ...     _ = p.write_text(text, encoding="utf-8")
    ...     read_results_table(p, c).units[0].measures["fund_raised"]
    Fraction(130000000, 1)

    .. versionadded:: 0.1.0
    """
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise DataError(codes.UNKNOWN_SUFFIX(name=path.name, allowed=".xlsx, .csv"), source=str(path))
    return _results_of(campaign, read_table_file(campaign, path, base=base), sample=sample, base=base)
