"""Shared conversation state in a real Redis (started on 127.0.0.1 by the test): two
engine replicas continue each other's conversations."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.history_redis import RedisHistoryStore
from tests.servers import needs_redis

pytestmark = [pytest.mark.slow, needs_redis]


async def test_two_replicas_share_a_conversation(retriever, redis_url):
    a = Engine(retriever, RedisHistoryStore(redis_url))
    b = Engine(retriever, RedisHistoryStore(redis_url))
    first = await a.answer(11, "rent 8 H100 for 24 hours at $2/hour")
    second = await b.answer(11, "and for 16 GPUs?")
    assert first.tool_calls[0].outputs["cost_usd"] == pytest.approx(384)
    assert second.tool_calls[0].outputs["cost_usd"] == pytest.approx(768)
    third = await a.answer(11, "what if the price drops to $1?")
    assert third.tool_calls[0].outputs["cost_usd"] == pytest.approx(384)


async def test_reset_and_ttl(retriever, redis_url):
    store = RedisHistoryStore(redis_url, idle_seconds=3600)
    engine = Engine(retriever, store)
    await engine.answer(12, "rent 1 H100 for 1 hours at $2/hour")
    assert store.chat_count() == 1
    assert 0 < store.redis.ttl("compute-bot:chat:12:state") <= 3600
    assert store.redis.keys("compute-bot:chat:12:*") == ["compute-bot:chat:12:state"]  # no transcript
    await engine.reset(12)
    assert store.load("12").last_tool is None


async def test_two_replicas_on_one_chat_lose_no_update(embeddings, redis_url):
    from tests.engine.test_chat_state import SlowLlm, lang_while_answer_in_flight

    llm = SlowLlm()
    a = Engine(None, RedisHistoryStore(redis_url), embeddings=embeddings, llm=llm)
    b = Engine(None, RedisHistoryStore(redis_url), embeddings=embeddings)
    await lang_while_answer_in_flight(a, b, llm, 13)
    state = RedisHistoryStore(redis_url).load("13")
    assert state.forced_lang == "ar"
    assert state.last_tool == "rental_cost"
