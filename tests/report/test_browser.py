"""The HTML report in a real browser: headless Chromium loads it, shows it, and logs no error.

Chromium runs with ``--enable-logging=stderr --v=0``: every message a page
writes to the console, and every uncaught error, is logged on stderr as a
``CONSOLE`` line. Our report has no script, so any such line is a failure;
the negative test proves that an error in the page is caught.

These tests need Chromium (``scripts/test.sh`` installs Debian's package). In
CI (``CI=true``) a missing Chromium fails the test; elsewhere it is skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import thidua
from thidua.report import write_report

pytestmark = pytest.mark.browser

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CONSOLE = re.compile(r":CONSOLE[:(]")


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is required in CI (scripts/test.sh installs it)")
    pytest.skip("Chromium is not installed (scripts/test.sh installs it when run as root)")
    return None


def run_chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local page with a fresh profile."""
    cmd = [_chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603 - fixed arguments


def load(page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The page's DOM as the browser built it, and every console line it logged."""
    done = run_chromium(page, tmp_path / "profile-dom", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [line for line in done.stderr.splitlines() if CONSOLE.search(line)]


class Dom(HTMLParser):
    """Finds the ranks in the ranking tables and the verdict cells of a DOM."""

    def __init__(self):
        super().__init__()
        self.rankings: dict[str, list[str]] = {}
        self.verdicts: dict[tuple[str, str], str] = {}
        self._table = None
        self._row = {}
        self._first = False
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._table = a.get("id") if "ranking" in (a.get("class") or "").split() else None
            if self._table:
                self.rankings[self._table] = []
        elif tag == "tr":
            self._row, self._first = a, True
        elif tag == "td":
            if self._table and "data-unit" in self._row and self._first:
                self._cell = []
            self._first = False
            if a.get("data-status") and "data-target" in self._row:
                self.verdicts[(self._row["data-subject"], self._row["data-target"])] = a["data-status"]

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag == "td" and self._cell is not None:
            self.rankings[self._table].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    campaign = thidua.examples.load_campaign("an-minh-2022")
    results = thidua.examples.load_results("an-minh-2022")
    ev = thidua.evaluate(campaign, results)
    return write_report(ev, campaign, tmp_path_factory.mktemp("browser") / "report.html", results=results)


def test_report_loads_with_rankings_and_verdicts_and_no_console_error(report, tmp_path):
    dom, console = load(report, tmp_path)
    assert console == []
    parsed = Dom()
    parsed.feed(dom)
    assert set(parsed.rankings) >= {"ranking-cum-1", "ranking-cum-2", "ranking-level-commune"}
    # the first cell of each ranking row is the rank
    assert parsed.rankings["ranking-cum-1"] == ["1", "2", "3", "4", "5"]
    assert parsed.verdicts[("xa-van-khanh-tay", "bctmt-good")] == "met"
    assert parsed.verdicts[("xa-van-khanh-tay", "quy-vi-nguoi-ngheo")] == "not_met"
    assert "Dữ liệu mẫu — không phải kết quả thật" in dom


def test_a_script_error_in_the_page_is_caught(report, tmp_path):
    broken = tmp_path / "broken.html"
    text = report.read_text(encoding="utf-8")
    broken.write_text(
        text.replace("</body>", "<script>throw new Error('thidua-negative-test')</script></body>"), "utf-8"
    )
    _dom, console = load(broken, tmp_path)
    assert any("Uncaught Error: thidua-negative-test" in line for line in console), console


def test_screenshot_on_a4(report, tmp_path):
    shot = tmp_path / "report.png"
    done = run_chromium(report, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1240,1754")
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # PNG header: width and height are the 4-byte big-endian numbers at offsets 16 and 20
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1240, 1754)


def test_a_split_report_opens_on_its_summary_and_its_pages_load(tmp_path):
    campaign = thidua.examples.load_campaign("an-minh-2022")
    results = thidua.examples.load_results("an-minh-2022")
    ev = thidua.evaluate(campaign, results)
    index = write_report(ev, campaign, tmp_path / "r" / "report.html", results=results, layout="split")
    dom, console = load(index, tmp_path)
    assert console == []
    assert 'id="summary"' in dom
    assert 'href="report_files/cluster-cum-1.html"' in dom
    page = index.parent / "report_files" / "cluster-cum-1.html"
    dom, console = load(page, tmp_path)
    assert console == []
    parsed = Dom()
    parsed.feed(dom)
    assert parsed.rankings["ranking-cum-1"] == ["1", "2", "3", "4", "5"]
    assert parsed.verdicts[("xa-van-khanh-tay", "quy-vi-nguoi-ngheo")] == "not_met"
