"""Type-checked usage of the public API (run by tests/test_typing.py with mypy --strict)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, assert_type

import thidua
from thidua import engine, io


def loaded(path: Path, text: str) -> None:
    campaign = thidua.load(path, expected="campaign")
    assert_type(campaign, thidua.Campaign)
    assert_type(thidua.load(path, expected="results", campaign=campaign), thidua.Results)
    assert_type(thidua.load(path, expected="history"), thidua.History)
    assert_type(thidua.load(path), io.Document)
    assert_type(thidua.loads(text, expected="campaign"), thidua.Campaign)
    assert_type(thidua.loads(text, "yaml", expected="results", pause_gc=False), thidua.Results)


def served(campaign: thidua.Campaign, results: thidua.Results) -> None:
    session = thidua.Session(campaign, results, pause_gc=False)
    update = session.update(thidua.UnitResult("xa-a"))
    assert_type(update, engine.Update)
    assert_type(update.evaluation, thidua.Evaluation)
    assert_type(update.results, thidua.Results)
    assert_type(update.fingerprint, str)
    assert_type(session.unit("xa-a"), engine.UnitEvaluation)
    assert_type(io.to_data(update), dict[str, Any])
    assert_type(thidua.validate_row(campaign, {"unit": "xa-a"}), list[thidua.Problem])
