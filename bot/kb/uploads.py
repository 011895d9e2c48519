"""Articles admins add from the chat: written into ``KNOWLEDGE_DIR/uploads/`` and, with
several replicas (``REDIS_URL``), also kept in Redis so every replica has them.

Each replica copies the shared uploads into its own knowledge folder before it re-indexes
(``sync_to``), so a replica that restarts, or never saw the upload, indexes the same files
as the one that received it instead of removing the article from the shared index.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import Protocol

from bot.kb.documents import SUPPORTED
from bot.kb.store import StoreUnavailable

log = logging.getLogger(__name__)
FOLDER = "uploads"
KEY = "compute-bot:uploads"


def write_upload(knowledge_dir: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``uploads/<name>`` atomically (temporary file, then rename), so a
    re-index never reads half an article."""
    if Path(name).name != name or Path(name).suffix.lower() not in SUPPORTED:
        raise ValueError(f"not an article file name: {name!r}")
    target_dir = knowledge_dir / FOLDER
    target_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=target_dir)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    target = target_dir / name
    os.replace(tmp, target)
    return target


class Uploads(Protocol):
    def put(self, name: str, data: bytes) -> None: ...

    def sync_to(self, knowledge_dir: Path) -> list[str]: ...


class LocalUploads:
    """One replica: the knowledge folder is the only copy."""

    def put(self, name: str, data: bytes) -> None:
        return None

    def sync_to(self, knowledge_dir: Path) -> list[str]:
        return []


class RedisUploads:
    """Uploads in a Redis hash (file name → bytes), shared by every replica."""

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=10)
        self._unreachable = (redis.ConnectionError, redis.TimeoutError)

    def _call(self, method: str, *args):
        try:
            return getattr(self.redis, method)(*args)
        except self._unreachable as exc:
            raise StoreUnavailable(str(exc), what="Redis (REDIS_URL), which holds the uploaded articles") from exc

    def put(self, name: str, data: bytes) -> None:
        self._call("hset", KEY, name, data)

    def sync_to(self, knowledge_dir: Path) -> list[str]:
        """Write every shared upload this folder lacks or has in another version; the names written.
        Redis down raises ``StoreUnavailable``: re-indexing without them would drop them from the index."""
        written = []
        for raw_name, data in self._call("hgetall", KEY).items():
            name = raw_name.decode("utf-8", "replace")
            path = knowledge_dir / FOLDER / name
            try:
                if path.is_file() and hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest():
                    continue
                write_upload(knowledge_dir, name, data)
            except (OSError, ValueError) as exc:
                log.warning("shared upload %r not copied: %s", name, exc)
                continue
            written.append(name)
        if written:
            log.info("copied %d shared upload(s) into %s", len(written), knowledge_dir / FOLDER)
        return written


def uploads_store(redis_url: str) -> Uploads:
    return RedisUploads(redis_url) if redis_url else LocalUploads()
