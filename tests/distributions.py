"""The built distributions under test, and where the imported thidua comes from."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]


class Built(NamedTuple):
    """The sdist and the wheel of one build."""

    sdist: Path
    wheel: Path


def installed_from() -> str:
    """Where the imported ``thidua`` comes from: ``"wheel"`` (site-packages) or ``"source"`` (src/)."""
    import thidua

    here = Path(thidua.__file__).resolve()
    if here.is_relative_to(ROOT / "src"):
        return "source"
    if here.is_relative_to(Path(sysconfig.get_paths()["purelib"]).resolve()):
        return "wheel"
    msg = f"thidua is imported from {here}, neither {ROOT / 'src'} nor site-packages"
    raise AssertionError(msg)


def _one(directory: Path, pattern: str) -> Path:
    found = sorted(directory.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {directory}, found {[p.name for p in found]}"
    return found[0]


def find_or_build(scratch: Path) -> Built:
    """The distributions in ``$THIDUA_DIST`` if set (scripts/test.sh builds them there),
    otherwise built now into *scratch* with ``python -m build`` (sdist, then the wheel from it)."""
    given = os.environ.get("THIDUA_DIST")
    if given:
        directory = Path(given).resolve()
    else:
        directory = scratch
        subprocess.run(  # noqa: S603 - our own build of our own tree
            [sys.executable, "-m", "build", "--outdir", str(directory), str(ROOT)],
            check=True,
            capture_output=True,
        )
    return Built(_one(directory, "thidua-*.tar.gz"), _one(directory, "thidua-*-py3-none-any.whl"))
