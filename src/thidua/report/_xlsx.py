"""The XLSX report: the contents of the HTML report, formatted for officials (the ``excel`` extra).

One sheet per table (summary, ranking, targets, awards, changes, decisions
and conflicts, explanations), each with a bold, frozen header row, fitted
column widths and coloured verdict cells. Exact numbers are written as
decimal numbers when they have a finite decimal expansion, otherwise as
their exact text (``"1/3"``). The evaluation's fingerprint is on the summary
sheet and in the printed footer of every sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua.report._display import Display, exact_decimal

__all__ = ["write_xlsx_data"]

_FILLS = {"met": "E3F4E8", "not_met": "FBE4E2", "excluded": "EEEEEE"}
_FONTS = {"met": "1B7F3B", "not_met": "B3261E", "excluded": "6B6B6B"}


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

    def sheet(self, title: str, headers: Sequence[str], widths: Sequence[int]) -> Any:
        ws = self.wb.create_sheet(title[:31])
        ws.append(list(headers))
        bold = self.styles.Font(bold=True)
        fill = self.styles.PatternFill("solid", fgColor="DDEBF7")
        for cell in ws[1]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = self.styles.Alignment(wrap_text=True, vertical="top")
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[self.openpyxl.utils.get_column_letter(i)].width = w
        ws.freeze_panes = "A2"
        ws.oddFooter.center.text = f"{self.gettext('Fingerprint')}: {self.data['fingerprint']}"
        ws.oddFooter.center.size = 7
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.print_title_rows = "1:1"
        return ws

    def colour(self, cell: Any, status: str) -> None:
        cell.fill = self.styles.PatternFill("solid", fgColor=_FILLS.get(status, "FFFFFF"))
        cell.font = self.styles.Font(bold=True, color=_FONTS.get(status, "000000"))

    def percent(self, cell: Any) -> None:
        """Show an exact share as a percentage (whole percentages without decimals)."""
        if isinstance(cell.value, Decimal):
            cell.number_format = "0%" if (cell.value * 100) % 1 == 0 else "0.0###%"

    def wrap(self, ws: Any, columns: Sequence[int]) -> None:
        align = self.styles.Alignment(wrap_text=True, vertical="top")
        for row in ws.iter_rows(min_row=2):
            for i in columns:
                row[i - 1].alignment = align

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
        start = 1
        if self.data["sample"]:
            ws["A1"] = _("Sample data — not real results")
            ws["A1"].font = self.styles.Font(bold=True, size=14, color="7A4300")
            ws["A1"].fill = self.styles.PatternFill("solid", fgColor="FFF3CD")
            start = 3
        for i, (k, v) in enumerate(rows, start=start):
            ws.cell(row=i, column=1, value=k).font = self.styles.Font(bold=True)
            ws.cell(row=i, column=2, value=v)
        ws.column_dimensions["A"].width = 22
        ws.column_dimensions["B"].width = 100
        label = _("Fingerprint")
        ws.oddFooter.center.text = f"{label}: {self.data['fingerprint']}"

    def ranking(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Rank"), _("Unit id"), _("Unit"), _("Standard points"), _("Bonus")]
        headers += [_("Deductions"), _("Adjustments"), _("Total"), _("Maximum"), _("Grade")]
        ws = self.sheet(_("Ranking"), headers, [26, 7, 22, 30, 12, 9, 11, 12, 12, 10, 32])
        groups = [(c["name"], c["ranking"]) for c in self.data["clusters"]]
        groups += [(r["name"], r["entries"]) for r in self.data["rankings"]]
        for name, rows in groups:
            for r in rows:
                s = r["score"] or {}
                parts = ("standard", "bonus", "penalty", "adjustments", "total", "maximum")
                ws.append(
                    [name, r["rank"], r["unit"], r["name"]]
                    + [exact_decimal(s.get(k)) for k in parts]
                    + [r["grade"]["name"] if r["grade"] else _("Not rated")]
                )

    def targets(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Unit id"), _("Unit"), _("Target"), _("Numbers"), _("Share")]
        headers += [_("Threshold"), _("Shortfall"), _("Verdict"), _("Explanation")]
        ws = self.sheet(_("Targets"), headers, [24, 20, 26, 40, 26, 10, 12, 12, 12, 90])
        rows = [(c["name"], t) for c in self.data["clusters"] for t in c["targets"]]
        rows += [(self.cluster_of.get(u["id"], ""), t) for u in self.data["units"] for t in u["targets"]]
        for cluster, t in rows:
            threshold = t["threshold"]
            shown_threshold: Any = self.d.date(threshold) if t["kind"] == "deadline" else exact_decimal(threshold)
            ws.append(
                [
                    cluster,
                    t["subject"],
                    t["subject_name"],
                    t["name"],
                    self.d.target_numbers(t),
                    exact_decimal(t["share"]),
                    shown_threshold,
                    exact_decimal(t["shortfall"]),
                    self.d.status(t["status"]),
                    t["explanation"],
                ]
            )
            self.colour(ws.cell(row=ws.max_row, column=9), t["status"])
            row = ws.max_row
            self.percent(ws.cell(row=row, column=6))
            if t["kind"] in ("share", "of_which"):
                self.percent(ws.cell(row=row, column=7))
        self.wrap(ws, [4, 10])

    def awards(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Unit id"), _("Unit"), _("Award"), _("Eligible"), _("Verdict"), _("Why")]
        ws = self.sheet(_("Awards"), headers, [24, 20, 26, 36, 10, 14, 90])
        for u in self.data["units"]:
            for a in u["awards"]:
                ws.append(
                    [
                        self.cluster_of.get(u["id"], ""),
                        u["id"],
                        u["name"],
                        a["name"],
                        self.d.yes_no(a["eligible"]),
                        self.d.award_status(a),
                        "; ".join(a["explanation"]),
                    ]
                )
                self.colour(ws.cell(row=ws.max_row, column=6), "met" if a["granted"] else "not_met")
        self.wrap(ws, [7])

    def changes(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), _("Unit"), _("Criterion"), _("From"), _("To"), _("Stage"), _("Reason"), _("By")]
        ws = self.sheet(_("Changes"), headers, [24, 26, 40, 9, 9, 26, 50, 26])
        for u in self.data["units"]:
            for c in u["changes"]:
                ws.append(
                    [
                        self.cluster_of.get(u["id"], ""),
                        c["unit_name"],
                        c["criterion_name"],
                        exact_decimal(c["from"]),
                        exact_decimal(c["to"]),
                        c["stage_name"],
                        c["reason"],
                        c["by"],
                    ]
                )
        self.wrap(ws, [7])

    def decisions(self) -> None:
        _ = self.gettext
        headers = [_("Cluster"), "#", _("Decided order"), _("Rank"), _("Computed order"), _("Rank")]
        ws = self.sheet(_("Decisions"), headers, [24, 5, 30, 7, 30, 7])
        diff_fill = self.styles.PatternFill("solid", fgColor="FFF3CD")
        wc = self.sheet(_("Conflicts"), [_("Cluster"), _("Severity"), _("Conflict")], [24, 14, 110])
        for c in self.data["clusters"]:
            d = c["decision"]
            if d is None:
                continue
            decided, computed = d["decided_order"], d["computed_order"]
            for i in range(max(len(decided), len(computed))):
                a = decided[i] if i < len(decided) else {"name": "", "rank": None, "unit": None}
                b = computed[i] if i < len(computed) else {"name": "", "rank": None, "unit": None}
                ws.append([c["name"], i + 1, a["name"], a["rank"], b["name"], b["rank"]])
                if a["unit"] and b["unit"] and a["unit"] != b["unit"]:
                    for col in range(3, 7):
                        ws.cell(row=ws.max_row, column=col).fill = diff_fill
            for k in d["conflicts"]:
                wc.append([c["name"], self.d.severity(k["severity"]), k["text"]])
                self.colour(wc.cell(row=wc.max_row, column=2), "not_met" if k["severity"] == "error" else "excluded")
        self.wrap(wc, [3])

    def explanations(self) -> None:
        _ = self.gettext
        ws = self.sheet(_("Explanation"), [_("Unit id"), _("Unit"), _("Explanation")], [22, 28, 120])
        for u in self.data["units"]:
            for line in u["explanation"]:
                ws.append([u["id"], u["name"], line])
        self.wrap(ws, [3])

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
