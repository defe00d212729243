"""Explanations of a unit's or a cluster's verdicts, as text and as HTML."""

from __future__ import annotations

import attrs

from thidua.engine import Evaluation, Prepared, Status, TargetOutcome
from thidua.model import Campaign

__all__ = ["Explanation", "explain"]

_SYMBOL = {"met": "✓", "not_met": "✗", "excluded": "–"}


@attrs.frozen(repr=False)
class Explanation:
    """Every verdict about one unit (or one cluster), one sentence per line.

    Build it with :func:`explain`. ``str()`` gives the plain text; in a
    notebook it shows as a list with each target's verdict marked.

    Attributes:
        subject: the unit or cluster id.
        locale: the language of the lines.
        lines: the sentences, in order (see :func:`thidua.l10n.explain_unit`).
        marks: for each line, the status of the target it explains
            (``"met"``, ``"not_met"``, ``"excluded"``) or ``None``.
        sample: the evaluation is of sample data; the first line says so.

    >>> ex = Explanation("xa-a", "en", ("Xã A (Commune)", "Target “80% good”: 8/10. Verdict: met."), (None, "met"))
    >>> print(ex)
    Xã A (Commune)
    Target “80% good”: 8/10. Verdict: met.
    >>> ex
    <Explanation xa-a (en): 2 lines>

    .. versionadded:: 0.1.0
    """

    subject: str
    locale: str
    lines: tuple[str, ...]
    marks: tuple[str | None, ...]
    sample: bool = False

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def __repr__(self) -> str:
        return f"<Explanation {self.subject} ({self.locale}): {len(self.lines)} lines>"

    def html_body(self) -> str:
        """The list of sentences as HTML, for :func:`thidua.notebook.to_html`."""
        from thidua.notebook._html import _e

        rows = list(zip(self.lines, self.marks, strict=True))
        parts: list[str] = []
        if self.sample and rows:
            parts.append(f'<p><span class="sample">{_e(rows.pop(0)[0])}</span></p>')
        if rows:
            parts.append(f"<p><b>{_e(rows.pop(0)[0])}</b></p>")
        items = [
            f'<li><span class="{mark}">{_SYMBOL[mark]}</span> {_e(line)}</li>' if mark else f"<li>{_e(line)}</li>"
            for line, mark in rows
        ]
        return "".join(parts) + "<ul>" + "".join(items) + "</ul>"

    def _repr_html_(self) -> str:
        from thidua.notebook._html import to_html

        return to_html(self)


def _marks(lines: list[str], outcomes: tuple[TargetOutcome, ...], texts: list[str]) -> tuple[str | None, ...]:
    status = {text: t.status for text, t in zip(texts, outcomes, strict=True)}
    out: list[str | None] = []
    for line in lines:
        s = status.get(line)
        out.append(None if s is None else {Status.MET: "met", Status.NOT_MET: "not_met"}.get(s, "excluded"))
    return tuple(out)


def explain(
    evaluation: Evaluation,
    subject: str,
    *,
    campaign: Campaign | Prepared,
    locale: str = "vi",
) -> Explanation:
    """Explain every verdict about a unit (or a cluster) in Vietnamese or English.

    The sentences are those of :func:`thidua.l10n.explain_unit` (or
    :func:`thidua.l10n.explain_cluster` when *subject* is a cluster id);
    this wraps them for display in a notebook.

    Args:
        evaluation: what :func:`thidua.evaluate` returned.
        subject: a unit id, or a cluster id.
        campaign: the campaign evaluated (or the same prepared), for names.
        locale: ``"vi"`` (default) or ``"en"``.

    Raises:
        KeyError: if the unit or cluster was not evaluated.
        LocaleError: for a language other than Vietnamese and English.

    >>> import thidua
    >>> campaign = thidua.examples.load_campaign()
    >>> ev = thidua.evaluate(campaign, thidua.examples.load_results())
    >>> ex = explain(ev, "xa-van-khanh-tay", campaign=campaign, locale="en")
    >>> print(ex.lines[1])
    Xã Vân Khánh Tây (Commune)
    >>> ex.marks.count("met"), ex.marks.count("not_met")
    (2, 2)

    .. versionadded:: 0.1.0
    """
    from thidua.l10n import explain_cluster, explain_target, explain_unit

    if any(u.unit == subject for u in evaluation.units):
        lines = explain_unit(evaluation, subject, campaign=campaign, locale=locale)
        outcomes = evaluation.unit(subject).targets
    else:
        lines = explain_cluster(evaluation, subject, campaign=campaign, locale=locale)
        outcomes = evaluation.cluster(subject).targets
    texts = [explain_target(t, campaign=campaign, locale=locale) for t in outcomes]
    return Explanation(subject, locale, tuple(lines), _marks(lines, outcomes, texts), evaluation.sample)
