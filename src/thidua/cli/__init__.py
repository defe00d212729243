"""The ``thidua`` command line: the same jobs as the Python API, with the same names.

Run ``thidua --help`` (or ``python -m thidua --help``) for the commands:
``demo``, ``validate``, ``evaluate``, ``explain``, ``template``, ``collect``,
``papers``, ``schema``, ``convert``, ``test``, ``what-if`` and ``generate``. A
campaign is a file, or the name of a bundled campaign (``thidua evaluate
an-minh-2022 ...``). Every command takes ``--lang vi|en``
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

from thidua.cli._console import EXIT_CODES, EXIT_CONFLICTS, Console
from thidua.cli._parser import build_parser, locale_of
from thidua.errors import DataError, EvaluationError, LocaleError, MissingExtraError

__all__ = [
    "EXIT_CODES",
    "EXIT_CONFLICTS",
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


def _handlers() -> dict[str, Callable[[argparse.Namespace, Console], int]]:
    from thidua.cli import _commands

    return {
        "demo": _commands.demo,
        "validate": _commands.validate,
        "evaluate": _commands.evaluate,
        "explain": _commands.explain,
        "template": _commands.template,
        "collect": _commands.collect,
        "papers": _commands.papers,
        "schema": _commands.schema,
        "convert": _commands.convert,
        "test": _commands.test,
        "what-if": _commands.what_if,
        "generate": _commands.generate,
        "serve": _commands.serve,
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
    except BrokenPipeError:  # the reader went away (``| head``): nothing to tell, see main()
        raise
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
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(locale_of(argv))
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
