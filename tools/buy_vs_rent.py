"""Buy vs rent, the simple break-even people ask for: after how many hours (or months)
does buying cost less than renting the same GPUs? No depreciation period or utilisation
is assumed; for the full owned-cost view use the TCO calculator."""

from __future__ import annotations

from tools import defaults as d
from tools.errors import ToolInputError, check_number, missing
from tools.inputs import CalcInput
from tools.result import CalcResult, Quantity


class BuyVsRentInput(CalcInput):
    gpus: float | None = None
    gpu_price_usd: float | None = None  # purchase price of one GPU (or server)
    capex_usd: float | None = None  # total purchase price, when given as one sum
    price_usd_per_gpu_hour: float | None = None  # rental price per GPU-hour
    rent_usd_per_hour: float | None = None  # rental price per hour for the whole purchase (a node, a cluster)
    rent_usd_per_month: float | None = None  # rental bill per month for the same hardware
    opex_usd_per_month: float | None = None  # running cost of owning per month (power, hosting, staff)


def _never(en: str, ar: str) -> ToolInputError:
    return ToolInputError("price_usd_per_gpu_hour", en, ar)


def buy_vs_rent(inp: BuyVsRentInput) -> CalcResult:
    gpus = check_number("gpus", inp.gpus if inp.gpus is not None else 1.0, low=0, high=d.MAX_GPUS)
    inputs: list[Quantity] = []
    if inp.capex_usd is not None:
        purchase = check_number("capex_usd", inp.capex_usd, low=0, high=d.MAX_USD)
        inputs.append(Quantity("capex_usd", purchase, "money"))
    elif inp.gpu_price_usd is not None:
        price = check_number("gpu_price_usd", inp.gpu_price_usd, low=0, high=10_000_000)
        purchase = gpus * price
        inputs += [Quantity("gpus", gpus, "count"), Quantity("gpu_price_usd", price, "money")]
    else:
        raise missing("gpu_price_usd")
    running = check_number("opex_usd_per_month", inp.opex_usd_per_month or 0.0, low=0, high=d.MAX_USD,
                           low_inclusive=True)
    if inp.rent_usd_per_month is None and inp.price_usd_per_gpu_hour is None and inp.rent_usd_per_hour is None:
        raise missing("price_usd_per_gpu_hour")
    outputs = [Quantity("purchase_usd", purchase, "money", "purchase price", "سعر الشراء")]
    if inp.rent_usd_per_month is not None:
        rent_month = check_number("rent_usd_per_month", inp.rent_usd_per_month, low=0, high=d.MAX_USD)
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
            rent_total = check_number("rent_usd_per_hour", inp.rent_usd_per_hour, low=0, high=d.MAX_USD)
            inputs.append(Quantity("rent_usd_per_hour", rent_total, "money"))
        else:
            rent = check_number("price_usd_per_gpu_hour", inp.price_usd_per_gpu_hour, low=0,
                                high=d.MAX_PRICE_USD_PER_GPU_HOUR)
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
