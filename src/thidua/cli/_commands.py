"""The commands of ``thidua``: each takes the parsed arguments and a console, and returns an exit code."""

from __future__ import annotations

import argparse
import difflib
import json
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thidua import model as m
from thidua._problems import N_
from thidua.cli._console import EXIT_CONFLICTS, Console, Progress
from thidua.errors import DataError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from thidua.io import Collection
    from thidua.l10n import Names
    from thidua.notebook._changes import Path as ChangePath

__all__ = [
    "campaign_source",
    "collect",
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


def campaign_source(text: str) -> str:
    """A campaign file, or the file of the bundled campaign named *text* (``an-minh-2022``).

    A file that exists is always the file; a name without a suffix that is no
    file is looked up among the bundled campaigns, and an unknown one is
    refused with the list of their names.

    Raises:
        DataError: ``unknown-campaign-name``, listing the bundled names.

    >>> campaign_source("an-minh-2022").endswith("an-minh-2022/campaign.json")
    True
    """
    from thidua import examples

    path = Path(text)
    if path.exists() or path.suffix or "/" in text or "\\" in text:
        return text
    if text in examples.names():
        return str(examples.path(text))
    from thidua.io import _codes as io_codes

    raise DataError(io_codes.UNKNOWN_CAMPAIGN_NAME(name=text, names=", ".join(examples.names())), source=text)


def _load_campaign(path: str) -> m.Campaign:
    from thidua.io import load

    obj = load(campaign_source(path), expected="campaign")
    assert isinstance(obj, m.Campaign)  # noqa: S101 - guaranteed by expected=
    return obj


def _output(path: str | Path, *inputs: str | None) -> tuple[Path, list[Path]]:
    """Check an output path before any work: never one of the inputs; the folders it would create.

    Raises:
        DataError: ``output-is-input``.
    """
    from thidua.io import check_output, missing_folders

    target = check_output(path, inputs)
    return target, missing_folders(target)


def _created(console: Console, folders: list[Path]) -> None:
    """Say on stderr which folders writing an output created (a missing folder is created, never silently)."""
    if folders:
        _ = console.gettext
        console.note(_("Created the folder %(folder)s") % {"folder": str(folders[-1])})


def _read_campaign(path: str, console: Console) -> m.Campaign:
    """Read the campaign and remember it, so that later errors name its units and rules."""
    campaign = _load_campaign(path)
    console.campaign = campaign
    return campaign


def load_results(path: str, campaign: m.Campaign, console: Console | None = None) -> m.Results:
    """Read results from a document (.json, .toml, .yaml) or a table (.xlsx, .csv).

    Warnings (inputs left blank, units that reported nothing) are shown on
    stderr, the first :data:`_WARNINGS_SHOWN` of them.

    Raises:
        DataError: listing every problem with its path or cell.
    """
    got = _collected(path, campaign)
    if not got.ok:
        raise DataError(list(got.problems), source=path)
    if console is not None:
        _warn(console, path, got.problems)
    assert got.results is not None  # noqa: S101 - ok
    return got.results


#: warnings shown by evaluate and explain (validate shows them all)
_WARNINGS_SHOWN = 10


def _collected(path: str, campaign: m.Campaign) -> Collection:
    from thidua.io import collect
    from thidua.io._files import _SUFFIXES

    suffix = Path(path).suffix.lower()
    if suffix not in _TABLE_SUFFIXES and suffix not in _SUFFIXES:
        from thidua.io import _codes as io_codes

        allowed = ".json, .toml, .yaml, .xlsx, .csv"
        raise DataError(io_codes.UNKNOWN_SUFFIX(name=Path(path).name, allowed=allowed), source=path)
    return collect(campaign, [path])


def _warn(console: Console, source: str, problems: Any) -> None:
    warnings = [p for p in problems if not p.is_error]
    if not warnings:
        return
    shown = warnings[:_WARNINGS_SHOWN]
    console.problems(source, shown)
    if len(warnings) > len(shown):
        _ = console.gettext
        console.note(_("… and %(n)d more warnings: thidua validate lists them all") % {"n": len(warnings) - len(shown)})


def _policy_errors(campaign: m.Campaign, problems: Any) -> list[Any]:
    """Blanks and units that returned nothing are errors under the campaign's missing-input policy 'error'."""
    import attrs

    if campaign.missing is not m.MissingPolicy.ERROR:
        return list(problems)
    blank = {"input-missing", "count-missing", "unit-returned-nothing"}
    return [attrs.evolve(p, severity="error") if p.code in blank else p for p in problems]


_HISTORY_NAMES = ("history.json", "history.toml", "history.yaml", "history.yml")


def history_path(args: argparse.Namespace, console: Console) -> str | None:
    """The history file: ``--history``, or a ``history.*`` file next to the campaign.

    A history found next to the campaign is announced on stderr, so that it is
    never used silently.
    """
    if getattr(args, "history", None) is not None:
        return str(args.history)
    folder = Path(campaign_source(args.campaign)).parent
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
    out, folders = _output(out, *(str(examples.path(examples.DEFAULT, d)) for d in ("campaign", "results")))
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
    _created(console, folders)
    console.print(_("Report written to %(path)s") % {"path": written.resolve()})
    _pages_note(console, written)
    return 0


def validate(args: argparse.Namespace, console: Console) -> int:
    """``thidua validate``: every problem of a campaign, results and history, with its path or cell.

    Inputs left blank and units that reported nothing are listed too: as
    errors when the campaign's policy for a missing input is ``error`` (the
    evaluation would stop on them), else as warnings.
    """
    _ = console.gettext
    failed = False
    try:
        source = campaign_source(args.campaign)
        campaign = _load_campaign(source)
    except DataError as exc:
        console.problems(exc.source or args.campaign, exc.problems)
        return 1
    warnings = [p for p in m.validate_campaign(campaign) if not p.is_error]
    if warnings:
        console.problems(source, warnings)
    else:
        console.print(_("%(file)s: no problems") % {"file": source})
    if args.results is not None:
        try:
            got = _collected(args.results, campaign)
        except DataError as exc:
            console.problems(exc.source or args.results, exc.problems)
            failed = True
        else:
            problems = _policy_errors(campaign, got.problems)
            if problems:
                console.problems(args.results, problems)
                failed = any(p.is_error for p in problems)
            else:
                console.print(_("%(file)s: no problems") % {"file": args.results})
    path = history_path(args, console)
    if path is not None:
        try:
            _load_history(path, campaign)
        except DataError as exc:
            console.problems(exc.source or path, exc.problems)
            failed = True
        else:
            console.print(_("%(file)s: no problems") % {"file": path})
    return 1 if failed else 0


def _read_inputs(
    args: argparse.Namespace, console: Console, bar: Progress
) -> tuple[m.Campaign, m.Results, m.History | None]:
    """The campaign, the results and the history named on the command line, with their progress steps."""
    _ = console.gettext
    bar.step(_("Reading the campaign"))
    campaign = _read_campaign(args.campaign, console)
    bar.step(_("Reading the results"))
    results = load_results(args.results, campaign)
    return campaign, results, _load_history(history_path(args, console), campaign)


def _evaluated(
    args: argparse.Namespace, console: Console, bar: Progress, *, unit: str | None = None
) -> tuple[Any, m.Campaign, m.Results]:
    """Read and evaluate. Under the policy 'error', inputs left blank are refused first, all of them
    with their cells; explaining *unit* is refused only for the blanks of that unit (the others are
    then evaluated as not met, and said so)."""
    from thidua.engine import evaluate as run

    _ = console.gettext
    bar.step(_("Reading the campaign"))
    campaign = _read_campaign(args.campaign, console)
    bar.step(_("Reading the results"))
    got = _collected(args.results, campaign)
    problems = _policy_errors(campaign, got.problems)
    errors = [p for p in problems if p.is_error]
    blank_codes = {"input-missing", "count-missing", "unit-returned-nothing"}
    others: list[Any] = []
    if unit is not None and got.results is not None and errors and all(p.code in blank_codes for p in errors):
        mine = [p for p in errors if _about(p, got.results) == unit]
        if not mine:
            others, errors = errors, []
    if errors or got.results is None:
        raise DataError(errors or list(got.problems), source=args.results)
    bar.close()
    _warn(console, args.results, [p for p in problems if not p.is_error])
    results = got.results
    history = _load_history(history_path(args, console), campaign)
    bar.step(_("Evaluating"))
    evaluated = campaign
    if others:
        import attrs

        from thidua.l10n import Names

        names = Names(campaign, console.translator.language)
        units = sorted({names.unit(u) for u in (_about(p, results) for p in others) if u})
        console.note(
            _(
                "Other units have inputs left blank (%(units)s): the campaign's policy stops a full evaluation, "
                "so for this explanation their missing inputs count as not met."
            )
            % {"units": ", ".join(units)}
        )
        evaluated = attrs.evolve(campaign, missing=m.MissingPolicy.NOT_MET)
    ev = run(evaluated, results, stage=args.stage, history=history)
    return ev, campaign, results


def _about(problem: Any, results: m.Results) -> str | None:
    """The unit a problem of results is about."""
    loc = problem.loc
    if len(loc) >= 2 and loc[0] == "units" and isinstance(loc[1], int) and loc[1] < len(results.units):
        return results.units[loc[1]].unit
    unit = problem.params.get("unit")
    return str(unit) if unit is not None else None


def evaluate(args: argparse.Namespace, console: Console) -> int:
    """``thidua evaluate``: evaluate results and write a report."""
    from thidua.report import write_report

    _ = console.gettext
    if not _check_report_suffix(console, args.output):
        return 2
    args.campaign = campaign_source(args.campaign)
    target, folders = _output(args.output, args.campaign, args.results, history_path(args, console))
    with console.progress(4) as bar:
        ev, campaign, results = _evaluated(args, console, bar)
        bar.step(_("Writing the report"))
        written = write_report(ev, campaign, target, locale=console.locale, results=results)
    _created(console, folders)
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
    args.campaign = campaign_source(args.campaign)
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        from thidua.io import _codes as io_codes

        raise DataError(io_codes.NOT_A_FOLDER(), source=str(out))
    created = [] if out.exists() else _output(out / "x", args.campaign, args.results)[1]
    details = load_details(args.details) if args.details else None
    with console.progress(5) as bar:
        campaign, results, history = _read_inputs(args, console, bar)
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
    _created(console, created)
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
    unmarked: dict[str, list[str]] = {}
    for name, ids in by_name.items():
        unmarked.setdefault(_unmarked(name), []).extend(ids)
    # the name as written; without its generic word ("Đông Thạnh" for "Xã Đông Thạnh"); the same
    # typed without diacritics ("dong thanh")
    for names, key in ((by_name, wanted), (unmarked, _unmarked(wanted))):
        found = sorted(set(names.get(key, [])))
        if not found:
            found = sorted({u for name, ids in names.items() if name.endswith(" " + key) for u in ids})
        if len(found) == 1:
            return found[0], []
        if found:
            return None, found
    close = difflib.get_close_matches(_unmarked(wanted), list(unmarked) + list(evaluated), n=5, cutoff=0.6)
    return None, sorted({u for c in close for u in unmarked.get(c, [c])})


def _unmarked(text: str) -> str:
    """*text* without Vietnamese diacritics, as people type a name on a keyboard without them.

    >>> _unmarked("xã đông thạnh")
    'xa dong thanh'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _candidates(campaign: m.Campaign, unit_ids: list[str], console: Console) -> str:
    """The units a person may have meant, by name in quotes; by name and id when two share a name."""
    from babel.lists import format_list

    from thidua.l10n import Names

    names = Names(campaign, console.translator.language)
    shown = [names.unit(u) for u in unit_ids]
    return format_list(
        [
            console.gettext("“%(name)s” (id %(id)s)") % {"name": name, "id": u}
            if shown.count(name) > 1
            else f"“{name}”"
            for u, name in zip(unit_ids, shown, strict=True)
        ],
        style="or",
        locale=console.translator.language,
    )


def explain(args: argparse.Namespace, console: Console) -> int:
    """``thidua explain``: the unit's verdicts and explanation in the terminal."""
    from thidua.l10n import explain_unit

    _ = console.gettext
    args.campaign = campaign_source(args.campaign)
    wanted = _unit_id(args.campaign, args.unit)
    with console.progress(3) as bar:
        ev, campaign, _results = _evaluated(args, console, bar, unit=wanted)
    unit, candidates = find_unit(ev, campaign, args.unit)
    if unit is None:
        if candidates:
            console.error(
                _("no single unit matches “%(unit)s”; did you mean: %(candidates)s?")
                % {"unit": args.unit, "candidates": _candidates(campaign, candidates, console)}
            )
        else:
            console.error(_("no evaluated unit matches “%(unit)s”") % {"unit": args.unit})
        return 1
    for line in explain_unit(ev, unit, campaign=campaign, locale=console.locale):
        console.print(line)
    label = _("Fingerprint")
    console.print(f"{label}: {ev.fingerprint}")
    return 0


def _unit_id(campaign_path: str, text: str) -> str | None:
    """The id of the unit *text* names (by id or name), before any evaluation; ``None`` if unclear."""
    try:
        campaign = _load_campaign(campaign_path)
    except DataError:
        return None
    wanted = m.nfc(text).casefold()
    found = {u.id for u in campaign.units if u.id == text or m.nfc(u.name).casefold() == wanted}
    return found.pop() if len(found) == 1 else None


def template(args: argparse.Namespace, console: Console) -> int:
    """``thidua template``: a workbook or table for the people who report results.

    With ``--stage`` (and ``--results``), a review stage's workbook pre-filled
    with the points of the stages before it; with ``--meeting``, a sheet per
    cluster for the order its meeting decides and the awards it proposes.
    """
    from thidua.io import make_template

    _ = console.gettext
    args.campaign = campaign_source(args.campaign)
    target, folders = _output(args.output, args.campaign, args.results)
    campaign = _read_campaign(args.campaign, console)
    results = load_results(args.results, campaign, console) if args.results is not None else None
    with console.progress(1) as bar:

        def tick(done: int, total: int, _rows: int) -> None:
            bar.update(done, total, target.name)

        written = make_template(
            campaign,
            target,
            locale=console.locale,
            stage=args.stage,
            results=results,
            meeting=args.meeting,
            progress=tick,
        )
    _created(console, folders)
    console.print(_("Template written to %(path)s") % {"path": written})
    return 0


def collect(args: argparse.Namespace, console: Console) -> int:
    """``thidua collect``: merge returned workbooks, tables and documents into one results document."""
    from thidua.io import collect as run
    from thidua.io import dump

    _ = console.gettext
    args.campaign = campaign_source(args.campaign)
    target, folders = _output(args.output, args.campaign, *args.files)
    campaign = _read_campaign(args.campaign, console)
    with console.progress(1) as bar:

        def tick(done: int, total: int, name: str, rows: int) -> None:
            label = console.translator.ngettext("%(file)s: %(n)d row", "%(file)s: %(n)d rows", rows) % {
                "file": Path(name).name,
                "n": rows,
            }
            bar.update(done, total, label)

        got = run(campaign, args.files, stage=args.stage, sample=args.sample, progress=tick)
    if got.problems:
        console.problems(None, got.problems)
    ngettext = console.translator.ngettext
    for f in got.files:
        if f.kind in ("duplicate", "unreadable"):
            continue
        if f.clusters and not f.units:
            text = ngettext(
                "%(file)s: the meeting of %(n)d cluster", "%(file)s: the meetings of %(n)d clusters", len(f.clusters)
            )
            console.note(text % {"file": f.name, "n": len(f.clusters)})
        else:
            console.note(
                ngettext("%(file)s: %(n)d unit", "%(file)s: %(n)d units", len(f.units))
                % {"file": f.name, "n": len(f.units)}
            )
    if got.missing:
        console.note(
            console.translator.ngettext("%(n)d unit returned nothing", "%(n)d units returned nothing", len(got.missing))
            % {"n": len(got.missing)}
        )
    if got.results is None:
        console.error(_("nothing written: the files have errors (listed above)"))
        return 1
    written = dump(got.results, target)
    _created(console, folders)
    console.print(_("Results written to %(path)s") % {"path": written})
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
        target, folders = _output(args.output)

        def write(p: Path) -> None:
            p.write_text(text, encoding="utf-8")

        written = write_atomic(target, write)
        _created(console, folders)
        console.print(_("Schema written to %(path)s") % {"path": written})
    else:
        console.out.write(text)
    return 0


def convert(args: argparse.Namespace, console: Console) -> int:
    """``thidua convert``: a document between JSON, TOML and YAML."""
    from thidua.io import dump, load

    _ = console.gettext
    target, folders = _output(args.output, args.input)
    doc = load(args.input)
    written = dump(doc, target)
    _created(console, folders)
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
    args.campaign = campaign_source(args.campaign)
    inputs_read = (args.campaign, args.results, history_path(args, console))
    folders = [
        *(_output(args.output, *inputs_read)[1] if args.output else []),
        *(_output(args.plot, *inputs_read)[1] if args.plot else []),
    ]
    with console.progress(3) as bar:
        campaign, results, history = _read_inputs(args, console, bar)
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
    _created(console, folders)
    return 0


def _line_of_units(names: Names, units: Iterable[str]) -> list[str]:
    """Units' names for a line they start: the first as it is, the others as inside a sentence
    ("Huyện Đông Anh, huyện Gia Lâm")."""
    units = list(units)
    return [names.unit(u) for u in units[:1]] + names.units_in_sentence(units[1:])


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
            console.print("    + " + _listed(_line_of_units(names, x.became_met), console))
        if x.became_not_met:
            console.print("    − " + _listed(_line_of_units(names, x.became_not_met), console))
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
    if out.exists() and not out.is_dir():
        from thidua.io import _codes as io_codes

        raise DataError(io_codes.NOT_A_FOLDER(), source=str(out))
    created = [] if out.exists() else [*_output(out / "campaign.json")[1]]
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
    _created(console, created)
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
