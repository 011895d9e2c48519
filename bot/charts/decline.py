"""Price decline: the price (or % of today's) year by year, each point the calculator's
own "cost after n years", with its halving time marked."""

from __future__ import annotations

import math

from matplotlib.axes import Axes

from bot.charts.numbers import money, number, percent
from bot.charts.style import COLOURS, money_axis, number_axis, title
from bot.charts.words import word
from tools.registry import run
from tools.result import CalcResult

RELATIVE_START = 100.0  # with no price given, the curve is "% of today's price"


def horizon_years(halving: float, asked: float | None) -> int:
    """Past the halving time and the year asked about, within 1–40 years."""
    return max(5, min(40, math.ceil(max(halving * 1.5, asked or 0.0))))


def draw(ax: Axes, result: CalcResult, params: dict, lang: str) -> str:
    v = result.values
    rate, halving = v["decline_pct_per_year"], v["halving_years"]
    start = v.get("cost_usd", RELATIVE_START)
    asked = v.get("years")
    years = list(range(horizon_years(halving, asked) + 1))
    prices = [start] + [run("price_decline", {"cost_usd": start, "decline_pct_per_year": rate, "years": n})
                        .values["cost_after_usd"] for n in years[1:]]  # year 0 is today's price itself
    ax.plot(years, prices, "-o", color=COLOURS["own"], lw=4, ms=8, gid="value",
            label=word("value", lang, rate=percent(rate, lang)))
    half = start / 2
    ax.plot([halving], [half], "o", ms=16, color=COLOURS["mark"], zorder=5, gid="halving")
    ax.axvline(halving, color=COLOURS["mark"], ls="--", lw=2)
    ax.axhline(half, color=COLOURS["muted"], ls=":", lw=2)
    ax.annotate(word("halving", lang, years=number(halving, lang, 1)), (halving, half), xytext=(15, 25),
                textcoords="offset points", color=COLOURS["mark"], fontweight="bold")
    if "cost_after_usd" in v:
        ax.plot([asked], [v["cost_after_usd"]], "s", ms=14, color=COLOURS["rent"], zorder=5, gid="asked")
        ax.annotate(word("after_years", lang, years=number(asked, lang, 1), value=money(v["cost_after_usd"], lang)),
                    (asked, v["cost_after_usd"]), xytext=(15, 30), textcoords="offset points", color=COLOURS["rent"])
    number_axis(ax, "x", word("years", lang), lang, decimals=0)
    if "cost_usd" in v:
        money_axis(ax, "y", word("price", lang), lang, start)
    else:
        number_axis(ax, "y", word("pct_of_today", lang), lang, decimals=0)
    ax.set_xlim(0, years[-1] + 0.25)  # room for the last tick label
    ax.set_ylim(0, start * 1.05)
    ax.legend(loc="upper right")
    title(ax, word("title_decline", lang), lang)
    return word("caption_decline", lang, rate=percent(rate, lang), years=number(halving, lang, 1))
