"""Message catalogs (gettext ``.po`` files read with babel) and the :class:`Translator`."""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import hashlib
import io
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from importlib.resources.abc import Traversable

import attrs
from babel import Locale
from babel.support import Translations

from thidua.l10n import _format
from thidua.model import Rounding

__all__ = ["DOMAIN", "LABELS", "Translator", "catalog_path", "get_translator", "label"]

#: The gettext domain: ``locale/<lang>/LC_MESSAGES/thidua.po``.
DOMAIN = "thidua"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention babel extracts
    """Mark *message* for extraction without translating it now."""
    return message


#: Fixed labels for reports and the command line; :func:`label` translates them.
LABELS: frozenset[str] = frozenset(
    {
        N_("Adjustments"),
        N_("Award"),
        N_("Awards"),
        N_("Bonus"),
        N_("Campaign"),
        N_("Changes"),
        N_("Cluster"),
        N_("Computed order"),
        N_("Conflicts"),
        N_("Criterion"),
        N_("Decided order"),
        N_("Deductions"),
        N_("Eligible"),
        N_("Error"),
        N_("Excluded"),
        N_("Explanation"),
        N_("Fingerprint"),
        N_("Grade"),
        N_("Granted"),
        N_("Information"),
        N_("Level"),
        N_("Lineage"),
        N_("Maximum"),
        N_("Met"),
        N_("Name"),
        N_("No"),
        N_("Not eligible"),
        N_("Not granted"),
        N_("Not met"),
        N_("Not rated"),
        N_("Points"),
        N_("Rank"),
        N_("Ranking"),
        N_("Rating"),
        N_("Reason"),
        N_("Sample data — not real results"),
        N_("Score"),
        N_("Share"),
        N_("Shortfall"),
        N_("Stage"),
        N_("Standard points"),
        N_("Target"),
        N_("Targets"),
        N_("Threshold"),
        N_("Total"),
        N_("Unit"),
        N_("Verdict"),
        N_("Year"),
        N_("Yes"),
    }
)


#: An amount of money in prose: the number, then the currency as the language writes it.
_MONEY = N_("%(amount)s VND")


def catalog_path(language: str) -> str:
    """The path, inside the package, of the ``.po`` catalog for *language*.

    >>> catalog_path("vi")
    'locale/vi/LC_MESSAGES/thidua.po'

    .. versionadded:: 0.1.0
    """
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.po"


#: A compiled catalog (built into the wheel by ``hatch_build.py``) holds the
#: SHA-256 of the ``.po`` it was compiled from, as the translation of
#: :data:`_DIGEST_ID` in the context :data:`_DIGEST_CONTEXT`.
_DIGEST_CONTEXT = "thidua-build"
_DIGEST_ID = "source-sha256"


def _compiled_path(language: str) -> str:
    """The path, inside the package, of the compiled ``.mo`` catalog (in a wheel only)."""
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.mo"


def _compile_po(source: bytes, language: str) -> Translations:
    """Compile the ``.po`` text *source* in memory, as ``hatch_build.py`` does at build time."""
    # imported here: with the wheel's .mo catalogs, babel.messages (about 6 ms) is never needed
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=language, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)  # fuzzy and untranslated entries are left out: gettext falls back to the msgid
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def _compiled(package: Traversable, language: str, source: bytes) -> Translations | None:
    """The ``.mo`` catalog of *language* if there is one compiled from exactly *source*, else ``None``."""
    mo = package.joinpath(_compiled_path(language))
    if not mo.is_file():
        return None  # a source checkout or an editable install: no compiled catalogs
    translations = Translations(io.BytesIO(mo.read_bytes()), domain=DOMAIN)
    if translations.pgettext(_DIGEST_CONTEXT, _DIGEST_ID) != hashlib.sha256(source).hexdigest():
        return None  # compiled from another version of the .po: never trust it
    return translations


def _load(package: Traversable, language: str) -> Translations:
    """The translations of *language* from the catalogs under *package*.

    The wheel ships each ``.po`` with its ``.mo`` compiled at build time; the
    ``.mo`` is used only when it was compiled from that very ``.po`` (same
    SHA-256), otherwise the ``.po`` is compiled in memory.
    """
    source = package.joinpath(catalog_path(language)).read_bytes()
    compiled = _compiled(package, language, source)
    return compiled if compiled is not None else _compile_po(source, language)


@functools.lru_cache(maxsize=len(_format.SUPPORTED_LOCALES))
def _translations(language: str) -> Translations:
    """The translations of *language* from the package's own catalogs, loaded once."""
    return _load(resources.files("thidua.l10n"), language)


@attrs.frozen
class Translator:
    """Translations and formats for one locale; get one with :func:`get_translator`.

    Attributes:
        locale: the locale identifier, e.g. ``"vi"`` or ``"en_US"``.
        language: the catalog's language, ``"vi"`` or ``"en"``.

    >>> t = get_translator("en")
    >>> t.gettext("Not met"), get_translator("vi").gettext("Not met")
    ('Not met', 'Không đạt')
    >>> t.format_percent(Fraction(3, 11))
    '27.3%'

    .. versionadded:: 0.1.0
    """

    locale: str
    language: str
    _babel: Locale = attrs.field(repr=False, eq=False)
    _translations: _gettext.NullTranslations = attrs.field(repr=False, eq=False)

    def gettext(self, message: str) -> str:
        """Translate *message* (an English msgid); unknown messages come back unchanged."""
        return self._translations.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        """Translate *message* in a *context*, for a word that means something else elsewhere.

        >>> get_translator("vi").pgettext("placeholder", "RESULTS")
        'KẾT_QUẢ'
        """
        return self._translations.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate a message whose form depends on the number *n*.

        >>> get_translator("en").ngettext("%(n)s member", "%(n)s members", 2) % {"n": 2}
        '2 members'
        """
        return self._translations.ngettext(singular, plural, n)

    def format_number(self, value: Fraction | int | Decimal, digits: int = 2) -> str:
        """See :func:`thidua.l10n.format_number`."""
        return _format.format_number(value, self._babel, digits=digits)

    def format_score(
        self, value: Fraction | int | Decimal, policy: Rounding | str = Rounding.HALF_UP, digits: int = 2
    ) -> str:
        """See :func:`thidua.l10n.format_score`."""
        return _format.format_score(value, self._babel, policy=policy, digits=digits)

    def format_percent(self, share: Fraction | int | Decimal, digits: int = 1) -> str:
        """See :func:`thidua.l10n.format_percent`."""
        return _format.format_percent(share, self._babel, digits=digits)

    def format_vnd(self, amount: int | Fraction | Decimal) -> str:
        """See :func:`thidua.l10n.format_vnd`."""
        return _format.format_vnd(amount, self._babel)

    def format_date(self, day: dt.date, format: str = "long") -> str:
        """See :func:`thidua.l10n.format_date`."""
        return _format.format_date(day, self._babel, format=format)

    def format_exact(self, value: Fraction | int | Decimal) -> str:
        """See :func:`thidua.l10n.format_exact`."""
        return _format.format_exact(value, self._babel)

    def format_list(self, items: list[str] | tuple[str, ...]) -> str:
        """See :func:`thidua.l10n.format_list`."""
        return _format.format_list(items, self._babel)

    def format_ordinal(self, n: int) -> str:
        """See :func:`thidua.l10n.format_ordinal`."""
        return _format.format_ordinal(n, self._babel)

    def format_money(self, amount: int | Fraction | Decimal) -> str:
        """An amount of đồng as written in prose: "150.000.000 đồng" (tables use :meth:`format_vnd`: "150.000.000 ₫").

        >>> get_translator("vi").format_money(150_000_000), get_translator("en").format_money(150_000_000)
        ('150.000.000 đồng', '150,000,000 VND')
        """
        number = _format.format_number(amount, self._babel, digits=0)
        return self.gettext(_MONEY) % {"amount": number}


@functools.lru_cache(maxsize=32)
def _translator(identifier: str) -> Translator:
    loc = _format.parse_locale(identifier)
    return Translator(str(loc), loc.language, loc, _translations(loc.language))


def get_translator(locale: str | Locale = "vi") -> Translator:
    """The :class:`Translator` for a locale (``"vi"``, ``"en"``, ``"vi_VN"``, ``"en-US"``...).

    Translators are immutable and cached per locale; no process-wide locale
    is read or set.

    Raises:
        LocaleError: for a language thidua has no catalog for.

    >>> get_translator("vi_VN").language
    'vi'
    >>> get_translator("fr")
    Traceback (most recent call last):
    ...
    thidua.errors.LocaleError: không hỗ trợ ngôn ngữ “fr”; hãy dùng “vi” hoặc “en”

    .. versionadded:: 0.1.0
    """
    if isinstance(locale, Locale):
        locale = str(locale)
    return _translator(str(_format.parse_locale(locale)))


def label(key: str, locale: str | Locale = "vi") -> str:
    """Translate a fixed label of reports and the command line (one of :data:`LABELS`).

    Raises:
        KeyError: if *key* is not a known label (use ``get_translator(locale).gettext``
            for other messages).

    >>> label("Ranking", "vi"), label("Sample data — not real results", "en")
    ('Xếp hạng', 'Sample data — not real results')

    .. versionadded:: 0.1.0
    """
    if key not in LABELS:
        msg = f"{key!r} is not a label; known labels: {', '.join(sorted(LABELS))}"
        raise KeyError(msg)
    return get_translator(locale).gettext(key)
