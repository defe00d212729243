"""The ``thidua`` command line: the same jobs as the Python API, with the same names.

Run ``thidua --help`` (or ``python -m thidua --help``) for the commands:
``demo``, ``validate``, ``evaluate``, ``explain``, ``template``, ``schema``,
``convert``, ``test`` and ``generate``. Every command takes ``--lang vi|en``
(Vietnamese by default). Bad input never shows a traceback: it is reported
as a list of problems, each with its path, and an exit code (see
:data:`EXIT_CODES`).

>>> EXIT_CODES[4]
"a missing optional extra (e.g. 'excel' for .xlsx files)"

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from thidua.cli._console import EXIT_CODES, Console
from thidua.errors import DataError, EvaluationError, LocaleError, MissingExtraError

__all__ = [
    "EXIT_CODES",
    "EXIT_EVALUATION",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_MISSING_EXTRA",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_EVALUATION = 3
EXIT_MISSING_EXTRA = 4
EXIT_INTERRUPTED = 130

_EPILOG = "exit codes:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES.items())
_DESCRIPTION = (
    "thidua: Vietnam's emulation campaigns (phong trào thi đua) as data and rules a program can check.\n"
    "Results and reports are in Vietnamese by default; use --lang en for English."
)


def _common(*, stage: bool = False, history: bool = False) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="language of messages, reports and explanations (default: vi)",
    )
    if stage:
        p.add_argument("--stage", metavar="STAGE", help="review stage to evaluate (default: the last one reached)")
    if history:
        p.add_argument("--history", metavar="FILE", help="history document (past years' grades and titles)")
    return p


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``thidua``, with every command.

    >>> sorted(build_parser()._subparsers._group_actions[0].choices)[:3]
    ['convert', 'demo', 'evaluate']

    .. versionadded:: 0.1.0
    """
    from thidua import __version__

    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="thidua", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=fmt)
    parser.add_argument("--version", action="version", version=f"thidua {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_, description=help_, epilog=_EPILOG, formatter_class=fmt, parents=parents)

    p = add("demo", "evaluate the bundled example campaign and write its HTML report", _common())
    p.add_argument("-o", "--output", metavar="FILE", help="report path (default: ./thidua-demo/report.html)")

    p = add("validate", "list every problem of a campaign (and results, history) with its path", _common(history=True))
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign document (.json, .toml, .yaml)")
    p.add_argument("results", metavar="RESULTS", nargs="?", help="results: a document, or a .xlsx/.csv table")

    p = add(
        "evaluate", "evaluate results and write a report (.html, .xlsx or .json)", _common(stage=True, history=True)
    )
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign document")
    p.add_argument("results", metavar="RESULTS", help="results: a document, or a .xlsx/.csv table")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="report path: .html, .xlsx or .json")

    p = add("explain", "explain every verdict about one unit in the terminal", _common(stage=True, history=True))
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign document")
    p.add_argument("results", metavar="RESULTS", help="results: a document, or a .xlsx/.csv table")
    p.add_argument("unit", metavar="UNIT", help="unit id, or its name (any case, NFC or NFD)")

    p = add("template", "write a results workbook (.xlsx) or table (.csv) for a campaign", _common())
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign document")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="template path: .xlsx or .csv")

    p = add("schema", "print the JSON Schema of a document type", _common())
    p.add_argument(
        "document",
        metavar="DOCUMENT",
        nargs="?",
        choices=("campaign", "results", "history"),
        help="campaign, results or history (default: all three, by name)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to a file instead of stdout")

    p = add("convert", "convert a document between JSON, TOML and YAML (by suffix)", _common())
    p.add_argument("input", metavar="IN", help="document to read")
    p.add_argument("output", metavar="OUT", help="document to write; its suffix chooses the format")

    p = add("test", "run scenario files and show each difference", _common())
    p.add_argument("scenarios", metavar="SCENARIO", nargs="+", help="scenario files")

    p = add("generate", "write a synthetic national campaign, results and history as JSON", _common())
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="directory to write to")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--provinces", nargs="+", metavar="PROVINCE", help="provinces to include (default: all)")
    p.add_argument("--history-years", type=int, default=0, metavar="N", help="past years of history (default: 0)")
    p.add_argument("--stages", type=int, default=1, metavar="N", help="review stages (default: 1)")
    return parser


def _handlers() -> dict[str, Callable[[argparse.Namespace, Console], int]]:
    from thidua.cli import _commands

    return {
        "demo": _commands.demo,
        "validate": _commands.validate,
        "evaluate": _commands.evaluate,
        "explain": _commands.explain,
        "template": _commands.template,
        "schema": _commands.schema,
        "convert": _commands.convert,
        "test": _commands.test,
        "generate": _commands.generate,
    }


def _run(args: argparse.Namespace, console: Console) -> int:
    _ = console.gettext
    try:
        return _handlers()[args.command](args, console)
    except KeyboardInterrupt:
        console.error(_("interrupted"))
        return EXIT_INTERRUPTED
    except MissingExtraError as exc:
        console.error(exc.render(console.locale))
        return EXIT_MISSING_EXTRA
    except ImportError as exc:
        console.error(_("a module is missing: %(module)s") % {"module": exc.name or str(exc)})
        return EXIT_MISSING_EXTRA
    except DataError as exc:  # ModelError and RuleError included
        console.problems(exc.source, exc.problems)
        return EXIT_INVALID
    except EvaluationError as exc:
        text = exc.render(console.locale, console.campaign)
        console.error(_("evaluation failed: %(error)s") % {"error": text})
        return EXIT_EVALUATION
    except LocaleError as exc:
        console.error(exc.render(console.locale))
        return EXIT_USAGE
    except OSError as exc:
        from thidua.io import os_problem

        console.problems(exc.filename and str(exc.filename), [os_problem(exc)])
        return EXIT_INVALID
    except Exception as exc:
        if os.environ.get("THIDUA_DEBUG"):
            raise
        console.error(_("internal error (please report it): %(error)s") % {"error": f"{type(exc).__name__}: {exc}"})
        return EXIT_EVALUATION


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``thidua`` with *argv* (default: the process's arguments) and return the exit code.

    Args:
        argv: the arguments after the program name.

    Returns:
        0 on success; see :data:`EXIT_CODES` for the others.

    >>> import thidua
    >>> main(["validate", str(thidua.examples.path("an-minh-2022")), "--lang", "en"])
    /...an-minh-2022/campaign.json: no problems
    0

    .. versionadded:: 0.1.0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0), --version (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    console = Console(args.lang)
    try:
        return _run(args, console)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
