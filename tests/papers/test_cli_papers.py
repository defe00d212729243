"""``thidua papers``: the three papers of each cluster from the command line, or nothing and the problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

import thidua  # noqa: E402
from thidua.cli import main  # noqa: E402

EXAMPLE = Path(thidua.examples.path("an-minh-2022", "campaign")).parent
CAMPAIGN = str(EXAMPLE / "campaign.json")
RESULTS = str(EXAMPLE / "results.json")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_every_paper_with_the_computed_awards(capsys, tmp_path):
    details = tmp_path / "giay-to.json"
    details.write_text(
        json.dumps({"place": "An Minh", "clusters": {"cum-1": {"chair": "Nguyễn Văn A"}}}, ensure_ascii=False),
        encoding="utf-8",
    )
    out_dir = tmp_path / "giay-to"
    code, out, _err = run(
        capsys, "papers", CAMPAIGN, RESULTS, "-o", str(out_dir), "--proposals", "computed", "--details", str(details)
    )
    assert code == 0
    assert out.splitlines()[0] == "Dữ liệu mẫu — không phải kết quả thật"
    assert f"Đã ghi {out_dir / 'cum-1-bien-ban.docx'}" in out
    assert len(list(out_dir.iterdir())) == 7
    minutes = docx.Document(out_dir / "cum-1-bien-ban.docx")
    texts = [p.text for p in minutes.paragraphs]
    assert "Chủ trì (chủ tọa): Nguyễn Văn A." in texts
    # the self-assessed points come from an evaluation at the first stage
    assert [c.text for c in minutes.tables[1].rows[0].cells][2] == "Điểm tự chấm"
    proposal = docx.Document(out_dir / "cum-1-to-trinh.docx")
    right = proposal.tables[0].rows[0].cells[1]
    assert right.paragraphs[-1].text == "An Minh, ngày … tháng … năm …"


def test_a_meeting_that_broke_the_rules_writes_nothing(capsys, tmp_path):
    code, _out, err = run(capsys, "papers", CAMPAIGN, RESULTS, "-o", str(tmp_path / "out"))
    assert code == 1
    assert "hội nghị Cụm thi đua số 2 đề nghị Xã Đông Thạnh nhận Cờ thi đua" in err
    assert "decisions[1].proposals[0]" in err
    assert not (tmp_path / "out").exists()


def test_in_english_and_one_cluster(capsys, tmp_path):
    code, out, _err = run(
        capsys, "papers", CAMPAIGN, RESULTS, "-o", str(tmp_path), "--cluster", "cum-1", "--lang", "en"
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cum-1-minutes.docx",
        "cum-1-proposal.docx",
        "cum-1-report.docx",
        "summary-report.docx",
    ]
    assert "Sample data — not real results" in out


def test_a_bad_details_file(capsys, tmp_path):
    details = tmp_path / "d.json"
    details.write_text('{"started": "noon"}', encoding="utf-8")
    code, _out, err = run(capsys, "papers", CAMPAIGN, RESULTS, "-o", str(tmp_path / "o"), "--details", str(details))
    assert code == 1
    assert "started: phải là giờ trong ngày, ví dụ “14:00”, nhưng ghi 'noon'" in err
    assert not (tmp_path / "o").exists()
