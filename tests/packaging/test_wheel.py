"""The built wheel and sdist: every file a user needs is in them, nothing else is, and the metadata is right."""

from __future__ import annotations

import configparser
import email.parser
import io
import re
import tarfile
import tomllib
import zipfile
from pathlib import Path, PurePosixPath

import pytest

import thidua
from distributions import ROOT, installed_from

PACKAGE = ROOT / "src" / "thidua"
LANGUAGES = ("en", "vi")
EXAMPLES = {
    "an-minh-2022": ("campaign.json", "results.json"),
    "ha-noi-cum-3-2024": ("campaign.json", "results.json"),
    "ninh-thuan-khoi-2024": ("campaign.json", "results.json"),
    "son-tay-2024": ("campaign.json", "results.json"),
    "thanh-xuan-2020": ("campaign.json", "history.json", "results.json"),
}
UNWANTED = re.compile(r"(^|/)(tests?|\.venv[^/]*|__pycache__|\.git|\.ci|docs|benchmarks|scripts)(/|$)|\.py[cod]$")


@pytest.fixture(scope="module")
def wheel(built):
    with zipfile.ZipFile(built.wheel) as zf:
        yield zf


@pytest.fixture(scope="module")
def members(wheel):
    return set(wheel.namelist())


@pytest.fixture(scope="module")
def dist_info(built):
    name, version = built.wheel.name.split("-")[:2]
    return f"{name}-{version}.dist-info"


@pytest.fixture(scope="module")
def metadata(wheel, dist_info):
    return email.parser.Parser().parsestr(wheel.read(f"{dist_info}/METADATA").decode("utf-8"))


def _source_files() -> set[str]:
    """Every file of the package in the tree, as a wheel names it (no caches, no compiled catalogs)."""
    return {
        "thidua/" + p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".mo"}
    }


def test_the_wheel_is_the_version_under_test(built, metadata):
    assert built.wheel.name == f"thidua-{thidua.__version__}-py3-none-any.whl"
    assert built.sdist.name == f"thidua-{thidua.__version__}.tar.gz"
    assert metadata["Name"] == "thidua"
    assert metadata["Version"] == thidua.__version__


def test_the_wheel_holds_the_package_files_and_the_compiled_catalogs(members, dist_info):
    package = {m for m in members if m.startswith("thidua/")}
    compiled = {f"thidua/l10n/locale/{lang}/LC_MESSAGES/thidua.mo" for lang in LANGUAGES}
    assert package == _source_files() | compiled
    assert {m for m in members if not m.startswith("thidua/")} == {
        f"{dist_info}/METADATA",
        f"{dist_info}/WHEEL",
        f"{dist_info}/RECORD",
        f"{dist_info}/entry_points.txt",
        f"{dist_info}/licenses/LICENSE",
    }


def test_the_package_under_test_has_the_files_of_this_wheel(wheel, members):
    # the wheel checked here is the one installed for the test run (scripts/test.sh), byte for byte;
    # in a source checkout, the tree holds the same files, less the compiled catalogs
    installed = Path(thidua.__file__).resolve().parent
    kind = installed_from()
    expected = {
        m.removeprefix("thidua/")
        for m in members
        if m.startswith("thidua/") and not (kind == "source" and m.endswith(".mo"))
    }
    on_disk = {
        p.relative_to(installed).as_posix()
        for p in installed.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert on_disk == expected
    differing = [name for name in sorted(expected) if (installed / name).read_bytes() != wheel.read(f"thidua/{name}")]
    assert differing == []


def test_the_wheel_holds_what_users_need_by_name(members):
    # named one by one, so that a file removed from the tree too is still missed here
    assert "thidua/py.typed" in members
    assert "thidua/__init__.py" in members
    assert "thidua/__main__.py" in members
    assert "thidua/l10n/locale/messages.pot" in members
    for lang in LANGUAGES:
        assert f"thidua/l10n/locale/{lang}/LC_MESSAGES/thidua.po" in members
        assert f"thidua/l10n/locale/{lang}/LC_MESSAGES/thidua.mo" in members
    for example, files in EXAMPLES.items():
        for name in files:
            assert f"thidua/examples/data/{example}/{name}" in members
    bundled = {PurePosixPath(m).parent.name for m in members if m.startswith("thidua/examples/data/")}
    assert bundled == set(EXAMPLES)
    assert {m for m in members if m.endswith(".json")} == {
        f"thidua/examples/data/{example}/{name}" for example, files in EXAMPLES.items() for name in files
    }
    # each bundled campaign ships its rule tests (pytest --pyargs thidua.examples runs them)
    assert {m for m in members if m.endswith(".yaml")} == {
        f"thidua/examples/data/{example}/test_scenarios.yaml" for example in EXAMPLES
    }


def test_the_wheel_holds_nothing_unwanted(members):
    assert [m for m in members if UNWANTED.search(m)] == []
    assert {m.split("/")[0] for m in members} == {"thidua", f"thidua-{thidua.__version__}.dist-info"}


def test_the_wheel_record_lists_every_file(wheel, members, dist_info):
    recorded = {row.split(",")[0] for row in wheel.read(f"{dist_info}/RECORD").decode("utf-8").splitlines()}
    assert recorded == members


def test_the_entry_points_are_the_command_line_and_the_pytest_plugin(wheel, dist_info):
    entry_points = configparser.ConfigParser()
    entry_points.read_string(wheel.read(f"{dist_info}/entry_points.txt").decode("utf-8"))
    assert entry_points.sections() == ["console_scripts", "pytest11"]
    assert dict(entry_points["console_scripts"]) == {"thidua": "thidua.cli:main"}
    assert dict(entry_points["pytest11"]) == {"thidua": "thidua.testing.pytest_plugin"}
    import thidua.cli
    import thidua.testing.pytest_plugin

    assert callable(thidua.cli.main)
    assert callable(thidua.testing.pytest_plugin.pytest_collect_file)


def test_the_metadata_is_complete(metadata):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert metadata["Summary"] == pyproject["description"]
    assert metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload() == (ROOT / "README.md").read_text(encoding="utf-8")
    classifiers = metadata.get_all("Classifier")
    for wanted in (
        "Natural Language :: Vietnamese",
        "Natural Language :: English",
        "Typing :: Typed",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Programming Language :: Python :: 3 :: Only",
        "Development Status :: 3 - Alpha",
    ):
        assert wanted in classifiers
    # PEP 639: the licence is the expression; "License ::" classifiers are deprecated beside it
    assert [c for c in classifiers if c.startswith("License ::")] == []
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL"))
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    assert all(u.startswith("https://") for u in urls.values())
    assert "thi đua" in metadata["Keywords"].split(",")


def test_the_metadata_requires_exactly_the_core_and_offers_the_extras(metadata):
    requires = metadata.get_all("Requires-Dist")
    core = sorted(r for r in requires if "extra ==" not in r)
    assert core == ["attrs>=23.1", "babel>=2.12", "cattrs>=24.1", "python-dateutil>=2.8"]
    extras = set(metadata.get_all("Provides-Extra"))
    assert {"yaml", "toml", "excel", "pandas", "plot", "provinces", "legacy-units", "schema", "testing"} <= extras
    assert "openpyxl>=3.1; extra == 'excel'" in requires
    assert "pyyaml>=6.0; extra == 'yaml'" in requires
    # the pytest plugin's extra: pytest, and YAML for the scenario files
    assert {"pytest>=8.0; extra == 'testing'", "pyyaml>=6.0; extra == 'testing'"} <= set(requires)


def test_the_version_is_written_once():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/thidua/__init__.py"
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert re.findall(r'^__version__ = "([^"]+)"$', source, flags=re.MULTILINE) == [thidua.__version__]


def test_the_sdist_holds_the_sources_and_no_build_products(built):
    with tarfile.open(built.sdist) as tf:
        names = {PurePosixPath(n) for n in tf.getnames()}
        pkg_info = tf.extractfile(f"thidua-{thidua.__version__}/PKG-INFO")
        assert pkg_info is not None
        sdist_metadata = email.parser.Parser().parse(io.TextIOWrapper(pkg_info, encoding="utf-8"))
    assert {n.parts[0] for n in names} == {f"thidua-{thidua.__version__}"}
    files = {PurePosixPath(*n.parts[1:]).as_posix() for n in names if len(n.parts) > 1}
    for needed in (
        "PKG-INFO",
        "pyproject.toml",
        "hatch_build.py",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "babel.cfg",
        "tests/conftest.py",
        "scripts/test.sh",
        "src/thidua/py.typed",
        *(f"src/thidua/l10n/locale/{lang}/LC_MESSAGES/thidua.po" for lang in LANGUAGES),
    ):
        assert needed in files
    assert [f for f in files if f.endswith(".mo") or "__pycache__" in f or f.startswith((".venv", "dist/"))] == []
    assert sdist_metadata["Version"] == thidua.__version__
