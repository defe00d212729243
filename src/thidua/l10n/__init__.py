"""Everything a person reads, in Vietnamese (default) and English.

Messages live in gettext catalogs under ``thidua/l10n/locale/``
(``messages.pot`` and ``<lang>/LC_MESSAGES/thidua.po``); their msgids are
English. An installed wheel also holds each catalog compiled to ``.mo`` at
build time (``hatch_build.py``), which is used when it was compiled from the
very ``.po`` beside it; in a source checkout or an editable install the
``.po`` is read with babel's :func:`babel.messages.pofile.read_po` and
compiled in memory. Either way, once per language. Numbers, shares, money and dates are formatted by babel from exact
values; the locale is always an argument, never process-wide state.

Convention for code that shows text (the command line, reports)::

    from thidua.l10n import get_translator

    def render(..., locale: str = "vi") -> str:
        t = get_translator(locale)
        _ = t.gettext
        title = _("Ranking")
        line = _("%(unit)s: %(score)s points") % {"unit": name, "score": t.format_score(total)}

* Mark every string with ``_("...")``, ``gettext("...")``, ``ngettext("...",
  "...", n)`` or, for a string translated later, ``N_("...")``: these are the
  keywords ``scripts/update_catalogs.py`` extracts from ``src/thidua/**.py``.
* msgids are English sentences with named placeholders ``%(name)s`` (never
  positional ``%s``, never f-strings inside ``_()``), so that a translation
  may reorder them.
* Run ``python scripts/update_catalogs.py`` after adding messages, then
  translate the new entries of ``locale/vi/LC_MESSAGES/thidua.po``; the tests
  fail while any message lacks a translation.

>>> from fractions import Fraction
>>> t = get_translator("vi")
>>> t.gettext("Ranking"), t.format_percent(Fraction(3, 11)), t.format_vnd(150_000_000)
('Xếp hạng', '27,3%', '150.000.000\\xa0₫')
>>> sorted(["Xã Vân Khánh", "Xã Đông Hưng", "Thị trấn Thứ Mười Một"], key=sort_key_vi)
['Thị trấn Thứ Mười Một', 'Xã Đông Hưng', 'Xã Vân Khánh']

.. versionadded:: 0.1.0
"""

from thidua.l10n._catalog import DOMAIN, LABELS, Translator, get_translator, label
from thidua.l10n._collate import sort_key_vi
from thidua.l10n._conflicts import format_change, format_conflict
from thidua.l10n._explain import explain_cluster, explain_target, explain_unit
from thidua.l10n._format import (
    SUPPORTED_LOCALES,
    format_date,
    format_exact,
    format_list,
    format_number,
    format_ordinal,
    format_percent,
    format_score,
    format_vnd,
    parse_locale,
    round_exact,
)
from thidua.l10n._names import Names
from thidua.l10n._problems import format_problems, problem_message
from thidua.l10n._steps import format_step

__all__ = [
    "DOMAIN",
    "LABELS",
    "SUPPORTED_LOCALES",
    "Names",
    "Translator",
    "explain_cluster",
    "explain_target",
    "explain_unit",
    "format_change",
    "format_conflict",
    "format_date",
    "format_exact",
    "format_list",
    "format_number",
    "format_ordinal",
    "format_percent",
    "format_problems",
    "format_score",
    "format_step",
    "format_vnd",
    "get_translator",
    "label",
    "parse_locale",
    "problem_message",
    "round_exact",
    "sort_key_vi",
]
