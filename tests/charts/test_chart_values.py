"""Each chart, in both languages, plots the calculator's own numbers: series points,
break-even and halving marks, bar sizes and labelled shares."""

from __future__ import annotations

import numpy as np
import pytest

from bot.charts import NotChartable, chart_figure, is_chartable
from bot.charts.numbers import money, percent
from tests.charts.cases import CASES
from tools.registry import run

LANGS = ("en", "ar")


def artist(fig, gid):
    found = [a for a in fig.axes[0].get_children() if a.get_gid() == gid]
    assert found, f"no artist {gid!r}"
    return found[0]


def bars(fig, gid):
    return [p for p in fig.axes[0].patches if p.get_gid() == gid]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", ["buy_rent_hourly", "buy_rent_monthly"])
def test_buy_vs_rent_marks_the_calculators_break_even_where_the_curves_meet(case, lang):
    tool, params = CASES[case]
    v = run(tool, params).values
    fig, caption = chart_figure(tool, params, lang)
    owning, renting = artist(fig, "owning"), artist(fig, "renting")
    mark = artist(fig, "breakeven")
    breakeven = v["breakeven_hours"] if "breakeven_hours" in v else v["breakeven_months"]
    assert mark.get_xdata()[0] == breakeven
    assert owning.get_ydata()[0] == v["purchase_usd"]
    assert renting.get_ydata()[0] == 0
    x = owning.get_xdata()
    at_mark = np.interp(breakeven, x, owning.get_ydata()), np.interp(breakeven, x, renting.get_ydata())
    assert at_mark[0] == pytest.approx(at_mark[1], rel=1e-9)
    assert mark.get_ydata()[0] == pytest.approx(at_mark[1], rel=1e-9)


@pytest.mark.parametrize("lang", LANGS)
def test_price_decline_points_are_the_calculators_cost_after_each_year(lang):
    tool, params = CASES["decline"]
    v = run(tool, params).values
    fig, _ = chart_figure(tool, params, lang)
    line = artist(fig, "value")
    years, prices = line.get_xdata(), line.get_ydata()
    assert prices[0] == params["cost_usd"]
    for n, price in list(zip(years, prices, strict=True))[1:]:
        assert price == run(tool, {**params, "years": n}).values["cost_after_usd"]
    halving = artist(fig, "halving")
    assert halving.get_xdata()[0] == v["halving_years"]
    assert halving.get_ydata()[0] == params["cost_usd"] / 2
    asked = artist(fig, "asked")
    assert (asked.get_xdata()[0], asked.get_ydata()[0]) == (params["years"], v["cost_after_usd"])
    assert years[-1] > v["halving_years"]


@pytest.mark.parametrize("lang", LANGS)
def test_rate_alone_draws_percent_of_todays_price_with_halving_at_half(lang):
    tool, params = CASES["decline_rate_only"]
    v = run(tool, params).values
    fig, _ = chart_figure(tool, params, lang)
    assert artist(fig, "value").get_ydata()[0] == 100
    halving = artist(fig, "halving")
    assert (halving.get_xdata()[0], halving.get_ydata()[0]) == (v["halving_years"], 50)


@pytest.mark.parametrize("lang", LANGS)
def test_tco_segments_are_the_calculators_yearly_costs_and_label_its_electricity_share(lang):
    tool, params = CASES["tco"]
    v = run(tool, params).values
    fig, caption = chart_figure(tool, params, lang)
    widths = {gid: bars(fig, gid)[0].get_width() for gid in ("capital", "electricity", "other_running")}
    # a stacked bar stores its right edge, so a width comes back to within float rounding
    assert widths == pytest.approx({"capital": v["capex_usd_per_year"], "electricity": v["electricity_usd_per_year"],
                                    "other_running": params["opex_usd_per_year"]}, rel=1e-12)
    assert sum(widths.values()) == pytest.approx(v["tco_usd_per_year"], rel=1e-12)
    share = percent(v["electricity_share_pct"], lang)
    assert share in artist(fig, "electricity_share").get_text()
    assert share in caption


@pytest.mark.parametrize("lang", LANGS)
def test_tco_without_power_has_no_electricity_segment(lang):
    params = {"gpus": 8, "gpu_price_usd": 30_000, "opex_usd_per_month": 2_000, "years": 3}
    v = run("total_cost_of_ownership", params).values
    fig, _ = chart_figure("total_cost_of_ownership", params, lang)
    assert not bars(fig, "electricity")
    assert bars(fig, "running")[0].get_width() == v["opex_usd_per_year"] == 24_000


@pytest.mark.parametrize("lang", LANGS)
def test_rental_lines_are_the_calculator_rerun_for_each_duration_and_gpu_count(lang):
    tool, params = CASES["rental"]
    v = run(tool, params).values
    fig, caption = chart_figure(tool, params, lang)
    for n in (4, 8, 16):
        line = artist(fig, f"gpus_{n}")
        expected = [run(tool, {**params, "gpus": n, "hours": h}).values["cost_usd"] for h in line.get_xdata()]
        assert list(line.get_ydata()) == expected
    mine = artist(fig, "gpus_8")
    assert v["cost_usd"] in list(mine.get_ydata())
    asked = artist(fig, "asked")
    assert (asked.get_xdata()[0], asked.get_ydata()[0]) == (24, v["cost_usd"]) == (24, 480)
    assert money(480, lang) in caption


@pytest.mark.parametrize("lang", LANGS)
def test_training_bars_are_wall_clock_days_from_the_calculator(lang):
    tool, params = CASES["training"]
    v = run(tool, params).values
    fig, _ = chart_figure(tool, params, lang)
    heights = [p.get_height() for p in bars(fig, "days")]
    expected = [run(tool, {**params, "gpus": n}).values["days"] for n in (16, 32, 64, 128, 256)]
    assert heights == expected
    assert heights[2] == v["days"]
    assert money(v["cost_usd"], lang) in artist(fig, "cost").get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_cooling_bars_are_the_two_costs_and_the_saving_is_labelled(lang):
    tool, params = CASES["cooling"]
    v = run(tool, params).values
    fig, caption = chart_figure(tool, params, lang)
    assert bars(fig, "air")[0].get_height() == v["air_cost_usd"]
    assert bars(fig, "liquid")[0].get_height() == v["liquid_cost_usd"]
    label = artist(fig, "saving").get_text()
    assert money(v["savings_usd"], lang) in label
    assert percent(v["savings_pct"], lang) in label


def test_calculations_without_a_chart_are_refused():
    assert not is_chartable("payback", {"capex_usd": 1000, "monthly_net_revenue_usd": 100})
    assert not is_chartable("rental_cost", {"gpus": 8})  # hours and price still missing
    assert not is_chartable("training_compute", {"parameters": 7e9, "tokens": 2e12})  # no GPU: no GPU-hours
    assert not is_chartable(None, {})
    with pytest.raises(NotChartable):
        chart_figure("budget_to_gpu_hours", {"budget_usd": 1000, "price_usd_per_gpu_hour": 2}, "en")


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_case_is_chartable(case):
    tool, params = CASES[case]
    assert is_chartable(tool, params)
