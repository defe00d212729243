"""Extract thidua's messages and update its gettext catalogs, with babel's own tools.

Run from anywhere::

    python scripts/update_catalogs.py          # write messages.pot and update every .po
    python scripts/update_catalogs.py --check  # exit 1 if a catalog is out of date

It does what these commands do, in one step and without line numbers (so
that moving code does not churn the catalogs)::

    pybabel extract -F babel.cfg -o src/thidua/l10n/locale/messages.pot .
    pybabel update -i src/thidua/l10n/locale/messages.pot -d src/thidua/l10n/locale -D thidua

Strings are collected from ``src/thidua/**.py`` (see ``babel.cfg``) wherever
they are marked with ``_()``, ``gettext()``, ``ngettext()`` or ``N_()``. New
messages arrive in each ``.po`` untranslated; in the English catalog the
translation is the msgid itself, filled in here. Vietnamese translations are
written by hand in ``locale/vi/LC_MESSAGES/thidua.po``; the tests fail until
every message has one. Obsolete messages are dropped.
"""

# ruff: noqa: INP001 - a script, not a package
from __future__ import annotations

import argparse
import copy
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "thidua" / "l10n" / "locale"
DOMAIN = "thidua"
LANGUAGES = ("en", "vi")
HEADER_DATES = ('"POT-Creation-Date:', '"PO-Revision-Date:')


def extract() -> Catalog:
    """Collect every marked message of ``src/thidua`` into a template catalog."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp, "babel.cfg")
    template = Catalog(
        project="thidua",
        copyright_holder="The thidua developers",
        msgid_bugs_address="https://github.com/thidua/thidua/issues",
        charset="utf-8",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _render(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, include_lineno=False, ignore_obsolete=True, sort_output=True)
    return buf.getvalue()


def _same(old: bytes, new: bytes) -> bool:
    def strip(data: bytes) -> list[str]:
        return [line for line in data.decode("utf-8").splitlines() if not line.startswith(HEADER_DATES)]

    return strip(old) == strip(new)


def _write(path: Path, data: bytes, *, check: bool) -> bool:
    """Write *data* unless only the dates changed; return True when the file changed."""
    if path.is_file() and _same(path.read_bytes(), data):
        return False
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return True


def update(language: str, template: Catalog) -> Catalog:
    """The catalog of *language* brought up to date with *template*."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.is_file():
        with path.open("rb") as fp:
            catalog = read_po(fp, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, project="thidua", fuzzy=False)
    catalog.update(copy.deepcopy(template), update_creation_date=False)  # update() adopts the template's messages
    catalog.fuzzy = False
    if language == "en":
        for message in catalog:
            if message.id and (message.fuzzy or not translated(message.string)):
                message.string = message.id
                message.flags.discard("fuzzy")
    return catalog


def translated(string: str | tuple[str, ...] | None) -> bool:
    """True when a msgstr (or every plural form of it) is filled in."""
    if isinstance(string, tuple):
        return bool(string) and all(string)
    return bool(string)


def main(argv: list[str] | None = None) -> int:
    """Update (or, with ``--check``, verify) ``messages.pot`` and every ``.po``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalog is out of date")
    args = parser.parse_args(argv)
    template = extract()
    changed = []
    if _write(LOCALE_DIR / "messages.pot", _render(template), check=args.check):
        changed.append("messages.pot")
    for language in LANGUAGES:
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        catalog = update(language, template)
        if _write(path, _render(catalog), check=args.check):
            changed.append(str(path.relative_to(LOCALE_DIR)))
        missing = [m.id for m in catalog if m.id and (m.fuzzy or not translated(m.string))]
        if missing:
            print(f"{language}: {len(missing)} message(s) to translate", file=sys.stderr)  # noqa: T201
    verb = "out of date" if args.check else "updated"
    for name in changed:
        print(f"{verb}: {name}")  # noqa: T201
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
