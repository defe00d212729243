"""An evaluation read from many threads at once: its lazily built parts come out the same."""

from __future__ import annotations

import sys
import threading

import thidua
from thidua.io import to_data


def test_threads_reading_one_evaluation_build_the_same_traces():
    prepared = thidua.prepare(thidua.examples.load_campaign("son-tay-2024"))
    results = thidua.examples.load_results("son-tay-2024")
    shared = thidua.evaluate(prepared, results)  # nothing read yet: every trace is still to build
    expected = to_data(thidua.evaluate(prepared, results))
    seen: list[dict] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        try:
            seen.append(to_data(shared))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=read) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(seen) == 8
    assert all(data == expected for data in seen)
    assert shared == thidua.evaluate(prepared, results)


def test_threads_explaining_at_once_get_the_same_lines():
    from thidua.l10n import explain_unit

    campaign = thidua.examples.load_campaign()
    ev = thidua.evaluate(campaign, thidua.examples.load_results())
    units = [u.unit for u in ev.units]
    expected = {(u, lang): explain_unit(ev, u, campaign=campaign, locale=lang) for u in units for lang in ("vi", "en")}
    seen: list[dict] = []

    def explain() -> None:
        seen.append(
            {(u, lang): explain_unit(ev, u, campaign=campaign, locale=lang) for u in units for lang in ("vi", "en")}
        )

    threads = [threading.Thread(target=explain) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [expected] * 6
