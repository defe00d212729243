"""National benchmark: thidua against its honest peers, on two national workloads, in one run.

Two workloads from :func:`thidua.synth.generate_national` (34 provinces, 3,321
communes, ~100,000 front work committees as counts, clusters of 6–9, a
50-criterion rubric): ``some`` (43 criteria assessed, 7 computed from measures)
and ``all`` (all 50 computed from measures). On each, timed in turn, round after
round (see :func:`alternating_times`):

* thidua: ``evaluate`` of the loaded and prepared documents (every target,
  score, rating, rank and award);
* the exact pure-Python integer loop on the same loaded objects
  (:func:`peers.python_loop`): the same answers with no outcome objects and no
  traces, what a pure-Python engine cannot go below ("our limit");
* pandas on a wide integer frame, exact (:func:`peers.pandas_compute`), from the
  frame already built and from plain Python lists (the frame built inside the
  clock); and the same code in float64, to show what floats change;

and, once each, an exact :class:`~fractions.Fraction` oracle written from the
documents (:func:`peers.oracle`), against which every peer's differences are
counted (thidua's, the loop's and exact pandas' must be 0).

Also: loading the results file (warm and in a fresh interpreter), ``import
thidua`` in a fresh interpreter, the history case (five years, two stages),
``Session.update`` of one commune, OpenFisca-core on four targets beside the
plainest loop on them, tracemalloc peaks of one evaluation (load excluded and
included), and time and memory at ×1, ×2, ×4, ×8 and ×16 the country (in fresh
interpreters; see :func:`write_scaled`). The last line printed is one JSON
object with every figure.

Run from the repository root (needs the ``bench`` and ``provinces`` extras)::

    python benchmarks/national.py            # the full run (about 4 minutes here)
    python benchmarks/national.py --quick    # two provinces, 3 rounds, ×1–×4
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import peers  # noqa: E402
from peers import (  # noqa: E402
    OPENFISCA_TARGETS,
    bare_loop,
    differences,
    inexact,
    loop_verdicts,
    openfisca_run,
    openfisca_system,
    oracle,
    pandas_compute,
    pandas_frame,
    pandas_verdicts,
    pure_python_floor,
    python_loop,
    thidua_verdicts,
    verdicts_of,
    wide_columns,
)

import thidua  # noqa: E402
from thidua import synth  # noqa: E402
from thidua.engine import Session  # noqa: E402

__all__ = ["differences", "oracle", "thidua_verdicts"]  # what tests/synth reads from this module

WORKLOADS = ("some", "all")
MiB = 2**20


# -- timing ---------------------------------------------------------------------------------------


def alternating_times(
    fns: Mapping[str, Callable[[], object]], repeat: int, *, warmup: int = 1
) -> tuple[dict[str, list[float]], dict[str, object]]:
    """Wall times of several functions timed in turn, round after round (after *warmup* rounds;
    each round starts one function later), and the last result of each.

    A slow minute of a shared machine then slows every function compared, not only the one timed
    in it: the ratios between them are measured under the same conditions, round by round.
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
    return times, results


def summary(values: list[float]) -> dict[str, Any]:
    """Median and range of *values*."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def ratios(times: Mapping[str, list[float]], a: str, b: str) -> dict[str, Any]:
    """``a / b`` round by round (the two were timed in the same rounds): median and range."""
    return summary([x / y for x, y in zip(times[a], times[b], strict=True)])


def median_time(fn: Callable[[], object], repeat: int, *, warmup: int = 1) -> tuple[dict[str, Any], object]:
    """Median and range of the wall time of *fn* over *repeat* runs after *warmup* runs, and its last result."""
    times, last = alternating_times({"fn": fn}, repeat, warmup=warmup)
    return summary(times["fn"]), last["fn"]


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _fresh_times(code: str, repeat: int) -> dict[str, Any]:
    """Median and range of the number *code* prints, each run in a fresh interpreter.

    The package's bytecode is compiled first (one untimed run that may write it), as ``pip
    install`` does: with ``PYTHONDONTWRITEBYTECODE`` set, as on some machines, every fresh
    interpreter would otherwise compile the sources again, which is not what a user's import costs.
    """
    env = _env()
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)  # noqa: S603
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)  # noqa: S603
        times.append(float(out.stdout.strip()))
    return summary(times)


def import_time(repeat: int, *, touch: bool = False) -> dict[str, Any]:
    """``import thidua`` measured inside fresh interpreters.

    With *touch*, also the first use of ``thidua.load`` and ``thidua.evaluate``, which
    import the file formats and the engine (PEP 562).
    """
    first_use = "; thidua.load; thidua.evaluate" if touch else ""
    return _fresh_times(
        f"import time; t = time.perf_counter(); import thidua{first_use}; print(time.perf_counter() - t)", repeat
    )


def cold_load_time(path: Path, repeat: int) -> dict[str, Any]:
    """The first ``thidua.load`` of *path* in fresh interpreters (imports of the file formats and
    the converter included, ``import thidua`` itself not)."""
    return _fresh_times(
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


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


# -- thidua helpers ----------------------------------------------------------------------------------


def targets_only(campaign: thidua.Campaign, keep: Mapping[str, str]) -> thidua.Campaign:
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


def timed_update(prepared: thidua.engine.Prepared, results: thidua.Results, repeat: int) -> tuple[dict[str, Any], bool]:
    """Time of :meth:`Session.update` with the first commune's results, changed
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
) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """Times of a commune's explanation right after :meth:`Session.update` changed it: the snapshot
    of the whole evaluation after the update (:attr:`Update.evaluation`) with the explanation, and
    the explanation alone; and whether the explanation equals the one of a full evaluation of the
    same results. The update itself is not timed (see :func:`timed_update`); the first round warms up."""
    from thidua.l10n import explain_unit

    session = Session(prepared, results)
    changed, row = one_commune_changed(results), results.units[0]
    both: list[float] = []
    alone: list[float] = []
    lines: list[str] = []
    up = None
    for i in range(repeat + 1):
        up = session.update(changed if i % 2 == 0 else row)
        t = time.perf_counter()
        ev = up.evaluation
        t1 = time.perf_counter()
        lines = explain_unit(ev, row.unit, campaign=prepared)
        t2 = time.perf_counter()
        if i:
            both.append(t2 - t)
            alone.append(t2 - t1)
    assert up is not None  # noqa: S101
    full = thidua.evaluate(prepared, up.results)
    return summary(both), summary(alone), lines == explain_unit(full, row.unit, campaign=prepared)


# -- workloads on disk --------------------------------------------------------------------------------


def write_docs(
    directory: Path, seed: int, provinces: list[str] | None, *, history_years: int, stages: int, computed: str
) -> float:
    """Generate a workload and write its documents; the seconds the generation took."""
    t = time.perf_counter()
    campaign, results, history = synth.generate_national(
        seed, provinces=provinces, history_years=history_years, stages=stages, computed=computed
    )
    elapsed = time.perf_counter() - t
    directory.mkdir(parents=True, exist_ok=True)
    thidua.dump(campaign, directory / "campaign.json")
    thidua.dump(results, directory / "results.json")
    if history is not None:
        thidua.dump(history, directory / "history.json")
    return elapsed


def _renamed(doc: Any, ids: Mapping[str, str]) -> Any:
    """*doc* with every string that is a key of *ids* replaced by its value (ids of units and clusters)."""
    if isinstance(doc, dict):
        return {k: _renamed(v, ids) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_renamed(v, ids) for v in doc]
    if isinstance(doc, str):
        return ids.get(doc, doc)
    return doc


def write_scaled(directory: Path, seed: int, provinces: list[str] | None, factors: list[int]) -> dict[int, int]:
    """Write the campaign and results of *k* copies of the country for each *k* in *factors*, as
    ``campaign-xK.json`` and ``results-xK.json``; the size of each results file.

    Copy *j* is the national workload generated with seed ``seed + j`` (its own values), with every
    province, commune and cluster id suffixed with ``-xJJ``, the provinces' names with "(bản sao
    J)" and no official codes (copy 0 is the real country); copy *j* of every file is the same.
    The results files are written a copy at a time, so that ×16 is never held in memory here, and
    without indentation (×16 is then 125 MiB, under the 200 MiB thidua reads from one file; indented
    as :func:`thidua.dump` writes, it would be 257 MiB).
    """
    top = max(factors)
    files = {k: (directory / f"results-x{k}.json").open("w", encoding="utf-8") for k in factors}
    campaign_doc: dict[str, Any] = {}
    units: list[Any] = []
    clusters: list[Any] = []
    closing = ""
    try:
        for j in range(top):
            campaign, results, _ = synth.generate_national(seed + j, provinces=provinces)
            cdoc, rdoc = thidua.io.unstructure(campaign), thidua.io.unstructure(results)
            if j:
                ids = {u["id"]: f"{u['id']}-x{j:02d}" for u in cdoc["units"]}
                ids.update({c["id"]: f"{c['id']}-x{j:02d}" for c in cdoc["clusters"]})
                cdoc["units"], cdoc["clusters"] = _renamed(cdoc["units"], ids), _renamed(cdoc["clusters"], ids)
                for u in cdoc["units"]:
                    u.pop("code", None)  # official codes belong to the real unit (copy 0)
                    if u["level"] == "province":  # names are unique under a parent
                        u["name"] = f"{u['name']} (bản sao {j})"
                for row in rdoc["units"]:
                    row["unit"] = ids[row["unit"]]
            else:
                campaign_doc = cdoc
                opening, closing = json.dumps({**rdoc, "units": ["@"]}, ensure_ascii=False).split('"@"')
                for f in files.values():
                    f.write(opening)
            units += cdoc["units"]
            clusters += cdoc["clusters"]
            text = json.dumps(rdoc["units"], ensure_ascii=False)[1:-1]
            for k, f in files.items():
                if j < k:
                    f.write((", " if j else "") + text + (closing if j == k - 1 else ""))
            if j + 1 in files:
                c = {**campaign_doc, "units": units, "clusters": clusters}
                c["agreements"] = [{**c["agreements"][0], "clusters": [cl["id"] for cl in clusters]}]
                (directory / f"campaign-x{j + 1}.json").write_text(
                    json.dumps(c, ensure_ascii=False, indent=2), encoding="utf-8"
                )
    finally:
        for f in files.values():
            f.close()
    return {k: (directory / f"results-x{k}.json").stat().st_size for k in factors}


# -- probes in fresh interpreters ------------------------------------------------------------------------


def _rss_peak() -> int:
    """The process's peak resident memory so far, in bytes: ``VmHWM`` on Linux (``ru_maxrss`` would
    include the parent's memory at the fork that started this interpreter), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def memory_probe(directory: Path, *, include_load: bool) -> None:
    """Peak allocation (tracemalloc) of one evaluation of the workload in *directory*, with the
    loading and preparing of the documents included or not; prints JSON."""
    if include_load:
        tracemalloc.start()
    campaign = thidua.load(directory / "campaign.json", expected="campaign")
    results = thidua.load(directory / "results.json", expected="results")
    assert isinstance(campaign, thidua.Campaign)  # noqa: S101
    assert isinstance(results, thidua.Results)  # noqa: S101
    prepared = thidua.prepare(campaign)
    if not include_load:
        tracemalloc.start()
    ev = thidua.evaluate(prepared, results)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"peak_bytes": peak, "kept_bytes": current, "units": len(ev.units)}))


def scale_probe(directory: Path, k: int, repeat: int) -> None:
    """Load and prepare ×*k* (timed once) and evaluate it *repeat* times (and the pure-Python loop),
    with the peak resident memory after loading and after the first evaluation; prints JSON.

    ``evaluate_s`` and ``python_loop_s`` are the fastest of the *repeat* runs (each run in
    ``evaluate_all_s`` and ``python_loop_all_s``): one process at a time, on a shared machine, the
    fastest is the cost with the least of the other programs in it."""
    rss_start = _rss_peak()
    t = time.perf_counter()
    campaign = thidua.load(directory / f"campaign-x{k}.json", expected="campaign")
    results = thidua.load(directory / f"results-x{k}.json", expected="results")
    load_s = time.perf_counter() - t
    assert isinstance(campaign, thidua.Campaign)  # noqa: S101
    assert isinstance(results, thidua.Results)  # noqa: S101
    rss_loaded = _rss_peak()
    t = time.perf_counter()
    prepared = thidua.prepare(campaign)
    prepare_s = time.perf_counter() - t
    evaluate_s, loop_s = [], []
    rss_evaluated = 0
    communes = 0
    ev: thidua.Evaluation | None = None
    for i in range(repeat):
        ev = None  # one evaluation in memory at a time
        t = time.perf_counter()
        ev = thidua.evaluate(prepared, results)
        evaluate_s.append(time.perf_counter() - t)
        if i == 0:
            rss_evaluated = _rss_peak()
            communes = sum(1 for u in ev.units if u.level == "commune")
        t = time.perf_counter()
        python_loop(campaign, results)
        loop_s.append(time.perf_counter() - t)
    print(
        json.dumps(
            {
                "k": k,
                "communes": communes,
                "load_s": load_s,
                "prepare_s": prepare_s,
                "evaluate_s": min(evaluate_s),
                "evaluate_all_s": evaluate_s,
                "python_loop_s": min(loop_s),
                "python_loop_all_s": loop_s,
                "rss_start_bytes": rss_start,
                "rss_peak_loaded_bytes": rss_loaded,
                "rss_peak_bytes": rss_evaluated,
            }
        )
    )


def _probe(*args: str) -> dict[str, Any]:
    out = subprocess.run(  # noqa: S603
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False, env=_env()
    )
    if out.returncode:
        msg = f"the probe {' '.join(args)} failed:\n{out.stderr}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# -- the run --------------------------------------------------------------------------------------------


def run_workload(directory: Path, repeat: int) -> tuple[dict[str, Any], peers.Verdicts]:
    """thidua, the pure-Python loop and pandas on one workload, timed in turn; the oracle once (its
    answers are returned too)."""
    fig: dict[str, Any] = {}
    campaign = thidua.load(directory / "campaign.json", expected="campaign")
    results = thidua.load(directory / "results.json", expected="results")
    assert isinstance(campaign, thidua.Campaign)  # noqa: S101
    assert isinstance(results, thidua.Results)  # noqa: S101
    prepared = thidua.prepare(campaign)
    cdoc = json.loads((directory / "campaign.json").read_text(encoding="utf-8"))
    rdoc = json.loads((directory / "results.json").read_text(encoding="utf-8"))
    fig["results_file_bytes"] = (directory / "results.json").stat().st_size
    fig["computed_criteria"] = sum(
        1 for c in campaign.rubrics[0].leaves() if not isinstance(c.method, thidua.model.Assessed)
    )
    wide = wide_columns(campaign, results)
    frame = pandas_frame(wide)
    fig["pandas_columns"] = len(frame.columns)
    times, last = alternating_times(
        {
            "thidua_evaluate": lambda: thidua.evaluate(prepared, results),
            "python_loop": lambda: python_loop(campaign, results),
            "pandas_from_frames": lambda: pandas_compute(cdoc, wide.scales, frame),
            "pandas_from_lists": lambda: pandas_compute(cdoc, wide.scales, pandas_frame(wide)),
            "pandas_float64": lambda: pandas_compute(cdoc, wide.scales, frame, exact=False),
        },
        repeat,
    )
    fig["times_s"] = {name: summary(v) for name, v in times.items()}
    fig["ratios"] = {
        f"thidua_vs_{peer}": ratios(times, "thidua_evaluate", peer)
        for peer in ("python_loop", "pandas_from_frames", "pandas_from_lists", "pandas_float64")
    }
    ev, loop, pf, pl, pfl = (last[k] for k in times)
    assert isinstance(ev, thidua.Evaluation)  # noqa: S101
    assert isinstance(loop, peers.LoopAnswers)  # noqa: S101
    assert isinstance(pf, peers.PandasAnswers)  # noqa: S101
    assert isinstance(pl, peers.PandasAnswers)  # noqa: S101
    assert isinstance(pfl, peers.PandasAnswers)  # noqa: S101
    fig["pandas_exact_needs_python_ints"] = pf.object_columns

    t = time.perf_counter()
    truth = oracle(cdoc, rdoc)
    fig["oracle_s"] = time.perf_counter() - t
    fig["answers"] = {k: len(v) for k, v in truth.items()}
    fig["differences"] = {
        "thidua": differences(truth, thidua_verdicts(ev)),
        "python_loop": differences(truth, loop_verdicts(loop)),
        "pandas_from_frames": differences(truth, pandas_verdicts(pf)),
        "pandas_from_lists": differences(truth, pandas_verdicts(pl)),
        "pandas_float64": differences(truth, pandas_verdicts(pfl)),
    }
    fig["pandas_float64_scores_not_exact"] = inexact(truth, pandas_verdicts(pfl))
    return fig, truth


def run_scale(tmp: Path, seed: int, provinces: list[str] | None, factors: list[int], repeat: int) -> dict[str, Any]:
    """Time and peak memory at ×k the country, each in a fresh interpreter (see :func:`scale_probe`)."""
    directory = tmp / "scaled"
    directory.mkdir()
    t = time.perf_counter()
    sizes = write_scaled(directory, seed, provinces, factors)
    out: dict[str, Any] = {"write_s": time.perf_counter() - t, "rows": []}
    for k in factors:
        row = _probe("--scale-probe", str(directory), str(k), str(repeat))
        row["results_file_bytes"] = sizes[k]
        out["rows"].append(row)
        (directory / f"results-x{k}.json").unlink()
    base = out["rows"][0]
    for row in out["rows"]:
        f = row["k"] / base["k"]
        for key in ("load_s", "evaluate_s", "python_loop_s"):
            row[f"{key}_per_x1"] = row[key] / base[key] / f
        extra = base["rss_peak_bytes"] - base["rss_start_bytes"]
        row["rss_over_start_per_x1"] = (row["rss_peak_bytes"] - row["rss_start_bytes"]) / extra / f if extra else None
    return out


def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    import numpy as np

    repeat = args.repeat
    fig: dict[str, Any] = {"seed": args.seed, "repeat": repeat, "provinces_asked": args.provinces}
    fig["load_average_at_start"] = machine()["load_average_1_5_15_min"]
    dirs = {w: tmp / w for w in WORKLOADS}
    fig["generate_s"] = {
        w: write_docs(dirs[w], args.seed, args.provinces, history_years=0, stages=1, computed=w) for w in WORKLOADS
    }
    history_dir = tmp / "history"
    write_docs(history_dir, args.seed, args.provinces, history_years=5, stages=2, computed="some")

    # loading and importing (the "some" results file, as before)
    base_dir = dirs["some"]
    fig["load_results_s"], results = median_time(
        lambda: thidua.load(base_dir / "results.json", expected="results"), repeat
    )
    fig["load_results_all_s"], _ = median_time(
        lambda: thidua.load(dirs["all"] / "results.json", expected="results"), max(3, repeat // 2)
    )
    fig["load_results_fresh_s"] = cold_load_time(base_dir / "results.json", repeat)
    fig["load_campaign_s"], campaign = median_time(
        lambda: thidua.load(base_dir / "campaign.json", expected="campaign"), max(3, repeat // 2)
    )
    fig["import_thidua_s"] = import_time(max(7, repeat))
    fig["import_thidua_first_use_s"] = import_time(max(7, repeat), touch=True)
    assert isinstance(results, thidua.Results)  # noqa: S101
    assert isinstance(campaign, thidua.Campaign)  # noqa: S101
    fig["units"] = sum(1 for u in campaign.units if u.level == "commune")
    fig["provinces"] = sum(1 for u in campaign.units if u.level == "province")
    fig["clusters"] = len(campaign.clusters)
    fig["committees"] = sum(sum(r.counts["hamlet"].values()) for r in results.units)
    fig["criteria"] = len(campaign.rubrics[0].leaves())
    fig["prepare_s"], prepared = median_time(lambda: thidua.prepare(campaign), max(3, repeat // 2))
    assert isinstance(prepared, thidua.engine.Prepared)  # noqa: S101

    # the two workloads: thidua, the loop and pandas in turn; the oracle
    fig["workloads"], truths = {}, {}
    for w in WORKLOADS:
        fig["workloads"][w], truths[w] = run_workload(dirs[w], repeat)

    # the history case, in turn with the loop on the plain workload (each run reads its own objects)
    full_campaign = thidua.load(history_dir / "campaign.json", expected="campaign")
    full_results = thidua.load(history_dir / "results.json", expected="results")
    full_history = thidua.load(history_dir / "history.json", expected="history")
    assert isinstance(full_campaign, thidua.Campaign)  # noqa: S101
    assert isinstance(full_results, thidua.Results)  # noqa: S101
    assert isinstance(full_history, thidua.History)  # noqa: S101
    full_prepared = thidua.prepare(full_campaign)
    times, _ = alternating_times(
        {
            "thidua_evaluate_history": lambda: thidua.evaluate(full_prepared, full_results, history=full_history),
            "python_loop": lambda: python_loop(campaign, results),
        },
        repeat,
    )
    fig["history"] = {"times_s": {k: summary(v) for k, v in times.items()}}
    fig["history"]["ratio_vs_plain"] = (
        fig["history"]["times_s"]["thidua_evaluate_history"]["median"]
        / fig["workloads"]["some"]["times_s"]["thidua_evaluate"]["median"]
    )

    # one explanation, one commune updated
    from thidua.l10n import explain_unit

    ev = thidua.evaluate(prepared, results)
    some = next(u.unit for u in ev.units if u.level == "commune")
    fig["explain_unit_s"], _ = median_time(lambda: explain_unit(ev, some, campaign=prepared), repeat)
    fig["session_update_s"], fig["session_update_equals_full"] = timed_update(prepared, results, repeat * 5)
    # that commune's explanation right after an update, from the update's snapshot (no full evaluation)
    (
        fig["explain_after_update_s"],
        fig["explain_after_update_explain_only_s"],
        fig["explain_after_update_equals_full"],
    ) = timed_explain_after_update(prepared, results, repeat * 5)

    # OpenFisca, the plainest loop, an empty loop and thidua on the same four targets, in turn
    try:
        cdoc = json.loads((base_dir / "campaign.json").read_text(encoding="utf-8"))
        rdoc = json.loads((base_dir / "results.json").read_text(encoding="utf-8"))
        system = openfisca_system()
        members = [u for cl in cdoc["clusters"] for u in cl["members"]]
        by_unit = {r["unit"]: r["counts"]["hamlet"] for r in rdoc["units"]}
        arrays = {g: np.array([by_unit[u].get(g, 0) for u in members]) for g in ("htxs", "htt", "ht", "kht")}
        small = thidua.prepare(targets_only(campaign, OPENFISCA_TARGETS))
        counts_only = attrs.evolve(
            results, units=tuple(thidua.model.UnitResult(r.unit, counts=r.counts) for r in results.units)
        )
        times, last = alternating_times(
            {
                "openfisca": lambda: openfisca_run(system, len(members), arrays, 2026),
                "pure_python_floor": lambda: pure_python_floor(members, by_unit),
                "bare_loop": lambda: bare_loop(len(members) * len(OPENFISCA_TARGETS)),
                "thidua_targets_only": lambda: thidua.evaluate(small, counts_only),
            },
            repeat,
        )
        of: dict[str, Any] = {"times_s": {k: summary(v) for k, v in times.items()}}
        subset = {"targets": {k: v for k, v in truths["some"]["targets"].items() if k[1] in OPENFISCA_TARGETS}}
        small_ev = last["thidua_targets_only"]
        assert isinstance(small_ev, thidua.Evaluation)  # noqa: S101
        got = {k: v for k, v in thidua_verdicts(small_ev)["targets"].items() if k[1] in OPENFISCA_TARGETS}
        of["differences"] = {
            "openfisca": differences(subset, {"targets": verdicts_of(members, last["openfisca"])}, ["targets"]),  # type: ignore[arg-type]
            "pure_python_floor": differences(
                subset,
                {"targets": verdicts_of(members, last["pure_python_floor"])},  # type: ignore[arg-type]
                ["targets"],
            ),
            "thidua": differences(subset, {"targets": got}, ["targets"]),
        }
        of["ratio_thidua_vs_openfisca"] = ratios(times, "thidua_targets_only", "openfisca")
        of["ratio_floor_vs_openfisca"] = ratios(times, "pure_python_floor", "openfisca")
        of["session_update_s"], of["session_update_equals_full"] = timed_update(small, counts_only, repeat * 5)
        of["version"] = _version("openfisca-core")
        fig["openfisca"] = of
    except ImportError as exc:
        fig["openfisca"] = {"error": str(exc)}
    fig["pandas_version"] = _version("pandas")
    fig["numpy_version"] = _version("numpy")

    # memory: one evaluation, load excluded and included, in fresh interpreters
    fig["memory"] = {
        w: {
            "evaluate_only": _probe("--memory-probe", str(dirs[w])),
            "with_load": _probe("--memory-probe", str(dirs[w]), "--include-load"),
        }
        for w in WORKLOADS
    }
    # scale: ×1 … ×16 in fresh interpreters
    if args.scale:
        fig["scale"] = run_scale(tmp, args.seed, args.provinces, args.scale, 1 if args.quick else 3)

    goals(fig)
    fig["machine"] = machine()
    fig["command"] = " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])
    return fig


def goals(fig: dict[str, Any]) -> None:
    """The goals of issue 21 (and those of issue 6 still measured), met or not, in ``fig["goals"]``."""
    w = fig["workloads"]
    exact = all(not any(w[k]["differences"][p].values()) for k in w for p in ("thidua",))
    g: dict[str, Any] = {
        "evaluate_within_3x_python_loop": {k: w[k]["ratios"]["thidua_vs_python_loop"]["median"] <= 3 for k in w},
        "exact_vs_oracle": exact,
        "peak_evaluate_at_most_25MiB": all(
            fig["memory"][k]["evaluate_only"]["peak_bytes"] <= 25 * MiB for k in fig["memory"]
        ),
        "load_under_0_3s": fig["load_results_s"]["median"] < 0.3 and fig["load_results_fresh_s"]["median"] < 0.3,
        "import_under_100ms": fig["import_thidua_s"]["median"] < 0.1,
        "session_update_under_1ms": fig["session_update_s"]["median"] < 0.001,
        "explain_after_update_under_5ms": fig["explain_after_update_s"]["median"] < 0.005,
        "history_at_most_2x": fig["history"]["ratio_vs_plain"] <= 2,
    }
    scale = fig.get("scale")
    if scale and scale["rows"][-1]["k"] == 16:
        g["x16_rss_under_600MiB"] = scale["rows"][-1]["rss_peak_bytes"] < 600 * MiB
    of = fig.get("openfisca", {})
    if "ratio_thidua_vs_openfisca" in of:
        g["3x_faster_than_openfisca"] = of["ratio_thidua_vs_openfisca"]["median"] <= 1 / 3
    fig["goals"] = g


# -- the report -----------------------------------------------------------------------------------------


def _ms(v: float | None) -> str:
    if v is None:
        return "n/a"
    ms = v * 1000
    return f"{ms:,.0f} ms" if ms >= 100 else f"{ms:.1f} ms" if ms >= 1 else f"{ms:.2f} ms"


def _t(s: Mapping[str, Any]) -> str:
    return f"{_ms(s['median'])} ({_ms(s['min'])}–{_ms(s['max'])})"


def _x(s: Mapping[str, Any]) -> str:
    return f"×{s['median']:.2f} (×{s['min']:.2f}–{s['max']:.2f})"


def table(fig: Mapping[str, Any]) -> str:
    """A readable summary: medians, with the range in brackets."""
    rows: list[tuple[str, str]] = [
        (
            "workload",
            (
                f"{fig['provinces']} provinces, {fig['units']:,} communes, {fig['clusters']} clusters, "
                f"{fig['committees']:,} committees, {fig['criteria']} criteria; {fig['repeat']} rounds"
            ),
        ),
        (
            "load average (1, 5, 15 min) at start / end",
            f"{fig['load_average_at_start']} / {fig['machine']['load_average_1_5_15_min']}",
        ),
        ("import thidua (fresh interpreter)", _t(fig["import_thidua_s"])),
        ("import thidua + first use of load, evaluate", _t(fig["import_thidua_first_use_s"])),
        ("load results file (some), warm", _t(fig["load_results_s"])),
        ("load results file (some), fresh interpreter", _t(fig["load_results_fresh_s"])),
        ("load results file (all), warm", _t(fig["load_results_all_s"])),
        ("load campaign file", _t(fig["load_campaign_s"])),
        ("prepare", _t(fig["prepare_s"])),
    ]
    for name, w in fig["workloads"].items():
        t, r = w["times_s"], w["ratios"]
        rows += [
            (
                f"[{name}: {w['computed_criteria']} criteria computed] results file",
                f"{w['results_file_bytes'] / MiB:.1f} MiB",
            ),
            ("  thidua evaluate", _t(t["thidua_evaluate"])),
            (
                "  exact pure-Python loop (our limit)",
                f"{_t(t['python_loop'])}; thidua {_x(r['thidua_vs_python_loop'])}",
            ),
            (
                "  pandas exact, from frames",
                f"{_t(t['pandas_from_frames'])}; thidua {_x(r['thidua_vs_pandas_from_frames'])}",
            ),
            (
                "  pandas exact, from lists",
                f"{_t(t['pandas_from_lists'])}; thidua {_x(r['thidua_vs_pandas_from_lists'])}",
            ),
            ("  pandas float64 (not exact)", f"{_t(t['pandas_float64'])}; thidua {_x(r['thidua_vs_pandas_float64'])}"),
            ("  pandas exact needs Python ints", str(w["pandas_exact_needs_python_ints"])),
            ("  Fraction oracle (once)", _ms(w["oracle_s"])),
            ("  answers compared", json.dumps(w["answers"])),
        ]
        rows += [(f"  differences {peer}", json.dumps(d)) for peer, d in w["differences"].items()]
    h = fig["history"]
    rows += [
        (
            "thidua evaluate, 5 y history + 2 stages",
            f"{_t(h['times_s']['thidua_evaluate_history'])} (×{h['ratio_vs_plain']:.2f} plain)",
        ),
        ("explain one unit", _t(fig["explain_unit_s"])),
        (
            "Session.update, one commune",
            f"{_t(fig['session_update_s'])}; equals full: {fig['session_update_equals_full']}",
        ),
        (
            "explain it after the update (snapshot + explanation)",
            "{}; explanation alone {}; equals full: {}".format(
                _t(fig["explain_after_update_s"]),
                _t(fig["explain_after_update_explain_only_s"]),
                fig["explain_after_update_equals_full"],
            ),
        ),
    ]
    of = fig.get("openfisca", {})
    if "times_s" in of:
        rows += [
            ("OpenFisca, 4 targets (its own work)", _t(of["times_s"]["openfisca"])),
            (
                "thidua evaluate, the 4 targets only",
                f"{_t(of['times_s']['thidua_targets_only'])}; {_x(of['ratio_thidua_vs_openfisca'])}",
            ),
            (
                "plainest loop, 4 targets",
                f"{_t(of['times_s']['pure_python_floor'])}; {_x(of['ratio_floor_vs_openfisca'])}",
            ),
            ("empty loop, one step per verdict", _t(of["times_s"]["bare_loop"])),
            ("differences, 4 targets", json.dumps(of["differences"])),
        ]
    for name, mem in fig["memory"].items():
        rows.append(
            (
                f"tracemalloc peak, {name}: evaluate / load+evaluate",
                (
                    f"{mem['evaluate_only']['peak_bytes'] / MiB:.1f} MiB / "
                    f"{mem['with_load']['peak_bytes'] / MiB:.1f} MiB "
                    f"(kept after: {mem['evaluate_only']['kept_bytes'] / MiB:.1f} MiB)"
                ),
            )
        )
    scale = fig.get("scale")
    if scale:
        for row in scale["rows"]:
            rows.append(
                (
                    f"×{row['k']:<2} {row['communes']:>6,} communes",
                    (
                        f"load {row['load_s']:.2f} s, evaluate {row['evaluate_s']:.2f} s, "
                        f"loop {row['python_loop_s']:.2f} s, peak RSS {row['rss_peak_bytes'] / MiB:,.0f} MiB; "
                        f"per ×1: load ×{row['load_s_per_x1']:.2f}, evaluate ×{row['evaluate_s_per_x1']:.2f}, "
                        f"RSS above start ×{row['rss_over_start_per_x1'] or 0:.2f}"
                    ),
                )
            )
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    lines.append("goals: " + json.dumps(fig["goals"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None, help="rounds per timed figure (default 7; --quick 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--provinces", nargs="*", default=None, help="codes or names (default: all 34)")
    parser.add_argument(
        "--scale",
        type=int,
        nargs="*",
        default=None,
        help="copies of the country to time (default 1 2 4 8 16; none: skip)",
    )
    parser.add_argument("--quick", action="store_true", help="two provinces (12, 46), 3 rounds, ×1 ×2 ×4")
    parser.add_argument("--memory-probe", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--include-load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale-probe", nargs=3, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe is not None:
        memory_probe(args.memory_probe, include_load=args.include_load)
        return 0
    if args.scale_probe is not None:
        scale_probe(Path(args.scale_probe[0]), int(args.scale_probe[1]), int(args.scale_probe[2]))
        return 0
    if args.quick:
        args.repeat = args.repeat or 3
        args.provinces = args.provinces or ["12", "46"]
        args.scale = [1, 2, 4] if args.scale is None else args.scale
    args.repeat = args.repeat or 7
    args.scale = [1, 2, 4, 8, 16] if args.scale is None else args.scale
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
        fig = run(args, Path(tmp))
    print(table(fig))
    print(json.dumps(fig, default=str, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
