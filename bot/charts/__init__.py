"""Charts drawn from a calculator's own results, in Arabic or English.

Knows nothing of Telegram: ``render_chart(tool, params, lang)`` returns PNG bytes and a
caption; the Telegram layer and the command line decide where they go.
"""

from bot.charts.render import ChartImage, NotChartable, chart_figure, is_chartable, render_chart

__all__ = ["ChartImage", "NotChartable", "chart_figure", "is_chartable", "render_chart"]
