"""Price decline projection: a cost falling x% a year, after n years, and its halving time."""

from __future__ import annotations

import math

from tools import defaults as d
from tools.inputs import CalcInput, bounded, need
from tools.result import CalcResult, Quantity


class DeclineInput(CalcInput):
    cost_usd: bounded("cost_usd", le=d.MAX_USD) = None
    # at least 0.001% a year (a halving time of about 69,000 years): a vanishing rate would make ln(1 − rate) zero
    decline_pct_per_year: bounded("decline_pct_per_year", ge=0.001, le=99.9) = None
    years: bounded("years", le=100) = None


def price_decline(inp: DeclineInput) -> CalcResult:
    """The halving time needs only the rate; a value after n years is added when both the value
    and n are known (either alone is not enough for it, and the halving time still answers)."""
    rate = need("decline_pct_per_year", inp.decline_pct_per_year)
    factor = 1 - rate / 100
    halving = math.log(0.5) / math.log1p(-rate / 100)
    inputs = [Quantity("decline_pct_per_year", rate, "percent")]
    outputs = []
    formula_en, formula_ar = "halving time = ln 0.5 ÷ ln(1 − rate)", "زمن التنصيف = ln 0.5 ÷ ln(1 − النسبة)"
    if inp.cost_usd is not None and inp.years is not None:
        cost, years = inp.cost_usd, inp.years
        inputs = [Quantity("cost_usd", cost, "money"), *inputs, Quantity("years", years, "years")]
        outputs.append(Quantity("cost_after_usd", cost * factor**years, "money", "cost after the period",
                                "التكلفة بعد المدة"))
        formula_en = "cost after n years = cost × (1 − rate)ⁿ; " + formula_en
        formula_ar = "التكلفة بعد n سنة = التكلفة × (1 − النسبة)ⁿ؛ " + formula_ar
    outputs.append(Quantity("halving_years", halving, "years", "years until the cost halves",
                            "السنوات حتى تنخفض التكلفة للنصف"))
    return CalcResult(
        tool="price_decline", inputs=inputs, outputs=outputs, formula_en=formula_en, formula_ar=formula_ar,
    )
