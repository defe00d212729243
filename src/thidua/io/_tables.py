"""From the rows of returned tables to results: each value with the cell it came from.

Three kinds of sheets are read (a workbook says which in its hidden ``_thidua``
sheet; a CSV file or a workbook made by hand is a results table):

* **results**: one row per unit, one column per input (see :mod:`thidua.io._csv`);
* **review**: one row per unit and assessed criterion, for a later review stage:
  the points (and bonus) decided at that stage and the reason of a change;
* **meeting**: one sheet per cluster, one row per member: the order decided by
  the cluster's meeting and the award it proposes.

Every value read is an *entry*, keyed by what it fills (``("counts", "hamlet",
"htt")``, ``("points", "cum-tham-dinh", "doi-moi")``...) and kept with its place
(file, sheet and cell, or the path in a document), so that the values of many
files can be merged, conflicts named by both places, and every problem of the
merged results traced back to the cell where it was typed (or left blank).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Loc, Problem, shown
from thidua.errors import DataError, ModelError
from thidua.io import _codes as codes
from thidua.io._csv import CellError, RawTable, column_letter, parse_cell
from thidua.io._layout import Column, table_layout
from thidua.io._xlsx import ErrorValue, Formula
from thidua.model import _codes as model_codes

__all__ = [
    "FileRead",
    "UnitEntries",
    "build_results",
    "document_entries",
    "effective_scores",
    "missing_inputs",
    "read_tables",
]

#: what an entry fills, e.g. ("counts", "hamlet", "htt") or ("points", "cum-tham-dinh", "doi-moi")
Key = tuple[str, ...]
#: where an entry came from: a column index in its unit's row, a path in a document, or (once
#: merged from several files) the place itself: ``{"source": ..., "sheet": ..., "cell": ...}``
Where = int | Loc | dict[str, Any]

#: locked cells of a template reported one by one, per sheet, before the rest are counted
_MAX_LOCKED = 20


@attrs.define
class UnitEntries:
    """The values one file gives for one unit, each with where it came from.

    Attributes:
        unit: the unit id.
        source: the file.
        sheet: the sheet, for a table.
        row: the row of the unit, for a results table (review rows are per criterion).
        loc: the unit's path in a document (``("units", 3)``).
        values: entries: key → (value, column index or path).
        blanks: for a table, the column of every key of the sheet (to name a blank cell).

    .. versionadded:: 0.1.0
    """

    unit: str
    source: str | None
    sheet: str | None = None
    row: int | None = None
    loc: Loc = ()
    values: dict[Key, tuple[Any, Where]] = attrs.Factory(dict)
    blanks: Mapping[str, int] = attrs.Factory(dict)
    #: for review rows: the row of each criterion (a blank reason is named at its own row)
    rows: dict[str, int] = attrs.Factory(dict)

    def place(self, where: Where | None = None, criterion: str | None = None) -> dict[str, Any]:
        """``source``, ``sheet`` and ``cell`` (or ``loc``) of an entry, or of the unit itself."""
        if isinstance(where, dict):
            return where
        if self.sheet is None and self.row is None and not self.rows:
            loc = where if isinstance(where, tuple) else self.loc
            return {"source": self.source, "loc": loc}
        row = self.rows.get(criterion, self.row) if criterion else self.row
        if row is None:
            row = self.rows.get("")  # a review: the unit's first row
        if isinstance(where, int) and row is not None:
            return {"source": self.source, "sheet": self.sheet, "cell": f"{column_letter(where)}{row}"}
        unit_col = self.blanks.get("unit", 1)
        return {"source": self.source, "sheet": self.sheet, "cell": f"{column_letter(unit_col)}{row or ''}"}

    def describe(self, where: Where | None = None, criterion: str | None = None) -> str:
        """The place of an entry as a language-neutral text: ``file, 'Sheet'!D5`` or ``file: units[3].x``."""
        at = self.place(where, criterion)
        if "cell" in at:
            sheet = at["sheet"]
            cell = f"'{sheet}'!{at['cell']}" if sheet else at["cell"]
            return f"{at['source']}, {cell}" if at["source"] else cell
        path = Problem("x", "x", at["loc"]).path
        return f"{at['source']}: {path}" if at["source"] else path


@attrs.define
class FileRead:
    """What one file gave: entries per unit, decisions per cluster, problems, and what kind of file it was.

    .. versionadded:: 0.1.0
    """

    source: str
    kind: str = "results"
    stage: str | None = None
    units: dict[str, UnitEntries] = attrs.Factory(dict)
    decisions: dict[str, tuple[m.Decision, dict[str, Any]]] = attrs.Factory(dict)
    problems: list[Problem] = attrs.Factory(list)
    rows: int = 0
    meta: dict[str, Any] = attrs.Factory(dict)
    sheets: list[str] = attrs.Factory(list)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(table: RawTable, col: int, row: int) -> dict[str, str]:
    return {"sheet": table.name, "cell": f"{column_letter(col)}{row}"}


# -- results tables ------------------------------------------------------------------------------


def _column_for(key: str, criteria: Mapping[str, m.Criterion]) -> Column | None:
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
    if kind == "total":
        return Column(key, "total", ref, number="whole")
    if kind == "count":
        level, _, grade = ref.partition(":")
        return Column(key, "count", level, grade=grade, number="whole") if level and grade else None
    if kind in ("points", "bonus"):
        crit = criteria.get(ref)
        maximum = None if crit is None else (crit.points if kind == "points" else crit.bonus or Fraction(0))
        return Column(key, kind, ref, number="decimal", maximum=maximum)
    return None


def _known_numbers(campaign: m.Campaign) -> dict[str, str]:
    """Number kinds of measures by level, from the layout (whole for counts, vnd for money)."""
    out: dict[str, str] = {}
    for table in table_layout(campaign):
        for c in table.columns:
            if c.kind == "measure" and c.number:
                out[f"{table.level.id}:{c.ref}"] = c.number
    return out


class _Reader:
    """Reads the tables of one file into a :class:`FileRead`."""

    def __init__(self, campaign: m.Campaign, read: FileRead, *, base: m.Results | None = None) -> None:
        self.campaign = campaign
        self.read = read
        self.units = {u.id: u for u in campaign.units}
        self.criteria = {c.id: c for r in campaign.rubrics for c in r.leaves()}
        self.first_stage = campaign.stages[0].id if campaign.stages else None
        self.numbers = _known_numbers(campaign)
        self.seen: dict[str, str] = {}
        self.base = base
        self.locked = 0
        #: grades read from labels, by level and label as typed
        self.grades: dict[tuple[str, str], str] = {}

    def problem(self, problem: Problem) -> None:
        self.read.problems.append(problem.located(source=self.read.source))

    def unit_of(self, table: RawTable, raw: Any, col: int, row: int, *, again: bool = False) -> m.Unit | None:
        unit_id = raw.strip() if type(raw) is str and raw.isascii() else m.nfc(str(raw))  # ids are ASCII
        here = _cell(table, col, row)
        unit = self.units.get(unit_id)
        if unit is None:
            self.problem(codes.TABLE_UNKNOWN_UNIT(unit=unit_id).located(**here))
            return None
        if not again and unit_id in self.seen:
            self.problem(codes.TABLE_UNIT_TWICE(unit=unit_id, first=self.seen[unit_id]).located(**here))
            return None
        self.seen.setdefault(unit_id, f"{table.name}!{here['cell']}")
        return unit

    def entries(self, unit: m.Unit, table: RawTable, row: int | None, blanks: Mapping[str, int]) -> UnitEntries:
        found = self.read.units.get(unit.id)
        if found is None:
            found = self.read.units[unit.id] = UnitEntries(unit.id, self.read.source, table.name, row, blanks=blanks)
        return found

    def value(  # noqa: PLR0917 - the cell, its place and how to read it
        self, table: RawTable, row: int, col: int, raw: Any, column: Column, level: str
    ) -> Any:
        """A cell read for *column*, or ``None`` after reporting its problem."""
        if column.kind == "rating" and type(raw) is str:  # the same few grade labels on every row
            found = self.grades.get((level, raw))
            if found is not None:
                return found
        if isinstance(raw, Formula):
            self.problem(codes.FORMULA_CELL().located(**_cell(table, col, row)))
            return None
        if isinstance(raw, ErrorValue):
            self.problem(codes.CELL_ERROR_VALUE(value=str(raw)).located(**_cell(table, col, row)))
            return None
        try:
            value = parse_cell(raw, column, self.campaign, level)
        except CellError as exc:
            self.problem(exc.problem.located(**_cell(table, col, row)))
            return None
        if column.kind == "rating" and type(raw) is str and len(self.grades) < 1024:
            self.grades[level, raw] = value
        return value

    # -- results sheets --

    def results_table(self, table: RawTable) -> None:
        columns: list[tuple[int, Column]] = []
        unit_col: int | None = None
        blanks: dict[str, int] = {}
        for idx, key in table.keys:
            at = _cell(table, idx, table.header_row)
            blanks[key] = idx
            if key == "unit":
                unit_col = idx
            elif key in ("code", "name"):
                continue
            else:
                col = _column_for(key, self.criteria)
                if col is None:
                    self.problem(codes.UNKNOWN_COLUMN(column=key).located(**at))
                elif col.kind in ("points", "bonus") and self.first_stage is None:
                    self.problem(codes.NO_STAGES_FOR_POINTS().located(**at))
                elif col.kind in ("points", "bonus") and col.ref not in self.criteria:
                    self.problem(model_codes.UNKNOWN_CRITERION(criterion=col.ref).located(**at))
                else:
                    columns.append((idx, col))
        if unit_col is None:
            self.problem(codes.NO_UNIT_COLUMN().located(sheet=table.name, cell=f"A{table.header_row}"))
            return
        numbers = self.numbers
        for row_no, cells in table.rows:
            self.read.rows += 1
            n = len(cells)
            raw_unit = cells[unit_col] if unit_col < n else None
            filled = [(idx, col, cells[idx]) for idx, col in columns if idx < n and not _blank(cells[idx])]
            if _blank(raw_unit):
                if filled:
                    self.problem(codes.VALUES_WITHOUT_UNIT().located(**_cell(table, unit_col, row_no)))
                continue
            unit = self.unit_of(table, raw_unit, unit_col, row_no)
            if unit is None or not filled:
                continue
            entries = self.entries(unit, table, row_no, blanks)
            values = entries.values
            for idx, given, raw in filled:
                col = given
                if given.kind == "measure":
                    col = attrs.evolve(given, number=numbers.get(f"{unit.level}:{given.ref}", "decimal"))
                value = self.value(table, row_no, idx, raw, col, unit.level)
                if value is None:
                    continue
                kind = col.kind
                if kind == "rating":
                    values["rating",] = (value, idx)
                elif kind == "count":
                    values["counts", col.ref, col.grade or ""] = (value, idx)
                elif kind == "total":
                    values["totals", col.ref] = (value, idx)
                elif kind in ("points", "bonus"):
                    values[kind, self.first_stage or "", col.ref] = (value, idx)
                else:
                    values[f"{kind}s", col.ref] = (value, idx)

    # -- review sheets --

    def stage_name(self, stage: str) -> str:
        """A stage's name, for a person (its id only when the campaign does not know it)."""
        return next((s.name for s in self.campaign.stages if s.id == stage), stage)

    def review_table(self, table: RawTable, stage: str) -> None:
        keys = {key: idx for idx, key in table.keys}
        missing = [k for k in ("unit", "criterion", "points") if k not in keys]
        if missing:
            self.problem(codes.NO_UNIT_COLUMN().located(sheet=table.name, cell=f"A{table.header_row}"))
            return
        if self.base is None:
            self.problem(codes.REVIEW_NEEDS_RESULTS(stage=self.stage_name(stage)).located(sheet=table.name))
            return
        previous = effective_scores(self.campaign, self.base, stage)
        uc, cc, pc = keys["unit"], keys["criterion"], keys["points"]
        bc, rc = keys.get("bonus"), keys.get("reason")
        prev_pc, prev_bc = keys.get("previous:points"), keys.get("previous:bonus")
        seen_pairs: dict[tuple[str, str], int] = {}

        def cell(cells: tuple[Any, ...], idx: int | None) -> Any:
            return cells[idx] if idx is not None and idx < len(cells) else None

        for row_no, cells in table.rows:
            self.read.rows += 1
            raw_unit, raw_crit = cell(cells, uc), cell(cells, cc)
            if _blank(raw_unit) or _blank(raw_crit):
                if any(not _blank(v) for v in (cell(cells, pc), cell(cells, bc), cell(cells, rc))):
                    self.problem(codes.VALUES_WITHOUT_UNIT().located(**_cell(table, uc, row_no)))
                continue
            unit = self.unit_of(table, raw_unit, uc, row_no, again=True)
            if unit is None:
                continue
            crit_id = m.nfc(str(raw_crit))
            crit = self.criteria.get(crit_id)
            if crit is None or not isinstance(crit.method, m.Assessed):
                self.problem(model_codes.UNKNOWN_CRITERION(criterion=crit_id).located(**_cell(table, cc, row_no)))
                continue
            if (unit.id, crit_id) in seen_pairs:
                first = f"{table.name}!{column_letter(uc)}{seen_pairs[unit.id, crit_id]}"
                self.problem(
                    codes.TABLE_UNIT_TWICE(unit=f"{unit.id} / {crit_id}", first=first).located(
                        **_cell(table, uc, row_no)
                    )
                )
                continue
            seen_pairs[unit.id, crit_id] = row_no
            before = previous.get(unit.id, {}).get(crit_id, (None, None))
            for idx, was in ((prev_pc, before[0]), (prev_bc, before[1])):
                shown_prev = cell(cells, idx)
                if idx is not None and not _same_number(shown_prev, was):
                    self.locked_changed(table, idx, row_no, was, shown_prev)
            entries = self.entries(unit, table, None, keys)
            entries.values["stage", stage] = (True, uc)
            entries.rows.setdefault("", row_no)
            raw_points, raw_bonus = cell(cells, pc), cell(cells, bc)
            if _blank(raw_points):
                if before[0] is not None:  # the value written in the template was erased
                    self.problem(codes.REVIEW_BLANK().located(**_cell(table, pc, row_no)))
                continue
            points = self.value(table, row_no, pc, raw_points, self.points_column("points", crit_id), unit.level)
            bonus = None
            if bc is not None and not _blank(raw_bonus):
                bonus = self.value(table, row_no, bc, raw_bonus, self.points_column("bonus", crit_id), unit.level)
            elif bc is not None and before[1] is not None:
                self.problem(codes.REVIEW_BLANK().located(**_cell(table, bc, row_no)))
                continue
            if points is None or (bc is not None and not _blank(raw_bonus) and bonus is None):
                continue  # refused above, with its cell
            changed = points != before[0] or (bonus is not None and bonus != before[1])
            if not changed:
                continue  # restated unchanged: no change, no reason needed
            raw_reason = cell(cells, rc)
            if _blank(raw_reason):
                at = _cell(table, rc if rc is not None else pc, row_no)
                self.problem(model_codes.REASON_NEEDED(stage=self.stage_name(stage)).located(**at))
                continue
            entries.rows[crit_id] = row_no
            if points != before[0]:
                entries.values["points", stage, crit_id] = (points, pc)
            if bonus is not None and bonus != before[1]:
                entries.values["bonus", stage, crit_id] = (bonus, bc if bc is not None else pc)
            entries.values["reason", stage, crit_id] = (m.nfc(str(raw_reason)), rc if rc is not None else pc)

    def points_column(self, kind: str, crit_id: str) -> Column:
        return _column_for(f"{kind}:{crit_id}", self.criteria) or Column(kind, kind, crit_id, number="decimal")

    # -- meeting sheets --

    def meeting_table(self, table: RawTable, cluster_id: str | None) -> None:
        keys = {key: idx for idx, key in table.keys}
        if "unit" not in keys:
            self.problem(codes.NO_UNIT_COLUMN().located(sheet=table.name, cell=f"A{table.header_row}"))
            return
        cluster = next((cl for cl in self.campaign.clusters if cl.id == cluster_id), None)
        if cluster is None:
            self.problem(codes.MEETING_UNKNOWN_CLUSTER(cluster=str(cluster_id)).located(sheet=table.name))
            return
        uc, rank_c, award_c = keys["unit"], keys.get("rank"), keys.get("award")
        awards = _award_names(self.campaign)
        ranked: list[tuple[int, str, int]] = []
        proposals: list[m.Proposal] = []
        ranks_seen: dict[int, int] = {}
        for row_no, cells in table.rows:
            self.read.rows += 1
            raw_unit = cells[uc] if uc < len(cells) else None
            rank_raw = cells[rank_c] if rank_c is not None and rank_c < len(cells) else None
            award_raw = cells[award_c] if award_c is not None and award_c < len(cells) else None
            if _blank(raw_unit):
                if not (_blank(rank_raw) and _blank(award_raw)):
                    self.problem(codes.VALUES_WITHOUT_UNIT().located(**_cell(table, uc, row_no)))
                continue
            unit = self.unit_of(table, raw_unit, uc, row_no, again=True)
            if unit is None:
                continue
            if unit.id not in cluster.members:
                self.problem(
                    model_codes.NOT_A_MEMBER(
                        unit=unit.id, kind=model_codes.TERMS[cluster.kind.value], cluster=cluster.id
                    ).located(**_cell(table, uc, row_no))
                )
                continue
            if rank_c is not None and not _blank(rank_raw):
                rank = self.value(table, row_no, rank_c, rank_raw, Column("rank", "count", "", number="whole"), "")
                if rank is not None:
                    if rank < 1:
                        self.problem(model_codes.NOT_POSITIVE(value=rank).located(**_cell(table, rank_c, row_no)))
                    elif rank in ranks_seen:
                        self.problem(
                            codes.RANK_TWICE(rank=rank, first=f"{column_letter(rank_c)}{ranks_seen[rank]}").located(
                                **_cell(table, rank_c, row_no)
                            )
                        )
                    else:
                        ranks_seen[rank] = row_no
                        ranked.append((rank, unit.id, row_no))
            if award_c is not None and not _blank(award_raw):
                if isinstance(award_raw, Formula | ErrorValue):
                    self.value(table, row_no, award_c, award_raw, Column("award", "rating", ""), "")
                    continue
                award = awards.get(m.nfc(str(award_raw)).casefold())
                if award is None:
                    self.problem(
                        codes.CELL_UNKNOWN_AWARD(
                            value=shown(award_raw), allowed=", ".join(a.id for a in self.campaign.awards)
                        ).located(**_cell(table, award_c, row_no))
                    )
                else:
                    proposals.append(m.Proposal(unit.id, award))
        if not ranked and not proposals:
            return
        order = tuple(u for _, u, _ in sorted(ranked))
        self.read.decisions[cluster.id] = (
            m.Decision(cluster.id, order=order, proposals=tuple(proposals)),
            {"source": self.read.source, "sheet": table.name, "cell": f"A{table.header_row + 1}"},
        )

    # -- locked cells --

    def locked_changed(self, table: RawTable, col: int, row: int, expected: Any, got: Any) -> None:
        self.locked += 1
        if self.locked <= _MAX_LOCKED:
            self.problem(
                codes.LOCKED_CELL_CHANGED(expected=_shown_cell(expected), value=_shown_cell(got)).located(
                    **_cell(table, col, row)
                )
            )

    def check_locked(
        self, table: RawTable, expected: Sequence[Sequence[Any]], inputs: set[int], _keys: tuple[str, ...]
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """The rows of a template's sheet, checking every locked cell against what the template wrote.

        *expected* holds the locked values of each data row (row 3 on), by column;
        *inputs* are the columns left unlocked. A value in any other cell (beyond
        the template's rows or columns) is a locked cell changed too.
        """
        last = table.header_row + len(expected)
        width = max((len(w) for w in expected), default=0)
        locked = [c for c in range(width) if c not in inputs]
        for row_no, cells in table.rows:
            if row_no <= table.header_row:
                continue
            n = len(cells)
            if row_no <= last:
                want = expected[row_no - table.header_row - 1]
                for col in locked:  # the cells the template wrote and locked (a unit's code, id, name)
                    got = cells[col] if col < n else None
                    exp = want[col] if col < len(want) else None
                    if got != exp and not _same_locked(got, exp):
                        self.locked_changed(table, col, row_no, exp, got)
                extra = range(max(width, max(inputs, default=-1) + 1), n)
            else:
                extra = range(n)  # below the template's last row: every cell is locked
            for col in extra:
                if not _blank(cells[col]):
                    self.locked_changed(table, col, row_no, None, cells[col])
            yield row_no, cells
        if self.locked > _MAX_LOCKED:
            self.problem(codes.MORE_LOCKED_CELLS(count=self.locked).located(sheet=table.name))
            self.locked = 0


def _shown_cell(value: Any) -> Any:
    """A cell's value for a message: a blank cell is said so, in the reader's language."""
    if _blank(value):
        return codes.TERMS["blank"]
    if isinstance(value, frozenset):
        value = min(value)
    return shown(_plain(value))


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else value
    if isinstance(value, Formula):
        return value.value
    return value


def _same_locked(got: Any, expected: Any) -> bool:
    if _blank(got) and _blank(expected):
        return True
    if isinstance(expected, frozenset):  # a text written in either language
        return isinstance(got, str) and m.nfc(got) in expected
    if isinstance(got, str) and isinstance(expected, str):
        return m.nfc(got) == m.nfc(expected)
    return _same_number(got, expected) if not isinstance(expected, str) else str(got) == expected


def _same_number(got: Any, expected: Any) -> bool:
    if _blank(got) and expected is None:
        return True
    if expected is None or _blank(got) or isinstance(got, bool):
        return False
    try:
        value = m.parse_number(got) if not isinstance(got, float) else Fraction(repr(got))
    except (ModelError, ValueError):
        return False
    return bool(value == expected)


def _award_names(campaign: m.Campaign) -> dict[str, str]:
    """Awards by id, by the name of their title (Vietnamese and English), casefolded."""
    titles = {t.id: t for t in campaign.titles}
    out: dict[str, str] = {}
    for a in campaign.awards:
        out[a.id.casefold()] = a.id
        t = titles.get(a.title)
        if t is not None:
            out.setdefault(m.nfc(t.name).casefold(), a.id)
            if t.name_en:
                out.setdefault(m.nfc(t.name_en).casefold(), a.id)
    return out


def read_tables(
    campaign: m.Campaign,
    tables: Iterable[RawTable],
    *,
    source: str,
    meta: Mapping[str, Any] | None = None,
    base: m.Results | None = None,
    expected: Mapping[str, Any] | None = None,
) -> FileRead:
    """Read the tables of one file into entries (nothing is raised: problems are collected).

    Args:
        campaign: the campaign.
        tables: the file's tables, each read once.
        source: the file's name, for problems.
        meta: what the template's hidden sheet says (kind, stage, sheets).
        base: the results of the previous stages (for a review workbook).
        expected: per sheet title, the template's locked cells and input columns.

    .. versionadded:: 0.1.0
    """
    meta = dict(meta or {})
    kind = str(meta.get("kind") or "results")
    stage = meta.get("stage")
    read = FileRead(source, kind=kind, stage=str(stage) if stage else None, meta=meta)
    reader = _Reader(campaign, read, base=base)
    sheet_ids = meta.get("sheets", {})
    for given in tables:
        read.sheets.append(given.name)
        lock = (expected or {}).get(given.name)
        table = given
        if lock is not None:
            table = attrs.evolve(given, rows=reader.check_locked(given, *lock))
            if tuple(k for _, k in table.keys) != lock[2]:
                _keys_changed(reader, table, lock[2])
        if kind == "review" and stage:
            reader.review_table(table, str(stage))
        elif kind == "meeting":
            reader.meeting_table(table, sheet_ids.get(table.name))
        else:
            reader.results_table(table)
    return read


def _keys_changed(reader: _Reader, table: RawTable, keys: tuple[str, ...]) -> None:
    got = dict(table.keys)
    for i, key in enumerate(keys):
        if got.get(i) != key:
            reader.locked_changed(table, i, table.header_row, key, got.get(i))


# -- documents -----------------------------------------------------------------------------------


def document_entries(results: m.Results, source: str) -> FileRead:
    """The entries of a results document, each with its path (for merging with tables).

    .. versionadded:: 0.1.0
    """
    read = FileRead(source, kind="document")
    for i, r in enumerate(results.units):
        loc: Loc = ("units", i)
        e = UnitEntries(r.unit, source, loc=loc)
        v = e.values
        if r.rating is not None:
            v["rating",] = (r.rating, (*loc, "rating"))
        for level, by_grade in r.counts.items():
            for grade, n in by_grade.items():
                v["counts", level, grade] = (n, (*loc, "counts", level, grade))
        for level, n in r.totals.items():
            v["totals", level] = (n, (*loc, "totals", level))
        for field in ("measures", "flags", "dates"):
            for name, value in getattr(r, field).items():
                v[field, name] = (value, (*loc, field, name))
        for j, a in enumerate(r.assessments):
            if a.on is not None:
                v["on", a.stage] = (a.on, (*loc, "assessments", j, "on"))
            if a.by is not None:
                v["by", a.stage] = (a.by, (*loc, "assessments", j, "by"))
            v["stage", a.stage] = (True, (*loc, "assessments", j))
            for k, s in enumerate(a.scores):
                at = (*loc, "assessments", j, "scores", k)
                if s.points is not None:
                    v["points", a.stage, s.criterion] = (s.points, (*at, "points"))
                if s.bonus is not None:
                    v["bonus", a.stage, s.criterion] = (s.bonus, (*at, "bonus"))
                if s.reason is not None:
                    v["reason", a.stage, s.criterion] = (s.reason, (*at, "reason"))
                if s.evidence:
                    v["evidence", a.stage, s.criterion] = (s.evidence, (*at, "evidence"))
        read.units[r.unit] = e
    for i, d in enumerate(results.decisions):
        read.decisions[d.cluster] = (d, {"source": source, "loc": ("decisions", i)})
    read.rows = len(results.units)
    read.meta = {"campaign": results.campaign, "year": results.year, "sample": results.sample, "note": results.note}
    return read


# -- building results ------------------------------------------------------------------------------


def effective_scores(
    campaign: m.Campaign, results: m.Results, before: str | None = None
) -> dict[str, dict[str, tuple[Fraction | None, Fraction | None]]]:
    """Each unit's points and bonus per criterion as the stages before *before* leave them.

    The first stage gives every criterion; each later stage changes some.

    >>> import thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> effective_scores(c, r, "cum-tham-dinh")["xa-van-khanh-tay"]["doi-moi"]
    (Fraction(14, 1), Fraction(1, 1))
    >>> effective_scores(c, r)["xa-van-khanh-tay"]["doi-moi"]
    (Fraction(13, 1), Fraction(1, 1))

    .. versionadded:: 0.1.0
    """
    order = [s.id for s in campaign.stages]
    limit = order.index(before) if before in order else len(order)
    out: dict[str, dict[str, tuple[Fraction | None, Fraction | None]]] = {}
    for r in results.units:
        mine: dict[str, tuple[Fraction | None, Fraction | None]] = {}
        for a in r.assessments:
            if a.stage not in order or order.index(a.stage) >= limit:
                continue
            for s in a.scores:
                old = mine.get(s.criterion, (None, None))
                mine[s.criterion] = (
                    s.points if s.points is not None else old[0],
                    s.bonus if s.bonus is not None else old[1],
                )
        if mine:
            out[r.unit] = mine
    return out


def missing_inputs(campaign: m.Campaign, results: m.Results) -> list[Problem]:
    """Every input the campaign asks of a reporting unit that its results leave blank (warnings).

    The inputs are those of the campaign's results template (see
    :func:`thidua.io._layout.table_layout`): grades, counts by grade, measures,
    yes/no answers, dates and the points of the first review stage. A blank is
    a missing input, never 0; the grades of a level given with its total are
    not blank (they count 0), and a level given in part is reported by
    :func:`thidua.model.validate_results`. Units that reported nothing at all
    are left to the caller (:func:`thidua.io.collect` names them once each).

    >>> import thidua, attrs
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> row = attrs.evolve(r.units[0], measures={})
    >>> [p.path for p in missing_inputs(c, attrs.evolve(r, units=(row,)))]
    ['units[0].measures.fund_raised', 'units[0].measures.fund_quota', 'units[0].measures.late_reports']

    .. versionadded:: 0.1.0
    """
    index = {r.unit: i for i, r in enumerate(results.units)}
    first = campaign.stages[0].id if campaign.stages else None
    optional = set(campaign.tie_breaks) | {n for s in campaign.scales for cap in s.caps for n in cap.tie_break}
    problems: list[Problem] = []
    for table in table_layout(campaign):
        for unit in table.units:
            i = index.get(unit.id)
            if i is None:
                continue
            r = results.units[i]
            scores = next((a for a in r.assessments if a.stage == first), None)
            given = {s.criterion for s in scores.scores if s.points is not None} if scores is not None else set()
            for col in table.columns:
                at: Loc | None = None
                if col.kind == "rating" and r.rating is None:
                    at = ("rating",)
                elif col.kind == "count" and col.ref not in r.counts and col.ref not in r.totals:
                    at = ("counts", col.ref, col.grade or "")
                elif col.kind in ("measure", "flag", "date") and col.ref not in getattr(r, f"{col.kind}s"):
                    at = None if col.ref in optional and col.kind == "measure" else (f"{col.kind}s", col.ref)
                elif col.kind == "points" and col.ref not in given:
                    at = ("assessments", 0, "scores", col.ref) if scores is not None else ("assessments",)
                if at is not None:
                    problems.append(codes.INPUT_MISSING(("units", i, *at), what=col.key))
    return problems


def build_results(
    campaign: m.Campaign,
    units: Sequence[UnitEntries],
    decisions: Sequence[m.Decision] = (),
    *,
    sample: bool = False,
    note: str | None = None,
    blanks: bool = False,
) -> tuple[m.Results, list[Problem]]:
    """The results the entries make, validated; every problem at the cell or path of its entry.

    Args:
        campaign: the campaign.
        units: the entries of each unit.
        decisions: the meetings' decisions.
        sample: mark the results as sample data.
        note: the results' note.
        blanks: also report every input left blank (:func:`missing_inputs`), at its cell.

    Returns:
        The results, and their problems (errors and warnings); results with
        errors are returned too, for a caller that lists problems.

    .. versionadded:: 0.1.0
    """
    problems: list[Problem] = []
    built: list[m.UnitResult] = []
    kept: list[UnitEntries] = []
    stages = [s.id for s in campaign.stages]
    for e in units:
        try:
            built.append(_unit_result(e, stages))
        except ModelError as exc:
            problems.extend(p.located(**_where_of(e)) for p in exc.problems)
            continue
        kept.append(e)
    results = m.Results(campaign.id, campaign.year, tuple(built), tuple(decisions), sample=sample, note=note)
    problems.extend(locate(p, kept, built) for p in m.validate_results(campaign, results))
    if blanks:
        problems.extend(locate(p, kept, built) for p in missing_inputs(campaign, results))
    return results, problems


def locate(problem: Problem, units: Sequence[UnitEntries], built: Sequence[m.UnitResult]) -> Problem:
    """*problem* of results built from entries, at the cell (or path) its entry came from.

    .. versionadded:: 0.1.0
    """
    loc = problem.loc
    if len(loc) >= 2 and loc[0] == "units" and isinstance(loc[1], int) and loc[1] < len(units):
        e, r = units[loc[1]], built[loc[1]]
        return _locate_in(problem, e, r, loc[2:])
    return problem


def _locate_in(problem: Problem, e: UnitEntries, r: m.UnitResult, rest: Loc) -> Problem:
    key: Key | None = None
    blank: str | None = None
    criterion: str | None = None
    if rest and rest[0] in ("counts", "totals") and len(rest) >= 2:
        level = str(rest[1])
        if rest[0] == "counts" and len(rest) >= 3:
            key, blank = ("counts", level, str(rest[2])), f"count:{level}:{rest[2]}"
        else:
            key, blank = ("totals", level), f"total:{level}"
    elif rest and rest[0] in ("measures", "flags", "dates") and len(rest) >= 2:
        key, blank = (str(rest[0]), str(rest[1])), f"{str(rest[0])[:-1]}:{rest[1]}"
    elif rest and rest[0] == "rating":
        key, blank = ("rating",), "rating"
    elif len(rest) == 4 and rest[0] == "assessments" and rest[2] == "scores" and isinstance(rest[3], str):
        criterion = rest[3]  # a criterion left blank (see missing_inputs)
        stage = r.assessments[0].stage if r.assessments else ""
        key, blank = ("points", stage, criterion), f"points:{criterion}"
    elif rest == ("assessments",):
        blank = next((k for k in e.blanks if k.startswith("points:")), None)
    elif len(rest) >= 4 and rest[0] == "assessments" and rest[2] == "scores":
        j, k = rest[1], rest[3]
        if isinstance(j, int) and isinstance(k, int) and j < len(r.assessments) and k < len(r.assessments[j].scores):
            a = r.assessments[j]
            criterion = a.scores[k].criterion
            field = str(rest[4]) if len(rest) > 4 else "points"
            field = field if field in ("points", "bonus", "reason") else "points"
            key, blank = (field, a.stage, criterion), f"{field}:{criterion}"
    entry = e.values.get(key) if key is not None else None
    if entry is not None:
        where: Where | None = entry[1]
    elif blank is not None and blank in e.blanks:
        where = e.blanks[blank]
    else:
        where = None
    at = e.place(where, criterion)
    if "loc" in at:
        loc = at["loc"] if isinstance(where, tuple | dict) else (*e.loc, *rest)
        return attrs.evolve(problem, loc=loc, source=at["source"] or problem.source)
    return problem.located(**at)


def _where_of(e: UnitEntries) -> dict[str, Any]:
    at = e.place(None)
    if "loc" in at:
        return {"source": at["source"]}
    return at


def _unit_result(e: UnitEntries, stages: Sequence[str]) -> m.UnitResult:
    rating: str | None = None
    counts: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    fields: dict[str, dict[str, Any]] = {"measures": {}, "flags": {}, "dates": {}}
    scores: dict[str, dict[str, dict[str, Any]]] = {}
    meta: dict[str, dict[str, Any]] = {}
    for key, (value, _where) in e.values.items():
        head = key[0]
        if head == "rating":
            rating = value
        elif head == "counts":
            counts.setdefault(key[1], {})[key[2]] = value
        elif head == "totals":
            totals[key[1]] = value
        elif head in fields:
            fields[head][key[1]] = value
        elif head in ("points", "bonus", "reason", "evidence"):
            scores.setdefault(key[1], {}).setdefault(key[2], {})[head] = value
        elif head in ("on", "by", "stage"):
            meta.setdefault(key[1], {})[head] = value
    assessments = []
    for stage in sorted(set(scores) | set(meta), key=lambda s: (stages.index(s) if s in stages else len(stages), s)):
        entries = [
            m.ScoreEntry(crit, v.get("points"), v.get("bonus"), v.get("reason"), v.get("evidence", ()))
            for crit, v in scores.get(stage, {}).items()
        ]
        info = meta.get(stage, {})
        assessments.append(m.Assessment(stage, entries, info.get("on"), info.get("by")))
    return m.UnitResult(
        e.unit,
        rating=rating,
        counts=counts,
        totals=totals,
        measures=fields["measures"],
        flags=fields["flags"],
        dates=fields["dates"],
        assessments=assessments,
    )


def raise_errors(problems: Iterable[Problem], source: str | None = None) -> None:
    """Raise a :class:`DataError` if any of *problems* is an error.

    .. versionadded:: 0.1.0
    """
    found = list(problems)
    if any(p.is_error for p in found):
        raise DataError(found, source=source)
