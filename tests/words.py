"""What a person reads, checked word by word: one language per line, and no id of a campaign.

Shared by the tests that run every command (``tests/cli/test_one_language.py``) and
that read every report and explanation (``tests/l10n/test_no_ids.py``) of every
bundled campaign.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import thidua

#: Letters that only Vietnamese uses (never an English word).
VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)

#: English words that no Vietnamese sentence of thidua contains: function words, and the words of
#: thidua's English messages (an untranslated message shows at least one of them).
ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "or",
        "is",
        "are",
        "not",
        "to",
        "for",
        "with",
        "by",
        "on",
        "at",
        "from",
        "be",
        "this",
        "that",
        "which",
        "has",
        "have",
        "was",
        "were",
        "its",
        "it",
        "as",
        "than",
        "expected",
        "unknown",
        "missing",
        "problem",
        "problems",
        "written",
        "passed",
        "failed",
        "difference",
        "differences",
        "points",
        "target",
        "targets",
        "grade",
        "rank",
        "ranked",
        "met",
        "sample",
        "granted",
        "eligible",
        "stage",
        "verdict",
        "rated",
        "better",
        "worse",
        "least",
        "most",
        "quota",
        "members",
        "member",
        "head",
        "cluster",
        "block",
        "level",
        "score",
        "rating",
        "award",
        "awards",
        "units",
        "unit",
        "report",
        "reading",
        "writing",
        "evaluating",
        "file",
        "none",
        "usage",
        "options",
        "arguments",
        "commands",
        "show",
        "help",
        "exit",
        "version",
        "language",
        "default",
    ]
)
#: Placeholders of the command line's help (metavars), which must be translated too.
ENGLISH_CAPS = frozenset(
    ["CAMPAIGN", "RESULTS", "FILE", "UNIT", "STAGE", "DOCUMENT", "SCENARIO", "DIR", "PROVINCE", "COMMAND", "OUT"]
)
#: Vietnamese words that English messages of thidua keep on purpose (the Vietnamese term glossed,
#: the Vietnamese answers a table accepts).
VIETNAMESE_KEPT_IN_ENGLISH = ("phong trào thi đua", "có/không", "đồng")

_QUOTED = re.compile(r"'[^']*'|“[^”]*”|\"[^\"]*\"|«[^»]*»|\{[^}]*\}|\[[^\]]*\]")
#: not words: fingerprints (hex), PATH=VALUE changes, paths, file names and options
_PATHISH = re.compile(r"\b[0-9a-f]{8,}\b|\S+=\S*|\S*[/\\]\S*|\S+\.(?:json|yaml|yml|toml|xlsx|csv|html|htm)\b|--?[\w-]+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


def data_texts(name: str, scenarios: Iterable[Path] = ()) -> list[str]:
    """Every text of a bundled example's documents (names, notes, reasons...): data, not messages.

    With *scenarios*, the texts of these scenario files too, their keys
    included: ``thidua test`` quotes an expectation as it is written
    (``rank: mong đợi 5, nhưng là 4``).

    Longest first, so that a name is removed before a shorter name inside it.
    """
    texts: set[str] = set()

    def visit(value: object, keys: bool = False) -> None:
        if isinstance(value, str):
            if len(value) > 1:
                texts.add(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                if keys:
                    texts.add(str(k))
                visit(v, keys)
        elif isinstance(value, list):
            for v in value:
                visit(v, keys)

    for document in ("campaign", "results", "history"):
        try:
            path = thidua.examples.path(name, document)
        except KeyError:
            continue
        visit(json.loads(Path(path).read_text(encoding="utf-8")))
    for scenario in scenarios:
        import yaml

        for document in yaml.safe_load_all(Path(scenario).read_text(encoding="utf-8")):
            visit(document, keys=True)
    more = set()
    for t in texts:
        # names as they are written inside a sentence ("xã Vân Khánh"), and with their own quotes changed
        more.add(t[:1].lower() + t[1:])
        more.add(t.replace("“", "«").replace("”", "»"))
        more.add(t[:1].lower() + t[1:].replace("“", "«").replace("”", "»"))
    return sorted(texts | more, key=len, reverse=True)


def _strip(line: str, data: Iterable[str]) -> str:
    for text in data:
        if text in line:
            line = line.replace(text, " ")
    return line


def english_words(line: str, data: Iterable[str] = ()) -> list[str]:
    """The English words of a Vietnamese line: what was left untranslated.

    Data texts, quoted values, file paths and options are not messages and are left out.

    >>> english_words("8/10 ấp, khu phố xếp loại “Hoàn thành tốt nhiệm vụ” trở lên")
    []
    >>> english_words("s.yaml: 4 điểm khác biệt; expected htxs, got htt")
    ['expected']
    """
    rest = _PATHISH.sub(" ", _QUOTED.sub(" ", _strip(line, data)))
    return [w for w in _WORD.findall(rest) if w in ENGLISH or w in ENGLISH_CAPS]


def vietnamese_words(line: str, data: Iterable[str] = ()) -> list[str]:
    """The Vietnamese words of an English line that are not data (names, reasons): untranslated.

    >>> vietnamese_words("Rating: Completed tasks well", ["Xã Vân Khánh"])
    []
    >>> vietnamese_words("Rank in Cụm thi đua số 1: 4 of 5, bằng hạng", ["Cụm thi đua số 1"])
    ['bằng', 'hạng']
    """
    rest = _strip(line, [*data, *(k for k in VIETNAMESE_KEPT_IN_ENGLISH if " " in k or "/" in k)])
    words = _WORD.findall(rest)
    return [w for w in words if VIETNAMESE.search(w) and w not in VIETNAMESE_KEPT_IN_ENGLISH]


def campaign_ids(campaign: thidua.Campaign, language: str = "vi") -> set[str]:
    """Every id a campaign defines (units, levels, grades, targets, criteria, inputs...), and its own.

    An id that is also a word of a display name in *language* (in English, a
    measure "supervisions" named "Thematic supervisions") is left out: the
    word may appear as itself. Vietnamese names hold no such words, so in
    Vietnamese every id is looked for.
    """
    ids: set[str] = {campaign.id}
    names: set[str] = set()
    fields_read = {"name", "role"} | ({"name_en", "role_en", "unit_en"} if language == "en" else set())

    def visit(obj: object) -> None:
        if isinstance(obj, tuple | list):
            for x in obj:
                visit(x)
            return
        fields = getattr(type(obj), "__attrs_attrs__", None)
        if fields is None:
            return
        for f in fields:
            value = getattr(obj, f.name)
            if f.name == "id" and isinstance(value, str):
                ids.add(value)
            elif isinstance(value, str) and (
                f.name in fields_read or (f.name == "unit" and isinstance(obj, thidua.model.Input))
            ):
                names.update(w.lower() for w in _TOKEN.findall(value))
            else:
                visit(value)

    visit(campaign)
    return {i for i in ids if i.lower() not in names}


def leaked_ids(text: str, ids: set[str]) -> list[str]:
    """The ids of a campaign found, as whole tokens in any case, in a text a person reads.

    >>> leaked_ids("Dấu hiệu “ministry_flag”: không", {"ministry_flag"})
    ['ministry_flag']
    >>> leaked_ids("Supervisions: 4; chỉ tiêu ≥ 3", {"supervisions"})
    ['Supervisions']
    >>> leaked_ids("Xã Vân Khánh Tây: 89,9999999 điểm", {"xa-van-khanh-tay"})
    []
    """
    folded = {i.lower() for i in ids}
    return [t for t in _TOKEN.findall(text) if t.lower() in folded]


def lines(texts: Iterable[str]) -> Iterator[str]:
    """Every non-empty line of several texts."""
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                yield line
