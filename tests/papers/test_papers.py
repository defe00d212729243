"""The papers an office signs: each file is read back with python-docx and checked line by line.

Expected values come from the An Minh 2022 sample (see tests/tables for the arithmetic of the
totals): cluster 1 totals 98, 93, 90, 89.9999999 and 76.5 after the stage "Ban Thường trực";
the cluster's review changed Vân Khánh's "ntm-dtvm" from 14 to 13 and Vân Khánh Tây's "doi-moi"
from 14 to 13, so their self-assessed totals are 99 and 90.9999999. Cluster 2: 99, 96, 94, 94,
82, 72; the flag goes to Thứ Mười Một (rank 1, every target met) and the Giấy khen (50% of 6 = 3,
rated HTT or better, not holding the flag) to Đông Thạnh, Đông Hòa and Tân Thạnh by rank.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

docx = pytest.importorskip("docx")

import thidua  # noqa: E402
from problem_text import en  # noqa: E402
from thidua import papers  # noqa: E402
from thidua.errors import DataError, MissingExtraError  # noqa: E402
from thidua.papers._docx import text_width_pt  # noqa: E402


@pytest.fixture(scope="module")
def ev(an_minh, an_minh_results):
    return thidua.evaluate(an_minh, an_minh_results)


@pytest.fixture(scope="module")
def self_ev(an_minh, an_minh_results):
    return thidua.evaluate(an_minh, an_minh_results, stage="tu-cham")


def _texts(document):
    return [p.text for p in document.paragraphs]


def _rows(table):
    return [[c.text for c in row.cells] for row in table.rows]


def _header(document):
    left, right = document.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs if p.text], [p.text for p in right.paragraphs if p.text]


def _fields(part):
    return [el for el in part._element.iter() if el.tag.endswith("}fldSimple")]


@pytest.fixture(scope="module")
def minutes(ev, an_minh, an_minh_results, self_ev, tmp_path_factory):
    path = tmp_path_factory.mktemp("minutes") / "bien-ban.docx"
    written = papers.write_minutes(ev, an_minh, "cum-1", path, results=an_minh_results, self_assessed=self_ev)
    assert written == path
    return docx.Document(path)


class TestMinutes:
    @pytest.fixture
    def doc(self, minutes):
        return minutes

    def test_header_in_the_layout_of_decree_30(self, doc):
        left, right = _header(doc)
        assert left == ["CỤM THI ĐUA SỐ 1", "Số: …/BB-…"]
        # a record has no place-and-date line (Mẫu 1.9)
        assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

    def test_page_font_and_margins(self, doc):
        s = doc.sections[0]
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        margins = (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
        assert [round(x.mm) for x in margins] == [20, 20, 30, 15]
        normal = doc.styles["Normal"]
        assert normal.font.name == "Times New Roman"
        assert normal.font.size.pt == 14
        runs = [r for p in doc.paragraphs for r in p.runs]
        assert runs
        assert all(r.font.name in (None, "Times New Roman") for r in runs)

    def test_title_and_opening(self, doc):
        text = _texts(doc)
        at = text.index("BIÊN BẢN")
        assert text[at + 1] == "Họp bình xét thi đua năm 2022 của Cụm thi đua số 1"
        assert "Thời gian bắt đầu: … giờ … phút, ngày 12 tháng 12 năm 2022." in text
        assert "Địa điểm: ………………." in text
        assert (
            "Các đơn vị thành viên của cụm (05 đơn vị): xã Vân Khánh, xã Đông Hưng B, xã Vân Khánh Đông, "
            "xã Vân Khánh Tây và xã Đông Hưng A."
        ) in text
        assert "Cuộc họp kết thúc vào … giờ … phút, ngày 12 tháng 12 năm 2022./." in text

    def test_scores_with_self_assessment_in_full(self, doc):
        table = doc.tables[1]
        assert _rows(table) == [
            ["STT", "Đơn vị", "Điểm tự chấm", "Điểm", "Xếp thứ theo điểm", "Xếp loại"],
            ["1", "Xã Vân Khánh", "99", "98", "1", "Hoàn thành xuất sắc nhiệm vụ"],
            ["2", "Xã Đông Hưng B", "93", "93", "2", "Hoàn thành tốt nhiệm vụ"],
            ["3", "Xã Vân Khánh Đông", "90", "90", "3", "Hoàn thành tốt nhiệm vụ"],
            ["4", "Xã Vân Khánh Tây", "90,9999999", "89,9999999", "4", "Hoàn thành tốt nhiệm vụ"],
            ["5", "Xã Đông Hưng A", "76,5", "76,5", "5", "Hoàn thành tốt nhiệm vụ"],
        ]

    def test_decided_order_beside_the_computed_ranks(self, doc):
        assert _rows(doc.tables[2]) == [
            ["Thứ tự thống nhất", "Đơn vị", "Xếp thứ theo điểm"],
            ["1", "Xã Vân Khánh", "1"],
            ["2", "Xã Đông Hưng B", "2"],
            ["3", "Xã Vân Khánh Tây", "4"],
            ["4", "Xã Vân Khánh Đông", "3"],
            ["5", "Xã Đông Hưng A", "5"],
        ]

    def test_proposals_and_the_check(self, doc):
        text = _texts(doc)
        at = text.index("Hội nghị thống nhất đề nghị:")
        assert text[at + 1] == "- Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh: xã Vân Khánh."
        at = text.index("Đối chiếu với kết quả chấm điểm và quy định của phong trào:")
        assert text[at + 1].startswith("- Thứ tự do hội nghị quyết định")
        assert text[at + 1].endswith(".")

    def test_signatures_and_recipients(self, doc):
        cells = doc.tables[3].rows[0].cells
        assert [p.text for p in cells[0].paragraphs if p.text] == ["THƯ KÝ", "………………"]
        assert [p.text for p in cells[1].paragraphs if p.text] == ["CHỦ TỌA", "………………"]
        text = _texts(doc)
        assert text[-2:] == ["Nơi nhận:", "- Lưu: VT, Hồ sơ."]

    def test_fingerprint_footer_sample_banner_and_page_numbers(self, doc, ev):
        s = doc.sections[0]
        assert s.different_first_page_header_footer
        for footer in (s.first_page_footer, s.footer):
            assert footer.paragraphs[0].text == (
                f"Số liệu do thidua {thidua.__version__} tính từ kết quả đánh giá có mã kiểm tra {ev.fingerprint}"
            )
        assert s.first_page_header.paragraphs[0].text == "DỮ LIỆU MẪU — KHÔNG PHẢI KẾT QUẢ THẬT"
        assert s.header.paragraphs[0].text == "DỮ LIỆU MẪU — KHÔNG PHẢI KẾT QUẢ THẬT"
        # the page number from page 2 on: a PAGE field in the header, none on the first page
        assert [f.get(docx.oxml.ns.qn("w:instr")) for f in _fields(s.header)] == ["PAGE"]
        assert _fields(s.first_page_header) == []

    def test_the_motto_rule_is_as_long_as_the_motto(self, doc):
        right = doc.tables[0].rows[0].cells[1]
        rule = right.paragraphs[2]
        assert rule.text == ""
        assert rule._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None
        width = right.width.pt - 2 * 1.905 * 72 / 25.4
        drawn = width - rule.paragraph_format.left_indent.pt - rule.paragraph_format.right_indent.pt
        assert drawn == pytest.approx(text_width_pt("Độc lập - Tự do - Hạnh phúc", 14, bold=True), abs=1)


def test_minutes_with_the_details_the_campaign_does_not_hold(ev, an_minh, an_minh_results, tmp_path):
    details = papers.Details(
        superior="Ủy ban MTTQ Việt Nam huyện An Minh",
        symbol="CTĐ1",
        started=dt.time(14, 0),
        ended=dt.time(16, 30),
        venue="Hội trường Ủy ban MTTQ Việt Nam xã Vân Khánh Tây",
        chair="Nguyễn Văn A",
        secretary="Trần Thị B",
        votes={"xa-van-khanh": papers.Vote(5, 5), "xa-dong-hung-b": papers.Vote(4, 5)},
        next_head="xã Vân Khánh",
        next_deputy="xã Đông Hưng B",
        minutes={"number": "03"},
    )
    path = papers.write_minutes(ev, an_minh, "cum-1", tmp_path / "bb.docx", results=an_minh_results, details=details)
    doc = docx.Document(path)
    left, _right = _header(doc)
    assert left == ["ỦY BAN MTTQ VIỆT NAM HUYỆN AN MINH", "CỤM THI ĐUA SỐ 1", "Số: 03/BB-CTĐ1"]
    text = _texts(doc)
    assert "Thời gian bắt đầu: 14 giờ 00 phút, ngày 12 tháng 12 năm 2022." in text
    assert "Chủ trì (chủ tọa): Nguyễn Văn A." in text
    assert "Hội nghị thống nhất bầu xã Vân Khánh làm cụm trưởng, xã Đông Hưng B làm cụm phó năm 2023." in text
    assert "Cuộc họp kết thúc vào 16 giờ 30 phút, ngày 12 tháng 12 năm 2022./." in text
    scores = _rows(doc.tables[1])
    assert scores[0][-1] == "Số phiếu đồng ý"
    assert [r[-1] for r in scores[1:]] == ["5/5 (100%)", "4/5 (80%)", "", "", ""]
    signatures = doc.tables[3].rows[0].cells
    assert [p.text for p in signatures[1].paragraphs if p.text] == ["CHỦ TỌA", "Nguyễn Văn A"]


class TestProposal:
    def test_the_meetings_proposal_and_its_list_on_a_page_of_its_own(self, ev, an_minh, an_minh_results, tmp_path):
        path = papers.write_proposal(
            ev,
            an_minh,
            "cum-1",
            tmp_path / "tt.docx",
            results=an_minh_results,
            place="An Minh",
            date=dt.date(2022, 12, 15),
            addressees=["Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Kiên Giang"],
            bases=["Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003"],
            signer="Nguyễn Văn A",
        )
        doc = docx.Document(path)
        left, right = _header(doc)
        assert left == ["CỤM THI ĐUA SỐ 1", "Số: …/TTr-…"]
        assert right[-1] == "An Minh, ngày 15 tháng 12 năm 2022"
        text = _texts(doc)
        at = text.index("TỜ TRÌNH")
        assert text[at + 1] == "Đề nghị khen thưởng thi đua năm 2022"
        assert "Kính gửi: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Kiên Giang" in text
        assert text[text.index("Kính gửi: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Kiên Giang") + 1 :][:3] == [
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;",
            "Căn cứ kết quả chấm điểm, xếp loại thi đua năm 2022 của Cụm thi đua số 1;",
            "Căn cứ Biên bản họp bình xét thi đua của Cụm thi đua số 1 ngày 12/12/2022.",
        ]
        assert "- Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh: 01 tập thể." in text
        assert (
            "Cụm thi đua số 1 kính trình Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Kiên Giang xem xét, quyết định./."
        ) in text
        signature = doc.tables[1].rows[0].cells
        assert [p.text for p in signature[1].paragraphs if p.text] == [
            "TM. CỤM THI ĐUA SỐ 1",
            "CỤM TRƯỞNG",
            "Nguyễn Văn A",
        ]
        assert [p.text for p in signature[0].paragraphs if p.text] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, …."]
        listing = text.index("DANH SÁCH")
        assert doc.paragraphs[listing].paragraph_format.page_break_before
        assert text[listing + 2] == ("(Kèm theo Tờ trình số …/TTr-… ngày 15 tháng 12 năm 2022 của Cụm thi đua số 1)")
        assert _rows(doc.tables[-1]) == [
            ["STT", "Tên tập thể", "Hình thức khen thưởng đề nghị", "Tóm tắt thành tích", "Ghi chú"],
            [
                "1",
                "Xã Vân Khánh",
                "Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh",
                "Xếp thứ 1/5 đơn vị của Cụm thi đua số 1; đạt 98 điểm; Hoàn thành xuất sắc nhiệm vụ; đạt 04/4 chỉ tiêu",
                "",
            ],
        ]

    def test_a_meeting_that_proposed_what_the_rules_forbid_is_refused(self, ev, an_minh, an_minh_results, tmp_path):
        with pytest.raises(DataError) as info:
            papers.write_proposal(ev, an_minh, "cum-2", tmp_path / "tt.docx", results=an_minh_results)
        assert [(p.path, p.code) for p in info.value.problems] == [
            ("decisions[1].proposals[0]", "paper-proposal-ineligible"),
            ("decisions[1].proposals", "paper-proposal-over-quota"),
        ]
        assert en(info.value)[0] == (
            "decisions[1].proposals[0]: the meeting of Cụm thi đua số 2 proposed Xã Đông Thạnh for Cờ thi đua của "
            "Ủy ban MTTQ Việt Nam tỉnh, but the unit is not eligible; correct the meeting's record, or propose the "
            "awards the rules grant (--proposals computed)"
        )
        assert info.value.problems[1].render("vi", source=False) == (
            "decisions[1].proposals: hội nghị Cụm thi đua số 2 đề nghị 2 đơn vị nhận Cờ thi đua của Ủy ban MTTQ "
            "Việt Nam tỉnh, vượt số lượng tối đa 1; hãy sửa biên bản hội nghị trong tệp kết quả, hoặc đề nghị "
            "theo kết quả tính (--proposals computed)"
        )
        assert list(tmp_path.iterdir()) == []

    def test_the_computed_awards(self, ev, an_minh, an_minh_results, tmp_path):
        path = papers.write_proposal(
            ev, an_minh, "cum-2", tmp_path / "tt.docx", results=an_minh_results, proposals="computed"
        )
        doc = docx.Document(path)
        assert [(r[1], r[2]) for r in _rows(doc.tables[-1])[1:]] == [
            ("Thị trấn Thứ Mười Một", "Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh"),
            ("Xã Đông Thạnh", "Giấy khen của Ủy ban MTTQ Việt Nam huyện"),
            ("Xã Đông Hòa", "Giấy khen của Ủy ban MTTQ Việt Nam huyện"),
            ("Xã Tân Thạnh", "Giấy khen của Ủy ban MTTQ Việt Nam huyện"),
        ]
        text = _texts(doc)
        assert "- Cờ thi đua của Ủy ban MTTQ Việt Nam tỉnh: 01 tập thể;" in text
        assert "- Giấy khen của Ủy ban MTTQ Việt Nam huyện: 03 tập thể." in text
        # without the meeting's proposals, no minutes are cited
        assert not any(t.startswith("Căn cứ Biên bản") for t in text)

    def test_dates_are_padded_as_decree_30_says(self, ev, an_minh, tmp_path):
        for day, shown in (
            (dt.date(2023, 1, 5), "ngày 05 tháng 01 năm 2023"),
            (dt.date(2023, 3, 5), "ngày 05 tháng 3 năm 2023"),
        ):
            path = papers.write_proposal(ev, an_minh, "cum-1", tmp_path / "tt.docx", date=day)
            assert _header(docx.Document(path))[1][-1] == f"………………, {shown}"

    def test_in_english(self, ev, an_minh, tmp_path):
        path = papers.write_proposal(ev, an_minh, "cum-1", tmp_path / "tt.docx", locale="en")
        text = _texts(docx.Document(path))
        assert "PROPOSAL" in text
        assert "- Emulation flag of the provincial Front: 1 collectives;" in text


class TestSummary:
    def test_a_clusters_report(self, ev, an_minh, an_minh_results, tmp_path):
        path = papers.write_summary(
            ev, an_minh, "cum-2", tmp_path / "bc.docx", results=an_minh_results, proposals="computed"
        )
        doc = docx.Document(path)
        text = _texts(doc)
        at = text.index("BÁO CÁO")
        assert text[at + 1 : at + 3] == ["Tổng kết công tác thi đua năm 2022", "Cụm thi đua số 2"]
        assert text[at + 4] == (
            "Thực hiện giao ước thi đua năm 2022 ký ngày 13 tháng 4 năm 2022, Cụm thi đua số 2 báo cáo kết quả "
            "công tác thi đua năm 2022 như sau:"
        )
        assert "Cụm trưởng: xã Đông Thạnh." in text
        tables = [_rows(t) for t in doc.tables[1:]]
        cluster_targets = tables[0]
        assert [r[2] for r in cluster_targets[1:]] == [
            # the commune-Front targets are decided over all signatories of the agreement (scope: agreement)
            "11/11 (100%); yêu cầu: từ 100% trở lên",
            "4/11 (36,4%); yêu cầu: từ 30% trở lên",
        ]
        assert [r[3] for r in cluster_targets[1:]] == ["Đạt", "Đạt"]
        grades = next(t for t in tables if t[0][0] == "Xếp loại")
        assert grades[1:] == [["Hoàn thành xuất sắc nhiệm vụ", "03", "50%"], ["Hoàn thành tốt nhiệm vụ", "03", "50%"]]
        ranking = next(t for t in tables if t[0][-1] == "Xếp thứ")
        assert [(r[1], r[2], r[4]) for r in ranking[1:]] == [
            ("Thị trấn Thứ Mười Một", "99", "1"),
            ("Xã Đông Thạnh", "96", "2"),
            ("Xã Đông Hòa", "94", "3"),
            ("Xã Tân Thạnh", "94", "3"),
            ("Xã Thuận Hòa", "82", "5"),
            ("Xã Đông Hưng", "72", "6"),
        ]
        assert "Đơn vị dẫn đầu cụm: thị trấn Thứ Mười Một (99 điểm)." in text
        assert "- Giấy khen của Ủy ban MTTQ Việt Nam huyện: xã Đông Thạnh, xã Đông Hòa và xã Tân Thạnh." in text
        assert text[-1] == "" or "./." in "".join(text)

    def test_the_campaigns_report(self, ev, an_minh, tmp_path):
        path = papers.write_summary(ev, an_minh, None, tmp_path / "bc.docx")
        doc = docx.Document(path)
        left, _right = _header(doc)
        assert left[0] == "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM HUYỆN AN MINH"
        text = _texts(doc)
        assert "Có 11 đơn vị được đánh giá, thuộc 02 cụm, khối thi đua." in text
        grades = next(_rows(t) for t in doc.tables[1:] if _rows(t)[0][0] == "Xếp loại")
        # 1 + 3 rated HTXS, 4 + 3 rated HTT, of 11 communes
        assert grades[1:] == [
            ["Hoàn thành xuất sắc nhiệm vụ", "04", "36,4%"],
            ["Hoàn thành tốt nhiệm vụ", "07", "63,6%"],
        ]
        leaders = next(_rows(t) for t in doc.tables[1:] if _rows(t)[0][-2:] == ["Đơn vị dẫn đầu", "Điểm"])
        assert leaders[1:] == [
            ["1", "Cụm thi đua số 1", "Xã Vân Khánh", "98"],
            ["2", "Cụm thi đua số 2", "Thị trấn Thứ Mười Một", "99"],
        ]


class TestWritePapers:
    def test_every_paper_of_every_cluster(self, ev, an_minh, an_minh_results, tmp_path):
        done = papers.write_papers(ev, an_minh, tmp_path, results=an_minh_results, proposals="computed")
        names = ["cum-1-bien-ban.docx", "cum-1-to-trinh.docx", "cum-1-bao-cao.docx"]
        names += ["cum-2-bien-ban.docx", "cum-2-to-trinh.docx", "cum-2-bao-cao.docx", "bao-cao-tong-ket.docx"]
        assert [p.name for p in done.paths] == names
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
        assert done.without_proposal == ()

    def test_nothing_is_written_when_one_cluster_is_refused(self, ev, an_minh, an_minh_results, tmp_path):
        with pytest.raises(DataError) as info:
            papers.write_papers(ev, an_minh, tmp_path / "out", results=an_minh_results)
        assert {p.code for p in info.value.problems} == {"paper-proposal-ineligible", "paper-proposal-over-quota"}
        assert len(info.value.problems) == 2  # the proposal and the report of cluster 2 share their problems
        assert not (tmp_path / "out").exists()

    def test_a_failure_while_writing_leaves_no_partial_set(self, ev, an_minh, monkeypatch, tmp_path):
        from thidua.papers import _docx

        calls = []
        real = _docx.Paper.save

        def failing(self, path):
            calls.append(path)
            if len(calls) == 3:
                raise OSError(28, "No space left on device")
            real(self, path)

        monkeypatch.setattr(_docx.Paper, "save", failing)
        with pytest.raises(OSError):
            papers.write_papers(ev, an_minh, tmp_path, proposals="computed")
        assert list(tmp_path.iterdir()) == []

    def test_unknown_cluster(self, ev, an_minh, tmp_path):
        with pytest.raises(DataError) as info:
            papers.write_papers(ev, an_minh, tmp_path, clusters=["cum-9"])
        assert en(info.value) == ("the evaluation has no cluster 'cum-9'; it has cum-1, cum-2",)

    def test_results_that_were_not_evaluated(self, ev, an_minh, an_minh_results, tmp_path):
        import attrs

        first = an_minh_results.decisions[0]
        other = attrs.evolve(an_minh_results, decisions=[attrs.evolve(first, order=list(reversed(first.order)))])
        with pytest.raises(DataError) as info:
            papers.write_minutes(ev, an_minh, "cum-1", tmp_path / "bb.docx", results=other)
        assert [p.code for p in info.value.problems] == ["paper-results-mismatch"]

    def test_only_docx(self, ev, an_minh, tmp_path):
        with pytest.raises(DataError) as info:
            papers.write_minutes(ev, an_minh, "cum-1", tmp_path / "bb.pdf")
        assert en(info.value) == ("cannot write a paper to 'bb.pdf'; use .docx",)


class TestDetailsFile:
    def test_json_toml_and_yaml(self, tmp_path):
        (tmp_path / "d.json").write_text(
            json.dumps(
                {"place": "An Minh", "date": "2022-12-15", "clusters": {"cum-1": {"minutes": {"started": "8:30"}}}}
            ),
            encoding="utf-8",
        )
        toml = 'place = "An Minh"\n[clusters.cum-1.votes]\nxa-a = {agree = 4, total = 5}\n'
        (tmp_path / "d.toml").write_text(toml, "utf-8")
        (tmp_path / "d.yaml").write_text("signer: Nguyễn Văn A\naddressees: [Ban Thường trực]\n", encoding="utf-8")
        j = papers.load_details(tmp_path / "d.json")
        assert j.resolve("cum-1", "minutes").started == dt.time(8, 30)
        assert j.resolve("cum-1", "proposal").started is None
        t = papers.load_details(tmp_path / "d.toml")
        assert t.resolve("cum-1", "minutes").votes == {"xa-a": papers.Vote(4, 5)}
        y = papers.load_details(tmp_path / "d.yaml")
        assert y.addressees == ("Ban Thường trực",)

    def test_every_problem_with_its_path(self, tmp_path):
        bad = {
            "place": 5,
            "started": "25:00",
            "colour": "red",
            "clusters": {"cum-1": {"votes": {"xa-a": {"agree": 6, "total": 5}}}},
        }
        (tmp_path / "d.json").write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(DataError) as info:
            papers.load_details(tmp_path / "d.json")
        assert info.value.source == str(tmp_path / "d.json")
        assert sorted(en(info.value)) == [
            "clusters.cum-1.votes.xa-a.agree: 6 votes in favour is more than the 5 cast",
            "colour: unknown field 'colour'",
            "place: expected a text, got 5",
            "started: expected a time of day such as '14:00', got '25:00'",
        ]

    def test_votes_on_a_unit_the_campaign_lacks(self, ev, an_minh, tmp_path):
        with pytest.raises(DataError) as info:
            papers.write_minutes(ev, an_minh, "cum-1", tmp_path / "bb.docx", votes={"xa-z": papers.Vote(1, 2)})
        assert en(info.value) == ("votes.xa-z: the campaign has no unit 'xa-z'",)


def test_without_python_docx(ev, an_minh, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError) as info:
        papers.write_minutes(ev, an_minh, "cum-1", tmp_path / "bb.docx")
    assert info.value.extra == "papers"
    assert list(tmp_path.iterdir()) == []


def test_the_guides_details_file(ev, an_minh, an_minh_results, tmp_path):
    from pathlib import Path

    pytest.importorskip("yaml")
    guide = Path(__file__).resolve().parents[2] / "docs" / "huong-dan" / "vi-du" / "giay-to.yaml"
    details = papers.load_details(guide)
    assert details.resolve("cum-1", "minutes").votes["xa-van-khanh-tay"] == papers.Vote(4, 5)
    done = papers.write_papers(ev, an_minh, tmp_path, results=an_minh_results, details=details, proposals="computed")
    assert len(done.paths) == 7
    left, right = _header(docx.Document(tmp_path / "cum-2-to-trinh.docx"))
    assert left == ["ỦY BAN MTTQ VIỆT NAM HUYỆN AN MINH", "CỤM THI ĐUA SỐ 2", "Số: …/TTr-CTĐ2"]
    assert right[-1] == "An Minh, ngày 15 tháng 12 năm 2022"
