"""The bundled seed campaigns other than An Minh, built in Python (issue #5).

Each bundled document ``src/thidua/examples/data/<name>/{campaign,results,history}.json``
must equal what the builders here return (``tests/examples/test_examples.py``
checks it). To rewrite the files after changing a builder, run::

    PYTHONPATH=src:tests python tests/seed_builders.py

* ``son-tay-2024`` (seed 000): the 15 communes and wards of thị xã Sơn Tây, Hà Nội.
* ``ninh-thuan-khoi-2024`` (seed 001): the provincial block of 6 Front and mass
  organization bodies of Ninh Thuận.
* ``ha-noi-cum-3-2024`` (seed 003): Cụm thi đua số 3 of the Hà Nội Front, 5 huyện.
* ``thanh-xuan-2020`` (seed 004): quận Thanh Xuân, its member organizations and
  its 11 wards, with a history of 2017-2019.

Unit names and GSO codes are real (see ``shared/seed-units.md``); each campaign's
``note`` says what is VERIFIED, UNVERIFIED or a PROPOSAL. Every result set and
history is SAMPLE DATA: the outcomes of those years were not published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

import seed_marks
from thidua import model as m

D = dt.date
MERGE_2025 = D(2025, 1, 1)
"""Hà Nội's ward mergers of 1/1/2025 (Sơn Tây, Thanh Xuân)."""
BEFORE_MERGE_2025 = D(2024, 12, 31)
REFORM = D(2025, 7, 1)
"""The two-level local government from 1/7/2025."""
BEFORE_REFORM = D(2025, 6, 30)
MILLION = 1_000_000

ACT_1286 = "NQ 1286/NQ-UBTVQH15 ngày 14/11/2024 (số hiệu CHƯA XÁC MINH / act number UNVERIFIED)"
ACT_1656 = "NQ 1656/NQ-UBTVQH15 ngày 16/6/2025"

SAMPLE_NOTE = (
    "DỮ LIỆU MẪU, KHÔNG PHẢI SỐ LIỆU THẬT: kết quả năm {year} không được công bố; "
    "thidua soạn các số liệu này để minh họa. "
    "SAMPLE DATA, NOT REAL: the outcomes of {year} were not published; "
    "thidua made up these figures for illustration."
)


def _grades(*, top_requires: Sequence[m.Condition] = ()) -> tuple[m.Grade, ...]:
    """The 4-level scale, best first; the top grade may need conditions."""
    return (
        m.Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ", "Completed tasks excellently", "HTXS", top_requires),
        m.Grade("htt", "Hoàn thành tốt nhiệm vụ", "Completed tasks well", "HTT"),
        m.Grade("ht", "Hoàn thành nhiệm vụ", "Completed tasks", "HT"),
        m.Grade("kht", "Không hoàn thành nhiệm vụ", "Did not complete tasks", "KHT"),
    )


def _title(tid: str, name: str, name_en: str, kind: str = "commendation") -> m.Title:
    return m.Title(tid, name, name_en, kind)


def _forward(successors: Sequence[str], on: dt.date, note: str, *, split: bool = False) -> tuple[m.Lineage, ...]:
    """Links to successors: ``merged_into`` one unit, or ``split_into`` several (default first).

    *split* marks a unit whose other parts went to units not modelled here (named in *note*).
    """
    if len(successors) == 1 and not split:
        return (m.Lineage("merged_into", successors[0], on, note),)
    parts = [m.Lineage("split_into", successors[0], on, f"{note}; phần chính / main part")]
    parts += [m.Lineage("split_into", s, on, f"{note}; một phần / a part") for s in successors[1:]]
    return tuple(parts)


def _backward(unit_id: str, units: Iterable[m.Unit]) -> tuple[m.Lineage, ...]:
    """Back-links (``merged_from``/``split_from``) mirroring the forward links to *unit_id*."""
    back = {"merged_into": "merged_from", "split_into": "split_from", "renamed_to": "renamed_from"}
    return tuple(
        m.Lineage(back[link.kind.value], u.id, link.on, link.note)
        for u in units
        for link in u.lineage
        if link.unit == unit_id and link.kind.forward
    )


def _with_back_links(units: list[m.Unit], targets: Iterable[str]) -> list[m.Unit]:
    wanted = set(targets)
    return [attrs.evolve(u, lineage=(*u.lineage, *_backward(u.id, units))) if u.id in wanted else u for u in units]


Review = tuple[str, str, int | None, int | None, str]
"""A reviewer's change: (stage, criterion, points or None, bonus or None, reason)."""


def _assessments(
    unit: str,
    own: Mapping[str, int],
    bonus: Mapping[str, int],
    reviews: Sequence[Review],
    *,
    stages: Sequence[tuple[str, dt.date, str]],
    folder: str,
) -> list[m.Assessment]:
    """A self-assessment of every assessed criterion, then one assessment per later stage."""
    (first, first_on, first_by), *later = stages
    scores = [
        m.ScoreEntry(crit, pts, bonus.get(crit) or None, evidence=(f"{folder}/{unit}/{crit}.pdf",))
        for crit, pts in own.items()
    ]
    out = [m.Assessment(first, scores, first_on, first_by)]
    for stage, on, by in later:
        changes = [m.ScoreEntry(c, p, b, reason=r) for s, c, p, b, r in reviews if s == stage]
        out.append(m.Assessment(stage, changes, on, by))
    return out


# =============================================================================
# Seed 000: Ủy ban MTTQ thị xã Sơn Tây, Hà Nội, signing of 20/2/2024
# =============================================================================

#: (id, name, GSO code, merged into Ngô Quyền on 1/1/2025, 1/7/2025 successors: default first)
SON_TAY_UNITS: list[tuple[str, str, str, bool, tuple[str, ...]]] = [
    ("phuong-le-loi", "Phường Lê Lợi", "09574", True, ()),
    ("phuong-phu-thinh", "Phường Phú Thịnh", "09577", False, ("phuong-son-tay-2025",)),
    ("phuong-ngo-quyen", "Phường Ngô Quyền", "09580", True, ()),
    ("phuong-quang-trung", "Phường Quang Trung", "09583", True, ()),
    ("phuong-son-loc", "Phường Sơn Lộc", "09586", False, ("phuong-son-tay-2025", "phuong-tung-thien-2025")),
    ("phuong-xuan-khanh", "Phường Xuân Khanh", "09589", False, ("phuong-tung-thien-2025",)),
    ("xa-duong-lam", "Xã Đường Lâm", "09592", False, ("phuong-son-tay-2025",)),
    ("phuong-vien-son", "Phường Viên Sơn", "09595", False, ("phuong-son-tay-2025",)),
    ("xa-xuan-son", "Xã Xuân Sơn", "09598", False, ("phuong-tung-thien-2025",)),
    ("phuong-trung-hung", "Phường Trung Hưng", "09601", False, ("phuong-son-tay-2025", "phuong-tung-thien-2025")),
    ("xa-thanh-my", "Xã Thanh Mỹ", "09604", False, ("phuong-tung-thien-2025", "phuong-son-tay-2025")),
    ("phuong-trung-son-tram", "Phường Trung Sơn Trầm", "09607", False, ("phuong-tung-thien-2025",)),
    ("xa-kim-son", "Xã Kim Sơn", "09610", False, ("xa-doai-phuong-2025",)),
    ("xa-son-dong", "Xã Sơn Đông", "09613", False, ("xa-doai-phuong-2025",)),
    ("xa-co-dong", "Xã Cổ Đông", "09616", False, ("xa-doai-phuong-2025", "xa-hoa-lac-2025")),
]
#: Commune-level units of Hà Nội from 1/7/2025 that took in Sơn Tây's (codes from [VP]).
SON_TAY_SUCCESSORS = [
    ("phuong-son-tay-2025", "Phường Sơn Tây", "09574"),
    ("phuong-tung-thien-2025", "Phường Tùng Thiện", "09604"),
    ("xa-doai-phuong-2025", "Xã Đoài Phương", "09616"),
    ("xa-hoa-lac-2025", "Xã Hòa Lạc", "09988"),
]


def son_tay_units() -> list[m.Unit]:
    """Hà Nội, thị xã Sơn Tây, its 15 units of 2024, and their 2025 successors."""
    units = [
        m.Unit("thanh-pho-ha-noi", "Thành phố Hà Nội", "city", kind="administrative", code="01"),
        m.Unit(
            "thi-xa-son-tay",
            "Thị xã Sơn Tây",
            "district",
            "thanh-pho-ha-noi",
            code="269",
            valid_to=BEFORE_REFORM,
            name_en="Sơn Tây town",
        ),
    ]
    for uid, name, code, merged, successors in SON_TAY_UNITS:
        if merged:
            lineage = (m.Lineage("merged_into", "phuong-ngo-quyen-2025", MERGE_2025, ACT_1286),)
            units.append(
                m.Unit(uid, name, "commune", "thi-xa-son-tay", code=code, valid_to=BEFORE_MERGE_2025, lineage=lineage)
            )
        else:
            lineage = _forward(successors, REFORM, ACT_1656)
            units.append(
                m.Unit(uid, name, "commune", "thi-xa-son-tay", code=code, valid_to=BEFORE_REFORM, lineage=lineage)
            )
    units.append(
        m.Unit(
            "phuong-ngo-quyen-2025",
            "Phường Ngô Quyền",
            "commune",
            "thi-xa-son-tay",
            # [VAU] gives the enlarged ward Lê Lợi's old code; UNVERIFIED against the official list.
            code="09574",
            valid_from=MERGE_2025,
            valid_to=BEFORE_REFORM,
            lineage=_forward(("phuong-son-tay-2025",), REFORM, ACT_1656),
            name_en="Ngô Quyền ward after the merger of 1/1/2025",
        )
    )
    for uid, name, code in SON_TAY_SUCCESSORS:
        units.append(m.Unit(uid, name, "commune", "thanh-pho-ha-noi", code=code, valid_from=REFORM))
    return _with_back_links(units, ["phuong-ngo-quyen-2025", *(s[0] for s in SON_TAY_SUCCESSORS)])


SON_TAY_NOTE = (
    "Nguồn: bài báo ngày 21/02/2024 về hội nghị ngày 20/02/2024 của Ban Thường trực Ủy ban MTTQ Việt Nam "
    "thị xã Sơn Tây (seed 000). "
    "ĐÃ XÁC MINH (VERIFIED): 15 đơn vị cấp xã của thị xã đầu năm 2024 (9 phường, 6 xã) và mã GSO; việc nhập "
    "phường Lê Lợi và phường Quang Trung vào phường Ngô Quyền từ 01/01/2025; 3 đơn vị cấp xã mới từ 01/7/2025 "
    "(Phường Sơn Tây, Phường Tùng Thiện, Xã Đoài Phương; một phần Xã Cổ Đông về Xã Hòa Lạc) theo NQ "
    "1656/NQ-UBTVQH15; 6 phong trào thi đua, việc ký giao ước ngày 20/02/2024, giao ban công tác tháng và việc "
    "triển khai Đại hội MTTQ các xã, phường nhiệm kỳ 2024–2029 (bài báo). "
    "CHƯA XÁC MINH (UNVERIFIED): số hiệu văn bản sáp nhập 01/01/2025 (NQ 1286/NQ-UBTVQH15, nhớ lại); mã 09574 "
    "của phường Ngô Quyền sau sáp nhập (theo gói vietnamadminunits); ngày Đại hội MTTQ toàn quốc lần thứ X "
    "(16–18/10/2024, nhớ lại). "
    "ĐỀ XUẤT (PROPOSAL): 15 đơn vị ký chung một giao ước, không chia cụm, chưa rõ cụm trưởng; mọi chỉ tiêu, "
    "thang điểm, ngưỡng xếp loại, giới hạn 20% HTXS, hình thức và số lượng khen thưởng; hạn hoàn thành Đại hội "
    "MTTQ cấp xã (31/5/2024); ngày giao ban các tháng sau tháng 2 và ngày tổng kết. "
    "|| Source: the report of 21/02/2024 on the conference of 20/02/2024 (seed 000). VERIFIED: the 15 "
    "commune-level units of early 2024 and their GSO codes; the merger of Lê Lợi and Quang Trung into Ngô Quyền "
    "on 1/1/2025; the three units of 1/7/2025; the 6 movements, the signing date, the monthly meetings and the "
    "2024–2029 congresses. UNVERIFIED: the act of the 1/1/2025 merger, the code of the enlarged Ngô Quyền ward, "
    "the dates of the 10th national Front congress. PROPOSAL: one agreement for all 15 units without clusters, "
    "every target, rubric, band, the 20% cap, titles and quotas, the congress deadline and the later meeting dates."
)


def _son_tay_campaign() -> m.Campaign:
    """Seed 000: the communes and wards of thị xã Sơn Tây sign their agreement for 2024."""
    members = tuple(u[0] for u in SON_TAY_UNITS)
    cluster = m.Cluster(
        "xa-phuong-son-tay",
        "Ủy ban MTTQ Việt Nam các xã, phường thị xã Sơn Tây",
        "cluster",
        2024,
        members,
        organizers=("thi-xa-son-tay",),
        name_en="The Front committees of the communes and wards of Sơn Tây town",
    )
    year = (D(2024, 1, 1), D(2024, 12, 31))
    monthly = tuple(
        m.Milestone("other", D(2024, month, 20), name=f"Giao ban công tác tháng {month}") for month in range(3, 12)
    )
    movements = (
        m.Movement(
            "phong-trao-yeu-nuoc",
            "Phát động, tổ chức thực hiện sáng tạo, hiệu quả phong trào thi đua yêu nước ở các cấp gắn với việc "
            "thực hiện các nhiệm vụ kinh tế, xã hội, an ninh quốc phòng năm 2024",
            "regular",
            *year,
            content_areas=("nd1-yeu-nuoc",),
            name_en="Patriotic emulation tied to the economic, social and defence tasks of 2024",
        ),
        m.Movement(
            "cac-cuoc-van-dong",
            "Thực hiện các phong trào “Người tốt, việc tốt”, “Cán bộ, công chức, viên chức, người lao động thi đua "
            "thực hiện văn hóa công sở và nơi công cộng”, các cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn "
            "mới, đô thị văn minh”, “Người Việt Nam ưu tiên dùng hàng Việt Nam”; xây dựng, ủng hộ quỹ “Vì người "
            "nghèo – không để ai bị bỏ lại phía sau”",
            "regular",
            *year,
            milestones=(
                m.Milestone(
                    "peak_month", D(2024, 10, 17), D(2024, 11, 18), "Tháng cao điểm “Vì người nghèo” (đề xuất)"
                ),
            ),
            content_areas=("nd2-van-dong",),
            name_en="The movements and campaigns of the Front, and the fund for the poor",
        ),
        m.Movement(
            "doan-ket-dan-toc-ton-giao",
            "Thi đua đổi mới các hình thức tập hợp, đoàn kết đồng bào các dân tộc, các tôn giáo, người Việt Nam ở "
            "nước ngoài tham gia xây dựng và bảo vệ Tổ quốc",
            "regular",
            *year,
            content_areas=("nd3-doan-ket",),
            name_en="New ways of uniting ethnic groups, religions and overseas Vietnamese",
        ),
        m.Movement(
            "giam-sat-phan-bien",
            "Thi đua đổi mới hoạt động giám sát, phản biện xã hội và nâng cao chất lượng công tác tham gia phòng, "
            "chống tham nhũng, lãng phí, xây dựng Đảng, Nhà nước trong sạch, vững mạnh",
            "regular",
            *year,
            content_areas=("nd4-giam-sat",),
            name_en="Supervision, social criticism and the fight against corruption and waste",
        ),
        m.Movement(
            "doi-ngoai-nhan-dan",
            "Thi đua đổi mới nội dung và phương thức hoạt động đối ngoại nhân dân theo tinh thần Nghị quyết Đại "
            "hội XIII của Đảng",
            "regular",
            *year,
            content_areas=("nd5-doi-ngoai",),
            name_en="People-to-people diplomacy after the 13th Party Congress",
        ),
        m.Movement(
            "hieu-qua-hoat-dong",
            "Thi đua nâng cao hiệu quả hoạt động của MTTQ Việt Nam",
            "regular",
            *year,
            milestones=(
                m.Milestone("launch", D(2024, 2, 20), name="Phát động phong trào thi đua năm 2024"),
                m.Milestone("signing", D(2024, 2, 20), name="Ký kết giao ước thi đua; giao ban công tác tháng 2"),
                *monthly,
                m.Milestone("final_review", D(2024, 12, 20), name="Tổng kết năm 2024; giao ban công tác tháng 12"),
            ),
            content_areas=("nd6-hieu-qua",),
            name_en="A more effective Fatherland Front",
        ),
        m.Movement(
            "dai-hoi-2024-2029",
            "Thi đua chào mừng Đại hội MTTQ Việt Nam các cấp, nhiệm kỳ 2024–2029",
            "thematic",
            D(2024, 2, 20),
            D(2024, 10, 18),
            milestones=(
                m.Milestone(
                    "launch",
                    D(2024, 2, 20),
                    name="Đánh giá Đại hội điểm; triển khai Đại hội MTTQ các xã, phường nhiệm kỳ 2024–2029",
                ),
                m.Milestone("other", D(2024, 5, 31), name="Hạn hoàn thành Đại hội MTTQ các xã, phường (đề xuất)"),
                m.Milestone(
                    "other",
                    D(2024, 10, 16),
                    D(2024, 10, 18),
                    "Đại hội đại biểu toàn quốc MTTQ Việt Nam lần thứ X (ngày chưa xác minh)",
                ),
            ),
            content_areas=("nd7-dai-hoi",),
            name_en="Emulation greeting the Front congresses of the 2024–2029 term",
        ),
    )
    areas = (
        m.ContentArea(
            "nd1-yeu-nuoc",
            "Phong trào thi đua yêu nước gắn với nhiệm vụ kinh tế, xã hội, an ninh quốc phòng",
            movement="phong-trao-yeu-nuoc",
            name_en="Patriotic emulation",
        ),
        m.ContentArea(
            "nd2-van-dong",
            "Các phong trào, cuộc vận động và quỹ “Vì người nghèo”",
            (
                m.QuotaTarget(
                    "quy-vi-nguoi-ngheo",
                    "Quỹ “Vì người nghèo” đạt chỉ tiêu được giao",
                    "fund_raised",
                    quota_measure="fund_quota",
                    name_en="The fund for the poor reaches its assigned quota",
                ),
                m.FormulaTarget(
                    "gia-dinh-van-hoa",
                    "Ít nhất 85% hộ gia đình đạt danh hiệu “Gia đình văn hóa”",
                    "cultural_households / households >= 85%",
                    name_en="At least 85% of households are “cultured families”",
                ),
                m.CountTarget(
                    "nguoi-tot-viec-tot",
                    "Biểu dương ít nhất 2 điển hình “Người tốt, việc tốt”",
                    "good_examples",
                    2,
                    name_en="At least 2 “good people, good deeds” examples honoured",
                ),
            ),
            movement="cac-cuoc-van-dong",
            name_en="Movements, campaigns and the fund for the poor",
        ),
        m.ContentArea(
            "nd3-doan-ket",
            "Đổi mới hình thức tập hợp, đoàn kết đồng bào các dân tộc, các tôn giáo",
            movement="doan-ket-dan-toc-ton-giao",
            name_en="Uniting ethnic groups and religions",
        ),
        m.ContentArea(
            "nd4-giam-sat",
            "Giám sát, phản biện xã hội; tham gia phòng, chống tham nhũng, lãng phí",
            (
                m.CountTarget(
                    "giam-sat-chuyen-de",
                    "Tổ chức ít nhất 2 cuộc giám sát chuyên đề",
                    "supervisions",
                    2,
                    name_en="At least 2 thematic supervisions",
                ),
            ),
            movement="giam-sat-phan-bien",
            name_en="Supervision and social criticism",
        ),
        m.ContentArea(
            "nd5-doi-ngoai",
            "Đổi mới nội dung, phương thức hoạt động đối ngoại nhân dân",
            movement="doi-ngoai-nhan-dan",
            name_en="People-to-people diplomacy",
        ),
        m.ContentArea(
            "nd6-hieu-qua",
            "Nâng cao hiệu quả hoạt động của MTTQ Việt Nam; giao ban công tác hằng tháng",
            movement="hieu-qua-hoat-dong",
            name_en="A more effective Front; monthly meetings",
        ),
        m.ContentArea(
            "nd7-dai-hoi",
            "Tổ chức Đại hội MTTQ Việt Nam xã, phường nhiệm kỳ 2024–2029",
            (
                m.DeadlineTarget(
                    "dai-hoi-dung-han",
                    "Hoàn thành Đại hội MTTQ xã, phường nhiệm kỳ 2024–2029 trước ngày 31/5/2024",
                    "congress",
                    D(2024, 5, 31),
                    name_en="The commune Front congress of the 2024–2029 term held by 31/5/2024",
                ),
            ),
            movement="dai-hoi-2024-2029",
            name_en="The commune Front congresses of the 2024–2029 term",
        ),
    )
    agreement = m.Agreement("giao-uoc-2024", ("xa-phuong-son-tay",), D(2024, 2, 20), content_areas=areas)
    scale = m.RatingScale(
        "thang-mttq-xa",
        "Xếp loại Ủy ban MTTQ Việt Nam xã, phường",
        ("commune",),
        _grades(top_requires=(m.AllTargetsMet(),)),
        bands=(
            m.Band.from_range("htxs", "90+"),
            m.Band.from_range("htt", "75-89"),
            m.Band.from_range("ht", "50-74"),
            m.Band.from_range("kht", "<50"),
        ),
        legacy={"yếu kém": "kht"},
        caps=(m.GradeCap("htxs", "20%", "htt", tie_break=("good_examples",)),),
        name_en="Rating of commune and ward Front committees",
    )
    a = m.Assessed()
    rubric = m.Rubric(
        "thang-diem-xa",
        "Thang điểm thi đua Ủy ban MTTQ Việt Nam xã, phường năm 2024",
        ("commune",),
        100,
        (
            m.Criterion("yeu-nuoc", "Phong trào thi đua yêu nước", 15, a),
            m.Criterion(
                "van-dong",
                "Các phong trào, cuộc vận động, quỹ “Vì người nghèo”",
                25,
                children=(
                    m.Criterion(
                        "quy-vnn",
                        "Quỹ “Vì người nghèo” so với chỉ tiêu được giao",
                        10,
                        m.Proportional("fund_raised", target_measure="fund_quota"),
                    ),
                    m.Criterion(
                        "gia-dinh-van-hoa",
                        "Đạt chỉ tiêu 85% gia đình văn hóa",
                        10,
                        m.PassFail(m.TargetMet("gia-dinh-van-hoa")),
                    ),
                    m.Criterion(
                        "nguoi-tot-viec-tot",
                        "Điển hình “Người tốt, việc tốt” (1 điểm mỗi điển hình, tối đa 5)",
                        5,
                        m.PerOccurrence("good_examples", 1),
                    ),
                ),
            ),
            m.Criterion("doan-ket", "Đoàn kết các dân tộc, các tôn giáo", 10, a),
            m.Criterion(
                "giam-sat",
                "Số cuộc giám sát chuyên đề (1 cuộc: 5 điểm; 2 cuộc: 10; từ 3 cuộc: 15)",
                15,
                m.StepTable("supervisions", (m.StepRow(1, 5), m.StepRow(2, 10), m.StepRow(3, 15))),
            ),
            m.Criterion("doi-ngoai", "Đối ngoại nhân dân", 10, a),
            m.Criterion(
                "hieu-qua",
                "Hiệu quả hoạt động của MTTQ",
                25,
                children=(
                    m.Criterion(
                        "dai-hoi",
                        "Đại hội MTTQ xã, phường đúng tiến độ",
                        10,
                        m.PassFail(m.TargetMet("dai-hoi-dung-han")),
                    ),
                    m.Criterion("chat-luong", "Chất lượng hoạt động; mô hình mới", 15, a, bonus=2),
                ),
            ),
            m.Criterion(
                "cham-giao-ban",
                "Chậm báo cáo giao ban tháng (trừ 1 điểm mỗi lần, tối đa 5 điểm)",
                0,
                m.Penalty("late_monthly_reports", 1, -5),
            ),
        ),
        name_en="Points rubric for commune and ward Front committees, 2024",
    )
    titles = (
        _title(
            "bang-khen-tp",
            "Bằng khen của Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            "Certificate of merit of the Hà Nội Front",
        ),
        _title("giay-khen-tx", "Giấy khen của Ủy ban MTTQ Việt Nam thị xã Sơn Tây", "Commendation of the town Front"),
    )
    awards = (
        m.AwardRule("bang-khen", "bang-khen-tp", ("commune",), (m.MinGrade("htxs"), m.AllTargetsMet()), m.Quota(2)),
        m.AwardRule(
            "giay-khen",
            "giay-khen-tx",
            ("commune",),
            (m.MinGrade("htt"),),
            m.Quota(share="30%", of="members"),
            exclusive_with=("bang-khen",),
        ),
    )
    return m.Campaign(
        id="son-tay-2024",
        name="Thi đua Mặt trận các xã, phường thị xã Sơn Tây năm 2024",
        name_en="Emulation of the commune and ward Fronts of Sơn Tây town, 2024",
        year=2024,
        organizer="Ban Thường trực Ủy ban MTTQ Việt Nam thị xã Sơn Tây",
        levels=(
            m.Level("city", "Thành phố trực thuộc Trung ương", "Centrally governed city"),
            m.Level("district", "Quận, huyện, thị xã", "District", valid_to=BEFORE_REFORM),
            m.Level("commune", "Xã, phường", "Commune or ward"),
        ),
        units=tuple(son_tay_units()),
        clusters=(cluster,),
        movements=movements,
        agreements=(agreement,),
        scales=(scale,),
        rubrics=(rubric,),
        titles=titles,
        awards=awards,
        stages=(
            m.Stage("tu-cham", "Tự chấm điểm", "Self-assessment"),
            m.Stage("thi-xa-tham-dinh", "Ban Thường trực Ủy ban MTTQ thị xã thẩm định", "Town standing committee"),
        ),
        tie_breaks=("good_examples",),
        note=SON_TAY_NOTE,
    )


#: Sample results: unit → (fund quota, fund raised, households, cultured households, good examples,
#: supervisions, late monthly reports, congress date, self-assessed (yeu-nuoc, doan-ket, doi-ngoai,
#: chat-luong), self-assessed bonus on chat-luong)
SON_TAY_SAMPLE: dict[str, tuple[int, int, int, int, int, int, int, dt.date, tuple[int, int, int, int], int]] = {
    "phuong-le-loi": (60_000_000, 66_000_000, 1200, 1080, 3, 3, 0, D(2024, 4, 20), (15, 9, 10, 14), 1),
    "phuong-phu-thinh": (50_000_000, 50_000_000, 1500, 1290, 2, 2, 1, D(2024, 5, 10), (13, 8, 8, 13), 0),
    "phuong-ngo-quyen": (70_000_000, 77_000_000, 1400, 1246, 4, 3, 0, D(2024, 4, 25), (14, 9, 9, 14), 2),
    "phuong-quang-trung": (60_000_000, 48_000_000, 1100, 990, 2, 2, 0, D(2024, 5, 15), (13, 9, 8, 13), 0),
    "phuong-son-loc": (50_000_000, 55_000_000, 1600, 1392, 3, 3, 0, D(2024, 5, 8), (14, 9, 9, 14), 1),
    "phuong-xuan-khanh": (50_000_000, 52_000_000, 1800, 1512, 5, 3, 0, D(2024, 5, 20), (15, 10, 9, 15), 2),
    "xa-duong-lam": (40_000_000, 40_000_000, 1300, 1170, 2, 2, 2, D(2024, 5, 25), (12, 8, 8, 12), 0),
    "phuong-vien-son": (50_000_000, 45_000_000, 1250, 1075, 2, 2, 0, D(2024, 5, 30), (13, 8, 8, 13), 0),
    "xa-xuan-son": (30_000_000, 30_000_000, 1000, 860, 1, 1, 0, D(2024, 6, 10), (11, 7, 7, 11), 0),
    "phuong-trung-hung": (50_000_000, 60_000_000, 1500, 1350, 3, 3, 0, D(2024, 4, 28), (15, 10, 10, 15), 2),
    "xa-thanh-my": (40_000_000, 42_000_000, 1100, 946, 2, 2, 0, D(2024, 5, 18), (13, 9, 8, 13), 0),
    "phuong-trung-son-tram": (40_000_000, 44_000_000, 900, 792, 3, 3, 0, D(2024, 5, 5), (14, 9, 9, 14), 1),
    "xa-kim-son": (35_000_000, 35_000_000, 1050, 903, 2, 2, 1, D(2024, 5, 22), (12, 8, 8, 12), 0),
    "xa-son-dong": (35_000_000, 28_000_000, 1150, 943, 2, 2, 0, D(2024, 5, 28), (12, 8, 7, 12), 0),
    "xa-co-dong": (45_000_000, 45_000_000, 1700, 1462, 2, 2, 0, D(2024, 5, 12), (13, 9, 9, 13), 1),
}
SON_TAY_REVIEWS: list[tuple[str, Review]] = [
    ("phuong-son-loc", ("thi-xa-tham-dinh", "chat-luong", 12, None, "Mô hình mới chưa có báo cáo sơ kết")),
    ("phuong-trung-hung", ("thi-xa-tham-dinh", "doi-ngoai", 9, None, "Chưa có báo cáo chuyên đề đối ngoại")),
    ("phuong-trung-son-tram", ("thi-xa-tham-dinh", "yeu-nuoc", 11, None, "Chưa tổ chức sơ kết phong trào")),
    ("xa-co-dong", ("thi-xa-tham-dinh", "chat-luong", 14, None, "Bổ sung minh chứng mô hình “Khu dân cư an toàn”")),
]


def _son_tay_results() -> m.Results:
    """Sample results for Sơn Tây 2024 (NOT real)."""
    stages = (
        ("tu-cham", D(2024, 12, 5), "Ủy ban MTTQ xã, phường"),
        ("thi-xa-tham-dinh", D(2024, 12, 16), "Ban Thường trực Ủy ban MTTQ thị xã Sơn Tây"),
    )
    rows = []
    for unit, (quota, raised, hh, cult, good, sup, late, congress, own, bonus) in SON_TAY_SAMPLE.items():
        assessed = dict(zip(("yeu-nuoc", "doan-ket", "doi-ngoai", "chat-luong"), own, strict=True))
        reviews = [r for u, r in SON_TAY_REVIEWS if u == unit]
        rows.append(
            m.UnitResult(
                unit,
                measures={
                    "fund_quota": quota,
                    "fund_raised": raised,
                    "households": hh,
                    "cultural_households": cult,
                    "good_examples": good,
                    "supervisions": sup,
                    "late_monthly_reports": late,
                },
                dates={"congress": congress},
                assessments=_assessments(
                    unit, assessed, {"chat-luong": bonus}, reviews, stages=stages, folder="bao-cao-2024"
                ),
            )
        )
    return m.Results("son-tay-2024", 2024, tuple(rows), sample=True, note=SAMPLE_NOTE.format(year=2024))


# =============================================================================
# Seed 001: Khối thi đua Mặt trận và Đoàn thể tỉnh Ninh Thuận, signing of 27/3/2024
# =============================================================================

#: (id, name, kind, English name, id and name of the assumed 2025 counterpart in Khánh Hòa)
NINH_THUAN_BODIES = [
    (
        "mttq-ninh-thuan",
        "Ủy ban MTTQ Việt Nam tỉnh Ninh Thuận",
        "front_committee",
        "Fatherland Front committee of Ninh Thuận province",
        ("mttq-khanh-hoa-2025", "Ủy ban MTTQ Việt Nam tỉnh Khánh Hòa"),
    ),
    (
        "ldld-ninh-thuan",
        "Liên đoàn Lao động tỉnh Ninh Thuận",
        "member_organization",
        "Labour Federation of Ninh Thuận province",
        ("ldld-khanh-hoa-2025", "Liên đoàn Lao động tỉnh Khánh Hòa"),
    ),
    (
        "hnd-ninh-thuan",
        "Hội Nông dân tỉnh Ninh Thuận",
        "member_organization",
        "Farmers' Union of Ninh Thuận province",
        ("hnd-khanh-hoa-2025", "Hội Nông dân tỉnh Khánh Hòa"),
    ),
    (
        "hlhpn-ninh-thuan",
        "Hội Liên hiệp Phụ nữ tỉnh Ninh Thuận",
        "member_organization",
        "Women's Union of Ninh Thuận province",
        ("hlhpn-khanh-hoa-2025", "Hội Liên hiệp Phụ nữ tỉnh Khánh Hòa"),
    ),
    (
        "tinh-doan-ninh-thuan",
        "Tỉnh đoàn Ninh Thuận (Đoàn TNCS Hồ Chí Minh tỉnh)",
        "member_organization",
        "Ho Chi Minh Communist Youth Union of Ninh Thuận province",
        ("tinh-doan-khanh-hoa-2025", "Tỉnh đoàn Khánh Hòa (Đoàn TNCS Hồ Chí Minh tỉnh)"),
    ),
    (
        "hccb-ninh-thuan",
        "Hội Cựu chiến binh tỉnh Ninh Thuận",
        "member_organization",
        "Veterans' Association of Ninh Thuận province",
        ("hccb-khanh-hoa-2025", "Hội Cựu chiến binh tỉnh Khánh Hòa"),
    ),
]
SUCCESSOR_UNVERIFIED = (
    "CHƯA XÁC MINH (UNVERIFIED): từ 2025 các tổ chức chính trị - xã hội trực thuộc MTTQ (Quy định 301-QĐ/TW); "
    "không có nguồn nêu đơn vị kế thừa một đối một"
)


def ninh_thuan_units() -> list[m.Unit]:
    """Ninh Thuận, its 6 provincial bodies of 2024, and their assumed 2025 counterparts in Khánh Hòa."""
    units = [
        m.Unit(
            "tinh-ninh-thuan",
            "Tỉnh Ninh Thuận",
            "province",
            kind="administrative",
            code="58",
            valid_to=BEFORE_REFORM,
            lineage=(m.Lineage("merged_into", "tinh-khanh-hoa-2025", REFORM, "Hợp nhất vào tỉnh Khánh Hòa"),),
        ),
        m.Unit(
            "tinh-khanh-hoa-2025",
            "Tỉnh Khánh Hòa",
            "province",
            kind="administrative",
            code="56",
            valid_from=REFORM,
            name_en="Khánh Hòa province from 1/7/2025",
        ),
    ]
    for uid, name, kind, name_en, (succ, _) in NINH_THUAN_BODIES:
        units.append(
            m.Unit(
                uid,
                name,
                "body",
                "tinh-ninh-thuan",
                kind,
                valid_to=BEFORE_REFORM,
                lineage=(m.Lineage("merged_into", succ, REFORM, SUCCESSOR_UNVERIFIED),),
                name_en=name_en,
            )
        )
    for _, _, kind, _, (succ, succ_name) in NINH_THUAN_BODIES:
        units.append(m.Unit(succ, succ_name, "body", "tinh-khanh-hoa-2025", kind, valid_from=REFORM))
    return _with_back_links(units, ["tinh-khanh-hoa-2025", *(b[4][0] for b in NINH_THUAN_BODIES)])


NINH_THUAN_NOTE = (
    "Nguồn: bài báo về hội nghị ký giao ước thi đua năm 2024 ngày 27/3 của Khối thi đua Mặt trận và Đoàn thể "
    "tỉnh, do Ủy ban MTTQ Việt Nam tỉnh làm trưởng khối (seed 001). "
    "ĐÃ XÁC MINH (VERIFIED): tỉnh là Ninh Thuận (mã 58; đồng chí Lê Văn Bình là Chủ tịch Ủy ban MTTQ tỉnh); "
    "năm 2023 khối gồm 6 cơ quan: Ủy ban MTTQ, Liên đoàn Lao động, Hội Nông dân, Hội LHPN, Tỉnh đoàn và Hội "
    "Cựu chiến binh tỉnh (trang Hội Nông dân tỉnh), khối trưởng năm 2023 là Hội CCB; năm 2024 khối trưởng là "
    "Ủy ban MTTQ tỉnh, một thành viên của khối (nên head_is_member = true); tỉnh hợp nhất vào tỉnh Khánh Hòa "
    "(mã 56) từ 01/7/2025; các nội dung trọng tâm và yêu cầu mỗi đơn vị xây dựng ít nhất một mô hình, sản phẩm "
    "(bài báo). "
    "CHƯA XÁC MINH (UNVERIFIED): thành viên năm 2024 giống năm 2023; đơn vị kế thừa năm 2025 của từng cơ quan "
    "(liên kết lineage chỉ là giả định). "
    "ĐỀ XUẤT (PROPOSAL): thang điểm 90, ngưỡng xếp loại, điểm cộng Cờ thi đua cấp trên, hạ loại khi có kỷ "
    "luật, hình thức và số lượng khen thưởng (1 Cờ + 3 Bằng khen). Vì sao chỉ tiêu “tổ chức Đảng, đoàn thể "
    "trong đơn vị hoàn thành nhiệm vụ trở lên” là ShareTarget 100% mức “ht” trên cấp “internal”: “trở lên” đúng "
    "là nghĩa tích lũy của ShareTarget (HT hoặc tốt hơn); kết quả có tử số, mẫu số và số tổ chức còn thiếu; "
    "các tổ chức này được xếp loại theo thang 4 mức nên báo cáo số lượng theo mức. ZeroCountTarget(“kht”) chỉ "
    "tương đương khi thang có đúng 4 mức và không nói “trở lên”; FormulaTarget phải tự đặt số liệu và mất dấu vết. "
    "|| Source: the report of the signing of 27/3/2024 (seed 001). VERIFIED: the province (Ninh Thuận, code 58); "
    "the 6 member bodies in 2023; the provincial Front as block head in 2024 (it is one of the 6, so "
    "head_is_member is true); the merger into Khánh Hòa (56) on 1/7/2025; the contents and the one-model-per-member "
    "requirement. UNVERIFIED: the 2024 membership; every 2025 successor of a body (the lineage links are an "
    "assumption). PROPOSAL: the 90-point rubric, bands, flag bonus, discipline cap, titles and quotas. The "
    "requirement that members' own Party and union bodies complete their tasks or better is a 100% share target "
    "at grade “ht” over the sub-level “internal”: “or better” is exactly the cumulative reading of a share, the "
    "outcome shows numerator, denominator and shortfall, and these bodies are rated on a 4-level scale and "
    "reported as counts by grade; a zero count of “kht” is only equivalent on a 4-level scale, and a formula "
    "would hide the counts."
)


def _ninh_thuan_campaign() -> m.Campaign:
    """Seed 001: the provincial block of Front and mass organizations of Ninh Thuận, 2024."""
    members = tuple(b[0] for b in NINH_THUAN_BODIES)
    block = m.Cluster(
        "khoi-mat-tran-doan-the",
        "Khối thi đua Mặt trận và Đoàn thể tỉnh",
        "block",
        2024,
        members,
        head="mttq-ninh-thuan",
        organizers=("mttq-ninh-thuan",),
        head_is_member=True,
        name_en="Emulation block of the Front and mass organizations of the province",
    )
    movements = (
        m.Movement(
            "chao-mung-dai-hoi",
            "Thi đua chào mừng Đại hội đại biểu MTTQ Việt Nam các cấp, tiến tới Đại hội đại biểu toàn quốc "
            "MTTQ Việt Nam lần thứ X, nhiệm kỳ 2024–2029",
            "thematic",
            D(2024, 3, 27),
            D(2024, 10, 18),
            milestones=(m.Milestone("signing", D(2024, 3, 27), name="Ký kết giao ước thi đua năm 2024"),),
            content_areas=("nd1-tuyen-truyen",),
            name_en="Emulation greeting the Front congresses, up to the 10th national congress (2024–2029)",
        ),
        m.Movement(
            "nhiem-vu-chinh-tri",
            "Thi đua thực hiện nhiệm vụ phát triển kinh tế – xã hội của tỉnh và nhiệm vụ chính trị của từng đơn vị",
            "regular",
            D(2024, 1, 1),
            D(2024, 12, 31),
            milestones=(m.Milestone("signing", D(2024, 3, 27), name="Ký kết giao ước thi đua năm 2024"),),
            content_areas=("nd2-nhiem-vu", "nd3-dien-hinh", "nd4-to-chuc", "nd5-doan-ket", "nd6-ngay-le"),
            name_en="Emulation in the province's development and each body's political tasks",
        ),
    )
    areas = (
        m.ContentArea(
            "nd1-tuyen-truyen",
            "Tuyên truyền, vận động cán bộ, đoàn viên, hội viên và Nhân dân thi đua chào mừng Đại hội đại biểu "
            "MTTQ Việt Nam các cấp, nhiệm kỳ 2024–2029",
            movement="chao-mung-dai-hoi",
            name_en="Mobilize members and the people to greet the Front congresses",
        ),
        m.ContentArea(
            "nd2-nhiem-vu",
            "Phát động thi đua thực hiện nhiệm vụ phát triển kinh tế – xã hội của tỉnh và nhiệm vụ chính trị của "
            "từng đơn vị",
            movement="nhiem-vu-chinh-tri",
            name_en="The province's development and each body's political tasks",
        ),
        m.ContentArea(
            "nd3-dien-hinh",
            "Phát hiện, bồi dưỡng, xây dựng và nhân rộng điển hình tiên tiến, nhân tố mới; mỗi đơn vị xây dựng ít "
            "nhất một mô hình, sản phẩm cụ thể",
            (
                m.CountTarget(
                    "mo-hinh-san-pham",
                    "Xây dựng ít nhất một mô hình, sản phẩm cụ thể mang lại hiệu quả thiết thực",
                    "models_built",
                    1,
                    name_en="At least one concrete model or product with practical results",
                ),
            ),
            movement="nhiem-vu-chinh-tri",
            name_en="Advanced examples and new factors; at least one model or product per member",
        ),
        m.ContentArea(
            "nd4-to-chuc",
            "Xây dựng tổ chức Đảng, đoàn thể trong đơn vị vững mạnh, hoàn thành nhiệm vụ trở lên",
            (
                m.ShareTarget(
                    "to-chuc-ht-tro-len",
                    "100% tổ chức Đảng, đoàn thể trong đơn vị hoàn thành nhiệm vụ trở lên",
                    "internal",
                    "ht",
                    "100%",
                    "all",
                    name_en="All Party and union bodies inside the member complete their tasks or better",
                ),
            ),
            movement="nhiem-vu-chinh-tri",
            name_en="Strong Party and union bodies inside each member",
        ),
        m.ContentArea(
            "nd5-doan-ket",
            "Đổi mới phương thức đoàn kết, tập hợp hội viên, đoàn viên; nắm bắt tâm tư, nguyện vọng của hội viên, "
            "đoàn viên và Nhân dân",
            movement="nhiem-vu-chinh-tri",
            name_en="New ways of uniting members; knowing their concerns",
        ),
        m.ContentArea(
            "nd6-ngay-le",
            "Tuyên truyền, tổ chức các hoạt động thiết thực chào mừng các ngày lễ lớn của đất nước",
            movement="nhiem-vu-chinh-tri",
            name_en="Activities greeting the great national holidays",
        ),
    )
    agreement = m.Agreement("giao-uoc-2024", ("khoi-mat-tran-doan-the",), D(2024, 3, 27), content_areas=areas)
    scales = (
        m.RatingScale(
            "thang-khoi",
            "Xếp loại các đơn vị trong Khối (thang điểm 90)",
            ("body",),
            _grades(top_requires=(m.AllTargetsMet(),)),
            bands=(
                m.Band.from_range("htxs", "80+"),
                m.Band.from_range("htt", "70-79"),
                m.Band.from_range("ht", "50-69"),
                m.Band.from_range("kht", "<50"),
            ),
            disqualifiers=(
                m.Disqualifier(
                    "ky-luat",
                    "Đơn vị có cán bộ bị kỷ luật trong năm: không quá “Hoàn thành nhiệm vụ”",
                    m.Flag("disciplined"),
                    "ht",
                    "A member of staff disciplined during the year: at best “completed tasks”",
                ),
            ),
            name_en="Rating of the block's members (90-point rubric)",
        ),
        m.RatingScale(
            "thang-to-chuc-co-so",
            "Xếp loại tổ chức Đảng, đoàn thể trong cơ quan",
            ("internal",),
            _grades(),
            legacy={"yếu kém": "kht"},
            name_en="Rating of Party and union bodies inside a member",
        ),
    )
    a = m.Assessed()
    rubric = m.Rubric(
        "thang-diem-khoi",
        "Thang điểm thi đua Khối Mặt trận và Đoàn thể tỉnh năm 2024",
        ("body",),
        90,
        (
            m.Criterion("tuyen-truyen", "Tuyên truyền, chào mừng Đại hội MTTQ các cấp", 15, a),
            m.Criterion("nhiem-vu", "Nhiệm vụ kinh tế – xã hội, nhiệm vụ chính trị của đơn vị", 20, a),
            m.Criterion(
                "mo-hinh",
                "Mô hình, sản phẩm cụ thể (1 mô hình: 10 điểm; từ 2 mô hình: 15 điểm)",
                15,
                m.StepTable("models_built", (m.StepRow(1, 10), m.StepRow(2, 15))),
            ),
            m.Criterion(
                "to-chuc",
                "100% tổ chức Đảng, đoàn thể hoàn thành nhiệm vụ trở lên",
                15,
                m.PassFail(m.TargetMet("to-chuc-ht-tro-len")),
            ),
            m.Criterion("doan-ket", "Đoàn kết, tập hợp hội viên, đoàn viên", 15, a),
            m.Criterion("ngay-le", "Hoạt động chào mừng các ngày lễ lớn", 10, a, bonus=2),
        ),
        adjustments=(
            m.Adjustment(
                "co-thi-dua-cap-tren",
                "Được tặng Cờ thi đua của cơ quan Trung ương trong năm (+3 điểm)",
                3,
                when=m.Flag("central_flag"),
                name_en="Received an emulation flag from its central body this year (+3)",
            ),
        ),
        name_en="Points rubric of the Front and mass organization block, 2024",
    )
    titles = (
        _title(
            "co-thi-dua-ubnd-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Emulation flag of the province", "title"
        ),
        _title(
            "bang-khen-ubnd-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Certificate of merit of the province"
        ),
    )
    awards = (
        m.AwardRule(
            "co-thi-dua",
            "co-thi-dua-ubnd-tinh",
            ("body",),
            (m.MinGrade("htxs"), m.MaxRank(1), m.AllTargetsMet()),
            m.Quota(1),
        ),
        m.AwardRule(
            "bang-khen",
            "bang-khen-ubnd-tinh",
            ("body",),
            (m.MinGrade("htxs"),),
            m.Quota(3),
            exclusive_with=("co-thi-dua",),
        ),
    )
    return m.Campaign(
        id="ninh-thuan-khoi-2024",
        name="Thi đua Khối Mặt trận và Đoàn thể tỉnh Ninh Thuận năm 2024",
        name_en="Emulation of the Front and mass organization block of Ninh Thuận province, 2024",
        year=2024,
        organizer="Ủy ban MTTQ Việt Nam tỉnh Ninh Thuận (khối trưởng)",
        levels=(
            m.Level("province", "Tỉnh", "Province"),
            m.Level("body", "MTTQ và tổ chức chính trị - xã hội cấp tỉnh", "Provincial Front or mass organization"),
            m.Level("internal", "Tổ chức Đảng, đoàn thể trong cơ quan", "Party and union body inside a member"),
        ),
        units=tuple(ninh_thuan_units()),
        clusters=(block,),
        movements=movements,
        agreements=(agreement,),
        scales=scales,
        rubrics=(rubric,),
        titles=titles,
        awards=awards,
        stages=(
            m.Stage("tu-cham", "Tự chấm điểm", "Self-assessment"),
            m.Stage("khoi-binh-xet", "Khối chấm chéo, bình xét", "Block cross-scoring and review"),
        ),
        note=NINH_THUAN_NOTE,
    )


#: Sample results: body → (internal bodies htxs/htt/ht/kht, models built, central flag, disciplined,
#: self-assessed (tuyen-truyen, nhiem-vu, doan-ket, ngay-le), bonus on ngay-le)
NINH_THUAN_SAMPLE: dict[str, tuple[tuple[int, int, int, int], int, bool, bool, tuple[int, int, int, int], int]] = {
    "mttq-ninh-thuan": ((1, 3, 0, 0), 2, False, False, (14, 18, 14, 9), 2),
    "ldld-ninh-thuan": ((1, 2, 1, 0), 1, True, False, (13, 18, 13, 9), 1),
    "hnd-ninh-thuan": ((0, 2, 1, 1), 2, False, False, (13, 17, 13, 8), 0),
    "hlhpn-ninh-thuan": ((2, 1, 0, 0), 3, False, True, (13, 17, 13, 9), 1),
    "tinh-doan-ninh-thuan": ((1, 2, 0, 0), 0, False, False, (14, 19, 14, 10), 1),
    "hccb-ninh-thuan": ((0, 2, 1, 0), 1, False, False, (13, 18, 14, 9), 1),
}
NINH_THUAN_REVIEWS: list[tuple[str, Review]] = [
    ("mttq-ninh-thuan", ("khoi-binh-xet", "nhiem-vu", 17, None, "Một chỉ tiêu công tác chưa đạt kế hoạch")),
]


def _ninh_thuan_results() -> m.Results:
    """Sample results for the Ninh Thuận block 2024 (NOT real)."""
    stages = (
        ("tu-cham", D(2024, 11, 25), "Cơ quan thành viên"),
        ("khoi-binh-xet", D(2024, 12, 6), "Hội nghị tổng kết Khối"),
    )
    rows = []
    for unit, (internal, models, central, disciplined, own, bonus) in NINH_THUAN_SAMPLE.items():
        assessed = dict(zip(("tuyen-truyen", "nhiem-vu", "doan-ket", "ngay-le"), own, strict=True))
        reviews = [r for u, r in NINH_THUAN_REVIEWS if u == unit]
        rows.append(
            m.UnitResult(
                unit,
                counts={"internal": dict(zip(("htxs", "htt", "ht", "kht"), internal, strict=True))},
                measures={"models_built": models},
                flags={"central_flag": central, "disciplined": disciplined},
                assessments=_assessments(
                    unit, assessed, {"ngay-le": bonus}, reviews, stages=stages, folder="bao-cao-2024"
                ),
            )
        )
    decision = m.Decision(
        "khoi-mat-tran-doan-the",
        (
            "mttq-ninh-thuan",
            "ldld-ninh-thuan",
            "hlhpn-ninh-thuan",
            "hccb-ninh-thuan",
            "tinh-doan-ninh-thuan",
            "hnd-ninh-thuan",
        ),
        (
            m.Proposal("mttq-ninh-thuan", "co-thi-dua"),
            m.Proposal("ldld-ninh-thuan", "bang-khen"),
            m.Proposal("hccb-ninh-thuan", "bang-khen"),
            m.Proposal("hlhpn-ninh-thuan", "bang-khen"),
        ),
        D(2024, 12, 6),
        "Mẫu: biên bản hội nghị tổng kết Khối (dữ liệu mẫu / sample data)",
    )
    return m.Results(
        "ninh-thuan-khoi-2024", 2024, tuple(rows), (decision,), sample=True, note=SAMPLE_NOTE.format(year=2024)
    )


# =============================================================================
# Seed 003: Cụm thi đua số 3, Ủy ban MTTQ TP Hà Nội, signing of 29/2/2024 in huyện Thanh Trì
# =============================================================================

#: (id, name, GSO code, 2025 units covering it whole or by default, note on units taking parts)
HA_NOI_CUM_3_DISTRICTS: list[tuple[str, str, str, tuple[tuple[str, str, str], ...], str]] = [
    (
        "huyen-thanh-tri",
        "Huyện Thanh Trì",
        "020",
        (
            ("xa-thanh-tri-2025", "Xã Thanh Trì", "00640"),
            ("xa-ngoc-hoi-2025", "Xã Ngọc Hồi", "00679"),
            ("xa-nam-phu-2025", "Xã Nam Phù", "00685"),
            ("xa-dai-thanh-2025", "Xã Đại Thanh", "00664"),
            ("phuong-thanh-liet-2025", "Phường Thanh Liệt", "00646"),
        ),
        "một phần sang Hoàng Liệt, Định Công, Khương Đình, Yên Sở, Hà Đông, Phú Lương, Thường Tín, Hồng Vân",
    ),
    (
        "huyen-dong-anh",
        "Huyện Đông Anh",
        "017",
        (
            ("xa-dong-anh-2025", "Xã Đông Anh", "00454"),
            ("xa-phuc-thinh-2025", "Xã Phúc Thịnh", "00466"),
            ("xa-thien-loc-2025", "Xã Thiên Lộc", "00493"),
            ("xa-thu-lam-2025", "Xã Thư Lâm", "00484"),
            ("xa-vinh-thanh-2025", "Xã Vĩnh Thanh", "00508"),
        ),
        "một phần sang Xã Mê Linh",
    ),
    (
        "huyen-gia-lam",
        "Huyện Gia Lâm",
        "018",
        (
            ("xa-gia-lam-2025", "Xã Gia Lâm", "00565"),
            ("xa-bat-trang-2025", "Xã Bát Tràng", "00583"),
            ("xa-phu-dong-2025", "Xã Phù Đổng", "00541"),
            ("xa-thuan-an-2025", "Xã Thuận An", "00562"),
            ("phuong-phuc-loi-2025", "Phường Phúc Lợi", "00136"),
        ),
        "một phần sang Phường Long Biên",
    ),
    (
        "huyen-soc-son",
        "Huyện Sóc Sơn",
        "016",
        (
            ("xa-soc-son-2025", "Xã Sóc Sơn", "00376"),
            ("xa-da-phuc-2025", "Xã Đa Phúc", "00424"),
            ("xa-kim-anh-2025", "Xã Kim Anh", "00382"),
            ("xa-noi-bai-2025", "Xã Nội Bài", "00433"),
            ("xa-trung-gia-2025", "Xã Trung Giã", "00385"),
        ),
        "không có phần nào sang đơn vị khác",
    ),
    (
        "huyen-me-linh",
        "Huyện Mê Linh",
        "250",
        (
            ("xa-me-linh-2025", "Xã Mê Linh", "09022"),
            ("xa-quang-minh-2025", "Xã Quang Minh", "08974"),
            ("xa-tien-thang-2025", "Xã Tiến Thắng", "08995"),
            ("xa-yen-lang-2025", "Xã Yên Lãng", "08980"),
        ),
        "một phần sang Xã Thiên Lộc, Xã Liên Minh",
    ),
]


def ha_noi_cum_3_units() -> list[m.Unit]:
    """Hà Nội, the 5 huyện of Cụm 3 and the 2025 communes covering them."""
    units = [m.Unit("thanh-pho-ha-noi", "Thành phố Hà Nội", "city", kind="administrative", code="01")]
    successors: list[str] = []
    for uid, name, code, new, parts in HA_NOI_CUM_3_DISTRICTS:
        note = f"Cấp huyện kết thúc 30/6/2025; địa bàn về các xã, phường mới ({ACT_1656}); {parts}"
        lineage = tuple(m.Lineage("split_into", n[0], REFORM, note) for n in new)
        units.append(
            m.Unit(uid, name, "district", "thanh-pho-ha-noi", code=code, valid_to=BEFORE_REFORM, lineage=lineage)
        )
    for _, _, _, new, _ in HA_NOI_CUM_3_DISTRICTS:
        for nid, nname, ncode in new:
            units.append(m.Unit(nid, nname, "commune", "thanh-pho-ha-noi", code=ncode, valid_from=REFORM))
            successors.append(nid)
    return _with_back_links(units, successors)


HA_NOI_CUM_3_NOTE = (
    "Nguồn: bài báo laodongthudo.vn về hội nghị ngày 29/02/2024 tại huyện Thanh Trì (seed 003). "
    "ĐÃ XÁC MINH (VERIFIED): Cụm thi đua số 3 gồm 5 đơn vị cấp huyện và ký 7 nội dung giao ước, với các phong "
    "trào thi đua thường xuyên (bài báo); năm 2019 và 2020 cụm gồm các huyện Thanh Trì, Đông Anh, Gia Lâm, Sóc "
    "Sơn, Mê Linh (mttqhanoi.org.vn, donganh.hanoi.gov.vn); năm 2024 Cụm 1 và Cụm 2 gồm đủ 12 quận; mã GSO của "
    "5 huyện; cấp huyện kết thúc 30/6/2025 và các xã, phường mới từ 01/7/2025 theo NQ 1656/NQ-UBTVQH15 (mã theo "
    "gói vietnam-provinces). "
    "CHƯA XÁC MINH (UNVERIFIED): thành viên cụm năm 2024 (suy ra từ 2019–2020, không có trang nào của năm 2024 "
    "nêu tên); cụm trưởng năm 2024 là huyện Thanh Trì (suy ra từ nơi tổ chức hội nghị); số xã, thị trấn của mỗi "
    "huyện trong kết quả mẫu. "
    "ĐỀ XUẤT (PROPOSAL): mọi chỉ tiêu (85% MTTQ xã HTT trở lên, trong đó 30% HTXS tính trên số đạt HTT trở "
    "lên), hạn Đại hội MTTQ cấp xã 30/6/2024 và cấp huyện 31/8/2024, thang điểm 100 (tự chấm tối đa 95, "
    "5 điểm do Thành phố đánh giá), điểm cộng Cờ thi đua, ngưỡng xếp loại, hình thức và số lượng khen thưởng. "
    "|| Source: the report of the signing of 29/02/2024 in Thanh Trì (seed 003). VERIFIED: 5 district-level "
    "members, 7 contents, regular movements; the 2019 and 2020 members (Thanh Trì, Đông Anh, Gia Lâm, Sóc Sơn, "
    "Mê Linh); the 12 urban districts in Clusters 1 and 2 in 2024; the district codes; the end of the district "
    "level on 30/6/2025 and the 2025 communes. UNVERIFIED: the 2024 membership (inferred from 2019–2020); Thanh "
    "Trì as head in 2024 (inferred from the host); the number of communes per district in the sample results. "
    "PROPOSAL: every target, the congress deadlines, the 100-point rubric with a self-score cap of 95 and 5 "
    "points given by the city, the flag bonuses, the bands, titles and quotas."
)


def _ha_noi_cum_3_campaign() -> m.Campaign:
    """Seed 003: Cụm thi đua số 3 of the Hà Nội Front, 2024."""
    cluster = m.Cluster(
        "cum-3",
        "Cụm thi đua số 3",
        "cluster",
        2024,
        tuple(d[0] for d in HA_NOI_CUM_3_DISTRICTS),
        head="huyen-thanh-tri",
        organizers=("thanh-pho-ha-noi",),
        name_en="Emulation cluster no. 3",
    )
    year = (D(2024, 1, 1), D(2024, 12, 31))
    movements = (
        m.Movement(
            "hoan-thanh-xuat-sac-nhiem-vu",
            "Thi đua hoàn thành xuất sắc nhiệm vụ chính trị, chỉ tiêu, kế hoạch được giao",
            "regular",
            *year,
            milestones=(
                m.Milestone(
                    "signing",
                    D(2024, 2, 29),
                    name="Ký Giao ước thi đua năm 2024 tại huyện Thanh Trì; dâng hương tại Đình thờ Tiên triết "
                    "Chu Văn An, xã Thanh Liệt",
                ),
            ),
            content_areas=("nd1-yeu-nuoc", "nd3-phoi-hop", "nd4-giam-sat", "nd5-doi-ngoai", "nd6-hieu-qua"),
            name_en="Excellent completion of political tasks, targets and plans",
        ),
        m.Movement(
            "phong-trao-khac",
            "Các phong trào thi đua khác phù hợp với thực tế của từng đơn vị; các đợt thi đua chào mừng ngày lễ lớn",
            "regular",
            *year,
            content_areas=("nd2-ngay-le", "nd7-khen-thuong"),
            name_en="Other movements suited to each member; campaigns greeting great holidays",
        ),
        m.Movement(
            "dai-hoi-2024-2029",
            "Thi đua chào mừng Đại hội đại biểu MTTQ Việt Nam các cấp, nhiệm kỳ 2024–2029",
            "thematic",
            D(2024, 2, 29),
            D(2024, 10, 18),
            milestones=(
                m.Milestone("other", D(2024, 6, 30), name="Hạn hoàn thành Đại hội MTTQ cấp xã (đề xuất)"),
                m.Milestone("other", D(2024, 8, 31), name="Hạn hoàn thành Đại hội MTTQ các huyện (đề xuất)"),
            ),
            content_areas=("nd6-hieu-qua",),
            name_en="Emulation greeting the Front congresses of the 2024–2029 term",
        ),
    )
    areas = (
        m.ContentArea(
            "nd1-yeu-nuoc",
            "Phát động, tổ chức thực hiện sáng tạo, hiệu quả phong trào thi đua yêu nước ở các cấp gắn với thực "
            "hiện các nhiệm vụ kinh tế xã hội, an ninh quốc phòng năm 2024",
            movement="hoan-thanh-xuat-sac-nhiem-vu",
            name_en="Patriotic emulation tied to the tasks of 2024",
        ),
        m.ContentArea(
            "nd2-ngay-le",
            "Tổ chức các đợt thi đua chào mừng kỷ niệm các ngày lễ lớn, các sự kiện chính trị của đất nước, MTTQ "
            "Việt Nam",
            movement="phong-trao-khac",
            name_en="Campaigns greeting great holidays and political events",
        ),
        m.ContentArea(
            "nd3-phoi-hop",
            "Thực hiện tốt các phong trào thi đua, các cuộc vận động nhằm thực hiện chương trình phối hợp thống "
            "nhất hành động năm 2024 và các nhiệm vụ trọng tâm",
            (
                m.QuotaTarget(
                    "quy-vi-nguoi-ngheo",
                    "Quỹ “Vì người nghèo” đạt chỉ tiêu được giao",
                    "fund_raised",
                    quota_measure="fund_quota",
                    name_en="The fund for the poor reaches its assigned quota",
                ),
            ),
            movement="hoan-thanh-xuat-sac-nhiem-vu",
            name_en="Movements and campaigns of the joint action programme of 2024",
        ),
        m.ContentArea(
            "nd4-giam-sat",
            "Thi đua tăng cường giám sát và phản biện xã hội; tham gia phòng chống tham nhũng, lãng phí, xây dựng "
            "Đảng, chính quyền trong sạch, vững mạnh",
            (
                m.CountTarget(
                    "giam-sat-chuyen-de",
                    "Tổ chức ít nhất 3 cuộc giám sát chuyên đề",
                    "supervisions",
                    3,
                    name_en="At least 3 thematic supervisions",
                ),
            ),
            movement="hoan-thanh-xuat-sac-nhiem-vu",
            name_en="Supervision, social criticism, the fight against corruption",
        ),
        m.ContentArea(
            "nd5-doi-ngoai",
            "Thi đua đẩy mạnh công tác đối ngoại nhân dân; đổi mới nội dung và phương thức hoạt động đối ngoại với "
            "nhân dân",
            movement="hoan-thanh-xuat-sac-nhiem-vu",
            name_en="People-to-people diplomacy",
        ),
        m.ContentArea(
            "nd6-hieu-qua",
            "Thi đua nâng cao hiệu quả hoạt động của MTTQ Việt Nam; nâng cao chất lượng hoạt động của MTTQ cơ "
            "sở; tổ chức thành công Đại hội MTTQ các cấp nhiệm kỳ 2024–2029",
            (
                m.ShareTarget(
                    "mttq-xa-htt",
                    "Ít nhất 85% Ủy ban MTTQ xã, thị trấn hoàn thành tốt nhiệm vụ trở lên",
                    "commune",
                    "htt",
                    "85%",
                    "all",
                    name_en="At least 85% of commune Front committees complete their tasks well or better",
                ),
                m.OfWhichTarget(
                    "mttq-xa-htxs",
                    "trong đó ít nhất 30% hoàn thành xuất sắc nhiệm vụ (tính trên số đạt hoàn thành tốt trở lên)",
                    "mttq-xa-htt",
                    "htxs",
                    "30%",
                    "parent",
                    name_en="of which at least 30% excellently (over those rated well or better)",
                ),
                m.ZeroCountTarget(
                    "mttq-xa-khong-kht",
                    "Không có Ủy ban MTTQ xã, thị trấn không hoàn thành nhiệm vụ",
                    "commune",
                    "kht",
                    name_en="No commune Front committee failing its tasks",
                ),
                m.DeadlineTarget(
                    "dai-hoi-xa",
                    "Hoàn thành Đại hội MTTQ cấp xã nhiệm kỳ 2024–2029 trước ngày 30/6/2024",
                    "commune_congresses_done",
                    D(2024, 6, 30),
                    name_en="Commune Front congresses of the 2024–2029 term held by 30/6/2024",
                ),
                m.DeadlineTarget(
                    "dai-hoi-huyen",
                    "Tổ chức Đại hội MTTQ huyện nhiệm kỳ 2024–2029 trước ngày 31/8/2024",
                    "district_congress",
                    D(2024, 8, 31),
                    name_en="District Front congress of the 2024–2029 term held by 31/8/2024",
                ),
            ),
            movement="hoan-thanh-xuat-sac-nhiem-vu",
            name_en="A more effective Front, strong grassroots Fronts, successful congresses",
        ),
        m.ContentArea(
            "nd7-khen-thuong",
            "Nâng cao chất lượng công tác khen thưởng; phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến",
            movement="phong-trao-khac",
            name_en="Better commendation work; advanced examples",
        ),
    )
    agreement = m.Agreement("giao-uoc-2024", ("cum-3",), D(2024, 2, 29), content_areas=areas)
    scales = (
        m.RatingScale(
            "thang-mttq-huyen",
            "Xếp loại Ủy ban MTTQ Việt Nam huyện",
            ("district",),
            _grades(top_requires=(m.AllTargetsMet(),)),
            bands=(
                m.Band.from_range("htxs", "90+"),
                m.Band.from_range("htt", "80-89"),
                m.Band.from_range("ht", "65-79"),
                m.Band.from_range("kht", "<65"),
            ),
            name_en="Rating of district Front committees",
        ),
        m.RatingScale(
            "thang-mttq-xa",
            "Xếp loại Ủy ban MTTQ Việt Nam xã, thị trấn",
            ("commune",),
            _grades(),
            legacy={"yếu kém": "kht"},
            name_en="Rating of commune Front committees",
        ),
    )
    a = m.Assessed()
    rubric = m.Rubric(
        "thang-diem-huyen",
        "Thang điểm thi đua Ủy ban MTTQ Việt Nam các huyện Cụm thi đua số 3 năm 2024",
        ("district",),
        100,
        (
            m.Criterion("yeu-nuoc", "Phong trào thi đua yêu nước", 15, a),
            m.Criterion("ngay-le", "Các đợt thi đua chào mừng ngày lễ lớn", 10, a),
            m.Criterion(
                "phoi-hop",
                "Chương trình phối hợp thống nhất hành động; các cuộc vận động",
                20,
                children=(
                    m.Criterion(
                        "quy-vnn",
                        "Quỹ “Vì người nghèo” so với chỉ tiêu được giao",
                        10,
                        m.Proportional("fund_raised", target_measure="fund_quota"),
                    ),
                    m.Criterion("cuoc-van-dong", "Các cuộc vận động", 10, a),
                ),
            ),
            m.Criterion(
                "giam-sat",
                "Giám sát, phản biện xã hội; phòng chống tham nhũng, lãng phí",
                15,
                children=(
                    m.Criterion(
                        "so-cuoc-giam-sat",
                        "Giám sát chuyên đề (2,5 điểm mỗi cuộc, tối đa 10)",
                        10,
                        m.PerOccurrence("supervisions", "2.5"),
                    ),
                    m.Criterion("phan-bien", "Phản biện xã hội, phòng chống tham nhũng, lãng phí", 5, a),
                ),
            ),
            m.Criterion("doi-ngoai", "Đối ngoại nhân dân", 10, a),
            m.Criterion(
                "hieu-qua",
                "Hiệu quả hoạt động của MTTQ; MTTQ cơ sở; Đại hội",
                15,
                children=(
                    m.Criterion(
                        "mttq-xa",
                        "Đạt chỉ tiêu 85% MTTQ xã, thị trấn hoàn thành tốt trở lên",
                        10,
                        m.PassFail(m.TargetMet("mttq-xa-htt")),
                    ),
                    m.Criterion(
                        "dai-hoi-xa",
                        "Đại hội MTTQ cấp xã đúng tiến độ",
                        5,
                        m.PassFail(m.TargetMet("dai-hoi-xa")),
                    ),
                ),
            ),
            m.Criterion("khen-thuong", "Công tác khen thưởng, điển hình tiên tiến", 10, a),
            m.Criterion("tp-danh-gia", "Ủy ban MTTQ Thành phố đánh giá (không tự chấm)", 5, a),
        ),
        adjustments=(
            m.Adjustment(
                "co-bo-tinh",
                "Được tặng Cờ thi đua cấp Bộ, Thành phố trong năm (+10 điểm)",
                10,
                when=m.Flag("ministry_flag"),
                name_en="Received a ministry or city emulation flag this year (+10)",
            ),
            m.Adjustment(
                "co-chinh-phu",
                "Được tặng Cờ thi đua của Chính phủ trong năm (+15 điểm)",
                15,
                when=m.Flag("government_flag"),
                name_en="Received the Government's emulation flag this year (+15)",
            ),
        ),
        self_cap=95,
        name_en="Points rubric of the district Front committees of Cluster 3, 2024",
    )
    titles = (
        _title(
            "co-thi-dua-tp",
            "Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            "Emulation flag of the Hà Nội Front",
            "title",
        ),
        _title(
            "bang-khen-tp",
            "Bằng khen của Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            "Certificate of merit of the Hà Nội Front",
        ),
    )
    awards = (
        m.AwardRule("co-thi-dua", "co-thi-dua-tp", ("district",), (m.MinGrade("htxs"), m.MaxRank(1)), m.Quota(1)),
        m.AwardRule(
            "bang-khen",
            "bang-khen-tp",
            ("district",),
            (m.MinGrade("htxs"),),
            m.Quota(share="40%", of="members"),
            exclusive_with=("co-thi-dua",),
        ),
    )
    return m.Campaign(
        id="ha-noi-cum-3-2024",
        name="Thi đua Cụm số 3, Ủy ban MTTQ Việt Nam thành phố Hà Nội, năm 2024",
        name_en="Emulation of Cluster no. 3 of the Hà Nội Fatherland Front, 2024",
        year=2024,
        organizer="Ủy ban MTTQ Việt Nam thành phố Hà Nội",
        levels=(
            m.Level("city", "Thành phố trực thuộc Trung ương", "Centrally governed city"),
            m.Level("district", "Quận, huyện, thị xã", "District", valid_to=BEFORE_REFORM),
            m.Level("commune", "Xã, phường, thị trấn", "Commune, ward or township"),
        ),
        units=tuple(ha_noi_cum_3_units()),
        clusters=(cluster,),
        movements=movements,
        agreements=(agreement,),
        scales=scales,
        rubrics=(rubric,),
        titles=titles,
        awards=awards,
        stages=(
            m.Stage("tu-cham", "Tự chấm điểm", "Self-assessment"),
            m.Stage("cum-cham-cheo", "Cụm chấm chéo", "Cluster cross-scoring"),
            m.Stage("tp-tham-dinh", "Ban Thường trực Ủy ban MTTQ Thành phố thẩm định", "City standing committee"),
        ),
        note=HA_NOI_CUM_3_NOTE,
    )


#: Sample results: district → (communes htxs/htt/ht/kht, fund quota, fund raised, supervisions,
#: commune congresses done, district congress, ministry flag, government flag,
#: self-assessed (yeu-nuoc, ngay-le, cuoc-van-dong, phan-bien, doi-ngoai, khen-thuong, tp-danh-gia))
HA_NOI_CUM_3_SAMPLE: dict[
    str,
    tuple[tuple[int, int, int, int], int, int, int, dt.date, dt.date, bool, bool, tuple[int, ...]],
] = {
    "huyen-thanh-tri": (
        (5, 9, 2, 0), 2_000_000_000, 2_150_000_000, 4, D(2024, 5, 28), D(2024, 7, 25), False, False,
        (14, 9, 9, 5, 9, 9, 0),
    ),
    "huyen-dong-anh": (
        (7, 14, 3, 0), 2_500_000_000, 2_600_000_000, 5, D(2024, 6, 15), D(2024, 8, 10), True, False,
        (15, 10, 9, 5, 9, 9, 0),
    ),
    "huyen-gia-lam": (
        (6, 13, 3, 0), 2_200_000_000, 2_000_000_000, 3, D(2024, 6, 20), D(2024, 8, 20), False, False,
        (14, 9, 9, 4, 9, 9, 0),
    ),
    "huyen-soc-son": (
        (6, 16, 3, 1), 1_800_000_000, 1_800_000_000, 4, D(2024, 7, 5), D(2024, 8, 28), False, False,
        (13, 9, 8, 4, 8, 8, 0),
    ),
    "huyen-me-linh": (
        (5, 11, 2, 0), 1_500_000_000, 1_650_000_000, 4, D(2024, 6, 25), D(2024, 7, 30), False, False,
        (14, 9, 9, 5, 9, 9, 0),
    ),
}  # fmt: skip
HA_NOI_CUM_3_REVIEWS: list[tuple[str, Review]] = [
    ("huyen-thanh-tri", ("cum-cham-cheo", "cuoc-van-dong", 8, None, "Cuộc vận động chưa có sơ kết chuyên đề")),
    ("huyen-gia-lam", ("cum-cham-cheo", "yeu-nuoc", 13, None, "Thiếu minh chứng điển hình tiên tiến")),
    ("huyen-me-linh", ("cum-cham-cheo", "doi-ngoai", 8, None, "Hoạt động đối ngoại chưa thường xuyên")),
    ("huyen-thanh-tri", ("tp-tham-dinh", "tp-danh-gia", 4, None, "Thành phố đánh giá")),
    ("huyen-dong-anh", ("tp-tham-dinh", "tp-danh-gia", 5, None, "Thành phố đánh giá")),
    ("huyen-gia-lam", ("tp-tham-dinh", "tp-danh-gia", 4, None, "Thành phố đánh giá")),
    ("huyen-soc-son", ("tp-tham-dinh", "tp-danh-gia", 3, None, "Thành phố đánh giá")),
    ("huyen-me-linh", ("tp-tham-dinh", "tp-danh-gia", 4, None, "Thành phố đánh giá")),
]
HA_NOI_CUM_3_ASSESSED = (
    "yeu-nuoc",
    "ngay-le",
    "cuoc-van-dong",
    "phan-bien",
    "doi-ngoai",
    "khen-thuong",
    "tp-danh-gia",
)


def _ha_noi_cum_3_results() -> m.Results:
    """Sample results for Cụm 3 of Hà Nội 2024 (NOT real)."""
    stages = (
        ("tu-cham", D(2024, 11, 20), "Ủy ban MTTQ huyện"),
        ("cum-cham-cheo", D(2024, 12, 3), "Cụm thi đua số 3"),
        ("tp-tham-dinh", D(2024, 12, 17), "Ban Thường trực Ủy ban MTTQ Thành phố"),
    )
    rows = []
    for unit, (communes, quota, raised, sup, done, congress, ministry, gov, own) in HA_NOI_CUM_3_SAMPLE.items():
        reviews = [r for u, r in HA_NOI_CUM_3_REVIEWS if u == unit]
        rows.append(
            m.UnitResult(
                unit,
                counts={"commune": dict(zip(("htxs", "htt", "ht", "kht"), communes, strict=True))},
                measures={"fund_quota": quota, "fund_raised": raised, "supervisions": sup},
                flags={"ministry_flag": ministry, "government_flag": gov},
                dates={"commune_congresses_done": done, "district_congress": congress},
                assessments=_assessments(
                    unit,
                    dict(zip(HA_NOI_CUM_3_ASSESSED, own, strict=True)),
                    {},
                    reviews,
                    stages=stages,
                    folder="bao-cao-2024",
                ),
            )
        )
    decision = m.Decision(
        "cum-3",
        ("huyen-dong-anh", "huyen-thanh-tri", "huyen-me-linh", "huyen-gia-lam", "huyen-soc-son"),
        (
            m.Proposal("huyen-dong-anh", "co-thi-dua"),
            m.Proposal("huyen-thanh-tri", "bang-khen"),
            m.Proposal("huyen-me-linh", "bang-khen"),
            m.Proposal("huyen-gia-lam", "bang-khen"),
        ),
        D(2024, 12, 10),
        "Mẫu: biên bản hội nghị tổng kết Cụm; Thanh Trì xếp trên Mê Linh theo biểu quyết (dữ liệu mẫu / sample data)",
    )
    return m.Results(
        "ha-noi-cum-3-2024", 2024, tuple(rows), (decision,), sample=True, note=SAMPLE_NOTE.format(year=2024)
    )


# =============================================================================
# Seed 004: Ủy ban MTTQ quận Thanh Xuân, Hà Nội, conference of 9/1/2020
# =============================================================================

#: (id, name, GSO code, successor on 1/1/2025 or None, 1/7/2025 successors: default first, parts elsewhere)
THANH_XUAN_WARDS: list[tuple[str, str, str, str | None, tuple[str, ...], str]] = [
    ("phuong-nhan-chinh", "Phường Nhân Chính", "00343", None, ("phuong-thanh-xuan-2025",),
     "một phần sang Phường Đại Mỗ (00637), Phường Yên Hòa (00175)"),
    ("phuong-thuong-dinh", "Phường Thượng Đình", "00346", None,
     ("phuong-khuong-dinh-2025", "phuong-thanh-xuan-2025"), ""),
    ("phuong-khuong-trung", "Phường Khương Trung", "00349", None,
     ("phuong-khuong-dinh-2025", "phuong-phuong-liet-2025"), ""),
    ("phuong-khuong-mai", "Phường Khương Mai", "00352", None, ("phuong-phuong-liet-2025",), ""),
    ("phuong-thanh-xuan-trung", "Phường Thanh Xuân Trung", "00355", None,
     ("phuong-thanh-xuan-2025", "phuong-khuong-dinh-2025"), ""),
    ("phuong-phuong-liet", "Phường Phương Liệt", "00358", None, ("phuong-phuong-liet-2025",),
     "một phần sang Phường Tương Mai (00313)"),
    ("phuong-ha-dinh", "Phường Hạ Đình", "00361", "phuong-ha-dinh-2025", (), ""),
    ("phuong-khuong-dinh", "Phường Khương Đình", "00364", None,
     ("phuong-khuong-dinh-2025", "phuong-phuong-liet-2025"), ""),
    ("phuong-thanh-xuan-bac", "Phường Thanh Xuân Bắc", "00367", "phuong-thanh-xuan-bac-2025", (), ""),
    ("phuong-thanh-xuan-nam", "Phường Thanh Xuân Nam", "00370", "phuong-thanh-xuan-bac-2025", (), ""),
    ("phuong-kim-giang", "Phường Kim Giang", "00373", "phuong-ha-dinh-2025", (), ""),
]  # fmt: skip
#: The two enlarged wards of 1/1/2025 (id, name, code per [VAU], 1/7/2025 successor, parts elsewhere).
THANH_XUAN_MERGED = [
    ("phuong-ha-dinh-2025", "Phường Hạ Đình", "00373", "phuong-khuong-dinh-2025", "một phần sang Phường Thanh Liệt"),
    (
        "phuong-thanh-xuan-bac-2025",
        "Phường Thanh Xuân Bắc",
        "00367",
        "phuong-thanh-xuan-2025",
        "một phần sang Phường Thanh Liệt",
    ),
]
#: The wards of Hà Nội from 1/7/2025 that cover the former district (codes from [VP]).
THANH_XUAN_SUCCESSORS = [
    ("phuong-thanh-xuan-2025", "Phường Thanh Xuân", "00367"),
    ("phuong-khuong-dinh-2025", "Phường Khương Đình", "00364"),
    ("phuong-phuong-liet-2025", "Phường Phương Liệt", "00352"),
]
#: Member organizations of the district Front (PROPOSAL: the seed does not name them).
THANH_XUAN_ORGS = [
    ("hlhpn-thanh-xuan", "Hội Liên hiệp Phụ nữ quận Thanh Xuân", "Women's Union of Thanh Xuân district"),
    ("hccb-thanh-xuan", "Hội Cựu chiến binh quận Thanh Xuân", "Veterans' Association of Thanh Xuân district"),
    ("quan-doan-thanh-xuan", "Quận đoàn Thanh Xuân", "Youth Union of Thanh Xuân district"),
    ("ldld-thanh-xuan", "Liên đoàn Lao động quận Thanh Xuân", "Labour Federation of Thanh Xuân district"),
]


def thanh_xuan_units() -> list[m.Unit]:
    """Hà Nội, quận Thanh Xuân, its member organizations, its 11 wards of 2020 and their successors."""
    units = [
        m.Unit("thanh-pho-ha-noi", "Thành phố Hà Nội", "city", kind="administrative", code="01"),
        m.Unit(
            "quan-thanh-xuan",
            "Quận Thanh Xuân",
            "district",
            "thanh-pho-ha-noi",
            code="009",
            valid_to=BEFORE_REFORM,
            name_en="Thanh Xuân district",
        ),
    ]
    units += [
        m.Unit(oid, name, "district", "thanh-pho-ha-noi", "member_organization", valid_to=BEFORE_REFORM, name_en=en)
        for oid, name, en in THANH_XUAN_ORGS
    ]
    for uid, name, code, merged_into, successors, parts in THANH_XUAN_WARDS:
        if merged_into is not None:
            lineage = (m.Lineage("merged_into", merged_into, MERGE_2025, ACT_1286),)
            end = BEFORE_MERGE_2025
        else:
            note = f"{ACT_1656}; {parts}" if parts else ACT_1656
            lineage = _forward(successors, REFORM, note, split=bool(parts))
            end = BEFORE_REFORM
        units.append(m.Unit(uid, name, "ward", "quan-thanh-xuan", code=code, valid_to=end, lineage=lineage))
    for uid, name, code, successor, parts in THANH_XUAN_MERGED:
        units.append(
            m.Unit(
                uid,
                name,
                "ward",
                "quan-thanh-xuan",
                code=code,
                valid_from=MERGE_2025,
                valid_to=BEFORE_REFORM,
                lineage=_forward((successor,), REFORM, f"{ACT_1656}; {parts}", split=True),
                name_en=f"{name.removeprefix('Phường ')} ward after the merger of 1/1/2025",
            )
        )
    for uid, name, code in THANH_XUAN_SUCCESSORS:
        units.append(m.Unit(uid, name, "ward", "thanh-pho-ha-noi", code=code, valid_from=REFORM))
    targets = [u[0] for u in THANH_XUAN_MERGED] + [u[0] for u in THANH_XUAN_SUCCESSORS]
    return _with_back_links(units, targets)


THANH_XUAN_NOTE = (
    "Nguồn: bài báo ngày 09/01/2020 về hội nghị phát động thi đua, ký chương trình phối hợp công tác giữa Ủy "
    "ban MTTQ Việt Nam quận Thanh Xuân với các tổ chức thành viên và ký giao ước thi đua giữa Ủy ban MTTQ Việt "
    "Nam các phường năm 2020 (seed 004). "
    "ĐÃ XÁC MINH (VERIFIED): quận Thanh Xuân (mã 009) có 11 phường năm 2020 và mã GSO của từng phường; từ "
    "01/01/2025 phường Kim Giang nhập vào phường Hạ Đình và phường Thanh Xuân Nam nhập vào phường Thanh Xuân Bắc "
    "(giữ tên Hạ Đình, Thanh Xuân Bắc; còn 9 phường); từ 01/7/2025 địa bàn quận thuộc các phường Thanh Xuân, "
    "Khương Đình, Phương Liệt (nơi nhận từng phường theo gói vietnamadminunits); 9 nội dung thi đua, chương "
    "trình phối hợp năm 2020, kỷ niệm 90 năm Ngày truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2020) (bài báo). "
    "CHƯA XÁC MINH (UNVERIFIED): số hiệu văn bản sáp nhập 01/01/2025 (NQ 1286/NQ-UBTVQH15, nhớ lại); mã 00373 của "
    "phường Hạ Đình sau sáp nhập (theo gói vietnamadminunits, vốn là mã cũ của Kim Giang); phần nào của Hạ Đình "
    "và Thanh Xuân Bắc sau sáp nhập chuyển sang phường Thanh Liệt. "
    "ĐỀ XUẤT (PROPOSAL): danh sách 4 tổ chức thành viên (bài báo không nêu tên); cách chia lời phát động thành "
    "9 nội dung; mô hình hóa chương trình phối hợp thành một khối (block) do Ủy ban MTTQ quận làm trưởng khối; 11 "
    "phường ký chung một giao ước, chưa rõ cụm trưởng; mọi chỉ tiêu, thang điểm, ngưỡng xếp loại, hình thức, "
    "điều kiện và số lượng khen thưởng; lịch sử xếp loại 2017–2019 (history.json) là DỮ LIỆU MẪU. "
    "|| Source: the report of 09/01/2020 (seed 004). VERIFIED: the 11 wards of 2020 and their codes; the mergers "
    "of 1/1/2025 (Kim Giang into Hạ Đình, Thanh Xuân Nam into Thanh Xuân Bắc) and of 1/7/2025; the 9 contents, "
    "the coordination programme and the 90th anniversary. UNVERIFIED: the act of the 1/1/2025 merger; the code "
    "00373 of the enlarged Hạ Đình; which parts went to Thanh Liệt. PROPOSAL: the 4 member organizations; the "
    "split into 9 contents; the programme modelled as a block headed by the district Front; one agreement for "
    "the 11 wards; every target, rubric, band, title, award condition and quota; the 2017–2019 history is SAMPLE "
    "DATA."
)


def _thanh_xuan_campaign() -> m.Campaign:
    """Seed 004: quận Thanh Xuân 2020, its coordination programme and its wards' agreement."""
    block = m.Cluster(
        "khoi-phoi-hop",
        "Ủy ban MTTQ Việt Nam quận Thanh Xuân và các tổ chức thành viên (chương trình phối hợp)",
        "block",
        2020,
        ("quan-thanh-xuan", *(o[0] for o in THANH_XUAN_ORGS)),
        head="quan-thanh-xuan",
        organizers=("quan-thanh-xuan",),
        name_en="The district Front and its member organizations (coordination programme)",
    )
    wards = m.Cluster(
        "cum-phuong",
        "Ủy ban MTTQ Việt Nam 11 phường quận Thanh Xuân",
        "cluster",
        2020,
        tuple(w[0] for w in THANH_XUAN_WARDS),
        organizers=("quan-thanh-xuan",),
        name_en="The Front committees of the 11 wards of Thanh Xuân",
    )
    year = (D(2020, 1, 1), D(2020, 12, 31))
    movements = (
        m.Movement(
            "chu-de-nam-2020",
            "Thi đua thực hiện chủ đề năm 2020 của Thành phố “Phát huy sức mạnh của cả hệ thống chính trị, phấn "
            "đấu hoàn thành thắng lợi chỉ tiêu, nhiệm vụ nhiệm kỳ 2015-2020, hướng tới tổ chức thành công đại hội "
            "đảng các cấp”",
            "regular",
            *year,
            milestones=(
                m.Milestone("launch", D(2020, 1, 9), name="Hội nghị phát động thi đua năm 2020"),
                m.Milestone("signing", D(2020, 1, 9), name="Ký giao ước thi đua giữa Ủy ban MTTQ các phường"),
            ),
            content_areas=("nd2-chu-de-nam",),
            name_en="The city's theme for 2020",
        ),
        m.Movement(
            "phong-trao-cuoc-van-dong",
            "Các phong trào thi đua yêu nước, các cuộc vận động do MTTQ phát động",
            "regular",
            *year,
            milestones=(
                m.Milestone("peak_month", D(2020, 10, 17), D(2020, 11, 18), "Tháng cao điểm “Vì người nghèo”"),
            ),
            content_areas=("nd3-phong-trao",),
            name_en="Patriotic movements and campaigns launched by the Front",
        ),
        m.Movement(
            "ngay-hoi-90-nam",
            "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư; kỷ niệm 90 năm Ngày truyền thống MTTQ Việt Nam "
            "(18/11/1930 – 18/11/2020)",
            "thematic",
            D(2020, 1, 9),
            D(2020, 11, 18),
            milestones=(
                m.Milestone(
                    "festival",
                    D(2020, 11, 18),
                    name="Kỷ niệm 90 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 – 18/11/2020)",
                ),
            ),
            content_areas=("nd5-ngay-hoi",),
            name_en="The national unity festival in residential areas; 90 years of the Front (1930–2020)",
        ),
        m.Movement(
            "chuong-trinh-phoi-hop",
            "Chương trình phối hợp công tác giữa Ủy ban MTTQ Việt Nam quận với các tổ chức thành viên năm 2020",
            "regular",
            *year,
            milestones=(
                m.Milestone("signing", D(2020, 1, 9), name="Ký kết chương trình phối hợp công tác năm 2020"),
                m.Milestone("mid_year_review", D(2020, 7, 15), name="Sơ kết 6 tháng (đề xuất)"),
            ),
            content_areas=("ph1-hoat-dong", "ph2-giam-sat", "ph3-so-ket"),
            name_en="Coordination programme of the district Front and its member organizations, 2020",
        ),
    )
    ward_areas = (
        m.ContentArea(
            "nd1-doi-moi",
            "Đổi mới, nâng cao chất lượng hoạt động; tăng cường phối hợp giữa MTTQ, các tổ chức thành viên với "
            "chính quyền",
            name_en="Better work; coordination between the Front, its members and the government",
        ),
        m.ContentArea(
            "nd2-chu-de-nam",
            "Thi đua thực hiện tốt chủ đề hành động năm 2020 của Thành phố",
            movement="chu-de-nam-2020",
            name_en="The city's theme of action for 2020",
        ),
        m.ContentArea(
            "nd3-phong-trao",
            "Tổ chức tốt các phong trào thi đua yêu nước, các cuộc vận động do MTTQ phát động",
            (
                m.QuotaTarget(
                    "quy-vi-nguoi-ngheo",
                    "Quỹ “Vì người nghèo” đạt chỉ tiêu được giao",
                    "fund_raised",
                    quota_measure="fund_quota",
                    name_en="The fund for the poor reaches its assigned quota",
                ),
            ),
            movement="phong-trao-cuoc-van-dong",
            name_en="Patriotic movements and the Front's campaigns",
        ),
        m.ContentArea(
            "nd4-chi-thi-05",
            "Tiếp tục thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị, chuyên đề năm 2020",
            name_en="Directive 05-CT/TW of the Politburo, theme of 2020",
        ),
        m.ContentArea(
            "nd5-ngay-hoi",
            "Nâng cao chất lượng và tổ chức hiệu quả “Ngày hội đại đoàn kết toàn dân tộc” ở khu dân cư, kỷ niệm "
            "90 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/2020)",
            (
                m.FormulaTarget(
                    "ngay-hoi-100",
                    "100% tổ dân phố tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
                    "festivals_held >= residential_groups",
                    name_en="Every residential group holds the national unity festival",
                ),
                m.DeadlineTarget(
                    "ngay-hoi-dung-dip",
                    "Ngày hội ở các tổ dân phố xong trước hoặc đúng ngày 18/11/2020",
                    "last_festival",
                    D(2020, 11, 18),
                    name_en="The festivals are held by 18/11/2020",
                ),
            ),
            movement="ngay-hoi-90-nam",
            name_en="The national unity festival and the 90th anniversary of the Front",
        ),
        m.ContentArea(
            "nd6-xay-dung-dang",
            "Tích cực tham gia công tác xây dựng Đảng, xây dựng chính quyền",
            name_en="Taking part in building the Party and the government",
        ),
        m.ContentArea(
            "nd7-ton-giao",
            "Nắm chắc tình hình tôn giáo trên địa bàn, chủ động tham mưu cho cấp ủy, chính quyền kịp thời giải "
            "quyết, không để nảy sinh",
            (
                m.FormulaTarget(
                    "ton-giao-on-dinh",
                    "Không để nảy sinh vụ việc phức tạp liên quan đến tôn giáo",
                    "religious_incidents == 0",
                    name_en="No complex incident involving religion",
                ),
            ),
            name_en="Knowing the religious situation; no incident left to arise",
        ),
        m.ContentArea(
            "nd8-doi-ngoai",
            "Tuyên truyền, vận động các tầng lớp nhân dân tích cực tham gia các hoạt động đối ngoại nhân dân",
            name_en="People-to-people diplomacy",
        ),
        m.ContentArea(
            "nd9-nghi-quyet",
            "Xây dựng các chương trình, kế hoạch triển khai và thực hiện có hiệu quả Nghị quyết Đại hội Đảng các "
            "cấp nhiệm kỳ 2020 - 2025",
            (
                m.DeadlineTarget(
                    "ke-hoach-nghi-quyet",
                    "Ban hành kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ phường trước ngày 15/12/2020",
                    "resolution_plan",
                    D(2020, 12, 15),
                    name_en="A plan for the ward Party congress resolution by 15/12/2020",
                ),
            ),
            name_en="Plans for the resolutions of the Party congresses of 2020–2025",
        ),
    )
    programme_areas = (
        m.ContentArea(
            "ph1-hoat-dong",
            "Phối hợp tổ chức các hoạt động chung của MTTQ và các tổ chức thành viên",
            (
                m.CountTarget(
                    "hoat-dong-phoi-hop",
                    "Phối hợp tổ chức ít nhất 4 hoạt động chung trong năm",
                    "joint_activities",
                    4,
                    name_en="At least 4 joint activities in the year",
                ),
            ),
            movement="chuong-trinh-phoi-hop",
            name_en="Joint activities",
        ),
        m.ContentArea(
            "ph2-giam-sat",
            "Phối hợp giám sát, phản biện xã hội",
            (
                m.CountTarget(
                    "giam-sat-phoi-hop",
                    "Tham gia ít nhất 1 cuộc giám sát phối hợp",
                    "joint_supervisions",
                    1,
                    name_en="At least 1 joint supervision",
                ),
            ),
            movement="chuong-trinh-phoi-hop",
            name_en="Joint supervision",
        ),
        m.ContentArea(
            "ph3-so-ket",
            "Sơ kết 6 tháng thực hiện chương trình phối hợp",
            (
                m.DeadlineTarget(
                    "bao-cao-6-thang",
                    "Gửi báo cáo sơ kết 6 tháng trước ngày 15/7/2020",
                    "mid_year_report",
                    D(2020, 7, 15),
                    name_en="Mid-year report sent by 15/7/2020",
                ),
            ),
            movement="chuong-trinh-phoi-hop",
            name_en="Mid-year review of the programme",
        ),
    )
    agreements = (
        m.Agreement("chuong-trinh-phoi-hop-2020", ("khoi-phoi-hop",), D(2020, 1, 9), content_areas=programme_areas),
        m.Agreement("giao-uoc-phuong-2020", ("cum-phuong",), D(2020, 1, 9), content_areas=ward_areas),
    )
    scales = (
        m.RatingScale(
            "thang-quan",
            "Xếp loại Ủy ban MTTQ quận và các tổ chức thành viên",
            ("district",),
            _grades(),
            name_en="Rating of the district Front and its member organizations",
        ),
        m.RatingScale(
            "thang-phuong",
            "Xếp loại Ủy ban MTTQ Việt Nam phường",
            ("ward",),
            _grades(top_requires=(m.AllTargetsMet(),)),
            bands=(
                m.Band.from_range("htxs", "90+"),
                m.Band.from_range("htt", "80-89"),
                m.Band.from_range("ht", "50-79"),
                m.Band.from_range("kht", "<50"),
            ),
            legacy={"yếu kém": "kht"},
            name_en="Rating of ward Front committees",
        ),
    )
    a = m.Assessed()
    rubric = m.Rubric(
        "thang-diem-phuong",
        "Thang điểm thi đua Ủy ban MTTQ Việt Nam phường năm 2020",
        ("ward",),
        100,
        (
            m.Criterion("doi-moi", "Đổi mới, nâng cao chất lượng hoạt động, phối hợp", 10, a),
            m.Criterion("chu-de-nam", "Chủ đề năm 2020 của Thành phố", 10, a),
            m.Criterion(
                "phong-trao",
                "Phong trào thi đua, cuộc vận động",
                15,
                children=(
                    m.Criterion(
                        "quy-vnn",
                        "Quỹ “Vì người nghèo” so với chỉ tiêu được giao",
                        10,
                        m.Proportional("fund_raised", target_measure="fund_quota"),
                    ),
                    m.Criterion("cuoc-van-dong", "Các cuộc vận động", 5, a),
                ),
            ),
            m.Criterion("chi-thi-05", "Chỉ thị 05-CT/TW", 10, a),
            m.Criterion(
                "ngay-hoi",
                "Ngày hội Đại đoàn kết toàn dân tộc; 90 năm Ngày truyền thống MTTQ",
                15,
                children=(
                    m.Criterion(
                        "ngay-hoi-khu-dan-cu",
                        "100% tổ dân phố tổ chức Ngày hội",
                        10,
                        m.PassFail(m.TargetMet("ngay-hoi-100")),
                    ),
                    m.Criterion(
                        "ngay-hoi-dung-dip",
                        "Ngày hội xong đúng dịp 18/11",
                        5,
                        m.PassFail(m.TargetMet("ngay-hoi-dung-dip")),
                    ),
                ),
            ),
            m.Criterion("xay-dung-dang", "Tham gia xây dựng Đảng, chính quyền", 10, a),
            m.Criterion(
                "ton-giao", "Không nảy sinh vụ việc tôn giáo phức tạp", 10, m.PassFail(m.TargetMet("ton-giao-on-dinh"))
            ),
            m.Criterion("doi-ngoai", "Đối ngoại nhân dân", 10, a, bonus=1),
            m.Criterion(
                "nghi-quyet",
                "Kế hoạch thực hiện Nghị quyết Đại hội Đảng đúng hạn",
                10,
                m.PassFail(m.TargetMet("ke-hoach-nghi-quyet")),
            ),
        ),
        name_en="Points rubric for ward Front committees, 2020",
    )
    titles = (
        _title(
            "co-thi-dua-tp",
            "Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            "Emulation flag of the Hà Nội Front",
            "title",
        ),
        _title(
            "bang-khen-tp",
            "Bằng khen của Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            "Certificate of merit of the Hà Nội Front",
        ),
        _title(
            "giay-khen-quan", "Giấy khen của Ủy ban MTTQ Việt Nam quận Thanh Xuân", "Commendation of the district Front"
        ),
    )
    awards = (
        m.AwardRule(
            "co-thi-dua",
            "co-thi-dua-tp",
            ("ward",),
            (m.MinGrade("htxs"), m.MaxRank(1), m.TitleCount("bang-khen-tp", 1, 3)),
            m.Quota(1),
        ),
        m.AwardRule(
            "bang-khen",
            "bang-khen-tp",
            ("ward",),
            (m.MinGrade("htxs"), m.GradeStreak("htt", 3)),
            m.Quota(2),
            exclusive_with=("co-thi-dua",),
        ),
        m.AwardRule(
            "giay-khen",
            "giay-khen-quan",
            ("ward",),
            (m.MinGrade("htt"),),
            m.Quota(share="30%", of="members"),
            exclusive_with=("co-thi-dua", "bang-khen"),
        ),
    )
    return m.Campaign(
        id="thanh-xuan-2020",
        name="Thi đua trong hệ thống MTTQ quận Thanh Xuân năm 2020",
        name_en="Emulation in the Fatherland Front of Thanh Xuân district, 2020",
        year=2020,
        organizer="Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân",
        levels=(
            m.Level("city", "Thành phố trực thuộc Trung ương", "Centrally governed city"),
            m.Level("district", "Quận, huyện, thị xã", "District", valid_to=BEFORE_REFORM),
            m.Level("ward", "Phường", "Ward"),
        ),
        units=tuple(thanh_xuan_units()),
        clusters=(block, wards),
        movements=movements,
        agreements=agreements,
        scales=scales,
        rubrics=(rubric,),
        titles=titles,
        awards=awards,
        stages=(
            m.Stage("tu-cham", "Tự chấm điểm", "Self-assessment"),
            m.Stage("quan-tham-dinh", "Ban Thường trực Ủy ban MTTQ quận thẩm định", "District standing committee"),
        ),
        history_lineage="all_predecessors",
        note=THANH_XUAN_NOTE,
    )


#: Sample ward results: ward → (fund quota and fund raised in millions of VND, residential groups,
#: festivals held, last festival, religious incidents, resolution plan, self-assessed (doi-moi, chu-de-nam,
#: cuoc-van-dong, chi-thi-05, xay-dung-dang, doi-ngoai), self-assessed bonus on doi-ngoai)
THANH_XUAN_SAMPLE: dict[str, tuple[int, int, int, int, dt.date, int, dt.date, tuple[int, ...], int]] = {
    "phuong-nhan-chinh": (300, 320, 40, 40, D(2020, 11, 15), 0, D(2020, 10, 30), (9, 10, 5, 9, 9, 9), 1),
    "phuong-thuong-dinh": (200, 210, 25, 25, D(2020, 11, 18), 0, D(2020, 11, 20), (8, 8, 4, 8, 8, 7), 0),
    "phuong-khuong-trung": (250, 200, 35, 35, D(2020, 11, 16), 0, D(2020, 12, 1), (8, 8, 4, 8, 8, 7), 0),
    "phuong-khuong-mai": (200, 220, 30, 30, D(2020, 11, 14), 0, D(2020, 11, 5), (9, 9, 5, 9, 9, 9), 0),
    "phuong-thanh-xuan-trung": (350, 380, 45, 45, D(2020, 11, 17), 0, D(2020, 10, 20), (9, 9, 5, 9, 8, 9), 1),
    "phuong-phuong-liet": (250, 250, 38, 37, D(2020, 11, 18), 0, D(2020, 12, 10), (9, 8, 4, 9, 8, 8), 0),
    "phuong-ha-dinh": (150, 160, 20, 20, D(2020, 11, 12), 0, D(2020, 11, 25), (9, 9, 5, 9, 9, 8), 1),
    "phuong-khuong-dinh": (200, 190, 28, 28, D(2020, 11, 18), 0, D(2020, 11, 30), (9, 9, 4, 8, 8, 8), 0),
    "phuong-thanh-xuan-bac": (300, 330, 42, 42, D(2020, 11, 22), 0, D(2020, 11, 10), (10, 10, 5, 10, 9, 9), 1),
    "phuong-thanh-xuan-nam": (200, 150, 30, 30, D(2020, 11, 18), 1, D(2020, 12, 10), (9, 9, 4, 9, 8, 8), 0),
    "phuong-kim-giang": (150, 150, 22, 22, D(2020, 11, 15), 0, D(2020, 11, 28), (8, 8, 4, 8, 8, 8), 0),
}
THANH_XUAN_ASSESSED = ("doi-moi", "chu-de-nam", "cuoc-van-dong", "chi-thi-05", "xay-dung-dang", "doi-ngoai")
_TX_STAGE = "quan-tham-dinh"
THANH_XUAN_REVIEWS: list[tuple[str, Review]] = [
    ("phuong-nhan-chinh", (_TX_STAGE, "xay-dung-dang", 8, None, "Báo cáo chuyên đề xây dựng Đảng chưa đầy đủ")),
    ("phuong-thuong-dinh", (_TX_STAGE, "chu-de-nam", 6, None, "Chưa có sản phẩm cụ thể của chủ đề năm")),
    ("phuong-khuong-trung", (_TX_STAGE, "doi-moi", 6, None, "Chưa có mô hình phối hợp mới")),
    ("phuong-khuong-mai", (_TX_STAGE, "chu-de-nam", 8, None, "Một chỉ tiêu chủ đề năm đạt chậm")),
    ("phuong-khuong-mai", (_TX_STAGE, "chi-thi-05", 7, None, "Chưa sơ kết chuyên đề năm 2020")),
    ("phuong-thanh-xuan-trung", (_TX_STAGE, "xay-dung-dang", 6, None, "Chưa tổng hợp ý kiến góp ý dự thảo văn kiện")),
    ("phuong-ha-dinh", (_TX_STAGE, "chu-de-nam", 7, None, "Thiếu minh chứng")),
    ("phuong-ha-dinh", (_TX_STAGE, "chi-thi-05", 7, None, "Chưa sơ kết chuyên đề năm 2020")),
    ("phuong-ha-dinh", (_TX_STAGE, "doi-ngoai", 8, 0, "Hoạt động đối ngoại chưa có kết quả nổi bật")),
    ("phuong-khuong-dinh", (_TX_STAGE, "doi-moi", 7, None, "Chưa có mô hình phối hợp mới")),
    ("phuong-kim-giang", (_TX_STAGE, "doi-ngoai", 4, None, "Không tổ chức hoạt động đối ngoại trong năm")),
]
#: Sample results of the coordination programme: unit → (reported rating, joint activities,
#: joint supervisions, mid-year report)
THANH_XUAN_PROGRAMME: dict[str, tuple[str, int, int, dt.date]] = {
    "quan-thanh-xuan": ("Hoàn thành xuất sắc nhiệm vụ", 6, 2, D(2020, 7, 10)),
    "hlhpn-thanh-xuan": ("HTXS", 5, 1, D(2020, 7, 14)),
    "hccb-thanh-xuan": ("HTT", 4, 1, D(2020, 7, 15)),
    "quan-doan-thanh-xuan": ("Hoàn thành tốt nhiệm vụ", 3, 1, D(2020, 7, 12)),
    "ldld-thanh-xuan": ("htt", 4, 0, D(2020, 7, 20)),
}


def _thanh_xuan_results() -> m.Results:
    """Sample results for Thanh Xuân 2020 (NOT real)."""
    stages = (
        ("tu-cham", D(2020, 11, 30), "Ủy ban MTTQ phường"),
        (_TX_STAGE, D(2020, 12, 11), "Ban Thường trực Ủy ban MTTQ quận Thanh Xuân"),
    )
    rows = [
        m.UnitResult(
            unit,
            rating=rating,
            measures={"joint_activities": activities, "joint_supervisions": supervisions},
            dates={"mid_year_report": report},
        )
        for unit, (rating, activities, supervisions, report) in THANH_XUAN_PROGRAMME.items()
    ]
    for unit, (quota_m, raised_m, groups, held, last, incidents, plan, own, bonus) in THANH_XUAN_SAMPLE.items():
        reviews = [r for u, r in THANH_XUAN_REVIEWS if u == unit]
        rows.append(
            m.UnitResult(
                unit,
                measures={
                    "fund_quota": quota_m * MILLION,
                    "fund_raised": raised_m * MILLION,
                    "residential_groups": groups,
                    "festivals_held": held,
                    "religious_incidents": incidents,
                },
                dates={"last_festival": last, "resolution_plan": plan},
                assessments=_assessments(
                    unit,
                    dict(zip(THANH_XUAN_ASSESSED, own, strict=True)),
                    {"doi-ngoai": bonus},
                    reviews,
                    stages=stages,
                    folder="bao-cao-2020",
                ),
            )
        )
    decision = m.Decision(
        "cum-phuong",
        (
            "phuong-nhan-chinh",
            "phuong-thanh-xuan-bac",
            "phuong-thanh-xuan-trung",
            "phuong-khuong-mai",
            "phuong-ha-dinh",
            "phuong-khuong-dinh",
            "phuong-thuong-dinh",
            "phuong-kim-giang",
            "phuong-khuong-trung",
            "phuong-phuong-liet",
            "phuong-thanh-xuan-nam",
        ),
        (
            m.Proposal("phuong-nhan-chinh", "co-thi-dua"),
            m.Proposal("phuong-khuong-mai", "bang-khen"),
            m.Proposal("phuong-thanh-xuan-trung", "bang-khen"),
        ),
        D(2020, 12, 15),
        "Mẫu: biên bản bình xét của Ủy ban MTTQ các phường (dữ liệu mẫu / sample data)",
    )
    return m.Results("thanh-xuan-2020", 2020, tuple(rows), (decision,), sample=True, note=SAMPLE_NOTE.format(year=2020))


#: Sample history: ward → {year: (grade, titles)} for 2017-2019 (NOT real).
THANH_XUAN_PAST: dict[str, dict[int, tuple[str, tuple[str, ...]]]] = {
    "phuong-nhan-chinh": {2017: ("htt", ()), 2018: ("htxs", ("bang-khen-tp",)), 2019: ("htxs", ("giay-khen-quan",))},
    "phuong-thuong-dinh": {2017: ("htt", ()), 2018: ("htt", ()), 2019: ("htt", ())},
    "phuong-khuong-trung": {2017: ("ht", ()), 2018: ("htt", ()), 2019: ("htt", ())},
    "phuong-khuong-mai": {2017: ("ht", ()), 2018: ("htt", ()), 2019: ("htxs", ("giay-khen-quan",))},
    "phuong-thanh-xuan-trung": {2017: ("htt", ()), 2018: ("ht", ()), 2019: ("htt", ())},
    "phuong-phuong-liet": {2017: ("htt", ()), 2018: ("htt", ()), 2019: ("ht", ())},
    "phuong-ha-dinh": {2017: ("htt", ()), 2018: ("htxs", ("giay-khen-quan",)), 2019: ("htt", ())},
    "phuong-khuong-dinh": {2017: ("htt", ()), 2018: ("htxs", ()), 2019: ("htt", ())},
    "phuong-thanh-xuan-bac": {2017: ("htxs", ("bang-khen-tp",)), 2018: ("htt", ()), 2019: ("htt", ())},
    "phuong-thanh-xuan-nam": {2017: ("ht", ()), 2018: ("ht", ()), 2019: ("htt", ())},
    "phuong-kim-giang": {2017: ("htt", ()), 2018: ("htt", ()), 2019: ("htt", ())},
}


def _thanh_xuan_history() -> m.History:
    """Sample grades and titles of the 11 wards in 2017-2019 (NOT real)."""
    records = tuple(
        m.HistoryRecord(unit, year, grade, titles)
        for unit, years in THANH_XUAN_PAST.items()
        for year, (grade, titles) in sorted(years.items())
    )
    return m.History(
        records,
        note=SAMPLE_NOTE.format(year="2017–2019")
        + " Dùng cho điều kiện khen thưởng xét nhiều năm (GradeStreak, TitleCount). "
        "Used by the award conditions that look back (GradeStreak, TitleCount).",
        sample=True,
    )


# =============================================================================
# What is real, and the names of the inputs (issue #16): see tests/seed_marks.py
# =============================================================================


def son_tay_campaign() -> m.Campaign:
    """Sơn Tây 2024 with its sources, named inputs and officials."""
    return seed_marks.son_tay(_son_tay_campaign())


def son_tay_results() -> m.Results:
    """Sơn Tây 2024 sample results (NOT real)."""
    return seed_marks.results_notes(_son_tay_results())


def ninh_thuan_campaign() -> m.Campaign:
    """Ninh Thuận's provincial block in 2024 with its sources, named inputs and officials."""
    return seed_marks.ninh_thuan(_ninh_thuan_campaign())


def ninh_thuan_results() -> m.Results:
    """Ninh Thuận 2024 sample results (NOT real)."""
    return seed_marks.results_notes(_ninh_thuan_results(), "Biên bản hội nghị tổng kết Khối (dữ liệu mẫu)")


def ha_noi_cum_3_campaign() -> m.Campaign:
    """Hà Nội cụm 3 in 2024 with its sources, named inputs and officials."""
    return seed_marks.ha_noi_cum_3(_ha_noi_cum_3_campaign())


def ha_noi_cum_3_results() -> m.Results:
    """Hà Nội cụm 3 2024 sample results (NOT real)."""
    return seed_marks.results_notes(
        _ha_noi_cum_3_results(),
        "Biên bản hội nghị tổng kết Cụm; huyện Thanh Trì xếp trên huyện Mê Linh theo biểu quyết (dữ liệu mẫu)",
    )


def thanh_xuan_campaign() -> m.Campaign:
    """Thanh Xuân 2020 with its sources, named inputs and officials."""
    return seed_marks.thanh_xuan(_thanh_xuan_campaign())


def thanh_xuan_results() -> m.Results:
    """Thanh Xuân 2020 sample results (NOT real)."""
    return seed_marks.results_notes(_thanh_xuan_results(), "Biên bản bình xét của Ủy ban MTTQ các phường (dữ liệu mẫu)")


def thanh_xuan_history() -> m.History:
    """Thanh Xuân's sample history of 2017-2019 (NOT real)."""
    return seed_marks.history_notes(_thanh_xuan_history(), "2017–2019")


# =============================================================================
# Registry and writer
# =============================================================================

Builders = tuple[Callable[[], m.Campaign], Callable[[], m.Results], Callable[[], m.History] | None]

#: Example name → (campaign builder, results builder, history builder or None), for the four seeds here.
BUILDERS: dict[str, Builders] = {
    "son-tay-2024": (son_tay_campaign, son_tay_results, None),
    "ninh-thuan-khoi-2024": (ninh_thuan_campaign, ninh_thuan_results, None),
    "ha-noi-cum-3-2024": (ha_noi_cum_3_campaign, ha_noi_cum_3_results, None),
    "thanh-xuan-2020": (thanh_xuan_campaign, thanh_xuan_results, thanh_xuan_history),
}


def write_all(root: Path | None = None) -> list[Path]:
    """Dump every example built here under *root* (default: the package's examples data)."""
    from thidua import dump

    base = root or Path(__file__).resolve().parents[1] / "src" / "thidua" / "examples" / "data"
    written = []
    for name, (campaign, results, history) in BUILDERS.items():
        written.append(dump(campaign(), base / name / "campaign.json"))
        written.append(dump(results(), base / name / "results.json"))
        if history is not None:
            written.append(dump(history(), base / name / "history.json"))
    return written


if __name__ == "__main__":
    write_all()
