"""Number words to digits, before quantities are read.

English runs ("two hundred", "thirty-two", "one hundred twenty five") go through
``text2num`` (a maintained parser); "half a million" and "a dozen" are idioms it leaves
alone. No maintained library reads Arabic number words, so a small table does: units,
tens and hundreds joined by "و" ("خمسة وعشرين" = 25, "مية وخمسين" = 150), fractions
(نص، ربع) and dual nouns, which carry the number two inside the noun ("وحدتين" = two
units, "ساعتين" = two hours): they become "2" and the plural. "24/7" and "around the
clock" mean continuous use, which is what every duration already assumes: they are
dropped so that 24 and 7 are not read as quantities.
"""

from __future__ import annotations

import re

from text_to_num import text2num

_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "أ": "ا", "إ": "ا", "آ": "ا"})


def fold(text: str) -> str:
    """Arabic letters people type interchangeably, folded to one form (also applied to the
    patterns that read the text, so "وحده" matches "وحدة" and "الاف" matches "آلاف")."""
    return text.translate(_FOLD)


_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_WORD = r"(?:" + "|".join(_EN_UNITS) + r"|hundred|thousand|million|billion|trillion)"
_EN_RUN = re.compile(r"(?<![\w.])(" + _EN_WORD + r"(?:(?:\s+and\s+|[\s-]+)" + _EN_WORD + r")*)(?![\w])", re.I)
_EN_SCALE_ONLY = re.compile(r"^(hundred|thousand|million|billion|trillion)$", re.I)
_HALF = re.compile(r"\bhalf\s+an?\s+(thousand|million|billion|trillion)\b", re.I)
_DOZEN = re.compile(r"\ban?\s+dozen\b", re.I)
_CONTINUOUS = re.compile(r"\b24\s*[/x×]\s*(?:7|24)\b|\b24-7\b|around[\s-]the[\s-]clock|round[\s-]the[\s-]clock|"
                         r"على\s+مدار\s+الساعة|ليل\s+نهار|طول\s+الوقت|non[\s-]?stop", re.I)

AR_UNITS: dict[str, int] = {
    "واحد": 1, "واحدة": 1, "وحدة": 1, "وحد": 1, "اثنين": 2, "اثنان": 2, "اتنين": 2, "إثنين": 2, "ثنتين": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثة": 3, "ثلاثه": 3, "تلات": 3, "تلاتة": 3, "تلاته": 3, "أربع": 4, "اربع": 4, "أربعة": 4,
    "اربعة": 4, "اربعه": 4, "خمس": 5, "خمسة": 5, "خمسه": 5, "ست": 6, "ستة": 6, "سته": 6, "سبع": 7, "سبعة": 7,
    "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "ثمانيه": 8, "تمن": 8, "تمانية": 8, "تمانيه": 8, "تسع": 9,
    "تسعة": 9, "تسعه": 9, "عشر": 10, "عشرة": 10, "عشره": 10, "احدعش": 11, "اطنعش": 12, "اثنا عشر": 12,
    "اثني عشر": 12, "جوج": 2, "تلت": 3, "زوج": 2, "خمستاشر": 15, "خمسطعش": 15, "ستاشر": 16, "ستطعش": 16,
}
AR_TENS: dict[str, int] = {
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "تلاتين": 30, "أربعين": 40, "اربعين": 40,
    "أربعون": 40, "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70,
    "ثمانين": 80, "ثمانون": 80, "تمانين": 80, "تسعين": 90, "تسعون": 90,
}
# hundreds: a unit's stem written onto "مئة" in every spelling people type (ثلاثمية، تلتمية، تلاتمئة، ربعمية…)
_HUNDRED_SPELLINGS = ("مئة", "مائة", "مية", "ميه", "مئه", "مائه")
_HUNDRED_STEMS = {3: ("ثلاث", "ثلث", "تلت", "تلات"), 4: ("أربع", "اربع", "ربع"), 5: ("خمس",), 6: ("ست",),
                  7: ("سبع",), 8: ("ثمان", "ثمن", "تمن", "تمان"), 9: ("تسع",)}
AR_HUNDREDS: dict[str, int] = {
    **dict.fromkeys(_HUNDRED_SPELLINGS, 100),
    "مئتين": 200, "مئتان": 200, "ميتين": 200, "مائتين": 200, "مائتان": 200, "متين": 200,
    **{stem + spelling: n * 100 for n, stems in _HUNDRED_STEMS.items() for stem in stems for spelling in _HUNDRED_SPELLINGS},
}
AR_FRACTIONS = {"نص": 0.5, "نصف": 0.5, "ربع": 0.25}
# dual nouns: the number two lives in the ending; rewritten as "2" + a plural the extractor knows
AR_DUALS: dict[str, str] = {
    "وحدتين": "وحدات", "وحدتان": "وحدات", "كرتين": "كروت", "بطاقتين": "بطاقات", "معالجين": "معالجات",
    "ساعتين": "ساعات", "ساعتان": "ساعات", "يومين": "أيام", "يومان": "أيام", "أسبوعين": "أسابيع",
    "اسبوعين": "أسابيع", "شهرين": "أشهر", "شهران": "أشهر", "سنتين": "سنوات", "سنتان": "سنوات",
    "عامين": "سنوات", "عامان": "سنوات", "دولارين": "دولار", "دولاران": "دولار", "سيرفرين": "خوادم", "خادمين": "خوادم",
    "جهازين": "أجهزة", "جهازان": "أجهزة", "عقدتين": "عقد", "نودين": "عقد", "كارتين": "كروت",
}
# a dual in construct before what it counts ("وحدتي معالجة" = two processing units); alone "وحدتي" is
# "my unit", so only before a processor word
_AR_CONSTRUCT_DUAL = re.compile(r"(?<![\u0621-\u064a])([ولبف]?)وحدتي(?=\s+(?:معالج|رسوم|gpu))", re.I)
# Egyptian and Levantine "ميت ألف" = مية ألف (100,000); "ميت" alone is another word, so only before ألف
_AR_HUNDRED_BEFORE_THOUSAND = re.compile(r"(?<![\u0621-\u064a])([بل]?)ميت(?=\s+(?:الف|الاف)(?![\u0621-\u064a]))")
# teens written as two words: "أربعة عشر" = 14, "خمسة عشرة" = 15, "احد عشر" = 11
AR_UNITS.update({f"{unit} {ten}": value + 10 for unit, value in list(AR_UNITS.items()) if 3 <= value <= 9 and " " not in unit
                 for ten in ("عشر", "عشرة", "عشره")})
AR_UNITS.update({"احد عشر": 11, "أحد عشر": 11, "إحدى عشرة": 11, "احدى عشر": 11, "اثنتا عشرة": 12, "اثنتي عشرة": 12})
AR_UNITS = {fold(k): v for k, v in AR_UNITS.items()}
AR_TENS = {fold(k): v for k, v in AR_TENS.items()}
AR_HUNDREDS = {fold(k): v for k, v in AR_HUNDREDS.items()}
AR_DUALS = {fold(k): fold(v) for k, v in AR_DUALS.items()}
_AR_WORDS = {**AR_UNITS, **AR_TENS, **AR_HUNDREDS}
_AR_ALT = "|".join(sorted(map(re.escape, _AR_WORDS), key=len, reverse=True))
_AR_RUN = re.compile(r"(?<![\w\u0621-\u064a])((?:" + _AR_ALT + r")(?:\s+و\s*(?:" + _AR_ALT + r"))*)(?![\u0621-\u064a])")
# a teen with an attached preposition ("بأربعة عشر" = "ب 14"), read before the bare "عشر" can be taken for 10
_AR_PREFIXED_TEEN = re.compile(r"(?<![\w\u0621-\u064a])(بـ|[وبلف])(" + "|".join(
    map(re.escape, sorted((w for w in _AR_WORDS if w.endswith(("عشر", "عشره")) and " " in w), key=len, reverse=True)))
    + r")(?![\u0621-\u064a])")
# a number word with an attached preposition: "بخمسين" = "ب 50", "لعشرين" = "ل 20"
_AR_PREFIXED_RUN = re.compile(r"(?<![\w\u0621-\u064a])(بـ|[وبلف])((?:" + _AR_ALT + r")(?:\s+و\s*(?:" + _AR_ALT + r"))*)(?![\u0621-\u064a])")
_AR_DUAL = re.compile(r"(?<![\w\u0621-\u064a])([ولبف]?)(" + "|".join(map(re.escape, AR_DUALS)) + r")(?![\u0621-\u064a])")
_AR_FRACTION = re.compile(r"(?<![\w\u0621-\u064a])(نص|نصف|ربع)\s+(مليون|مليار|الف|تريليون|ساعه|دولار)")
# "مليون ونص" = 1.5 million, "دولارين ونص" = 2.5 dollars
_AR_AND_HALF = re.compile(r"(?<![\d.])(\d+)\s+(دولار|ساعه|ساعات|الف|مليون|مليار|تريليون|ترليون|سنه|سنوات|ايام|اشهر)"
                          r"\s+(?:و\s*)?(نص|نصف|ربع)(?![\u0621-\u064a])")
_AR_SCALE_AND_HALF = re.compile(r"(?<![\d.])(?<![\d.]\s)(^|[\sبل])(مليون|مليار|الف|تريليون|ترليون|سنه|ساعه|شهر|يوم|اسبوع|دولار)"
                                r"\s+(?:و\s*)?(نص|نصف|ربع)(?![\u0621-\u064a])")
_PLUS = {"نص": 0.5, "نصف": 0.5, "ربع": 0.25}
# "ألف وخمسمية" = 1500, "ألفين وميتين" = 2200
_AR_THOUSAND_AND = re.compile(r"(?<![\d.]\s)(?<![\d.])(?<![\u0621-\u064a])(الف|الفين)\s+و\s*(\d+)(?![\d.])")
# "two and a half", "one point two"
_EN_AND_A_HALF = re.compile(r"\b(\d+)\s+and\s+a\s+half\b", re.I)
_EN_POINT = re.compile(r"\b(" + "|".join(_EN_UNITS[:10]) + r")\s+point\s+(" + "|".join(_EN_UNITS[:10]) + r")\b", re.I)
_AR_SKIP = {"وحده"}  # "وحدة" is "a unit" (of hardware) far more often than the number one


def _en_run(m: re.Match) -> str:
    run = m.group(1)
    if _EN_SCALE_ONLY.match(run.strip()) or run.lower() in ("one", "zero"):
        return run
    try:
        return str(text2num(run.replace(" and ", " "), "en"))
    except ValueError:  # "three fifty": two numbers side by side
        parts = []
        for word in run.split():
            try:
                parts.append(str(text2num(word, "en")))
            except ValueError:
                parts.append(word)
        return " ".join(parts)


def _ar_run(m: re.Match, group: int = 1) -> str:
    words = [w.strip() for w in re.split(r"\s+و\s*", m.group(group))]
    if len(words) == 1 and (words[0] in _AR_SKIP or words[0] in ("واحد", "واحده")):
        return m.group(group)
    return str(sum(_AR_WORDS[w] for w in words))


# "two dollars forty an hour", "a dollar thirty", "one dollar and 5 cents": a price in dollars and cents
_EN_DOLLAR_CENTS = re.compile(r"(?<![\w.])(\d{1,2}|an?|one)\s+(?:us\s+)?(?:dollars?|bucks?)\s+(?:and\s+)?(\d{1,2})(?:\s+cents?)?(?![\d.])"
                              r"(?!\s*(?:hours?|hrs?|days?|weeks?|months?|years?|gpus?|cards?|nodes?|servers?|%|percent|watts?|"
                              r"w\b|kw|tokens?|k\b|m\b))", re.I)
_PRICE_PAIR = re.compile(r"\b(\d{1,2}) (\d{2})\b(?=\s*(?:per|an?\b|/|dollars|bucks|an hour))", re.I)
_AR_SHARE_OF_VALUE = re.compile(r"(?<![\u0621-\u064a])(?:ال)?(ربع|نص|نصف|ثلث|تلت|خمس)\s+(قيمت\w*|سعر\w*|ثمن\w*|كل\s+(?:سنه|عام)|سنويا|"
                                r"بالسنه|في\s+السنه)")
_EN_SHARE = re.compile(r"\b(?:a|one)\s+(fifth|quarter|third|half)\b(?=\s+(?:off|of\s+(?:its|their|the)\s+value|for|discount|"
                       r"a\s+year|each\s+year|per\s+year|every\s+year|annually))", re.I)
_EN_SHARE_PCT = {"fifth": 20, "quarter": 25, "third": 33.333333, "half": 50}
# "بدولار ونص" = 1.5 dollars, "دولار و٤٠ سنت" = 1.40, "بدولار" alone = one dollar, "واحد ونص" = 1.5
_AR_DOLLAR_CENTS = re.compile(r"(?:(?<![\d.])(\d+)\s+)?(?<![\u0621-\u064a])(ب?)دولار\s+و\s*(\d{1,2})\s+سنت")
_AR_DOLLAR_HALF = re.compile(r"(?<![\d.]\s)(?<![\u0621-\u064a])(ب?)دولار\s+و\s*(نص|ربع)(?![\u0621-\u064a])")  # not "دولار ونصرف"
_AR_ONE_DOLLAR = re.compile(r"(?<![\u0621-\u064a])بدولار(?![\u0621-\u064a])")
_AR_ONE_HALF = re.compile(r"(?<![\u0621-\u064a])واحد\s+و\s*(نص|ربع)(?![\u0621-\u064a])")
_SHARE = {"ربع": 25, "نص": 50, "نصف": 50, "ثلث": 33.333333, "تلت": 33.333333, "خمس": 20}
# "MFU نص" / "والـ MFU ربع": a share as the utilisation
_AR_MFU_SHARE = re.compile(r"(mfu|كفاءه|بكفاءه)\s*(?:حوالي|تقريبا)?\s*(ربع|نص|نصف|تلت|ثلث)(?![\u0621-\u064a])", re.I)


def _dollar_cents(m: re.Match) -> str:
    whole = int(m.group(1)) if m.group(1) else 1
    return f"{m.group(2)} {whole + int(m.group(3)) / 100:g} دولار"


_AR_DISCOUNT_SHARE = re.compile(r"(خصم|تخفيض|تخفيض)\s+(ربع|نص|نصف|ثلث|خمس)(?![\u0621-\u064a])")


def words_to_digits(text: str) -> str:
    text = _CONTINUOUS.sub(" ", text)
    text = _AR_MFU_SHARE.sub(lambda m: f"{m.group(1)} {_SHARE[m.group(2)]:g}%", text)
    text = _EN_POINT.sub(lambda m: f"{text2num(m.group(1), 'en')}.{text2num(m.group(2), 'en')}", text)
    text = _AR_DISCOUNT_SHARE.sub(lambda m: f"{m.group(1)} {_SHARE[m.group(2)]}%", text)
    text = _EN_SHARE.sub(lambda m: f"{_EN_SHARE_PCT[m.group(1).lower()]}%", text)
    text = _AR_SHARE_OF_VALUE.sub(lambda m: f"{_SHARE[m.group(1)]}% {m.group(2)}", text)
    text = _HALF.sub(lambda m: f"0.5 {m.group(1)}", text)
    text = _DOZEN.sub("12", text)
    text = _EN_RUN.sub(_en_run, text)
    text = _EN_AND_A_HALF.sub(lambda m: f"{m.group(1)}.5", text)
    text = _PRICE_PAIR.sub(lambda m: f"{m.group(1)}.{m.group(2)}", text)  # "three fifty an hour" = 3.50
    text = _EN_DOLLAR_CENTS.sub(lambda m: f"${int(m.group(1)) if m.group(1).isdigit() else 1}.{int(m.group(2)):02d}", text)
    text = _AR_DUAL.sub(lambda m: f"{m.group(1)} 2 {AR_DUALS[m.group(2)]}", text)
    text = _AR_CONSTRUCT_DUAL.sub(lambda m: f"{m.group(1)} 2 وحدات", text)
    text = _AR_HUNDRED_BEFORE_THOUSAND.sub(lambda m: f"{m.group(1)}ميه", text)
    text = _AR_FRACTION.sub(lambda m: f"{AR_FRACTIONS[m.group(1)]} {m.group(2)}", text)
    text = _AR_ONE_HALF.sub(lambda m: f" {1 + _PLUS[m.group(1)]:g} ", text)
    text = _AR_PREFIXED_TEEN.sub(lambda m: f"{m.group(1)} {_AR_WORDS[m.group(2)]}", text)
    text = _AR_RUN.sub(_ar_run, text)
    text = _AR_DOLLAR_CENTS.sub(_dollar_cents, text)
    text = _AR_DOLLAR_HALF.sub(lambda m: f"{m.group(1)} {1 + _PLUS[m.group(2)]:g} دولار", text)
    text = _AR_ONE_DOLLAR.sub("ب 1 دولار", text)
    text = _AR_PREFIXED_RUN.sub(lambda m: f"{m.group(1)} {_ar_run(m, 2)}", text)
    text = _AR_DOLLAR_CENTS.sub(_dollar_cents, text)
    text = _AR_THOUSAND_AND.sub(lambda m: f"{(1000 if m.group(1) == 'الف' else 2000) + int(m.group(2))}", text)
    text = _AR_AND_HALF.sub(lambda m: f"{int(m.group(1)) + _PLUS[m.group(3)]:g} {m.group(2)}", text)
    return _AR_SCALE_AND_HALF.sub(lambda m: f"{m.group(1)} {1 + _PLUS[m.group(3)]:g} {m.group(2)}", text)
