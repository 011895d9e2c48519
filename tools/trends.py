"""Price decline projection: a cost falling x% a year, after n years, and its halving time."""

from __future__ import annotations

import math

from tools import defaults as d
from tools.errors import check_number
from tools.inputs import CalcInput
from tools.result import CalcResult, Quantity


class DeclineInput(CalcInput):
    cost_usd: float | None = None
    decline_pct_per_year: float | None = None
    years: float | None = None


def price_decline(inp: DeclineInput) -> CalcResult:
    cost = check_number("cost_usd", inp.cost_usd, low=0, high=d.MAX_USD)
    rate = check_number("decline_pct_per_year", inp.decline_pct_per_year, low=0, high=99.9)
    years = check_number("years", inp.years, low=0, high=100)
    factor = 1 - rate / 100
    after = cost * factor**years
    halving = math.log(0.5) / math.log(factor)
    return CalcResult(
        tool="price_decline", title_en="Cost decline projection", title_ar="توقع انخفاض التكلفة",
        inputs=[Quantity("cost_usd", cost, "money"), Quantity("decline_pct_per_year", rate, "percent"),
                Quantity("years", years, "years")],
        outputs=[Quantity("cost_after_usd", after, "money", "cost after the period", "التكلفة بعد المدة"),
                 Quantity("halving_years", halving, "years", "years until the cost halves", "السنوات حتى تنخفض التكلفة للنصف")],
        formula_en="cost after n years = cost × (1 − rate)ⁿ; halving time = ln 0.5 ÷ ln(1 − rate)",
        formula_ar="التكلفة بعد n سنة = التكلفة × (1 − النسبة)ⁿ؛ زمن التنصيف = ln 0.5 ÷ ln(1 − النسبة)",
    )
