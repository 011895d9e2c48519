"""Buy vs rent break-even, TCO over a stated horizon, and stated power used as stated."""

import pytest

from tools.errors import ToolInputError
from tools.registry import run


def out(tool, **params):
    return {q.field: q.value for q in run(tool, params).outputs}


def test_breakeven_hours_is_purchase_over_hourly_rent():
    assert out("buy_vs_rent", gpu_price_usd=30_000, price_usd_per_gpu_hour=2.0)["breakeven_hours"] == 15_000


def test_breakeven_hours_scales_purchase_and_rent_with_gpu_count():
    assert out("buy_vs_rent", gpus=8, gpu_price_usd=30_000, price_usd_per_gpu_hour=2.0)["breakeven_hours"] == 15_000


def test_breakeven_months_subtracts_running_cost_from_monthly_rent():
    o = out("buy_vs_rent", capex_usd=250_000, opex_usd_per_month=3_000, rent_usd_per_month=20_000)
    assert o["breakeven_months"] == pytest.approx(250_000 / 17_000)


def test_running_cost_above_rent_never_breaks_even():
    with pytest.raises(ToolInputError, match="never"):
        run("buy_vs_rent", {"capex_usd": 100_000, "opex_usd_per_month": 5_000, "rent_usd_per_month": 4_000})


def test_missing_purchase_price_is_asked_for():
    with pytest.raises(ToolInputError) as err:
        run("buy_vs_rent", {"price_usd_per_gpu_hour": 2.0})
    assert err.value.missing
    assert err.value.field == "gpu_price_usd"


def test_tco_over_a_horizon_with_monthly_running_cost():
    o = out("total_cost_of_ownership", gpus=8, gpu_price_usd=30_000, opex_usd_per_month=2_000, years=3)
    assert o["total_cost_usd"] == pytest.approx(240_000 + 2_000 * 36)


def test_tco_with_running_cost_and_no_power_has_no_electricity_line():
    o = out("total_cost_of_ownership", gpus=8, gpu_price_usd=30_000, opex_usd_per_month=2_000, years=3)
    assert "electricity_usd_per_year" not in o


def test_stated_watts_are_used_as_stated():
    o = out("electricity_cost", gpus=1000, power_watts_per_gpu=700, pue=1.3, price_usd_per_kwh=0.10, hours=8760)
    assert o["cost_usd"] == pytest.approx(797_160)


def test_named_gpu_power_gets_server_factors_and_shows_board_only_figure():
    o = out("electricity_cost", gpus=1000, gpu="h100", pue=1.3, price_usd_per_kwh=0.10, hours=8760)
    assert o["cost_usd"] == pytest.approx(797_160 * 1.82 * 0.75)


def test_named_gpu_reply_also_shows_the_board_power_figure():
    o = out("electricity_cost", gpus=1000, gpu="h100", pue=1.3, price_usd_per_kwh=0.10, hours=8760)
    assert o["board_only_cost_usd"] == pytest.approx(797_160)


def test_the_formula_shown_for_stated_watts_has_no_server_factor():
    r = run("electricity_cost", {"gpus": 10, "power_watts_per_gpu": 700, "pue": 1.3, "price_usd_per_kwh": 0.1,
                                 "hours": 100})
    assert "server factor" not in r.formula_en
