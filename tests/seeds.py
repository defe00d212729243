"""The An Minh 2022 campaign (seed 002) built in Python.

The bundled file ``src/thidua/examples/data/an-minh-2022/campaign.json`` must
equal what :func:`an_minh_campaign` builds. Unit names and codes are real
(GSO codes, see shared/seed-units.md); the split of the 11 units into the two
clusters is a PROPOSAL (no source names it); the heads are from the seed.
"""

from __future__ import annotations

import datetime as dt

import attrs

import seed_marks
from thidua import model as m

REFORM = dt.date(2025, 7, 1)
LAST_DAY = dt.date(2025, 6, 30)

#: (id, name, GSO code, 2025 successor id, cluster)
COMMUNES = [
    ("tt-thu-muoi-mot", "Thị trấn Thứ Mười Một", "31018", "xa-an-minh-2025", 2),
    ("xa-thuan-hoa", "Xã Thuận Hòa", "31021", "xa-tan-thanh-2025", 2),
    ("xa-dong-hoa", "Xã Đông Hòa", "31024", "xa-dong-hoa-2025", 2),
    ("xa-dong-thanh", "Xã Đông Thạnh", "31030", "xa-dong-hoa-2025", 2),
    ("xa-tan-thanh", "Xã Tân Thạnh", "31031", "xa-tan-thanh-2025", 2),
    ("xa-dong-hung", "Xã Đông Hưng", "31033", "xa-an-minh-2025", 2),
    ("xa-dong-hung-a", "Xã Đông Hưng A", "31036", "xa-dong-hung-2025", 1),
    ("xa-dong-hung-b", "Xã Đông Hưng B", "31039", "xa-an-minh-2025", 1),
    ("xa-van-khanh", "Xã Vân Khánh", "31042", "xa-van-khanh-2025", 1),
    ("xa-van-khanh-dong", "Xã Vân Khánh Đông", "31045", "xa-dong-hung-2025", 1),
    ("xa-van-khanh-tay", "Xã Vân Khánh Tây", "31048", "xa-van-khanh-2025", 1),
]
#: 2025 communes of Tỉnh An Giang that took in An Minh's units (NQ 1654/NQ-UBTVQH15).
SUCCESSORS = [
    ("xa-an-minh-2025", "Xã An Minh", "31018"),
    ("xa-tan-thanh-2025", "Xã Tân Thạnh", "31031"),
    ("xa-dong-hoa-2025", "Xã Đông Hòa", "31024"),
    ("xa-dong-hung-2025", "Xã Đông Hưng", "31036"),
    ("xa-van-khanh-2025", "Xã Vân Khánh", "31042"),
]

GRADES = (
    m.Grade("htxs", "Hoàn thành xuất sắc nhiệm vụ", "Completed tasks excellently", "HTXS"),
    m.Grade("htt", "Hoàn thành tốt nhiệm vụ", "Completed tasks well", "HTT"),
    m.Grade("ht", "Hoàn thành nhiệm vụ", "Completed tasks", "HT"),
    m.Grade("kht", "Không hoàn thành nhiệm vụ", "Did not complete tasks", "KHT"),
)


def an_minh_units() -> list[m.Unit]:
    units = [
        m.Unit(
            "tinh-kien-giang",
            "Tỉnh Kiên Giang",
            "province",
            code="91",
            valid_to=LAST_DAY,
            lineage=(m.Lineage("merged_into", "tinh-an-giang-2025", REFORM),),
        ),
        m.Unit("huyen-an-minh", "Huyện An Minh", "district", "tinh-kien-giang", code="909", valid_to=LAST_DAY),
        m.Unit(
            "tinh-an-giang-2025",
            "Tỉnh An Giang",
            "province",
            code="91",
            valid_from=REFORM,
            lineage=(m.Lineage("merged_from", "tinh-kien-giang", REFORM),),
        ),
    ]
    for uid, name, code, successor, _ in COMMUNES:
        units.append(
            m.Unit(
                uid,
                name,
                "commune",
                "huyen-an-minh",
                code=code,
                valid_to=LAST_DAY,
                lineage=(m.Lineage("merged_into", successor, REFORM, "NQ 1654/NQ-UBTVQH15"),),
            )
        )
    for uid, name, code in SUCCESSORS:
        preds = tuple(
            m.Lineage("merged_from", old, REFORM, "NQ 1654/NQ-UBTVQH15")
            for old, _, _, succ, _ in COMMUNES
            if succ == uid
        )
        units.append(m.Unit(uid, name, "commune", "tinh-an-giang-2025", code=code, valid_from=REFORM, lineage=preds))
    return units


def an_minh_campaign() -> m.Campaign:
    levels = (
        m.Level("province", "Tỉnh", "Province"),
        m.Level("district", "Huyện", "District", valid_to=LAST_DAY),
        m.Level("commune", "Xã, thị trấn", "Commune"),
        m.Level("hamlet", "Ấp, khu phố", "Hamlet or quarter"),
    )
    members = {n: tuple(c[0] for c in COMMUNES if c[4] == n) for n in (1, 2)}
    clusters = (
        m.Cluster(
            "cum-1",
            "Cụm thi đua số 1",
            "cluster",
            2022,
            members[1],
            head="xa-van-khanh-tay",
            organizers=("huyen-an-minh",),
            name_en="Emulation cluster no. 1",
        ),
        m.Cluster(
            "cum-2",
            "Cụm thi đua số 2",
            "cluster",
            2022,
            members[2],
            head="xa-dong-thanh",
            organizers=("huyen-an-minh",),
            name_en="Emulation cluster no. 2",
        ),
    )
    movements = (
        m.Movement(
            "toan-dan-doan-ket",
            "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
            "regular",
            content_areas=("ntm-dtvm",),
            name_en="All people unite to build new rural areas and civilized urban areas",
        ),
        m.Movement(
            "vi-nguoi-ngheo",
            'Quỹ "Vì người nghèo"',
            "regular",
            milestones=(
                m.Milestone(
                    "peak_month",
                    dt.date(2022, 10, 17),
                    dt.date(2022, 11, 18),
                    'Tháng cao điểm "Vì người nghèo"',
                ),
            ),
            content_areas=("vi-nguoi-ngheo",),
            name_en="Fund for the poor",
        ),
        m.Movement(
            "uu-tien-hang-viet",
            "Người Việt Nam ưu tiên dùng hàng Việt Nam",
            "regular",
            content_areas=("hang-viet",),
            name_en="Vietnamese people prioritize Vietnamese goods",
        ),
    )
    areas = (
        m.ContentArea(
            "chap-hanh",
            "Chấp hành nghiêm các ý kiến chỉ đạo của Ban Thường trực Ủy ban MTTQ Việt Nam huyện và cấp ủy cùng cấp",
            name_en="Follow the guidance of the district Front and the Party committee",
        ),
        m.ContentArea(
            "ke-hoach",
            "Triển khai thực hiện tốt kế hoạch, hướng dẫn công tác Mặt trận",
            name_en="Carry out the Front's plans and guidance",
        ),
        m.ContentArea(
            "doi-moi",
            "Đổi mới nội dung, phương thức hoạt động của Mặt trận các cấp",
            name_en="Renew the content and methods of the Front's work",
        ),
        m.ContentArea(
            "nam-tinh-hinh",
            "Nắm chắc tình hình, dư luận của Nhân dân",
            name_en="Know the situation and public opinion",
        ),
        m.ContentArea(
            "ntm-dtvm",
            'Cuộc vận động "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"',
            movement="toan-dan-doan-ket",
            name_en="The campaign for new rural and civilized urban areas",
        ),
        m.ContentArea(
            "vi-nguoi-ngheo",
            'Tháng cao điểm "Vì người nghèo"; vận động Quỹ "Vì người nghèo" đạt chỉ tiêu đề ra',
            (
                m.QuotaTarget(
                    "quy-vi-nguoi-ngheo",
                    'Quỹ "Vì người nghèo" đạt chỉ tiêu được giao',
                    "fund_raised",
                    quota_measure="fund_quota",
                    name_en="The fund for the poor reaches its assigned quota",
                ),
            ),
            movement="vi-nguoi-ngheo",
            name_en="The peak month and the fund for the poor",
        ),
        m.ContentArea(
            "hang-viet",
            'Cuộc vận động "Người Việt Nam ưu tiên dùng hàng Việt Nam"',
            movement="uu-tien-hang-viet",
            name_en="The campaign for Vietnamese goods",
        ),
        m.ContentArea(
            "chat-luong",
            "Chất lượng hoạt động của Ban Công tác Mặt trận và Ủy ban MTTQ Việt Nam xã, thị trấn",
            (
                m.ShareTarget(
                    "bctmt-good",
                    "Ban Công tác Mặt trận ấp, khu phố hoàn thành tốt nhiệm vụ trở lên",
                    "hamlet",
                    "htt",
                    "80%",
                    "all",
                    name_en="Front work committees completing tasks well or better",
                ),
                m.OfWhichTarget(
                    "bctmt-excellent",
                    "trong đó hoàn thành xuất sắc nhiệm vụ",
                    "bctmt-good",
                    "htxs",
                    "30%",
                    "all",
                    name_en="of which completing tasks excellently",
                ),
                m.ZeroCountTarget(
                    "bctmt-no-weak",
                    "không có Ban Công tác Mặt trận yếu kém",
                    "hamlet",
                    "kht",
                    name_en="no front work committee rated weak",
                ),
                m.ShareTarget(
                    "commune-good",
                    "Ủy ban MTTQ Việt Nam xã, thị trấn hoàn thành tốt nhiệm vụ trở lên",
                    "commune",
                    "htt",
                    "100%",
                    "all",
                    scope="cluster",
                    name_en="Commune front committees completing tasks well or better",
                ),
                m.OfWhichTarget(
                    "commune-excellent",
                    "trong đó hoàn thành xuất sắc nhiệm vụ",
                    "commune-good",
                    "htxs",
                    "30%",
                    "all",
                    name_en="of which completing tasks excellently",
                ),
            ),
            name_en="Quality of the front work committees and commune front committees",
        ),
    )
    agreement = m.Agreement(
        "giao-uoc-2022",
        ("cum-1", "cum-2"),
        signed_on=dt.date(2022, 4, 13),
        content_areas=areas,
        registrations=(
            m.Registration("xa-van-khanh-tay", "co-thi-dua-tinh"),
            m.Registration("xa-dong-thanh", "co-thi-dua-tinh"),
        ),
    )
    scales = (
        m.RatingScale(
            "thang-bctmt",
            "Xếp loại Ban Công tác Mặt trận",
            ("hamlet",),
            GRADES,
            legacy={"yếu kém": "kht", "yếu": "kht"},
            name_en="Rating of front work committees",
        ),
        m.RatingScale(
            "thang-mttq-xa",
            "Xếp loại Ủy ban MTTQ Việt Nam xã, thị trấn",
            ("commune",),
            (attrs.evolve(GRADES[0], requires=(m.AllTargetsMet(),)), *GRADES[1:]),
            bands=(
                m.Band.from_range("htxs", "90+"),
                m.Band.from_range("htt", "70-89"),
                m.Band.from_range("ht", "50-69"),
                m.Band.from_range("kht", "<50"),
            ),
            legacy={"yếu kém": "kht"},
            name_en="Rating of commune front committees",
        ),
    )
    a = m.Assessed()
    rubric = m.Rubric(
        "thang-diem-xa",
        "Thang điểm thi đua Ủy ban MTTQ Việt Nam xã, thị trấn",
        ("commune",),
        100,
        (
            m.Criterion(
                "chap-hanh",
                "Chấp hành chỉ đạo của cấp trên và cấp ủy",
                10,
                a,
                name_en="Following the guidance of the level above and the Party committee",
            ),
            m.Criterion(
                "ke-hoach",
                "Thực hiện kế hoạch, hướng dẫn công tác Mặt trận",
                10,
                a,
                name_en="Carrying out the Front's plans and guidance",
            ),
            m.Criterion(
                "doi-moi",
                "Đổi mới nội dung, phương thức hoạt động",
                15,
                a,
                bonus=2,
                name_en="Renewing content and methods",
            ),
            m.Criterion(
                "nam-tinh-hinh",
                "Nắm tình hình, dư luận của Nhân dân",
                10,
                a,
                name_en="Knowing the situation and public opinion",
            ),
            m.Criterion(
                "ntm-dtvm",
                "Cuộc vận động xây dựng nông thôn mới, đô thị văn minh",
                15,
                a,
                name_en="The campaign for new rural and civilized urban areas",
            ),
            m.Criterion(
                "quy-vi-nguoi-ngheo",
                'Quỹ "Vì người nghèo" so với chỉ tiêu được giao',
                15,
                m.Proportional("fund_raised", target_measure="fund_quota"),
                name_en="Fund for the poor against the assigned quota",
            ),
            m.Criterion(
                "hang-viet",
                'Cuộc vận động "Người Việt Nam ưu tiên dùng hàng Việt Nam"',
                10,
                a,
                name_en="The campaign for Vietnamese goods",
            ),
            m.Criterion(
                "chat-luong-bctmt",
                "Chất lượng Ban Công tác Mặt trận",
                15,
                name_en="Quality of the front work committees",
                children=(
                    m.Criterion(
                        "bctmt-dat",
                        "Đạt chỉ tiêu 80% hoàn thành tốt trở lên",
                        10,
                        m.PassFail(m.TargetMet("bctmt-good")),
                        name_en="80% completing tasks well or better",
                    ),
                    m.Criterion(
                        "bctmt-khong-yeu",
                        "Không có Ban Công tác Mặt trận yếu kém",
                        5,
                        m.PassFail(m.TargetMet("bctmt-no-weak")),
                        name_en="No weak front work committee",
                    ),
                ),
            ),
            m.Criterion(
                "cham-bao-cao",
                "Chậm báo cáo (trừ 1 điểm mỗi lần, tối đa 5 điểm)",
                0,
                m.Penalty("late_reports", 1, -5),
                name_en="Late reports (1 point each, at most 5)",
            ),
        ),
        name_en="Points rubric for commune front committees",
    )
    titles = (
        m.Title(
            "co-thi-dua-tinh",
            "Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh",
            "Emulation flag of the provincial Front",
        ),
        m.Title(
            "bang-khen-tinh",
            "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh",
            "Certificate of merit of the provincial Front",
            "commendation",
        ),
        m.Title(
            "giay-khen-huyen",
            "Giấy khen của Ủy ban MTTQ Việt Nam huyện",
            "Commendation of the district Front",
            "commendation",
        ),
    )
    awards = (
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
            m.Quota(count=1),
            exclusive_with=("co-thi-dua",),
        ),
        m.AwardRule(
            "giay-khen",
            "giay-khen-huyen",
            ("commune",),
            (m.MinGrade("htt"),),
            m.Quota(share="50%", of="members"),
            exclusive_with=("co-thi-dua", "bang-khen"),
        ),
    )
    return seed_marks.an_minh(
        m.Campaign(
            id="an-minh-2022",
            name="Thi đua Cụm Mặt trận các xã, thị trấn huyện An Minh năm 2022",
            name_en="Emulation of the commune Front clusters of An Minh district, 2022",
            year=2022,
            organizer="Ban Thường trực Ủy ban MTTQ Việt Nam huyện An Minh",
            levels=levels,
            units=tuple(an_minh_units()),
            clusters=clusters,
            movements=movements,
            agreements=(agreement,),
            scales=scales,
            rubrics=(rubric,),
            titles=titles,
            awards=awards,
            stages=(
                m.Stage("tu-cham", "Tự chấm điểm", "Self-assessment"),
                m.Stage("cum-tham-dinh", "Cụm thẩm định", "Cluster review"),
                m.Stage("ban-thuong-truc", "Ban Thường trực Ủy ban MTTQ huyện", "District standing committee"),
            ),
            missing="error",
            note=(
                "Đơn vị, mã số và cụm trưởng lấy từ nguồn thật (bài báo ngày 13/4/2022, danh mục hành chính). "
                "Việc chia 11 xã, thị trấn vào 2 cụm là ĐỀ XUẤT (PROPOSAL), chưa có nguồn xác nhận. "
                "Thang điểm, ngưỡng xếp loại và số lượng khen thưởng là dữ liệu mẫu (sample), chưa được xác minh."
            ),
        )
    )


#: Sample results (NOT real: outcomes of 2022 were not published).
#: unit: (hamlet counts htxs/htt/ht/kht, fund quota, fund raised, late reports,
#:        self-assessed points for chap-hanh, ke-hoach, doi-moi, nam-tinh-hinh, ntm-dtvm, hang-viet,
#:        self-assessed bonus on doi-moi)
SAMPLE = {
    "xa-van-khanh-tay": ((3, 5, 1, 1), 150_000_000, 149_999_999, 0, (10, 9, 14, 9, 14, 9), 1),
    "xa-van-khanh": ((4, 5, 1, 0), 120_000_000, 130_000_000, 0, (10, 10, 14, 9, 14, 10), 2),
    "xa-van-khanh-dong": ((2, 5, 1, 0), 100_000_000, 100_000_000, 1, (9, 9, 13, 8, 13, 9), 0),
    "xa-dong-hung-a": ((3, 4, 2, 0), 100_000_000, 90_000_000, 0, (9, 8, 12, 8, 13, 8), 0),
    "xa-dong-hung-b": ((2, 6, 0, 0), 100_000_000, 105_000_000, 2, (10, 9, 13, 9, 14, 9), 1),
    "xa-dong-thanh": ((3, 6, 2, 0), 150_000_000, 150_000_000, 0, (10, 10, 14, 9, 14, 9), 1),
    "xa-dong-hoa": ((4, 5, 1, 0), 120_000_000, 125_000_000, 0, (10, 9, 14, 9, 13, 9), 0),
    "xa-thuan-hoa": ((2, 5, 2, 0), 100_000_000, 100_000_000, 0, (9, 9, 13, 9, 13, 9), 0),
    "xa-tan-thanh": ((3, 5, 1, 0), 100_000_000, 110_000_000, 1, (10, 9, 13, 9, 14, 9), 1),
    "xa-dong-hung": ((2, 4, 3, 0), 100_000_000, 80_000_000, 0, (8, 8, 11, 8, 12, 8), 0),
    "tt-thu-muoi-mot": ((4, 6, 1, 0), 200_000_000, 230_000_000, 0, (10, 10, 15, 10, 14, 10), 2),
}
ASSESSED = ("chap-hanh", "ke-hoach", "doi-moi", "nam-tinh-hinh", "ntm-dtvm", "hang-viet")
#: Reviewers' changes: unit → [(stage, criterion, points, reason)]
REVIEWS = {
    "xa-van-khanh-tay": [("cum-tham-dinh", "doi-moi", 13, "Mô hình mới chưa có báo cáo sơ kết")],
    "xa-van-khanh": [("cum-tham-dinh", "ntm-dtvm", 13, "Chưa có minh chứng công trình nông thôn mới")],
    "xa-dong-thanh": [("ban-thuong-truc", "ke-hoach", 9, "Báo cáo 6 tháng nộp chậm")],
    "tt-thu-muoi-mot": [
        ("cum-tham-dinh", "doi-moi", 14, "Trùng nội dung với năm trước"),
        ("ban-thuong-truc", "doi-moi", 13, "Ban Thường trực thống nhất hạ thêm 1 điểm"),
    ],
}


def an_minh_results() -> m.Results:
    rows = []
    for unit, (counts, quota, raised, late, points, bonus) in SAMPLE.items():
        scores = [
            m.ScoreEntry(
                crit,
                pts,
                bonus if crit == "doi-moi" and bonus else None,
                evidence=(f"bao-cao-2022/{unit}/{crit}.pdf",),
            )
            for crit, pts in zip(ASSESSED, points, strict=True)
        ]
        assessments = [m.Assessment("tu-cham", scores, dt.date(2022, 11, 25), f"Ủy ban MTTQ {unit}")]
        for stage in ("cum-tham-dinh", "ban-thuong-truc"):
            changes = [m.ScoreEntry(c, p, reason=r) for s, c, p, r in REVIEWS.get(unit, []) if s == stage]
            on = dt.date(2022, 12, 2) if stage == "cum-tham-dinh" else dt.date(2022, 12, 9)
            by = "Cụm thi đua" if stage == "cum-tham-dinh" else "Ban Thường trực Ủy ban MTTQ huyện"
            assessments.append(m.Assessment(stage, changes, on, by))
        rows.append(
            m.UnitResult(
                unit,
                counts={"hamlet": dict(zip(("htxs", "htt", "ht", "kht"), counts, strict=True))},
                measures={"fund_quota": quota, "fund_raised": raised, "late_reports": late},
                assessments=assessments,
            )
        )
    decisions = (
        m.Decision(
            "cum-1",
            ("xa-van-khanh", "xa-dong-hung-b", "xa-van-khanh-tay", "xa-van-khanh-dong", "xa-dong-hung-a"),
            (m.Proposal("xa-van-khanh", "co-thi-dua"),),
            dt.date(2022, 12, 12),
            "Mẫu: biên bản họp cụm (dữ liệu mẫu)",
        ),
        m.Decision(
            "cum-2",
            (
                "tt-thu-muoi-mot",
                "xa-dong-thanh",
                "xa-dong-hoa",
                "xa-tan-thanh",
                "xa-thuan-hoa",
                "xa-dong-hung",
            ),
            (m.Proposal("xa-dong-thanh", "co-thi-dua"), m.Proposal("tt-thu-muoi-mot", "co-thi-dua")),
            dt.date(2022, 12, 12),
            "Mẫu: biên bản họp cụm (dữ liệu mẫu)",
        ),
    )
    results = m.Results("an-minh-2022", 2022, tuple(rows), decisions, sample=True)
    return seed_marks.results_notes(results, "Biên bản họp cụm (dữ liệu mẫu)")
