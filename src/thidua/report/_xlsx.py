"""The XLSX report: the contents of the HTML report, formatted for officials (the ``excel`` extra).

One sheet per table (summary, ranking, targets, awards, changes, decisions
and conflicts, explanations). Each table sheet has a bold header row that
stays in view (frozen, with the columns that name the row), an autofilter,
columns as wide as their contents (long texts wrap), and coloured verdict
cells. Numbers are numbers a spreadsheet can sum: points with as many
decimals as they have (``89,9999999``), money in đồng with digit grouping
(``150.000.000 ₫``), shares as percentages (``80%``). A number with more
than :data:`CELL_DECIMALS` decimals, or whose decimals never end (``1/3``),
is rounded in its cell and its exact value is kept in the cell's note. The
evaluation's fingerprint is on the summary sheet and in the printed footer
of every sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua.model._exact import decimal_places
from thidua.report._display import Display, parse_exact

__all__ = ["CELL_DECIMALS", "Num", "write_xlsx_data"]

#: Numbers are written exactly in cells up to this many decimals; longer ones are rounded, the exact value in a note.
CELL_DECIMALS = 10

_FILLS = {"met": "E3F4E8", "not_met": "FBE4E2", "excluded": "EEEEEE"}
_FONTS = {"met": "1B7F3B", "not_met": "B3261E", "excluded": "6B6B6B"}
#: decimals shown of a number rounded in its cell
_SHOWN_WHEN_ROUNDED = 2
#: widest a column grows for its contents (characters); longer texts wrap
_MAX_WIDTH = 60


@attrs.frozen
class Num:
    """An exact report number for a cell, and how to show it: ``number``, ``money`` or ``percent``.

    >>> Num("149999999", "money").kind
    'money'
    """

    text: str | None
    kind: str = "number"


def _cell_number(value: Fraction) -> tuple[Decimal, int, bool]:
    """The cell's value, its decimals, and whether it is exact."""
    digits = decimal_places(value)
    exact = digits is not None and digits <= CELL_DECIMALS
    places = digits if exact and digits is not None else CELL_DECIMALS
    scaled = value * 10**places
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)  # half up
    return Decimal(rounded).scaleb(-places), places, exact


def _number_format(places: int, kind: str) -> str:
    base = "#,##0" + ("." + "0" * places if places else "")
    if kind == "money":
        return base + ' "₫"'
    return base


def _percent_format(places: int) -> str:
    return "0" + ("." + "0" * places if places else "") + "%"


class _Book:
    """Writes one report workbook."""

    def __init__(self, data: dict[str, Any], display: Display) -> None:
        from thidua.io._excel import openpyxl_module

        self.openpyxl = openpyxl_module()
        self.styles = self.openpyxl.styles
        self.data = data
        self.d = display
        self.gettext = display.gettext
        self.wb = self.openpyxl.Workbook()
        self.units = {u["id"]: u for u in data["units"]}
        self.cluster_of = {u: c["name"] for c in data["clusters"] for u in c["members"]}
        self.widths: dict[str, dict[int, int]] = {}
        self.wrap_columns: dict[str, tuple[int, ...]] = {}

    # -- cells ----------------------------------------------------------------------------------

    def put(self, ws: Any, values: Sequence[Any]) -> None:
        """Append a row: :class:`Num` values become formatted numbers (with a note when rounded)."""
        ws.append([None if isinstance(v, Num) else v for v in values])
        row = ws.max_row
        widths = self.widths.setdefault(ws.title, {})
        for col, v in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col)
            shown = self.number(cell, v) if isinstance(v, Num) else ("" if v is None else str(v))
            widths[col] = max(widths.get(col, 0), min(len(shown) + 2, _MAX_WIDTH))

    def number(self, cell: Any, num: Num) -> str:
        """Write an exact number into *cell*; return the text it shows (for the column width)."""
        if num.text is None:
            return ""
        value = parse_exact(num.text) if num.kind == "percent" else m.parse_number(num.text)
        # an exact value shows all its decimals; a rounded one shows two (its cell holds ten, its note all)
        if num.kind == "percent":
            shown, places, exact = _cell_number(value * 100)
            cell.value = shown.scaleb(-2)
            cell.number_format = _percent_format(places if exact else _SHOWN_WHEN_ROUNDED)
            text = f"{shown:.{places if exact else _SHOWN_WHEN_ROUNDED}f}%"
        else:
            shown, places, exact = _cell_number(value)
            cell.value = int(shown) if places == 0 else shown
            cell.number_format = _number_format(places if exact else _SHOWN_WHEN_ROUNDED, num.kind)
            text = f"{shown:,.{places if exact else _SHOWN_WHEN_ROUNDED}f}" + (" ₫" if num.kind == "money" else "")
        if not exact:
            from openpyxl.comments import Comment

            note = self.gettext("Exact value: %(value)s") % {"value": num.text}
            cell.comment = Comment(note, "thidua")
        return text

    def sheet(self, title: str, headers: Sequence[str], *, freeze: str = "A2", wrap: Sequence[int] = ()) -> Any:
        ws = self.wb.create_sheet(title[:31])
        ws.append(list(headers))
        bold = self.styles.Font(bold=True)
        fill = self.styles.PatternFill("solid", fgColor="DDEBF7")
        for cell in ws[1]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = self.styles.Alignment(wrap_text=True, vertical="top")
        self.widths[ws.title] = {i: min(len(h) + 2, 30) for i, h in enumerate(headers, start=1)}
        ws.freeze_panes = freeze
        ws.oddFooter.center.text = f"{self.gettext('Fingerprint')}: {self.data['fingerprint']}"
        ws.oddFooter.center.size = 7
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.print_title_rows = "1:1"
        self.wrap_columns[ws.title] = tuple(wrap)
        return ws

    def finish(self, ws: Any) -> None:
        """Autofilter over the table, columns as wide as their contents, long texts wrapped."""
        get_letter = self.openpyxl.utils.get_column_letter
        if ws.max_row > 1:
            ws.auto_filter.ref = f"A1:{get_letter(ws.max_column)}{ws.max_row}"
        wrap = self.wrap_columns.get(ws.title, ())
        for col, width in self.widths.get(ws.title, {}).items():
            ws.column_dimensions[get_letter(col)].width = max(width, 6)
        if wrap:
            align = self.styles.Alignment(wrap_text=True, vertical="top")
            for row in ws.iter_rows(min_row=2):
                for i in wrap:
                    row[i - 1].alignment = align

    def colour(self, cell: Any, status: str) -> None:
        cell.fill = self.styles.PatternFill("solid", fgColor=_FILLS.get(status, "FFFFFF"))
        cell.font = self.styles.Font(bold=True, color=_FONTS.get(status, "000000"))

    # -- sheets ---------------------------------------------------------------------------------

    def summary(self) -> None:
        _ = self.gettext
        ws = self.wb.active
        ws.title = _("Summary")[:31]
        c = self.data["campaign"]
        rows: list[tuple[str, Any]] = [
            (_("Campaign"), c["name"]),
            (_("Year"), c["year"]),
            (_("Stage"), self.data["stage"]["name"] if self.data["stage"] else "—"),
            (_("Fingerprint"), self.data["fingerprint"]),
            ("thidua", self.data["generator"]),
        ]
        if c["note"]:
            rows.append((_("Note"), c["note"]))
        if self.data["results_note"]:
            rows.append((_("Note"), self.data["results_note"]))
        rows.extend((_("Note"), line) for line in c.get("status_legend", ()))
        start = 1
        if self.data["sample"]:
            ws["A1"] = _("Sample data — not real results")
            ws["A1"].font = self.styles.Font(bold=True, size=14, color="7A4300")
            ws["A1"].fill = self.styles.PatternFill("solid", fgColor="FFF3CD")
            start = 3
        bold = self.styles.Font(bold=True)
        for i, (k, v) in enumerate(rows, start=start):
            ws.cell(row=i, column=1, value=k).font = bold
            ws.cell(row=i, column=2, value=v)
        row = start + len(rows) + 1
        s = self.data.get("summary")
        if s:
            row = self.summary_table(
                ws,
                row,
                _("Targets met"),
                [_("Target"), _("Met"), _("Not met"), _("Excluded"), _("Share met")],
                [
                    [t["name"], t["met"], t["not_met"], t["excluded"], Num(t["share_met"], "percent")]
                    for t in s["targets"]
                ],
            )
            grade_rows = [
                [level["name"], g["name"], g["count"], Num(g["share"], "percent")]
                for level in s["grades"]
                for g in level["grades"]
            ]
            row = self.summary_table(
                ws, row, _("Grades by level"), [_("Level"), _("Grade"), _("Number of units"), _("Share")], grade_rows
            )
            leader_rows = [[c["name"], ", ".join(u["name"] for u in c["units"]), Num(c["total"])] for c in s["leaders"]]
            self.summary_table(
                ws, row, _("Leaders of the clusters"), [_("Cluster"), _("Leading unit"), _("Total")], leader_rows
            )
        ws.column_dimensions["A"].width = 40
        ws.column_dimensions["B"].width = 60
        for letter in "CDE":
            ws.column_dimensions[letter].width = 14
        label = _("Fingerprint")
        ws.oddFooter.center.text = f"{label}: {self.data['fingerprint']}"

    def summary_table(self, ws: Any, row: int, title: str, headers: Sequence[str], rows: list[list[Any]]) -> int:
        """A small table on the summary sheet; returns the next free row."""
        if not rows:
            return row
        bold = self.styles.Font(bold=True)
        ws.cell(row=row, column=1, value=title).font = self.styles.Font(bold=True, size=12)
        row += 1
        for col, h in enumerate(headers, start=1):
            cell = ws.cell(row=row, column=col, value=h)
            cell.font = bold
            cell.fill = self.styles.PatternFill("solid", fgColor="DDEBF7")
        for values in rows:
            row += 1
            for col, v in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col)
                if isinstance(v, Num):
                    self.number(cell, v)
                else:
                    cell.value = v
        return row + 2

    def ranking(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Rank"), _("Unit id"), _("Unit"), _("Standard points"), _("Bonus")]
        headers += [_("Deductions"), _("Adjustments"), _("Total"), _("Maximum"), _("Grade")]
        ws = self.sheet(_("Ranking"), headers, freeze="E2")
        groups = [(c["name"], c["ranking"]) for c in self.data["clusters"]]
        groups += [(r["name"], r["entries"]) for r in self.data["rankings"]]
        for name, rows in groups:
            for r in rows:
                s = r["score"] or {}
                parts = ("standard", "bonus", "penalty", "adjustments", "total", "maximum")
                rank = r["rank"] if r["rank"] is not None else _("Not ranked")
                self.put(
                    ws,
                    [name, rank, r["unit"], r["name"]]
                    + [Num(s.get(k)) for k in parts]
                    + [r["grade"]["name"] if r["grade"] else _("Not rated")],
                )
        self.finish(ws)

    def targets(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Unit id"), _("Unit"), _("Target"), _("Numbers"), _("Value"), _("Base")]
        headers += [_("Share"), _("Threshold"), _("Shortfall"), _("Verdict"), _("Explanation")]
        ws = self.sheet(_("Targets"), headers, freeze="E2", wrap=(4, 12))
        rows = [(c["name"], t) for c in self.data["clusters"] for t in c["targets"]]
        rows += [(self.cluster_of.get(u["id"], ""), t) for u in self.data["units"] for t in u["targets"]]
        for cluster, t in rows:
            kind = t["kind"]
            amount = "money" if kind == "quota" else "number"
            threshold: Any
            if kind == "deadline":
                threshold = self.d.date(t["threshold"])
            elif kind in ("share", "of_which"):
                threshold = Num(t["threshold"], "percent")
            else:
                threshold = Num(t["threshold"], amount)
            self.put(
                ws,
                [
                    cluster,
                    t["subject"],
                    t["subject_name"],
                    t["name"],
                    self.d.target_numbers(t),
                    Num(t["numerator"], amount),
                    Num(t["denominator"], amount),
                    Num(t["share"], "percent"),
                    threshold,
                    Num(t["shortfall"], amount),
                    self.d.status(t["status"]),
                    t["explanation"],
                ],
            )
            self.colour(ws.cell(row=ws.max_row, column=11), t["status"])
        self.finish(ws)

    def awards(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Unit id"), _("Unit"), _("Award"), _("Eligible"), _("Verdict"), _("Why")]
        ws = self.sheet(_("Awards"), headers, freeze="D2", wrap=(7,))
        for u in self.data["units"]:
            for a in u["awards"]:
                self.put(
                    ws,
                    [
                        self.cluster_of.get(u["id"], ""),
                        u["id"],
                        u["name"],
                        a["name"],
                        self.d.yes_no(a["eligible"]),
                        self.d.award_status(a),
                        "; ".join(a["explanation"]),
                    ],
                )
                self.colour(ws.cell(row=ws.max_row, column=6), "met" if a["granted"] else "not_met")
        self.finish(ws)

    def changes(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Unit"), _("Criterion"), _("From"), _("To"), _("Stage"), _("Reason"), _("By")]
        ws = self.sheet(_("Changes"), headers, freeze="C2", wrap=(7,))
        for u in self.data["units"]:
            for c in u["changes"]:
                self.put(
                    ws,
                    [
                        self.cluster_of.get(u["id"], ""),
                        c["unit_name"],
                        c["criterion_name"],
                        Num(c["from"]),
                        Num(c["to"]),
                        c["stage_name"],
                        c["reason"],
                        c["by"],
                    ],
                )
        self.finish(ws)

    def decisions(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), "#", _("Decided order"), _("Rank"), _("Computed order"), _("Rank")]
        ws = self.sheet(_("Decisions"), headers, freeze="C2")
        diff_fill = self.styles.PatternFill("solid", fgColor="FFF3CD")
        wc = self.sheet(_("Conflicts"), [_("Cluster"), _("Severity"), _("Conflict")], freeze="B2", wrap=(3,))
        for c in self.data["clusters"]:
            d = c["decision"]
            if d is None:
                continue
            decided, computed = d["decided_order"], d["computed_order"]
            for i in range(max(len(decided), len(computed))):
                a = decided[i] if i < len(decided) else {"name": "", "rank": None, "unit": None}
                b = computed[i] if i < len(computed) else {"name": "", "rank": None, "unit": None}
                self.put(ws, [c["name"], i + 1, a["name"], a["rank"], b["name"], b["rank"]])
                if a["unit"] and b["unit"] and a["unit"] != b["unit"]:
                    for col in range(3, 7):
                        ws.cell(row=ws.max_row, column=col).fill = diff_fill
            for k in d["conflicts"]:
                self.put(wc, [c["name"], self.d.severity(k["severity"]), k["text"]])
                self.colour(wc.cell(row=wc.max_row, column=2), "not_met" if k["severity"] == "error" else "excluded")
        self.finish(ws)
        self.finish(wc)

    def explanations(self) -> None:
        _ = self.gettext
        ws = self.sheet(_("Explanation"), [_("Unit id"), _("Unit"), _("Explanation")], freeze="C2", wrap=(3,))
        for u in self.data["units"]:
            for line in u["explanation"]:
                self.put(ws, [u["id"], u["name"], line])
        self.finish(ws)

    def write(self, target: Path) -> None:
        self.summary()
        self.ranking()
        self.targets()
        self.awards()
        self.changes()
        self.decisions()
        self.explanations()
        self.wb.save(target)


def write_xlsx_data(data: dict[str, Any], target: Path, *, locale: str = "vi") -> None:
    """Write report data (from :func:`thidua.report.report_data`) as an XLSX workbook at *target*.

    Raises:
        ModuleNotFoundError: without openpyxl (the ``excel`` extra).

    .. versionadded:: 0.1.0
    """
    from thidua.l10n import get_translator

    _Book(data, Display(get_translator(locale))).write(target)
