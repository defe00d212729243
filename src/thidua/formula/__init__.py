"""The formula language of derived indicators and conditions.

>>> from fractions import Fraction
>>> evaluate(parse("min(lifted, 10) * 2"), {"lifted": Fraction(7)})
Fraction(14, 1)

.. versionadded:: 0.1.0
"""

from thidua.formula._parser import (
    BinOp,
    Call,
    Compare,
    Name,
    Node,
    Not,
    Num,
    evaluate,
    names,
    parse,
)

__all__ = ["BinOp", "Call", "Compare", "Name", "Node", "Not", "Num", "evaluate", "names", "parse"]
