"""The fixed forms that need no model: empty, /help and /sources typed as words, bare
greetings and thanks, and the follow-up and explanation cues."""

import pytest

from bot.engine.router import classify, is_thanks

FIXED = [
    ("help", "help"), ("/help", "help"), ("مساعدة", "help"), ("sources", "sources"), ("المصادر", "sources"),
    ("hello", "smalltalk"), ("مرحبا", "smalltalk"), ("thanks!", "smalltalk"), ("شكرا", "smalltalk"), ("   ", "empty"),
]


@pytest.mark.parametrize(("text", "route"), FIXED, ids=[f[0] or "blank" for f in FIXED])
def test_fixed_forms(text, route):
    assert classify(text).route == route


@pytest.mark.parametrize("text", ["and for 64 GPUs?", "what if the price drops to $2?", "وماذا لو كانت المدة 100 ساعة؟"])
def test_followup_cue(text):
    assert classify(text).followup_cue


@pytest.mark.parametrize("text", ["Why is it so expensive to rent 8 H100?", "لماذا يعتمد GB200 على النحاس؟",
                                  "ليش الـ H100 غالي هيك؟", "هو ليه الإيجار بقى أرخص؟", "علاش الكهرباء غالية فالداتاسنتر؟"])
def test_explanation_cue(text):
    assert classify(text).wants_explanation


def test_a_word_that_contains_a_why_word_is_not_a_cue():
    assert not classify("ليشمل العقد كل الوحدات").wants_explanation


def test_an_ordinary_question_is_left_to_the_learned_intent():
    assert classify("How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?").route == "knowledge"


@pytest.mark.parametrize("text", ["is it true an H100 hour is under $2 now?", "هل صحيح أن سعر ساعة H100 نزل تحت ٢ دولار؟",
                                  "قديش بيسحب كرت B200 كهربا؟ صحيح ١٠٠٠ واط؟", "someone said $30k each, true or not?"])
def test_checking_a_figure_is_noticed(text):
    assert classify(text).verifies


@pytest.mark.parametrize("text", ["rent 8 H100 for 10 hours at $2", "صحة الموظفين", "كم سعر ساعة H100؟"])
def test_a_plain_question_does_not_check_a_figure(text):
    assert not classify(text).verifies


@pytest.mark.parametrize("text", ["merci!", "ميرسي"])
def test_merci_is_thanks(text):
    assert is_thanks(text)
