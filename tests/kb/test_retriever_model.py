"""A replica still running another embedding model than the one that built the index (after
a model change, before its restart) must not compare its query vectors with the index's."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.kb.retriever import HybridRetriever


class OtherModel:
    """The same vectors under another model's fingerprint."""

    fingerprint = "some-other-model:0123456789abcdef"

    def __init__(self, real):
        self.real = real

    def embed_query(self, text):
        return self.real.embed_query(text)


@pytest.fixture
def foreign(shipped_index, embeddings):
    return HybridRetriever(shipped_index, OtherModel(embeddings))


def test_same_model_is_recognised(retriever):
    assert retriever.same_model()


def test_other_model_is_recognised(foreign):
    assert not foreign.same_model()


def test_other_model_answers_from_words_only(foreign):
    assert all(hit.vector_similarity is None for hit in foreign.search("copper NVLink cables in the rack", k=3))


def test_other_model_still_finds_the_article_by_its_words(foreign):
    assert foreign.search("copper NVLink cables in the rack", k=1)[0].article_id == "interconnect-networking"


async def test_other_model_makes_the_replica_not_ready(foreign, tmp_path):
    history = HistoryStore(tmp_path / "h.sqlite3")
    health = await Engine(foreign, history).health()
    history.close()
    assert health["index"] is False
