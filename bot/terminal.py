"""Interactive terminal chat with the same engine the Telegram bot uses."""

from __future__ import annotations

import asyncio

from bot.engine.engine import Engine

BANNER = ("Compute-economics assistant — terminal chat (type /reset, /help, or Ctrl-D to quit).\n"
          "To connect Telegram, set TELEGRAM_BOT_TOKEN (from @BotFather) and run `make run` again.")


async def chat_loop(engine: Engine, chat_id: str = "terminal", forget_every_s: float = 600.0) -> None:
    print(BANNER)
    forgetting = asyncio.create_task(engine.forget_idle_chats(forget_every_s))
    try:
        await _converse(engine, chat_id)
    finally:
        forgetting.cancel()


async def _converse(engine: Engine, chat_id: str) -> None:
    while True:
        try:
            line = await asyncio.to_thread(input, "> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if line.strip() in ("/quit", "/exit"):
            return
        if line.strip() == "/reset":
            await engine.reset(chat_id)
            print("OK")
            continue
        answer = await engine.answer(chat_id, line)
        print(answer.text)
        print()
