"""National benchmark: thidua, pandas, OpenFisca-core and a Fraction oracle on the same data.

One process, one run, one generated national workload (34 provinces, 3,321
communes, ~100,000 front work committees as counts, clusters of 6–9, a
50-criterion rubric; see :mod:`thidua.synth`):

* thidua: load the national results file, prepare, evaluate (every target,
  score, rating, rank and award), one explanation on demand, one commune
  updated (:class:`thidua.engine.Session`), and the same with five years of
  history and two review stages;
* pandas: the same verdicts, scores, ratings and ranks, written as an analyst
  would (floats);
* OpenFisca-core: the share and "of which" targets, as a rules-as-code model;
* an exact :class:`~fractions.Fraction` oracle written from the documents,
  independently of the engine.

thidua must agree with the oracle on every verdict, score, rating and rank;
pandas and OpenFisca differences are counted. Times are medians of warm runs;
the figures compared with each other (thidua's evaluation and pandas' compute;
the history case and pandas' compute; OpenFisca, the pure-Python floor and
thidua on four targets) are timed in turn, round after round, so that a slow
minute of a shared machine slows all of them. The last line printed is one JSON object with every
figure.

Run from the repository root (needs the ``bench`` extra: pandas, openfisca-core)::

    PYTHONPATH=src python benchmarks/national.py            # full run
    PYTHONPATH=src python benchmarks/national.py --repeat 3 --provinces 12 46   # quick
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import thidua  # noqa: E402
from thidua import synth  # noqa: E402
from thidua.engine import Session  # noqa: E402

Verdicts = dict[str, dict[Any, Any]]
CATEGORIES = ("targets", "scores", "ratings", "ranks")


# -- timing ---------------------------------------------------------------------------------------


def median_time(fn: Callable[[], object], repeat: int, *, warmup: int = 1) -> tuple[float, object]:
    """Median wall time of *fn* over *repeat* runs after *warmup* runs, and its last result."""
    medians, last = alternating_medians({"fn": fn}, repeat, warmup=warmup)
    return medians["fn"], last["fn"]


def alternating_medians(
    fns: Mapping[str, Callable[[], object]], repeat: int, *, warmup: int = 1
) -> tuple[dict[str, float], dict[str, object]]:
    """Median wall times of several functions timed in turn, round after round (after *warmup*
    rounds; each round starts one function later), and the last result of each.

    A slow minute of a shared machine then slows every function compared, not only the one timed
    in it: the ratios between them are measured under the same conditions.
    """
    names = list(fns)
    results: dict[str, object] = dict.fromkeys(names)
    for _ in range(warmup):
        for name in names:
            results[name] = fns[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(repeat):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            results[name] = None  # the previous result is freed before the clock starts
            t = time.perf_counter()
            results[name] = fns[name]()
            times[name].append(time.perf_counter() - t)
    return {name: statistics.median(v) for name, v in times.items()}, results


def _fresh_median(code: str, repeat: int) -> float:
    """Median of the number *code* prints, each run in a fresh interpreter.

    The package's bytecode is compiled first (one untimed run that may write it), as ``pip
    install`` does: with ``PYTHONDONTWRITEBYTECODE`` set, as on some machines, every fresh
    interpreter would otherwise compile the sources again, which is not what a user's import costs.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)  # noqa: S603
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)  # noqa: S603
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def import_time(repeat: int, *, touch: bool = False) -> float:
    """Median of ``import thidua`` measured inside fresh interpreters.

    With *touch*, also the first use of ``thidua.load`` and ``thidua.evaluate``, which
    import the file formats and the engine (PEP 562).
    """
    first_use = "; thidua.load; thidua.evaluate" if touch else ""
    return _fresh_median(
        f"import time; t = time.perf_counter(); import thidua{first_use}; print(time.perf_counter() - t)", repeat
    )


def cold_load_time(path: Path, repeat: int) -> float:
    """Median of the first ``thidua.load`` of *path* in fresh interpreters (imports of the
    file formats and the converter included, ``import thidua`` itself not)."""
    return _fresh_median(
        "import time, thidua; t = time.perf_counter();"
        f" thidua.load({str(path)!r}, expected='results'); print(time.perf_counter() - t)",
        repeat,
    )


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - not on every platform
        load = None
    return {
        "load_average_1_5_15_min": load,
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
    }


# -- reading documents as plain data (for pandas, OpenFisca and the oracle) ----------------------------


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


# -- the Fraction oracle ----------------------------------------------------------------------------


def oracle(cdoc: Mapping[str, Any], rdoc: Mapping[str, Any]) -> Verdicts:
    """Every verdict, score, rating and rank, in exact arithmetic, read from the documents alone.

    Written from the document format and the domain rules (``docs``), not from
    the engine: shares are counts over counts, "or better" is cumulative, bands
    are half-open, ties share a rank.
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
        met = {t: v for (u, t), v in out["targets"].items() if u == uid}
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
        grades = order["commune"]
        while True:
            g = next(x for x in scale["grades"] if x["id"] == grade)
            needs_all = any(r["kind"] == "all_targets_met" for r in g.get("requires", []))
            if not needs_all or all(out["targets"][(uid, t["id"])] for t in member_t) or grade == grades[-1]:
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
            grades = order[t["counts"]]
            good = sum(1 for u in cl["members"] if grades.index(out["ratings"][u]) <= grades.index(t["grade"]))
            out["targets"][(cl["id"], t["id"])] = Fraction(good, len(cl["members"])) >= frac(t["at_least"])
    return out


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
            assert cond["kind"] == "target_met"  # noqa: S101 - the generated rubric
            return (top if met[cond["target"]] else Fraction(0)), Fraction(0)
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


# -- thidua ----------------------------------------------------------------------------------------


def thidua_verdicts(ev: thidua.Evaluation) -> Verdicts:
    out: Verdicts = {k: {} for k in CATEGORIES}
    for u in ev.units:
        if u.level != "commune":
            continue
        for t in u.targets:
            out["targets"][(u.unit, t.target)] = t.met
        if u.score is not None:
            out["scores"][u.unit] = u.score.total
        out["ratings"][u.unit] = u.rating.grade
    for cl in ev.clusters:
        for t in cl.targets:
            out["targets"][(cl.cluster, t.target)] = t.met
        for e in cl.ranking.entries:
            out["ranks"][(cl.cluster, e.unit)] = e.rank
    return out


# -- pandas (floats, as an analyst writes it) ------------------------------------------------------------


def pandas_frames(cdoc: Mapping[str, Any], rdoc: Mapping[str, Any]) -> tuple[Any, Any]:
    """The frames an analyst builds from the two JSON documents."""
    import pandas as pd

    units = pd.json_normalize(rdoc["units"], max_level=2)
    units = units.rename(columns=lambda c: c.split(".")[-1]).set_index("unit")
    for col in units.columns:
        if col not in ("htxs", "htt", "ht", "kht", "disciplined", "assessments"):
            units[col] = pd.to_numeric(units[col])
    clusters = pd.DataFrame(
        [(u, cl["id"]) for cl in cdoc["clusters"] for u in cl["members"]], columns=["unit", "cluster"]
    ).set_index("unit")
    units = units.drop(columns=["assessments"]).join(clusters)
    scores = pd.json_normalize(
        rdoc["units"], record_path=["assessments", "scores"], meta=["unit", ["assessments", "stage"]]
    )
    return units, scores


def pandas_verdicts(cdoc: Mapping[str, Any], units: Any, scores: Any) -> Verdicts:
    """Targets, scores, ratings and ranks with pandas and numpy floats."""
    import numpy as np
    import pandas as pd

    def pct(text: str) -> float:
        return float(text.rstrip("%"))

    df = units.copy()
    n = df[["htxs", "htt", "ht", "kht"]].sum(axis=1)
    good = df["htxs"] + df["htt"]
    met = pd.DataFrame(index=df.index)
    for t in all_targets(cdoc):
        kind = t["kind"]
        if t.get("scope") == "cluster":
            continue
        if kind == "share":
            met[t["id"]] = good / n * 100 >= pct(t["at_least"])
        elif kind == "of_which":
            base = n if t["base"] == "all" else good
            met[t["id"]] = (base > 0) & (df["htxs"] / base * 100 >= pct(t["at_least"]))
        elif kind == "zero_count":
            met[t["id"]] = df["kht"] == 0
        elif kind == "quota":
            met[t["id"]] = df[t["measure"]] >= df[t["quota_measure"]]
        elif kind == "change":
            met[t["id"]] = df[t["baseline"]] - df[t["measure"]] >= float(t["by_at_least"])
        elif kind == "count":
            met[t["id"]] = df[t["measure"]] >= float(t["at_least"])
    stage_order = {s["id"]: i for i, s in enumerate(cdoc["stages"])}
    s = scores.assign(order=scores["assessments.stage"].map(stage_order)).sort_values(["unit", "order"])
    s["points"] = pd.to_numeric(s["points"])
    if "bonus" in s:
        s["bonus"] = pd.to_numeric(s["bonus"])
    settled = s.groupby(["unit", "criterion"])[[c for c in ("points", "bonus") if c in s]].last()
    points = settled.reset_index().pivot_table(index="unit", columns="criterion", values="points", aggfunc="first")
    rubric = next(r for r in cdoc["rubrics"] if "commune" in r["levels"])
    total = pd.Series(0.0, index=df.index)
    for c in leaves(rubric["criteria"]):
        kind, top = c["method"]["kind"], float(c["points"])
        method = c["method"]
        if kind == "assessed":
            total += points[c["id"]].reindex(df.index)
            if "bonus" in c and "bonus" in settled:
                total += (
                    settled["bonus"]
                    .xs(c["id"], level="criterion")
                    .clip(upper=float(c["bonus"]))
                    .reindex(df.index)
                    .fillna(0)
                )
        elif kind == "proportional":
            total += top * np.minimum(1, df[method["measure"]] / df[method["target_measure"]])
        elif kind == "pass_fail":
            total += np.where(met[method["when"]["target"]], top, 0.0)
        elif kind == "per_occurrence":
            total += np.minimum(top, float(method["each"]) * df[method["measure"]])
        elif kind == "step_table":
            pts = pd.Series(0.0, index=df.index)
            for step in method["steps"]:
                pts = pts.where(df[method["measure"]] < float(step["at_least"]), float(step["points"]))
            total += np.minimum(top, pts)
        elif kind == "bonus":
            total += np.minimum(float(c["bonus"]), float(method["each"]) * df[method["measure"]])
        elif kind == "penalty":
            total += np.maximum(float(method["floor"]), -float(method["each"]) * df[method["measure"]])
    df["total"] = total
    grade = np.select([total >= 90, total >= 70, total >= 50], ["htxs", "htt", "ht"], "kht")
    grade = np.where((grade == "htxs") & ~met.all(axis=1), "htt", grade)
    grade = np.where(df["disciplined"].astype(bool) & np.isin(grade, ["htxs", "htt"]), "ht", grade)
    df["grade"] = grade
    df["rank"] = df.groupby("cluster")["total"].rank(method="min", ascending=False).astype(int)
    out: Verdicts = {k: {} for k in CATEGORIES}
    for tid in met.columns:
        for uid, v in met[tid].items():
            out["targets"][(uid, tid)] = bool(v)
    for t in all_targets(cdoc):
        if t.get("scope") == "cluster":
            share = df.assign(ok=df["grade"].isin(["htxs", "htt"])).groupby("cluster")["ok"].mean() * 100
            for cid, v in (share >= pct(t["at_least"])).items():
                out["targets"][(cid, t["id"])] = bool(v)
    out["scores"] = dict(df["total"].items())
    out["ratings"] = dict(df["grade"].items())
    out["ranks"] = {(c, u): int(r) for u, c, r in zip(df.index, df["cluster"], df["rank"], strict=True)}
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


def targets_only(campaign: thidua.Campaign, keep: Iterable[str]) -> thidua.Campaign:
    """The campaign with only the targets *keep*: no rubric, bands, requirements or awards."""
    wanted = set(keep)
    agreements = tuple(
        attrs.evolve(
            ag,
            content_areas=tuple(
                attrs.evolve(a, targets=tuple(t for t in a.targets if t.id in wanted)) for a in ag.content_areas
            ),
        )
        for ag in campaign.agreements
    )
    scales = tuple(
        attrs.evolve(
            s,
            bands=(),
            disqualifiers=(),
            grades=tuple(attrs.evolve(g, requires=()) for g in s.grades),
        )
        for s in campaign.scales
    )
    return attrs.evolve(campaign, agreements=agreements, scales=scales, rubrics=(), awards=(), titles=())


def one_commune_changed(results: thidua.Results) -> thidua.model.UnitResult:
    """The first commune's results with one committee moved from "good" down to "fair"."""
    row = results.units[0]
    counts = dict(row.counts["hamlet"])
    counts["htt"], counts["ht"] = counts["htt"] - 1, counts["ht"] + 1
    return attrs.evolve(row, counts={"hamlet": counts})


def timed_update(prepared: thidua.engine.Prepared, results: thidua.Results, repeat: int) -> tuple[float, bool]:
    """Median time of :meth:`Session.update` with the first commune's results, changed
    (:func:`one_commune_changed`) and as they were in turn; and whether the session, once
    updated with the change, gives the same verdicts as a full evaluation of the changed results."""
    session = Session(prepared, results)
    changed, row = one_commune_changed(results), results.units[0]
    rows = [changed, row]
    state = {"i": 0}

    def update() -> object:
        state["i"] += 1
        return session.update(rows[state["i"] % 2])

    seconds, _ = median_time(update, repeat)
    session.update(changed)
    full = thidua.evaluate(prepared, attrs.evolve(results, units=(changed, *results.units[1:])))
    return seconds, thidua_verdicts(session.evaluation) == thidua_verdicts(full)


def timed_explain_after_update(
    prepared: thidua.engine.Prepared, results: thidua.Results, repeat: int
) -> tuple[float, float, bool]:
    """Median times of a commune's explanation right after :meth:`Session.update` changed it: the
    snapshot of the whole evaluation after the update (:attr:`Update.evaluation`) with the
    explanation, and the explanation alone; and whether the explanation equals the one of a full
    evaluation of the same results. The update itself is not timed (see :func:`timed_update`)."""
    from thidua.l10n import explain_unit

    session = Session(prepared, results)
    changed, row = one_commune_changed(results), results.units[0]
    rows = [changed, row]
    state = {"i": 0, "ev": None}

    def update() -> thidua.engine.Update:
        state["i"] += 1
        return session.update(rows[state["i"] % 2])

    snapshot_and_explain, explain_only = [], []
    for _ in range(repeat + 1):
        up = update()
        t = time.perf_counter()
        ev = up.evaluation
        t1 = time.perf_counter()
        lines = explain_unit(ev, row.unit, campaign=prepared)
        t2 = time.perf_counter()
        snapshot_and_explain.append(t2 - t)
        explain_only.append(t2 - t1)
    full = thidua.evaluate(prepared, up.results)
    same = lines == explain_unit(full, row.unit, campaign=prepared)
    return statistics.median(snapshot_and_explain[1:]), statistics.median(explain_only[1:]), same


# -- the run --------------------------------------------------------------------------------------------


def memory_probe(directory: Path) -> None:
    """Peak memory (tracemalloc) of loading, preparing and evaluating the national case; prints JSON."""
    tracemalloc.start()
    campaign = thidua.load(directory / "campaign.json", expected="campaign")
    results = thidua.load(directory / "results.json", expected="results")
    prepared = thidua.prepare(campaign)
    ev = thidua.evaluate(prepared, results)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"peak_bytes": peak, "units": len(ev.units)}))


def write_docs(directory: Path, seed: int, provinces: list[str] | None, history_years: int, stages: int) -> float:
    t = time.perf_counter()
    campaign, results, history = synth.generate_national(
        seed, provinces=provinces, history_years=history_years, stages=stages
    )
    elapsed = time.perf_counter() - t
    directory.mkdir(parents=True, exist_ok=True)
    thidua.dump(campaign, directory / "campaign.json")
    thidua.dump(results, directory / "results.json")
    if history is not None:
        thidua.dump(history, directory / "history.json")
    return elapsed


def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    import numpy as np

    repeat = args.repeat
    fig: dict[str, Any] = {"seed": args.seed, "repeat": repeat}
    base_dir, full_dir = tmp / "base", tmp / "full"
    fig["generate_s"] = write_docs(base_dir, args.seed, args.provinces, 0, 1)
    write_docs(full_dir, args.seed, args.provinces, 5, 2)
    fig["results_file_bytes"] = (base_dir / "results.json").stat().st_size

    # loading
    fig["load_results_s"], results = median_time(
        lambda: thidua.load(base_dir / "results.json", expected="results"), max(3, repeat // 2)
    )
    fig["load_results_cold_s"] = cold_load_time(base_dir / "results.json", 3)
    fig["load_campaign_s"], campaign = median_time(
        lambda: thidua.load(base_dir / "campaign.json", expected="campaign"), max(3, repeat // 2)
    )
    assert isinstance(results, thidua.Results)  # noqa: S101
    assert isinstance(campaign, thidua.Campaign)  # noqa: S101
    fig["units"] = sum(1 for u in campaign.units if u.level == "commune")
    fig["provinces"] = sum(1 for u in campaign.units if u.level == "province")
    fig["clusters"] = len(campaign.clusters)
    fig["committees"] = sum(sum(r.counts["hamlet"].values()) for r in results.units)
    fig["criteria"] = len(campaign.rubrics[0].leaves())

    # thidua: preparing, and the inputs of the history case
    fig["prepare_s"], prepared = median_time(lambda: thidua.prepare(campaign), max(3, repeat // 2))
    full_campaign = thidua.load(full_dir / "campaign.json", expected="campaign")
    full_results = thidua.load(full_dir / "results.json", expected="results")
    full_history = thidua.load(full_dir / "history.json", expected="history")
    full_prepared = thidua.prepare(full_campaign)

    # the plain documents (for pandas and the oracle) and pandas' frames
    cdoc = json.loads((base_dir / "campaign.json").read_text(encoding="utf-8"))
    rdoc = json.loads((base_dir / "results.json").read_text(encoding="utf-8"))
    fig["pandas_frames_s"], frames = median_time(lambda: pandas_frames(cdoc, rdoc), max(3, repeat // 2))
    units_df, scores_df = frames  # type: ignore[misc]

    # thidua's evaluation and pandas' compute timed in turn (see alternating_medians); then the
    # history case and pandas' compute. Not the two evaluations in turn: each then runs with the
    # other's 100 MB of objects in the processor's caches instead of its own, and both measured
    # 30-40% slower than beside pandas (whose arrays are small) on this machine
    medians, last = alternating_medians(
        {
            "thidua_evaluate_s": lambda: thidua.evaluate(prepared, results),
            "pandas_compute_s": lambda: pandas_verdicts(cdoc, units_df, scores_df),
        },
        repeat,
    )
    fig.update(medians)
    ev, pverdicts = last["thidua_evaluate_s"], last["pandas_compute_s"]
    assert isinstance(ev, thidua.Evaluation)  # noqa: S101
    medians, _ = alternating_medians(
        {
            "thidua_evaluate_history_s": lambda: thidua.evaluate(full_prepared, full_results, history=full_history),
            "pandas_compute_beside_history_s": lambda: pandas_verdicts(cdoc, units_df, scores_df),
        },
        repeat,
    )
    fig.update(medians)
    fig["history_ratio"] = fig["thidua_evaluate_history_s"] / fig["thidua_evaluate_s"]
    fig["pandas_total_s"] = fig["pandas_frames_s"] + fig["pandas_compute_s"]
    try:
        from thidua.l10n import explain_unit

        some = next(u.unit for u in ev.units if u.level == "commune")
        fig["explain_unit_s"], _ = median_time(lambda: explain_unit(ev, some, campaign=prepared), repeat)
    except ImportError:  # pragma: no cover - l10n is part of the package
        fig["explain_unit_s"] = None

    # incremental: one commune changes, its cluster is re-ranked
    fig["incremental_update_s"], fig["incremental_equals_full"] = timed_update(prepared, results, repeat * 5)
    # and its explanation right after, from the snapshot of the update (no full evaluation)
    (
        fig["explain_after_update_s"],
        fig["explain_after_update_explain_only_s"],
        fig["explain_after_update_equals_full"],
    ) = timed_explain_after_update(prepared, results, repeat * 5)

    # the oracle
    fig["oracle_s"], truth = median_time(lambda: oracle(cdoc, rdoc), 1, warmup=0)
    assert isinstance(truth, dict)  # noqa: S101
    fig["thidua_differences"] = differences(truth, thidua_verdicts(ev))
    fig["pandas_differences"] = differences(truth, pverdicts)  # type: ignore[arg-type]
    fig["pandas_scores_not_exact"] = inexact(truth, pverdicts)  # type: ignore[arg-type]

    # OpenFisca, the pure-Python floor and thidua on the same four targets, timed in turn
    try:
        system = openfisca_system()
        members = [u for cl in cdoc["clusters"] for u in cl["members"]]
        by_unit = {r["unit"]: r["counts"]["hamlet"] for r in rdoc["units"]}
        arrays = {g: np.array([by_unit[u].get(g, 0) for u in members]) for g in ("htxs", "htt", "ht", "kht")}
        small = thidua.prepare(targets_only(campaign, OPENFISCA_TARGETS))
        counts_only = attrs.evolve(
            results, units=tuple(thidua.model.UnitResult(r.unit, counts=r.counts) for r in results.units)
        )
        medians, last = alternating_medians(
            {
                "openfisca_s": lambda: openfisca_run(system, len(members), arrays, 2026),
                "pure_python_floor_s": lambda: pure_python_floor(members, by_unit),
                "bare_loop_s": lambda: bare_loop(len(members) * len(OPENFISCA_TARGETS)),
                "thidua_targets_only_s": lambda: thidua.evaluate(small, counts_only),
            },
            repeat,
        )
        fig.update(medians)
        subset = {"targets": {k: v for k, v in truth["targets"].items() if k[1] in OPENFISCA_TARGETS}}
        of = verdicts_of(members, last["openfisca_s"])  # type: ignore[arg-type]
        floor = verdicts_of(members, last["pure_python_floor_s"])  # type: ignore[arg-type]
        small_ev = last["thidua_targets_only_s"]
        fig["openfisca_differences"] = differences(subset, {"targets": of}, ["targets"])
        fig["pure_python_floor_differences"] = differences(subset, {"targets": floor}, ["targets"])
        fig["openfisca_version"] = _version("openfisca-core")
        assert isinstance(small_ev, thidua.Evaluation)  # noqa: S101
        got = {k: v for k, v in thidua_verdicts(small_ev)["targets"].items() if k[1] in OPENFISCA_TARGETS}
        fig["thidua_targets_only_differences"] = differences(subset, {"targets": got}, ["targets"])
        # one commune changed: OpenFisca computes every commune again; thidua updates that one
        fig["thidua_targets_only_update_s"], fig["thidua_targets_only_update_equals_full"] = timed_update(
            small, counts_only, repeat * 5
        )
    except ImportError as exc:
        fig["openfisca_s"] = None
        fig["openfisca_error"] = str(exc)
    fig["pandas_version"] = _version("pandas")

    # process-level figures
    probe = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--memory-probe", str(base_dir)], capture_output=True, text=True, check=True
    )
    fig["peak_memory_bytes"] = json.loads(probe.stdout.strip().splitlines()[-1])["peak_bytes"]
    fig["import_thidua_s"] = import_time(max(5, repeat))
    fig["import_thidua_first_use_s"] = import_time(max(5, repeat), touch=True)

    # ratios and targets
    fig["ratio_vs_pandas_compute"] = fig["thidua_evaluate_s"] / fig["pandas_compute_s"]
    fig["ratio_vs_pandas_total"] = fig["thidua_evaluate_s"] / fig["pandas_total_s"]
    if fig.get("openfisca_s"):
        fig["speedup_vs_openfisca"] = fig["openfisca_s"] / fig["thidua_targets_only_s"]
        fig["floor_vs_openfisca"] = fig["pure_python_floor_s"] / fig["openfisca_s"]
    fig["goals"] = {
        "evaluate_within_1_5x_pandas": fig["ratio_vs_pandas_compute"] <= 1.5,
        "exact_vs_oracle": not any(fig["thidua_differences"].values()),
        "3x_faster_than_openfisca": bool(fig.get("speedup_vs_openfisca", 0) >= 3),
        "incremental_under_1ms": fig["incremental_update_s"] < 0.001,
        "explain_after_update_under_5ms": fig["explain_after_update_s"] < 0.005,
        "load_under_0_5s": fig["load_results_s"] < 0.5,
        "import_under_150ms": fig["import_thidua_s"] < 0.150,
        "memory_under_200MB": fig["peak_memory_bytes"] < 200 * 2**20,
        "history_at_most_2x": fig["history_ratio"] <= 2,
    }
    fig["machine"] = machine()
    fig["command"] = " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])
    return fig


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def table(fig: Mapping[str, Any]) -> str:
    ms = 1000

    def t(key: str) -> str:
        v = fig.get(key)
        if v is None:
            return "n/a"
        return f"{v * ms:,.1f} ms" if v * ms >= 10 else f"{v * ms:.2f} ms"

    rows = [
        (
            "workload",
            (
                f"{fig['provinces']} provinces, {fig['units']:,} communes, {fig['clusters']} clusters, "
                f"{fig['committees']:,} committees, {fig['criteria']} criteria"
            ),
        ),
        ("results file", f"{fig['results_file_bytes'] / 2**20:.1f} MiB"),
        ("import thidua", t("import_thidua_s")),
        ("import thidua, first use of load and evaluate", t("import_thidua_first_use_s")),
        ("load results file", t("load_results_s")),
        ("load results file, first load in a fresh interpreter", t("load_results_cold_s")),
        ("load campaign file", t("load_campaign_s")),
        ("prepare", t("prepare_s")),
        ("thidua evaluate (national)", t("thidua_evaluate_s")),
        (
            "thidua evaluate, 5 years history + 2 stages",
            f"{t('thidua_evaluate_history_s')} (×{fig['history_ratio']:.2f})",
        ),
        ("pandas compute, timed beside the history case", t("pandas_compute_beside_history_s")),
        ("thidua explain one unit", t("explain_unit_s")),
        ("thidua update one commune (Session)", t("incremental_update_s")),
        ("thidua explain that commune after the update (snapshot + explanation)", t("explain_after_update_s")),
        ("pandas build frames", t("pandas_frames_s")),
        ("pandas compute", t("pandas_compute_s")),
        ("OpenFisca (4 share targets, its arrays)", t("openfisca_s")),
        ("thidua evaluate, the same 4 targets only", t("thidua_targets_only_s")),
        ("pure-Python floor, the same 4 targets (4 lists, no objects)", t("pure_python_floor_s")),
        ("empty Python loop, one step per verdict", t("bare_loop_s")),
        ("thidua update one commune, the 4 targets only (Session)", t("thidua_targets_only_update_s")),
        ("Fraction oracle (one run)", t("oracle_s")),
        ("thidua / pandas compute", f"×{fig['ratio_vs_pandas_compute']:.1f}"),
        ("thidua / pandas frames+compute", f"×{fig['ratio_vs_pandas_total']:.1f}"),
        (
            "OpenFisca / thidua (4 targets)",
            f"×{fig['speedup_vs_openfisca']:.2f}" if "speedup_vs_openfisca" in fig else "n/a",
        ),
        (
            "pure-Python floor / OpenFisca (4 targets)",
            f"×{fig['floor_vs_openfisca']:.2f}" if "floor_vs_openfisca" in fig else "n/a",
        ),
        ("peak memory (load+prepare+evaluate)", f"{fig['peak_memory_bytes'] / 2**20:.1f} MiB"),
        ("differences thidua vs oracle", json.dumps(fig["thidua_differences"])),
        ("differences pandas vs oracle", json.dumps(fig["pandas_differences"])),
        ("differences pure-Python floor vs oracle", json.dumps(fig.get("pure_python_floor_differences"))),
        ("pandas scores not exactly equal", f"{fig['pandas_scores_not_exact']:,} of {fig['units']:,}"),
        ("differences OpenFisca vs oracle", json.dumps(fig.get("openfisca_differences"))),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    lines.append("goals: " + ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in fig["goals"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measurement (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--provinces", nargs="*", default=None, help="codes or names (default: all 34)")
    parser.add_argument("--memory-probe", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe is not None:
        memory_probe(args.memory_probe)
        return 0
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
        fig = run(args, Path(tmp))
    print(table(fig))
    print(json.dumps(fig, default=str, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
