"""The lexical scope model: what a calculation-shaped message prices (messages written for
this test, not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from bot.nlu.subject import load_or_train, prepare


@pytest.fixture(scope="module")
def subject():
    return load_or_train()


def test_numbers_are_removed_before_reading():
    assert "2500" not in prepare("rent 4 H100 for 2500 hours")


def test_a_household_appliance_bill_is_not_compute(subject):
    assert subject.off_topic_p("our dishwasher uses 1800 W for 2 hours a day at 25 cents per kWh, monthly cost?") >= 0.7


def test_a_car_losing_value_reads_less_like_compute_than_a_gpu_losing_value(subject):
    car = subject.off_topic_p("اشتريت سيارة بـ ٣٠ ألف دولار وتخسر ١٥٪ من قيمتها كل سنة، كم تسوى بعد ٤ سنين؟")
    gpu = subject.off_topic_p("اشتريت كرت H100 بـ ٣٠ ألف دولار ويخسر ١٥٪ من قيمته كل سنة، كم يسوى بعد ٤ سنين؟")
    assert car > gpu + 0.2


def test_gpu_rental_is_compute(subject):
    assert subject.off_topic_p("rent 16 H100 for 3 days at $2.40 per GPU-hour, total?") < 0.7


def test_arabic_cluster_electricity_is_compute(subject):
    assert subject.off_topic_p("عندي ٣٢ كرت كل واحد ٧٠٠ واط شغالة شهر، والكيلوواط بـ ٩ سنت، كم الفاتورة؟") < 0.7


def test_a_terse_payback_without_hardware_is_compute(subject):
    assert subject.off_topic_p("capex 750k, nets 60k a month, payback?") < 0.7


def test_the_subject_examples_are_read_with_the_shared_ones():
    from bot.nlu.intent import load_examples
    from bot.nlu.subject import training_examples

    assert len(training_examples()) > len(load_examples())


def test_a_gpu_name_survives_number_removal():
    assert "h100" in prepare("rent 4 H100 for 2500 hours").split()


def test_an_accelerator_name_with_a_hyphen_survives_number_removal():
    assert "rtx-4090" in prepare("two RTX-4090 cards at 450 W").split()


def test_arabic_indic_amounts_are_removed():
    assert "٣٠٠" not in prepare("صرفنا ٣٠٠ ألف على السيرفرات")
