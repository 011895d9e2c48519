"""The Chroma side of the knowledge base: client, generations and the active pointer.

Each re-index writes a new *generation* collection and then flips a pointer (metadata of
a tiny ``kb_pointer`` collection) to it, so readers see either the old index or the new
one, never a half-written one. The previous generation is kept until the next re-index,
so a query that started just before a swap still finishes. The same code runs on the
embedded ``PersistentClient`` and on ``HttpClient`` against ``chroma run``.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings

GENERATION_PREFIX = "kb_gen_"
POINTER = "kb_pointer"


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached (e.g. the Chroma server is down)."""


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
        previous = self.active_name()
        meta = {"active": name, "updated": time.time(), "fingerprint": fingerprint}
        if previous and previous != name:
            meta["previous"] = previous
        self._pointer().modify(metadata=meta)

    def new_generation(self):
        name = f"{GENERATION_PREFIX}{int(time.time())}_{uuid.uuid4().hex[:8]}"
        return self.client.create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})

    def collection(self, name: str):
        return self.client.get_collection(name, embedding_function=None)

    def generations(self) -> list[str]:
        return sorted(c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()
                      if (c.name if hasattr(c, "name") else str(c)).startswith(GENERATION_PREFIX))

    def drop_stale(self) -> list[str]:
        """Delete generations that are neither active nor the previous one (e.g. left by a
        re-index that was killed half-way)."""
        pointer = self.pointer()
        keep = {pointer.get("active"), pointer.get("previous")}
        dropped = []
        for name in self.generations():
            if name not in keep:
                self.client.delete_collection(name)
                dropped.append(name)
        return dropped
