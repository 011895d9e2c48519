"""Which language to answer in: the dominant script of the message, or the chat's
last language when the message has no letters or is evenly mixed.

Latin-script product names and acronyms (H100, CoWoS, GPU, PUE) say nothing about the
user's language, so they are not counted: "ما هو CoWoS؟" is Arabic.
"""

from __future__ import annotations

import re

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")


def _is_name(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or sum(ch.isupper() for ch in word) >= 2


def detect_language(text: str, previous: str | None = None) -> str:
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    latin = sum(len(w) for w in _LATIN_WORD.findall(text) if not _is_name(w))
    if arabic + latin == 0:
        return previous or "en"
    share = arabic / (arabic + latin)
    if abs(share - 0.5) < 0.05:
        return previous or "en"
    return "ar" if share > 0.5 else "en"
