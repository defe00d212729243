"""Charts: the figure has the bars, labels and cells expected (no image comparison).

Expected values are worked out by hand from the An Minh 2022 sample data
(tests/seeds.py); see tests/tables/test_tables.py for the arithmetic of the scores.
"""

from __future__ import annotations

import sys
from fractions import Fraction

import pytest
from matplotlib.figure import Figure

import engine_builders as b
import thidua
from problem_text import raises_en
from thidua import model as m
from thidua import plot
from thidua.l10n import label


@pytest.fixture(scope="module")
def ev(an_minh, an_minh_results):
    return thidua.evaluate(an_minh, an_minh_results)


def _ticks(labels):
    return [t.get_text() for t in labels]


class TestRanking:
    def test_bars_are_the_totals_in_rank_order(self, ev):
        fig = plot.ranking(ev, "cum-2")
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        # 99, 96, 94 (tie), 94 (tie), 82, 72: see tests/tables.
        assert [bar.get_width() for bar in ax.patches] == [99, 96, 94, 94, 82, 72]
        assert _ticks(ax.get_yticklabels()) == [
            "1. Thị trấn Thứ Mười Một",
            "2. Xã Đông Thạnh",
            "3. Xã Đông Hòa",
            "3. Xã Tân Thạnh",
            "5. Xã Thuận Hòa",
            "6. Xã Đông Hưng",
        ]
        assert ax.yaxis_inverted()  # rank 1 on top

    def test_exact_scores_are_drawn_and_written_rounded_for_display(self, ev):
        ax = plot.ranking(ev, "cum-1").axes[0]
        widths = [bar.get_width() for bar in ax.patches]
        assert Fraction(899_999_999, 10_000_000) in widths  # Vân Khánh Tây, not rounded to 90
        texts = [t.get_text().strip() for t in ax.texts]
        # 98, 93, 90, then Vân Khánh Tây's 89.9999999 written in full (not "90": it is rated htt), 76.5
        assert texts == ["98", "93", "90", "89,9999999", "76,5"]

    def test_the_nominal_maximum_is_a_line(self, ev):
        ax = plot.ranking(ev, "cum-1", locale="en").axes[0]
        assert len(ax.lines) == 1
        assert list(ax.lines[0].get_xdata()) == [100, 100]
        assert ax.lines[0].get_label() == "Maximum 100 points"
        assert ax.get_xlim()[1] > 100

    def test_titles_in_both_languages_say_sample(self, ev):
        vi = plot.ranking(ev, "cum-1").axes[0].get_title()
        en = plot.ranking(ev, "cum-1", locale="en").axes[0].get_title()
        assert vi.startswith("Xếp hạng Cụm thi đua số 1 năm 2022")
        assert label("Sample data — not real results", "vi") in vi
        assert en.startswith("Ranking of Cụm thi đua số 1, 2022")
        assert "Sample data — not real results" in en

    def test_english_names_come_from_the_campaign(self, ev, an_minh):
        en = plot.ranking(ev, "cum-1", campaign=an_minh, locale="en").axes[0].get_title()
        assert en.startswith("Ranking of Emulation cluster no. 1, 2022")

    def test_unknown_cluster(self, ev):
        with pytest.raises(KeyError):
            plot.ranking(ev, "cum-9")

    def test_unsupported_locale(self, ev):
        with pytest.raises(thidua.LocaleError):
            plot.ranking(ev, "cum-1", locale="fr")


class TestAttainment:
    def test_cells_are_statuses_units_by_targets(self, ev):
        units = ["xa-van-khanh-tay", "xa-dong-hung", "xa-van-khanh"]
        ax = plot.attainment(ev, units=units).axes[0]
        # Columns in agreement order: fund, 80% good, of which 30% excellent, none weak.
        # Vân Khánh Tây: fund 1 VND short ✗, 8/10 ✓, 3/10 ✓, one weak ✗.
        # Đông Hưng: 80M of 100M ✗, 6/9 = 66.7% ✗, 2/9 = 22.2% ✗, none weak ✓.
        # Vân Khánh: 130M ≥ 120M ✓, 9/10 ✓, 4/10 ✓, none weak ✓.
        assert ax.images[0].get_array().tolist() == [[1, 0, 0, 1], [1, 1, 1, 0], [0, 0, 0, 0]]
        assert [t.get_text() for t in ax.texts] == ["✗", "✓", "✓", "✗", "✗", "✗", "✗", "✓", "✓", "✓", "✓", "✓"]
        assert _ticks(ax.get_yticklabels()) == ["Xã Vân Khánh Tây", "Xã Đông Hưng", "Xã Vân Khánh"]
        assert _ticks(ax.get_xticklabels()) == ["quy-vi-nguoi-ngheo", "bctmt-good", "bctmt-excellent", "bctmt-no-weak"]

    def test_columns_take_the_wording_from_the_campaign(self, ev, an_minh):
        ax = plot.attainment(ev, units=["xa-van-khanh"], campaign=an_minh, locale="en").axes[0]
        labels = [t.replace("\n", " ") for t in _ticks(ax.get_xticklabels())]
        assert labels[0] == "The fund for the poor reaches its assigned quota"
        # the legend sits below the axes, in the figure
        legend = [t.get_text() for t in ax.figure.legends[0].get_texts()]
        assert legend == ["Met", "Not met", "Excluded", "Not applicable"]

    def test_all_units_by_default(self, ev):
        ax = plot.attainment(ev).axes[0]
        assert len(ax.images[0].get_array()) == 11

    def test_excluded_and_absent_targets_have_their_own_codes(self):
        # xa-b reports no fund figure and the target excludes it; xa-a has no such target (not a signatory).
        target = m.CountTarget("mo-hinh", "Mô hình", "models", 1, missing="exclude")
        campaign = b.make_campaign(communes=("xa-a", "xa-b", "xa-c"), targets=(target,), signatories=("xa-b", "xa-c"))
        results = b.make_results(
            [
                b.row("xa-a", rating="htt"),
                b.row("xa-b", rating="htt"),
                b.row("xa-c", rating="htt", measures={"models": 2}),
            ]
        )
        ev = thidua.evaluate(campaign, results)
        ax = plot.attainment(ev, units=["xa-a", "xa-b", "xa-c"]).axes[0]
        assert ax.images[0].get_array().tolist() == [[3], [2], [0]]
        assert [t.get_text() for t in ax.texts] == ["", "–", "✓"]


class TestYearOnYear:
    def test_one_line_per_pair_and_lineage_followed(self):
        # 2024: xa-a 80, xa-b 70, xa-c 95; 2025: xa-a 85, xa-b and xa-c merged into xa-bc, 90
        before, after = b.merger_years()
        ax = plot.year_on_year(before, after).axes[0]
        assert [line.get_label() for line in ax.lines] == ["xa-a → xa-a", "xa-b → xa-bc", "xa-c → xa-bc"]
        assert [list(line.get_ydata()) for line in ax.lines] == [[80, 85], [70, 90], [95, 90]]
        assert _ticks(ax.get_xticklabels()) == ["2024", "2025"]
        # the merged unit is named once on the right
        right = [t.get_text().strip() for t in ax.texts if t.xy[0] == 1]
        assert right == ["Xã A", "Xã BC"]
        ranks = plot.year_on_year(before, after, value="rank").axes[0]
        assert [list(line.get_ydata()) for line in ranks.lines] == [[2, 2], [3, 1], [1, 1]]
        assert ranks.yaxis_inverted()

    def test_unknown_value(self, ev):
        with raises_en(ValueError, "unknown value 'points'"):
            plot.year_on_year(ev, ev, value="points")

    def test_title(self, ev):
        assert plot.year_on_year(ev, ev, locale="en").axes[0].get_title().startswith("2022 compared with 2022")


def test_no_pyplot_state_is_touched(ev):
    assert "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()
    plot.ranking(ev, "cum-1")
    plot.attainment(ev)
    assert "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()


def test_without_matplotlib_the_message_names_the_extra(ev, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with raises_en(ImportError, r"pip install 'thidua\[plot\]'"):
        plot.ranking(ev, "cum-1")
