"""Offline quantity reading: every number in a message with its dimension, unit, rate
and span, and the calculator field it most likely is.

Each number is classified by the words right around it (units, currency, cue words) in
English or Arabic (letters folded so that typed variants match: ة/ه, ى/ي, أ/إ/آ/ا).
``read_quantities`` gives the typed quantities; ``extract_params`` the generic field
dict (plus ``_bare`` for the first number with no unit). Nothing here knows which
calculator will run: ``bot.nlu.slots`` places the quantities for a given calculator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.numbers import Mention, clean, find_numbers, fold
from tools.catalogue import find_gpu, gpu_name_pattern
from tools.defaults import HOURS_PER_MONTH, HOURS_PER_YEAR

_GPU_NAMES = gpu_name_pattern()
_GPU_NAME = re.compile(r"(?<![\w])(" + fold(_GPU_NAMES) + r")s?(?![\w])", re.I)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold(pattern), re.I)


@dataclass(frozen=True)
class Quantity:
    """One number as read: ``dimension`` is money, percent, power, pue, flop_rate, tokens,
    parameters, gpus, duration or plain (no unit found); ``rate`` is what it is per
    (hour, month, year, day, second, kwh) when the text says so; ``field`` is the generic
    calculator field it was read as (None when unplaced)."""

    value: float
    dimension: str
    field: str | None
    start: int
    end: int
    raw: str
    rate: str | None = None
    unit: str | None = None


CURRENCY_BEFORE = _rx(r"(\$|usd|us\$|دولار)\s*$")
CURRENCY_AFTER = _rx(r"^\s*(\$|usd|dollars?|bucks?|cents?|¢|c(?=\s*(?:/|per\b|an?\s+(?:hour|kwh)|each\b))|دولار(?:ات|ًا|ا)?|سنت|ريال|درهم)")
CENTS_AFTER = _rx(r"^\s*(cents?|¢|c\b|سنت)")
# What a number is per, written once: the money reader allows a few words between a sum and its
# rate ("$2.50 per GPU-hour"), a unitless number only a currency word ("2.2 an hour", "25k/mo").
_HOUR = (r"per\s+(gpu[\s-]?|card[\s-]?)?h(ou)?r|/\s*(gpu[\s-]?)?h(ou)?r|/\s*gpu\s*/\s*h(ou)?r|/\s*h\b|an?\s+hour|"
         r"(?:per\s+)?gpu[\s-]?hours?\b|hourly|each\s+hour|"
         r"(?<![\u0600-\u06ff])(?:للساعة|لكل\s+ساعة|في\s+الساعة|فالساعة|بالساعة|ساعة\s+gpu|لساعة|على\s+الساعة|الساعة)")
_MONTH = (r"p/m\b|pm\b|per\s+month|an?\s+month|a\s+mo\b|/\s*mo(nth)?\b|/\s*mnth\b|per\s+mnth\b|an?\s+mnth\b|monthly|"
          r"each\s+month|every\s+month|per\s+mo\b|"
          r"شهريا|شهريًا|شهرياً|في\s+الشهر|فالشهر|بالشهر|كل\s+شهر|لكل\s+شهر|شهري")
_YEAR = (r"pa\b|p/a\b|per\s+year|an?\s+year|/\s*y(ea)?r\b|annually|yearly|each\s+year|per\s+annum|"
         r"سنويا|سنويًا|سنوياً|في\s+السنة|بالسنة|كل\s+سنة|في\s+العام")
_KWH = r"kwh|kw\s*h|كيلو\s*وا[طت][\s-]?(?:ال)?ساعة|كيلو\s*وا[طت]|للكيلو|لكل\s+كيلو|(?:per|a|/)\s*kw\b"
PER_HOUR = _rx(r"^[^.,;?!\d]{0,25}?(" + _HOUR + ")")  # not across a comma: "100 ألف دولار، لو الساعة بـ 2.5"
PER_MONTH = _rx(r"^[^.,;?!\d]{0,4}?(" + _MONTH + ")")
PER_YEAR = _rx(r"^[^.,;?!\d]{0,4}?(" + _YEAR + ")")
RENT_NEAR = _rx(r"(rent|rental|leas|cloud|hire|كرا|ااجر|اجره|ناجر|نكري|الكرا|استئجار|استيجار|ستاجر|ستأجر|تاجير|تأجير|ايجار|إيجار|أجار|اجار|سحاب|كلاود)")
OTHER_CAPEX_NEAR = _rx(r"(infra|racks?|facility|building|setup|install|other\s+capex|\bplus\b|بنية|بنيه|تجهيز|تركيب|رفوف|"
                      r"باقي|وفوق|فوقهن|زيادة|اضافة|إضافة)")
PER_KWH = _rx(r"^[^.;?!\d]{0,25}?(" + _KWH + ")")
PER_MTOK = _rx(r"^[^.;?!\d]{0,25}?(per\s+(1\s*m|million)\s+tokens|لكل\s+مليون)")
PERCENT_AFTER = _rx(r"^\s*(%|percent|في\s*المئة|بالمئة|بالمائة)")
POWER_AFTER = _rx(r"^[\s-]*(w\b|watts?\b|وا[طت]|kw\b(?!h)|kilowatts?\b|كيلو\s*وا[طت](?!\s*ساعة))")
# memory and bandwidth ("80GB GPUs", "3.35 TB/s", "١٩٢ غيغابايت"): read, so that no calculator takes them for
# another quantity, but no calculator field is in bytes
MEMORY_AFTER = re.compile(fold(r"^\s*(?:[gtmp]i?b(?:ps|/s)?|[gtmp]bytes?|(?:giga|tera|mega|peta)bytes?(?:/s)?"
                               r"|غيغابايت|جيجابايت|جيجا\s*بايت|تيرابايت|ميغابايت|ميجابايت)(?![a-z0-9])"), re.I)  # not "256 GB200s"
KW_AFTER = _rx(r"^[\s-]*(kw\b|kilowatts?|كيلو\s*وا[طت])")
GPU_COUNT_AFTER = _rx(r"^[\s-]*(x\s*)?(?:nvidia\s+|of\s+(?:the\s+|those\s+|them\s+)?)?(gpus?\b|gpu|gpu's|وحدات|وحدة|بطاقات|بطاقة|كروت|كرت|كارت(?:ات)?|كارطات|كارطة|كارطه|مسرعات|مسرعا|مسرع|معالجا|"
                      r"جي\s*بي\s*يو|معالجات|معالج|accelerators?\b|cards?\b|chips?\b|رقائق|شرائح|شريحة|اجهزه\s+(?=gpu|معالج|" + _GPU_NAMES + r")|" + _GPU_NAMES + r")(?![\u0621-\u064a])", )
COUNT_TIMES_POWER = _rx(r"^\s*[x×*]\s*\d+(?:\.\d+)?\s*(?:w\b|watts?\b|kw\b|واط|وات|كيلوواط)")
GPU_HOURS_ASKED = _rx(r"gpu[\s-]?h(?:ou)?rs?\b|ساعات\s+(?:ال)?(?:gpu|معالج|وحدات|كروت)")
OTHER_CAPEX_AFTER = _rx(r"^[\s-]*(?:in\s+|of\s+)?(?:other|additional|extra)\s+(?:capex|costs?|hardware|infra)|"
                        r"^[\s-]*(?:تكاليف|كلفة)\s+(?:أخرى|اخرى|إضافية|اضافية)|^[\s-]*(?:for\s+(?:the\s+)?)?(?:infra|facility|racks)|"
                        r"^[\s-]*(?:لل|ل)?(?:بنية|بنيه)\s+(?:ال)?تحتي")
# "الحمل اليومي ٤ مليار توكن", "daily load of 4B tokens": the tokens are per day
DAILY_BEFORE = _rx(r"(daily|a\s+day|per\s+day|اليومي|يومي|يوميا|باليوم)[^\d]{0,12}$")
# "64 gpus x $28k", "٨ × ٢٢ ألف": so many GPUs at that price each (the price is the next number)
COUNT_TIMES = _rx(r"^\s*(?:gpus?|cards?|كروت|كرت|وحدات)?\s*[x×*]\s*(?:\$|usd\s*)?$")
# "2 nodes with 8 GPUs each", "جهازين كل جهاز فيه ٨ كروت", "4 سيرفرات بكل سيرفر 8 كروت", "2 8-GPU servers":
# so many machines of so many GPUs each (the GPU count is the product)
MACHINES_AFTER = _rx(r"^[\s-]*(?:x\s*)?(?:nodes?|servers?|machines?|boxes|hosts?|instances?|عقد|عقده|خوادم|خادم|سيرفرات|"
                     r"سيرفر|اجهزه|جهاز|ماكينات|مكائن)(?![\u0621-\u064aa-z])")
PER_MACHINE_LINK = _rx(r"^[^\d.,;،؛?!]{0,25}$")
PER_MACHINE_WORD = _rx(r"(\bwith\b|\bof\b|\beach\b|\bhaving\b|\bx\b|×|\*|(?<![\u0621-\u064a])(?:كل|بكل|فيه|فيها|فيهم)(?![\u0621-\u064a]))")
GPUS_PER_MACHINE_AFTER = _rx(r"^[\s-]*(?:x\s*)?(?:gpus?|cards?|كروت|كرت|كارت(?:ات)?)\s*(?:per|each\s+(?:in|on)|in\s+each|on\s+each|"
                             r"(?:في|ب)\s*كل|بكل|لكل)\s*(?:node|server|machine|box|host|instance|جهاز|سيرفر|خادم|عقده)")
EIGHT_GPU_MACHINES_AFTER = _rx(r"^[\s-]*(?:gpus?|cards?)[\s-]*(?:nodes?|servers?|machines?|boxes|hosts?)\b")
NODES_AFTER = _rx(r"^[\s-]*(nodes?\b|servers?\b|عقد|عقدة|خوادم|خادم)(?![\u0621-\u064a])")
HOURS_AFTER = _rx(r"^[\s-]*(hours?\b|hrs?\b|h\b|ساعات|ساعة)(?![\u0621-\u064a])")
DAYS_AFTER = _rx(r"^[\s-]*(days?\b|أيام|ايام|يوم(?:ا|ًا)?)(?![\u0621-\u064a])")
WEEKS_AFTER = _rx(r"^[\s-]*(weeks?\b|wks?\b|أسابيع|اسابيع|أسبوع|اسبوع|سيمانات|سيمانة)(?![\u0621-\u064a])")
MONTHS_AFTER = _rx(r"^[\s-]*(months*\b|mos?\b|mnths?\b|أشهر|اشهر|شهور|شهر(?:ا|ًا)?)(?![\u0621-\u064a])")
YEARS_AFTER = _rx(r"^[\s-]*(years?\b|yrs?\b|سنوات|سنة|سنين|أعوام|اعوام|عام(?:ا|ًا)?)(?![\u0621-\u064a])")
TOKENS_AFTER = _rx(r"^[\s-]*(tokens?\b|tokns?\b|toks?\b|رموز|رمز(?:ا|ًا)?|توكن(?:ز|ات)?|tok\b)")
PARAMS_AFTER = _rx(r"^[\s-]*(param(?:eter)?s?\b|معاملات|معامل(?:ا|ًا)?|بارامي?تر(?:ات)?|باراميتر|weights?\b)")
MODEL_AFTER = _rx(r"^[\s-]*(model|llm|نموذج|للنموذج)")
PER_SECOND = _rx(r"^[^.;?!\d]{0,20}?(per\s+sec(ond)?|/\s*s\b|/\s*sec|a\s+second|each\s+second|في\s+الثانية|بالثانية|"
                 r"فالثانية|بالتانية|في\s+التانية|لكل\s+ثانية|/\s*ثانية|/\s*ث(?![\u0621-\u064a])|tok/s|tps\b)")
PER_DAY = _rx(r"^[^.;?!\d]{0,20}?(per\s+day|a\s+day|/\s*day|daily|each\s+day|every\s+day|يوميا|يوميًا|في\s+اليوم|"
              r"باليوم|فالنهار|في\s+النهار|بالنهار|كل\s+يوم|/\s*يوم)")
PUE_BEFORE = _rx(r"pue\s*(of|=|:|is|at|of about|around|about|~|بقيمة|قدره|يساوي|تساوي|تبلغ|يبلغ|عند|حوالي|تقريبا)?\s*$")
PUE_AFTER = _rx(r"^\s*pue\b")
AIR_NEAR = _rx(r"(air|هواء|بالهواء|هوائي|الهوا\b|بالهوا\b)")
LIQUID_NEAR = _rx(r"(liquid|direct[\s-]to[\s-]chip|immersion|water|سائل|السائل|بالمية|بالماء|بالمي\b|بالما\b)")
MFU_NEAR = _rx(r"(mfu|efficien|كفاءة|بكفاءة|utili[sz]ation\s+of\s+peak|of\s+peak|من\s+الذروة|استغلال)")
DISCOUNT_NEAR = _rx(r"(discount|off\b|خصم|تخفيض)")
DECLINE_NEAR = _rx(r"(fall|drop|declin|decreas|cheaper|down|los[et]s?\b|lose|of\s+its\s+value|depreciat|يفقد|تفقد|تنخفض|انخفاض|انخفض|ينخفض|تتراجع|تراجع|تقل)")
UTIL_NEAR = _rx(r"(utili[sz]|busy|load|استخدام|الاستخدام|تشغيل|إشغال|اشغال)")
BUDGET_NEAR = _rx(r"(budget|ميزانية|ميزانيتي|have|spend|لدي|لدينا|أملك)")
GPU_PRICE_NEAR = _rx(r"(each|كل\s+واحد|per\s+(gpu|card|unit|accelerator)|a\s+gpu|apiece|a\s+pop|a\s+piece|per\s+piece|للوحدة|الوحدة|"
                     r"للكرت|للكارت|الواحد|للواحد|كل\s+وحدة|كل\s+كرت|كل\s+كارت|للقطعة|سعر\s+الكرت)")
PURCHASE_NEAR = _rx(r"(buy|purchase|bought|\bown\b|total|altogether|all\s+in|سعر\s+الشراء|شراء|(?<![\u0621-\u064a])(?:ال)?شرا(?![\u0621-\u064a])|نشتري|اشتري|أشتري|بنشتري|"
                    r"نشتريها|اشترينا|إجمالي|الإجمالي|كلها|بالكامل)")
EACH_AFTER = _rx(r"^\s*(each|apiece|a\s+pop|a\s+piece|per\s+(gpu|card|unit|piece)|للوحدة|للكرت|للكارت|للواحد|"
                 r"لكل\s+(وحدة|كرت|كارت|واحد))")
MONTHLY_CUE = _rx(r"(monthly|per\s+month|a\s+month|شهري|الشهري|شهريا|بالشهر|في\s+الشهر)")
YEARLY_WORD = _rx(r"(yearly|annual|per\s+year|سنوي|بالسنة)")
TOTAL_AFTER = _rx(r"^\s*(total|in\s+total|altogether|all\s+in|إجمالي|بالإجمال|كلها|للكل)")
KWH_BEFORE = _rx(r"(kwh|kw\s*h|كيلو\s*وا[طت]\s*(?:ال)?ساعة|الكيلو\s*وا[طت]|الكيلو|للكيلو|electricity|power|الكهرباء|الكهربا)"
                 r"\s*(?:price|rate|at|is|costs?|@|ب|بـ|:|=|سعر|يساوي|بسعر)?\s*\$?\s*$")
# "مصاريف سنوية ٢٤ ألف", "نفقات تشغيل سنوية قدرها ٦٠ ألف دولار", "annual opex of $90k": a sum per year, said before it
YEAR_BEFORE = _rx(r"(yearly|annual|per\s+year|السنوية|السنوي|سنوية|سنوي)\s*(?:opex|running|costs?|of|قدرها|بقيمة|:|ب|بـ)?"
                  r"\s*(?:of|:)?\s*\$?\s*$")
MONTH_BEFORE = _rx(r"(monthly|a\s+month\s+of|per\s+month|الشهرية|الشهري|شهرية|شهري|شهريا|بالشهر|فالشهر)\s*(?:net|revenue|of|:|ب|بـ)?\s*\$?\s*$")
REVENUE_NEAR = _rx(r"(revenue|income|profit|earn|\bnets?\b|net\s|clear|brings?\s+in|إيراد|ايراد|دخل|ربح|أرباح|صافي|الصافي|عائد|يجيب|بيجيب|يدخل)")
MONTHLY_NEAR = _rx(r"(month|monthly|شهر|شهري|شهريا|شهريًا)")
CAPEX_NEAR = _rx(r"(capex|invest|upfront|spent|spend|build|earn\s+back|pay\s+back|recoup|recover|cluster\s+costs?|استثمار|نستثمر|رأسمالي|راسمالي|صرفنا|حطينا|كلفة\s+المشروع|راس\s+المال|راس\s+مال)")
OPEX_NEAR = _rx(r"(opex|running|مصاريف|مصروف|نصرف|بنصرف|يصرف|\brun\b|to run|operat|staff|maintenance|power|hosting|colo|تشغيل|صيانة|رواتب|كهرباء)")
NETWORK_NEAR = _rx(r"(network|networking|switch|شبكة|الشبكة|شبكات)")
COOLING_NEAR = _rx(r"(cooling|تبريد|التبريد)")
DEPRECIATION_NEAR = _rx(r"(depreciat|amorti[sz]|useful\s+life|إهلاك|اهلاك|استهلاك\s+الأصول|عمر)")
HORIZON_NEAR = _rx(r"(horizon|over|within|خلال|على\s+مدى)")
FLOPS_PEAK_AFTER = _rx(r"^[\s-]*((t|p)?flop/?s|(tera|peta)[\s-]?flops?|تيرا\s*فلوب(?:س)?|بيتا\s*فلوب(?:س)?|tflops|pflops)")

_PERIOD_WORDS = [
    (_rx(r"(?:for|over|in|during)\s+(?:a|one|the)\s+quarter\b|(?<![\u0621-\u064a])(?:ربع\s+سنة|لمدة\s+ربع)"), 2190.0),
    (_rx(r"half\s+a\s+year|(?<![\u0621-\u064a])(?:نص|نصف)\s+سنة"), 4380.0),
    (_rx(r"(?:full|whole|entire)\s+year|(?<![\u0621-\u064a])(?:سنة|عام)\s+(?:كاملة|كامل|كاملا)|(?:طول|طوال)\s+(?:السنة|العام)"), 8760.0),
    (_rx(r"(?:full|whole|entire)\s+month|(?<![\u0621-\u064a])شهر\s+(?:كامل|كاملا)|(?:طول|طوال)\s+الشهر"), 730.0),
    (_rx(r"(?:full|whole|entire)\s+week|(?<![\u0621-\u064a])(?:اسبوع|أسبوع|سيمانه|سيمانة)\s+(?:كامل|كاملا)"), 168.0),
    # "بأسبوع", "بشهر", "بسنة": in a week, a month, a year (not "بالأسبوع", which is per week)
    (_rx(r"(?<![\u0621-\u064a])باسبوع(?![\u0621-\u064a])"), 168.0),
    (_rx(r"(?<![\u0621-\u064a])بشهر(?![\u0621-\u064a])"), 730.0),
    (_rx(r"(?<![\u0621-\u064a])(?:بسنه|بعام)(?![\u0621-\u064a])"), 8760.0),
    (_rx(r"(?:for|over|during|in|a|one|لمدة|خلال|طوال)\s+(?:a|one|an|an entire|the)?\s*(?:full\s+)?year\b|"
         r"لمدة\s+(?:سنة|عام)|طوال\s+العام|(?<![\u0621-\u064a])(?:لسنة|لعام)\b"),
     8760.0),
    (_rx(r"(?:for|over|during|لمدة|خلال)\s+(?:a|one|the)?\s*month\b|لمدة\s+شهر|(?<![\u0621-\u064a])لشهر\b"), 730.0),
    (_rx(r"(?:for|over|during|a|one|لمدة|خلال)\s+(?:a|one|the)?\s*week\b|لمدة\s+أسبوع|(?<![\u0621-\u064a])لأسبوع"), 168.0),
    (_rx(r"(?:for|over|during|a|one|لمدة|خلال)\s+(?:a|one|the)?\s*(?:full\s+)?day\b|لمدة\s+يوم|(?<![\u0621-\u064a])ليوم\b"),
     24.0),
    # "running a month", "شغالين شهر": how long the machines run
    (_rx(r"(?:running|runs|run|operating)\s+(?:for\s+)?(?:a|one)\s+year\b|شغال\w*\s+(?:ل)?(?:سنه|عام)(?![\u0621-\u064a])"),
     8760.0),
    (_rx(r"(?:running|runs|run|operating)\s+(?:for\s+)?(?:a|one)\s+month\b|شغال\w*\s+(?:ل)?شهر(?![\u0621-\u064a])"),
     730.0),
    (_rx(r"(?:running|runs|run|operating)\s+(?:for\s+)?(?:a|one)\s+week\b|شغال\w*\s+(?:ل)?(?:اسبوع|سيمانه)(?![\u0621-\u064a])|"
         r"لمده\s+سيمانه"), 168.0),
]


# "٤٥ ألف والإيجار بالساعة ٣٫٢": an hourly cue after "و"/"and" and a word starts the next item
_NEXT_ITEM = _rx(r"\sو(?=[\u0621-\u064a]{3})|\sand\s")


def _windows(text: str, m: Mention, before: int, after: int) -> tuple[str, str]:
    """The words on either side of a number, up to the next number, whole words only (a window that cuts
    "networking" to "net" must not read a net revenue)."""
    start, end = max(0, m.start - before), m.end + after
    left = re.split(r"\d", text[start:m.start])[-1]
    right = re.split(r"\d", text[m.end:end])[0]
    if start > 0 and re.match(r"\w\w", text[start - 1:start + 1]) and left == text[start:m.start]:
        left = re.sub(r"^\w+", "", left)
    if end < len(text) and re.match(r"\w\w", text[end - 1:end + 1]) and right == text[m.end:end]:
        right = re.sub(r"\w+$", "", right)
    return left, right


_CLAUSE_END = re.compile(r"[،,;؛.]\s|\sو(?=[\u0621-\u064a]{3})|\sand\s")


def _past_clause(text: str, m: Mention, pattern: re.Pattern[str], before: int, after: int) -> bool:
    """The cue is only after the number, past a comma or an "and": it names the next item ("32 gpus at 35k,
    opex 90k/yr")."""
    left, right = _windows(text, m, before, after)
    return not pattern.search(left) and not pattern.search(_CLAUSE_END.split(right)[0])


def _nearest(text: str, m: Mention, cues: dict[str, re.Pattern[str]], before: int = 40, after: int = 25) -> str | None:
    """The cue closest to the number (either side, not crossing another number)."""
    left, right = _windows(text, m, before, after)
    clause = _CLAUSE_END.split(right)[0]
    if any(rx.search(left) or rx.search(clause) for rx in cues.values()):
        right = clause  # "وإيجاره الشهري ٢٥ ألف، والتشغيل ...": a cue past the comma belongs to the next number
    best, best_d = None, 10**6
    for name, rx in cues.items():
        for hit in rx.finditer(left):
            if len(left) - hit.end() < best_d:
                best, best_d = name, len(left) - hit.end()
        hit = rx.search(right)
        if hit and hit.start() <= best_d:
            best, best_d = name, hit.start()
    return best


def _near(text: str, m: Mention, pattern: re.Pattern[str], before: int = 40, after: int = 30) -> bool:
    """A cue word close to the number, without crossing another number (whose cue it is)."""
    left, right = _windows(text, m, before, after)
    return bool(pattern.search(left) or pattern.search(right))


def _classify_money(text: str, m: Mention, after: str, value: float, params: dict) -> None:
    if CENTS_AFTER.match(after):
        value /= 100
    rest = after[CURRENCY_AFTER.match(after).end():] if CURRENCY_AFTER.match(after) else after
    left = re.split(r"\d", text[max(0, m.start - 40):m.start])[-1]  # the words since the previous number
    if PER_KWH.match(rest) or (value < 2 and KWH_BEFORE.search(text[max(0, m.start - 30):m.start])):
        params["price_usd_per_kwh"] = value
    elif PER_MTOK.match(rest):
        params["target_usd_per_million_tokens"] = value
    elif (PER_HOUR.match(rest) and not _NEXT_ITEM.search(PER_HOUR.match(rest).group(0))) or \
            RATE_BEFORE.search(text[max(0, m.start - 30):m.start]):
        params["price_usd_per_gpu_hour"] = value
    elif PER_MONTH.match(rest) or MONTH_BEFORE.search(text[max(0, m.start - 30):m.start]) or \
            (MONTHLY_CUE.search(left) and not YEARLY_WORD.search(left) and not (
                re.search(r"\d", text[max(0, m.start - 40):m.start]) and PER_MONTH.match(left))):
        # (a "monthly" that starts the words since the previous number is that number's rate: "42,500 a month and
        # cost 1.7 million")
        cue = _nearest(text, m, {"monthly_net_revenue_usd": REVENUE_NEAR, "rent_usd_per_month": RENT_NEAR,
                                 "opex_usd_per_month": OPEX_NEAR}, 40, 30)
        if cue and cue not in params:
            params[cue] = value
        else:
            params["usd_per_month" if "usd_per_month" not in params else "rent_usd_per_month"] = value
    elif PER_YEAR.match(rest) or YEAR_BEFORE.search(text[max(0, m.start - 30):m.start]):
        if _near(text, m, REVENUE_NEAR, 30, 16):
            params["monthly_net_revenue_usd"] = value / 12
        elif _near(text, m, OPEX_NEAR, 40, 30):
            params["opex_usd_per_year"] = value
        else:
            params["usd_per_year"] = value
    elif EACH_AFTER.match(rest) and value >= 500:
        params["gpu_price_usd"] = value
    elif EACH_AFTER.match(rest) and value <= 100 and GPU_HOURS_ASKED.search(text):
        params["price_usd_per_gpu_hour"] = value  # "GPU-hours I can afford at $3.10 each": a GPU-hour's price
    elif TOTAL_AFTER.match(rest) and value >= 500:
        params["capex_usd"] = value
    elif CAPEX_NEAR.search(left) or _near(text, m, REVENUE_NEAR, 40, 16):
        # "spent $400k ... they net us 25k": the cue nearest the number says which it is
        params[_nearest(text, m, {"capex_usd": CAPEX_NEAR, "monthly_net_revenue_usd": REVENUE_NEAR}, 40, 16)] = value
    elif _near(text, m, NETWORK_NEAR, 25, 20):
        params["network_capex_usd"] = value
    elif OTHER_CAPEX_NEAR.search(left[-25:]) or OTHER_CAPEX_AFTER.match(rest) or (
            "gpu_price_usd" in params and _near(text, m, GPU_PRICE_NEAR, 40, 25)):
        params["other_capex_usd"] = value
    elif _near(text, m, COOLING_NEAR, 25, 20) and not _near(text, m, GPU_PRICE_NEAR, 25, 20):
        params["cooling_capex_usd"] = value
    elif _near(text, m, GPU_PRICE_NEAR, 40, 25) and value >= 500:
        params["gpu_price_usd"] = value
    elif _near(text, m, OPEX_NEAR, 25, 25) and not _past_clause(text, m, OPEX_NEAR, 25, 25) and _nearest(
            text, m, {"opex": OPEX_NEAR, "purchase": PURCHASE_NEAR, "capex": CAPEX_NEAR}, 25, 25) == "opex":
        params["opex_usd_per_year"] = value
    elif _near(text, m, CAPEX_NEAR):
        params["capex_usd"] = value
    elif _near(text, m, BUDGET_NEAR):
        params["budget_usd"] = value
    elif _near(text, m, PURCHASE_NEAR, 40, 25) and value >= 500:
        params["capex_usd"] = value
    elif _near(text, m, DECLINE_NEAR, 60, 60) or re.search(r"(costs?|تكلف|يكلف)\s*\$?\s*$", text[:m.start], re.I):
        params.setdefault("cost_usd", value)
        if value <= 50:
            params.setdefault("price_usd_per_gpu_hour", value)
    elif value <= 100:
        params["price_usd_per_gpu_hour"] = value
    elif value >= 5000 and _near(text, m, _rx(r"(gpu|h100|h200|b200|a100|وحدة)"), 30, 30):
        params["gpu_price_usd"] = value
    else:
        params["budget_usd"] = value


def _classify_percent(text: str, m: Mention, value: float, params: dict) -> None:
    if _near(text, m, DISCOUNT_NEAR, 30, 20):
        params["discount_pct"] = value
    elif _near(text, m, MFU_NEAR, 30, 25):
        params["mfu"] = value / 100
    elif _near(text, m, DECLINE_NEAR, 40, 30):
        params["decline_pct_per_year"] = value
    elif _near(text, m, UTIL_NEAR, 40, 30):
        params["utilisation_pct"] = value
    elif re.search(r"(train|تدريب)", text, re.I):
        params["mfu"] = value / 100
    else:
        params["percent"] = value


_GAP = r"^\s*(?:\$|usd|dollars?|bucks|دولار)?\s*"
_PLAIN_RATES = [
    ("hour", _rx(_GAP + "(" + _HOUR + ")")), ("month", _rx(_GAP + "(" + _MONTH + ")")),
    ("year", _rx(_GAP + "(" + _YEAR + ")")), ("kwh", _rx(_GAP + "(" + _KWH + ")")),
    ("second", PER_SECOND), ("day", PER_DAY)]
_HOURS_PER = {"hours": 1.0, "days": 24.0, "weeks": 168.0, "months": HOURS_PER_MONTH, "years": HOURS_PER_YEAR.value}
# "the hour at 1.75" / "hourly rate $1.90": a rate word before the number
RATE_BEFORE = _rx(r"(hourly\s+rate|per\s+hour|an\s+hour|/\s*h(ou)?r|(?<![\u0600-\u06ff])(?:سعر\s+)?(?:ال|و?ال|و?بال)ساعة\s*(?:ب|بـ|:)?)\s*\$?\s*$")


def _is_sum(between: str, m: Mention, after: str) -> bool:
    """A money amount, not a wattage: "$28k", "22 ألف", "27,000 dollars" (but "× 900 W" is power)."""
    if COUNT_TIMES_POWER.match(between + m.raw + after):
        return False
    return "$" in between or bool(re.search(r"[kK]$|الف|ألف|آلاف|الاف", m.raw)) or bool(
        re.match(r"^\s*(?:dollars?|usd|\$|دولار)", after, re.I))


def extract_params(text: str) -> dict[str, float | str]:
    """Calculator inputs found in ``text``, by generic field name."""
    return read_quantities(text)[0]


def _machines_times_gpus(text: str, m: Mention, following: Mention | None) -> float | None:
    """GPUs in total when ``m`` and ``following`` say so many machines of so many GPUs each, else None."""
    if following is None or m.suffix or following.suffix or m.value >= 10_000 or following.value > 64:
        return None
    after, between = text[m.end:m.end + 40], text[m.end:following.start]
    after_next = text[following.end:following.end + 40]
    machines = MACHINES_AFTER.match(after)
    if machines and GPU_COUNT_AFTER.match(after_next):
        link = between[machines.end():]
        if PER_MACHINE_LINK.match(link) and PER_MACHINE_WORD.search(link):
            return m.value * following.value  # "2 nodes with 8 GPUs each"
    if re.fullmatch(r"\s*", between) and EIGHT_GPU_MACHINES_AFTER.match(after_next):
        return m.value * following.value  # "2 8-GPU servers"
    per = GPUS_PER_MACHINE_AFTER.match(after)
    if per and m.value <= 64 and PER_MACHINE_LINK.match(between[per.end():].lstrip(",،; ")) \
            and MACHINES_AFTER.match(after_next):
        return m.value * following.value  # "8 GPUs per node, 4 nodes"
    return None


def read_quantities(text: str) -> tuple[dict[str, float | str], list[Quantity]]:
    """(generic fields, typed quantities in text order) for ``text``."""
    text = clean(text)
    params: dict[str, float | str] = {}
    quantities: list[Quantity] = []
    gpu = _GPU_NAME.search(text)
    spec = find_gpu(gpu.group(1)) if gpu else None
    if spec:
        params["gpu"] = spec.key
    mentions = find_numbers(text)
    # numbers that are part of a GPU name ("H100", "GB200") are not quantities
    names = [(g.start(), g.end()) for g in _GPU_NAME.finditer(text)]
    mentions = [m for m in mentions if not any(s <= m.start < e for s, e in names)]
    read_with_previous: set[int] = set()  # mentions already read as part of the one before them
    for i, m in enumerate(mentions):
        if i in read_with_previous:
            continue
        before = text[max(0, m.start - 30):m.start]
        after = text[m.end:m.end + 60]
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        per_machine = _machines_times_gpus(text, m, following)
        if per_machine is not None:
            params["gpus"] = per_machine
            quantities.append(Quantity(per_machine, "gpus", "gpus", m.start, following.end, text[m.start:following.end],
                                       None, "count"))
            read_with_previous.add(i + 1)
            continue
        if following is not None and "gpus" not in params and following.value >= 500 \
                and COUNT_TIMES.match(text[m.end:following.start]) \
                and _is_sum(text[m.end:following.start], following, text[following.end:following.end + 12]):
            params["gpus"], params["gpu_price_usd"] = m.value, following.value  # "64 gpus x $28k"
            quantities.append(Quantity(m.value, "gpus", "gpus", m.start, m.end, m.raw, None, "count"))
            quantities.append(Quantity(following.value, "money", "gpu_price_usd", following.start, following.end,
                                       following.raw, None, "usd"))
            read_with_previous.add(i + 1)
            continue
        if "gpus" not in params and COUNT_TIMES_POWER.match(after):
            params["gpus"] = m.value  # "16 × 700W", "٣٢ × ٤٠٠ واط": so many cards of that power
            quantities.append(Quantity(m.value, "gpus", "gpus", m.start, m.end, m.raw, None, "count"))
            continue
        if re.search(r"(per|لكل)\s*$|/$", before, re.I) or re.match(r"^[\s-]*(x|×)?\s*\d", after) and "×" in after[:3]:
            continue  # a rate's denominator ("per million tokens"), not a quantity
        seen = dict(params)
        dimension, unit, rate = _read_one(text, m, before, after, params)
        changed = [k for k in params if k not in seen or params[k] != seen[k]]
        field = changed[-1] if changed else None
        if dimension == "plain":
            rate = next((name for name, rx in _PLAIN_RATES if rx.match(after)), None)
            if rate is None and RATE_BEFORE.search(before):
                rate = "hour"
            elif rate is None and MONTH_BEFORE.search(before):
                rate = "month"
            if field is None:
                params.setdefault("_bare", m.value)
        value = params[field] if field and isinstance(params.get(field), float | int) else m.value
        if field == "price_usd_per_gpu_hour":
            rate = "hour"
            unit = "usd_per_gpu_hour" if re.search(
                r"per\s+(gpu|card)|/\s*gpu|gpu[\s-]?h(ou)?r|each|للكرت|للكارت|لكل\s+(وحده|كرت|كارت|واحد)|للوحده",
                text[max(0, m.start - 25):m.end + 30], re.I) else "usd_per_hour"
        if dimension == "duration" and field == "hours" and quantities and quantities[-1].field == "hours":
            gap = re.sub(r"^[\s-]*\S+", "", text[quantities[-1].end:m.start], count=1)  # drop the first unit word
            if re.fullmatch(r"\s*(و|and|,|&)\s*", gap):
                params["hours"] = value = value + quantities[-1].value  # "يومين وساعتين", "2 days and 3 hours"
        quantities.append(Quantity(value, dimension, field, m.start, m.end, m.raw, rate, unit))
    _daily_use(text, params, quantities)
    if "hours" not in params and not any(q.dimension == "duration" for q in quantities):
        for pattern, hours in [*_PERIOD_WORDS, *_PER_PERIOD]:
            if pattern.search(text):
                params["hours"] = hours
                break
    elif params.get("hours") == 24 and not re.search(r"(24\s*(hours?|ساعه|ساعات)\s*(a|per|في|ب|كل)?\s*(day|يوم|اليوم))", text, re.I):
        pass
    if params.get("hours") == 24:
        # "24 hours a day for a month" / "٢٤ ساعة لمدة شهر": the period, not one day
        for pattern, hours in _PERIOD_WORDS:
            if hours > 24 and pattern.search(text):
                params["hours"] = hours
                break
    if GPU_HOURS_ASKED.search(text) and not any(q.dimension == "money" for q in quantities):
        params["gpu_hours_only"] = True  # the question is the GPU-hours themselves, with no price to cost them
    stated = {k for k in params if k not in ("gpu", "_bare", "percent", "gpu_hours_only")}
    if "gpu" in params and "gpus" not in params and stated:
        # "an H100" / "one H100" / "وحدة H100" means one
        if re.search(r"\b(an?|one|single)\s+(nvidia\s+)?" + re.escape(gpu.group(1)), text, re.I):
            params["gpus"] = 1.0
    return params, quantities


# "savings p/m", "نوفر بالشهر": a result asked per period, when no duration is stated
_PER_PERIOD = [(_rx(r"\bp/m\b|\bper\s+month\b|\bmonthly\b|(?<![\u0621-\u064a])(?:بالشهر|شهريا|في\s+الشهر)"), 730.0),
               (_rx(r"\bper\s+year\b|\bannual(?:ly)?\b|\byearly\b|(?<![\u0621-\u064a])(?:بالسنة|سنويا|في\s+السنة)"), 8760.0)]
DAILY = _rx(r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h|ساعات|ساعة)\s*(?:a|per|each|every|/|في|كل|ب)?\s*"
            r"(?:day|اليوم|يوم|يوميا|nightly)(?![\u0621-\u064a])|كل\s+يوم\s+(\d+(?:\.\d+)?)\s*(?:ساعات|ساعة)")


def _daily_use(text: str, params: dict, quantities: list[Quantity]) -> None:
    """"8 hours a day for 3 weeks" = 8 × 21 hours; "24 hours" beside a longer period is that period."""
    durations = [q for q in quantities if q.dimension == "duration" and q.field == "hours"]
    daily = DAILY.search(text)
    if daily:
        per_day = float(daily.group(1) or daily.group(2))
        start = daily.start(1) if daily.group(1) else daily.start(2)
        others = [q for q in durations if q.start != start]
        period = others[-1].value if others else next(
            (h for rx, h in _PERIOD_WORDS if h > 24 and rx.search(text)), None)
        if period:
            params["hours"] = per_day * period / 24
        return
    if len(durations) >= 2 and any(q.value == 24 and q.unit == "hours" for q in durations):
        longer = [q.value for q in durations if not (q.value == 24 and q.unit == "hours")]
        if longer and params.get("hours") in (24, 24.0):
            params["hours"] = max(longer)


def _read_one(text: str, m: Mention, before: str, after: str, params: dict) -> tuple[str, str | None, str | None]:
    """Classify one number into ``params``; returns (dimension, unit, rate)."""
    value = m.value
    if CURRENCY_BEFORE.search(before) or CURRENCY_AFTER.match(after):
        _classify_money(text, m, after, value, params)
        return "money", "usd", None
    if PERCENT_AFTER.match(after):
        _classify_percent(text, m, value, params)
        return "percent", "percent", None
    if PUE_BEFORE.search(before) or PUE_AFTER.match(after):
        # "air PUE 1.6": the cue before the keyword binds first; "PUE 1.5 for air": the one after
        left = re.split(r"\d", text[max(0, m.start - 30):m.start])[-1]
        cooling = ("pue_air" if AIR_NEAR.search(left) and not LIQUID_NEAR.search(left) else
                   "pue_liquid" if LIQUID_NEAR.search(left) and not AIR_NEAR.search(left) else
                   _nearest(text, m, {"pue_air": AIR_NEAR, "pue_liquid": LIQUID_NEAR}, 30, 15))
        if cooling:
            params[cooling] = value
        elif "pue" in params:
            params["pue_liquid" if value < params["pue"] else "pue_air"] = value
        elif ("pue_air" in params) != ("pue_liquid" in params):  # "air 1.7 versus 1.1": the other one
            params["pue_liquid" if "pue_air" in params else "pue_air"] = value
        else:
            params["pue"] = value
        return "pue", None, None
    if MEMORY_AFTER.match(after):
        return "memory", "bytes", None
    if POWER_AFTER.match(after):
        params["power_watts_per_gpu"] = value * (1000 if KW_AFTER.match(after) else 1)
        return "power", "watts", None
    if FLOPS_PEAK_AFTER.match(after):
        unit = FLOPS_PEAK_AFTER.match(after).group(0).strip().lower()
        scale = 1e12 if unit.startswith(("t", "تيرا")) else 1e15 if unit.startswith(("p", "بيتا")) else 1
        params["peak_flops_per_gpu"] = value * scale
        return "flop_rate", "flop/s", "second"
    if re.match(r"^\s*(tps|tok/s|tokens?/s(ec)?)\b", after, re.I):
        params["tokens_per_second_per_gpu"] = value
        return "tokens", "tokens", "second"
    if re.match(r"^\s*c\b", after) and KWH_BEFORE.search(before):  # "kWh @ 9c"
        params["price_usd_per_kwh"] = value / 100
        return "money", "usd", "kwh"
    if value < 2 and re.match(r"^\s*(?:/|per\s+)\s*kwh", after, re.I):  # "power 0.08/kwh", no currency sign
        params["price_usd_per_kwh"] = value
        return "money", "usd", "kwh"
    if TOKENS_AFTER.match(after):
        rest = after[TOKENS_AFTER.match(after).end():]
        if PER_SECOND.match(rest):
            params["tokens_per_second_per_gpu"] = value
            return "tokens", "tokens", "second"
        if PER_DAY.match(rest) or DAILY_BEFORE.search(before):
            params["tokens_per_day"] = value
            return "tokens", "tokens", "day"
        params["tokens"] = value
        return "tokens", "tokens", None
    if PARAMS_AFTER.match(after) or (m.suffix == "b" and not TOKENS_AFTER.match(after)):
        params["parameters"] = value
        return "parameters", None, None
    if MFU_NEAR.search(after[:12]) and 0 < value < 1 or (0 < value < 1 and re.search(r"mfu\s*(of|=|:|at|~)?\s*$", before, re.I)):
        params["mfu"] = value
        return "percent", "fraction", None
    if GPU_COUNT_AFTER.match(after):
        params["gpus"] = value
        return "gpus", "count", None
    if NODES_AFTER.match(after) and not m.suffix and value < 10_000:
        if "gpus" in params:  # "16 GPUs in 3 servers": the GPUs are counted already
            return "plain", "nodes", None
        params["gpus"] = value * 8
        return "gpus", "nodes", None
    for unit, rx in (("hours", HOURS_AFTER), ("days", DAYS_AFTER), ("weeks", WEEKS_AFTER)):
        if rx.match(after):
            params["hours"] = value * _HOURS_PER[unit]
            return "duration", unit, None
    if MONTHS_AFTER.match(after):
        if _near(text, m, HORIZON_NEAR, 20, 0) and re.search(fold(r"(roi|return|عائد|payback|استرداد)"), text, re.I):
            params["horizon_months"] = value
        else:
            params["hours"] = value * 730
        return "duration", "months", None
    if YEARS_AFTER.match(after):
        if _near(text, m, DEPRECIATION_NEAR, 40, 30):
            params["depreciation_years"] = value
        elif _near(text, m, DECLINE_NEAR, 80, 40) or re.search(fold(r"(after|in|بعد|خلال|على|over|within|في)\s*(a\s+)?$"),
                                                                 before, re.I):
            params["years"] = value
        else:
            params["hours"] = value * 8760
        return "duration", "years", None
    if m.suffix in ("t", "m", "k") and re.search(fold(r"(train|تدريب)"), text, re.I) and m.suffix != "k":
        params.setdefault("tokens", value)
        return "tokens", "tokens", None
    if 1 <= value <= 3 and re.search(fold(r"pue|فعالية|كفاءة\s+الطاقة"), text[max(0, m.start - 60):m.start], re.I):
        cooling = _nearest(text, m, {"pue_air": AIR_NEAR, "pue_liquid": LIQUID_NEAR}, 30, 15)
        if cooling:
            params[cooling] = value
        elif "pue" in params:
            params["pue_liquid" if value < params["pue"] else "pue_air"] = value
        elif ("pue_air" in params) != ("pue_liquid" in params):  # "air 1.7 versus 1.1": the other one
            params["pue_liquid" if "pue_air" in params else "pue_air"] = value
        else:
            params["pue"] = value
        return "pue", None, None
    if 1 <= value <= 3 and re.search(fold(r"cool|تبريد|pue"), text, re.I):
        cooling = _nearest(text, m, {"pue_air": AIR_NEAR, "pue_liquid": LIQUID_NEAR}, 20, 15)
        if cooling and cooling not in params:
            params[cooling] = value
            return "pue", None, None
    if (m.suffix in ("k", "m") or re.search(fold(r"الف|الاف|مليون|ملايين|thousand|million|grand"), m.raw)) \
            and value >= 1000:
        # "280k to buy", "٣٠٠ ألف": a large round sum with no unit is money in this domain
        _classify_money(text, m, after, value, params)
        return "money", "usd", None
    if value >= 50 and (PER_MONTH.match(after) or PER_YEAR.match(after)) and (
            _MONEY_IN_TEXT.search(text) or any(k.endswith("usd") or "_usd_" in k for k in params)):
        # "تكلفه التشغيل ١٥٠٠ بالشهر، الاجار ٧٥٠٠ بالشهر" in a message about dollars: sums per month, placed by their cues
        _classify_money(text, m, after, value, params)
        return "money", "usd", None
    return "plain", None, None


# a message about sums of money: a currency, or round sums ("280k", "1.7 million", "٩٠ ألف") this domain prices in
_MONEY_IN_TEXT = _rx(r"\$|usd|dollar|دولار|grand|(?<![a-z])\d[\d.,]*\s*(?:k|thousand|million|الف|الاف|مليون)(?![a-z\u0621-\u064a])")
