"""The problems of the top-level helpers (the synthetic national campaign, what-if, reports).

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code

__all__: list[str] = []

NOT_BETWEEN = Code("not-between", N_("%(value)s is not between %(low)s and %(high)s"))
NO_SUCH_TARGET = Code("no-such-target", N_("the campaign has no target '%(target)s'"))
NO_RESULTS_FOR_UNIT = Code("no-results-for-unit", N_("the unit '%(unit)s' has no results"))
REPORT_SUFFIX = Code("report-suffix", N_("cannot write a report to '%(name)s'; use %(allowed)s"))
REPORT_FOLDER_TAKEN = Code(
    "report-folder-taken",
    N_(
        "the folder '%(folder)s' for the report's pages exists and was not written by thidua; "
        "move it or choose another name"
    ),
)
