"""Reports of an evaluation: HTML (one self-contained page), XLSX and JSON.

All three show the same contents, built once by :func:`report_data`: for
each cluster the ranking (rank, unit, standard, bonus, deductions,
adjustments, total and the nominal maximum; totals are not clamped unless the
rubric says so), every target with its numbers and verdict, the awards
(granted or not, and why), the reviewers' changes, the meeting's decided
order beside the computed one with every conflict, and each unit's
explanation. Every report carries the evaluation's fingerprint, and a
visible banner when the data is sample data.

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
from thidua.report._html import render_html_data
from thidua.report._json import REPORT_SCHEMA_VERSION, dumps_report, report_data
from thidua.report._xlsx import write_xlsx_data

__all__ = ["REPORT_FORMATS", "REPORT_SCHEMA_VERSION", "render_html", "report_data", "write_report"]

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


def write_report(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    path: str | os.PathLike[str],
    *,
    locale: str = "vi",
    results: m.Results | None = None,
) -> Path:
    """Write a report; the suffix chooses the format: ``.html``, ``.xlsx`` or ``.json``.

    The file is written to a temporary neighbour and renamed into place, so a
    run that fails leaves no partial report.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated.
        path: where to write.
        locale: ``"vi"`` (default) or ``"en"``.
        results: the results evaluated, for their note; optional.

    Returns:
        The path written.

    Raises:
        DataError: for an unknown suffix.
        ModuleNotFoundError: for ``.xlsx`` without the ``excel`` extra.

    >>> import tempfile, json, thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(campaign, thidua.examples.load_results())
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_report(ev, campaign, d + "/report.json")
    ...     json.loads(p.read_text(encoding="utf-8"))["fingerprint"] == ev.fingerprint
    True

    .. versionadded:: 0.1.0
    """
    target = Path(path)
    fmt = REPORT_FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise DataError(top_codes.REPORT_SUFFIX(name=target.name, allowed=".html, .xlsx, .json"), source=str(target))
    if fmt == "xlsx":
        from thidua.io._excel import openpyxl_module

        openpyxl_module()
    data = report_data(evaluation, campaign, locale=locale, results=results)
    write: Callable[[Path], None]
    if fmt == "xlsx":

        def write(p: Path) -> None:
            write_xlsx_data(data, p, locale=locale)

    else:
        text = render_html_data(data, locale=locale) if fmt == "html" else dumps_report(data)

        def write(p: Path) -> None:
            p.write_text(text, encoding="utf-8")

    return write_atomic(target, write)
