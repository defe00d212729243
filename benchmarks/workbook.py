"""Workbooks at the national scale: a 100,000-row results workbook written, filled, read and collected.

The workload is the national campaign of :mod:`thidua.synth` with its front
work committees listed one by one (about 100,000 hamlets under the 3,321
communes, each rated on its own row), so that the results template has a
hamlet sheet of about 100,000 rows beside the commune sheet. The script

1. writes the template (``thidua.io.make_template``, streamed);
2. fills every hamlet's grade (by editing the sheet's XML), and stores the
   texts as Excel saves a workbook (shared strings; the template as openpyxl
   writes it, with inline strings, is read too at the main scale);
3. reads the filled workbook back (``thidua.io.read_results_table``: the
   streamed reader, the locked cells checked, the entries built, the results
   validated), each run in a fresh interpreter (the campaign loaded before the
   clock starts), with its wall time and peak resident size, and the peak of
   Python's allocations in one more run under tracemalloc (not timed: tracing
   every allocation slows the run several times);
4. collects it (``thidua.io.collect``: the same, and every blank input);
5. refuses a zip bomb (a sheet of 64 MiB of spaces, 64 KiB compressed) and a
   sheet past the row limit, with the time and memory each takes;
6. reads the same workbook at half and double the rows, to show how time and
   memory grow (linearly with the rows; bounded by :class:`thidua.io.WorkbookLimits`);
7. times the floor under the same conditions: inflating every sheet and
   parsing it with the C parser alone, no Python per element. On a shared
   machine the absolute times follow the load; the ratio of a read to this
   floor is what thidua's own work costs.

The last line printed is one JSON object with every figure.

Run from the repository root (needs the ``excel`` extra)::

    PYTHONPATH=src python benchmarks/workbook.py              # full run (about 3 min here)
    PYTHONPATH=src python benchmarks/workbook.py --repeat 1 --scale 0.1   # quick
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import attrs  # noqa: E402

from thidua import model as m  # noqa: E402
from thidua.io import dump, make_template  # noqa: E402
from thidua.synth import generate_national  # noqa: E402

GRADES = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ")


def national_with_hamlets(scale: float) -> tuple[m.Campaign, int]:
    """The national campaign with its front work committees as units: *scale* × the counts of each commune."""
    campaign, results, _history = generate_national(seed=0)
    hamlets: list[m.Unit] = []
    for r in results.units:
        n = max(1, round(sum(r.counts["hamlet"].values()) * scale))
        hamlets.extend(
            m.Unit(f"{r.unit}-ap-{i}", f"Ấp {i}", "hamlet", parent=r.unit, kind="front_work_committee")
            for i in range(1, n + 1)
        )
    return attrs.evolve(campaign, units=(*campaign.units, *hamlets)), len(hamlets)


#: an input cell the template left empty (unlocked, styled), as openpyxl's write-only mode writes it
_EMPTY_INPUT = re.compile(rb'<c r="([A-Z]+)(\d+)" s="(\d+)" t="n"></c>')


def fill(template: Path, out: Path, sheet: str = "xl/worksheets/sheet3.xml", *, shared: bool = True) -> int:
    """Type a grade into every input cell of the hamlet sheet (the cells the template left empty and unlocked).

    With *shared*, the texts are then stored as Excel saves them (shared strings, instead of the
    inline strings openpyxl writes). Returns the number of cells filled.
    """
    with zipfile.ZipFile(template) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    counter = iter(range(10**9))

    def grade(match: re.Match[bytes]) -> bytes:
        col, row, style = match.groups()
        text = GRADES[next(counter) % 4].encode()
        return b'<c r="%s%s" s="%s" t="inlineStr"><is><t>%s</t></is></c>' % (col, row, style, text)

    parts[sheet] = _EMPTY_INPUT.sub(grade, parts[sheet])
    if shared:
        _share_strings(parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return next(counter)


_INLINE = re.compile(rb'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr">(?:<is><t>(.*?)</t></is>)?</c>')


def _share_strings(parts: dict[str, bytes]) -> None:
    """Turn the inline strings openpyxl writes into shared strings, as Excel saves a workbook."""
    table: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        ref, style, text = match.groups()
        if text is None:
            return b'<c r="%s"%s/>' % (ref, style)
        index = table.setdefault(text, len(table))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (ref, style, index)

    for name in list(parts):
        if name.startswith("xl/worksheets/"):
            parts[name] = _INLINE.sub(shared, parts[name])
    items = b"".join(b"<si><t>%s</t></si>" % text for text in table)
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
        % (len(table), len(table), items)
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSST" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>',
    )


CHILD = r"""
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {src!r})
from thidua.io import load, read_results_table, collect
campaign = load({campaign!r}, expected="campaign")
what, traced = {what!r}, {traced!r}
if traced:
    tracemalloc.start()
start = time.perf_counter()
if what == "read":
    try:
        results = read_results_table({workbook!r}, campaign)
        n, errors = len(results.units), 0
    except Exception as exc:
        n, errors = 0, len(getattr(exc, "problems", [exc]))
elif what == "collect":
    got = collect(campaign, [{workbook!r}])
    n, errors = (len(got.results.units) if got.results else 0), len(got.errors)
elif what == "parse":  # the floor: inflate every sheet and parse it in C, no Python per element
    import xml.etree.ElementTree as ET, zipfile
    with zipfile.ZipFile({workbook!r}) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                parser = ET.XMLParser()
                with z.open(name) as part:
                    while chunk := part.read(1 << 16):
                        parser.feed(chunk)
                parser.close()
    n, errors = 0, 0
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else None
print(json.dumps({{"seconds": seconds, "peak_mib": peak,
    "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "units": n, "errors": errors}}))
"""


def child(campaign: Path, workbook: Path, what: str, *, traced: bool = False) -> dict[str, float]:
    code = CHILD.format(src=str(ROOT / "src"), campaign=str(campaign), workbook=str(workbook), what=what, traced=traced)
    done = subprocess.run(  # noqa: S603 - this interpreter, running the code above
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=900
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def timed(campaign: Path, workbook: Path, what: str, repeat: int) -> dict[str, object]:
    """Median wall time and peak resident size over *repeat* fresh interpreters (untraced), and
    the peak of Python's allocations in one more run under tracemalloc (which slows the run)."""
    runs = [child(campaign, workbook, what) for _ in range(repeat)]
    traced = child(campaign, workbook, what, traced=True)
    return {
        "seconds": round(median([r["seconds"] for r in runs]), 3),
        "seconds_min": round(min(r["seconds"] for r in runs), 3),
        "seconds_all": [round(r["seconds"], 3) for r in runs],
        "maxrss_mib": round(median([r["maxrss_mib"] for r in runs]), 1),
        "traced_peak_mib": round(traced["peak_mib"], 1),
        "units": runs[0]["units"],
        "errors": runs[0]["errors"],
    }


def bomb(template: Path, out: Path, sheet: str) -> None:
    with zipfile.ZipFile(template) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    head = parts[sheet].split(b"<sheetData>")[0]
    parts[sheet] = head + b"<sheetData>" + b" " * (64 * 1024 * 1024) + b"</sheetData></worksheet>"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)


def workload(folder: Path, scale: float) -> tuple[Path, Path, dict[str, float]]:
    campaign, hamlets = national_with_hamlets(scale)
    cpath = folder / f"campaign-{scale}.json"
    dump(campaign, cpath)
    template = folder / f"mau-{scale}.xlsx"
    start = time.perf_counter()
    make_template(campaign, template)
    write_seconds = time.perf_counter() - start
    filled = folder / f"da-dien-{scale}.xlsx"
    cells = fill(template, filled)
    fill(template, folder / f"inline-{scale}.xlsx", shared=False)
    return (
        cpath,
        filled,
        {
            "hamlets": hamlets,
            "cells_filled": cells,
            "template_seconds": round(write_seconds, 2),
            "template_mib": round(template.stat().st_size / 2**20, 2),
            "filled_mib": round(filled.stat().st_size / 2**20, 2),
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh-interpreter runs per figure (median)")
    parser.add_argument("--scale", type=float, default=1.0, help="hamlets per commune, as a share of the counts")
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    figures: dict[str, object] = {"python": sys.version.split()[0], "machine": platform.machine()}
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        for scale in (args.scale / 2, args.scale, args.scale * 2):
            cpath, filled, info = workload(folder, scale)
            key = f"x{scale:g}"
            info["read"] = timed(cpath, filled, "read", args.repeat)
            info["xml_parse_floor"] = timed(cpath, filled, "parse", args.repeat)
            if scale == args.scale:
                inline = folder / f"inline-{scale}.xlsx"
                info["inline_mib"] = round(inline.stat().st_size / 2**20, 2)
                info["read_inline_strings"] = timed(cpath, inline, "read", args.repeat)
                info["xml_parse_floor_inline"] = timed(cpath, inline, "parse", args.repeat)
                info["collect"] = timed(cpath, filled, "collect", args.repeat)
                bombed = folder / "bomb.xlsx"
                bomb(folder / f"mau-{scale}.xlsx", bombed, "xl/worksheets/sheet3.xml")
                info["bomb_mib"] = round(bombed.stat().st_size / 2**20, 3)
                info["bomb"] = timed(cpath, bombed, "read", args.repeat)
            figures[key] = info
            print(key, json.dumps(info, ensure_ascii=False), flush=True)
    figures["load_average"] = [round(load_start, 2), round(os.getloadavg()[0], 2)]
    figures["command"] = " ".join([Path(sys.executable).name, *sys.argv])
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
