"""Shared fixtures, Hypothesis profiles, and which thidua is under test.

With ``THIDUA_TEST_INSTALLED=wheel`` (set by ``scripts/test.sh`` for its run
against the built wheel) the session refuses to start unless ``thidua`` is
imported from the environment's site-packages, never from ``src/``: a file
missing from the wheel must fail the tests, not be found in the tree.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import distributions

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fast", max_examples=15, deadline=None)
settings.register_profile("thorough", max_examples=500, deadline=None)
# scripts/mutation.py: the same examples for every mutant, so that a mutant is killed or not whatever the
# run, and fewer of them (a surviving mutant runs every test that reaches it; docs/testing.md)
settings.register_profile(
    "mutation",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure():
    expected = os.environ.get("THIDUA_TEST_INSTALLED")
    if expected is None:
        return
    found = distributions.installed_from()
    if found != expected:
        import thidua

        msg = f"THIDUA_TEST_INSTALLED={expected} but thidua is imported from {thidua.__file__} ({found})"
        raise pytest.UsageError(msg)


@pytest.fixture(scope="session")
def an_minh():
    """The An Minh 2022 campaign, built in Python (tests/seeds.py)."""
    import seeds

    return seeds.an_minh_campaign()


@pytest.fixture(scope="session")
def an_minh_results():
    """The An Minh 2022 sample results, built in Python."""
    import seeds

    return seeds.an_minh_results()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The sdist and the wheel under test: ``$THIDUA_DIST`` (scripts/test.sh), else built now."""
    return distributions.find_or_build(tmp_path_factory.mktemp("dist"))
