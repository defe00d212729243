"""A small formula language, parsed by our own parser into our own tree.

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/" | "×" | "÷") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER ["%"] | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"

Numbers are exact (``7.5`` is ``Fraction(15, 2)``, ``30%`` is ``Fraction(3, 10)``);
names refer to measures and indicators; the functions are ``min`` and ``max``.
Nothing is ever passed to :func:`eval`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TypeAlias

import attrs

from thidua._problems import Problem, shown
from thidua.errors import RuleError
from thidua.formula import _codes as codes

__all__ = ["BinOp", "Call", "Compare", "Name", "Node", "Not", "Num", "evaluate", "identifiers", "parse"]

_MAX_LENGTH = 2000
_MAX_DEPTH = 60

Value: TypeAlias = Fraction | bool


@attrs.frozen
class Num:
    """A literal number.

    >>> parse("7.5"), parse("30%").value
    (Num(value=Fraction(15, 2), column=1), Fraction(3, 10))
    """

    value: Fraction
    column: int


@attrs.frozen
class Name:
    """A reference to a measure or indicator.

    >>> parse("fund_raised")
    Name(id='fund_raised', column=1)
    """

    id: str
    column: int


@attrs.frozen
class BinOp:
    """An arithmetic or logical operation on two operands.

    >>> tree = parse("a + 2 * b")
    >>> tree.op, tree.right.op
    ('+', '*')
    """

    op: str
    left: Node
    right: Node
    column: int


@attrs.frozen
class Compare:
    """A comparison of two numbers.

    >>> parse("lifted >= 5")
    Compare(op='>=', left=Name(id='lifted', column=1), right=Num(value=Fraction(5, 1), column=11), column=8)
    """

    op: str
    left: Node
    right: Node
    column: int


@attrs.frozen
class Not:
    """Logical negation.

    >>> tree = parse("not disciplined")
    >>> tree, evaluate(tree, {"disciplined": False})
    (Not(operand=Name(id='disciplined', column=5), column=1), True)
    """

    operand: Node
    column: int


@attrs.frozen
class Call:
    """``min(...)`` or ``max(...)``.

    >>> parse("min(a, 10)").func
    'min'
    >>> parse("abs(a)")
    Traceback (most recent call last):
    ...
    thidua.errors.RuleError: 1 vấn đề:
      cột 1: không có hàm 'abs' (dùng min hoặc max)
    """

    func: str
    args: tuple[Node, ...]
    column: int


Node: TypeAlias = Num | Name | BinOp | Compare | Not | Call

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)(?P<pct>\s*%)?|(?P<name>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|(?P<op><=|>=|==|!=|[-+*/×÷()<>,−]))"
)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            col = pos + 1 + (len(text[pos:]) - len(text[pos:].lstrip()))
            raise RuleError(codes.UNEXPECTED_CHARACTER(column=col, char=repr(text[col - 1])), column=col)
        col = m.start(m.lastgroup or 0) + 1 if m.lastgroup else pos + 1
        if m.group("num") is not None:
            col = m.start("num") + 1
            kind = "pct" if m.group("pct") else "num"
            tokens.append((kind, m.group("num"), col))
        elif m.group("name") is not None:
            tokens.append(("name", m.group("name"), col))
        else:
            op = {"×": "*", "÷": "/", "−": "-"}.get(m.group("op"), m.group("op"))
            tokens.append(("op", op, m.start("op") + 1))
        pos = m.end()
    tokens.append(("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, problem: Problem, column: int) -> RuleError:
        return RuleError(problem, column=column)

    def expect(self, value: str) -> None:
        kind, text, col = self.take()
        if kind != "op" or text != value:
            found = codes.THE_END if kind == "end" else repr(text)
            raise self.fail(codes.EXPECTED(column=col, expected=repr(value), found=found), col)

    def enter(self, column: int) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise self.fail(codes.TOO_DEEP(column=column), column)

    def parse(self) -> Node:
        node = self.or_()
        kind, text, col = self.peek()
        if kind != "end":
            raise self.fail(codes.UNEXPECTED(column=col, token=repr(text)), col)
        return node

    def _logical(self, word: str, sub: Callable[[], Node]) -> Node:
        node = sub()
        while self.peek()[0] == "name" and self.peek()[1] == word:
            col = self.take()[2]
            node = BinOp(word, node, sub(), col)
        return node

    def or_(self) -> Node:
        return self._logical("or", self.and_)

    def and_(self) -> Node:
        return self._logical("and", self.not_)

    def not_(self) -> Node:
        kind, text, col = self.peek()
        if kind == "name" and text == "not":
            self.take()
            self.enter(col)
            node = Not(self.not_(), col)
            self.depth -= 1
            return node
        return self.compare()

    def compare(self) -> Node:
        left = self.sum()
        kind, text, col = self.peek()
        if kind == "op" and text in {"<", "<=", ">", ">=", "==", "!="}:
            self.take()
            return Compare(text, left, self.sum(), col)
        return left

    def sum(self) -> Node:
        node = self.product()
        while self.peek()[0] == "op" and self.peek()[1] in {"+", "-"}:
            _, op, col = self.take()
            node = BinOp(op, node, self.product(), col)
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in {"*", "/"}:
            _, op, col = self.take()
            node = BinOp(op, node, self.unary(), col)
        return node

    def unary(self) -> Node:
        kind, text, col = self.peek()
        if kind == "op" and text == "-":
            self.take()
            self.enter(col)
            node = BinOp("-", Num(Fraction(0), col), self.unary(), col)
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        kind, text, col = self.take()
        if kind == "num":
            return Num(Fraction(text), col)
        if kind == "pct":
            return Num(Fraction(text) / 100, col)
        if kind == "name":
            if text in {"and", "or", "not"}:
                raise self.fail(codes.UNEXPECTED(column=col, token=repr(text)), col)
            if self.peek()[:2] == ("op", "("):
                if text not in {"min", "max"}:
                    raise self.fail(codes.UNKNOWN_FUNCTION(column=col, name=repr(text)), col)
                self.take()
                self.enter(col)
                args = [self.or_()]
                while self.peek()[:2] == ("op", ","):
                    self.take()
                    args.append(self.or_())
                self.expect(")")
                self.depth -= 1
                return Call(text, tuple(args), col)
            return Name(text, col)
        if kind == "op" and text == "(":
            self.enter(col)
            node = self.or_()
            self.expect(")")
            self.depth -= 1
            return node
        found = codes.THE_END if kind == "end" else repr(text)
        raise self.fail(codes.EXPECTED_OPERAND(column=col, found=found), col)


def parse(text: object) -> Node:
    """Parse a formula into a tree.

    Args:
        text: the formula, e.g. ``"lifted / poor_at_start >= 30%"``.

    Returns:
        The root node.

    Raises:
        RuleError: with the column of the first problem.

    >>> parse("lifted / poor_at_start")
    BinOp(op='/', left=Name(id='lifted', column=1), right=Name(id='poor_at_start', column=10), column=8)
    >>> parse("a +* b")
    Traceback (most recent call last):
    ...
    thidua.errors.RuleError: 1 vấn đề:
      cột 4: cần một số, một tên hoặc '(', nhưng gặp '*'

    .. versionadded:: 0.1.0
    """
    if not isinstance(text, str):
        raise RuleError(codes.NOT_TEXT(value=shown(text)))
    if len(text) > _MAX_LENGTH:
        raise RuleError(codes.TOO_LONG(limit=_MAX_LENGTH))
    return _Parser(text).parse()


def identifiers(node: Node) -> frozenset[str]:
    """Return the names (of measures, flags, indicators) a formula refers to.

    Formerly ``thidua.formula.names`` (which still works, with a
    :class:`DeprecationWarning`); :func:`thidua.examples.names` lists the
    bundled examples.

    >>> sorted(identifiers(parse("max(a, b) / c")))
    ['a', 'b', 'c']

    .. versionadded:: 0.1.0
    """
    if isinstance(node, Name):
        return frozenset({node.id})
    if isinstance(node, BinOp | Compare):
        return identifiers(node.left) | identifiers(node.right)
    if isinstance(node, Not):
        return identifiers(node.operand)
    if isinstance(node, Call):
        return frozenset().union(*(identifiers(a) for a in node.args))
    return frozenset()


def _num(value: Value, node: Node) -> Fraction:
    if isinstance(value, bool):
        raise RuleError(codes.NUMBER_EXPECTED(column=node.column), column=node.column)
    return value


def evaluate(node: Node, env: Mapping[str, Value]) -> Value:
    """Evaluate a formula tree exactly.

    Args:
        node: a tree from :func:`parse`.
        env: values of the names.

    Raises:
        RuleError: on division by zero or a type mismatch.
        KeyError: for a name missing from *env* (the caller applies its missing-input policy).

    >>> evaluate(parse("lifted / poor_at_start >= 30%"), {"lifted": Fraction(3), "poor_at_start": Fraction(10)})
    True
    >>> evaluate(parse("0.1 + 0.2 == 0.3"), {})
    True

    .. versionadded:: 0.1.0
    """
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return env[node.id]
    if isinstance(node, Not):
        value = evaluate(node.operand, env)
        if not isinstance(value, bool):
            raise RuleError(codes.NOT_NEEDS_BOOL(column=node.column), column=node.column)
        return not value
    if isinstance(node, Call):
        values = [_num(evaluate(a, env), a) for a in node.args]
        return min(values) if node.func == "min" else max(values)
    if isinstance(node, Compare):
        left = _num(evaluate(node.left, env), node.left)
        right = _num(evaluate(node.right, env), node.right)
        return {
            "<": left < right,
            "<=": left <= right,
            ">": left > right,
            ">=": left >= right,
            "==": left == right,
            "!=": left != right,
        }[node.op]
    if node.op in {"and", "or"}:
        a = evaluate(node.left, env)
        b = evaluate(node.right, env)
        if not isinstance(a, bool) or not isinstance(b, bool):
            raise RuleError(codes.OP_NEEDS_BOOL(column=node.column, op=repr(node.op)), column=node.column)
        return (a and b) if node.op == "and" else (a or b)
    left = _num(evaluate(node.left, env), node.left)
    right = _num(evaluate(node.right, env), node.right)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise RuleError(codes.DIVISION_BY_ZERO(column=node.column), column=node.column)
    return left / right
