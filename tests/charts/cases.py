"""One calculation per chart kind (two for buy vs rent: hourly and monthly rent)."""

from __future__ import annotations

CASES: dict[str, tuple[str, dict]] = {
    "buy_rent_hourly": ("buy_vs_rent", {"gpus": 8, "gpu_price_usd": 30_000, "price_usd_per_gpu_hour": 2.5,
                                        "opex_usd_per_month": 1_500}),
    "buy_rent_monthly": ("buy_vs_rent", {"capex_usd": 250_000, "opex_usd_per_month": 3_000,
                                         "rent_usd_per_month": 20_000}),
    "decline": ("price_decline", {"cost_usd": 30_000, "decline_pct_per_year": 30, "years": 3}),
    "decline_rate_only": ("price_decline", {"decline_pct_per_year": 20}),
    "tco": ("total_cost_of_ownership", {"gpus": 8, "power_watts_per_gpu": 1_300, "pue": 1.4, "gpu_price_usd": 30_000,
                                        "opex_usd_per_year": 20_000, "price_usd_per_kwh": 0.12}),
    "rental": ("rental_cost", {"gpus": 8, "hours": 24, "price_usd_per_gpu_hour": 2.5}),
    "training": ("training_compute", {"parameters": 7e9, "tokens": 2e12, "gpu": "h100", "gpus": 64,
                                      "price_usd_per_gpu_hour": 2.0}),
    "cooling": ("cooling_comparison", {"gpus": 1_000, "gpu": "h100"}),
}
