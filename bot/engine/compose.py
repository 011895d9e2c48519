"""Grounded answers without an LLM: pick the retrieved sentences that best match the
question, in the question's language, and cite each one.

Sentences are quoted verbatim, so every number in a knowledge answer is in a cited
passage. When the best evidence is in the other language, the same paragraph of the
article's translation is used if it is indexed; otherwise the passage is quoted as is,
marked as coming from the other language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.engine import messages
from bot.engine.answer import Source
from bot.kb.arabic import tokenize
from bot.kb.chunking import split_sentences
from bot.kb.retriever import Hit

MAX_SENTENCES = 4
MAX_CHARS = 900


@dataclass(frozen=True)
class Composed:
    body: list[str]
    sources: list[Source]
    cross_language: bool


def _localise(hits: list[Hit], lang: str, translate) -> list[tuple[Hit, bool]]:
    """Same-language version of each hit where the translation is indexed."""
    out: list[tuple[Hit, bool]] = []
    seen: set[str] = set()
    for hit in hits:
        chosen, foreign = hit, False
        if hit.lang != lang:
            twin = translate(hit, lang)
            if twin is not None:
                chosen = twin
            else:
                foreign = True
        if chosen.id not in seen:
            seen.add(chosen.id)
            out.append((chosen, foreign))
    return out


def source_of(n: int, hit: Hit) -> Source:
    """A retrieved passage as citation [n]."""
    return Source(n, hit.article_id, hit.title, hit.url, hit.lang, hit.paragraph, hit.text, round(hit.score, 4))


def compose(query: str, lang: str, hits: list[Hit], translate) -> Composed:
    localised = _localise(hits, lang, translate)
    # prefer evidence in the question's language when it exists at all
    if any(not foreign for _, foreign in localised):
        localised = [(h, f) for h, f in localised if not f]
    q = set(tokenize(query))
    scored = []
    for rank, (hit, foreign) in enumerate(localised):
        for pos, sentence in enumerate(split_sentences(hit.text)):
            toks = tokenize(sentence)
            overlap = len(q.intersection(toks))
            score = overlap / (1 + math.log1p(len(toks))) + 1.2 / (rank + 1) + (0.3 if pos == 0 else 0.0)
            scored.append((score, rank, pos, sentence, hit, foreign, overlap, set(toks)))
    scored.sort(key=lambda s: -s[0])
    chosen, used_chars, per_hit = [], 0, {}
    for item in scored:
        _, rank, pos, sentence, hit, _, overlap, toks = item
        if len(chosen) >= MAX_SENTENCES or (chosen and used_chars + len(sentence) > MAX_CHARS):
            continue
        if per_hit.get(hit.id, 0) >= 2:
            continue
        if overlap == 0 and rank > 0 and len(chosen) >= 2:
            continue  # filler from a lower-ranked passage that shares nothing with the question
        if any(len(toks & c[7]) > 0.7 * max(1, min(len(toks), len(c[7]))) for c in chosen):
            continue  # the same statement twice (e.g. an article and its source saying it)
        chosen.append(item)
        per_hit[hit.id] = per_hit.get(hit.id, 0) + 1
        used_chars += len(sentence)
    chosen.sort(key=lambda s: (s[1], s[2]))
    numbers: dict[tuple[str, str, int], int] = {}
    sources: list[Source] = []
    parts: list[str] = []
    cross = False
    for _, _, _, sentence, hit, foreign, _, _ in chosen:
        key = (hit.article_id, hit.lang, hit.paragraph)
        if key not in numbers:
            numbers[key] = len(sources) + 1
            sources.append(source_of(numbers[key], hit))
        cross = cross or foreign
        parts.append(f"{sentence} [{numbers[key]}]")
    body = [" ".join(parts)] if parts else []
    if cross and body:
        note_lang = "en" if lang == "en" else "ar"
        body.insert(0, messages.text("other_language", note_lang))
    return Composed(body, sources, cross)
