"""Incremental, atomic re-indexing of the knowledge folder.

Content hashes decide what changed, before any file is parsed: chunks of unchanged files
are copied into the new generation with their stored embeddings (no re-embedding), added
and changed files are parsed and embedded, removed files simply are not copied. The index
records the fingerprint of the embedding model and of the chunker that built it; when
either differs, everything is re-embedded instead of mixing vectors from two models. The new generation becomes visible in
one pointer flip. A lock (``reindex_lock``: a file, Redis or Chroma itself, whichever covers
every writer of this index) keeps two re-indexes from running at once, across processes and
replicas; a second one waits for it (bounded) or reports that one is running. (LangChain's ``index()`` with a record manager updates one collection in
place, so readers would see a half-updated index; hence this small ledger-free design
where the previous generation *is* the ledger.)
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from bot.kb.chunking import CHUNKER_VERSION, Chunk, chunk_article
from bot.kb.documents import MAX_PDF_BYTES, Skipped, iter_candidate_files, load_paths
from bot.kb.reindex_lock import FileReindexLock, ReindexLock
from bot.kb.store import KnowledgeStore

log = logging.getLogger(__name__)
BATCH = 256  # texts per encode call; sorted by length first, so batches pad little


class ReindexBusy(RuntimeError):
    """Another re-index holds the lock (``holder``: host:pid when known)."""

    def __init__(self, message: str = "a re-index is already running", holder: str = ""):
        super().__init__(message + (f" ({holder})" if holder else ""))
        self.holder = holder


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
    full_reason: str = ""  # why everything was re-embedded (asked for, new model, new chunker)

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


def index_fingerprint(embeddings) -> str:
    """What built the vectors: the embedding model's fingerprint and the chunker's version."""
    model = getattr(embeddings, "fingerprint", None) or type(embeddings).__name__
    return f"{model}|{CHUNKER_VERSION}"


def _file_hashes(root: Path, paths: list[Path], wanted: set[str]) -> dict[str, str]:
    """sha256 of the files that the index already holds (the only ones that can be unchanged)."""
    out = {}
    for path in paths:
        rel = path.relative_to(root).as_posix()
        if rel not in wanted:
            continue
        try:
            if path.is_file() and path.stat().st_size <= MAX_PDF_BYTES:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    return out


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


def reindex(knowledge_dir: Path, store: KnowledgeStore, embeddings, lock: ReindexLock | Path, *,
            full: bool = False, progress: bool = False, wait_s: float = 0.0) -> ReindexReport:
    """Re-index under ``lock`` (a path means a lock file there); waits up to ``wait_s``
    seconds for a running re-index, then raises ``ReindexBusy``."""
    if isinstance(lock, Path):
        lock = FileReindexLock(lock)
    if not lock.acquire(wait_s):
        raise ReindexBusy(holder=lock.holder())
    try:
        return _reindex_locked(knowledge_dir, store, embeddings, lock, full=full, progress=progress)
    finally:
        lock.release()


def _reindex_locked(knowledge_dir: Path, store: KnowledgeStore, embeddings, lock: ReindexLock, *, full: bool,
                    progress: bool) -> ReindexReport:
    started = time.perf_counter()
    report = ReindexReport()
    for name in store.collect_garbage():
        log.info("dropped generation %s (nobody can be reading it)", name)
    if not knowledge_dir.is_dir():
        raise FileNotFoundError(f"knowledge folder not found: {knowledge_dir}")
    fingerprint = index_fingerprint(embeddings)
    active = store.active_name()
    built_with = store.pointer().get("fingerprint", "") if active else ""
    if full:
        report.full_reason = "requested"
    elif active and built_with != fingerprint:
        full = True
        report.full_reason = "embedding model or chunker changed"
        log.warning("index was built by %r, now %r: re-embedding everything", built_with or "unknown", fingerprint)
    old = {} if full else _existing_records(store, active)
    files = iter_candidate_files(knowledge_dir)
    hashes = _file_hashes(knowledge_dir, files, set(old))
    report.unchanged = sorted(rel for rel, digest in hashes.items() if old.get(rel) == digest)
    unchanged = set(report.unchanged)
    loaded = load_paths(knowledge_dir, [p for p in files if p.relative_to(knowledge_dir).as_posix() not in unchanged])
    report.skipped = loaded.skipped
    by_path = {a.path: a for a in loaded.articles}
    for path in sorted(by_path):
        (report.changed if path in old else report.added).append(path)
    report.removed = sorted(set(old) - set(by_path) - unchanged)
    if active and not (report.added or report.changed or report.removed) and not full:
        report.chunks_total = store.collection(active).count()
        report.generation = active
        report.duration_s = time.perf_counter() - started
        return report

    target = store.new_generation()
    report.generation = target.name
    copied = _copy_unchanged(store, active, target, report.unchanged) if active and not full else 0
    to_embed: list[Chunk] = [c for p in (*report.added, *report.changed) for c in chunk_article(by_path[p])]
    to_embed.sort(key=lambda c: len(c.embedding_text))  # similar lengths together: little padding per batch
    batches = range(0, len(to_embed), BATCH)
    for start in tqdm(batches, desc="embedding", unit="batch", disable=not progress):
        batch = to_embed[start:start + BATCH]
        vectors = embeddings.embed_documents([c.embedding_text for c in batch])
        target.add(ids=[c.id for c in batch], embeddings=vectors, documents=[c.text for c in batch],
                   metadatas=[c.metadata() for c in batch])
    report.chunks_embedded = len(to_embed)
    report.chunks_total = copied + len(to_embed)
    if not lock.still_held():  # our lease lapsed (a frozen process) and another re-index may have begun
        raise ReindexBusy("the re-index lock lapsed before the new index was switched on", lock.holder())
    store.set_active(target.name, fingerprint=fingerprint)  # the atomic step
    report.swapped = True
    report.duration_s = time.perf_counter() - started
    counts = defaultdict(int, added=len(report.added), changed=len(report.changed), removed=len(report.removed))
    log.info("re-index done: %s, %d chunks, %.1fs", dict(counts), report.chunks_total, report.duration_s)
    return report
