"""Total cost of ownership of owned GPUs, the electricity share of it, cost per GPU-hour
of owned hardware, and the buy-vs-rent break-even."""

from __future__ import annotations

from tools import defaults as d
from tools.defaults import Assumption
from tools.errors import missing
from tools.inputs import GPU_PRICE, OPEX_PER_MONTH, PRICE_PER_GPU_HOUR, bounded, need
from tools.power import PowerFigures, PowerInput, power_figures
from tools.result import CalcResult, Quantity


class TcoInput(PowerInput):
    gpu_price_usd: GPU_PRICE = None
    network_capex_usd: bounded("network_capex_usd", ge=0, le=d.MAX_USD) = None
    cooling_capex_usd: bounded("cooling_capex_usd", ge=0, le=d.MAX_USD) = None
    other_capex_usd: bounded("other_capex_usd", ge=0, le=d.MAX_USD) = None
    depreciation_years: bounded("depreciation_years", le=30) = None
    opex_usd_per_year: bounded("opex_usd_per_year", ge=0, le=d.MAX_USD) = None
    utilisation_pct: bounded("utilisation_pct", le=100) = None
    price_usd_per_gpu_hour: PRICE_PER_GPU_HOUR = None  # rental price to compare against
    opex_usd_per_month: OPEX_PER_MONTH = None  # running cost stated per month (adds to the yearly one)
    years: bounded("years", le=30) = None  # horizon: total cost over this many years


def total_cost_of_ownership(inp: TcoInput) -> CalcResult:
    extra = {f: getattr(inp, f) or 0.0
             for f in ("network_capex_usd", "cooling_capex_usd", "other_capex_usd", "opex_usd_per_year")}
    # "a $400k cluster plus $6,500 a month over 5 years": the hardware as one sum, with no GPU count or price
    whole = inp.gpus is None and inp.gpu_price_usd is None and inp.power_watts_per_gpu is None and \
        extra["network_capex_usd"] + extra["cooling_capex_usd"] + extra["other_capex_usd"] > 0
    gpus = 0.0 if whole else need("gpus", inp.gpus)
    gpu_price = 0.0 if whole else need("gpu_price_usd", inp.gpu_price_usd)
    used: list[Assumption] = []
    years = inp.depreciation_years
    if years is None:
        years, _ = (inp.years or d.DEPRECIATION_YEARS.value), used.append(d.DEPRECIATION_YEARS)
    util = inp.utilisation_pct
    if util is None:
        util, _ = d.UTILISATION_PCT.value, used.append(d.UTILISATION_PCT)
    monthly = inp.opex_usd_per_month or 0.0
    extra["opex_usd_per_year"] += monthly * 12
    horizon = inp.years
    if horizon is not None and inp.depreciation_years is None:
        years = horizon  # "over 3 years": the hardware is written off over the horizon asked about
        used = [a for a in used if a is not d.DEPRECIATION_YEARS]
    notes_en: list[str] = []
    notes_ar: list[str] = []
    if whole:
        power = PowerFigures(0.0, 0.0, 0.0)
        notes_en.append("The hardware is one sum with no GPU count: electricity is taken to be in the running cost "
                        "you stated, and there is no cost per GPU-hour.")
        notes_ar.append("العتاد مبلغ واحد دون عدد الوحدات: اعتُبرت الكهرباء ضمن تكلفة التشغيل التي ذكرتها، ولا تُحسب "
                        "تكلفة ساعة GPU.")
    elif inp.power_watts_per_gpu is None and (inp.gpu is None or extra["opex_usd_per_year"]):
        if not extra["opex_usd_per_year"]:
            raise missing("power_watts_per_gpu")
        # a stated running cost with no power figure: electricity is taken to be part of it
        power = PowerFigures(0.0, 0.0, 0.0)
        notes_en.append("No power figure given: electricity is taken to be included in the running cost you stated.")
        notes_ar.append("لم تُذكر القدرة: اعتُبرت الكهرباء ضمن تكلفة التشغيل التي ذكرتها.")
    else:
        power, power_used = power_figures(inp.model_copy(update={"hours": d.HOURS_PER_YEAR.value}))
        used += [a for a in power_used if a.field != "hours"]

    capex = gpus * gpu_price + extra["network_capex_usd"] + extra["cooling_capex_usd"] + extra["other_capex_usd"]
    capex_per_year = capex / years
    tco_year = capex_per_year + power.cost_usd + extra["opex_usd_per_year"]
    used_gpu_hours = gpus * d.HOURS_PER_YEAR.value * util / 100
    per_gpu_hour = tco_year / used_gpu_hours if used_gpu_hours else None

    inputs = [] if whole else [Quantity("gpus", gpus, "count"), Quantity("gpu_price_usd", gpu_price, "money")]
    inputs += [Quantity(f, v, "money") for f, v in extra.items() if v]
    inputs += [Quantity("depreciation_years", years, "years")]
    if not whole:
        inputs.append(Quantity("utilisation_pct", util, "percent"))
    else:
        used = [a for a in used if a is not d.UTILISATION_PCT]
    outputs = [
        Quantity("capex_usd", capex, "money", "total capex", "إجمالي الإنفاق الرأسمالي"),
        Quantity("capex_usd_per_year", capex_per_year, "money", "depreciation per year", "الإهلاك السنوي"),
        Quantity("electricity_usd_per_year", power.cost_usd, "money", "electricity per year", "الكهرباء سنويًا"),
        Quantity("tco_usd_per_year", tco_year, "money", "total cost of ownership per year", "التكلفة الإجمالية للملكية سنويًا"),
        Quantity("electricity_share_pct", power.cost_usd / tco_year * 100, "percent",
                 "electricity share of TCO", "حصة الكهرباء من التكلفة الإجمالية"),
    ]
    if not power.cost_usd:  # electricity is inside the stated running cost: no separate line
        outputs = [q for q in outputs if not q.field.startswith("electricity")]
    if per_gpu_hour is not None:
        outputs.append(Quantity("cost_usd_per_gpu_hour", per_gpu_hour, "usd_per_gpu_hour",
                                "owned cost per used GPU-hour", "تكلفة ساعة GPU المستخدمة عند الملكية"))
    formula_en = ("TCO/year = capex ÷ depreciation years + electricity/year + other running costs; "
                  "electricity share = electricity ÷ TCO; cost per GPU-hour = TCO ÷ (GPUs × 8760 × utilisation)")
    formula_ar = ("التكلفة السنوية = الإنفاق الرأسمالي ÷ سنوات الإهلاك + الكهرباء السنوية + تكاليف التشغيل الأخرى؛ "
                  "حصة الكهرباء = الكهرباء ÷ التكلفة الإجمالية؛ تكلفة الساعة = التكلفة ÷ (الوحدات × 8760 × نسبة الاستخدام)")
    if horizon is not None:
        running_year = power.cost_usd + extra["opex_usd_per_year"]
        inputs.append(Quantity("years", horizon, "years"))
        outputs.append(Quantity("total_cost_usd", capex + running_year * horizon, "money",
                                f"total cost over {horizon:g} years", f"التكلفة الإجمالية خلال {horizon:g} سنوات"))
        formula_en += "; total over the horizon = capex + running costs per year × years"
        formula_ar += "؛ الإجمالي خلال الأفق = الإنفاق الرأسمالي + تكاليف التشغيل السنوية × السنوات"
    if inp.price_usd_per_gpu_hour is not None and not whole:
        rent = inp.price_usd_per_gpu_hour
        inputs.append(Quantity("price_usd_per_gpu_hour", rent, "usd_per_gpu_hour", "rental price to compare",
                               "سعر الاستئجار للمقارنة"))
        breakeven_util = tco_year / (gpus * d.HOURS_PER_YEAR.value * rent) * 100
        outputs.append(Quantity("breakeven_utilisation_pct", breakeven_util, "percent",
                                "break-even utilisation (owning is cheaper above it)",
                                "نسبة الاستخدام للتعادل (الملكية أرخص فوقها)"))
        monthly_rent = used_gpu_hours * rent / 12
        monthly_running = (power.cost_usd + extra["opex_usd_per_year"]) / 12
        if monthly_rent > monthly_running:
            outputs.append(Quantity("breakeven_months", capex / (monthly_rent - monthly_running), "months",
                                    "months until buying beats renting", "الأشهر حتى يتفوق الشراء على الاستئجار"))
        else:
            notes_en.append("At this rental price and utilisation, renting stays cheaper: owning never breaks even.")
            notes_ar.append("عند هذا السعر ونسبة الاستخدام يبقى الاستئجار أرخص: لا تتعادل الملكية أبدًا.")
        formula_en += ("; break-even utilisation = TCO ÷ (GPUs × 8760 × rental price); "
                       "break-even months = capex ÷ (monthly rent avoided − monthly running costs)")
        formula_ar += ("؛ نسبة التعادل = التكلفة ÷ (الوحدات × 8760 × سعر الاستئجار)؛ "
                       "أشهر التعادل = الإنفاق الرأسمالي ÷ (الإيجار الشهري الموفَّر − تكاليف التشغيل الشهرية)")
    return CalcResult(tool="total_cost_of_ownership", inputs=inputs, outputs=outputs,
                      assumptions=used, formula_en=formula_en, formula_ar=formula_ar,
                      notes_en=notes_en, notes_ar=notes_ar)
