"""The public API's types, as a program that uses it sees them (mypy --strict on tests/typing/)."""

from __future__ import annotations

from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api", reason="mypy (the tests extra)")


def test_the_public_api_type_checks(tmp_path):
    usage = Path(__file__).parent / "typing" / "api.py"
    out, err, status = api.run(["--strict", "--no-error-summary", "--cache-dir", str(tmp_path), str(usage)])
    assert (status, out, err) == (0, "", "")
