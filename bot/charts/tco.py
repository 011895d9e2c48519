"""TCO breakdown: one stacked bar of the yearly cost of owning (capital written off per
year, electricity, other running costs), with the calculator's electricity share labelled."""

from __future__ import annotations

from matplotlib.axes import Axes

from bot.charts.numbers import money, percent
from bot.charts.style import COLOURS, money_axis, title
from bot.charts.words import word
from tools.result import CalcResult


def segments(result: CalcResult) -> list[tuple[str, float, str]]:
    """(gid, USD per year, colour) in stacking order, straight from the result.

    Other running costs are the calculator's own yearly figure (monthly ones already
    added to it); with no power figure, electricity is inside them and has no segment."""
    v = result.values
    parts = [("capital", v["capex_usd_per_year"], COLOURS["capital"])]
    if "electricity_usd_per_year" in v:
        parts.append(("electricity", v["electricity_usd_per_year"], COLOURS["electricity"]))
        other_key = "other_running"
    else:
        other_key = "running"
    if v.get("opex_usd_per_year"):
        parts.append((other_key, v["opex_usd_per_year"], COLOURS["other"]))
    return parts


def draw(ax: Axes, result: CalcResult, params: dict, lang: str) -> str:
    v = result.values
    total = v["tco_usd_per_year"]
    left = 0.0
    for gid, value, colour in segments(result):
        label = f"{word(gid, lang)}: {money(value, lang)} ({percent(value / total * 100, lang)})"
        ax.barh([0], [value], left=[left], height=0.55, color=colour, edgecolor="white", lw=2, label=label, gid=gid)
        left += value
    share = v.get("electricity_share_pct")
    if share is not None:
        elec_left = v["capex_usd_per_year"]
        ax.annotate(word("electricity_share", lang, share=percent(share, lang)),
                    (elec_left + v["electricity_usd_per_year"] / 2, 0.28), xytext=(0, 45), textcoords="offset points",
                    ha="center", fontsize=20, fontweight="bold", color="#8f5b00", gid="electricity_share",
                    arrowprops={"arrowstyle": "-|>", "color": "#8f5b00", "lw": 2})
    ax.text(0.5, 0.92, word("total_per_year", lang, value=money(total, lang)), transform=ax.transAxes,
            ha="center", fontsize=19)
    money_axis(ax, "x", word("cost_per_year", lang), lang, total)
    ax.set_yticks([])
    ax.set_ylim(-1.25, 1.1)
    ax.set_xlim(0, total * 1.02)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", ncols=1, bbox_to_anchor=(0.5, -0.02), frameon=False)
    title(ax, word("title_tco", lang), lang)
    if share is None:
        return word("caption_tco_no_power", lang, value=money(total, lang))
    return word("caption_tco", lang, value=money(total, lang), share=percent(share, lang))
