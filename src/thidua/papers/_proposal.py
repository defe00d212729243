"""The proposal for awards (tờ trình đề nghị khen thưởng), after Mẫu 1.4 of Nghị định 30/2020, with its list."""

from __future__ import annotations

from typing import Any

from thidua.errors import DataError
from thidua.papers import _codes as codes
from thidua.papers._content import Facts, Proposed
from thidua.papers._docx import BLANK, LONG_BLANK, Paper

__all__ = ["build_proposal", "signing"]


def signing(f: Facts) -> tuple[list[str], str | None]:
    """The authority line(s) and the post of the signature block: the details', else ``TM.`` the issuer."""
    _ = f.t.gettext
    d = f.details
    authority = [d.signing_for] if d.signing_for else [_("ON BEHALF OF %(body)s") % {"body": f.issuer().upper()}]
    post = d.signer_post
    if post is None and f.cluster_id is not None:
        post = _("HEAD OF THE BLOCK") if f.cluster_kind == "block" else _("HEAD OF THE CLUSTER")
    return authority, post


def place_date(f: Facts) -> str:
    """``An Minh, ngày 15 tháng 12 năm 2022``, with blanks for what is not given."""
    _ = f.t.gettext
    return _("%(place)s, %(date)s") % {"place": f.details.place or LONG_BLANK, "date": f.date(f.details.date)}


def build_proposal(paper: Paper, f: Facts, proposals: list[Proposed]) -> None:
    """Lay out the proposal of *f*'s cluster on *paper*, then its list on a page of its own.

    Raises:
        DataError: when there is nothing to propose.
    """
    _ = f.t.gettext
    if not proposals:
        raise DataError(codes.NOTHING_TO_PROPOSE(cluster=f.cluster_name))
    d = f.details
    year = f.ev.year
    number_text = _("No.: %(number)s/%(kind)s-%(symbol)s") % {
        "number": d.number or BLANK,
        "kind": "TTr",
        "symbol": d.symbol or BLANK,
    }
    paper.header(superior=d.superior, issuer=f.issuer(), number=number_text, place_date=place_date(f))
    paper.title(_("PROPOSAL"), _("Proposal of awards for the emulation year %(year)s") % {"year": year})
    paper.addressees(d.addressees)
    to = d.addressees[0] if d.addressees else LONG_BLANK
    issuer = f.issuer()

    bases = [_("Having regard to %(basis)s") % {"basis": b} for b in d.bases]
    bases.append(
        _("Having regard to the results of scoring and grading of the emulation year %(year)s of %(cluster)s")
        % {"year": year, "cluster": f.cluster_name}
    )
    if any(p.source == "meeting" for p in proposals):
        meeting_day = f.decision.on if f.decision else None
        bases.append(
            _("Having regard to the minutes of the review meeting of %(cluster)s dated %(date)s")
            % {"cluster": f.cluster_name, "date": f.short_date(meeting_day)}
        )
    for i, line in enumerate(bases):
        paper.paragraph(line + ("." if i == len(bases) - 1 else ";"), italic=True)

    groups = f.by_award(proposals)
    units = {p.unit for p in proposals}
    paper.paragraph(
        _(
            "%(issuer)s respectfully proposes that %(to)s consider awarding %(count)s collectives "
            "(list attached), as follows:"
        )
        % {"issuer": issuer, "to": to, "count": f.count(len(units))}
    )
    for i, (award, group) in enumerate(groups):
        end = "." if i == len(groups) - 1 else ";"
        paper.paragraph(
            "- " + _("%(award)s: %(count)s collectives") % {"award": f.award(award), "count": f.count(len(group))} + end
        )
    paper.paragraph(
        _("%(issuer)s respectfully submits this to %(to)s for consideration and decision./.")
        % {"issuer": issuer, "to": to}
    )

    authority, post = signing(f)
    recipients = ["- " + _("As above;")] + [f"- {r};" for r in d.recipients]
    recipients.append("- " + _("Filed: VT, %(unit)s.") % {"unit": d.filed_with or BLANK})

    def left(cell: Any) -> None:
        paper.recipients(cell, recipients)

    def right(cell: Any) -> None:
        paper.signature(cell, authority=authority, post=post, name=d.signer)

    paper.closing(left=left, right=right)
    _list_page(paper, f, groups, number_text)


def _list_page(paper: Paper, f: Facts, groups: list[tuple[str, list[Proposed]]], number_text: str) -> None:
    _ = f.t.gettext
    d = f.details
    paper.page_break()
    paper.paragraph(_("LIST"), bold=True, align="center", indent=False, after=0)
    paper.paragraph(
        _("Collectives proposed for awards, emulation year %(year)s") % {"year": f.ev.year},
        bold=True,
        align="center",
        indent=False,
        after=0,
    )
    number = number_text.split(" ", 1)[1] if " " in number_text else number_text
    paper.paragraph(
        _("(Attached to proposal No. %(number)s, %(date)s, of %(issuer)s)")
        % {"number": number, "date": f.date(d.date), "issuer": f.issuer()},
        italic=True,
        align="center",
        indent=False,
        after=12,
    )
    paper.heading("I. " + _("COLLECTIVES"))
    headers = [_("No."), _("Name of the collective"), _("Award proposed"), _("Summary of achievements"), _("Notes")]
    rows = []
    n = 0
    for award, group in groups:
        for p in group:
            n += 1
            note = ""
            if p.source == "meeting":
                note = _("Chosen by the meeting outside the computed quota") if p.outside_quota else ""
            rows.append([str(n), f.name(p.unit), f.award(award), f.achievements(p.unit), note])
    paper.table(headers, rows, align=["center", "left", "left", "left", "left"], size=12)
