"""Each calculator: exact results on hand-checked inputs, and its error paths."""

import math

import pytest

from tools.errors import ToolInputError
from tools.registry import TOOLS, missing_fields, run


def test_rental_cost_exact():
    r = run("rental_cost", {"gpus": 8, "hours": 24, "price_usd_per_gpu_hour": 2.5})
    assert r.values["cost_usd"] == pytest.approx(480.0)
    assert r.values["gpu_hours"] == 192
    assert "$480.00" in r.render("en")
    assert "$480.00" in r.render("ar")


def test_rental_discount():
    r = run("rental_cost", {"gpus": 10, "hours": 100, "price_usd_per_gpu_hour": 2.0, "discount_pct": 25})
    assert r.values["cost_usd"] == pytest.approx(1500.0)
    assert r.values["gross_usd"] == pytest.approx(2000.0)


def test_budget_inverse_with_days():
    r = run("budget_to_gpu_hours", {"budget_usd": 10_000, "price_usd_per_gpu_hour": 2.5, "gpus": 8})
    assert r.values["gpu_hours"] == pytest.approx(4000)
    assert r.values["days"] == pytest.approx(4000 / 8 / 24)


def test_training_flops_and_hours_with_catalogue_gpu():
    r = run("training_compute", {"parameters": 7e9, "tokens": 2e12, "gpu": "H100 SXM", "mfu": 0.4,
                                 "gpus": 64, "price_usd_per_gpu_hour": 2})
    flops = 6 * 7e9 * 2e12
    hours = flops / (989e12 * 0.4) / 3600
    assert r.values["flops"] == pytest.approx(flops)
    assert r.values["gpu_hours"] == pytest.approx(hours)
    assert r.values["days"] == pytest.approx(hours / 64 / 24)
    assert r.values["cost_usd"] == pytest.approx(hours * 2)
    assert "8.4 × 10²²" in r.render("en")


def test_training_custom_factor_and_default_noted():
    r = run("training_compute", {"parameters": 1e9, "tokens": 1e9, "flops_per_parameter_token": 8})
    assert r.values["flops"] == pytest.approx(8e18)
    assert not r.assumptions
    r2 = run("training_compute", {"parameters": 1e9, "tokens": 1e9})
    assert [a.field for a in r2.assumptions] == ["flops_per_parameter_token"]


def test_inference_cost_trap_from_published_page():
    # $2.50/h at 50 tokens/s is $13.89 per million tokens, not $0.14
    r = run("inference_cost", {"price_usd_per_gpu_hour": 2.5, "tokens_per_second_per_gpu": 50})
    assert r.values["usd_per_million_tokens"] == pytest.approx(13.888888, rel=1e-6)
    assert "$13.89" in r.render("en")


def test_inference_per_node_and_flops_per_token():
    r = run("inference_cost", {"price_usd_per_gpu_hour": 2, "tokens_per_second_per_gpu": 3600,
                               "gpus_per_replica": 8, "parameters": 70e9})
    assert r.values["usd_per_million_tokens"] == pytest.approx(2 * 8 / (3600 * 3600) * 1e6)
    assert r.values["flops_per_token"] == pytest.approx(140e9)


def test_inference_capacity_rounds_up():
    r = run("inference_capacity", {"tokens_per_day": 1e9, "tokens_per_second_per_gpu": 1000,
                                   "price_usd_per_gpu_hour": 2})
    assert r.values["tokens_per_second"] == pytest.approx(1e9 / 86400)
    assert r.values["gpus"] == 12
    assert r.values["cost_usd_per_day"] == pytest.approx(12 * 24 * 2)


def test_electricity_epoch_model():
    r = run("electricity_cost", {"gpus": 1000, "gpu": "h100", "pue": 1.3, "price_usd_per_kwh": 0.08})
    it_kw = 1000 * 700 * 1.82 * 0.75 / 1000
    assert r.values["it_kw"] == pytest.approx(it_kw)
    assert r.values["energy_kwh"] == pytest.approx(it_kw * 1.3 * 8760)
    assert r.values["cost_usd"] == pytest.approx(it_kw * 1.3 * 8760 * 0.08)
    assert {a.field for a in r.assumptions} == {"server_overhead_factor", "utilisation_share", "hours"}


def test_cooling_comparison_saving():
    r = run("cooling_comparison", {"gpus": 100, "power_watts_per_gpu": 1000, "server_overhead_factor": 1,
                                   "utilisation_share": 1, "pue_air": 1.6, "pue_liquid": 1.1,
                                   "hours": 1000, "price_usd_per_kwh": 0.1})
    assert r.values["air_cost_usd"] == pytest.approx(100 * 1.6 * 1000 * 0.1)
    assert r.values["savings_usd"] == pytest.approx(100 * 0.5 * 1000 * 0.1)
    assert r.values["savings_pct"] == pytest.approx(31.25)


def test_tco_and_break_even():
    params = {"gpus": 8, "gpu_price_usd": 25_000, "power_watts_per_gpu": 700, "server_overhead_factor": 1,
              "utilisation_share": 1, "pue": 1.5, "price_usd_per_kwh": 0.1, "depreciation_years": 4,
              "opex_usd_per_year": 10_000, "utilisation_pct": 50, "price_usd_per_gpu_hour": 2.0}
    r = run("total_cost_of_ownership", params)
    elec = 8 * 0.7 * 1.5 * 8760 * 0.1
    tco = 200_000 / 4 + elec + 10_000
    assert r.values["tco_usd_per_year"] == pytest.approx(tco)
    assert r.values["electricity_share_pct"] == pytest.approx(elec / tco * 100)
    assert r.values["cost_usd_per_gpu_hour"] == pytest.approx(tco / (8 * 8760 * 0.5))
    assert r.values["breakeven_utilisation_pct"] == pytest.approx(tco / (8 * 8760 * 2) * 100)
    monthly_rent = 8 * 8760 * 0.5 * 2 / 12
    assert r.values["breakeven_months"] == pytest.approx(200_000 / (monthly_rent - (elec + 10_000) / 12))


def test_tco_never_breaks_even_is_said():
    r = run("total_cost_of_ownership", {"gpus": 1, "gpu_price_usd": 30_000, "gpu": "h100", "utilisation_pct": 1,
                                        "opex_usd_per_year": 5000, "price_usd_per_gpu_hour": 2})
    assert "breakeven_months" not in r.values
    assert "never breaks even" in r.render("en")


def test_tco_of_hardware_given_as_one_sum():
    # "a $400k cluster plus $6,500 a month over 5 years": no GPU count, no per-GPU price
    r = run("total_cost_of_ownership", {"other_capex_usd": 400_000, "opex_usd_per_month": 6500, "years": 5})
    assert r.values["total_cost_usd"] == pytest.approx(400_000 + 6500 * 12 * 5)


def test_tco_of_one_sum_has_no_cost_per_gpu_hour():
    r = run("total_cost_of_ownership", {"other_capex_usd": 2_400_000, "opex_usd_per_month": 50_000,
                                        "depreciation_years": 6})
    assert "cost_usd_per_gpu_hour" not in r.values


def test_tco_of_one_sum_per_year():
    r = run("total_cost_of_ownership", {"other_capex_usd": 2_400_000, "opex_usd_per_month": 50_000,
                                        "depreciation_years": 6})
    assert r.values["tco_usd_per_year"] == pytest.approx(2_400_000 / 6 + 600_000)


def test_tco_still_asks_for_the_gpu_count_when_a_gpu_price_is_given():
    with pytest.raises(ToolInputError):
        run("total_cost_of_ownership", {"gpu_price_usd": 30_000, "opex_usd_per_month": 2000, "years": 3})


def test_payback_and_roi():
    r = run("payback", {"capex_usd": 120_000, "monthly_net_revenue_usd": 10_000, "horizon_months": 24})
    assert r.values["payback_months"] == pytest.approx(12)
    assert r.values["roi_pct"] == pytest.approx(100)


def test_price_decline_and_halving():
    r = run("price_decline", {"cost_usd": 8, "decline_pct_per_year": 50, "years": 3})
    assert r.values["cost_after_usd"] == pytest.approx(1.0)
    assert r.values["halving_years"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("tool", "params", "field"),
    [
        ("rental_cost", {"gpus": -5, "hours": 1, "price_usd_per_gpu_hour": 2}, "gpus"),
        ("rental_cost", {"gpus": 0, "hours": 1, "price_usd_per_gpu_hour": 2}, "gpus"),
        ("rental_cost", {"gpus": 2e6, "hours": 1, "price_usd_per_gpu_hour": 2}, "gpus"),
        ("rental_cost", {"gpus": 8, "hours": 1, "price_usd_per_gpu_hour": float("nan")}, "price_usd_per_gpu_hour"),
        ("rental_cost", {"gpus": 8, "hours": float("inf"), "price_usd_per_gpu_hour": 2}, "hours"),
        ("rental_cost", {"gpus": 8, "hours": 1, "price_usd_per_gpu_hour": 5000}, "price_usd_per_gpu_hour"),
        ("training_compute", {"parameters": 7e9, "tokens": 1e12, "gpu": "h100", "mfu": 1.5}, "mfu"),
        ("training_compute", {"parameters": 7e9, "tokens": 1e12, "gpu": "h100", "mfu": 0}, "mfu"),
        ("training_compute", {"parameters": 7e9, "tokens": 1e12, "gpu": "tpu9000"}, "gpu"),
        ("electricity_cost", {"gpus": 8, "gpu": "h100", "pue": 0.9}, "pue"),
        ("price_decline", {"cost_usd": 1, "decline_pct_per_year": 100, "years": 1}, "decline_pct_per_year"),
    ],
)
def test_bad_input_is_bilingual_error(tool, params, field):
    with pytest.raises(ToolInputError) as info:
        run(tool, params)
    err = info.value
    assert err.field == field
    assert err.message("en")
    assert err.message("ar") != err.message("en")
    assert any("\u0600" <= ch <= "\u06ff" for ch in err.message("ar"))


@pytest.mark.parametrize(
    ("tool", "params", "expected"),
    [
        ("rental_cost", {"gpus": 8, "hours": 24}, "price_usd_per_gpu_hour"),
        ("rental_cost", {"price_usd_per_gpu_hour": 2, "hours": 24}, "gpus"),
        ("training_compute", {"parameters": 7e9}, "tokens"),
        ("electricity_cost", {"gpus": 8}, "power_watts_per_gpu"),
        ("inference_cost", {"price_usd_per_gpu_hour": 2}, "tokens_per_second_per_gpu"),
        ("payback", {"capex_usd": 1000}, "monthly_net_revenue_usd"),
    ],
)
def test_missing_value_is_named(tool, params, expected):
    assert missing_fields(tool, params) == [expected]
    with pytest.raises(ToolInputError) as info:
        run(tool, params)
    assert info.value.missing


def test_wrong_type_is_a_tool_error():
    with pytest.raises(ToolInputError):
        run("rental_cost", {"gpus": "many", "hours": 1, "price_usd_per_gpu_hour": 1})


def test_every_tool_has_bilingual_description_and_renders():
    for spec in TOOLS.values():
        assert spec.description_en
        assert any("\u0600" <= c <= "\u06ff" for c in spec.description_ar)


def test_results_never_contain_non_finite():
    r = run("training_compute", {"parameters": 1e15, "tokens": 1e17, "gpu": "v100", "mfu": 1e-9,
                                 "gpus": 1, "price_usd_per_gpu_hour": 1000})
    assert all(math.isfinite(v) for v in r.values.values())


def test_every_calculator_has_one_title_per_language():
    from tools.registry import TOOLS
    from tools.titles import TITLES

    assert set(TITLES) == set(TOOLS)
    for en, ar in TITLES.values():
        assert en
        assert ar


def test_every_number_has_its_range_and_description_in_the_llm_tool_schema():
    from tools.langchain_tools import langchain_tools

    for tool in langchain_tools():
        for field, schema in tool.args.items():
            number = next((s for s in schema.get("anyOf", [schema]) if s.get("type") == "number"), None)
            if number is None:  # a GPU name
                continue
            assert schema.get("description"), (tool.name, field)
            assert "maximum" in number, (tool.name, field)
            assert "exclusiveMinimum" in number or "minimum" in number, (tool.name, field)


def test_range_violations_read_as_before():
    from tools.defaults import MAX_GPUS
    from tools.errors import ToolInputError
    from tools.registry import run

    with pytest.raises(ToolInputError) as low:
        run("rental_cost", {"gpus": 0, "hours": 1, "price_usd_per_gpu_hour": 2})
    assert low.value.field == "gpus"
    assert low.value.message_en == "The number of GPUs must be greater than 0 (got 0)."
    with pytest.raises(ToolInputError) as high:
        run("rental_cost", {"gpus": 2 * MAX_GPUS, "hours": 1, "price_usd_per_gpu_hour": 2})
    assert "outside the plausible range (at most 1e+06)" in high.value.message_en
    assert "خارج النطاق المعقول" in high.value.message_ar
    assert not high.value.missing


def test_gpu_hours_alone_need_no_price():
    result = run("rental_cost", {"gpus": 24, "hours": 216, "gpu_hours_only": True})
    assert {q.field: q.value for q in result.outputs} == {"gpu_hours": 5184}


def test_a_cost_question_still_asks_for_the_price():
    with pytest.raises(ToolInputError):
        run("rental_cost", {"gpus": 24, "hours": 216})
