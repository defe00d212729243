"""The public API: every ``__all__`` is sorted, importable and free of private names; the core stays light."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest

from problem_text import raises_en

PUBLIC_MODULES = [
    "thidua",
    "thidua.model",
    "thidua.io",
    "thidua.engine",
    "thidua.formula",
    "thidua.papers",
    "thidua.errors",
    "thidua.examples",
    "thidua.testing",
    "thidua.testing.strategies",
]
#: Optional extras that ``import thidua`` must not import.
EXTRAS = ("yaml", "openpyxl", "pandas", "hypothesis", "matplotlib", "docx")


def isort_key(name):
    """The order of ruff's RUF022 (isort-style): CONSTANTS, then Classes, then the rest; digits naturally."""
    if name.isupper() or (name.upper() == name and any(c.isalpha() for c in name)):
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    return group, [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def test_isort_key_matches_ruff():
    names = [
        "load",
        "Campaign",
        "SCHEMA_VERSION",
        "__version__",
        "DOCUMENT_TYPES",
        "Document",
        "dump",
        "Unit2",
        "Unit10",
    ]
    assert sorted(names, key=isort_key) == [
        "DOCUMENT_TYPES",
        "SCHEMA_VERSION",
        "Campaign",
        "Document",
        "Unit2",
        "Unit10",
        "__version__",
        "dump",
        "load",
    ]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_all_is_sorted(module_name):
    names = importlib.import_module(module_name).__all__
    assert list(names) == sorted(names, key=isort_key)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_all_is_importable(module_name):
    module = importlib.import_module(module_name)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    namespace: dict[str, object] = {}
    exec(f"from {module_name} import *", namespace)  # noqa: S102 - the statement users write
    assert set(module.__all__) <= set(namespace)


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_all_has_no_private_names(module_name):
    for name in importlib.import_module(module_name).__all__:
        dunder = name.startswith("__") and name.endswith("__")
        assert dunder or not name.startswith("_"), name


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_names_are_documented(module_name):
    module = importlib.import_module(module_name)
    assert module.__doc__
    for name in module.__all__:
        obj = getattr(module, name)
        if callable(obj) and not isinstance(obj, type(importlib)):
            assert getattr(obj, "__doc__", None), f"{module_name}.{name}"


def test_the_core_does_not_import_the_extras():
    code = f"import thidua, sys; print(sorted(m for m in sys.modules if m.split('.')[0] in {set(EXTRAS)!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "[]"


def test_import_thidua_leaves_slow_modules_until_they_are_needed():
    # each of these costs milliseconds at start-up; they are imported where they are used
    slow = ["dateutil.parser", "hashlib", "importlib.resources", "tempfile", "tomllib"]
    code = f"import thidua, sys; print(sorted(m for m in {slow!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "[]"
    code = (
        "import thidua, sys; thidua.load(thidua.examples.path(thidua.examples.DEFAULT));"
        " thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results()).fingerprint;"
        f" print(sorted(m for m in {slow!r} if m in sys.modules))"
    )
    # reading the bundled files uses importlib.resources, which imports tempfile itself
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "['dateutil.parser', 'hashlib', 'importlib.resources', 'tempfile']", out.stderr


def test_the_engine_and_the_formats_load_on_first_use():
    code = (
        "import sys, thidua;"
        "print(sorted(m for m in ('thidua.engine', 'thidua.io', 'cattrs') if m in sys.modules));"
        "ev = thidua.evaluate(thidua.examples.load_campaign(), thidua.examples.load_results());"
        "print(ev.unit('xa-van-khanh-tay').rating.grade, thidua.engine.Session.__name__,"
        " thidua.io.load is thidua.load);"
        "print('evaluate' in dir(thidua), 'engine' in dir(thidua))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.split("\n")[:3] == ["[]", "htt Session True", "True True"], out.stderr


def test_an_unknown_attribute_of_thidua_is_an_attribute_error():
    import thidua

    with raises_en(AttributeError, "no attribute 'evalute'"):
        thidua.evalute  # noqa: B018 - the access is the test


def test_thidua_testing_does_not_import_hypothesis():
    code = "import thidua.testing, sys; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "False"


def test_the_extras_are_declared():
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    core = {re.split(r"[<>=!~ \[]", d)[0].lower() for d in project["dependencies"]}
    assert core == {"attrs", "babel", "cattrs", "python-dateutil"}
    extras = project["optional-dependencies"]
    assert any(d.startswith("hypothesis") for d in extras["testing"])
    assert "testing" in extras["all"][0]
