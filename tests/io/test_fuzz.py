"""The loaders, fuzzed: whatever the input, only :class:`~thidua.errors.DataError` comes out.

Inputs are random bytes and text, random plain data under a valid header,
valid documents with random mutations (in their data and in their text),
deeply nested input, huge numbers, YAML aliases and tags. Inputs stay
bounded, so every load finishes quickly; time is not measured here (see
``benchmarks/``).
"""

from __future__ import annotations

import copy
import json
import math
import sys

import pytest
import tomli_w
import yaml
from hypothesis import given, reject
from hypothesis import strategies as st

from problem_text import en
from thidua import examples, io
from thidua import model as m
from thidua.errors import DataError

FORMATS = ("json", "toml", "yaml")
AN_MINH = examples.load_campaign("an-minh-2022")
CAMPAIGN_DATA = json.loads(examples.path("an-minh-2022").read_text(encoding="utf-8"))
RESULTS_DATA = json.loads(examples.path("an-minh-2022", "results").read_text(encoding="utf-8"))


def load_or_refuse(text, fmt, **kwargs):
    """Load a document: any outcome but a document or a DataError fails the test."""
    try:
        doc = io.loads(text, fmt, **kwargs)
    except DataError as exc:
        problems = en(exc.problems)
    else:
        assert isinstance(doc, m.Campaign | m.Results | m.History)
        return doc
    assert problems
    assert all(isinstance(p, str) and p for p in problems)
    return None


def serialize(data, fmt):
    """Write plain data in *fmt*; skip what that format cannot hold (TOML has no null)."""
    try:
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False)
        if fmt == "toml":
            return tomli_w.dumps(data)
        return yaml.safe_dump(data, allow_unicode=True)
    except (TypeError, ValueError, yaml.YAMLError):
        reject()
        raise  # pragma: no cover - reject() stops the example


# plain data as the parsers produce it: nulls, booleans, huge integers, floats (nan and inf too), texts
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**80),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["80%", "1/3", "1/0", "7.5", "-0", "2022-04-13", "2022-W15-3", "htxs", "share", "all", "1e9999"]),
)
plain = st.recursive(
    scalars,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=12), kids, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(["id", "name", "kind", "units", "levels", "level", "parent", "year", "at_least", "base", "x"])


@given(st.binary(max_size=2000), st.sampled_from(FORMATS))
def test_random_bytes(raw, fmt):
    load_or_refuse(raw, fmt)


@given(st.text(max_size=1000), st.sampled_from(FORMATS))
def test_random_text(text, fmt):
    load_or_refuse(text, fmt)


@given(
    st.sampled_from(["campaign", "results", "history"]), st.dictionaries(keys | st.text(max_size=8), plain, max_size=8)
)
def test_random_data_under_a_valid_header(document, body):
    data = {"schema_version": 1, "document": document, **body}
    load_or_refuse(json.dumps(data), "json")
    load_or_refuse(json.dumps(data), "json", campaign=AN_MINH)


def _paths(data, prefix=()):
    """Every path to a value inside plain data."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*prefix, i))


CAMPAIGN_PATHS = list(_paths(CAMPAIGN_DATA))[1:]
RESULTS_PATHS = list(_paths(RESULTS_DATA))[1:]


def _mutate(data, path, how, value):
    data = copy.deepcopy(data)
    *head, last = path
    parent = data
    for step in head:
        parent = parent[step]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif how == "add_key" and isinstance(parent[last], dict):
        parent[last]["extra"] = value
    elif how == "wrap":
        parent[last] = [parent[last]]
    return data


mutations = st.sampled_from(["replace", "delete", "duplicate", "add_key", "wrap"])


@given(
    st.lists(st.tuples(st.sampled_from(CAMPAIGN_PATHS), mutations, plain), min_size=1, max_size=3),
    st.sampled_from(FORMATS),
)
def test_mutated_campaigns(changes, fmt):
    data = CAMPAIGN_DATA
    for path, how, value in changes:
        try:
            data = _mutate(data, path, how, value)
        except (KeyError, IndexError, TypeError):
            reject()  # an earlier change removed this path
    load_or_refuse(serialize(data, fmt), fmt)


@given(
    st.lists(st.tuples(st.sampled_from(RESULTS_PATHS), mutations, plain), min_size=1, max_size=3),
    st.sampled_from(FORMATS),
)
def test_mutated_results(changes, fmt):
    data = RESULTS_DATA
    for path, how, value in changes:
        try:
            data = _mutate(data, path, how, value)
        except (KeyError, IndexError, TypeError):
            reject()
    load_or_refuse(serialize(data, fmt), fmt, campaign=AN_MINH)


CAMPAIGN_TEXT = {fmt: serialize(CAMPAIGN_DATA, fmt) for fmt in FORMATS}


@given(
    st.sampled_from(FORMATS),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 20), st.text(max_size=10)), min_size=1, max_size=4),
)
def test_mutated_file_text(fmt, edits):
    text = CAMPAIGN_TEXT[fmt]
    for where, cut, insert in edits:
        at = math.floor(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    load_or_refuse(text, fmt)


yaml_tokens = st.sampled_from(
    [
        "&a ",
        "*a",
        "&b ",
        "*b",
        "<<: ",
        "!!python/object:os.system ",
        "!!binary ",
        "!!set ",
        "!foo ",
        "!!str ",
        "? ",
        "- ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        ",",
        "\n",
        "  ",
        "key",
        "1",
        "1.5",
        "'x'",
        '"y"',
        "|",
        ">",
        "---",
        "...",
        "#",
        "%YAML 1.1\n",
        "%TAG ! tag:x:\n",
        "2022-04-13",
        "2022-04-13T10:00:00",
        ".nan",
        ".inf",
        "~",
        "yes",
    ]
)


@given(st.lists(yaml_tokens, max_size=40).map("".join))
def test_random_yaml_with_aliases_and_tags(text):
    load_or_refuse("schema_version: 1\ndocument: results\ncampaign: c\nyear: 2022\nnote: " + text, "yaml")
    load_or_refuse(text, "yaml")


def _criteria_chain(depth):
    c = '{"id": "c", "name": "x", "points": "0", "method": {"kind": "assessed"}}'
    for i in range(depth):
        c = f'{{"id": "c{i}", "name": "x", "points": "0", "children": [{c}]}}'
    return c


def _conditions_chain(depth):
    c = '{"kind": "all_targets_met"}'
    for _ in range(depth):
        c = f'{{"kind": "any_of", "conditions": [{c}]}}'
    return c


@pytest.mark.parametrize("depth", [10, 100, 300, 450, 600, 2000])
def test_deeply_nested_criteria_and_conditions(depth):
    text = CAMPAIGN_TEXT["json"]
    load_or_refuse(text.replace('"criteria": [', '"criteria": [' + _criteria_chain(depth) + ",", 1), "json")
    load_or_refuse(text.replace('"conditions": [', '"conditions": [' + _conditions_chain(depth) + ",", 1), "json")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("[" * 100_000, "json"),
        ('{"a":' * 100_000, "json"),
        ("[" * 100_000, "yaml"),
        ("- " * 20_000, "yaml"),
        ("{a: " * 20_000, "yaml"),
        ("a = " + "[" * 100_000, "toml"),
        ("a = " + "{b = " * 10_000, "toml"),
    ],
    ids=["json-lists", "json-objects", "yaml-flow", "yaml-block", "yaml-mappings", "toml-arrays", "toml-tables"],
)
def test_nesting_beyond_any_limit_is_a_data_error(text, fmt):
    with pytest.raises(DataError) as info:
        io.loads(text, fmt)
    [problem] = info.value.problems
    assert problem.loc == ()  # about the whole document
    assert problem.code in {"nested-too-deeply", "syntax"}


def test_a_long_chain_of_indicators_is_a_data_error():
    data = copy.deepcopy(CAMPAIGN_DATA)
    # each indicator names the next one: deeper than Python's recursion limit (which Hypothesis
    # raises for a while when it runs a test: three times the limit of the moment)
    n = 3 * sys.getrecursionlimit()
    data["indicators"] = [{"id": f"x{i}", "formula": f"x{i + 1} + 1"} for i in range(n)] + [
        {"id": f"x{n}", "formula": "1"}
    ]
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(data))
    assert en(info.value.problems) == ("references are nested too deeply",)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("year",),
            10**100,
            "year: 1" + "0" * 38 + "… is outside the numbers thidua accepts (-999999999999999 to 999999999999999)",
        ),
        (("year",), 0, "year: 0 is not a calendar year (1 to 9999)"),
        (
            ("rubrics", 0, "total"),
            "1" + "0" * 400,
            "the number 10000000000000000000… (line 1) has more than 400 characters",
        ),
        (
            ("rubrics", 0, "total"),
            1e308 * 10,
            (
                "rubrics[0].total: inf is a binary float; write it as text ('inf') or as a fraction (e.g. '1/3') "
                "to keep it exact"
            ),
        ),
        (("rubrics", 0, "total"), "NaN", "rubrics[0].total: 'NaN' is not an exact number (write e.g. '7.5' or '1/3')"),
        (
            ("rubrics", 0, "total"),
            "1e9999",
            "rubrics[0].total: '1e9999' is not an exact number (write e.g. '7.5' or '1/3')",
        ),
    ],
)
def test_huge_and_odd_numbers_are_data_errors(path, value, expected):
    data = copy.deepcopy(CAMPAIGN_DATA)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(data))
    assert en(info.value.problems) == (expected,)


def test_an_integer_too_long_to_read_is_a_data_error():
    text = '{"schema_version": 1, "document": "results", "campaign": "c", "year": 1' + "0" * 5000 + "}"
    [problem] = problems_of(text)
    # refused before parsing: a parser never builds the 5001-digit integer
    assert problem == "the number 1" + "0" * 19 + "… (line 1) has more than 400 characters"


def problems_of(text, fmt="json"):
    with pytest.raises(DataError) as info:
        io.loads(text, fmt)
    return en(info.value.problems)


# -- workbooks ---------------------------------------------------------------------------------------
#
# Returned workbooks, fuzzed: a template thidua wrote, with its sheet's XML mutated (bytes cut, XML
# tokens inserted: rows, cells, entities, doctypes, references out of range), its cells filled with
# random values of every type, or its archive damaged. Whatever comes back, reading it gives results
# or a DataError (whose problems render), never another exception.

import io as _io  # noqa: E402 - the workbook fuzzers' own imports
import zipfile  # noqa: E402

import openpyxl  # noqa: E402

from thidua.io import make_template, read_results_table  # noqa: E402
from thidua.io._excel import read_table_file  # noqa: E402


def _template_bytes():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        return make_template(AN_MINH, Path(d) / "t.xlsx").read_bytes()


TEMPLATE = _template_bytes()
with zipfile.ZipFile(_io.BytesIO(TEMPLATE)) as _z:
    TEMPLATE_PARTS = {i.filename: _z.read(i) for i in _z.infolist()}
COMMUNES = "xl/worksheets/sheet2.xml"


def _rezip(parts):
    out = _io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def read_or_refuse_workbook(data):
    """Read a workbook: results, or a DataError whose problems render; nothing else."""
    read = read_table_file(AN_MINH, data, name="r.xlsx")
    assert all(p.render("en") and p.render("vi") for p in read.problems)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "r.xlsx"
        path.write_bytes(data)
        try:
            results = read_results_table(path, AN_MINH)
        except DataError as exc:
            problems = exc.problems
        else:
            assert isinstance(results, m.Results)
            return results
    assert problems
    assert all(isinstance(p.render("en"), str) for p in problems)
    return None


xml_tokens = st.sampled_from(
    [
        '<row r="3">',
        '<row r="1048577">',
        "</row>",
        '<c r="E3"><v>1</v></c>',
        '<c r="E3" t="s"><v>99</v></c>',
        '<c r="E3" t="b"><v>1</v></c>',
        '<c r="E3" t="e"><v>#N/A</v></c>',
        '<c r="E3" t="inlineStr"><is><t>200.000</t></is></c>',
        '<c r="E3" t="d"><v>2022-11-18T00:00:00</v></c>',
        '<c r="E3"><f>1+1</f><v>2</v></c>',
        '<c r="ZZZZ9"><v>1</v></c>',
        '<c r="E3"><v>1e999</v></c>',
        '<c r="E3"><v>NaN</v></c>',
        '<c r="E3" s="99"><v>44883</v></c>',
        '<c r="B3" t="inlineStr"><is><t>xa-khong-co</t></is></c>',
        "<c>",
        "</c>",
        "<v>",
        "</v>",
        "&lol;",
        "&amp;",
        "<!DOCTYPE x [<!ENTITY lol 'lol'>]>",
        "<![CDATA[x]]>",
        "<?pi x?>",
        "<!-- -->",
        '"',
        "<",
        ">",
        "\x00",
    ]
)


@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), xml_tokens), min_size=1, max_size=4))
def test_workbooks_with_mutated_sheet_xml(edits):
    text = TEMPLATE_PARTS[COMMUNES].decode("utf-8")
    for where, cut, insert in edits:
        at = math.floor(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    read_or_refuse_workbook(_rezip({**TEMPLATE_PARTS, COMMUNES: text.encode("utf-8", "surrogatepass")}))


cell_values = st.one_of(
    st.none(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["200.000", "150.000.000", "7,5", "1/3", "80 %", "=1+1", "htt", "Hoàn thành tốt nhiệm vụ", "có"]),
    st.booleans(),
    st.dates(),
)


@given(st.lists(st.tuples(st.integers(1, 16), st.integers(1, 20), cell_values), min_size=1, max_size=6))
def test_workbooks_with_random_cells(cells):
    wb = openpyxl.load_workbook(_io.BytesIO(TEMPLATE))
    ws = wb["Xã, thị trấn"]
    for row, col, value in cells:
        try:
            ws.cell(row=row, column=col).value = value
        except (ValueError, TypeError, openpyxl.utils.exceptions.IllegalCharacterError):
            reject()  # what openpyxl itself refuses to write (control characters)
    out = _io.BytesIO()
    wb.save(out)
    read_or_refuse_workbook(out.getvalue())


@given(st.sampled_from(sorted(TEMPLATE_PARTS)), st.binary(max_size=200))
def test_workbooks_with_a_part_replaced_by_junk(part, junk):
    read_or_refuse_workbook(_rezip({**TEMPLATE_PARTS, part: junk}))


@given(st.integers(0, len(TEMPLATE) - 1), st.binary(min_size=1, max_size=8))
def test_damaged_workbook_archives(at, junk):
    damaged = TEMPLATE[:at] + junk + TEMPLATE[at + len(junk) :]
    read_or_refuse_workbook(damaged)
