"""Shared conversation state in a real Redis (started on 127.0.0.1 by the test): two
engine replicas continue each other's conversations."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
import redis

from bot.engine.engine import Engine
from bot.engine.history_redis import RedisHistoryStore

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("redis-server") is None,
                                 reason="redis-server not installed (scripts/ensure-redis.sh installs it)")]


@pytest.fixture
def redis_url(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


async def test_two_replicas_share_a_conversation(retriever, redis_url):
    a = Engine(retriever, RedisHistoryStore(redis_url))
    b = Engine(retriever, RedisHistoryStore(redis_url))
    first = await a.answer(11, "rent 8 H100 for 24 hours at $2/hour")
    second = await b.answer(11, "and for 16 GPUs?")
    assert first.tool_calls[0].outputs["cost_usd"] == pytest.approx(384)
    assert second.tool_calls[0].outputs["cost_usd"] == pytest.approx(768)
    third = await a.answer(11, "what if the price drops to $1?")
    assert third.tool_calls[0].outputs["cost_usd"] == pytest.approx(384)


async def test_bounded_reset_and_ttl(retriever, redis_url):
    store = RedisHistoryStore(redis_url, max_turns=2, idle_seconds=3600)
    engine = Engine(retriever, store)
    for n in range(4):
        await engine.answer(12, f"rent {n + 1} H100 for 1 hours at $2/hour")
    assert len(store.turns("12")) == 4 and store.chat_count() == 1
    assert 0 < store.redis.ttl("compute-bot:chat:12:state") <= 3600
    engine.reset(12)
    assert store.turns("12") == [] and store.load("12").last_tool is None
