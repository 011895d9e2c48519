"""The same store code over chromadb.HttpClient against a real `chroma run` server
started on 127.0.0.1 by the test (and stopped afterwards)."""

import asyncio

import pytest

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.kb.indexer import reindex
from bot.kb.retriever import HybridRetriever
from bot.kb.store import KnowledgeStore, StoreUnavailable

pytestmark = pytest.mark.slow


async def test_http_client_index_search_outage_and_recovery(chroma_server, knowledge_copy, embeddings, tmp_path):
    server = chroma_server
    url = server.url
    store = KnowledgeStore.from_settings(tmp_path / "data", url)
    report = reindex(knowledge_copy, store, embeddings, tmp_path / "reindex.lock")
    assert report.swapped
    assert report.chunks_total > 0
    again = reindex(knowledge_copy, store, embeddings, tmp_path / "reindex.lock")
    assert not again.swapped
    assert len(again.unchanged) == 3

    retriever = HybridRetriever(store, embeddings, refresh_s=0)
    assert retriever.search("copper NVLink cables", k=1)[0].article_id == "interconnect-networking"
    engine = Engine(retriever, HistoryStore(tmp_path / "h.sqlite3"))

    server.stop()
    with pytest.raises(StoreUnavailable):
        retriever.search("copper NVLink cables", k=1)
    down = await engine.answer(1, "Why does the GB200 use copper cables?")
    assert down.route == "unavailable"
    assert "temporarily unavailable" in down.text
    calc = await engine.answer(1, "rent 8 H100 for 10 hours at $2/hour")
    assert calc.tool_calls
    assert calc.tool_calls[0].outputs["cost_usd"] == pytest.approx(160)

    server.start()
    for _ in range(50):  # the client reconnects on its own once the server is back
        try:
            hits = await asyncio.to_thread(retriever.search, "copper NVLink cables", 1)
            break
        except StoreUnavailable:
            await asyncio.sleep(0.2)
    assert hits[0].article_id == "interconnect-networking"
    back = await engine.answer(1, "Why does the GB200 use copper cables?")
    assert back.route == "knowledge"
    assert back.sources
