"""Every calculator by name, with its input model and bilingual description.

The engine and the LangChain tools both go through ``run``; nothing else needs to know
which module holds which calculator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from tools.buy_vs_rent import BuyVsRentInput, buy_vs_rent
from tools.errors import ToolInputError, from_validation
from tools.inference import InferenceCapacityInput, InferenceCostInput, inference_capacity, inference_cost
from tools.inputs import CalcInput
from tools.payback import PaybackInput, payback
from tools.power import CoolingInput, PowerInput, cooling_comparison, electricity_cost
from tools.rental import BudgetInput, RentalInput, budget_to_gpu_hours, rental_cost
from tools.result import CalcResult
from tools.tco import TcoInput, total_cost_of_ownership
from tools.training import TrainingInput, training_compute
from tools.trends import DeclineInput, price_decline


@dataclass(frozen=True)
class ToolSpec:
    name: str
    input_model: type[CalcInput]
    fn: Callable[[Any], CalcResult]
    description_en: str
    description_ar: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.input_model.model_fields)


TOOLS: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in [
        ToolSpec("rental_cost", RentalInput, rental_cost,
                 "Cost of renting GPUs: GPUs × hours × price per GPU-hour (optional discount %).",
                 "تكلفة استئجار وحدات GPU: العدد × الساعات × سعر ساعة GPU (مع خصم اختياري)."),
        ToolSpec("budget_to_gpu_hours", BudgetInput, budget_to_gpu_hours,
                 "GPU-hours a budget buys at a price; with a GPU count, how many days it lasts.",
                 "عدد ساعات GPU التي تشتريها ميزانية بسعر معيَّن، وعدد الأيام مع عدد وحدات محدد."),
        ToolSpec("training_compute", TrainingInput, training_compute,
                 "Training FLOPs = 6·N·D; GPU-hours, days and cost for a GPU type, MFU, GPU count and price.",
                 "عمليات التدريب = 6 × المعاملات × الرموز؛ وساعات GPU والأيام والتكلفة."),
        ToolSpec("inference_cost", InferenceCostInput, inference_cost,
                 "Inference cost per million tokens from price per GPU-hour and tokens/s per GPU.",
                 "تكلفة الاستدلال لكل مليون رمز من سعر ساعة GPU والإنتاجية بالرموز في الثانية."),
        ToolSpec("inference_capacity", InferenceCapacityInput, inference_capacity,
                 "Tokens/s and GPUs needed to serve a daily token volume.",
                 "الإنتاجية وعدد وحدات GPU اللازمة لخدمة حجم يومي من الرموز."),
        ToolSpec("electricity_cost", PowerInput, electricity_cost,
                 "Facility energy and electricity cost: GPUs × board power × server factor × share × PUE × hours × $/kWh.",
                 "طاقة المنشأة وتكلفة الكهرباء لعدد من وحدات GPU."),
        ToolSpec("cooling_comparison", CoolingInput, cooling_comparison,
                 "Electricity cost of the same GPUs with air cooling vs liquid cooling (two PUE values).",
                 "مقارنة تكلفة الكهرباء بين التبريد بالهواء والتبريد السائل."),
        ToolSpec("total_cost_of_ownership", TcoInput, total_cost_of_ownership,
                 "TCO of owned GPUs per year, electricity share, owned cost per GPU-hour, buy-vs-rent break-even.",
                 "التكلفة الإجمالية لملكية وحدات GPU وحصة الكهرباء ونقطة التعادل بين الشراء والاستئجار."),
        ToolSpec("buy_vs_rent", BuyVsRentInput, buy_vs_rent,
                 "Buy vs rent break-even: hours (or months) until a purchase costs less than renting the same GPUs.",
                 "نقطة التعادل بين الشراء والاستئجار: الساعات أو الأشهر حتى يصبح الشراء أرخص."),
        ToolSpec("payback", PaybackInput, payback,
                 "Payback months and simple ROI from upfront capex and monthly net revenue.",
                 "فترة الاسترداد والعائد البسيط من الاستثمار الأولي وصافي الإيراد الشهري."),
        ToolSpec("price_decline", DeclineInput, price_decline,
                 "A cost falling x% per year: cost after n years and years until it halves.",
                 "تكلفة تنخفض بنسبة سنوية: قيمتها بعد عدد من السنوات وزمن تنصيفها."),
    ]
}


def run(name: str, params: dict[str, Any]) -> CalcResult:
    """Run a calculator on a parameter dict; unknown keys are ignored."""
    spec = TOOLS[name]
    known = {k: v for k, v in params.items() if k in spec.fields and v is not None}
    try:
        inp = spec.input_model(**known)
    except ValidationError as exc:  # out of its Field range, not finite, or a word where a number belongs
        error = exc.errors()[0]
        raise from_validation(str(error["loc"][0]), error) from None
    return spec.fn(inp)


def missing_fields(name: str, params: dict[str, Any]) -> list[str]:
    """Required values still missing, discovered by running the calculator (one at a time)."""
    try:
        run(name, params)
    except ToolInputError as exc:
        return [exc.field] if exc.missing else []
    return []
