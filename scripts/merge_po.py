"""A git merge driver for gettext catalogs: a three-way merge entry by entry.

Two branches that each add messages to the same ``.po`` file conflict in
git's line merge whenever their entries sit next to each other in the sorted
catalog. This driver merges the catalogs as sets of entries instead: an entry
added on either side is kept, an entry changed on one side only takes that
change, and an entry changed differently on both sides is a real conflict
(the driver then keeps ours, lists the message on stderr and exits 1).

Register it once per clone (not needed to build or test thidua)::

    git config merge.po.name "gettext catalog merge"
    git config merge.po.driver "python3 scripts/merge_po.py %O %A %B"

``.gitattributes`` assigns it to ``*.po`` and ``*.pot``. Run
``python scripts/update_catalogs.py`` after a merge to drop obsolete entries.
"""

# ruff: noqa: INP001, T201 - a script, not a package
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def _read(path: str) -> Catalog:
    with Path(path).open("rb") as fp:
        return read_po(fp)


def _key(message: object) -> object:
    msgid = message.id  # type: ignore[attr-defined]
    return (msgid, message.context)  # type: ignore[attr-defined]


def merge(base_path: str, ours_path: str, theirs_path: str) -> int:
    """Merge *theirs* into *ours* (written in place) against *base*; return the exit code."""
    base, ours, theirs = _read(base_path), _read(ours_path), _read(theirs_path)
    base_by = {_key(m): m for m in base if m.id}
    ours_by = {_key(m): m for m in ours if m.id}
    conflicts = 0
    for message in theirs:
        if not message.id:
            continue
        key = _key(message)
        mine = ours_by.get(key)
        old = base_by.get(key)
        if mine is None:
            if old is None or old.string != message.string:  # added, or changed, on their side
                ours[message.id] = message
            continue
        if mine.string == message.string:
            continue
        if old is not None and mine.string == old.string:
            mine.string = message.string
        elif old is not None and message.string == old.string:
            pass
        else:
            conflicts += 1
            print(f"merge_po: both sides changed {message.id!r}; kept ours", file=sys.stderr)
    for key, old in base_by.items():  # removed on their side and unchanged on ours
        if key not in {_key(m) for m in theirs if m.id} and key in ours_by and ours_by[key].string == old.string:
            del ours[old.id]
    with Path(ours_path).open("wb") as fp:
        write_po(fp, ours, width=100, include_lineno=False, ignore_obsolete=True, sort_output=True)
    return 1 if conflicts else 0


if __name__ == "__main__":
    sys.exit(merge(*sys.argv[1:4]))
