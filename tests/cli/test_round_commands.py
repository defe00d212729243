"""The command line of the year's round: bundled campaigns by name, files out, collect, review and meeting templates."""

from __future__ import annotations

import io
import json
import os

import openpyxl
import pytest

import thidua
from thidua.cli import main

RESULTS = str(thidua.examples.path("an-minh-2022", "results"))
CAMPAIGN = str(thidua.examples.path("an-minh-2022"))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- bundled campaigns by name ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("validate", "an-minh-2022", RESULTS),
        ("explain", "an-minh-2022", RESULTS, "xa-van-khanh-tay"),
    ],
)
def test_a_bundled_campaign_is_taken_by_its_name(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert out


def test_template_and_evaluate_of_a_bundled_campaign_by_name(capsys, tmp_path):
    code, _out, err = run(capsys, "template", "an-minh-2022", "-o", str(tmp_path / "mau.xlsx"))
    assert code == 0, err
    code, _out, err = run(capsys, "evaluate", "an-minh-2022", RESULTS, "-o", str(tmp_path / "r.json"))
    # the sample's cluster 2 proposes two flags for one place: the report is written, the exit code says so
    assert code == 5, err
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["campaign"]["id"] == "an-minh-2022"


def test_an_unknown_name_lists_the_bundled_campaigns(capsys, tmp_path):
    code, _out, err = run(capsys, "evaluate", "an-minh-2023", RESULTS, "-o", str(tmp_path / "r.json"), "--lang", "en")
    assert code == 1
    names = ", ".join(thidua.examples.names())
    assert f"no file 'an-minh-2023', and no bundled campaign of that name (bundled campaigns: {names})" in err
    code, _out, err = run(capsys, "validate", "an-minh-2023")
    assert code == 1
    assert "không có tệp “an-minh-2023”, cũng không có phong trào có sẵn nào tên như vậy" in err
    assert not (tmp_path / "r.json").exists()


# -- files out ---------------------------------------------------------------------------------------


@pytest.fixture
def copied(tmp_path):
    campaign = tmp_path / "campaign.json"
    results = tmp_path / "results.json"
    campaign.write_bytes(thidua.examples.path("an-minh-2022").read_bytes())
    results.write_bytes(thidua.examples.path("an-minh-2022", "results").read_bytes())
    return campaign, results


@pytest.mark.parametrize(
    "argv",
    [
        ("evaluate", "{c}", "{r}", "-o", "{r}"),
        ("evaluate", "{c}", "{r}", "-o", "{c}"),
        ("evaluate", "{c}", "{r}", "-o", "{d}/./results.json"),
        ("evaluate", "{c}", "{r}", "-o", "{link}"),
        ("convert", "{r}", "{r}"),
        ("template", "{c}", "-o", "{c}"),
        ("template", "{c}", "--stage", "cum-tham-dinh", "--results", "{r}", "-o", "{r}"),
        ("collect", "{c}", "{r}", "-o", "{r}"),
    ],
    ids=[
        "evaluate-over-results",
        "evaluate-over-campaign",
        "another-spelling",
        "a-hard-link",
        "convert",
        "template",
        "review-template",
        "collect",
    ],
)
def test_an_output_that_is_an_input_is_refused_and_nothing_is_touched(capsys, tmp_path, copied, argv):
    campaign, results = copied
    os.link(results, tmp_path / "link.json")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    filled = [a.format(c=campaign, r=results, d=tmp_path, link=tmp_path / "link.json") for a in argv]
    code, _out, err = run(capsys, *filled, "--lang", "en")
    assert code == 1, err
    assert "the output is the input file" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_an_output_in_a_missing_folder_creates_it_and_says_so(capsys, tmp_path):
    target = tmp_path / "bao-cao" / "2022" / "r.html"
    code, _out, err = run(capsys, "evaluate", CAMPAIGN, RESULTS, "-o", str(target), "--lang", "en")
    assert code == 5, err  # written; the sample meeting's proposals break the rules (exit code 5)
    assert target.is_file()
    assert f"Created the folder {target.parent}" in err
    code, _out, err = run(capsys, "schema", "results", "-o", str(tmp_path / "s" / "results.schema.json"))
    assert code == 0
    assert f"Đã tạo thư mục {tmp_path / 's'}" in err


def test_a_failed_run_leaves_no_folder_behind(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    code, _out, _err = run(capsys, "evaluate", CAMPAIGN, str(bad), "-o", str(tmp_path / "new" / "r.html"))
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


# -- collect -------------------------------------------------------------------------------------------


def _filled_template(capsys, tmp_path, name, values):
    path = tmp_path / name
    code, _out, err = run(capsys, "template", "an-minh-2022", "-o", str(path))
    assert code == 0, err
    wb = openpyxl.load_workbook(path)
    ws = wb["Xã, thị trấn"]
    keys = {ws.cell(row=2, column=j).value: j for j in range(1, ws.max_column + 1)}
    rows = {ws.cell(row=r, column=2).value: r for r in range(3, ws.max_row + 1)}
    for unit, cells in values.items():
        for key, value in cells.items():
            ws.cell(row=rows[unit], column=keys[key]).value = value
    wb.save(path)
    return path


def test_collect_writes_the_merged_results_or_nothing(capsys, tmp_path):
    one = _filled_template(
        capsys, tmp_path, "a.xlsx", {"xa-van-khanh": {"measure:fund_raised": 5, "measure:fund_quota": 4}}
    )
    two = _filled_template(
        capsys, tmp_path, "b.xlsx", {"xa-dong-thanh": {"measure:fund_raised": 7, "measure:fund_quota": 6}}
    )
    out = tmp_path / "kq" / "results.json"
    code, stdout, err = run(capsys, "collect", "an-minh-2022", str(one), str(two), "-o", str(out), "--lang", "en")
    assert code == 0, err
    assert f"Results written to {out}" in stdout
    assert "9 units returned nothing" in err
    assert "a.xlsx: 1 unit" in err
    merged = thidua.io.load(out, expected="results")
    assert sorted(u.unit for u in merged.units) == ["xa-dong-thanh", "xa-van-khanh"]
    clash = _filled_template(capsys, tmp_path, "c.xlsx", {"xa-van-khanh": {"measure:fund_raised": 6}})
    again = tmp_path / "again.json"
    code, _out, err = run(capsys, "collect", "an-minh-2022", str(one), str(clash), "-o", str(again), "--lang", "en")
    assert code == 1
    assert "measure:fund_raised of 'Xã Vân Khánh' is 6 here, but 5 in" in err
    assert "nothing written" in err
    assert not again.exists()


def test_collect_shows_a_percentage_on_a_terminal(capsys, tmp_path, monkeypatch):
    one = _filled_template(capsys, tmp_path, "a.xlsx", {"xa-van-khanh": {"measure:fund_raised": 5}})

    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    main(["collect", "an-minh-2022", str(one), "-o", str(tmp_path / "r.json")])
    assert "100% a.xlsx: 11 dòng" in tty.getvalue()


def test_template_for_a_review_stage_and_for_the_meetings(capsys, tmp_path):
    import attrs

    sample = thidua.examples.load_results()
    base = attrs.evolve(sample, units=tuple(attrs.evolve(u, assessments=u.assessments[:1]) for u in sample.units))
    thidua.io.dump(base, tmp_path / "base.json")
    code, _out, err = run(
        capsys,
        "template",
        "an-minh-2022",
        "--stage",
        "cum-tham-dinh",
        "--results",
        str(tmp_path / "base.json"),
        "-o",
        str(tmp_path / "td.xlsx"),
    )
    assert code == 0, err
    wb = openpyxl.load_workbook(tmp_path / "td.xlsx")
    ws = wb["Xã, thị trấn"]
    assert [c.value for c in ws[2]] == [
        "code",
        "unit",
        "name",
        "criterion",
        "criterion_name",
        "maximum",
        "previous:points",
        "previous:bonus",
        "points",
        "bonus",
        "reason",
    ]
    # Vân Khánh Tây gave itself 14 + 1 bonus for doi-moi: shown before the stage, and written in to change
    row = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[1] == "xa-van-khanh-tay" and r[3] == "doi-moi")
    assert row[5:10] == (15, 14, 1, 14, 1)
    assert ws["I3"].protection.locked is False
    assert ws["G3"].protection.locked is True
    code, _out, err = run(
        capsys, "template", "an-minh-2022", "--stage", "cum-tham-dinh", "-o", str(tmp_path / "x.xlsx"), "--lang", "en"
    )
    assert code == 1
    assert err.splitlines()[-1].strip() == (
        "the workbook of the review stage 'Cụm thẩm định' is pre-filled with the points of the stages before it: "
        "give the results of those stages"
    )
    code, _out, err = run(capsys, "template", "an-minh-2022", "--meeting", "-o", str(tmp_path / "hop.xlsx"))
    assert code == 0, err
    assert openpyxl.load_workbook(tmp_path / "hop.xlsx").sheetnames == [
        "Hướng dẫn",
        "Cụm thi đua số 1",
        "Cụm thi đua số 2",
        "_thidua",
    ]


# -- blanks -------------------------------------------------------------------------------------------


def test_validate_lists_every_blank_at_its_cell(capsys, tmp_path):
    table = tmp_path / "r.csv"
    table.write_text(
        "unit,count:hamlet:htxs,count:hamlet:htt,measure:fund_raised,measure:fund_quota\nxa-van-khanh,4,5,130000000,\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "validate", "an-minh-2022", str(table), "--lang", "en")
    # the campaign's policy for a missing input is 'error': blanks are errors (the evaluation would stop on them)
    assert code == 1
    assert "cell E2: left blank: measure:fund_quota is a missing input (a blank is never read as 0)" in err
    assert "cell A2: no count for the grade 'ht' and no total of sub-units on the level 'hamlet'" in err
    assert "'Xã Đông Thạnh' returned nothing" in err


def test_one_units_gap_does_not_block_explaining_another(capsys, tmp_path):
    data = json.loads(thidua.examples.path("an-minh-2022", "results").read_text(encoding="utf-8"))
    gap = next(u for u in data["units"] if u["unit"] == "xa-dong-thanh")
    del gap["counts"]["hamlet"]["htt"]  # cluster 2: a grade left out, no total
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "explain", "an-minh-2022", str(path), "xa-van-khanh-tay", "--lang", "en")
    assert code == 0, err
    assert "Other units have inputs left blank (Xã Đông Thạnh)" in err
    assert out.splitlines()[1] == "Xã Vân Khánh Tây (Commune)"
    code, _out, err = run(capsys, "explain", "an-minh-2022", str(path), "xa-dong-thanh", "--lang", "en")
    assert code == 1
    assert "units[5].counts.hamlet.htt: no count for the grade 'htt'" in err
    code, _out, err = run(capsys, "evaluate", "an-minh-2022", str(path), "-o", str(tmp_path / "r.html"))
    assert code == 1
    assert not (tmp_path / "r.html").exists()
