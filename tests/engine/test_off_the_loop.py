"""Calls that can reach the vector store or rebuild BM25 run in worker threads, never on
the event loop that serves every chat."""

from __future__ import annotations

import threading

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.kb.retriever import Coverage, Hit


class RecordingRetriever:
    """Evidence only in Arabic, so an English question asks for translations."""

    def __init__(self, embeddings):
        self.embeddings = embeddings
        self.threads: dict[str, set[int]] = {}

    def _seen(self, name: str) -> None:
        self.threads.setdefault(name, set()).add(threading.get_ident())

    def search(self, query, k=5, mode="hybrid", lang=None, extra_terms=()):
        self._seen("search")
        return [Hit("x:0", "تعتمد خزانات GB200 على كابلات نحاسية لتوفير التكلفة.", "x", "مقال", "ar", "", "", 0,
                    0.5, 0.9, 1.0)]

    def coverage(self, query, candidates=20, concepts=None):
        self._seen("coverage")
        return Coverage(1.0, 3)

    def translation(self, hit, lang):
        self._seen("translation")
        return None

    def articles(self):
        self._seen("articles")
        return [{"id": "x", "lang": "ar", "title": "مقال", "url": ""}]


async def test_translations_and_sources_are_looked_up_off_the_loop(embeddings, tmp_path):
    loop_thread = threading.get_ident()
    kb = RecordingRetriever(embeddings)
    engine = Engine(kb, HistoryStore(tmp_path / "h.sqlite3"))
    answer = await engine.answer(1, "Why do GB200 racks use copper cables?")
    assert answer.route == "knowledge"
    listing = await engine.sources_answer("en")
    assert "مقال" in listing.text
    assert set(kb.threads) == {"search", "coverage", "translation", "articles"}
    for name, threads in kb.threads.items():
        assert loop_thread not in threads, name
