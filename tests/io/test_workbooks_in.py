"""Workbooks in: hostile and careless ``.xlsx`` files are refused quickly, with bounded memory, naming the sheet.

Every workbook here is built from a template thidua wrote, with one part of
the archive replaced: a sheet without ``<dimension>`` or with a stale one, a
zip bomb, malformed XML, entity declarations, external entities, a locked
cell edited. WorkbookLimits are lowered where a test needs a large input, so that
each file stays small (time is measured in ``benchmarks/``, never here).
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

import thidua
from problem_text import en
from thidua.errors import DataError
from thidua.io import make_template, read_results_table
from thidua.io._excel import read_table_file
from thidua.io._xlsx import WorkbookLimits, XlsxReader

SHEET = "xl/worksheets/sheet2.xml"  # the commune sheet (sheet1 is the instructions)
SHEET_NAME = "Xã, thị trấn"


@pytest.fixture(scope="module")
def campaign():
    return thidua.examples.load_campaign("an-minh-2022")


@pytest.fixture(scope="module")
def template(tmp_path_factory, campaign):
    path = make_template(campaign, tmp_path_factory.mktemp("t") / "results.xlsx")
    return path.read_bytes()


def parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _norm(name):
    return name.replace("/", "__").replace(".", "__")


def rezip(data, **replace):
    """The workbook *data* with some parts replaced (keys: part names with '/' and '.' written '__')."""
    wanted = {_norm(k): v for k, v in replace.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = wanted.get(_norm(info.filename), src.read(info))
            dst.writestr(info.filename, body)
    return out.getvalue()


def sheet_with_rows(rows_xml, dimension=None):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows_xml}</sheetData></worksheet>"
    ).encode()


def key_rows():
    labels = '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row>'
    keys = "".join(
        f'<c r="{col}2" t="inlineStr"><is><t>{key}</t></is></c>'
        for col, key in zip("ABCD", ["code", "unit", "name", "measure:fund_raised"], strict=True)
    )
    return labels + f'<row r="2">{keys}</row>'


def refused(campaign, data, name="r.xlsx", **kw):
    read = read_table_file(campaign, data, name=name, **kw)
    assert read.problems, "expected problems"
    return read.problems


# -- bounds, whatever the workbook declares -------------------------------------------------------


def test_rows_beyond_a_stale_dimension_are_read(tmp_path, campaign):
    # the sheet says it ends at C3, but the last unit's row (13) holds a value: it is read, never ignored
    path = make_template(campaign, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_NAME]
    last = ws.max_row
    keys = {ws.cell(row=2, column=j).value: j for j in range(1, ws.max_column + 1)}
    ws.cell(row=last, column=keys["measure:fund_raised"], value=7)
    wb.save(path)
    sheet = parts(path.read_bytes())[SHEET]
    stale = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:C3"/>', sheet)
    assert stale != sheet
    read = read_table_file(campaign, rezip(path.read_bytes(), xl__worksheets__sheet2__xml=stale), name="r.xlsx")
    assert [p for p in read.problems if p.is_error] == []
    unit = ws.cell(row=last, column=2).value
    assert read.units[unit].values["measures", "fund_raised"][0] == 7


def test_a_sheet_without_dimension_is_read_to_its_last_row(campaign):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["unit", "measure:fund_raised", "measure:fund_quota"])
    for uid in ("xa-van-khanh", "xa-dong-thanh"):
        ws.append([uid, 100, 100])
    buf = io.BytesIO()
    wb.save(buf)
    data = parts(buf.getvalue())
    sheet = re.sub(rb"<dimension[^>]*/>", b"", data["xl/worksheets/sheet1.xml"])
    assert b"<dimension" not in sheet
    again = rezip(buf.getvalue(), xl__worksheets__sheet1__xml=sheet)
    read = read_table_file(campaign, again, name="r.xlsx")
    assert sorted(read.units) == ["xa-dong-thanh", "xa-van-khanh"]


def test_rows_beyond_the_limit_refuse_the_workbook_naming_the_sheet(campaign, template):
    rows = key_rows() + "".join(f'<row r="{r}"><c r="D{r}"><v>1</v></c></row>' for r in range(3, 60))
    data = rezip(template, xl__worksheets__sheet2__xml=sheet_with_rows(rows))
    [problem] = refused(campaign, data, limits=WorkbookLimits(rows=50))
    assert (problem.code, problem.sheet, problem.source) == ("workbook-too-large", SHEET_NAME, "r.xlsx")
    assert en(problem) == [f"sheet '{SHEET_NAME}': the workbook is larger than thidua reads (rows over 50)"]


def _baseline(data):
    """The rows and cells a workbook holds (read with the default limits)."""
    with XlsxReader(data, "r.xlsx") as book:
        for sheet in book.sheets:
            for _row in book.rows(sheet):
                pass
        return book.rows_read, book.cells_read


@pytest.mark.parametrize(
    ("cell", "limit", "what"),
    [
        ('<c r="ZZZ3"><v>1</v></c>', {"columns": 100}, "columns over 100"),
        (
            '<c r="D3" t="inlineStr"><is><t>' + "x" * 2000 + "</t></is></c>",
            {"cell_chars": 1000},
            "characters in a cell over 1000",
        ),
        ("".join(f'<c r="{c}3"><v>1</v></c>' for c in "DEFGHIJK"), {"cells": None}, "cells over {cells}"),
    ],
    ids=["columns", "characters", "cells"],
)
def test_columns_characters_and_cells_are_bounded(campaign, template, cell, limit, what):
    data = rezip(template, xl__worksheets__sheet2__xml=sheet_with_rows(key_rows() + f'<row r="3">{cell}</row>'))
    if limit.get("cells", 0) is None:  # the crafted row is the one too many
        limit = {"cells": _baseline(data)[1] - 1}
        what = what.format(cells=limit["cells"])
    [problem] = refused(campaign, data, limits=WorkbookLimits(**limit))
    assert en(problem) == [f"sheet '{SHEET_NAME}': the workbook is larger than thidua reads ({what})"]


def test_a_zip_bomb_is_refused_by_its_inflated_bytes_and_ratio(campaign, template):
    # 64 MiB of spaces inside the sheet compress to about 64 KiB: refused while inflating,
    # long before the whole part is read
    bomb = sheet_with_rows(key_rows() + '<row r="3">' + " " * (64 * 1024 * 1024) + "</row>")
    data = rezip(template, xl__worksheets__sheet2__xml=bomb)
    assert len(data) < 1024 * 1024
    [problem] = refused(campaign, data)
    assert (problem.code, problem.sheet) == ("workbook-too-large", SHEET_NAME)
    assert "compression ratio over 100" in en(problem)[0]
    # a part whose declared size passes the limit is refused before it is inflated
    [problem] = refused(campaign, data, limits=WorkbookLimits(ratio=10**6, inflated_bytes=8 * 1024 * 1024))
    assert "bytes of a part over 8388608" in en(problem)[0]


def test_a_part_declaring_more_than_the_limit_is_refused_before_reading(campaign, template):
    data = rezip(template, xl__worksheets__sheet2__xml=sheet_with_rows(key_rows() + " " * 5000))
    [problem] = refused(campaign, data, limits=WorkbookLimits(inflated_bytes=4000))
    assert problem.code == "workbook-too-large"


def test_a_file_too_large_is_refused_before_opening(campaign, template):
    [problem] = refused(campaign, template, limits=WorkbookLimits(file_bytes=1000))
    assert problem.code == "too-large"


# -- malformed and hostile XML: a data error naming the sheet -------------------------------------

HOSTILE = {
    "broken": b"<worksheet><sheetData><row></sheetData>",
    "entity-declaration": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    ),
    "external-entity": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
    ),
    "doctype-after-a-comment": (
        b"<?xml version='1.0'?><!-- x --><!DOCTYPE worksheet SYSTEM 'http://example.org/x.dtd'><worksheet/>"
    ),
    "undeclared-entity": (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nope;</t></is></c></row>'
        b"</sheetData></worksheet>"
    ),
    "not-xml": b"\x00\x01\x02 not xml",
    "empty": b"",
    "bad-shared-string-index": (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c></row></sheetData></worksheet>'
    ),
    "bad-cell-reference": b'<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>',
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_malformed_or_hostile_sheet_xml_is_a_data_error_naming_the_sheet(campaign, template, body):
    data = rezip(template, xl__worksheets__sheet2__xml=body)
    problems = refused(campaign, data)
    assert [(p.sheet, p.source) for p in problems] == [(SHEET_NAME, "r.xlsx")]
    assert problems[0].code in {"sheet-unreadable", "bad-cell-reference"}
    with pytest.raises(DataError) as info:  # and through the public reader, with the file's name
        read_results_table(_write(data), campaign)
    assert info.value.problems[0].sheet == SHEET_NAME


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"])
def test_hostile_xml_in_the_other_parts_refuses_the_workbook(campaign, template, part):
    data = rezip(template, **{part.replace("/", "__"): HOSTILE["entity-declaration"]})
    problems = refused(campaign, data)
    assert problems[0].code in {"not-a-workbook", "no-unit-sheet"}


def _with_shared_strings(sst):
    """A one-sheet workbook whose texts are shared strings (as Excel writes them), with *sst* as that part."""
    wb = openpyxl.Workbook()
    wb.active.append(["placeholder"])
    buf = io.BytesIO()
    wb.save(buf)
    data = parts(buf.getvalue())
    rels = data["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    sheet = sheet_with_rows(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>130000000</v></c></row>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in data.items():
            z.writestr(name, {"xl/_rels/workbook.xml.rels": rels, "xl/worksheets/sheet1.xml": sheet}.get(name, body))
        z.writestr("xl/sharedStrings.xml", sst)
    return out.getvalue()


SST = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">'
    b"<si><t>unit</t></si><si><r><t>measure:</t></r><r><t>fund_raised</t></r><rPh><t>x</t></rPh></si>"
    b"<si><t>xa-van-khanh</t></si></sst>"
)


def test_shared_strings_are_read_and_hostile_ones_refused(campaign):
    read = read_table_file(campaign, _with_shared_strings(SST), name="r.xlsx")
    assert read.units["xa-van-khanh"].values["measures", "fund_raised"][0] == 130_000_000
    hostile = HOSTILE["entity-declaration"].replace(b"worksheet", b"sst")
    assert [p.code for p in refused(campaign, _with_shared_strings(hostile))] == ["not-a-workbook"]


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 broken", b"plain text", bytes(range(256)) * 10])
def test_what_is_not_a_workbook_says_so(campaign, data):
    assert [p.code for p in refused(campaign, data)] == ["not-a-workbook"]


def _write(data, folder=None):
    import tempfile
    from pathlib import Path

    folder = Path(folder or tempfile.mkdtemp())
    path = folder / "r.xlsx"
    path.write_bytes(data)
    return path


# -- cells ----------------------------------------------------------------------------------------


def _filled(tmp_path, campaign, edit):
    path = make_template(campaign, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_NAME]
    edit(ws)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("cell", "value", "held"),
    [
        ("C3", "Xã Khác", "'Thị trấn Thứ Mười Một'"),  # a unit's name
        ("B3", "xa-van-khanh", "'tt-thu-muoi-mot'"),  # a unit's id: another unit's row
        ("A3", "99999", "'31018'"),  # the official code
        ("D2", "count:hamlet:htxs", "'total:hamlet'"),  # a column key
        ("E20", 5, "a blank"),  # below the last unit
    ],
)
def test_a_locked_cell_edited_is_refused_with_the_cell(tmp_path, campaign, cell, value, held):
    path = _filled(tmp_path, campaign, lambda ws: ws.__setitem__(cell, value))
    with pytest.raises(DataError) as info:
        read_results_table(path, campaign)
    locked = [p for p in info.value.problems if p.code == "locked-cell-changed"]
    assert locked[0].cell == cell
    assert f"it held {held}" in en(locked[0])[0]
    assert locked[0].render("vi", source=False).startswith(f"trang tính “{SHEET_NAME}”, ô {cell}: ô này đã khóa")


def test_error_values_and_formulas_are_refused_at_their_cells(tmp_path, campaign):
    def edit(ws):
        ws["I3"] = "=1/0"
        ws["J3"] = "=100"

    path = _filled(tmp_path, campaign, edit)
    data = parts(path.read_bytes())
    sheet = data[SHEET].replace(b"<f>1/0</f>", b"<f>1/0</f><v>#DIV/0!</v>").replace(b'r="I3"', b'r="I3" t="e"')
    path.write_bytes(rezip(path.read_bytes(), xl__worksheets__sheet2__xml=sheet))
    with pytest.raises(DataError) as info:
        read_results_table(path, campaign)
    assert [(p.cell, p.code) for p in info.value.problems if p.is_error] == [
        ("I3", "formula-cell"),
        ("J3", "formula-cell"),
    ]


def test_the_reader_streams_one_row_at_a_time(template):
    rows = key_rows() + "".join(f'<row r="{r}"><c r="D{r}"><v>{r}</v></c></row>' for r in range(3, 2003))
    data = rezip(template, xl__worksheets__sheet2__xml=sheet_with_rows(rows))
    with XlsxReader(data, "r.xlsx") as book:
        sheet = next(s for s in book.sheets if s.name == SHEET_NAME)
        rows_read = book.rows(sheet)
        first = next(rows_read)
        assert first[0] == 1
        assert book.rows_read == 1  # nothing read ahead of what was asked
        assert sum(1 for _ in rows_read) == 2001
