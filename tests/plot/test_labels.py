"""No chart label overlaps another or leaves the figure, whatever the size of the campaign.

Every text matplotlib draws (titles, axis labels, tick labels in view, annotations, legend
entries) is laid out by the Agg renderer and its box compared with every other and with the
figure's, for each chart of each bundled campaign and of a generated province of the national
case (126 communes: more than :data:`thidua.plot.MAX_LABELLED_ROWS`, so drawn without names).
"""

from __future__ import annotations

import itertools

import pytest

pytest.importorskip("matplotlib")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import thidua
from thidua import plot, synth

BUNDLED = ["an-minh-2022", "ha-noi-cum-3-2024", "ninh-thuan-khoi-2024", "son-tay-2024", "thanh-xuan-2020"]


def drawn_texts(fig):
    """Every text the renderer draws, with its box in pixels (tick labels outside the view are not drawn)."""
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    hidden = set()
    for ax in fig.axes:
        for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden |= {id(tick.label1), id(tick.label2)}
    renderer = fig.canvas.get_renderer()
    # Text.get_window_extent: the text alone (an Annotation's own method adds its arrow)
    return [
        (t.get_text(), Text.get_window_extent(t, renderer))
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden
    ]


def label_problems(fig, tolerance=0.5):
    """Texts that leave the figure, and pairs of texts that overlap (by more than *tolerance* pixels)."""
    texts = drawn_texts(fig)
    box = fig.bbox
    out = [
        ("outside", text)
        for text, b in texts
        if b.x0 < box.x0 - tolerance
        or b.y0 < box.y0 - tolerance
        or b.x1 > box.x1 + tolerance
        or b.y1 > box.y1 + tolerance
    ]
    for (a, ba), (b, bb) in itertools.combinations(texts, 2):
        width = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        height = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        if width > tolerance and height > tolerance:
            out.append(("overlap", a, b))
    return out


def test_the_check_finds_overlaps_and_texts_outside():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, "Xã Vân Khánh Tây")
    ax.text(0.52, 0.5, "Xã Đông Hưng")
    ax.text(1.5, 0.5, "far to the right", transform=ax.transAxes)
    found = label_problems(fig)
    assert ("overlap", "Xã Vân Khánh Tây", "Xã Đông Hưng") in found
    assert ("outside", "far to the right") in found


def charts(campaign, ev):
    yield "attainment", plot.attainment(ev, campaign=campaign)
    yield "attainment en", plot.attainment(ev, campaign=campaign, locale="en")
    yield "year on year, rank", plot.year_on_year(ev, ev, value="rank", campaign=campaign)
    yield "year on year, score", plot.year_on_year(ev, ev, campaign=campaign)
    for ce in ev.clusters:
        yield f"ranking {ce.cluster}", plot.ranking(ev, ce.cluster, campaign=campaign)


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_campaigns(name):
    campaign = thidua.examples.load_campaign(name)
    history = thidua.examples.load_history(name) if name == "thanh-xuan-2020" else None
    ev = thidua.evaluate(campaign, thidua.examples.load_results(name), history=history)
    for chart, fig in charts(campaign, ev):
        assert label_problems(fig) == [], (name, chart)


@pytest.fixture(scope="module")
def province():
    campaign, results, _history = synth.generate_national(seed=0, provinces=["01"])
    return campaign, thidua.evaluate(campaign, results)


def test_a_province_of_the_national_case(province):
    campaign, ev = province
    assert len(ev.units) > plot.MAX_LABELLED_ROWS
    for chart, fig in charts(campaign, ev):
        assert label_problems(fig) == [], chart
    # the units are drawn, without their names
    fig = plot.attainment(ev, campaign=campaign)
    assert fig.axes[0].get_yticks().tolist() == []
    assert fig.axes[0].get_ylabel().startswith("126 đơn vị")


def test_as_many_units_as_are_named(province):
    campaign, ev = province
    units = [u.unit for u in ev.units[: plot.MAX_LABELLED_ROWS]]
    fig = plot.attainment(ev, units=units, campaign=campaign)
    assert len(fig.axes[0].get_yticklabels()) == plot.MAX_LABELLED_ROWS
    assert label_problems(fig) == []
