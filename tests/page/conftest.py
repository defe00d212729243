"""The office's page in a real browser: the built site, served from 127.0.0.1, in Debian's headless Chromium.

The site comes from ``$THIDUA_SITE`` (``scripts/test.sh`` builds it with
``scripts/build_site.py`` from the wheel under test). Chromium is driven by
Playwright for Python (``executable_path``: Playwright's own browser download
is never used). In CI (``CI=true``) a missing site, Chromium or Playwright
fails the tests; elsewhere they are skipped.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why} (CI=true: the page's tests must run; scripts/test.sh provides it)")
    pytest.skip(why)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site: ``$THIDUA_SITE``."""
    found = os.environ.get("THIDUA_SITE")
    if not found or not (Path(found) / "index.html").is_file():
        _missing("the site is not built: run scripts/build_site.py OUT and set THIDUA_SITE=OUT")
    return Path(found)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def origin(site_dir):
    """The site served by a plain static server on 127.0.0.1 (as ``python -m http.server`` serves it)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        _missing("Chromium is not installed (scripts/test.sh installs Debian's package when run as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (the tests extra has it)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=FLAGS)
        yield b
        b.close()


class Session:
    """One page with every request, console message and page error it caused."""

    def __init__(self, page, origin: str) -> None:
        self.page = page
        self.origin = origin
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))

    def open(self) -> None:
        self.page.goto(f"{self.origin}/index.html")
        self.wait_ready()

    def wait_ready(self) -> None:
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
        self.idle()

    def idle(self) -> None:
        """Wait until no call to Python is running."""
        self.page.wait_for_selector("body:not([aria-busy])", state="attached", timeout=120_000)

    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "pageerror")]

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.origin + "/")]


@pytest.fixture
def session(browser, origin):
    """A fresh page (its own context: no cache, no storage) on the served site."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(120_000)
    yield Session(page, origin)
    context.close()
