"""Air vs liquid cooling: the calculator's two electricity costs side by side, the
saving labelled."""

from __future__ import annotations

from matplotlib.axes import Axes

from bot.charts.numbers import localise, money, number, percent
from bot.charts.style import COLOURS, money_axis, title
from bot.charts.words import word
from tools.defaults import HOURS_PER_YEAR
from tools.result import CalcResult


def draw(ax: Axes, result: CalcResult, params: dict, lang: str) -> str:
    v = result.values
    air, liquid = v["air_cost_usd"], v["liquid_cost_usd"]
    names = [word("air", lang, pue=localise(f"{v['pue_air']:g}", lang)),
             word("liquid", lang, pue=localise(f"{v['pue_liquid']:g}", lang))]
    for i, (gid, value, colour) in enumerate([("air", air, COLOURS["air"]), ("liquid", liquid, COLOURS["liquid"])]):
        ax.bar([i], [value], width=0.55, color=colour, gid=gid)
        ax.text(i, value, money(value, lang), ha="center", va="bottom", fontsize=18, fontweight="bold")
    saving = word("saving", lang, value=money(v["savings_usd"], lang), share=percent(v["savings_pct"], lang))
    ax.annotate("", xy=(1.38, liquid), xytext=(1.38, air),
                arrowprops={"arrowstyle": "<->", "color": COLOURS["mark"], "lw": 3})
    ax.plot([0.28, 1.45], [air, air], color=COLOURS["mark"], ls="--", lw=2, gid="saving_line")
    ax.text(1.48, (air + liquid) / 2, saving, va="center", ha="left", fontsize=18, fontweight="bold",
            multialignment="right" if lang == "ar" else "left",
            color=COLOURS["mark"], gid="saving")
    ax.set_xticks([0, 1], names)
    ax.set_xlim(-0.5, 2.5)
    ax.set_ylim(0, air * 1.18)
    ax.grid(axis="x", visible=False)
    hours = v["hours"]
    what = (word("energy_cost_year", lang) if hours == HOURS_PER_YEAR.value
            else word("energy_cost_hours", lang, hours=number(hours, lang)))
    money_axis(ax, "y", what, lang, air)
    title(ax, word("title_cooling", lang), lang)
    return word("caption_cooling", lang, value=money(v["savings_usd"], lang), share=percent(v["savings_pct"], lang))
