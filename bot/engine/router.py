"""Fixed forms that need no model: empty messages, /help and /sources typed as words,
bare greetings and thanks, and two cues the engine reads next to the learned intent
(asking for reasons, starting a follow-up). Which calculator or whether a question is in
scope is learned (``bot.nlu``), not listed here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.kb.arabic import normalize

Route = Literal["knowledge", "help", "sources", "smalltalk", "empty"]


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


# Asking for reasons or sources next to numbers makes a "both" (calculation + passages).
EXPLAIN_CUES = _rx(r"\bwhy\b|explain|\bsources?\b|according to|لماذا|اشرح|وضح|ما سبب|لم |"
                   r"(?<![\u0621-\u064a])(?:ليش|ليه|علاش|ليشو)(?![\u0621-\u064a])")  # dialect "why"
HELP = _rx(r"^\s*(/?help|/?start|what can you do|how do (i|you) use|مساعده|ساعدني|ماذا تستطيع|كيف استخدم)\W*$")
SOURCES = _rx(r"^\s*(/?sources|list (the )?sources|which sources|what sources|المصادر|ما هي مصادرك|مصادرك)\W*$")
GREETING = _rx(r"^\s*(hi|hello|hey|good (morning|evening)|salam|مرحبا|اهلا|السلام عليكم|صباح الخير|مساء الخير)\W*$")
THANKS_WORDS = r"thank|thx|merci|ميرسي|مرسي|شكر|مشكور|تسلم|يعطيك العافي|جزاك الله"  # the one list of ways to say thanks
THANKS = _rx(rf"^\s*(?:{THANKS_WORDS})\w*(?:\s+(?:you|لك|خيرا))?\W*$")  # a message that is only thanks
_THANKED = _rx(THANKS_WORDS)
# "is it true that…", "هل صحيح أن…", "…، صح ولا لأ؟": checking a figure, which is a question for the articles
VERIFY_CUES = _rx(r"\bis\s+(?:it|that|this)\s+(?:really\s+)?(?:true|right|correct|accurate)\b|\btrue\s+or\s+(?:not|false)\b|"
                  r"\breally\b|(?<![\u0621-\u064a])(?:صحيح|صح|فعلا|حقا|معقول)(?![\u0621-\u064a])")
FOLLOWUP = _rx(r"^\s*(and|what about|how about|what if|and if|same|also|then|و|وماذا|ماذا لو|وماذا لو|وما|وكم|وهل|"
               r"ولو|وإذا|واذا|فماذا|و ماذا|طيب|طب|وشو|وش|واذا)\b")


@dataclass(frozen=True)
class Intent:
    route: Route
    wants_explanation: bool = False
    followup_cue: bool = False
    verifies: bool = False


def classify(text: str) -> Intent:
    norm = normalize(text).strip()
    if not norm:
        return Intent("empty")
    if HELP.match(norm):
        return Intent("help")
    if SOURCES.match(norm):
        return Intent("sources")
    if GREETING.match(norm) or THANKS.match(norm):
        return Intent("smalltalk")
    return Intent("knowledge", bool(EXPLAIN_CUES.search(norm)), bool(FOLLOWUP.match(norm)), bool(VERIFY_CUES.search(norm)))


def is_thanks(text: str) -> bool:
    """Whether small talk thanks us (else it greets): "thanks a lot, that helped" too."""
    return bool(_THANKED.search(normalize(text)))
