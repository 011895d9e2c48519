"""Quantities placed into a calculator's fields by dimension, rate and cue: the forms the
understanding issue lists, each with the field that must come out."""

import pytest

from bot.engine.extract import read_quantities
from bot.nlu import slots
from tools.registry import run


def filled(tool: str, text: str) -> dict:
    params, quantities = read_quantities(text)
    return slots.fill(tool, params, quantities)


def result(tool: str, text: str, field: str) -> float:
    return {q.field: q.value for q in run(tool, filled(tool, text)).outputs}[field]


CASES = [
    ("rental_cost", "Cluster of 24 GPUs, hourly rate $1.90 per GPU, 300 hours — total?", "cost_usd", 24 * 1.9 * 300),
    ("budget_to_gpu_hours", "I have $8,000, how many H100 hours at $2.2/h?", "gpu_hours", 8000 / 2.2),
    ("rental_cost", "بدي أستأجر وحدتين لمدة ساعتين بسعر ثلاثة دولار للساعة", "cost_usd", 12),
    ("rental_cost", "خمسة وعشرين وحدة لمدة أسبوع كامل بسعر 2 دولار للساعة", "cost_usd", 25 * 168 * 2),
    ("rental_cost", "cost of renting sixteen H200s around the clock for a month at three fifty per gpu hour",
     "cost_usd", 16 * 730 * 3.5),
    ("rental_cost", "كم تكلفة استئجار ٨ وحدات H100 لمدة يومين وساعتين بسعر ٢٫٢٥ دولار للساعة", "cost_usd", 8 * 50 * 2.25),
    ("electricity_cost", "1000 GPUs drawing 700 W each, PUE 1.3, $0.10/kWh, 24/7 for a year", "cost_usd", 797_160),
    ("electricity_cost", "8 GPUs at 700 watts, PUE 1.2, 8 cents per kWh, for a week", "cost_usd", 8 * 0.7 * 1.2 * 168 * 0.08),
    ("training_compute", "a 125M-parameter model on 2.5B tokens", "flops", 6 * 125e6 * 2.5e9),
    ("training_compute", "train 70 مليار على تريليون توكن، الكارت بيدي ٩٨٩ تيرافلوب والـ MFU حوالي ٤٠٪",
     "gpu_hours", 6 * 70e9 * 1e12 / (989e12 * 0.4) / 3600),
    ("inference_cost", "we pay four bucks an hour per card and get about 1,200 tok/sec", "usd_per_million_tokens",
     4 / (1200 * 3600) * 1e6),
    ("payback", "recover an investment of $120k with $9k net a month", "payback_months", 120 / 9),
    ("payback", "الاستثمار ٣٠٠ ألف والصافي الشهري عشرين ألف", "payback_months", 15),
    ("price_decline", "a $25,000 GPU loses 20% of its value a year; what is it worth after 3 years?",
     "cost_after_usd", 25_000 * 0.8**3),
    ("price_decline", "السيرفر بـ ٢٠٠ ألف دولار وبيخسر ربع قيمته كل سنة، هيبقى بكام بعد ٥ سنين؟", "cost_after_usd",
     200_000 * 0.75**5),
    ("price_decline", "if compute prices fall 30% per year how many years until they halve?", "halving_years",
     1.9433),
    ("buy_vs_rent", "buy for $35,000 or rent at $2.40 an hour — after how many hours does owning win?",
     "breakeven_hours", 35_000 / 2.4),
    ("buy_vs_rent", "an 8x h100 node costs 280k to buy or 16 bucks an hour to rent. break even in hours?",
     "breakeven_hours", 17_500),
    ("buy_vs_rent", "purchase 300k vs rent 25k per mo; owning costs us 5k/month to run. break-even months?",
     "breakeven_months", 15),
    ("total_cost_of_ownership", "TCO over 3 years: 8 H100s at $30k each, about $2,500 per mo to run (power, colo)",
     "total_cost_usd", 240_000 + 2_500 * 36),
    ("cooling_comparison", "air PUE 1.6 vs liquid 1.1, 512 gpus at 1000W each over a year, power $0.08/kWh",
     "savings_usd", 512 * 1.0 * 8760 * 0.08 * 0.5),
]


@pytest.mark.parametrize(("tool", "text", "field", "value"), CASES, ids=[c[1][:45] for c in CASES])
def test_stated_values_reach_the_right_fields(tool, text, field, value):
    assert result(tool, text, field) == pytest.approx(value, rel=1e-3)


def test_a_plain_sum_is_a_budget_for_the_budget_calculator():
    assert filled("budget_to_gpu_hours", "with a 1.2M budget at $2/gpu-hour")["budget_usd"] == 1.2e6


def test_the_same_sum_is_the_investment_for_payback():
    assert filled("payback", "spent $400k on gpus, they net us 25k a month")["capex_usd"] == 400_000


def test_a_monthly_sum_is_the_revenue_for_payback():
    assert filled("payback", "spent $400k on gpus, they net us 25k a month")["monthly_net_revenue_usd"] == 25_000


def test_a_quantity_with_no_place_in_the_calculator_is_not_invented_into_one():
    assert "gpus" not in filled("rental_cost", "rent at $2/hour for 10 hours, pue 1.3")


def test_a_falling_price_stated_with_a_minus_sign_declines_by_that_much():
    assert slots.fill("price_decline", {"percent": -35.0, "cost_usd": 2.4, "years": 4})["decline_pct_per_year"] == 35


def test_the_larger_sum_of_a_payback_is_the_investment():
    filled = slots.fill("payback", {"capex_usd": 55_000.0, "monthly_net_revenue_usd": 750_000.0})
    assert (filled["capex_usd"], filled["monthly_net_revenue_usd"]) == (750_000.0, 55_000.0)


def test_a_number_with_a_rate_claims_the_hourly_price_before_one_without():
    # "a 10 person startup ... 1.29 an hour per gpu": 10 says nothing of what it is, 1.29 says it is per hour
    params, quantities = read_quantities("we're a 10 person startup renting sixteen a100s for two weeks at 1.29 an hour")
    assert slots.fill("rental_cost", params, quantities)["price_usd_per_gpu_hour"] == 1.29


def test_a_sum_with_no_gpu_count_is_the_whole_hardware_for_tco():
    params, quantities = read_quantities("total cost over 4 yrs for a $300k server cluster plus $5,000 per month")
    assert slots.fill("total_cost_of_ownership", params, quantities)["other_capex_usd"] == 300_000


def test_a_per_gpu_price_still_needs_the_gpu_count_for_tco():
    params, quantities = read_quantities("tco over 3 years of h100s at 30k each, opex 2k/month")
    assert "other_capex_usd" not in slots.fill("total_cost_of_ownership", params, quantities)


def test_missing_inputs_names_what_a_calculator_lacks():
    params, quantities = read_quantities("how many hours does an H100 at $2 an hour give me?")
    assert slots.missing_inputs("budget_to_gpu_hours", params, quantities) == ["budget_usd"]


def test_missing_inputs_is_empty_when_the_calculator_runs():
    params, quantities = read_quantities("$10,000 at $2.50 per GPU-hour")
    assert slots.missing_inputs("budget_to_gpu_hours", params, quantities) == []
