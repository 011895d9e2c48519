"""Invariants of the calculators, checked on generated inputs (hypothesis)."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.errors import ToolInputError
from tools.registry import TOOLS, run

gpus = st.integers(min_value=1, max_value=100_000)
hours = st.floats(min_value=0.01, max_value=40_000, allow_nan=False)
price = st.floats(min_value=0.01, max_value=999, allow_nan=False)
anything = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**30),
                     st.text(max_size=5))


@given(gpus, hours, price, st.integers(min_value=2, max_value=10))
def test_rental_linear_in_gpus_and_hours(g, h, p, k):
    base = run("rental_cost", {"gpus": g, "hours": h, "price_usd_per_gpu_hour": p}).values["cost_usd"]
    assert math.isclose(run("rental_cost", {"gpus": g * k, "hours": h, "price_usd_per_gpu_hour": p})
                        .values["cost_usd"], base * k, rel_tol=1e-9)
    assert math.isclose(run("rental_cost", {"gpus": g, "hours": h * k, "price_usd_per_gpu_hour": p})
                        .values["cost_usd"], base * k, rel_tol=1e-9)


@given(gpus, hours, price, price)
def test_rental_monotone_in_price(g, h, p1, p2):
    c1 = run("rental_cost", {"gpus": g, "hours": h, "price_usd_per_gpu_hour": p1}).values["cost_usd"]
    c2 = run("rental_cost", {"gpus": g, "hours": h, "price_usd_per_gpu_hour": p2}).values["cost_usd"]
    assert (p1 <= p2) == (c1 <= c2) or math.isclose(c1, c2)


@given(gpus, hours, price)
def test_budget_inverts_rental(g, h, p):
    cost = run("rental_cost", {"gpus": g, "hours": h, "price_usd_per_gpu_hour": p}).values["cost_usd"]
    back = run("budget_to_gpu_hours", {"budget_usd": cost, "price_usd_per_gpu_hour": p, "gpus": g}).values
    assert math.isclose(back["hours"], h, rel_tol=1e-9)


@given(st.floats(1, 99, allow_nan=False), st.floats(0.01, 1e6, allow_nan=False))
def test_decline_halving_round_trip(rate, cost):
    r = run("price_decline", {"cost_usd": cost, "decline_pct_per_year": rate, "years": 1}).values
    after = run("price_decline", {"cost_usd": cost, "decline_pct_per_year": rate, "years": r["halving_years"]})
    assert math.isclose(after.values["cost_after_usd"], cost / 2, rel_tol=1e-6)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(TOOLS)), st.dictionaries(
    st.sampled_from(sorted({f for s in TOOLS.values() for f in s.fields})), anything, max_size=8))
def test_no_exception_but_tool_error_and_never_non_finite(tool, params):
    try:
        result = run(tool, params)
    except ToolInputError as exc:
        assert exc.message("en")
        assert exc.message("ar")
        return
    assert all(math.isfinite(v) for v in result.values.values())
    assert "nan" not in result.render("en").lower().split()
    assert "inf" not in result.render("en").split()


def test_a_vanishing_decline_rate_is_refused_not_divided_by():
    # found by the property above: 1.3e-285 %/yr made ln(1 − rate) exactly zero
    with pytest.raises(ToolInputError):
        run("price_decline", {"decline_pct_per_year": 1.2765416532473505e-285})
