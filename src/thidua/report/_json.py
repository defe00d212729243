"""The content of a report as plain data: the JSON report, and the source of the HTML and XLSX ones.

Every exact number is a JSON string (``"8"``, ``"89.9999999"``, ``"1/3"``;
shares as percentages: ``"80%"``, ``"100/3%"``), so that nothing passes
through a binary float; only ranks and positions are JSON integers. Keys come
in a fixed order and lists in the evaluation's order, so identical input
gives byte-identical output. The layout is documented in
``docs/report-json.md``; :data:`REPORT_SCHEMA_VERSION` changes when it does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from thidua import model as m
from thidua.engine import (
    AwardOutcome,
    Change,
    ClusterEvaluation,
    Conflict,
    Evaluation,
    Prepared,
    RankEntry,
    ScoreOutcome,
    TargetOutcome,
    UnitEvaluation,
    prepare,
)
from thidua.io import number_text as format_number
from thidua.io import share_text as format_share

__all__ = ["REPORT_SCHEMA_VERSION", "SHARE_FIELDS", "dumps_report", "report_data", "summary_data"]

#: The version of the JSON report layout written by this release.
REPORT_SCHEMA_VERSION = 1
#: Target kinds whose ``threshold`` is a share (written as a percentage).
SHARE_FIELDS = frozenset({"share", "of_which"})


def _num(value: Fraction | int | None) -> str | None:
    if value is None:
        return None
    return format_number(Fraction(value))


def _pct(value: Fraction | None) -> str | None:
    return None if value is None else format_share(value)


def _plain(value: Any) -> Any:
    """Trace and conflict arguments as JSON: exact numbers as text, dates in ISO form."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | Fraction):
        return format_number(Fraction(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


class _Builder:
    """Builds the report of one evaluation, in one locale."""

    def __init__(self, ev: Evaluation, campaign: m.Campaign | Prepared, locale: str) -> None:
        from thidua.l10n import Names, get_translator

        self.ev = ev
        self.prepared = campaign if isinstance(campaign, Prepared) else prepare(campaign)
        self.campaign = self.prepared.campaign
        self.locale = locale
        self.translator = get_translator(locale)
        self.names = Names(self.prepared, self.translator.language)
        self.units = {u.unit: u for u in ev.units}

    def unit_name(self, unit: str) -> str:
        """A unit's name, with its status when it is a proposal or sample data (every unit name goes here)."""
        from thidua.report._display import source_of, with_status

        return with_status(self.names.unit(unit), source_of(self.prepared.units.get(unit)), self.translator)

    def cluster_name(self, cluster: str) -> str:
        """A cluster's name, with its status when it is a proposal or sample data."""
        # a cluster whose list of members a source does not give says so beside its name
        return self.names.label_with_status("cluster", cluster)

    def grade(self, grade: str | None, level: str | None) -> dict[str, Any] | None:
        if grade is None:
            return None
        return {"id": grade, "name": self.names.grade(grade, level)}

    def score(self, s: ScoreOutcome | None, *, criteria: bool = False) -> dict[str, Any] | None:
        if s is None:
            return None
        out: dict[str, Any] = {
            "standard": _num(s.standard),
            "bonus": _num(s.bonus),
            "penalty": _num(s.penalty),
            "adjustments": _num(s.adjustments),
            "total": _num(s.total),
            "maximum": _num(s.maximum),
            "clamped": s.clamped,
            "stage": s.stage,
        }
        if criteria:
            out["criteria"] = [
                {
                    "id": c.criterion,
                    "name": self.names.label_with_status("criterion", c.criterion),
                    "points": _num(c.points),
                    "bonus": _num(c.bonus),
                    "maximum": _num(c.maximum),
                }
                for c in s.criteria
            ]
        return out

    def rank_row(self, e: RankEntry) -> dict[str, Any]:
        unit = self.units.get(e.unit)
        score = unit.score if unit is not None else None
        level = unit.level if unit is not None else None
        return {
            "rank": e.rank,
            "unit": e.unit,
            "name": self.unit_name(e.unit),
            "score": self.score(score) if score is not None else None,
            "total": _num(e.score),
            "grade": self.grade(e.grade, level),
            "tie_breaks": [_num(k) for k in e.keys],
        }

    def target(self, t: TargetOutcome) -> dict[str, Any]:
        from thidua.l10n import explain_target

        share_kind = t.kind in SHARE_FIELDS
        threshold: Any
        if isinstance(t.threshold, dt.date):
            threshold = t.threshold.isoformat()
        elif share_kind and isinstance(t.threshold, Fraction):
            threshold = _pct(t.threshold)
        else:
            threshold = _num(t.threshold)
        subject_name = self.unit_name(t.subject) if t.subject in self.units else self.cluster_name(t.subject)
        return {
            "target": t.target,
            "name": self.names.label_with_status("target", t.target),
            "subject": t.subject,
            "subject_name": subject_name,
            "kind": t.kind,
            "status": t.status.value,
            "numerator": _num(t.numerator),
            "denominator": _num(t.denominator),
            "share": _pct(t.share),
            "threshold": threshold,
            "shortfall": _num(t.shortfall),
            "alternative": _pct(t.alternative),
            "explanation": explain_target(t, campaign=self.prepared, locale=self.locale),
        }

    def award(self, a: AwardOutcome) -> dict[str, Any]:
        from thidua.l10n import format_step

        return {
            "award": a.award,
            "title": a.title,
            "name": self.names.label_with_status("award", a.award),
            "unit": a.unit,
            "unit_name": self.unit_name(a.unit),
            "eligible": a.eligible,
            "granted": a.granted,
            "explanation": [format_step(s, campaign=self.prepared, locale=self.locale) for s in a.trace],
        }

    def change(self, unit: str, c: Change) -> dict[str, Any]:
        from thidua.l10n import format_change

        return {
            "unit": unit,
            "unit_name": self.unit_name(unit),
            "criterion": c.criterion,
            "criterion_name": self.names.criterion(c.criterion),
            "stage": c.stage,
            "stage_name": self.names.stage(c.stage),
            "from": _num(c.before),
            "to": _num(c.after),
            "bonus_from": _num(c.bonus_before),
            "bonus_to": _num(c.bonus_after),
            "reason": c.reason,
            "by": c.by,
            "on": c.on.isoformat() if c.on else None,
            "text": format_change(c, campaign=self.prepared, locale=self.locale),
        }

    def conflict(self, c: Conflict) -> dict[str, Any]:
        from thidua.l10n import format_conflict

        return {
            "severity": c.severity,
            "code": c.code,
            "args": {k: _plain(v) for k, v in c.args.items()},
            "text": format_conflict(c, campaign=self.prepared, locale=self.locale),
        }

    def decision(self, ce: ClusterEvaluation) -> dict[str, Any] | None:
        if not ce.decided_order and not ce.conflicts:
            return None
        ranks = {e.unit: e.rank for e in ce.ranking.entries}
        return {
            "decided_order": [
                {"position": i, "unit": u, "name": self.unit_name(u), "rank": ranks.get(u)}
                for i, u in enumerate(ce.decided_order, start=1)
            ],
            "computed_order": [
                {"position": i, "unit": e.unit, "name": self.unit_name(e.unit), "rank": e.rank}
                for i, e in enumerate(ce.ranking.entries, start=1)
            ],
            "conflicts": [self.conflict(c) for c in ce.conflicts],
        }

    def cluster(self, ce: ClusterEvaluation) -> dict[str, Any]:
        cl = self.prepared.clusters.get(ce.cluster)

        def who(unit: str | None) -> dict[str, Any] | None:
            return None if unit is None else {"id": unit, "name": self.unit_name(unit)}

        return {
            "id": ce.cluster,
            "name": self.cluster_name(ce.cluster),
            "kind": cl.kind.value if cl else None,
            "head": who(cl.head if cl else None),
            "deputy": who(cl.deputy if cl else None),
            "members": list(cl.members) if cl else [e.unit for e in ce.ranking.entries],
            "targets": [self.target(t) for t in ce.targets],
            "ranking": [self.rank_row(e) for e in ce.ranking.entries],
            "ranking_mode": ce.ranking.mode,
            "tie_breaks": list(ce.ranking.tie_breaks),
            "decision": self.decision(ce),
        }

    def unit(self, u: UnitEvaluation) -> dict[str, Any]:
        from thidua.l10n import explain_unit

        r = u.rating
        rating = None
        if r.grade is not None:
            rating = {
                **(self.grade(r.grade, u.level) or {}),
                "source": r.source,
                "band": r.band_grade,
                "capped": r.capped,
            }
        return {
            "id": u.unit,
            "name": self.unit_name(u.unit),
            "level": u.level,
            "level_name": self.names.level(u.level),
            "clusters": list(u.clusters),
            "rank": u.rank,
            "grade": rating,
            "score": self.score(u.score, criteria=True),
            "targets": [self.target(t) for t in u.targets],
            "targets_met": u.targets_met,
            "awards": [self.award(a) for a in u.awards],
            "changes": [self.change(u.unit, c) for c in (u.score.changes if u.score else ())],
            "review": None
            if u.review is None
            else {
                "status": u.review.status,
                "stage": u.review.stage,
                "reached": u.review.reached,
                "state": u.review.state,
                "at": u.review.at,
            },
            "explanation": explain_unit(self.ev, u.unit, campaign=self.prepared, locale=self.locale),
        }

    def build(self, results: m.Results | None) -> dict[str, Any]:
        from thidua import __version__

        c = self.campaign
        english = self.translator.language == "en"
        start, end = c.period
        return {
            "report_schema_version": REPORT_SCHEMA_VERSION,
            "generator": f"thidua {__version__}",
            "locale": self.locale,
            "fingerprint": self.ev.fingerprint,
            "sample": self.ev.sample,
            "campaign": {
                "id": c.id,
                "name": c.name_en if english and c.name_en else c.name,
                "year": c.year,
                "organizer": c.organizer,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "note": self.names.note(),
                "status_legend": self.names.status_legend(),
            },
            "stage": None if self.ev.stage is None else {"id": self.ev.stage, "name": self.names.stage(self.ev.stage)},
            "results_note": self.names.note(results) if results is not None else None,
            "clusters": [self.cluster(ce) for ce in self.ev.clusters],
            "units": [self.unit(u) for u in self.ev.units],
            "rankings": [
                {
                    "group": r.group,
                    "name": self.names.level(r.group.removeprefix("level:")),
                    "mode": r.mode,
                    "tie_breaks": list(r.tie_breaks),
                    "entries": [self.rank_row(e) for e in r.entries],
                }
                for r in self.ev.rankings
            ],
        }

    def grade_order(self, level: str) -> list[str]:
        scale = self.campaign.scale_for(level)
        return [g.id for g in scale.grades] if scale is not None else []


def summary_data(data: Mapping[str, Any], grade_order: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """The summary a report opens on, from the rest of its data.

    * ``targets``: per target, how many subjects met it, did not, were
      excluded, and the share met (of those decided);
    * ``grades``: per level, how many units got each grade (best first) and
      how many were not rated;
    * ``leaders``: per cluster, the unit(s) ranked first and their total;
    * ``awards``: per award, the units the rules grant it to, with their cluster;
    * ``conflicts``: every conflict of every cluster's meeting, errors first.

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> s = report_data(thidua.evaluate(c, thidua.examples.load_results()), c, locale="en")["summary"]
    >>> [(t["target"], t["met"], t["not_met"], t["share_met"]) for t in s["targets"]][:2]
    [('commune-good', 2, 0, '100%'), ('commune-excellent', 2, 0, '100%')]
    >>> [(g["name"], g["count"]) for g in s["grades"][0]["grades"]]
    [('Completed tasks excellently', 4), ('Completed tasks well', 7)]

    .. versionadded:: 0.1.0
    """
    order = grade_order or {}
    targets: dict[str, dict[str, Any]] = {}
    subjects = [t for c in data["clusters"] for t in c["targets"]] + [t for u in data["units"] for t in u["targets"]]
    for t in subjects:
        row = targets.setdefault(
            t["target"], {"target": t["target"], "name": t["name"], "met": 0, "not_met": 0, "excluded": 0}
        )
        row[t["status"]] += 1
    for row in targets.values():
        decided = row["met"] + row["not_met"]
        row["share_met"] = _pct(Fraction(row["met"], decided)) if decided else None
    levels: dict[str, dict[str, Any]] = {}
    for u in data["units"]:
        level = levels.setdefault(u["level"], {"level": u["level"], "name": u["level_name"], "counts": {}, "units": 0})
        level["units"] += 1
        key = u["grade"]["id"] if u["grade"] else None
        if key is not None:
            name = u["grade"]["name"]
            level["counts"].setdefault(key, [name, 0])[1] += 1
        else:
            level["not_rated"] = level.get("not_rated", 0) + 1
    grades = []
    for level in levels.values():
        ranked = order.get(level["level"], [])
        ids = sorted(level["counts"], key=lambda g: (ranked.index(g) if g in ranked else len(ranked), g))
        grades.append(
            {
                "level": level["level"],
                "name": level["name"],
                "units": level["units"],
                "grades": [
                    {
                        "grade": g,
                        "name": level["counts"][g][0],
                        "count": level["counts"][g][1],
                        "share": _pct(Fraction(level["counts"][g][1], level["units"])),
                    }
                    for g in ids
                ],
                "not_rated": level.get("not_rated", 0),
            }
        )
    cluster_of = {u: c["id"] for c in data["clusters"] for u in c["members"]}
    leaders = []
    for c in data["clusters"]:
        first = [r for r in c["ranking"] if r["rank"] == 1]
        leaders.append(
            {
                "cluster": c["id"],
                "name": c["name"],
                "units": [{"id": r["unit"], "name": r["name"]} for r in first],
                "total": first[0]["total"] if first else None,
            }
        )
    awards: dict[str, dict[str, Any]] = {}
    for u in data["units"]:
        for a in u["awards"]:
            row = awards.setdefault(a["award"], {"award": a["award"], "name": a["name"], "granted": []})
            if a["granted"]:
                row["granted"].append({"unit": u["id"], "name": u["name"], "cluster": cluster_of.get(u["id"])})
    conflicts = [
        {"cluster": c["id"], "cluster_name": c["name"], **k}
        for c in data["clusters"]
        if c["decision"]
        for k in c["decision"]["conflicts"]
    ]
    conflicts.sort(key=lambda k: k["severity"] != "error")
    return {
        "targets": list(targets.values()),
        "grades": grades,
        "leaders": leaders,
        "awards": list(awards.values()),
        "conflicts": conflicts,
    }


def report_data(
    evaluation: Evaluation,
    campaign: m.Campaign | Prepared,
    *,
    locale: str = "vi",
    results: m.Results | None = None,
) -> dict[str, Any]:
    """The whole report as plain data, ready for :func:`json.dumps` (see ``docs/report-json.md``).

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        campaign: the campaign evaluated (or the same, prepared).
        locale: the language of names and explanations, ``"vi"`` or ``"en"``.
        results: the results evaluated, for their note; optional.

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> data = report_data(thidua.evaluate(c, thidua.examples.load_results()), c, locale="en")
    >>> data["report_schema_version"], data["sample"]
    (1, True)
    >>> row = data["clusters"][0]["ranking"][3]
    >>> row["name"], row["total"], row["grade"]["name"]
    ('Xã Vân Khánh Tây', '89.9999999', 'Completed tasks well')

    .. versionadded:: 0.1.0
    """
    builder = _Builder(evaluation, campaign, locale)
    data = builder.build(results)
    levels = {u["level"] for u in data["units"]}
    data["summary"] = summary_data(data, {lv: builder.grade_order(lv) for lv in levels})
    return data


def dumps_report(data: Mapping[str, Any]) -> str:
    """Write report data as JSON text: UTF-8, two-space indents, keys in their fixed order.

    >>> dumps_report({"report_schema_version": 1, "fingerprint": "ab"})
    '{\\n  "report_schema_version": 1,\\n  "fingerprint": "ab"\\n}\\n'

    .. versionadded:: 0.1.0
    """
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
