"""Profile one national evaluation (cProfile), on both workloads of ``national.py``.

For each workload (``some``: 7 of 50 criteria computed from measures; ``all``:
all 50), the national documents are generated, written and loaded as in
``national.py``, prepared, evaluated once to warm up, and evaluated once more
under :mod:`cProfile`. Printed: the wall time of the profiled evaluation and of
one without the profiler, the functions with the most cumulative time and the
most own ("self") time, and the calls by thidua's modules. With ``--output DIR``
the raw profiles (``profile-<workload>.prof``, for ``pstats`` or snakeviz) and
the printed summaries (``profile-<workload>.txt``) are saved there.

Run from the repository root::

    python benchmarks/profile_national.py                         # both workloads, top 25
    python benchmarks/profile_national.py --output /tmp/profiles --top 40
    python benchmarks/profile_national.py --workloads all --provinces 12 46

cProfile adds a cost to every Python call (here the profiled evaluation takes
about twice as long): read the shares of the time, not the absolute figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from national import write_docs  # noqa: E402

import thidua  # noqa: E402


def by_module(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    """Own time and calls summed by module, thidua's modules by name and the rest together."""
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for (filename, _, _), (_, calls, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        path = Path(filename)
        if "thidua" in path.parts:
            name = "thidua." + ".".join(path.parts[path.parts.index("thidua") + 1 :]).removesuffix(".py")
        elif filename.startswith(("~", "<")):
            name = "(built-in functions)"
        else:
            name = f"(other: {path.name})"
        out[name][0] += tottime
        out[name][1] += calls
    return sorted(((k, v[0], int(v[1])) for k, v in out.items()), key=lambda r: -r[1])


def profile(workload: str, directory: Path, top: int, output: Path | None) -> str:
    campaign = thidua.load(directory / "campaign.json", expected="campaign")
    results = thidua.load(directory / "results.json", expected="results")
    assert isinstance(campaign, thidua.Campaign)  # noqa: S101
    assert isinstance(results, thidua.Results)  # noqa: S101
    prepared = thidua.prepare(campaign)
    thidua.evaluate(prepared, results)  # warm up
    t = time.perf_counter()
    thidua.evaluate(prepared, results)
    plain = time.perf_counter() - t
    profiler = cProfile.Profile()
    t = time.perf_counter()
    profiler.enable()
    thidua.evaluate(prepared, results)
    profiler.disable()
    profiled = time.perf_counter() - t
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.strip_dirs()
    units = sum(1 for u in campaign.units if u.level == "commune")
    buffer.write(
        f"== {workload}: one evaluation of {units:,} communes: {plain * 1000:.0f} ms without the profiler, "
        f"{profiled * 1000:.0f} ms under cProfile\n\n"
    )
    buffer.write(f"-- top {top} by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(top)
    buffer.write(f"-- top {top} by own (self) time\n")
    stats.sort_stats("tottime").print_stats(top)
    buffer.write("-- own time by module\n")
    full = pstats.Stats(profiler)
    total = sum(t for _, t, _ in by_module(full)) or 1.0
    for name, own, calls in by_module(full):
        buffer.write(f"{own * 1000:9.1f} ms {100 * own / total:5.1f}% {calls:>10,} calls  {name}\n")
    text = buffer.getvalue()
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(output / f"profile-{workload}.prof")
        (output / f"profile-{workload}.txt").write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--workloads", nargs="+", choices=("some", "all"), default=["some", "all"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--provinces", nargs="*", default=None, help="codes or names (default: all 34)")
    parser.add_argument("--top", type=int, default=25, help="functions listed per table (default 25)")
    parser.add_argument("--output", type=Path, default=None, help="directory to save the profiles and summaries in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="thidua-profile-") as tmp:
        for workload in args.workloads:
            directory = Path(tmp) / workload
            write_docs(directory, args.seed, args.provinces, history_years=0, stages=1, computed=workload)
            print(profile(workload, directory, args.top, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
