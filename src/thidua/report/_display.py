"""Showing the exact values of a report to people: shared by the HTML and XLSX reports.

Report data holds exact numbers as text (see :mod:`thidua.report._json`).
For display they are read back exactly and formatted with babel. A number
is shown in full when it has at most :data:`MAX_SHOWN_DECIMALS` decimals, so
that 89.9999999 points never reads as 90 next to a grade whose band starts at
90; longer numbers are rounded for display and marked with ``≈``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from thidua import model as m
from thidua._problems import N_
from thidua.l10n import Translator
from thidua.model._exact import decimal_places

__all__ = [
    "MAX_SHOWN_DECIMALS",
    "STATUS_WORDS",
    "Display",
    "exact_decimal",
    "parse_exact",
    "source_of",
    "with_status",
]

#: The word shown beside a name by the source status of what it names (``source: article | proposal |
#: sample`` in the campaign): a proposal or sample data says so wherever its name is shown.
STATUS_WORDS = {"proposal": N_("proposal"), "sample": N_("sample"), "unverified": N_("unverified")}


def source_of(item: object) -> str | None:
    """The source status of a campaign item (a unit, a cluster, a target...): ``article``,
    ``proposal``, ``sample``, or ``None`` while the model does not say.

    This is the one place that reads it, for the reports and the papers.

    >>> source_of(object()) is None
    True
    """
    value = getattr(item, "source", None)
    return None if value is None else str(getattr(value, "value", value))


def with_status(name: str, source: str | None, translator: Translator) -> str:
    """A name as shown to a person, with its status when it is a proposal or sample data.

    >>> from thidua.l10n import get_translator
    >>> vi = get_translator("vi")
    >>> with_status("Cụm thi đua số 1", "proposal", vi), with_status("Xã A", "sample", vi), with_status("B", None, vi)
    ('Cụm thi đua số 1 (đề xuất)', 'Xã A (mẫu)', 'B')
    """
    word = STATUS_WORDS.get(source or "")
    if word is None:
        return name
    return translator.gettext("%(name)s (%(status)s)") % {"name": name, "status": translator.gettext(word)}


#: Numbers with up to this many decimals are shown exactly.
MAX_SHOWN_DECIMALS = 7


def parse_exact(text: str) -> Fraction:
    """Read an exact report number back: ``"7.5"``, ``"1/3"``, or a percentage ``"108.5%"`` (may exceed 100%).

    >>> parse_exact("100/3%"), parse_exact("130%")
    (Fraction(1, 3), Fraction(13, 10))
    """
    t = text.strip()
    if t.endswith("%"):
        return m.parse_number(t[:-1]) / 100
    return m.parse_number(t)


def exact_decimal(text: str | None) -> Decimal | str | None:
    """An exact report number as a :class:`~decimal.Decimal`, or its text when it has no finite decimal.

    >>> exact_decimal("89.9999999"), exact_decimal("1/3"), exact_decimal("80%")
    (Decimal('89.9999999'), '1/3', Decimal('0.8'))
    """
    if text is None:
        return None
    value = parse_exact(text)
    digits = decimal_places(value)
    if digits is None:
        return text
    return Decimal(value.numerator) / Decimal(value.denominator)


class Display:
    """Formats report values for one locale.

    >>> from thidua.l10n import get_translator
    >>> d = Display(get_translator("vi"))
    >>> d.number("89.9999999"), d.number("1/3"), d.percent("80%"), d.vnd("149999999")
    ('89,9999999', '≈0,33', '80%', '149.999.999\\xa0₫')
    """

    def __init__(self, translator: Translator) -> None:
        self.t = translator
        self.gettext = translator.gettext

    def number(self, text: str | None) -> str:
        """An exact number for display."""
        if text is None:
            return "—"
        value = m.parse_number(text)
        digits = decimal_places(value)
        if digits is not None and digits <= MAX_SHOWN_DECIMALS:
            return self.t.format_number(value, digits=digits)
        return "≈" + self.t.format_number(value, digits=2)

    def percent(self, text: str | None) -> str:
        """A share written as ``"80%"`` for display."""
        if text is None:
            return "—"
        value = parse_exact(text)
        digits = decimal_places(value * 100)
        if digits is not None and digits <= 4:
            return self.t.format_percent(value, digits=digits)
        return "≈" + self.t.format_percent(value, digits=1)

    def vnd(self, text: str | None) -> str:
        """A whole amount of VND for display."""
        if text is None:
            return "—"
        value = m.parse_number(text)
        if value.denominator != 1:
            return self.number(text)
        return self.t.format_vnd(int(value))

    def date(self, text: str | None) -> str:
        """An ISO date for display."""
        if not text:
            return "—"
        return self.t.format_date(dt.date.fromisoformat(text), "table")

    def status(self, status: str) -> str:
        """The verdict of a target: met, not met, excluded."""
        _ = self.gettext
        return {"met": _("Met"), "not_met": _("Not met"), "excluded": _("Excluded")}.get(status, status)

    def yes_no(self, value: bool) -> str:
        """Yes or no."""
        return self.gettext("Yes") if value else self.gettext("No")

    def award_status(self, award: dict[str, Any]) -> str:
        """Granted, eligible but not granted, or not eligible."""
        _ = self.gettext
        if award["granted"]:
            return _("Granted")
        if award["eligible"]:
            return _("Not granted")
        return _("Not eligible")

    def severity(self, severity: str) -> str:
        """An error or information."""
        return self.gettext("Error") if severity == "error" else self.gettext("Information")

    def target_numbers(self, t: dict[str, Any]) -> str:
        """The numbers of a target outcome in one short text, e.g. ``8/10 (80%) ≥ 80%``."""
        kind = t["kind"]
        num, den, thr = t["numerator"], t["denominator"], t["threshold"]
        if t["status"] == "excluded" or (num is None and kind != "deadline"):
            return "—"
        if kind in ("share", "of_which"):
            share = self.percent(t["share"]) if t["share"] else "—"
            return f"{self.number(num)}/{self.number(den)} ({share}) ≥ {self.percent(thr)}"
        if kind == "zero_count":
            return f"{self.number(num)} (= 0)"
        if kind == "quota":
            return f"{self.vnd(num)} / {self.vnd(den)}"
        if kind == "deadline":
            return f"≤ {self.date(thr)}"
        if kind in ("count", "change"):
            return f"{self.number(num)} ≥ {self.number(thr)}"
        return "—"

    def shortfall(self, t: dict[str, Any]) -> str:
        """What is still needed to meet a target, or an empty text."""
        value = t["shortfall"]
        if value is None or m.parse_number(value) == 0:
            return ""
        return self.vnd(value) if t["kind"] == "quota" else self.number(value)
