"""Shared fixtures and Hypothesis profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

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
