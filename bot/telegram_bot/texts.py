"""Telegram-only bilingual texts (commands, refusals)."""

from __future__ import annotations

WELCOME = ("👋 Hello! I answer questions on AI compute economics with sources, and calculate costs with exact "
           "formulas. Ask in English or Arabic.\n\n"
           "مرحبًا! أجيب عن أسئلة اقتصاديات حوسبة الذكاء الاصطناعي مع ذكر المصادر، وأحسب التكاليف بمعادلات "
           "دقيقة. اسأل بالعربية أو الإنجليزية.\n\nTry / جرّب:")
EXAMPLES = [
    "How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?",
    "ما حصة الكهرباء من تكلفة الحوسبة؟",
    "How many GPU-hours to train a 7B model on 2 trillion tokens on H100s at 40% MFU?",
]
TEXT_ONLY = "I can only read text messages. / أستطيع قراءة الرسائل النصية فقط."
EDITED = ("I answer new messages only: please send your corrected question again. / "
          "أجيب عن الرسائل الجديدة فقط: يرجى إرسال سؤالك المعدَّل من جديد.")
ADMIN_ONLY = "Only admins can do that. / هذا الأمر للمشرفين فقط."
NOT_ALLOWED = "Sorry, this bot is private. / عذرًا، هذا البوت خاص."
RATE_LIMITED = ("You're sending messages faster than I can answer; please wait a minute. / "
                "ترسل الرسائل أسرع مما أستطيع الإجابة؛ يرجى الانتظار دقيقة.")
ERROR = "Sorry, something went wrong. Please try again. / عذرًا، حدث خطأ. يرجى المحاولة مرة أخرى."
REINDEX_STARTED = {"en": "Re-indexing the knowledge folder…", "ar": "جارٍ إعادة فهرسة مجلد المعرفة…"}
REINDEX_BUSY = {"en": "A re-index is already running.", "ar": "إعادة الفهرسة قيد التشغيل بالفعل."}
LANG_SET = {"en": "Replies will be in English.", "ar": "ستكون الردود بالعربية.", "auto":
            "Replies will follow the language of each message. / ستتبع الردود لغة كل رسالة."}
LANG_USAGE = "Usage: /lang ar | en | auto"
SOURCES_BUTTON = "Sources / المصادر"
SOURCES_EXPIRED = {"en": "The sources of that answer are no longer kept; ask again to see them.",
                   "ar": "لم تعد مصادر تلك الإجابة محفوظة؛ اطرح السؤال مجددًا لرؤيتها."}

COMMANDS = {
    "en": [("start", "Welcome and examples"), ("help", "What I can do"), ("reset", "Forget this conversation"),
           ("sources", "List the indexed articles"), ("chart", "Chart of the last calculation"),
           ("lang", "Reply language: ar, en or auto"),
           ("reindex", "Admins: re-index the knowledge folder"), ("stats", "Admins: usage statistics")],
    "ar": [("start", "الترحيب وأمثلة"), ("help", "ماذا أستطيع أن أفعل"), ("reset", "محو هذه المحادثة"),
           ("sources", "عرض المقالات المفهرسة"), ("chart", "رسم بياني لآخر عملية حسابية"),
           ("lang", "لغة الرد: ar أو en أو auto"),
           ("reindex", "للمشرفين: إعادة فهرسة المعرفة"), ("stats", "للمشرفين: إحصاءات الاستخدام")],
}
