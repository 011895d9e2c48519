"""Build the engine and its parts from settings: the one place that knows how the
pieces fit together (model folder → embeddings → store → retriever → engine)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from bot.config import Settings
from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.kb.embeddings import load_embeddings
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


def embeddings(settings: Settings):
    offline_environment()
    return load_embeddings(model_path(settings))


def store(settings: Settings) -> KnowledgeStore:
    return KnowledgeStore.from_settings(settings.data_dir, settings.chroma_url)


def lock_path(settings: Settings) -> Path:
    return settings.data_dir / "reindex.lock"


def run_reindex(settings: Settings, *, full: bool = False, progress: bool = False) -> ReindexReport:
    return reindex(settings.knowledge_dir, store(settings), embeddings(settings), lock_path(settings),
                   full=full, progress=progress)


def history_store(settings: Settings):
    """SQLite under DATA_DIR by default; Redis when several replicas share the chats."""
    idle = settings.history_idle_hours * 3600
    if settings.redis_url:
        from bot.engine.history_redis import RedisHistoryStore

        return RedisHistoryStore(settings.redis_url, idle_seconds=idle)
    return HistoryStore(settings.data_dir / "conversations.sqlite3", idle_seconds=idle)


def build_engine(settings: Settings, *, ensure_index: bool = True) -> Engine:
    kb = store(settings)
    emb = embeddings(settings)
    if ensure_index:
        report = reindex(settings.knowledge_dir, kb, emb, lock_path(settings))
        if report.swapped:
            log.info("index updated: %d chunks", report.chunks_total)
    retriever = HybridRetriever(kb, emb)
    history = history_store(settings)
    llm = None
    if settings.llm_enabled:
        from bot.engine.llm import LlmComposer

        llm = LlmComposer.from_settings(settings)
    return Engine(retriever, history, max_input_chars=settings.max_input_chars, llm=llm,
                  model_cache_dir=settings.model_dir.parent)
