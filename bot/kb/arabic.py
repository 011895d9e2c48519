"""Arabic-aware normalisation and tokenisation for lexical matching.

Only the *matching* form is normalised (diacritics, tatweel, alef/hamza, taa marbuta,
alef maqsura, Arabic-Indic digits); stored text is never altered. Tokens also get the
common attached prefixes (و، ف، ب، ل، ك، ال) stripped so that "والتبريد" matches "التبريد"
and "تبريد".
"""

from __future__ import annotations

import re
import unicodedata

import pyarabic.araby as araby

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[a-z][a-z0-9]*|[\u0621-\u064a]+")
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_STOPWORDS = {
    # English
    "the", "a", "an", "of", "to", "in", "and", "or", "is", "are", "what", "how", "much", "does", "do", "for",
    "on", "with", "by", "it", "its", "as", "at", "be", "that", "this", "from", "which", "per", "about",
    # Arabic (normalised forms)
    "في", "من", "علي", "الي", "عن", "ما", "ماذا", "هل", "كم", "هو", "هي", "ذلك", "هذا", "هذه", "التي", "الذي",
    "او", "ان", "مع", "كل", "تكون", "يكون",
}


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS).lower()
    text = araby.strip_tashkeel(text)
    text = araby.strip_tatweel(text)
    text = araby.normalize_hamza(araby.normalize_alef(text), method="tasheel")
    return text.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")


def strip_prefix(token: str) -> str:
    """An Arabic token without its first attached prefix (و، ف، ب، ل، ك، ال …) when three letters remain."""
    for prefix in _PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            return token[len(prefix):]
    return token


def _stem(token: str) -> str:
    if not ("\u0621" <= token[0] <= "\u064a"):
        return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token
    return strip_prefix(token)


def tokenize(text: str) -> list[str]:
    """Lexical tokens of any mix of Arabic and English text."""
    tokens = []
    for tok in _TOKEN.findall(normalize(text)):
        tok = tok.replace(",", "")
        if tok in _STOPWORDS:
            continue
        stem = _stem(tok)
        if stem not in _STOPWORDS:
            tokens.append(stem)
    return tokens


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic script (0..1); 0 when there are no letters."""
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return arabic / (arabic + latin) if arabic + latin else 0.0
