"""A bilingual glossary of technical words, for searching one language's passages with
the other language's question.

e5-small matches an Arabic question with an English passage much less well than with an
Arabic one, and BM25 shares only the Latin words (H100, NVLink) between them. The glossary
(``bot/kb/data/glossary_en_ar.tsv``: an English term, a tab, its Arabic forms separated by
``|``) gives an Arabic question the English words of its concepts ("ذاكرة" → memory,
"عرض النطاق" → bandwidth) and an English question the Arabic ones, as extra lexical terms
for the other language's side of the search and for choosing sentences. It is data a
reader can review: written by a helper from the most frequent content words of the
documents, never from the evaluation questions.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.kb.arabic import strip_prefix, tokenize

GLOSSARY = Path(__file__).with_name("data") / "glossary_en_ar.tsv"
MAX_PHRASE = 4  # longest phrase, in tokens, looked up on either side


def _is_arabic(token: str) -> bool:
    return "\u0621" <= token[0] <= "\u064a"


def _key(token: str) -> str:
    """The matching form of a token: every attached prefix stripped, on both sides alike (the
    tokenizer strips one, so "وبالتدريب" keeps "بال", and a bare "باندويث" loses its "ب")."""
    while _is_arabic(token) and (stripped := strip_prefix(token)) != token:
        token = stripped
    return token


def _keys(text: str) -> tuple[str, ...]:
    return tuple(_key(t) for t in tokenize(text))


def _merge(weights: dict[str, float], tokens: list[str]) -> None:
    for token in tokens:
        weights[token] = max(weights.get(token, 0.0), 1.0 / len(tokens))


class Glossary:
    def __init__(self, pairs: list[tuple[str, list[str]]]):
        # phrase (tuple of matching tokens) → the other language's tokens, each with its share of
        # the concept: "وحدة معالجة الرسومات" is one concept, not three matching words
        self._to_en: dict[tuple[str, ...], dict[str, float]] = {}
        self._to_ar: dict[tuple[str, ...], dict[str, float]] = {}
        for english, arabic_forms in pairs:
            en = tokenize(english)
            if not en:
                continue
            for form in arabic_forms:
                ar = [t for t in tokenize(form) if len(t) >= 3]  # "جي بي يو" adds no searchable word
                if not ar or not all(_is_arabic(t) for t in ar):
                    continue
                # looked up by matching keys; what comes out are the search's own tokens
                _merge(self._to_en.setdefault(_keys(form)[:MAX_PHRASE], {}), en)
                _merge(self._to_ar.setdefault(_keys(english)[:MAX_PHRASE], {}), ar)

    @classmethod
    def load(cls, path: Path = GLOSSARY) -> Glossary:
        pairs = []
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if "\t" not in line or line.startswith("#"):
                    continue
                english, forms = line.split("\t", 1)
                pairs.append((english.strip(), [f.strip() for f in forms.split("|") if f.strip()]))
        return cls(pairs)

    def __len__(self) -> int:
        return len(self._to_ar)

    @staticmethod
    def _phrases(keys: tuple[str, ...], table: dict[tuple[str, ...], dict[str, float]]):
        """Walk the text's matching keys, longest glossary phrase first, each word used once:
        (start, length, the other language's tokens or None for a word the glossary lacks)."""
        i = 0
        while i < len(keys):
            for n in range(min(MAX_PHRASE, len(keys) - i), 0, -1):
                found = table.get(keys[i:i + n])
                if found:
                    yield i, n, found
                    i += n
                    break
            else:
                yield i, 1, None
                i += 1

    def bridge(self, text: str, to: str) -> dict[str, float]:
        """Lexical tokens, in language ``to``, of the concepts ``text`` names in the other
        language (longest phrases first, each word of the text used once), each weighted by
        its share of its phrase (1 for a one-word form, 1/3 for each word of a three-word one)."""
        table = self._to_en if to == "en" else self._to_ar
        own = set(tokenize(text))
        out: dict[str, float] = {}
        for _, _, found in self._phrases(_keys(text), table):
            for token, weight in (found or {}).items():
                if token not in own:
                    out[token] = max(out.get(token, 0.0), weight)
        return out

    def concepts(self, text: str) -> list[tuple[tuple[str, ...], frozenset[str]]]:
        """The text as concepts, in order: each a run of its own lexical tokens (a glossary
        phrase, longest first, or a single word) with the other language's tokens for it (empty
        for a word the glossary does not know). A concept is covered by a passage in either
        language: "عرض النطاق" by "bandwidth" as well as by itself."""
        tokens = tokenize(text)
        table = self._to_en if any(_is_arabic(t) for t in tokens) else self._to_ar
        return [(tuple(tokens[i:i + n]), frozenset(found or ()))
                for i, n, found in self._phrases(tuple(_key(t) for t in tokens), table)]


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return Glossary.load()
