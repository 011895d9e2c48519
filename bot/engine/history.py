"""Per-chat conversation memory in SQLite under DATA_DIR: the last N turns and the
state follow-ups need (last calculator and its parameters, last knowledge query, a
pending question, a forced language). Survives restarts; expires after an idle period.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path


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


@dataclass(frozen=True)
class Turn:
    role: str
    text: str
    lang: str
    route: str
    ts: float


class HistoryStore:
    def __init__(self, path: Path, max_turns: int = 10, idle_seconds: float = 7 * 24 * 3600):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.max_turns = max_turns
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(
            """
            CREATE TABLE IF NOT EXISTS state (chat_id TEXT PRIMARY KEY, data TEXT NOT NULL, updated REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS turns (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id TEXT NOT NULL,
                role TEXT NOT NULL, text TEXT NOT NULL, lang TEXT NOT NULL, route TEXT NOT NULL, ts REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS turns_chat ON turns(chat_id, id);
            """
        )

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
        data = json.loads(row[0])
        return ChatState(**{k: v for k, v in data.items() if k in ChatState.__dataclass_fields__})

    def save(self, chat_id: str, state: ChatState, turns: list[tuple[str, str, str, str]]) -> None:
        """Store the state and append turns (role, text, lang, route) in one transaction."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("INSERT INTO state(chat_id, data, updated) VALUES(?,?,?) ON CONFLICT(chat_id) "
                                 "DO UPDATE SET data=excluded.data, updated=excluded.updated",
                                 (chat_id, json.dumps(asdict(state), ensure_ascii=False), now))
                self._db.executemany("INSERT INTO turns(chat_id, role, text, lang, route, ts) VALUES(?,?,?,?,?,?)",
                                     [(chat_id, r, t, lang, route, now) for r, t, lang, route in turns])
                self._db.execute(
                    "DELETE FROM turns WHERE chat_id=? AND id NOT IN "
                    "(SELECT id FROM turns WHERE chat_id=? ORDER BY id DESC LIMIT ?)",
                    (chat_id, chat_id, self.max_turns * 2))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def turns(self, chat_id: str) -> list[Turn]:
        with self._lock:
            rows = self._db.execute("SELECT role, text, lang, route, ts FROM turns WHERE chat_id=? ORDER BY id",
                                    (chat_id,)).fetchall()
        return [Turn(*r) for r in rows]

    def reset(self, chat_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM state WHERE chat_id=?", (chat_id,))
            self._db.execute("DELETE FROM turns WHERE chat_id=?", (chat_id,))

    def purge_expired(self) -> int:
        cutoff = time.time() - self.idle_seconds
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT chat_id FROM state WHERE updated < ?", (cutoff,))]
            for chat_id in ids:
                self._db.execute("DELETE FROM state WHERE chat_id=?", (chat_id,))
                self._db.execute("DELETE FROM turns WHERE chat_id=?", (chat_id,))
        return len(ids)

    def chat_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM state").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
