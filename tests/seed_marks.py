"""What is real in the bundled seed campaigns, and the names of their inputs (issue #16).

The builders in ``tests/seeds.py`` and ``tests/seed_builders.py`` build each
campaign as its article describes it; the functions here add, for each one:

* the source of each item (:class:`thidua.model.Source`): the article's
  contents and targets are ``article``; what no source gives is a
  ``proposal`` (An Minh's split into two clusters) or ``sample`` data (every
  rubric, band, cap, quota and invented target); what a source gives but no
  one has checked is ``unverified`` (Hà Nội cụm 3's members in 2024);
* the names and units of the measures, flags and events the rules use;
* the officials the article names, and a short note in each language;
* the fidelity fixes against the articles (``shared/seeds``): Ninh Thuận
  "phát triển … điển hình" (not "phát hiện"), Thanh Xuân's nine contents for
  the member organizations too, no content of a speech in the signed contents
  (Hà Nội cụm 3, Sơn Tây).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from thidua import model as m

T = TypeVar("T")

_STRAIGHT = re.compile(r'"([^"]*)"')

SAMPLE_RESULTS_NOTE = "Dữ liệu mẫu: kết quả năm {year} không được công bố; thidua soạn các số liệu này để minh họa."
SAMPLE_RESULTS_NOTE_EN = (
    "Sample data: the results of {year} were not published; thidua made up these figures for illustration."
)


def curly_quotes(obj: T) -> T:
    """The same object with straight quotes in every name turned into “ ”."""
    if isinstance(obj, tuple):
        return tuple(curly_quotes(x) for x in obj)  # type: ignore[return-value]
    if not attrs.has(type(obj)):
        return obj
    changes: dict[str, Any] = {}
    for f in attrs.fields(type(obj)):
        if not f.init:
            continue
        value = getattr(obj, f.name)
        if f.name in ("name", "name_en") and isinstance(value, str):
            new = _STRAIGHT.sub(r"“\1”", value)
        else:
            new = curly_quotes(value)
        if new is not value and new != value:
            changes[f.name] = new
    return attrs.evolve(obj, **changes) if changes else obj


def _fields(obj: Any, **changes: Any) -> Any:
    return attrs.evolve(obj, **changes)


def map_targets(c: m.Campaign, fn: Callable[[m.Target], m.Target]) -> m.Campaign:
    """Every target of every agreement changed by *fn*."""
    return map_areas(c, lambda area: _fields(area, targets=tuple(fn(t) for t in area.targets)))


def map_areas(c: m.Campaign, fn: Callable[[m.ContentArea], m.ContentArea]) -> m.Campaign:
    """Every content area of every agreement changed by *fn*."""
    agreements = tuple(_fields(a, content_areas=tuple(fn(x) for x in a.content_areas)) for a in c.agreements)
    return _fields(c, agreements=agreements)


def _criteria(criteria: tuple[m.Criterion, ...], source: str, names_en: Mapping[str, str]) -> tuple[m.Criterion, ...]:
    return tuple(
        _fields(
            k,
            source=source,
            name_en=k.name_en or names_en[k.id],
            children=_criteria(k.children, source, names_en),
        )
        for k in criteria
    )


def sample_rules(c: m.Campaign, names_en: Mapping[str, str] | None = None) -> m.Campaign:
    """Rubrics, criteria, adjustments, bands, disqualifiers, caps and award rules marked as sample data."""
    names_en = names_en or {}
    rubrics = tuple(
        _fields(
            r,
            source="sample",
            criteria=_criteria(r.criteria, "sample", names_en),
            adjustments=tuple(_fields(a, source="sample") for a in r.adjustments),
        )
        for r in c.rubrics
    )
    scales = tuple(
        _fields(
            s,
            bands=tuple(_fields(b, source="sample") for b in s.bands),
            disqualifiers=tuple(_fields(d, source="sample") for d in s.disqualifiers),
            caps=tuple(_fields(x, source="sample") for x in s.caps),
        )
        for s in c.scales
    )
    awards = tuple(_fields(a, source="sample") for a in c.awards)
    return _fields(c, rubrics=rubrics, scales=scales, awards=awards)


def sources(c: m.Campaign, *, areas: str, targets: str, members: Mapping[str, str]) -> m.Campaign:
    """Content areas and targets marked with their source, clusters with the source of their members."""
    c = map_areas(
        c,
        lambda area: _fields(area, source=areas, targets=tuple(_fields(t, source=targets) for t in area.targets)),
    )
    clusters = tuple(_fields(cl, members_source=members.get(cl.id)) for cl in c.clusters)
    return _fields(c, clusters=clusters)


def rename(c: m.Campaign, **names: tuple[str, str | None]) -> m.Campaign:
    """Content areas and targets renamed: ``id=(name, name_en)`` (``None`` keeps the English name)."""

    def one(item: Any) -> Any:
        found = names.get(item.id.replace("-", "_"))
        if found is None:
            return item
        name, name_en = found
        return _fields(item, name=name, name_en=name_en or item.name_en)

    c = map_targets(c, one)
    return map_areas(c, one)


def strip_marks(c: m.Campaign, marks: Mapping[str, str], other: str | None = None) -> m.Campaign:
    """Milestones whose names end in a mark such as " (đề xuất)": the mark moved to their ``source``.

    Milestones without a mark take *other* (when given), except the day of the signing.
    """

    def milestone(ms: m.Milestone, signed_on: Any) -> m.Milestone:
        for suffix, source in marks.items():
            if ms.name and ms.name.endswith(suffix):
                return _fields(ms, name=ms.name[: -len(suffix)], source=source)
        if other is not None and ms.on != signed_on:
            return _fields(ms, source=other)
        return ms

    signed = c.agreements[0].signed_on if c.agreements else None
    movements = tuple(
        _fields(mv, milestones=tuple(milestone(ms, signed) for ms in mv.milestones)) for mv in c.movements
    )
    return _fields(c, movements=movements)


def results_notes(results: m.Results, decision_note: str | None = None) -> m.Results:
    """A result set's notes: sample data, in Vietnamese and in English."""
    decisions = tuple(_fields(d, note=decision_note) for d in results.decisions) if decision_note else results.decisions
    return _fields(
        results,
        note=SAMPLE_RESULTS_NOTE.format(year=results.year),
        note_en=SAMPLE_RESULTS_NOTE_EN.format(year=results.year),
        decisions=decisions,
    )


def fund_measures() -> tuple[m.Input, ...]:
    """The two measures of the fund "Vì người nghèo"."""
    return (
        m.Input(
            "fund_raised",
            "Số tiền vận động Quỹ “Vì người nghèo”",
            "Money raised for the fund for the poor",
            "đồng",
            "VND",
        ),
        m.Input(
            "fund_quota",
            "Chỉ tiêu Quỹ “Vì người nghèo” được giao",
            "Assigned quota of the fund for the poor",
            "đồng",
            "VND",
        ),
    )


# -- one function per seed --------------------------------------------------------------------------


def an_minh(c: m.Campaign) -> m.Campaign:
    """Seed 002: the article gives the units, the 2 clusters and their heads, the contents and the targets."""
    c = curly_quotes(c)
    c = sources(c, areas="article", targets="article", members={"cum-1": "proposal", "cum-2": "proposal"})
    excellent = "trong đó ít nhất 30% hoàn thành xuất sắc nhiệm vụ"
    excellent_en = "of which at least 30% completing them excellently"
    c = rename(
        c,
        bctmt_good=(
            "Ban Công tác Mặt trận ấp, khu phố hoàn thành tốt nhiệm vụ trở lên",
            "Front work committees of hamlets and quarters completing their tasks well or better",
        ),
        bctmt_excellent=(excellent, excellent_en),
        bctmt_no_weak=("không có Ban Công tác Mặt trận yếu kém", "No front work committee rated weak"),
        commune_good=(
            "Ủy ban MTTQ Việt Nam xã, thị trấn hoàn thành tốt nhiệm vụ trở lên",
            "Commune Front committees completing their tasks well or better",
        ),
        commune_excellent=(excellent, excellent_en),
    )
    # the article sets the commune targets for the 11 communes that signed, not per cluster
    c = map_targets(c, lambda t: _fields(t, scope="agreement") if t.id == "commune-good" else t)
    agreement = _fields(
        c.agreements[0],
        name="Giao ước thi đua năm 2022 của Mặt trận 11 xã, thị trấn huyện An Minh",
        name_en="the 2022 agreement of the Front of the 11 communes of An Minh district",
    )
    c = sample_rules(_fields(c, agreements=(agreement,)))
    return _fields(
        c,
        sample=True,
        measures=(*fund_measures(), m.Input("late_reports", "Số lần chậm báo cáo", "Late reports", "lần")),
        officials=(
            m.Official(
                "Trần Hồng Lam",
                "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận, Chủ tịch Ủy ban MTTQ Việt Nam huyện",
                "Member of the district Party standing committee, head of its Mass Mobilisation Commission, "
                "chair of the district Front",
                "huyen-an-minh",
            ),
            m.Official(
                "Phạm Thị Cẩm Hà",
                "Huyện ủy viên, Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam huyện",
                "Member of the district Party committee, standing vice-chair of the district Front",
                "huyen-an-minh",
            ),
        ),
        note=(
            "Theo bài báo về hội nghị ký giao ước thi đua ngày 13/4/2022 do Ban Thường trực Ủy ban MTTQ Việt Nam "
            "huyện An Minh tổ chức: 11 xã, thị trấn, 2 cụm và cụm trưởng, các nội dung và chỉ tiêu. "
            "Phần bài báo không nêu được đánh dấu (đề xuất) hoặc (mẫu)."
        ),
        note_en=(
            "From the report of the signing of 13 April 2022 held by the standing committee of the An Minh "
            "district Front: the 11 communes, the 2 clusters and their heads, the contents and targets. "
            "What the report does not give is marked (proposal) or (sample)."
        ),
    )


def _milestones(c: m.Campaign, fn: Callable[[m.Milestone], m.Milestone]) -> m.Campaign:
    return _fields(
        c, movements=tuple(_fields(mv, milestones=tuple(fn(x) for x in mv.milestones)) for mv in c.movements)
    )


def ha_noi_cum_3(c: m.Campaign) -> m.Campaign:
    """Seed 003: 5 district-level members (inferred from 2019–2020) and the 7 signed contents."""
    c = curly_quotes(c)
    c = sources(c, areas="article", targets="sample", members={"cum-3": "unverified"})
    # the seven contents as the article lists them; what the Vice-Chair said in her speech is not signed content
    c = rename(
        c,
        nd6_hieu_qua=(
            "Thi đua nâng cao hiệu quả hoạt động của MTTQ Việt Nam",
            "A more effective Vietnam Fatherland Front",
        ),
        nd7_khen_thuong=("Nâng cao chất lượng công tác khen thưởng", "Better commendation work"),
        mttq_xa_htxs=(
            "trong đó ít nhất 30% hoàn thành xuất sắc nhiệm vụ (tính trên số hoàn thành tốt nhiệm vụ trở lên)",
            "of which at least 30% excellently (over those rated well or better)",
        ),
    )
    c = strip_marks(c, {" (đề xuất)": "sample"})
    c = _milestones(
        c,
        lambda ms: (
            _fields(
                ms,
                name="Ký giao ước thi đua năm 2024 tại huyện Thanh Trì; dâng hương tại Đình thờ Tiên triết Chu Văn An, "
                "xã Thanh Liệt",
            )
            if ms.kind == "signing"
            else ms
        ),
    )
    agreement = _fields(
        c.agreements[0],
        name="Giao ước thi đua năm 2024 của Cụm thi đua số 3",
        name_en="the 2024 agreement of Emulation cluster no. 3",
    )
    c = sample_rules(
        _fields(c, agreements=(agreement,)),
        {
            "yeu-nuoc": "Patriotic emulation",
            "ngay-le": "Campaigns greeting great holidays",
            "phoi-hop": "Joint action programme; the Front’s campaigns",
            "quy-vnn": "Fund for the poor against the assigned quota",
            "cuoc-van-dong": "The Front’s campaigns",
            "giam-sat": "Supervision, social criticism; the fight against corruption and waste",
            "so-cuoc-giam-sat": "Thematic supervisions (2.5 points each, at most 10)",
            "phan-bien": "Social criticism; the fight against corruption and waste",
            "doi-ngoai": "People-to-people diplomacy",
            "hieu-qua": "An effective Front; grassroots Fronts; congresses",
            "mttq-xa": "Target of 85% commune Front committees rated well or better met",
            "dai-hoi-xa": "Commune Front congresses on time",
            "khen-thuong": "Commendation work and advanced examples",
            "tp-danh-gia": "Assessment by the city Front (not self-assessed)",
        },
    )
    return _fields(
        c,
        sample=True,
        measures=(
            *fund_measures(),
            m.Input("supervisions", "Số cuộc giám sát chuyên đề", "Thematic supervisions", "cuộc"),
        ),
        flags=(
            m.Input(
                "ministry_flag",
                "Được tặng Cờ thi đua cấp Bộ, Thành phố trong năm",
                "Received a ministry or city emulation flag this year",
            ),
            m.Input(
                "government_flag",
                "Được tặng Cờ thi đua của Chính phủ trong năm",
                "Received the Government’s emulation flag this year",
            ),
        ),
        events=(
            m.Input(
                "commune_congresses_done",
                "Đại hội MTTQ cấp xã trên địa bàn huyện",
                "The commune Front congresses of the district",
            ),
            m.Input("district_congress", "Đại hội MTTQ huyện", "The district Front congress"),
        ),
        officials=(
            m.Official(
                "Đặng Thị Phương Hoa",
                "Phó Chủ tịch Ủy ban MTTQ Việt Nam thành phố Hà Nội",
                "Vice-chair of the Hà Nội Front",
                "thanh-pho-ha-noi",
            ),
        ),
        note=(
            "Theo bài báo về hội nghị ký giao ước thi đua năm 2024 của Cụm thi đua số 3 ngày 29/02/2024 tại huyện "
            "Thanh Trì: 5 đơn vị cấp huyện và 7 nội dung giao ước. Năm huyện của cụm suy ra từ các năm 2019–2020 "
            "(chưa xác minh); huyện Thanh Trì, nơi tổ chức hội nghị, được coi là cụm trưởng. Chỉ tiêu, thang điểm và "
            "khen thưởng là dữ liệu mẫu."
        ),
        note_en=(
            "From the report of the signing of 29 February 2024 in Thanh Trì: 5 district-level members and 7 "
            "contents. The five districts are inferred from 2019–2020 (unverified); Thanh Trì, the host, is taken "
            "as the head. Targets, rubric and awards are sample data."
        ),
    )


def ninh_thuan(c: m.Campaign) -> m.Campaign:
    """Seed 001: the provincial block of the Front and mass organizations, headed by the provincial Front."""
    c = curly_quotes(c)
    c = sources(c, areas="article", targets="article", members={"khoi-mat-tran-doan-the": "unverified"})
    # the article: "phát triển, bồi dưỡng, xây dựng và nhân rộng điển hình tiên tiến" (not "phát hiện"); the one
    # model per member is what the chair asked for in his speech, not a signed content
    c = rename(
        c,
        nd1_tuyen_truyen=(
            (
                "Tuyên truyền, vận động cán bộ, đoàn viên, hội viên và các tầng lớp Nhân dân thi đua trên tất cả các "
                "lĩnh vực, thiết thực chào mừng Đại hội đại biểu MTTQ Việt Nam các cấp, tiến tới Đại hội đại biểu "
                "toàn quốc MTTQ Việt Nam lần thứ X, nhiệm kỳ 2024–2029"
            ),
            None,
        ),
        nd3_dien_hinh=(
            "Chú trọng công tác phát triển, bồi dưỡng, xây dựng và nhân rộng điển hình tiên tiến, nhân tố mới",
            "Developing, fostering, building and spreading advanced examples and new factors",
        ),
    )
    successor_note = "Từ năm 2025 các tổ chức chính trị - xã hội trực thuộc Ủy ban MTTQ Việt Nam (Quy định 301-QĐ/TW)"
    units = tuple(
        _fields(
            u,
            lineage=tuple(
                _fields(link, note=successor_note, source="unverified")
                if "CHƯA XÁC MINH" in (link.note or "")
                else link
                for link in u.lineage
            ),
        )
        for u in c.units
    )
    agreement = _fields(
        c.agreements[0],
        name="Giao ước thi đua năm 2024 của Khối thi đua Mặt trận và Đoàn thể tỉnh",
        name_en="the 2024 agreement of the provincial block of the Front and mass organizations",
    )
    c = sample_rules(
        _fields(c, units=units, agreements=(agreement,)),
        {
            "tuyen-truyen": "Mobilisation greeting the Front congresses",
            "nhiem-vu": "The province’s development and the member’s political tasks",
            "mo-hinh": "Concrete models or products (1 model: 10 points; 2 or more: 15 points)",
            "to-chuc": "All Party and union bodies complete their tasks or better",
            "doan-ket": "Uniting and gathering members",
            "ngay-le": "Activities greeting the great holidays",
        },
    )
    return _fields(
        c,
        sample=True,
        measures=(
            m.Input(
                "models_built",
                "Số mô hình, sản phẩm cụ thể đã xây dựng",
                "Concrete models or products built",
                "mô hình",
            ),
        ),
        flags=(
            m.Input(
                "disciplined", "Có cán bộ bị kỷ luật trong năm", "A member of staff was disciplined during the year"
            ),
            m.Input(
                "central_flag",
                "Được tặng Cờ thi đua của cơ quan Trung ương trong năm",
                "Received an emulation flag from its central body this year",
            ),
        ),
        officials=(
            m.Official(
                "Lê Văn Bình",
                "Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
                "Member of the provincial Party standing committee, chair of the provincial Front",
                "mttq-ninh-thuan",
            ),
        ),
        note=(
            "Theo bài báo về hội nghị ký giao ước thi đua năm 2024 ngày 27/3/2024 của Khối thi đua Mặt trận và Đoàn "
            "thể tỉnh Ninh Thuận, do Ủy ban MTTQ Việt Nam tỉnh làm trưởng khối: các nội dung giao ước; yêu cầu mỗi "
            "đơn vị xây dựng ít nhất một mô hình, sản phẩm là đề nghị của đồng chí Chủ tịch tại hội nghị. Sáu thành "
            "viên của khối là thành viên năm 2023 (chưa xác minh cho năm 2024)."
        ),
        note_en=(
            "From the report of the signing of 27 March 2024 of the Ninh Thuận provincial block of the Front and "
            "mass organizations, headed by the provincial Front: the contents; one model or product per member is "
            "what the chair asked for at the meeting. The six members are those of 2023 (unverified for 2024)."
        ),
    )


def son_tay(c: m.Campaign) -> m.Campaign:
    """Seed 000: the 6 movements of 2024 and the signing by the Front of the 15 communes and wards."""
    c = curly_quotes(c)
    c = sources(c, areas="article", targets="sample", members={"xa-phuong-son-tay": "proposal"})
    # the six movements the article lists; the monthly meetings and the congresses were on the same agenda,
    # not among the signed contents
    c = rename(
        c,
        nd6_hieu_qua=(
            "Thi đua nâng cao hiệu quả hoạt động của MTTQ Việt Nam",
            "A more effective Vietnam Fatherland Front",
        ),
        nd7_dai_hoi=("Tổ chức Đại hội MTTQ Việt Nam các xã, phường nhiệm kỳ 2024–2029", None),
    )
    c = map_areas(c, lambda area: _fields(area, source="proposal") if area.id == "nd7-dai-hoi" else area)
    c = strip_marks(
        c, {" (ngày chưa xác minh)": "unverified"}, other="proposal"
    )  # later meetings and the review: proposals
    c = _milestones(
        c,
        lambda ms: (
            _fields(ms, source="sample")
            if ms.name and ms.name.startswith("Hạn hoàn thành")
            else _fields(ms, source="proposal")
            if ms.kind == "peak_month"
            else ms
        ),
    )
    c = _milestones(
        c,
        lambda ms: _fields(ms, name=ms.name.removesuffix(" (đề xuất)")) if ms.name else ms,
    )
    person = {"phuong-le-loi", "phuong-ngo-quyen", "phuong-quang-trung", "phuong-ngo-quyen-2025"}
    units = tuple(_fields(u, keep_capital=True) if u.id in person else u for u in c.units)
    agreement = _fields(
        c.agreements[0],
        name="Giao ước thi đua năm 2024 của Ủy ban MTTQ Việt Nam các xã, phường thị xã Sơn Tây",
        name_en="the 2024 agreement of the commune and ward Front committees of Sơn Tây town",
    )
    c = sample_rules(
        _fields(c, units=units, agreements=(agreement,)),
        {
            "yeu-nuoc": "Patriotic emulation",
            "van-dong": "Movements, campaigns and the fund for the poor",
            "quy-vnn": "Fund for the poor against the assigned quota",
            "gia-dinh-van-hoa": "Target of 85% cultured families met",
            "nguoi-tot-viec-tot": "“Good people, good deeds” examples (1 point each, at most 5)",
            "doan-ket": "Uniting ethnic groups and religions",
            "giam-sat": "Thematic supervisions (1: 5 points; 2: 10; 3 or more: 15)",
            "doi-ngoai": "People-to-people diplomacy",
            "hieu-qua": "An effective Front",
            "dai-hoi": "Commune Front congresses on time",
            "chat-luong": "Quality of work; new models",
            "cham-giao-ban": "Late monthly reports (1 point each, at most 5)",
        },
    )
    return _fields(
        c,
        sample=True,
        measures=(
            *fund_measures(),
            m.Input(
                "cultural_households",
                "Số hộ đạt danh hiệu “Gia đình văn hóa”",
                "Households recognised as “cultured families”",
                "hộ",
                "households",
            ),
            m.Input("households", "Tổng số hộ gia đình", "Households", "hộ", "households"),
            m.Input(
                "good_examples",
                "Số điển hình “Người tốt, việc tốt” được biểu dương",
                "“Good people, good deeds” examples honoured",
                "điển hình",
            ),
            m.Input("supervisions", "Số cuộc giám sát chuyên đề", "Thematic supervisions", "cuộc"),
            m.Input("late_monthly_reports", "Số lần chậm báo cáo giao ban tháng", "Late monthly reports", "lần"),
        ),
        events=(
            m.Input(
                "congress",
                "Đại hội MTTQ xã, phường nhiệm kỳ 2024–2029",
                "The commune Front congress of the 2024–2029 term",
            ),
        ),
        officials=(
            m.Official(
                "Nguyễn Thị Vân",
                "Ủy viên Ban Thường vụ Thị ủy, Chủ tịch Ủy ban MTTQ Việt Nam thị xã",
                "Member of the town Party standing committee, chair of the town Front",
                "thi-xa-son-tay",
            ),
        ),
        note=(
            "Theo bài báo về hội nghị ngày 20/02/2024 của Ban Thường trực Ủy ban MTTQ Việt Nam thị xã Sơn Tây: 6 "
            "phong trào thi đua năm 2024, việc ký giao ước của MTTQ 15 xã, phường, giao ban công tác tháng và việc "
            "triển khai Đại hội MTTQ các xã, phường. Việc 15 đơn vị ký chung một giao ước, không chia cụm, là đề xuất."
        ),
        note_en=(
            "From the report of the meeting of 20 February 2024 of the Sơn Tây town Front: the 6 movements of "
            "2024, the signing by the Front of the 15 communes and wards, the monthly meetings and the commune "
            "congresses. One agreement for all 15 units, without clusters, is a proposal."
        ),
    )


def thanh_xuan(c: m.Campaign) -> m.Campaign:
    """Seed 004: 9 contents launched for the Front and its member organizations; a programme; a ward agreement."""
    c = curly_quotes(c)
    # the nine contents are the article's, their split into nine areas is ours, as is the programme's content
    c = sources(c, areas="proposal", targets="sample", members={"khoi-phoi-hop": "proposal", "cum-phuong": "article"})
    block, wards = c.clusters
    block = _fields(
        block,
        name="Ủy ban MTTQ Việt Nam quận Thanh Xuân và các tổ chức thành viên",
        name_en="The district Front and its member organizations",
    )
    programme, ward_agreement = c.agreements
    # the article launches the nine contents "trong hệ thống MTTQ và các tổ chức thành viên từ quận đến cơ sở":
    # they apply to the district Front and its member organizations too
    shared = tuple(_fields(area, targets=()) for area in ward_agreement.content_areas)
    programme = _fields(
        programme,
        content_areas=(*shared, *programme.content_areas),
        name="Chương trình phối hợp công tác năm 2020 giữa Ủy ban MTTQ Việt Nam quận Thanh Xuân và các tổ chức "
        "thành viên",
        name_en="the 2020 coordination programme of the Thanh Xuân district Front and its member organizations",
    )
    ward_agreement = _fields(
        ward_agreement,
        name="Giao ước thi đua năm 2020 giữa Ủy ban MTTQ Việt Nam các phường quận Thanh Xuân",
        name_en="the 2020 agreement of the ward Front committees of Thanh Xuân",
    )
    c = strip_marks(c, {" (đề xuất)": "proposal"})

    def clean(note: str | None) -> str | None:
        if note is None:
            return None
        note = note.replace("; phần chính / main part", "; phần chính").replace("; một phần / a part", "; một phần")
        return note.replace(" (số hiệu CHƯA XÁC MINH / act number UNVERIFIED)", " (số hiệu văn bản chưa xác minh)")

    units = tuple(
        _fields(u, lineage=tuple(_fields(link, note=clean(link.note)) for link in u.lineage)) for u in c.units
    )
    c = sample_rules(
        _fields(c, units=units, clusters=(block, wards), agreements=(programme, ward_agreement)),
        {
            "doi-moi": "Better work and coordination",
            "chu-de-nam": "The city’s theme for 2020",
            "phong-trao": "Movements and campaigns",
            "quy-vnn": "Fund for the poor against the assigned quota",
            "cuoc-van-dong": "The Front’s campaigns",
            "chi-thi-05": "Directive 05-CT/TW",
            "ngay-hoi": "The national unity festival; 90 years of the Front",
            "ngay-hoi-khu-dan-cu": "Every residential group holds the festival",
            "ngay-hoi-dung-dip": "The festivals held by 18 November",
            "xay-dung-dang": "Building the Party and the government",
            "ton-giao": "No complex religious incident",
            "doi-ngoai": "People-to-people diplomacy",
            "nghi-quyet": "Plan for the Party congress resolution on time",
        },
    )
    return _fields(
        c,
        sample=True,
        measures=(
            m.Input(
                "joint_activities",
                "Số hoạt động chung đã phối hợp tổ chức",
                "Joint activities held",
                "hoạt động",
                "activities",
            ),
            m.Input(
                "joint_supervisions",
                "Số cuộc giám sát phối hợp đã tham gia",
                "Joint supervisions taken part in",
                "cuộc",
            ),
            *fund_measures(),
            m.Input(
                "festivals_held",
                "Số tổ dân phố tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
                "Residential groups that held the national unity festival",
                "tổ dân phố",
                "groups",
            ),
            m.Input("residential_groups", "Tổng số tổ dân phố", "Residential groups", "tổ dân phố", "groups"),
            m.Input(
                "religious_incidents",
                "Số vụ việc phức tạp liên quan đến tôn giáo",
                "Complex incidents involving religion",
                "vụ việc",
                "incidents",
            ),
        ),
        events=(
            m.Input(
                "mid_year_report",
                "Gửi báo cáo sơ kết 6 tháng chương trình phối hợp",
                "The mid-year report of the programme sent",
            ),
            m.Input(
                "last_festival",
                "Ngày hội Đại đoàn kết toàn dân tộc ở tổ dân phố cuối cùng",
                "The last residential group’s national unity festival",
            ),
            m.Input(
                "resolution_plan",
                "Ban hành kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ phường",
                "The plan for the ward Party congress resolution issued",
            ),
        ),
        officials=(
            m.Official(
                "Khổng Minh Thảo",
                "Ủy viên Ban Thường vụ Quận ủy, Chủ tịch Ủy ban MTTQ Việt Nam quận",
                "Member of the district Party standing committee, chair of the district Front",
                "quan-thanh-xuan",
            ),
        ),
        note=(
            "Theo bài báo về hội nghị ngày 09/01/2020 của Ủy ban MTTQ Việt Nam quận Thanh Xuân: phát động 9 nội dung "
            "thi đua trong hệ thống MTTQ và các tổ chức thành viên từ quận đến cơ sở, ký chương trình phối hợp công "
            "tác giữa Ủy ban MTTQ quận với các tổ chức thành viên và ký giao ước thi đua giữa Ủy ban MTTQ 11 phường. "
            "Bài báo không nêu tên các tổ chức thành viên."
        ),
        note_en=(
            "From the report of the meeting of 9 January 2020 of the Thanh Xuân district Front: 9 emulation "
            "contents launched for the Front and its member organizations at every level, a coordination programme "
            "of the district Front and its member organizations, and an agreement among the Front committees of the "
            "11 wards. The report does not name the member organizations."
        ),
    )


def history_notes(history: m.History, years: str) -> m.History:
    """A history's notes: sample data, in Vietnamese and in English."""
    return _fields(
        history,
        note=SAMPLE_RESULTS_NOTE.replace("năm {year}", f"các năm {years}").format(year=years),
        note_en=SAMPLE_RESULTS_NOTE_EN.format(year=years),
    )
