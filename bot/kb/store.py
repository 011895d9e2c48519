"""The Chroma side of the knowledge base: client, generations and the active pointer.

Each re-index writes a new *generation* collection and then flips a pointer (metadata of
a tiny ``kb_pointer`` collection) to it, so readers see either the old index or the new
one, never a half-written one. Generations are deleted only by the process that holds the
re-index lock (``reindex_lock``), and only when nobody can still be reading them: the active
one and the one before it are always kept, and any other that was active within
``RETIRED_GRACE_S`` too (another replica may still be answering from it). A generation that
never became active was left by a re-index that died (the lock holder is the only builder),
so it goes. The same code runs on the embedded ``PersistentClient`` and on ``HttpClient``
against ``chroma run``.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings

GENERATION_PREFIX = "kb_gen_"
POINTER = "kb_pointer"
RETIRED_GRACE_S = 15 * 60  # far longer than a replica takes to notice the new pointer (seconds)


class StoreUnavailable(RuntimeError):
    """A store the knowledge base needs cannot be reached (the Chroma server, or Redis for
    the shared uploads); ``what`` names it for the one-line message."""

    def __init__(self, message: str = "", what: str = "the Chroma server (CHROMA_URL)"):
        super().__init__(message)
        self.what = what


# what the Chroma HTTP client raises when the server is down, refuses or times out; anything
# else is a bug and must not be reported to users as an outage
UNREACHABLE = (httpx.TransportError, ConnectionError, TimeoutError)


def make_client(data_dir: str, chroma_url: str = ""):
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        url = urlparse(chroma_url)
        return chromadb.HttpClient(host=url.hostname or "127.0.0.1", port=url.port or 8000,
                                   ssl=url.scheme == "https", settings=settings)
    path = Path(data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class KnowledgeStore:
    def __init__(self, client):
        self.client = client

    @classmethod
    def from_settings(cls, data_dir: Path, chroma_url: str = "") -> KnowledgeStore:
        try:
            return cls(make_client(str(data_dir), chroma_url))
        except (*UNREACHABLE, ValueError) as exc:  # HttpClient raises ValueError when its first call fails
            raise StoreUnavailable(str(exc)) from exc

    def _pointer(self):
        return self.client.get_or_create_collection(POINTER, embedding_function=None)

    def pointer(self) -> dict:
        try:
            return dict(self._pointer().metadata or {})
        except UNREACHABLE as exc:
            raise StoreUnavailable(str(exc)) from exc

    def active_name(self) -> str | None:
        return self.pointer().get("active") or None

    def set_active(self, name: str, fingerprint: str = "") -> None:
        """Flip the pointer to ``name`` (the atomic step of a re-index); the old active
        generation becomes "previous" and is remembered with the time it was retired."""
        pointer = self.pointer()
        previous = pointer.get("active")
        retired = _retired(pointer)
        meta = {"active": name, "updated": time.time(), "fingerprint": fingerprint}
        if previous and previous != name:
            meta["previous"] = previous
            retired[previous] = time.time()
        elif pointer.get("previous"):
            meta["previous"] = pointer["previous"]
        retired.pop(name, None)
        meta["retired"] = json.dumps(retired)
        self._pointer().modify(metadata=meta)

    def new_generation(self):
        name = f"{GENERATION_PREFIX}{int(time.time())}_{uuid.uuid4().hex[:8]}"
        return self.client.create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})

    def collection(self, name: str):
        return self.client.get_collection(name, embedding_function=None)

    def generations(self) -> list[str]:
        return sorted(c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()
                      if (c.name if hasattr(c, "name") else str(c)).startswith(GENERATION_PREFIX))

    def collect_garbage(self, grace_s: float = RETIRED_GRACE_S, now: float | None = None) -> list[str]:
        """Delete generations nobody can be reading; call only while holding the re-index lock."""
        now = time.time() if now is None else now
        pointer = self.pointer()
        keep = {pointer.get("active"), pointer.get("previous")}
        retired = _retired(pointer)
        dropped = []
        for name in self.generations():
            if name in keep or now - retired.get(name, -1e18) < grace_s:
                continue
            self.client.delete_collection(name)
            dropped.append(name)
        if dropped and any(n in retired for n in dropped):
            meta = dict(pointer)
            meta["retired"] = json.dumps({n: t for n, t in retired.items() if n not in dropped})
            self._pointer().modify(metadata=meta)
        return dropped


def _retired(pointer: dict) -> dict[str, float]:
    """generation → when it stopped being active (kept as JSON: Chroma metadata is flat)."""
    try:
        value = json.loads(pointer.get("retired") or "{}")
    except ValueError:
        return {}
    return {str(k): float(v) for k, v in value.items()} if isinstance(value, dict) else {}
