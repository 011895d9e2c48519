"""Routing on a table of Arabic and English messages: route and calculator."""

import pytest

from bot.engine.extract import extract_params
from bot.engine.router import classify

TABLE = [
    # calculations
    ("How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?", "calculation", "rental_cost"),
    ("كم تكلفة استئجار ٨ وحدات H100 لمدة 10 ساعات بسعر 3 دولارات للساعة؟", "calculation", "rental_cost"),
    ("Price for 16 A100s for a week at $1.5/hr", "calculation", "rental_cost"),
    ("How many GPU-hours to train a 7B model on 2 trillion tokens with H100 at 40% MFU?", "calculation", "training_compute"),
    ("كم ساعة GPU لتدريب نموذج 70 مليار معامل على تريليوني رمز؟", "calculation", "training_compute"),
    ("Training FLOPs for 175B parameters and 300B tokens", "calculation", "training_compute"),
    ("cost per million tokens at $2/hour and 1,500 tokens/s", "calculation", "inference_cost"),
    ("ما تكلفة المليون رمز بسعر 2 دولار للساعة و 800 رمز في الثانية؟", "calculation", "inference_cost"),
    ("How many GPUs to serve 1 billion tokens per day at 2000 tokens per second?", "calculation", "inference_capacity"),
    ("كم وحدة أحتاج لخدمة مليار رمز يوميًا بإنتاجية 1000 رمز في الثانية؟", "calculation", "inference_capacity"),
    ("Electricity cost of 1000 H100 at PUE 1.3 and $0.08/kWh", "calculation", "electricity_cost"),
    ("كم تكلفة الكهرباء لـ 500 وحدة H100 بسعر 0.1 دولار لكل كيلوواط ساعة؟", "calculation", "electricity_cost"),
    ("Compare air and liquid cooling for 2,000 GPUs at 700 W", "calculation", "cooling_comparison"),
    ("قارن التبريد بالهواء والتبريد السائل لـ 1000 وحدة H100", "calculation", "cooling_comparison"),
    ("TCO of 8 H100 bought at $30,000 each over 5 years", "calculation", "total_cost_of_ownership"),
    ("Buy or rent: 64 H100 at $25,000 each vs renting at $2.2/hour with 60% utilization", "calculation",
     "total_cost_of_ownership"),
    ("شراء 16 وحدة H100 بسعر 30 ألف دولار للوحدة، ما التكلفة الإجمالية للملكية؟", "calculation",
     "total_cost_of_ownership"),
    ("Payback on a $500,000 investment with $40,000 monthly revenue", "calculation", "payback"),
    ("ما فترة استرداد استثمار 200 ألف دولار بإيراد شهري 10 آلاف دولار؟", "calculation", "payback"),
    ("If GPU prices fall 30% per year, what does $2 cost after 3 years?", "calculation", "price_decline"),
    ("إذا انخفض السعر 20% سنويًا فكم يصبح 3 دولارات بعد 4 سنوات؟", "calculation", "price_decline"),
    ("I have a budget of $10,000 at $2.5/h with 8 GPUs; how many days?", "calculation", "budget_to_gpu_hours"),
    ("ميزانيتي 5000 دولار بسعر 2 دولار للساعة، كم ساعة GPU أحصل؟", "calculation", "budget_to_gpu_hours"),
    # knowledge
    ("What share of compute cost is electricity?", "knowledge", None),
    ("ما حصة الكهرباء من تكلفة الحوسبة؟", "knowledge", None),
    ("Why does the GB200 use copper cables?", "knowledge", None),
    ("لماذا يعتمد GB200 على الكابلات النحاسية؟", "knowledge", None),
    ("What is CoWoS?", "knowledge", None),
    ("متى يتوازن العرض والطلب على قوة الحوسبة؟", "knowledge", None),
    ("Tell me about H100 rental prices", "knowledge", None),
    ("ما هي قاعدة 6ND؟", "knowledge", None),
    # both
    ("Why is it so expensive to rent 8 H100 for 24 hours at $2.50 per hour?", "both", "rental_cost"),
    # commands and small talk
    ("help", "help", None),
    ("/help", "help", None),
    ("مساعدة", "help", None),
    ("sources", "sources", None),
    ("المصادر", "sources", None),
    ("hello", "smalltalk", None),
    ("مرحبا", "smalltalk", None),
    ("thanks!", "smalltalk", None),
    ("شكرا", "smalltalk", None),
    ("   ", "empty", None),
]


@pytest.mark.parametrize(("text", "route", "tool"), TABLE, ids=[t[0][:40] for t in TABLE])
def test_routing(text, route, tool):
    intent = classify(text, extract_params(text))
    assert intent.route == route
    if tool:
        assert intent.tool == tool


def test_table_size():
    assert len(TABLE) >= 40


@pytest.mark.parametrize("text", ["What is the weather in Paris?", "Give me a cake recipe", "ما هي عاصمة فرنسا؟"])
def test_off_topic_has_no_domain_words(text):
    intent = classify(text, extract_params(text))
    assert intent.route == "knowledge" and not intent.has_domain_words
