"""Renamed public names: the old name still works, with a DeprecationWarning naming the new one."""

from __future__ import annotations

import importlib

import pytest

RENAMED = [
    ("thidua.model", "Step", "StepRow"),
    ("thidua.io", "format_number", "number_text"),
    ("thidua.io", "format_share", "share_text"),
    ("thidua.tables", "compare", "side_by_side"),
    ("thidua.formula", "names", "identifiers"),
]


@pytest.mark.parametrize(("module", "old", "new"), RENAMED)
def test_the_old_name_warns_and_gives_the_new_object(module, old, new):
    mod = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=rf"^{module}\.{old} is deprecated: it is now {module}\.{new} "):
        found = getattr(mod, old)
    assert found is getattr(mod, new)
    assert new in mod.__all__
    assert old not in mod.__all__
    with pytest.warns(DeprecationWarning, match=f"it is now {module}.{new}"):
        exec(f"from {module} import {old}", {})  # noqa: S102 - a fixed import statement


@pytest.mark.parametrize("module", sorted({m for m, _, _ in RENAMED}))
def test_other_missing_names_are_still_errors(module):
    mod = importlib.import_module(module)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = mod.nothing_here


def test_the_colliding_names_are_gone_from_the_public_namespaces():
    from thidua import engine, examples, formula, io, l10n, lineage, model, tables

    assert model.StepRow is not engine.Step
    assert "Step" not in model.__all__
    assert io.number_text is not l10n.format_number
    assert "format_number" not in io.__all__
    assert "compare" not in tables.__all__
    assert lineage.compare.__module__ == "thidua.lineage"
    assert "names" not in formula.__all__
    assert examples.names()[0] == "an-minh-2022"


def test_a_step_table_keeps_its_fingerprint():
    # the canonical form names the class as first published (Step)
    from thidua.engine import canonical
    from thidua.model import StepRow, StepTable

    assert canonical(StepTable("models", [StepRow(1, 5)])) == ["StepTable", "models", [["Step", "1/1", "5/1"]]]
