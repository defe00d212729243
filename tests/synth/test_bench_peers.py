"""The benchmark's peers (benchmarks/peers.py) are exact: each agrees with the Fraction oracle, and the
shortcuts they take (floats to sort, 64-bit integers while they fit) never change an answer."""

from __future__ import annotations

import importlib.util
import json
from fractions import Fraction
from pathlib import Path

import pytest

import thidua
from thidua import synth

ROOT = Path(__file__).resolve().parents[2]
np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def peers():
    spec = importlib.util.spec_from_file_location("national_bench", ROOT / "benchmarks" / "national.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.peers


@pytest.mark.parametrize("computed", ["some", "all"])
def test_the_loop_and_exact_pandas_agree_with_the_oracle(peers, computed):
    campaign, results, _ = synth.generate_national(3, provinces=["12", "46"], computed=computed)
    cdoc, rdoc = json.loads(thidua.dumps(campaign)), json.loads(thidua.dumps(results))
    truth = peers.oracle(cdoc, rdoc)
    none = dict.fromkeys(peers.CATEGORIES, 0)
    assert len(truth["awards"]) == 78 * 3
    assert peers.differences(truth, peers.loop_verdicts(peers.python_loop(campaign, results))) == none
    wide = peers.wide_columns(campaign, results)
    answers = peers.pandas_compute(cdoc, wide.scales, peers.pandas_frame(wide))
    assert peers.differences(truth, peers.pandas_verdicts(answers)) == none
    # all 50 criteria over each commune's own plans: the common denominator outgrows 64 bits
    assert answers.object_columns is (computed == "all")


def test_the_loops_level_ranks_order_equal_floats_exactly(peers):
    # 1 + 10**-20 and 1 are the same float; 2 + 2·10**20 over 2·10**20 is 1 + 10**-20 again
    scores = {"a": (10**20 + 1, 10**20), "b": (1, 1), "c": (2 * 10**20 + 2, 2 * 10**20), "d": (2, 1)}
    assert peers._level_ranks(scores) == {"d": 1, "a": 2, "c": 2, "b": 4}


def test_pandas_ranks_order_equal_floats_exactly(peers):
    num = np.array([10**20 + 1, 1, 2 * 10**20 + 2, 2, 5], dtype=object)
    den = np.array([10**20, 1, 2 * 10**20, 1, 5], dtype=object)
    groups = pd.Series(["x", "x", "x", "x", "y"])
    assert peers._exact_ranks(num, den, groups).tolist() == [2, 4, 2, 1, 1]
    assert peers._exact_ranks(num, den, None).tolist() == [2, 4, 2, 1, 4]
    # 64-bit integers: equal fractions written differently tie
    small = peers._exact_ranks(np.array([3, 6, 1]), np.array([9, 18, 2]), None)
    assert small.tolist() == [2, 2, 1]


def test_pandas_sums_move_to_python_integers_before_64_bits_overflow(peers):
    num, den = peers._add(np.array([2**61]), np.array([3]), np.array([1]), np.array([2**61 - 1]))
    assert num.dtype == object
    assert Fraction(int(num[0]), int(den[0])) == Fraction(2**61, 3) + Fraction(1, 2**61 - 1)
    num, den = peers._add(np.array([1]), np.array([2]), np.array([1]), np.array([3]))
    assert num.dtype == np.int64
    assert (int(num[0]), int(den[0])) == (5, 6)
    # 2**40 / (2**40 + 1) against 2**30 / (2**30 + 1): products of 2**70, compared exactly
    assert peers._ge(np.array([2**40]), np.array([2**40 + 1]), 2**30, 2**30 + 1).tolist() == [True]
    assert peers._ge(np.array([2**30]), np.array([2**30 + 1]), 2**40, 2**40 + 1).tolist() == [False]
