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
from bot.kb.indexer import ReindexBusy, ReindexReport, reindex
from bot.kb.model_build import build_model
from bot.kb.reindex_lock import ChromaReindexLock, FileReindexLock, RedisReindexLock, ReindexLock
from bot.kb.retriever import HybridRetriever
from bot.kb.store import KnowledgeStore
from bot.kb.uploads import Uploads, uploads_store, write_upload
from bot.metrics import REINDEX_RUNS

log = logging.getLogger(__name__)
STARTUP_WAIT_S = 600.0  # a replica with no index yet waits this long for another one's first re-index


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


def reindex_lock(settings: Settings, store: KnowledgeStore) -> ReindexLock:
    """The lock that covers every writer of the index: Redis or Chroma itself when replicas
    share a Chroma server, a file beside the embedded store otherwise."""
    if settings.chroma_url and settings.redis_url:
        return RedisReindexLock(settings.redis_url)
    if settings.chroma_url:
        return ChromaReindexLock(store.client)
    return FileReindexLock(lock_path(settings))


@dataclass
class Knowledge:
    """The vector store, the embedding model, the re-index lock and the shared uploads, built
    once per process and shared by the engine and re-indexing (so /reindex and answers see
    the same store)."""

    settings: Settings
    store: KnowledgeStore
    embeddings: SentenceTransformerEmbeddings
    lock: ReindexLock
    uploads: Uploads

    @classmethod
    def build(cls, settings: Settings, model: SentenceTransformerEmbeddings | None = None) -> Knowledge:
        """From settings; ``model``: an embedding model already loaded (tests share one)."""
        store = KnowledgeStore.from_settings(settings.data_dir, settings.chroma_url)
        return cls(settings, store, model or embeddings(settings), reindex_lock(settings, store),
                   uploads_store(settings.redis_url))

    def reindex(self, *, full: bool = False, progress: bool = False, wait_s: float = 0.0) -> ReindexReport:
        """Copy the shared uploads in, then re-index; counted in ``bot_reindex_runs_total``."""
        try:
            self.uploads.sync_to(self.settings.knowledge_dir)
            report = reindex(self.settings.knowledge_dir, self.store, self.embeddings, self.lock,
                             full=full, progress=progress, wait_s=wait_s)
        except ReindexBusy:
            REINDEX_RUNS.labels("busy").inc()
            raise
        except Exception:
            REINDEX_RUNS.labels("failed").inc()
            raise
        REINDEX_RUNS.labels("swapped" if report.swapped else "unchanged").inc()
        return report

    def add_upload(self, name: str, data: bytes) -> Path:
        """An admin's article: into this replica's knowledge folder and the shared uploads."""
        path = write_upload(self.settings.knowledge_dir, name, data)
        self.uploads.put(name, data)
        return path

    def ensure_index(self) -> ReindexReport | None:
        """At start: bring the index up to date. Another replica re-indexing is fine: serve
        the current index if there is one, else wait (bounded) for its first one."""
        wait = 0.0 if self.store.active_name() else STARTUP_WAIT_S
        try:
            return self.reindex(wait_s=wait)
        except ReindexBusy as exc:
            log.info("another process is re-indexing (%s); serving the current index", exc.holder or "unknown")
            return None


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
        report = kb.ensure_index()
        if report is not None and report.swapped:
            log.info("index updated: %d chunks", report.chunks_total)
    llm = None
    if settings.llm_enabled:
        from bot.engine.llm import LlmComposer

        llm = LlmComposer.from_settings(settings)
    return Engine(HybridRetriever(kb.store, kb.embeddings), history_store(settings),
                  max_input_chars=settings.max_input_chars, llm=llm, model_cache_dir=settings.model_dir.parent)
