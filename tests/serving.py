"""Start ``thidua serve`` as a real server on 127.0.0.1 (a free port) and talk to it over HTTP."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

#: how long a server may take to start (seconds)
START_TIMEOUT = 60


class Client:
    """A small HTTP client for one server (the standard library's, one connection per request)."""

    def __init__(self, base: str) -> None:
        found = re.match(r"^http://([\d.]+):(\d+)$", base)
        assert found, base
        self.base = base
        self.host, self.port = found.group(1), int(found.group(2))

    def request(
        self, method: str, path: str, body: Any = None, *, raw: bytes | None = None
    ) -> tuple[int, dict[str, str], Any]:
        """Send a request; the status, the headers (lower case) and the JSON body."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            data = raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
            headers = {"Content-Type": "application/json"} if data is not None else {}
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            payload = resp.read()
            found = {k.lower(): v for k, v in resp.getheaders()}
            return resp.status, found, json.loads(payload) if payload else None
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, dict[str, str], Any]:
        return self.request("GET", path)

    def put(self, path: str, body: Any) -> tuple[int, dict[str, str], Any]:
        return self.request("PUT", path, body)

    def post(self, path: str, body: Any) -> tuple[int, dict[str, str], Any]:
        return self.request("POST", path, body)


def _clean_env() -> dict[str, str]:
    """The environment for the server: thidua as installed, never from src/ on PYTHONPATH."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


@contextlib.contextmanager
def running(*args: str) -> Iterator[Client]:
    """Run ``python -m thidua serve ARGS --port 0`` until the block ends; yield a client for it."""
    with subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-m", "thidua", "serve", *args, "--port", "0", "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_clean_env(),
    ) as proc:
        yield from _served(proc)


def _served(proc: subprocess.Popen[str]) -> Iterator[Client]:
    try:
        base = _wait_for_url(proc)
        # keep reading what the server writes, so that a full pipe never blocks it
        threading.Thread(target=_drain, args=(proc,), daemon=True).start()
        client = Client(base)
        _wait_until_answering(client)
        yield client
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover - a server that does not stop
            proc.kill()
            proc.wait()


def _drain(proc: subprocess.Popen[str]) -> None:
    assert proc.stderr is not None
    for _line in proc.stderr:
        pass


def _wait_for_url(proc: subprocess.Popen[str]) -> str:
    """The URL the server prints once it listens (bounded by START_TIMEOUT)."""
    assert proc.stderr is not None
    deadline = time.monotonic() + START_TIMEOUT
    seen = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break  # the server ended
        seen.append(line)
        found = re.search(r"http://[\d.]+:\d+", line)
        if found:
            return found.group(0)
    proc.kill()
    out, err = proc.communicate()
    msg = f"the server did not start: {''.join(seen)}{err}{out}"
    raise AssertionError(msg)


def _wait_until_answering(client: Client) -> None:
    for _ in range(200):  # at most about 10 s
        try:
            status, _headers, _body = client.get("/")
        except OSError:
            time.sleep(0.05)
            continue
        if status == 200:
            return
    msg = "the server does not answer"
    raise AssertionError(msg)
