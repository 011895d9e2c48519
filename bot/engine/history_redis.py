"""Per-chat conversation memory in Redis, for several bot replicas behind a webhook.

Same interface as the SQLite ``HistoryStore``. Each chat has a JSON state key and a
capped list of turns; both carry the idle expiry as a Redis TTL, so expiry needs no
sweeper.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import redis

from bot.engine.history import ChatState, Turn

PREFIX = "compute-bot:chat:"


class RedisHistoryStore:
    def __init__(self, url: str, max_turns: int = 10, idle_seconds: float = 7 * 24 * 3600):
        self.redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)
        self.max_turns = max_turns
        self.ttl = max(1, int(idle_seconds))

    def _keys(self, chat_id: str) -> tuple[str, str]:
        return f"{PREFIX}{chat_id}:state", f"{PREFIX}{chat_id}:turns"

    def load(self, chat_id: str) -> ChatState:
        raw = self.redis.get(self._keys(chat_id)[0])
        if raw is None:
            return ChatState()
        data = json.loads(raw)
        return ChatState(**{k: v for k, v in data.items() if k in ChatState.__dataclass_fields__})

    def save(self, chat_id: str, state: ChatState, turns: list[tuple[str, str, str, str]]) -> None:
        import time

        state_key, turns_key = self._keys(chat_id)
        now = time.time()
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(state_key, json.dumps(asdict(state), ensure_ascii=False), ex=self.ttl)
            for role, text, lang, route in turns:
                pipe.rpush(turns_key, json.dumps([role, text, lang, route, now], ensure_ascii=False))
            pipe.ltrim(turns_key, -self.max_turns * 2, -1)
            pipe.expire(turns_key, self.ttl)
            pipe.execute()

    def turns(self, chat_id: str) -> list[Turn]:
        return [Turn(*json.loads(item)) for item in self.redis.lrange(self._keys(chat_id)[1], 0, -1)]

    def reset(self, chat_id: str) -> None:
        self.redis.delete(*self._keys(chat_id))

    def purge_expired(self) -> int:
        return 0  # Redis TTLs expire chats by themselves

    def chat_count(self) -> int:
        return sum(1 for _ in self.redis.scan_iter(match=f"{PREFIX}*:state", count=1000))

    def close(self) -> None:
        self.redis.close()
