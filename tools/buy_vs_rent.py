"""Buy vs rent, the simple break-even people ask for: after how many hours (or months)
does buying cost less than renting the same GPUs? No depreciation period or utilisation
is assumed; for the full owned-cost view use the TCO calculator."""

from __future__ import annotations

from tools import defaults as d
from tools.errors import ToolInputError, missing
from tools.inputs import CAPEX, GPU_PRICE, GPUS, OPEX_PER_MONTH, PRICE_PER_GPU_HOUR, CalcInput, bounded
from tools.result import CalcResult, Quantity


class BuyVsRentInput(CalcInput):
    gpus: GPUS = None
    gpu_price_usd: GPU_PRICE = None  # purchase price of one GPU (or server)
    capex_usd: CAPEX = None  # total purchase price, when given as one sum
    price_usd_per_gpu_hour: PRICE_PER_GPU_HOUR = None  # rental price per GPU-hour
    # rental price per hour for the whole purchase (a node, a cluster)
    rent_usd_per_hour: bounded("rent_usd_per_hour", le=d.MAX_USD) = None
    rent_usd_per_month: bounded("rent_usd_per_month", le=d.MAX_USD) = None  # rental bill per month, same hardware
    opex_usd_per_month: OPEX_PER_MONTH = None  # running cost of owning per month (power, hosting, staff)


def _never(en: str, ar: str) -> ToolInputError:
    return ToolInputError("price_usd_per_gpu_hour", en, ar)


def buy_vs_rent(inp: BuyVsRentInput) -> CalcResult:
    gpus = inp.gpus if inp.gpus is not None else 1.0
    inputs: list[Quantity] = []
    if inp.capex_usd is not None:
        purchase = inp.capex_usd
        inputs.append(Quantity("capex_usd", purchase, "money"))
    elif inp.gpu_price_usd is not None:
        price = inp.gpu_price_usd
        purchase = gpus * price
        inputs += [Quantity("gpus", gpus, "count"), Quantity("gpu_price_usd", price, "money")]
    else:
        raise missing("gpu_price_usd")
    running = inp.opex_usd_per_month or 0.0
    if inp.rent_usd_per_month is None and inp.price_usd_per_gpu_hour is None and inp.rent_usd_per_hour is None:
        raise missing("price_usd_per_gpu_hour")
    outputs = [Quantity("purchase_usd", purchase, "money", "purchase price", "سعر الشراء")]
    if inp.rent_usd_per_month is not None:
        rent_month = inp.rent_usd_per_month
        inputs.append(Quantity("rent_usd_per_month", rent_month, "money"))
        if running:
            inputs.append(Quantity("opex_usd_per_month", running, "money"))
        if rent_month <= running:
            raise _never("Renting costs no more per month than running your own: buying never breaks even.",
                         "الاستئجار لا يكلف شهريًا أكثر من تشغيل وحداتك: الشراء لا يتعادل أبدًا.")
        months = purchase / (rent_month - running)
        outputs.append(Quantity("breakeven_months", months, "months", "months until buying beats renting",
                                "الأشهر حتى يتفوق الشراء على الاستئجار"))
        formula_en = "break-even months = purchase ÷ (monthly rent − monthly running cost of owning)"
        formula_ar = "أشهر التعادل = سعر الشراء ÷ (الإيجار الشهري − تكلفة التشغيل الشهرية عند الملكية)"
    else:
        if inp.rent_usd_per_hour is not None:
            rent_total = inp.rent_usd_per_hour
            inputs.append(Quantity("rent_usd_per_hour", rent_total, "money"))
        else:
            rent = inp.price_usd_per_gpu_hour
            inputs.append(Quantity("price_usd_per_gpu_hour", rent, "usd_per_gpu_hour"))
            rent_total = gpus * rent
        running_hour = running / d.HOURS_PER_MONTH
        if running:
            inputs.append(Quantity("opex_usd_per_month", running, "money"))
        saved_per_hour = rent_total - running_hour
        if saved_per_hour <= 0:
            raise _never("At this rental price renting stays cheaper than running your own: buying never breaks even.",
                         "عند هذا السعر يبقى الاستئجار أرخص من تشغيل وحداتك: الشراء لا يتعادل أبدًا.")
        hours = purchase / saved_per_hour
        outputs += [Quantity("breakeven_hours", hours, "hours", "hours of use until buying beats renting",
                             "ساعات الاستخدام حتى يتفوق الشراء على الاستئجار"),
                    Quantity("breakeven_months", hours / d.HOURS_PER_MONTH, "months",
                             "the same in months of round-the-clock use", "المدة نفسها بالأشهر عند التشغيل المتواصل")]
        formula_en = ("break-even hours = purchase ÷ (hourly rent of the same hardware"
                      + (" − running cost per hour)" if running else ")") + "; months = hours ÷ 730")
        formula_ar = ("ساعات التعادل = سعر الشراء ÷ (الإيجار بالساعة للعتاد نفسه"
                      + (" − تكلفة التشغيل للساعة)" if running else ")") + "؛ الأشهر = الساعات ÷ 730")
    return CalcResult(tool="buy_vs_rent", inputs=inputs, outputs=outputs, formula_en=formula_en, formula_ar=formula_ar,
                      notes_en=["Simple break-even: no resale value, financing or depreciation period assumed."],
                      notes_ar=["تعادل بسيط: دون قيمة إعادة بيع أو تمويل أو فترة إهلاك."])
