"""How the core's objects are shown: functions the layers above provide, looked up by name.

The core (the model, the engine, the errors and their problems) is shown to
people by the layers above it: messages in the reader's language by
:mod:`thidua.l10n`, HTML in a notebook by :mod:`thidua.notebook`, tables by
:mod:`thidua.tables`; the Vietnamese alphabetical order (a ranking that ends
with the order of names) is :mod:`thidua.l10n`'s too. The core never imports those layers, not even inside a
function, so the import graph has no circle (``tests/test_import_graph.py``);
it looks the functions up here instead. The package's root module, which
Python imports before any part of the package and which sits above every
layer, provides them (``thidua/__init__.py``), each importing its layer on
first use.

Providing happens once, when ``thidua`` is imported; looking up only reads.

>>> shown("html").__name__
'_html'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["provide", "shown"]

#: the functions provided, by name (filled once by thidua/__init__.py)
_PROVIDED: dict[str, Callable[..., Any]] = {}


def provide(name: str, function: Callable[..., Any]) -> None:
    """Provide the function that does *name* for the core (called by ``thidua/__init__.py``)."""
    _PROVIDED[name] = function


def shown(name: str) -> Callable[..., Any]:
    """The function provided for *name*, e.g. ``shown("html")(evaluation)``.

    Raises:
        KeyError: if no layer provides it.
    """
    return _PROVIDED[name]
