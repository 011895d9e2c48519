"""What reply buttons need, kept per chat and message: bounded in memory, shared in Redis."""

from __future__ import annotations

import pytest

from bot.telegram_bot.button_memory import LocalButtonMemory, RedisButtonMemory


def test_local_memory_returns_what_was_put():
    memory = LocalButtonMemory()
    memory.put("src", 1, 2, {"sources": [[1, "T", "x"]]})
    assert memory.get("src", 1, 2) == {"sources": [[1, "T", "x"]]}


def test_local_memory_drops_the_oldest_beyond_its_size():
    memory = LocalButtonMemory(kept=2)
    for message_id in (1, 2, 3):
        memory.put("src", 1, message_id, {"n": message_id})
    assert memory.get("src", 1, 1) is None


def test_kinds_do_not_collide():
    memory = LocalButtonMemory()
    memory.put("src", 1, 2, {"a": 1})
    assert memory.get("chart", 1, 2) is None


@pytest.mark.slow
def test_redis_memory_is_shared_by_replicas(redis_url):
    RedisButtonMemory(redis_url, ttl_s=60).put("chart", 5, 9, {"tool": "tco", "params": {"x": 1}, "lang": "ar"})
    assert RedisButtonMemory(redis_url, ttl_s=60).get("chart", 5, 9) == {"tool": "tco", "params": {"x": 1},
                                                                       "lang": "ar"}


@pytest.mark.slow
def test_redis_memory_expires(redis_url):
    memory = RedisButtonMemory(redis_url, ttl_s=60)
    memory.put("src", 5, 9, {"sources": []})
    assert 0 < memory.redis.ttl("compute-bot:button:src:5:9") <= 60
