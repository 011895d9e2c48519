"""Power and electricity: facility energy = IT power × PUE × hours, with IT power built
from per-GPU board power (Epoch AI's energy model), and air vs liquid cooling."""

from __future__ import annotations

from dataclasses import dataclass

from tools import defaults as d
from tools.defaults import Assumption
from tools.errors import missing
from tools.inputs import GPUS, HOURS, CalcInput, bounded, need, resolve_gpu
from tools.result import CalcResult, Quantity


class PowerInput(CalcInput):
    gpus: GPUS = None
    gpu: str | None = None
    power_watts_per_gpu: bounded("power_watts_per_gpu", le=20_000) = None
    server_overhead_factor: bounded("server_overhead_factor", ge=1, le=5) = None
    utilisation_share: bounded("utilisation_share", le=1) = None
    pue: bounded("pue", ge=1, le=3) = None
    hours: HOURS = None
    price_usd_per_kwh: bounded("price_usd_per_kwh", le=10) = None


class CoolingInput(PowerInput):
    pue_air: bounded("pue_air", ge=1, le=3) = None
    pue_liquid: bounded("pue_liquid", ge=1, le=3) = None


@dataclass(frozen=True)
class PowerFigures:
    it_kw: float
    facility_kwh: float
    cost_usd: float


def _or_default(value: float | None, default: Assumption, used: list[Assumption]) -> float:
    if value is None:
        used.append(default)
        return default.value
    return value


def _it_power(inp: PowerInput, used: list[Assumption], inputs: list[Quantity]) -> tuple[float, list[str]]:
    gpus = need("gpus", inp.gpus)
    spec = resolve_gpu(inp.gpu)
    watts = inp.power_watts_per_gpu if inp.power_watts_per_gpu is not None else (spec.power_watts if spec else None)
    if watts is None:
        raise missing("power_watts_per_gpu")
    if inp.power_watts_per_gpu is not None:
        # a stated draw is used as stated: server overhead and average share only when given
        overhead = inp.server_overhead_factor if inp.server_overhead_factor is not None else 1.0
        share = inp.utilisation_share if inp.utilisation_share is not None else 1.0
    else:  # derived from a named GPU's board power: Epoch AI's factors turn it into server draw
        overhead = _or_default(inp.server_overhead_factor, d.SERVER_OVERHEAD, used)
        share = _or_default(inp.utilisation_share, d.UTILISATION_SHARE, used)
    inputs += [Quantity("gpus", gpus, "count"), Quantity("power_watts_per_gpu", watts, "watts")]
    notes = [f"{spec.name}: {spec.source}"] if spec and inp.power_watts_per_gpu is None else []
    return gpus * watts * overhead * share / 1000, notes


def _pue(value: float | None, default: Assumption, field: str, used: list[Assumption]) -> float:
    return _or_default(value, default, used)


def _hours_and_price(inp: PowerInput, used: list[Assumption]) -> tuple[float, float]:
    hours = _or_default(inp.hours, d.HOURS_PER_YEAR, used)
    price = _or_default(inp.price_usd_per_kwh, d.ELECTRICITY_PRICE, used)
    return hours, price


def power_figures(inp: PowerInput) -> tuple[PowerFigures, list[Assumption]]:
    """The numbers alone, for other calculators (TCO) to reuse."""
    used: list[Assumption] = []
    it_kw, _ = _it_power(inp, used, [])
    pue = _pue(inp.pue, d.PUE, "pue", used)
    hours, price = _hours_and_price(inp, used)
    kwh = it_kw * pue * hours
    return PowerFigures(it_kw, kwh, kwh * price), used


_IT_FORMULA_EN = "IT kW = GPUs × board W × server factor × average share ÷ 1000"
_IT_FORMULA_AR = "قدرة تقنية المعلومات (كيلوواط) = الوحدات × قدرة اللوحة × معامل الخادم × نسبة الاستهلاك ÷ 1000"
_STATED_FORMULA_EN = "IT kW = GPUs × stated W per GPU ÷ 1000"
_STATED_FORMULA_AR = "قدرة تقنية المعلومات (كيلوواط) = الوحدات × القدرة المذكورة لكل وحدة ÷ 1000"


def _it_formula(inp: PowerInput) -> tuple[str, str]:
    """The power formula as applied: the server factors appear only when they were applied."""
    if inp.power_watts_per_gpu is not None and inp.server_overhead_factor is None and inp.utilisation_share is None:
        return _STATED_FORMULA_EN, _STATED_FORMULA_AR
    return _IT_FORMULA_EN, _IT_FORMULA_AR


def electricity_cost(inp: PowerInput) -> CalcResult:
    used: list[Assumption] = []
    inputs: list[Quantity] = []
    it_kw, notes = _it_power(inp, used, inputs)
    pue = _pue(inp.pue, d.PUE, "pue", used)
    hours, price = _hours_and_price(inp, used)
    kwh = it_kw * pue * hours
    inputs += [Quantity("pue", pue), Quantity("hours", hours, "hours"),
               Quantity("price_usd_per_kwh", price, "usd_per_kwh")]
    outputs = [Quantity("it_kw", it_kw, "kw", "average IT power", "متوسط قدرة تقنية المعلومات"),
               Quantity("facility_kw", it_kw * pue, "kw", "average facility power", "متوسط قدرة المنشأة"),
               Quantity("energy_kwh", kwh, "kwh", "facility energy", "طاقة المنشأة"),
               Quantity("cost_usd", kwh * price, "money", "electricity cost", "تكلفة الكهرباء")]
    if inp.power_watts_per_gpu is None and inp.server_overhead_factor is None and inp.utilisation_share is None:
        board_kw = inputs[1].value * inputs[0].value / 1000  # GPUs × board watts, no server factors
        outputs.append(Quantity("board_only_cost_usd", board_kw * pue * hours * price, "money",
                                "the same at board power only (no server overhead)",
                                "التكلفة نفسها بقدرة اللوحة وحدها (دون حمل الخادم)"))
    return CalcResult(
        tool="electricity_cost", inputs=inputs, outputs=outputs, assumptions=used, notes_en=notes, notes_ar=notes,
        formula_en=f"{_it_formula(inp)[0]}; energy kWh = IT kW × PUE × hours; cost = kWh × $/kWh",
        formula_ar=f"{_it_formula(inp)[1]}؛ الطاقة = القدرة × PUE × الساعات؛ التكلفة = الطاقة × السعر",
    )


def cooling_comparison(inp: CoolingInput) -> CalcResult:
    """The same IT load under two PUE values: air-cooled vs liquid-cooled."""
    used: list[Assumption] = []
    inputs: list[Quantity] = []
    it_kw, notes = _it_power(inp, used, inputs)
    pue_air = _pue(inp.pue_air, d.PUE_AIR, "pue_air", used)
    pue_liquid = _pue(inp.pue_liquid, d.PUE_LIQUID, "pue_liquid", used)
    hours, price = _hours_and_price(inp, used)
    air_kwh, liquid_kwh = it_kw * pue_air * hours, it_kw * pue_liquid * hours
    saved = (air_kwh - liquid_kwh) * price
    inputs += [Quantity("pue_air", pue_air), Quantity("pue_liquid", pue_liquid), Quantity("hours", hours, "hours"),
               Quantity("price_usd_per_kwh", price, "usd_per_kwh")]
    outputs = [Quantity("it_kw", it_kw, "kw", "average IT power", "متوسط قدرة تقنية المعلومات"),
               Quantity("air_cost_usd", air_kwh * price, "money", "electricity, air-cooled", "الكهرباء مع التبريد بالهواء"),
               Quantity("liquid_cost_usd", liquid_kwh * price, "money", "electricity, liquid-cooled",
                        "الكهرباء مع التبريد السائل"),
               Quantity("energy_saved_kwh", air_kwh - liquid_kwh, "kwh", "energy saved", "الطاقة الموفَّرة"),
               Quantity("savings_usd", saved, "money", "saving with liquid cooling", "التوفير بالتبريد السائل"),
               Quantity("savings_pct", (1 - pue_liquid / pue_air) * 100, "percent", "energy saved", "نسبة توفير الطاقة")]
    return CalcResult(
        tool="cooling_comparison", inputs=inputs, outputs=outputs, assumptions=used, notes_en=notes, notes_ar=notes,
        formula_en=f"{_it_formula(inp)[0]}; cost = IT kW × PUE × hours × $/kWh for each PUE",
        formula_ar=f"{_it_formula(inp)[1]}؛ التكلفة = القدرة × PUE × الساعات × السعر لكل قيمة PUE",
    )
