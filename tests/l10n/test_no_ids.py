"""No id reaches an official: every report, paper and explanation of every bundled campaign names things by name.

The HTML report (its text, not its markup), every cell of the XLSX report,
the display strings of the JSON report (names, explanations, texts, notes)
and every explanation of every unit and cluster are searched, in both
languages, for any id the campaign defines: a unit, level, grade, target,
criterion, measure, flag, event, stage, title, award...
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

import thidua
from thidua.l10n import explain_cluster, explain_unit, format_change, format_conflict, get_translator
from thidua.report import write_report
from words import campaign_ids, data_texts, english_words, leaked_ids, lines, vietnamese_words

EXAMPLES = thidua.examples.names()
#: keys of the JSON report whose values are read by people (the others are ids and numbers for programs)
_DISPLAY_KEYS = frozenset({"name", "explanation", "text", "note", "results_note"})


def label_text(msgid: str, lang: str) -> str:
    return get_translator(lang).gettext(msgid)


class _Text(HTMLParser):
    """The text a browser shows: data outside ``script`` and ``style``, and ``title`` attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts.extend(value for key, value in attrs if key in ("title", "alt", "aria-label") and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _html_text(path: Path) -> list[str]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.parts


def _xlsx_text(path: Path, lang: str) -> list[str]:
    """Every text cell, and the sheet names; not the "Unit id" column, which holds ids for programs to join rows."""
    import openpyxl

    id_header = label_text("Unit id", lang)
    book = openpyxl.load_workbook(path, read_only=True)
    out = list(book.sheetnames)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        id_columns = {i for row in rows[:3] for i, v in enumerate(row) if v == id_header}
        for row in rows:
            out.extend(v for i, v in enumerate(row) if isinstance(v, str) and i not in id_columns)
    return out


def _json_text(path: Path) -> list[str]:
    out: list[str] = []

    def visit(value: object, key: str | None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                visit(v, k)
        elif isinstance(value, list):
            for v in value:
                visit(v, key)
        elif isinstance(value, str) and key is not None and (key in _DISPLAY_KEYS or key.endswith("_name")):
            out.append(value)

    visit(json.loads(path.read_text(encoding="utf-8")), None)
    return out


def _explanations(name: str, lang: str) -> list[str]:
    campaign = thidua.examples.load_campaign(name)
    ev = thidua.evaluate(campaign, thidua.examples.load_results(name), history=thidua.examples.load_history(name))
    out: list[str] = []
    for u in ev.units:
        out.extend(explain_unit(ev, u.unit, campaign=campaign, locale=lang))
        out.extend(format_change(ch, campaign=campaign, locale=lang) for ch in (u.score.changes if u.score else ()))
    for ce in ev.clusters:
        out.extend(explain_cluster(ev, ce.cluster, campaign=campaign, locale=lang))
        out.extend(format_conflict(c, campaign=campaign, locale=lang) for c in ce.conflicts)
    return out


def _reports(name: str, lang: str, folder: Path) -> dict[str, list[str]]:
    campaign = thidua.examples.load_campaign(name)
    results = thidua.examples.load_results(name)
    ev = thidua.evaluate(campaign, results, history=thidua.examples.load_history(name))
    out = {}
    for suffix in ("html", "xlsx", "json"):
        path = Path(write_report(ev, campaign, folder / f"report.{suffix}", locale=lang, results=results))
        out[suffix] = (
            _xlsx_text(path, lang) if suffix == "xlsx" else _html_text(path) if suffix == "html" else _json_text(path)
        )
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_id_in_any_explanation(name, lang):
    ids = campaign_ids(thidua.examples.load_campaign(name), lang)
    texts = _explanations(name, lang)
    assert len(texts) > 20
    assert {line: found for line in lines(texts) if (found := leaked_ids(line, ids))} == {}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_id_in_any_report(tmp_path, name, lang):
    ids = campaign_ids(thidua.examples.load_campaign(name), lang)
    for suffix, texts in _reports(name, lang, tmp_path).items():
        assert texts, suffix
        leaked = {line: found for line in lines(texts) if (found := leaked_ids(line, ids))}
        assert leaked == {}, suffix


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_report_reads_in_one_language(tmp_path, name, lang):
    # the check of tests/cli/test_one_language.py, on the reports: no English word of thidua in Vietnamese
    data = data_texts(name)
    check = english_words if lang == "vi" else vietnamese_words
    for suffix, texts in _reports(name, lang, tmp_path).items():
        assert {line: found for line in lines(texts) if (found := check(line, data))} == {}, suffix


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_id_in_any_paper(capsys, tmp_path, name, lang):
    # the papers to sign (.docx): minutes, proposal, cluster report and summary report
    import docx

    from thidua.cli import main

    campaign, results = thidua.examples.path(name), thidua.examples.path(name, "results")
    argv = ["papers", str(campaign), str(results), "-o", str(tmp_path), "--proposals", "computed", "--lang", lang]
    assert main(argv) == 0
    capsys.readouterr()
    ids = campaign_ids(thidua.examples.load_campaign(name), lang)
    papers = sorted(tmp_path.glob("*.docx"))
    assert papers
    for paper in papers:
        document = docx.Document(str(paper))
        texts = [p.text for p in document.paragraphs]
        texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert {line: found for line in lines(texts) if (found := leaked_ids(line, ids))} == {}, paper.name


def test_the_ids_looked_for_are_the_campaigns():
    campaign = thidua.examples.load_campaign("ha-noi-cum-3-2024")
    ids = campaign_ids(campaign, "vi")
    # units, levels, grades, targets, criteria, measures, flags, events and stages, and the campaign
    assert {"huyen-thanh-tri", "district", "htxs", "mttq-xa-htt", "so-cuoc-giam-sat", "supervisions"} <= ids
    assert {"ministry_flag", "commune_congresses_done", "cum-cham-cheo", "ha-noi-cum-3-2024"} <= ids
    # in English "supervisions" and "district" are words of names ("Thematic supervisions", "District")
    assert {"supervisions", "district"}.isdisjoint(campaign_ids(campaign, "en"))
    # what issue 16 saw
    assert leaked_ids("Dấu hiệu “ministry_flag”: không", ids) == ["ministry_flag"]
    assert leaked_ids("Supervisions: 4; chỉ tiêu ≥ 3", ids) == ["Supervisions"]
    assert leaked_ids("Xếp loại theo báo cáo “htxs”", ids) == ["htxs"]


#: the keys of thidua.web.Page's view whose values the page (site/app.js) shows as text
_PAGE_KEYS = _DISPLAY_KEYS | {"organizer", "shown_numbers", "shown_status", "files", "not_returned", "message"}


def _page_text(view: object, key: str | None = None) -> list[str]:
    if isinstance(view, dict):
        return [text for k, v in view.items() for text in _page_text(v, k)]
    if isinstance(view, list):
        return [text for v in view for text in _page_text(v, key)]
    if isinstance(view, str) and key is not None and (key in _PAGE_KEYS or key.endswith("_name")):
        return [view]
    return []


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_office_page_shows_no_id_and_one_language(name, lang):
    # what the page shows (site/app.js): the view of thidua.web.Page after the sample results, and its own texts
    from thidua.web import Page, page_texts

    page = Page()
    page.open_example(name, lang)
    view = page.use_sample_results(lang)
    texts = _page_text(view) + list(page_texts(lang).values())
    # the names, targets and explanations of every unit, and the ranking of each cluster
    assert view["report"]["units"]
    assert len(texts) > 50
    ids = campaign_ids(thidua.examples.load_campaign(name), lang)
    assert {line: found for line in lines(texts) if (found := leaked_ids(line, ids))} == {}
    check = english_words if lang == "vi" else vietnamese_words
    assert {line: found for line in lines(texts) if (found := check(line, data_texts(name)))} == {}
