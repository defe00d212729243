"""What the papers say, taken from an evaluation: every figure comes from here.

A :class:`Facts` object gathers, for one cluster (or the whole campaign),
the members in order, their points, grades and ranks, the targets met, the
meeting's decided order and proposals, the awards the rules grant, and the
conflicts between them; the writers of the three papers only lay them out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from thidua import model as m
from thidua._problems import Problem
from thidua.engine import ClusterEvaluation, Evaluation, Prepared, Status, UnitEvaluation, prepare
from thidua.errors import DataError
from thidua.l10n import Names, Translator, format_conflict, get_translator
from thidua.papers import _codes as codes
from thidua.papers._details import Details, Vote
from thidua.papers._docx import BLANK, LONG_BLANK

__all__ = ["Facts", "Proposed", "figures", "in_sentence", "padded", "shortfall"]

#: Generic nouns of administrative units, written in lower case inside a sentence (Nghị định
#: 30/2020, Phụ lục II) unless the name that follows is a number ("Quận 1").
_GENERIC = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "khu phố",
    "tổ dân phố",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "thôn",
    "xã",
    "ấp",
    "bản",
    "khu",
)
_GENERIC_RE = re.compile(r"^(" + "|".join(_GENERIC) + r")(\s+)(?=\S)", re.IGNORECASE)


def in_sentence(name: str, language: str) -> str:
    """A unit's name as written inside a Vietnamese sentence: the generic noun in lower case.

    ``Xã Vân Khánh Tây`` → ``xã Vân Khánh Tây``; a name that is a number keeps
    its capital (``Quận 1``), and so does anything in English.

    >>> in_sentence("Xã Vân Khánh Tây", "vi"), in_sentence("Thị trấn Thứ Mười Một", "vi"), in_sentence("Quận 1", "vi")
    ('xã Vân Khánh Tây', 'thị trấn Thứ Mười Một', 'Quận 1')
    """
    if language != "vi":
        return name
    found = _GENERIC_RE.match(name)
    if found is None or name[found.end() :][:1].isdigit():
        return name
    return found.group(1).lower() + name[found.end(1) :]


def padded(n: int, language: str) -> str:
    """A count as official papers write it: below 10 with a leading zero in Vietnamese (``05``).

    >>> padded(5, "vi"), padded(12, "vi"), padded(5, "en")
    ('05', '12', '5')
    """
    return f"{n:02d}" if language == "vi" and 0 <= n < 10 else str(n)


@attrs.frozen
class Proposed:
    """A unit proposed for an award in a paper, and where the proposal comes from."""

    award: str
    unit: str
    #: ``meeting`` (the cluster meeting proposed it) or ``computed`` (the campaign's rules grant it)
    source: str
    #: the rules' quota did not select the unit (the meeting chose it, e.g. among tied units)
    outside_quota: bool = False


class Facts:
    """The figures of one cluster's papers (or the campaign's, with *cluster* ``None``), in one language.

    Not thread-safe (it caches names); build one per paper.
    """

    def __init__(
        self,
        evaluation: Evaluation,
        campaign: m.Campaign | Prepared,
        cluster: str | None,
        *,
        locale: str,
        results: m.Results | None,
        self_assessed: Evaluation | None,
        details: Details,
    ) -> None:
        self.ev = evaluation
        self.prepared = campaign if isinstance(campaign, Prepared) else prepare(campaign)
        self.campaign = self.prepared.campaign
        self.locale = locale
        self.t: Translator = get_translator(locale)
        self.language = self.t.language
        self.names = Names(self.prepared, self.language)
        self.details = details
        self.self_assessed = self_assessed
        self.cluster_id = cluster
        self.results = results
        self.ce: ClusterEvaluation | None = None
        self.decision: m.Decision | None = None
        if cluster is not None:
            known = [c.cluster for c in evaluation.clusters]
            if cluster not in known:
                raise DataError(codes.UNKNOWN_CLUSTER(cluster=cluster, known=", ".join(known) or "—"))
            self.ce = evaluation.cluster(cluster)
            if results is not None:
                self.decision = next((d for d in results.decisions if d.cluster == cluster), None)
                if self.decision is not None and tuple(self.decision.order) != self.ce.decided_order:
                    raise DataError(codes.RESULTS_MISMATCH(cluster=self.cluster_name))
        missing = [u for u in details.votes if u not in self.prepared.units]
        if missing:
            raise DataError([codes.UNKNOWN_VOTER_UNIT(("votes", u), unit=u) for u in missing])

    # -- names -------------------------------------------------------------------------------------

    def name(self, unit: str) -> str:
        """A unit's name for a table cell, with its status when it is a proposal or sample data."""
        from thidua.report._display import source_of, with_status

        return with_status(self.names.unit(unit), source_of(self.prepared.units.get(unit)), self.t)

    def prose(self, unit: str) -> str:
        """A unit's name inside a sentence."""
        return in_sentence(self.name(unit), self.language)

    def prose_list(self, units: Iterable[str]) -> str:
        """Several units' names inside a sentence, joined as the language does."""
        return self.t.format_list([self.prose(u) for u in units])

    @property
    def cluster_name(self) -> str:
        """The cluster's name (or the campaign's)."""
        if self.cluster_id is None:
            c = self.campaign
            return c.name_en if self.language == "en" and c.name_en else c.name
        from thidua.report._display import source_of, with_status

        found = self.prepared.clusters.get(self.cluster_id)
        return with_status(self.names.cluster(self.cluster_id), source_of(found), self.t)

    @property
    def cluster_kind(self) -> str:
        """``cluster`` or ``block``."""
        cl = self.names.cluster_obj(self.cluster_id) if self.cluster_id else None
        return cl.kind.value if cl is not None else "cluster"

    def issuer(self) -> str:
        """The issuing body: the details', else the cluster, else the campaign's organizer, else a blank."""
        if self.details.issuer:
            return self.details.issuer
        if self.cluster_id is not None:
            return self.cluster_name
        return self.campaign.organizer or LONG_BLANK

    def award(self, award: str) -> str:
        """The name of the title an award rule grants."""
        return self.names.award(award)

    def grade(self, unit: str) -> str:
        """A unit's grade, or "not rated"."""
        u = self.unit(unit)
        if u is None or u.rating.grade is None:
            return self.t.gettext("Not rated")
        return self.names.grade(u.rating.grade, u.level)

    # -- numbers -----------------------------------------------------------------------------------

    def count(self, n: int) -> str:
        """A count as papers write it (``05``)."""
        return padded(n, self.language)

    def ratio(self, part: int, whole: int) -> str:
        """``03/5``: a part of a whole, the part padded."""
        return f"{self.count(part)}/{whole}"

    def number(self, value: Fraction | int | None) -> str:
        """An exact number in full (``89,9999999``), a fraction when its decimals never end."""
        if value is None:
            return "—"
        return self.t.format_exact(value)

    def percent(self, share: Fraction) -> str:
        """A share as a percentage with one decimal at most (``83,3%``)."""
        return self.t.format_percent(share, digits=1)

    def money(self, amount: Fraction | int) -> str:
        """An amount of đồng in prose: ``1.500.000 đồng``."""
        return self.t.gettext("%(amount)s dong") % {"amount": self.t.format_number(Fraction(amount), digits=0)}

    def date(self, day: dt.date | None) -> str:
        """A date in prose (``ngày 05 tháng 3 năm 2020``), or a blank one."""
        if day is None:
            return self.t.gettext("day … month … year …")
        return self.t.format_date(day, "prose")

    def short_date(self, day: dt.date | None) -> str:
        """A date as in tables (``05/03/2020``), or a blank one."""
        if day is None:
            return f"{BLANK}/{BLANK}/{BLANK}"
        return self.t.format_date(day, "table")

    def time(self, when: dt.time | None) -> str:
        """A time of day as papers write it (``14 giờ 00 phút``), or a blank one."""
        hour, minute = (BLANK, BLANK) if when is None else (str(when.hour), f"{when.minute:02d}")
        return self.t.gettext("%(hour)s:%(minute)s") % {"hour": hour, "minute": minute}

    def vote(self, v: Vote) -> str:
        """``5/6 (83,3%)``."""
        return f"{v.agree}/{v.total} ({self.percent(Fraction(v.agree, v.total))})"

    # -- the evaluation ----------------------------------------------------------------------------

    def unit(self, unit: str) -> UnitEvaluation | None:
        """The evaluation of a unit, if it was evaluated."""
        try:
            return self.ev.unit(unit)
        except KeyError:
            return None

    @property
    def members(self) -> list[str]:
        """The evaluated units of the cluster, in the computed order (all evaluated units without a cluster)."""
        if self.ce is not None:
            ranked = [e.unit for e in self.ce.ranking.entries]
            cl = self.names.cluster_obj(self.ce.cluster)
            rest = [u for u in (cl.members if cl else ()) if u not in ranked and self.unit(u) is not None]
            return ranked + rest
        return [u.unit for u in self.ev.units]

    def rank(self, unit: str) -> int | None:
        """The unit's rank in the cluster (or its own rank for the campaign)."""
        if self.ce is not None:
            return self.ce.ranking.rank_of(unit)
        u = self.unit(unit)
        return u.rank if u is not None else None

    def rank_text(self, unit: str) -> str:
        """The rank, or "not ranked"."""
        r = self.rank(unit)
        return str(r) if r is not None else self.t.gettext("Not ranked")

    def total(self, unit: str, evaluation: Evaluation | None = None) -> Fraction | None:
        """The unit's total points (in *evaluation*, by default the one of the papers)."""
        ev = evaluation or self.ev
        try:
            u = ev.unit(unit)
        except KeyError:
            return None
        return u.score.total if u.score is not None else None

    @property
    def score_stage(self) -> str | None:
        """The review stage whose points the evaluation used (the first scored member's)."""
        for u in self.members:
            ue = self.unit(u)
            if ue is not None and ue.score is not None:
                return ue.score.stage
        return None

    @property
    def shows_self_assessment(self) -> bool:
        """Whether the papers show self-assessed points beside the points used (from another stage)."""
        if self.self_assessed is None:
            return False
        own = next(
            (
                ue.score.stage
                for u in self.members
                if (ue := _unit_of(self.self_assessed, u)) is not None and ue.score is not None
            ),
            None,
        )
        return own != self.score_stage

    def stage_name(self, stage: str | None) -> str:
        """The name of a review stage."""
        return self.names.stage(stage) if stage else ""

    def conflicts(self, severity: str | None = None) -> list[str]:
        """The sentences of the meeting's conflicts with the rules."""
        if self.ce is None:
            return []
        return [
            format_conflict(c, campaign=self.prepared, locale=self.locale)
            for c in self.ce.conflicts
            if severity is None or c.severity == severity
        ]

    def computed_awards(self) -> list[Proposed]:
        """The awards the rules grant to the members, in the campaign's order of awards, then by rank."""
        units = self.members
        order = {u: i for i, u in enumerate(units)}
        out: list[Proposed] = []
        for rule in self.campaign.awards:
            granted = []
            for u in units:
                ue = self.unit(u)
                if ue is None:
                    continue
                granted += [a for a in ue.awards if a.award == rule.id and a.granted]
            granted.sort(key=lambda a: order[a.unit])
            out += [Proposed(a.award, a.unit, "computed") for a in granted]
        return out

    def meeting_proposals(self) -> list[Proposed] | None:
        """The meeting's proposals (``None`` when the results record none for this cluster)."""
        if self.decision is None or not self.decision.proposals:
            return None
        outside = set()
        if self.ce is not None:
            for c in self.ce.conflicts:
                if c.code == "proposal_not_computed":
                    outside.add((str(c.args.get("unit")), str(c.args.get("award"))))
        rules = [r.id for r in self.campaign.awards]
        position = {u: i for i, u in enumerate(self.decision.order or self.members)}
        ranked = sorted(
            self.decision.proposals,
            key=lambda p: (rules.index(p.award) if p.award in rules else len(rules), position.get(p.unit, 10**9)),
        )
        return [Proposed(p.award, p.unit, "meeting", (p.unit, p.award) in outside) for p in ranked]

    def proposals(self, policy: str) -> list[Proposed]:
        """The units a proposal puts forward: the meeting's (refused if the rules forbid them) or the computed.

        Raises:
            DataError: when *policy* is ``meeting`` and the meeting proposed
                an ineligible unit or more units than the quota allows.
        """
        if policy == "meeting":
            decided = self.meeting_proposals()
            if decided is not None:
                errors = self.proposal_problems()
                if errors:
                    raise DataError(errors)
                return decided
        return self.computed_awards()

    def proposal_problems(self) -> list[Problem]:
        """The meeting's proposals that the rules forbid, each at its place in the results."""
        if self.ce is None or self.decision is None or self.results is None:
            return []
        at = self.results.decisions.index(self.decision)
        proposals = list(self.decision.proposals)
        out: list[Problem] = []
        for c in self.ce.conflicts:
            if c.severity != "error":
                continue
            unit, award = str(c.args.get("unit")), str(c.args.get("award"))
            if c.code == "proposal_ineligible":
                index = next((i for i, p in enumerate(proposals) if (p.unit, p.award) == (unit, award)), None)
                loc: tuple[str | int, ...] = ("decisions", at, "proposals") + (() if index is None else (index,))
                out.append(
                    codes.PROPOSAL_INELIGIBLE(
                        loc, cluster=self.cluster_name, unit=self.name(unit), award=self.award(award)
                    )
                )
            elif c.code == "over_quota":
                proposed, allowed = c.args.get("proposed"), c.args.get("allowed")
                out.append(
                    codes.PROPOSAL_OVER_QUOTA(
                        ("decisions", at, "proposals"),
                        cluster=self.cluster_name,
                        award=self.award(award),
                        proposed=proposed if isinstance(proposed, int) else str(proposed),
                        allowed=allowed if isinstance(allowed, int) else str(allowed),
                    )
                )
        return out

    def by_award(self, proposed: Sequence[Proposed]) -> list[tuple[str, list[Proposed]]]:
        """Proposals grouped by award, in the order given."""
        groups: dict[str, list[Proposed]] = {}
        for p in proposed:
            groups.setdefault(p.award, []).append(p)
        return list(groups.items())

    def targets_of(self, unit: str) -> tuple[int, int]:
        """How many of the unit's targets are met, of how many that were decided (excluded ones aside)."""
        u = self.unit(unit)
        if u is None:
            return 0, 0
        decided = [t for t in u.targets if t.status is not Status.EXCLUDED]
        return sum(1 for t in decided if t.met), len(decided)

    def achievements(self, unit: str) -> str:
        """A one-line summary of a unit's results: rank, points, grade, targets met."""
        _ = self.t.gettext
        parts = []
        rank = self.rank(unit)
        if rank is not None:
            parts.append(
                _("ranked %(rank)s of %(count)s in %(cluster)s")
                % {"rank": rank, "count": len(self.members), "cluster": self.cluster_name}
            )
        total = self.total(unit)
        if total is not None:
            parts.append(_("%(points)s points") % {"points": self.number(total)})
        parts.append(self.grade(unit))
        met, count = self.targets_of(unit)
        if count:
            parts.append(_("%(ratio)s targets met") % {"ratio": self.ratio(met, count)})
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]

    def target_rows(self) -> list[dict[str, Any]]:
        """For each target of the members: how many met it, did not, were excluded."""
        rows: dict[str, dict[str, Any]] = {}
        for u in self.members:
            ue = self.unit(u)
            if ue is None:
                continue
            for t in ue.targets:
                row = rows.setdefault(t.target, {"target": t.target, "met": [], "not_met": [], "excluded": []})
                row[t.status.value].append(t)
        return list(rows.values())

    def grade_counts(self) -> list[tuple[str, int]]:
        """How many members got each grade, best first, then those not rated."""
        counts: dict[str | None, int] = {}
        level = None
        for u in self.members:
            ue = self.unit(u)
            if ue is None:
                continue
            level = level or ue.level
            counts[ue.rating.grade] = counts.get(ue.rating.grade, 0) + 1
        out: list[tuple[str, int]] = []
        scale = self.campaign.scale_for(level) if level is not None else None
        order = [g.id for g in scale.grades] if scale is not None else sorted(k for k in counts if k)
        out += [(self.names.grade(g, level), counts[g]) for g in order if counts.get(g)]
        out += [(self.names.grade(g, level), n) for g, n in counts.items() if g is not None and g not in order]
        if counts.get(None):
            out.append((self.t.gettext("Not rated"), counts[None]))
        return out


def _unit_of(ev: Evaluation, unit: str) -> UnitEvaluation | None:
    try:
        return ev.unit(unit)
    except KeyError:
        return None


def figures(f: Facts, t: Any) -> str:
    """The numbers of a target outcome as a paper writes them: ``06/6 (100%), target 80%``."""
    _ = f.t.gettext
    kind, num, den, thr = t.kind, t.numerator, t.denominator, t.threshold
    if t.status is Status.EXCLUDED or (num is None and kind != "deadline"):
        return "—"
    if kind in ("share", "of_which") and den:
        share = f.percent(Fraction(num, den)) if den else "—"
        return _("%(part)s (%(share)s); required: at least %(threshold)s") % {
            "part": f"{f.number(num)}/{f.number(den)}",
            "share": share,
            "threshold": f.percent(thr),
        }
    if kind == "zero_count":
        return _("%(count)s; required: none") % {"count": f.number(num)}
    if kind == "quota":
        return _("%(amount)s of %(quota)s") % {"amount": f.money(num), "quota": f.money(den)}
    if kind == "deadline":
        return _("by %(date)s") % {"date": f.short_date(thr)}
    if kind in ("count", "change"):
        return _("%(value)s; required: at least %(threshold)s") % {
            "value": f.number(num),
            "threshold": f.number(thr),
        }
    return "—"


def shortfall(f: Facts, t: Any) -> str:
    """What a unit still lacked to meet a target (``1.000.000 đồng``), or an empty text."""
    if t.shortfall is None or t.shortfall == 0:
        return ""
    return f.money(t.shortfall) if t.kind == "quota" else f.number(t.shortfall)
