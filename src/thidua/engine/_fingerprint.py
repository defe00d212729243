"""A SHA-256 fingerprint over a canonical form of the inputs of an evaluation."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua import model as m

__all__ = ["canonical", "fingerprint"]


def canonical(value: Any) -> Any:
    """A plain, platform-independent form of model data.

    Every attrs field is written (defaults too), exact numbers as ``"n/d"``,
    dates in ISO form, mappings with sorted keys. It does not depend on the
    document format or the key order of the input.

    >>> canonical(Fraction(4, 5))
    '4/5'

    .. versionadded:: 0.1.0
    """
    if attrs.has(type(value)):
        out = {"@": type(value).__name__}
        for f in attrs.fields(type(value)):
            out[f.name] = canonical(getattr(value, f.name))
        return out
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, int):
        return f"{value}/1"
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, tuple | list):
        return [canonical(v) for v in value]
    msg = f"cannot fingerprint a {type(value).__name__}"
    raise TypeError(msg)


def fingerprint(
    campaign: m.Campaign,
    results: m.Results,
    stage: str | None,
    history: m.History | None = None,
) -> str:
    """SHA-256 (hex) of the campaign, the results, the stage and the history.

    Results rows and history records are sorted by unit (and year), so the
    order of input rows does not change the fingerprint; any changed number does.

    .. versionadded:: 0.1.0
    """
    rows = tuple(sorted(results.units, key=lambda r: r.unit))
    decisions = tuple(sorted(results.decisions, key=lambda d: d.cluster))
    doc: dict[str, Any] = {
        "thidua-fingerprint": 1,
        "campaign": canonical(campaign),
        "results": canonical(attrs.evolve(results, units=rows, decisions=decisions)),
        "stage": stage,
        "history": None if history is None else canonical(sorted(history.records, key=lambda r: (r.unit, r.year))),
    }
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()
