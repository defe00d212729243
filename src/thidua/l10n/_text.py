"""Small rules of written Vietnamese: names inside a sentence, quotes inside quotes.

Nghị định 30/2020/NĐ-CP, Phụ lục II: in the name of an administrative unit
the generic noun is written in lower case and the proper name capitalised
("xã Vân Khánh", "phường Hạ Đình"), unless the proper name is a number, a
person's name or a historical event ("Quận 1", "Phường Lê Lợi"). A name
stored as it is written at the head of a list ("Xã Vân Khánh") is lowered
when it stands inside a sentence.
"""

from __future__ import annotations

import re

__all__ = ["GENERIC_NOUNS", "in_sentence", "inner_quotes", "lower_first", "starts_with_generic"]

#: Generic nouns of administrative units and residential areas, longest first.
GENERIC_NOUNS: tuple[str, ...] = (
    "thành phố",
    "thị trấn",
    "tổ dân phố",
    "khu dân cư",
    "khu phố",
    "đặc khu",
    "thị xã",
    "huyện",
    "phường",
    "quận",
    "tỉnh",
    "xã",
    "ấp",
    "thôn",
    "bản",
    "làng",
    "khóm",
    "buôn",
    "sóc",
)

_NUMBER = re.compile(r"^\d")


def starts_with_generic(name: str) -> str | None:
    """The generic noun a name starts with (in lower case), if any.

    >>> starts_with_generic("Xã Vân Khánh Tây"), starts_with_generic("Thị trấn Thứ Mười Một")
    ('xã', 'thị trấn')
    >>> starts_with_generic("Hội Nông dân tỉnh") is None
    True
    """
    folded = name.lower()
    for noun in GENERIC_NOUNS:
        if folded.startswith(noun) and (len(folded) == len(noun) or folded[len(noun)] in " ,"):
            return noun
    return None


def in_sentence(name: str, *, keep_capital: bool = False) -> str:
    """A unit's name as written inside a sentence: its generic noun in lower case.

    The generic noun keeps its capital when the proper name is a number
    (detected) or a person's name or an event (*keep_capital*).

    >>> in_sentence("Xã Vân Khánh"), in_sentence("Phường Hạ Đình"), in_sentence("Thị trấn Thứ Mười Một")
    ('xã Vân Khánh', 'phường Hạ Đình', 'thị trấn Thứ Mười Một')
    >>> in_sentence("Quận 1"), in_sentence("Phường Lê Lợi", keep_capital=True)
    ('Quận 1', 'Phường Lê Lợi')
    >>> in_sentence("Ủy ban MTTQ Việt Nam tỉnh Ninh Thuận")
    'Ủy ban MTTQ Việt Nam tỉnh Ninh Thuận'

    .. versionadded:: 0.1.0
    """
    noun = starts_with_generic(name)
    if noun is None or keep_capital:
        return name
    rest = name[len(noun) :].lstrip()
    if _NUMBER.match(rest):
        return name
    return noun + name[len(noun) :]


def lower_first(text: str) -> str:
    """A label (a level, a grade) as written inside a sentence: its first letter in lower case.

    Words that are always capitalised stay so: an abbreviation (``MTTQ``)
    and the names of organisations and institutions (``Ban``, ``Ủy ban``,
    ``Hội``, ``Đảng``...).

    >>> lower_first("Ấp, khu phố"), lower_first("Tổ chức Đảng, đoàn thể"), lower_first("MTTQ các cấp")
    ('ấp, khu phố', 'tổ chức Đảng, đoàn thể', 'MTTQ các cấp')
    >>> lower_first("Ban Công tác Mặt trận")
    'Ban Công tác Mặt trận'

    .. versionadded:: 0.1.0
    """
    if not text:
        return text
    first = text.split(" ", 1)[0].rstrip(",;:")
    if first.isupper() or first in _ALWAYS_CAPITALISED or (len(first) > 1 and any(ch.isupper() for ch in first[1:])):
        return text
    return text[0].lower() + text[1:]


_ALWAYS_CAPITALISED = frozenset(
    {
        "Ban",
        "Ủy",
        "Uỷ",
        "Hội",
        "Đảng",
        "Đoàn",
        "Liên",
        "Mặt",
        "Nhà",
        "Nhân",
        "Quỹ",
        "Cờ",
        "Bằng",
        "Giấy",
        "Chủ",
        "Thủ",
        "Việt",
        "Cụm",
        "Khối",
    }
)

_CURLY = re.compile(r"“([^“”]*)”")
_STRAIGHT = re.compile(r'"([^"]*)"')


def inner_quotes(text: str, language: str = "vi") -> str:
    """A name to be put in quotes, with its own quotes changed so that quotes never nest alike.

    Vietnamese uses « » inside “ ”; English uses ‘ ’.

    >>> inner_quotes("Quỹ “Vì người nghèo” đạt chỉ tiêu"), inner_quotes('Quỹ "Vì người nghèo"', "en")
    ('Quỹ «Vì người nghèo» đạt chỉ tiêu', 'Quỹ ‘Vì người nghèo’')

    .. versionadded:: 0.1.0
    """
    opening, closing = ("«", "»") if language == "vi" else ("‘", "’")
    text = _CURLY.sub(lambda m: f"{opening}{m.group(1)}{closing}", text)
    return _STRAIGHT.sub(lambda m: f"{opening}{m.group(1)}{closing}", text)
