"""One re-index at a time for every process that writes the same index.

Which lock depends on where the index lives, so that it covers every writer:
- embedded Chroma under ``DATA_DIR``: a file lock next to it (only this machine writes it);
- a Chroma server with ``REDIS_URL``: a Redis lock (several replicas, several machines);
- a Chroma server alone: a lock collection in Chroma itself (create is all-or-nothing there).

The two shared locks expire on their own (a replica that dies holding one does not block
re-indexing for ever) and a heartbeat thread renews them while the re-index runs, however
long it takes. ``still_held()`` lets the indexer check, before it flips the active pointer,
that the lock did not lapse meanwhile (a process frozen for longer than the lease).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Protocol

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)
LEASE_S = 60.0  # a shared lock lapses this long after its holder stops renewing it
RENEW_EVERY_S = LEASE_S / 4
POLL_S = 0.5  # how often a waiting process tries again


def holder_label() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class ReindexLock(Protocol):
    kind: str

    def acquire(self, wait_s: float = 0.0) -> bool: ...

    def release(self) -> None: ...

    def still_held(self) -> bool: ...

    def holder(self) -> str: ...


class FileReindexLock:
    """A lock file in ``DATA_DIR``: enough when the index is the embedded store in the same folder."""

    kind = "file"

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = FileLock(str(self.path), thread_local=False)  # the bot acquires and releases in worker threads

    def acquire(self, wait_s: float = 0.0) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=max(0.0, wait_s), poll_interval=POLL_S)
        except Timeout:
            return False
        with contextlib.suppress(OSError):
            self.path.with_suffix(".holder").write_text(holder_label())
        return True

    def release(self) -> None:
        self._lock.release()

    def still_held(self) -> bool:
        return self._lock.is_locked

    def holder(self) -> str:
        try:
            return self.path.with_suffix(".holder").read_text().strip()
        except OSError:
            return ""


class _Heartbeat:
    """Renews a lease every ``RENEW_EVERY_S`` until stopped; remembers a failed renewal."""

    def __init__(self, renew):
        self._renew = renew
        self._stop = threading.Event()
        self.lost = False
        self._thread = threading.Thread(target=self._run, name="reindex-lock-heartbeat", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(RENEW_EVERY_S):
            try:
                if not self._renew():
                    self.lost = True
                    log.warning("re-index lock lost: another process took it after our lease lapsed")
                    return
            except Exception:  # the store is briefly unreachable: try again next beat, the lease is 4 beats long
                log.warning("could not renew the re-index lock", exc_info=True)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class RedisReindexLock:
    """A Redis lock with a lease, renewed by a heartbeat while held."""

    kind = "redis"
    KEY = "compute-bot:reindex:lock"

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)
        self._lock = self.redis.lock(self.KEY, timeout=LEASE_S, thread_local=False)
        self._beat: _Heartbeat | None = None

    def acquire(self, wait_s: float = 0.0) -> bool:
        got = self._lock.acquire(blocking=wait_s > 0, blocking_timeout=wait_s if wait_s > 0 else None,
                                 sleep=POLL_S)
        if got:
            self.redis.set(f"{self.KEY}:holder", holder_label(), ex=int(LEASE_S))
            self._beat = _Heartbeat(self._renew)
        return bool(got)

    def _renew(self) -> bool:
        if not self._lock.owned():
            return False
        self._lock.reacquire()
        self.redis.expire(f"{self.KEY}:holder", int(LEASE_S))
        return True

    def release(self) -> None:
        if self._beat:
            self._beat.stop()
            self._beat = None
        import redis

        with contextlib.suppress(redis.exceptions.LockError):  # the lease lapsed: nothing left to release
            self._lock.release()

    def still_held(self) -> bool:
        return bool(self._beat and not self._beat.lost and self._lock.owned())

    def holder(self) -> str:
        return self.redis.get(f"{self.KEY}:holder") or ""


class ChromaReindexLock:
    """A lock collection in the Chroma server itself, for replicas that share Chroma but no Redis.

    Creating a collection whose name exists fails, so only one process creates it; its
    metadata carries the holder and the lease's end, renewed by the heartbeat. A lock whose
    lease ended is deleted by the next process that wants it.
    """

    kind = "chroma"
    NAME = "kb_reindex_lock"

    def __init__(self, client):
        self.client = client
        self.token = f"{holder_label()}:{uuid.uuid4().hex[:8]}"
        self._beat: _Heartbeat | None = None

    def _meta(self) -> dict:
        return {"owner": self.token, "expires": time.time() + LEASE_S}

    def _current(self) -> dict | None:
        from chromadb.errors import NotFoundError

        try:
            return dict(self.client.get_collection(self.NAME).metadata or {})
        except NotFoundError:
            return None

    def _try_once(self) -> bool:
        from chromadb.errors import ChromaError

        try:
            self.client.create_collection(self.NAME, metadata=self._meta(), embedding_function=None)
            return True
        except ChromaError:
            current = self._current()
            if current is not None and float(current.get("expires", 0)) < time.time():
                log.warning("re-index lock of %s lapsed; taking it over", current.get("owner"))
                with contextlib.suppress(ChromaError):
                    self.client.delete_collection(self.NAME)
            return False

    def acquire(self, wait_s: float = 0.0) -> bool:
        deadline = time.monotonic() + max(0.0, wait_s)
        while True:
            if self._try_once():
                self._beat = _Heartbeat(self._renew)
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_S)

    def _renew(self) -> bool:
        current = self._current()
        if not current or current.get("owner") != self.token:
            return False
        self.client.get_collection(self.NAME).modify(metadata=self._meta())
        return True

    def release(self) -> None:
        from chromadb.errors import ChromaError

        if self._beat:
            self._beat.stop()
            self._beat = None
        current = self._current()
        if current and current.get("owner") == self.token:
            with contextlib.suppress(ChromaError):
                self.client.delete_collection(self.NAME)

    def still_held(self) -> bool:
        if not self._beat or self._beat.lost:
            return False
        current = self._current()
        return bool(current and current.get("owner") == self.token)

    def holder(self) -> str:
        current = self._current() or {}
        return str(current.get("owner", "")).rsplit(":", 1)[0]
