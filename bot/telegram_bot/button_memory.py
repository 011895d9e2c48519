"""What the buttons under a reply need later (the cited passages for "Sources", the
calculation for "📈 Chart"), keyed by chat and message.

In process memory for one bot; in Redis (``REDIS_URL``) when several replicas answer the
same chats, because Telegram sends the button press to whichever replica the proxy picks,
not to the one that wrote the reply. Values are small JSON objects; the oldest go first
(in memory: beyond ``KEPT`` entries; in Redis: after ``ttl_s``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from typing import Protocol

log = logging.getLogger(__name__)
KEPT = 5000
PREFIX = "compute-bot:button:"


class ButtonMemory(Protocol):
    def put(self, kind: str, chat_id: int, message_id: int, value: dict) -> None: ...

    def get(self, kind: str, chat_id: int, message_id: int) -> dict | None: ...


class LocalButtonMemory:
    def __init__(self, kept: int = KEPT):
        self.kept = kept
        self._items: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, kind: str, chat_id: int, message_id: int, value: dict) -> None:
        with self._lock:
            self._items[(kind, chat_id, message_id)] = value
            while len(self._items) > self.kept:
                self._items.popitem(last=False)

    def get(self, kind: str, chat_id: int, message_id: int) -> dict | None:
        with self._lock:
            return self._items.get((kind, chat_id, message_id))


class RedisButtonMemory:
    def __init__(self, url: str, ttl_s: float):
        import redis

        self.redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)
        self.ttl = max(1, int(ttl_s))

    @staticmethod
    def _key(kind: str, chat_id: int, message_id: int) -> str:
        return f"{PREFIX}{kind}:{chat_id}:{message_id}"

    def put(self, kind: str, chat_id: int, message_id: int, value: dict) -> None:
        self.redis.set(self._key(kind, chat_id, message_id), json.dumps(value, ensure_ascii=False), ex=self.ttl)

    def get(self, kind: str, chat_id: int, message_id: int) -> dict | None:
        raw = self.redis.get(self._key(kind, chat_id, message_id))
        return None if raw is None else json.loads(raw)


def button_memory(redis_url: str, ttl_s: float) -> ButtonMemory:
    return RedisButtonMemory(redis_url, ttl_s) if redis_url else LocalButtonMemory()
