"""Incremental, atomic re-indexing of the knowledge folder.

Content hashes decide what changed: chunks of unchanged files are copied into the new
generation with their stored embeddings (no re-embedding), added and changed files are
embedded, removed files simply are not copied. The new generation becomes visible in
one pointer flip. A file lock keeps two re-indexes from running at once, across
processes. (LangChain's ``index()`` with a record manager updates one collection in
place, so readers would see a half-updated index; hence this small ledger-free design
where the previous generation *is* the ledger.)
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from tqdm import tqdm

from bot.kb.chunking import Chunk, chunk_article
from bot.kb.documents import Skipped, load_folder
from bot.kb.store import KnowledgeStore

log = logging.getLogger(__name__)
BATCH = 64


class ReindexBusy(RuntimeError):
    """Another re-index holds the lock."""


@dataclass
class ReindexReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks_total: int = 0
    chunks_embedded: int = 0
    duration_s: float = 0.0
    generation: str = ""
    swapped: bool = False

    def render(self, lang: str = "en") -> str:
        if lang == "ar":
            lines = [f"اكتملت إعادة الفهرسة في {self.duration_s:.1f} ثانية.",
                     (f"مضاف: {len(self.added)} · معدَّل: {len(self.changed)} · محذوف: {len(self.removed)} · "
                      f"دون تغيير: {len(self.unchanged)} · متجاوَز: {len(self.skipped)}"),
                     f"المقاطع في الفهرس: {self.chunks_total} (أعيد تضمين {self.chunks_embedded})"]
        else:
            lines = [f"Re-index finished in {self.duration_s:.1f} s.",
                     (f"added: {len(self.added)} · changed: {len(self.changed)} · removed: {len(self.removed)} · "
                      f"unchanged: {len(self.unchanged)} · skipped: {len(self.skipped)}"),
                     f"chunks in index: {self.chunks_total} ({self.chunks_embedded} embedded)"]
        for title, items in (("+", self.added), ("~", self.changed), ("-", self.removed)):
            lines += [f"{title} {p}" for p in items]
        lines += [f"! {s.path}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


def _existing_records(store: KnowledgeStore, name: str | None) -> dict[str, str]:
    """path → content hash of what the active generation holds."""
    if not name:
        return {}
    got = store.collection(name).get(include=["metadatas"])
    return {m["path"]: m["content_hash"] for m in got["metadatas"] or []}


def _copy_unchanged(store: KnowledgeStore, source: str, target, paths: list[str]) -> int:
    if not paths:
        return 0
    got = store.collection(source).get(where={"path": {"$in": paths}},
                                       include=["embeddings", "documents", "metadatas"])
    ids = got["ids"]
    for start in range(0, len(ids), 500):
        end = start + 500
        target.add(ids=ids[start:end], embeddings=got["embeddings"][start:end],
                   documents=got["documents"][start:end], metadatas=got["metadatas"][start:end])
    return len(ids)


def reindex(knowledge_dir: Path, store: KnowledgeStore, embeddings, lock_path: Path, *,
            full: bool = False, progress: bool = False) -> ReindexReport:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise ReindexBusy("a re-index is already running") from None
    try:
        return _reindex_locked(knowledge_dir, store, embeddings, full=full, progress=progress)
    finally:
        lock.release()


def _reindex_locked(knowledge_dir: Path, store: KnowledgeStore, embeddings, *, full: bool,
                    progress: bool) -> ReindexReport:
    started = time.perf_counter()
    report = ReindexReport()
    for name in store.drop_stale():
        log.info("dropped stale generation %s", name)
    loaded = load_folder(knowledge_dir)
    report.skipped = loaded.skipped
    active = store.active_name()
    old = {} if full else _existing_records(store, active)
    by_path = {a.path: a for a in loaded.articles}
    for path, article in sorted(by_path.items()):
        if path not in old:
            report.added.append(path)
        elif old[path] != article.content_hash:
            report.changed.append(path)
        else:
            report.unchanged.append(path)
    report.removed = sorted(set(old) - set(by_path))
    if active and not (report.added or report.changed or report.removed) and not full:
        report.chunks_total = store.collection(active).count()
        report.generation = active
        report.duration_s = time.perf_counter() - started
        return report

    target = store.new_generation()
    report.generation = target.name
    copied = _copy_unchanged(store, active, target, report.unchanged) if active and not full else 0
    to_embed: list[Chunk] = [c for p in (*report.added, *report.changed) for c in chunk_article(by_path[p])]
    batches = range(0, len(to_embed), BATCH)
    for start in tqdm(batches, desc="embedding", unit="batch", disable=not progress):
        batch = to_embed[start:start + BATCH]
        vectors = embeddings.embed_documents([c.embedding_text for c in batch])
        target.add(ids=[c.id for c in batch], embeddings=vectors, documents=[c.text for c in batch],
                   metadatas=[c.metadata() for c in batch])
    report.chunks_embedded = len(to_embed)
    report.chunks_total = copied + len(to_embed)
    store.set_active(target.name)  # the atomic step
    report.swapped = True
    report.duration_s = time.perf_counter() - started
    counts = defaultdict(int, added=len(report.added), changed=len(report.changed), removed=len(report.removed))
    log.info("re-index done: %s, %d chunks, %.1fs", dict(counts), report.chunks_total, report.duration_s)
    return report
