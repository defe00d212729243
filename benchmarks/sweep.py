"""Sweep benchmark: the good-or-better threshold of the national campaign from 60% to 100% in 1% steps.

One generated national workload (34 provinces, 3,321 communes; see :mod:`thidua.synth`), one
prepared campaign. Timed in turn, round after round (one warm-up round, each round starting with
the other), so that a slow minute of a shared machine slows both:

* one full evaluation (``thidua.evaluate`` of the prepared campaign);
* the 41-step sweep (``thidua.notebook.sweep``): one evaluation, then each step re-evaluates only
  what can move (every variant is also validated like a campaign file).

The goal is a sweep under 10 x one evaluation; the ratio of the medians is reported, with the cost
per step. Then, untimed, every step is checked against full evaluations of its campaign: the
verdicts that moved must equal :func:`thidua.notebook.diff` of the full evaluations, and the
step's counts must equal those of a sweep that evaluates every value in full.

Run from the repository root (needs ``vietnam-provinces`` for the real commune names, else the
generator's built-in list gives the same shape)::

    PYTHONPATH=src python benchmarks/sweep.py                 # 5 timed rounds
    PYTHONPATH=src python benchmarks/sweep.py --repeat 3 --provinces 12 46   # quick

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import thidua  # noqa: E402
from thidua import synth  # noqa: E402
from thidua.notebook import diff, sweep, value_range  # noqa: E402

PARAMETER = "targets.bctmt-good.at_least"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (the median is reported)")
    parser.add_argument("--provinces", nargs="+", help="province codes or names (default: all 34)")
    parser.add_argument("--no-check", action="store_true", help="skip the check against full evaluations")
    args = parser.parse_args(argv)

    campaign, results, _ = synth.generate_national(provinces=args.provinces)
    prepared = thidua.prepare(campaign)
    values = value_range("60%", "100%", "1%")
    communes = len(results.units)
    print(f"national workload: {communes} communes, {len(values)} values of {PARAMETER}")

    def one_evaluation() -> object:
        return thidua.evaluate(prepared, results)

    def the_sweep() -> object:
        return sweep(prepared, results, PARAMETER, values)

    times: dict[str, list[float]] = {"evaluate": [], "sweep": []}
    for round_ in range(args.repeat + 1):
        order = [("evaluate", one_evaluation), ("sweep", the_sweep)]
        if round_ % 2:
            order.reverse()
        for name, fn in order:
            t = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - t
            if round_:  # the first round warms up
                times[name].append(elapsed)
        if round_:
            print(f"round {round_}: " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in times.items()))
    evaluate_s = statistics.median(times["evaluate"])
    sweep_s = statistics.median(times["sweep"])
    s = sweep(prepared, results, PARAMETER, values)
    ratio = sweep_s / evaluate_s
    per_step = (sweep_s - evaluate_s) / len(values)
    print(f"one evaluation: {evaluate_s:.3f} s (median of {args.repeat})")
    print(f"41-step sweep:  {sweep_s:.3f} s = {ratio:.2f} x one evaluation (goal: under 10 x)")
    print(f"per step, after the first evaluation: {per_step * 1000:.1f} ms ({per_step / evaluate_s:.3f} x)")
    print(f"incremental: {s.incremental}; units meeting it from {s.steps[0].met} to {s.steps[-1].met}")

    checked = None
    if not args.no_check:
        previous = thidua.evaluate(prepared, results)
        mismatches = 0
        for i, step in enumerate(s.steps):
            ev = s.evaluation(i)
            mismatches += step.changes != diff(previous, ev)
            previous = ev
        whole = sweep(prepared, results, PARAMETER, values, incremental=False)
        mismatches += sum(a != b for a, b in zip(s.steps, whole.steps, strict=True))
        checked = mismatches == 0
        print(f"every step equals full evaluations: {checked} ({mismatches} mismatches)")

    print(
        json.dumps(
            {
                "communes": communes,
                "steps": len(values),
                "evaluate_s": round(evaluate_s, 4),
                "sweep_s": round(sweep_s, 4),
                "ratio": round(ratio, 2),
                "per_step_ms": round(per_step * 1000, 2),
                "goal_met": ratio < 10,
                "incremental": s.incremental,
                "exact": checked,
                "repeat": args.repeat,
                "evaluate_runs_s": [round(x, 4) for x in times["evaluate"]],
                "sweep_runs_s": [round(x, 4) for x in times["sweep"]],
                "python": platform.python_version(),
                "machine": platform.machine(),
                "command": " ".join(sys.argv),
            }
        )
    )
    return 0 if checked is not False else 1


if __name__ == "__main__":
    raise SystemExit(main())
