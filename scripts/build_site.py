"""Build the office's page: a static folder that runs thidua in the browser.

Usage::

    python scripts/build_site.py OUT [--wheel dist/thidua-X-py3-none-any.whl]

OUT receives ``index.html`` with its script and style, the Pyodide runtime
(the ``pyodide`` npm package pinned in ``site/package-lock.json``, installed
with ``npm ci``), and the wheels of thidua (``--wheel``, else built now with
``python -m build``) and of its dependencies for Pyodide's Python, downloaded
with pip as pure-Python wheels. Nothing in OUT refers to another host: the
page fetches only its own files, so OUT can be copied to any static web host
or opened from a local web server (``python -m http.server -d OUT``).

To keep the page light, babel's locale data is trimmed to what thidua uses
(root, vi, en) and every wheel is installed, byte-compiled by Pyodide's own
Python (under Node) and repacked as one ``.zip`` per distribution holding
only the bytecode and the data files, which the page unpacks into Pyodide's
``site-packages``. The page's texts are taken from thidua's catalogs for both
languages and written into ``index.html``.

Needs: Node and npm (for ``npm ci`` and for byte-compiling), pip, and the
``build`` package when no wheel is given.
"""

# ruff: noqa: INP001, T201 - a script, not a package; it prints its progress
from __future__ import annotations

import argparse
import hashlib
import html
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
#: the files of the pyodide npm package that the page loads
RUNTIME = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: the page's own files, copied as they are (index.html is filled in)
PAGE_FILES = ("app.js", "worker.js", "style.css")
#: babel's locale data that thidua loads: the root locale, Vietnamese and English
BABEL_LOCALES = ("root", "vi", "en")
#: the Python of the pinned Pyodide, for pip's choice of wheels
PYODIDE_PYTHON = "3.13"


def run(cmd: list[str], **kwargs: object) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]  # noqa: S603 - fixed arguments


def npm_ci() -> Path:
    """Install the pinned Pyodide from site/package-lock.json; returns its folder."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("build_site: npm is needed to install the Pyodide runtime (site/package-lock.json)")
    run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=SITE)
    return SITE / "node_modules" / "pyodide"


def build_wheel(out: Path) -> Path:
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], stdout=subprocess.DEVNULL)
    return next(out.glob("thidua-*.whl"))


def download_wheels(wheel: Path, out: Path) -> list[Path]:
    """thidua's wheel and the pure-Python wheels of its dependencies (with the excel extra) for Pyodide."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, out / wheel.name)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            "--platform=any",
            "--implementation=py",
            "--abi=none",
            f"--python-version={PYODIDE_PYTHON}",
            "--dest",
            str(out),
            f"{(out / wheel.name).resolve()}[excel]",
        ]
    )
    return sorted(out.glob("*.whl"))


def keep(name: str) -> bool:
    """Whether a file of a wheel goes into the page."""
    parts = name.split("/")
    if parts[0] == "babel" and len(parts) == 3 and parts[1] == "locale-data" and name.endswith(".dat"):
        return parts[2][: -len(".dat")] in BABEL_LOCALES
    if any(p in ("tests", "__pycache__") for p in parts[:-1]):
        return False
    return not name.endswith((".pyi", ".pyc", "/py.typed"))


COMPILE_JS = r"""
const { loadPyodide } = require(process.argv[2] + "/pyodide.js");
(async () => {
  const py = await loadPyodide({ indexURL: process.argv[2] + "/" });
  py.FS.mkdirTree("/build");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: process.argv[3] }, "/build");
  const ok = py.runPython(`
import compileall
bool(compileall.compile_dir("/build", quiet=1, legacy=True))
`);
  process.exit(ok ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(1); });
"""


def compile_tree(runtime: Path, tree: Path) -> None:
    """Byte-compile *tree* with Pyodide's own Python (so that the bytecode fits it), in place."""
    node = shutil.which("node")
    if node is None:
        sys.exit("build_site: node is needed to byte-compile the wheels with Pyodide")
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "compile.cjs"
        script.write_text(COMPILE_JS, encoding="utf-8")
        run([node, str(script), str(runtime.resolve()), str(tree.resolve())])


def repack(wheels: list[Path], runtime: Path, out: Path, work: Path) -> list[dict[str, object]]:
    """Each wheel, trimmed and byte-compiled, as ``out/<dist>-<version>.zip``; returns their manifest."""
    tree = work / "tree"
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            for info in zf.infolist():
                if not info.is_dir() and keep(info.filename):
                    zf.extract(info, tree / wheel.name)
    compile_tree(runtime, tree)
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for wheel in wheels:
        dist, version = wheel.name.split("-")[:2]
        target = out / f"{dist}-{version}.zip"
        files = sorted(p for p in (tree / wheel.name).rglob("*") if p.is_file())
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for p in files:
                rel = p.relative_to(tree / wheel.name).as_posix()
                if rel.endswith(".py") and p.with_suffix(".pyc").exists():
                    continue  # the bytecode replaces the source
                info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, p.read_bytes())
        data = target.read_bytes()
        manifest.append(
            {
                "name": dist,
                "version": version,
                "wheel": wheel.name,
                "file": f"packages/{target.name}",
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    return manifest


def write_page(out: Path, config: dict[str, object]) -> None:
    for name in PAGE_FILES:
        shutil.copy2(SITE / name, out / name)
    page = (SITE / "index.html").read_text(encoding="utf-8")
    data = json.dumps(config, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    texts = config["texts"]
    assert isinstance(texts, dict)  # noqa: S101
    vi = texts["vi"]
    page = page.replace("{{config}}", data)
    for key, value in vi.items():
        page = page.replace("{{" + key + "}}", html.escape(value))
    (out / "index.html").write_text(page, encoding="utf-8")


def thidua_texts(site_packages: Path) -> dict[str, dict[str, str]]:
    """The texts from the thidua being shipped: run its page_texts in a fresh interpreter on its tree."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from thidua.web import page_texts; "
        "print(json.dumps({k: page_texts(k) for k in ('vi', 'en')}, ensure_ascii=False))"
    )
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code, str(site_packages)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write (emptied first)")
    parser.add_argument("--wheel", type=Path, help="thidua's wheel (default: build one now)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    runtime = npm_ci()
    version = json.loads((runtime / "package.json").read_text(encoding="utf-8"))["version"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        wheel = args.wheel or build_wheel(work / "dist")
        wheels = download_wheels(wheel, work / "wheels")
        manifest = repack(wheels, runtime, out / "packages", work)
        texts = thidua_texts(work / "tree" / wheel.name)
    (out / "pyodide").mkdir()
    for name in RUNTIME:
        shutil.copy2(runtime / name, out / "pyodide" / name)
    config = {"pyodide": version, "packages": manifest, "texts": texts}
    write_page(out, config)
    (out / "build.json").write_text(
        json.dumps({"pyodide": version, "packages": manifest}, indent=2) + "\n", encoding="utf-8"
    )
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"site written to {out} ({total / 2**20:.1f} MiB) in {time.monotonic() - start:.0f} s")
    for item in manifest:
        print(f"  {item['file']}: {int(item['size']) / 1024:.0f} KiB")  # type: ignore[call-overload]
    return 0


if __name__ == "__main__":
    sys.exit(main())
