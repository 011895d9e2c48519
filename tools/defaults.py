"""Default assumptions, each with where it comes from.

A calculator fills a value the user did not give from here and says so in its result,
naming the source, so a reader can tell a published figure from a planning default.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Assumption:
    field: str
    value: float
    source: str


HOURS_PER_YEAR = Assumption("hours", 8760.0, "365 days × 24 hours")
HOURS_PER_MONTH = HOURS_PER_YEAR.value / 12  # 730: "a month" of use, as cloud bills count it
MFU = Assumption(
    "mfu", 0.40,
    "Llama 3.1 405B reached 38–43% of peak on H100s (Llama Team 2024, arXiv 2407.21783); "
    "Epoch AI assumes 37.5% when unknown",
)
PUE = Assumption("pue", 1.54, "Uptime Institute Global Data Center Survey 2025 (industry average PUE 1.54)")
PUE_AIR = Assumption("pue_air", 1.5, "low end of 1.5–1.8 reported for air-cooled rooms (trade sources; a range)")
PUE_LIQUID = Assumption("pue_liquid", 1.1, "mid of 1.05–1.15 reported for liquid-cooled AI halls (trade sources; a range)")
SERVER_OVERHEAD = Assumption(
    "server_overhead_factor", 1.82, "Epoch AI energy model: chip-to-server power factor ≈ 1.82 for H100 servers"
)
UTILISATION_SHARE = Assumption(
    "utilisation_share", 0.75, "Epoch AI energy model: average share of TDP drawn ≈ 0.75"
)
ELECTRICITY_PRICE = Assumption(
    "price_usd_per_kwh", 0.10,
    "round planning figure, not a published tariff: replace it with your own $/kWh",
)
DEPRECIATION_YEARS = Assumption(
    "depreciation_years", 5.0,
    "server lives in hyperscaler filings: Amazon 5 (2025), Meta 5.5, Microsoft and Alphabet 6",
)
FLOPS_PER_PARAMETER_TOKEN = Assumption(
    "flops_per_parameter_token", 6.0, "Kaplan et al. 2020: training compute ≈ 6·N·D"
)
UTILISATION_PCT = Assumption("utilisation_pct", 100.0, "owned GPUs busy all year unless you say otherwise")

# Upper bounds of plausible input: beyond these the input is a typo, not a plan.
MAX_GPUS = 1_000_000
MAX_PRICE_USD_PER_GPU_HOUR = 1_000.0
MAX_HOURS = 24 * 365 * 50
MAX_PARAMETERS = 1e15
MAX_TOKENS = 1e17
MAX_USD = 1e13
MAX_TOKENS_PER_SECOND = 1e7
