"""The learned intent plus the stated quantities decide the route: the table the regex router
was tested on, the failure kinds the understanding issue lists, and the decision rules on
hand-made scores (no model needed for those)."""

import pytest

from bot.engine.history import ChatState
from bot.nlu.evaluation import predicted_label
from bot.nlu.intent import LABELS, IntentScores
from bot.nlu.understand import Context, read

TABLE = [
    ("How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?", "rental_cost"),
    ("كم تكلفة استئجار ٨ وحدات H100 لمدة 10 ساعات بسعر 3 دولارات للساعة؟", "rental_cost"),
    ("Price for 16 A100s for a week at $1.5/hr", "rental_cost"),
    ("Cluster of 24 GPUs, hourly rate $1.90 per GPU, 300 hours — total?", "rental_cost"),
    ("How many GPU-hours to train a 7B model on 2 trillion tokens with H100 at 40% MFU?", "training_compute"),
    ("كم ساعة GPU لتدريب نموذج 70 مليار معامل على تريليوني رمز؟", "training_compute"),
    ("Training FLOPs for 175B parameters and 300B tokens", "training_compute"),
    ("cost per million tokens at $2/hour and 1,500 tokens/s", "inference_cost"),
    ("ما تكلفة المليون رمز بسعر 2 دولار للساعة و 800 رمز في الثانية؟", "inference_cost"),
    ("How many GPUs to serve 1 billion tokens per day at 2000 tokens per second?", "inference_capacity"),
    ("كم وحدة أحتاج لخدمة مليار رمز يوميًا بإنتاجية 1000 رمز في الثانية؟", "inference_capacity"),
    ("Electricity cost of 1000 H100 at PUE 1.3 and $0.08/kWh", "electricity_cost"),
    ("كم تكلفة الكهرباء لـ 500 وحدة H100 بسعر 0.1 دولار لكل كيلوواط ساعة؟", "electricity_cost"),
    ("Compare air and liquid cooling for 2,000 GPUs at 700 W", "cooling_comparison"),
    ("قارن التبريد بالهواء والتبريد السائل لـ 1000 وحدة H100", "cooling_comparison"),
    ("TCO of 8 H100 bought at $30,000 each over 5 years", "total_cost_of_ownership"),
    ("شراء 16 وحدة H100 بسعر 30 ألف دولار للوحدة، ما التكلفة الإجمالية للملكية؟", "total_cost_of_ownership"),
    ("buy an H100 for $30,000 or rent one at $2.50/h: after how many hours does buying win?", "buy_vs_rent"),
    ("Payback on a $500,000 investment with $40,000 monthly revenue", "payback"),
    ("ما فترة استرداد استثمار 200 ألف دولار بإيراد شهري 10 آلاف دولار؟", "payback"),
    ("If GPU prices fall 30% per year, what does $2 cost after 3 years?", "price_decline"),
    ("إذا انخفض السعر 20% سنويًا فكم يصبح 3 دولارات بعد 4 سنوات؟", "price_decline"),
    ("I have a budget of $10,000 at $2.5/h with 8 GPUs; how many days?", "budget_to_gpu_hours"),
    ("ميزانيتي 5000 دولار بسعر 2 دولار للساعة، كم ساعة GPU أحصل؟", "budget_to_gpu_hours"),
    ("What share of compute cost is electricity?", "knowledge"),
    ("ما حصة الكهرباء من تكلفة الحوسبة؟", "knowledge"),
    ("Why does the GB200 use copper cables?", "knowledge"),
    ("What is CoWoS?", "knowledge"),
    ("متى يتوازن العرض والطلب على قوة الحوسبة؟", "knowledge"),
    ("Tell me about H100 rental prices", "knowledge"),
    ("ما هي قاعدة 6ND؟", "knowledge"),
    ("What's the weather in Cairo?", "off_topic"),
    ("ما هي أفضل وصفة لكعكة الشوكولاتة؟", "off_topic"),
    ("Give me a cake recipe", "off_topic"),
]


@pytest.mark.parametrize(("text", "label"), TABLE, ids=[t[0][:40] for t in TABLE])
async def test_route_of_a_fresh_message(engine, text, label):
    _, reading = await engine.understand(text, ChatState())
    assert predicted_label(reading) == label


def scores(**p: float) -> IntentScores:
    rest = (1 - sum(p.values())) / (len(LABELS) - len(p))
    ranked = {lab: p.get(lab, rest) for lab in LABELS}
    return IntentScores(tuple(sorted(ranked.items(), key=lambda t: -t[1])))


def test_a_calculator_question_with_inputs_is_a_calculation():
    r = read(scores(rental_cost=0.9), {"gpus": 8, "hours": 24}, Context())
    assert (r.route, r.tool) == ("calculation", "rental_cost")


def test_a_calculator_question_without_numbers_is_answered_from_the_articles():
    assert read(scores(rental_cost=0.9), {}, Context()).route == "knowledge"


def test_confident_off_topic_is_refused():
    assert read(scores(off_topic=0.9), {}, Context()).route == "out_of_scope"


def test_unsure_off_topic_falls_to_the_next_reading():
    assert read(scores(off_topic=0.3, knowledge=0.29), {}, Context()).route == "knowledge"


def test_an_answer_to_the_pending_question_goes_to_that_calculator():
    ctx = Context(last_tool="rental_cost", last_route="clarify", pending_field="price_usd_per_gpu_hour")
    r = read(scores(off_topic=0.9), {"_bare": 2.25}, ctx)
    assert (r.route, r.tool) == ("calculation", "rental_cost")


def test_a_short_followup_that_fits_stays_with_the_previous_calculator():
    ctx = Context(last_tool="rental_cost", last_route="calculation", last_params={"gpus": 8, "hours": 24})
    r = read(scores(price_decline=0.95), {"price_usd_per_gpu_hour": 2.0}, ctx, followup_cue=True, words=7)
    assert r.tool == "rental_cost"


def test_a_fact_question_with_numbers_stays_knowledge():
    r = read(scores(knowledge=0.9), {"parameters": 70e9}, Context())
    assert r.route == "knowledge"


def test_quantities_with_no_question_ask_which_calculation():
    r = read(scores(smalltalk=0.8), {"gpus": 16}, Context())
    assert (r.route, r.tool) == ("calculation", None)


def test_a_runner_up_calculator_that_takes_every_stated_quantity_wins():
    # TCO inputs (a purchase price, a monthly running cost, a horizon) that electricity cannot use
    params = {"gpus": 100, "gpu_price_usd": 27_000, "opex_usd_per_month": 5_000, "power_watts_per_gpu": 700,
              "years": 4}
    r = read(scores(electricity_cost=0.5, total_cost_of_ownership=0.3), params, Context())
    assert r.tool == "total_cost_of_ownership"


def test_the_likeliest_calculator_stays_when_it_takes_everything():
    r = read(scores(electricity_cost=0.5, total_cost_of_ownership=0.3), {"gpus": 100, "power_watts_per_gpu": 700},
             Context())
    assert r.tool == "electricity_cost"


def test_a_runner_up_that_can_run_beats_a_top_calculator_that_cannot():
    from bot.engine.extract import read_quantities

    params, quantities = read_quantities("مودل ٧٠ مليار وتوكنز ٢ ترليون، ٢٠٤٨ كرت H100 بكفاءه ٤٠٪ وسعر الساعه ٢ دولار")
    r = read(scores(total_cost_of_ownership=0.57, training_compute=0.12), params, Context(), quantities=quantities)
    assert r.tool == "training_compute"


def test_two_unplaced_numbers_make_a_calculation():
    from bot.engine.extract import read_quantities

    params, quantities = read_quantities("single gpu costs 30000 to buy or 2.5 an hour to rent. break even hours")
    assert read(scores(buy_vs_rent=0.9), params, Context(), quantities=quantities).route == "calculation"


def test_one_incidental_number_does_not_make_advice_a_calculation():
    from bot.engine.extract import read_quantities

    params, quantities = read_quantities("should a 20 person startup buy gpus or rent them?")
    assert read(scores(buy_vs_rent=0.6), params, Context(), quantities=quantities).route == "knowledge"
