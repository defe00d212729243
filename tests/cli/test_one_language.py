"""Every command of ``thidua``, and the help of each, on every bundled campaign: one language per line.

A Vietnamese line must hold no English word of thidua's (an untranslated
message or a message half translated); an English line no Vietnamese word
that is not the campaign's own data (a unit's name, a reviewer's reason).
"""

from __future__ import annotations

import argparse
from fractions import Fraction
from pathlib import Path

import pytest

import thidua
from thidua.cli import main
from thidua.cli._parser import build_parser
from words import data_texts, english_words, vietnamese_words

EXAMPLES = thidua.examples.names()


def _commands() -> list[str]:
    """Every command of the parser, so that a new one is swept too."""
    parser = build_parser("en")
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(sub.choices)


COMMANDS = _commands()


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[str]]:
    code = main(argv)
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text
    return code, [line for line in text.splitlines() if line.strip()]


def _check(lines: list[str], lang: str, data: list[str]) -> list[str]:
    """The lines in the wrong language (or in two languages), with what gave them away."""
    bad = []
    for line in lines:
        found = english_words(line, data) if lang == "vi" else vietnamese_words(line, data)
        if found:
            bad.append(f"{line!r}: {found}")
    return bad


def _sweep(capsys: pytest.CaptureFixture[str], name: str, lang: str, tmp: Path) -> dict[str, list[str]]:
    """Run every command on one example; return each run's output lines, by command line."""
    campaign = str(thidua.examples.path(name, "campaign"))
    results = str(thidua.examples.path(name, "results"))
    outputs: dict[str, list[str]] = {}

    def run(*argv: str, ok: int | tuple[int, ...] = 0) -> None:
        code, lines = _run(capsys, [*argv, "--lang", lang])
        assert code in ((ok,) if isinstance(ok, int) else ok), (argv, lines)
        outputs[" ".join(argv)] = lines

    run("validate", campaign, results)
    for suffix in ("html", "xlsx", "json"):
        # exit code 5: a meeting's decision breaks the rules (An Minh's sample meeting does), said in words
        run("evaluate", campaign, results, "-o", str(tmp / f"report.{suffix}"), ok=(0, 5))
    evaluation = thidua.evaluate(
        thidua.examples.load_campaign(name),
        thidua.examples.load_results(name),
        history=thidua.examples.load_history(name),
    )
    for unit in evaluation.units:
        run("explain", campaign, results, unit.unit)
    for suffix in ("xlsx", "csv"):
        run("template", campaign, "-o", str(tmp / f"template.{suffix}"))
    run("papers", campaign, results, "-o", str(tmp / "papers"), "--proposals", "computed")
    run("schema", "campaign", "-o", str(tmp / "campaign.schema.json"))
    run("convert", campaign, str(tmp / "campaign.yaml"))
    scenario = tmp / "scenario.yaml"
    first = evaluation.units[0]
    scenario.write_text(
        f"schema_version: 1\ndocument: scenario\nname: {name}\ncampaign: example:{name}\nresults: example:{name}\n"
        f"expect:\n  - {{unit: {first.unit}, rank: {first.rank}}}\n",
        encoding="utf-8",
    )
    run("test", str(scenario))
    # the campaign's own rule tests, and a scenario that fails: each difference in the reader's language
    run("test", str(thidua.examples.path(name, "campaign").parent / "test_scenarios.yaml"))
    scenario.write_text(
        f"schema_version: 1\ndocument: scenario\nname: {name}\ncampaign: example:{name}\nresults: example:{name}\n"
        f"expect:\n  - {{unit: {first.unit}, rank: {(first.rank or 0) + 1}, grade: nothing}}\n",
        encoding="utf-8",
    )
    run("test", str(scenario), "--explain", ok=1)
    # what-if: a threshold changed, and swept over a range
    campaign_ = thidua.examples.load_campaign(name)
    target = next(t for t in campaign_.targets() if getattr(t, "at_least", None) is not None)
    path = f"targets.{target.id}.at_least"
    if isinstance(target.at_least, Fraction) and target.at_least <= 1 and type(target).__name__ != "CountTarget":
        changed, sweep = "60%", "50%:100%:25%"
    else:
        changed, sweep = str(target.at_least + 1), "0:4:2"
    run("what-if", campaign, results, "--set", f"{path}={changed}")
    run("what-if", campaign, results, "--sweep", f"{path}={sweep}", "-o", str(tmp / "sweep.csv"))
    return outputs


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_command_on_every_example_reads_in_one_language(capsys, tmp_path, name, lang):
    outputs = _sweep(capsys, name, lang, tmp_path)
    data = data_texts(name)
    # thidua test quotes the scenario files' own words (their names, keys and values): data too
    scenarios = [tmp_path / "scenario.yaml", thidua.examples.path(name, "campaign").parent / "test_scenarios.yaml"]
    with_scenarios = data_texts(name, scenarios)
    bad = {
        argv: found
        for argv, lines in outputs.items()
        if (found := _check(lines, lang, with_scenarios if argv.startswith("test ") else data))
    }
    assert bad == {}
    # the sweep ran and read something: each explanation names the unit and its verdicts
    assert all(outputs[argv] for argv in outputs if argv.startswith("explain"))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_the_help_of_every_command_reads_in_one_language(capsys, command, lang):
    argv = ["--help"] if command is None else [command, "--help"]
    code, lines = _run(capsys, [*argv, "--lang", lang])
    assert code == 0
    assert len(lines) > 5
    assert _check(lines, lang, []) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_demo_and_generate_read_in_one_language(capsys, tmp_path, lang):
    code, demo = _run(capsys, ["demo", "-o", str(tmp_path / "demo.html"), "--lang", lang])
    assert code == 0
    code, generated = _run(capsys, ["generate", "-o", str(tmp_path / "gen"), "--provinces", "Lai Châu", "--lang", lang])
    assert code == 0
    assert _check(demo, lang, data_texts(thidua.examples.DEFAULT)) == []
    assert _check(generated, lang, []) == []


def test_a_line_in_two_languages_is_caught():
    # the check itself: these lines are what issue 16 saw
    assert english_words("s.yaml: 1 điểm khác biệt; expected htxs, got htt") == ["expected"]
    assert english_words("cách dùng: thidua validate CAMPAIGN") == ["CAMPAIGN"]
    assert vietnamese_words("Rank in Cụm thi đua số 1: 2 of 5, đồng hạng") == ["Cụm", "đua", "số", "hạng"]
    assert vietnamese_words("Rank in Cụm thi đua số 1: 2 of 5, tied", ["Cụm thi đua số 1"]) == []
