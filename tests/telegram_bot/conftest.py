"""Fixtures that run the real python-telegram-bot Application (long polling) against
the Bot API emulator on 127.0.0.1."""

from __future__ import annotations

import contextlib

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.telegram_bot.app import build_application, post_init, post_stop
from bot.wiring import Knowledge
from tests.botapi_emulator import BotApiEmulator, Faults

ADMIN = 4242


@pytest.fixture
async def start_emulator():
    """Start an emulator (with faults if asked); every one started is stopped after the test."""
    started: list[BotApiEmulator] = []

    async def start(**kwargs) -> BotApiEmulator:
        emu = BotApiEmulator(**kwargs)
        await emu.start()
        started.append(emu)
        return emu

    yield start
    for emu in started:
        await emu.stop()


@pytest.fixture
async def emulator(start_emulator):
    return await start_emulator()


@pytest.fixture
def make_settings(tmp_path, model_dir, knowledge_copy):
    def make(emu: BotApiEmulator, **overrides) -> Settings:
        values = dict(telegram_bot_token=emu.token, telegram_base_url=emu.base_url,
                      telegram_base_file_url=f"http://127.0.0.1:{emu.port}/file/bot",
                      admin_user_ids=frozenset({ADMIN}), data_dir=tmp_path / "data", knowledge_dir=knowledge_copy,
                      embedding_model=str(model_dir), rate_limit_per_minute=1000)
        values.update(overrides)
        return Settings(_env_file=None, **values)
    return make


@pytest.fixture
def make_knowledge(embeddings):
    """The store under the settings' DATA_DIR with the session's embedding model (loaded once)."""
    def make(settings: Settings) -> Knowledge:
        return Knowledge.build(settings, embeddings)
    return make


def no_reindex():
    raise AssertionError("this test does not re-index")


@contextlib.asynccontextmanager
async def running_bot(settings: Settings, engine, read_timeout: float = 2.0, reindex=no_reindex):
    app = build_application(settings, engine, reindex, read_timeout=read_timeout)
    async with app:
        await post_init(app)  # what run_polling does around start and stop
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=["message", "edited_message",
                                                                                      "callback_query"])
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
            await post_stop(app)


@pytest.fixture
async def bot(emulator, make_settings, make_knowledge, retriever, tmp_path):
    history = HistoryStore(tmp_path / "conversations.sqlite3")
    engine = Engine(retriever, history)
    settings = make_settings(emulator)
    async with running_bot(settings, engine, reindex=make_knowledge(settings).reindex) as app:
        yield emulator, app
    history.close()


__all__ = ["ADMIN", "Faults", "running_bot"]
