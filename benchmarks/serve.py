"""``thidua serve`` under load: latency of a bounded loop of requests, sequential and 8 concurrent.

Starts the real server (``python -m thidua serve``, Starlette on uvicorn) on
127.0.0.1 on a free port, then sends, first one after another and then from 8
threads at once, a fixed number of requests of three kinds:

* ``PUT /campaigns/{c}/units/{u}``: a commune's results changed (its new
  verdicts, their explanation and the units that changed come back);
* ``GET /campaigns/{c}/units/{u}``: a commune's verdicts and explanation;
* ``GET /campaigns/{c}/clusters/{k}/ranking``: a cluster's ranking.

It reports p50 and p99 of each kind and of all requests, and the throughput,
then checks that the server's final evaluation (``GET .../evaluation``) equals
a fresh :func:`thidua.evaluate` of the results it was sent, fingerprint
included. Only loopback traffic. The last line printed is one JSON object
with every figure.

Run from the repository root (needs the ``serve`` extra)::

    python benchmarks/serve.py                       # the An Minh example, 400 requests per phase
    python benchmarks/serve.py --provinces 12 46     # a synthetic campaign of two provinces
    python benchmarks/serve.py --national            # the synthetic national campaign (3,321 communes)
    python benchmarks/serve.py --requests 1000
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import thidua  # noqa: E402
from thidua.io import from_data, structure_row, unstructure  # noqa: E402

CONCURRENCY = 8


@contextmanager
def server(args: list[str]) -> Iterator[tuple[str, int]]:
    """``python -m thidua serve ARGS`` on a free port of 127.0.0.1; yields its host and port."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    with subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "thidua", "serve", *args, "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stderr is not None  # noqa: S101
        try:
            deadline = time.monotonic() + 300
            found = None
            while time.monotonic() < deadline and found is None:
                line = proc.stderr.readline()
                if not line:
                    break
                found = re.search(r"http://([\d.]+):(\d+)", line)
            if found is None:
                msg = "the server did not start"
                raise RuntimeError(msg)
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()  # type: ignore[union-attr]
            yield found.group(1), int(found.group(2))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


class Client:
    """One keep-alive HTTP connection (one per thread)."""

    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.conn.connect()
        # no Nagle delay: a request's headers and body leave at once, as a browser's or an app's would
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json"} if data is not None else {}
        self.conn.request(method, path, body=data, headers=headers)
        resp = self.conn.getresponse()
        payload = resp.read()
        return resp.status, json.loads(payload)

    def close(self) -> None:
        self.conn.close()


def changed_row(row: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A commune's results with other counts (same total) and another fund raised."""
    out = json.loads(json.dumps(row))
    for level, by_grade in out.get("counts", {}).items():
        grades = sorted(by_grade)
        total = sum(by_grade.values())
        new = dict.fromkeys(grades, 0)
        for _ in range(total):
            new[rng.choice(grades)] += 1
        out["counts"][level] = new
    if "fund_raised" in out.get("measures", {}):
        out["measures"]["fund_raised"] = str(rng.randrange(0, 300_000_000))
    return out


def plan(
    rows: dict[str, dict[str, Any]], clusters: list[str], count: int, seed: int, units: list[str]
) -> list[tuple[str, str, Any]]:
    """*count* requests over *units*: half updates, a quarter unit reads, a quarter rankings."""
    rng = random.Random(seed)
    out: list[tuple[str, str, Any]] = []
    for i in range(count):
        unit = units[rng.randrange(len(units))]
        if i % 4 in (0, 2):
            out.append(("PUT", unit, changed_row(rows[unit], rng)))
        elif i % 4 == 1:
            out.append(("GET", unit, None))
        else:
            out.append(("RANK", clusters[rng.randrange(len(clusters))], None))
    return out


def run_requests(
    client: Client, campaign: str, requests: list[tuple[str, str, Any]], final: dict[str, Any]
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"update": [], "unit": [], "ranking": []}
    for kind, target, body in requests:
        if kind == "PUT":
            path, key = f"/campaigns/{campaign}/units/{target}", "update"
        elif kind == "GET":
            path, key = f"/campaigns/{campaign}/units/{target}", "unit"
        else:
            path, key = f"/campaigns/{campaign}/clusters/{target}/ranking", "ranking"
        t = time.perf_counter()
        status, answer = client.request("PUT" if kind == "PUT" else "GET", path, body)
        times[key].append(time.perf_counter() - t)
        if status != 200:
            msg = f"{kind} {path}: {status} {answer}"
            raise RuntimeError(msg)
        if kind == "PUT":
            final[target] = body
    return times


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {}
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"n": len(ordered), "p50_ms": 1000 * statistics.median(ordered), "p99_ms": 1000 * p99}


def summary(times: dict[str, list[float]], wall: float) -> dict[str, Any]:
    every = [t for v in times.values() for t in v]
    return {
        **{k: percentiles(v) for k, v in times.items()},
        "all": percentiles(every),
        "wall_s": wall,
        "requests_per_s": len(every) / wall if wall else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per phase (default: 400)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--provinces", nargs="+", help="serve a synthetic campaign of these provinces")
    parser.add_argument("--national", action="store_true", help="serve the synthetic national campaign (34 provinces)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.provinces or args.national:
            from thidua import synth

            campaign, results, _ = synth.generate_national(args.seed, provinces=args.provinces)
            thidua.dump(campaign, Path(tmp, "campaign.json"))
            thidua.dump(results, Path(tmp, "results.json"))
            serve_args = ["--files", str(Path(tmp, "campaign.json")), str(Path(tmp, "results.json"))]
        else:
            campaign, results = thidua.examples.load_campaign(), thidua.examples.load_results()
            serve_args = [thidua.examples.DEFAULT]
        doc = unstructure(results)
        rows = {r["unit"]: r for r in doc["units"]}
        units = sorted(rows)
        clusters = [c.id for c in campaign.clusters]
        fig: dict[str, Any] = {
            "campaign": campaign.id,
            "units": len(units),
            "clusters": len(clusters),
            "requests_per_phase": args.requests,
            "concurrency": CONCURRENCY,
        }
        final: dict[str, Any] = {}
        t0 = time.perf_counter()
        with server(serve_args) as (host, port):
            fig["server_start_s"] = time.perf_counter() - t0
            # sequential
            client = Client(host, port)
            for kind, target, body in plan(rows, clusters, 20, args.seed + 99, units):  # warm up
                path = f"/campaigns/{campaign.id}/" + (
                    f"units/{target}" if kind != "RANK" else f"clusters/{target}/ranking"
                )
                client.request("PUT" if kind == "PUT" else "GET", path, body)
                if kind == "PUT":
                    final[target] = body
            t = time.perf_counter()
            times = run_requests(client, campaign.id, plan(rows, clusters, args.requests, args.seed, units), final)
            fig["sequential"] = summary(times, time.perf_counter() - t)
            client.close()
            # 8 threads at once, each on its own units (so that the last row of each unit is known)
            shares = [units[i::CONCURRENCY] for i in range(CONCURRENCY)]
            per_thread = args.requests // CONCURRENCY
            merged: dict[str, list[float]] = {"update": [], "unit": [], "ranking": []}
            errors: list[BaseException] = []
            finals: list[dict[str, Any]] = [{} for _ in range(CONCURRENCY)]

            def work(i: int) -> None:
                c = Client(host, port)
                try:
                    got = run_requests(
                        c, campaign.id, plan(rows, clusters, per_thread, args.seed + i + 1, shares[i]), finals[i]
                    )
                    for k, v in got.items():
                        merged[k].extend(v)
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)
                finally:
                    c.close()

            threads = [threading.Thread(target=work, args=(i,)) for i in range(CONCURRENCY) if shares[i]]
            t = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            fig["concurrent"] = summary(merged, time.perf_counter() - t)
            if errors:
                raise errors[0]
            for f in finals:
                final.update(f)
            # the final state against a fresh evaluation of the rows sent
            client = Client(host, port)
            status, whole = client.request("GET", f"/campaigns/{campaign.id}/evaluation")
            client.close()
        sent = {u: structure_row(body) for u, body in final.items()}
        fresh = thidua.evaluate(
            campaign, attrs.evolve(results, units=tuple(sent.get(r.unit, r) for r in results.units))
        )
        fig["final_equals_fresh_evaluation"] = status == 200 and from_data(whole["evaluation"]) == fresh
        fig["final_fingerprint_matches"] = whole.get("fingerprint") == fresh.fingerprint
    fig["machine"] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_1_5_15_min": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }
    fig["command"] = " ".join([Path(sys.executable).name, *sys.argv])
    for phase in ("sequential", "concurrent"):
        s = fig[phase]
        print(
            f"{phase:>10}: p50 {s['all']['p50_ms']:.1f} ms, p99 {s['all']['p99_ms']:.1f} ms, "
            f"{s['requests_per_s']:.0f} requests/s  (update p50 {s['update']['p50_ms']:.1f} / "
            f"p99 {s['update']['p99_ms']:.1f} ms; unit p50 {s['unit']['p50_ms']:.1f}; "
            f"ranking p50 {s['ranking']['p50_ms']:.1f})"
        )
    print(f"final state equals a fresh evaluation: {fig['final_equals_fresh_evaluation']}")
    print(json.dumps(fig))
    return 0 if fig["final_equals_fresh_evaluation"] and fig["final_fingerprint_matches"] else 1


if __name__ == "__main__":
    sys.exit(main())
