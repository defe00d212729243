"""The argument parser of ``thidua``, in the reader's language.

Every help text is an English msgid translated when the parser is built for
a locale; argparse's own words (``usage:``, the section titles, ``-h``, its
error messages) are replaced by ours, so that ``thidua --help`` and a usage
error read in one language. Commands register their arguments through
:class:`Commands`, which keeps the translation in one place::

    def add_my_command(cmds: Commands) -> None:
        pgettext = cmds.pgettext  # placeholders (metavars) are translated in the context "placeholder"
        p = cmds.add("collect", N_("merge returned workbooks into one results document"), stage=True)
        help_ = cmds.t(N_("campaign document or bundled name"))
        p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=help_)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, cast

from thidua._problems import N_
from thidua.cli._console import EXIT_CODES
from thidua.l10n import get_translator

__all__ = ["Commands", "ThiduaArgumentParser", "build_parser", "locale_of"]

_DESCRIPTION = N_(
    "thidua: Vietnam's emulation campaigns (phong trào thi đua) as data and rules a program can check.\n"
    "Results and reports are in Vietnamese by default; use --lang en for English."
)
_EXIT_TITLE = N_("exit codes:")

#: argparse's messages (Python 3.11–3.13), as patterns, with our msgids
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (?P<args>.+)$"), N_("missing arguments: %(args)s")),
    (re.compile(r"^unrecognized arguments: (?P<args>.+)$"), N_("unknown arguments: %(args)s")),
    (
        re.compile(r"^argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$"),
        N_("%(arg)s: %(value)s is not one of %(choices)s"),
    ),
    (
        re.compile(r"^argument (?P<arg>\S+): invalid int value: (?P<value>.+)$"),
        N_("%(arg)s: %(value)s is not a whole number"),
    ),
    (re.compile(r"^argument (?P<arg>\S+): expected one argument$"), N_("%(arg)s needs a value")),
    (re.compile(r"^argument (?P<arg>\S+): expected at least one argument$"), N_("%(arg)s needs at least one value")),
    (re.compile(r"^argument (?P<arg>\S+): (?P<message>.+)$"), N_("%(arg)s: %(message)s")),
)


def locale_of(argv: Sequence[str]) -> str:
    """The language asked for with ``--lang`` in *argv* (``vi`` when absent or unknown), before parsing.

    >>> locale_of(["validate", "c.json", "--lang", "en"]), locale_of(["--lang=en", "demo"]), locale_of(["demo"])
    ('en', 'en', 'vi')
    """
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        return value if value in ("vi", "en") else "vi"
    return "vi"


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's layout with a translated ``usage:`` prefix."""

    usage_prefix = "usage: "

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else self.usage_prefix)


class ThiduaArgumentParser(argparse.ArgumentParser):
    """An argument parser whose help and errors are in one language.

    >>> p = ThiduaArgumentParser(prog="thidua", locale="vi")
    >>> p.format_usage()
    'cách dùng: thidua [-h]\\n'
    """

    def __init__(self, *args: Any, locale: str = "vi", **kwargs: Any) -> None:
        self.locale = locale
        self.t = get_translator(locale).gettext
        t = self.t
        prefix = t(N_("usage: "))
        kwargs.setdefault("formatter_class", type("_LocalFormatter", (_Formatter,), {"usage_prefix": prefix}))
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = t(N_("arguments"))
        self._optionals.title = t(N_("options"))
        self.add_argument("-h", "--help", action="help", help=t(N_("show this help and exit")))

    def error(self, message: str) -> NoReturn:
        """Print the usage and a translated message to stderr, then exit with code 2."""
        self.print_usage(sys.stderr)
        word = self.t(N_("error"))
        self.exit(2, f"{self.prog}: {word}: {self.translate_error(message)}\n")

    def translate_error(self, message: str) -> str:
        """argparse's English message in this parser's language (unknown messages unchanged)."""
        for pattern, msgid in _ARGPARSE_ERRORS:
            found = pattern.match(message)
            if found:
                values = dict(found.groupdict())
                if "message" in values:
                    values["message"] = self.translate_error(values["message"])
                return self.t(msgid) % values
        return message


class Commands:
    """The subcommands being built for one locale: :meth:`add` one, :meth:`t` translates a help text."""

    def __init__(self, parser: ThiduaArgumentParser, locale: str) -> None:
        self.parser = parser
        self.locale = locale
        self.t: Callable[[str], str] = parser.t
        self.pgettext: Callable[[str, str], str] = get_translator(locale).pgettext
        pgettext = self.pgettext
        self.sub = parser.add_subparsers(
            title=self.t(N_("commands")), dest="command", metavar=pgettext("placeholder", "COMMAND"), required=True
        )
        self.epilog = epilog(locale)

    def common(self, *, stage: bool = False, history: bool = False) -> argparse.ArgumentParser:
        """The options every command takes (``--lang``), with ``--stage`` and ``--history`` when asked."""
        t = self.t
        pgettext = self.pgettext
        p = argparse.ArgumentParser(add_help=False)
        p.add_argument(
            "--lang",
            choices=("vi", "en"),
            default="vi",
            help=t(N_("language of messages, reports and explanations (default: vi)")),
        )
        if stage:
            p.add_argument(
                "--stage",
                metavar=pgettext("placeholder", "STAGE"),
                help=t(N_("review stage to evaluate (default: the last one reached)")),
            )
        if history:
            p.add_argument(
                "--history",
                metavar=pgettext("placeholder", "FILE"),
                help=t(N_("history document (past years' grades and titles)")),
            )
        return p

    def add(self, name: str, help_: str, *, stage: bool = False, history: bool = False) -> ThiduaArgumentParser:
        """Add the command *name*; *help_* is an English msgid (marked with ``N_``)."""
        text = self.t(help_)
        parser: ThiduaArgumentParser = self.sub.add_parser(
            name,
            help=text,
            description=text,
            epilog=self.epilog,
            parents=[cast("Any", self.common(stage=stage, history=history))],
            locale=self.locale,
        )
        return parser


def epilog(locale: str) -> str:
    """The list of exit codes, in *locale*'s language."""
    t = get_translator(locale).gettext
    return t(_EXIT_TITLE) + "\n" + "\n".join(f"  {code:<4} {t(text)}" for code, text in EXIT_CODES.items())


def build_parser(locale: str = "vi") -> ThiduaArgumentParser:
    """The argument parser of ``thidua``, with every command, in *locale*'s language.

    >>> sorted(build_parser()._subparsers._group_actions[0].choices)[:3]
    ['collect', 'convert', 'demo']
    >>> "kiểm tra" in build_parser("vi").format_help(), "list every problem" in build_parser("en").format_help()
    (True, True)

    .. versionadded:: 0.1.0
    """
    from thidua import __version__

    parser = ThiduaArgumentParser(prog="thidua", description=None, epilog=epilog(locale), locale=locale)
    parser.description = parser.t(_DESCRIPTION)
    parser.add_argument(
        "--version", action="version", version=f"thidua {__version__}", help=parser.t(N_("show the version and exit"))
    )
    cmds = Commands(parser, locale)
    _core_commands(cmds)
    return parser


_CAMPAIGN = N_("campaign document (.json, .toml, .yaml), or the name of a bundled campaign (e.g. an-minh-2022)")


def _core_commands(cmds: Commands) -> None:
    t = cmds.t
    pgettext = cmds.pgettext
    p = cmds.add("demo", N_("evaluate the bundled example campaign and write its HTML report"))
    p.add_argument(
        "-o",
        "--output",
        metavar=pgettext("placeholder", "FILE"),
        help=t(N_("report path (default: ./thidua-demo/report.html)")),
    )

    p = cmds.add("validate", N_("list every problem of a campaign (and results, history) with its place"), history=True)
    p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=t(_CAMPAIGN))
    p.add_argument(
        "results",
        metavar=pgettext("placeholder", "RESULTS"),
        nargs="?",
        help=t(N_("results: a document, or a .xlsx/.csv table")),
    )

    p = cmds.add(
        "evaluate", N_("evaluate results and write a report (.html, .xlsx or .json)"), stage=True, history=True
    )
    p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=t(_CAMPAIGN))
    p.add_argument(
        "results", metavar=pgettext("placeholder", "RESULTS"), help=t(N_("results: a document, or a .xlsx/.csv table"))
    )
    p.add_argument(
        "-o",
        "--output",
        metavar=pgettext("placeholder", "FILE"),
        required=True,
        help=t(N_("report path: .html, .xlsx or .json")),
    )

    p = cmds.add("explain", N_("explain every verdict about one unit in the terminal"), stage=True, history=True)
    p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=t(_CAMPAIGN))
    p.add_argument(
        "results", metavar=pgettext("placeholder", "RESULTS"), help=t(N_("results: a document, or a .xlsx/.csv table"))
    )
    p.add_argument(
        "unit", metavar=pgettext("placeholder", "UNIT"), help=t(N_("unit id, or its name (any case, NFC or NFD)"))
    )

    p = cmds.add("template", N_("write a results workbook (.xlsx) or table (.csv) for a campaign"))
    p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=t(_CAMPAIGN))
    p.add_argument(
        "-o",
        "--output",
        metavar=pgettext("placeholder", "FILE"),
        required=True,
        help=t(N_("template path: .xlsx or .csv")),
    )
    p.add_argument(
        "--stage",
        metavar=pgettext("placeholder", "STAGE"),
        help=t(N_("a review stage after the first: a workbook pre-filled with the points before it (needs --results)")),
    )
    p.add_argument(
        "--results", metavar=pgettext("placeholder", "RESULTS"), help=t(N_("the results of the stages before --stage"))
    )
    p.add_argument(
        "--meeting",
        action="store_true",
        help=t(N_("a workbook for the clusters' meetings: decided order and award proposals, a sheet per cluster")),
    )

    p = cmds.add("collect", N_("merge returned workbooks, tables and documents into one results document"))
    p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=t(_CAMPAIGN))
    p.add_argument(
        "files",
        metavar=pgettext("placeholder", "FILE"),
        nargs="+",
        help=t(N_("returned files: .xlsx, .csv, .json, .toml, .yaml (review and meeting workbooks too)")),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar=pgettext("placeholder", "FILE"),
        required=True,
        help=t(N_("results document to write")),
    )
    p.add_argument(
        "--stage", metavar=pgettext("placeholder", "STAGE"), help=t(N_("refuse review workbooks of any other stage"))
    )
    p.add_argument("--sample", action="store_true", help=t(N_("mark the results as sample data")))

    p = cmds.add(
        "papers",
        N_("write the papers to sign (.docx): the minutes, proposal and summary report of each cluster"),
        stage=True,
        history=True,
    )
    p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=t(_CAMPAIGN))
    p.add_argument(
        "results", metavar=pgettext("placeholder", "RESULTS"), help=t(N_("results: a document, or a .xlsx/.csv table"))
    )
    p.add_argument(
        "-o",
        "--output",
        metavar=pgettext("placeholder", "DIR"),
        required=True,
        help=t(N_("folder to write the papers to")),
    )
    p.add_argument(
        "--details",
        metavar=pgettext("placeholder", "FILE"),
        help=t(N_("what the campaign does not say (bodies, number, place, date, signer, votes): .json, .toml, .yaml")),
    )
    p.add_argument(
        "--cluster",
        nargs="+",
        metavar=pgettext("placeholder", "CLUSTER"),
        help=t(N_("clusters to write (default: all)")),
    )
    p.add_argument(
        "--proposals",
        choices=("meeting", "computed"),
        default="meeting",
        help=t(N_("the awards to propose: the meeting's (default) or those the rules grant (computed)")),
    )

    p = cmds.add("schema", N_("print the JSON Schema of a document type"))
    p.add_argument(
        "document",
        metavar=pgettext("placeholder", "DOCUMENT"),
        nargs="?",
        choices=("campaign", "results", "history", "scenario"),
        help=t(N_("campaign, results, history or scenario (default: all four, by name)")),
    )
    p.add_argument(
        "-o", "--output", metavar=pgettext("placeholder", "FILE"), help=t(N_("write to a file instead of stdout"))
    )

    p = cmds.add("convert", N_("convert a document between JSON, TOML and YAML (by suffix)"))
    p.add_argument("input", metavar=pgettext("placeholder", "IN"), help=t(N_("document to read")))
    p.add_argument(
        "output", metavar=pgettext("placeholder", "OUT"), help=t(N_("document to write; its suffix chooses the format"))
    )

    p = cmds.add("test", N_("run scenario files: each expectation not met, with what was expected and got"))
    p.add_argument(
        "scenarios",
        metavar=pgettext("placeholder", "SCENARIO"),
        nargs="+",
        help=t(N_("scenario files, or folders to search for test_*.yaml scenario files")),
    )
    p.add_argument("--explain", action="store_true", help=t(N_("show the explanation of each verdict not as expected")))

    p = cmds.add(
        "what-if",
        N_("change rules or inputs, or sweep one value over a range, and show the verdicts that move"),
        stage=True,
        history=True,
    )
    p.add_argument("campaign", metavar=pgettext("placeholder", "CAMPAIGN"), help=t(_CAMPAIGN))
    p.add_argument(
        "results", metavar=pgettext("placeholder", "RESULTS"), help=t(N_("results: a document, or a .xlsx/.csv table"))
    )
    p.add_argument(
        "--set",
        dest="rules",
        metavar=pgettext("placeholder", "PATH=VALUE"),
        action="append",
        default=[],
        help=t(N_("change a value of the campaign, e.g. targets.bctmt-good.at_least=75%% (repeatable)")),
    )
    p.add_argument(
        "--input",
        dest="inputs",
        metavar=pgettext("placeholder", "PATH=VALUE"),
        action="append",
        default=[],
        help=t(N_("change a reported value, e.g. units.xa-a.counts.hamlet.htxs=4 (repeatable)")),
    )
    p.add_argument(
        "--sweep",
        metavar=pgettext("placeholder", "PATH=START:STOP:STEP"),
        help=t(N_("sweep one value of the campaign over a range, e.g. targets.bctmt-good.at_least=60%%:100%%:1%%")),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar=pgettext("placeholder", "FILE"),
        help=t(N_("write the sweep's table to a .csv or .json file")),
    )
    p.add_argument(
        "--plot", metavar=pgettext("placeholder", "FILE"), help=t(N_("draw the sweep to a .png, .svg or .pdf file"))
    )

    p = cmds.add("serve", N_("serve campaigns over HTTP: evaluate, explain and update them (the 'serve' extra)"))
    p.add_argument(
        "examples",
        metavar=pgettext("placeholder", "EXAMPLE"),
        nargs="*",
        help=t(N_("bundled examples to serve, by name")),
    )
    p.add_argument(
        "--files",
        nargs=2,
        action="append",
        default=[],
        metavar=(pgettext("placeholder", "CAMPAIGN"), pgettext("placeholder", "RESULTS")),
        help=t(N_("a campaign document and its results (a document, or a .xlsx/.csv table); may be repeated")),
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar=pgettext("placeholder", "ADDRESS"),
        help=t(N_("address to listen on (default: 127.0.0.1, this machine only)")),
    )
    p.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar=pgettext("placeholder", "PORT"),
        help=t(N_("port to listen on (default: 8000; 0: any free port)")),
    )

    p = cmds.add("generate", N_("write a synthetic national campaign, results and history as JSON"))
    p.add_argument(
        "-o", "--output", metavar=pgettext("placeholder", "DIR"), required=True, help=t(N_("directory to write to"))
    )
    p.add_argument("--seed", type=int, default=0, help=t(N_("random seed (default: 0)")))
    p.add_argument(
        "--provinces",
        nargs="+",
        metavar=pgettext("placeholder", "PROVINCE"),
        help=t(N_("provinces to include (default: all)")),
    )
    p.add_argument(
        "--history-years",
        type=int,
        default=0,
        metavar=pgettext("placeholder", "N"),
        help=t(N_("past years of history (default: 0)")),
    )
    p.add_argument(
        "--stages", type=int, default=1, metavar=pgettext("placeholder", "N"), help=t(N_("review stages (default: 1)"))
    )
    p.add_argument(
        "--computed",
        choices=("some", "all"),
        default="some",
        help=t(N_("criteria computed from measures: 7 of the 50 (some, the default) or all 50 (all)")),
    )
