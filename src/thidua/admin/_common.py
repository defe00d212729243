"""Ids, name matching, levels and cluster partitions shared by the adapters (no extra needed)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

from thidua import model as m
from thidua._problems import shown
from thidua.admin import _codes as codes
from thidua.errors import ModelError

__all__ = [
    "LAST_DAY_BEFORE_REFORM",
    "REFORM",
    "commune_id",
    "legacy_id",
    "levels_2025",
    "levels_legacy",
    "name_key",
    "partition",
    "province_id",
    "select_provinces",
]

#: The day the 34 provinces and 3,321 communes of the two-level system began.
REFORM = dt.date(2025, 7, 1)
#: The last day of the district level and of the 63 provinces.
LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PUNCTUATION = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u2018": "'"})


def province_id(code: str) -> str:
    """The id thidua gives a province of 2025, from its two-digit GSO code.

    >>> province_id("91")
    'vn34-p91'

    .. versionadded:: 0.1.0
    """
    return f"vn34-p{code}"


def commune_id(code: str) -> str:
    """The id thidua gives a commune of 2025 (xã, phường, đặc khu), from its five-digit code.

    >>> commune_id("31042")
    'vn34-w31042'

    .. versionadded:: 0.1.0
    """
    return f"vn34-w{code}"


def legacy_id(level: str, code: str) -> str:
    """The id of a unit of the 63-province system before 1 July 2025.

    *level* is ``"province"``, ``"district"`` or ``"commune"``.

    >>> legacy_id("commune", "31048"), legacy_id("district", "909")
    ('vn63-w31048', 'vn63-d909')

    .. versionadded:: 0.1.0
    """
    prefix = {"province": "p", "district": "d", "commune": "w"}[level]
    return f"vn63-{prefix}{code}"


def name_key(name: str) -> str:
    """A key under which two spellings of one Vietnamese unit name agree.

    Case, Unicode normalization, the place of the tone mark (``Hoà`` and
    ``Hòa``), dashes, apostrophes and repeated spaces are ignored; letters and
    marks that change the word (``Lang`` and ``Lăng``) are kept.

    >>> name_key("Xã  Lương Hoà") == name_key("xã Lương Hòa")
    True
    >>> name_key("Xã Văn Lang") == name_key("Xã Văn Lăng")
    False

    .. versionadded:: 0.1.0
    """
    text = unicodedata.normalize("NFD", name.translate(_PUNCTUATION)).casefold()
    words = []
    for word in text.split():
        tone = "".join(ch for ch in word if ch in _TONES)
        base = "".join(ch for ch in word if ch not in _TONES)
        words.append(unicodedata.normalize("NFC", base) + tone)
    return " ".join(words)


def levels_2025(*, hamlets: bool = True) -> tuple[m.Level, ...]:
    """The levels of the two-level system from 1 July 2025.

    With *hamlets*, a third level for residential areas, whose front work
    committees (Ban Công tác Mặt trận) are reported as counts by grade.

    >>> [lv.id for lv in levels_2025()]
    ['province', 'commune', 'hamlet']

    .. versionadded:: 0.1.0
    """
    levels = [
        m.Level("province", "Tỉnh, thành phố", "Province or city"),
        m.Level("commune", "Xã, phường, đặc khu", "Commune, ward or special zone"),
    ]
    if hamlets:
        levels.append(m.Level("hamlet", "Thôn, ấp, bản, tổ dân phố, khu phố", "Residential area"))
    return tuple(levels)


def levels_legacy(*, hamlets: bool = True) -> tuple[m.Level, ...]:
    """The levels before 1 July 2025, and the 2025 levels after it.

    The district level ends on 30 June 2025, so a campaign holding both the
    old units and their 2025 successors validates: a 2025 commune sits under
    its province.

    >>> [(lv.id, lv.valid_to) for lv in levels_legacy()][1]
    ('district', datetime.date(2025, 6, 30))

    .. versionadded:: 0.1.0
    """
    levels = [
        m.Level("province", "Tỉnh, thành phố", "Province or city"),
        m.Level("district", "Huyện, quận, thị xã, thành phố thuộc tỉnh", "District", valid_to=LAST_DAY_BEFORE_REFORM),
        m.Level("commune", "Xã, phường, thị trấn, đặc khu", "Commune, ward or township"),
    ]
    if hamlets:
        levels.append(m.Level("hamlet", "Thôn, ấp, bản, tổ dân phố, khu phố", "Residential area"))
    return tuple(levels)


def partition(members: Sequence[str], *, min_size: int = 6, max_size: int = 9) -> tuple[tuple[str, ...], ...]:
    """Split *members*, in their order, into the fewest clusters of *min_size* to *max_size*.

    Sizes differ by at most one, larger clusters first. Real clusters are
    decided by each province; keeping neighbours in code order (GSO codes
    follow the old districts) is a proposal, not a fact.

    Raises:
        ModelError: when no split fits (e.g. 10 members into clusters of 6–9).

    >>> [len(c) for c in partition([str(i) for i in range(38)])]
    [8, 8, 8, 7, 7]
    >>> partition(list("abcdefg"))
    (('a', 'b', 'c', 'd', 'e', 'f', 'g'),)

    .. versionadded:: 0.1.0
    """
    if not 1 <= min_size <= max_size:
        raise ModelError(codes.CLUSTER_SIZES(low=min_size, high=max_size))
    n = len(members)
    count = -(-n // max_size)
    if n == 0 or count * min_size > n:
        raise ModelError(codes.CANNOT_SPLIT(count=n, low=min_size, high=max_size))
    size, extra = divmod(n, count)
    out: list[tuple[str, ...]] = []
    start = 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(tuple(members[start:end]))
        start = end
    return tuple(out)


def _short(name: str) -> str:
    key = name_key(name)
    for prefix in (name_key(p) + " " for p in ("Tỉnh", "Thành phố", "TP.", "TP")):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def select_provinces(selectors: Sequence[str] | None, known: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The codes of the provinces that *selectors* name, in the order of *known*.

    A selector is a code (``"91"``, ``"1"``) or a name with or without its
    prefix (``"An Giang"``, ``"Tỉnh An Giang"``, ``"Thành phố Hà Nội"``, ``"Hà Nội"``),
    in any case and Unicode form. ``None`` selects every province.

    Args:
        selectors: what to select, or ``None``.
        known: ``(code, name)`` of every province.

    Raises:
        ModelError: listing every selector that names no province.

    >>> select_provinces(["an giang", "1"], [("01", "Thành phố Hà Nội"), ("91", "Tỉnh An Giang")])
    ('01', '91')

    .. versionadded:: 0.1.0
    """
    if selectors is None:
        return tuple(code for code, _ in known)
    if isinstance(selectors, str):
        selectors = [selectors]
    wanted: set[str] = set()
    problems = []
    for i, sel in enumerate(selectors):
        text = str(sel).strip()
        code = text.zfill(2) if text.isdigit() else None
        found = [c for c, name in known if c == code or _short(name) == _short(text)]
        if not found:
            problems.append(codes.UNKNOWN_PROVINCE(("provinces", i), value=shown(sel)))
        wanted.update(found)
    if problems:
        raise ModelError(problems)
    return tuple(code for code, _ in known if code in wanted)
