"""The HTML report: self-contained pages (inline CSS and SVG, no script, no network).

Built from :func:`thidua.report.report_data`, so it shows exactly what the
JSON report holds. It opens on a summary (targets met per target, grades per
level, the leaders of each cluster with a link to its detail, the awards the
rules grant, every conflict with a meeting's decision); then, for each
cluster, its ranking with the score parts and the nominal maximum, a bar
chart, every target with its numbers and verdict, the awards and why, the
reviewers' changes, the meeting's decided order side by side with the
computed one and every conflict, then each unit's explanation. It prints on
A4, one cluster per page.

A report up to :data:`SINGLE_PAGE_LIMIT` bytes is one file. A larger one (a
national campaign) is the summary page, which links to one page per cluster
(and per level ranking) in a folder beside it: ``report.html`` and
``report_files/``. Every verdict is on one of the pages.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from thidua import model as m
from thidua.report._display import Display

__all__ = ["SINGLE_PAGE_LIMIT", "render_html_data", "render_html_pages"]

#: A report whose single page would be larger than this (bytes of UTF-8) is split into pages.
SINGLE_PAGE_LIMIT = 2_000_000

_CSS = """
:root { --met: #1b7f3b; --met-bg: #e3f4e8; --not: #b3261e; --not-bg: #fbe4e2; --ex: #6b6b6b; --line: #c8ccd2; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 14px;
  color: #1d1f23; margin: 0 auto; max-width: 1180px; padding: 16px 24px; line-height: 1.4; }
h1 { font-size: 24px; margin: 8px 0; } h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 2px solid #1d4e89; }
h3 { font-size: 16px; margin: 18px 0 6px; color: #1d4e89; }
.meta { color: #444; margin: 2px 0; } .fingerprint { font-family: monospace; font-size: 12px; word-break: break-all; }
.sample-banner { background: #fff3cd; border: 3px solid #c77c02; color: #7a4300; font-weight: 700; font-size: 18px;
  text-align: center; text-transform: uppercase; padding: 10px; margin: 12px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; } td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.verdict { font-weight: 600; white-space: nowrap; }
.met { color: var(--met); background: var(--met-bg); } .not-met { color: var(--not); background: var(--not-bg); }
.excluded { color: var(--ex); background: #f0f0f0; }
.conflict-error { color: var(--not); } .conflict-info { color: #1d4e89; }
.differs { background: #fff3cd; } .explanation { font-size: 13px; margin: 4px 0 10px 18px; }
.explanation li { margin: 2px 0; } nav ul { columns: 2; } figure { margin: 8px 0; }
.chart text { font-size: 11px; fill: #1d1f23; } .muted { color: #666; }
.summary h3 { margin-top: 14px; } ul.granted { columns: 3; margin: 4px 0 10px; padding-left: 18px; }
ul.granted li { break-inside: avoid; } .back { margin: 8px 0; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; } nav { display: none; }
  .cluster { break-before: page; } table { font-size: 8.5pt; } tr, li, figure { break-inside: avoid; }
  h2, h3 { break-after: avoid; } .sample-banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .met, .not-met, .excluded { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _table(headers: Sequence[str], rows: Iterable[str], *, cls: str = "", ident: str = "") -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' id="{_e(ident)}"' if ident else "")
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    return f"<table{attrs}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _heading(tag: str, text: str) -> str:
    return f"<{tag}>{_e(text)}</{tag}>"


def _muted(text: str) -> str:
    return f'<p class="muted">{_e(text)}</p>'


def _td(text: object, cls: str = "") -> str:
    return f'<td class="{cls}">{_e(text)}</td>' if cls else f"<td>{_e(text)}</td>"


class _Page:
    """Renders one report's data."""

    def __init__(self, data: dict[str, Any], display: Display, *, folder: str | None = None) -> None:
        self.data = data
        self.d = display
        self.gettext = display.gettext
        self.units = {u["id"]: u for u in data["units"]}
        #: the folder of the detail pages (split report), or None for one page
        self.folder = folder
        self.cluster_of: dict[str, str] = {}
        for c in data["clusters"]:
            for u in c["members"]:
                self.cluster_of.setdefault(u, c["id"])

    def cluster_href(self, cluster: str, *, from_detail: bool = False) -> str:
        """Where a cluster's detail is: an anchor on the one page, or its page in the folder."""
        if self.folder is None:
            return f"#cluster-{cluster}"
        page = cluster_page(cluster)
        return page if from_detail else f"{self.folder}/{page}"

    def unit_href(self, unit: str, *, from_detail: bool = False) -> str:
        """Where a unit's explanation is (in its first cluster, else among the other units)."""
        cluster = self.cluster_of.get(unit)
        anchor = f"#unit-{unit}"
        if self.folder is None:
            return anchor
        page = cluster_page(cluster) if cluster is not None else OTHERS_PAGE
        return (page if from_detail else f"{self.folder}/{page}") + anchor

    def verdict(self, status: str) -> str:
        cls = {"met": "met", "not_met": "not-met"}.get(status, "excluded")
        return f'<td class="verdict {cls}" data-status="{_e(status)}">{_e(self.d.status(status))}</td>'

    def header(self) -> str:
        _ = self.gettext
        c = self.data["campaign"]
        parts = [f"<h1>{_e(c['name'])}</h1>"]
        year = _("Year")
        meta = [f"{year}: {c['year']}"]
        if c["organizer"]:
            meta.append(_e(c["organizer"]))
        if self.data["stage"]:
            stage = _("Stage")
            meta.append(f"{stage}: {self.data['stage']['name']}")
        parts.append(f'<p class="meta">{" · ".join(_e(x) for x in meta)}</p>')
        if self.data["sample"]:
            banner = _("Sample data — not real results")
            parts.append(f'<div class="sample-banner" role="alert">{_e(banner)}</div>')
        parts.extend(f'<p class="meta note">{_e(note)}</p>' for note in (c["note"], self.data["results_note"]) if note)
        parts.extend(f'<p class="meta note legend">{_e(line)}</p>' for line in c.get("status_legend", ()))
        fingerprint = f'<span class="fingerprint">{_e(self.data["fingerprint"])}</span>'
        label = _("Fingerprint")
        parts.append(f'<p class="meta">{_e(label)}: {fingerprint}</p>')
        return "<header>" + "".join(parts) + "</header>"

    def summary(self) -> str:
        """What the report opens on: targets met, grades, leaders (linked), awards, conflicts."""
        _ = self.gettext
        from thidua.report._json import summary_data

        s = self.data.get("summary") or summary_data(self.data)
        parts = ['<section class="summary" id="summary">', _heading("h2", _("Summary"))]
        if s["targets"]:
            rows = [
                f'<tr data-target="{_e(t["target"])}">{_td(t["name"])}{_td(t["met"], "num")}'
                f"{_td(t['not_met'], 'num')}{_td(t['excluded'], 'num')}"
                f"{_td(self.d.percent(t['share_met']), 'num')}</tr>"
                for t in s["targets"]
            ]
            headers = [_("Target"), _("Met"), _("Not met"), _("Excluded"), _("Share met")]
            parts += [_heading("h3", _("Targets met")), _table(headers, rows, cls="summary-targets")]
        if s["grades"]:
            rows = []
            for level in s["grades"]:
                for g in level["grades"]:
                    rows.append(
                        f'<tr data-level="{_e(level["level"])}" data-grade="{_e(g["grade"])}">{_td(level["name"])}'
                        f"{_td(g['name'])}{_td(g['count'], 'num')}{_td(self.d.percent(g['share']), 'num')}</tr>"
                    )
                if level["not_rated"]:
                    share = self.d.percent(_share(level["not_rated"], level["units"]))
                    rows.append(
                        f'<tr data-level="{_e(level["level"])}" data-grade="">{_td(level["name"])}'
                        f"{_td(_('Not rated'))}{_td(level['not_rated'], 'num')}{_td(share, 'num')}</tr>"
                    )
            headers = [_("Level"), _("Grade"), _("Number of units"), _("Share")]
            parts += [_heading("h3", _("Grades by level")), _table(headers, rows, cls="summary-grades")]
        if s["leaders"]:
            rows = []
            for c in s["leaders"]:
                link = _link(self.cluster_href(c["cluster"]), c["name"])
                names = ", ".join(_link(self.unit_href(u["id"]), u["name"]) for u in c["units"]) or "—"
                total = self.d.number(c["total"]) if c["total"] is not None else "—"
                rows.append(
                    f'<tr data-cluster="{_e(c["cluster"])}"><td>{link}</td><td>{names}</td>{_td(total, "num")}</tr>'
                )
            headers = [_("Cluster"), _("Leading unit"), _("Total")]
            parts += [_heading("h3", _("Leaders of the clusters")), _table(headers, rows, cls="summary-leaders")]
        granted = [a for a in s["awards"] if a["granted"]]
        parts.append(_heading("h3", _("Awards granted by the rules")))
        if granted:
            for a in granted:
                items = "".join(
                    f'<li data-unit="{_e(g["unit"])}">{_link(self.unit_href(g["unit"]), g["name"])}</li>'
                    for g in a["granted"]
                )
                count = self.d.t.ngettext("%(count)s unit", "%(count)s units", len(a["granted"])) % {
                    "count": len(a["granted"])
                }
                head = f'<h4 data-award="{_e(a["award"])}">{_e(a["name"])}: {_e(count)}</h4>'
                parts.append(f'{head}<ul class="granted">{items}</ul>')
        else:
            parts.append(_muted(_("The rules grant no award.")))
        parts.append(_heading("h3", _("Conflicts with the meetings' decisions")))
        if s["conflicts"]:
            items = "".join(
                f'<li class="conflict-{_e(k["severity"])}" data-code="{_e(k["code"])}">'
                f"{_link(self.cluster_href(k['cluster']), k['cluster_name'])}: "
                f"<strong>{_e(self.d.severity(k['severity']))}</strong>: {_e(k['text'])}</li>"
                for k in s["conflicts"]
            )
            parts.append(f'<ul class="conflicts">{items}</ul>')
        else:
            parts.append(_muted(_("No meeting's decision conflicts with the rules.")))
        links = []
        if self.folder is not None:
            links += [
                _link(f"{self.folder}/{level_page(r['group'])}", _("Ranking: %(level)s") % {"level": r["name"]})
                for r in self.data["rankings"]
            ]
            if self.others_units():
                links.append(_link(f"{self.folder}/{OTHERS_PAGE}", _("Units outside the clusters")))
        elif self.data["rankings"]:
            links.append(_link("#level-rankings", _("Rankings by level")))
        if links:
            parts.append(f'<p class="meta">{" · ".join(links)}</p>')
        parts.append("</section>")
        return "".join(parts)

    def ranking(self, rows: list[dict[str, Any]], ident: str, *, link_units: bool = False) -> str:
        _ = self.gettext
        headers = [
            _("Rank"),
            _("Unit"),
            _("Standard points"),
            _("Bonus"),
            _("Deductions"),
            _("Adjustments"),
            _("Total"),
            _("Maximum"),
            _("Grade"),
        ]
        out = []
        for r in rows:
            s = r["score"]
            rank = r["rank"] if r["rank"] is not None else _("Not ranked")
            name = _link(self.unit_href(r["unit"], from_detail=True), r["name"]) if link_units else _e(r["name"])
            cells = [_td(rank, "num"), f"<td>{name}</td>"]
            if s is None:
                cells += [_td("—", "num")] * 6
            else:
                cells += [
                    _td(self.d.number(s[k]), "num")
                    for k in ("standard", "bonus", "penalty", "adjustments", "total", "maximum")
                ]
            grade = r["grade"]["name"] if r["grade"] else _("Not rated")
            cells.append(_td(grade))
            out.append(f'<tr data-unit="{_e(r["unit"])}">{"".join(cells)}</tr>')
        return _table(headers, out, cls="ranking", ident=ident)

    def chart(self, rows: list[dict[str, Any]]) -> str:
        scored = [
            (r["name"], m.parse_number(r["score"]["total"]), m.parse_number(r["score"]["maximum"]))
            for r in rows
            if r["score"]
        ]
        if not scored:
            return ""
        longest = max(len(name) for name, _t, _m in scored)
        # about 6.5 px per character at 11 px; names longer than 60 characters are shortened
        label_w, bar_w, row_h = min(max(120, int(6.5 * min(longest, 60)) + 16), 420), 420, 22
        top = max([Fraction(1)] + [max(t, mx) for _, t, mx in scored])
        height = row_h * len(scored) + 24
        width = label_w + bar_w + 90
        svg = (
            f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{_e(self.gettext("Score"))}</title>'
        )
        parts = [svg]
        for i, (name, total, maximum) in enumerate(scored):
            y = 8 + i * row_h
            w = max(0, int(max(total, Fraction(0)) * bar_w // top))
            mx = int(maximum * bar_w // top)
            short = name if len(name) <= 60 else name[:59] + "…"
            parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_e(short)}</text>')
            parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{row_h - 6}" fill="#1d4e89"/>')
            parts.append(f'<line x1="{label_w + mx}" x2="{label_w + mx}" y1="{y}" y2="{y + row_h}" stroke="#b3261e"/>')
            parts.append(f'<text x="{label_w + w + 6}" y="{y + 14}">{_e(self.d.number(format_total(total)))}</text>')
        parts.append("</svg>")
        return "<figure>" + "".join(parts) + "</figure>"

    def targets(self, targets: list[dict[str, Any]], *, with_subject: bool) -> str:
        _ = self.gettext
        headers = ([_("Unit")] if with_subject else []) + [
            _("Target"),
            _("Numbers"),
            _("Shortfall"),
            _("Verdict"),
            _("Explanation"),
        ]
        rows = []
        for t in targets:
            cells = [_td(t["subject_name"])] if with_subject else []
            cells += [_td(t["name"]), _td(self.d.target_numbers(t), "num"), _td(self.d.shortfall(t), "num")]
            cells.append(self.verdict(t["status"]))
            cells.append(_td(t["explanation"], "explanation-cell"))
            rows.append(f'<tr data-target="{_e(t["target"])}" data-subject="{_e(t["subject"])}">{"".join(cells)}</tr>')
        return _table(headers, rows, cls="targets")

    def awards(self, awards: list[dict[str, Any]]) -> str:
        _ = self.gettext
        rows = []
        for a in awards:
            cls = "met" if a["granted"] else "not-met"
            granted = "true" if a["granted"] else "false"
            verdict = f'<td class="verdict {cls}" data-granted="{granted}">{_e(self.d.award_status(a))}</td>'
            why = "; ".join(a["explanation"])
            rows.append(
                f'<tr data-award="{_e(a["award"])}" data-unit="{_e(a["unit"])}">'
                f"{_td(a['name'])}{_td(a['unit_name'])}{verdict}{_td(why)}</tr>"
            )
        return _table([_("Award"), _("Unit"), _("Verdict"), _("Why")], rows, cls="awards")

    def changes(self, changes: list[dict[str, Any]]) -> str:
        _ = self.gettext
        if not changes:
            return _muted(_("No reviewer changed any points."))
        rows = [
            f"<tr>{_td(c['unit_name'])}{_td(c['criterion_name'])}{_td(self.d.number(c['from']), 'num')}"
            f"{_td(self.d.number(c['to']), 'num')}{_td(c['stage_name'])}{_td(c['reason'] or '—')}</tr>"
            for c in changes
        ]
        return _table([_("Unit"), _("Criterion"), _("From"), _("To"), _("Stage"), _("Reason")], rows, cls="changes")

    def decision(self, decision: dict[str, Any] | None) -> str:
        _ = self.gettext
        if decision is None:
            return _muted(_("The cluster recorded no decision."))
        decided, computed = decision["decided_order"], decision["computed_order"]
        rows = []
        for i in range(max(len(decided), len(computed))):
            d = decided[i] if i < len(decided) else None
            c = computed[i] if i < len(computed) else None
            differs = d is not None and c is not None and d["unit"] != c["unit"]
            d_text = self.ranked(d) if d else ""
            c_text = self.ranked(c) if c else ""
            cls = ' class="differs"' if differs else ""
            rows.append(f"<tr{cls}>{_td(i + 1, 'num')}{_td(d_text)}{_td(c_text)}</tr>")
        table = _table(["#", _("Decided order"), _("Computed order")], rows, cls="decision")
        items = "".join(
            f'<li class="conflict-{_e(c["severity"])}" data-code="{_e(c["code"])}">'
            f"<strong>{_e(self.d.severity(c['severity']))}</strong>: {_e(c['text'])}</li>"
            for c in decision["conflicts"]
        )
        conflicts = _heading("h4", _("Conflicts")) + f'<ul class="conflicts">{items}</ul>' if items else ""
        return table + conflicts

    def ranked(self, row: dict[str, Any]) -> str:
        """A unit's name with its computed rank, for the decided and computed orders."""
        if row["rank"] is None:
            return self.gettext("%(unit)s (not ranked)") % {"unit": row["name"]}
        return self.gettext("%(unit)s (rank %(rank)s)") % {"unit": row["name"], "rank": row["rank"]}

    def explanations(self, unit_ids: Iterable[str]) -> str:
        banner = self.gettext("Sample data — not real results")
        parts = []
        for uid in unit_ids:
            u = self.units.get(uid)
            if u is None:
                continue
            lines = "".join(f"<li>{_e(line)}</li>" for line in u["explanation"] if line != banner)
            parts.append(f'<h4 id="unit-{_e(uid)}">{_e(u["name"])}</h4><ul class="explanation">{lines}</ul>')
        return "".join(parts)

    def cluster(self, c: dict[str, Any]) -> str:
        _ = self.gettext
        members = [u for u in c["members"] if u in self.units]
        roles = []
        block = c["kind"] == "block"  # a block (khối) has a trưởng khối, a cluster (cụm) a cụm trưởng
        if c["head"]:
            head = _("Head of the block: %(unit)s") if block else _("Head: %(unit)s")
            roles.append(head % {"unit": c["head"]["name"]})
        if c["deputy"]:
            deputy = _("Deputy head of the block: %(unit)s") if block else _("Deputy head: %(unit)s")
            roles.append(deputy % {"unit": c["deputy"]["name"]})
        unit_targets = [t for uid in members for t in self.units[uid]["targets"]]
        awards = [a for uid in members for a in self.units[uid]["awards"]]
        changes = [ch for uid in members for ch in self.units[uid]["changes"]]
        parts = [
            f'<section class="cluster" id="cluster-{_e(c["id"])}"><h2>{_e(c["name"])}</h2>',
            f'<p class="meta">{_e(" · ".join(roles))}</p>' if roles else "",
            _heading("h3", _("Ranking")),
            self.ranking(c["ranking"], f"ranking-{c['id']}"),
            self.chart(c["ranking"]),
            _heading("h3", _("Targets")),
            self.targets(c["targets"], with_subject=False) if c["targets"] else "",
            self.targets(unit_targets, with_subject=True) if unit_targets else "",
            _heading("h3", _("Awards")),
            self.awards(awards),
            _heading("h3", _("Changes")),
            self.changes(changes),
            _heading("h3", _("Decision of the cluster meeting")),
            self.decision(c["decision"]),
            _heading("h3", _("Explanation")),
            self.explanations(members),
            "</section>",
        ]
        return "".join(parts)

    def others_units(self) -> list[dict[str, Any]]:
        """The evaluated units in no cluster that have targets or a score."""
        in_clusters = {u for c in self.data["clusters"] for u in c["members"]}
        return [u for u in self.data["units"] if u["id"] not in in_clusters and (u["targets"] or u["score"])]

    def others(self) -> str:
        _ = self.gettext
        rest = self.others_units()
        if not rest:
            return ""
        targets = [t for u in rest for t in u["targets"]]
        return (
            '<section class="cluster" id="other-units">'
            + _heading("h2", _("Units outside the clusters"))
            + (self.targets(targets, with_subject=True) if targets else "")
            + self.explanations(u["id"] for u in rest)
            + "</section>"
        )

    def level_ranking(self, r: dict[str, Any]) -> str:
        ident = f"ranking-{r['group'].replace(':', '-')}"
        return f"<h3>{_e(r['name'])}</h3>" + self.ranking(r["entries"], ident, link_units=True)

    def rankings(self) -> str:
        _ = self.gettext
        parts = [self.level_ranking(r) for r in self.data["rankings"]]
        if not parts:
            return ""
        head = _heading("h2", _("Rankings by level"))
        return f'<section class="cluster" id="level-rankings">{head}{"".join(parts)}</section>'

    def footer(self) -> str:
        fingerprint = self.gettext("Fingerprint")
        return (
            f'<footer><p class="meta">{_e(self.data["generator"])} · {_e(fingerprint)}: '
            f'<span class="fingerprint">{_e(self.data["fingerprint"])}</span></p></footer>'
        )

    def back(self) -> str:
        """A link from a detail page back to the summary."""
        return f'<p class="back">{_link("../" + self.index_name, "← " + self.gettext("Summary"))}</p>'

    index_name = "report.html"

    def document(self, body: str, *, subtitle: str | None = None) -> str:
        _ = self.gettext
        c = self.data["campaign"]
        report = _("Report")  # outside the f-string, where the extractor finds it
        title = f"{c['name']} — {subtitle or report}"
        lang = _e(self.data["locale"].split("_")[0])
        return (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="{_e(self.data["generator"])}">\n'
            f'<meta name="thidua-fingerprint" content="{_e(self.data["fingerprint"])}">\n'
            f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
        )

    def render(self, sections: Iterable[str] | None = None) -> str:
        """The whole report on one page."""
        clusters = sections if sections is not None else (self.cluster(cl) for cl in self.data["clusters"])
        body = self.header() + self.summary() + "".join(clusters) + self.others() + self.rankings() + self.footer()
        return self.document(body)

    def pages(self, sections: dict[str, str]) -> dict[str, str]:
        """The summary page (key ``""``) and every detail page (by its name in the folder)."""
        out = {"": self.document(self.header() + self.summary() + self.footer())}
        for c in self.data["clusters"]:
            body = self.header() + self.back() + sections[c["id"]] + self.footer()
            out[cluster_page(c["id"])] = self.document(body, subtitle=c["name"])
        for r in self.data["rankings"]:
            head = _heading("h2", self.gettext("Rankings by level"))
            section = f'<section class="cluster" id="level-rankings">{head}{self.level_ranking(r)}</section>'
            out[level_page(r["group"])] = self.document(
                self.header() + self.back() + section + self.footer(), subtitle=r["name"]
            )
        others = self.others()
        if others:
            out[OTHERS_PAGE] = self.document(self.header() + self.back() + others + self.footer())
        return out


#: the page of the units outside the clusters, in the folder of a split report
OTHERS_PAGE = "other-units.html"


def cluster_page(cluster: str) -> str:
    """The name of a cluster's page in the folder of a split report.

    >>> cluster_page("cum-1")
    'cluster-cum-1.html'
    """
    return f"cluster-{cluster}.html"


def level_page(group: str) -> str:
    """The name of a level ranking's page in the folder of a split report.

    >>> level_page("level:commune")
    'level-commune.html'
    """
    return group.replace(":", "-") + ".html"


def _link(href: str, text: str) -> str:
    return f'<a href="{_e(href)}">{_e(text)}</a>'


def _share(part: int, whole: int) -> str:
    from thidua.io import share_text as format_share

    return format_share(Fraction(part, whole))


def format_total(value: Fraction) -> str:
    """An exact total back in report form (see :func:`thidua.io.number_text`)."""
    from thidua.io import number_text as format_number

    return format_number(value)


def render_html_data(data: dict[str, Any], *, locale: str = "vi") -> str:
    """Render report data (from :func:`thidua.report.report_data`) as one HTML page.

    .. versionadded:: 0.1.0
    """
    from thidua.l10n import get_translator

    return _Page(data, Display(get_translator(locale))).render()


def render_html_pages(
    data: dict[str, Any], *, locale: str = "vi", folder: str, layout: str = "auto", index_name: str = "report.html"
) -> dict[str, str]:
    """Render report data as pages: ``{"": the page, ...}``, one page unless it is too large.

    With *layout* ``"auto"`` the report is one page while that page stays
    under :data:`SINGLE_PAGE_LIMIT` bytes; above, and with ``"split"``, it is
    a summary page (key ``""``) linking to one page per cluster, per level
    ranking and for the units outside the clusters, each under its name in
    *folder* (a path relative to the summary page). ``"single"`` always
    gives one page.

    >>> import thidua
    >>> from thidua.report import report_data
    >>> c = thidua.examples.load_campaign()
    >>> data = report_data(thidua.evaluate(c, thidua.examples.load_results()), c)
    >>> sorted(render_html_pages(data, folder="report_files", layout="split"))
    ['', 'cluster-cum-1.html', 'cluster-cum-2.html', 'level-commune.html']
    >>> list(render_html_pages(data, folder="report_files"))
    ['']

    .. versionadded:: 0.1.0
    """
    from thidua.l10n import get_translator

    if layout not in ("auto", "single", "split"):
        msg = f"layout must be 'auto', 'single' or 'split', got {layout!r}"
        raise ValueError(msg)
    display = Display(get_translator(locale))
    single = _Page(data, display)
    # a cluster's section is the same on one page and on its own page: render it once
    sections = {c["id"]: single.cluster(c) for c in data["clusters"]}
    if layout != "split":
        page = single.render(sections[c["id"]] for c in data["clusters"])
        if layout == "single" or len(page.encode("utf-8")) <= SINGLE_PAGE_LIMIT:
            return {"": page}
    split = _Page(data, display, folder=folder)
    split.index_name = index_name
    return split.pages(sections)
