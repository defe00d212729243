"""What the command line prints: messages, problem lists and a progress bar on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from thidua._problems import N_
from thidua.errors import Problem

__all__ = ["EXIT_CODES", "EXIT_CONFLICTS", "Console", "Progress", "is_missing_extra"]

#: ``thidua evaluate`` wrote its report, but a meeting's decision breaks the rules
EXIT_CONFLICTS = 5

#: The exit codes of ``thidua``, with what each means.
EXIT_CODES: dict[int, str] = {
    0: N_("success"),
    1: N_("invalid input: problems in a file, validation problems, or scenario differences"),
    2: N_("usage error: unknown command or option, missing argument"),
    3: N_("evaluation error: evaluation could not proceed (e.g. a missing input under the 'error' policy)"),
    4: N_("a missing optional extra (e.g. 'excel' for .xlsx files)"),
    5: N_("evaluated and reported, but a meeting's decision breaks the rules (each conflict is listed)"),
    130: N_("interrupted (Ctrl-C)"),
}


def is_missing_extra(exc: BaseException) -> bool:
    """Tell whether an error says that an optional extra is not installed.

    >>> from thidua.errors import DataError, MissingExtraError
    >>> is_missing_extra(MissingExtraError("writing TOML", "toml", "tomli-w"))
    True
    >>> is_missing_extra(DataError([]))
    False
    """
    return isinstance(exc, ImportError)


class Progress:
    """A progress bar with a percentage, on a terminal only (silent when the stream is not a terminal).

    Work is counted in steps (:meth:`step`) or in any unit with a total
    (:meth:`update`: rows, bytes); the bar shows the share done.

    >>> import io
    >>> p = Progress(3, io.StringIO())
    >>> p.enabled
    False
    >>> p.step("one")
    """

    WIDTH = 24
    #: redraw at most this often (seconds), so that a bar never slows the work it shows
    EVERY = 0.1

    def __init__(self, total: int, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._shown = 0
        self._started = False
        self._drawn = 0.0
        self._last = ""

    def show(self, label: str) -> None:
        """Draw the bar with the current step's label."""
        if not self.enabled:
            return
        filled = self.WIDTH * self.done // self.total
        percent = 100 * self.done // self.total
        text = f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {percent:3d}% {label}"[:120]
        pad = max(0, self._shown - len(text))
        self.stream.write(text + " " * pad)
        self.stream.flush()
        self._shown = len(text)
        self._last = text

    def step(self, label: str = "") -> None:
        """Start the step *label*: the step before it is done."""
        if self._started:
            self.done = min(self.done + 1, self.total)
        self._started = True
        self.show(label)

    def update(self, done: int, total: int, label: str = "") -> None:
        """Show *done* of *total* (rows, bytes...) with *label*, at most every :attr:`EVERY` seconds."""
        if not self.enabled:
            return
        import time

        now = time.monotonic()
        self.total = max(total, 1)
        self.done = min(max(done, 0), self.total)
        if now - self._drawn >= self.EVERY or self.done == self.total:
            self._drawn = now
            self.show(label)

    def close(self) -> None:
        """Erase the bar."""
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0


class Console:
    """Output of one command: translated messages to stdout, problems to stderr.

    Args:
        locale: ``"vi"`` or ``"en"``.
        out: the stream for results (default stdout).
        err: the stream for problems and the progress bar (default stderr).
    """

    def __init__(self, locale: str, out: TextIO | None = None, err: TextIO | None = None) -> None:
        from thidua.l10n import get_translator

        self.locale = locale
        self.translator = get_translator(locale)
        self.gettext = self.translator.gettext
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        #: the campaign of the command once it is read: errors then name units and rules
        self.campaign: Any = None

    def print(self, text: str = "") -> None:
        """Write a line to stdout."""
        self.out.write(text + "\n")

    def error(self, text: str) -> None:
        """Write a line to stderr, prefixed with ``thidua:``."""
        self.err.write(f"thidua: {text}\n")

    def note(self, text: str) -> None:
        """Write an informative line to stderr (not a problem)."""
        self.err.write(text + "\n")

    def problems(self, source: str | None, problems: Iterable[Problem]) -> None:
        """List problems in the console's language, each with its place, under the file they belong to."""
        from thidua.l10n import format_problems

        self.err.write("thidua: " + format_problems(problems, self.locale, source=source) + "\n")

    @contextmanager
    def progress(self, total: int) -> Iterator[Progress]:
        """A progress bar on stderr for the duration of a ``with`` block."""
        bar = Progress(total, self.err)
        try:
            yield bar
        finally:
            bar.close()
