"""The 34 provinces and 3,321 communes of 2025 from the ``vietnam-provinces`` package (extra ``provinces``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from thidua import model as m
from thidua._problems import N_
from thidua.admin._common import REFORM, commune_id, levels_2025, partition, province_id, select_provinces
from thidua.errors import MissingExtraError

__all__ = ["campaign_skeleton", "commune_index", "communes_2025", "provinces_2025", "units_2025"]

_GRADES = (
    m.Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ", "Completed tasks excellently", "HTXS"),
    m.Grade("htt", "Hoàn thành tốt nhiệm vụ", "Completed tasks well", "HTT"),
    m.Grade("ht", "Hoàn thành nhiệm vụ", "Completed tasks", "HT"),
    m.Grade("kht", "Không hoàn thành nhiệm vụ", "Did not complete tasks", "KHT"),
)


def _package() -> Any:
    try:
        import vietnam_provinces
    except ImportError:
        raise MissingExtraError(N_("real units of 2025"), "provinces", "vietnam-provinces") from None
    return vietnam_provinces


def _province_name(p: Any) -> str:
    name = m.nfc(p.name)
    return name if name.startswith("Thành phố") else f"Tỉnh {name}"


def provinces_2025() -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of the 34 provinces and cities of 2025, by code.

    Names carry their prefix (``"Tỉnh An Giang"``, ``"Thành phố Hà Nội"``).

    Raises:
        ImportError: without the ``provinces`` extra.

    >>> provinces_2025()[-3:]
    (('91', 'Tỉnh An Giang'), ('92', 'Thành phố Cần Thơ'), ('96', 'Tỉnh Cà Mau'))

    .. versionadded:: 0.1.0
    """
    vp = _package()
    rows = [(f"{p.code.value:02d}", _province_name(p)) for p in vp.Province.iter_all()]
    return tuple(sorted(rows))


def commune_index() -> Mapping[str, tuple[str, str, str]]:
    """Every commune of 2025 by code: ``code → (name, division type, province code)``.

    >>> commune_index()["31042"]
    ('Xã Vân Khánh', 'xã', '91')

    .. versionadded:: 0.1.0
    """
    vp = _package()
    return MappingProxyType(
        {
            f"{w.code.value:05d}": (m.nfc(w.name), str(w.division_type.value), f"{w.province_code.value:02d}")
            for w in vp.Ward.iter_all()
        }
    )


def communes_2025(province: str) -> tuple[tuple[str, str, str], ...]:
    """``(code, name, division type)`` of the communes of one province of 2025, by code.

    *province* is a code or a name (see :func:`select_provinces`); the division
    type is ``"xã"``, ``"phường"`` or ``"đặc khu"``.

    >>> [c for c in communes_2025("An Giang") if c[1] == "Xã Vân Khánh"]
    [('31042', 'Xã Vân Khánh', 'xã')]

    .. versionadded:: 0.1.0
    """
    vp = _package()
    (code,) = select_provinces([province], provinces_2025())
    rows = [
        (f"{w.code.value:05d}", m.nfc(w.name), str(w.division_type.value))
        for w in vp.Ward.iter_by_province(vp.ProvinceCode(int(code)))
    ]
    return tuple(sorted(rows))


def units_2025(provinces: Sequence[str] | None = None) -> tuple[m.Unit, ...]:
    """Real units of 2025: each province, then its communes, by code.

    Units are front committees (Ủy ban MTTQ) named after their area, valid
    from 1 July 2025, with their official codes; ids come from
    :func:`province_id` and :func:`commune_id`.

    Args:
        provinces: codes or names (see :func:`select_provinces`); ``None`` for all 34.

    >>> units = units_2025(["An Giang"])
    >>> len(units), units[0].id, units[0].name
    (103, 'vn34-p91', 'Tỉnh An Giang')

    .. versionadded:: 0.1.0
    """
    known = provinces_2025()
    names = dict(known)
    out: list[m.Unit] = []
    for pcode in select_provinces(provinces, known):
        pid = province_id(pcode)
        out.append(m.Unit(pid, names[pcode], "province", code=pcode, valid_from=REFORM))
        out.extend(
            m.Unit(commune_id(code), name, "commune", pid, code=code, valid_from=REFORM)
            for code, name, _ in communes_2025(pcode)
        )
    return tuple(out)


def campaign_skeleton(
    year: int,
    provinces: Sequence[str] | None = None,
    *,
    min_size: int = 6,
    max_size: int = 9,
) -> m.Campaign:
    """A campaign on the real units of 2025, with clusters of 6–9 communes per province.

    The skeleton holds the levels (province, commune, residential area), the
    units, the clusters and the usual 4-grade scale for communes and front work
    committees. Add agreements, rubrics and awards with :func:`attrs.evolve`.
    Clusters keep communes in code order; no source says how provinces group
    their communes, so the clusters are a PROPOSAL and the campaign says so.

    Args:
        year: the emulation year (2025 or later).
        provinces: codes or names; ``None`` for the whole country.
        min_size: smallest cluster.
        max_size: largest cluster.

    >>> c = campaign_skeleton(2026, ["Lai Châu"])
    >>> len(c.units), [len(cl.members) for cl in c.clusters]
    (39, [8, 8, 8, 7, 7])

    .. versionadded:: 0.1.0
    """
    units = units_2025(provinces)
    clusters: list[m.Cluster] = []
    for p in (u for u in units if u.level == "province"):
        members = [u.id for u in units if u.parent == p.id]
        for i, group in enumerate(partition(members, min_size=min_size, max_size=max_size), start=1):
            clusters.append(
                m.Cluster(
                    f"cum-{p.code}-{i:02d}",
                    f"Cụm thi đua số {i}, {p.name}",
                    "cluster",
                    year,
                    group,
                    organizers=(p.id,),
                    name_en=f"Emulation cluster no. {i}, {p.name}",
                )
            )
    scales = (
        m.RatingScale("thang-xa", "Xếp loại Ủy ban MTTQ Việt Nam cấp xã", ("commune",), _GRADES),
        m.RatingScale("thang-bctmt", "Xếp loại Ban Công tác Mặt trận", ("hamlet",), _GRADES, legacy={"yếu kém": "kht"}),
    )
    scope = "toàn quốc" if provinces is None else ", ".join(p.name for p in units if p.level == "province")
    return m.Campaign(
        id=f"thi-dua-{year}",
        name=f"Thi đua năm {year} ({scope})",
        year=year,
        levels=levels_2025(),
        units=units,
        clusters=tuple(clusters),
        scales=scales,
        note=(
            "Đơn vị và mã số thật (gói vietnam-provinces). Việc chia cụm theo thứ tự mã "
            "là ĐỀ XUẤT (PROPOSAL), không phải quyết định của tỉnh."
        ),
    )
