"""GPU rental: cost of GPUs × hours at a price per GPU-hour, and the inverse questions."""

from __future__ import annotations

from tools.defaults import MAX_GPUS, MAX_HOURS, MAX_USD
from tools.errors import ToolInputError
from tools.inputs import GPUS, HOURS, PRICE_PER_GPU_HOUR, CalcInput, bounded, need
from tools.result import CalcResult, Quantity


class RentalInput(CalcInput):
    gpus: GPUS = None
    hours: HOURS = None
    price_usd_per_gpu_hour: PRICE_PER_GPU_HOUR = None
    discount_pct: bounded("discount_pct", ge=0, le=99) = None
    # the question asks only how many GPU-hours ("how many GPU-hours is 24 GPUs for 9 days?"): no price needed
    gpu_hours_only: bool = False


class BudgetInput(CalcInput):
    budget_usd: bounded("budget_usd", le=MAX_USD) = None
    price_usd_per_gpu_hour: PRICE_PER_GPU_HOUR = None
    gpus: GPUS = None


def rental_cost(inp: RentalInput) -> CalcResult:
    gpus = need("gpus", inp.gpus)
    hours = need("hours", inp.hours)
    if inp.gpu_hours_only and inp.price_usd_per_gpu_hour is None:
        return CalcResult(
            tool="rental_cost", inputs=[Quantity("gpus", gpus, "count"), Quantity("hours", hours, "hours")],
            outputs=[Quantity("gpu_hours", gpus * hours, "hours", "GPU-hours", "ساعات GPU")],
            formula_en="GPU-hours = GPUs × hours", formula_ar="ساعات GPU = عدد وحدات GPU × عدد الساعات",
            notes_en=["With a price per GPU-hour I can give the cost too."],
            notes_ar=["مع سعر ساعة GPU أستطيع حساب التكلفة أيضًا."])
    price = need("price_usd_per_gpu_hour", inp.price_usd_per_gpu_hour)
    discount = inp.discount_pct or 0.0
    gpu_hours = gpus * hours
    gross = gpu_hours * price
    total = gross * (1 - discount / 100)
    inputs = [Quantity("gpus", gpus, "count"), Quantity("hours", hours, "hours"),
              Quantity("price_usd_per_gpu_hour", price, "usd_per_gpu_hour")]
    outputs = [Quantity("gpu_hours", gpu_hours, "hours", "GPU-hours", "ساعات GPU")]
    if discount:
        inputs.append(Quantity("discount_pct", discount, "percent"))
        outputs.append(Quantity("gross_usd", gross, "money", "cost before discount", "التكلفة قبل الخصم"))
    outputs.append(Quantity("cost_usd", total, "money", "total cost", "التكلفة الإجمالية"))
    disc_en = " × (1 − discount)" if discount else ""
    disc_ar = " × (1 − الخصم)" if discount else ""
    return CalcResult(
        tool="rental_cost", inputs=inputs, outputs=outputs,
        formula_en=f"cost = GPUs × hours × price per GPU-hour{disc_en}",
        formula_ar=f"التكلفة = عدد وحدات GPU × عدد الساعات × سعر ساعة GPU{disc_ar}",
    )


def budget_to_gpu_hours(inp: BudgetInput) -> CalcResult:
    """How many GPU-hours a budget buys; with a GPU count, how many days that lasts."""
    budget = need("budget_usd", inp.budget_usd)
    price = need("price_usd_per_gpu_hour", inp.price_usd_per_gpu_hour)
    gpu_hours = budget / price
    inputs = [Quantity("budget_usd", budget, "money"), Quantity("price_usd_per_gpu_hour", price, "usd_per_gpu_hour")]
    outputs = [Quantity("gpu_hours", gpu_hours, "hours", "GPU-hours", "ساعات GPU")]
    formula_en, formula_ar = "GPU-hours = budget ÷ price per GPU-hour", "ساعات GPU = الميزانية ÷ سعر ساعة GPU"
    if inp.gpus is not None:
        gpus = inp.gpus
        inputs.append(Quantity("gpus", gpus, "count"))
        hours = gpu_hours / gpus
        outputs += [Quantity("hours", hours, "hours", "wall-clock hours", "الساعات الفعلية"),
                    Quantity("days", hours / 24, "days", "days", "الأيام")]
        formula_en += "; days = GPU-hours ÷ GPUs ÷ 24"
        formula_ar += "؛ الأيام = ساعات GPU ÷ عدد وحدات GPU ÷ 24"
    if gpu_hours > MAX_HOURS * MAX_GPUS:
        raise ToolInputError("budget_usd", "That budget is outside the plausible range.", "الميزانية خارج النطاق المعقول.")
    return CalcResult(tool="budget_to_gpu_hours", inputs=inputs, outputs=outputs, formula_en=formula_en, formula_ar=formula_ar)
