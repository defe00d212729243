"""Sweeps: one value of a campaign over a range, every step exact.

The An Minh counts (front work committees rated good or better, of all, by commune) used below:
Vân Khánh Tây 8/10, Vân Khánh 9/10, Vân Khánh Đông 7/8, Đông Hưng A 7/9, Đông Hưng B 8/8,
Đông Thạnh 9/11, Đông Hòa 9/10, Thuận Hòa 7/9, Tân Thạnh 8/9, Đông Hưng 6/9, Thứ Mười Một 10/11.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import thidua
from problem_text import en
from thidua import synth
from thidua.notebook import Sweep, diff, sweep, value_range


def test_value_range_is_exact():
    values = value_range("60%", "100%", "1%")
    assert len(values) == 41
    assert values[20] == Fraction(4, 5)
    assert value_range("1/3", "1", "1/3") == (Fraction(1, 3), Fraction(2, 3), Fraction(1))
    assert value_range(10, 9, 1) == ()
    with pytest.raises(thidua.DataError) as exc:
        value_range(0.6, "100%", 0)
    assert en(exc.value.problems)[0].startswith("start: 0.6 is a binary float")
    with pytest.raises(thidua.DataError) as exc:
        value_range("0", "1", "0")
    assert exc.value.codes == ["sweep-step"]
    with pytest.raises(thidua.DataError) as exc:
        value_range("0", "1", "1/2000")
    assert exc.value.codes == ["sweep-too-many"]


def test_the_good_or_better_threshold_of_an_minh(an_minh, an_minh_results):
    s = sweep(an_minh, an_minh_results, "targets.bctmt-good.at_least", value_range("60%", "100%", "5%"))
    assert isinstance(s, Sweep)
    assert s.incremental
    assert repr(s) == "<Sweep targets.bctmt-good.at_least: 9 values, 0.6 to 1>"
    table = [(str(x.value), x.met, x.subjects, x.became_met, x.became_not_met) for x in s.steps]
    assert table == [
        # from the agreement's 80% down to 60%: Đông Hưng A, Thuận Hòa (77.8%) and Đông Hưng (66.7%) meet it
        ("3/5", 11, 11, ("xa-dong-hung", "xa-dong-hung-a", "xa-thuan-hoa"), ()),
        ("13/20", 11, 11, (), ()),
        ("7/10", 10, 11, (), ("xa-dong-hung",)),
        ("3/4", 10, 11, (), ()),
        ("4/5", 8, 11, (), ("xa-dong-hung-a", "xa-thuan-hoa")),
        ("17/20", 6, 11, (), ("xa-dong-thanh", "xa-van-khanh-tay")),  # 81.8%, 80%
        ("9/10", 4, 11, (), ("xa-tan-thanh", "xa-van-khanh-dong")),  # 88.9%, 87.5%
        ("19/20", 1, 11, (), ("tt-thu-muoi-mot", "xa-dong-hoa", "xa-van-khanh")),  # 90.9%, 90%, 90%
        ("1", 1, 11, (), ()),  # Đông Hưng B: 8 of 8
    ]
    # The quota effect: at 95% Vân Khánh and Thứ Mười Một lose the 10 points of "80% met" and the
    # htxs that needs every target: neither keeps its emulation flag.
    assert [x.granted.get("co-thi-dua", 0) for x in s.steps] == [2, 2, 2, 2, 2, 2, 2, 0, 0]
    assert [x.eligible.get("co-thi-dua", 0) for x in s.steps] == [2, 2, 2, 2, 2, 2, 2, 0, 0]


def test_every_step_equals_a_full_evaluation(an_minh, an_minh_results):
    s = sweep(an_minh, an_minh_results, "targets.bctmt-good.at_least", value_range("60%", "100%", "2%"))
    previous = thidua.evaluate(an_minh, an_minh_results)
    for i, step in enumerate(s.steps):
        ev = s.evaluation(i)
        assert step.changes == diff(previous, ev), step.value
        previous = ev
    whole = sweep(
        an_minh, an_minh_results, "targets.bctmt-good.at_least", value_range("60%", "100%", "2%"), incremental=False
    )
    assert not whole.incremental
    assert whole.steps == s.steps


@pytest.mark.parametrize(
    ("name", "parameter", "values"),
    [
        ("an-minh-2022", "targets.bctmt-excellent.at_least", value_range("0", "1", "1/10")),
        ("an-minh-2022", "targets.commune-good.at_least", value_range("1/2", "1", "1/10")),
        ("an-minh-2022", "targets.bctmt-good.grade", ["htxs", "htt", "ht", "kht"]),
        ("an-minh-2022", "targets.bctmt-good.missing", ["not_met", "exclude", "error"]),
        ("an-minh-2022", "awards.giay-khen.quota.share", value_range("0", "1", "1/5")),
        ("son-tay-2024", "targets.nguoi-tot-viec-tot.at_least", [0, 1, 2, 3, 4, 5, 6]),  # caps in clusters
        (
            "son-tay-2024",
            "targets.gia-dinh-van-hoa.formula",
            ["cultural_households / households >= 80%", "households >= 0"],
        ),
        ("thanh-xuan-2020", "targets.hoat-dong-phoi-hop.at_least", [0, 2, 4, 6]),  # with history
        ("ha-noi-cum-3-2024", "targets.mttq-xa-htt.at_least", value_range("0", "1", "1/8")),
        ("ninh-thuan-khoi-2024", "targets.to-chuc-ht-tro-len.at_least", value_range("1/2", "1", "1/4")),
    ],
)
def test_incremental_and_whole_sweeps_agree(name, parameter, values):
    from thidua import examples

    campaign, results = examples.load_campaign(name), examples.load_results(name)
    history = examples.load_history(name)
    a = sweep(campaign, results, parameter, values, history=history)
    b = sweep(campaign, results, parameter, values, history=history, incremental=False)
    assert a.steps == b.steps
    previous = thidua.evaluate(campaign, results, history=history)
    for i, step in enumerate(a.steps):
        ev = a.evaluation(i)
        assert step.changes == diff(previous, ev)
        previous = ev


def test_a_national_sweep_in_two_provinces():
    campaign, results, _ = synth.generate_national(provinces=["12", "46"])
    values = value_range("60%", "100%", "1%")
    s = sweep(campaign, results, "targets.bctmt-good.at_least", values)
    assert s.incremental
    assert len(s.steps) == 41
    assert s.steps == sweep(campaign, results, "targets.bctmt-good.at_least", values, incremental=False).steps
    # as the bar rises, units only stop meeting it
    assert all(not x.became_met for x in s.steps[1:])
    assert [x.met for x in s.steps] == sorted((x.met for x in s.steps), reverse=True)


def test_bad_parameters_and_values(an_minh, an_minh_results):
    with pytest.raises(thidua.DataError) as exc:
        sweep(an_minh, an_minh_results, "targets.khong-co.at_least", ["50%"])
    assert exc.value.codes == ["no-such-target"]
    with pytest.raises(thidua.DataError) as exc:
        sweep(an_minh, an_minh_results, "targets.bctmt-good.at_least", ["50%", "150%", 0.5])
    assert [p.path for p in exc.value.problems] == [
        "values[1].agreements[0].content_areas[7].targets[0].at_least",
        "values[2].agreements[0].content_areas[7].targets[0].at_least",
    ]
    assert exc.value.codes == ["share-out-of-range", "float-not-allowed"]
    with pytest.raises(thidua.DataError) as exc:
        sweep(an_minh, an_minh_results, "targets.bctmt-good.at_least", [])
    assert exc.value.codes == ["sweep-no-values"]


def test_table_and_plot(an_minh, an_minh_results):
    s = sweep(an_minh, an_minh_results, "targets.bctmt-good.at_least", value_range("70%", "90%", "10%"))
    rows = s.records()
    assert [r["value"] for r in rows] == [Fraction(7, 10), Fraction(4, 5), Fraction(9, 10)]
    assert rows[1]["became_not_met"] == "xa-dong-hung-a, xa-thuan-hoa"
    assert rows[0]["granted:co-thi-dua"] == 2
    assert {k for k in rows[0] if k.startswith("grade:")} == {"grade:htt", "grade:htxs"}
    df = s.to_pandas()
    assert set(df.dtypes.astype(str)) == {"object"}
    fig = s.plot(locale="en")
    top, bottom = fig.axes
    assert top.get_ylabel() == "Units meeting the target"
    title = " ".join(fig._suptitle.get_text().split())  # the title wraps
    assert title.startswith(
        "“Front work committees of hamlets and quarters completing their tasks well or better”: threshold"
    )
    assert [float(y) for y in top.lines[0].get_ydata()] == [10, 8, 4]
    assert bottom.get_legend() is not None
    assert bottom.get_xlabel() == "Threshold (%)"
    import io

    fig.savefig(io.BytesIO(), format="png")
    vi = s.plot().axes[0].get_ylabel()
    assert vi == "Số đơn vị đạt chỉ tiêu"
    html = s._repr_html_()
    assert "Xã Đông Hưng A" in html
    assert "80%" in html
