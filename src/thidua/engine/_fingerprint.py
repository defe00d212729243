"""A SHA-256 fingerprint over a canonical form of the inputs of an evaluation."""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua import model as m

__all__ = ["canonical", "combine", "digest", "fingerprint", "results_meta"]


_FIELDS: dict[type, tuple[str, ...]] = {}
#: fields added to the model after fingerprints were first published: written only when not
#: empty, as ``{name: value}``, so that the fingerprint of data without them does not change
_LATER: dict[type, tuple[str, ...]] = {}
#: classes renamed since fingerprints were first published, under their first name, so that the
#: same inputs keep their fingerprint
_FIRST_NAMES = {"StepRow": "Step"}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        fields = attrs.fields(cls)
        names = _FIELDS[cls] = tuple(f.name for f in fields if not f.metadata.get("fingerprint_if_set"))
        _LATER[cls] = tuple(f.name for f in fields if f.metadata.get("fingerprint_if_set"))
    return names


def _later(value: Any, cls: type) -> list[Any]:
    return [{name: canonical(v)} for name in _LATER[cls] if (v := getattr(value, name))]


def _sha256(text: str) -> str:
    import hashlib  # imported when a fingerprint is first read (it loads OpenSSL)

    return hashlib.sha256(text.encode("ascii")).hexdigest()


def canonical(value: Any) -> Any:
    """A plain, platform-independent form of model data.

    An attrs object becomes ``[class name, field values in declaration
    order...]`` with every field written (defaults too), except fields added
    later (marked ``metadata={"fingerprint_if_set": True}``), written as
    ``{name: value}`` after the others only when not empty; exact numbers become
    ``"n/d"``, dates ISO texts, mappings dicts with sorted keys. It does not
    depend on the document format or on the key order of the input.

    >>> canonical(Fraction(4, 5))
    '4/5'

    .. versionadded:: 0.1.0
    """
    cls = type(value)
    if cls is str or value is None or cls is bool:
        return value
    if cls is Fraction:
        return f"{value.numerator}/{value.denominator}"
    if cls is int:
        return f"{value}/1"
    if cls is tuple or cls is list:
        return [canonical(v) for v in value]
    if hasattr(cls, "__attrs_attrs__"):
        name = cls.__name__
        out = [_FIRST_NAMES.get(name, name), *[canonical(getattr(value, f)) for f in _fields(cls)]]
        return out + _later(value, cls) if _LATER[cls] else out
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return f"{value}/1"
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    msg = f"cannot fingerprint a {type(value).__name__}"
    raise TypeError(msg)


def digest(value: Any) -> str:
    """SHA-256 (hex) of the canonical JSON form of *value*.

    >>> len(digest(Fraction(1, 3)))
    64

    .. versionadded:: 0.1.0
    """
    text = json.dumps(canonical(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return _sha256(text)


def combine(
    campaign_digest: str,
    results_meta: Any,
    *,
    row_digests: list[str],
    decision_digests: list[str],
    stage: str | None,
    history_digests: list[str] | None,
) -> str:
    """Combine the digests of the parts into the fingerprint.

    Rows, decisions and history records enter as sorted digests, so their
    order in the input never matters, and one changed row is re-hashed alone.
    """
    doc = {
        "thidua-fingerprint": 1,
        "campaign": campaign_digest,
        "results": results_meta,
        "rows": sorted(row_digests),
        "decisions": sorted(decision_digests),
        "stage": stage,
        "history": None if history_digests is None else sorted(history_digests),
    }
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return _sha256(text)


def results_meta(results: m.Results) -> Any:
    """The canonical form of a result set without its rows and decisions."""
    return canonical(attrs.evolve(results, units=(), decisions=()))


def fingerprint(
    campaign: m.Campaign,
    results: m.Results,
    stage: str | None,
    history: m.History | None = None,
) -> str:
    """SHA-256 (hex) of the campaign, the results, the stage and the history.

    The canonical form writes every field (defaults too), exact numbers as
    ``"n/d"``, dates in ISO form and mappings with sorted keys, so the
    fingerprint depends neither on the file format nor on key order; results
    rows, decisions and history records are hashed one by one and sorted, so
    their order does not matter either. Any changed number changes it.

    >>> import attrs, thidua
    >>> c, r = thidua.examples.load_campaign(), thidua.examples.load_results()
    >>> fp = fingerprint(c, r, None)
    >>> fingerprint(c, attrs.evolve(r, units=r.units[::-1]), None) == fp, fingerprint(c, r, "tu-cham") == fp
    (True, False)

    .. versionadded:: 0.1.0
    """
    return combine(
        digest(campaign),
        results_meta(results),
        row_digests=[digest(r) for r in results.units],
        decision_digests=[digest(d) for d in results.decisions],
        stage=stage,
        history_digests=None if history is None else [digest(r) for r in history.records],
    )
