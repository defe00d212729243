"""The HTML report: one self-contained page (inline CSS and SVG, no script, no network).

Built from :func:`thidua.report.report_data`, so it shows exactly what the
JSON report holds: for each cluster its ranking with the score parts and the
nominal maximum, a bar chart, every target with its numbers and verdict, the
awards and why, the reviewers' changes, the meeting's decided order side by
side with the computed one and every conflict, then each unit's explanation.
It prints on A4, one cluster per page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from thidua import model as m
from thidua.report._display import Display

__all__ = ["render_html_data"]

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

    def __init__(self, data: dict[str, Any], display: Display) -> None:
        self.data = data
        self.d = display
        self.gettext = display.gettext
        self.units = {u["id"]: u for u in data["units"]}

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
        fingerprint = f'<span class="fingerprint">{_e(self.data["fingerprint"])}</span>'
        label = _("Fingerprint")
        parts.append(f'<p class="meta">{_e(label)}: {fingerprint}</p>')
        return "<header>" + "".join(parts) + "</header>"

    def nav(self) -> str:
        items = "".join(f'<li><a href="#cluster-{_e(c["id"])}">{_e(c["name"])}</a></li>' for c in self.data["clusters"])
        return f"<nav><ul>{items}</ul></nav>" if items else ""

    def ranking(self, rows: list[dict[str, Any]], ident: str) -> str:
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
            cells = [_td(r["rank"], "num"), _td(r["name"])]
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
        label_w, bar_w, row_h = 230, 420, 22
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
            short = name if len(name) <= 32 else name[:31] + "…"
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

    def others(self) -> str:
        _ = self.gettext
        in_clusters = {u for c in self.data["clusters"] for u in c["members"]}
        rest = [u for u in self.data["units"] if u["id"] not in in_clusters and (u["targets"] or u["score"])]
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

    def rankings(self) -> str:
        _ = self.gettext
        parts = [
            f"<h3>{_e(r['name'])}</h3>" + self.ranking(r["entries"], f"ranking-{r['group'].replace(':', '-')}")
            for r in self.data["rankings"]
        ]
        if not parts:
            return ""
        head = _heading("h2", _("Rankings by level"))
        return f'<section class="cluster" id="level-rankings">{head}{"".join(parts)}</section>'

    def render(self) -> str:
        _ = self.gettext
        c = self.data["campaign"]
        report = _("Report")
        fingerprint = _("Fingerprint")
        title = f"{c['name']} — {report}"
        lang = _e(self.data["locale"].split("_")[0])
        body = (
            self.header()
            + self.nav()
            + "".join(self.cluster(cl) for cl in self.data["clusters"])
            + self.others()
            + self.rankings()
            + f'<footer><p class="meta">{_e(self.data["generator"])} · {_e(fingerprint)}: '
            f'<span class="fingerprint">{_e(self.data["fingerprint"])}</span></p></footer>'
        )
        return (
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="{_e(self.data["generator"])}">\n'
            f'<meta name="thidua-fingerprint" content="{_e(self.data["fingerprint"])}">\n'
            f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
        )


def format_total(value: Fraction) -> str:
    """An exact total back in report form (see :func:`thidua.io.format_number`)."""
    from thidua.io import format_number

    return format_number(value)


def render_html_data(data: dict[str, Any], *, locale: str = "vi") -> str:
    """Render report data (from :func:`thidua.report.report_data`) as one HTML page.

    .. versionadded:: 0.1.0
    """
    from thidua.l10n import get_translator

    return _Page(data, Display(get_translator(locale))).render()
