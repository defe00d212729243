"""Catalog benchmark: the first translation with the compiled ``.mo`` (a wheel) and with the ``.po`` only.

The wheel ships each gettext catalog compiled to ``.mo`` by ``hatch_build.py``;
a source checkout or an editable install has only the ``.po``, which
``thidua.l10n`` compiles in memory with babel. This script unpacks one wheel
twice, once as built and once with its ``.mo`` files removed, and times, in
fresh interpreters run in turn (``--runs`` each, one untimed run first that
writes the bytecode, as ``pip install`` does):

* ``import thidua``;
* the first translation, ``get_translator("vi").gettext("Not met")``, after the import.

It also times, in this process, loading one catalog (``_catalog._load``: read
the files, check the ``.mo`` digest, or parse and compile the ``.po``), median
of ``--repeat`` runs for each language. The last line printed is one JSON
object with every figure.

Run from the repository root, in a venv with thidua's dependencies and ``build``::

    python benchmarks/catalogs.py                          # builds a wheel first
    python benchmarks/catalogs.py --wheel dist/thidua-*.whl --runs 21
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("vi", "en")

CHILD = """
import json, sys, time
t0 = time.perf_counter()
import thidua
t1 = time.perf_counter()
from thidua.l10n import get_translator
text = get_translator("vi").gettext("Not met")
t2 = time.perf_counter()
assert text == "Không đạt", text
print(json.dumps({"file": thidua.__file__, "babel.messages": "babel.messages" in sys.modules,
                  "import": t1 - t0, "first_translation": t2 - t1}))
"""


def check(condition: object, message: str) -> None:
    if not condition:
        raise RuntimeError(message)


def build_wheel(outdir: Path) -> Path:
    subprocess.run(  # noqa: S603 - our own build
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = outdir.glob("thidua-*.whl")
    return wheel


def unpack(wheel: Path, target: Path, *, keep_mo: bool) -> Path:
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if n.startswith("thidua/") and (keep_mo or not n.endswith(".mo"))]
        zf.extractall(target, members=names)
    check(bool(sorted(target.rglob("*.mo"))) == keep_mo, f"{wheel.name}: .mo files not as expected")
    return target


def child(path: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(path)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    got = json.loads(out.stdout)
    check(Path(got.pop("file")).is_relative_to(path), "thidua was not imported from the unpacked wheel")
    # babel.messages (the .po reader and compiler) is imported only when a .po is compiled
    check(got.pop("babel.messages") == (not any(path.rglob("*.mo"))), "babel.messages imported unexpectedly")
    return got


def in_turn(paths: dict[str, Path], runs: int) -> dict[str, dict[str, list[float]]]:
    for path in paths.values():
        child(path)  # writes the bytecode
    times: dict[str, dict[str, list[float]]] = {k: {"import": [], "first_translation": []} for k in paths}
    order = list(paths)
    for i in range(runs):
        for name in order[i % len(order) :] + order[: i % len(order)]:
            for key, value in child(paths[name]).items():
                times[name][key].append(value)
    return times


def load_times(paths: dict[str, Path], repeat: int) -> dict[str, dict[str, float]]:
    sys.path.insert(0, str(paths["mo"]))
    from thidua.l10n import _catalog

    check(Path(_catalog.__file__).is_relative_to(paths["mo"]), "thidua was not imported from the unpacked wheel")
    result: dict[str, dict[str, float]] = {}
    for name, path in paths.items():
        package = path / "thidua" / "l10n"
        for language in LANGUAGES:
            source = (package / _catalog.catalog_path(language)).read_bytes()
            compiled = _catalog._compiled(package, language, source)  # noqa: SLF001 - the loader is what is timed
            check((compiled is not None) == (name == "mo"), f"{name}/{language}: wrong catalog kind")
            samples = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                _catalog._load(package, language)  # noqa: SLF001
                samples.append(time.perf_counter() - t0)
            result.setdefault(name, {})[language] = statistics.median(samples)
    return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="the wheel to unpack (default: build one now)")
    parser.add_argument("--runs", type=int, default=15, help="fresh interpreters per case (default 15)")
    parser.add_argument("--repeat", type=int, default=50, help="in-process loads per catalog (default 50)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="thidua-catalogs-") as tmp:
        scratch = Path(tmp)
        wheel = args.wheel or build_wheel(scratch / "dist")
        paths = {
            "mo": unpack(wheel, scratch / "with-mo", keep_mo=True),
            "po": unpack(wheel, scratch / "po-only", keep_mo=False),
        }
        fresh = in_turn(paths, args.runs)
        loads = load_times(paths, args.repeat)
    figures: dict[str, object] = {
        "wheel": wheel.name,
        "fresh_interpreter_median_s": {
            name: {key: statistics.median(v) for key, v in d.items()} for name, d in fresh.items()
        },
        "fresh_interpreter_range_s": {
            name: {key: [min(v), max(v)] for key, v in d.items()} for name, d in fresh.items()
        },
        "load_one_catalog_median_s": loads,
        "runs": args.runs,
        "repeat": args.repeat,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
    }
    for name, label in (("po", ".po compiled in memory"), ("mo", ".mo from the wheel")):
        d = figures["fresh_interpreter_median_s"][name]  # type: ignore[index]
        print(
            f"{label:24}  import thidua {ms(d['import'])}, then first translation {ms(d['first_translation'])}"
            f"  (loading one catalog in process: vi {ms(loads[name]['vi'])}, en {ms(loads[name]['en'])})"
        )
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
