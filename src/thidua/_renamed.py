"""Old public names kept, with a warning, after a rename."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

__all__ = ["renamed"]


def renamed(module: str, namespace: Mapping[str, Any], names: Mapping[str, str], name: str) -> Any:
    """The object an old *name* of *module* now has under its new name, with a :class:`DeprecationWarning`.

    For a module's ``__getattr__`` (PEP 562): *names* maps old names to new ones,
    *namespace* is the module's ``globals()``.

    Raises:
        AttributeError: if *name* is no old name either.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     renamed("thidua.demo", {"new": 1}, {"old": "new"}, "old"), str(seen[0].message)
    (1, 'thidua.demo.old is deprecated: it is now thidua.demo.new (the old name will be removed)')

    .. versionadded:: 0.1.0
    """
    new = names.get(name)
    if new is None:
        msg = f"module {module!r} has no attribute {name!r}"
        raise AttributeError(msg)
    warnings.warn(
        f"{module}.{name} is deprecated: it is now {module}.{new} (the old name will be removed)",
        DeprecationWarning,
        stacklevel=3,
    )
    return namespace[new]
