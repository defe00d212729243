"""The Python side of the office's web page: thidua in a browser, with Pyodide.

The page (``site/`` in the repository, built by ``scripts/build_site.py``)
runs CPython compiled to WebAssembly inside the browser and calls this module
only: choose a bundled campaign or open a campaign file, write its Excel
template, read the returned workbooks, evaluate, and give the page what it
shows (the problems with their file, sheet and cell, the summary, the ranking
per cluster, each unit's explanation, the fingerprint) and the reports to
download. Files arrive as ``(name, bytes)`` pairs, as the browser read them:
nothing here touches the network, and nothing is kept once the page closes.

The same functions run in CPython, so the page gives the same answers as the
command line (the tests compare the fingerprints).

>>> page = Page()
>>> page.open_example("an-minh-2022")["campaign"]["name"]
'Thi đua Cụm Mặt trận các xã, thị trấn huyện An Minh năm 2022'
>>> view = page.use_sample_results()
>>> view["report"]["clusters"][0]["ranking"][0]["name"], view["fingerprint"] == view["report"]["fingerprint"]
('Xã Vân Khánh', True)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import tempfile
import types
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any

from thidua import model as m
from thidua._problems import N_, Problem
from thidua.errors import DataError, EvaluationError, MissingExtraError, ThiduaError

__all__ = ["MAX_BYTES", "TEXTS", "Page", "page_texts"]

#: The largest file the page reads: the same limit as the command line.
MAX_BYTES = 200 * 1024 * 1024

#: Every text the page shows that does not come from an evaluation, by key (English msgids).
TEXTS: Mapping[str, str] = types.MappingProxyType(
    {
        "title": N_("thidua: emulation results in the browser"),
        "lead": N_(
            "Evaluate a campaign's results in this page: choose the campaign, send the Excel template to the units, "
            "drop the workbooks they return, read the ranking and the explanations, download the reports."
        ),
        "privacy": N_(
            "Your files never leave this computer: everything is computed inside this page, "
            "and nothing is sent to any server."
        ),
        "noscript": N_("This page needs JavaScript to run."),
        "loading": N_("Loading Python and thidua…"),
        "loading_runtime": N_("Loading the Python runtime"),
        "loading_packages": N_("Installing thidua and its libraries"),
        "loading_start": N_("Starting thidua"),
        "ready": N_("Ready."),
        "working": N_("Working…"),
        "failed_to_load": N_("Python could not be started in this browser: %(error)s"),
        "failed": N_("The page stopped on an error: %(error)s"),
        "step_campaign": N_("1. Choose the campaign"),
        "example": N_("Bundled example"),
        "open_campaign": N_("or open a campaign file (.json, .toml)"),
        "step_template": N_("2. Send the Excel template to the units"),
        "download_template": N_("Download the Excel template"),
        "step_results": N_("3. Drop the workbooks the units returned"),
        "drop_hint": N_("Drop one or many filled workbooks (.xlsx) or tables (.csv) here, or click to choose them."),
        "use_sample": N_("Use the bundled sample results"),
        "step_report": N_("4. Results"),
        "problems": N_("Problems"),
        "summary": N_("Summary"),
        "ranking": N_("Ranking"),
        "explanations": N_("Each unit's explanation"),
        "fingerprint": N_("Fingerprint"),
        "download_html": N_("Download the HTML report"),
        "download_xlsx": N_("Download the Excel report"),
        "papers_note": N_(
            "The papers to sign (.docx) cannot be made in this page: make them with the thidua command line."
        ),
        "rank": N_("Rank"),
        "unit": N_("Unit"),
        "total": N_("Total"),
        "grade": N_("Grade"),
        "targets_met": N_("Targets met"),
        "awards": N_("Awards"),
        "granted": N_("Granted"),
        "campaign": N_("Campaign"),
        "year": N_("Year"),
        "organizer": N_("Organizer"),
        "cluster": N_("Cluster"),
        "units_evaluated": N_("Units evaluated"),
        "target": N_("Target"),
        "numbers": N_("Numbers"),
        "verdict": N_("Verdict"),
        "met": N_("Met"),
        "not_met": N_("Not met"),
        "excluded": N_("Excluded"),
        "sample": N_("Sample data — not real results"),
        "publish": N_(
            "To publish this page, copy its folder to any static web host, "
            "or open it from a local web server: python -m http.server."
        ),
    }
)

_TEMPLATE_NAME = N_("%(campaign)s-template.xlsx")
_REPORT_NAME = N_("%(campaign)s-report%(suffix)s")
_NOT_RETURNED = N_("No results yet from: %(units)s")
_EVALUATION_FAILED = N_("evaluation failed: %(error)s")
_INTERNAL = N_("internal error (please report it): %(error)s")


def page_texts(locale: str = "vi") -> dict[str, str]:
    """The page's own texts in *locale*'s language, by key (see :data:`TEXTS`).

    The site's build writes them into the page for both languages, so that
    even the loading screen reads from the catalogs.

    >>> page_texts("vi")["ready"], page_texts("en")["ready"]
    ('Sẵn sàng.', 'Ready.')

    .. versionadded:: 0.1.0
    """
    from thidua.l10n import get_translator

    _ = get_translator(locale).gettext
    return {key: _(msgid) for key, msgid in TEXTS.items()}


def _language(locale: str) -> str:
    from thidua.l10n import get_translator

    return get_translator(locale).language


def _safe_name(name: str) -> str:
    """The last part of a file name the browser gave, never a path."""
    return PurePath(name.replace("\\", "/")).name or "file"


class _Issue:
    """Something to tell the person, rendered in the page's language when shown."""

    def __init__(self, error: BaseException | Problem, source: str | None = None) -> None:
        self.error = error
        self.source = source

    def problems(self) -> tuple[Problem, ...]:
        if isinstance(self.error, Problem):
            return (self.error,)
        if isinstance(self.error, DataError):
            return self.error.problems
        return ()

    def render(self, locale: str, campaign: m.Campaign | None) -> list[dict[str, Any]]:
        from thidua.l10n import get_translator

        _ = get_translator(locale).gettext
        problems = self.problems()
        if problems:
            return [
                {
                    "code": p.code,
                    "severity": p.severity,
                    "source": p.source,
                    "sheet": p.sheet,
                    "cell": p.cell,
                    "where": p.where(locale),
                    "message": p.message(locale),
                    "text": p.render(locale),
                }
                for p in problems
            ]
        error = self.error
        if isinstance(error, MissingExtraError):
            text = error.render(locale)
        elif isinstance(error, EvaluationError):
            text = _(_EVALUATION_FAILED) % {"error": error.render(locale, campaign)}
        elif isinstance(error, ThiduaError) and hasattr(error, "render"):
            text = error.render(locale)
        else:
            text = _(_INTERNAL) % {"error": f"{type(error).__name__}: {error}"}
        where = self.source or ""
        return [
            {
                "code": getattr(getattr(error, "problem", None), "code", "error"),
                "severity": "error",
                "source": self.source,
                "sheet": None,
                "cell": None,
                "where": where,
                "message": text,
                "text": f"{where}: {text}" if where else text,
            }
        ]


def _too_large(name: str) -> Problem:
    from thidua.io import _codes as io_codes

    return io_codes.TOO_LARGE(limit=MAX_BYTES // (1024 * 1024)).located(source=name)


def _relocated(exc: DataError, path: Path, name: str) -> DataError:
    """The error with the browser's file name in place of the temporary path."""
    inside = str(path)
    return DataError([p.located(source=name) if p.source in (None, inside) else p for p in exc.problems], source=name)


class Page:
    """The state of one open page: the chosen campaign, the files read, the last evaluation.

    Each method returns plain data (dicts, lists, strings, bytes) that the
    page's JavaScript shows as it is; problems never raise, they are part of
    what is returned. A :class:`Page` belongs to one page: it is mutable and
    must not be shared across threads.

    >>> page = Page()
    >>> [e["name"] for e in page.examples("en")][:2]
    ['an-minh-2022', 'ha-noi-cum-3-2024']
    >>> page.open_file("campaign.json", b"{")["problems"][0]["source"]
    'campaign.json'

    .. versionadded:: 0.1.0
    """

    def __init__(self) -> None:
        self.campaign: m.Campaign | None = None
        self.example: str | None = None
        self.history: m.History | None = None
        self.results: m.Results | None = None
        self.evaluation: Any = None
        self.files: list[tuple[str, int]] = []
        self.issues: list[_Issue] = []

    # choosing the campaign

    def examples(self, locale: str = "vi") -> list[dict[str, Any]]:
        """The bundled campaigns: ``name`` (to pass to :meth:`open_example`), ``title`` and ``year``.

        >>> Page().examples()[0]["title"][:16]
        'Thi đua Cụm Mặt '
        """
        import json

        from thidua import examples

        english = _language(locale) == "en"
        out = []
        for name in examples.names():
            # the bundled files are ours: their names are read without loading the whole campaign
            doc = json.loads(examples.path(name).read_text(encoding="utf-8"))
            title = doc.get("name_en") if english and doc.get("name_en") else doc["name"]
            out.append({"name": name, "title": title, "year": doc["year"]})
        return out

    def _reset(self, campaign: m.Campaign | None, example: str | None, history: m.History | None) -> None:
        self.campaign, self.example, self.history = campaign, example, history
        self.results, self.evaluation, self.files, self.issues = None, None, [], []

    def open_example(self, name: str, locale: str = "vi") -> dict[str, Any]:
        """Choose a bundled campaign by name; returns :meth:`view`.

        >>> Page().open_example("thanh-xuan-2020", "en")["campaign"]["year"]
        2020
        """
        from thidua import examples

        self._reset(examples.load_campaign(name), name, examples.load_history(name))
        return self.view(locale)

    def open_file(self, name: str, data: bytes | bytearray | memoryview, locale: str = "vi") -> dict[str, Any]:
        """Choose a campaign from a file the person opened (``.json`` or ``.toml``; ``.yaml`` with PyYAML).

        A bad file leaves no campaign chosen and its problems in the view.

        >>> view = Page().open_file("c.json", b'{"schema_version": 1, "document": "results"}', "en")
        >>> view["campaign"], view["problems"][0]["text"]
        (None, 'c.json: document: expected a campaign document, got a results document')
        """
        from thidua.io import load

        shown = _safe_name(name)
        self._reset(None, None, None)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / shown
            path.write_bytes(bytes(data))
            try:
                campaign = load(path, expected="campaign")
            except DataError as exc:
                self.issues.append(_Issue(_relocated(exc, path, shown)))
            except (ThiduaError, ImportError) as exc:
                self.issues.append(_Issue(exc, shown))
            else:
                assert isinstance(campaign, m.Campaign)  # noqa: S101 - guaranteed by expected=
                self.campaign = campaign
                warnings = [p.located(source=shown) for p in m.validate_campaign(campaign) if not p.is_error]
                self.issues.extend(_Issue(p) for p in warnings)
        return self.view(locale)

    # the template and the returned workbooks

    def template(self, locale: str = "vi") -> tuple[str, bytes]:
        """The Excel template of the chosen campaign: its file name and contents.

        >>> page = Page()
        >>> _ = page.open_example("an-minh-2022")
        >>> name, data = page.template("vi")
        >>> name, data[:2]
        ('an-minh-2022-bieu-mau.xlsx', b'PK')
        """
        from thidua.io import make_template
        from thidua.l10n import get_translator

        campaign = self._campaign()
        name = get_translator(locale).gettext(_TEMPLATE_NAME) % {"campaign": campaign.id}
        with tempfile.TemporaryDirectory() as folder:
            path = make_template(campaign, Path(folder) / "template.xlsx", locale=locale)
            return name, path.read_bytes()

    def too_large(self, name: str, size: int, locale: str = "vi") -> dict[str, Any] | None:
        """The problem of a file too large to read (``None`` when it is not), without reading it.

        >>> Page().too_large("big.xlsx", 300 * 1024 * 1024, "en")["text"]
        'big.xlsx: the file is larger than 200 MiB'
        """
        if size <= MAX_BYTES:
            return None
        return _Issue(_too_large(_safe_name(name))).render(locale, self.campaign)[0]

    def read_results(
        self, files: Iterable[tuple[str, bytes | bytearray | memoryview]], locale: str = "vi"
    ) -> dict[str, Any]:
        """Read the returned workbooks (``.xlsx``) or tables (``.csv``) and evaluate them together.

        Each file is read as the command line reads it (a results document,
        ``.json`` or ``.toml``, is read too); the units of all the
        files are merged, and a unit given in two files is refused. When no
        file has a problem, the merged results are evaluated. Returns :meth:`view`.

        >>> page = Page()
        >>> _ = page.open_example("an-minh-2022")
        >>> page.read_results([("kq.csv", b"unit,rating\\nxa-khong-co,htt\\n")], "en")["problems"][0]["text"]
        "kq.csv, cell A2: unknown unit 'xa-khong-co'"
        """
        from thidua.io import _codes as io_codes
        from thidua.io import collect

        campaign = self._campaign()
        self.results, self.evaluation, self.files, self.issues = None, None, [], []
        sources: list[tuple[str, bytes]] = []
        for name, data in files:
            shown = _safe_name(name)
            raw = bytes(data)
            if len(raw) > MAX_BYTES:
                self.issues.append(_Issue(_too_large(shown)))
            else:
                sources.append((shown, raw))
        if not sources or self.issues:
            return self.view(locale)
        # merged as the command line's collect merges them: a unit given twice with different values
        # is named by both cells; the units that returned nothing are said once, by view()
        try:
            collection = collect(campaign, sources)
        except (ThiduaError, ImportError) as exc:
            self.issues.append(_Issue(exc))
            return self.view(locale)
        self.files = [(f.name, len(f.units)) for f in collection.files if f.kind not in {"duplicate", "unreadable"}]
        returned_nothing = io_codes.UNIT_RETURNED_NOTHING.name
        self.issues.extend(_Issue(p) for p in collection.problems if p.code != returned_nothing)
        if collection.results is not None:
            self.results = collection.results
            self._evaluate()
        return self.view(locale)

    def use_sample_results(self, locale: str = "vi") -> dict[str, Any]:
        """Evaluate the bundled example's sample results; returns :meth:`view`.

        >>> Page().open_example("an-minh-2022")["report"] is None
        True
        """
        from thidua import examples

        if self.example is None:
            return self.view(locale)
        self.issues, self.files = [], []
        self.results = examples.load_results(self.example)
        self._evaluate()
        return self.view(locale)

    def _evaluate(self) -> None:
        from thidua.engine import evaluate

        campaign = self._campaign()
        assert self.results is not None  # noqa: S101 - callers read results first
        try:
            self.evaluation = evaluate(campaign, self.results, history=self.history)
        except (ThiduaError, ImportError) as exc:
            self.issues.append(_Issue(exc))

    def _campaign(self) -> m.Campaign:
        if self.campaign is None:
            msg = "no campaign is chosen"
            raise RuntimeError(msg)
        return self.campaign

    # what the page shows

    def view(self, locale: str = "vi") -> dict[str, Any]:
        """Everything the page shows, in *locale*'s language.

        ``campaign`` (``None`` until one is chosen: ``id``, ``name``, ``year``,
        ``units``, ``sample``), ``problems`` (each with ``source``, ``sheet``,
        ``cell``, ``where``, ``message`` and ``text``), ``files`` (one line per
        file read), ``not_returned`` (a line naming the units with no results,
        or ``None``), ``fingerprint`` and ``report``: the evaluation as
        :func:`thidua.report.report_data` gives it (``None`` before one).

        >>> Page().view("en")["problems"]
        []
        """
        from thidua.l10n import Names, get_translator

        t = get_translator(locale)
        campaign = self.campaign
        problems = [item for issue in self.issues for item in issue.render(locale, campaign)]
        out: dict[str, Any] = {
            "locale": t.language,
            "campaign": None,
            "problems": problems,
            "files": [
                t.ngettext("%(file)s: results of %(n)d unit", "%(file)s: results of %(n)d units", n)
                % {"file": name, "n": n}
                for name, n in self.files
            ],
            "not_returned": None,
            "fingerprint": None,
            "report": None,
        }
        if campaign is None:
            return out
        english = t.language == "en"
        out["campaign"] = {
            "id": campaign.id,
            "name": campaign.name_en if english and campaign.name_en else campaign.name,
            "year": campaign.year,
            "units": len(campaign.units),
            "example": self.example,
        }
        if self.results is not None and self.files:
            from thidua.io._layout import table_layout

            given = {u.unit for u in self.results.units}
            names = Names(campaign, t.language)
            expected = [u.id for table in table_layout(campaign) for u in table.units]
            missing = [names.unit(u) for u in expected if u not in given]
            if missing:
                out["not_returned"] = t.gettext(_NOT_RETURNED) % {"units": t.format_list(missing)}
        if self.evaluation is not None:
            from thidua.report import report_data

            out["fingerprint"] = self.evaluation.fingerprint
            out["report"] = _shown(report_data(self.evaluation, campaign, locale=t.language, results=self.results), t)
        return out

    def report(self, suffix: str, locale: str = "vi") -> tuple[str, bytes]:
        """The report of the last evaluation as a file: ``".html"`` or ``".xlsx"``; its name and contents.

        >>> page = Page()
        >>> _ = page.open_example("an-minh-2022")
        >>> _ = page.use_sample_results()
        >>> name, data = page.report(".html", "en")
        >>> name, data[:15]
        ('an-minh-2022-report.html', b'<!DOCTYPE html>')
        """
        from thidua.l10n import get_translator
        from thidua.report import write_report

        campaign = self._campaign()
        if self.evaluation is None or suffix not in (".html", ".xlsx"):
            msg = f"no report {suffix!r} to write"
            raise RuntimeError(msg)
        name = get_translator(locale).gettext(_REPORT_NAME) % {"campaign": campaign.id, "suffix": suffix}
        with tempfile.TemporaryDirectory() as folder:
            path = write_report(
                self.evaluation, campaign, Path(folder) / f"report{suffix}", locale=locale, results=self.results
            )
            return name, path.read_bytes()


def _shown(report: dict[str, Any], t: Any) -> dict[str, Any]:
    """The report data with numbers as the reports show them (``shown_total``, ``shown_numbers``, ``shown_status``)."""
    from thidua.report._display import Display

    d = Display(t)
    for rows in [c["ranking"] for c in report["clusters"]] + [r["entries"] for r in report["rankings"]]:
        for row in rows:
            row["shown_total"] = d.number(row["total"]) if row["total"] is not None else ""
    for unit in report["units"]:
        for target in unit["targets"]:
            target["shown_numbers"] = d.target_numbers(target)
            target["shown_status"] = d.status(target["status"])
    return report
