"""Inference: cost per million tokens, FLOPs per token, and GPUs for a daily volume."""

from __future__ import annotations

import math

from tools import defaults as d
from tools.inputs import PARAMETERS, PRICE_PER_GPU_HOUR, TOKENS_PER_SECOND, CalcInput, bounded, need
from tools.result import CalcResult, Quantity


class InferenceCostInput(CalcInput):
    price_usd_per_gpu_hour: PRICE_PER_GPU_HOUR = None
    tokens_per_second_per_gpu: TOKENS_PER_SECOND = None
    gpus_per_replica: bounded("gpus_per_replica", le=100_000) = None
    parameters: PARAMETERS = None


class InferenceCapacityInput(CalcInput):
    tokens_per_day: bounded("tokens_per_day", le=d.MAX_TOKENS) = None
    tokens_per_second_per_gpu: TOKENS_PER_SECOND = None
    price_usd_per_gpu_hour: PRICE_PER_GPU_HOUR = None


def inference_cost(inp: InferenceCostInput) -> CalcResult:
    """cost per 1M tokens = price per GPU-hour × GPUs per replica ÷ (tokens/s × 3600) × 10⁶.
    ``tokens_per_second_per_gpu`` is the throughput of one replica divided by its GPUs
    when ``gpus_per_replica`` is 1 (the usual case); for a multi-GPU node give the node's
    tokens/s and its GPU count."""
    price = need("price_usd_per_gpu_hour", inp.price_usd_per_gpu_hour)
    tps = need("tokens_per_second_per_gpu", inp.tokens_per_second_per_gpu)
    per = inp.gpus_per_replica or 1
    cost = price * per / (tps * 3600) * 1_000_000
    inputs = [Quantity("price_usd_per_gpu_hour", price, "usd_per_gpu_hour"),
              Quantity("tokens_per_second_per_gpu", tps, "tok_s")]
    outputs = [Quantity("usd_per_million_tokens", cost, "usd_per_mtok", "cost", "التكلفة")]
    formula_en = "cost per 1M tokens = price per GPU-hour ÷ (tokens/s × 3600) × 1,000,000"
    formula_ar = "تكلفة المليون رمز = سعر ساعة GPU ÷ (الرموز في الثانية × 3600) × 1,000,000"
    if per != 1:
        inputs.append(Quantity("gpus_per_replica", per, "count"))
        formula_en = "cost per 1M tokens = price per GPU-hour × GPUs ÷ (tokens/s × 3600) × 1,000,000"
        formula_ar = "تكلفة المليون رمز = سعر ساعة GPU × عدد الوحدات ÷ (الرموز في الثانية × 3600) × 1,000,000"
    if inp.parameters is not None:
        n = inp.parameters
        inputs.append(Quantity("parameters", n))
        outputs.append(Quantity("flops_per_token", 2 * n, "flops", "compute per generated token (≈ 2·N)",
                                "الحوسبة لكل رمز مولَّد (≈ 2·N)"))
    return CalcResult(tool="inference_cost", inputs=inputs, outputs=outputs,
                      formula_en=formula_en, formula_ar=formula_ar)


def inference_capacity(inp: InferenceCapacityInput) -> CalcResult:
    per_day = need("tokens_per_day", inp.tokens_per_day)
    tps = need("tokens_per_second_per_gpu", inp.tokens_per_second_per_gpu)
    needed = per_day / 86_400
    gpus = math.ceil(needed / tps - 1e-9)
    inputs = [Quantity("tokens_per_day", per_day, "tokens"), Quantity("tokens_per_second_per_gpu", tps, "tok_s")]
    outputs = [Quantity("tokens_per_second", needed, "tok_s", "average throughput needed", "متوسط الإنتاجية المطلوبة"),
               Quantity("gpus", gpus, "count", "GPUs needed (average load, no headroom)",
                        "وحدات GPU المطلوبة (حمل متوسط، بلا هامش)")]
    formula_en = "tokens/s = tokens per day ÷ 86,400; GPUs = ⌈tokens/s ÷ tokens/s per GPU⌉"
    formula_ar = "الرموز/ثانية = الرموز اليومية ÷ 86,400؛ الوحدات = ⌈الرموز/ثانية ÷ إنتاجية الوحدة⌉"
    if inp.price_usd_per_gpu_hour is not None:
        price = inp.price_usd_per_gpu_hour
        inputs.append(Quantity("price_usd_per_gpu_hour", price, "usd_per_gpu_hour"))
        outputs.append(Quantity("cost_usd_per_day", gpus * 24 * price, "money", "cost per day", "التكلفة اليومية"))
        formula_en += "; cost per day = GPUs × 24 × price"
        formula_ar += "؛ التكلفة اليومية = الوحدات × 24 × السعر"
    return CalcResult(tool="inference_capacity", inputs=inputs, outputs=outputs, formula_en=formula_en, formula_ar=formula_ar)
