"""The national HTML report in headless Chromium: bytes, and time to load and to draw.

Generates the national case (:func:`thidua.synth.generate_national`: 34 provinces, 3,321
communes in clusters of 6–9), evaluates it, writes the HTML report as ``thidua evaluate`` does
(``layout="auto"``: above 2 MB, a summary page and one page per cluster and per level ranking in
``report_files/``), and reports:

* the bytes of the summary page, of the largest detail page and of all pages together;
* the wall time of headless Chromium to load each of them (``--dump-dom``: the page fetched,
  parsed and its DOM written out) and to draw it (``--screenshot`` of a 1240×1754 window: laid
  out and painted), each in a fresh profile, median of ``--repeat`` runs; ``about:blank``
  timed the same way is the browser's own start-up, included in every figure;
* that nothing is lost: every target verdict and every award outcome of the report data is on
  one of the pages (parsed from the files written);
* the time to build the report data and to write the pages.

With ``--single`` it also writes the whole report as one page (``layout="single"``) and times
Chromium on it, for comparison (the 60 MB page takes minutes).

The last line printed is one JSON object with every figure::

    python benchmarks/report.py                  # all provinces
    python benchmarks/report.py --provinces 01 79 --single
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import thidua  # noqa: E402
from thidua import synth  # noqa: E402
from thidua.report import report_data, report_folder, write_report  # noqa: E402
from thidua.report._html import render_html_pages  # noqa: E402

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("headless Chromium is needed (apt-get install chromium)")


def browse(url: str, mode: str, work: Path, timeout: float) -> float:
    """Wall time of one headless Chromium run on *url* in a fresh profile."""
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    extra = ["--dump-dom"] if mode == "load" else [f"--screenshot={work / 'shot.png'}", "--window-size=1240,1754"]
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, url]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)  # noqa: S603 - fixed arguments
    took = time.perf_counter() - start
    shutil.rmtree(profile, ignore_errors=True)
    if done.returncode != 0:
        sys.exit(f"chromium failed on {url}: {done.stderr[-500:]!r}")
    return took


def timed(url: str, work: Path, repeat: int, timeout: float) -> dict[str, float]:
    return {
        mode: round(statistics.median(browse(url, mode, work, timeout) for _ in range(repeat)), 3)
        for mode in ("load", "draw")
    }


class Verdicts(HTMLParser):
    """The target verdicts and award rows of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.verdicts: dict[tuple[str, str], str] = {}
        self.awards: set[tuple[str, str]] = set()
        self._row: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr":
            self._row = a
            if a.get("data-award"):
                self.awards.add((str(a["data-award"]), str(a["data-unit"])))
        elif tag == "td" and a.get("data-status") and self._row.get("data-target"):
            self.verdicts[(str(self._row["data-subject"]), str(self._row["data-target"]))] = str(a["data-status"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--provinces", nargs="+", metavar="PROVINCE")
    parser.add_argument("--repeat", type=int, default=3, help="Chromium runs per figure (median)")
    parser.add_argument("--single", action="store_true", help="also time the report as one page")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()

    out: dict[str, object] = {"command": " ".join(sys.argv), "machine": platform.platform()}
    campaign, results, _history = synth.generate_national(seed=args.seed, provinces=args.provinces)
    ev = thidua.evaluate(campaign, results)
    out["units"], out["clusters"] = len(ev.units), len(ev.clusters)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        data = report_data(ev, campaign, results=results)
        out["report_data_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        pages = render_html_pages(data, folder="report_files")
        out["render_s"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        index = write_report(ev, campaign, work / "report.html", results=results)
        out["write_report_s"] = round(time.perf_counter() - start, 2)
        folder = report_folder(index)
        details = sorted(folder.glob("*.html")) if folder.is_dir() else []
        out["pages"] = 1 + len(details)
        out["summary_bytes"] = index.stat().st_size
        out["total_bytes"] = index.stat().st_size + sum(p.stat().st_size for p in details)
        largest = max(details, key=lambda p: p.stat().st_size) if details else index
        out["largest_page"] = largest.name
        out["largest_page_bytes"] = largest.stat().st_size
        out["pages_rendered_in_memory"] = len(pages)

        seen = Verdicts()
        for page in [index, *details]:
            seen.feed(page.read_text(encoding="utf-8"))
        expected = {(t["subject"], t["target"]): t["status"] for c in data["clusters"] for t in c["targets"]}
        expected |= {(t["subject"], t["target"]): t["status"] for u in data["units"] for t in u["targets"]}
        awards = {(a["award"], u["id"]) for u in data["units"] for a in u["awards"]}
        out["verdicts"] = len(expected)
        out["verdicts_on_pages"] = len(seen.verdicts)
        out["nothing_lost"] = seen.verdicts == expected and seen.awards == awards

        out["chromium_blank_s"] = timed("about:blank", work, args.repeat, args.timeout)
        out["chromium_summary_s"] = timed(index.as_uri(), work, args.repeat, args.timeout)
        out["chromium_largest_page_s"] = timed(largest.as_uri(), work, args.repeat, args.timeout)
        first = next((p for p in details if p.name.startswith("cluster-")), None)
        if first is not None:
            out["chromium_cluster_page_s"] = timed(first.as_uri(), work, args.repeat, args.timeout)
            out["cluster_page_bytes"] = first.stat().st_size
        if args.single:
            single = work / "single.html"
            write_report(ev, campaign, single, results=results, layout="single")
            out["single_bytes"] = single.stat().st_size
            out["chromium_single_s"] = timed(single.as_uri(), work, 1, args.timeout)
    for key, value in out.items():
        print(f"{key:>26}: {value}")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
