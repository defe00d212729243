"""Vietnamese alphabetical order (CLDR "standard" vi collation, tones per syllable)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.l10n import sort_key_vi

AN_MINH = [
    "Xã Vân Khánh Tây",
    "Xã Đông Hưng",
    "Xã Đông Hòa",
    "Thị trấn Thứ Mười Một",
    "Xã Thuận Hòa",
    "Xã Tân Thạnh",
    "Xã Đông Thạnh",
    "Xã Đông Hưng A",
    "Xã Đông Hưng B",
    "Xã Vân Khánh",
    "Xã Vân Khánh Đông",
]


def test_an_minh_units_in_vietnamese_order():
    # Worked out by hand: "Thị" (t) before "Xã" (x); after "Xã ", đ < t < v;
    # "Đông Hòa" < "Đông Hưng" (o < ư); a name sorts before its extensions
    # ("Đông Hưng" < "Đông Hưng A" < "Đông Hưng B"); "Tân" < "Thuận" (a < h).
    assert sorted(AN_MINH, key=sort_key_vi) == [
        "Thị trấn Thứ Mười Một",
        "Xã Đông Hòa",
        "Xã Đông Hưng",
        "Xã Đông Hưng A",
        "Xã Đông Hưng B",
        "Xã Đông Thạnh",
        "Xã Tân Thạnh",
        "Xã Thuận Hòa",
        "Xã Vân Khánh",
        "Xã Vân Khánh Đông",
        "Xã Vân Khánh Tây",
    ]


def test_order_does_not_depend_on_input_order():
    rotated = AN_MINH[5:] + AN_MINH[:5]
    assert sorted(rotated, key=sort_key_vi) == sorted(AN_MINH, key=sort_key_vi)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("an", "ăn"),  # a < ă
        ("ăn", "ân"),  # ă < â
        ("ân", "bàn"),  # â < b, letters decide before tones
        ("ban", "bàn"),  # same letters: no tone first
        ("dz", "đa"),  # d < đ: every d-word comes before every đ-word
        ("Dương", "Đông"),
        ("ez", "êa"),  # e < ê
        ("oz", "ôa"),  # o < ô
        ("ôz", "ơa"),  # ô < ơ
        ("uz", "ưa"),  # u < ư
        ("ưz", "va"),
        ("bàn", "bao"),  # letters first: n < o, whatever the tone of "bàn"
        ("cu", "cưa"),  # u < ư
        ("cha", "cu"),  # letter by letter: h < u ("ch" is not a letter of its own)
        ("Khu phố 2", "Khu phố 10"),  # numbers by value
        ("Xã Đông Hưng", "Xã Đông Hưng A"),  # a prefix first
    ],
)
def test_pairs(before, after):
    assert sort_key_vi(before) < sort_key_vi(after)


def test_tone_order():
    # none < huyền < hỏi < ngã < sắc < nặng (CLDR vi: &̀<<̉<<̃<<́<<̣)
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    shuffled = ["mạ", "má", "ma", "mã", "mà", "mả"]
    assert sorted(shuffled, key=sort_key_vi) == tones


def test_tones_compare_only_after_all_letters():
    # "bá" < "bàn" because the letters "ba" < "ban"; tones never beat letters
    assert sorted(["bàn", "bá", "ban", "ba"], key=sort_key_vi) == ["ba", "bá", "ban", "bàn"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Xã Đông Hòa", "xã đông hòa"),
        ("Xã Đông Hòa", "XÃ ĐÔNG HÒA"),
        ("Xã Đông Hòa", unicodedata.normalize("NFD", "Xã Đông Hòa")),
        ("Xã Đông Hòa", "Xã Đông Hoà"),  # old and new tone placement are one name
        ("Xã  Vân Khánh", "Xã Vân Khánh "),  # spacing is normalized
    ],
)
def test_equal_keys(a, b):
    assert sort_key_vi(a) == sort_key_vi(b)


def test_different_names_differ():
    assert sort_key_vi("Xã Vân Khánh") != sort_key_vi("Xã Vân Khánh Tây")
    assert sort_key_vi("mả") != sort_key_vi("mã")


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ "


@given(st.text(alphabet=VIETNAMESE, max_size=20))
def test_key_ignores_case_and_normalization(text):
    key = sort_key_vi(text)
    assert sort_key_vi(unicodedata.normalize("NFD", text)) == key
    assert sort_key_vi(text.upper()) == key


@given(st.lists(st.text(alphabet=VIETNAMESE, max_size=8), max_size=8))
def test_sorting_is_idempotent_and_order_free(names):
    once = sorted(names, key=sort_key_vi)
    rotated = names[1:] + names[:1]
    assert [sort_key_vi(x) for x in sorted(rotated, key=sort_key_vi)] == [sort_key_vi(x) for x in once]
    assert sorted(once, key=sort_key_vi) == once
