"""Each calculator's title in both languages: shown above its result and in the question the
engine asks when a value is missing."""

from __future__ import annotations

TITLES: dict[str, tuple[str, str]] = {
    "buy_vs_rent": ("Buy vs rent: break-even", "الشراء مقابل الاستئجار: نقطة التعادل"),
    "inference_cost": ("Inference cost per million tokens", "تكلفة الاستدلال لكل مليون رمز"),
    "inference_capacity": ("Serving capacity", "سعة الخدمة"),
    "payback": ("Payback and ROI", "فترة الاسترداد والعائد على الاستثمار"),
    "electricity_cost": ("Power and electricity", "القدرة والكهرباء"),
    "cooling_comparison": ("Air vs liquid cooling", "التبريد بالهواء مقابل التبريد السائل"),
    "rental_cost": ("GPU rental cost", "تكلفة استئجار وحدات GPU"),
    "budget_to_gpu_hours": ("What a budget buys", "ما تشتريه الميزانية"),
    "total_cost_of_ownership": ("Total cost of ownership (owned GPUs)", "التكلفة الإجمالية للملكية (وحدات GPU مملوكة)"),
    "training_compute": ("Training compute", "حوسبة التدريب"),
    "price_decline": ("Cost decline projection", "توقع انخفاض التكلفة"),
}


def title(tool: str, lang: str) -> str:
    en, ar = TITLES[tool]
    return ar if lang == "ar" else en
