"""Payback period and simple ROI of an upfront investment."""

from __future__ import annotations

from tools import defaults as d
from tools.inputs import CAPEX, CalcInput, bounded, need
from tools.result import CalcResult, Quantity


class PaybackInput(CalcInput):
    capex_usd: CAPEX = None
    monthly_net_revenue_usd: bounded("monthly_net_revenue_usd", le=d.MAX_USD) = None
    horizon_months: bounded("horizon_months", le=600) = None


def payback(inp: PaybackInput) -> CalcResult:
    capex = need("capex_usd", inp.capex_usd)
    revenue = need("monthly_net_revenue_usd", inp.monthly_net_revenue_usd)
    horizon = inp.horizon_months or 36.0
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
