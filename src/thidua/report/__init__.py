"""Reports of an evaluation: HTML (self-contained pages), XLSX and JSON.

All three show the same contents, built once by :func:`report_data`: a
summary (targets met per target, grades per level, the leaders of each
cluster, the awards the rules grant, every conflict with a meeting's
decision), then for each cluster the ranking (rank, unit, standard, bonus, deductions,
adjustments, total and the nominal maximum; totals are not clamped unless the
rubric says so), every target with its numbers and verdict, the awards
(granted or not, and why), the reviewers' changes, the meeting's decided
order beside the computed one with every conflict, and each unit's
explanation. Every report carries the evaluation's fingerprint, and a
visible banner when the data is sample data.

The HTML report is one file while it stays under
:data:`SINGLE_PAGE_LIMIT` (2 MB); a larger one (a national campaign) is a
summary page, ``report.html``, and one page per cluster and per level
ranking in the folder beside it, ``report_files/``, so that it opens at once
and every verdict stays one click away.

>>> import thidua
>>> campaign = thidua.examples.load_campaign()
>>> ev = thidua.evaluate(campaign, thidua.examples.load_results())
>>> page = render_html(ev, campaign, locale="en")
>>> ev.fingerprint in page, "SAMPLE" in page.upper()
(True, True)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from thidua import _codes as top_codes
from thidua import model as m
from thidua.engine import Evaluation, Prepared
from thidua.errors import DataError
from thidua.io import write_atomic
from thidua.report._html import SINGLE_PAGE_LIMIT, render_html_data, render_html_pages
from thidua.report._json import REPORT_SCHEMA_VERSION, dumps_report, report_data, summary_data
from thidua.report._xlsx import write_xlsx_data

__all__ = [
    "REPORT_FORMATS",
    "REPORT_SCHEMA_VERSION",
    "SINGLE_PAGE_LIMIT",
    "render_html",
    "render_html_pages",
    "report_data",
    "report_folder",
    "summary_data",
    "write_report",
]

#: the file that marks a folder of report pages as thidua's (so that it may be replaced)
_MARKER = ".thidua-report"

#: File suffixes and the report format each one writes.
REPORT_FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".json": "json"}


def render_html(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    *,
    locale: str = "vi",
    results: m.Results | None = None,
) -> str:
    """The HTML report as text: one page, no network (inline CSS and SVG, no script).

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated.
        locale: ``"vi"`` (default) or ``"en"``.
        results: the results evaluated, for their note; optional.

    >>> import thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> page = render_html(thidua.evaluate(campaign, thidua.examples.load_results()), campaign, locale="en")
    >>> page.startswith("<!DOCTYPE html>"), "Xã Vân Khánh Tây" in page, "<script" in page
    (True, True, False)

    .. versionadded:: 0.1.0
    """
    data = report_data(evaluation, campaign, locale=locale, results=results)
    return render_html_data(data, locale=locale)


def report_folder(path: str | os.PathLike[str]) -> Path:
    """The folder of a split HTML report's pages: beside the summary page, named after it.

    >>> report_folder("out/bao-cao.html").as_posix()
    'out/bao-cao_files'

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    return target.with_name(f"{target.stem}_files")


def write_report(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    path: str | os.PathLike[str],
    *,
    locale: str = "vi",
    results: m.Results | None = None,
    layout: str = "auto",
) -> Path:
    """Write a report; the suffix chooses the format: ``.html``, ``.xlsx`` or ``.json``.

    The file is written to a temporary neighbour and renamed into place, so a
    run that fails leaves no partial report. An HTML report larger than
    :data:`SINGLE_PAGE_LIMIT` (or any, with ``layout="split"``) is a summary
    page at *path* and its detail pages in :func:`report_folder` beside it;
    the folder is written in full before it replaces the previous one.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated.
        path: where to write.
        locale: ``"vi"`` (default) or ``"en"``.
        results: the results evaluated, for their note; optional.
        layout: for HTML: ``"auto"`` (default), ``"single"`` or ``"split"``.

    Returns:
        The path written (the summary page of a split report).

    Raises:
        DataError: for an unknown suffix, or a folder of that name that
            thidua did not write.
        ModuleNotFoundError: for ``.xlsx`` without the ``excel`` extra.

    >>> import tempfile, json, thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(campaign, thidua.examples.load_results())
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_report(ev, campaign, d + "/report.json")
    ...     json.loads(p.read_text(encoding="utf-8"))["fingerprint"] == ev.fingerprint
    True
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_report(ev, campaign, d + "/report.html", layout="split")
    ...     sorted(x.name for x in report_folder(p).iterdir())
    ['.thidua-report', 'cluster-cum-1.html', 'cluster-cum-2.html', 'level-commune.html']

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    fmt = REPORT_FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise DataError(top_codes.REPORT_SUFFIX(name=target.name, allowed=".html, .xlsx, .json"), source=str(target))
    if fmt == "xlsx":
        from thidua.io._excel import openpyxl_module

        openpyxl_module()
    folder = report_folder(target)
    if fmt == "html" and folder.exists() and not (folder / _MARKER).is_file():
        raise DataError(top_codes.REPORT_FOLDER_TAKEN(folder=folder.name), source=str(folder))
    data = report_data(evaluation, campaign, locale=locale, results=results)
    write: Callable[[Path], None]
    if fmt == "xlsx":

        def write(p: Path) -> None:
            write_xlsx_data(data, p, locale=locale)

    elif fmt == "html":
        pages = render_html_pages(data, locale=locale, folder=folder.name, layout=layout, index_name=target.name)
        if len(pages) > 1:
            return _write_pages(target, folder, pages, data["fingerprint"])
        text = pages[""]

        def write(p: Path) -> None:
            p.write_text(text, encoding="utf-8")

    else:
        text = dumps_report(data)

        def write(p: Path) -> None:
            p.write_text(text, encoding="utf-8")

    written = write_atomic(target, write)
    if fmt == "html" and folder.is_dir():
        # the pages of an earlier, larger report would no longer match it
        _remove_folder(folder)
    return written


def _remove_folder(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _write_pages(target: Path, folder: Path, pages: dict[str, str], fingerprint: str) -> Path:
    """Write the detail pages to a new folder, swap it for the old one, then write the summary page.

    A failure at any step leaves the previous report (page and folder) as it was.
    """
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=target.parent))
    old: Path | None = None
    swapped = False
    try:
        for name, text in pages.items():
            if name:
                (staging / name).write_text(text, encoding="utf-8")
        (staging / _MARKER).write_text(fingerprint + "\n", encoding="utf-8")
        staging.chmod(0o777 & ~_umask())
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=target.parent))
            folder.replace(old / folder.name)
        staging.replace(folder)
        swapped = True

        def write(p: Path) -> None:
            p.write_text(pages[""], encoding="utf-8")

        return write_atomic(target, write)
    except BaseException:
        if swapped:
            _remove_folder(folder)
        if old is not None and (old / folder.name).exists():
            (old / folder.name).replace(folder)
        raise
    finally:
        if staging.exists():
            _remove_folder(staging)
        if old is not None:
            _remove_folder(old)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
