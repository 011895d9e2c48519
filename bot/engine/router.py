"""Decide what a message is: a calculation (and which), a knowledge question, a
command-like request, small talk, or out of scope. Offline, from cue words and the
parameters found; ordered rules, first match wins."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.kb.arabic import normalize

Route = Literal["calculation", "knowledge", "both", "help", "sources", "smalltalk", "out_of_scope", "empty"]


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


# (tool, cue) in priority order; cues are matched on the normalised text.
TOOL_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("payback", _rx(r"payback|pay back|\broi\b|return on investment|استرداد|العايد علي الاستثمار|عايد")),
    ("price_decline", _rx(r"halv|decline|falls?\b|falling|drops? by|cheaper each year|per year.*(fall|drop)|تنخفض|ينخفض|انخفض|انخفاض|تنصيف|النصف|يقل|تقل")),
    ("cooling_comparison", _rx(r"liquid|air[- ]cool|cooling|سايل|السايل|بالهواء|تبريد|التبريد")),
    ("total_cost_of_ownership", _rx(r"\btco\b|total cost of ownership|own(ing)?\b|buy(ing)?\b|purchase|break[- ]?even|"
                                    r"depreciat|الملكيه|شراء|نشتري|اشتري|التعادل|تعادل|اهلاك")),
    ("inference_capacity", _rx(r"per day|daily|a day|يوميا|في اليوم|how many gpus.*serve|serve|لخدمه")),
    ("inference_cost", _rx(r"per (1m|million) tokens|per token|cost per million|inference|serving|tokens?/s|"
                           r"tokens per second|لكل مليون|الاستدلال|استدلال|رمز في الثانيه|الرموز في الثانيه")),
    ("training_compute", _rx(r"train|flops|pre-?train|6nd|6 ?· ?n ?· ?d|تدريب|درب|تدرب")),
    ("electricity_cost", _rx(r"electric|power bill|energy|kwh|\bpue\b|power cost|كهرباء|الكهرباء|طاقه|الطاقه|استهلاك")),
    ("budget_to_gpu_hours", _rx(r"budget|how many (gpu[- ]?)?hours|how long can|ميزانيه|كم ساعه")),
    ("rental_cost", _rx(r"\brent|rental|hire|cost|price|how much|استيجار|استءجار|ايجار|تكلفه|تكلف|يكلف|كم سعر|كم يكلف")),
]

# Asking for reasons or sources next to numbers makes a "both" (calculation + passages).
EXPLAIN_CUES = _rx(r"\bwhy\b|explain|\bsources?\b|according to|لماذا|اشرح|وضح|ما سبب|لم ")
HELP = _rx(r"^\s*(/?help|/?start|what can you do|how do (i|you) use|مساعده|ساعدني|ماذا تستطيع|كيف استخدم)\W*$")
SOURCES = _rx(r"^\s*(/?sources|list (the )?sources|which sources|what sources|المصادر|ما هي مصادرك|مصادرك)\W*$")
GREETING = _rx(r"^\s*(hi|hello|hey|good (morning|evening)|salam|مرحبا|اهلا|السلام عليكم|صباح الخير|مساء الخير)\W*$")
THANKS = _rx(r"^\s*(thanks?|thank you|thx|شكرا|شكرا لك|مشكور|جزاك الله خيرا)\W*$")
DOMAIN = _rx(r"gpu|h100|h200|h800|a100|b200|gb200|mi300|nvidia|tsmc|cowos|coreweave|compute|flop|token|train|"
             r"inference|model|cloud|data ?cent|datacent|power|electric|energy|cool|pue|cost|price|rent|buy|capex|"
             r"opex|tco|depreciat|nvlink|copper|optic|packag|supply|demand|chip|server|rack|ai\b|llm|deepseek|llama|"
             r"gpt|الحوسبه|حوسبه|معالج|رقاي|شريح|تدريب|استدلال|نموذج|النموذج|رمز|رموز|سحاب|مركز البيانات|مراكز البيانات|"
             r"طاقه|كهرباء|تبريد|تكلفه|سعر|اسعار|استيجار|شراء|اهلاك|الشبكه|نحاس|تغليف|العرض|الطلب|الذكاء الاصطناعي|خادم|خوادم")
FOLLOWUP = _rx(r"^\s*(and|what about|how about|what if|and if|same|also|then|و|وماذا|ماذا لو|وماذا لو|وما|وكم|وهل|"
               r"ولو|وإذا|واذا|فماذا|و ماذا)\b")


@dataclass(frozen=True)
class Intent:
    route: Route
    tool: str | None = None
    wants_explanation: bool = False
    followup_cue: bool = False
    has_domain_words: bool = False


def pick_tool(text: str) -> str | None:
    norm = normalize(text)
    for tool, cue in TOOL_CUES:
        if cue.search(norm):
            return tool
    return None


def classify(text: str, params: dict) -> Intent:
    norm = normalize(text).strip()
    if not norm:
        return Intent("empty")
    if HELP.match(norm):
        return Intent("help")
    if SOURCES.match(norm):
        return Intent("sources")
    if GREETING.match(norm) or THANKS.match(norm):
        return Intent("smalltalk")
    numeric = {k for k in params if k not in ("gpu", "_bare", "percent")}
    tool = pick_tool(text)
    explain = bool(EXPLAIN_CUES.search(norm))
    followup = bool(FOLLOWUP.match(norm))
    domain = bool(DOMAIN.search(norm))
    if numeric and tool:
        return Intent("both" if explain else "calculation", tool, explain, followup, True)
    if numeric:
        return Intent("calculation", None, explain, followup, True)
    return Intent("knowledge", tool, explain, followup, domain)
