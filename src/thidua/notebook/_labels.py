"""Words of the notebook display and the plots, in Vietnamese and English, and names from a campaign."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import attrs

from thidua import model as m
from thidua.l10n._catalog import N_
from thidua.model._exact import decimal_places

__all__ = ["LABELS", "SHARED", "Names", "label", "language", "score_text"]

#: Words shared with reports: ``key: msgid`` of :data:`thidua.l10n.LABELS`, translated by gettext.
SHARED: Mapping[str, str] = {
    "award": "Award",
    "awards": "Awards",
    "cluster": "Cluster",
    "conflicts": "Conflicts",
    "eligible": "Eligible",
    "excluded": "Excluded",
    "explanation": "Explanation",
    "fingerprint": "Fingerprint",
    "granted": "Granted",
    "grade": "Rating",
    "level": "Level",
    "met": "Met",
    "name": "Name",
    "not_met": "Not met",
    "rank": "Rank",
    "sample": "Sample data — not real results",
    "score": "Score",
    "stage": "Stage",
    "target": "Target",
    "targets": "Targets",
    "threshold": "Threshold",
    "unit": "Unit",
    "verdict": "Verdict",
    "year": "Year",
}

#: Words of the notebook display and the plots only: ``key: msgid`` (English), translated by gettext.
LABELS: Mapping[str, str] = {
    "after": N_("After"),
    "attainment_title": N_("Targets met in %(year)s"),
    "before": N_("Before"),
    "changes": N_("Changes from the baseline"),
    "cluster_targets": N_("Cluster-wide targets"),
    "clusters": N_("Clusters"),
    "code": N_("Id"),
    "compare_title": N_("%(before)s compared with %(after)s"),
    "deputy": N_("Deputy head"),
    "head": N_("Head"),
    "kind": N_("Kind"),
    "maximum": N_("Maximum %(points)s points"),
    "members": N_("Members"),
    "na": N_("Not applicable"),
    "no_changes": N_("No verdict changed."),
    "no_score": N_("no score"),
    "organizer": N_("Organizer"),
    "other_base": N_("other base"),
    "ranking_title": N_("Ranking of %(cluster)s, %(year)s"),
    "rubric": N_("Rubric"),
    "targets_met": N_("Targets met"),
    "units": N_("Units"),
    "units_unnamed": N_("%(count)s units (not named: too many to name; choose some with units=)"),
    "value": N_("Result"),
    "what": N_("What"),
}


def language(locale: str) -> str:
    """The language of *locale* (``"vi"`` or ``"en"``).

    Raises:
        LocaleError: for any other language.

    >>> language("vi_VN"), language("en-US")
    ('vi', 'en')
    """
    from thidua.l10n import parse_locale

    return str(parse_locale(locale).language)


def label(key: str, locale: str, **fields: object) -> str:
    """A display word in the language of *locale*, with *fields* filled in.

    Every word comes from the gettext catalogs of :mod:`thidua.l10n`:
    shared ones through :data:`SHARED`, the notebook's own through :data:`LABELS`.

    >>> label("maximum", "en", points="100"), label("not_met", "en")
    ('Maximum 100 points', 'Not met')
    """
    if key in SHARED:
        from thidua.l10n import label as shared_label

        return shared_label(SHARED[key], locale)
    from thidua.l10n import get_translator

    text = get_translator(locale).gettext(LABELS[key])
    return text % fields if fields else text


def score_text(value: Fraction | int, locale: str, max_digits: int = 8) -> str:
    """A score for display: exact when it has at most *max_digits* decimals, else rounded with "≈".

    A score just under a band limit must not show as the limit itself
    (89.9999999 is not 90), so exact decimals are written in full.

    >>> score_text(Fraction(899999999, 10000000), "vi"), score_text(Fraction(153, 2), "en")
    ('89,9999999', '76.5')
    >>> score_text(Fraction(1, 3), "en")
    '≈ 0.33'
    """
    from thidua.l10n import format_number

    exact = Fraction(value)
    digits = decimal_places(exact)
    if digits is not None and digits <= max_digits:
        return str(format_number(exact, locale=locale, digits=digits))
    return "≈ " + str(format_number(exact, locale=locale, digits=2))


def _pick(name: str, name_en: str | None, lang: str) -> str:
    return name_en if lang == "en" and name_en else name


@attrs.frozen
class Names:
    """Names of targets, grades, titles and clusters, read from a campaign if there is one.

    Without a campaign every name is its id.
    """

    campaign: m.Campaign | None
    locale: str = "vi"

    @property
    def lang(self) -> str:
        """``"vi"`` or ``"en"``."""
        return language(self.locale)

    def target(self, target_id: str) -> str:
        """The wording of a target."""
        if self.campaign is not None:
            for t in self.campaign.targets():
                if t.id == target_id:
                    return _pick(t.name, t.name_en, self.lang)
        return target_id

    def grade(self, grade_id: str | None, *, short: bool = True) -> str:
        """A grade's abbreviation (e.g. ``HTXS``) or its full name."""
        if grade_id is None:
            return "—"
        if self.campaign is not None:
            for s in self.campaign.scales:
                for g in s.grades:
                    if g.id == grade_id:
                        if short and g.short:
                            return g.short
                        return _pick(g.name, g.name_en, self.lang)
        return grade_id.upper() if short else grade_id

    def award(self, award_id: str) -> str:
        """The name of the title an award rule gives."""
        if self.campaign is not None:
            titles = {t.id: t for t in self.campaign.titles}
            for a in self.campaign.awards:
                if a.id == award_id and a.title in titles:
                    t = titles[a.title]
                    return _pick(t.name, t.name_en, self.lang)
        return award_id

    def unit(self, unit_id: str, fallback: str | None = None) -> str:
        """The name of a unit."""
        if self.campaign is not None:
            for u in self.campaign.units:
                if u.id == unit_id:
                    return _pick(u.name, u.name_en, self.lang)
        return fallback or unit_id

    def cluster(self, cluster_id: str, fallback: str | None = None) -> str:
        """The name of a cluster."""
        if self.campaign is not None:
            for c in self.campaign.clusters:
                if c.id == cluster_id:
                    return _pick(c.name, c.name_en, self.lang)
        return fallback or cluster_id

    def stage(self, stage_id: str | None) -> str:
        """The name of a review stage."""
        if stage_id is None:
            return "—"
        if self.campaign is not None:
            for s in self.campaign.stages:
                if s.id == stage_id:
                    return _pick(s.name, s.name_en, self.lang)
        return stage_id
