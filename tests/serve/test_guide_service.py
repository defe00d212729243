"""The web service of docs/guide/web-service.md, as written there: under 30 lines, run on a real server."""

from __future__ import annotations

import re
import socket
import threading
import types
from pathlib import Path

import pytest

import thidua
from serving import Client
from thidua.io import from_data, unstructure

pytest.importorskip("starlette", reason="the 'serve' extra")
uvicorn = pytest.importorskip("uvicorn", reason="the 'serve' extra")

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "web-service.md"


def _service_code() -> str:
    """The first Python block of the page: the whole service."""
    text = GUIDE.read_text(encoding="utf-8")
    found = re.search(r"## The whole service, in Starlette\n\n```python\n(.*?)```", text, re.DOTALL)
    assert found, "the service's code block"
    return found.group(1)


def test_the_service_is_under_30_lines_with_no_json_lock_or_error_mapping():
    code = _service_code()
    assert len(code.splitlines()) < 30
    forbidden = [r"\b[Ll]ock\b", r"json\.dumps", r"json\.loads", r"\bexcept\b", r"\btry:", "status_code", "422"]
    for needle in forbidden:
        assert not re.search(needle, code), needle


@pytest.fixture(scope="module")
def guide_server():
    module = types.ModuleType("service")
    exec(compile(_service_code(), str(GUIDE), "exec"), module.__dict__)  # noqa: S102 - our own documentation
    sock = socket.socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(uvicorn.Config(module.app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    client = Client(f"http://127.0.0.1:{sock.getsockname()[1]}")
    for _ in range(200):  # until it answers, at most about 10 s
        if server.started:
            break
        threading.Event().wait(0.05)
    yield client
    server.should_exit = True
    thread.join(timeout=30)
    sock.close()


def test_post_a_communes_results_gives_its_verdicts_and_explanation(guide_server):
    results = thidua.examples.load_results()
    data = unstructure(results)["units"][0]
    data["measures"]["fund_raised"] = "150000000"
    status, _, body = guide_server.post("/results", data)
    assert status == 200
    update = from_data(body["update"])
    assert update.unit.unit == "xa-van-khanh-tay"
    assert update.unit.score.total == 90
    assert update.changed == ("xa-van-khanh-dong", "xa-van-khanh-tay")
    assert (
        "Xếp thứ 3 trong 5 đơn vị của Cụm thi đua số 1, đồng hạng với xã Vân Khánh Đông (cùng 90 điểm)"
        in (body["explanation"])
    )


def test_problems_are_a_422_and_the_ranking_a_get(guide_server):
    bad = {
        "unit": "xa-van-khanh-tay",
        "counts": {"hamlet": {"htt": -1}},
        "totals": {"hamlet": 12},
        "measures": {"fund_raised": 0.5},
    }
    status, _, body = guide_server.post("/results", bad)
    assert status == 422
    assert [(p["path"], p["code"]) for p in body["problems"]] == [
        ("counts.hamlet.htt", "expected-count"),
        ("measures.fund_raised", "float-not-allowed"),
    ]
    status, _, body = guide_server.request("POST", "/results", raw=b"{")
    assert status == 422
    assert [p["code"] for p in body["problems"]] == ["syntax"]
    status, _, body = guide_server.get("/clusters/cum-2/ranking")
    assert status == 200
    assert [e.unit for e in from_data(body).entries[:2]] == ["tt-thu-muoi-mot", "xa-dong-thanh"]
    status, _, body = guide_server.get("/clusters/cum-9/ranking")
    assert status == 404
    assert [p["code"] for p in body["problems"]] == ["nothing-found"]
