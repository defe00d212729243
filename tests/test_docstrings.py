"""Every public class and function has a runnable ``>>>`` example in its own docstring.

The examples themselves run as doctests (``--doctest-modules`` over ``src/``);
this test makes sure none is missing, so a new public name without an example
fails here, named ``module.name``.
"""

from __future__ import annotations

import enum
import importlib
import inspect

import pytest

MODULES = [
    "thidua",
    "thidua.admin",
    "thidua.cli",
    "thidua.engine",
    "thidua.errors",
    "thidua.examples",
    "thidua.formula",
    "thidua.io",
    "thidua.l10n",
    "thidua.lineage",
    "thidua.model",
    "thidua.notebook",
    "thidua.papers",
    "thidua.plot",
    "thidua.report",
    "thidua.serve",
    "thidua.synth",
    "thidua.tables",
    "thidua.testing",
    "thidua.web",
]


def has_example(obj: object) -> bool:
    """True when *obj*'s own docstring (not one inherited from a base class) has a ``>>>`` line."""
    doc = inspect.cleandoc(getattr(obj, "__doc__", None) or "")
    return any(line.lstrip().startswith(">>>") for line in doc.splitlines())


def public_names():
    out = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                out.append(pytest.param(obj, id=f"{module_name}.{name}"))
    return out


@pytest.mark.parametrize("obj", public_names())
def test_public_name_has_an_example(obj):
    assert has_example(obj), f"{obj.__module__}.{obj.__qualname__}: add a runnable '>>>' example to its docstring"


def test_the_check_sees_a_missing_example():
    class Documented:
        """A class with an example.

        >>> Documented().__class__.__name__
        'Documented'
        """

    class Undocumented(Documented):
        pass

    class Prose(enum.StrEnum):
        """Mentions >>> only in prose, not as an example line."""

        A = "a"

    def bare():
        """No example here."""

    assert has_example(Documented)
    # a docstring inherited from a base class does not count
    assert not has_example(Undocumented)
    assert not has_example(Prose)
    assert not has_example(bare)


def test_every_module_is_listed():
    # the list above names every public subpackage or module of thidua
    import pkgutil

    import thidua

    found = {f"thidua.{m.name}" for m in pkgutil.iter_modules(thidua.__path__) if not m.name.startswith("_")}
    assert found <= set(MODULES)
