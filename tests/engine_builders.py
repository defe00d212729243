"""Small campaigns for the engine tests, built with the model classes.

Everything here builds INPUTS; no expected value is computed here. The tests
write their expected values by hand next to the arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pytest

from thidua import model as m

YEAR = 2022
GRADES = (
    m.Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ", short="HTXS"),
    m.Grade("htt", "Hoàn thành tốt nhiệm vụ", short="HTT"),
    m.Grade("ht", "Hoàn thành nhiệm vụ", short="HT"),
    m.Grade("kht", "Không hoàn thành nhiệm vụ", short="KHT"),
)
LEVELS = (
    m.Level("province", "Tỉnh"),
    m.Level("commune", "Xã"),
    m.Level("hamlet", "Ấp"),
)
#: 90+ htxs, [70, 90) htt, [50, 70) ht, < 50 kht.
BANDS = (
    m.Band.from_range("htxs", "90+"),
    m.Band.from_range("htt", "70-89"),
    m.Band.from_range("ht", "50-69"),
    m.Band.from_range("kht", "<50"),
)
STAGES = (
    m.Stage("tu-cham", "Tự chấm điểm"),
    m.Stage("cum-tham-dinh", "Cụm thẩm định"),
    m.Stage("ban-thuong-truc", "Ban Thường trực"),
)


def bug(reason: str) -> pytest.MarkDecorator:
    """Mark a test that fails because of an engine bug reported to the lead engineer.

    Strict: once the engine is fixed the test passes, the mark fails the run,
    and whoever fixed it removes the mark.
    """
    return pytest.mark.xfail(strict=True, reason=f"engine bug: {reason}")


def hamlet_scale() -> m.RatingScale:
    """The 4-level scale for hamlets (reported grades), with the legacy label "yếu kém"."""
    return m.RatingScale("thang-ap", "Xếp loại BCTMT", ("hamlet",), GRADES, legacy={"yếu kém": "kht"})


def commune_scale(
    *,
    bands: bool = True,
    caps: Sequence[m.GradeCap] = (),
    top_requires: Sequence[m.Condition] = (),
    disqualifiers: Sequence[m.Disqualifier] = (),
) -> m.RatingScale:
    """The 4-level scale for communes, with score bands unless *bands* is false."""
    grades = (m.Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ", requires=tuple(top_requires)), *GRADES[1:])
    return m.RatingScale(
        "thang-xa",
        "Xếp loại xã",
        ("commune",),
        grades,
        bands=BANDS if bands else (),
        legacy={"yếu kém": "kht"},
        disqualifiers=tuple(disqualifiers),
        caps=tuple(caps),
    )


def score_rubric(
    criteria: Sequence[m.Criterion] | None = None,
    *,
    adjustments: Sequence[m.Adjustment] = (),
    clamp_total: bool = False,
    total: object = None,
    self_cap: object = None,
) -> m.Rubric:
    """A rubric for communes; by default one criterion giving ``min(100, score)`` points."""
    if criteria is None:
        criteria = (m.Criterion("diem", "Điểm", 100, m.PerOccurrence("score", 1)),)
    if total is None:
        total = sum((c.points for c in criteria), m.parse_number(0))
    return m.Rubric(
        "thang-diem",
        "Thang điểm",
        ("commune",),
        total,
        tuple(criteria),
        adjustments=tuple(adjustments),
        clamp_total=clamp_total,
        self_cap=self_cap,
    )


def units_for(
    communes: Iterable[str],
    hamlets: Mapping[str, int] | None = None,
    extra: Sequence[m.Unit] = (),
) -> tuple[m.Unit, ...]:
    """A province, the communes under it, and *n* hamlets ``<commune>-ap-<i>`` per commune."""
    out = [m.Unit("tinh", "Tỉnh Mẫu", "province")]
    for c in communes:
        out.append(m.Unit(c, f"Xã {c}", "commune", "tinh"))
        out.extend(
            m.Unit(f"{c}-ap-{i}", f"Ấp {i} {c}", "hamlet", c, kind="front_work_committee")
            for i in range(1, (hamlets or {}).get(c, 0) + 1)
        )
    out.extend(extra)
    return tuple(out)


def make_campaign(
    *,
    communes: Sequence[str] = ("xa-a",),
    clusters: Mapping[str, Sequence[str]] | None = None,
    heads: Mapping[str, str] | None = None,
    targets: Sequence[m.Target] = (),
    signatories: Sequence[str] = (),
    scales: Sequence[m.RatingScale] | None = None,
    rubric: m.Rubric | None = None,
    awards: Sequence[m.AwardRule] = (),
    titles: Sequence[m.Title] | None = None,
    stages: Sequence[m.Stage] = (),
    missing: str = "error",
    tie_breaks: Sequence[str] = (),
    history_lineage: str | None = None,
    hamlets: Mapping[str, int] | None = None,
    extra_units: Sequence[m.Unit] = (),
    indicators: Sequence[m.Indicator] = (),
    year: int = YEAR,
    unit_list: Sequence[m.Unit] | None = None,
) -> m.Campaign:
    """A one-province campaign; every commune in cluster ``cum-1`` unless *clusters* says otherwise."""
    if clusters is None:
        clusters = {"cum-1": tuple(communes)}
    cluster_objs = tuple(
        m.Cluster(cid, f"Cụm {cid}", "cluster", year, tuple(members), head=(heads or {}).get(cid))
        for cid, members in clusters.items()
    )
    agreements: tuple[m.Agreement, ...] = ()
    if targets:
        agreements = (
            m.Agreement(
                "giao-uoc",
                tuple(clusters),
                signatories=tuple(signatories),
                content_areas=(m.ContentArea("noi-dung", "Nội dung", tuple(targets)),),
            ),
        )
    if scales is None:
        scales = (hamlet_scale(), commune_scale())
    if titles is None:
        titles = (
            m.Title("co-thi-dua", "Cờ thi đua"),
            m.Title("bang-khen", "Bằng khen", kind="commendation"),
            m.Title("giay-khen", "Giấy khen", kind="commendation"),
            m.Title("cstd", "Chiến sĩ thi đua cơ sở"),
        )
    return m.Campaign(
        id="mau",
        name="Chiến dịch mẫu",
        year=year,
        levels=LEVELS,
        units=tuple(unit_list) if unit_list is not None else units_for(communes, hamlets, extra_units),
        clusters=cluster_objs,
        agreements=agreements,
        scales=tuple(scales),
        rubrics=(rubric,) if rubric is not None else (),
        titles=tuple(titles),
        awards=tuple(awards),
        stages=tuple(stages),
        missing=missing,
        tie_breaks=tuple(tie_breaks),
        history_lineage=history_lineage,
        indicators=tuple(indicators),
    )


def counts(htxs: int = 0, htt: int = 0, ht: int = 0, kht: int = 0, *, kht_label: str = "kht") -> dict[str, Any]:
    """Hamlet counts by grade, as a ``counts`` field of a unit result."""
    return {"hamlet": {"htxs": htxs, "htt": htt, "ht": ht, kht_label: kht}}


def row(
    unit: str,
    *,
    counts: Mapping[str, Any] | None = None,
    measures: Mapping[str, Any] | None = None,
    flags: Mapping[str, bool] | None = None,
    dates: Mapping[str, dt.date] | None = None,
    rating: str | None = None,
    assessments: Sequence[m.Assessment] = (),
    totals: Mapping[str, int] | None = None,
) -> m.UnitResult:
    """One unit's results (counts given in part come with their *totals* of sub-units)."""
    return m.UnitResult(
        unit,
        rating=rating,
        counts=dict(counts or {}),
        measures=dict(measures or {}),
        flags=dict(flags or {}),
        dates=dict(dates or {}),
        assessments=tuple(assessments),
        totals=dict(totals or {}),
    )


def make_results(rows: Sequence[m.UnitResult], decisions: Sequence[m.Decision] = (), *, year: int = YEAR) -> m.Results:
    """A result set for the campaign ``mau``."""
    return m.Results("mau", year, tuple(rows), tuple(decisions))


def scored(scores: Mapping[str, object], **kw: Any) -> tuple[m.Campaign, m.Results]:
    """Communes scored ``min(100, score)`` with the default rubric, all in cluster ``cum-1``.

    Extra keyword arguments go to :func:`make_campaign`; ``measures`` (unit →
    extra measures) to the results.
    """
    extra_measures: Mapping[str, Mapping[str, object]] = kw.pop("measures", {})
    decisions: Sequence[m.Decision] = kw.pop("decisions", ())
    kw.setdefault("rubric", score_rubric())
    campaign = make_campaign(communes=tuple(scores), **kw)
    rows = [row(u, measures={"score": s, **extra_measures.get(u, {})}) for u, s in scores.items()]
    return campaign, make_results(rows, decisions)


def merger_years() -> tuple[Any, Any]:
    """Two evaluated years across a merger, for year-on-year tests.

    2024: xa-a 80, xa-b 70, xa-c 95 points. 2025 (from 1 January): xa-a 85;
    xa-b and xa-c merged into xa-bc, 90 points. One cluster each year.
    """
    import thidua

    merged = dt.date(2025, 1, 1)
    rubric = score_rubric()
    c24 = make_campaign(communes=("xa-a", "xa-b", "xa-c"), rubric=rubric, year=2024)
    r24 = make_results(
        [row(u, measures={"score": s}) for u, s in (("xa-a", 80), ("xa-b", 70), ("xa-c", 95))], year=2024
    )
    units = (
        m.Unit("tinh", "Tỉnh Mẫu", "province"),
        m.Unit("xa-a", "Xã A", "commune", "tinh"),
        m.Unit("xa-b", "Xã B", "commune", "tinh", valid_to=dt.date(2024, 12, 31)),
        m.Unit("xa-c", "Xã C", "commune", "tinh", valid_to=dt.date(2024, 12, 31)),
        m.Unit(
            "xa-bc",
            "Xã BC",
            "commune",
            "tinh",
            valid_from=merged,
            lineage=(m.Lineage("merged_from", "xa-b", merged), m.Lineage("merged_from", "xa-c", merged)),
        ),
    )
    c25 = make_campaign(communes=("xa-a", "xa-bc"), unit_list=units, rubric=rubric, year=2025)
    r25 = make_results([row("xa-a", measures={"score": 85}), row("xa-bc", measures={"score": 90})], year=2025)
    return thidua.evaluate(c24, r24), thidua.evaluate(c25, r25)
