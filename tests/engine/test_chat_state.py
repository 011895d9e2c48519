"""Per-chat state is owned by the engine: a change made while an answer is in flight is
not lost, and idle chats are deleted on a schedule without the user coming back."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore


class SlowLlm:
    """Stands in for a slow LLM call: holds every answer until ``go`` is set."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.go = asyncio.Event()

    async def rephrase(self, raw, answer, *, earlier="", passages=()):
        self.entered.set()
        await self.go.wait()
        return answer


async def lang_while_answer_in_flight(first: Engine, second: Engine, llm: SlowLlm, chat: int) -> None:
    """``second`` sets the language while ``first`` is inside a slow answer."""
    answering = asyncio.create_task(first.answer(chat, "rent 8 H100 for 24 hours at $2/hour"))
    await llm.entered.wait()
    setting = asyncio.create_task(second.set_language(chat, "ar"))
    # without per-chat serialisation the language is saved now and overwritten by the answer's save
    await asyncio.wait({setting}, timeout=0.3)
    llm.go.set()
    await asyncio.gather(answering, setting)


async def test_lang_sent_while_an_answer_is_in_flight_is_kept(embeddings, tmp_path):
    llm = SlowLlm()
    engine = Engine(None, HistoryStore(tmp_path / "h.sqlite3"), embeddings=embeddings, llm=llm)
    await lang_while_answer_in_flight(engine, engine, llm, 5)
    state = engine.history.load("5")
    assert state.forced_lang == "ar"
    assert state.last_tool == "rental_cost"


async def test_idle_chats_are_deleted_without_the_user_coming_back(embeddings, tmp_path):
    path = tmp_path / "h.sqlite3"
    engine = Engine(None, HistoryStore(path, idle_seconds=0.2), embeddings=embeddings)
    await engine.answer(6, "rent 8 H100 for 24 hours at $2/hour")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM state").fetchone()[0] == 1
    schedule = asyncio.create_task(engine.forget_idle_chats(every_s=0.05))
    try:
        for _ in range(100):  # up to 5 s: the schedule runs every 50 ms once the chat is 200 ms idle
            with sqlite3.connect(path) as db:
                rows = db.execute("SELECT COUNT(*) FROM state").fetchone()[0]
            if rows == 0:
                break
            await asyncio.sleep(0.05)
    finally:
        schedule.cancel()
    assert rows == 0


def test_no_transcript_is_stored(tmp_path):
    path = tmp_path / "h.sqlite3"
    HistoryStore(path).close()
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"state"}


def test_an_old_transcript_table_is_dropped(tmp_path):
    path = tmp_path / "h.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE turns (id INTEGER PRIMARY KEY, chat_id TEXT, text TEXT)")
        db.execute("INSERT INTO turns(chat_id, text) VALUES('1', 'what my GPUs cost')")
    HistoryStore(path).close()
    with sqlite3.connect(path) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "turns" not in names


@pytest.mark.parametrize("chats", [1, 3])
async def test_chat_locks_are_dropped_when_free(tmp_path, chats):
    store = HistoryStore(tmp_path / "h.sqlite3")
    for n in range(chats):
        async with store.lock(str(n)):
            pass
    assert len(store._locks) == 0
