"""The documentation's examples run: the developer guide's doctests, the guide's
example files, and the tutorial notebook's structure (the docs build executes it)."""

from __future__ import annotations

import doctest
import json
from fractions import Fraction
from pathlib import Path

import pytest

import thidua
from thidua import tables

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("page", sorted(p.name for p in (DOCS / "guide").glob("*.md")))
def test_developer_guide_examples_run(page):
    result = doctest.testfile(
        str(DOCS / "guide" / page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    assert result.failed == 0


def test_every_guide_page_with_python_has_examples():
    pages = [p for p in (DOCS / "guide").glob("*.md") if "```python" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 6
    for p in pages:
        assert ">>> " in p.read_text(encoding="utf-8"), p.name


@pytest.fixture(scope="module")
def example():
    campaign = thidua.load(DOCS / "huong-dan" / "vi-du" / "phong-trao.yaml", expected="campaign")
    results = thidua.load(DOCS / "huong-dan" / "vi-du" / "ket-qua.yaml", expected="results", campaign=campaign)
    return campaign, results


def test_the_vietnamese_guide_example_gives_the_table_of_the_guide(example):
    campaign, results = example
    assert campaign.sample
    assert results.sample
    ev = thidua.evaluate(campaign, results)
    units = {r["unit"]: r for r in tables.records(ev, "units")}
    # Xã An: 46 assessed + 20 × min(1, 120/100) + 30 (8/10 good or better) = 96, every target met → htxs, flag.
    # Xã Bình: 45 → 43 after review, + 20 × 95/100 = 19, + 30 (8/8) = 92; of which excellent 2/8 = 25% < 30%
    #   and the fund 5,000,000 short → htxs needs every target: htt; Giấy khen (50% of 3 → 1 place).
    # Xã Hòa: 40 + 20 + 0 (5/8 = 62.5% < 80%) = 60 → ht.
    assert [(u, units[u]["score"], units[u]["grade"], units[u]["rank"], units[u]["awards"]) for u in units] == [
        ("xa-an", Fraction(96), "htxs", 1, ("co-thi-dua",)),
        ("xa-binh", Fraction(92), "htt", 2, ("giay-khen",)),
        ("xa-hoa", Fraction(60), "ht", 3, ()),
    ]
    targets = {(r["subject"], r["target"]): r for r in tables.records(ev, "targets")}
    # "trong đó" over the parent's base: An 3 of its 8 good ones, Bình 2 of 8, Hòa 1 of 5.
    assert [
        (targets[(u, "bctmt-xuat-sac")]["numerator"], targets[(u, "bctmt-xuat-sac")]["denominator"])
        for u in ("xa-an", "xa-binh", "xa-hoa")
    ] == [(3, 8), (2, 8), (1, 5)]
    assert targets[("xa-hoa", "bctmt-khong-yeu")]["numerator"] == 1
    assert targets[("xa-binh", "quy-vi-nguoi-ngheo")]["shortfall"] == 5_000_000


def test_the_guide_examples_are_the_files_it_includes():
    text = (DOCS / "huong-dan" / "tep-phong-trao.md").read_text(encoding="utf-8")
    assert "```{literalinclude} vi-du/phong-trao.yaml" in text
    text = (DOCS / "huong-dan" / "nhap-ket-qua.md").read_text(encoding="utf-8")
    assert "```{literalinclude} vi-du/ket-qua.yaml" in text


def test_the_tutorial_notebook_is_clean_and_uses_the_python3_kernel():
    nb = json.loads((DOCS / "tutorial" / "an-minh-2022.ipynb").read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert len(code) >= 10
    # outputs are produced by the docs build (myst-nb, execution mode "force"), never stored
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    source = "\n".join("".join(c["source"]) for c in code)
    for needed in ("thidua.evaluate(", "explain(", 'locale="en"', "to_pandas(", "plot.", "what_if("):
        assert needed in source
