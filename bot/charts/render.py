"""Which calculations have a chart, and turning one into a PNG.

``chart_figure`` runs the calculator on the same parameters the reply used and draws
from that result; ``render_chart`` adds the PNG bytes and a caption. Rendering is
blocking: async callers run it in a thread (one at a time: matplotlib's font cache is
shared)."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from bot.charts import buy_rent, cooling, decline, scaling, tco
from bot.charts.style import RC, new_figure
from tools.errors import ToolInputError
from tools.registry import run
from tools.result import CalcResult

Draw = Callable[[Axes, CalcResult, dict, str], str]


@dataclass(frozen=True)
class ChartKind:
    draw: Draw
    needs: tuple[str, ...] = ()  # outputs the result must have for this chart


CHARTS: dict[str, ChartKind] = {
    "buy_vs_rent": ChartKind(buy_rent.draw, ("breakeven_months",)),
    "price_decline": ChartKind(decline.draw, ("halving_years",)),
    "total_cost_of_ownership": ChartKind(tco.draw, ("tco_usd_per_year",)),
    "rental_cost": ChartKind(scaling.draw_rental, ("cost_usd",)),
    "training_compute": ChartKind(scaling.draw_training, ("gpu_hours",)),
    "cooling_comparison": ChartKind(cooling.draw, ("savings_usd",)),
}
_LOCK = threading.Lock()


class NotChartable(ValueError):
    """This calculation has no chart (another calculator, or values still missing)."""


@dataclass(frozen=True)
class ChartImage:
    png: bytes
    caption: str
    width: int
    height: int


def _result(tool: str, params: dict) -> CalcResult:
    kind = CHARTS.get(tool)
    if kind is None:
        raise NotChartable(f"no chart for {tool}")
    try:
        result = run(tool, params)
    except ToolInputError as exc:
        raise NotChartable(f"{tool}: {exc.message('en')}") from None
    missing = [f for f in kind.needs if f not in result.values]
    if missing:
        raise NotChartable(f"{tool}: no {', '.join(missing)} to draw")
    return result


def is_chartable(tool: str | None, params: dict) -> bool:
    if tool not in CHARTS:
        return False
    try:
        _result(tool, params)
    except NotChartable:
        return False
    return True


def chart_figure(tool: str, params: dict, lang: str) -> tuple[Figure, str]:
    """The figure and its caption; raises ``NotChartable``."""
    result = _result(tool, params)
    with matplotlib.rc_context(RC):
        fig, ax = new_figure()
        caption = CHARTS[tool].draw(ax, result, params, lang)
    return fig, caption


def render_chart(tool: str, params: dict, lang: str) -> ChartImage:
    with _LOCK, matplotlib.rc_context(RC):
        fig, caption = chart_figure(tool, params, lang)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        width, height = fig.canvas.get_width_height()
    return ChartImage(buffer.getvalue(), caption, width, height)
