"""Vietnamese alphabetical order of names (sắp xếp theo thứ tự chữ cái tiếng Việt).

The order follows the "standard" Vietnamese collation of the Unicode CLDR
(``common/collation/vi.xml``)::

    &̀<<̉<<̃<<́<<̣            tones: none < huyền < hỏi < ngã < sắc < nặng (secondary)
    &a<ă<â  &d<đ  &e<ê  &o<ô<ơ  &u<ư     letters (primary)

so the alphabet is a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư
v (w) x y (z), compared letter by letter (``ch``, ``nh``, ``th``... are two
letters, as in CLDR's standard collation, not its "traditional" one).

Names are compared first on their letters alone (tones ignored); only when
the letters are the same do tones decide, syllable by syllable. A syllable's
tone belongs to the syllable, not to the vowel that carries it, so the old and
new tone placements (``Hòa`` and ``Hoà``) sort as the same name; this is the
one place where we deviate from CLDR, which compares tone marks per letter.
Case and Unicode normalization (NFC or NFD) never matter. Runs of digits
compare by value (``Khu phố 2`` before ``Khu phố 10``); spaces and
punctuation come before digits, and digits before letters.
"""

from __future__ import annotations

import unicodedata

__all__ = ["sort_key_vi"]

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {ch: i for i, ch in enumerate(_ALPHABET)}

# Marks that make a different letter (ă â ê ô ơ ư) and the tones, as NFD combining characters.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_MODIFIED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

_SPACE, _PUNCT, _DIGIT, _LATIN, _OTHER = range(5)


def _clusters(text: str) -> list[tuple[str, str]]:
    """Split NFD text into (base character, combining marks) pairs."""
    out: list[tuple[str, str]] = []
    for ch in text:
        if unicodedata.combining(ch) and out:
            base, marks = out[-1]
            out[-1] = (base, marks + ch)
        else:
            out.append((ch, ""))
    return out


def sort_key_vi(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """A key that sorts names in Vietnamese alphabetical order.

    Use it as ``sorted(names, key=sort_key_vi)``. The key is the same for
    two texts that differ only in case, Unicode normalization or where a
    syllable's tone mark sits.

    Returns:
        ``(letters, tones)``: the letters' places in the alphabet (with
        spaces, punctuation and numbers), then one tone per syllable
        (0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng).

    >>> sorted(["bàn", "ân", "an", "ăn", "ban"], key=sort_key_vi)
    ['an', 'ăn', 'ân', 'ban', 'bàn']
    >>> sorted(["Đông", "Dương", "dz"], key=sort_key_vi)
    ['Dương', 'dz', 'Đông']
    >>> sort_key_vi("Xã Đông Hòa") == sort_key_vi("XÃ ĐÔNG HOÀ")
    True

    .. versionadded:: 0.1.0
    """
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).casefold())
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    tone: int | None = None
    digits = ""

    def end_syllable() -> None:
        nonlocal tone
        if tone is not None:
            tones.append(tone)
            tone = None

    def end_number() -> None:
        nonlocal digits
        if digits:
            letters.append((_DIGIT, int(digits)))
            digits = ""

    for base, marks in _clusters(decomposed):
        if base.isdigit() and base.isascii():
            end_syllable()
            digits += base
            continue
        end_number()
        letter = base
        for mark in marks:
            letter = _MODIFIED.get((letter, mark), letter)
        if letter in _LETTER:
            letters.append((_LATIN, _LETTER[letter]))
            syllable_tone = next((_TONES[m] for m in marks if m in _TONES), 0)
            tone = syllable_tone if tone is None or tone == 0 else tone
            continue
        end_syllable()
        if base.isspace():
            letters.append((_SPACE, 0))
        elif base.isalpha():
            letters.append((_OTHER, ord(unicodedata.normalize("NFC", base + marks)[0])))
        else:
            letters.append((_PUNCT, ord(base)))
    end_number()
    end_syllable()
    return tuple(letters), tuple(tones)
