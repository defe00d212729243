"""The context shared by the sentences of one explanation: a translator, names, value formats."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from babel import Locale

from thidua.l10n._catalog import Translator, get_translator
from thidua.l10n._format import exact_decimal, round_exact
from thidua.l10n._names import CampaignLike, Names
from thidua.l10n._text import inner_quotes

__all__ = ["Args", "Context", "as_tuple"]

#: The arguments of a trace step or a conflict.
Args = Mapping[str, Any]


def as_tuple(value: object) -> tuple[str, ...]:
    """A step argument that lists ids, as a tuple of strings."""
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    return () if value is None else (str(value),)


@functools.lru_cache(maxsize=8192)
def _number_text(value: Fraction | int, t: Translator) -> str:
    # an explanation shows 200 numbers, most of them the same from one unit to the next (maxima,
    # points): written once per value and language (a fifth of a commune's explanation otherwise)
    exact = exact_decimal(value, 10)
    if exact is None:
        return "≈" + t.format_number(value, digits=2)
    return t.format_number(value, digits=max(0, -int(exact.as_tuple().exponent)))


class Context:
    """A translator and the campaign's names, shared by the sentences of one explanation."""

    def __init__(self, campaign: CampaignLike, locale: str | Locale) -> None:
        self.t: Translator = get_translator(locale)
        self.names = Names(campaign, self.t.language)

    # -- messages --------------------------------------------------------------

    def gettext(self, message: str, **values: object) -> str:
        """Translate *message* and fill its ``%(name)s`` placeholders with *values*."""
        text = self.t.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """Translate a message whose form depends on *n* and fill its placeholders."""
        text = self.t.ngettext(singular, plural, n)
        return text % values if values else text

    # -- values ------------------------------------------------------------------

    def num(self, value: object) -> str:
        """An exact number: all its decimals when it has a short decimal form, else ``≈`` 2 decimals."""
        if value is None:
            return "—"
        if isinstance(value, bool) or not isinstance(value, int | Fraction):
            return str(value)
        return _number_text(value, self.t)

    def signed(self, value: object) -> str:
        """A number with its sign, ``+1`` or ``-5``; zero unsigned."""
        text = self.num(value)
        if isinstance(value, int | Fraction) and not isinstance(value, bool) and value > 0:
            return "+" + text
        return text

    def pct(self, share: object, threshold: object = None) -> str:
        """A share as a percentage, with as many decimals as needed to compare it truly with *threshold*."""
        if share is None:
            return "—"
        if isinstance(share, bool) or not isinstance(share, int | Fraction):
            return str(share)
        digits = 1
        while True:
            text = self.t.format_percent(share, digits=digits)
            if (
                threshold is None
                or isinstance(threshold, bool)
                or not isinstance(threshold, int | Fraction)
                or digits >= 12
            ):
                return text
            exact = (share > threshold) - (share < threshold)
            shown_s = round_exact(Fraction(share) * 100, digits)
            shown_t = round_exact(Fraction(threshold) * 100, digits)
            if exact == (shown_s > shown_t) - (shown_s < shown_t):
                return text
            digits += 1

    def vnd(self, amount: object) -> str:
        """An amount of money as written in prose ("150.000.000 đồng")."""
        if isinstance(amount, bool) or not isinstance(amount, int | Fraction):
            return str(amount)
        if Fraction(amount).denominator != 1:
            return self.gettext("%(amount)s VND", amount=self.num(amount))
        return self.t.format_money(amount)

    def quantity(self, measure: object, value: object) -> str:
        """A measure's value with its unit: "4 cuộc", "150.000.000 đồng", or the number alone."""
        name = str(measure)
        if self.names.is_money(name):
            return self.vnd(value)
        unit = self.names.unit_of(name)
        number = self.num(value)
        if unit and value is not None:
            return self.gettext("%(number)s %(unit)s", number=number, unit=unit)
        return number

    def date(self, day: object) -> str:
        """A date in prose ("ngày 02 tháng 12 năm 2022"), or the value as it is."""
        return self.t.format_date(day, "prose") if isinstance(day, dt.date) else str(day)

    def ordinal(self, n: object) -> str:
        """A rank as an ordinal ("thứ nhất", "thứ 4"; "1st", "4th")."""
        if isinstance(n, bool) or not isinstance(n, int):
            return str(n)
        return self.t.format_ordinal(n)

    def q(self, name: str) -> str:
        """A name to be put inside quotes: its own quotes changed so that quotes never nest alike."""
        return inner_quotes(name, self.t.language)

    def unit(self, unit_id: object) -> str:
        """A unit's name inside a sentence ("xã Vân Khánh")."""
        return self.names.unit_in_sentence(str(unit_id))

    def units(self, unit_ids: object) -> str:
        """Units' names inside a sentence, joined as the language joins them."""
        return self.listing(self.names.units_in_sentence(as_tuple(unit_ids)))

    def level(self, level_id: object) -> str:
        """A level's name inside a sentence ("ấp, khu phố")."""
        return self.names.level_in_sentence(str(level_id))

    def target(self, target_id: object) -> str:
        """A target's wording, ready to be put in quotes (an "of which" target with its parent)."""
        return self.q(self.names.target(str(target_id)))

    def listing(self, items: list[str] | tuple[str, ...]) -> str:
        """Names joined the way the language joins them."""
        return self.t.format_list(items) if items else self.gettext("none")

    def verdict(self, met: object) -> str:
        """``met`` / ``đạt`` or ``not met`` / ``không đạt``."""
        return self.gettext("met") if met else self.gettext("not met")

    def grade(self, grade_id: object, level: str | None = None) -> str:
        """A grade's name; "not rated" for none."""
        if grade_id is None or grade_id == "":
            return self.gettext("not rated")
        return self.names.grade(str(grade_id), level)

    def group(self, group_id: object) -> str:
        """A cluster's name, or "the level of communes" for a ranking over a whole level."""
        gid = str(group_id)
        if gid.startswith("level:"):
            return self.gettext("the level “%(level)s”", level=self.level(gid[len("level:") :]))
        return self.names.cluster(gid)

    def rounding(self, policy: object) -> str:
        """How a quota is rounded, in words."""
        phrases = {
            "floor": self.gettext("rounded down"),
            "ceiling": self.gettext("rounded up"),
            "half_up": self.gettext("rounded to the nearest, halves up"),
            "half_even": self.gettext("rounded to the nearest, halves to even"),
            "half_down": self.gettext("rounded to the nearest, halves down"),
        }
        return phrases.get(str(policy), str(policy))

    def missing_policy(self, policy: object) -> str:
        """What the missing-input policy did."""
        phrases = {
            "not_met": self.gettext("under the missing-input policy it counts as not met"),
            "exclude": self.gettext("under the missing-input policy it is left out"),
            "error": self.gettext("under the missing-input policy evaluation stops with an error"),
        }
        return phrases.get(str(policy), str(policy))

    def missing_what(self, what: object) -> str:
        """Describe a missing input reported by the engine (``counts.hamlet of xa-...``)."""
        text = str(what)
        n = self.names
        patterns: list[tuple[str, Callable[[re.Match[str]], str]]] = [
            (
                r"counts\.(?P<level>[\w-]+)\.(?P<grades>[\w,-]+) of (?P<unit>[\w-]+)",
                lambda mt: self.gettext(
                    "how many %(level)s units are rated %(grades)s in %(unit)s (left blank, and no total of sub-units)",
                    level=self.level(mt["level"]),
                    grades=self.listing([f"“{self.q(self.grade(g, mt['level']))}”" for g in mt["grades"].split(",")]),
                    unit=self.unit(mt["unit"]),
                ),
            ),
            (
                r"counts\.(?P<level>[\w-]+) of (?P<unit>[\w-]+)",
                lambda mt: self.gettext(
                    "the counts by grade of %(level)s for %(unit)s",
                    level=self.level(mt["level"]),
                    unit=self.unit(mt["unit"]),
                ),
            ),
            (
                r"measures\.(?P<measure>[\w-]+) of (?P<unit>[\w-]+) \(a true/false value, not a number\)",
                lambda mt: self.gettext(
                    "“%(measure)s” of %(unit)s (a true/false value, not a number)",
                    measure=inner_quotes(n.measure(mt["measure"]), self.t.language),
                    unit=self.unit(mt["unit"]),
                ),
            ),
            (
                r"measures\.(?P<measure>[\w-]+) of (?P<unit>[\w-]+)",
                lambda mt: self.gettext(
                    "“%(measure)s” of %(unit)s",
                    measure=inner_quotes(n.measure(mt["measure"]), self.t.language),
                    unit=self.unit(mt["unit"]),
                ),
            ),
            (
                r"dates\.(?P<event>[\w-]+) of (?P<unit>[\w-]+)",
                lambda mt: self.gettext(
                    "the date of “%(event)s” for %(unit)s",
                    event=inner_quotes(n.event(mt["event"]), self.t.language),
                    unit=self.unit(mt["unit"]),
                ),
            ),
            (
                r"sub-units on level (?P<level>[\w-]+) of (?P<unit>[\w-]+)",
                lambda mt: self.gettext(
                    "units of level “%(level)s” under %(unit)s",
                    level=n.level(mt["level"]),
                    unit=self.group(mt["unit"]) if n.cluster_obj(mt["unit"]) else self.unit(mt["unit"]),
                ),
            ),
            (
                r"target (?P<target>[\w-]+) \(excluded\)",
                lambda mt: self.gettext("target “%(target)s”, which was left out", target=self.target(mt["target"])),
            ),
            (
                r"criterion (?P<criterion>[\w-]+)",
                lambda mt: self.gettext(
                    "the points of criterion “%(criterion)s”", criterion=self.q(n.criterion(mt["criterion"]))
                ),
            ),
            (r"flags\.(?P<flag>[\w-]+)", lambda mt: n.flag(mt["flag"])),
            (r"measures\.(?P<measure>[\w-]+)", lambda mt: n.measure(mt["measure"])),
            (r"(?P<measure>[\w-]+)", lambda mt: n.measure(mt["measure"])),
        ]
        for pattern, render in patterns:
            match = re.fullmatch(pattern, text)
            if match:
                return render(match)
        return text
