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


#: distributions left out of the page, and why
LEFT_OUT_DISTS = {
    # python-dateutil requires it for time zones; thidua reads calendar dates only (dateutil's isoparser)
    "tzdata": "thidua uses no time zone",
}
#: parts of thidua the page never imports (the command line, notebooks, papers, test helpers, synthetic data, plots)
LEFT_OUT_THIDUA = (
    "thidua/__main__.py",
    "thidua/admin/",
    "thidua/cli/",
    "thidua/notebook/",
    "thidua/papers/",
    "thidua/plot.py",
    "thidua/synth.py",
    "thidua/testing/",
    "thidua/l10n/locale/messages.pot",
)
#: modules of Pyodide's standard library that neither thidua, its dependencies nor Pyodide itself import
LEFT_OUT_STDLIB = frozenset(
    {
        "__hello__.py",
        "__phello__",
        "_android_support.py",
        "_apple_support.py",
        "_ios_support.py",
        "_pyrepl",
        "antigravity.py",
        "bdb.py",
        "cProfile.py",
        "cmd.py",
        "code.py",
        "codeop.py",
        "doctest.py",
        "ftplib.py",
        "getpass.py",
        "imaplib.py",
        "mailbox.py",
        "modulefinder.py",
        "multiprocessing",
        "netrc.py",
        "pdb.py",
        "pickletools.py",
        "poplib.py",
        "profile.py",
        "pstats.py",
        "pty.py",
        "pyclbr.py",
        "pydoc.py",
        "rlcompleter.py",
        "shelve.py",
        "smtplib.py",
        "symtable.py",
        "tabnanny.py",
        "this.py",
        "timeit.py",
        "trace.py",
        "tty.py",
        "turtle.py",
        "unittest",
        "wave.py",
        "webbrowser.py",
        "wsgiref",
        "xmlrpc",
        "zipapp.py",
    }
)
#: the text encodings kept: thidua reads UTF-8 (with or without BOM); zipfile needs cp437
KEPT_ENCODINGS = frozenset(
    {
        "__init__",
        "aliases",
        "ascii",
        "charmap",
        "cp437",
        "idna",
        "latin_1",
        "punycode",
        "raw_unicode_escape",
        "undefined",
        "unicode_escape",
        "utf_16",
        "utf_16_be",
        "utf_16_le",
        "utf_32",
        "utf_32_be",
        "utf_32_le",
        "utf_8",
        "utf_8_sig",
    }
)


def keep(dist: str, name: str) -> bool:
    """Whether a file of a wheel goes into the page."""
    parts = name.split("/")
    if dist == "babel" and parts[:2] == ["babel", "locale-data"] and name.endswith(".dat"):
        return parts[2][: -len(".dat")] in BABEL_LOCALES
    if dist == "thidua" and name.startswith(LEFT_OUT_THIDUA):
        return False
    if any(p in ("tests", "__pycache__") for p in parts[:-1]):
        return False
    return not name.endswith((".pyi", ".pyc", "/py.typed"))


def keep_stdlib(name: str) -> bool:
    """Whether a file of Pyodide's standard library goes into the page."""
    parts = name.split("/")
    if parts[0] in LEFT_OUT_STDLIB:
        return False
    if parts[0] == "encodings" and len(parts) == 2 and name.endswith(".py"):
        return parts[1][: -len(".py")] in KEPT_ENCODINGS
    return True


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

#: the page's Python in Node, from the built folder: every bundled example and a template read back
CHECK_JS = r"""
const fs = require("fs");
const path = require("path");
const out = process.argv[2];
const { loadPyodide } = require(path.join(process.argv[3], "pyodide.js"));
(async () => {
  const py = await loadPyodide({ indexURL: path.join(out, "pyodide") + "/" });
  const site = py.runPython("import site; site.getsitepackages()[0]");
  const build = JSON.parse(fs.readFileSync(path.join(out, "build.json"), "utf8"));
  for (const p of build.packages) {
    py.unpackArchive(new Uint8Array(fs.readFileSync(path.join(out, p.file))), "zip", { extractDir: site });
  }
  const answer = py.runPython(`
import json
from thidua import examples
from thidua.web import Page

found = {}
for name in examples.names():
    page = Page()
    page.open_example(name)
    view = page.use_sample_results()
    assert not view["problems"], view["problems"]
    found[name] = view["fingerprint"]
page = Page()
page.open_example("an-minh-2022")
_, template = page.template("vi")
view = page.read_results([("bieu-mau.xlsx", template)])
found["template"] = [p["code"] for p in view["problems"]]
page.read_results([("kq.csv", b"unit,rating\\nxa-khong-co,htt\\n"), ("kq.json", b"{")], "en")
page.use_sample_results()
page.view("en")
found["html"] = page.report(".html")[1][:15].decode()
found["xlsx"] = page.report(".xlsx", "en")[1][:2].decode()
for name, text in (("c.toml", b"x = 1"), ("c.yaml", b"x: 1"), ("c.json", examples.path("son-tay-2024").read_bytes())):
    page.open_file(name, text)
page.too_large("big.xlsx", 2**31)
# the modules the page imported: their bytecode is shipped, the others' source
import sys
specs = [getattr(m, "__spec__", None) for m in list(sys.modules.values())]
found["modules"] = sorted({s.origin for s in specs if s is not None and isinstance(s.origin, str)})
json.dumps(found)
`);
  console.log(answer);
})().catch((e) => { console.error(e); process.exit(1); });
"""


def node() -> str:
    found = shutil.which("node")
    if found is None:
        sys.exit("build_site: node is needed to byte-compile the wheels with Pyodide and to check the page's Python")
    return found


def compile_tree(runtime: Path, tree: Path) -> None:
    """Byte-compile *tree* with Pyodide's own Python (so that the bytecode fits it), in place."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "compile.cjs"
        script.write_text(COMPILE_JS, encoding="utf-8")
        run([node(), str(script), str(runtime.resolve()), str(tree.resolve())])


def zip_tree(tree: Path, target: Path, used: frozenset[str] | None) -> None:
    """*tree* as a zip, reproducibly: a module in *used* (or any, when ``None``) as bytecode, others as source."""
    files = sorted(p for p in tree.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for p in files:
            rel = p.relative_to(tree).as_posix()
            if p.suffix in (".py", ".pyc") and p.with_suffix(".pyc").exists() and p.with_suffix(".py").exists():
                bytecode = used is None or rel.removesuffix("c") in used
                if (p.suffix == ".pyc") != bytecode:
                    continue
            info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, p.read_bytes())


def extract(wheels: list[Path], runtime: Path, tree: Path) -> list[Path]:
    """Unpack the wheels shipped and the runtime's standard library under *tree*, trimmed, and byte-compile them."""
    shipped = [w for w in wheels if w.name.split("-")[0].lower() not in LEFT_OUT_DISTS]
    for wheel in shipped:
        dist = wheel.name.split("-")[0].lower()
        with zipfile.ZipFile(wheel) as zf:
            for info in zf.infolist():
                if not info.is_dir() and keep(dist, info.filename):
                    zf.extract(info, tree / "packages" / wheel.name)
    with zipfile.ZipFile(runtime / "python_stdlib.zip") as zf:
        for info in zf.infolist():
            if not info.is_dir() and keep_stdlib(info.filename):
                zf.extract(info, tree / "stdlib")
    compile_tree(runtime, tree)
    return shipped


def assemble(shipped: list[Path], tree: Path, out: Path, used: frozenset[str] | None) -> list[dict[str, object]]:
    """Zip the standard library and each package into *out*; returns the packages' manifest.

    A module the page imports (*used*: paths relative to the zip's root; all
    when ``None``) is shipped as bytecode, which spares the browser compiling
    it at every visit; any other module as its source, which is smaller.
    """
    (out / "pyodide").mkdir(parents=True, exist_ok=True)
    zip_tree(tree / "stdlib", out / "pyodide" / "python_stdlib.zip", used)
    (out / "packages").mkdir(exist_ok=True)
    manifest = []
    for wheel in shipped:
        dist, version = wheel.name.split("-")[:2]
        target = out / "packages" / f"{dist}-{version}.zip"
        zip_tree(tree / "packages" / wheel.name, target, used)
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


def check(out: Path, runtime: Path, wheel_tree: Path) -> frozenset[str]:
    """Run the page's Python from the built folder under Node; its fingerprints must be CPython's.

    Returns the modules it imported, as ``.py`` paths relative to the root of
    the standard library or of ``site-packages``.
    """
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "check.cjs"
        script.write_text(CHECK_JS, encoding="utf-8")
        done = subprocess.run(  # noqa: S603 - fixed arguments
            [node(), str(script), str(out.resolve()), str(runtime.resolve())],
            check=True,
            capture_output=True,
            text=True,
        )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import thidua; from thidua import examples; "
        "print(json.dumps({n: thidua.evaluate(examples.load_campaign(n), examples.load_results(n), "
        "history=examples.load_history(n)).fingerprint for n in examples.names()}))"
    )
    cpython = json.loads(
        subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "-c", code, str(wheel_tree)], check=True, capture_output=True, text=True
        ).stdout
    )
    for name, fingerprint in cpython.items():
        if found.get(name) != fingerprint:
            sys.exit(f"build_site: {name}: the page's fingerprint {found.get(name)} is not CPython's {fingerprint}")
    if found["html"] != "<!DOCTYPE html>" or found["xlsx"] != "PK" or not found["template"]:
        sys.exit(f"build_site: the page's Python did not write its files: {found}")
    print(f"checked under Node: {len(cpython)} bundled examples give CPython's fingerprints; template and reports")
    used = set()
    for origin in found["modules"]:
        for root in ("/lib/python313.zip/", "/lib/python3.13/site-packages/"):
            if origin.startswith(root) and origin.endswith((".py", ".pyc")):
                used.add(origin.removeprefix(root).removesuffix("c"))
    return frozenset(used)


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
        tree = work / "tree"
        shipped = extract(wheels, runtime, tree)
        # no package comes from Pyodide's repository: the lock file lists none
        lock = json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
        wheel_tree = tree / "packages" / wheel.name
        texts = thidua_texts(wheel_tree)  # from CPython running the wheel's own files (their sources are kept)
        used = None
        for _ in range(2):  # first everything as bytecode, to learn what the page imports; then the site
            manifest = assemble(shipped, tree, out, used)
            for name in RUNTIME:
                if name not in ("python_stdlib.zip", "pyodide-lock.json"):
                    shutil.copy2(runtime / name, out / "pyodide" / name)
            (out / "pyodide" / "pyodide-lock.json").write_text(
                json.dumps({"info": lock["info"], "packages": {}}), encoding="utf-8"
            )
            build = {"pyodide": version, "packages": manifest, "left_out": LEFT_OUT_DISTS}
            (out / "build.json").write_text(json.dumps(build, indent=2) + "\n", encoding="utf-8")
            write_page(out, {"pyodide": version, "packages": manifest, "texts": texts})
            imported = check(out, runtime, wheel_tree)
            if used is not None and not imported <= used:
                sys.exit(f"build_site: the page imported modules shipped as source: {sorted(imported - used)}")
            used = imported
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"site written to {out} ({total / 2**20:.1f} MiB) in {time.monotonic() - start:.0f} s")
    for item in manifest:
        print(f"  {item['file']}: {int(item['size']) / 1024:.0f} KiB")  # type: ignore[call-overload]
    return 0


if __name__ == "__main__":
    sys.exit(main())
