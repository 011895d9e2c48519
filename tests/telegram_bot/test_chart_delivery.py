"""The 📈 Chart button and /chart through the real Application and HTTP stack: one
sendPhoto with a PNG, also when Telegram answers 429 or 502 first or times out after
taking the photo, and when the button is pressed twice."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pytest

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from tests.botapi_emulator import BotApiEmulator, Faults
from tests.telegram_bot.conftest import running_bot

pytestmark = pytest.mark.slow
PNG = b"\x89PNG\r\n\x1a\n"
RENT_EN = "How much does it cost to rent 8 H100 GPUs for 24 hours at $2.50 per GPU-hour?"
RENT_AR = "كم تكلفة استئجار ٨ وحدات H100 لمدة 10 ساعات بسعر 3 دولارات للساعة؟"


@dataclass
class ScriptedFaults(Faults):
    """The first calls of a method fail as scripted, in order; later calls go through."""

    script: dict[str, list[str]] = field(default_factory=dict)

    def pick(self, method: str) -> str | None:
        queue = self.script.get(method)
        if not queue:
            return None
        kind = queue.pop(0)
        self.injected[kind] = self.injected.get(kind, 0) + 1
        return kind


@pytest.fixture
def chart_bot(make_settings, retriever, tmp_path):
    """Starts a bot over an emulator whose faults a test scripts in ``emu.faults.script``.

    Leaving the ``async with`` stops the Application, which waits for every handler
    still running (retries included): counting photos after it sees any late duplicate."""
    @contextlib.asynccontextmanager
    async def start():
        emu = BotApiEmulator(faults=ScriptedFaults(slow_seconds=3.0))
        await emu.start()
        history = HistoryStore(tmp_path / "h.sqlite3")
        try:
            async with running_bot(make_settings(emu), Engine(retriever, history), read_timeout=2.0):
                yield emu
        finally:
            await emu.stop()
            history.close()
    return start


async def ask(emu, chat_id, text, lang="en"):
    before = len(emu.replies(chat_id))
    await emu.user_message(chat_id, text, lang=lang)
    await emu.wait_for(lambda e: len(e.replies(chat_id)) > before, 60)
    return emu.replies(chat_id)[-1]


def chart_button(reply) -> dict:
    buttons = [b for row in (reply["reply_markup"] or {}).get("inline_keyboard", []) for b in row]
    charts = [b for b in buttons if b["callback_data"].startswith("chart:")]
    assert len(charts) == 1, buttons
    return charts[0]


def photos(emu, chat_id):
    return [p for p in emu.photos if p["chat_id"] == chat_id]


@pytest.mark.parametrize("faults", [["429", "502"], ["502", "429", "500"]])
async def test_button_sends_exactly_one_png_despite_429_and_502(chart_bot, faults):
    chat = 7001
    async with chart_bot() as emu:
        reply = await ask(emu, chat, RENT_EN)
        button = chart_button(reply)
        assert button["text"] == "📈 Chart"
        emu.faults.script["sendPhoto"] = list(faults)
        await emu.press_button(chat, reply["message_id"], button["callback_data"])
        await emu.wait_for(lambda e: photos(e, chat), 60)
    [photo] = photos(emu, chat)
    assert photo["data"].startswith(PNG)
    assert "$480" in photo["caption"]
    assert emu.calls.count("sendPhoto") == len(faults) + 1
    assert emu.faults.script["sendPhoto"] == []


async def test_a_photo_taken_before_a_read_timeout_is_not_sent_again(chart_bot):
    chat = 7002
    async with chart_bot() as emu:
        reply = await ask(emu, chat, RENT_EN)
        emu.faults.script["sendPhoto"] = ["slow"]  # processed, but the client gives up waiting for the answer
        await emu.press_button(chat, reply["message_id"], chart_button(reply)["callback_data"])
        await emu.wait_for(lambda e: photos(e, chat), 60)
    assert emu.faults.injected == {"slow": 1}
    assert len(photos(emu, chat)) == 1
    assert emu.calls.count("sendPhoto") == 1


async def test_pressing_twice_while_the_chart_is_on_its_way_sends_one(chart_bot):
    chat = 7003
    async with chart_bot() as emu:
        reply = await ask(emu, chat, RENT_EN)
        emu.faults.script["sendPhoto"] = ["429"]  # keeps the first press busy for a second
        data = chart_button(reply)["callback_data"]
        await emu.press_button(chat, reply["message_id"], data)
        await emu.press_button(chat, reply["message_id"], data)
        await emu.wait_for(lambda e: photos(e, chat), 60)
    assert emu.calls.count("answerCallbackQuery") == 2  # both presses were handled
    assert len(photos(emu, chat)) == 1


async def test_chart_command_in_an_arabic_chat_draws_the_last_calculation_in_arabic(chart_bot):
    chat = 7004
    async with chart_bot() as emu:
        reply = await ask(emu, chat, RENT_AR, lang="ar")
        assert chart_button(reply)["text"] == "📈 رسم بياني"
        await emu.user_message(chat, "/chart", lang="ar")
        await emu.wait_for(lambda e: photos(e, chat), 60)
    [photo] = photos(emu, chat)
    assert photo["data"].startswith(PNG)
    assert "٢٤٠ دولار" in photo["caption"]  # 8 × 10 h × $3


async def test_chart_command_without_a_calculation_says_so_and_knowledge_replies_have_no_button(chart_bot):
    chat = 7005
    async with chart_bot() as emu:
        reply = await ask(emu, chat, "What share of compute cost is electricity?")
        assert "chart:" not in str(reply["reply_markup"])
        answer = await ask(emu, chat, "/chart")
    assert "no calculation with a chart" in answer["plain"]
    assert not photos(emu, chat)
