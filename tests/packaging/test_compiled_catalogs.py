"""The .mo catalogs compiled into the wheel translate exactly like their .po sources, and a stale one is never used."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from importlib import resources

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

import distributions
from distributions import ROOT
from thidua.l10n import _catalog

LANGUAGES = ("en", "vi")
PLURAL_COUNTS = (0, 1, 2, 3, 5, 11, 21, 100, 101)


@pytest.fixture(scope="module")
def package(built):
    """The ``thidua/l10n`` folder inside the built wheel, as a Traversable."""
    with zipfile.ZipFile(built.wheel) as zf:
        yield zipfile.Path(zf, at="thidua/l10n/")


def _messages(source: bytes, language: str):
    return [m for m in read_po(io.BytesIO(source), locale=language) if m.id]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_wheel_catalog_is_compiled_from_its_po(package, language):
    source = package.joinpath(_catalog.catalog_path(language)).read_bytes()
    mo = Translations(io.BytesIO(package.joinpath(_catalog._compiled_path(language)).read_bytes()))
    assert mo.pgettext("thidua-build", "source-sha256") == hashlib.sha256(source).hexdigest()
    # the .po in the wheel is the one in the tree
    assert source == (ROOT / "src" / "thidua" / "l10n" / _catalog.catalog_path(language)).read_bytes()
    assert _catalog._compiled(package, language, source) is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_wheel_catalog_translates_every_msgid_like_the_po(package, language):
    source = package.joinpath(_catalog.catalog_path(language)).read_bytes()
    compiled = _catalog._compiled(package, language, source)
    assert compiled is not None
    from_po = _catalog._compile_po(source, language)
    messages = _messages(source, language)
    template = package.joinpath("locale/messages.pot").read_bytes()
    assert {m.id for m in messages} == {m.id for m in read_po(io.BytesIO(template)) if m.id}
    translated = 0
    for message in messages:
        if message.pluralizable:
            singular, plural = message.id
            for n in PLURAL_COUNTS:
                got = compiled.ngettext(singular, plural, n)
                assert got == from_po.ngettext(singular, plural, n), (message.id, n)
            translated += compiled.ngettext(singular, plural, 1) != singular
        elif message.context:
            assert compiled.pgettext(message.context, message.id) == from_po.pgettext(message.context, message.id)
        else:
            assert compiled.gettext(message.id) == from_po.gettext(message.id), message.id
            translated += compiled.gettext(message.id) != message.id
    assert [compiled.plural(n) for n in range(200)] == [from_po.plural(n) for n in range(200)]
    assert compiled.info()["plural-forms"] == from_po.info()["plural-forms"]
    if language == "vi":
        # most Vietnamese messages differ from their English msgid (not a trivial catalog)
        assert translated > 0.9 * len(messages)
        assert compiled.gettext("Not met") == "Không đạt"


def test_a_source_tree_has_no_compiled_catalog_and_compiles_the_po():
    package = ROOT / "src" / "thidua" / "l10n"
    for language in LANGUAGES:
        source = (package / _catalog.catalog_path(language)).read_bytes()
        assert not (package / _catalog._compiled_path(language)).exists()
        assert _catalog._compiled(package, language, source) is None
    assert _catalog._load(package, "vi").gettext("Not met") == "Không đạt"


def test_a_compiled_catalog_of_another_po_is_not_used(package, tmp_path):
    # the .mo of the wheel beside a .po that was edited after the build
    locale = tmp_path / "locale" / "vi" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "thidua.mo").write_bytes(package.joinpath(_catalog._compiled_path("vi")).read_bytes())
    source = package.joinpath(_catalog.catalog_path("vi")).read_text(encoding="utf-8")
    assert 'msgstr "Không đạt"' in source
    (locale / "thidua.po").write_text(source.replace('msgstr "Không đạt"', 'msgstr "Chưa đạt"', 1), encoding="utf-8")
    edited = (locale / "thidua.po").read_bytes()
    assert _catalog._compiled(tmp_path, "vi", edited) is None
    assert _catalog._load(tmp_path, "vi").gettext("Not met") == "Chưa đạt"


def test_a_compiled_catalog_without_its_digest_is_not_used(tmp_path):
    # e.g. one compiled by hand with pybabel or msgfmt
    from babel.messages.mofile import write_mo

    locale = tmp_path / "locale" / "vi" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    po = ROOT / "src" / "thidua" / "l10n" / _catalog.catalog_path("vi")
    shutil.copy(po, locale / "thidua.po")
    with po.open("rb") as fp:
        catalog = read_po(fp, locale="vi", domain="thidua")
    catalog.get("Not met").string = "Sai"
    with (locale / "thidua.mo").open("wb") as fp:
        write_mo(fp, catalog)
    assert _catalog._compiled(tmp_path, "vi", po.read_bytes()) is None
    assert _catalog._load(tmp_path, "vi").gettext("Not met") == "Không đạt"


def test_the_installed_package_uses_compiled_catalogs_exactly_when_it_is_a_wheel():
    package = resources.files("thidua.l10n")
    kind = distributions.installed_from()
    for language in LANGUAGES:
        source = package.joinpath(_catalog.catalog_path(language)).read_bytes()
        compiled = _catalog._compiled(package, language, source)
        if kind == "wheel":
            assert compiled is not None
        else:
            assert kind == "source"
            assert compiled is None


def test_with_compiled_catalogs_the_po_reader_is_never_imported():
    code = (
        "import sys; from thidua.l10n import get_translator;"
        "assert get_translator('vi').gettext('Not met') == 'Không đạt';"
        "assert get_translator('en').gettext('Not met') == 'Not met';"
        "print('babel.messages' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    expected = {"wheel": "False", "source": "True"}[distributions.installed_from()]
    assert out.stdout.strip() == expected
