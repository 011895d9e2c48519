"""Cut an article's blocks (paragraphs, list items, table rows) into citable chunks.

Consecutive blocks under the same heading are packed into one chunk up to ``MAX_CHARS``
(multilingual-e5-small reads at most 512 tokens; the size was chosen by measuring recall
and answer-level accuracy at several sizes, see the README). A block longer than that is
cut at sentence ends by LangChain's ``RecursiveCharacterTextSplitter`` with a small
overlap, so no statement loses its context at a boundary. Each chunk records its section
path and the range of block numbers it covers: translated articles keep their paragraphs
aligned, so a passage can cite the same paragraphs of its twin.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from bot.kb.documents import Article
from bot.kb.structure import Block, plain_blocks

MAX_CHARS = 1000
CHUNKER_VERSION = "blocks-3"  # part of the index fingerprint: a change here re-embeds everything
_SENTENCE_END = re.compile(r"(?<=[.!?؟؛])\s+(?=\S)")
_ROW = re.compile(r"^[^\n]{1,120}? — [^\n]*?: ")  # a table row as structure.py writes it: "label — header: value; …"
_SPLIT_AT = [r"\n\n", r"\n", r"(?<=[.!?؟؛])\s+", r"(?<=[,،;:])\s+", r"\s+", ""]


@dataclass(frozen=True)
class Chunk:
    id: str
    article_id: str
    title: str
    lang: str
    source: str
    url: str
    path: str
    paragraph: int  # first block (1-based position in the article), for citations
    paragraph_end: int  # last block it covers
    part: int  # piece number when one long block was cut
    section: str  # heading path, "A › B"
    text: str
    content_hash: str

    def metadata(self) -> dict[str, str | int]:
        return {
            "article_id": self.article_id, "title": self.title, "lang": self.lang, "source": self.source,
            "url": self.url, "path": self.path, "paragraph": self.paragraph, "paragraph_end": self.paragraph_end,
            "part": self.part, "section": self.section, "content_hash": self.content_hash,
        }

    @property
    def embedding_text(self) -> str:
        heading = f"{self.title} › {self.section}" if self.section else self.title
        return f"{heading}\n{self.text}"


def split_sentences(text: str) -> list[str]:
    """Sentences (both scripts) and lines: a list item or table row is its own sentence, and a
    row stays whole (a header such as "Uni-dir. (GBps)" is not a sentence end)."""
    out: list[str] = []
    for line in text.split("\n"):
        parts = [line] if _ROW.match(line) else _SENTENCE_END.split(line)
        out += [part.strip() for part in parts if part and part.strip()]
    return out


def _splitter(max_chars: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(chunk_size=max_chars, chunk_overlap=max_chars // 4, separators=_SPLIT_AT,
                                          is_separator_regex=True, keep_separator="end", strip_whitespace=True)


def _section_label(article: Article, section: tuple[str, ...]) -> str:
    path = list(section)
    if path and path[0].strip().lower() == article.title.strip().lower():
        path = path[1:]  # the document's own H1 is already the title
    return " › ".join(path)


def _blocks(article: Article) -> tuple[Block, ...]:
    return article.blocks or tuple(plain_blocks(article.body))


def chunk_article(article: Article, max_chars: int | None = None) -> list[Chunk]:
    max_chars = max_chars or MAX_CHARS
    pieces: list[tuple[int, int, int, tuple[str, ...], str]] = []  # first, last, part, section, text
    pending: list[tuple[int, Block]] = []

    def flush() -> None:
        if pending:
            pieces.append((pending[0][0], pending[-1][0], 1, pending[0][1].section,
                           "\n".join(b.text for _, b in pending)))
            pending.clear()

    splitter = _splitter(max_chars)
    for number, block in enumerate(_blocks(article), start=1):
        if pending and (block.section != pending[0][1].section
                        or sum(len(b.text) + 1 for _, b in pending) + len(block.text) > max_chars):
            flush()
        if len(block.text) > max_chars:
            flush()
            for part, text in enumerate(splitter.split_text(block.text), start=1):
                pieces.append((number, number, part, block.section, text))
            continue
        pending.append((number, block))
    flush()
    chunks = []
    for first, last, part, section, text in pieces:
        digest = hashlib.sha1(f"{article.path}|{first}|{part}|{text}".encode()).hexdigest()[:16]
        chunks.append(Chunk(
            id=f"{article.id}:{article.lang}:{first}-{last}.{part}:{digest}", article_id=article.id,
            title=article.title, lang=article.lang, source=article.source, url=article.url, path=article.path,
            paragraph=first, paragraph_end=last, part=part, section=_section_label(article, section), text=text,
            content_hash=article.content_hash,
        ))
    return chunks
