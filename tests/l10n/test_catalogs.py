"""The gettext catalogs: complete, consistent, up to date with the source, packaged."""

from __future__ import annotations

import importlib.util
import re
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from problem_text import raises_en
from thidua.l10n import DOMAIN, LABELS, SUPPORTED_LOCALES, get_translator, label

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = resources.files("thidua.l10n").joinpath("locale")


def _read(language: str):
    with LOCALE_DIR.joinpath(language, "LC_MESSAGES", f"{DOMAIN}.po").open("rb") as fp:
        return read_po(fp, locale=language, domain=DOMAIN)


def _template():
    with LOCALE_DIR.joinpath("messages.pot").open("rb") as fp:
        return read_po(fp)


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def _filled(string) -> bool:
    if isinstance(string, tuple):
        return bool(string) and all(string)
    return bool(string)


@pytest.mark.parametrize("language", SUPPORTED_LOCALES)
def test_every_message_is_translated(language):
    catalog = _read(language)
    untranslated = [m.id for m in catalog if m.id and not _filled(m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    assert len(_ids(catalog)) > 150


@pytest.mark.parametrize("language", SUPPORTED_LOCALES)
def test_catalog_has_exactly_the_template_messages(language):
    assert _ids(_read(language)) == _ids(_template())


@pytest.mark.parametrize("language", SUPPORTED_LOCALES)
def test_placeholders_match_the_msgid(language):
    # babel's checkers: python-format placeholders of every translation match its msgid
    problems = [(m.id, [str(e) for e in errors]) for m, errors in _read(language).check() if errors]
    assert problems == []


def test_plural_forms():
    assert _read("vi").num_plurals == 1
    assert _read("en").num_plurals == 2


def test_english_is_the_msgid():
    for m in _read("en"):
        if m.id:
            assert m.string == m.id


def test_vietnamese_translates_every_word():
    vi = {m.id: m.string for m in _read("vi") if m.id}
    assert vi["met"] == "đạt"
    assert vi["not met"] == "không đạt"
    assert vi["Sample data — not real results"] == "Dữ liệu mẫu — không phải kết quả thật"
    # a Vietnamese string may equal its msgid only when the msgid has no words, e.g. "%(unit)s (%(level)s)"
    wordy_copies = [
        k for k, v in vi.items() if v == k and any(c.isalpha() for c in re.sub(r"%\(\w+\)[sdr]", "", str(k)))
    ]
    assert wordy_copies == []


def _load_update_script():
    spec = importlib.util.spec_from_file_location("update_catalogs", ROOT / "scripts" / "update_catalogs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogs_hold_every_message_marked_in_the_source():
    # babel's extraction over src/thidua/** (babel.cfg); a new _("...") without a
    # catalog entry fails here until scripts/update_catalogs.py is run and it is translated
    extracted = _ids(_load_update_script().extract())
    assert "Ranking" in extracted
    assert extracted - _ids(_read("vi")) == set()
    assert extracted - _ids(_template()) == set()


@pytest.mark.parametrize("language", SUPPORTED_LOCALES)
def test_every_label_is_in_the_catalog(language):
    assert set(LABELS) <= _ids(_read(language))


@pytest.mark.parametrize(
    ("key", "vi", "en"),
    [
        ("Ranking", "Xếp hạng", "Ranking"),
        ("Score", "Điểm", "Score"),
        ("Grade", "Xếp loại", "Grade"),
        ("Target", "Chỉ tiêu", "Target"),
        ("Met", "Đạt", "Met"),
        ("Not met", "Không đạt", "Not met"),
        ("Sample data — not real results", "Dữ liệu mẫu — không phải kết quả thật", "Sample data — not real results"),
        ("Fingerprint", "Mã kiểm tra", "Fingerprint"),
    ],
)
def test_labels(key, vi, en):
    assert label(key, "vi") == vi
    assert label(key, "en") == en
    assert label(key) == vi


def test_unknown_label_is_refused():
    with raises_en(KeyError, "not a label"):
        label("Rankng", "vi")


def test_ngettext_follows_each_language():
    vi, en = get_translator("vi"), get_translator("en")
    one, many = "%(cluster)s: %(count)s member", "%(cluster)s: %(count)s members"
    assert en.ngettext(one, many, 1) % {"cluster": "C", "count": 1} == "C: 1 member"
    assert en.ngettext(one, many, 6) % {"cluster": "C", "count": 6} == "C: 6 members"
    assert vi.ngettext(one, many, 1) % {"cluster": "C", "count": 1} == "C: 1 thành viên"
    assert vi.ngettext(one, many, 6) % {"cluster": "C", "count": 6} == "C: 6 thành viên"


def test_unknown_message_falls_back_to_the_msgid():
    assert get_translator("vi").gettext("No such message, surely") == "No such message, surely"


def test_catalogs_ship_in_the_wheel_layout():
    # hatch packages everything under src/thidua: the catalogs sit next to the code
    src = ROOT / "src" / "thidua" / "l10n" / "locale"
    assert (src / "messages.pot").is_file()
    for language in SUPPORTED_LOCALES:
        assert (src / language / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
