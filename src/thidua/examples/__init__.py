"""Bundled example campaigns: the seed campaigns with real unit names and sample results.

Every bundled result set is **sample data** (the outcomes of those years were
not published) and says so in the file and on every report.

>>> "an-minh-2022" in names()
True
>>> load_campaign("an-minh-2022").year
2022

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from pathlib import Path

from thidua import model as m

__all__ = ["DEFAULT", "load_campaign", "load_history", "load_results", "names", "path"]

#: The example that ``thidua demo`` evaluates.
DEFAULT = "an-minh-2022"


def _root() -> Path:
    from importlib import resources  # imported on first use: it takes 10-30 ms to import

    return Path(str(resources.files("thidua.examples") / "data"))


def names() -> list[str]:
    """The names of the bundled examples, sorted.

    >>> names()[0], "thanh-xuan-2020" in names(), names() == sorted(names())
    ('an-minh-2022', True, True)
    """
    return sorted(p.name for p in _root().iterdir() if (p / "campaign.json").is_file())


def path(name: str, document: str = "campaign") -> Path:
    """The path of a bundled document (``campaign``, ``results`` or ``history``).

    Raises:
        KeyError: for an unknown example or document.

    >>> path("an-minh-2022", "results").name
    'results.json'
    >>> path("an-minh-2022", "history")
    Traceback (most recent call last):
    ...
    KeyError: "no bundled history for 'an-minh-2022'; examples: ..."
    """
    p = _root() / name / f"{document}.json"
    if not p.is_file():
        msg = f"no bundled {document} for {name!r}; examples: {', '.join(names())}"
        raise KeyError(msg)
    return p


def load_campaign(name: str = DEFAULT) -> m.Campaign:
    """Load a bundled campaign.

    >>> c = load_campaign()
    >>> [(cl.id, len(cl.members), cl.head) for cl in c.clusters]
    [('cum-1', 5, 'xa-van-khanh-tay'), ('cum-2', 6, 'xa-dong-thanh')]
    """
    from thidua.io import load

    obj = load(path(name, "campaign"), expected="campaign")
    assert isinstance(obj, m.Campaign)  # noqa: S101 - guaranteed by expected=
    return obj


def load_results(name: str = DEFAULT) -> m.Results:
    """Load a bundled result set (sample data), validated against its campaign.

    >>> load_results()
    <Results an-minh-2022 (2022): 11 units, 2 decisions, sample>
    """
    from thidua.io import load

    obj = load(path(name, "results"), expected="results", campaign=load_campaign(name))
    assert isinstance(obj, m.Results)  # noqa: S101
    return obj


def load_history(name: str = DEFAULT) -> m.History | None:
    """Load a bundled history, if the example has one.

    >>> load_history("an-minh-2022") is None
    True
    >>> h = load_history("thanh-xuan-2020")
    >>> h.sample, sorted({r.year for r in h.records})
    (True, [2017, 2018, 2019])
    """
    from thidua.io import load

    try:
        p = path(name, "history")
    except KeyError:
        return None
    obj = load(p, expected="history", campaign=load_campaign(name))
    assert isinstance(obj, m.History)  # noqa: S101
    return obj
