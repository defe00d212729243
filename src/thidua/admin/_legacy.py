"""Units before 1 July 2025 and their successors, from ``vietnamadminunits`` (extra ``legacy-units``).

Only the tables bundled with that package are read: its SQLite file
``data/dataset.db`` (opened read-only) and ``data/converter_2025.json``. The
package itself is never imported, so none of its geocoding code (which calls
an online service for street addresses) can run, and geopy and shapely are not
loaded. The 2025 side is taken from ``vietnam-provinces``, the newer registry,
matched by name within each province: the two packages disagree on the codes
of about 120 units of 2025.

The legacy table is the state **just before 1 July 2025**: wards merged
earlier (Hà Nội's mergers of 1 January 2025, such as Kim Giang into Hạ Đình)
are not rows, and a merged ward may carry the code of a ward it absorbed
(Hạ Đình shows 00373, Kim Giang's old code). Campaigns before such a merger
need those units written by hand, with their lineage.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import N_
from thidua.admin import _codes as codes
from thidua.admin._common import (
    LAST_DAY_BEFORE_REFORM,
    REFORM,
    commune_id,
    legacy_id,
    name_key,
    province_id,
    select_provinces,
)
from thidua.admin._provinces import commune_index, provinces_2025
from thidua.errors import MissingExtraError, ModelError

__all__ = ["Successor", "legacy_units", "successor_units", "successors"]

_NOTE = "vietnamadminunits converter_2025"


@attrs.frozen
class Successor:
    """A 2025 commune that took in (part of) a unit of before 1 July 2025.

    Attributes:
        code: the 2025 code (from ``vietnam-provinces``).
        name: the 2025 name.
        province_code: the 2025 province.
        whole: ``True`` when the old unit moved whole; ``False`` for one part of a split unit.
        default: for a split unit, whether this is the part the converter
            chooses when it must choose one.

    >>> Successor("31042", "Xã Vân Khánh", "91", whole=True, default=True).id
    'vn34-w31042'

    .. versionadded:: 0.1.0
    """

    code: str
    name: str
    province_code: str
    whole: bool
    default: bool

    @property
    def id(self) -> str:
        """The thidua id of the 2025 unit."""
        return commune_id(self.code)


def _data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise MissingExtraError(N_("units before 2025"), "legacy-units", "vietnamadminunits")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _query(sql: str, params: Sequence[str] = ()) -> list[dict[str, Any]]:
    path = _data_dir() / "dataset.db"
    import sqlite3  # imported here: Pyodide has no sqlite3, and the rest of thidua.admin works without it

    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


@attrs.frozen
class _Tables:
    old_to_new: Mapping[str, tuple[tuple[str, str, bool, bool], ...]]
    new_province: Mapping[str, str]
    new_ward: Mapping[tuple[str, str], tuple[str, str]]


@functools.cache
def _tables() -> _Tables:
    """The converter read once per process: immutable data of an installed package."""
    with (_data_dir() / "converter_2025.json").open(encoding="utf-8") as f:
        conv = json.load(f)
    old_to_new: dict[str, list[tuple[str, str, bool, bool]]] = {}
    for new_prov, whole in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in whole.items():
            for old in olds:
                old_to_new.setdefault(old, []).append((new_prov, new_ward, True, True))
    for new_prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            if old.split("_", 1)[0] not in conv["DICT_PROVINCE"][new_prov]:
                continue  # the table lists a few parts under a province the old unit never joined
            for part in parts:
                old_to_new.setdefault(old, []).append(
                    (new_prov, part["newWardKey"], False, bool(part["isDefaultNewWard"]))
                )
    new_province = {old: new for new, olds in conv["DICT_PROVINCE"].items() for old in olds}
    rows = _query("select distinct provinceKey, provinceCode, wardKey, ward from admin_units")
    by_name = {(pcode, name_key(name)): (code, name) for code, (name, _, pcode) in commune_index().items()}
    wards: dict[tuple[str, str], tuple[str, str]] = {}
    for r in rows:
        found = by_name.get((r["provinceCode"], name_key(r["ward"])))
        if found is not None:
            wards[(r["provinceKey"], r["wardKey"])] = found
    prov_codes = {r["provinceKey"]: r["provinceCode"] for r in rows}
    return _Tables(
        old_to_new=MappingProxyType({k: tuple(v) for k, v in old_to_new.items()}),
        new_province=MappingProxyType({old: prov_codes[new] for old, new in new_province.items()}),
        new_ward=MappingProxyType(wards),
    )


def _successors_of(key: str) -> tuple[Successor, ...]:
    t = _tables()
    out = []
    for new_prov, new_ward, whole, default in t.old_to_new.get(key, ()):
        found = t.new_ward.get((new_prov, new_ward))
        if found is None:  # pragma: no cover - every 2025 ward of the package matches by name
            raise ModelError(codes.UNKNOWN_2025_UNIT((key,), unit=repr(new_ward), province=repr(new_prov)))
        pcode = t.new_province.get(key.split("_", 1)[0], "")
        out.append(Successor(found[0], m.nfc(found[1]), pcode, whole, default))
    return tuple(sorted(out, key=lambda s: (not s.default, s.code)))


def _legacy_rows(province: str, district: str | None) -> list[dict[str, Any]]:
    provinces = _query("select distinct provinceCode, province from admin_units_legacy order by provinceCode")
    known = [(r["provinceCode"], m.nfc(r["province"])) for r in provinces]
    (pcode,) = select_provinces([province], known)
    rows = _query(
        "select province, provinceCode, provinceKey, district, districtCode, districtKey, districtType,"
        " ward, wardCode, wardKey from admin_units_legacy where provinceCode = ? order by districtCode, wardCode",
        [pcode],
    )
    if district is None:
        return rows
    text = district.strip()
    wanted = name_key(text)
    picked = [
        r
        for r in rows
        if r["districtCode"] == text.zfill(3)
        or name_key(r["district"]) == wanted
        or name_key(r["district"]).removeprefix(name_key(r["districtType"] or "") + " ") == wanted
    ]
    if not picked:
        province = known[[c for c, _ in known].index(pcode)][1]
        raise ModelError(codes.UNKNOWN_DISTRICT(("district",), district=repr(district), province=province))
    return picked


def successors(province: str, district: str, ward: str) -> tuple[Successor, ...]:
    """The 2025 communes that took in one commune of before 1 July 2025.

    Args:
        province: the old province, by code or name (``"Kiên Giang"``).
        district: the old district, by code or name, with or without its
            type (``"An Minh"``, ``"Huyện An Minh"``).
        ward: the old commune, by code or full name (``"Xã Vân Khánh Tây"``).

    Returns:
        One :class:`Successor` for a unit that moved whole; one per part,
        default first, for a unit that was split.

    Raises:
        ImportError: without the ``legacy-units`` extra.
        ModelError: for a unit the table does not know.

    >>> s = successors("Kiên Giang", "An Minh", "Xã Vân Khánh Tây")
    >>> [(x.name, x.code, x.province_code, x.whole) for x in s]
    [('Xã Vân Khánh', '31042', '91', True)]

    .. versionadded:: 0.1.0
    """
    rows = _legacy_rows(province, district)
    wanted = name_key(ward)
    for r in rows:
        if r["wardCode"] == ward.strip() or (r["ward"] is not None and name_key(r["ward"]) == wanted):
            return _successors_of(f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}")
    raise ModelError(codes.UNKNOWN_WARD(("ward",), ward=repr(ward), district=repr(district)))


def legacy_units(province: str, district: str | None = None) -> tuple[m.Unit, ...]:
    """Real units of one province (or district) as they stood on 30 June 2025.

    Returns the province, its districts and their communes (levels
    ``province``, ``district``, ``commune``), valid until 30 June 2025, each
    with forward lineage to the 2025 units: ``merged_into`` for a unit that
    moved whole, ``split_into`` (one link per part, the converter's default
    first) for one that was divided. Add :func:`successor_units` to a campaign
    so that the links point to units it holds.

    Args:
        province: code or name of a province of the 63 (``"Kiên Giang"``, ``"91"``).
        district: code or name of one of its districts, or ``None`` for all.

    Raises:
        ImportError: without the ``legacy-units`` extra.
        ModelError: for a province or district the table does not know.

    >>> units = legacy_units("Kiên Giang", "An Minh")
    >>> [u.name for u in units][:3]
    ['Tỉnh Kiên Giang', 'Huyện An Minh', 'Thị trấn Thứ Mười Một']
    >>> units[-1].name, units[-1].lineage[0].kind.value, units[-1].lineage[0].unit
    ('Xã Vân Khánh Tây', 'merged_into', 'vn34-w31042')

    .. versionadded:: 0.1.0
    """
    rows = _legacy_rows(province, district)
    t = _tables()
    first = rows[0]
    pid = legacy_id("province", first["provinceCode"])
    new_pcode = t.new_province.get(first["provinceKey"])
    plinks = () if new_pcode is None else (m.Lineage("merged_into", province_id(new_pcode), REFORM, _NOTE),)
    units: list[m.Unit] = [
        m.Unit(
            pid,
            first["province"],
            "province",
            code=first["provinceCode"],
            valid_to=LAST_DAY_BEFORE_REFORM,
            lineage=plinks,
        )
    ]
    seen: set[str] = set()
    for r in rows:
        did = legacy_id("district", r["districtCode"])
        if did not in seen:
            seen.add(did)
            units.append(
                m.Unit(did, r["district"], "district", pid, code=r["districtCode"], valid_to=LAST_DAY_BEFORE_REFORM)
            )
        if r["wardCode"] is None:
            continue  # island districts without communes: they became special zones
        parts = _successors_of(f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}")
        links = tuple(
            m.Lineage(
                "merged_into" if s.whole else "split_into",
                s.id,
                REFORM,
                _NOTE if s.whole else f"{_NOTE}: {'phần mặc định' if s.default else 'một phần'}",
            )
            for s in parts
        )
        units.append(
            m.Unit(
                legacy_id("commune", r["wardCode"]),
                r["ward"],
                "commune",
                did,
                code=r["wardCode"],
                valid_to=LAST_DAY_BEFORE_REFORM,
                lineage=links,
            )
        )
    return tuple(units)


def successor_units(units: Sequence[m.Unit]) -> tuple[m.Unit, ...]:
    """The 2025 units that *units* link forward to, with the links back.

    Each 2025 province and commune named by a ``merged_into`` or ``split_into``
    link of *units* is returned once, by code, valid from 1 July 2025, with
    ``merged_from`` or ``split_from`` links to those of *units* it took in.
    Predecessors outside *units* are not listed.

    >>> old = legacy_units("Kiên Giang", "An Minh")
    >>> new = successor_units(old)
    >>> [(u.name, len(u.predecessors)) for u in new if u.level == "commune"]
    [('Xã An Minh', 3), ('Xã Đông Hòa', 2), ('Xã Tân Thạnh', 2), ('Xã Đông Hưng', 2), ('Xã Vân Khánh', 2)]

    .. versionadded:: 0.1.0
    """
    provinces = dict(provinces_2025())
    communes = commune_index()
    back: dict[str, list[m.Lineage]] = {}
    for u in units:
        for link in u.lineage:
            if link.kind.forward:
                kind = "split_from" if link.kind is m.LineageKind.SPLIT_INTO else "merged_from"
                back.setdefault(link.unit, []).append(m.Lineage(kind, u.id, link.on, link.note))
    wards = sorted(uid.removeprefix("vn34-w") for uid in back if uid.startswith("vn34-w"))
    pcodes = {communes[code][2] for code in wards} | {
        uid.removeprefix("vn34-p") for uid in back if uid.startswith("vn34-p")
    }
    out: list[m.Unit] = []
    for pcode in sorted(pcodes):
        pid = province_id(pcode)
        out.append(
            m.Unit(pid, provinces[pcode], "province", code=pcode, valid_from=REFORM, lineage=tuple(back.get(pid, ())))
        )
        out.extend(
            m.Unit(
                commune_id(code),
                communes[code][0],
                "commune",
                pid,
                code=code,
                valid_from=REFORM,
                lineage=tuple(back[commune_id(code)]),
            )
            for code in wards
            if communes[code][2] == pcode
        )
    return tuple(out)
