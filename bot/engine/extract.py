"""Offline parameter extraction: which number in a message is which calculator input.

Each number is classified by the words right around it (units, currency, cue words) in
English or Arabic. The result is a plain dict keyed by the calculators' field names;
nothing here knows which calculator will run.
"""

from __future__ import annotations

import re

from bot.engine.numbers import Mention, clean, find_numbers
from tools.catalogue import find_gpu, gpu_name_pattern

_GPU_NAME = re.compile(r"(?<![\w])(" + gpu_name_pattern() + r")s?(?![\w])", re.I)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


CURRENCY_BEFORE = _rx(r"(\$|usd|us\$|دولار)\s*$")
CURRENCY_AFTER = _rx(r"^\s*(\$|usd|dollars?|cents?|دولار(?:ات|ًا|ا)?|سنت)")
CENTS_AFTER = _rx(r"^\s*(cents?|سنت)")
PER_HOUR = _rx(r"^[^.;?!\d]{0,25}?(per\s+(gpu[\s-]?)?h(ou)?r|/\s*(gpu[\s-]?)?h(ou)?r|/\s*h\b|an?\s+hour|"
               r"gpu[\s-]?hour|hourly|للساعة|لكل\s+ساعة|في\s+الساعة|بالساعة|ساعة\s+gpu|لساعة)")
PER_KWH = _rx(r"^[^.;?!\d]{0,25}?(kwh|kw\s*h|كيلوواط[\s-]?ساعة|كيلو\s*واط\s*ساعة)")
PER_MTOK = _rx(r"^[^.;?!\d]{0,25}?(per\s+(1\s*m|million)\s+tokens|لكل\s+مليون)")
PERCENT_AFTER = _rx(r"^\s*(%|percent|في\s*المئة|بالمئة|بالمائة)")
POWER_AFTER = _rx(r"^\s*(w\b|watts?\b|واط|kw\b(?!h)|kilowatts?\b|كيلوواط(?!\s*ساعة))")
KW_AFTER = _rx(r"^\s*(kw\b|kilowatts?|كيلوواط)")
GPU_COUNT_AFTER = _rx(r"^\s*(x\s*)?(?:nvidia\s+)?(gpus?\b|gpu|وحدات|وحدة|بطاقات|بطاقة|كروت|معالجات|accelerators?\b|cards?\b|"
                      r"chips?\b|رقائق|شرائح|" + gpu_name_pattern() + r")", )
NODES_AFTER = _rx(r"^\s*(nodes?\b|servers?\b|عقد|عقدة|خوادم|خادم)")
HOURS_AFTER = _rx(r"^\s*(hours?\b|hrs?\b|h\b|ساعات|ساعة)")
DAYS_AFTER = _rx(r"^\s*(days?\b|أيام|ايام|يوم(?:ا|ًا)?)")
WEEKS_AFTER = _rx(r"^\s*(weeks?\b|أسابيع|اسابيع|أسبوع|اسبوع)")
MONTHS_AFTER = _rx(r"^\s*(months?\b|أشهر|اشهر|شهور|شهر(?:ا|ًا)?)")
YEARS_AFTER = _rx(r"^\s*(years?\b|yrs?\b|سنوات|سنة|سنين|أعوام|اعوام|عام(?:ا|ًا)?)")
TOKENS_AFTER = _rx(r"^\s*(tokens?\b|رموز|رمز(?:ا|ًا)?|توكن(?:ز)?|tok\b)")
PARAMS_AFTER = _rx(r"^\s*(param(?:eter)?s?\b|معاملات|معامل(?:ا|ًا)?|بارامتر(?:ات)?|weights?\b)")
MODEL_AFTER = _rx(r"^\s*(model|llm|نموذج|للنموذج)")
PER_SECOND = _rx(r"^[^.;?!\d]{0,20}?(per\s+sec(ond)?|/\s*s\b|/\s*sec|a\s+second|في\s+الثانية|بالثانية|لكل\s+ثانية|tok/s)")
PER_DAY = _rx(r"^[^.;?!\d]{0,20}?(per\s+day|a\s+day|/\s*day|daily|each\s+day|يوميا|يوميًا|في\s+اليوم|كل\s+يوم)")
PUE_BEFORE = _rx(r"pue\s*(of|=|:|is|at|of about|بقيمة|قدره|يساوي|تساوي|تبلغ|يبلغ|عند)?\s*$")
PUE_AFTER = _rx(r"^\s*pue\b")
AIR_NEAR = _rx(r"(air|هواء|بالهواء)")
LIQUID_NEAR = _rx(r"(liquid|سائل|السائل)")
MFU_NEAR = _rx(r"(mfu|efficien|كفاءة|بكفاءة|utili[sz]ation\s+of\s+peak|of\s+peak|من\s+الذروة)")
DISCOUNT_NEAR = _rx(r"(discount|off\b|خصم|تخفيض)")
DECLINE_NEAR = _rx(r"(fall|drop|declin|decreas|cheaper|down|تنخفض|انخفاض|انخفض|ينخفض|تتراجع|تراجع|تقل)")
UTIL_NEAR = _rx(r"(utili[sz]|busy|load|استخدام|الاستخدام|تشغيل|إشغال|اشغال)")
BUDGET_NEAR = _rx(r"(budget|ميزانية|ميزانيتي|have|spend|لدي|لدينا|أملك)")
GPU_PRICE_NEAR = _rx(r"(each|per\s+gpu|a\s+gpu|apiece|buy|purchase|للوحدة|الوحدة|سعر\s+الشراء|شراء|نشتري|اشتري|أشتري)")
REVENUE_NEAR = _rx(r"(revenue|income|profit|earn|إيراد|ايراد|دخل|ربح|أرباح)")
MONTHLY_NEAR = _rx(r"(month|monthly|شهر|شهري|شهريا|شهريًا)")
CAPEX_NEAR = _rx(r"(capex|invest|upfront|استثمار|نستثمر|رأسمالي|راسمالي)")
OPEX_NEAR = _rx(r"(opex|running|staff|maintenance|تشغيل|صيانة|رواتب)")
NETWORK_NEAR = _rx(r"(network|networking|switch|شبكة|الشبكة|شبكات)")
COOLING_NEAR = _rx(r"(cooling|تبريد|التبريد)")
DEPRECIATION_NEAR = _rx(r"(depreciat|amorti[sz]|useful\s+life|إهلاك|اهلاك|استهلاك\s+الأصول|عمر)")
HORIZON_NEAR = _rx(r"(horizon|over|within|خلال|على\s+مدى)")
FLOPS_PEAK_AFTER = _rx(r"^\s*(t|p)?flop/?s|^\s*(tflops|pflops)")

_PERIOD_WORDS = [
    (_rx(r"(?:for|over|during|in|a|one|لمدة|خلال|طوال)\s+(?:a|one|an|an entire|the)?\s*(?:full\s+)?year\b|"
         r"لمدة\s+(?:سنة|عام)|طوال\s+العام|لسنة|لعام\b"),
     8760.0),
    (_rx(r"(?:for|over|during|لمدة|خلال)\s+(?:a|one|the)?\s*month\b|لمدة\s+شهر|لشهر\b"), 730.0),
    (_rx(r"(?:for|over|during|a|one|لمدة|خلال)\s+(?:a|one|the)?\s*week\b|لمدة\s+أسبوع|لأسبوع"), 168.0),
    (_rx(r"(?:for|over|during|a|one|لمدة|خلال)\s+(?:a|one|the)?\s*(?:full\s+)?day\b|لمدة\s+يوم|ليوم\s+واحد|ليوم\b"),
     24.0),
]


def _near(text: str, m: Mention, pattern: re.Pattern[str], before: int = 40, after: int = 30) -> bool:
    return bool(pattern.search(text[max(0, m.start - before):m.start]) or
                pattern.search(text[m.end:m.end + after]))


def _classify_money(text: str, m: Mention, after: str, value: float, params: dict) -> None:
    if CENTS_AFTER.match(after):
        value /= 100
    rest = after[re.match(r"^\s*(\$|usd|dollars?|cents?|دولار(?:ات|ًا|ا)?|سنت)?", after, re.I).end():]
    if PER_KWH.match(rest):
        params["price_usd_per_kwh"] = value
    elif PER_MTOK.match(rest):
        params["target_usd_per_million_tokens"] = value
    elif PER_HOUR.match(rest):
        params["price_usd_per_gpu_hour"] = value
    elif _near(text, m, REVENUE_NEAR):
        params["monthly_net_revenue_usd"] = value
    elif _near(text, m, NETWORK_NEAR, 25, 20):
        params["network_capex_usd"] = value
    elif _near(text, m, COOLING_NEAR, 25, 20) and not _near(text, m, GPU_PRICE_NEAR, 25, 20):
        params["cooling_capex_usd"] = value
    elif _near(text, m, OPEX_NEAR, 25, 25):
        params["opex_usd_per_year"] = value
    elif _near(text, m, CAPEX_NEAR):
        params["capex_usd"] = value
    elif _near(text, m, BUDGET_NEAR):
        params["budget_usd"] = value
    elif _near(text, m, GPU_PRICE_NEAR, 40, 25) and value >= 500:
        params["gpu_price_usd"] = value
    elif _near(text, m, DECLINE_NEAR, 60, 60) or re.search(r"(costs?|تكلف|يكلف)\s*\$?\s*$", text[:m.start], re.I):
        params.setdefault("cost_usd", value)
        if value <= 50:
            params.setdefault("price_usd_per_gpu_hour", value)
    elif value <= 100:
        params["price_usd_per_gpu_hour"] = value
    elif value >= 5000 and _near(text, m, _rx(r"(gpu|h100|h200|b200|a100|وحدة)"), 30, 30):
        params["gpu_price_usd"] = value
    else:
        params["budget_usd"] = value


def _classify_percent(text: str, m: Mention, value: float, params: dict) -> None:
    if _near(text, m, DISCOUNT_NEAR, 30, 20):
        params["discount_pct"] = value
    elif _near(text, m, MFU_NEAR, 30, 25):
        params["mfu"] = value / 100
    elif _near(text, m, DECLINE_NEAR, 40, 30):
        params["decline_pct_per_year"] = value
    elif _near(text, m, UTIL_NEAR, 40, 30):
        params["utilisation_pct"] = value
    elif re.search(r"(train|تدريب)", text, re.I):
        params["mfu"] = value / 100
    else:
        params["percent"] = value


def extract_params(text: str) -> dict[str, float | str]:
    """Calculator inputs found in ``text``, by field name."""
    text = clean(text)
    params: dict[str, float | str] = {}
    gpu = _GPU_NAME.search(text)
    spec = find_gpu(gpu.group(1)) if gpu else None
    if spec:
        params["gpu"] = spec.key
    mentions = find_numbers(text)
    # numbers that are part of a GPU name ("H100", "GB200") are not quantities
    names = [(g.start(), g.end()) for g in _GPU_NAME.finditer(text)]
    mentions = [m for m in mentions if not any(s <= m.start < e for s, e in names)]
    for m in mentions:
        value = m.value
        before = text[max(0, m.start - 30):m.start]
        after = text[m.end:m.end + 60]
        if re.search(r"(per|/|لكل)\s*$", before, re.I):
            continue  # a rate's denominator ("per million tokens"), not a quantity
        if CURRENCY_BEFORE.search(before) or CURRENCY_AFTER.match(after):
            _classify_money(text, m, after, value, params)
        elif PERCENT_AFTER.match(after):
            _classify_percent(text, m, value, params)
        elif PUE_BEFORE.search(before) or PUE_AFTER.match(after):
            if _near(text, m, AIR_NEAR, 30, 15):
                params["pue_air"] = value
            elif _near(text, m, LIQUID_NEAR, 30, 15):
                params["pue_liquid"] = value
            else:
                params["pue"] = value
        elif POWER_AFTER.match(after):
            params["power_watts_per_gpu"] = value * (1000 if KW_AFTER.match(after) else 1)
        elif FLOPS_PEAK_AFTER.match(after):
            unit = FLOPS_PEAK_AFTER.match(after).group(0).strip().lower()
            scale = 1e12 if unit.startswith("t") else 1e15 if unit.startswith("p") else 1
            params["peak_flops_per_gpu"] = value * scale
        elif TOKENS_AFTER.match(after):
            rest = after[TOKENS_AFTER.match(after).end():]
            if PER_SECOND.match(rest):
                params["tokens_per_second_per_gpu"] = value
            elif PER_DAY.match(rest):
                params["tokens_per_day"] = value
            else:
                params["tokens"] = value
        elif PARAMS_AFTER.match(after) or (m.suffix == "b" and not TOKENS_AFTER.match(after)):
            params["parameters"] = value
        elif GPU_COUNT_AFTER.match(after):
            params["gpus"] = value
        elif NODES_AFTER.match(after):
            params["gpus"] = value * 8
        elif HOURS_AFTER.match(after):
            params["hours"] = value
        elif DAYS_AFTER.match(after):
            params["hours"] = value * 24
        elif WEEKS_AFTER.match(after):
            params["hours"] = value * 168
        elif MONTHS_AFTER.match(after):
            if _near(text, m, HORIZON_NEAR, 20, 0) and re.search(r"(roi|return|عائد|payback|استرداد)", text, re.I):
                params["horizon_months"] = value
            else:
                params["hours"] = value * 730
        elif YEARS_AFTER.match(after):
            if _near(text, m, DEPRECIATION_NEAR, 40, 30):
                params["depreciation_years"] = value
            elif _near(text, m, DECLINE_NEAR, 80, 40) or re.search(r"(after|in|بعد|خلال)\s*$", before, re.I):
                params["years"] = value
            else:
                params["hours"] = value * 8760
        elif m.suffix in ("t", "m", "k") and re.search(r"(train|تدريب)", text, re.I):
            params.setdefault("tokens", value)
        else:
            params.setdefault("_bare", value)
    if "hours" not in params:
        for pattern, hours in _PERIOD_WORDS:
            if pattern.search(text):
                params["hours"] = hours
                break
    quantities = {k for k in params if k not in ("gpu", "_bare", "percent")}
    if "gpu" in params and "gpus" not in params and quantities:
        # "an H100" / "one H100" / "وحدة H100" means one
        if re.search(r"\b(an?|one|single)\s+(nvidia\s+)?" + re.escape(gpu.group(1)), text, re.I):
            params["gpus"] = 1.0
    return params
