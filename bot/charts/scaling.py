"""Cost against duration and GPU count: rental cost lines for the asked GPU count and for
half and double it, and training days for fewer or more GPUs. Every point is the
calculator run again with only the GPU count or the duration changed."""

from __future__ import annotations

from matplotlib.axes import Axes

from bot.charts.numbers import money, number
from bot.charts.style import COLOURS, money_axis, number_axis, title
from bot.charts.words import word
from tools.registry import run
from tools.result import CalcResult

DURATION_STEPS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)  # × the asked duration
DEFAULT_GPU_COUNTS = (8, 64, 512, 4096)


def gpu_counts(asked: float, factors: tuple[float, ...]) -> list[int]:
    return sorted({max(1, round(asked * f)) for f in factors})


def draw_rental(ax: Axes, result: CalcResult, params: dict, lang: str) -> str:
    v = result.values
    gpus, hours = v["gpus"], v["hours"]
    durations = [hours * s for s in DURATION_STEPS]
    top = 0.0
    for n in gpu_counts(gpus, (0.5, 1.0, 2.0)):
        costs = [run("rental_cost", {**params, "gpus": n, "hours": h}).values["cost_usd"] for h in durations]
        top = max(top, costs[-1])
        mine = n == round(gpus)
        ax.plot(durations, costs, "-o" if mine else "--", lw=4 if mine else 2.5, ms=7,
                color=COLOURS["own"] if mine else COLOURS["muted"], gid=f"gpus_{n}",
                label=word("gpus_n", lang, n=number(n, lang)))
    ax.plot([hours], [v["cost_usd"]], "o", ms=16, color=COLOURS["mark"], zorder=5, gid="asked")
    ax.annotate(word("your_plan", lang, value=money(v["cost_usd"], lang)), (hours, v["cost_usd"]), xytext=(25, -20),
                textcoords="offset points", va="top", color=COLOURS["mark"], fontweight="bold",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85})  # under the rising line
    number_axis(ax, "x", word("duration_hours", lang), lang)
    money_axis(ax, "y", word("cost", lang), lang, top)
    ax.set_xlim(0, durations[-1] * 1.03)
    ax.set_ylim(0, None)
    ax.legend(loc="upper left")
    title(ax, word("title_rental", lang), lang)
    return word("caption_rental", lang, gpus=number(gpus, lang), hours=number(hours, lang),
                value=money(v["cost_usd"], lang))


def draw_training(ax: Axes, result: CalcResult, params: dict, lang: str) -> str:
    v = result.values
    asked = v.get("gpus")
    counts = gpu_counts(asked, (0.25, 0.5, 1.0, 2.0, 4.0)) if asked else list(DEFAULT_GPU_COUNTS)
    days = [run("training_compute", {**params, "gpus": n}).values["days"] for n in counts]
    positions = range(len(counts))
    colours = [COLOURS["own"] if asked and n == round(asked) else COLOURS["muted"] for n in counts]
    ax.bar(positions, days, width=0.6, color=colours, gid="days")
    for i, d in zip(positions, days, strict=True):
        ax.text(i, d, number(d, lang, 1), ha="center", va="bottom", fontsize=17, fontweight="bold")
    ax.set_xticks(list(positions), [number(n, lang) for n in counts])
    ax.set_xlabel(word("gpus", lang))
    number_axis(ax, "y", word("days", lang), lang)
    ax.set_ylim(0, max(days) * 1.15)
    ax.grid(axis="x", visible=False)
    if "cost_usd" in v:
        ax.text(0.98 if lang != "ar" else 0.02, 0.92, word("same_cost", lang, value=money(v["cost_usd"], lang)),
                transform=ax.transAxes, ha="right" if lang != "ar" else "left", fontsize=17, gid="cost")
    title(ax, word("title_training", lang), lang)
    if asked:
        return word("caption_training", lang, days=number(v["days"], lang, 1), gpus=number(asked, lang))
    return word("caption_training_no_gpus", lang, hours=number(v["gpu_hours"], lang))
