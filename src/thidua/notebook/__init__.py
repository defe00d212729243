"""Notebook display: HTML tables, explanations, what-if and sweeps for Jupyter.

Campaigns, clusters, evaluations and their parts show as compact HTML tables
in a notebook (their ``_repr_html_`` calls :func:`to_html`), with every
verdict marked by a symbol and a word. :func:`explain` wraps the sentences
of :mod:`thidua.l10n` for display; :func:`what_if` evaluates a variant of a
campaign (any rule) or of its results (any input) and lists the verdicts that
change, with why; :func:`sweep` moves one value over a range
(:func:`value_range`) and tells, step by step, who meets it and who flips.

This is an adapter: the core never imports it.

>>> import thidua
>>> from thidua.notebook import explain, what_if
>>> campaign, results = thidua.examples.load_campaign(), thidua.examples.load_results()
>>> ev = thidua.evaluate(campaign, results)
>>> print(explain(ev, "xa-van-khanh-tay", campaign=campaign, locale="en").lines[1])
Xã Vân Khánh Tây (Commune)
>>> w = what_if(campaign, results, targets={"bctmt-good": {"at_least": "75%"}})
>>> [(c.subject, c.before, c.after) for c in w.changes if c.item == "bctmt-good"]
[('xa-dong-hung-a', 'not_met', 'met'), ('xa-thuan-hoa', 'not_met', 'met')]

.. versionadded:: 0.1.0
"""

from thidua.notebook._changes import apply_changes
from thidua.notebook._explain import Explanation, explain
from thidua.notebook._html import to_html
from thidua.notebook._sweep import Sweep, SweepStep, sweep, value_range
from thidua.notebook._whatif import VerdictChange, WhatIf, diff, explain_change, what_if

__all__ = [
    "Explanation",
    "Sweep",
    "SweepStep",
    "VerdictChange",
    "WhatIf",
    "apply_changes",
    "diff",
    "explain",
    "explain_change",
    "sweep",
    "to_html",
    "value_range",
    "what_if",
]
