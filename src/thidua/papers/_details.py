"""What a paper needs that a campaign does not say: bodies, number, place, date, signer, votes.

Everything here is optional. A detail that is not given is left blank in
the paper (``Số: …/BB-…``, ``……, ngày … tháng … năm …``) for the office to
fill in: thidua never invents a name, a number or a place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Problem, shown
from thidua.errors import DataError, ModelError
from thidua.model._base import check_date, frozen_map, opt_nfc, to_tuple
from thidua.papers import _codes as codes

__all__ = ["PAPERS", "Details", "Vote", "load_details"]

#: The papers thidua writes, by the key used in :class:`Details` and on the command line.
PAPERS: tuple[str, ...] = ("minutes", "proposal", "report")


def _check_time(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, dt.time):
        raise ModelError(codes.EXPECTED_TIME((attribute.name,), value=shown(value)))


@attrs.frozen
class Vote:
    """The vote of a cluster meeting on one unit: how many were in favour, of how many cast.

    >>> Vote(5, 6).agree, Vote(5, 6).total
    (5, 6)
    >>> Vote(7, 6)
    Traceback (most recent call last):
    ...
    thidua.errors.ModelError: 1 vấn đề:
      agree: 7 phiếu đồng ý nhiều hơn tổng số 6 phiếu

    .. versionadded:: 0.1.0
    """

    agree: int
    total: int

    def __attrs_post_init__(self) -> None:
        if self.total < 1:
            raise ModelError(codes.VOTES_NO_TOTAL(("total",), total=self.total))
        if not 0 <= self.agree <= self.total:
            raise ModelError(codes.VOTES_OVER_TOTAL(("agree",), agree=self.agree, total=self.total))


def _details(value: object) -> Details | None:
    if value is None or isinstance(value, Details):
        return value
    if isinstance(value, Mapping):
        return Details(**value)
    raise TypeError(f"expected Details or a mapping, got {type(value).__name__}")


def _cluster_details(value: object) -> Mapping[str, Details]:
    return frozen_map({str(k): _details(x) for k, x in dict(value).items()})  # type: ignore[call-overload]


@attrs.frozen
class Details:
    """The particulars of the papers that the campaign and the evaluation do not hold.

    Every field is optional; what is not given is left blank in the paper
    for the office to fill in. *minutes*, *proposal* and *report* hold
    details for one paper only, *clusters* details for one cluster (by id,
    which may again hold *minutes*, *proposal* and *report*); :meth:`resolve`
    lays them over the general ones.

    Attributes:
        superior: the direct superior body (cơ quan chủ quản), the header's
            first line, e.g. ``"ỦY BAN MTTQ VIỆT NAM HUYỆN AN MINH"``.
        issuer: the issuing body (cơ quan ban hành); default: the cluster's
            name for a cluster's papers, the campaign's organizer otherwise.
        symbol: the issuer's abbreviation in the number, e.g. ``"CTĐ1"`` in
            ``Số: 05/BB-CTĐ1``.
        number: the document's number, as written (``"05"``).
        place: the place name before the date (địa danh).
        date: the date of the paper.
        addressees: who the paper is sent to (Kính gửi).
        bases: the legal bases (căn cứ), each as it should be written
            (``"Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"``).
        recipients: the recipients (nơi nhận) besides "as above" and the archive.
        filed_with: the drafting unit named in ``Lưu: VT, …``.
        signer: the name of the person who signs.
        signer_post: the signer's post, e.g. ``"CỤM TRƯỞNG"`` (the default for
            a cluster's proposal and report) or ``"CHỦ TỊCH"``.
        signing_for: the authority line above the post, e.g.
            ``"TM. BAN THƯỜNG TRỰC"``; default: ``TM.`` and the issuer.
        started, ended: the meeting's start and end (minutes).
        venue: where the meeting took place (minutes).
        attendees: who attended (minutes).
        chair, secretary: who chaired the meeting and who took the minutes.
        votes: the meeting's vote on each unit, by unit id.
        next_head, next_deputy: the head and deputy head elected for next year.
        minutes, proposal, report: details for that paper only.
        clusters: details for one cluster, by cluster id.

    >>> d = Details(place="An Minh", clusters={"cum-1": {"signer": "Nguyễn Văn A", "minutes": {"number": "03"}}})
    >>> r = d.resolve("cum-1", "minutes")
    >>> r.place, r.signer, r.number, d.resolve("cum-2", "minutes").signer
    ('An Minh', 'Nguyễn Văn A', '03', None)

    .. versionadded:: 0.1.0
    """

    superior: str | None = attrs.field(default=None, converter=opt_nfc)
    issuer: str | None = attrs.field(default=None, converter=opt_nfc)
    symbol: str | None = attrs.field(default=None, converter=opt_nfc)
    number: str | None = attrs.field(default=None, converter=opt_nfc)
    place: str | None = attrs.field(default=None, converter=opt_nfc)
    date: dt.date | None = attrs.field(default=None, validator=check_date)
    addressees: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    bases: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    recipients: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    filed_with: str | None = attrs.field(default=None, converter=opt_nfc)
    signer: str | None = attrs.field(default=None, converter=opt_nfc)
    signer_post: str | None = attrs.field(default=None, converter=opt_nfc)
    signing_for: str | None = attrs.field(default=None, converter=opt_nfc)
    started: dt.time | None = attrs.field(default=None, validator=_check_time)
    ended: dt.time | None = attrs.field(default=None, validator=_check_time)
    venue: str | None = attrs.field(default=None, converter=opt_nfc)
    attendees: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    chair: str | None = attrs.field(default=None, converter=opt_nfc)
    secretary: str | None = attrs.field(default=None, converter=opt_nfc)
    votes: Mapping[str, Vote] = attrs.field(factory=dict, converter=frozen_map)
    next_head: str | None = attrs.field(default=None, converter=opt_nfc)
    next_deputy: str | None = attrs.field(default=None, converter=opt_nfc)
    minutes: Details | None = attrs.field(default=None, converter=_details)
    proposal: Details | None = attrs.field(default=None, converter=_details)
    report: Details | None = attrs.field(default=None, converter=_details)
    clusters: Mapping[str, Details] = attrs.field(factory=dict, converter=_cluster_details)

    def resolve(self, cluster: str | None, paper: str) -> Details:
        """The details of one paper of one cluster: the general ones, then the paper's, then the cluster's.

        The result has no sections left; a later layer's field replaces an
        earlier one's only when it is given.
        """
        out = _plain(self)
        layers = [getattr(self, paper)]
        local = self.clusters.get(cluster) if cluster is not None else None
        if local is not None:
            layers += [_plain(local), getattr(local, paper)]
        for layer in layers:
            if layer is not None:
                out = _over(out, layer)
        return out


_SECTIONS = ("minutes", "proposal", "report", "clusters")


def _plain(d: Details) -> Details:
    return attrs.evolve(d, minutes=None, proposal=None, report=None, clusters={})


def _over(base: Details, layer: Details) -> Details:
    given = {}
    for f in attrs.fields(Details):
        if f.name in _SECTIONS:
            continue
        value = getattr(layer, f.name)
        if value is not None and value not in ((), {}):
            given[f.name] = value
    return attrs.evolve(base, **given)


_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _structure_time(value: Any, _t: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    found = _TIME.match(value) if isinstance(value, str) else None
    if found is None:
        raise ModelError(codes.EXPECTED_TIME(value=shown(value)))
    return dt.time(int(found.group(1)), int(found.group(2)))


def structure_details(data: Any) -> Details:
    """Plain data (from JSON, TOML or YAML) as :class:`Details`, or every problem with its path.

    >>> structure_details({"place": "An Minh", "minutes": {"started": "14:00"}}).minutes.started
    datetime.time(14, 0)

    Raises:
        DataError: listing every problem with its path.

    .. versionadded:: 0.1.0
    """
    from thidua.io import _codes as io_codes
    from thidua.io._converter import make_converter, structure_problems

    if not isinstance(data, Mapping):
        raise DataError(io_codes.TOP_NOT_MAPPING(value=shown(data)))
    c = make_converter()
    c.register_structure_hook(dt.time, _structure_time)
    try:
        details: Details = c.structure(data, Details)
    except Exception as exc:  # noqa: BLE001 - every structuring failure becomes problems with paths
        raise DataError(structure_problems(exc)) from None
    return details


def load_details(path: str | os.PathLike[str]) -> Details:
    """Read the details of the papers from a JSON, TOML or YAML file.

    The keys are the fields of :class:`Details`; dates are ISO
    (``2022-12-12``), times ``"14:00"``, numbers are written as text (``"05"``).

    Raises:
        DataError: for a file that cannot be read, or any problem, with its path.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "giay-to.json")
    ...     _ = p.write_text('{"place": "An Minh", "date": "2022-12-15"}', encoding="utf-8")
    ...     load_details(p).date
    datetime.date(2022, 12, 15)

    .. versionadded:: 0.1.0
    """
    from thidua.io._files import _format_of, read_data, read_file

    target = Path(path)
    try:
        fmt = _format_of(target, None)
        data = read_data(read_file(target), fmt)
        return structure_details(data)
    except DataError as exc:
        raise DataError(exc.problems, source=str(target)) from None


def check_votes(details: Details, units: Mapping[str, m.Unit]) -> list[Problem]:
    """Votes on units the campaign does not have."""
    return [codes.UNKNOWN_VOTER_UNIT(("votes", u), unit=u) for u in details.votes if u not in units]
