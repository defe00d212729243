"""Pausing the cyclic garbage collector while many acyclic objects are built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore its state.

    Loading or evaluating a national campaign builds hundreds of thousands of
    small frozen objects that never form reference cycles; without the pause
    the collector scans all of them again and again. Reference counting still
    frees everything as usual, and a collector that was already disabled stays so.
    At the end the young objects (the new ones, and any the program made just
    before) join the oldest generation without a scan; full collections still
    visit them, so a reference cycle among them is freed at the next full
    collection rather than the next young one. The collector's state is
    process-wide: another thread's objects made during the block are not
    scanned until it ends.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True

    .. versionadded:: 0.1.0
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                # The objects built in the block are still in the youngest generation,
                # so the first allocation after enabling would scan them all (a fifth of
                # a national evaluation). Freezing and unfreezing moves them to the oldest
                # generation without a scan. Skipped when the program froze objects itself.
                gc.freeze()
                gc.unfreeze()
            gc.enable()
