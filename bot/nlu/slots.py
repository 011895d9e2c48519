"""Fill a calculator's fields from the quantities a message states.

``bot.engine.extract`` reads each number's dimension and cue words into a generic field
(money per GPU-hour, money per month, a plain sum of money, a duration in hours, a
percentage...). Which calculator field such a quantity is depends on the calculator:
a plain sum is a budget for the budget calculator, a purchase for buy-vs-rent, the
investment for payback and the starting cost for a price decline. The table below says
so, calculator by calculator, in the order the sources are tried.
"""

from __future__ import annotations

from collections.abc import Callable

from tools.defaults import HOURS_PER_MONTH
from tools.defaults import HOURS_PER_YEAR as _YEAR
from tools.registry import TOOLS, missing_fields

HOURS_PER_YEAR = _YEAR.value

_SAME: Callable[[float], float] = lambda v: v  # noqa: E731


def _to_years(hours: float) -> float:
    return hours / HOURS_PER_YEAR


def _to_months(hours: float) -> float:
    return hours / HOURS_PER_MONTH


def _per_year_to_month(v: float) -> float:
    return v / 12


_MONEY = ("budget_usd", "gpu_price_usd", "capex_usd", "cost_usd")
# tool -> [(target field, [(source field, transform), ...])]; a target already stated keeps its value
REMAP: dict[str, list[tuple[str, list[tuple[str, Callable[[float], float]]]]]] = {
    "rental_cost": [("discount_pct", [("percent", _SAME)])],
    "budget_to_gpu_hours": [("budget_usd", [(f, _SAME) for f in _MONEY if f != "budget_usd"])],
    "training_compute": [("mfu", [("percent", lambda v: v / 100)])],
    "total_cost_of_ownership": [
        ("utilisation_pct", [("percent", _SAME)]),
        ("gpu_price_usd", [("cost_usd", _SAME), ("budget_usd", _SAME)]),
        ("opex_usd_per_month", [("usd_per_month", _SAME), ("rent_usd_per_month", _SAME)]),
        ("years", [("hours", _to_years)]),
    ],
    "buy_vs_rent": [
        ("capex_usd", [("budget_usd", _SAME), ("cost_usd", _SAME)]),
        ("rent_usd_per_month", [("usd_per_month", _SAME)]),
        ("opex_usd_per_month", [("opex_usd_per_year", _per_year_to_month)]),
    ],
    "payback": [
        ("capex_usd", [("budget_usd", _SAME), ("gpu_price_usd", _SAME), ("cost_usd", _SAME),
                       ("network_capex_usd", _SAME)]),
        ("monthly_net_revenue_usd", [("usd_per_month", _SAME), ("rent_usd_per_month", _SAME),
                                     ("usd_per_year", _per_year_to_month)]),
        ("horizon_months", [("years", lambda v: v * 12), ("hours", _to_months)]),
    ],
    "price_decline": [
        # "-35%/yr": the sign says it falls, which the calculator already assumes
        ("decline_pct_per_year", [("percent", abs), ("discount_pct", abs), ("utilisation_pct", abs),
                                  ("decline_pct_per_year", abs)]),
        ("cost_usd", [("gpu_price_usd", _SAME), ("budget_usd", _SAME), ("capex_usd", _SAME),
                      ("price_usd_per_gpu_hour", _SAME), ("price_usd_per_kwh", _SAME),
                      ("target_usd_per_million_tokens", _SAME)]),
        ("years", [("hours", _to_years), ("depreciation_years", _SAME)]),
    ],
    "electricity_cost": [("opex_usd_per_year", [])],
    "cooling_comparison": [("pue_air", [("pue", _SAME)])],
}


# Where a quantity the reader could not place (no unit: "25k a month", "1.9 an hour",
# "٣٠٠ ألف") or placed in a field this calculator does not take goes: the calculator's
# open fields in order, each with the rate it is per and its plausible range.
# (field, rate or None, low, high)
OPEN_SLOTS: dict[str, list[tuple[str, str | None, float, float]]] = {
    "rental_cost": [("gpus", None, 1, 1e6), ("hours", None, 1, 438_000), ("price_usd_per_gpu_hour", "hour", 0.05, 100),
                    ("price_usd_per_gpu_hour", None, 0.05, 20)],
    "budget_to_gpu_hours": [("budget_usd", None, 100, 1e13), ("price_usd_per_gpu_hour", "hour", 0.05, 100),
                            ("price_usd_per_gpu_hour", None, 0.05, 20), ("gpus", None, 1, 1e6)],
    "training_compute": [("parameters", None, 1e6, 1e15), ("tokens", None, 1e8, 1e17), ("gpus", None, 1, 1e6),
                         ("mfu", None, 0.01, 0.99), ("price_usd_per_gpu_hour", "hour", 0.05, 100)],
    "inference_cost": [("price_usd_per_gpu_hour", "hour", 0.05, 100), ("tokens_per_second_per_gpu", "second", 1, 1e7),
                       ("price_usd_per_gpu_hour", None, 0.05, 20), ("tokens_per_second_per_gpu", None, 21, 1e7)],
    "inference_capacity": [("tokens_per_day", "day", 1e3, 1e17), ("tokens_per_second_per_gpu", "second", 1, 1e7),
                           ("tokens_per_day", None, 1e5, 1e17), ("tokens_per_second_per_gpu", None, 1, 1e5),
                           ("price_usd_per_gpu_hour", "hour", 0.05, 100)],
    "electricity_cost": [("gpus", None, 1, 1e6), ("price_usd_per_kwh", "kwh", 0.005, 2),
                         ("power_watts_per_gpu", None, 50, 5000), ("pue", None, 1, 3),
                         ("price_usd_per_kwh", None, 0.005, 1)],
    "cooling_comparison": [("gpus", None, 1, 1e6), ("price_usd_per_kwh", "kwh", 0.005, 2),
                           ("power_watts_per_gpu", None, 50, 5000), ("pue_air", None, 1, 3), ("pue_liquid", None, 1, 3),
                           ("price_usd_per_kwh", None, 0.005, 1)],
    "total_cost_of_ownership": [("gpus", None, 1, 1e6), ("gpu_price_usd", None, 1000, 1e7),
                                ("opex_usd_per_month", "month", 1, 1e12), ("opex_usd_per_year", "year", 1, 1e12),
                                ("years", None, 1, 30)],
    "buy_vs_rent": [("capex_usd", None, 1000, 1e13), ("price_usd_per_gpu_hour", "hour", 0.05, 10_000),
                    ("rent_usd_per_month", "month", 1, 1e12), ("opex_usd_per_month", "month", 1, 1e12)],
    "payback": [("capex_usd", None, 1000, 1e13), ("monthly_net_revenue_usd", "month", 1, 1e12),
                ("monthly_net_revenue_usd", None, 1, 1e12), ("horizon_months", None, 1, 600)],
    "price_decline": [("cost_usd", None, 0.01, 1e13), ("decline_pct_per_year", None, 0.1, 99), ("years", None, 0.1, 100)],
}
_MONEY_FIELDS = {"price_usd_per_gpu_hour", "budget_usd", "gpu_price_usd", "capex_usd", "cost_usd",
                 "monthly_net_revenue_usd", "rent_usd_per_month", "opex_usd_per_month", "opex_usd_per_year",
                 "price_usd_per_kwh", "other_capex_usd", "network_capex_usd"}
_ANY_FIELD_DIMENSIONS = {"plain", "money"}


def _convert(q, target: str) -> float | None:
    """The quantity's value in the target field's unit, or None when it cannot go there."""
    if q.dimension == "money" and target not in _MONEY_FIELDS:
        return None
    if q.dimension == "plain" or q.dimension == "money":
        return q.value
    if q.dimension == "duration" and target in ("hours", "years", "horizon_months"):
        hours = q.value  # durations are read in hours
        return {"hours": hours, "years": hours / HOURS_PER_YEAR, "horizon_months": hours / HOURS_PER_MONTH}[target]
    if q.dimension == "percent" and target in ("decline_pct_per_year", "discount_pct", "utilisation_pct"):
        return q.value
    if q.dimension == "pue" and target in ("pue", "pue_air", "pue_liquid"):
        return q.value
    return None


def _place_leftovers(tool: str, out: dict, quantities) -> None:
    taken = [v for v in out.values() if isinstance(v, float | int)]
    # a number that says what it is per ("1.29 an hour") claims its slot before one that says nothing ("a 10 person
    # startup"), whatever their order in the message; otherwise text order (sorted() is stable)
    for q in sorted(quantities, key=lambda q: q.rate is None):
        if any(isinstance(v, float | int) and abs(v - q.value) <= 1e-9 * max(1.0, abs(v)) for v in taken):
            continue  # already in a field
        if q.dimension not in _ANY_FIELD_DIMENSIONS and q.field in TOOLS[tool].fields:
            continue
        for target, rate, low, high in OPEN_SLOTS.get(tool, []):
            if out.get(target) is not None or (rate is not None and q.rate != rate) or \
                    (rate is None and q.rate not in (None,) and q.dimension == "plain"):
                continue
            value = _convert(q, target)
            if target == "gpus" and value is not None and value != int(value):
                continue
            if value is not None and low <= value <= high:
                out[target] = value
                taken.append(value)
                break


def fill(tool: str, params: dict, quantities=()) -> dict:
    """The inputs ``tool`` takes, from a message's generic fields and typed quantities."""
    out = dict(params)
    if tool == "total_cost_of_ownership" and not out.get("gpus") and out.get("gpu_price_usd") is None \
            and out.get("other_capex_usd") is None and out.get("power_watts_per_gpu") is None and "gpu" not in out:
        # "a $400k server cluster plus $6,500 a month": with no GPU count, no per-GPU price and no GPU named,
        # a plain sum is the hardware as a whole
        whole = next((k for k in ("capex_usd", "budget_usd", "cost_usd") if out.get(k)), None)
        if whole is not None:
            out["other_capex_usd"] = out.pop(whole)
    for target, sources in REMAP.get(tool, []):
        if out.get(target) is not None:
            continue
        for source, transform in sources:
            if out.get(source) is not None:
                out[target] = transform(out[source])
                break
    if tool == "buy_vs_rent" and out.get("gpu_price_usd") is not None and out.get("capex_usd") is not None \
            and out["capex_usd"] == out["gpu_price_usd"]:
        out.pop("capex_usd")
    if tool == "total_cost_of_ownership" and out.get("gpu_price_usd") is None and out.get("capex_usd") and out.get("gpus"):
        out["gpu_price_usd"] = out["capex_usd"] / out["gpus"]  # a total purchase for that many GPUs
    fields = set(TOOLS[tool].fields)
    out = {k: v for k, v in out.items() if k in fields}
    _place_leftovers(tool, out, quantities)
    if tool == "buy_vs_rent" and out.get("capex_usd") is not None and out.get("price_usd_per_gpu_hour") is not None:
        # a total purchase price against an hourly rent not said to be per GPU: the rent is for the same hardware
        hourly = next((q for q in quantities if q.field == "price_usd_per_gpu_hour"), None)
        if hourly is not None and hourly.unit != "usd_per_gpu_hour":
            out["rent_usd_per_hour"] = out.pop("price_usd_per_gpu_hour")
    if tool == "payback" and out.get("capex_usd") and out.get("monthly_net_revenue_usd") \
            and out["capex_usd"] < out["monthly_net_revenue_usd"]:
        # an investment back within the first month is a reading error, not a business: the larger sum is
        # the investment ("capex $750k, net revenue per month 55k")
        out["capex_usd"], out["monthly_net_revenue_usd"] = out["monthly_net_revenue_usd"], out["capex_usd"]
    if tool == "cooling_comparison" and out.get("pue_air") and out.get("pue_liquid") and out["pue_air"] < out["pue_liquid"]:
        out["pue_air"], out["pue_liquid"] = out["pue_liquid"], out["pue_air"]
    return out


def missing_inputs(tool: str | None, params: dict, quantities=()) -> list[str]:
    """The inputs ``tool`` still lacks after filling it from the message (all of them when no tool)."""
    if tool is None:
        return ["tool"]
    return missing_fields(tool, fill(tool, params, quantities))


def stated_fields(params: dict) -> set[str]:
    """Quantities actually stated (not the GPU name or unplaced numbers)."""
    return {k for k in params if k not in ("gpu", "_bare")}


def fits(tool: str, params: dict, quantities=(), filled: dict | None = None) -> bool:
    """Every quantity the message states has a place in this calculator (``filled``: the
    calculator's inputs when the caller already has them)."""
    filled = fill(tool, params, quantities) if filled is None else filled
    if quantities:
        values = [v for v in filled.values() if isinstance(v, float | int)]
        return all(any(abs(v - q.value) <= 1e-9 * max(1.0, abs(v)) or _derives(tool, q, v) for v in values)
                   for q in quantities)
    used_sources = set(filled)
    for target, sources in REMAP.get(tool, []):
        if target in filled:
            used_sources |= {s for s, _ in sources if s in params}
    return stated_fields(params) <= used_sources | {"percent"}


def _derives(tool: str, q, value: float) -> bool:
    """A field computed from the quantity (a duration read in hours and kept in years or months)."""
    if q.dimension == "duration":
        return any(abs(value - q.value / k) <= 1e-9 * max(1.0, value) for k in (HOURS_PER_YEAR, HOURS_PER_MONTH))
    if q.dimension == "percent":
        return abs(value - q.value / 100) <= 1e-12 or abs(value * 100 - q.value) <= 1e-9
    return False
