"""Pausing the cyclic garbage collector while many acyclic objects are built."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["paused_gc"]

#: the collector is one per process: the pauses of all threads are counted together, so that it
#: resumes when the last one ends (and only if it was enabled when the first one began)
_LOCK = threading.Lock()
_depth = 0
_resume = False


@contextlib.contextmanager
def paused_gc(pause: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore its state.

    Loading or evaluating a national campaign builds hundreds of thousands of
    small frozen objects that never form reference cycles; without the pause
    the collector scans all of them again and again. Reference counting still
    frees everything as usual, and a collector that was already disabled stays so.
    At the end the young objects (the new ones, and any the program made just
    before) join the oldest generation without a scan; full collections still
    visit them, so a reference cycle among them is freed at the next full
    collection rather than the next young one.

    The collector's state is process-wide: while any thread is inside a pause,
    no thread's objects are scanned. Pauses of several threads are counted, and
    the collector resumes when the last one ends. A program that does not want
    this side effect passes ``pause_gc=False`` to :func:`thidua.evaluate`,
    :func:`thidua.load`, :func:`thidua.loads` and :class:`thidua.Session`, which
    then leave the collector alone (*pause* false here).

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    >>> with paused_gc(False):
    ...     gc.isenabled()
    True

    .. versionadded:: 0.1.0
    """
    if not pause:
        yield
        return
    global _depth, _resume  # noqa: PLW0603 - the process-wide collector's pause, counted across threads
    with _LOCK:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _LOCK:
            _depth -= 1
            if _depth == 0 and _resume:
                if not gc.get_freeze_count():
                    # The objects built in the block are still in the youngest generation,
                    # so the first allocation after enabling would scan them all (a fifth of
                    # a national evaluation). Freezing and unfreezing moves them to the oldest
                    # generation without a scan. Skipped when the program froze objects itself.
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()
