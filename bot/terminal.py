"""Interactive terminal chat with the same engine the Telegram bot uses."""

from __future__ import annotations

import asyncio

from bot.engine.engine import Engine

BANNER = ("Compute-economics assistant — terminal chat (type /reset, /help, or Ctrl-D to quit).\n"
          "To connect Telegram, set TELEGRAM_BOT_TOKEN (from @BotFather) and run `make run` again.")


async def chat_loop(engine: Engine, chat_id: str = "terminal") -> None:
    print(BANNER)
    while True:
        try:
            line = await asyncio.to_thread(input, "> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if line.strip() in ("/quit", "/exit"):
            return
        if line.strip() == "/reset":
            engine.reset(chat_id)
            print("OK")
            continue
        answer = await engine.answer(chat_id, line)
        print(answer.text)
        print()
