"""A seeded, deterministic national workload: every commune of 2025 and ~100,000 front work committees.

:func:`generate_national` builds a campaign, its results and (optionally) five
years of history for the whole country, at the scale of a real national
campaign: 34 provinces, 3,321 communes, 20–40 front work committees (Ban Công
tác Mặt trận) per commune, clusters of 6–9 communes in each province, a
50-criterion rubric. It is for benchmarks, load tests and demonstrations;
every document it makes is marked as **synthetic sample data**.

Units come from the ``provinces`` extra (``vietnam-provinces``) when it is
installed: real names and codes. Without it, the 34 real provinces get the
real number of communes each, named ``"Xã tổng hợp 001"`` and so on, with ids
``vn34-p91-s001``; the campaign's note says which source was used.

Front work committees are not listed one by one: each commune reports how
many of its committees got each grade (``UnitResult.counts["hamlet"]``), which
is how the engine counts them and how it scales to 100,000 of them.

The values are drawn to hit the places where binary floats go wrong: shares
exactly on their thresholds (exactly 80% rated good or better, exactly 30%
excellent), scores of exactly 90, 70 or 50 points, exact score ties between
units whose points add up differently, rates given to two decimals whose
difference is exactly the target (4.35 − 2.85 = 1.5), amounts one VND short.

By default 43 of the 50 criteria are assessed (points given by the commune and
its reviewers) and 7 are computed from measures. With ``computed="all"`` every
one of the 50 is computed from the commune's measures (in proportion to its own
plan or to a fixed target, step tables, points per occurrence, all-or-nothing
thresholds, the bonus and the penalty), as in a rubric of quantitative
indicators; totals are still aimed exactly at the band edges and at the
previous commune's total, now through the measures (see :data:`COMPUTED_KINDS`).

>>> campaign, results, history = generate_national(provinces=["Lai Châu"])
>>> len(results.units), history is None
(38, True)
>>> sum(sum(r.counts["hamlet"].values()) for r in results.units) // 38 in range(20, 41)
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import attrs

from thidua import _codes as top_codes
from thidua import model as m
from thidua._problems import shown
from thidua.admin._builtin import PROVINCES_2025
from thidua.admin._common import REFORM, levels_2025, partition, province_id, select_provinces
from thidua.errors import ModelError
from thidua.model import _codes as model_codes

__all__ = [
    "ASSESSED",
    "COMPUTED_KINDS",
    "GRADES",
    "STAGES",
    "computed_points",
    "generate_national",
    "national_units",
    "write_national",
]

#: The grades of front work committees and communes, best first.
GRADES = ("htxs", "htt", "ht", "kht")
#: The review stages a generated campaign may have, in order.
STAGES = (
    ("tu-cham", "Tự chấm điểm", "Self-assessment"),
    ("tham-dinh", "Cụm thẩm định", "Cluster review"),
    ("ban-thuong-truc", "Ban Thường trực Ủy ban MTTQ tỉnh", "Provincial standing committee"),
)
_YEAR = 2026
_TENTH = Fraction(1, 10)
_REASONS = (
    "Chưa đủ minh chứng",
    "Báo cáo nộp chậm",
    "Bổ sung minh chứng hợp lệ",
    "Trùng nội dung với năm trước",
    "Cụm thống nhất điều chỉnh",
)

#: Rubric groups: (id, name, English name, leaves). A leaf is (suffix, points, method);
#: ``"a"`` is assessed, other methods are computed from measures (see :func:`computed_points`).
_GROUPS: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("chap-hanh", "Chấp hành chỉ đạo của cấp trên và cấp ủy", "Following guidance", (("1", "2", "a"),) * 5),
    ("ke-hoach", "Thực hiện kế hoạch, hướng dẫn công tác Mặt trận", "Carrying out plans", (("1", "2", "a"),) * 5),
    ("doi-moi", "Đổi mới nội dung, phương thức hoạt động", "Renewing methods", (("1", "2", "a"),) * 5),
    ("nam-tinh-hinh", "Nắm tình hình, dư luận của Nhân dân", "Knowing public opinion", (("1", "2", "a"),) * 5),
    (
        "ntm-dtvm",
        "Xây dựng nông thôn mới, đô thị văn minh",
        "New rural and civilized urban areas",
        (*(("1", "2", "a"),) * 4, ("mo-hinh", "2", "step")),
    ),
    (
        "vi-nguoi-ngheo",
        'Quỹ "Vì người nghèo" và an sinh xã hội',
        "Fund for the poor and social security",
        (
            ("ty-le-quy", "3", "proportional"),
            ("nha-dai-doan-ket", "2", "per"),
            *(("1", "2", "a"),) * 2,
            ("1", "1", "a"),
        ),
    ),
    ("hang-viet", "Người Việt Nam ưu tiên dùng hàng Việt Nam", "Vietnamese goods", (("1", "2", "a"),) * 5),
    (
        "chat-luong-bctmt",
        "Chất lượng Ban Công tác Mặt trận",
        "Quality of the front work committees",
        (
            ("dat-80", "4", "pass-good"),
            ("khong-yeu", "2", "pass-no-weak"),
            *(("1", "2", "a"),) * 2,
            ("cham-bao-cao", "0", "penalty"),
        ),
    ),
    (
        "giam-sat",
        "Giám sát và phản biện xã hội",
        "Supervision and social criticism",
        (*(("1", "2.5", "a"),) * 4, ("thuong", "0", "bonus")),
    ),
    ("dai-doan-ket", "Ngày hội Đại đoàn kết toàn dân tộc", "National unity festival", (("1", "2", "a"),) * 5),
)


def _leaves() -> tuple[tuple[str, str, Fraction, str], ...]:
    """(group id, leaf id, points, method) of the 50 scored criteria, in order."""
    out = []
    for gid, _, _, leaves in _GROUPS:
        k = 0
        for suffix, points, method in leaves:
            if method == "a":
                k += 1
                leaf = f"{gid}-{k}"
            else:
                leaf = f"{gid}-{suffix}"
            out.append((gid, leaf, Fraction(points), method))
    return tuple(out)


_LEAVES = _leaves()
#: Ids and maximum points of the assessed criteria (43 of the 50), in rubric order.
ASSESSED: tuple[tuple[str, Fraction], ...] = tuple((leaf, pts) for _, leaf, pts, how in _LEAVES if how == "a")
_BONUS_LEAF = "doi-moi-1"
_BONUS_CAP = Fraction(3, 2)

#: With ``computed="all"``, how each of the 43 criteria that are otherwise assessed is computed, in
#: turn along the rubric: ``"plan"``, in proportion to the commune's own plan (``<m>_done`` over
#: ``<m>_plan``, whole numbers); ``"percent"``, in proportion to a fixed target of 95 (``<m>_pct``, a
#: percentage to two decimals); ``"steps"``, a step table on a count (``<m>_count``: ¼ of the points
#: from 1, ½ from 2, all from 4); ``"each"``, ¼ of the points per occurrence (``<m>_count``), capped;
#: ``"at-least"``, all the points when ``<m>_pct`` is at least 90. ``<m>`` is the criterion's id
#: with ``_`` for ``-``.
COMPUTED_KINDS = ("plan", "percent", "steps", "plan", "each", "at-least", "plan", "percent")
_PERCENT_TARGET = Fraction(95)
_AT_LEAST = Fraction(90)


_ALL_LEAVES: tuple[tuple[str, Fraction, str, str], ...] = tuple(
    (leaf, pts, COMPUTED_KINDS[i % len(COMPUTED_KINDS)], leaf.replace("-", "_"))
    for i, (leaf, pts) in enumerate(ASSESSED)
)
"""(leaf id, points, kind, measure stem) of the 43 criteria computed in turn with ``computed="all"``."""


def computed_points(counts: Mapping[str, int], measures: Mapping[str, Fraction]) -> Fraction:
    """Points of the seven computed criteria of the generated rubric, with the penalty and bonus.

    ``models`` steps to 1 and 2 points; 3 × the share of the fund quota
    raised (at most 3); ½ point per house built (at most 2); 4 points when at
    least 80% of committees are rated good or better; 2 when none is rated
    weak; −0.2 per late report (at least −1); ½ bonus point per supervision
    (at most 2). The generator aims totals with it; the engine computes the
    same from the rubric.

    >>> counts = {"htxs": 6, "htt": 14, "ht": 5, "kht": 0}
    >>> measures = {"models": 2, "fund_raised": 100, "fund_quota": 100, "houses": 3,
    ...             "late_reports": 1, "supervisions": 5}
    >>> computed_points(counts, {k: Fraction(v) for k, v in measures.items()})  # 2 + 3 + 1.5 + 4 + 2 − 0.2 + 2
    Fraction(143, 10)

    .. versionadded:: 0.1.0
    """
    models = measures["models"]
    total = Fraction(2 if models >= 2 else 1 if models >= 1 else 0)
    total += 3 * min(Fraction(1), measures["fund_raised"] / measures["fund_quota"])
    total += min(Fraction(2), measures["houses"] / 2)
    n = sum(counts.values())
    if 5 * (counts["htxs"] + counts["htt"]) >= 4 * n:
        total += 4
    if counts["kht"] == 0:
        total += 2
    total += max(Fraction(-1), -measures["late_reports"] / 5)
    total += min(Fraction(2), measures["supervisions"] / 2)
    return total


def _leaf_points(kind: str, top: Fraction, stem: str, measures: Mapping[str, Fraction]) -> Fraction:
    """Points of one criterion of :data:`COMPUTED_KINDS` (the generator's own arithmetic, to aim totals)."""
    if kind == "plan":
        return top * min(Fraction(1), measures[f"{stem}_done"] / measures[f"{stem}_plan"])
    if kind == "percent":
        return top * min(Fraction(1), measures[f"{stem}_pct"] / _PERCENT_TARGET)
    if kind == "at-least":
        return top if measures[f"{stem}_pct"] >= _AT_LEAST else Fraction(0)
    n = measures[f"{stem}_count"]
    if kind == "each":
        return min(top, top / 4 * n)
    assert kind == "steps"  # noqa: S101 - COMPUTED_KINDS names every kind
    return top if n >= 4 else top / 2 if n >= 2 else top / 4 if n >= 1 else Fraction(0)


def _all_points(counts: Mapping[str, int], measures: Mapping[str, Fraction]) -> Fraction:
    """The total of a commune when every criterion is computed (``computed="all"``)."""
    return computed_points(counts, measures) + sum(
        (_leaf_points(kind, top, stem, measures) for _, top, kind, stem in _ALL_LEAVES), Fraction(0)
    )


def _rubric(computed: str) -> m.Rubric:
    criteria = []
    kinds = {leaf: (kind, stem) for leaf, _, kind, stem in _ALL_LEAVES}
    for gid, name, name_en, leaves in _GROUPS:
        children = []
        k = 0
        for suffix, points, how in leaves:
            method: m.Method
            bonus: str | None = None
            if how == "a":
                k += 1
                cid, cname = f"{gid}-{k}", f"{name}: nội dung {k}"
                if computed == "all":
                    method, wording = _all_method(*kinds[cid], Fraction(points))
                    cname = f"{name}: chỉ tiêu {k} ({wording})"
                else:
                    method = m.Assessed()
                    if cid == _BONUS_LEAF:
                        bonus = "1.5"
            else:
                cid = f"{gid}-{suffix}"
                method, cname, bonus = _computed_leaf(how)
            children.append(m.Criterion(cid, cname, points, method, bonus=bonus))
        total = sum((c.points for c in children), Fraction(0))
        criteria.append(m.Criterion(gid, name, total, children=tuple(children), name_en=name_en))
    return m.Rubric(
        "thang-diem-xa",
        "Thang điểm thi đua Ủy ban MTTQ Việt Nam cấp xã (tổng hợp)",
        ("commune",),
        100,
        tuple(criteria),
        name_en="Points rubric for commune front committees (synthetic)",
    )


def _all_method(kind: str, stem: str, top: Fraction) -> tuple[m.Method, str]:
    """(method, wording) of a criterion of :data:`COMPUTED_KINDS`."""
    if kind == "plan":
        return m.Proportional(f"{stem}_done", target_measure=f"{stem}_plan"), "tỷ lệ thực hiện so với kế hoạch"
    if kind == "percent":
        return m.Proportional(f"{stem}_pct", target=_PERCENT_TARGET), "tỷ lệ đạt so với mục tiêu 95%"
    if kind == "at-least":
        return m.PassFail(m.MeasureAtLeast(f"{stem}_pct", _AT_LEAST)), "đạt từ 90% trở lên"
    if kind == "each":
        return m.PerOccurrence(f"{stem}_count", top / 4), "tính điểm theo số lần thực hiện"
    steps = (m.StepRow(1, top / 4), m.StepRow(2, top / 2), m.StepRow(4, top))
    return m.StepTable(f"{stem}_count", steps), "số hoạt động, tính điểm theo bậc"


def _computed_leaf(how: str) -> tuple[m.Method, str, str | None]:
    """(method, name, bonus cap) of a computed criterion of the generated rubric."""
    if how == "step":
        return m.StepTable("models", (m.StepRow(1, 1), m.StepRow(2, 2))), "Số mô hình, công trình tiêu biểu", None
    if how == "proportional":
        method: m.Method = m.Proportional("fund_raised", target_measure="fund_quota")
        return method, 'Quỹ "Vì người nghèo" so với chỉ tiêu được giao', None
    if how == "per":
        return m.PerOccurrence("houses", "0.5"), "Nhà Đại đoàn kết xây mới (0,5 điểm/nhà)", None
    if how == "pass-good":
        return (
            m.PassFail(m.TargetMet("bctmt-good")),
            "Đạt chỉ tiêu 80% Ban Công tác Mặt trận hoàn thành tốt trở lên",
            None,
        )
    if how == "pass-no-weak":
        return m.PassFail(m.TargetMet("bctmt-no-weak")), "Không có Ban Công tác Mặt trận yếu kém", None
    if how == "penalty":
        return m.Penalty("late_reports", "0.2", "-1"), "Chậm báo cáo (trừ 0,2 điểm mỗi lần, tối đa 1 điểm)", None
    assert how == "bonus"  # noqa: S101 - the table above names every method
    return m.Bonus("supervisions", "0.5"), "Thưởng giám sát chuyên đề (0,5 điểm mỗi cuộc, tối đa 2 điểm)", "2"


def _targets() -> tuple[m.ContentArea, ...]:
    return (
        m.ContentArea(
            "chat-luong-bctmt",
            "Chất lượng hoạt động của Ban Công tác Mặt trận",
            (
                m.ShareTarget(
                    "bctmt-good",
                    "Ban Công tác Mặt trận hoàn thành tốt nhiệm vụ trở lên",
                    "hamlet",
                    "htt",
                    "80%",
                    "all",
                    name_en="Front work committees completing tasks well or better",
                ),
                m.OfWhichTarget(
                    "bctmt-excellent",
                    "trong đó hoàn thành xuất sắc nhiệm vụ (trên tổng số)",
                    "bctmt-good",
                    "htxs",
                    "30%",
                    "all",
                    name_en="of which excellent (over all committees)",
                ),
                m.OfWhichTarget(
                    "bctmt-excellent-of-good",
                    "trong đó hoàn thành xuất sắc nhiệm vụ (trên số hoàn thành tốt trở lên)",
                    "bctmt-good",
                    "htxs",
                    "30%",
                    "parent",
                    name_en="of which excellent (over those rated good or better)",
                ),
                m.ZeroCountTarget(
                    "bctmt-no-weak",
                    "Không có Ban Công tác Mặt trận yếu kém",
                    "hamlet",
                    "kht",
                    name_en="No front work committee rated weak",
                ),
            ),
            name_en="Quality of the front work committees",
        ),
        m.ContentArea(
            "vi-nguoi-ngheo",
            'Quỹ "Vì người nghèo" đạt chỉ tiêu được giao',
            (
                m.QuotaTarget(
                    "quy-vi-nguoi-ngheo",
                    'Quỹ "Vì người nghèo" đạt chỉ tiêu được giao',
                    "fund_raised",
                    quota_measure="fund_quota",
                    name_en="The fund for the poor reaches its quota",
                ),
            ),
            name_en="Fund for the poor",
        ),
        m.ContentArea(
            "giam-ngheo",
            "Giảm tỷ lệ hộ nghèo",
            (
                m.ChangeTarget(
                    "giam-ty-le-ngheo",
                    "Tỷ lệ hộ nghèo giảm ít nhất 1,5 điểm phần trăm",
                    "poor_rate",
                    "poor_rate_start",
                    "decrease",
                    "1.5",
                    name_en="Poor-household rate down by at least 1.5 points",
                ),
            ),
            name_en="Poverty reduction",
        ),
        m.ContentArea(
            "mo-hinh",
            "Xây dựng mô hình, công trình tiêu biểu",
            (m.CountTarget("mo-hinh", "Có ít nhất 1 mô hình tiêu biểu", "models", 1, name_en="At least one model"),),
            name_en="Models and works",
        ),
        m.ContentArea(
            "chat-luong-xa",
            "Chất lượng Ủy ban MTTQ Việt Nam cấp xã trong cụm",
            (
                m.ShareTarget(
                    "xa-tot",
                    "Ủy ban MTTQ cấp xã trong cụm hoàn thành tốt nhiệm vụ trở lên",
                    "commune",
                    "htt",
                    "70%",
                    "all",
                    scope="cluster",
                    name_en="Commune front committees of the cluster rated good or better",
                ),
            ),
            name_en="Quality of the commune front committees",
        ),
    )


def _scales() -> tuple[m.RatingScale, ...]:
    names = (
        ("Hoàn thành xuất sắc nhiệm vụ", "Completed tasks excellently", "HTXS"),
        ("Hoàn thành tốt nhiệm vụ", "Completed tasks well", "HTT"),
        ("Hoàn thành nhiệm vụ", "Completed tasks", "HT"),
        ("Không hoàn thành nhiệm vụ", "Did not complete tasks", "KHT"),
    )
    grades = tuple(m.Grade(g, *n) for g, n in zip(GRADES, names, strict=True))
    commune_grades = (
        m.Grade(GRADES[0], *names[0], requires=(m.AllTargetsMet(),)),
        *grades[1:],
    )
    return (
        m.RatingScale(
            "thang-bctmt",
            "Xếp loại Ban Công tác Mặt trận",
            ("hamlet",),
            grades,
            legacy={"yếu kém": "kht"},
            name_en="Rating of front work committees",
        ),
        m.RatingScale(
            "thang-mttq-xa",
            "Xếp loại Ủy ban MTTQ Việt Nam cấp xã",
            ("commune",),
            commune_grades,
            bands=(
                m.Band.from_range("htxs", "90+"),
                m.Band.from_range("htt", "70-89"),
                m.Band.from_range("ht", "50-69"),
                m.Band.from_range("kht", "<50"),
            ),
            disqualifiers=(
                m.Disqualifier(
                    "ky-luat",
                    "Tập thể bị kỷ luật trong năm",
                    m.Flag("disciplined"),
                    "ht",
                    name_en="The committee was disciplined this year",
                ),
            ),
            name_en="Rating of commune front committees",
        ),
    )


def _awards(history: bool) -> tuple[tuple[m.Title, ...], tuple[m.AwardRule, ...]]:
    titles = [
        m.Title("co-thi-dua-tinh", "Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh", "Provincial emulation flag"),
        m.Title("bang-khen-tinh", "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh", "Provincial certificate", "commendation"),
        m.Title("giay-khen", "Giấy khen", "Commendation", "commendation"),
    ]
    rules = [
        m.AwardRule(
            "co-thi-dua",
            "co-thi-dua-tinh",
            ("commune",),
            (m.MinGrade("htxs"), m.MaxRank(1), m.AllTargetsMet()),
            m.Quota(count=1),
        ),
        m.AwardRule(
            "bang-khen",
            "bang-khen-tinh",
            ("commune",),
            (m.MinGrade("htxs"),),
            m.Quota(count=2),
            exclusive_with=("co-thi-dua",),
        ),
        m.AwardRule(
            "giay-khen",
            "giay-khen",
            ("commune",),
            (m.MinGrade("htt"),),
            m.Quota(share="50%", of="members"),
            exclusive_with=("co-thi-dua", "bang-khen"),
        ),
    ]
    if history:
        titles.append(
            m.Title(
                "bang-khen-trung-uong",
                "Bằng khen của Ủy ban Trung ương MTTQ Việt Nam",
                "Certificate of the Central Committee",
                "commendation",
            )
        )
        rules.append(
            m.AwardRule(
                "bang-khen-trung-uong",
                "bang-khen-trung-uong",
                ("commune",),
                (
                    m.MinGrade("htxs"),
                    m.GradeStreak("htt", 5, include_current=False),
                    m.TitleCount("co-thi-dua-tinh", 2, 5),
                ),
                m.Quota(share="20%", of="eligible"),
                within="campaign",
            )
        )
    return tuple(titles), tuple(rules)


def national_units(provinces: Sequence[str] | None = None) -> tuple[tuple[m.Unit, ...], str]:
    """The province and commune units of the workload, and where they come from.

    Returns real units from ``vietnam-provinces`` when it is installed
    (source ``"vietnam-provinces"``), else the built-in synthetic list of the
    34 provinces with their real number of communes (source ``"builtin"``).

    >>> units, source = national_units(["Huế"])
    >>> len(units), source in ("vietnam-provinces", "builtin")
    (41, True)

    .. versionadded:: 0.1.0
    """
    try:
        from thidua.admin._provinces import units_2025

        return units_2025(provinces), "vietnam-provinces"
    except ImportError:
        return _builtin_units(provinces), "builtin"


def _builtin_units(provinces: Sequence[str] | None) -> tuple[m.Unit, ...]:
    known = [(code, name) for code, name, _ in PROVINCES_2025]
    counts = {code: n for code, _, n in PROVINCES_2025}
    out: list[m.Unit] = []
    for (code, name), want in zip(known, (c in select_provinces(provinces, known) for c, _ in known), strict=True):
        if not want:
            continue
        pid = province_id(code)
        out.append(m.Unit(pid, name, "province", code=code, valid_from=REFORM))
        out.extend(
            m.Unit(f"{pid}-s{i:03d}", f"Xã tổng hợp {i:03d}", "commune", pid, valid_from=REFORM)
            for i in range(1, counts[code] + 1)
        )
    return tuple(out)


def generate_national(
    seed: int = 0,
    *,
    provinces: Sequence[str] | None = None,
    history_years: int = 0,
    stages: int = 1,
    computed: str = "some",
) -> tuple[m.Campaign, m.Results, m.History | None]:
    """Build the national workload: campaign, results and, if asked, history.

    The same arguments and the same unit source (see :func:`national_units`)
    give the same documents on every machine: the draws use
    :class:`random.Random` seeded by text per commune, and integer draws only.
    A commune's results depend on the seed and on its province, not on which
    other provinces are asked for.

    Args:
        seed: the seed.
        provinces: codes or names of 2025 provinces (``["91", "Hà Nội"]``);
            ``None`` for all 34.
        history_years: how many past years of grades and titles to add (0–10);
            with history, an award that looks back five years is added.
        stages: review stages (1–3); each stage after the first changes some
            scores, each change with a reason.
        computed: ``"some"`` (43 criteria assessed, 7 computed from
            measures) or ``"all"`` (all 50 computed from measures, no
            assessments; see :data:`COMPUTED_KINDS`). The units, clusters,
            counts of front work committees and targets are the same either way.

    Returns:
        ``(campaign, results, history)``; *history* is ``None`` when
        *history_years* is 0.

    Raises:
        ModelError: for an unknown province or an argument out of range.

    >>> c, r, h = generate_national(3, provinces=["12"], history_years=5, stages=2)
    >>> c.year, [s.id for s in c.stages], sorted({rec.year for rec in h.records})
    (2026, ['tu-cham', 'tham-dinh'], [2021, 2022, 2023, 2024, 2025])
    >>> c, r, _ = generate_national(provinces=["12"], computed="all")
    >>> sum(1 for leaf in c.rubrics[0].leaves() if isinstance(leaf.method, m.Assessed)), r.units[0].assessments
    (0, ())

    .. versionadded:: 0.1.0
    """
    return _generate(
        seed, provinces=provinces, history_years=history_years, stages=stages, computed=computed, source="auto"
    )


def _generate(
    seed: int,
    *,
    provinces: Sequence[str] | None,
    history_years: int,
    stages: int,
    source: str,
    computed: str = "some",
) -> tuple[m.Campaign, m.Results, m.History | None]:
    problems = []
    if isinstance(seed, bool) or not isinstance(seed, int):
        problems.append(model_codes.EXPECTED_WHOLE(("seed",), value=shown(seed)))
    if not 0 <= history_years <= 10:
        problems.append(top_codes.NOT_BETWEEN(("history_years",), value=shown(history_years), low=0, high=10))
    if not 1 <= stages <= len(STAGES):
        problems.append(top_codes.NOT_BETWEEN(("stages",), value=shown(stages), low=1, high=len(STAGES)))
    if computed not in ("some", "all"):
        problems.append(model_codes.NOT_ONE_OF(("computed",), value=shown(computed), allowed="'some', 'all'"))
    if problems:
        raise ModelError(problems)
    if source == "builtin":
        units, used = _builtin_units(provinces), "builtin"
    else:
        units, used = national_units(provinces)
    clusters: list[m.Cluster] = []
    rows: list[m.UnitResult] = []
    records: list[m.HistoryRecord] = []
    stage_ids = [s[0] for s in STAGES[:stages]]
    for p in (u for u in units if u.level == "province"):
        members = [u.id for u in units if u.parent == p.id]
        for i, group in enumerate(partition(members), start=1):
            rng = _rng("national", seed, p.id, i)
            head, deputy = rng.sample(group, 2)
            clusters.append(
                m.Cluster(
                    f"cum-{p.code}-{i:02d}",
                    f"Cụm thi đua số {i}, {p.name}",
                    "cluster",
                    _YEAR,
                    group,
                    head=head,
                    deputy=deputy,
                    organizers=(p.id,),
                    name_en=f"Emulation cluster no. {i}, {p.name}",
                )
            )
            previous: tuple[m.UnitResult, Fraction] | None = None
            for uid in group:
                if computed == "all":
                    row, total = _commune_all(_rng("national", seed, uid), uid, previous)
                else:
                    row, total = _commune(_rng("national", seed, uid), uid, stage_ids, previous)
                rows.append(row)
                previous = (row, total)
                records.extend(_history(_rng("history", seed, uid), uid, history_years, total))
    titles, awards = _awards(history_years > 0)
    campaign = m.Campaign(
        id=f"toan-quoc-{_YEAR}",
        name=f"Thi đua của Ủy ban MTTQ Việt Nam cấp xã toàn quốc năm {_YEAR} (dữ liệu tổng hợp)",
        name_en=f"Emulation of the commune Front committees, nationwide, {_YEAR} (synthetic)",
        year=_YEAR,
        organizer="Ủy ban Trung ương MTTQ Việt Nam",
        levels=levels_2025(),
        units=units,
        clusters=tuple(clusters),
        agreements=(
            m.Agreement(
                f"giao-uoc-{_YEAR}",
                tuple(cl.id for cl in clusters),
                signed_on=dt.date(_YEAR, 3, 20),
                content_areas=_targets(),
            ),
        ),
        scales=_scales(),
        rubrics=(_rubric(computed),),
        titles=titles,
        awards=awards,
        stages=tuple(m.Stage(*s) for s in STAGES[:stages]),
        history_lineage="all_predecessors" if history_years else None,
        sample=True,
        note=_note(used, seed, computed),
        measures=_MEASURES + (_all_measures() if computed == "all" else ()),
        flags=(m.Input("disciplined", "Tập thể bị kỷ luật trong năm", "The committee was disciplined this year"),),
    )
    results = m.Results(
        campaign.id,
        _YEAR,
        tuple(rows),
        sample=True,
        note=f"DỮ LIỆU TỔNG HỢP (synthetic sample data), seed {seed}: không phải kết quả thật.",
    )
    history = (
        m.History(tuple(records), note=f"DỮ LIỆU TỔNG HỢP (synthetic), seed {seed}, {history_years} năm.")
        if history_years
        else None
    )
    return campaign, results, history


def _rng(*parts: object) -> random.Random:
    """A generator seeded by text: the same draws on every platform and run."""
    return random.Random("thidua/" + "/".join(str(p) for p in parts))  # noqa: S311 - test data, not secrets


#: The names and units of the measures the generated campaign uses.
_MEASURES = (
    m.Input(
        "fund_raised", "Số tiền vận động Quỹ “Vì người nghèo”", "Money raised for the fund for the poor", "đồng", "VND"
    ),
    m.Input(
        "fund_quota",
        "Chỉ tiêu Quỹ “Vì người nghèo” được giao",
        "Assigned quota of the fund for the poor",
        "đồng",
        "VND",
    ),
    m.Input("poor_rate", "Tỷ lệ hộ nghèo cuối năm (%)", "Poor-household rate at the end of the year (%)"),
    m.Input("poor_rate_start", "Tỷ lệ hộ nghèo đầu năm (%)", "Poor-household rate at the start of the year (%)"),
    m.Input("models", "Số mô hình, công trình tiêu biểu", "Models and works", "mô hình", "models"),
    m.Input("houses", "Số nhà Đại đoàn kết xây mới", "New Great Solidarity houses", "nhà", "houses"),
    m.Input("late_reports", "Số lần chậm báo cáo", "Late reports", "lần"),
    m.Input("supervisions", "Số cuộc giám sát chuyên đề", "Thematic supervisions", "cuộc"),
)


def _all_measures() -> tuple[m.Input, ...]:
    """The names and units of the measures of the criteria computed with ``computed="all"``."""
    kinds = {leaf: (kind, stem) for leaf, _, kind, stem in _ALL_LEAVES}
    found: list[m.Input] = []
    for gid, name, name_en, leaves in _GROUPS:
        k = 0
        for _suffix, _points, how in leaves:
            if how != "a":
                continue
            k += 1
            kind, stem = kinds[f"{gid}-{k}"]
            vi, en = f"{name}: chỉ tiêu {k}", f"{name_en}: indicator {k}"
            if kind == "plan":
                found.append(m.Input(f"{stem}_done", f"{vi}, số đã thực hiện", f"{en}, done"))
                found.append(m.Input(f"{stem}_plan", f"{vi}, số theo kế hoạch", f"{en}, planned"))
            elif kind in ("percent", "at-least"):
                found.append(m.Input(f"{stem}_pct", f"{vi}, tỷ lệ đạt (%)", f"{en}, share achieved (%)"))
            else:
                found.append(m.Input(f"{stem}_count", f"{vi}, số lần thực hiện", f"{en}, times", "lần", "times"))
    return tuple(found)


def _note(source: str, seed: int, computed: str) -> str:
    units = (
        "Tỉnh và xã thật (gói vietnam-provinces, mã chính thức)"
        if source == "vietnam-provinces"
        else "34 tỉnh thật với số xã thật của mỗi tỉnh; tên và mã xã là TỔNG HỢP (builtin)"
    )
    return (
        f"DỮ LIỆU TỔNG HỢP (synthetic sample data), seed {seed}, nguồn đơn vị: {source}. {units}. "
        "Cụm thi đua chia theo thứ tự mã là ĐỀ XUẤT; chỉ tiêu, thang điểm và kết quả là dữ liệu mẫu."
        + (" Mọi tiêu chí của thang điểm được tính từ số liệu (computed=all)." if computed == "all" else "")
    )


def _hamlet_counts(rng: random.Random) -> dict[str, int]:
    """Counts of front work committees by grade, often exactly on a threshold."""
    case = rng.randrange(100)
    if case < 15:  # exactly 80% good or better
        n = rng.choice((20, 25, 30, 35, 40))
        good = 4 * n // 5
        excellent = rng.randint(good // 5, good // 2)
    elif case < 25:  # exactly 30% excellent over all
        n = rng.choice((20, 30, 40))
        excellent = 3 * n // 10
        good = rng.randint(max(excellent, -(-4 * n // 5)), n)
    elif case < 33:  # exactly 30% excellent over those good or better
        good = rng.choice((20, 30))
        n = rng.randint(good, 5 * good // 4)
        excellent = 3 * good // 10
    elif case < 38:  # one committee short of 80%
        n = rng.randint(20, 40)
        good = -(-4 * n // 5) - 1
        excellent = rng.randint(good // 5, good // 2)
    else:
        n = rng.randint(20, 40)
        good = n * rng.randint(600, 1000) // 1000
        excellent = good * rng.randint(250, 550) // 1000
    weak = 0 if rng.randrange(100) < 92 else min(rng.randint(1, 2), n - good)
    return {"htxs": excellent, "htt": good - excellent, "ht": n - good - weak, "kht": weak}


def _measures(rng: random.Random) -> dict[str, Fraction]:
    quota = rng.randint(30, 300) * 1_000_000
    case = rng.randrange(100)
    if case < 20:
        raised = quota
    elif case < 25:
        raised = quota - 1
    elif case < 35:
        raised = quota + rng.randint(1, 50) * 100_000
    else:
        raised = quota * rng.randint(80, 140) // 100 // 1000 * 1000
    start = rng.randint(50, 1200)
    case = rng.randrange(100)
    change = 150 if case < 25 else 149 if case < 30 else rng.randint(50, 350)
    change = min(change, start)
    return {
        "fund_quota": Fraction(quota),
        "fund_raised": Fraction(raised),
        "poor_rate_start": Fraction(start, 100),
        "poor_rate": Fraction(start - change, 100),
        "models": Fraction(rng.choice((0, 1, 1, 2, 2, 3, 4, 1, 2, 3))),
        "houses": Fraction(rng.randint(0, 6)),
        "late_reports": Fraction(0 if rng.randrange(100) < 70 else rng.randint(1, 6)),
        "supervisions": Fraction(rng.randint(0, 5)),
    }


def _commune(
    rng: random.Random,
    uid: str,
    stage_ids: list[str],
    previous: tuple[m.UnitResult, Fraction] | None,
) -> tuple[m.UnitResult, Fraction]:
    """One commune's results and its exact total score."""
    if previous is not None and rng.randrange(100) < 3:  # an identical report: an exact tie
        row, total = previous
        return attrs.evolve(row, unit=uid), total
    counts = _hamlet_counts(rng)
    measures = _measures(rng)
    flags = {"disciplined": rng.randrange(1000) < 5}
    quality = (rng.randint(600, 1000) + rng.randint(750, 1000)) // 2
    tenths: dict[str, int] = {}
    for leaf, pts in ASSESSED:
        top = int(pts * 10)
        spread = top // 6
        tenths[leaf] = min(top, max(0, top * quality // 1000 + rng.randint(-spread, spread)))
    bonus = Fraction(rng.randint(1, 15), 10) if rng.randrange(100) < 30 else Fraction(0)
    final = dict(tenths)
    changes: list[dict[str, int]] = []
    for _ in stage_ids[1:]:
        changed: dict[str, int] = {}
        if rng.randrange(100) < 35:
            for leaf, pts in rng.sample(ASSESSED, rng.randint(1, 3)):
                changed[leaf] = min(int(pts * 10), max(0, final[leaf] + rng.choice((-5, -3, -2, -1, 1, 2))))
        final.update(changed)
        changes.append(changed)
    aim = _aim(rng, previous)
    if aim is not None:
        if (aim - computed_points(counts, measures) - bonus) % _TENTH:
            measures["fund_raised"] = measures["fund_quota"]
        _hit(rng, final, aim - computed_points(counts, measures) - bonus)
        if changes:
            before = _settled(tenths, changes[:-1])
            changes[-1] = {leaf: v for leaf, v in final.items() if v != before[leaf]}
        else:
            tenths = dict(final)
    assessments = [
        m.Assessment(
            stage_ids[0],
            tuple(
                m.ScoreEntry(leaf, Fraction(v, 10), bonus if leaf == _BONUS_LEAF and bonus else None)
                for leaf, v in tenths.items()
            ),
            dt.date(_YEAR, 11, 20),
            "Ủy ban MTTQ cấp xã",
        )
    ]
    for k, changed in enumerate(changes, start=1):
        assessments.append(
            m.Assessment(
                stage_ids[k],
                tuple(
                    m.ScoreEntry(leaf, Fraction(v, 10), reason=rng.choice(_REASONS))
                    for leaf, v in sorted(changed.items())
                ),
                dt.date(_YEAR, 12, 1 + 7 * k),
                STAGES[k][1],
            )
        )
    total = sum((Fraction(v, 10) for v in final.values()), Fraction(0)) + bonus + computed_points(counts, measures)
    row = m.UnitResult(uid, counts={"hamlet": counts}, measures=measures, flags=flags, assessments=tuple(assessments))
    return row, total


def _commune_all(
    rng: random.Random, uid: str, previous: tuple[m.UnitResult, Fraction] | None
) -> tuple[m.UnitResult, Fraction]:
    """One commune's results and its exact total when every criterion is computed from measures."""
    if previous is not None and rng.randrange(100) < 3:  # an identical report: an exact tie
        row, total = previous
        return attrs.evolve(row, unit=uid), total
    counts = _hamlet_counts(rng)
    measures = _measures(rng)
    flags = {"disciplined": rng.randrange(1000) < 5}
    quality = (rng.randint(400, 1000) + rng.randint(700, 1000)) // 2
    for _, _, kind, stem in _ALL_LEAVES:
        if kind == "plan":
            plan = rng.randint(20, 400)
            measures[f"{stem}_done"] = Fraction(plan * max(0, quality + rng.randint(-250, 150)) // 1000)
            measures[f"{stem}_plan"] = Fraction(plan)
        elif kind in ("percent", "at-least"):
            measures[f"{stem}_pct"] = Fraction(min(10_000, max(0, quality * 10 + rng.randint(-1500, 800))), 100)
        else:
            measures[f"{stem}_count"] = Fraction(min(6, max(0, (quality * 6 + rng.randint(-1500, 1500)) // 1000)))
    aim = _aim(rng, previous)
    if aim is not None and aim.denominator <= 10**6:  # not a tie with a total over a dozen plans
        _aim_plans(rng, counts, measures, aim)
    return m.UnitResult(uid, counts={"hamlet": counts}, measures=measures, flags=flags), _all_points(counts, measures)


def _aim_plans(rng: random.Random, counts: Mapping[str, int], measures: dict[str, Fraction], aim: Fraction) -> None:
    """Change what was done against the plan in the ``"plan"`` criteria so that the total is exactly
    *aim*, if it can be done.

    The fund is raised in full (its points would otherwise be a fraction over the quota, in the
    hundreds of millions), each ``"plan"`` criterion's points are cut to whole tenths, and the
    difference left is moved among them; the points moved can be any fraction (those of the other
    criteria are: percentages over 95), so each criterion changed gets the plan and the amount done
    whose ratio gives its new points (plans of at most a few million).
    """
    measures["fund_raised"] = max(measures["fund_raised"], measures["fund_quota"])
    plans = [(stem, top) for _, top, kind, stem in _ALL_LEAVES if kind == "plan"]
    points = {stem: _leaf_points("plan", top, stem, measures) for stem, top in plans}
    tenths = {stem: Fraction(math.floor(p * 10), 10) for stem, p in points.items()}
    diff = aim - _all_points(counts, measures) + sum(points.values()) - sum(tenths.values())
    if not -sum(tenths.values()) <= diff <= sum(top - tenths[stem] for stem, top in plans):
        return
    rng.shuffle(plans)
    for stem, top in plans:
        step = min(diff, top - tenths[stem]) if diff > 0 else max(diff, -tenths[stem])
        diff -= step
        ratio = (tenths[stem] + step) / top
        k = -(-20 // ratio.denominator)  # at least 20 planned
        measures[f"{stem}_plan"] = Fraction(ratio.denominator * k)
        measures[f"{stem}_done"] = Fraction(ratio.numerator * k)


def _settled(first: dict[str, int], changes: list[dict[str, int]]) -> dict[str, int]:
    out = dict(first)
    for changed in changes:
        out.update(changed)
    return out


def _aim(rng: random.Random, previous: tuple[m.UnitResult, Fraction] | None) -> Fraction | None:
    """A total to hit exactly: a band threshold, or the previous member's total (a tie)."""
    case = rng.randrange(100)
    if case < 12:
        return Fraction(rng.choice((90, 90, 70, 70, 50)))
    if case < 18 and previous is not None:
        return previous[1]
    return None


def _hit(rng: random.Random, tenths: dict[str, int], need: Fraction) -> None:
    """Move assessed points, a tenth at a time, so that they add up to *need* if it can be done."""
    if need % _TENTH or not 0 <= need <= sum(int(p * 10) for _, p in ASSESSED) * _TENTH:
        return
    diff = int(need * 10) - sum(tenths.values())
    leaves = list(ASSESSED)
    rng.shuffle(leaves)
    for leaf, pts in leaves:
        if diff == 0:
            break
        top = int(pts * 10)
        step = min(diff, top - tenths[leaf]) if diff > 0 else max(diff, -tenths[leaf])
        tenths[leaf] += step
        diff -= step


def _history(rng: random.Random, uid: str, years: int, total: Fraction) -> list[m.HistoryRecord]:
    out = []
    for year in range(_YEAR - years, _YEAR):
        draw = rng.randrange(100) + (10 if total >= 80 else 0)
        grade = "htxs" if draw >= 75 else "htt" if draw >= 20 else "ht" if draw >= 3 else "kht"
        titles = ("co-thi-dua-tinh",) if grade == "htxs" and rng.randrange(100) < 45 else ()
        out.append(m.HistoryRecord(uid, year, grade, titles, head=rng.randrange(100) < 12))
    return out


def write_national(
    directory: str | Path,
    seed: int = 0,
    *,
    provinces: Sequence[str] | None = None,
    history_years: int = 0,
    stages: int = 1,
    computed: str = "some",
) -> dict[str, Path]:
    """Generate the workload and write ``campaign.json``, ``results.json`` (and ``history.json``).

    Each file is written atomically (see :func:`thidua.io.write_atomic`).

    Returns:
        The paths written, by document type.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     written = write_national(d, provinces=["Lai Châu"])
    ...     sorted((kind, p.name) for kind, p in written.items())
    [('campaign', 'campaign.json'), ('results', 'results.json')]

    .. versionadded:: 0.1.0
    """
    from thidua.io import dump

    campaign, results, history = generate_national(
        seed, provinces=provinces, history_years=history_years, stages=stages, computed=computed
    )
    out = Path(directory)
    written = {"campaign": dump(campaign, out / "campaign.json"), "results": dump(results, out / "results.json")}
    if history is not None:
        written["history"] = dump(history, out / "history.json")
    return written
