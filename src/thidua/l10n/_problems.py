"""Problems in the reader's language: the message from its template, and where it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from thidua._problems import Term
from thidua.l10n._catalog import N_, Translator, get_translator

if TYPE_CHECKING:
    from thidua._problems import Problem
    from thidua.errors import EvaluationError

__all__ = ["evaluation_message", "evaluation_where", "format_problems", "problem_message", "problem_where"]

_SHEET_CELL = N_("sheet '%(sheet)s', cell %(cell)s")
_SHEET = N_("sheet '%(sheet)s'")
_CELL = N_("cell %(cell)s")


def _value(value: Any, t: Translator) -> str:
    if isinstance(value, Term):
        return t.gettext(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return t.gettext("true") if value else t.gettext("false")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction | Decimal):
        return t.format_exact(value)
    if isinstance(value, dt.date):
        return t.format_date(value, "table")
    if isinstance(value, list | tuple | frozenset | set):
        items = sorted(value) if isinstance(value, frozenset | set) else value
        return ", ".join(_value(v, t) for v in items)
    return str(value)


def problem_message(problem: Problem, locale: str = "vi") -> str:
    """The message of *problem* in *locale*'s language, its values formatted for that language.

    >>> from thidua._problems import Code
    >>> from fractions import Fraction
    >>> share = Code("share-out-of-range", "a share must lie between 0%% and 100%%, got %(value)s")
    >>> p = share((), value=Fraction(6, 5))
    >>> problem_message(p, "en"), problem_message(p, "vi")
    ('a share must lie between 0% and 100%, got 1.2', 'tỷ lệ phải nằm trong khoảng 0% đến 100%, nhưng ghi 1,2')

    .. versionadded:: 0.1.0
    """
    t = get_translator(locale)
    template = t.gettext(problem.template)
    values = {k: _value(v, t) for k, v in problem.params.items()}
    try:
        return template % values
    except (KeyError, ValueError, TypeError):  # a template that does not fit its params: never hide the problem
        return f"{problem.code} {values}"


def problem_where(problem: Problem, locale: str = "vi", *, source: bool = True) -> str:
    """Where *problem* is: ``file, sheet 'X', cell C5`` for a table, else ``file: path``.

    The path is given for documents; for tables the sheet and cell say more to
    the person who filled them in.

    >>> from thidua._problems import Code
    >>> p = Code("x-demo", "x")(("units", 2, "rating"))
    >>> problem_where(p, "en"), problem_where(p.located(source="r.xlsx", sheet="Xã", cell="C5"), "en")
    ('units[2].rating', "r.xlsx, sheet 'Xã', cell C5")

    .. versionadded:: 0.1.0
    """
    t = get_translator(locale)
    parts: list[str] = []
    if source and problem.source:
        parts.append(problem.source)
    if problem.sheet is not None and problem.cell is not None:
        parts.append(t.gettext(_SHEET_CELL) % {"sheet": problem.sheet, "cell": problem.cell})
    elif problem.sheet is not None:
        parts.append(t.gettext(_SHEET) % {"sheet": problem.sheet})
    elif problem.cell is not None:
        parts.append(t.gettext(_CELL) % {"cell": problem.cell})
    elif problem.loc:
        if parts:
            return f"{parts[0]}: {problem.path}"
        return problem.path
    return ", ".join(parts)


def format_problems(problems: Iterable[Problem], locale: str = "vi", *, source: str | None = None) -> str:
    """Problems as a list for a person: a count, then one line each, in *locale*'s language.

    A problem whose file is *source* does not repeat the file name.

    >>> from thidua._problems import Code
    >>> c = Code("unknown-unit", "unknown unit '%(unit)s'")
    >>> print(format_problems([c(("units", 0, "unit"), unit="xa-a")], "vi", source="kq.json"))
    kq.json: 1 vấn đề:
      units[0].unit: không tìm thấy đơn vị “xa-a”
    >>> w = Code("x-demo-warning", "the measure '%(measure)s' has no name", "warning")
    >>> print(format_problems([c(("units", 0, "unit"), unit="xa-a"), w((), measure="m")], "en"))
    1 problem, 1 warning:
      units[0].unit: unknown unit 'xa-a'
      warning: the measure 'm' has no name

    .. versionadded:: 0.1.0
    """
    t = get_translator(locale)
    items = list(problems)
    warnings = sum(p.severity == "warning" for p in items)
    errors = len(items) - warnings
    counts = []
    if errors or not warnings:
        counts.append(t.ngettext("%(n)d problem", "%(n)d problems", errors) % {"n": errors})
    if warnings:
        counts.append(t.ngettext("%(n)d warning", "%(n)d warnings", warnings) % {"n": warnings})
    head = ", ".join(counts)
    lines = [f"{source}: {head}:" if source else f"{head}:"]
    for p in items:
        text = p.render(locale, source=p.source not in (None, source))
        # a warning does not stop anything: said so on its line when errors are listed with it
        lines.append(
            "  "
            + (t.gettext("warning: %(problem)s") % {"problem": text} if errors and p.severity == "warning" else text)
        )
    return "\n".join(lines)


_UNIT = N_("unit '%(unit)s'")
_RULE = N_("rule '%(rule)s'")
_PERIOD = N_("year %(period)s")


def evaluation_where(exc: EvaluationError, locale: str = "vi", campaign: Any = None) -> str:
    """Where an evaluation stopped: the unit, the rule and the period, by name when *campaign* is given.

    >>> from thidua.errors import Code, EvaluationError
    >>> exc = EvaluationError(Code("x-demo", "x")(()), unit_id="xa-van-khanh-tay", rule_id="bctmt-good", period="2022")
    >>> evaluation_where(exc, "vi")
    'đơn vị “xa-van-khanh-tay”, quy tắc “bctmt-good”, năm 2022'
    >>> from thidua.examples import load_campaign
    >>> evaluation_where(exc, "vi", load_campaign())
    'đơn vị “Xã Vân Khánh Tây”, quy tắc “Ban Công tác Mặt trận ấp, khu phố hoàn thành tốt nhiệm vụ trở lên”, năm 2022'

    .. versionadded:: 0.1.0
    """
    t = get_translator(locale)
    names = None
    if campaign is not None:
        from thidua.l10n._names import Names
        from thidua.l10n._text import inner_quotes

        names = Names(campaign, t.language)
    parts = []
    if exc.unit_id is not None:
        unit = names.unit(exc.unit_id) if names is not None else exc.unit_id
        parts.append(t.gettext(_UNIT) % {"unit": unit})
    if exc.rule_id is not None:
        rule = inner_quotes(names.rule(exc.rule_id), t.language) if names is not None else exc.rule_id
        parts.append(t.gettext(_RULE) % {"rule": rule})
    if exc.period is not None:
        parts.append(t.gettext(_PERIOD) % {"period": exc.period})
    return ", ".join(parts)


def evaluation_message(exc: EvaluationError, locale: str = "vi", campaign: Any = None) -> str:
    """What stopped an evaluation; a missing input is described by name when *campaign* is given.

    .. versionadded:: 0.1.0
    """
    problem = exc.problem
    what = problem.params.get("what")
    if what is not None and campaign is not None:
        from thidua.l10n._context import Context

        described = Context(campaign, locale).missing_what(what)
        return get_translator(locale).gettext(problem.template) % {"what": described}
    return problem_message(problem, locale)
