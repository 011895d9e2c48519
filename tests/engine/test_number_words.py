"""Number words become digits before quantities are read (English via text2num, Arabic by table)."""

import pytest

from bot.engine.extract import extract_params

CASES = [
    ("two hundred hours", {"hours": 200}),
    ("thirty-two A100s", {"gpus": 32}),
    ("half a million tokens per day", {"tokens_per_day": 5e5}),
    ("a dozen GPUs", {"gpus": 12}),
    ("خمسة وعشرين وحدة", {"gpus": 25}),
    ("مية وخمسين ساعة", {"hours": 150}),
    ("وحدتين", {"gpus": 2}),
    ("استئجار جهازين GPU", {"gpus": 2}),
    ("استئجار وحدتي معالجة رسومية", {"gpus": 2}),
    ("معايا ميت ألف دولار", {"budget_usd": 100000}),
    ("ميزانيتي ألفا دولار", {"budget_usd": 2000}),
    ("لمدة ساعتين", {"hours": 2}),
    ("لمدة شهرين", {"hours": 1460}),
    ("ميزانية مليون ونص دولار", {"budget_usd": 1.5e6}),
    ("بسعر دولارين ونص للساعة", {"price_usd_per_gpu_hour": 2.5}),
    ("بخمسين ألف دولار ميزانية", {"budget_usd": 50_000}),
    ("تنخفض ربع قيمتها سنويا", {"decline_pct_per_year": 25}),
    ("وحده H100 لمدة ١٠ ساعات", {"hours": 10}),
    ("ميزانيتنا ثلاثمية ألف دولار", {"budget_usd": 300_000}),
    ("معنا تلاتمية وخمسين ألف دولار ميزانية", {"budget_usd": 350_000}),
    ("ثمنمية ساعة", {"hours": 800}),
    ("ربعمية ساعة", {"hours": 400}),
    ("بدي كرت وحد A100 لمدة يومين", {"gpus": 1}),
    ("أجّرنا جهازين A100 لمدة ٥ ساعات", {"gpus": 2}),
    ("at three dollars twenty an hour", {"price_usd_per_gpu_hour": 3.2}),  # dollars and cents in words
    ("a dollar fifteen per gpu hour", {"price_usd_per_gpu_hour": 1.15}),
    ("one dollar and 5 cents an hour", {"price_usd_per_gpu_hour": 1.05}),
    ("budget 500 dollars 40 hours", {"budget_usd": 500, "hours": 40}),  # a number with its own unit is not cents
    ("quick one: 64 gpus for a day", {"gpus": 64}),  # "one" as a pronoun is not a number
    ("8 gpus for 2 mo at $2/hr", {"hours": 1460}),  # "mo" is a month
    ("بأربعة عشر دولاراً في الساعة", {"price_usd_per_gpu_hour": 14}),  # a teen in two words, with a preposition
    ("سبعة عشر كرت", {"gpus": 17}),
    ("عدنا ست تالاف دولار", {"budget_usd": 6000}),  # dialect "تالاف" = thousands
    ("نشغل كارتين", {"gpus": 2}),  # dual of "كارت"
    ("8 gpus for 3 monthss", {"hours": 2190}),  # a typo'd plural
]


def test_one_as_a_pronoun_is_not_read():
    assert "_bare" not in extract_params("this one: 64 gpus for a day at $2/hr")


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_number_words(text, expected):
    got = extract_params(text)
    for key, value in expected.items():
        assert got.get(key) == pytest.approx(value), got


@pytest.mark.parametrize("text", ["24/7 for a year", "around the clock for a year", "على مدار الساعة لمدة سنة"])
def test_continuous_use_is_not_read_as_numbers(text):
    assert extract_params(text) == {"hours": 8760}


def test_one_million_stays_one_million():
    assert extract_params("1.5 million tokens per day")["tokens_per_day"] == 1.5e6
