"""Per-chat conversation state in SQLite under DATA_DIR: only what follow-ups need (last
calculator and its parameters, last knowledge query, a pending question, a forced
language), no transcript. Survives restarts; an idle chat is deleted by ``purge_expired``,
which the engine runs on a schedule.

``lock(chat_id)`` serialises load → change → save of one chat; one process owns the file,
so an in-process lock is enough.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bot.engine.chat_locks import ChatLocks


class HistoryUnavailable(RuntimeError):
    """The conversation store cannot be reached (e.g. the Redis server is down)."""


@dataclass
class ChatState:
    lang: str | None = None
    forced_lang: str | None = None
    last_tool: str | None = None
    last_params: dict = field(default_factory=dict)
    pending_field: str | None = None
    last_query: str | None = None
    last_route: str | None = None
    last_said: list[str] = field(default_factory=list)  # fingerprints of the sentences last quoted

    @classmethod
    def from_json(cls, raw: str) -> ChatState:
        data = json.loads(raw)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


class HistoryStore:
    def __init__(self, path: Path, idle_seconds: float = 7 * 24 * 3600):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.idle_seconds = idle_seconds
        self._locks = ChatLocks()
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute("PRAGMA secure_delete=ON")  # a forgotten chat's text is overwritten, not just unlinked
        self._db.executescript(
            """
            CREATE TABLE IF NOT EXISTS state (chat_id TEXT PRIMARY KEY, data TEXT NOT NULL, updated REAL NOT NULL);
            DROP TABLE IF EXISTS turns;
            """
        )

    def lock(self, chat_id: str):
        return self._locks.hold(chat_id)

    def _expired(self, updated: float) -> bool:
        return time.time() - updated > self.idle_seconds

    def load(self, chat_id: str) -> ChatState:
        with self._lock:
            row = self._db.execute("SELECT data, updated FROM state WHERE chat_id=?", (chat_id,)).fetchone()
        if row is None:
            return ChatState()
        if self._expired(row[1]):
            forced = json.loads(row[0]).get("forced_lang")
            self.reset(chat_id)
            return ChatState(forced_lang=forced)
        return ChatState.from_json(row[0])

    def save(self, chat_id: str, state: ChatState) -> None:
        with self._lock:
            self._db.execute("INSERT INTO state(chat_id, data, updated) VALUES(?,?,?) ON CONFLICT(chat_id) "
                             "DO UPDATE SET data=excluded.data, updated=excluded.updated",
                             (chat_id, state.to_json(), time.time()))

    def reset(self, chat_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM state WHERE chat_id=?", (chat_id,))

    def purge_expired(self) -> int:
        cutoff = time.time() - self.idle_seconds
        with self._lock:
            return self._db.execute("DELETE FROM state WHERE updated < ?", (cutoff,)).rowcount

    def ping(self) -> None:
        """Raises when the store cannot answer (readiness)."""
        with self._lock:
            self._db.execute("SELECT 1").fetchone()

    def chat_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM state").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
