"""Shared fixtures: the offline model (built once), a real index of the shipped
knowledge folder in a temporary DATA_DIR, and engines over it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
MODEL_DIR = ROOT / "data" / "models" / "multilingual-e5-small"


@pytest.fixture(scope="session")
def model_dir() -> Path:
    from bot.kb.model_build import build_model

    return build_model(MODEL_DIR)


@pytest.fixture(scope="session")
def embeddings(model_dir):
    from bot.kb.embeddings import load_embeddings
    from bot.nlu.intent import load_or_train

    emb = load_embeddings(str(model_dir))
    load_or_train(emb, MODEL_DIR.parent)  # the classifier `make setup` trained and cached, or trained once here
    return emb


@pytest.fixture(scope="session")
def shipped_index(tmp_path_factory, embeddings):
    """The shipped knowledge folder indexed once per session (read-only for tests)."""
    from bot.kb.indexer import reindex
    from bot.kb.store import KnowledgeStore

    data = tmp_path_factory.mktemp("data")
    store = KnowledgeStore.from_settings(data)
    reindex(KNOWLEDGE, store, embeddings, data / "reindex.lock")
    return store


@pytest.fixture(scope="session")
def retriever(shipped_index, embeddings):
    from bot.kb.retriever import HybridRetriever

    return HybridRetriever(shipped_index, embeddings)


@pytest.fixture
def engine(retriever, tmp_path):
    from bot.engine.engine import Engine
    from bot.engine.history import HistoryStore

    history = HistoryStore(tmp_path / "conversations.sqlite3")
    yield Engine(retriever, history)
    history.close()


@pytest.fixture
def calc_engine(embeddings, tmp_path):
    """An engine with calculators and the intent classifier but no index: for tests of calculations."""
    from bot.engine.engine import Engine
    from bot.engine.history import HistoryStore

    history = HistoryStore(tmp_path / "calc.sqlite3")
    yield Engine(None, history, embeddings=embeddings)
    history.close()


@pytest.fixture
def knowledge_copy(tmp_path) -> Path:
    """A writable copy of a few shipped articles."""
    target = tmp_path / "knowledge"
    (target / "en").mkdir(parents=True)
    for name in ("gpu-rental-market.md", "cowos-packaging.md", "interconnect-networking.md"):
        shutil.copy(KNOWLEDGE / "en" / name, target / "en" / name)
    return target


@pytest.fixture
def redis_url(tmp_path):
    """A real redis-server on 127.0.0.1 for this test (skipped where none is installed)."""
    from tests.servers import RedisServer, needs_redis

    if needs_redis.args[0]:
        pytest.skip(needs_redis.kwargs["reason"])
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server.url
    server.stop()


@pytest.fixture
def chroma_server(tmp_path):
    """A real `chroma run` server on 127.0.0.1 for this test."""
    from tests.servers import ChromaServer

    server = ChromaServer(tmp_path / "chroma-server")
    server.start()
    yield server
    server.stop()
