"""Per-chat conversation state in Redis, for several bot replicas behind a webhook.

Same interface as the SQLite ``HistoryStore``. Each chat is one JSON key carrying the
idle expiry as a Redis TTL, so expiry needs no sweeper. ``lock(chat_id)`` serialises a
chat across replicas with a short Redis lock (it expires on its own if a replica dies
holding it), after an in-process lock so one replica's own updates queue locally.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import redis
from redis.exceptions import LockError

from bot.engine.chat_locks import ChatLocks
from bot.engine.history import ChatState, HistoryUnavailable

log = logging.getLogger(__name__)
PREFIX = "compute-bot:chat:"
LOCK_TTL_S = 120  # longer than an answer takes; one that outlives it lets the lock lapse rather than stall the chat
LOCK_WAIT_S = LOCK_TTL_S + 5  # a lock left by a dead replica has expired by then
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)


class RedisHistoryStore:
    def __init__(self, url: str, idle_seconds: float = 7 * 24 * 3600):
        self.redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5)
        self.ttl = max(1, int(idle_seconds))
        self._locks = ChatLocks()

    def _key(self, chat_id: str) -> str:
        return f"{PREFIX}{chat_id}:state"

    @contextlib.asynccontextmanager
    async def lock(self, chat_id: str):
        async with self._locks.hold(chat_id):
            shared = self.redis.lock(f"{PREFIX}{chat_id}:lock", timeout=LOCK_TTL_S, blocking_timeout=LOCK_WAIT_S,
                                     thread_local=False)  # acquired and released from different worker threads
            try:
                held = await asyncio.to_thread(shared.acquire)
            except UNREACHABLE as exc:
                raise HistoryUnavailable(str(exc)) from exc
            if not held:
                log.warning("chat lock not acquired in %d s; going on without it", LOCK_WAIT_S)
            try:
                yield
            finally:
                if held:
                    with contextlib.suppress(LockError, *UNREACHABLE):  # expired, or Redis went away meanwhile
                        await asyncio.to_thread(shared.release)

    def load(self, chat_id: str) -> ChatState:
        try:
            raw = self.redis.get(self._key(chat_id))
        except UNREACHABLE as exc:
            raise HistoryUnavailable(str(exc)) from exc
        return ChatState() if raw is None else ChatState.from_json(raw)

    def save(self, chat_id: str, state: ChatState) -> None:
        try:
            self.redis.set(self._key(chat_id), state.to_json(), ex=self.ttl)
        except UNREACHABLE as exc:
            raise HistoryUnavailable(str(exc)) from exc

    def reset(self, chat_id: str) -> None:
        self.redis.delete(self._key(chat_id))

    def purge_expired(self) -> int:
        return 0  # Redis TTLs expire chats by themselves

    def ping(self) -> None:
        try:
            self.redis.ping()
        except UNREACHABLE as exc:
            raise HistoryUnavailable(str(exc)) from exc

    def chat_count(self) -> int:
        return sum(1 for _ in self.redis.scan_iter(match=f"{PREFIX}*:state", count=1000))

    def close(self) -> None:
        self.redis.close()
