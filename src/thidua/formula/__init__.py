"""The formula language of derived indicators and conditions.

>>> from fractions import Fraction
>>> evaluate(parse("min(lifted, 10) * 2"), {"lifted": Fraction(7)})
Fraction(14, 1)

.. versionadded:: 0.1.0
"""

from typing import Any

from thidua._renamed import renamed
from thidua.formula._parser import (
    BinOp,
    Call,
    Compare,
    Name,
    Node,
    Not,
    Num,
    evaluate,
    identifiers,
    parse,
)

__all__ = ["BinOp", "Call", "Compare", "Name", "Node", "Not", "Num", "evaluate", "identifiers", "parse"]

#: names renamed since they were published: the old name still works, with a DeprecationWarning
_RENAMED = {"names": "identifiers"}


def __getattr__(name: str) -> Any:
    return renamed(__name__, globals(), _RENAMED, name)
