"""Payback period and simple ROI of an upfront investment."""

from __future__ import annotations

from tools import defaults as d
from tools.errors import check_number
from tools.inputs import CalcInput
from tools.result import CalcResult, Quantity


class PaybackInput(CalcInput):
    capex_usd: float | None = None
    monthly_net_revenue_usd: float | None = None
    horizon_months: float | None = None


def payback(inp: PaybackInput) -> CalcResult:
    capex = check_number("capex_usd", inp.capex_usd, low=0, high=d.MAX_USD)
    revenue = check_number("monthly_net_revenue_usd", inp.monthly_net_revenue_usd, low=0, high=d.MAX_USD)
    horizon = check_number("horizon_months", inp.horizon_months or 36.0, low=0, high=600)
    months = capex / revenue
    roi = (revenue * horizon - capex) / capex * 100
    return CalcResult(
        tool="payback", inputs=[Quantity("capex_usd", capex, "money"), Quantity("monthly_net_revenue_usd", revenue, "money"),
                Quantity("horizon_months", horizon, "months")],
        outputs=[Quantity("payback_months", months, "months", "payback period", "فترة الاسترداد"),
                 Quantity("roi_pct", roi, "percent", "simple ROI over the horizon", "العائد البسيط خلال الأفق")],
        formula_en="payback months = capex ÷ monthly net revenue; ROI = (revenue × months − capex) ÷ capex",
        formula_ar="أشهر الاسترداد = الاستثمار ÷ صافي الإيراد الشهري؛ العائد = (الإيراد × الأشهر − الاستثمار) ÷ الاستثمار",
    )
