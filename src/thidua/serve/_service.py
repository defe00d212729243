"""The reference service without a web framework: campaigns in memory, operations on plain data.

Every operation takes plain data (a parsed JSON object) and returns plain
data ready for :func:`json.dumps`, with the fingerprint of the evaluation it
read; bad input raises :class:`~thidua.DataError` (or another
:class:`~thidua.ThiduaError`), which :func:`error_response` turns into a
status and a body. The ASGI application (:func:`thidua.serve.make_app`) is a
thin layer over it; an app on another framework can call it the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from thidua._problems import Problem
from thidua.engine import Evaluation, Session
from thidua.errors import DataError, EvaluationError, LocaleError, ThiduaError
from thidua.model import _codes as model_codes
from thidua.serve import _codes as codes

__all__ = ["NotFoundError", "Service", "error_response"]


class NotFoundError(ThiduaError, LookupError):
    """What a request names (a campaign, a unit, a cluster) is not served.

    Args:
        problem: what was not found, as a :class:`~thidua.Problem`.

    >>> from thidua.serve import _codes as codes
    >>> err = NotFoundError(codes.UNKNOWN_CAMPAIGN(campaign="x", served="an-minh-2022"))
    >>> err.render("en"), isinstance(err, LookupError)
    ("no campaign 'x' is served here; served: an-minh-2022", True)

    .. versionadded:: 0.1.0
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem)

    def render(self, locale: str = "vi") -> str:
        """The message in *locale*'s language."""
        return self.problem.render(locale)

    def __str__(self) -> str:
        return self.render("vi")


def _problems(exc: BaseException, locale: str) -> list[dict[str, Any]]:
    if isinstance(exc, DataError):
        return exc.to_data(locale)
    if isinstance(exc, EvaluationError):
        return [exc.to_data(locale)]
    problem = getattr(exc, "problem", None)
    if isinstance(problem, Problem):
        return [problem.to_data(locale)]
    return [codes.NOTHING_FOUND(key=str(exc)).to_data(locale)]


def error_response(
    exc: BaseException, locale: str = "vi", fingerprint: str | None = None
) -> tuple[int, dict[str, Any]] | None:
    """The HTTP status and the JSON body for an error, or ``None`` for one that is not the input's fault.

    * :class:`~thidua.DataError` (every problem of an input), a
      :class:`~thidua.MissingInputError` or another
      :class:`~thidua.EvaluationError`, a :class:`~thidua.LocaleError`: 422;
    * :class:`NotFoundError`, a :class:`KeyError` (a look-up by id): 404.

    The body is ``{"problems": [...]}`` (each as :meth:`thidua.Problem.to_data`
    writes it, in *locale*'s language), with ``fingerprint`` when given.

    >>> import thidua
    >>> try:
    ...     thidua.io.structure_row({"unit": "xa-a", "counts": {"ap": {"tot": -1}}})
    ... except thidua.DataError as exc:
    ...     status, body = error_response(exc, "en")
    >>> status, body["problems"][0]["path"], body["problems"][0]["message"]
    (422, 'counts.ap.tot', 'expected a whole number ≥ 0, got -1')

    .. versionadded:: 0.1.0
    """
    if isinstance(exc, DataError | EvaluationError | LocaleError):
        status = 422
    elif isinstance(exc, NotFoundError | KeyError):
        status = 404
    else:
        return None
    body: dict[str, Any] = {"problems": _problems(exc, locale)}
    if fingerprint is not None:
        body["fingerprint"] = fingerprint
    return status, body


def _load_example(name: str) -> Session:
    from thidua import examples

    if name not in examples.names():
        raise DataError(codes.UNKNOWN_EXAMPLE(name=name, names=", ".join(examples.names())))
    return Session(examples.load_campaign(name), examples.load_results(name), history=examples.load_history(name))


def _load_files(campaign: str | os.PathLike[str], results: str | os.PathLike[str]) -> Session:
    from thidua.io import load, read_results_table

    c = load(campaign, expected="campaign")
    if Path(results).suffix.lower() in (".xlsx", ".csv"):
        r = read_results_table(results, c)
    else:
        r = load(results, expected="results", campaign=c)
    return Session(c, r)


class Service:
    """Campaigns in memory, each with its :class:`~thidua.Session`, and what a web service does with them.

    Args:
        sessions: one session per campaign served (campaign ids must differ).

    Raises:
        DataError: if two sessions have the same campaign.

    **Threads.** A service may be shared between threads: its own state never
    changes once it is made, and each campaign's session applies updates one
    at a time and gives readers immutable snapshots. Every operation reads one
    snapshot, so what it returns is consistent with the fingerprint it shows.

    >>> import thidua
    >>> service = Service.load(examples=["an-minh-2022"])
    >>> body = service.ranking("an-minh-2022", "cum-2", "en")
    >>> [(e["unit"], e["rank"], e["score"]) for e in body["ranking"]["entries"][:2]]
    [('tt-thu-muoi-mot', 1, '99'), ('xa-dong-thanh', 2, '96')]
    >>> body["names"]["tt-thu-muoi-mot"], len(body["fingerprint"])
    ('Thị trấn Thứ Mười Một', 64)

    .. versionadded:: 0.1.0
    """

    def __init__(self, sessions: Iterable[Session]) -> None:
        hosted: dict[str, Session] = {}
        for s in sessions:
            cid = s.prepared.campaign.id
            if cid in hosted:
                raise DataError(codes.CAMPAIGN_TWICE(campaign=cid))
            hosted[cid] = s
        self._sessions: Mapping[str, Session] = hosted

    @classmethod
    def load(
        cls,
        examples: Iterable[str] = (),
        files: Iterable[tuple[str | os.PathLike[str], str | os.PathLike[str]]] = (),
    ) -> Service:
        """A service for bundled examples (by name) and campaign and results files (documents or tables).

        Raises:
            DataError: listing every problem of a file, or naming an unknown example.
        """
        sessions = [_load_example(name) for name in examples]
        sessions += [_load_files(c, r) for c, r in files]
        return cls(sessions)

    @property
    def campaigns(self) -> tuple[str, ...]:
        """The ids of the campaigns served, in the order given."""
        return tuple(self._sessions)

    def session(self, campaign: str) -> Session:
        """The session of a campaign.

        Raises:
            NotFoundError: if the campaign is not served.
        """
        found = self._sessions.get(campaign)
        if found is None:
            raise NotFoundError(codes.UNKNOWN_CAMPAIGN(campaign=campaign, served=", ".join(self._sessions)))
        return found

    def fingerprint(self, campaign: str) -> str | None:
        """The fingerprint of a campaign's current evaluation (``None`` if it is not served)."""
        found = self._sessions.get(campaign)
        return None if found is None else found.evaluation.fingerprint

    # -- operations (each returns plain data) -------------------------------------------------------

    def index(self) -> dict[str, Any]:
        """What is served: thidua's version and, for each campaign, its id, name, year and fingerprint."""
        from thidua import __version__
        from thidua.io import OUTCOME_SCHEMA_VERSION

        campaigns = []
        for cid, s in self._sessions.items():
            c = s.prepared.campaign
            ev = s.evaluation
            campaigns.append(
                {
                    "id": cid,
                    "name": c.name,
                    "year": c.year,
                    "fingerprint": ev.fingerprint,
                    "units": [u.unit for u in ev.units],
                    "clusters": [cl.id for cl in c.clusters],
                    "sample": ev.sample,
                }
            )
        return {"thidua": __version__, "outcome_schema_version": OUTCOME_SCHEMA_VERSION, "campaigns": campaigns}

    def validate(self, campaign: str, data: Any, locale: str = "vi") -> dict[str, Any]:
        """Check one unit's results row, or a whole results document (with ``"document": "results"``).

        Returns:
            ``{"fingerprint", "valid": true, "problems": [warnings]}``.

        Raises:
            DataError: every problem, located in the row or the document.
        """
        from thidua.io import structure, validate_row

        s = self.session(campaign)
        fingerprint = s.evaluation.fingerprint
        if isinstance(data, Mapping) and "document" in data:
            structure(data, "results", campaign=s.prepared.campaign)
            problems: list[Problem] = []
        else:
            problems = validate_row(s.prepared, data)
            if any(p.is_error for p in problems):
                raise DataError(problems)
        return {"fingerprint": fingerprint, "valid": True, "problems": [p.to_data(locale) for p in problems]}

    def evaluation(self, campaign: str) -> dict[str, Any]:
        """The whole current evaluation (:func:`thidua.io.to_data`)."""
        from thidua.io import to_data

        ev = self.session(campaign).evaluation
        return {"fingerprint": ev.fingerprint, "evaluation": to_data(ev)}

    def unit(self, campaign: str, unit: str, locale: str = "vi") -> dict[str, Any]:
        """A unit's current verdicts and their explanation in *locale*'s language.

        Raises:
            NotFoundError: if the campaign is not served or the unit not evaluated.
        """
        s = self.session(campaign)
        return self._unit_body(s, s.evaluation, unit, locale)

    def update(self, campaign: str, unit: str, data: Any, locale: str = "vi") -> dict[str, Any]:
        """Replace a unit's results with *data* (a results row; its ``unit`` may be left out).

        Returns:
            ``{"fingerprint", "update", "unit", "explanation"}``: the update
            (:class:`~thidua.engine.Update` as data: the unit, its clusters, the
            units that changed), the unit's verdicts and their explanation, all
            of the state right after this update.

        Raises:
            DataError: every problem of the row, located in it (nothing changes).
            MissingInputError: when an input is missing and the policy is ``error``.
        """
        from thidua.io import structure_row, to_data

        s = self.session(campaign)
        if isinstance(data, Mapping) and "unit" not in data:
            data = {"unit": unit, **data}
        row = structure_row(data, campaign=s.prepared)
        if row.unit != unit:
            raise DataError(codes.UNIT_MISMATCH(("unit",), found=row.unit, unit=unit))
        up = s.update(row)
        body = self._unit_body(s, up.evaluation, unit, locale)
        return {"fingerprint": body["fingerprint"], "update": to_data(up), **body}

    def cluster(self, campaign: str, cluster: str, locale: str = "vi") -> dict[str, Any]:
        """A cluster's targets, ranking, awards and conflicts, with the units' names and an explanation."""
        from thidua.io import to_data
        from thidua.l10n import explain_cluster

        s = self.session(campaign)
        ev = s.evaluation
        ce = self._cluster(ev, cluster)
        lines = explain_cluster(ev, cluster, campaign=s.prepared, locale=locale)
        return {
            "fingerprint": ev.fingerprint,
            "cluster": to_data(ce),
            "names": self._names(s, [e.unit for e in ce.ranking.entries], locale),
            "explanation": lines,
        }

    def ranking(self, campaign: str, cluster: str, locale: str = "vi") -> dict[str, Any]:
        """A cluster's ranking, best first, with the units' names in *locale*'s language."""
        from thidua.io import to_data

        s = self.session(campaign)
        ev = s.evaluation
        ranking = self._cluster(ev, cluster).ranking
        return {
            "fingerprint": ev.fingerprint,
            "ranking": to_data(ranking),
            "names": self._names(s, [e.unit for e in ranking.entries], locale),
        }

    def report(self, campaign: str, locale: str = "vi") -> dict[str, Any]:
        """The whole report as data (``docs/report-json.md``)."""
        from thidua.report import report_data

        s = self.session(campaign)
        ev = s.evaluation
        return {"fingerprint": ev.fingerprint, "report": report_data(ev, s.prepared, locale=locale)}

    # -- helpers ------------------------------------------------------------------------------------

    def _unit_body(self, s: Session, ev: Evaluation, unit: str, locale: str) -> dict[str, Any]:
        from thidua.io import to_data
        from thidua.l10n import explain_unit

        try:
            u = ev.unit(unit)
        except KeyError:
            if unit in s.prepared.units:
                raise NotFoundError(codes.NOT_EVALUATED(unit=unit)) from None
            raise NotFoundError(model_codes.UNKNOWN_UNIT(unit=unit)) from None
        return {
            "fingerprint": ev.fingerprint,
            "unit": to_data(u),
            "explanation": explain_unit(ev, unit, campaign=s.prepared, locale=locale),
        }

    @staticmethod
    def _cluster(ev: Evaluation, cluster: str) -> Any:
        try:
            return ev.cluster(cluster)
        except KeyError:
            raise NotFoundError(model_codes.UNKNOWN_CLUSTER(cluster=cluster)) from None

    @staticmethod
    def _names(s: Session, units: list[str], locale: str) -> dict[str, str]:
        from thidua.l10n import Names, parse_locale

        names = Names(s.prepared, parse_locale(locale).language)
        return {u: names.unit(u) for u in units}
