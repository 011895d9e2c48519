"""LLM mode over the wire: the real langchain-openai client against an OpenAI-compatible
server emulated on 127.0.0.1. With an LLM configured, messages the offline reader cannot
finish (a clarification, an uncertain refusal) reach the model too, with the chat so far,
passages and the calculators as tools; the number/citation check still decides."""

import json
import re
from types import SimpleNamespace

import pytest

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.engine.llm import LlmComposer
from tests.llm_emulator import LlmEmulator, Reply


def _tool_then_text(messages, tools):
    """A model that calls rental_cost with the numbers it reads, then reports the tool's total."""
    if messages[-1]["role"] == "tool":
        total = re.search(r"\$[\d,]+\.\d\d(?!.*\$[\d,]+\.\d\d)", messages[-1]["content"], re.S).group(0)
        return Reply(content=f"That comes to {total} in total.")
    return Reply(tool_calls=[{"name": "rental_cost",
                              "arguments": {"gpus": 3, "hours": 40, "price_usd_per_gpu_hour": 2.5}}])


@pytest.fixture
async def wire(retriever, tmp_path):
    async def make(script):
        emu = LlmEmulator(script)
        await emu.start()
        settings = SimpleNamespace(llm_base_url=emu.base_url, llm_model="emulated", llm_api_key=None)
        engine = Engine(retriever, HistoryStore(tmp_path / "h.sqlite3"), llm=LlmComposer.from_settings(settings))
        made.append(emu)
        return engine, emu
    made: list[LlmEmulator] = []
    yield make
    for emu in made:
        await emu.stop()


async def test_a_clarification_reaches_the_model_which_runs_the_calculator(wire):
    engine, _ = await wire(_tool_then_text)
    a = await engine.answer("w1", "three of them, forty hours, two fifty — what do I owe?")
    assert a.route == "calculation+llm"


async def test_the_models_calculator_result_is_the_recorded_tool_call(wire):
    engine, _ = await wire(_tool_then_text)
    a = await engine.answer("w2", "three of them, forty hours, two fifty — what do I owe?")
    assert a.tool_calls[0].outputs["cost_usd"] == pytest.approx(300)


async def test_the_request_offers_every_calculator_as_a_tool(wire):
    engine, emu = await wire(_tool_then_text)
    await engine.answer("w3", "three of them, forty hours, two fifty — what do I owe?")
    offered = {t["function"]["name"] for t in emu.requests[0]["tools"]}
    assert {"rental_cost", "buy_vs_rent", "training_compute"} <= offered


async def test_the_request_carries_the_chat_so_far(wire):
    engine, emu = await wire(lambda m, t: Reply(content="Noted."))
    await engine.answer("w4", "rent 8 H100 for 24 hours at $2/hour")
    await engine.answer("w4", "hmm and what about them for longer")
    assert "previous calculation: rental_cost" in json.dumps(emu.requests[-1]["messages"], ensure_ascii=False)


async def test_an_invented_number_is_rejected_for_the_offline_answer(wire):
    engine, _ = await wire(lambda m, t: Reply(content="It costs about $999."))
    a = await engine.answer("w5", "rent 8 H100 for 24 hours at $2.50 per hour")
    assert a.route == "calculation"
    assert "$480.00" in a.text


async def test_an_endpoint_failure_keeps_the_offline_answer(wire):
    engine, _ = await wire(lambda m, t: Reply(status=500))
    a = await engine.answer("w6", "rent 8 H100 for 24 hours at $2.50 per hour")
    assert a.route == "calculation"
    assert "$480.00" in a.text


async def test_a_confident_refusal_does_not_call_the_model(wire):
    engine, emu = await wire(lambda m, t: Reply(content="Sunny."))
    await engine.answer("w7", "What's the weather in Paris tomorrow?")
    assert emu.requests == []
