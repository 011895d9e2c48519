"""One look for every chart: the Agg backend (no display), phone-sized PNGs, large type,
and a font with Arabic glyphs that ships inside matplotlib itself (DejaVu Sans covers the
Arabic block and both presentation-form blocks), so nothing is fetched at run time.

matplotlib lays out text with libraqm (HarfBuzz shaping, FriBidi ordering) since 3.11:
Arabic strings are passed in logical order and come out joined and right to left. Passing
text already reshaped and reordered would reverse it a second time, so we never do.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot; we never do, but a caller might

from matplotlib import ft2font  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from bot.charts.numbers import axis_scale, number  # noqa: E402
from bot.charts.words import word  # noqa: E402

if not hasattr(ft2font, "__libraqm_version__"):  # pragma: no cover - pinned matplotlib has it
    raise ImportError("charts need matplotlib >= 3.11 (libraqm text layout) to draw Arabic correctly")

FONT = "DejaVu Sans"
WIDTH_IN, HEIGHT_IN, DPI = 12.0, 7.5, 100  # 1200 × 750 px: wide enough to read on a phone
COLOURS = {"own": "#1f6feb", "rent": "#d9480f", "capital": "#1f6feb", "electricity": "#f59f00",
           "other": "#868e96", "air": "#d9480f", "liquid": "#1098ad", "mark": "#2b8a3e", "muted": "#adb5bd"}
RC = {
    "font.family": FONT, "font.size": 17, "axes.titlesize": 23, "axes.titleweight": "bold",
    "axes.labelsize": 18, "xtick.labelsize": 16, "ytick.labelsize": 16, "legend.fontsize": 16,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
    "text.parse_math": False,  # "$1,200 … $2,400" is money, not mathtext
    "savefig.dpi": DPI, "figure.dpi": DPI,
}


def new_figure() -> tuple[Figure, Axes]:
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def title(ax: Axes, text: str, lang: str) -> None:
    ax.set_title(text, loc="right" if lang == "ar" else "left", pad=14)


def number_axis(ax: Axes, which: str, label: str, lang: str, *, decimals: int | None = None) -> None:
    """Ticks with thousands separators (Arabic digits in Arabic) and the unit in the label."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, lang, decimals)))
    axis.set_label_text(label)


def money_axis(ax: Axes, which: str, what: str, lang: str, largest: float) -> None:
    """A money axis: "Cost (million USD)" with ticks divided for reading, the data left as is."""
    scale, unit = axis_scale(largest)
    unit_word = word({"": "usd", "millions": "usd_millions", "billions": "usd_billions"}[unit], lang)
    axis = ax.xaxis if which == "x" else ax.yaxis
    decimals = None if scale == 1 else 1
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v / scale, lang, decimals)))
    axis.set_label_text(f"{what} ({unit_word})")
