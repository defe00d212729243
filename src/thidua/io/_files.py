"""Reading and writing documents: JSON, TOML and YAML, from paths or strings."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeAlias, TypeVar, overload

from thidua import model as m
from thidua._gc import paused_gc
from thidua._problems import N_, Problem, shown
from thidua.errors import DataError, MissingExtraError
from thidua.io import _codes as io_codes
from thidua.io._converter import SharedEntry, make_converter
from thidua.model import _codes as model_codes

__all__ = [
    "DOCUMENT_TYPES",
    "SCHEMA_VERSION",
    "Document",
    "check_output",
    "dump",
    "dumps",
    "load",
    "loads",
    "missing_folders",
    "os_problem",
    "read_data",
    "read_file",
    "same_file",
    "write_atomic",
]

#: The version of the document format written by this release.
SCHEMA_VERSION = 1
#: Document type names and their model classes.
DOCUMENT_TYPES: Mapping[str, type] = {
    "campaign": m.Campaign,
    "results": m.Results,
    "history": m.History,
}
Document: TypeAlias = m.Campaign | m.Results | m.History
Format: TypeAlias = Literal["json", "toml", "yaml"]
D = TypeVar("D", m.Campaign, m.Results, m.History)

_SUFFIXES: Mapping[str, Format] = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}
_MAX_BYTES = 200 * 1024 * 1024
_CONVERTER = make_converter()


def _yaml_module() -> Any:
    try:
        import yaml
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError(N_("reading or writing YAML"), "yaml", "PyYAML") from None
    return yaml


#: plain scalars that YAML 1.1 (PyYAML) and YAML 1.2 read as different numbers, or one as a
#: number and the other as a text: base 60 (1:20), a leading zero (03746: octal in 1.1),
#: digit separators (2_022), binary (0b1010), 1.2 octal (0o17), exponents without a point or sign
_NUMBER_FORMS = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o[0-7_]+
    |[-+]?0[0-9_]+
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    |[-+]?[0-9_.]*_[0-9_.]*(?:[eE][-+]?[0-9]+)?
    |[-+]?0x[0-9a-fA-F]*_[0-9a-fA-F_]*
    |[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][0-9]+
    |[-+]?[0-9]+[eE][-+]?[0-9]+)$""",
    re.VERBOSE,
)
#: integers read alike by YAML 1.1 and 1.2 (the 1.2 core schema less its octal)
_INT = re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$")
#: floats read alike by both (refused later as floats, with their path, as in JSON and TOML)
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_NUMBER_FORM_TAG = "tag:thidua,2024:number-form"


@lru_cache(maxsize=1)
def _safe_loader() -> Any:
    """The YAML loader class, built once: a SafeLoader without aliases, reading scalars as YAML 1.2 does.

    Booleans are only ``true`` and ``false``; integers are decimal (or ``0x``
    hexadecimal); a number that YAML 1.1 and 1.2 read differently (``1:20``,
    ``03746``, ``2_022``, ``0b1010``, ``0o17``, ``1e5``) is refused with its line.
    """
    yaml = _yaml_module()
    base = yaml.SafeLoader  # the C loader cannot refuse aliases
    dropped = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

    class _NoAliasLoader(base):  # type: ignore[misc,valid-type]
        """Safe loading without aliases: no billion laughs, no object tags.

        Booleans are only ``true`` and ``false`` (as in YAML 1.2): a key such as
        ``on:`` (a date field) or a value ``no`` stays a text.
        """

        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.events.AliasEvent):
                event = self.peek_event()
                raise DataError(io_codes.YAML_ALIAS(line=event.start_mark.line + 1))
            return super().compose_node(parent, index)

    def number_form(_loader: Any, node: Any) -> Any:
        raise DataError(io_codes.YAML_NUMBER_FORM(value=shown(node.value), line=node.start_mark.line + 1))

    digits = list("-+0123456789.")
    _NoAliasLoader.add_implicit_resolver(_NUMBER_FORM_TAG, _NUMBER_FORMS, digits)
    _NoAliasLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, digits)
    _NoAliasLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, digits)
    _NoAliasLoader.add_constructor(_NUMBER_FORM_TAG, number_form)
    _NoAliasLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return _NoAliasLoader


@lru_cache(maxsize=1)
def _safe_dumper() -> Any:
    """The YAML dumper class: a SafeDumper that quotes every text the loader would not read as a text.

    It resolves plain scalars as :func:`_safe_loader` does, so that ``"08"``
    (a text) is written in quotes: unquoted, the loader refuses it as a number
    YAML 1.1 and 1.2 read differently.
    """
    yaml = _yaml_module()

    class _Dumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
        yaml_implicit_resolvers = _safe_loader().yaml_implicit_resolvers

    return _Dumper


def _parse_yaml(text: str) -> Any:
    loader = _safe_loader()(text)  # a SafeLoader: only plain data, no object tags
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def read_data(text: str | bytes, fmt: Format, *, share_entries: bool = False) -> Any:
    """Parse a document's text into plain data, refusing anything unsafe.

    With *share_entries*, equal score entries of a JSON document (an object of
    exactly a ``criterion`` and its ``points``, both texts or whole numbers) are
    one object: a national result set has 140,000 of them and a few hundred
    distinct, and the parsed document is then 6 MiB instead of 47. Only for a
    caller that never changes the data in place (:func:`load` and :func:`loads`).

    Raises:
        DataError: for invalid UTF-8, a syntax error, or input nested too deeply.

    >>> read_data('{"a": 1}', "json")
    {'a': 1}
    >>> doc = read_data('[{"criterion": "c1", "points": "2"}, {"criterion": "c1", "points": "2"}]', "json",
    ...                 share_entries=True)
    >>> doc[0] is doc[1]
    True

    .. versionadded:: 0.1.0
    """
    if isinstance(text, bytes):
        if len(text) > _MAX_BYTES:
            raise DataError(io_codes.TOO_LARGE(limit=_MAX_BYTES // (1024 * 1024)))
        try:
            decoded = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(io_codes.INVALID_UTF8(byte=exc.start)) from None
        too_long = _has_long_run(text)
        text = decoded  # the bytes are freed here when the caller passed them on (as load does)
    else:
        if len(text) > _MAX_BYTES:
            raise DataError(io_codes.TOO_LARGE(limit=_MAX_BYTES // (1024 * 1024)))
        too_long = _has_long_run(text.encode("utf-8", "surrogatepass"))
    if too_long:
        long_number = _LONG_DIGITS.search(text)
        assert long_number is not None  # noqa: S101 - the same run, found again for the message
        line = text.count("\n", 0, long_number.start()) + 1
        raise DataError(model_codes.NUMBER_TOO_LONG(value=f"{long_number.group()[:20]}… (line {line})", limit=_MAX_RUN))
    try:
        if fmt == "json":
            return json.loads(text, object_hook=_entry_sharer()) if share_entries else json.loads(text)
        if fmt == "toml":
            import tomllib  # imported when a TOML document is read

            return tomllib.loads(text)
        return _parse_yaml(text)
    except (DataError, MissingExtraError):  # PyYAML missing is not a syntax error
        raise
    except RecursionError:
        raise DataError(io_codes.NESTED_TOO_DEEPLY()) from None
    except Exception as exc:  # noqa: BLE001 - any parser failure is a data error
        raise DataError(_syntax_problem(exc, fmt)) from None


#: a run of this many digits (or digit separators) is no number a campaign needs; refused
#: before parsing, so that a parser never builds a ten-million-digit integer
_MAX_RUN = 400
_LONG_DIGITS = re.compile(r"[0-9_]{%d,}" % (_MAX_RUN + 1))  # noqa: UP031 - a regex quantifier
#: every byte of a digit or ``_`` made ``0``, every other byte a space: a run of digits is then a run
#: of ``0`` (UTF-8 never puts an ASCII byte inside another character's bytes)
_DIGITS_ONLY = bytes(48 if 48 <= i <= 57 or i == 95 else 32 for i in range(256))
_RUN = b"0" * (_MAX_RUN + 1)


def _entry_sharer() -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A ``json`` object hook that gives one dict for equal score entries (see :func:`read_data`)."""
    seen: dict[tuple[str, str | int], dict[str, Any]] = {}
    str_, int_, shared = str, int, SharedEntry

    def share(obj: dict[str, Any]) -> dict[str, Any]:
        if len(obj) == 2:  # a criterion and its points
            criterion, points = obj.get("criterion"), obj.get("points")
            # only texts and whole numbers: 1, 1.0 and true are equal keys, and must not be merged
            if type(criterion) is str_ and (type(points) is str_ or type(points) is int_):
                key = (criterion, points)
                found = seen.get(key)
                if found is None:
                    found = seen[key] = shared(obj)  # the model's entry is made from it once
                return found
        return obj

    return share


def _has_long_run(data: bytes) -> bool:
    """Whether *data* (UTF-8) has a run of more than ``_MAX_RUN`` digits or ``_``: what
    ``_LONG_DIGITS`` finds, in C at memory speed (the regex took 0.2 s on a 16 MiB file, most of
    loading it).

    >>> _has_long_run(b"1" * 400), _has_long_run(("á" + "1_" * 201).encode())
    (False, True)
    """
    # a mebibyte at a time (with the run's length over), so that no copy of the file is made
    step = 1 << 20
    return any(_RUN in data[i : i + step + _MAX_RUN].translate(_DIGITS_ONLY) for i in range(0, len(data), step))


def _syntax_problem(exc: Exception, fmt: str) -> Problem:
    """Where a parser stopped: its line and column, without its (English) words."""
    name = fmt.upper()
    if type(exc).__name__ == "ConstructorError":  # a YAML tag such as !!python/object: never constructed
        tag = re.search(r"tag '([^']*)'", str(exc))
        mark = getattr(exc, "problem_mark", None)
        return io_codes.YAML_TAG(tag=tag.group(1) if tag else "?", line=mark.line + 1 if mark else "?")
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if line is None and mark is not None:
        line, column = mark.line + 1, mark.column + 1
    if line is None:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
    if line is None:
        return io_codes.SYNTAX_NO_PLACE(format=name)
    return io_codes.SYNTAX(format=name, line=line, column=column or 1)


def read_file(path: Path) -> bytes:
    """The bytes of a file, or a :class:`DataError` saying in the reader's language why not.

    >>> read_file(Path("/no/such/file.json"))
    Traceback (most recent call last):
    ...
    thidua.errors.DataError: 1 vấn đề:
      tệp không tồn tại

    .. versionadded:: 0.1.0
    """
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise DataError(io_codes.TOO_LARGE(limit=_MAX_BYTES // (1024 * 1024)))
        return path.read_bytes()
    except OSError as exc:
        raise DataError(os_problem(exc)) from None


def os_problem(exc: OSError) -> Problem:
    """What an operating-system error means for the reader, as a problem (not the system's English words).

    >>> os_problem(FileNotFoundError(2, "No such file or directory")).code
    'file-not-found'

    .. versionadded:: 0.1.0
    """
    import errno

    code = {
        errno.ENOENT: io_codes.FILE_NOT_FOUND,
        errno.EACCES: io_codes.PERMISSION_DENIED,
        errno.EPERM: io_codes.PERMISSION_DENIED,
        errno.EISDIR: io_codes.IS_A_DIRECTORY,
    }.get(exc.errno or 0)
    if code is not None:
        return code()
    return io_codes.FILE_NOT_READABLE(reason=errno.errorcode.get(exc.errno or 0, type(exc).__name__))


def _format_of(path: Path, fmt: str | None) -> Format:
    if fmt is not None:
        if fmt not in ("json", "toml", "yaml"):
            raise DataError(io_codes.UNKNOWN_FORMAT(format=str(fmt)))
        return fmt  # type: ignore[return-value]
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise DataError(io_codes.UNKNOWN_SUFFIX(name=path.name, allowed=".json, .toml, .yaml"), source=str(path))
    return found


def structure(data: Any, expected: str | None = None, *, campaign: m.Campaign | None = None) -> Document:
    """Turn plain data (a parsed document) into a validated model object.

    Args:
        data: the parsed document, with ``schema_version`` and ``document``.
        expected: the document type required, if any.
        campaign: the campaign a results or history document belongs to; when
            given, the document is validated against it.

    >>> structure({"schema_version": 1, "document": "results", "campaign": "c", "year": 2022})
    <Results c (2022): 0 units, 0 decisions>
    >>> structure({"schema_version": 1, "document": "results", "campaign": "c", "year": 2022}, "campaign")
    Traceback (most recent call last):
    ...
    thidua.errors.DataError: 1 vấn đề:
      document: cần một tệp phong trào, nhưng đây là tệp kết quả

    Every problem is reported in one pass: types, objects and references.

    >>> try:
    ...     structure({"schema_version": 1, "document": "results", "campaign": "c", "year": 2022,
    ...                "units": [{"unit": "xa-a", "measures": {"quy": 0.5}, "counts": {"ap": {"htt": -1}}}]})
    ... except DataError as exc:
    ...     print(exc.codes)
    ['expected-count', 'float-not-allowed']

    .. versionadded:: 0.1.0
    """
    if not isinstance(data, Mapping):
        raise DataError(io_codes.TOP_NOT_MAPPING(value=shown(data)))
    problems: list[Problem] = []
    version = data.get("schema_version")
    if version is None:
        problems.append(io_codes.REQUIRED_FIELD(("schema_version",)))
    elif type(version) is not int or version != SCHEMA_VERSION:
        problems.append(
            io_codes.UNSUPPORTED_SCHEMA(("schema_version",), value=shown(version), supported=SCHEMA_VERSION)
        )
    doc = data.get("document")
    if not isinstance(doc, str) or doc not in DOCUMENT_TYPES:
        allowed = ", ".join(DOCUMENT_TYPES)
        problems.append(io_codes.UNKNOWN_DOCUMENT(("document",), allowed=allowed, value=shown(doc)))
    elif expected is not None and doc != expected:
        problems.append(
            io_codes.WRONG_DOCUMENT(("document",), expected=_DOCUMENT_TERMS[expected], value=_DOCUMENT_TERMS[doc])
        )
    if problems:
        raise DataError(problems)
    cls = DOCUMENT_TYPES[str(doc)]
    body = {k: v for k, v in data.items() if k not in ("schema_version", "document")}
    try:
        obj: Document = _CONVERTER.structure(body, cls)
    except Exception:  # noqa: BLE001 - read again, slowly, for every problem at once
        return _refused(body, cls, campaign)
    problems = _check(obj, campaign)
    if campaign is not None and isinstance(obj, m.Results):
        seen = {(p.loc, p.code) for p in problems}
        problems.extend(p for p in _money_texts(body, campaign) if (p.loc, p.code) not in seen)
    if any(p.is_error for p in problems):
        raise DataError(problems)
    return obj


_DOCUMENT_TERMS = {name: model_codes.TERMS[name] for name in ("campaign", "results", "history")}


def _money_texts(body: Mapping[str, Any], campaign: m.Campaign) -> list[Problem]:
    """Amounts of money written with a decimal point or comma (``"150000000.0"``): refused, as in a table.

    A measure is known to be money only against its campaign (the measures of
    its quota targets), so this is checked with the campaign, on the text as
    written, before the number it reads as (150000000) hides how it was written.
    """
    from thidua.model._exact import money_text_problem
    from thidua.model._validate import _money_measures

    money, _quotas = _money_measures(campaign)
    units = body.get("units")
    if not money or not isinstance(units, list):
        return []
    problems: list[Problem] = []
    for i, row in enumerate(units):
        measures = row.get("measures") if isinstance(row, Mapping) else None
        if not isinstance(measures, Mapping):
            continue
        for name in money.intersection(measures):
            value = measures[name]
            if money_text_problem(value):
                problems.append(model_codes.AMOUNT_NOT_WHOLE(("units", i, "measures", name), value=shown(value)))
    return problems


def _check(obj: Document, campaign: m.Campaign | None) -> list[Problem]:
    """The validation of a document's object: by itself (a campaign) or against its campaign."""
    try:
        if isinstance(obj, m.Campaign):
            return m.validate_campaign(obj)
        if campaign is not None and isinstance(obj, m.Results):
            return m.validate_results(campaign, obj)
        if campaign is not None and isinstance(obj, m.History):
            return m.validate_history(campaign, obj)
    except RecursionError:
        # e.g. a chain of thousands of indicators, each naming the next
        raise DataError(io_codes.REFERENCES_TOO_DEEP()) from None
    return []


def _refused(body: Mapping[str, Any], cls: type, campaign: m.Campaign | None) -> Document:
    """Raise a :class:`DataError` with every problem of a document that could not be structured."""
    from thidua.io._diagnose import diagnose, problem_order

    try:
        diagnosis = diagnose(body, cls, _CONVERTER)
    except RecursionError:
        raise DataError(io_codes.NESTED_TOO_DEEPLY()) from None
    problems = list(diagnosis.problems)
    if diagnosis.value is not None:
        problems.extend(diagnosis.restore(_check(diagnosis.value, campaign)))
    if not problems:  # pragma: no cover - the fast path refused what the slow one accepts
        problems.append(io_codes.INVALID_VALUE(value=cls.__name__))
    raise DataError(sorted(problems, key=problem_order))


def unstructure(obj: Document) -> dict[str, Any]:
    """Turn a model object into plain data with ``schema_version`` and ``document``.

    >>> unstructure(m.History([m.HistoryRecord("xa-a", 2021, "htt")]))
    {'schema_version': 1, 'document': 'history', 'records': [{'unit': 'xa-a', 'year': 2021, 'grade': 'htt'}]}

    .. versionadded:: 0.1.0
    """
    for name, cls in DOCUMENT_TYPES.items():
        if isinstance(obj, cls):
            body = _CONVERTER.unstructure(obj, cls)
            return {"schema_version": SCHEMA_VERSION, "document": name, **body}
    msg = f"cannot write a {type(obj).__name__}; expected a Campaign, Results or History"
    raise TypeError(msg)


@overload
def loads(
    text: str | bytes, fmt: Format = "json", *, expected: Literal["campaign"], pause_gc: bool = True
) -> m.Campaign: ...
@overload
def loads(
    text: str | bytes,
    fmt: Format = "json",
    *,
    expected: Literal["results"],
    campaign: m.Campaign | None = None,
    pause_gc: bool = True,
) -> m.Results: ...
@overload
def loads(
    text: str | bytes,
    fmt: Format = "json",
    *,
    expected: Literal["history"],
    campaign: m.Campaign | None = None,
    pause_gc: bool = True,
) -> m.History: ...
@overload
def loads(
    text: str | bytes,
    fmt: Format = "json",
    *,
    expected: str | None = None,
    campaign: m.Campaign | None = None,
    pause_gc: bool = True,
) -> Document: ...
def loads(
    text: str | bytes,
    fmt: Format = "json",
    *,
    expected: str | None = None,
    campaign: m.Campaign | None = None,
    pause_gc: bool = True,
) -> Document:
    """Read a document from a string.

    Args:
        text: the document.
        fmt: ``"json"``, ``"toml"`` or ``"yaml"``.
        expected: require this document type (``"campaign"``, ``"results"``, ``"history"``);
            the return type follows it (``expected="campaign"`` gives a :class:`~thidua.Campaign`).
        campaign: validate results or history against this campaign.
        pause_gc: pause the process-wide garbage collector while reading (faster;
            ``False`` leaves it alone, see :func:`thidua.evaluate`).

    Threads: any number of threads may read documents at once.

    Raises:
        DataError: listing every problem with its path.

    >>> loads('{"schema_version": 1, "document": "results", "campaign": "c", "year": 2022}')
    <Results c (2022): 0 units, 0 decisions>

    .. versionadded:: 0.1.0
    """
    try:
        with paused_gc(pause_gc):
            return structure(read_data(text, fmt, share_entries=True), expected, campaign=campaign)
    except DataError as exc:
        raise DataError(exc.problems, source="<string>") from None


@overload
def load(
    source: str | os.PathLike[str],
    *,
    expected: Literal["campaign"],
    fmt: Format | None = None,
    pause_gc: bool = True,
) -> m.Campaign: ...
@overload
def load(
    source: str | os.PathLike[str],
    *,
    expected: Literal["results"],
    campaign: m.Campaign | None = None,
    fmt: Format | None = None,
    pause_gc: bool = True,
) -> m.Results: ...
@overload
def load(
    source: str | os.PathLike[str],
    *,
    expected: Literal["history"],
    campaign: m.Campaign | None = None,
    fmt: Format | None = None,
    pause_gc: bool = True,
) -> m.History: ...
@overload
def load(
    source: str | os.PathLike[str],
    *,
    expected: str | None = None,
    campaign: m.Campaign | None = None,
    fmt: Format | None = None,
    pause_gc: bool = True,
) -> Document: ...
def load(
    source: str | os.PathLike[str],
    *,
    expected: str | None = None,
    campaign: m.Campaign | None = None,
    fmt: Format | None = None,
    pause_gc: bool = True,
) -> Document:
    """Read a document from a file; the suffix chooses the format.

    Args:
        source: the path.
        expected: require this document type; the return type follows it
            (``expected="campaign"`` gives a :class:`~thidua.Campaign`).
        campaign: validate results or history against this campaign.
        fmt: the format, if the suffix does not tell.
        pause_gc: pause the process-wide garbage collector while reading (faster;
            ``False`` leaves it alone, see :func:`thidua.evaluate`).

    Threads: any number of threads may read documents at once.

    Raises:
        DataError: listing every problem with its path, and the file name.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "results.json")
    ...     _ = p.write_text('{"schema_version": 1, "document": "results", "year": 2022}', encoding="utf-8")
    ...     load(p)
    Traceback (most recent call last):
    ...
    thidua.errors.DataError: .../results.json: 1 vấn đề:
      campaign: thiếu trường bắt buộc này

    .. versionadded:: 0.1.0
    """
    path = Path(source)
    try:
        chosen = _format_of(path, fmt)
        with paused_gc(pause_gc):  # the file's bytes passed on, so that read_data frees them once decoded
            return structure(read_data(read_file(path), chosen, share_entries=True), expected, campaign=campaign)
    except DataError as exc:
        raise DataError(exc.problems, source=str(path)) from None


def dumps(obj: Document, fmt: Format = "json") -> str:
    """Write a document to a string: stable key order, UTF-8, exact numbers as text.

    >>> print(dumps(m.Results("c", 2022)))
    {
      "schema_version": 1,
      "document": "results",
      "campaign": "c",
      "year": 2022
    }

    .. versionadded:: 0.1.0
    """
    data = unstructure(obj)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "toml":
        try:
            import tomli_w
        except ImportError:  # pragma: no cover - depends on the environment
            raise MissingExtraError(N_("writing TOML"), "toml", "tomli-w") from None
        return tomli_w.dumps(data)
    if fmt == "yaml":
        yaml = _yaml_module()
        return str(yaml.dump(data, Dumper=_safe_dumper(), allow_unicode=True, sort_keys=False))
    raise DataError(io_codes.UNKNOWN_FORMAT(format=str(fmt)))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file: the same resolved path, or the same inode (a link).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "r.json")
    ...     _ = p.write_text("{}", encoding="utf-8")
    ...     os.link(p, Path(d, "link.json"))
    ...     same_file(p, Path(d, ".", "r.json")), same_file(p, Path(d, "link.json")), same_file(p, Path(d, "x.json"))
    (True, True, False)

    .. versionadded:: 0.1.0
    """
    pa, pb = Path(a), Path(b)
    try:
        if pa.resolve() == pb.resolve():
            return True
    except (OSError, RuntimeError):  # a symlink loop: compared by inode below, if at all
        pass
    try:
        return pa.samefile(pb)
    except (OSError, ValueError):  # one of them does not exist (yet): not the same file
        return False


def check_output(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]) -> Path:
    """Refuse to write *path* if it is one of the *inputs* (by resolved path or inode); return it.

    ``thidua evaluate C R -o R`` would replace the results with the report, and
    ``thidua convert X X`` would rewrite a document in place: every command
    checks its outputs against its inputs before it reads anything.

    Raises:
        DataError: ``output-is-input``, naming the file.

    >>> check_output("report.html", ["campaign.json", None, "results.json"]).name
    'report.html'
    >>> check_output("./results.json", ["campaign.json", "results.json"])
    Traceback (most recent call last):
    ...
    thidua.errors.DataError: results.json: 1 vấn đề:
      tệp ghi ra là chính tệp đầu vào “results.json”; hãy ghi vào một tệp khác

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    for given in inputs:
        if given is not None and same_file(target, given):
            raise DataError(io_codes.OUTPUT_IS_INPUT(input=str(given)), source=str(target))
    return target


def missing_folders(path: str | os.PathLike[str]) -> list[Path]:
    """The folders that writing *path* would create, outermost first (none when its folder exists).

    >>> missing_folders("/")
    []

    .. versionadded:: 0.1.0
    """
    out: list[Path] = []
    folder = Path(path).absolute().parent
    while not folder.exists() and folder != folder.parent:
        out.append(folder)
        folder = folder.parent
    return out[::-1]


def write_atomic(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Write a file through a temporary neighbour and rename it into place.

    A failure leaves no partial file behind, and no folder it created: a
    missing folder is created for the file (the command line says so on
    stderr, see :func:`missing_folders`) and removed again if the writing
    fails.

    >>> import tempfile
    >>> def broken(tmp):
    ...     _ = tmp.write_text("half a report", encoding="utf-8")
    ...     raise OSError("disk full")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     try:
    ...         write_atomic(Path(d, "new", "report.html"), broken)
    ...     except OSError:
    ...         print(os.listdir(d))
    []

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    created = missing_folders(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # imported when a file is written (it pulls in shutil, bz2, lzma and random)

    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)  # mkstemp creates 0600; a report is an ordinary file
        tmp.replace(target)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:  # not empty (something else wrote there meanwhile): kept
                break
        raise
    return target


def dump(obj: Document, path: str | os.PathLike[str], fmt: Format | None = None) -> Path:
    """Write a document to a file, atomically; the suffix chooses the format.

    >>> import tempfile, thidua
    >>> results = thidua.examples.load_results()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = dump(results, Path(d, "results.json"))
    ...     p.name, load(p) == results
    ('results.json', True)

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    text = dumps(obj, _format_of(target, fmt))

    def write(p: Path) -> None:
        p.write_text(text, encoding="utf-8")

    return write_atomic(target, write)
