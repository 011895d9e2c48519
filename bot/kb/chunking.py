"""Split an article into citable chunks along paragraphs and sentences (both scripts).

A chunk is one paragraph when it fits; a long paragraph is cut at sentence ends
(``.`` ``?`` ``!`` ``؟`` ``؛`` and line breaks) into pieces that each repeat the previous
piece's last sentence, so no statement loses its context at a boundary.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from bot.kb.documents import Article

MAX_CHARS = 700
_SENTENCE_END = re.compile(r"(?<=[.!?؟؛])\s+(?=\S)")


@dataclass(frozen=True)
class Chunk:
    id: str
    article_id: str
    title: str
    lang: str
    source: str
    url: str
    path: str
    paragraph: int  # 1-based position in the article, for citations
    part: int
    text: str
    content_hash: str

    def metadata(self) -> dict[str, str | int]:
        return {
            "article_id": self.article_id, "title": self.title, "lang": self.lang, "source": self.source,
            "url": self.url, "path": self.path, "paragraph": self.paragraph, "part": self.part,
            "content_hash": self.content_hash,
        }

    @property
    def embedding_text(self) -> str:
        return f"{self.title}\n{self.text}"


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _pieces(paragraph: str, max_chars: int) -> list[str]:
    if len(paragraph) <= max_chars:
        return [paragraph]
    sentences = split_sentences(paragraph)
    pieces: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        while len(sentence) > max_chars:  # a single run-on "sentence": cut at a space
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            sentences_head, sentence = sentence[:cut].strip(), sentence[cut:].strip()
            if current:
                pieces.append(" ".join(current))
            pieces.append(sentences_head)
            current = []
        if current and len(" ".join(current)) + 1 + len(sentence) > max_chars:
            pieces.append(" ".join(current))
            current = [current[-1]] if len(current[-1]) + len(sentence) < max_chars else []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return pieces


def chunk_article(article: Article, max_chars: int = MAX_CHARS) -> list[Chunk]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", article.body) if p.strip()]
    chunks = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for part, text in enumerate(_pieces(paragraph, max_chars), start=1):
            digest = hashlib.sha1(f"{article.path}|{number}|{part}|{text}".encode()).hexdigest()[:16]
            chunks.append(Chunk(
                id=f"{article.id}:{article.lang}:{number}.{part}:{digest}", article_id=article.id,
                title=article.title, lang=article.lang, source=article.source, url=article.url,
                path=article.path, paragraph=number, part=part, text=text, content_hash=article.content_hash,
            ))
    return chunks
