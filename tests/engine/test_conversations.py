"""Replays multi-turn conversations through Engine.answer and checks numbers and sources."""

import json

import pytest

from tests.conftest import ROOT

CONVERSATIONS = json.loads((ROOT / "tests" / "data" / "conversations.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("conv", CONVERSATIONS, ids=[c["name"] for c in CONVERSATIONS])
async def test_conversation(engine, conv):
    for i, turn in enumerate(conv["turns"]):
        answer = await engine.answer("conv", turn["user"])
        expect = turn["expect"]
        where = f"turn {i}: {turn['user']} → {answer.text[:300]}"
        assert answer.route == expect["route"], where
        if "lang" in expect:
            assert answer.lang == expect["lang"], where
        if "tool" in expect:
            assert answer.tool_calls, where
            assert answer.tool_calls[0].name == expect["tool"], where
        for key, value in expect.get("outputs", {}).items():
            assert answer.tool_calls[0].outputs[key] == pytest.approx(value, rel=1e-4), where
        if "contains" in expect:
            assert expect["contains"] in answer.text, where
        if "sources_any_of" in expect:  # the same fact stated by two articles is cited once, from either
            assert {s.article_id for s in answer.sources} & set(expect["sources_any_of"]), where
