"""Bilingual names and units of every calculator field, in one place.

Field names carry their unit (``price_usd_per_gpu_hour``); this table gives the
words users read in each language.
"""

from __future__ import annotations

# field -> (English label, Arabic label)
LABELS: dict[str, tuple[str, str]] = {
    "gpus": ("number of GPUs", "عدد وحدات GPU"),
    "hours": ("duration in hours", "المدة بالساعات"),
    "price_usd_per_gpu_hour": ("price per GPU-hour (USD)", "سعر ساعة GPU (دولار)"),
    "discount_pct": ("discount (%)", "الخصم (%)"),
    "budget_usd": ("budget (USD)", "الميزانية (دولار)"),
    "parameters": ("number of model parameters", "عدد معاملات النموذج"),
    "tokens": ("number of training tokens", "عدد رموز التدريب"),
    "flops_per_parameter_token": ("FLOPs per parameter per token", "عدد العمليات لكل معامل ولكل رمز"),
    "peak_flops_per_gpu": ("peak dense BF16 FLOP/s per GPU", "ذروة الأداء BF16 لكل GPU (عملية/ثانية)"),
    "mfu": ("model FLOPs utilisation (MFU)", "نسبة الاستفادة من الحوسبة (MFU)"),
    "tokens_per_second_per_gpu": ("throughput in tokens per second per GPU", "الإنتاجية بالرموز في الثانية لكل GPU"),
    "gpus_per_replica": ("GPUs per model replica", "عدد وحدات GPU لكل نسخة من النموذج"),
    "tokens_per_day": ("tokens per day", "عدد الرموز يوميًا"),
    "power_watts_per_gpu": ("board power per GPU (W)", "قدرة اللوحة لكل GPU (واط)"),
    "server_overhead_factor": ("chip-to-server power factor", "معامل قدرة الخادم إلى الشريحة"),
    "utilisation_share": ("average share of board power drawn", "متوسط نسبة القدرة المستهلكة"),
    "pue": ("PUE", "فعالية استخدام الطاقة (PUE)"),
    "pue_air": ("PUE with air cooling", "PUE مع التبريد بالهواء"),
    "pue_liquid": ("PUE with liquid cooling", "PUE مع التبريد السائل"),
    "price_usd_per_kwh": ("electricity price (USD per kWh)", "سعر الكهرباء (دولار لكل كيلوواط ساعة)"),
    "gpu_price_usd": ("purchase price per GPU (USD)", "سعر شراء GPU الواحدة (دولار)"),
    "network_capex_usd": ("network capex (USD)", "الإنفاق الرأسمالي على الشبكة (دولار)"),
    "cooling_capex_usd": ("cooling capex (USD)", "الإنفاق الرأسمالي على التبريد (دولار)"),
    "other_capex_usd": ("other capex (USD)", "إنفاق رأسمالي آخر (دولار)"),
    "depreciation_years": ("depreciation period (years)", "فترة الإهلاك (سنوات)"),
    "opex_usd_per_year": ("other running costs per year (USD)", "تكاليف تشغيل أخرى سنويًا (دولار)"),
    "utilisation_pct": ("utilisation (%)", "نسبة الاستخدام (%)"),
    "capex_usd": ("upfront investment (USD)", "الاستثمار الأولي (دولار)"),
    "monthly_net_revenue_usd": ("net revenue per month (USD)", "صافي الإيراد الشهري (دولار)"),
    "horizon_months": ("horizon (months)", "الأفق الزمني (أشهر)"),
    "cost_usd": ("current cost (USD)", "التكلفة الحالية (دولار)"),
    "decline_pct_per_year": ("yearly decline (%)", "نسبة الانخفاض السنوي (%)"),
    "years": ("number of years", "عدد السنوات"),
    "gpu": ("GPU model", "طراز GPU"),
    "rent_usd_per_hour": ("rent per hour for the same hardware (USD)", "الإيجار بالساعة للعتاد نفسه (دولار)"),
    "rent_usd_per_month": ("rental cost per month (USD)", "الإيجار الشهري (دولار)"),
    "opex_usd_per_month": ("running cost per month (USD)", "تكلفة التشغيل الشهرية (دولار)"),
}


def label(field: str) -> tuple[str, str]:
    return LABELS.get(field, (field.replace("_", " "), field.replace("_", " ")))
