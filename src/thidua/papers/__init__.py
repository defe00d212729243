"""The papers an office signs, written from an evaluation (the ``papers`` extra: python-docx).

Three Word documents in the layout of Nghị định 30/2020/NĐ-CP on official
papers (quốc hiệu and tiêu ngữ, the issuing body, number and symbol, place
and date, type and summary, body, signature block, recipients; Times New
Roman, A4):

* :func:`write_minutes`: the minutes of a cluster's review meeting
  (biên bản họp bình xét thi đua): the points, the computed and the agreed
  order, the votes when given, the proposals and their check against the
  rules;
* :func:`write_proposal`: the proposal for awards (tờ trình đề nghị khen
  thưởng), with its list on a page of its own;
* :func:`write_summary`: the year's summary report (báo cáo tổng kết):
  the targets met per target, the grades, the ranking and leaders, the
  awards; for one cluster, or for the whole campaign.

:func:`write_papers` writes all three for every cluster (``thidua papers``).
Every figure comes from the evaluation, whose fingerprint is printed in a
small footer line on every page. What the campaign does not say (the
issuing body's superior, the number, the place, the date, the signer, the
votes...) is given as :class:`Details`, or left blank for the office to fill
in (``Số: …/BB-…``); it is never invented. The papers are plain paragraphs
and tables, which the office edits in Word or LibreOffice. They are written
in Vietnamese (``locale="vi"``, the default); ``locale="en"`` gives an
English rendering for reading, not for filing.

Which units the proposal puts forward (*proposals*): ``"meeting"`` (the
default) takes the meeting's proposals recorded in the results, and refuses
them when the rules forbid them (an ineligible unit, more than the quota);
without a meeting's proposals, and with ``"computed"``, it takes the awards
the campaign's rules grant.

>>> import tempfile, thidua
>>> from docx import Document
>>> campaign, results = thidua.examples.load_campaign(), thidua.examples.load_results()
>>> ev = thidua.evaluate(campaign, results)
>>> with tempfile.TemporaryDirectory() as d:
...     path = write_minutes(ev, campaign, "cum-1", d + "/bien-ban.docx", results=results, place="An Minh")
...     doc = Document(path)
>>> "BIÊN BẢN" in [p.text for p in doc.paragraphs], ev.fingerprint in doc.sections[0].footer.paragraphs[0].text
(True, True)

Functions here may be called from several threads at once; each call
builds its own document.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Problem
from thidua.engine import Evaluation, Prepared, prepare
from thidua.errors import DataError
from thidua.papers import _codes as codes
from thidua.papers._content import Facts, Proposed
from thidua.papers._details import PAPERS, Details, Vote, load_details, structure_details
from thidua.papers._docx import Paper, docx_module
from thidua.papers._minutes import build_minutes
from thidua.papers._proposal import build_proposal
from thidua.papers._summary import build_summary

__all__ = [
    "PAPERS",
    "Details",
    "PapersWritten",
    "Vote",
    "load_details",
    "paper_names",
    "structure_details",
    "write_minutes",
    "write_papers",
    "write_proposal",
    "write_summary",
]

_POLICIES = ("meeting", "computed")


def _check_path(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".docx":
        raise DataError(codes.PAPER_SUFFIX(name=target.name), source=str(target))
    return target


def _details(details: Details | None, cluster: str | None, paper: str, fields: dict[str, Any]) -> Details:
    resolved = (details or Details()).resolve(cluster, paper)
    return attrs.evolve(resolved, **fields) if fields else resolved


def _footer(f: Facts) -> str:
    from thidua import __version__

    _ = f.t.gettext
    return _("Figures computed by thidua %(version)s from the evaluation with fingerprint %(fingerprint)s") % {
        "version": __version__,
        "fingerprint": f.ev.fingerprint,
    }


def _paper(f: Facts) -> Paper:
    banner = f.t.gettext("Sample data — not real results").upper() if f.ev.sample else None
    return Paper(f.t, footer=_footer(f), banner=banner)


def _save(paper: Paper, target: Path) -> Path:
    from thidua.io import write_atomic

    return write_atomic(target, paper.save)


def _facts(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    cluster: str | None,
    details: Details,
    *,
    locale: str,
    results: m.Results | None,
    self_assessed: Evaluation | None = None,
) -> Facts:
    return Facts(
        evaluation,
        campaign,
        cluster,
        locale=locale,
        results=results,
        self_assessed=self_assessed,
        details=details,
    )


def _policy(proposals: str) -> str:
    if proposals not in _POLICIES:
        raise ValueError(f"proposals must be 'meeting' or 'computed', got {proposals!r}")
    return proposals


def write_minutes(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    cluster: str,
    path: str | os.PathLike[str],
    *,
    results: m.Results | None = None,
    self_assessed: Evaluation | None = None,
    details: Details | None = None,
    locale: str = "vi",
    **fields: Any,
) -> Path:
    """Write the minutes of a cluster's review meeting (biên bản họp bình xét thi đua) as ``.docx``.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated.
        cluster: the cluster's id.
        path: where to write (``.docx``); written atomically.
        results: the results evaluated, for the meeting's proposals and date.
        self_assessed: the evaluation at the self-assessment stage, to show the
            self-assessed points beside the points used.
        details: the particulars the campaign does not hold (see :class:`Details`).
        locale: ``"vi"`` (default) or ``"en"``.
        **fields: fields of :class:`Details` for this paper, over *details*
            (``place="An Minh"``, ``chair="Nguyễn Văn A"``).

    Returns:
        The path written.

    Raises:
        DataError: for an unknown cluster, a path that is not ``.docx``,
            results that are not the ones evaluated, votes on unknown units.
        MissingExtraError: without python-docx (the ``papers`` extra).

    >>> import tempfile, thidua
    >>> from docx import Document
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> ev = thidua.evaluate(c, r)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_minutes(ev, c, "cum-1", d + "/bb.docx", results=r, votes={"xa-van-khanh": Vote(5, 5)})
    ...     rows = Document(p).tables[1].rows
    >>> [cell.text for cell in rows[1].cells]
    ['1', 'Xã Vân Khánh', '98', '1', 'Hoàn thành xuất sắc nhiệm vụ', '5/5 (100%)']

    .. versionadded:: 0.1.0
    """
    target = _check_path(path)
    docx_module()
    d = _details(details, cluster, "minutes", fields)
    f = _facts(evaluation, campaign, cluster, d, locale=locale, results=results, self_assessed=self_assessed)
    paper = _paper(f)
    build_minutes(paper, f)
    return _save(paper, target)


def write_proposal(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    cluster: str,
    path: str | os.PathLike[str],
    *,
    results: m.Results | None = None,
    proposals: str = "meeting",
    details: Details | None = None,
    locale: str = "vi",
    **fields: Any,
) -> Path:
    """Write a cluster's proposal for awards (tờ trình đề nghị khen thưởng) with its list, as ``.docx``.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated.
        cluster: the cluster's id.
        path: where to write (``.docx``); written atomically.
        results: the results evaluated, for the meeting's proposals.
        proposals: ``"meeting"`` (default: the meeting's proposals when the
            results have them, else the computed awards) or ``"computed"``.
        details: the particulars the campaign does not hold (see :class:`Details`).
        locale: ``"vi"`` (default) or ``"en"``.
        **fields: fields of :class:`Details` for this paper, over *details*.

    Returns:
        The path written.

    Raises:
        DataError: when the meeting proposed what the rules forbid, when
            there is nothing to propose, and as :func:`write_minutes`.

    >>> import tempfile, thidua
    >>> from docx import Document
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> ev = thidua.evaluate(c, r)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_proposal(ev, c, "cum-1", d + "/to-trinh.docx", results=r)
    ...     cells = [row.cells[1].text for row in Document(p).tables[-1].rows[1:]]
    >>> cells
    ['Xã Vân Khánh']

    .. versionadded:: 0.1.0
    """
    target = _check_path(path)
    docx_module()
    d = _details(details, cluster, "proposal", fields)
    f = _facts(evaluation, campaign, cluster, d, locale=locale, results=results)
    chosen = f.proposals(_policy(proposals))
    paper = _paper(f)
    build_proposal(paper, f, chosen)
    return _save(paper, target)


def write_summary(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    cluster: str | None,
    path: str | os.PathLike[str],
    *,
    results: m.Results | None = None,
    proposals: str = "meeting",
    details: Details | None = None,
    locale: str = "vi",
    **fields: Any,
) -> Path:
    """Write the year's summary report (báo cáo tổng kết) of a cluster, or of the campaign, as ``.docx``.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated.
        cluster: the cluster's id, or ``None`` for the whole campaign.
        path: where to write (``.docx``); written atomically.
        results: the results evaluated, for the meeting's proposals.
        proposals: which awards to report, as for :func:`write_proposal`.
        details: the particulars the campaign does not hold (see :class:`Details`).
        locale: ``"vi"`` (default) or ``"en"``.
        **fields: fields of :class:`Details` for this paper, over *details*.

    Returns:
        The path written.

    Raises:
        DataError: as :func:`write_proposal` (except for nothing to propose).

    >>> import tempfile, thidua
    >>> from docx import Document
    >>> c = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(c, thidua.examples.load_results())
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_summary(ev, c, None, d + "/bc.docx", place="An Minh")
    ...     "Có 04/11 đơn vị đạt tất cả các chỉ tiêu." in [x.text for x in Document(p).paragraphs]
    True

    .. versionadded:: 0.1.0
    """
    target = _check_path(path)
    docx_module()
    d = _details(details, cluster, "report", fields)
    f = _facts(evaluation, campaign, cluster, d, locale=locale, results=results)
    chosen = f.proposals(_policy(proposals))
    paper = _paper(f)
    build_summary(paper, f, chosen)
    return _save(paper, target)


@attrs.frozen
class PapersWritten:
    """What :func:`write_papers` wrote.

    Attributes:
        paths: the files written, in order: per cluster the minutes, the
            proposal and the report, then the campaign's report.
        without_proposal: the clusters with nothing to propose (no proposal written).

    >>> PapersWritten((), ("cum-3",)).without_proposal
    ('cum-3',)

    .. versionadded:: 0.1.0
    """

    paths: tuple[Path, ...]
    without_proposal: tuple[str, ...] = ()


def paper_names(cluster: str | None, locale: str = "vi") -> dict[str, str]:
    """The file names :func:`write_papers` gives a cluster's papers (or the campaign's report).

    >>> paper_names("cum-1")
    {'minutes': 'cum-1-bien-ban.docx', 'proposal': 'cum-1-to-trinh.docx', 'report': 'cum-1-bao-cao.docx'}
    >>> paper_names(None, "en")
    {'report': 'summary-report.docx'}

    .. versionadded:: 0.1.0
    """
    english = locale.startswith("en")
    if cluster is None:
        return {"report": "summary-report.docx" if english else "bao-cao-tong-ket.docx"}
    words = ("minutes", "proposal", "report") if english else ("bien-ban", "to-trinh", "bao-cao")
    return {paper: f"{cluster}-{word}.docx" for paper, word in zip(PAPERS, words, strict=True)}


def write_papers(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    directory: str | os.PathLike[str],
    *,
    results: m.Results | None = None,
    self_assessed: Evaluation | None = None,
    details: Details | None = None,
    proposals: str = "meeting",
    clusters: Sequence[str] | None = None,
    locale: str = "vi",
    progress: Callable[[int, int], None] | None = None,
) -> PapersWritten:
    """Write the minutes, the proposal and the summary report of every cluster, and the campaign's report.

    Everything is checked before anything is written: a problem in one
    cluster (the meeting proposed an ineligible unit, an unknown cluster)
    is reported with every other, and no file is written. The files are
    written to a temporary folder inside *directory* and moved into place
    at the end, so that a failure leaves no partial set. A cluster with
    nothing to propose gets no proposal (see :attr:`PapersWritten.without_proposal`).

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated.
        directory: the folder to write to (created if needed).
        results: the results evaluated.
        self_assessed: the evaluation at the self-assessment stage (for the minutes).
        details: the particulars the campaign does not hold (see :class:`Details`).
        proposals: ``"meeting"`` or ``"computed"`` (see :func:`write_proposal`).
        clusters: the clusters to write (default: all).
        locale: ``"vi"`` (default) or ``"en"``.
        progress: called as ``progress(done, total)`` after each paper.

    Returns:
        The files written, and the clusters without a proposal.

    >>> import tempfile, thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> ev = thidua.evaluate(c, r)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     done = write_papers(ev, c, d, results=r, proposals="computed")
    ...     [p.name for p in done.paths][:3], len(done.paths)
    (['cum-1-bien-ban.docx', 'cum-1-to-trinh.docx', 'cum-1-bao-cao.docx'], 7)

    .. versionadded:: 0.1.0
    """
    docx_module()
    policy = _policy(proposals)
    prepared = campaign if isinstance(campaign, Prepared) else prepare(campaign)
    wanted = list(clusters) if clusters is not None else [c.cluster for c in evaluation.clusters]
    known = {c.cluster for c in evaluation.clusters}
    problems = [
        codes.UNKNOWN_CLUSTER(cluster=c, known=", ".join(sorted(known)) or "—") for c in wanted if c not in known
    ]
    if problems:
        raise DataError(problems)
    # first pass: every check, no document built
    plan: list[tuple[str, str | None, Facts, list[Proposed] | None]] = []
    without: list[str] = []
    for cid in [*wanted, None]:
        papers = ("minutes", "proposal", "report") if cid is not None else ("report",)
        for kind in papers:
            d = _details(details, cid, kind, {})
            try:
                f = _facts(
                    evaluation,
                    prepared,
                    cid,
                    d,
                    locale=locale,
                    results=results,
                    self_assessed=self_assessed if kind == "minutes" else None,
                )
                chosen = None if kind == "minutes" else f.proposals(policy)
            except DataError as exc:
                problems.extend(exc.problems)
                continue
            if kind == "proposal" and not chosen:
                without.append(str(cid))
                continue
            plan.append((kind, cid, f, chosen))
    if problems:
        raise DataError(_unique(problems))
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".thidua-papers-", dir=target))
    written: list[Path] = []
    try:
        for i, (kind, cid, f, chosen) in enumerate(plan, start=1):
            paper = _paper(f)
            if kind == "minutes":
                build_minutes(paper, f)
            elif kind == "proposal":
                assert chosen is not None  # noqa: S101 - planned above
                build_proposal(paper, f, chosen)
            else:
                build_summary(paper, f, chosen or [])
            name = paper_names(cid, locale)[kind]
            paper.save(staging / name)
            written.append(target / name)
            if progress is not None:
                progress(i, len(plan))
        for path in written:
            (staging / path.name).replace(path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return PapersWritten(tuple(written), tuple(without))


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        key = (p.code, p.render("en"))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
