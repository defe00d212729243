"""Problems as the English lines the tests compare: ``"path: message"`` (the file left out)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from thidua.errors import DataError, Problem

#: the grades of the communes' and hamlets' scales (the tests' and the bundled example's), as a
#: problem lists them: each id with its name
GRADES_LISTED = (
    "htxs (Hoàn thành xuất sắc nhiệm vụ), htt (Hoàn thành tốt nhiệm vụ), "
    "ht (Hoàn thành nhiệm vụ), kht (Không hoàn thành nhiệm vụ)"
)


def en(problems: Iterable[Problem] | Problem | DataError) -> Any:
    """Each problem rendered in English, as ``"path: message"`` (or the sheet and cell of a table).

    A tuple of problems (``DataError.problems``) gives a tuple, anything else a list.
    """
    if isinstance(problems, DataError):
        problems = problems.problems
    if isinstance(problems, Problem):
        problems = [problems]
    lines = [p.render("en", source=False) for p in problems]
    return tuple(lines) if isinstance(problems, tuple) else lines


def english(exc: BaseException) -> str:
    """An exception's message in English (thidua's errors render in the reader's language)."""
    render = getattr(exc, "render", None)
    return render("en") if callable(render) else str(exc)


@contextmanager
def raises_en(kind: type[BaseException] | tuple[type[BaseException], ...], match: str) -> Iterator[Any]:
    """``pytest.raises(kind, match=...)`` against the English message of the error."""
    with pytest.raises(kind) as info:
        yield info
    text = english(info.value)
    assert re.search(match, text), f"{match!r} not found in {text!r}"
