"""Filled workbooks for the page's tests and benchmark: a template written by thidua, filled in with openpyxl.

The values are those of a bundled result set, typed as a person would type
them: grades by name, yes/no as ``có``/``không``, exact numbers as text when
they are not whole, and the points as the last review stage left them.
"""

from __future__ import annotations

from pathlib import Path

from thidua import model as m
from thidua.io import make_template
from thidua.io._converter import number_text as format_number


def _value(unit: m.UnitResult, key: str, campaign: m.Campaign):
    kind, _, ref = key.partition(":")
    if kind == "rating":
        if unit.rating is None:
            return None
        scale = campaign.scale_for(next(u.level for u in campaign.units if u.id == unit.unit))
        return next(g.name for g in scale.grades if g.id == unit.rating)
    if kind == "count":
        level, _, grade = ref.partition(":")
        return unit.counts.get(level, {}).get(grade)
    if kind == "measure":
        value = unit.measures.get(ref)
        if value is None:
            return None
        return int(value) if value.denominator == 1 else format_number(value)
    if kind == "flag":
        value = unit.flags.get(ref)
        return None if value is None else ("có" if value else "không")
    if kind == "date":
        return unit.dates.get(ref)
    if kind in ("points", "bonus"):
        value = None
        for assessment in unit.assessments:  # each review stage changes some points: the last change counts
            for entry in assessment.scores:
                if entry.criterion == ref:
                    given = entry.points if kind == "points" else entry.bonus
                    value = given if given is not None else value
        if value is None:
            return None
        return int(value) if value.denominator == 1 else format_number(value)
    return None


def filled_template(campaign: m.Campaign, results: m.Results, path: Path, *, units: set[str] | None = None) -> Path:
    """Write *campaign*'s template at *path* and fill it with *results* (only *units*, when given)."""
    import openpyxl

    make_template(campaign, path)
    wb = openpyxl.load_workbook(path)
    given = results.by_unit()
    for ws in wb.worksheets:
        keys = [c.value for c in ws[2]]
        if ws.sheet_state == "hidden" or "unit" not in keys:
            continue
        unit_col = keys.index("unit")
        for row in ws.iter_rows(min_row=3):
            unit_id = row[unit_col].value
            unit = given.get(unit_id)
            if unit is None or (units is not None and unit_id not in units):
                continue
            for cell, key in zip(row, keys, strict=False):
                if key and key not in ("code", "unit", "name"):
                    cell.value = _value(unit, key, campaign)
    wb.save(path)
    return path
