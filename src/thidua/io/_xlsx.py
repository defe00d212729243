"""Reading ``.xlsx`` workbooks: cell values only, streamed, bounded, and never trusting the file.

A workbook is a zip archive of XML parts. This reader opens the parts a
results table needs (the workbook, its relationships, the shared strings, the
number formats that tell a date, and each sheet) and streams each sheet row by
row, so that memory holds one row at a time, whatever the file declares.
Everything read is bounded before and while it is read (see :class:`WorkbookLimits`):
the size of the file, the inflated bytes of every part (counted as they are
inflated, not taken from the archive's directory), the ratio of inflated to
compressed bytes, the rows, columns and cells, and the characters of a cell. A
sheet's ``<dimension>`` is never read: every row present is read, and a row
beyond the limits refuses the workbook.

XML is parsed by :mod:`defusedxml` (the ``excel`` extra): a document type
declaration, an entity or an external reference refuses the part. Every
failure, from a broken archive to malformed XML in the last sheet, is a
:class:`~thidua.errors.DataError` naming the sheet (or the part) where it
happened.

Values: numbers are :class:`int` when integral as written, else the float the
text denotes (see :func:`thidua.io._csv.parse_cell` for how they are then read
exactly); texts (shared, inline or from a formula) are :class:`str`; booleans
:class:`bool`; numbers with a date format :class:`datetime.datetime`; error
values :class:`ErrorValue`; and a cell holding a formula is wrapped in
:class:`Formula`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, Self, cast

import attrs

from thidua._problems import N_, Problem
from thidua.errors import DataError, MissingExtraError
from thidua.io import _codes as codes

__all__ = ["ErrorValue", "Formula", "SheetInfo", "WorkbookLimits", "XlsxReader", "defused_module"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _tags(name: str) -> frozenset[str]:
    return frozenset({f"{{{_MAIN}}}{name}", f"{{{_STRICT}}}{name}", name})


_ROW, _C, _V, _F, _IS, _T, _R, _SI, _SHEET_DATA = (
    _tags(n) for n in ("row", "c", "v", "f", "is", "t", "r", "si", "sheetData")
)
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
#: builtin number formats that show dates (ECMA-376, 18.8.30; 27-36 and 50-58 are East Asian dates)
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, *range(27, 37), *range(50, 59)})
_STRIP_FORMAT = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_DATE_LETTERS = re.compile(r"[dmyhsDMYHS]")
_EPOCH_1900 = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - spreadsheet dates have no time zone
_EPOCH_1904 = dt.datetime(1904, 1, 1)  # noqa: DTZ001


@attrs.frozen
class WorkbookLimits:
    """What a workbook may hold for thidua to read it: beyond any of these, it is refused.

    The defaults are far above any results workbook (the national campaign's
    100,000 front work committees on one sheet use a fifth of the rows and a
    fifth of the bytes) and low enough that a hostile file is refused within
    seconds and a few hundred megabytes.

    Attributes:
        file_bytes: the size of the ``.xlsx`` file.
        inflated_bytes: the bytes of XML inflated from it, all parts together.
        ratio: inflated over compressed bytes of one part, beyond its first MiB
            (XML compresses 5-20 times; a zip bomb thousands of times).
        rows: rows read, all sheets together.
        columns: the highest column of a cell (1,000: column ALL).
        cells: cells read, all sheets together.
        cell_chars: the characters of one cell (Excel's own limit).
        sheets: sheets in the workbook.
        parts: files in the archive.

    >>> WorkbookLimits().rows
    500000

    .. versionadded:: 0.1.0
    """

    file_bytes: int = 100 * 1024 * 1024
    inflated_bytes: int = 512 * 1024 * 1024
    ratio: int = 100
    rows: int = 500_000
    columns: int = 1_000
    cells: int = 20_000_000
    cell_chars: int = 32_767
    sheets: int = 256
    parts: int = 10_000


@attrs.frozen
class Formula:
    """A cell holding a formula (thidua reads typed values only), with its cached value.

    >>> Formula(10).value
    10

    .. versionadded:: 0.1.0
    """

    value: Any


@attrs.frozen
class ErrorValue:
    """A cell showing an error value such as ``#DIV/0!`` or ``#N/A``.

    >>> str(ErrorValue("#N/A"))
    '#N/A'

    .. versionadded:: 0.1.0
    """

    text: str

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class SheetInfo:
    """A sheet of a workbook: its name, whether it is shown, and its part in the archive.

    .. versionadded:: 0.1.0
    """

    name: str
    state: str
    part: str


def defused_module() -> Any:
    """Import :mod:`defusedxml.ElementTree`, or explain which extra to install.

    Raises:
        MissingExtraError: naming the ``excel`` extra.

    .. versionadded:: 0.1.0
    """
    try:
        from defusedxml import ElementTree
    except ImportError:
        raise MissingExtraError(N_("reading Excel workbooks"), "excel", "defusedxml") from None
    return ElementTree


class _TooLarge(Exception):  # noqa: N818 - internal signal, turned into a problem
    def __init__(self, what: str, limit: int) -> None:
        self.what = what
        self.limit = limit


class _Counted(io.RawIOBase):
    """A part of the archive as it is inflated, counting bytes against the limits."""

    def __init__(self, raw: IO[bytes], reader: XlsxReader, compressed: int) -> None:
        self.raw = raw
        self.reader = reader
        self.compressed = max(compressed, 1)
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()
        super().close()

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.read_bytes += n
        self.reader.inflated += n
        if self.reader.inflated > self.reader.limits.inflated_bytes:
            raise _TooLarge("inflated", self.reader.limits.inflated_bytes)
        if self.read_bytes > 1024 * 1024 and self.read_bytes > self.reader.limits.ratio * self.compressed:
            raise _TooLarge("ratio", self.reader.limits.ratio)
        return n


#: the prolog of a part (before its root element) longer than this is refused
_MAX_PROLOG = 1024 * 1024


class _RootStarted(Exception):  # noqa: N818 - internal signal: the prolog is over
    pass


class _RootTarget:
    """A parser target that stops at the root element (the prolog has been read)."""

    def start(self, _tag: str, _attrib: dict[str, str]) -> None:
        raise _RootStarted

    def end(self, _tag: str) -> None:  # pragma: no cover - never reached
        pass

    def data(self, _data: str) -> None:
        pass

    def close(self) -> None:
        pass


class _Chained(io.RawIOBase):
    """The bytes already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest: io.RawIOBase) -> None:
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.rest.close()
        super().close()

    def readinto(self, buffer: Any) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _check_parts(archive: zipfile.ZipFile, limits: WorkbookLimits) -> None:
    if len(archive.infolist()) > limits.parts:
        raise _TooLarge("parts", limits.parts)


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _is_date_format(code: str) -> bool:
    first = code.split(";", maxsplit=1)[0]
    return _DATE_LETTERS.search(_STRIP_FORMAT.sub("", first)) is not None and first.lower() != "general"


def _text_of(elem: Any) -> str:
    """The text of a shared or inline string: its ``<t>``, or its runs' ``<t>``, phonetic runs left out."""
    parts: list[str] = []
    for child in elem:
        tag = child.tag
        if tag in _T:
            parts.append(child.text or "")
        elif tag in _R:
            parts.extend(t.text or "" for t in child if t.tag in _T)
    return "".join(parts)


class XlsxReader:
    """One workbook opened for reading, from a path or from bytes.

    Args:
        source: the file, or its bytes.
        name: the name of the file in problems.
        limits: what the workbook may hold.

    Raises:
        DataError: for a file that is not a workbook, or holds more than the limits.

    Not to be shared between threads; close it when done (it is a context manager).

    >>> import tempfile, openpyxl
    >>> wb = openpyxl.Workbook()
    >>> wb.active.title = "Xã"
    >>> wb.active.append(["unit", "measure:quy"])
    >>> wb.active.append(["xa-a", 150000000])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     wb.save(d + "/r.xlsx")
    ...     with XlsxReader(Path(d, "r.xlsx")) as book:
    ...         [s.name for s in book.sheets], list(book.rows(book.sheets[0]))
    (['Xã'], [(1, ('unit', 'measure:quy')), (2, ('xa-a', 150000000))])

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, source: str | os.PathLike[str] | bytes, name: str | None = None, *, limits: WorkbookLimits | None = None
    ) -> None:
        self.et = defused_module()
        self.limits = limits or WorkbookLimits()
        self.name = name if name is not None else (str(source) if not isinstance(source, bytes) else "<bytes>")
        self.inflated = 0
        self.rows_read = 0
        self.cells_read = 0
        self.zip: zipfile.ZipFile | None = None
        size = len(source) if isinstance(source, bytes) else Path(source).stat().st_size
        if size > self.limits.file_bytes:
            raise self._refused(codes.TOO_LARGE(limit=self.limits.file_bytes // (1024 * 1024)))
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else Path(source))
            _check_parts(self.zip, self.limits)
            self.members = {i.filename: i for i in self.zip.infolist()}
            self.date1904 = False
            self.sheets = self._workbook()
            self.strings = self._shared_strings()
            self.date_styles = self._date_styles()
        except DataError:
            self.close()
            raise
        except _TooLarge as exc:
            self.close()
            raise self._too_large(exc) from None
        except Exception:  # noqa: BLE001 - anything wrong in the archive or its XML: not a workbook
            self.close()
            raise self._refused(codes.NOT_A_WORKBOOK()) from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive."""
        if self.zip is not None:
            self.zip.close()
            self.zip = None

    # -- problems --------------------------------------------------------------------------------

    def _refused(self, problem: Problem, sheet: str | None = None) -> DataError:
        return DataError([problem.located(sheet=sheet)], source=self.name)

    def _too_large(self, exc: _TooLarge, sheet: str | None = None) -> DataError:
        what = {
            "inflated": codes.TERMS["inflated bytes"],
            "ratio": codes.TERMS["compression ratio"],
            "rows": codes.TERMS["rows"],
            "columns": codes.TERMS["columns"],
            "cells": codes.TERMS["cells"],
            "cell_chars": codes.TERMS["characters in a cell"],
            "sheets": codes.TERMS["sheets"],
            "parts": codes.TERMS["files in the archive"],
            "part": codes.TERMS["bytes of a part"],
        }[exc.what]
        return self._refused(codes.WORKBOOK_TOO_LARGE(what=what, limit=exc.limit), sheet)

    # -- parts -----------------------------------------------------------------------------------

    def _open(self, part: str) -> _Counted:
        assert self.zip is not None  # noqa: S101 - open until closed
        info = self.members[part]
        if info.file_size > self.limits.inflated_bytes:
            raise _TooLarge("part", self.limits.inflated_bytes)
        return _Counted(self.zip.open(info), self, info.compress_size)

    def _parse(self, part: str) -> Any:
        with self._open(part) as raw:
            return self.et.parse(io.BufferedReader(raw, 64 * 1024), forbid_dtd=True).getroot()

    def _events(self, raw: _Counted, events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
        """Parse a large part (a sheet, the shared strings): its prolog by defusedxml, the rest by expat.

        defusedxml reads the part up to its root element and refuses a
        document type declaration; without one, no entity can be declared (an
        undeclared entity is an XML error), so the rest is parsed by the C
        parser of :mod:`xml.etree.ElementTree`, ten times faster than
        defusedxml's pure-Python one. Events come as the part is inflated.
        """
        prolog = self._prolog(raw)
        stream = io.BufferedReader(_Chained(prolog, raw), 64 * 1024)
        import xml.etree.ElementTree as ET

        return ET.iterparse(stream, events=cast("Any", events))  # noqa: S314 - the prolog was checked by defusedxml

    def _prolog(self, raw: _Counted) -> bytes:
        seen = bytearray()
        parser = self.et.DefusedXMLParser(target=_RootTarget(), forbid_dtd=True)
        while True:
            chunk = raw.read(64 * 1024)
            if not chunk:
                parser.close()  # a document without a root element: a ParseError
                return bytes(seen)
            seen += chunk
            try:
                parser.feed(chunk)
            except _RootStarted:
                return bytes(seen)
            if len(seen) > _MAX_PROLOG:
                raise _TooLarge("part", _MAX_PROLOG)

    def _relations(self, part: str) -> dict[str, str]:
        path = PurePosixPath(part)
        rels = str(path.parent / "_rels" / f"{path.name}.rels")
        if rels not in self.members:
            return {}
        out: dict[str, str] = {}
        for rel in self._parse(rels):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                continue
            resolved = target.lstrip("/") if target.startswith("/") else _join(path.parent, target)
            out[rel.get("Id") or ""] = resolved
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            out.setdefault(f"type:{kind}", resolved)
        return out

    def _workbook(self) -> list[SheetInfo]:
        main = self._relations("").get("type:officeDocument", "xl/workbook.xml")
        self.workbook_part = main
        root = self._parse(main)
        rels = self._relations(main)
        self.workbook_rels = rels
        sheets: list[SheetInfo] = []
        for elem in root.iter():
            local = elem.tag.rpartition("}")[2]
            if local == "workbookPr":
                self.date1904 = elem.get("date1904") in ("1", "true")
            elif local == "sheet":
                rid = elem.get(f"{{{_REL}}}id") or elem.get(f"{{{_STRICT_REL}}}id") or ""
                part = rels.get(rid)
                if part is None or part not in self.members:
                    continue  # a chart sheet or a dangling reference: nothing to read
                sheets.append(SheetInfo(elem.get("name") or "", elem.get("state") or "visible", part))
                if len(sheets) > self.limits.sheets:
                    raise _TooLarge("sheets", self.limits.sheets)
        return sheets

    def _shared_strings(self) -> list[str]:
        part = self.workbook_rels.get("type:sharedStrings")
        if part is None or part not in self.members:
            return []
        strings: list[str] = []
        with self._open(part) as raw:
            for _event, elem in self._events(raw, ("end",)):
                if elem.tag in _SI:
                    text = _text_of(elem)
                    if len(text) > self.limits.cell_chars:
                        raise _TooLarge("cell_chars", self.limits.cell_chars)
                    strings.append(text)
                    elem.clear()
                    if len(strings) > self.limits.cells:
                        raise _TooLarge("cells", self.limits.cells)
        return strings

    def _date_styles(self) -> frozenset[int]:
        part = self.workbook_rels.get("type:styles")
        if part is None or part not in self.members:
            return frozenset()
        root = self._parse(part)
        custom: dict[int, str] = {}
        formats: list[int] = []
        for elem in root:
            local = elem.tag.rpartition("}")[2]
            if local == "numFmts":
                for fmt in elem:
                    custom[int(fmt.get("numFmtId") or -1)] = fmt.get("formatCode") or ""
            elif local == "cellXfs":
                formats = [int(xf.get("numFmtId") or 0) for xf in elem]
        return frozenset(
            i
            for i, fid in enumerate(formats)
            if (fid in custom and _is_date_format(custom[fid])) or (fid not in custom and fid in _DATE_FORMAT_IDS)
        )

    # -- sheets ----------------------------------------------------------------------------------

    def rows(
        self, sheet: SheetInfo, progress: Callable[[int, int, int], None] | None = None
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """The rows of *sheet* that hold a value: ``(row number, cells)``, cells indexed from column A.

        Empty trailing cells are left out; an empty cell inside a row is ``None``.
        *progress*, if given, is called now and then with the bytes of the sheet
        read so far, their declared total (for a progress bar only) and the rows
        read so far in the workbook.

        Raises:
            DataError: naming the sheet, for malformed XML, a limit passed, or a bad cell reference.
        """
        try:
            yield from self._rows(sheet, progress)
        except DataError:
            raise
        except _TooLarge as exc:
            raise self._too_large(exc, sheet.name) from None
        except Exception:  # noqa: BLE001 - malformed XML, entities, a broken archive: named by its sheet
            raise self._refused(codes.SHEET_UNREADABLE(), sheet.name) from None

    def _rows(
        self, sheet: SheetInfo, progress: Callable[[int, int, int], None] | None
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        limits = self.limits
        strings = self.strings
        dates = self.date_styles
        epoch = _EPOCH_1904 if self.date1904 else _EPOCH_1900
        max_col = limits.columns
        declared = self.members[sheet.part].file_size
        row_no = 0
        raw = self._open(sheet.part)
        columns: dict[str, int] = {}
        try:
            for _event, elem in self._events(raw, ("end",)):
                if elem.tag not in _ROW:
                    continue
                self.rows_read += 1
                if self.rows_read > limits.rows:
                    raise _TooLarge("rows", limits.rows)
                given = elem.get("r")
                row_no = int(given) if given is not None and given.isdigit() else row_no + 1
                if row_no > 1_048_576:
                    raise _TooLarge("rows", limits.rows)
                cells: list[Any] = []
                col = -1
                for c in elem:
                    if c.tag not in _C:
                        continue
                    ref = c.get("r")
                    if ref is None:
                        col += 1
                    else:
                        letters = ref.rstrip("0123456789")
                        known = columns.get(letters)
                        if known is None:
                            found = _CELL_REF.match(ref)
                            if found is None:
                                raise self._refused(codes.BAD_CELL_REFERENCE(ref=ref), sheet.name)
                            known = columns[letters] = _column_index(found.group(1))
                        col = known
                    if col >= max_col:
                        raise _TooLarge("columns", max_col)
                    value = self._value(c, strings, dates, epoch)
                    if value is not None:
                        n = len(cells)
                        if col == n:
                            cells.append(value)
                        elif col > n:
                            cells.extend([None] * (col - n))
                            cells.append(value)
                        else:
                            cells[col] = value
                self.cells_read += len(elem)
                if self.cells_read > limits.cells:
                    raise _TooLarge("cells", limits.cells)
                elem.clear()  # an empty row element is left in the tree: a few bytes, for at most `rows` rows
                if cells:
                    yield row_no, tuple(cells)
                if progress is not None and self.rows_read % 2000 == 0:
                    progress(raw.read_bytes, declared, self.rows_read)
        finally:
            raw.close()
        if progress is not None:
            progress(declared, declared, self.rows_read)

    def _value(self, c: Any, strings: list[str], dates: frozenset[int], epoch: dt.datetime) -> Any:
        kind = c.get("t") or "n"
        text: str | None = None
        formula = False
        for child in c:
            tag = child.tag
            if tag in _V:
                text = child.text
            elif tag in _F:
                formula = True
            elif tag in _IS:
                text = _text_of(child)
        if text is not None and len(text) > self.limits.cell_chars:
            raise _TooLarge("cell_chars", self.limits.cell_chars)
        value: Any
        if text is None:
            value = None
        elif kind == "s":
            value = strings[int(text)]
        elif kind in ("str", "inlineStr"):
            value = text
        elif kind == "b":
            value = text.strip() in ("1", "true")
        elif kind == "e":
            value = ErrorValue(text)
        elif kind == "d":
            value = dt.datetime.fromisoformat(text.strip())
        else:
            value = _number(text)
            style = c.get("s")
            if style is not None and dates and int(style) in dates and not isinstance(value, bool):
                value = epoch + dt.timedelta(days=float(value))
        if formula:
            return Formula(value)
        return value


def _number(text: str) -> int | float:
    t = text.strip()
    if t.lstrip("-").isdigit() and len(t) <= 20:
        return int(t)
    return float(t)


def _join(folder: PurePosixPath, target: str) -> str:
    parts: list[str] = []
    for piece in (*folder.parts, *PurePosixPath(target).parts):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in (".", ""):
            parts.append(piece)
    return "/".join(parts)
