"""File formats: exact numbers, refused floats, unknown keys, versions, YAML safety, atomic writes."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pathlib
import unicodedata
from fractions import Fraction

import pytest
import tomli_w
import yaml

from problem_text import en, raises_en
from thidua import examples, io
from thidua import model as m
from thidua.errors import DataError

FORMATS = ("json", "toml", "yaml")
#: agreements[0].content_areas[7] of An Minh holds the quality targets; targets[0] is "80% good or better".
SHARE = "agreements[0].content_areas[7].targets[0].at_least"


@pytest.fixture(scope="module")
def an_minh_data():
    return json.loads(examples.path("an-minh-2022").read_text(encoding="utf-8"))


def write(data, fmt):
    """Serialize plain data as a person or another program would write it."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    if fmt == "toml":
        return tomli_w.dumps(data)
    return yaml.safe_dump(data, allow_unicode=True)


def problems(text, fmt="json", **kwargs):
    with pytest.raises(DataError) as info:
        io.loads(text, fmt, **kwargs)
    return list(en(info.value.problems))


def with_share(data, value):
    data = copy.deepcopy(data)
    data["agreements"][0]["content_areas"][7]["targets"][0]["at_least"] = value
    return data


# ----------------------------------------------------------------- exact shares


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("80%", Fraction(4, 5)),
        ("0.8", Fraction(4, 5)),  # a text without % is a proportion
        (80, Fraction(4, 5)),  # an integer is a percentage
        ("1/3", Fraction(1, 3)),
        ("100/3%", Fraction(1, 3)),  # (100/3)/100
        ("66.67%", Fraction(6667, 10000)),  # 66.67/100, not 2/3
        ("30%", Fraction(3, 10)),
        (0, Fraction(0)),
        ("100%", Fraction(1)),
    ],
)
def test_a_share_is_read_exactly(an_minh_data, fmt, written, expected):
    campaign = io.loads(write(with_share(an_minh_data, written), fmt), fmt)
    assert campaign.targets()[1].at_least == expected  # targets()[0] is the fund's quota


def test_shares_written_by_hand_in_yaml_and_toml():
    # 80% and 30% written without quotes are texts in YAML; 80 is an integer percentage in TOML
    assert m.parse_share(yaml.safe_load("at_least: 80%")["at_least"]) == Fraction(4, 5)
    target = """
kind: share
id: t1
name: BCTMT
counts: hamlet
grade: htt
at_least: 80%
base: all
"""
    converter = io.make_converter()
    assert converter.structure(yaml.safe_load(target), m.Target).at_least == Fraction(4, 5)
    toml_target = (
        'kind = "share"\nid = "t1"\nname = "BCTMT"\ncounts = "hamlet"\ngrade = "htt"\nat_least = 80\nbase = "all"\n'
    )
    import tomllib

    assert converter.structure(tomllib.loads(toml_target), m.Target).at_least == Fraction(4, 5)


def test_boundary_shares_stay_exact(an_minh):
    # 3 of 10 units is exactly 30%: in binary floats 0.3 * 10 == 3.0000000000000004
    target = an_minh.targets()[2]  # of which 30% excellent
    assert target.at_least * 10 == 3
    assert target.at_least == Fraction(3, 10)


@pytest.mark.parametrize("written", ["120%", "-5%", "1.5", 101, "abc", "80 percent", "8e-1", "1/0"])
def test_a_bad_share_is_refused_with_its_path(an_minh_data, written):
    [problem] = problems(json.dumps(with_share(an_minh_data, written)))
    assert problem.startswith(f"{SHARE}: ")


def test_share_problem_messages(an_minh_data):
    assert problems(json.dumps(with_share(an_minh_data, "120%"))) == [
        f"{SHARE}: a share must lie between 0% and 100%, got '120%'"
    ]
    assert problems(json.dumps(with_share(an_minh_data, "1/0"))) == [f"{SHARE}: '1/0' divides by zero"]
    assert problems(json.dumps(with_share(an_minh_data, "8e-1"))) == [
        f"{SHARE}: '8e-1' is not an exact number (write e.g. '7.5' or '1/3')"
    ]


# ------------------------------------------------------------------- floats


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_float_share_is_refused_with_its_path(an_minh_data, fmt):
    assert problems(write(with_share(an_minh_data, 0.8), fmt), fmt) == [
        f"{SHARE}: 0.8 is a binary float; write it as text ('0.8') or as a fraction (e.g. '1/3') to keep it exact"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_floats_are_refused_everywhere_with_every_path(an_minh_data, fmt):
    data = copy.deepcopy(an_minh_data)
    data["rubrics"][0]["criteria"][2]["bonus"] = 2.0
    data["rubrics"][0]["total"] = 100.0
    data["year"] = 2022.0
    exact = "or as a fraction (e.g. '1/3') to keep it exact"
    assert sorted(problems(write(data, fmt), fmt)) == [
        f"rubrics[0].criteria[2].bonus: 2.0 is a binary float; write it as text ('2.0') {exact}",
        f"rubrics[0].total: 100.0 is a binary float; write it as text ('100.0') {exact}",
        "year: 2022.0 is a decimal number; write a whole number",
    ]


def test_an_unquoted_decimal_in_yaml_is_a_float_and_is_refused(an_minh_data):
    text = write(with_share(an_minh_data, "SHARE"), "yaml").replace("at_least: SHARE", "at_least: 0.8")
    assert problems(text, "yaml") == [
        f"{SHARE}: 0.8 is a binary float; write it as text ('0.8') or as a fraction (e.g. '1/3') to keep it exact"
    ]


def test_a_float_measure_in_results_is_refused(an_minh, an_minh_results):
    data = io.unstructure(an_minh_results)
    data["units"][0]["measures"]["fund_raised"] = 1.5e8
    assert problems(json.dumps(data), campaign=an_minh) == [
        (
            "units[0].measures.fund_raised: 150000000.0 is a binary float; "
            "write it as text ('150000000.0') or as a fraction (e.g. '1/3') to keep it exact"
        )
    ]


# ------------------------------------------------------------ keys and headers


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_keys_are_refused(an_minh_data, fmt):
    data = copy.deepcopy(an_minh_data)
    data["colour"] = "red"
    data["units"][3]["population"] = 12000
    data["agreements"][0]["content_areas"][7]["targets"][1]["basis"] = "parent"
    assert sorted(problems(write(data, fmt), fmt)) == [
        "agreements[0].content_areas[7].targets[1].basis: unknown field 'basis'",
        "colour: unknown field 'colour'",
        "units[3].population: unknown field 'population'",
    ]


def test_schema_version_is_required(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    del data["schema_version"]
    assert problems(json.dumps(data)) == ["schema_version: this field is required"]
    data["schema_version"] = 2
    assert problems(json.dumps(data)) == ["schema_version: version 2 is not supported (this release reads 1)"]


def test_the_document_type_is_checked(an_minh_data, an_minh_results):
    results = io.dumps(an_minh_results)
    assert problems(results, expected="campaign") == ["document: expected a campaign document, got a results document"]
    data = copy.deepcopy(an_minh_data)
    data["document"] = "report"
    assert problems(json.dumps(data)) == ["document: expected one of campaign, results, history, got 'report'"]
    data["document"] = ["campaign"]
    assert problems(json.dumps(data)) == ["document: expected one of campaign, results, history, got ['campaign']"]
    del data["document"]
    assert problems(json.dumps(data)) == ["document: expected one of campaign, results, history, got null"]


def test_a_document_is_a_mapping():
    assert problems("[1, 2]") == ["expected a mapping at the top of the document, got [1, 2]"]
    assert problems("", "yaml") == ["expected a mapping at the top of the document, got null"]


def test_errors_name_the_file(tmp_path, an_minh_data):
    path = tmp_path / "campaign.json"
    data = copy.deepcopy(an_minh_data)
    data["units"][3]["population"] = 12000
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError) as info:
        io.load(path)
    assert info.value.source == str(path)
    assert info.value.render("en") == f"{path}: 1 problem:\n  units[3].population: unknown field 'population'"
    assert str(info.value) == f"{path}: 1 vấn đề:\n  units[3].population: không nhận ra trường “population”"


def test_the_suffix_chooses_the_format(tmp_path, an_minh):
    for suffix in (".json", ".toml", ".yaml", ".yml"):
        assert io.load(io.dump(an_minh, tmp_path / f"c{suffix}")) == an_minh
    with raises_en(DataError, r"cannot tell the format of 'c\.txt'"):
        io.dump(an_minh, tmp_path / "c.txt")
    assert io.load(io.dump(an_minh, tmp_path / "c.txt", fmt="yaml"), fmt="yaml") == an_minh


# --------------------------------------------------------------------- YAML


def test_yaml_aliases_are_refused(an_minh_data):
    text = write(an_minh_data, "yaml")
    text = text.replace("name: Tỉnh\n", "name: &tinh Tỉnh\n", 1).replace("name: Huyện\n", "name: *tinh\n", 1)
    line = text.splitlines().index("  name: *tinh") + 1  # the line of the alias, counted from 1
    assert problems(text, "yaml") == [f"YAML aliases (*name) are not allowed (line {line})"]


def test_a_billion_laughs_is_refused_at_once():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
    assert problems("\n".join(lines), "yaml") == ["YAML aliases (*name) are not allowed (line 2)"]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.mkdir [{path}]",
        "!!python/object/new:os.mkdir [{path}]",
        "!!python/name:os.mkdir",
        "!!python/object:pathlib.Path {{}}",
    ],
)
def test_yaml_python_tags_are_refused_and_never_run(tmp_path, tag):
    target = tmp_path / "made-by-yaml"
    text = "schema_version: 1\ndocument: results\ncampaign: c\nyear: 2022\nnote: " + tag.format(
        path=json.dumps(str(target))
    )
    [problem] = problems(text, "yaml")
    assert problem.startswith("the YAML tag tag:yaml.org,2002:python/")
    assert problem.endswith("is not allowed (line 5)")
    assert not target.exists()


def test_yaml_and_toml_dates_may_be_native(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    data["agreements"][0]["signed_on"] = dt.date(2022, 4, 13)
    for fmt in ("toml", "yaml"):
        assert io.loads(write(data, fmt), fmt).agreements[0].signed_on == dt.date(2022, 4, 13)


@pytest.mark.parametrize("fmt", ["toml", "yaml"])
def test_a_date_and_time_is_not_a_date(an_minh_data, fmt):
    data = copy.deepcopy(an_minh_data)
    data["agreements"][0]["signed_on"] = dt.datetime(2022, 4, 13, 8, 30)  # noqa: DTZ001 - what a file may hold
    assert problems(write(data, fmt), fmt) == [
        "agreements[0].signed_on: expected a date, got the date and time 2022-04-13T08:30:00"
    ]


# --------------------------------------------------------------------- text


def test_invalid_utf8_is_refused_with_the_byte_position():
    raw = b'{"schema_version": 1, "document": "results", "campaign": "c", "year": 2022, "note": "X\xe3 V"}'
    # the 'ã' of "Xã" lost its second byte: the bad sequence starts at the lone lead byte
    position = raw.index(b"\xe3")
    assert position == 86
    assert problems(raw) == [f"the text is not valid UTF-8 (byte {position})"]


def test_a_utf8_byte_order_mark_is_accepted(an_minh_results):
    raw = "\ufeff".encode() + io.dumps(an_minh_results).encode()
    assert io.loads(raw) == an_minh_results


def test_nfd_names_are_read_as_nfc(an_minh_data):
    data = copy.deepcopy(an_minh_data)
    data["units"][13]["name"] = unicodedata.normalize("NFD", data["units"][13]["name"])
    assert data["units"][13]["name"] != "Xã Vân Khánh Tây"
    assert io.loads(json.dumps(data)).units[13].name == "Xã Vân Khánh Tây"


# ----------------------------------------------------------------- writing


def test_a_failed_write_leaves_no_file(tmp_path, an_minh, monkeypatch):
    def half_then_fail(self, text, *_args, **_kwargs):
        with self.open("w", encoding="utf-8") as f:
            f.write(text[: len(text) // 2])
        msg = "disk full"
        raise OSError(msg)

    monkeypatch.setattr(pathlib.Path, "write_text", half_then_fail)
    with raises_en(OSError, "disk full"):
        io.dump(an_minh, tmp_path / "campaign.json")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file(tmp_path, an_minh, an_minh_results, monkeypatch):
    path = io.dump(an_minh_results, tmp_path / "results.json")
    before = path.read_bytes()

    def fail(_self, *_args, **_kwargs):
        msg = "disk full"
        raise OSError(msg)

    monkeypatch.setattr(pathlib.Path, "write_text", fail)
    with raises_en(OSError, "disk full"):
        io.dump(an_minh, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]


def test_write_atomic_cleans_up_after_any_error(tmp_path):
    def boom(p):
        p.write_text("partial", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        io.write_atomic(tmp_path / "out" / "x.json", boom)
    assert list(tmp_path.iterdir()) == []  # nor the folder it created
    (tmp_path / "kept").mkdir()
    with pytest.raises(KeyboardInterrupt):
        io.write_atomic(tmp_path / "kept" / "x.json", boom)
    assert list(tmp_path.iterdir()) == [tmp_path / "kept"]  # a folder that was there stays


def test_writing_something_else_creates_nothing(tmp_path):
    with raises_en(TypeError, "cannot write a Unit"):
        io.dump(m.Unit("u", "Xã A", "commune"), tmp_path / "u.json")
    assert list(tmp_path.iterdir()) == []


def test_the_document_format_page_examples_run():
    import doctest

    page = pathlib.Path(__file__).resolve().parents[2] / "docs" / "files.md"
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.attempted >= 8
    assert result.failed == 0


def _results_text(**extra):
    doc = {"schema_version": 1, "document": "results", "campaign": "c", "year": 2022, **extra}
    return json.dumps(doc)


@pytest.mark.parametrize(("version", "written"), [(1.0, "1.0"), (True, "true"), ("1", "'1'")])
def test_schema_version_must_be_the_integer_one(version, written):
    with pytest.raises(DataError) as info:
        io.loads(_results_text(schema_version=version))
    assert en(info.value.problems) == (f"schema_version: version {written} is not supported (this release reads 1)",)


def test_a_bad_formula_in_a_file_says_why_and_where(an_minh):
    data = io.unstructure(an_minh)
    data["indicators"] = [{"id": "ratio", "formula": "lifted /* poor"}]
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(data))
    assert en(info.value.problems) == ("indicators[0]: column 9: expected a number, a name or '(', found '*'",)


def test_an_iso_week_date_is_not_a_date():
    text = _results_text(decisions=[{"cluster": "x", "on": "2022-W15-3"}])
    with pytest.raises(DataError) as info:
        io.loads(text)
    assert en(info.value.problems) == ("decisions[0].on: expected a date such as 2022-04-13, got '2022-W15-3'",)


def test_a_lone_surrogate_is_refused_when_loaded():
    text = '{"schema_version": 1, "document": "results", "campaign": "c", "year": 2022, "note": "\\ud800"}'
    with pytest.raises(DataError) as info:
        io.loads(text)
    assert en(info.value.problems) == ("note: '\\ud800' is not valid Unicode text",)


def test_a_mapping_where_a_list_belongs_is_refused():
    text = _results_text(decisions=[{"cluster": "x", "order": {"a": 1}}])
    with pytest.raises(DataError) as info:
        io.loads(text)
    assert en(info.value.problems) == ("decisions[0].order: expected a list, got {…}",)


# -- score entries: the common {"criterion", "points"} form is built directly; the rest is checked as usual


def _one_entry(entry):
    return {
        "schema_version": 1,
        "document": "results",
        "campaign": "c",
        "year": 2022,
        "units": [{"unit": "xa-a", "assessments": [{"stage": "tu-cham", "scores": [entry]}]}],
    }


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"criterion": "c1", "points": "1.7"}, m.ScoreEntry("c1", Fraction(17, 10))),
        ({"criterion": "c1", "points": 2}, m.ScoreEntry("c1", 2)),
        ({"criterion": "c1", "points": "1/3"}, m.ScoreEntry("c1", Fraction(1, 3))),
        ({"criterion": "c1", "bonus": "0.5"}, m.ScoreEntry("c1", bonus=Fraction(1, 2))),
        ({"criterion": "c1", "points": "1", "reason": "Thie\u0301u"}, m.ScoreEntry("c1", 1, reason="Thi\u00e9u")),
    ],
)
def test_score_entries_are_read_exactly(entry, expected):
    assert io.structure(_one_entry(entry)).units[0].assessments[0].scores == (expected,)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            {"criterion": "bad id!", "points": "1"},
            (
                "scores[0].criterion: 'bad id!' is not a valid id (ASCII letters, digits, '_', '.', '-'; "
                "at most 100 characters)"
            ),
        ),
        (
            {"criterion": "c\u0301", "points": "1"},
            (
                "scores[0].criterion: 'c\u0301' is not a valid id (ASCII letters, digits, '_', '.', '-'; "
                "at most 100 characters)"
            ),
        ),
        (
            {"criterion": "c1", "points": 1.5},
            (
                "scores[0].points: 1.5 is a binary float; write it as text ('1.5') or as a fraction (e.g. '1/3') "
                "to keep it exact"
            ),
        ),
        (
            {"criterion": "c1", "points": "abc"},
            "scores[0].points: 'abc' is not an exact number (write e.g. '7.5' or '1/3')",
        ),
        ({"criterion": "c1", "points": True}, "scores[0].points: true is true or false, not a number"),
        ({"criterion": "c1", "points": "1", "extra": 1}, "scores[0].extra: unknown field 'extra'"),
        ({"criterion": 7, "points": "1"}, "scores[0].criterion: expected a text, got 7"),
    ],
)
def test_bad_score_entries_are_reported_with_their_path(entry, problem):
    with pytest.raises(DataError) as exc:
        io.structure(_one_entry(entry))
    assert en(exc.value.problems) == (f"units[0].assessments[0].{problem}",)


def test_a_list_mixing_plain_and_full_entries_keeps_every_entry_in_order():
    doc = _one_entry({"criterion": "c1", "points": "1.5"})
    scores = doc["units"][0]["assessments"][0]["scores"]
    scores += [{"criterion": "c2", "points": "2", "bonus": "0.5"}, {"criterion": "c3", "points": 1}]
    got = io.structure(doc).units[0].assessments[0].scores
    assert got == (
        m.ScoreEntry("c1", Fraction(3, 2)),
        m.ScoreEntry("c2", 2, bonus=Fraction(1, 2)),
        m.ScoreEntry("c3", 1),
    )


def test_every_bad_entry_in_a_list_is_reported_with_its_index():
    doc = _one_entry({"criterion": "c1", "points": "1.5"})
    scores = doc["units"][0]["assessments"][0]["scores"]
    scores += [{"criterion": "c2", "points": 0.5}, {"criterion": "c3", "points": "2"}, {"criterion": "c4"}]
    scores.append({"criterion": "c5", "points": "x", "reason": "đổi"})
    with pytest.raises(DataError) as exc:
        io.structure(doc)
    assert en(exc.value.problems) == (
        (
            "units[0].assessments[0].scores[1].points: 0.5 is a binary float; write it as text ('0.5') or as a "
            "fraction (e.g. '1/3') to keep it exact"
        ),
        "units[0].assessments[0].scores[4].points: 'x' is not an exact number (write e.g. '7.5' or '1/3')",
    )


def _scores_doc(entries):
    return {
        "schema_version": 1,
        "document": "results",
        "campaign": "c",
        "year": 2022,
        "units": [{"unit": f"xa-{i}", "assessments": [{"stage": "s", "scores": [e]}]} for i, e in enumerate(entries)],
    }


def test_equal_score_entries_are_read_once_and_unequal_ones_apart(tmp_path):
    # 1, 1.0, true and "1" are equal or alike to Python; only equal texts and equal whole numbers share
    entries = [
        {"criterion": "c1", "points": "1.5"},
        {"criterion": "c1", "points": "1.5"},
        {"criterion": "c1", "points": 1},
        {"criterion": "c1", "points": "1"},
        {"criterion": "c2", "points": "1.5"},
    ]
    path = tmp_path / "results.json"
    path.write_text(json.dumps(_scores_doc(entries)), encoding="utf-8")
    data = io.read_data(path.read_bytes(), "json", share_entries=True)
    got = [u["assessments"][0]["scores"][0] for u in data["units"]]
    assert got[0] is got[1]
    assert len({id(e) for e in got}) == 4
    results = io.load(path)
    assert [u.assessments[0].scores[0].points for u in results.units] == [
        Fraction(3, 2),
        Fraction(3, 2),
        1,
        1,
        Fraction(3, 2),
    ]


@pytest.mark.parametrize("other", [1.0, True])
def test_a_float_or_a_boolean_beside_an_equal_whole_number_is_still_refused(other):
    text = json.dumps(_scores_doc([{"criterion": "c1", "points": 1}, {"criterion": "c1", "points": other}]))
    with pytest.raises(DataError) as info:
        io.loads(text)
    assert [p.path for p in info.value.problems] == ["units[1].assessments[0].scores[0].points"]


def test_a_bad_entry_read_once_is_reported_wherever_it_is():
    bad = {"criterion": "c 1", "points": "2"}  # not an id
    text = json.dumps(_scores_doc([bad, {"criterion": "c1", "points": "2"}, bad]))
    with pytest.raises(DataError) as info:
        io.loads(text)
    assert [p.path for p in info.value.problems] == [
        "units[0].assessments[0].scores[0].criterion",
        "units[2].assessments[0].scores[0].criterion",
    ]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_measures_read_once_report_each_problem_at_its_name(fmt):
    measures = {"a": 0.5, "b": "x", "c": True, "ok": "12.5", "z": "1/0", "n\u00e0y\ud800": "1"}
    doc = {"schema_version": 1, "document": "results", "campaign": "c", "year": 2022}
    doc["units"] = [{"unit": "xa-a", "measures": measures}]
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(doc) if fmt == "json" else yaml.safe_dump(doc, allow_unicode=True), fmt)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("units[0].measures.a", "float-not-allowed"),
        ("units[0].measures.b", "not-a-number"),
        ("units[0].measures.c", "bool-not-number"),
        ('units[0].measures["này\ud800"]', "invalid-unicode"),
        ("units[0].measures.z", "division-by-zero"),
    ]
    del measures["n\u00e0y\ud800"]
    measures["nà\u0300y"] = "2"  # a name not in ASCII, normalized
    with pytest.raises(DataError) as info:
        io.loads(json.dumps(doc) if fmt == "json" else yaml.safe_dump(doc, allow_unicode=True), fmt)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("units[0].measures.a", "float-not-allowed"),
        ("units[0].measures.b", "not-a-number"),
        ("units[0].measures.c", "bool-not-number"),
        ("units[0].measures.z", "division-by-zero"),
    ]
    del measures["a"], measures["b"], measures["c"], measures["z"]
    results = io.loads(json.dumps(doc) if fmt == "json" else yaml.safe_dump(doc, allow_unicode=True), fmt)
    assert dict(results.units[0].measures) == {"nà\u0300y".replace("a\u0300", "\u00e0"): 2, "ok": Fraction(25, 2)}
