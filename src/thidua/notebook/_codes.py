"""The problems of what-if changes and sweeps: paths that name nothing, values and ranges refused.

Each is a :class:`thidua.errors.Code`; ``docs/problems.md`` lists them all.
"""

from __future__ import annotations

from thidua._problems import N_, Code

__all__: list[str] = []

EMPTY_PATH = Code("change-empty-path", N_("the path of a change is empty"))
NO_ITEM = Code("change-no-item", N_("there is no '%(item)s' here"))
NO_PARTS = Code("change-no-parts", N_("'%(key)s' has no parts to change"))
NO_SUCH_CRITERION = Code("change-no-such-criterion", N_("the campaign has no criterion '%(criterion)s'"))
SWEEP_NO_VALUES = Code("sweep-no-values", N_("a sweep needs at least one value"))
SWEEP_STEP = Code("sweep-step", N_("the step of a range must be above 0, got %(value)s"))
SWEEP_RANGE = Code("sweep-range", N_("expected START:STOP:STEP (e.g. 60%%:100%%:1%%), got %(value)s"))
SWEEP_TOO_MANY = Code("sweep-too-many", N_("a sweep takes at most %(limit)s values, got %(count)s"))
CHANGE_FORM = Code("change-form", N_("expected PATH=VALUE (e.g. targets.bctmt-good.at_least=75%%), got %(value)s"))
