"""LLM mode with LangChain's fake chat model emitting scripted tool calls: never a real endpoint."""

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.engine.llm import LlmComposer


def _engine(retriever, tmp_path, *scripted):
    model = GenericFakeChatModel(messages=iter(list(scripted)))
    return Engine(retriever, HistoryStore(tmp_path / "h.sqlite3"), llm=LlmComposer(model))


async def test_llm_calls_a_calculator_and_its_numbers_are_accepted(retriever, tmp_path):
    engine = _engine(retriever, tmp_path,
                     AIMessage(content="", tool_calls=[{"name": "rental_cost", "id": "c1", "args": {
                         "gpus": 8, "hours": 24, "price_usd_per_gpu_hour": 2.5}}]),
                     AIMessage(content="Renting 8 GPUs for 24 hours at $2.50 costs $480.00 in total."))
    a = await engine.answer(1, "How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?")
    assert a.route == "calculation+llm"
    assert a.text.startswith("Renting 8 GPUs")
    assert a.tool_calls[0].outputs["cost_usd"] == 480


async def test_llm_invented_number_falls_back_to_offline_answer(retriever, tmp_path):
    engine = _engine(retriever, tmp_path, AIMessage(content="It costs about $999 [1]."))
    a = await engine.answer(2, "rent 8 H100 for 24 hours at $2.50 per hour")
    assert a.route == "calculation"
    assert "$480.00" in a.text
    assert "999" not in a.text


async def test_llm_must_keep_citations(retriever, tmp_path):
    engine = _engine(retriever, tmp_path, AIMessage(content="Electricity is a small part of the cost."))
    a = await engine.answer(3, "What share of compute cost is electricity?")
    assert a.route == "knowledge"
    assert a.sources  # rejected: no [n] marker, offline answer kept


async def test_llm_answer_with_citations_and_passage_numbers_is_used(retriever, tmp_path):
    engine = _engine(retriever, tmp_path,
                     AIMessage(content="Electricity is about 10% of compute cost; the rest is mostly fixed assets [1]."))
    a = await engine.answer(4, "What share of compute cost is electricity?")
    assert a.route == "knowledge+llm"
    assert "[1]" in a.text
    assert a.sources


async def test_llm_failure_keeps_offline_answer(retriever, tmp_path):
    class Broken(GenericFakeChatModel):
        async def _agenerate(self, *args, **kwargs):
            raise ConnectionError("endpoint down")

    engine = Engine(retriever, HistoryStore(tmp_path / "h.sqlite3"), llm=LlmComposer(Broken(messages=iter([]))))
    a = await engine.answer(5, "rent 8 H100 for 24 hours at $2.50 per hour")
    assert a.route == "calculation"
    assert "$480.00" in a.text


def test_langchain_tools_have_schemas_and_run():
    from tools.langchain_tools import langchain_tools

    tools = {t.name: t for t in langchain_tools()}
    assert set(tools) >= {"rental_cost", "training_compute", "total_cost_of_ownership"}
    assert "price_usd_per_gpu_hour" in tools["rental_cost"].args
    assert "$480.00" in tools["rental_cost"].invoke({"gpus": 8, "hours": 24, "price_usd_per_gpu_hour": 2.5})
    assert tools["rental_cost"].invoke({"gpus": -1, "hours": 1, "price_usd_per_gpu_hour": 1}).startswith("ERROR")


@pytest.mark.parametrize("text,ok", [("$480.00 [1]", True), ("$481 [1]", False), ("[7] 10%", False)])
def test_acceptance_rule(text, ok):
    from bot.engine.answer import Answer, Source

    offline = Answer(["x"], "en", "both", sources=[Source(1, "a", "t", "", "en", 1, "costs $480.00 and 10%", 0.1)])
    assert LlmComposer.acceptable(text, offline, ["costs $480.00 and 10%"]) is ok
