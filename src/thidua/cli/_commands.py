"""The commands of ``thidua``: each takes the parsed arguments and a console, and returns an exit code."""

from __future__ import annotations

import argparse
import difflib
import json
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thidua import model as m
from thidua._problems import N_
from thidua.cli._console import EXIT_CONFLICTS, Console, Progress
from thidua.errors import DataError

if TYPE_CHECKING:
    from thidua.notebook._changes import Path as ChangePath

__all__ = [
    "convert",
    "demo",
    "evaluate",
    "explain",
    "find_unit",
    "generate",
    "load_results",
    "papers",
    "schema",
    "serve",
    "template",
    "test",
    "validate",
    "what_if",
]

_REPORT_SUFFIXES = (".html", ".htm", ".xlsx", ".json")
_TABLE_SUFFIXES = (".xlsx", ".csv")
_DEMO_OUTPUT = Path("thidua-demo") / "report.html"


def _load_campaign(path: str) -> m.Campaign:
    from thidua.io import load

    obj = load(path, expected="campaign")
    assert isinstance(obj, m.Campaign)  # noqa: S101 - guaranteed by expected=
    return obj


def _read_campaign(path: str, console: Console) -> m.Campaign:
    """Read the campaign and remember it, so that later errors name its units and rules."""
    campaign = _load_campaign(path)
    console.campaign = campaign
    return campaign


def load_results(path: str, campaign: m.Campaign) -> m.Results:
    """Read results from a document (.json, .toml, .yaml) or a table (.xlsx, .csv).

    Raises:
        DataError: listing every problem with its path or cell.
    """
    from thidua.io import load, read_results_table

    if Path(path).suffix.lower() in _TABLE_SUFFIXES:
        return read_results_table(path, campaign)
    obj = load(path, expected="results", campaign=campaign)
    assert isinstance(obj, m.Results)  # noqa: S101 - guaranteed by expected=
    return obj


_HISTORY_NAMES = ("history.json", "history.toml", "history.yaml", "history.yml")


def history_path(args: argparse.Namespace, console: Console) -> str | None:
    """The history file: ``--history``, or a ``history.*`` file next to the campaign.

    A history found next to the campaign is announced on stderr, so that it is
    never used silently.
    """
    if getattr(args, "history", None) is not None:
        return str(args.history)
    folder = Path(args.campaign).parent
    for name in _HISTORY_NAMES:
        found = folder / name
        if found.is_file():
            _ = console.gettext
            console.note(_("Using the history next to the campaign: %(file)s") % {"file": str(found)})
            return str(found)
    return None


def _load_history(path: str | None, campaign: m.Campaign) -> m.History | None:
    from thidua.io import load

    if path is None:
        return None
    obj = load(path, expected="history", campaign=campaign)
    assert isinstance(obj, m.History)  # noqa: S101 - guaranteed by expected=
    return obj


def _check_report_suffix(console: Console, path: str) -> bool:
    if Path(path).suffix.lower() in _REPORT_SUFFIXES:
        if Path(path).suffix.lower() == ".xlsx":
            from thidua.io._excel import openpyxl_module

            openpyxl_module()
        return True
    console.error(
        console.gettext("cannot write a report to %(file)s: use .html, .xlsx or .json") % {"file": Path(path).name}
    )
    return False


def demo(args: argparse.Namespace, console: Console) -> int:
    """``thidua demo``: evaluate the bundled example and write its HTML report."""
    from thidua import examples
    from thidua.engine import evaluate as run
    from thidua.report import write_report

    _ = console.gettext
    out = Path(args.output) if args.output else _DEMO_OUTPUT
    if not _check_report_suffix(console, str(out)):
        return 2
    with console.progress(3) as bar:
        bar.step(_("Reading"))
        campaign = examples.load_campaign(examples.DEFAULT)
        results = examples.load_results(examples.DEFAULT)
        history = examples.load_history(examples.DEFAULT)
        bar.step(_("Evaluating"))
        ev = run(campaign, results, history=history)
        bar.step(_("Writing the report"))
        written = write_report(ev, campaign, out, locale=console.locale, results=results)
    from thidua.l10n import Names

    names = Names(campaign, console.translator.language)
    english = console.translator.language == "en"
    console.print(campaign.name_en if english and campaign.name_en else campaign.name)
    if ev.sample:
        console.print(_("Sample data — not real results"))
    for ce in ev.clusters:
        leaders = [names.unit(u) for u in ce.ranking.leaders]
        console.print(f"  {names.cluster(ce.cluster)}: {console.translator.format_list(leaders)}")
    console.print(_("Report written to %(path)s") % {"path": written.resolve()})
    _pages_note(console, written)
    return 0


def validate(args: argparse.Namespace, console: Console) -> int:
    """``thidua validate``: every problem of a campaign, results and history, with its path."""
    _ = console.gettext
    failed = False
    try:
        campaign = _load_campaign(args.campaign)
    except DataError as exc:
        console.problems(exc.source or args.campaign, exc.problems)
        return 1
    warnings = [p for p in m.validate_campaign(campaign) if not p.is_error]
    if warnings:
        console.problems(args.campaign, warnings)
    else:
        console.print(_("%(file)s: no problems") % {"file": args.campaign})
    for path, loader in ((args.results, load_results), (history_path(args, console), _load_history)):
        if path is None:
            continue
        try:
            loader(path, campaign)
        except DataError as exc:
            console.problems(exc.source or path, exc.problems)
            failed = True
        else:
            console.print(_("%(file)s: no problems") % {"file": path})
    return 1 if failed else 0


def _evaluated(args: argparse.Namespace, console: Console, bar: Progress) -> tuple[Any, m.Campaign, m.Results]:
    from thidua.engine import evaluate as run

    _ = console.gettext
    bar.step(_("Reading the campaign"))
    campaign = _read_campaign(args.campaign, console)
    bar.step(_("Reading the results"))
    results = load_results(args.results, campaign)
    history = _load_history(history_path(args, console), campaign)
    bar.step(_("Evaluating"))
    ev = run(campaign, results, stage=args.stage, history=history)
    return ev, campaign, results


def evaluate(args: argparse.Namespace, console: Console) -> int:
    """``thidua evaluate``: evaluate results and write a report."""
    from thidua.report import write_report

    _ = console.gettext
    if not _check_report_suffix(console, args.output):
        return 2
    with console.progress(4) as bar:
        ev, campaign, results = _evaluated(args, console, bar)
        bar.step(_("Writing the report"))
        written = write_report(ev, campaign, args.output, locale=console.locale, results=results)
    if ev.sample:
        console.print(_("Sample data — not real results"))
    console.print(_("Report written to %(path)s") % {"path": written})
    _pages_note(console, written)
    return _decision_errors(ev, campaign, console)


def _pages_note(console: Console, written: Path) -> None:
    """Say where the detail pages of a split HTML report are."""
    from thidua.report import report_folder

    folder = report_folder(written)
    if written.suffix.lower() in (".html", ".htm") and folder.is_dir():
        count = sum(1 for p in folder.iterdir() if p.suffix == ".html")
        console.print(
            console.translator.ngettext(
                "The report opens on a summary; %(count)d detail page is in %(folder)s",
                "The report opens on a summary; %(count)d detail pages are in %(folder)s",
                count,
            )
            % {"count": count, "folder": folder}
        )


def papers(args: argparse.Namespace, console: Console) -> int:
    """``thidua papers``: the minutes, proposal and summary report of each cluster, as .docx."""
    from thidua.engine import evaluate as run
    from thidua.errors import ThiduaError
    from thidua.papers import load_details, write_papers
    from thidua.papers._docx import docx_module

    _ = console.gettext
    docx_module()
    details = load_details(args.details) if args.details else None
    with console.progress(5) as bar:
        bar.step(_("Reading the campaign"))
        campaign = _read_campaign(args.campaign, console)
        bar.step(_("Reading the results"))
        results = load_results(args.results, campaign)
        history = _load_history(history_path(args, console), campaign)
        bar.step(_("Evaluating"))
        ev = run(campaign, results, stage=args.stage, history=history)
        self_assessed = None
        first = campaign.stages[0].id if campaign.stages else None
        if first is not None and args.stage != first:
            try:
                self_assessed = run(campaign, results, stage=first, history=history)
            except ThiduaError:
                console.note(_("Self-assessed points are not shown: the results cannot be evaluated at that stage"))
        bar.step(_("Writing the papers"))
        written = write_papers(
            ev,
            campaign,
            args.output,
            results=results,
            self_assessed=self_assessed,
            details=details,
            proposals=args.proposals,
            clusters=args.cluster,
            locale=console.locale,
        )
    from thidua.l10n import Names

    names = Names(campaign, console.translator.language)
    if ev.sample:
        console.print(_("Sample data — not real results"))
    for path in written.paths:
        console.print(_("Written %(path)s") % {"path": path})
    for cluster in written.without_proposal:
        console.print(_("%(cluster)s: nothing to propose, no proposal written") % {"cluster": names.cluster(cluster)})
    return 0


def _decision_errors(ev: Any, campaign: m.Campaign, console: Console) -> int:
    """List the conflicts of severity ``error`` on stderr, one line each; the exit code (0 or 5)."""
    from thidua.l10n import Names, format_conflict

    _ = console.gettext
    names = Names(campaign, console.translator.language)
    errors = [(ce.cluster, c) for ce in ev.clusters for c in ce.conflicts if c.severity == "error"]
    for cluster, conflict in errors:
        text = format_conflict(conflict, campaign=campaign, locale=console.locale)
        console.error(_("%(cluster)s: %(conflict)s") % {"cluster": names.cluster(cluster), "conflict": text})
    if not errors:
        return 0
    console.note(
        console.translator.ngettext(
            "%(n)d conflict between a meeting's decision and the rules (exit code 5)",
            "%(n)d conflicts between the meetings' decisions and the rules (exit code 5)",
            len(errors),
        )
        % {"n": len(errors)}
    )
    return EXIT_CONFLICTS


def find_unit(ev: Any, campaign: m.Campaign, text: str) -> tuple[str | None, list[str]]:
    """Find an evaluated unit by id, or by name in any case and in NFC or NFD.

    Returns:
        The unit id, or ``None`` and the candidates (several units of that
        name, or close names).

    >>> import thidua
    >>> c = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(c, thidua.examples.load_results())
    >>> find_unit(ev, c, "XA\\u0303 VA\\u0302N KHA\\u0301NH TA\\u0302Y")
    ('xa-van-khanh-tay', [])
    """
    evaluated = {u.unit: u for u in ev.units}
    if text in evaluated:
        return text, []
    wanted = m.nfc(text).casefold()
    by_name: dict[str, list[str]] = {}
    units = {x.id: x for x in campaign.units}
    for u in ev.units:
        unit = units.get(u.unit)
        for name in {u.name, unit.name_en if unit and unit.name_en else u.name}:
            by_name.setdefault(m.nfc(name).casefold(), []).append(u.unit)
    found = sorted(set(by_name.get(wanted, [])))
    if len(found) == 1:
        return found[0], []
    if found:
        return None, found
    close = difflib.get_close_matches(wanted, list(by_name) + list(evaluated), n=5, cutoff=0.6)
    return None, sorted({u for c in close for u in by_name.get(c, [c])})


def explain(args: argparse.Namespace, console: Console) -> int:
    """``thidua explain``: the unit's verdicts and explanation in the terminal."""
    from thidua.l10n import explain_unit

    _ = console.gettext
    with console.progress(3) as bar:
        ev, campaign, _results = _evaluated(args, console, bar)
    unit, candidates = find_unit(ev, campaign, args.unit)
    if unit is None:
        if candidates:
            console.error(
                _("no single unit matches %(unit)r; did you mean: %(candidates)s?")
                % {"unit": args.unit, "candidates": ", ".join(candidates)}
            )
        else:
            console.error(_("no evaluated unit matches %(unit)r") % {"unit": args.unit})
        return 1
    for line in explain_unit(ev, unit, campaign=campaign, locale=console.locale):
        console.print(line)
    label = _("Fingerprint")
    console.print(f"{label}: {ev.fingerprint}")
    return 0


def template(args: argparse.Namespace, console: Console) -> int:
    """``thidua template``: a workbook or table for the people who report results."""
    from thidua.io import make_template

    _ = console.gettext
    campaign = _read_campaign(args.campaign, console)
    written = make_template(campaign, args.output, locale=console.locale)
    console.print(_("Template written to %(path)s") % {"path": written})
    return 0


def schema(args: argparse.Namespace, console: Console) -> int:
    """``thidua schema``: the JSON Schema of a document type (or all four)."""
    from thidua.io import json_schema, write_atomic

    _ = console.gettext
    from thidua.testing import scenario_schema

    def one(name: str) -> Any:
        return scenario_schema() if name == "scenario" else json_schema(name)

    data: Any
    if args.document:
        data = one(args.document)
    else:
        data = {name: one(name) for name in ("campaign", "results", "history", "scenario")}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output:

        def write(p: Path) -> None:
            p.write_text(text, encoding="utf-8")

        written = write_atomic(args.output, write)
        console.print(_("Schema written to %(path)s") % {"path": written})
    else:
        console.out.write(text)
    return 0


def convert(args: argparse.Namespace, console: Console) -> int:
    """``thidua convert``: a document between JSON, TOML and YAML."""
    from thidua.io import dump, load

    _ = console.gettext
    doc = load(args.input)
    written = dump(doc, args.output)
    console.print(_("Written %(path)s") % {"path": written})
    return 0


def _scenario_files(paths: list[str]) -> list[Path]:
    """The files to run: each file given, and the scenario files found in each folder given."""
    from thidua.testing._reader import declares_scenario

    out: list[Path] = []
    for given in paths:
        p = Path(given)
        if not p.is_dir():
            out.append(p)
            continue
        for found in sorted(p.rglob("test_*")):
            if found.suffix.lower() in (".yaml", ".yml", ".json") and found.is_file():
                try:
                    text = found.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    continue
                if declares_scenario(text):
                    out.append(found)
    return out


def test(args: argparse.Namespace, console: Console) -> int:
    """``thidua test``: run scenario files; for each expectation not met, what was expected and got, and why."""
    from thidua.testing import load_scenarios, run

    _ = console.gettext
    files = _scenario_files(args.scenarios)
    checked = met = broken = 0
    with console.progress(len(files)) as bar:
        for path in files:
            bar.step(path.name)
            try:
                scenarios = load_scenarios(path)
            except DataError as exc:
                bar.close()
                console.problems(exc.source or str(path), exc.problems)
                broken += 1
                continue
            for sc in scenarios:
                report = run(sc)
                bar.close()
                checked += report.checked
                met += report.checked - len(report.failed)
                console.print(("✓ " if report.ok else "✗ ") + report.summary(console.locale))
                for result in report.failed:
                    for line in report.failure(result, console.locale, explain=args.explain):
                        console.print("    " + line)
    console.print(_("Expectations met: %(met)d of %(count)d") % {"met": met, "count": checked})
    if broken:
        console.print(_("Files with problems: %(count)d") % {"count": broken})
    if not files:
        console.error(_("no scenario file found"))
    return 1 if broken or met < checked or not files else 0


_SHOWN_NAMES = 6


def _cli_value(text: str) -> object:
    """A value typed on the command line, read as a file would read it (never as a binary float)."""
    stripped = text.strip()
    if stripped in ("null", "none"):
        return None
    if stripped in ("true", "false"):
        return stripped == "true"
    if stripped.lstrip("-").isdigit():
        return int(stripped)
    if stripped[:1] in "{[":
        try:
            return json.loads(stripped)
        except ValueError:
            return stripped
    return stripped


def _changes(items: list[str], option: str) -> dict[ChangePath, object]:
    from thidua.notebook import _codes as nb_codes

    out: dict[ChangePath, object] = {}
    problems = []
    for item in items:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            problems.append(nb_codes.CHANGE_FORM(value=f"{option} {item}"))
            continue
        out[path.strip()] = _cli_value(value)
    if problems:
        raise DataError(problems)
    return out


def _sweep_values(text: str) -> tuple[str, list[object]]:
    """``PATH=START:STOP:STEP`` or ``PATH=V1,V2,...``."""
    from thidua.notebook import _codes as nb_codes
    from thidua.notebook import value_range

    path, sep, spec = text.partition("=")
    if not sep or not path.strip() or not spec.strip():
        raise DataError(nb_codes.SWEEP_RANGE(value=text))
    if ":" in spec:
        parts = spec.split(":")
        if len(parts) != 3:
            raise DataError(nb_codes.SWEEP_RANGE(value=text))
        try:
            return path.strip(), list(value_range(*parts))
        except DataError as exc:
            raise DataError(exc.problems) from None
    return path.strip(), [_cli_value(v) for v in spec.split(",")]


def _listed(names: list[str], console: Console) -> str:
    if len(names) <= _SHOWN_NAMES:
        return console.translator.format_list(names) if names else ""
    more = len(names) - _SHOWN_NAMES
    shown_names = ", ".join(names[:_SHOWN_NAMES])
    return console.translator.ngettext("%(names)s and %(n)d more", "%(names)s and %(n)d more", more) % {
        "names": shown_names,
        "n": more,
    }


def what_if(args: argparse.Namespace, console: Console) -> int:
    """``thidua what-if``: change rules or inputs, or sweep one value, and show the verdicts that move."""
    from thidua.notebook import sweep as run_sweep
    from thidua.notebook import what_if as run_what_if

    _ = console.gettext
    rules = _changes(args.rules, "--set")
    inputs = _changes(args.inputs, "--input")
    sweep_spec = _sweep_values(args.sweep) if args.sweep else None
    if sweep_spec is None and (args.output or args.plot):
        console.error(_("--output and --plot draw a sweep: give --sweep"))
        return 2
    if args.plot:
        from thidua.plot import _figure_class

        _figure_class()  # the plot extra, or a clear message naming it, before any work
    with console.progress(3) as bar:
        bar.step(_("Reading the campaign"))
        campaign = _read_campaign(args.campaign, console)
        bar.step(_("Reading the results"))
        results = load_results(args.results, campaign)
        history = _load_history(history_path(args, console), campaign)
        bar.step(_("Evaluating"))
        if sweep_spec is None:
            w = run_what_if(campaign, results, rules=rules, inputs=inputs, stage=args.stage, history=history)
        else:
            from thidua.notebook import apply_changes

            if rules:
                campaign = apply_changes(campaign, rules)
            if inputs:
                results = apply_changes(results, inputs, campaign=campaign)
            s = run_sweep(campaign, results, sweep_spec[0], sweep_spec[1], stage=args.stage, history=history)
    if sweep_spec is None:
        if not w.changes:
            console.print(_("No verdict changed."))
        for line in w.explain(console.locale):
            console.print(line)
        return 0
    _print_sweep(s, console)
    if args.output:
        written = _write_sweep_table(s, args.output, console)
        console.print(_("Written %(path)s") % {"path": written})
    if args.plot:
        from thidua.io import write_atomic

        figure = s.plot(locale=console.locale)
        suffix = Path(args.plot).suffix.lower().lstrip(".") or "png"

        def draw(p: Path) -> None:
            figure.savefig(p, format=suffix)

        written = write_atomic(args.plot, draw)
        console.print(_("Written %(path)s") % {"path": written})
    return 0


def _print_sweep(s: Any, console: Console) -> None:
    from thidua.l10n import Names
    from thidua.notebook._sweep import _label, _shown

    _ = console.gettext
    names = Names(s.campaign, console.translator.language)
    share = s._share  # noqa: SLF001 - the sweep's own reading of its values
    loc = console.locale
    awards = sorted({a for x in s.steps for a in x.granted})
    head = [_label("value", loc), _label("met", loc)] + [names.award(a) for a in awards]
    console.print(" | ".join(head))
    for x in s.steps:
        cells = [_shown(x.value, share, loc), "" if x.met is None else f"{x.met}/{x.subjects}"]
        cells += [f"{x.granted.get(a, 0)}/{x.eligible.get(a, 0)}" for a in awards]
        console.print(" | ".join(cells))
        if x.became_met:
            console.print("    + " + _listed([names.unit(u) for u in x.became_met], console))
        if x.became_not_met:
            console.print("    − " + _listed([names.unit(u) for u in x.became_not_met], console))
    if awards:
        console.print(_("Awards: granted/eligible units."))


def _write_sweep_table(s: Any, output: str, console: Console) -> Path:
    import csv

    from thidua.io import number_text as format_number
    from thidua.io import write_atomic

    _ = console.gettext
    suffix = Path(output).suffix.lower()
    if suffix not in (".csv", ".json"):
        from thidua.io import _codes as io_codes

        raise DataError(
            io_codes.CANNOT_WRITE(
                ("--output",), what=io_codes.TERMS["report"], name=Path(output).name, allowed=".csv, .json"
            )
        )
    rows = s.records()

    def plain(v: object) -> object:
        if isinstance(v, Fraction):
            return format_number(v)
        return v

    def write(p: Path) -> None:
        if suffix == ".json":
            data = [{k: plain(v) for k, v in row.items()} for row in rows]
            p.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            return
        with p.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else [])
            writer.writeheader()
            writer.writerows({k: plain(v) for k, v in row.items()} for row in rows)

    return write_atomic(output, write)


def generate(args: argparse.Namespace, console: Console) -> int:
    """``thidua generate``: a synthetic national campaign, results and history, as JSON."""
    from thidua.io import dump
    from thidua.synth import generate_national

    _ = console.gettext
    out = Path(args.output)
    with console.progress(4) as bar:
        bar.step(_("Generating"))
        campaign, results, history = generate_national(
            seed=args.seed,
            provinces=args.provinces,
            history_years=args.history_years,
            stages=args.stages,
            computed=args.computed,
        )
        bar.step("campaign.json")
        written = [dump(campaign, out / "campaign.json")]
        bar.step("results.json")
        written.append(dump(results, out / "results.json"))
        if history is not None:
            bar.step("history.json")
            written.append(dump(history, out / "history.json"))
    for path in written:
        console.print(_("Written %(path)s") % {"path": path})
    return 0


def serve(args: argparse.Namespace, console: Console) -> int:
    """``thidua serve``: load campaigns and results, and answer HTTP requests until interrupted."""
    from thidua.errors import MissingExtraError

    _ = console.gettext
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(N_("serving campaigns over HTTP"), "serve", exc.name or "starlette") from None
    if not args.examples and not args.files:
        console.error(
            _("name a bundled example or give --files CAMPAIGN RESULTS; examples: %(names)s")
            % {"names": ", ".join(_example_names())}
        )
        return 2
    from thidua.serve import Service
    from thidua.serve import serve as run

    with console.progress(1) as bar:
        bar.step(_("Reading"))
        service = Service.load(examples=args.examples, files=[tuple(f) for f in args.files])
    # this process only serves: what was loaded stays until it ends, so the garbage collector
    # need never scan it again (a national campaign is millions of objects; scanning them paused
    # answers for a few hundred milliseconds)
    import gc

    gc.collect()
    gc.freeze()

    def ready(url: str) -> None:
        count = len(service.campaigns)
        console.note(
            console.translator.ngettext(
                "Serving %(count)s campaign at %(url)s (Ctrl+C to stop)",
                "Serving %(count)s campaigns at %(url)s (Ctrl+C to stop)",
                count,
            )
            % {"count": count, "url": url}
        )
        console.err.flush()

    run(service, args.host, args.port, ready=ready)
    return 0


def _example_names() -> list[str]:
    from thidua import examples

    return examples.names()
