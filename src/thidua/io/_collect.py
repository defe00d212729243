"""Collect: many returned workbooks, tables and documents merged into one results document, never silently.

An office sends a template to every unit (or cluster, or level) and gets back
many files: filled workbooks, CSV tables, results documents, a review stage's
workbook, the clusters' meeting sheets. :func:`collect` reads them all and
merges them into one :class:`~thidua.model.Results`, and reports, instead of
guessing:

* the units that returned nothing;
* the same value given twice with different contents (both files and cells named);
* a template of another campaign, year or review stage;
* the same file twice (the same bytes), read once;
* every problem of every file and of the merged results, at its cell or path.

Sources are paths, or ``(name, bytes)`` pairs (a browser page gives the files
it was handed); nothing is written. Not to be shared between threads while it
runs; the result is frozen.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Problem, shown
from thidua.errors import DataError
from thidua.io import _codes as codes
from thidua.io._files import _SUFFIXES, read_file
from thidua.io._layout import table_layout
from thidua.io._tables import FileRead, UnitEntries, build_results, document_entries, missing_inputs
from thidua.io._xlsx import WorkbookLimits

__all__ = ["Collection", "FileSummary", "collect"]

#: a source: a path, or a file's name and bytes
Source = str | os.PathLike[str] | tuple[str, bytes]
#: told the work done and its total (bytes), the file being read and the rows read so far
CollectProgress = Callable[[int, int, str, int], None]


@attrs.frozen
class FileSummary:
    """What was read from one file.

    Attributes:
        name: the file's name (or path).
        kind: ``"workbook"``, ``"table"`` (CSV), ``"document"`` (JSON, TOML, YAML),
            ``"duplicate"`` (the same bytes as an earlier file) or ``"unreadable"``.
        template: for a workbook made by thidua: ``"results"``, ``"review"`` or ``"meeting"``.
        stage: the review stage of a review workbook.
        units: the units it gave values for, in the order read.
        clusters: the clusters whose meeting decisions it gave.
        rows: the rows (or results) read.
        sha256: the digest of its bytes.
        duplicate_of: the earlier file with the same bytes.

    >>> import thidua
    >>> got = collect(thidua.examples.load_campaign(), [thidua.examples.path("an-minh-2022", "results")])
    >>> f = got.files[0]
    >>> f.kind, len(f.units), f.clusters
    ('document', 11, ('cum-1', 'cum-2'))

    .. versionadded:: 0.1.0
    """

    name: str
    kind: str
    template: str | None = None
    stage: str | None = None
    units: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    rows: int = 0
    sha256: str = ""
    duplicate_of: str | None = None


@attrs.frozen
class Collection:
    """The outcome of :func:`collect`: the merged results, or why not, and what each file gave.

    Attributes:
        results: the merged results, validated against the campaign; ``None``
            when any problem is an error (nothing is merged half-way).
        problems: every problem, errors and warnings, each with its file and cell or path.
        missing: the units expected to report that returned nothing (ids).
        files: what was read from each file, in the order given.

    Frozen: may be shared between threads.

    >>> import thidua
    >>> got = collect(thidua.examples.load_campaign(), [thidua.examples.path("an-minh-2022", "results")])
    >>> got.ok, got.missing, got.problems
    (True, (), ())
    >>> got.raise_for_problems()
    <Results an-minh-2022 (2022): 11 units, 2 decisions, sample>

    .. versionadded:: 0.1.0
    """

    results: m.Results | None
    problems: tuple[Problem, ...]
    missing: tuple[str, ...]
    files: tuple[FileSummary, ...]

    @property
    def ok(self) -> bool:
        """Whether the files merged without an error (warnings may remain)."""
        return self.results is not None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that refuse the merge."""
        return tuple(p for p in self.problems if p.is_error)

    def raise_for_problems(self) -> m.Results:
        """The merged results, or a :class:`~thidua.errors.DataError` listing every problem.

        .. versionadded:: 0.1.0
        """
        if self.results is None:
            raise DataError(list(self.problems))
        return self.results


def _load(source: Source) -> tuple[str, bytes]:
    if isinstance(source, tuple):
        name, data = source
        return str(name), bytes(data)
    path = Path(source)
    return str(path), read_file(path)


@attrs.define
class _Merge:
    """Entries of many files merged unit by unit, conflicts reported with both places."""

    campaign: m.Campaign
    units: dict[str, UnitEntries] = attrs.Factory(dict)
    #: per unit: the files its values came from
    files: dict[str, list[str]] = attrs.Factory(dict)
    decisions: dict[str, tuple[m.Decision, dict[str, Any]]] = attrs.Factory(dict)
    problems: list[Problem] = attrs.Factory(list)
    names: dict[str, str] = attrs.Factory(dict)

    def name(self, unit: str) -> str:
        """A unit's name, for a person (its id only when the campaign does not know it)."""
        if not self.names:
            self.names.update((u.id, u.name) for u in self.campaign.units)
        return self.names.get(unit, unit)

    def add(self, read: FileRead, *, adds_to_base: bool) -> None:
        for uid, e in read.units.items():
            mine = self.units.get(uid)
            if mine is None:
                mine = self.units[uid] = UnitEntries(uid, e.source, e.sheet, e.row, e.loc, {}, e.blanks, dict(e.rows))
            seen = self.files.setdefault(uid, [])
            if seen and read.source not in seen and not adds_to_base:
                self.problems.append(
                    codes.UNIT_IN_TWO_FILES(unit=self.name(uid), first=seen[0]).located(**e.place(None))
                )
            if read.source not in seen:
                seen.append(read.source)
            for key, (value, where) in e.values.items():
                criterion = key[2] if key[0] in ("points", "bonus", "reason") and len(key) > 2 else None
                place = e.place(where, criterion)
                old = mine.values.get(key)
                if old is None:
                    mine.values[key] = (value, place)
                elif old[0] != value:
                    first = mine.describe(old[1])
                    self.problems.append(
                        _located(
                            codes.VALUES_CONFLICT(
                                unit=self.name(uid),
                                what=_what(key),
                                value=_shown(value),
                                other=_shown(old[0]),
                                first=first,
                            ),
                            place,
                        )
                    )
        for cluster, (decision, place) in read.decisions.items():
            old_d = self.decisions.get(cluster)
            if old_d is None:
                self.decisions[cluster] = (decision, place)
            elif old_d[0] != decision:
                first = UnitEntries("", None).describe(old_d[1])
                self.problems.append(_located(codes.DECISIONS_CONFLICT(cluster=cluster, first=first), place))


def _located(problem: Problem, place: dict[str, Any]) -> Problem:
    if "loc" in place:
        return attrs.evolve(problem, loc=tuple(place["loc"]), source=place.get("source"))
    return problem.located(source=place.get("source"), sheet=place.get("sheet"), cell=place.get("cell"))


def _what(key: tuple[str, ...]) -> str:
    """An entry's key as the column key of a template: ``count:hamlet:htt``, ``points:doi-moi (cum-tham-dinh)``."""
    head = key[0]
    if head in ("counts", "totals", "measures", "flags", "dates"):
        return ":".join((head[:-1], *key[1:]))
    if head in ("points", "bonus", "reason", "evidence") and len(key) == 3:
        return f"{head}:{key[2]} ({key[1]})"
    if head in ("on", "by") and len(key) == 2:
        return f"{head} ({key[1]})"
    return ":".join(key)


def _shown(value: Any) -> Any:
    if isinstance(value, str | bool) or value is None:
        return shown(value)
    return value


def collect(
    campaign: m.Campaign,
    sources: Iterable[Source],
    *,
    stage: str | None = None,
    sample: bool = False,
    note: str | None = None,
    limits: WorkbookLimits | None = None,
    progress: CollectProgress | None = None,
) -> Collection:
    """Merge returned files into one results document, reporting everything it does not merge.

    Args:
        campaign: the campaign the files belong to.
        sources: paths, or ``(name, bytes)`` pairs: workbooks and CSV tables
            (``.xlsx``, ``.csv``), results documents (``.json``, ``.toml``,
            ``.yaml``), review-stage and meeting workbooks. A review workbook is
            read with the results of the other files (the stages before it).
        stage: if given, a review workbook of another stage is refused.
        sample: mark the merged results as sample data (they are, too, when any
            document merged is).
        note: a note for the merged results.
        limits: what a workbook may hold.
        progress: called now and then with the bytes read, their total, the
            file being read and its rows read so far.

    Returns:
        A :class:`Collection`: the merged results (``None`` if any problem is an
        error), every problem, the units that returned nothing, and what each
        file gave. Nothing is written, and nothing raised for bad files.

    >>> import thidua
    >>> campaign = thidua.examples.load_campaign("an-minh-2022")
    >>> one = b"unit,measure:fund_raised,measure:fund_quota\\nxa-van-khanh,130000000,120000000\\n"
    >>> two = b"unit,measure:fund_raised\\nxa-van-khanh,125000000\\n"
    >>> got = collect(campaign, [("mot.csv", one), ("hai.csv", two)])
    >>> got.ok, len(got.missing)
    (False, 10)
    >>> print(got.errors[0].render("en"))
    hai.csv, cell B2: measure:fund_raised of 'Xã Vân Khánh' is 125000000 here, but 130000000 in mot.csv, B2

    .. versionadded:: 0.1.0
    """
    from thidua.io._excel import _meta_of, read_table_file
    from thidua.io._files import loads
    from thidua.io._xlsx import XlsxReader

    loaded: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    summaries: dict[int, FileSummary] = {}
    for i, source in enumerate(sources):
        try:
            loaded.append(_load(source))
        except DataError as exc:
            name = str(source[0] if isinstance(source, tuple) else source)
            problems.extend(p.located(source=name) for p in exc.problems)
            summaries[i] = FileSummary(name, "unreadable")
            loaded.append((name, b""))
    total = sum(len(data) for _, data in loaded) or 1
    done = 0
    digests: dict[str, str] = {}
    first_pass: list[tuple[int, FileRead]] = []
    deferred: list[int] = []
    documents: dict[int, m.Results] = {}

    def read_one(i: int, name: str, data: bytes, digest: str, base: m.Results | None) -> FileRead | None:
        """Read a workbook or table, with progress; the read if it has no error, else ``None``."""
        nonlocal done
        tick = _Tick(progress, done, total, name, len(data)) if progress else None
        read = read_table_file(campaign, data, name=name, base=base, limits=limits, progress=tick)
        done += len(data)
        _tell(progress, done, total, name, read.rows)
        problems.extend(read.problems)
        problems.extend(_stage_problems(read, stage))
        summaries[i] = FileSummary(name, read.kind, sha256=digest)
        return None if any(p.is_error for p in read.problems) else read

    for i, (name, data) in enumerate(loaded):
        if i in summaries:
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in digests:
            problems.append(codes.DUPLICATE_FILE(first=digests[digest]).located(source=name))
            summaries[i] = FileSummary(name, "duplicate", sha256=digest, duplicate_of=digests[digest])
            done += len(data)
            continue
        digests[digest] = name
        suffix = Path(name).suffix.lower()
        if suffix in _SUFFIXES:
            try:
                results = loads(data, _SUFFIXES[suffix], expected="results", campaign=campaign)
            except DataError as exc:
                problems.extend(p.located(source=name) for p in exc.problems)
                summaries[i] = FileSummary(name, "unreadable", sha256=digest)
            else:
                read = document_entries(results, name)
                documents[i] = results
                first_pass.append((i, read))
                summaries[i] = FileSummary(name, "document", sha256=digest)
            done += len(data)
            _tell(progress, done, total, name, 0)
            continue
        if suffix not in (".xlsx", ".csv"):
            allowed = ".json, .toml, .yaml, .xlsx, .csv"  # what collect reads, not only the tables
            problems.append(codes.UNKNOWN_SUFFIX(name=Path(name).name, allowed=allowed).located(source=name))
            summaries[i] = FileSummary(name, "unreadable", sha256=digest)
            done += len(data)
            continue
        if suffix == ".xlsx" and _is_review(data, name, limits, XlsxReader, _meta_of):
            deferred.append(i)
            continue
        table = read_one(i, name, data, digest, None)
        if table is not None:
            first_pass.append((i, table))
    merge = _Merge(campaign)
    for _i, read in first_pass:
        merge.add(read, adds_to_base=read.kind == "workbook" and read.meta.get("kind") == "meeting")
    base: m.Results | None = None
    if deferred and merge.units:  # the stages before a review: what the other files hold
        base, _base_problems = build_results(campaign, list(merge.units.values()), [])
    for i in deferred:
        name, data = loaded[i]
        review = read_one(i, name, data, hashlib.sha256(data).hexdigest(), base)
        if review is not None:
            first_pass.append((i, review))
            merge.add(review, adds_to_base=True)
    for i, read in first_pass:
        old = summaries[i]
        summaries[i] = attrs.evolve(
            old,
            template=read.meta.get("kind") if read.kind == "workbook" else None,
            stage=read.stage,
            units=tuple(read.units),
            clusters=tuple(read.decisions),
            rows=read.rows,
        )
    # sample data stays sample data once merged; a document's note is kept when no other is given
    docs = [read for _i, read in first_pass if read.kind == "document"]
    sample = sample or any(read.meta.get("sample") for _i, read in first_pass)
    if note is None and docs:
        note = docs[0].meta.get("note")
    # a file refused as a whole says nothing of what its units returned: blanks are not counted then
    whole = not any(p.is_error for p in problems)
    problems.extend(merge.problems)
    decisions = [d for d, _ in merge.decisions.values()]
    single = next(iter(documents.values())) if len(first_pass) == 1 and documents and not deferred else None
    if single is not None and sample != single.sample:
        single = None
    if single is not None:  # one document, already read and checked: kept as it is (the national case)
        results = single if note == single.note else attrs.evolve(single, note=note)
        late = [p for p in m.validate_results(campaign, results) if not p.is_error]
        if whole:
            late.extend(missing_inputs(campaign, results))
        late = [p.located(source=first_pass[0][1].source) for p in late]
    else:
        results, late = build_results(
            campaign, list(merge.units.values()), decisions, sample=sample, note=note, blanks=whole
        )
    problems.extend(late)
    expected = [u.id for t in table_layout(campaign) for u in t.units]
    missing = tuple(u for u in expected if u not in merge.units) if whole else ()
    problems.extend(codes.UNIT_RETURNED_NOTHING(unit=merge.name(u)) for u in missing)
    files = tuple(summaries[i] for i in range(len(loaded)))
    if any(p.is_error for p in problems):
        return Collection(None, tuple(problems), missing, files)
    return Collection(results, tuple(problems), missing, files)


@attrs.frozen
class _Tick:
    """Progress within one file, as a share of its bytes, told as progress over every file."""

    progress: CollectProgress
    start: int
    total: int
    name: str
    size: int

    def __call__(self, read: int, declared: int, rows: int) -> None:
        _tell(self.progress, self.start + self.size * read // max(declared, 1), self.total, self.name, rows)


def _tell(progress: CollectProgress | None, done: int, total: int, name: str, rows: int) -> None:
    if progress is not None:
        progress(min(done, total), total, name, rows)


def _is_review(data: bytes, name: str, limits: WorkbookLimits | None, reader: Any, meta_of: Any) -> bool:
    """Whether a workbook is a review-stage workbook (read after the others, with their results)."""
    try:
        with reader(data, name, limits=limits) as book:
            meta, _found = meta_of(book)
    except DataError:
        return False
    return bool(meta.get("kind") == "review")


def _stage_problems(read: FileRead, stage: str | None) -> Sequence[Problem]:
    if stage is None or read.kind != "workbook" or read.meta.get("kind") != "review" or read.stage == stage:
        return ()
    return (
        codes.WRONG_TEMPLATE_STAGE(value=str(read.stage), stage=stage).located(
            source=read.source, sheet="_thidua", cell="B5"
        ),
    )
