"""Build the engine and its parts from settings: the one place that knows how the
pieces fit together (model folder → embeddings → store → retriever → engine). The store
and the embedding model are built once here and handed to whoever needs them (the
engine, re-indexing, the Telegram app), never fetched from a module-level cache."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings
from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.kb.embeddings import SentenceTransformerEmbeddings, load_embeddings
from bot.kb.indexer import ReindexReport, reindex
from bot.kb.model_build import build_model
from bot.kb.retriever import HybridRetriever
from bot.kb.store import KnowledgeStore

log = logging.getLogger(__name__)


def offline_environment() -> None:
    """No hub downloads, ever: the model comes from a local folder."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def model_path(settings: Settings) -> str:
    if settings.embedding_model:
        return settings.embedding_model
    return str(build_model(settings.model_dir))


def embeddings(settings: Settings) -> SentenceTransformerEmbeddings:
    offline_environment()
    return load_embeddings(model_path(settings))


def lock_path(settings: Settings) -> Path:
    return settings.data_dir / "reindex.lock"


@dataclass
class Knowledge:
    """The vector store and the embedding model, built once per process and shared by the
    engine and re-indexing (so /reindex and answers see the same store)."""

    settings: Settings
    store: KnowledgeStore
    embeddings: SentenceTransformerEmbeddings

    @classmethod
    def build(cls, settings: Settings) -> Knowledge:
        return cls(settings, KnowledgeStore.from_settings(settings.data_dir, settings.chroma_url), embeddings(settings))

    def reindex(self, *, full: bool = False, progress: bool = False) -> ReindexReport:
        return reindex(self.settings.knowledge_dir, self.store, self.embeddings, lock_path(self.settings),
                       full=full, progress=progress)


def history_store(settings: Settings):
    """SQLite under DATA_DIR by default; Redis when several replicas share the chats."""
    idle = settings.history_idle_hours * 3600
    if settings.redis_url:
        from bot.engine.history_redis import RedisHistoryStore

        return RedisHistoryStore(settings.redis_url, idle_seconds=idle)
    return HistoryStore(settings.data_dir / "conversations.sqlite3", idle_seconds=idle)


def build_engine(settings: Settings, knowledge: Knowledge | None = None, *, ensure_index: bool = True) -> Engine:
    kb = knowledge or Knowledge.build(settings)
    if ensure_index:
        report = kb.reindex()
        if report.swapped:
            log.info("index updated: %d chunks", report.chunks_total)
    llm = None
    if settings.llm_enabled:
        from bot.engine.llm import LlmComposer

        llm = LlmComposer.from_settings(settings)
    return Engine(HybridRetriever(kb.store, kb.embeddings), history_store(settings),
                  max_input_chars=settings.max_input_chars, llm=llm, model_cache_dir=settings.model_dir.parent)
