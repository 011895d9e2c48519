"""Fixed bilingual texts of the engine (help, refusals, clarifications)."""

from __future__ import annotations

from tools.labels import label

TEXTS: dict[str, dict[str, str]] = {
    "help": {
        "en": ("I answer questions on AI compute economics from cited sources, and I calculate costs with "
               "deterministic calculators that show their formula.\n"
               "Try:\n• How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?\n"
               "• How many GPU-hours to train a 7B model on 2 trillion tokens on H100s at 40% MFU?\n"
               "• What share of compute cost is electricity?\n"
               "Follow-ups work (\"and for 64 GPUs?\"). /reset forgets this chat; history also expires after "
               "a period of inactivity. /sources lists the articles I use."),
        "ar": ("أجيب عن أسئلة اقتصاديات حوسبة الذكاء الاصطناعي من مصادر موثَّقة، وأحسب التكاليف بحاسبات "
               "دقيقة تعرض معادلاتها.\n"
               "جرّب:\n• كم تكلفة استئجار 8 وحدات H100 لمدة 24 ساعة بسعر 2.5 دولار للساعة؟\n"
               "• كم ساعة GPU يحتاج تدريب نموذج 7 مليارات معامل على تريليوني رمز على H100 بكفاءة 40%؟\n"
               "• ما حصة الكهرباء من تكلفة الحوسبة؟\n"
               "يمكنك المتابعة بأسئلة لاحقة (\"وماذا عن 64 وحدة؟\"). الأمر /reset يمحو سجل المحادثة، ويُحذف "
               "السجل تلقائيًا بعد فترة من عدم النشاط. الأمر /sources يعرض المقالات التي أعتمد عليها."),
    },
    "out_of_scope": {
        "en": ("That is outside what I cover. I answer questions on AI compute economics: GPU prices and rental, "
               "training and inference cost, data-centre power and cooling, TCO and buy-vs-rent."),
        "ar": ("هذا خارج نطاق ما أغطيه. أجيب عن أسئلة اقتصاديات حوسبة الذكاء الاصطناعي: أسعار وحدات GPU "
               "واستئجارها، وتكلفة التدريب والاستدلال، وطاقة مراكز البيانات وتبريدها، والتكلفة الإجمالية "
               "للملكية والمفاضلة بين الشراء والاستئجار."),
    },
    "greeting": {
        "en": "Hello! Ask me about GPU costs, training or inference budgets, or data-centre power. /help shows examples.",
        "ar": "أهلًا بك! اسألني عن تكاليف وحدات GPU أو ميزانيات التدريب والاستدلال أو طاقة مراكز البيانات. /help يعرض أمثلة.",
    },
    "thanks": {"en": "You're welcome!", "ar": "على الرحب والسعة!"},
    "empty": {
        "en": "I received an empty message. Ask me a question about AI compute costs.",
        "ar": "وصلتني رسالة فارغة. اسألني سؤالًا عن تكاليف حوسبة الذكاء الاصطناعي.",
    },
    "no_evidence": {
        "en": "I could not find this in my sources, so I won't guess. Try rephrasing, or ask for a calculation.",
        "ar": "لم أجد هذا في مصادري، لذا لن أخمّن. جرّب صياغة أخرى أو اطلب حسابًا.",
    },
    "unavailable": {
        "en": "The knowledge base is temporarily unavailable. Calculations still work; please try again shortly.",
        "ar": "قاعدة المعرفة غير متاحة مؤقتًا. ما زالت الحسابات تعمل؛ يرجى المحاولة بعد قليل.",
    },
    "error": {
        "en": "Sorry, something went wrong while answering. Please try again.",
        "ar": "عذرًا، حدث خطأ أثناء الإجابة. يرجى المحاولة مرة أخرى.",
    },
    "reset": {"en": "Done: I forgot this conversation.", "ar": "تم: محوتُ سجل هذه المحادثة."},
    "truncated": {
        "en": "(Your message was long; I read its first {n} characters.)",
        "ar": "(رسالتك طويلة؛ قرأتُ أول {n} حرفًا منها.)",
    },
    "which_calculation": {
        "en": ("What should I calculate with these numbers? I can do: GPU rental cost, what a budget buys, "
               "training compute, inference cost per million tokens, serving capacity, electricity, air vs liquid "
               "cooling, total cost of ownership and buy-vs-rent, payback, and price decline."),
        "ar": ("ماذا تريد أن أحسب بهذه الأرقام؟ أستطيع حساب: تكلفة استئجار وحدات GPU، وما تشتريه الميزانية، "
               "وحوسبة التدريب، وتكلفة الاستدلال لكل مليون رمز، وسعة الخدمة، والكهرباء، والتبريد بالهواء مقابل "
               "السائل، والتكلفة الإجمالية للملكية والشراء مقابل الاستئجار، وفترة الاسترداد، وانخفاض الأسعار."),
    },
    "sources_header": {"en": "Sources:", "ar": "المصادر:"},
    "other_language": {
        "en": "From an Arabic source (no English version indexed):",
        "ar": "من مصدر إنجليزي (لا توجد نسخة عربية مفهرسة):",
    },
    "paragraph": {"en": "paragraph", "ar": "الفقرة"},
}


def text(key: str, lang: str, **kwargs: object) -> str:
    return TEXTS[key]["ar" if lang == "ar" else "en"].format(**kwargs)


def ask_for(field: str, lang: str, tool_title: str) -> str:
    en, ar = label(field)
    if lang == "ar":
        return f"لإجراء حساب «{tool_title}» أحتاج إلى {ar}. ما قيمتها؟"
    return f"To run the calculation “{tool_title}” I need the {en}. What is it?"


def reused(fields: list[str], lang: str) -> str:
    """Say which inputs came from earlier in the chat, so a topic switch never hides them."""
    names = [label(f)[1 if lang == "ar" else 0] for f in fields]
    if lang == "ar":
        return "(استخدمتُ من سياق المحادثة السابق: " + "، ".join(names) + ".)"
    return "(Reused from earlier in this chat: " + ", ".join(names) + ".)"
