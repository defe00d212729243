#!/usr/bin/env python3
"""Mutation testing of the engine and the model's validation, driven by mutmut 3.

How many wrong engines would the tests let through? mutmut copies ``src/`` to
``mutants/``, writes every mutant of each function of the files named in
``[tool.mutmut] only_mutate`` (pyproject.toml) next to the original, runs the
tests once to learn which tests call which function, then, for each mutant,
runs only the tests that reach the mutated function (``-x``, one forked pytest
per mutant, under a CPU-time limit, and pytest-timeout per test). This script
picks the mutants (all, one file's, or a seeded sample), runs mutmut on them,
and reports killed, timed-out, survived and equivalent mutants with the place
(file:line) and the mutation. Equivalent mutants are listed by hand, with the
reason, in ``scripts/mutation_equivalents.toml``.

Usage (from the repository root, after ``pip install -e '.[tests,mutation]'``)::

    python scripts/mutation.py run                          # every mutant (hours on one core)
    python scripts/mutation.py run --file engine/_rules.py  # one file (repeatable)
    python scripts/mutation.py run --sample 200 --seed 1    # a seeded sample
    python scripts/mutation.py run --survivors              # rerun what survived last time
    python scripts/mutation.py run --resume                 # finish an interrupted run
    python scripts/mutation.py report [--markdown F] [--json F] [--killed]
    python scripts/mutation.py list [--file F] [--sample N --seed S]

``--jobs`` (default 1) is how many mutants run at once. ``run`` starts from a
fresh ``mutants/`` directory unless ``--resume`` or ``--survivors`` is given.
See docs/testing.md for what it measured.
"""

# ruff: noqa: T201, S603, S607 - a script: it prints, and runs mutmut and git
from __future__ import annotations

import argparse
import ast
import datetime as dt
import difflib
import json
import os
import random
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
SELECTION = MUTANTS / "thidua-selection.json"
EQUIVALENTS = ROOT / "scripts" / "mutation_equivalents.toml"
#: mutmut's internals are used to list mutants and read them back: keep to the version it was written for
MUTMUT_VERSION = "3.8.1"
#: statuses that mean the tests noticed the mutant
DETECTED = frozenset({"killed", "timeout", "segfault"})
#: the order of the columns of the report
STATUSES = ("killed", "timeout", "segfault", "survived", "no tests", "suspicious", "equivalent", "not checked")


def _require_mutmut() -> None:
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover - Python >= 3.8
        return
    try:
        found = version("mutmut")
    except PackageNotFoundError:
        sys.exit("mutmut is not installed: pip install -e '.[tests,mutation]'")
    if found != MUTMUT_VERSION:
        print(
            f"warning: this script was written for mutmut {MUTMUT_VERSION}, found {found}; "
            "the listing and the report read mutmut's files and may break",
            file=sys.stderr,
        )


# --------------------------------------------------------------------------- mutants


def _generate() -> None:
    """Write the mutants of every file to mutate into ``mutants/`` (what ``mutmut run`` does first)."""
    from mutmut.__main__ import (
        CatchOutput,
        copy_also_copy_files,
        copy_src_dir,
        create_mutants,
        set_mutant_under_test,
        setup_source_paths,
    )

    set_mutant_under_test("mutant_generation")
    MUTANTS.mkdir(exist_ok=True)
    with CatchOutput():
        copy_src_dir()
        copy_also_copy_files()
        setup_source_paths()
        create_mutants(1)


def _all_results() -> dict[str, tuple[str, str]]:
    """Every mutant mutmut knows: its name → (source file, status)."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    out = {}
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, code in data.exit_code_by_key.items():
            out[name] = (str(path), status_by_exit_code[code])
    return out


def _normalize_file(arg: str) -> str:
    """``engine/_rules.py``, ``_rules`` or ``src/thidua/engine/_rules.py`` → the path under src/."""
    p = arg.removeprefix("./")
    if not p.endswith(".py"):
        p += ".py"
    if not p.startswith("src/"):
        p = "src/thidua/" + p.removeprefix("thidua/")
    if not (ROOT / p).is_file():
        candidates = sorted(str(q.relative_to(ROOT)) for q in (ROOT / "src" / "thidua").rglob(Path(p).name))
        if len(candidates) == 1:
            return candidates[0]
        sys.exit(f"--file {arg}: no such file (candidates: {', '.join(candidates) or 'none'})")
    return p


def _select(args: argparse.Namespace, results: dict[str, tuple[str, str]]) -> list[str]:
    names = sorted(results)
    if args.file:
        files = {_normalize_file(f) for f in args.file}
        names = [n for n in names if results[n][0] in files]
        if not names:
            sys.exit(f"no mutant in {', '.join(sorted(files))}: is it listed in [tool.mutmut] only_mutate?")
    if args.mutants:
        wanted = _listed(args.mutants)
        names = [n for n in names if n in wanted]
    if args.sample is not None and args.sample < len(names):
        names = sorted(random.Random(args.seed).sample(names, args.sample))  # noqa: S311 - a reproducible sample
    return names


# --------------------------------------------------------------------------- running


def _run_mutmut(names: Sequence[str], jobs: int) -> int:
    """Run ``mutmut run`` on *names*; on a terminal its progress line is shown as is, else once a minute."""
    env = dict(os.environ)
    env.setdefault("HYPOTHESIS_PROFILE", "mutation")  # tests/conftest.py: derandomized, no example database
    cmd = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *names]
    if sys.stdout.isatty():
        return subprocess.call(cmd, cwd=ROOT, env=env)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.stdout is None:  # pragma: no cover - asked for a pipe
        return proc.wait()
    last_shown = 0.0
    pending = ""
    buf = b""
    while chunk := proc.stdout.read1(4096):
        buf += chunk
        *parts, buf_text = buf.decode("utf-8", "replace").replace("\r", "\n").split("\n")
        buf = buf_text.encode()
        for part in parts:
            line = part.strip()
            if not line:
                continue
            if line[0] in "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏":  # a spinner update: show one a minute
                pending = line[1:].strip()
                if time.monotonic() - last_shown > 60:
                    print(f"{dt.datetime.now().astimezone():%H:%M:%S} {pending}", flush=True)
                    last_shown, pending = time.monotonic(), ""
            else:
                print(line, flush=True)
    if pending:
        print(pending, flush=True)
    return proc.wait()


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "tests"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip() + (" (with uncommitted changes in src/ or tests/)" if dirty.stdout.strip() else "")


def cmd_run(args: argparse.Namespace) -> int:
    _require_mutmut()
    os.chdir(ROOT)
    previous = json.loads(SELECTION.read_text()) if SELECTION.exists() else None
    if args.resume or args.survivors:
        if previous is None:
            sys.exit("nothing to resume: run `python scripts/mutation.py run` first")
        _generate()
        results = _all_results()
        chosen = [n for n in previous["names"] if n in results]
        if args.resume:
            names = [n for n in chosen if results[n][1] == "not checked"]
        else:
            names = [n for n in chosen if results[n][1] in {"survived", "no tests", "suspicious"}]
        selection = previous
    else:
        if MUTANTS.exists():
            shutil.rmtree(MUTANTS)  # a fresh copy of src/ and tests/, fresh test statistics
        _generate()
        results = _all_results()
        names = _select(args, results)
        selection = {
            "names": names,
            "files": args.file or [],
            "sample": args.sample,
            "seed": args.seed if args.sample is not None else None,
            "commit": _git_commit(),
            "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "seconds": 0.0,
        }
    if not names:
        print("no mutant to run")
        return _report(args)
    print(f"{len(names)} mutants to run with {args.jobs} job(s)", flush=True)
    SELECTION.write_text(json.dumps(selection, indent=1))
    start = time.monotonic()
    everything = not (args.resume or args.survivors) and len(names) == len(results)
    code = _run_mutmut([] if everything else names, args.jobs)  # no name: every mutant
    selection["seconds"] = round(float(selection.get("seconds", 0.0)) + time.monotonic() - start, 1)
    selection["finished"] = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    SELECTION.write_text(json.dumps(selection, indent=1))
    if code != 0:
        print(f"mutmut exited with {code}", file=sys.stderr)
        return code
    return _report(args)


def _listed(path: str) -> set[str]:
    """Mutant names in *path*: a JSON report of this script (its mutants), or one name a line."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        return {m["name"] for m in json.loads(text)["mutants"]}
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def cmd_list(args: argparse.Namespace) -> int:
    _require_mutmut()
    os.chdir(ROOT)
    _generate()
    results = _all_results()
    names = _select(args, results)
    per_file = Counter(results[n][0] for n in names)
    for f, n in sorted(per_file.items()):
        print(f"{n:6d}  {f}")
    print(f"{len(names):6d}  mutants")
    return 0


# --------------------------------------------------------------------------- report


@dataclass
class Mutant:
    name: str
    file: str
    function: str
    status: str
    line: int | None
    original: str
    mutated: str
    why: str = ""

    def where(self) -> str:
        return f"{self.file}:{self.line if self.line is not None else '?'}"


def _function_lines(path: str) -> dict[str, tuple[int, int]]:
    """``name`` or ``Class.name`` → (line of ``def``, last line) of top-level functions and methods."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    out: dict[str, tuple[int, int]] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out[node.name] = (node.lineno, node.end_lineno or node.lineno)
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                    out[f"{node.name}.{sub.name}"] = (sub.lineno, sub.end_lineno or sub.lineno)
    return out


def _describe(name: str, path: str, status: str, lines_of: dict[str, dict[str, tuple[int, int]]]) -> Mutant:
    """Read a mutant back: the function, the line in the source file, the original and mutated code."""
    import libcst as cst
    from mutmut.mutation.diff_apply import (
        read_functions_from_index,
        read_mutant_function,
        read_mutants_module,
        read_original_function,
    )
    from mutmut.utils.format_utils import orig_function_and_class_names_from_key

    func, cls = orig_function_and_class_names_from_key(name)
    qual = f"{cls}.{func}" if cls else func
    functions = read_functions_from_index(name, path)
    if functions is None:
        module = read_mutants_module(path)
        functions = (read_original_function(module, name), read_mutant_function(module, name))
    orig, mutant = (cst.Module([f]).code.strip("\n").split("\n") for f in functions)
    ops = [op for op in difflib.SequenceMatcher(a=orig, b=mutant, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return Mutant(name, path, qual, status, None, "", "")
    first, last = ops[0], ops[-1]
    removed = orig[first[1] : last[2]]
    added = mutant[first[3] : last[4]]
    line = None
    if path not in lines_of:
        lines_of[path] = _function_lines(path)
    span = lines_of[path].get(qual)
    if span is not None:
        def_index = next((i for i, text in enumerate(orig) if text.lstrip().startswith(("def ", "async def "))), 0)
        line = span[0] + first[1] - def_index
        source = (ROOT / path).read_text(encoding="utf-8").split("\n")
        want = orig[first[1]].strip() if first[1] < len(orig) else ""
        if want and not (0 < line <= len(source) and source[line - 1].strip() == want):
            hits = [i + 1 for i in range(span[0] - 1, span[1]) if source[i].strip() == want]
            line = min(hits, key=lambda h: abs(h - line)) if hits else None  # the file changed since the run
    return Mutant(name, path, qual, status, line, _joined(removed), _joined(added))


def _joined(lines: Iterable[str]) -> str:
    return " ⏎ ".join(text.strip() for text in lines)


def _equivalents() -> list[dict[str, object]]:
    if not EQUIVALENTS.exists():
        return []
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    return list(data.get("equivalent", []))


def _report(args: argparse.Namespace) -> int:
    os.chdir(ROOT)
    if not SELECTION.exists():
        sys.exit("no run to report: run `python scripts/mutation.py run` first")
    selection = json.loads(SELECTION.read_text())
    results = _all_results()
    names = [n for n in selection["names"] if n in results]
    lines_of: dict[str, dict[str, tuple[int, int]]] = {}
    equivalents = _equivalents()
    used = [0] * len(equivalents)
    mutants: list[Mutant] = []
    for name in names:
        path, status = results[name]
        if status == "not checked" or (status == "killed" and not args.killed):
            mutants.append(Mutant(name, path, "", status, None, "", ""))
            continue
        mutant = _describe(name, path, status, lines_of)
        if status not in DETECTED:
            for k, eq in enumerate(equivalents):
                if (
                    eq.get("file") == mutant.file
                    and eq.get("function") == mutant.function
                    and eq.get("original") == mutant.original
                    and eq.get("mutated", mutant.mutated) == mutant.mutated  # no "mutated": every mutant of the line
                ):
                    mutant.status, mutant.why = "equivalent", str(eq.get("why", ""))
                    used[k] += 1
                    break
        mutants.append(mutant)

    table: dict[str, Counter[str]] = {}
    for mutant in mutants:
        table.setdefault(mutant.file, Counter())[mutant.status] += 1
    total = Counter[str]()
    for counts in table.values():
        total.update(counts)

    def score(c: Counter[str]) -> str:
        considered = sum(c.values()) - c["equivalent"] - c["not checked"]
        detected = sum(c[s] for s in DETECTED)
        return f"{100 * detected / considered:.1f}%" if considered else "-"

    columns = ("file", "mutants", *STATUSES, "score")

    def row(label: str, c: Counter[str]) -> list[str]:
        return [label, str(sum(c.values())), *(str(c[s]) for s in STATUSES), score(c)]

    rows = [row(f, table[f]) for f in sorted(table)] + [row("all", total)]
    widths = [max(len(columns[i]), *(len(r[i]) for r in rows)) for i in range(len(columns))]
    print()
    minutes = float(selection.get("seconds", 0)) / 60
    print(f"commit {selection.get('commit')}; started {selection.get('started')}; {minutes:.1f} min of mutmut")
    scope = "all mutants" if not selection.get("files") and selection.get("sample") is None else ""
    if selection.get("files"):
        scope = "files " + ", ".join(selection["files"])
    if selection.get("sample") is not None:
        scope += f" sample {selection['sample']} seed {selection['seed']}"
    print(f"scope: {scope.strip()}; score = (killed + timeout + segfault) / (mutants - equivalent - not checked)")
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
    print()
    for status in ("survived", "no tests", "suspicious", "timeout", "segfault", "equivalent"):
        listed = sorted((m for m in mutants if m.status == status), key=lambda m: (m.file, m.line or 0, m.name))
        if not listed:
            continue
        print(f"== {status} ({len(listed)})")
        for m in listed:
            extra = f"\n      why: {m.why}" if m.why else ""
            print(f"  {m.where()}  {m.function}  [{m.name.rpartition('.')[2]}]")
            print(f"      - {m.original}\n      + {m.mutated}{extra}")
        print()
    stale = [eq for eq, n in zip(equivalents, used, strict=True) if not n]
    if stale and not selection.get("files") and selection.get("sample") is None:
        print(f"== listed as equivalent but not among the undetected mutants ({len(stale)}): update {EQUIVALENTS.name}")
        for eq in stale:
            print(
                f"  {eq.get('file')}:{eq.get('line')}  {eq.get('function')}: {eq.get('original')} → {eq.get('mutated')}"
            )
    if args.markdown:
        md = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        md += [
            "| " + " | ".join(f"`{v}`" if i == 0 and v != "all" else v for i, v in enumerate(r)) + " |" for r in rows
        ]
        Path(args.markdown).write_text("\n".join(md) + "\n", encoding="utf-8")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "selection": {k: v for k, v in selection.items() if k != "names"},
                    "mutants": [asdict(m) for m in mutants if m.status not in {"killed", "not checked"} or args.killed],
                },
                indent=1,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    _require_mutmut()
    return _report(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def choosing(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--file", action="append", help="only the mutants of this file (repeatable), e.g. engine/_rules.py"
        )
        p.add_argument("--sample", type=int, help="a random sample of this many mutants")
        p.add_argument("--seed", type=int, default=0, help="the seed of the sample (default 0)")
        p.add_argument("--mutants", help="only the mutants named in this file (one a line, or a --json report)")

    def reporting(p: argparse.ArgumentParser) -> None:
        p.add_argument("--markdown", help="write the per-file table to this file (Markdown)")
        p.add_argument("--json", help="write every undetected mutant to this file (JSON)")
        p.add_argument("--killed", action="store_true", help="also describe killed mutants in --json")

    run = sub.add_parser("run", help="run mutmut on the chosen mutants, then report")
    choosing(run)
    reporting(run)
    run.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    again = run.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="run the mutants of the last run not yet checked")
    again.add_argument(
        "--survivors", action="store_true", help="rerun the mutants of the last run that were not killed"
    )
    run.set_defaults(func=cmd_run)

    report = sub.add_parser("report", help="report the last run")
    reporting(report)
    report.set_defaults(func=cmd_report)

    listing = sub.add_parser("list", help="count the mutants that would run")
    choosing(listing)
    listing.set_defaults(func=cmd_list)

    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
