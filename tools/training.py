"""Training compute: FLOPs = k · N · D (k = 6 by Kaplan et al. 2020), then GPU-hours,
wall-clock days and cost."""

from __future__ import annotations

from tools import defaults as d
from tools.formatting import sci
from tools.inputs import GPUS, PARAMETERS, PRICE_PER_GPU_HOUR, CalcInput, bounded, need, resolve_gpu
from tools.result import CalcResult, Quantity


class TrainingInput(CalcInput):
    parameters: PARAMETERS = None
    tokens: bounded("tokens", le=d.MAX_TOKENS) = None
    flops_per_parameter_token: bounded("flops_per_parameter_token", le=100) = None
    gpu: str | None = None
    peak_flops_per_gpu: bounded("peak_flops_per_gpu", le=1e17) = None
    mfu: bounded("mfu", le=1) = None
    gpus: GPUS = None
    price_usd_per_gpu_hour: PRICE_PER_GPU_HOUR = None


def training_compute(inp: TrainingInput) -> CalcResult:
    n = need("parameters", inp.parameters)
    tokens = need("tokens", inp.tokens)
    assumptions = []
    k = inp.flops_per_parameter_token
    if k is None:
        k = d.FLOPS_PER_PARAMETER_TOKEN.value
        assumptions.append(d.FLOPS_PER_PARAMETER_TOKEN)
    flops = k * n * tokens
    inputs = [Quantity("parameters", n), Quantity("tokens", tokens, "tokens")]
    outputs = [Quantity("flops", flops, "flops", "training compute", "حوسبة التدريب")]
    formula_en = f"FLOPs = {k:g} × parameters × tokens"
    formula_ar = f"عدد العمليات = {k:g} × المعاملات × الرموز"
    notes_en, notes_ar = [], []

    spec = resolve_gpu(inp.gpu)
    peak = inp.peak_flops_per_gpu if inp.peak_flops_per_gpu is not None else (
        spec.peak_flops_bf16_dense if spec else None)
    if peak is not None:
        if spec:
            notes_en.append(f"Peak {sci(peak)} FLOP/s dense BF16 — {spec.source}")
            notes_ar.append(f"الذروة {sci(peak)} عملية/ثانية (BF16 كثيف) — {spec.source}")
        inputs.append(Quantity("peak_flops_per_gpu", peak, "flop_s"))
        mfu = inp.mfu
        if mfu is None:
            mfu = d.MFU.value
            assumptions.append(d.MFU)
        gpu_hours = flops / (peak * mfu) / 3600
        outputs.append(Quantity("gpu_hours", gpu_hours, "hours", "GPU-hours", "ساعات GPU"))
        formula_en += "; GPU-hours = FLOPs ÷ (peak FLOP/s × MFU) ÷ 3600"
        formula_ar += "؛ ساعات GPU = العمليات ÷ (الذروة × MFU) ÷ 3600"
        if inp.gpus is not None:
            gpus = inp.gpus
            inputs.append(Quantity("gpus", gpus, "count"))
            outputs.append(Quantity("days", gpu_hours / gpus / 24, "days", "wall-clock days", "الأيام الفعلية"))
            formula_en += "; days = GPU-hours ÷ GPUs ÷ 24"
            formula_ar += "؛ الأيام = ساعات GPU ÷ عدد الوحدات ÷ 24"
        if inp.price_usd_per_gpu_hour is not None:
            price = inp.price_usd_per_gpu_hour
            inputs.append(Quantity("price_usd_per_gpu_hour", price, "usd_per_gpu_hour"))
            outputs.append(Quantity("cost_usd", gpu_hours * price, "money", "compute cost", "تكلفة الحوسبة"))
            formula_en += "; cost = GPU-hours × price"
            formula_ar += "؛ التكلفة = ساعات GPU × السعر"
        inputs.append(Quantity("mfu", mfu * 100, "percent"))
    return CalcResult(tool="training_compute", inputs=inputs, outputs=outputs, formula_en=formula_en, formula_ar=formula_ar,
                      assumptions=assumptions, notes_en=notes_en, notes_ar=notes_ar)
