"""Drive the real bot through the Bot API emulator: 200 concurrent chats × 3 messages.

Reports replies received vs expected (target: all, no duplicates), p50/p95 reply
latency and throughput. Writes benchmarks/results/telegram_load.json.
Options: --chats N --messages M --faults RATE (e.g. 0.2 to inject 429/5xx/resets/slow).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from _common import ROOT, summary, table, write

MESSAGES = ["rent {n} H100 for 10 hours at $2/hour", "and for {m} GPUs?", "What share of compute cost is electricity?"]


async def main(chats: int, per_chat: int, fault_rate: float) -> None:
    from bot.config import Settings
    from bot.wiring import build_engine
    from tests.botapi_emulator import BotApiEmulator, Faults
    from tests.telegram_bot.conftest import running_bot

    emu = BotApiEmulator(faults=Faults(rate=fault_rate))
    await emu.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, telegram_bot_token=emu.token, telegram_base_url=emu.base_url,
                            data_dir=Path(tmp), knowledge_dir=ROOT / "knowledge", rate_limit_per_minute=1000,
                            embedding_model=str(ROOT / "data" / "models" / "multilingual-e5-small"))
        engine = build_engine(settings)
        ids = list(range(10_000, 10_000 + chats))
        sent_at: dict[tuple[int, int], float] = {}
        latencies: list[float] = []
        started = time.perf_counter()
        async with running_bot(settings, engine, read_timeout=5.0):
            for turn in range(per_chat):
                for c in ids:
                    n = c % 50 + 1
                    await emu.user_message(c, MESSAGES[turn % len(MESSAGES)].format(n=n, m=2 * n))
                    sent_at[(c, turn)] = time.monotonic()  # the emulator stamps replies with this clock
                await emu.wait_for(lambda e, t=turn: all(len(e.replies(c)) > t for c in ids), timeout=600)
                for c in ids:
                    reply = emu.replies(c)[turn]
                    latencies.append((reply["ts"] - sent_at[(c, turn)]) * 1000)
        elapsed = time.perf_counter() - started
    await emu.stop()
    received = sum(len(emu.replies(c)) for c in ids)
    expected = chats * per_chat
    duplicates = received - expected
    row = {"chats": chats, "messages": expected, "received": received, "duplicates": duplicates,
           "throughput_msg_s": round(expected / elapsed, 1), **summary(latencies), "faults": emu.faults.injected}
    print(table([row], ["chats", "messages", "received", "duplicates", "throughput_msg_s", "p50_ms", "p95_ms"]))
    print("faults injected:", emu.faults.injected)
    print("wrote", write("telegram_load", row))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--messages", type=int, default=3)
    parser.add_argument("--faults", type=float, default=0.0)
    a = parser.parse_args()
    asyncio.run(main(a.chats, a.messages, a.faults))
