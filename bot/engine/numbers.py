"""Find numbers in English and Arabic text, with their multipliers.

Understands Arabic-Indic digits and separators (٠-٩, ٫ decimal, ٬ thousands, ٪),
thousands separators, scientific notation (1e6, 10^21), suffixes (7B, 2T, 1.5M, 10k),
word multipliers (thousand/million/billion/trillion, ألف/مليون/مليار/تريليون and their
plurals), the Arabic dual forms (مليونا/ملياري/تريليوني = two million/billion/trillion),
and small number words ("eight", "ثماني").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.engine.number_words import fold, words_to_digits

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", "01234567890123456789.,%")
_TASHKEEL = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

MULTIPLIER_WORDS: dict[str, float] = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "billion": 1e9,
    "billions": 1e9, "bn": 1e9, "trillion": 1e12, "trillions": 1e12, "grand": 1e3,  # "fifty grand" = $50,000
    "ألف": 1e3, "الف": 1e3, "آلاف": 1e3, "الاف": 1e3, "تالاف": 1e3, "تلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
    "مليارات": 1e9, "بليون": 1e9, "تريليون": 1e12, "تريليونات": 1e12, "ترليون": 1e12, "ترليونات": 1e12,
    # accusative after a number ("عشرون ألفاً", "٤٠ ألفاً"): one scale word, not the dual "ألفا" (2,000)
    "ألفاً": 1e3, "ألفا": 1e3, "مليوناً": 1e6, "مليونا": 1e6, "ملياراً": 1e9, "مليارا": 1e9,
}
DUAL_WORDS: dict[str, float] = {
    "ألفا": 2e3, "ألفي": 2e3, "ألفين": 2e3, "الفين": 2e3, "مليونا": 2e6, "مليوني": 2e6, "مليونين": 2e6,
    "مليارا": 2e9, "ملياري": 2e9, "مليارين": 2e9, "تريليونا": 2e12, "تريليوني": 2e12, "تريليونين": 2e12,
}
SMALL_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "sixteen": 16, "twenty": 20, "hundred": 100,
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "اربع": 4,
    "أربعة": 4, "اربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7, "ثماني": 8,
    "ثمان": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10, "مئة": 100, "مائة": 100,
}
SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}

MULTIPLIER_WORDS = {fold(k): v for k, v in MULTIPLIER_WORDS.items()}
DUAL_WORDS = {fold(k): v for k, v in DUAL_WORDS.items()}
SMALL_WORDS = {fold(k): v for k, v in SMALL_WORDS.items()}
_MULT_ALT = "|".join(sorted(map(re.escape, MULTIPLIER_WORDS), key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.])(?P<sign>[-−])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?:e|E)\s*(?P<exp>[+-]?\d{1,4}))?"
    r"(?:\s*(?:\^|\*\*)\s*(?P<pow>[+-]?\d{1,5}))?"
    r"(?:(?P<suffix>[kKmMbBtT])(?![a-zA-Z\u0621-\u064a])|\s*(?P<word>" + _MULT_ALT + r")(?![\u0621-\u064a]))?"
)
_WORD_NUMBER = re.compile(
    r"(?<![\w\u0621-\u064a])(?P<w>" + "|".join(sorted(map(re.escape, {**DUAL_WORDS, **SMALL_WORDS}), key=len,
                                                          reverse=True))
    + r")(?:\s+(?P<word>" + _MULT_ALT + r"))?(?![\w\u0621-\u064a])"
)


@dataclass(frozen=True)
class Mention:
    value: float
    start: int
    end: int
    raw: str
    suffix: str = ""  # the k/M/B/T suffix letter, if any (lower case)


def clean(text: str) -> str:
    """Digits to ASCII, invisible direction marks and Arabic diacritics removed; the
    Arabic comma becomes ', ' so it never reads as a thousands separator."""
    text = _INVISIBLE.sub("", text).translate(_DIGITS).replace("،", ", ").replace("؛", "; ")
    text = fold(_TASHKEEL.sub("", text))
    # "ب٢٫٤٩", "و٢٠٠": a letter glued to a number is a preposition or a conjunction, not part of a word
    text = re.sub(r"(?<![\u0621-\u064a])([وبلف]|بـ)(?=\d)", r"\1 ", text)
    text = re.sub(r"(\d)(?=[\u0621-\u064a])", r"\1 ", text)
    return words_to_digits(text)


def find_numbers(text: str) -> list[Mention]:
    """All numeric mentions in ``text`` (already ``clean``-ed), in order. Non-finite or
    absurd values (10^1000) are dropped rather than returned as inf."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMBER.finditer(text):
        try:
            value = float(m.group("num").replace(",", ""))
            if m.group("sign"):
                value = -value
            if m.group("exp"):
                value *= 10.0 ** int(m.group("exp"))
            if m.group("pow"):
                exp = int(m.group("pow"))
                value = value ** exp if abs(exp) < 400 else math.inf
            suffix = (m.group("suffix") or "").lower()
            if suffix:
                value *= SUFFIX[suffix]
            if m.group("word"):
                value *= MULTIPLIER_WORDS[m.group("word")]
        except (OverflowError, ValueError, ZeroDivisionError):
            continue
        if not math.isfinite(value):
            continue
        out.append(Mention(value, m.start(), m.end(), m.group(0), suffix))
        taken.append((m.start(), m.end()))
    for m in _WORD_NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group("w") in ("واحد", "واحده") and re.search(r"(كل|ال)\s*$", text[max(0, m.start() - 4):m.start()]):
            continue  # "كل واحد" = each, "الواحد" = apiece: not the number one
        if m.group("w").lower() == "one" and not m.group("word") and (
                re.match(r"\s*(?:[:,.?!;]|$|of\s+(?:us|them|these|those)|more\b|thing\b)", text[m.end():]) or
                re.search(r"(?:quick|this|that|the|which|another|any|no|each|every|same)\s+$", text[max(0, m.start() - 9):m.start()],
                          re.I)):
            continue  # "quick one:", "this one", "the same one": a pronoun, not the number one
        w = m.group("w")
        value = DUAL_WORDS.get(w) or SMALL_WORDS[w]
        if m.group("word"):
            value *= MULTIPLIER_WORDS[m.group("word")]
        out.append(Mention(value, m.start(), m.end(), m.group(0)))
        taken.append((m.start(), m.end()))
    for m in re.finditer(r"(?<![\d\w\u0621-\u064a])(?:(?:an?|one)\s+|[وبلف])?"
                         r"(thousand|million|billion|trillion|الف|مليون|مليار|تريليون|ترليون)(?![\w\u0621-\u064a])", text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        before = text[max(0, m.start() - 12):m.start()]
        if re.search(r"\d[\d,.]*\s*$", before):
            continue
        out.append(Mention(MULTIPLIER_WORDS[m.group(1)], m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda x: x.start)
