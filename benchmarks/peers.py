"""The peers of the national benchmark, and how their answers are compared.

* :func:`oracle`: every verdict, score, rating, rank and award in exact
  :class:`~fractions.Fraction` arithmetic, read from the JSON documents alone
  (written from the document format and the domain rules, not from the engine);
* :func:`python_loop`: the exact pure-Python integer loop on thidua's *loaded*
  objects (:class:`thidua.Campaign`, :class:`thidua.Results`): the same targets,
  scores, ratings, ranks and awards as ``thidua.evaluate``, with no outcome
  objects and no traces. What a pure-Python engine cannot go below;
* :func:`pandas_compute`: idiomatic vectorised pandas (and numpy) on a wide frame
  of integers (one row per commune, one column per count, measure and
  criterion input, see :func:`wide_columns`), exact by integer
  cross-multiplication; or, with ``exact=False``, the same code in float64;
* OpenFisca-core on the four share and "of which" targets
  (:func:`openfisca_system`, :func:`openfisca_run`), the plainest exact loop on
  the same four targets (:func:`pure_python_floor`) and an empty loop
  (:func:`bare_loop`);
* :func:`differences`: how many answers of a peer differ from the oracle's.

Each timed function returns its answers in its own form; ``*_verdicts``
functions turn them into the common form (``{category: {key: value}}``) after
the clock stops.
"""

# The loop reads a Fraction's numerator and denominator from their slots (``_numerator``), as
# thidua's own exact_sum does: the public properties are Python calls, ~40 ns each, ~400,000 times.
# ruff: noqa: SLF001

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from functools import cmp_to_key
from typing import Any

import attrs

import thidua
from thidua import model as m

Verdicts = dict[str, dict[Any, Any]]
#: what is compared: member and cluster targets, scores, ratings, ranks in clusters and over the
#: level, awards granted
CATEGORIES = ("targets", "scores", "ratings", "ranks", "level_ranks", "awards")


# -- reading documents as plain data --------------------------------------------------------------


def frac(value: Any) -> Fraction:
    """An exact number from a document value: 7, "7.5", "1/3", "80%"."""
    if isinstance(value, bool | float):
        msg = f"not an exact number: {value!r}"
        raise TypeError(msg)
    if isinstance(value, int):
        return Fraction(value)
    text = str(value).strip()
    if text.endswith("%"):
        return Fraction(text[:-1]) / 100
    return Fraction(text)


def all_targets(cdoc: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [t for ag in cdoc.get("agreements", []) for a in ag.get("content_areas", []) for t in a.get("targets", [])]


def root_of(t: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any]:
    while t["kind"] == "of_which":
        t = by_id[t["parent"]]
    return t


def leaves(criteria: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    for c in criteria:
        out.extend(leaves(c["children"]) if c.get("children") else [c])
    return out


def _floor_share(share: Fraction, n: int, rounding: str) -> int:
    if rounding != "floor":
        msg = f"the peers know only floor rounding, not {rounding!r}"
        raise NotImplementedError(msg)
    return math.floor(share * n)


# -- the Fraction oracle ----------------------------------------------------------------------------


def oracle(cdoc: Mapping[str, Any], rdoc: Mapping[str, Any], *, awards: bool = True) -> Verdicts:
    """Every verdict, score, rating, rank and award, in exact arithmetic, read from the documents alone.

    Written from the document format and the domain rules (``docs``), not from
    the engine: shares are counts over counts, "or better" is cumulative, bands
    are half-open, ties share a rank (1, 2, 2, 4), awards go to the best-ranked
    eligible units up to the quota and units tied at the cut are all left out,
    rules are decided in the campaign's order and exclusive ones block each other. Without
    *awards*, no award is decided (the oracle knows awards within clusters, on grades, ranks and
    targets, not those that look back over the history).
    """
    targets = all_targets(cdoc)
    by_id = {t["id"]: t for t in targets}
    order = {lv: [g["id"] for g in s["grades"]] for s in cdoc["scales"] for lv in s["levels"]}
    scales = {lv: s for s in cdoc["scales"] for lv in s["levels"]}
    rubric = next(r for r in cdoc["rubrics"] if "commune" in r["levels"])
    stage_order = [s["id"] for s in cdoc.get("stages", [])]
    rows = {r["unit"]: r for r in rdoc["units"]}
    member_t = [t for t in targets if root_of(t, by_id).get("scope", "members") == "members"]
    cluster_t = [t for t in targets if root_of(t, by_id).get("scope", "members") == "cluster"]
    out: Verdicts = {k: {} for k in CATEGORIES}

    def better_or_equal(level: str, counts: Mapping[str, int], grade: str) -> int:
        limit = order[level].index(grade)
        return sum(n for g, n in counts.items() if order[level].index(g) <= limit)

    numerators: dict[tuple[str, str], int] = {}

    def decide(uid: str, t: Mapping[str, Any]) -> bool:
        row = rows[uid]
        measures = {k: frac(v) for k, v in row.get("measures", {}).items()}
        kind = t["kind"]
        if kind in ("share", "of_which", "zero_count"):
            root = root_of(t, by_id) if kind == "of_which" else t
            level = root["counts"]
            counts = dict.fromkeys(order[level], 0)
            for g, n in row["counts"][level].items():
                counts[g] += n
            total = sum(counts.values())
            if kind == "zero_count":
                limit = order[level].index(t["grade"])
                return sum(n for g, n in counts.items() if order[level].index(g) >= limit) == 0
            if kind == "share":
                num = better_or_equal(level, counts, t["grade"])
                numerators[(uid, t["id"])] = num
                return Fraction(num, total) >= frac(t["at_least"])
            parent = by_id[t["parent"]]
            grade = min(t["grade"], parent["grade"], key=order[level].index)
            num = better_or_equal(level, counts, grade)
            numerators[(uid, t["id"])] = num
            den = total if t["base"] == "all" else numerators[(uid, parent["id"])]
            return den > 0 and Fraction(num, den) >= frac(t["at_least"])
        if kind == "quota":
            quota = frac(t["quota"]) if "quota" in t else measures[t["quota_measure"]]
            return measures[t["measure"]] >= quota
        if kind == "change":
            value, base = measures[t["measure"]], measures[t["baseline"]]
            change = base - value if t["direction"] == "decrease" else value - base
            return change >= frac(t["by_at_least"])
        if kind == "count":
            return measures[t["measure"]] >= frac(t["at_least"])
        msg = f"the oracle does not know target kind {kind!r}"
        raise NotImplementedError(msg)

    members = [u for cl in cdoc["clusters"] for u in cl["members"]]
    for uid in members:
        for t in member_t:
            out["targets"][(uid, t["id"])] = decide(uid, t)

    grades = order["commune"]
    for uid in members:
        row = rows[uid]
        measures = {k: frac(v) for k, v in row.get("measures", {}).items()}
        points: dict[str, Fraction] = {}
        bonuses: dict[str, Fraction] = {}
        for a in sorted(row.get("assessments", []), key=lambda a: stage_order.index(a["stage"])):
            for e in a["scores"]:
                if "points" in e:
                    points[e["criterion"]] = frac(e["points"])
                if "bonus" in e:
                    bonuses[e["criterion"]] = frac(e["bonus"])
        met = {t["id"]: out["targets"][(uid, t["id"])] for t in member_t}
        total = oracle_score(rubric["criteria"], points, bonuses, measures, met)
        out["scores"][uid] = total
        scale = scales["commune"]
        grade = None
        for band in scale["bands"]:
            lo = frac(band["min"]) if "min" in band else None
            hi = frac(band["max"]) if "max" in band else None
            above = lo is None or total > lo or (total == lo and band.get("include_min", True))
            below = hi is None or total < hi or (total == hi and band.get("include_max", False))
            if above and below:
                grade = band["grade"]
        assert grade is not None  # noqa: S101 - the bands cover every score
        while True:
            g = next(x for x in scale["grades"] if x["id"] == grade)
            needs_all = any(r["kind"] == "all_targets_met" for r in g.get("requires", []))
            if not needs_all or all(met.values()) or grade == grades[-1]:
                break
            grade = grades[grades.index(grade) + 1]
        for d in scale.get("disqualifiers", []):
            if row["flags"][d["when"]["flag"]] and grades.index(grade) < grades.index(d["max_grade"]):
                grade = d["max_grade"]
        out["ratings"][uid] = grade

    for cl in cdoc["clusters"]:
        totals = sorted((out["scores"][u] for u in cl["members"]), reverse=True)
        for u in cl["members"]:
            out["ranks"][(cl["id"], u)] = 1 + sum(1 for x in totals if x > out["scores"][u])
        for t in cluster_t:
            level_grades = order[t["counts"]]
            good = sum(
                1 for u in cl["members"] if level_grades.index(out["ratings"][u]) <= level_grades.index(t["grade"])
            )
            out["targets"][(cl["id"], t["id"])] = Fraction(good, len(cl["members"])) >= frac(t["at_least"])
    ascending = sorted(out["scores"].values())
    for u, total in out["scores"].items():
        # 1 + the number of communes with a strictly higher score
        out["level_ranks"][u] = 1 + len(ascending) - bisect.bisect_right(ascending, total)

    # awards, rule after rule in the campaign's order, within each cluster
    held: dict[str, set[str]] = defaultdict(set)
    rules = {r["id"]: r for r in cdoc.get("awards", [])}
    for rule in cdoc.get("awards", []) if awards else ():
        if rule.get("within", "cluster") != "cluster":
            msg = "the oracle knows awards within clusters only"
            raise NotImplementedError(msg)
        for cl in cdoc["clusters"]:
            rank = {u: out["ranks"][(cl["id"], u)] for u in cl["members"]}
            eligible = [
                u
                for u in cl["members"]
                if not any(
                    a in rule.get("exclusive_with", ()) or rule["id"] in rules[a].get("exclusive_with", ())
                    for a in held[u]
                )
                and all(
                    _oracle_condition(c, u, grades=grades, out=out, rank=rank, member_t=member_t)
                    for c in rule.get("conditions", ())
                )
            ]
            eligible.sort(key=lambda u: (rank[u], u))
            quota = rule.get("quota")
            if quota is None:
                allowed = len(eligible)
            elif "count" in quota:
                allowed = quota["count"]
            else:
                base = len(cl["members"]) if quota.get("of", "members") == "members" else len(eligible)
                allowed = _floor_share(frac(quota["share"]), base, quota.get("rounding", "floor"))
            winners = set(eligible[:allowed])
            if 0 < allowed < len(eligible) and rank[eligible[allowed]] == rank[eligible[allowed - 1]]:
                winners -= {u for u in eligible if rank[u] == rank[eligible[allowed]]}
            for u in cl["members"]:
                out["awards"][(u, rule["id"])] = u in winners
                if u in winners:
                    held[u].add(rule["id"])
    return out


def _oracle_condition(
    cond: Mapping[str, Any],
    unit: str,
    *,
    grades: list[str],
    out: Verdicts,
    rank: Mapping[str, int],
    member_t: list[dict[str, Any]],
) -> bool:
    kind = cond["kind"]
    if kind == "min_grade":
        return grades.index(out["ratings"][unit]) <= grades.index(cond["grade"])
    if kind == "max_rank":
        return rank[unit] <= cond["rank"]
    if kind == "all_targets_met":
        return all(bool(out["targets"][(unit, t["id"])]) for t in member_t)
    msg = f"the oracle does not know condition kind {kind!r}"
    raise NotImplementedError(msg)


def oracle_score(
    criteria: Iterable[Mapping[str, Any]],
    points: Mapping[str, Fraction],
    bonuses: Mapping[str, Fraction],
    measures: Mapping[str, Fraction],
    met: Mapping[str, bool],
) -> Fraction:
    """Standard points + bonus points (capped per criterion) + deductions, for one unit."""
    penalty = Fraction(0)

    def score(c: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
        nonlocal penalty
        if c.get("children"):
            parts = [score(k) for k in c["children"]]
            std = sum((p for p, _ in parts), Fraction(0))
            bon = sum((b for _, b in parts), Fraction(0))
            return std, min(bon, frac(c["bonus"])) if "bonus" in c else bon
        method, top = c["method"], frac(c["points"])
        kind = method["kind"]
        if kind == "assessed":
            cap = frac(c["bonus"]) if "bonus" in c else Fraction(0)
            return points[c["id"]], min(bonuses.get(c["id"], Fraction(0)), cap)
        if kind == "proportional":
            target = frac(method["target"]) if "target" in method else measures[method["target_measure"]]
            return top * min(Fraction(1), measures[method["measure"]] / target), Fraction(0)
        if kind == "pass_fail":
            cond = method["when"]
            if cond["kind"] == "target_met":
                ok = met[cond["target"]]
            elif cond["kind"] == "measure_at_least":
                ok = measures[cond["measure"]] >= frac(cond["value"])
            else:
                msg = f"the oracle does not know condition kind {cond['kind']!r}"
                raise NotImplementedError(msg)
            return (top if ok else Fraction(0)), Fraction(0)
        n = measures[method["measure"]]
        if kind == "per_occurrence":
            return min(top, frac(method["each"]) * n), Fraction(0)
        if kind == "step_table":
            reached = [frac(s["points"]) for s in method["steps"] if n >= frac(s["at_least"])]
            return min(top, reached[-1] if reached else Fraction(0)), Fraction(0)
        if kind == "bonus":
            return Fraction(0), min(frac(c["bonus"]), frac(method["each"]) * n)
        if kind == "penalty":
            penalty += max(frac(method["floor"]), -frac(method["each"]) * n)
            return Fraction(0), Fraction(0)
        msg = f"the oracle does not know method {kind!r}"
        raise NotImplementedError(msg)

    parts = [score(c) for c in criteria]
    return sum((p + b for p, b in parts), Fraction(0)) + penalty


# -- thidua ------------------------------------------------------------------------------------------


def thidua_verdicts(ev: thidua.Evaluation) -> Verdicts:
    """thidua's answers in the common form."""
    out: Verdicts = {k: {} for k in CATEGORIES}
    for u in ev.units:
        if u.level != "commune":
            continue
        for t in u.targets:
            out["targets"][(u.unit, t.target)] = t.met
        if u.score is not None:
            out["scores"][u.unit] = u.score.total
        out["ratings"][u.unit] = u.rating.grade
        for a in u.awards:
            out["awards"][(u.unit, a.award)] = a.granted
    for cl in ev.clusters:
        for t in cl.targets:
            out["targets"][(cl.cluster, t.target)] = t.met
        for e in cl.ranking.entries:
            out["ranks"][(cl.cluster, e.unit)] = e.rank
    for ranking in ev.rankings:
        if ranking.group == "level:commune":
            for e in ranking.entries:
                out["level_ranks"][e.unit] = e.rank
    return out


# -- the exact pure-Python integer loop, on thidua's loaded objects ------------------------------------


@attrs.frozen
class LoopAnswers:
    """What :func:`python_loop` decides, as plain values: no outcome objects, no traces.

    Scores are ``(numerator, denominator)`` pairs of integers.
    """

    targets: dict[tuple[str, str], bool]
    scores: dict[str, tuple[int, int]]
    ratings: dict[str, str]
    ranks: dict[tuple[str, str], int]
    level_ranks: dict[str, int]
    awards: dict[tuple[str, str], bool]


_SHARE_OF_MEASURE, _SHARE_OF_NUMBER, _EACH, _PENALTY, _STEPS, _MEASURE_AT_LEAST, _TARGET_MET = range(7)


def _ratio(value: Fraction) -> tuple[int, int]:
    return value.numerator, value.denominator


def python_loop(campaign: thidua.Campaign, results: thidua.Results) -> LoopAnswers:
    """Every target, score, rating, rank (in clusters and over the level) and award that
    ``thidua.evaluate`` decides for the national campaign, in exact integer arithmetic, on the same
    loaded objects: the least a pure-Python engine must spend.

    It reads the campaign's rules (targets, rubric, scale, clusters, award rules) and handles the
    kinds the national workloads use, raising :class:`NotImplementedError` for others. Targets and
    bands compare by integer cross-multiplication; a score is a numerator over a denominator, the
    criteria with a fixed denominator summed as integers over the rubric's common denominator and
    the others (in proportion to a measure of the unit) added as fractions of integers. It checks
    nothing (thidua validates the results first) and builds no outcome and no trace.

    Ranks over the level sort on ``numerator / denominator`` (a float, correctly rounded, so never
    out of order) and then order exactly, by cross-multiplication, the scores whose floats are equal.
    """
    level = "commune"
    scale = campaign.scale_for(level)
    rubric = campaign.rubric_for(level)
    if scale is None or rubric is None or scale.caps or rubric.adjustments or rubric.clamp_total:
        msg = "the loop knows a commune scale without caps and a rubric without adjustments"
        raise NotImplementedError(msg)
    grade_ids = [g.id for g in scale.grades]
    position = {g: i for i, g in enumerate(grade_ids)}
    targets = [t for ag in campaign.agreements for area in ag.content_areas for t in area.targets]
    by_id = {t.id: t for t in targets}

    def root(t: Any) -> Any:
        while isinstance(t, m.OfWhichTarget):
            t = by_id[t.parent]
        return t

    member_t = [t for t in targets if root(t).scope == "members"]
    cluster_t = [t for t in targets if root(t).scope == "cluster"]

    # the rules of the member targets, worked out once: (id, kind, arguments)
    count_scales = {lv: s for s in campaign.scales for lv in s.levels}
    plans: list[tuple[str, str, tuple[Any, ...]]] = []
    for t in member_t:
        if isinstance(t, m.ShareTarget | m.OfWhichTarget | m.ZeroCountTarget):
            lv = root(t).counts
            s = count_scales[lv]
            place = {g.id: i for i, g in enumerate(s.grades)}
            labels = {**{g: g for g in place}, **dict(s.legacy)}
            if isinstance(t, m.ZeroCountTarget):
                bad = {label for label, g in labels.items() if place[g] >= place[t.grade]}
                plans.append((t.id, "zero", (lv, bad)))
                continue
            grade = t.grade
            if isinstance(t, m.OfWhichTarget):
                parent = by_id[t.parent]
                grade = min(grade, parent.grade, key=place.__getitem__)
                base = "all" if t.base == "all" else parent.id
            else:
                base = "all"
            good = {label for label, g in labels.items() if place[g] <= place[grade]}
            plans.append((t.id, "share", (lv, good, base, *_ratio(t.at_least))))
        elif isinstance(t, m.QuotaTarget):
            if t.quota_measure is not None:
                plans.append((t.id, "quota_measure", (t.measure, t.quota_measure)))
            else:
                plans.append((t.id, "at_least", (t.measure, *_ratio(Fraction(t.quota or 0)))))
        elif isinstance(t, m.ChangeTarget):
            sign = -1 if t.direction == "decrease" else 1
            plans.append((t.id, "change", (t.measure, t.baseline, sign, *_ratio(t.by_at_least))))
        elif isinstance(t, m.CountTarget):
            plans.append((t.id, "at_least", (t.measure, *_ratio(Fraction(t.at_least)))))
        else:
            msg = f"the loop does not know target {type(t).__name__}"
            raise NotImplementedError(msg)

    # the rubric, flattened: assessed leaves (with their bonus caps) and computed ones
    leaf_list = rubric.leaves()
    caps = {c.id: c.bonus for c in leaf_list if isinstance(c.method, m.Assessed) and c.bonus is not None}
    computed = [c for c in leaf_list if not isinstance(c.method, m.Assessed)]
    # every fixed denominator of the computed rules (points, steps, "each", caps, fixed targets)
    fixed = [c.points.denominator for c in computed]
    for c in computed:
        method = c.method
        if isinstance(method, m.StepTable):
            fixed += [s.points.denominator for s in method.steps]
        elif isinstance(method, m.PerOccurrence | m.Bonus | m.Penalty):
            fixed.append(method.each.denominator)
            if isinstance(method, m.Penalty):
                fixed.append(method.floor.denominator)
            if c.bonus is not None:
                fixed.append(c.bonus.denominator)
    common = math.lcm(*fixed)
    # (kind, measure, a, b, c), the kinds numbered by how often they come in a rubric
    rules: list[tuple[int, str, Any, Any, Any]] = []
    for c in computed:
        method = c.method
        top = c.points * common  # points over the common denominator (an integer: common is a multiple)
        assert top.denominator == 1  # noqa: S101
        top_n = top.numerator
        if isinstance(method, m.Proportional):
            if method.target_measure is not None:
                rules.append((_SHARE_OF_MEASURE, method.measure, method.target_measure, top_n, None))
            else:
                tn, td = _ratio(Fraction(method.target or 0))
                rules.append((_SHARE_OF_NUMBER, method.measure, tn, td, top_n))
        elif isinstance(method, m.PassFail):
            when = method.when
            if isinstance(when, m.TargetMet):
                rules.append((_TARGET_MET, when.target, top_n, None, None))
            elif isinstance(when, m.MeasureAtLeast):
                rules.append((_MEASURE_AT_LEAST, when.measure, *_ratio(when.value), top_n))
            else:
                msg = f"the loop does not know condition {type(when).__name__}"
                raise NotImplementedError(msg)
        elif isinstance(method, m.StepTable):
            steps = [(*_ratio(s.at_least), int(min(s.points, c.points) * common)) for s in method.steps]
            rules.append((_STEPS, method.measure, steps[::-1], None, None))
        elif isinstance(method, m.PerOccurrence | m.Bonus):
            cap = c.points if isinstance(method, m.PerOccurrence) else c.bonus or Fraction(0)
            rules.append((_EACH, method.measure, int(method.each * common), int(cap * common), None))
        elif isinstance(method, m.Penalty):
            rules.append((_PENALTY, method.measure, int(method.each * common), int(method.floor * common), None))
        else:
            msg = f"the loop does not know method {type(method).__name__}"
            raise NotImplementedError(msg)
    if any(c.children and c.bonus is not None for c in rubric.walk()):
        msg = "the loop knows bonus caps on leaves only"
        raise NotImplementedError(msg)
    # bands as (grade, low numerator, low denominator, include low, high ..., include high)
    bands = [
        (
            b.grade,
            *(_ratio(b.min) if b.min is not None else (None, None)),
            b.include_min,
            *(_ratio(b.max) if b.max is not None else (None, None)),
            b.include_max,
        )
        for b in scale.bands
    ]
    requires_all = {
        g.id for g in scale.grades if any(isinstance(r, m.AllTargetsMet) for r in g.requires)
    }  # the only requirement the national scale has
    if any(not isinstance(r, m.AllTargetsMet) for g in scale.grades for r in g.requires):
        msg = "the loop knows the 'all targets met' requirement only"
        raise NotImplementedError(msg)
    disqualifiers = [(d.when.flag, position[d.max_grade]) for d in scale.disqualifiers if isinstance(d.when, m.Flag)]

    rows = {r.unit: r for r in results.units}
    members = [u for cl in campaign.clusters for u in cl.members]
    verdicts: dict[tuple[str, str], bool] = {}
    all_met: dict[str, bool] = {}
    scores: dict[str, tuple[int, int]] = {}
    ratings: dict[str, str] = {}
    for u in members:
        row = rows[u]
        env = row.measures
        met: dict[str, bool] = {}
        numerators: dict[str, int] = {}
        for tid, kind, args in plans:
            if kind == "share":
                lv, good, base, an, ad = args
                counts = row.counts[lv]
                num = 0
                total = 0
                for label, n in counts.items():
                    total += n
                    if label in good:
                        num += n
                numerators[tid] = num
                den = total if base == "all" else numerators[base]
                ok = den > 0 and num * ad >= an * den
            elif kind == "zero":
                lv, bad = args
                ok = not any(n for label, n in row.counts[lv].items() if label in bad)
            elif kind == "quota_measure":
                v, q = env[args[0]], env[args[1]]
                ok = v._numerator * q._denominator >= q._numerator * v._denominator
            elif kind == "at_least":
                v = env[args[0]]
                ok = v._numerator * args[2] >= args[1] * v._denominator
            else:  # change
                measure, baseline, sign, bn, bd = args
                v, b = env[measure], env[baseline]
                # sign × (v − b) ≥ by, over the denominators v.d × b.d × bd
                diff = sign * (v._numerator * b._denominator - b._numerator * v._denominator)
                ok = diff * bd >= bn * v._denominator * b._denominator
            met[tid] = ok
            verdicts[(u, tid)] = ok
        everything = all(met.values())
        all_met[u] = everything

        # the score: assessed points summed as exact_sum does (a numerator over the least common
        # denominator so far); computed criteria in units of 1/common, the fixed ones as one
        # integer, the ones in proportion to the unit's own measures as a fraction
        anum, aden = 0, 1
        if row.assessments:
            if len(row.assessments) > 1:
                msg = "the loop knows one assessment stage per unit"
                raise NotImplementedError(msg)
            for e in row.assessments[0].scores:
                p = e.points  # given for every assessed criterion (thidua validates that first)
                if e.bonus is not None and e.criterion in caps:
                    p += min(e.bonus, caps[e.criterion])
                pn, pd = p._numerator, p._denominator
                if pd == aden:
                    anum += pn
                elif aden % pd == 0:
                    anum += pn * (aden // pd)
                else:
                    lcm = aden * pd // math.gcd(aden, pd)
                    anum = anum * (lcm // aden) + pn * (lcm // pd)
                    aden = lcm
        fixed_sum = 0
        num, den = 0, 1
        for code, measure, a, b, c in rules:
            if code == _SHARE_OF_MEASURE:  # top (c) × v / t (t: measure a)
                v, t = env[measure], env[a]
                vn, vd, tn, td = v._numerator, v._denominator, t._numerator, t._denominator
                if vn * td >= tn * vd:
                    fixed_sum += b
                else:  # added over the least common denominator
                    n2, d2 = b * vn * td, vd * tn
                    if den % d2 == 0:
                        num += n2 * (den // d2)
                    else:
                        g = math.gcd(den, d2)
                        num, den = num * (d2 // g) + n2 * (den // g), den // g * d2
            elif code == _SHARE_OF_NUMBER:  # top (c) × v / (a / b)
                v = env[measure]
                vn, vd = v._numerator, v._denominator
                if vn * b >= a * vd:
                    fixed_sum += c
                else:
                    n2, d2 = c * vn * b, vd * a
                    if den % d2 == 0:
                        num += n2 * (den // d2)
                    else:
                        g = math.gcd(den, d2)
                        num, den = num * (d2 // g) + n2 * (den // g), den // g * d2
            elif code in (_EACH, _PENALTY):  # each (a) × n, capped (or floored) at b
                v = env[measure]
                if v._denominator == 1:
                    x = a * v._numerator
                    fixed_sum += min(x, b) if code == _EACH else max(-x, b)
                else:
                    xn, xd = a * v._numerator, v._denominator
                    if (xn >= b * xd) if code == _EACH else (-xn <= b * xd):
                        fixed_sum += b
                    else:
                        g = math.gcd(den, xd)
                        num, den = num * (xd // g) + (xn if code == _EACH else -xn) * (den // g), den // g * xd
            elif code == _STEPS:  # the highest step reached (a: (at least n, d, points), highest first)
                v = env[measure]
                vn, vd = v._numerator, v._denominator
                for sn, sd, pts in a:
                    if vn * sd >= sn * vd:
                        fixed_sum += pts
                        break
            elif code == _MEASURE_AT_LEAST:  # top (c) when v >= a / b
                v = env[measure]
                if v._numerator * b >= a * v._denominator:
                    fixed_sum += c
            elif met[measure]:  # _TARGET_MET: top (a) when the target (measure) is met
                fixed_sum += a
        # the total: anum over aden, plus fixed_sum and num over den, over common
        num = anum * den * common + (fixed_sum * den + num) * aden
        den = aden * den * common
        g = math.gcd(num, den)
        num, den = num // g, den // g
        scores[u] = (num, den)

        grade: str | None = None
        for bgrade, ln, ld, inc_lo, hn, hd, inc_hi in bands:
            if ln is not None:
                lhs, rhs = num * ld, ln * den
                if lhs < rhs or (lhs == rhs and not inc_lo):
                    continue
            if hn is not None:
                lhs, rhs = num * hd, hn * den
                if lhs > rhs or (lhs == rhs and not inc_hi):
                    continue
            grade = bgrade
        if grade is None:
            msg = f"no band for {u}"
            raise NotImplementedError(msg)
        pos = position[grade]
        while grade_ids[pos] in requires_all and not everything and pos < len(grade_ids) - 1:
            pos += 1
        for flag, max_pos in disqualifiers:
            if row.flags[flag] and pos < max_pos:
                pos = max_pos
        ratings[u] = grade_ids[pos]

    # ranks in clusters (1 + those strictly better), cluster targets
    ranks: dict[tuple[str, str], int] = {}
    cluster_rank: dict[str, dict[str, int]] = {}
    cluster_plans = []
    for t in cluster_t:
        limit = position[t.grade]
        cluster_plans.append((t.id, limit, *_ratio(t.at_least)))
    for cl in campaign.clusters:
        own: dict[str, int] = {}
        ms = cl.members
        for u in ms:
            un, ud = scores[u]
            better = 0
            for w in ms:
                wn, wd = scores[w]
                if wn * ud > un * wd:
                    better += 1
            own[u] = better + 1
            ranks[(cl.id, u)] = better + 1
        cluster_rank[cl.id] = own
        for tid, limit, an, ad in cluster_plans:
            rated = sum(1 for u in ms if position[ratings[u]] <= limit)
            verdicts[(cl.id, tid)] = rated * ad >= an * len(ms)

    # the level's ranking: sorted on correctly rounded floats, equal floats ordered exactly
    level_ranks = _level_ranks(scores)

    # awards, rule after rule in the campaign's order
    awards: dict[tuple[str, str], bool] = {}
    held: dict[str, set[str]] = defaultdict(set)
    exclusive = {r.id: set(r.exclusive_with) for r in campaign.awards}
    for rule in campaign.awards:
        if rule.within != "cluster" or level not in rule.levels:
            msg = "the loop knows awards within clusters only"
            raise NotImplementedError(msg)
        min_pos: int | None = None
        max_rank: int | None = None
        need_all = False
        for cond in rule.conditions:
            if isinstance(cond, m.MinGrade) and min_pos is None:
                min_pos = position[cond.grade]
            elif isinstance(cond, m.MaxRank) and max_rank is None:
                max_rank = cond.rank
            elif isinstance(cond, m.AllTargetsMet):
                need_all = True
            else:
                msg = f"the loop does not know condition {type(cond).__name__} (or twice)"
                raise NotImplementedError(msg)
        blockers = {a for a, ex in exclusive.items() if a in rule.exclusive_with or rule.id in ex}
        quota = rule.quota
        for cl in campaign.clusters:
            own = cluster_rank[cl.id]
            eligible = []
            for u in cl.members:
                h = held.get(u)
                if (
                    (h and not blockers.isdisjoint(h))
                    or (min_pos is not None and position[ratings[u]] > min_pos)
                    or (max_rank is not None and own[u] > max_rank)
                    or (need_all and not all_met[u])
                ):
                    continue
                eligible.append((own[u], u))
            eligible.sort()
            if quota is None:
                allowed = len(eligible)
            elif quota.count is not None:
                allowed = quota.count
            else:
                of = len(cl.members) if quota.of == "members" else len(eligible)
                assert quota.share is not None  # noqa: S101
                allowed = _floor_share(quota.share, of, quota.rounding.value)
            winners = {u for _, u in eligible[:allowed]}
            if 0 < allowed < len(eligible) and eligible[allowed][0] == eligible[allowed - 1][0]:
                cut = eligible[allowed][0]
                winners -= {u for r, u in eligible if r == cut}
            for u in cl.members:
                won = u in winners
                awards[(u, rule.id)] = won
                if won:
                    held[u].add(rule.id)
    return LoopAnswers(verdicts, scores, ratings, ranks, level_ranks, awards)


def _exact_cmp(a: tuple[int, int, str], b: tuple[int, int, str]) -> int:
    lhs, rhs = a[0] * b[1], b[0] * a[1]
    return (lhs > rhs) - (lhs < rhs)


def _level_ranks(scores: Mapping[str, tuple[int, int]]) -> dict[str, int]:
    """Ranks over all *scores* ``(numerator, denominator)``, best first, ties sharing a rank.

    A correctly rounded float never orders two numbers the wrong way round (it can only make
    different numbers equal), so the floats sort the scores and only runs of equal floats are
    ordered again exactly, by cross-multiplication.
    """
    rows = sorted(((n / d, n, d, u) for u, (n, d) in scores.items()), reverse=True)
    out: dict[str, int] = {}
    i, size = 0, len(rows)
    while i < size:
        j = i + 1
        while j < size and rows[j][0] == rows[i][0]:
            j += 1
        run = sorted(((n, d, u) for _, n, d, u in rows[i:j]), key=cmp_to_key(_exact_cmp), reverse=True)
        for k, (n, d, u) in enumerate(run):
            if k and _exact_cmp((n, d, u), run[k - 1]) == 0:
                out[u] = out[run[k - 1][2]]
            else:
                out[u] = i + k + 1
        i = j
    return out


def loop_verdicts(answers: LoopAnswers) -> Verdicts:
    """The loop's answers in the common form (scores as fractions)."""
    return {
        "targets": answers.targets,
        "scores": {u: Fraction(n, d) for u, (n, d) in answers.scores.items()},
        "ratings": answers.ratings,
        "ranks": answers.ranks,
        "level_ranks": answers.level_ranks,
        "awards": answers.awards,
    }


# -- pandas, on wide frames of integers ---------------------------------------------------------------


@attrs.frozen
class Wide:
    """The national results as plain Python data for pandas: one list per column, one row per commune.

    Columns: ``unit``, ``cluster``, ``count.<level>.<grade>`` (counts by grade id), ``measure.<id>``,
    ``points.<criterion>`` and ``bonus.<criterion>`` (the settled assessment), ``flag.<id>``. Every
    number is an integer: the value times the column's scale in :attr:`scales` (1, 10, 100...: the
    least common denominator of the column), so that a frame of them is exact.
    """

    columns: dict[str, list[Any]]
    scales: dict[str, int]


def wide_columns(campaign: thidua.Campaign, results: thidua.Results) -> Wide:
    """Build the :class:`Wide` columns from thidua's loaded objects (not timed: it stands for the
    plain data a pandas user starts from, as loading the file is not in thidua's figures)."""
    cluster_of = {u: cl.id for cl in campaign.clusters for u in cl.members}
    scales = {lv: s for s in campaign.scales for lv in s.levels}
    rows = [r for r in results.units if r.unit in cluster_of]
    columns: dict[str, list[Any]] = {"unit": [r.unit for r in rows], "cluster": [cluster_of[r.unit] for r in rows]}
    values: dict[str, list[Fraction]] = {}
    for i, r in enumerate(rows):
        for lv, counts in r.counts.items():
            s = scales[lv]
            for g in s.grade_ids:
                columns.setdefault(f"count.{lv}.{g}", [0] * len(rows))
            for label, n in counts.items():
                grade = s.resolve(label)
                columns[f"count.{lv}.{grade}"][i] += n
        for k, v in r.measures.items():
            values.setdefault(f"measure.{k}", []).append(v)
        if len(r.assessments) > 1:
            msg = "the wide frame holds one assessment stage"
            raise NotImplementedError(msg)
        for a in r.assessments:
            for e in a.scores:
                values.setdefault(f"points.{e.criterion}", []).append(e.points or Fraction(0))
        for k, flag in r.flags.items():
            columns.setdefault(f"flag.{k}", []).append(flag)
    bonus_leaves = [
        c.id for rb in campaign.rubrics for c in rb.leaves() if isinstance(c.method, m.Assessed) and c.bonus is not None
    ]
    for cid in bonus_leaves:
        values[f"bonus.{cid}"] = [
            next((e.bonus or Fraction(0) for a in r.assessments for e in a.scores if e.criterion == cid), Fraction(0))
            for r in rows
        ]
    out_scales: dict[str, int] = {}
    for name, vs in values.items():
        if len(vs) != len(rows):
            msg = f"{name}: not every commune has it"
            raise NotImplementedError(msg)
        scale = math.lcm(*(v.denominator for v in vs))
        out_scales[name] = scale
        columns[name] = [int(v * scale) for v in vs]
    return Wide(columns, out_scales)


@attrs.frozen
class PandasAnswers:
    """What :func:`pandas_compute` decides, as arrays (turned into verdicts by :func:`pandas_verdicts`)."""

    units: Any
    clusters: Any
    targets: dict[str, Any]
    cluster_targets: dict[str, Any]
    #: exact: numerators and denominators (int64, or Python ints in object arrays); floats: the totals
    scores: tuple[Any, Any] | Any
    grades: Any
    ranks: Any
    level_ranks: Any
    awards: dict[str, Any]
    #: whether the exact scores needed Python integers (object arrays): the common denominator of a
    #: commune's criteria did not fit in 64 bits
    object_columns: bool


_LIMIT = 2**62


def _amax(a: Any) -> int:
    import numpy as np

    return int(np.abs(a).max()) if len(a) else 0


def _ge(num: Any, den: Any, an: int, ad: int) -> Any:
    """``num / den >= an / ad`` row by row, by cross-multiplication (in Python integers when
    64 bits could overflow)."""
    if num.dtype != object and (_amax(num) * ad >= _LIMIT or abs(an) * _amax(den) >= _LIMIT):
        num, den = num.astype(object), den.astype(object)
    return num * ad >= an * den


def _add(num: Any, den: Any, n: Any, d: Any) -> tuple[Any, Any]:
    """``num / den + n / d`` row by row over their least common denominator; 64-bit integers while
    they cannot overflow, Python integers (object arrays) from then on."""
    import numpy as np

    if object not in (num.dtype, n.dtype):
        dn, dd = _amax(den), _amax(d)
        if _amax(num) * dd + _amax(n) * dn >= _LIMIT or dn * dd >= _LIMIT:
            num, den = num.astype(object), den.astype(object)
            n, d = n.astype(object), d.astype(object)
    elif num.dtype != object:
        num, den = num.astype(object), den.astype(object)
    elif n.dtype != object:
        n, d = n.astype(object), d.astype(object)
    g = np.gcd(den, d)
    return num * (d // g) + n * (den // g), den // g * d


def pandas_frame(wide: Wide) -> Any:
    """The wide frame of :class:`Wide` (what is timed as "from lists")."""
    import pandas as pd

    return pd.DataFrame(wide.columns)


def pandas_compute(cdoc: Mapping[str, Any], scales: Mapping[str, int], df: Any, *, exact: bool = True) -> PandasAnswers:
    """Targets, scores, ratings, ranks and awards of the national campaign with pandas and numpy,
    vectorised over the communes of a :func:`pandas_frame`; the rules read from the campaign document.

    With *exact*, integers only: shares and thresholds by cross-multiplication; a score as a
    numerator over a denominator, the criteria with a fixed denominator summed as one integer column
    over their least common denominator, the ones in proportion to a measure of the commune added as
    fractions (in Python integers once 64 bits could overflow); bands by cross-multiplication; ranks
    on a column of :class:`~fractions.Fraction` (pandas sorts an object column with Python's exact
    comparisons). Without it, the same in float64, as most pandas code is written.
    """
    import numpy as np
    import pandas as pd

    n_rows = len(df)
    targets = all_targets(cdoc)
    by_id = {t["id"]: t for t in targets}
    order = {lv: [g["id"] for g in s["grades"]] for s in cdoc["scales"] for lv in s["levels"]}

    def col(name: str) -> Any:
        return df[name].to_numpy()

    def value(name: str) -> Any:  # a measure as a float (without exact)
        return col(f"measure.{name}") / scales[f"measure.{name}"]

    met: dict[str, Any] = {}
    numerators: dict[str, Any] = {}
    member_t = [t for t in targets if root_of(t, by_id).get("scope", "members") == "members"]
    cluster_t = [t for t in targets if root_of(t, by_id).get("scope", "members") == "cluster"]
    totals: dict[str, Any] = {}
    for t in member_t:
        kind = t["kind"]
        if kind in ("share", "of_which", "zero_count"):
            root = root_of(t, by_id)
            lv = root["counts"]
            grades = order[lv]
            if lv not in totals:
                totals[lv] = sum(col(f"count.{lv}.{g}") for g in grades)
            if kind == "zero_count":
                met[t["id"]] = sum(col(f"count.{lv}.{g}") for g in grades[grades.index(t["grade"]) :]) == 0
                continue
            grade = t["grade"]
            if kind == "of_which":
                grade = min(grade, by_id[t["parent"]]["grade"], key=grades.index)
            num = sum(col(f"count.{lv}.{g}") for g in grades[: grades.index(grade) + 1])
            numerators[t["id"]] = num
            base = totals[lv] if kind == "share" or t["base"] == "all" else numerators[t["parent"]]
            a = frac(t["at_least"])
            if exact:
                met[t["id"]] = (base > 0) & (num * a.denominator >= a.numerator * base)
            else:
                met[t["id"]] = (base > 0) & (num / np.where(base > 0, base, 1) >= float(a))
        elif kind in ("quota", "count"):
            measure = t["measure"]
            if exact:
                v, sv = col(f"measure.{measure}"), scales[f"measure.{measure}"]
                if kind == "quota" and "quota_measure" in t:
                    q, sq = col(f"measure.{t['quota_measure']}"), scales[f"measure.{t['quota_measure']}"]
                    met[t["id"]] = v * sq >= q * sv
                else:
                    a = frac(t["quota"] if kind == "quota" else t["at_least"])
                    met[t["id"]] = v * a.denominator >= a.numerator * sv
            elif kind == "quota" and "quota_measure" in t:
                met[t["id"]] = value(measure) >= value(t["quota_measure"])
            else:
                met[t["id"]] = value(measure) >= float(frac(t["quota"] if kind == "quota" else t["at_least"]))
        elif kind == "change":
            sign = -1 if t["direction"] == "decrease" else 1
            by = frac(t["by_at_least"])
            if exact:
                v, sv = col(f"measure.{t['measure']}"), scales[f"measure.{t['measure']}"]
                b, sb = col(f"measure.{t['baseline']}"), scales[f"measure.{t['baseline']}"]
                met[t["id"]] = sign * (v * sb - b * sv) * by.denominator >= by.numerator * sv * sb
            else:
                met[t["id"]] = sign * (value(t["measure"]) - value(t["baseline"])) >= float(by)
        else:
            msg = f"the pandas peer does not know target kind {kind!r}"
            raise NotImplementedError(msg)
    all_met = np.logical_and.reduce(list(met.values()))

    # scores
    rubric = next(r for r in cdoc["rubrics"] if "commune" in r["levels"])
    criteria = leaves(rubric["criteria"])
    if any(c.get("children") and "bonus" in c for c in _walk(rubric["criteria"])):
        msg = "the pandas peer knows bonus caps on leaves only"
        raise NotImplementedError(msg)
    # the common denominator of every criterion with a fixed one
    dens = [1]
    for c in criteria:
        method, top = c["method"], frac(c["points"])
        dens.append(top.denominator)
        kind = method["kind"]
        if kind == "assessed":
            dens.append(scales[f"points.{c['id']}"])
            if "bonus" in c:
                dens += [scales[f"bonus.{c['id']}"], frac(c["bonus"]).denominator]
        elif kind == "proportional" and "target" in method:
            target = frac(method["target"])
            dens.append(top.denominator * target.numerator * scales[f"measure.{method['measure']}"])
        elif kind == "step_table":
            dens += [frac(s["points"]).denominator for s in method["steps"]]
        elif kind in ("per_occurrence", "bonus", "penalty"):
            dens.append(frac(method["each"]).denominator * scales[f"measure.{method['measure']}"])
            dens.append(frac(c.get("bonus", 0)).denominator)
            if kind == "penalty":
                dens.append(frac(method["floor"]).denominator)
    common = math.lcm(*dens)
    fixed = np.zeros(n_rows, dtype=np.int64) if exact else np.zeros(n_rows)
    num = np.zeros(n_rows, dtype=np.int64)
    den = np.ones(n_rows, dtype=np.int64)
    assessed = [c for c in criteria if c["method"]["kind"] == "assessed"]
    if assessed:
        cols = [f"points.{c['id']}" for c in assessed]
        if exact:
            weights = np.array([common // scales[name] for name in cols], dtype=np.int64)
            fixed += df[cols].to_numpy(dtype=np.int64) @ weights
        else:
            fixed += df[cols].to_numpy() @ np.array([1 / scales[name] for name in cols])
    for c in criteria:
        method, top = c["method"], frac(c["points"])
        kind = method["kind"]
        if kind == "assessed":
            if "bonus" in c:
                b, sb, cap = col(f"bonus.{c['id']}"), scales[f"bonus.{c['id']}"], frac(c["bonus"])
                if exact:
                    fixed += np.minimum(b * (common // sb), int(cap * common))
                else:
                    fixed += np.minimum(b / sb, float(cap))
            continue
        if kind == "pass_fail":
            when = method["when"]
            if when["kind"] == "target_met":
                ok = met[when["target"]]
            else:
                at = frac(when["value"])
                mv, sv = col(f"measure.{when['measure']}"), scales[f"measure.{when['measure']}"]
                ok = mv * at.denominator >= at.numerator * sv if exact else mv / sv >= float(at)
            fixed += np.where(ok, int(top * common), 0) if exact else np.where(ok, float(top), 0.0)
            continue
        v, sv = col(f"measure.{method['measure']}"), scales[f"measure.{method['measure']}"]
        if kind == "proportional" and "target" in method:
            target = frac(method["target"])
            if exact:
                # top × min(v / sv, target) / target, over top.d × target.n × sv
                reach = np.minimum(v * target.denominator, target.numerator * sv)
                d = top.denominator * target.numerator * sv
                fixed += reach * (top.numerator * (common // d))
            else:
                fixed += float(top) * np.minimum(1.0, v / sv / float(target))
        elif kind == "proportional":
            t, st = col(f"measure.{method['target_measure']}"), scales[f"measure.{method['target_measure']}"]
            if exact:
                full = v * st >= t * sv
                fixed += np.where(full, int(top * common), 0)
                # the others: top × (v / sv) / (t / st) = top.n × v × st / (top.d × sv × t)
                part = np.where(full, 0, v * (st * top.numerator))
                num, den = _add(num, den, part, np.where(full, 1, t * (sv * top.denominator)))
            else:
                fixed += float(top) * np.minimum(1.0, (v / sv) / (t / st))
        elif kind == "step_table":
            steps = method["steps"]
            if exact:
                conds = [v * frac(s["at_least"]).denominator >= frac(s["at_least"]).numerator * sv for s in steps]
                pts = [int(min(frac(s["points"]), top) * common) for s in steps]
                fixed += np.select(conds[::-1], pts[::-1], 0)
            else:
                conds = [v / sv >= float(frac(s["at_least"])) for s in steps]
                fixed += np.select(conds[::-1], [min(float(frac(s["points"])), float(top)) for s in steps][::-1], 0.0)
        elif kind in ("per_occurrence", "bonus", "penalty"):
            each = frac(method["each"])
            limit = top if kind == "per_occurrence" else frac(c["bonus"]) if kind == "bonus" else frac(method["floor"])
            if exact:
                x = v * (each.numerator * (common // (each.denominator * sv)))
                fixed += (
                    np.maximum(-x, int(limit * common)) if kind == "penalty" else np.minimum(x, int(limit * common))
                )
            else:
                x = float(each) * v / sv
                fixed += np.maximum(-x, float(limit)) if kind == "penalty" else np.minimum(x, float(limit))
        else:
            msg = f"the pandas peer does not know method {kind!r}"
            raise NotImplementedError(msg)

    scale = next(s for s in cdoc["scales"] if "commune" in s["levels"])
    grades = order["commune"]
    if exact:
        # the total: fixed over common, plus num over den
        num, den = _add(num, den, fixed, np.full(n_rows, common, dtype=np.int64))
        g = np.gcd(num, den)
        num, den = num // g, den // g
        object_columns = num.dtype == object
    else:
        total = fixed
        object_columns = False
    # bands, best first in the scale's order; then requirements and disqualifiers
    conds, choice = [], []
    for band in scale["bands"]:
        ok = np.ones(n_rows, dtype=bool)
        if "min" in band:
            lo = frac(band["min"])
            if exact:
                ok &= (
                    _ge(num, den, lo.numerator, lo.denominator)
                    if band.get("include_min", True)
                    else ~_ge(-num, den, -lo.numerator, lo.denominator)
                )
            else:
                ok &= total >= float(lo) if band.get("include_min", True) else total > float(lo)
        if "max" in band:
            hi = frac(band["max"])
            if exact:
                ok &= (
                    ~_ge(num, den, hi.numerator, hi.denominator)
                    if not band.get("include_max", False)
                    else _ge(-num, den, -hi.numerator, hi.denominator)
                )
            else:
                ok &= total < float(hi) if not band.get("include_max", False) else total <= float(hi)
        conds.append(ok)
        choice.append(grades.index(band["grade"]))
    gpos = np.select(conds, choice, -1)
    for pos, g in enumerate(scale["grades"]):
        if any(r["kind"] == "all_targets_met" for r in g.get("requires", ())) and pos < len(grades) - 1:
            gpos = np.where((gpos == pos) & ~all_met, pos + 1, gpos)
    for d in scale.get("disqualifiers", ()):
        limit = grades.index(d["max_grade"])
        gpos = np.where(col(f"flag.{d['when']['flag']}") & (gpos < limit), limit, gpos)

    # ranks: in each cluster and over the level (1, 2, 2, 4)
    if exact:
        ranks = _exact_ranks(num, den, df["cluster"])
        level_ranks = _exact_ranks(num, den, None)
    else:
        key = pd.Series(total, index=df.index)
        ranks = key.groupby(df["cluster"]).rank(method="min", ascending=False).to_numpy(dtype=np.int64)
        level_ranks = key.rank(method="min", ascending=False).to_numpy(dtype=np.int64)

    # cluster targets: shares of members rated at or above a grade
    cluster_targets = {}
    for t in cluster_t:
        ok = pd.Series(gpos <= order[t["counts"]].index(t["grade"]), index=df.index)
        agg = ok.groupby(df["cluster"]).agg(["sum", "size"])
        a = frac(t["at_least"])
        cluster_targets[t["id"]] = agg["sum"] * a.denominator >= a.numerator * agg["size"]

    # awards, rule after rule in the campaign's order
    held: dict[str, Any] = {}
    rules = {r["id"]: r for r in cdoc.get("awards", [])}
    sizes = df.groupby("cluster").size()
    base_frame = pd.DataFrame({"cluster": df["cluster"], "rank": ranks, "unit": df["unit"]})
    for rule in cdoc.get("awards", []):
        if rule.get("within", "cluster") != "cluster":
            msg = "the pandas peer knows awards within clusters only"
            raise NotImplementedError(msg)
        ok = np.ones(n_rows, dtype=bool)
        for cond in rule.get("conditions", ()):
            if cond["kind"] == "min_grade":
                ok &= gpos <= grades.index(cond["grade"])
            elif cond["kind"] == "max_rank":
                ok &= ranks <= cond["rank"]
            elif cond["kind"] == "all_targets_met":
                ok &= all_met
            else:
                msg = f"the pandas peer does not know condition kind {cond['kind']!r}"
                raise NotImplementedError(msg)
        for other, granted in held.items():
            if other in rule.get("exclusive_with", ()) or rule["id"] in rules[other].get("exclusive_with", ()):
                ok &= ~granted
        e = base_frame[ok].sort_values(["cluster", "rank", "unit"])
        position = e.groupby("cluster").cumcount().to_numpy()
        quota = rule.get("quota")
        if quota is None:
            allowed = np.full(len(e), n_rows)
        elif "count" in quota:
            allowed = np.full(len(e), quota["count"])
        else:
            share = frac(quota["share"])
            if quota.get("rounding", "floor") != "floor":
                msg = "the pandas peer knows floor rounding only"
                raise NotImplementedError(msg)
            base = sizes if quota.get("of", "members") == "members" else e.groupby("cluster").size()
            allowed = e["cluster"].map(base * share.numerator // share.denominator).to_numpy()
        win = position < allowed
        # units tied at the cut are all left out
        rank_e = e["rank"].to_numpy()
        cut = pd.Series(rank_e[position == allowed], index=e["cluster"].to_numpy()[position == allowed])
        before = pd.Series(rank_e[position == allowed - 1], index=e["cluster"].to_numpy()[position == allowed - 1])
        tied = cut[cut == before.reindex(cut.index)]
        win &= ~(e["cluster"].map(tied).to_numpy() == rank_e)
        granted = np.zeros(n_rows, dtype=bool)
        granted[e.index.to_numpy()[win]] = True
        held[rule["id"]] = granted
    return PandasAnswers(
        df["unit"].to_numpy(),
        df["cluster"].to_numpy(),
        met,
        cluster_targets,
        (num, den) if exact else total,
        np.array(grades, dtype=object)[gpos],
        ranks,
        level_ranks,
        held,
        bool(object_columns),
    )


def _exact_ranks(num: Any, den: Any, groups: Any) -> Any:
    """Ranks (1, 2, 2, 4) of the fractions ``num / den``, best first, in each of *groups* (or over all).

    pandas ranks their floats, correctly rounded (Python's division of integers; numpy's of 64-bit
    integers below 2**53): a float never orders two numbers the wrong way round, it can only make
    different numbers equal. The rows whose float equals another's in their group are then checked
    by cross-multiplication, and a group of equal floats hiding different numbers is ranked again
    exactly (with :class:`~fractions.Fraction`), from the rank its float got.
    """
    import numpy as np
    import pandas as pd

    if num.dtype == object or _amax(num) >= 2**53 or _amax(den) >= 2**53:
        floats = (num.astype(object) / den.astype(object)).astype(np.float64)
    else:
        floats = num / den
    frame = pd.DataFrame({"group": 0 if groups is None else groups.to_numpy(), "f": floats})
    ranks = frame.groupby("group")["f"].rank(method="min", ascending=False).to_numpy(dtype=np.int64)
    same = frame.duplicated(["group", "f"], keep=False).to_numpy()
    if same.any():
        rows = np.flatnonzero(same)
        n, d = num[rows].astype(object), den[rows].astype(object)
        run = frame.iloc[rows].groupby(["group", "f"]).ngroup().to_numpy()
        _, first = np.unique(run, return_index=True)
        equal = n * d[first[run]] == n[first[run]] * d  # each row against the first of its run
        for bad in np.unique(run[~equal]):  # a run of equal floats hiding different numbers
            at = rows[run == bad]
            exact = pd.Series([Fraction(x, y) for x, y in zip(n[run == bad], d[run == bad], strict=True)])
            ranks[at] = ranks[at[0]] - 1 + exact.rank(method="min", ascending=False).to_numpy(dtype=np.int64)
    return ranks


def _walk(criteria: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    for c in criteria:
        out.append(c)
        out.extend(_walk(c.get("children", ())))
    return out


def pandas_verdicts(answers: PandasAnswers) -> Verdicts:
    """pandas' answers in the common form (exact scores as fractions, float ones as floats)."""
    out: Verdicts = {k: {} for k in CATEGORIES}
    units = [str(u) for u in answers.units]
    for tid, column in answers.targets.items():
        out["targets"].update({(u, tid): bool(v) for u, v in zip(units, column, strict=True)})
    for tid, series in answers.cluster_targets.items():
        out["targets"].update({(str(c), tid): bool(v) for c, v in series.items()})
    if isinstance(answers.scores, tuple):
        num, den = answers.scores
        out["scores"] = {u: Fraction(int(n), int(d)) for u, n, d in zip(units, num, den, strict=True)}
    else:
        out["scores"] = {u: float(v) for u, v in zip(units, answers.scores, strict=True)}
    out["ratings"] = dict(zip(units, (str(g) for g in answers.grades), strict=True))
    out["ranks"] = {(str(c), u): int(r) for c, u, r in zip(answers.clusters, units, answers.ranks, strict=True)}
    out["level_ranks"] = {u: int(r) for u, r in zip(units, answers.level_ranks, strict=True)}
    for rule, granted in answers.awards.items():
        out["awards"].update({(u, rule): bool(v) for u, v in zip(units, granted, strict=True)})
    return out


# -- OpenFisca-core (share and "of which" targets) -----------------------------------------------


def openfisca_system() -> Any:
    """A tax-benefit system with the four targets on front work committees, thresholds as parameters."""
    from openfisca_core.entities import build_entity
    from openfisca_core.parameters import ParameterNode
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    commune = build_entity(key="commune", plural="communes", label="Commune front committee", is_person=True)

    def var(name: str, value_type: type, formula: Callable[..., Any] | None = None) -> type:
        body: dict[str, Any] = {
            "value_type": value_type,
            "entity": commune,
            "definition_period": DateUnit.YEAR,
            "label": name,
        }
        if formula is not None:
            body["formula"] = formula
        return type(name, (Variable,), body)

    def total(c: Any, p: Any, _params: Any) -> Any:
        return c("bctmt_htxs", p) + c("bctmt_htt", p) + c("bctmt_ht", p) + c("bctmt_kht", p)

    def good(c: Any, p: Any, _params: Any) -> Any:
        return c("bctmt_htxs", p) + c("bctmt_htt", p)

    def share_good(c: Any, p: Any, _params: Any) -> Any:
        return c("bctmt_good", p) / c("bctmt_total", p)

    def share_exc(c: Any, p: Any, _params: Any) -> Any:
        return c("bctmt_htxs", p) / c("bctmt_total", p)

    def share_exc_of_good(c: Any, p: Any, _params: Any) -> Any:
        g = c("bctmt_good", p)
        return c("bctmt_htxs", p) / (g + (g == 0))

    variables = [
        var("bctmt_htxs", int),
        var("bctmt_htt", int),
        var("bctmt_ht", int),
        var("bctmt_kht", int),
        var("bctmt_total", int, total),
        var("bctmt_good", int, good),
        var("bctmt_share_good", float, share_good),
        var("bctmt_share_excellent", float, share_exc),
        var("bctmt_share_excellent_of_good", float, share_exc_of_good),
        var("bctmt_good_met", bool, lambda c, p, params: c("bctmt_share_good", p) >= params(p).bctmt.good),
        var(
            "bctmt_excellent_met",
            bool,
            lambda c, p, params: c("bctmt_share_excellent", p) >= params(p).bctmt.excellent,
        ),
        var(
            "bctmt_excellent_of_good_met",
            bool,
            lambda c, p, params: (
                (c("bctmt_good", p) > 0) * (c("bctmt_share_excellent_of_good", p) >= params(p).bctmt.excellent)
            ),
        ),
        var("bctmt_no_weak_met", bool, lambda c, p, _params: c("bctmt_kht", p) == 0),
    ]
    system = TaxBenefitSystem([commune])
    for v in variables:
        system.add_variable(v)
    values = {"good": 0.8, "excellent": 0.3}
    system.parameters = ParameterNode(
        "", data={"bctmt": {k: {"values": {"2020-01-01": {"value": v}}} for k, v in values.items()}}
    )
    return system


OPENFISCA_TARGETS = {
    "bctmt-good": "bctmt_good_met",
    "bctmt-excellent": "bctmt_excellent_met",
    "bctmt-excellent-of-good": "bctmt_excellent_of_good_met",
    "bctmt-no-weak": "bctmt_no_weak_met",
}


def openfisca_run(system: Any, count: int, arrays: Mapping[str, Any], year: int) -> list[Any]:
    """OpenFisca's own work on the four targets: a simulation of *count* communes, the counts set
    as inputs, the four verdict variables calculated. Returns its arrays, one per target, in the
    order of ``OPENFISCA_TARGETS`` (turned into verdicts outside the timing, by :func:`verdicts_of`)."""
    from openfisca_core.simulations import SimulationBuilder

    sim = SimulationBuilder().build_default_simulation(system, count=count)
    for g, arr in arrays.items():
        sim.set_input(f"bctmt_{g}", str(year), arr)
    return [sim.calculate(var, str(year)) for var in OPENFISCA_TARGETS.values()]


def pure_python_floor(units: list[str], counts: Mapping[str, Mapping[str, int]]) -> list[list[bool]]:
    """The four OpenFisca targets in the plainest exact pure Python: integer cross-multiplication on
    the same counts, no outcome objects, no checks, the verdicts in four columns like OpenFisca's
    arrays. The least any pure-Python engine must spend."""
    good_met: list[bool] = []
    excellent_met: list[bool] = []
    of_good_met: list[bool] = []
    no_weak: list[bool] = []
    for u in units:
        c = counts[u]
        excellent, weak = c.get("htxs", 0), c.get("kht", 0)
        good = excellent + c.get("htt", 0)
        total = good + c.get("ht", 0) + weak
        good_met.append(good * 5 >= total * 4)  # 80%
        excellent_met.append(excellent * 10 >= total * 3)  # 30% of all
        of_good_met.append(good > 0 and excellent * 10 >= good * 3)  # 30% of the good ones
        no_weak.append(weak == 0)
    return [good_met, excellent_met, of_good_met, no_weak]


def bare_loop(n: int) -> None:
    """A Python loop of *n* iterations that does nothing: the time the interpreter needs only to
    step once per verdict."""
    for _ in range(n):
        pass


def verdicts_of(units: list[str], columns: Iterable[Iterable[Any]]) -> dict[tuple[str, str], bool]:
    """Verdict columns (one per target of ``OPENFISCA_TARGETS``, in its order) as ``{(unit, target): bool}``."""
    out: dict[tuple[str, str], bool] = {}
    for tid, column in zip(OPENFISCA_TARGETS, columns, strict=True):
        out.update({(u, tid): bool(v) for u, v in zip(units, column, strict=True)})
    return out


# -- comparing ---------------------------------------------------------------------------------------


def differences(truth: Verdicts, other: Verdicts, categories: Iterable[str] = CATEGORIES) -> dict[str, int]:
    """How many entries of *other* differ from *truth* (a missing entry counts as different).

    A float score counts as different only when it is more than 10⁻⁹ away from
    the exact score: the representation error of a binary float is not counted,
    what it does to a rating or a rank is.
    """
    out = {}
    for cat in categories:
        want, got = truth[cat], other.get(cat, {})
        out[cat] = sum(1 for k, v in want.items() if k not in got or not _same(got[k], v)) + sum(
            1 for k in got if k not in want
        )
    return out


def _same(got: Any, want: Any) -> bool:
    if isinstance(got, float) and isinstance(want, Fraction):
        return abs(Fraction(got) - want) <= Fraction(1, 10**9)
    return bool(got == want)


def inexact(truth: Verdicts, other: Verdicts) -> int:
    """How many float scores are not exactly the exact score."""
    return sum(1 for k, v in truth["scores"].items() if k in other["scores"] and Fraction(other["scores"][k]) != v)
