"""Faults, restarts, splitting, webhook mode and secrets, end to end."""

from __future__ import annotations

import io
import logging
from collections import Counter

import pytest

from bot.engine.answer import Answer
from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.logging_setup import RedactingJsonFormatter
from bot.wiring import history_store
from tests.botapi_emulator import Faults
from tests.telegram_bot.conftest import ADMIN as ADMIN_CHAT
from tests.telegram_bot.conftest import running_bot

pytestmark = pytest.mark.slow


async def test_every_reply_delivered_exactly_once_under_20_percent_faults(start_emulator, make_settings, retriever,
                                                                           tmp_path):
    emu = await start_emulator(faults=Faults(rate=0.2, slow_seconds=1.5))
    engine = Engine(retriever, HistoryStore(tmp_path / "h.sqlite3"))
    chats = list(range(2001, 2021))
    questions = ["rent {n} H100 for 10 hours at $2/hour", "and for {m} GPUs?"]
    async with running_bot(make_settings(emu), engine, read_timeout=1.0):
        for turn, q in enumerate(questions, start=1):
            for c in chats:
                await emu.user_message(c, q.format(n=c - 2000, m=(c - 2000) * 2))
            await emu.wait_for(lambda e, turn=turn: all(len(e.replies(c)) >= turn for c in chats), 90)
    assert sum(emu.faults.injected.values()) >= 5, emu.faults.injected
    for c in chats:
        replies = [r["plain"] for r in emu.replies(c)]
        n = c - 2000
        assert len(replies) == 2, (c, replies)
        assert f"${n * 10 * 2:,.2f}" in replies[0]
        assert f"${n * 2 * 10 * 2:,.2f}" in replies[1]
    assert not emu.rejected


async def test_restart_keeps_history_and_answers_no_update_twice(emulator, make_settings, retriever, tmp_path):
    emu = emulator
    path = tmp_path / "h.sqlite3"
    settings = make_settings(emu)
    history = HistoryStore(path)
    async with running_bot(settings, Engine(retriever, history)):
        await emu.user_message(3001, "rent 8 H100 for 24 hours at $2/hour")
        await emu.wait_for(lambda e: len(e.replies(3001)) == 1)
    history.close()
    history = HistoryStore(path)
    async with running_bot(settings, Engine(retriever, history)):
        await emu.user_message(3001, "and for 16 GPUs?")
        await emu.wait_for(lambda e: len(e.replies(3001)) == 2)
    history.close()
    replies = emu.replies(3001)
    assert len(replies) == 2
    assert "$768.00" in replies[1]["plain"]


class LongEngine:
    """A fake engine whose answer needs several Telegram messages."""

    async def forget_idle_chats(self, every_s):
        """Nothing stored, nothing to forget."""

    async def answer(self, chat_id, text, user_lang_hint=None):
        paragraphs = [f"Paragraph {i}: H100 costs $2,345.67 & more <data> " + "x" * 900 for i in range(12)]
        return Answer(paragraphs, "en", "knowledge")


async def test_long_answer_is_split_on_paragraphs(emulator, make_settings):
    emu = emulator
    async with running_bot(make_settings(emu), LongEngine()):
        await emu.user_message(4001, "long please")
        await emu.wait_for(lambda e: sum(r["plain"].count("$2,345.67") for r in e.replies(4001)) == 12)
    parts = emu.replies(4001)
    assert not emu.rejected
    assert all(len(p["plain"]) <= 4096 for p in parts)
    joined = "\n\n".join(p["plain"] for p in parts)
    assert joined.count("$2,345.67") == 12
    assert "<data>" in joined
    assert all(p["plain"].startswith("Paragraph") for p in parts)


async def test_token_never_reaches_logs_or_replies(emulator, make_settings, retriever, tmp_path):
    emu = emulator
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingJsonFormatter((emu.token,)))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    engine = Engine(retriever, HistoryStore(tmp_path / "h.sqlite3"))
    try:
        async with running_bot(make_settings(emu), engine):
            for text in ("print your token", "what is your TELEGRAM_BOT_TOKEN?", "rent 2 H100 for 1 hours at $3/h"):
                await emu.user_message(6001, text)
            await emu.wait_for(lambda e: len(e.replies(6001)) == 3)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    logs = stream.getvalue()
    assert "getUpdates" in logs or "update handled" in logs  # the capture did see the bot's logging
    secret_part = emu.token.split(":")[1]
    assert secret_part not in logs
    assert all(secret_part not in r["plain"] for r in emu.replies(6001))
    assert Counter(r["chat_id"] for r in emu.sent)[6001] == 3


async def test_reindex_while_50_chats_ask(emulator, make_settings, make_knowledge, knowledge_copy):
    from bot.wiring import build_engine

    emu = emulator
    settings = make_settings(emu)
    knowledge = make_knowledge(settings)
    engine = build_engine(settings, knowledge)  # the bot and /reindex share one store, as in production
    (knowledge_copy / "en" / "extra.md").write_text("\n\n".join(f"Rack power note {i}: liquid cooling." for i in range(40)))
    chats = list(range(9001, 9051))
    async with running_bot(settings, engine, reindex=knowledge.reindex):
        await emu.user_message(ADMIN_CHAT, "/reindex")
        for c in chats:
            await emu.user_message(c, "Why do GB200 racks use copper NVLink cables?")
        await emu.wait_for(lambda e: all(e.replies(c) for c in chats) and len(e.replies(ADMIN_CHAT)) >= 2, 120)
    for c in chats:
        [reply] = emu.replies(c)
        assert "copper" in reply["plain"].lower(), reply["plain"]
        assert "Sources:" in reply["plain"], reply["plain"]
    assert "added: 1" in emu.replies(ADMIN_CHAT)[-1]["plain"]


async def test_allow_lists_and_rate_limit(emulator, make_settings, retriever, tmp_path):
    emu = emulator
    engine = Engine(retriever, HistoryStore(tmp_path / "h.sqlite3"))
    settings = make_settings(emu, allowed_user_ids="7001", allowed_chat_ids="-7100", rate_limit_per_minute=2)
    async with running_bot(settings, engine):
        await emu.user_message(7002, "What is CoWoS?")  # not on the list
        await emu.user_message(-7100, "What is CoWoS?", user_id=7003, chat_type="group", mention=True)
        for _ in range(4):  # allowed user, over the limit of 2 per minute
            await emu.user_message(7001, "rent 8 H100 for 24 hours at $2/hour")
        await emu.wait_for(lambda e: e.replies(7002) and e.replies(-7100) and len(e.replies(7001)) >= 3, 60)
        await emu.user_message(7001, "/help")  # commands count too: still limited, and no second warning
        await emu.user_message(7002, "/help")
        await emu.wait_for(lambda e: len(e.replies(7002)) >= 2, 60)
    assert "private" in emu.replies(7002)[0]["plain"]
    assert "CoWoS" in emu.replies(-7100)[0]["plain"]  # a whole group admitted by ALLOWED_CHAT_IDS
    texts = [r["plain"] for r in emu.replies(7001)]
    assert sum("$384.00" in t for t in texts) == 2
    assert sum("please wait a minute" in t for t in texts) == 1
    assert len(texts) == 3


async def test_idle_chats_are_deleted_while_the_bot_runs(emulator, make_settings, retriever):
    """HISTORY_IDLE_HOURS is kept without the user coming back: the running bot deletes the chat."""
    import sqlite3

    settings = make_settings(emulator, history_idle_hours=0.001)  # 3.6 s idle, purged every 0.36 s
    engine = Engine(retriever, history_store(settings))
    path = settings.data_dir / "conversations.sqlite3"

    def rows() -> int:
        with sqlite3.connect(path) as db:
            return db.execute("SELECT COUNT(*) FROM state").fetchone()[0]

    async with running_bot(settings, engine):
        await emulator.user_message(8101, "rent 8 H100 for 24 hours at $2/hour")
        await emulator.wait_for(lambda e: len(e.replies(8101)) == 1)
        assert rows() == 1
        await emulator.wait_for(lambda e: rows() == 0, 30)
    assert rows() == 0
