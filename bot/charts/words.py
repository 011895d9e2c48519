"""Every word a chart shows, in English and Arabic, in one table."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # axes
    "usd": ("USD", "دولار"),
    "usd_millions": ("million USD", "مليون دولار"),
    "usd_billions": ("billion USD", "مليار دولار"),
    "cumulative_cost": ("Cumulative cost", "التكلفة التراكمية"),
    "months": ("Months", "الأشهر"),
    "months_of_use": ("Months of round-the-clock use", "أشهر التشغيل المتواصل"),
    "hours_of_use": ("Hours of use", "ساعات الاستخدام"),
    "years": ("Years from now", "السنوات من الآن"),
    "price": ("Price", "السعر"),
    "pct_of_today": ("% of today's price", "٪ من السعر الحالي"),
    "cost_per_year": ("Cost per year", "التكلفة السنوية"),
    "cost": ("Cost", "التكلفة"),
    "duration_hours": ("Duration (hours)", "المدة (ساعات)"),
    "gpus": ("Number of GPUs", "عدد وحدات GPU"),
    "days": ("Wall-clock days", "الأيام الفعلية"),
    "energy_cost_year": ("Electricity cost per year", "تكلفة الكهرباء السنوية"),
    "energy_cost_hours": ("Electricity cost over {hours} hours", "تكلفة الكهرباء خلال {hours} ساعة"),
    # series and markers
    "owning": ("Buying (purchase + running costs)", "الشراء (سعر الشراء + تكاليف التشغيل)"),
    "renting": ("Renting", "الاستئجار"),
    "breakeven": ("Break-even: {x}", "نقطة التعادل: {x}"),
    "value": ("Price at {rate} a year lower", "السعر مع انخفاض {rate} سنويًا"),
    "halving": ("Halves after {years} years", "ينخفض للنصف بعد {years} سنة"),
    "after_years": ("After {years} years: {value}", "بعد {years} سنة: {value}"),
    "capital": ("Capital (depreciation)", "رأس المال (الإهلاك)"),
    "electricity": ("Electricity", "الكهرباء"),
    "other_running": ("Other running costs", "تكاليف تشغيل أخرى"),
    "running": ("Running costs (incl. electricity)", "تكاليف التشغيل (مع الكهرباء)"),
    "electricity_share": ("Electricity: {share} of TCO", "الكهرباء: {share} من التكلفة الإجمالية"),
    "total_per_year": ("Total {value} per year", "الإجمالي {value} سنويًا"),
    "gpus_n": ("{n} GPUs", "{n} وحدة GPU"),
    "your_plan": ("Your plan: {value}", "خطتك: {value}"),
    "same_cost": ("Same compute cost at any GPU count: {value}", "تكلفة الحوسبة نفسها بأي عدد من الوحدات: {value}"),
    "air": ("Air cooling (PUE {pue})", "تبريد بالهواء (PUE {pue})"),
    "liquid": ("Liquid cooling (PUE {pue})", "تبريد سائل (PUE {pue})"),
    "saving": ("Liquid saves\n{value}\n({share})", "التبريد السائل يوفر\n{value}\n({share})"),
    # titles
    "title_buy_rent": ("Buy vs rent: cumulative cost", "الشراء مقابل الاستئجار: التكلفة التراكمية"),
    "title_decline": ("Price decline over the years", "انخفاض السعر عبر السنوات"),
    "title_tco": ("Where the money goes: TCO per year", "أين يذهب المال: التكلفة الإجمالية السنوية"),
    "title_rental": ("Rental cost by duration and GPU count", "تكلفة الاستئجار حسب المدة وعدد الوحدات"),
    "title_training": ("Training time by GPU count", "مدة التدريب حسب عدد الوحدات"),
    "title_cooling": ("Air vs liquid cooling", "التبريد بالهواء مقابل التبريد السائل"),
    # captions
    "caption_buy_rent": ("Buying beats renting after {x}.", "يتفوق الشراء على الاستئجار بعد {x}."),
    "caption_decline": ("At {rate} a year the price halves in {years} years.",
                        "بانخفاض {rate} سنويًا ينخفض السعر للنصف خلال {years} سنة."),
    "caption_tco": ("TCO {value} a year; electricity {share} of it.",
                    "التكلفة الإجمالية {value} سنويًا؛ الكهرباء {share} منها."),
    "caption_tco_no_power": ("TCO {value} a year (electricity inside running costs).",
                             "التكلفة الإجمالية {value} سنويًا (الكهرباء ضمن تكاليف التشغيل)."),
    "caption_rental": ("{gpus} GPUs for {hours} hours: {value}.", "{gpus} وحدة GPU لمدة {hours} ساعة: {value}."),
    "caption_training": ("{days} days on {gpus} GPUs.", "{days} يومًا على {gpus} وحدة GPU."),
    "caption_training_no_gpus": ("Wall-clock days by GPU count ({hours} GPU-hours).",
                                 "الأيام الفعلية حسب عدد الوحدات ({hours} ساعة GPU)."),
    "caption_cooling": ("Liquid cooling saves {value} ({share}).", "التبريد السائل يوفر {value} ({share})."),
    "months_value": ("{n} months", "{n} شهر"),
    "hours_value": ("{n} hours (≈ {m} months)", "{n} ساعة (≈ {m} شهر)"),
}


def word(key: str, lang: str, **values: str) -> str:
    en, ar = WORDS[key]
    return (ar if lang == "ar" else en).format(**values)
