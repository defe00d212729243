"""Problems: what is wrong with an input, where, and how to say it in Vietnamese or English.

Every problem thidua reports (a field of the wrong type, a grade no scale
knows, a cell of a returned workbook that was edited where it was locked, a
change of score without a reason) is one :class:`Problem`:

* ``code``: a stable name such as ``"unknown-unit"``, for programs (an app
  maps it to its own text, a test asserts it);
* ``loc``: where, as a tuple of keys and indexes in the document,
  ``("clusters", 1, "members", 3)``, shown as ``clusters[1].members[3]``;
* ``params``: the values the message is made of (ids, numbers, dates);
* ``severity``: ``"error"`` (the input is refused) or ``"warning"``;
* ``source``, ``sheet``, ``cell``: the file, and for a table the sheet and
  the cell, when the problem came from one.

The message itself is rendered on demand in the reader's language from an
English template (a gettext msgid) and the params, so the same problem reads
in Vietnamese on the command line, in English in a developer's log, and as
structured data in an HTTP 422 response. Problems are made by calling a
:class:`Code`, which ties the code's name to its template::

    UNKNOWN_UNIT = Code("unknown-unit", N_("unknown unit '%(unit)s'"))
    problem = UNKNOWN_UNIT(("clusters", 1, "members", 3), unit="xa-van-khanh-tay")

>>> p = Code("unknown-unit", "unknown unit '%(unit)s'")(("clusters", 1, "members", 3), unit="xa-a")
>>> p.path
'clusters[1].members[3]'
>>> p.render("en")
"clusters[1].members[3]: unknown unit 'xa-a'"

Problems are frozen and may be shared freely between threads.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

import attrs

from thidua._present import shown as _shown_by

__all__ = [
    "N_",
    "Code",
    "Loc",
    "Problem",
    "Severity",
    "Term",
    "all_codes",
    "format_loc",
    "shown",
]

#: Where a problem is, as keys (field names, mapping keys) and list indexes.
Loc: TypeAlias = tuple[str | int, ...]
#: ``"error"``: the input is refused; ``"warning"``: accepted, but worth a look.
Severity: TypeAlias = Literal["error", "warning"]

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
#: every Code made, by name (codes are module-level constants; the registry is what documents them)
_CODES: dict[str, Code] = {}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention babel extracts
    """Mark *message* as a template to extract into the catalogs, without translating it now."""
    return message


class Term(str):
    """A word of a message that is itself translated (an English msgid), e.g. ``Term(N_("level"))``.

    >>> Term("level") == "level"
    True

    .. versionadded:: 0.1.0
    """

    __slots__ = ()


def format_loc(loc: Loc) -> str:
    """Write a location the one way thidua writes them: ``units[0].counts.hamlet.htxs``.

    Field names and plain keys follow a dot; indexes and keys with other
    characters (a dot, a space, a leading digit) go in brackets.

    >>> format_loc(("units", 0, "counts", "hamlet", "xuat-sac"))
    'units[0].counts.hamlet.xuat-sac'
    >>> format_loc(("scores", "1.2", "points"))
    'scores["1.2"].points'
    >>> format_loc(())
    ''

    .. versionadded:: 0.1.0
    """
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _PLAIN_KEY.match(part):
            out.append(f".{part}" if out else part)
        else:
            quoted = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{quoted}"]')
    return "".join(out)


def shown(value: object, limit: int = 40) -> str:
    """A short, language-neutral text of a value read from an input, for a message.

    Texts are quoted as written, other values as in the document; long ones
    are cut with an ellipsis.

    >>> shown("80 %"), shown(0.8), shown(True), shown([1, 2]), shown(None)
    ("'80 %'", '0.8', 'true', '[1, 2]', 'null')
    >>> shown("x" * 60)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"

    .. versionadded:: 0.1.0
    """
    if isinstance(value, str):
        text = repr(value)
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        text = f"{str(value)[:limit]}…"
    elif isinstance(value, int | float | Decimal | Fraction):
        text = str(value)
    elif isinstance(value, Mapping):
        text = "{…}" if value else "{}"
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(shown(v, limit) for v in value[:5]) + (", …]" if len(value) > 5 else "]")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _to_loc(loc: Iterable[str | int]) -> Loc:
    return loc if type(loc) is tuple else tuple(loc)


def _freeze(params: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(params))


@attrs.frozen(repr=False)
class Problem:
    """One thing wrong with an input: a stable code, where, and the values of its message.

    Make problems by calling a :class:`Code`; read them with :attr:`path`,
    :meth:`message`, :meth:`render` and :meth:`to_data`.

    Attributes:
        code: the stable name of the kind of problem, e.g. ``"unknown-unit"``.
        template: the English message template (a gettext msgid).
        loc: where in the document (keys and indexes).
        params: the values the message is made of.
        severity: ``"error"`` or ``"warning"``.
        source: the file, when known.
        sheet: the sheet of a workbook, when the problem is in one.
        cell: the cell (``"C5"``) of a table, when known.

    >>> p = Code("expected-count", "expected a whole number ≥ 0, got %(value)s")(("counts", "hamlet", "htt"), value=-1)
    >>> p.at("units", 3)
    <Problem 'expected-count', 'units[3].counts.hamlet.htt', value=-1>
    >>> p.located(source="ket-qua.xlsx", sheet="Xã", cell="D7").render("vi")
    'ket-qua.xlsx, trang tính “Xã”, ô D7: phải là số nguyên không âm, nhưng ghi -1'

    .. versionadded:: 0.1.0
    """

    code: str
    template: str = attrs.field(repr=False)
    loc: Loc = attrs.field(default=(), converter=_to_loc)
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, eq=False, hash=False)
    severity: Severity = "error"
    source: str | None = None
    sheet: str | None = None
    cell: str | None = None
    #: params compared as a sorted tuple (a read-only mapping is not hashable)
    _key: tuple[tuple[str, str], ...] = attrs.field(init=False, repr=False)

    @_key.default
    def _params_key(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((k, repr(v)) for k, v in self.params.items()))

    @property
    def path(self) -> str:
        """The location written out, e.g. ``clusters[1].members[3]`` (empty for the whole document)."""
        return format_loc(self.loc)

    @property
    def is_error(self) -> bool:
        """Whether the problem refuses the input (as opposed to a warning)."""
        return self.severity == "error"

    def at(self, *prefix: str | int) -> Problem:
        """The same problem, one or more levels deeper: *prefix* goes before its location."""
        return attrs.evolve(self, loc=(*prefix, *self.loc))

    def located(self, source: str | None = None, sheet: str | None = None, cell: str | None = None) -> Problem:
        """The same problem with its file, sheet and cell (each kept when not given)."""
        return attrs.evolve(
            self,
            source=self.source if source is None else source,
            sheet=self.sheet if sheet is None else sheet,
            cell=self.cell if cell is None else cell,
        )

    def message(self, locale: str = "vi") -> str:
        """The message alone, in *locale*'s language.

        >>> p = Code("unknown-unit", "unknown unit '%(unit)s'")(("units", 0, "unit"), unit="xa-a")
        >>> p.message("en")
        "unknown unit 'xa-a'"
        """
        text: str = _shown_by("problem_message")(self, locale)  # thidua.l10n, provided from above
        return text

    def where(self, locale: str = "vi", *, source: bool = True) -> str:
        """Where the problem is, in *locale*'s language: file, sheet and cell, or the path."""
        text: str = _shown_by("problem_where")(self, locale, source=source)  # thidua.l10n, provided from above
        return text

    def render(self, locale: str = "vi", *, source: bool = True) -> str:
        """``where: message`` in *locale*'s language (the file left out with ``source=False``).

        >>> Code("x", "no unit")(()).render("en")
        'no unit'
        """
        where = self.where(locale, source=source)
        text = self.message(locale)
        return f"{where}: {text}" if where else text

    def to_data(self, locale: str = "vi") -> dict[str, Any]:
        """Plain JSON-ready data: ``loc``, ``path``, ``code``, ``severity``, ``message`` and what is known of the place.

        Numbers in ``params`` are exact texts; dates are ISO texts.

        >>> Code("unknown-unit", "unknown unit '%(unit)s'")(("units", 0), unit="xa-a").to_data("en")
        {'loc': ['units', 0], 'path': 'units[0]', 'code': 'unknown-unit', 'severity': 'error', \
'message': "unknown unit 'xa-a'", 'params': {'unit': 'xa-a'}}
        """
        data: dict[str, Any] = {
            "loc": list(self.loc),
            "path": self.path,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(locale),
            "params": {k: _plain(v) for k, v in self.params.items()},
        }
        for name in ("source", "sheet", "cell"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data

    def __str__(self) -> str:
        return self.render("vi")

    def __repr__(self) -> str:
        where = f", {self.path!r}" if self.loc else ""
        params = "".join(f", {k}={v!r}" for k, v in self.params.items())
        extra = "".join(
            f", {name}={getattr(self, name)!r}"
            for name in ("source", "sheet", "cell")
            if getattr(self, name) is not None
        )
        warning = ", severity='warning'" if self.severity == "warning" else ""
        return f"<Problem {self.code!r}{where}{params}{extra}{warning}>"


def _plain(value: Any) -> Any:
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else _fraction_text(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | frozenset | set):
        return [_plain(v) for v in value]
    return str(value)


def _fraction_text(value: Fraction) -> str:
    den, digits = value.denominator, 0
    while den % 10 == 0:
        den, digits = den // 10, digits + 1
    while den % 2 == 0 or den % 5 == 0:  # 2**a * 5**b: a finite decimal, with one more digit each
        den, digits = (den // 2 if den % 2 == 0 else den // 5), digits + 1
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value.numerator) * 10**digits // value.denominator, 10**digits)
    return f"{sign}{whole}.{frac:0{digits}d}"


@attrs.frozen
class Code:
    """A kind of problem: its stable name, its English message template and its severity.

    Codes are module-level constants; calling one makes a :class:`Problem`.
    Templates are gettext msgids with named placeholders (marked with
    ``N_`` so that they are extracted into the catalogs).

    Args:
        name: the stable code, lower case words joined by ``-``.
        template: the English message, e.g. ``"unknown unit '%(unit)s'"``.
        severity: ``"error"`` (default) or ``"warning"``.

    >>> UNKNOWN = Code("unknown-grade-demo", "unknown grade '%(grade)s'")
    >>> UNKNOWN(("rating",), grade="xs").render("en")
    "rating: unknown grade 'xs'"

    .. versionadded:: 0.1.0
    """

    name: str
    template: str
    severity: Severity = "error"

    def __attrs_post_init__(self) -> None:
        known = _CODES.get(self.name)
        if known is not None and known != self:
            msg = f"problem code {self.name!r} is already defined with another template"
            raise ValueError(msg)
        _CODES[self.name] = self

    def __call__(self, loc: Iterable[str | int] = (), /, **params: Any) -> Problem:
        """A problem of this kind at *loc*, with the values of its message."""
        return Problem(self.name, self.template, _to_loc(loc), params, self.severity)


def all_codes() -> dict[str, Code]:
    """Every problem code thidua defines, by name (importing every module that defines some).

    >>> codes = all_codes()
    >>> codes["unknown-unit"].template
    "unknown unit '%(unit)s'"

    .. versionadded:: 0.1.0
    """
    import importlib
    import pkgutil

    import thidua

    for info in pkgutil.walk_packages(thidua.__path__, "thidua."):
        if info.name.rsplit(".", 1)[-1] in ("_codes", "codes") or info.name.endswith("._problems"):
            importlib.import_module(info.name)
    return dict(sorted(_CODES.items()))
