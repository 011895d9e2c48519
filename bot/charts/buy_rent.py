"""Buy vs rent: cumulative cost of owning and of renting over time, break-even marked.

The curves start from the calculator's purchase price and rent/running-cost inputs; the
marked point is the calculator's own break-even, where the two curves meet."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from bot.charts.numbers import money, number
from bot.charts.style import COLOURS, money_axis, number_axis, title
from bot.charts.words import word
from tools.defaults import HOURS_PER_MONTH
from tools.result import CalcResult


def _rates(v: dict[str, float]) -> tuple[float, float, str]:
    """(owning cost per step, renting cost per step, step) in the calculator's own unit of time."""
    running_month = v.get("opex_usd_per_month", 0.0)
    if "rent_usd_per_month" in v:
        return running_month, v["rent_usd_per_month"], "months"
    rent_hour = v["rent_usd_per_hour"] if "rent_usd_per_hour" in v else v.get("gpus", 1.0) * v["price_usd_per_gpu_hour"]
    return running_month / HOURS_PER_MONTH, rent_hour, "hours"


def draw(ax: Axes, result: CalcResult, params: dict, lang: str) -> str:
    v = result.values
    purchase = v["purchase_usd"]
    running, rent, step = _rates(v)
    breakeven = v["breakeven_months"] if step == "months" else v["breakeven_hours"]
    x = np.linspace(0.0, breakeven * 2, 81)
    owning = purchase + running * x
    renting = rent * x
    ax.plot(x, owning, color=COLOURS["own"], lw=4, label=word("owning", lang), gid="owning")
    ax.plot(x, renting, color=COLOURS["rent"], lw=4, label=word("renting", lang), gid="renting")
    at = f"{number(breakeven, lang, 1)}"
    when = (word("months_value", lang, n=at) if step == "months"
            else word("hours_value", lang, n=number(breakeven, lang, 0), m=number(v["breakeven_months"], lang, 1)))
    cost_then = rent * breakeven
    ax.plot([breakeven], [cost_then], "o", ms=16, color=COLOURS["mark"], zorder=5, gid="breakeven")
    ax.axvline(breakeven, color=COLOURS["mark"], ls="--", lw=2)
    label = word("breakeven", lang, x=when).replace(": ", ":\n").replace(" (", "\n(")  # narrow: stays in the plot
    ax.annotate(f"{label}\n{money(cost_then, lang)}", (breakeven, cost_then),
                xytext=(25, -95), textcoords="offset points", fontsize=17,
                multialignment="right" if lang == "ar" else "left",
                ha="left", color=COLOURS["mark"], fontweight="bold")
    unit = word("months", lang) if step == "months" else word("hours_of_use", lang)
    number_axis(ax, "x", unit, lang)
    money_axis(ax, "y", word("cumulative_cost", lang), lang, float(max(owning[-1], renting[-1])))
    ax.set_xlim(0, x[-1] * 1.03)  # room for the last tick label
    ax.set_ylim(0, None)
    ax.legend(loc="upper left")
    title(ax, word("title_buy_rent", lang), lang)
    return word("caption_buy_rent", lang, x=when)
