"""Hatchling build hook: compile the gettext catalogs into the wheel.

Every ``src/thidua/l10n/locale/<lang>/LC_MESSAGES/thidua.po`` is compiled
with babel (``read_po`` then ``write_mo``) to a ``thidua.mo`` beside it, in
the wheel only: the ``.mo`` files are not in git nor in the sdist, and an
editable install gets none (``thidua.l10n`` then compiles the ``.po`` in
memory, as it always could). Each ``.mo`` carries the SHA-256 of the ``.po``
it was compiled from, as the translation of the message ``source-sha256`` in
the context ``thidua-build``; ``thidua.l10n._catalog`` loads a ``.mo`` only
when that digest is the one of the ``.po`` shipped beside it, so a ``.mo``
can never be older than its source.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "thidua"
LOCALE = Path("src") / "thidua" / "l10n" / "locale"
#: Where the digest lives in a compiled catalog (see thidua/l10n/_catalog.py).
DIGEST_CONTEXT = "thidua-build"
DIGEST_ID = "source-sha256"


def compile_catalog(po_path: Path, mo_path: Path, language: str) -> None:
    """Compile *po_path* to *mo_path*, recording the digest of the ``.po``."""
    source = po_path.read_bytes()
    with po_path.open("rb") as fp:
        catalog = read_po(fp, locale=language, domain=DOMAIN)
    catalog.add(DIGEST_ID, hashlib.sha256(source).hexdigest(), context=DIGEST_CONTEXT)
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    with mo_path.open("wb") as fp:
        write_mo(fp, catalog)  # fuzzy and untranslated entries are left out, as at run time


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile the ``.po`` catalogs to ``.mo`` for a (non-editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._tmp = Path(tempfile.mkdtemp(prefix="thidua-mo-"))
        root = Path(self.root)
        catalogs = sorted((root / LOCALE).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        if not catalogs:
            msg = f"no gettext catalogs under {root / LOCALE}"
            raise RuntimeError(msg)
        for po_path in catalogs:
            language = po_path.parents[1].name
            mo_path = self._tmp / language / f"{DOMAIN}.mo"
            compile_catalog(po_path, mo_path, language)
            target = f"thidua/l10n/locale/{language}/LC_MESSAGES/{DOMAIN}.mo"
            build_data["force_include"][str(mo_path)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:  # noqa: ARG002
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
