"""Two bot replicas as an operator runs them: real processes in webhook mode on two ports,
one Chroma server and one Redis on 127.0.0.1, the Bot API emulator in this process.

While two ``python -m bot index --full`` run at once, questions keep coming to both
replicas; then an admin uploads an article to replica A, replica B restarts and answers
from it, and B continues a conversation that A began.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.kb.store import KnowledgeStore
from tests.botapi_emulator import BotApiEmulator
from tests.conftest import KNOWLEDGE, ROOT
from tests.servers import ChromaServer, RedisServer, free_port, needs_redis

pytestmark = [pytest.mark.slow, needs_redis]
SECRET = "replica-secret_42"
ADMIN = 4242
UPLOAD = """# Zephyr-9 accelerator notes

The Zephyr-9 accelerator carries 311 GB of HBM and rents for $4.40 per hour at Nimbus Cloud.
"""


class Replica:
    def __init__(self, name: str, base: Path, env: dict):
        self.name, self.port = name, free_port()
        self.knowledge, self.data = base / f"knowledge-{name}", base / f"data-{name}"
        shutil.copytree(KNOWLEDGE, self.knowledge)
        self.env = {**env, "WEBHOOK_PORT": str(self.port), "KNOWLEDGE_DIR": str(self.knowledge),
                    "DATA_DIR": str(self.data)}
        self.log = base / f"replica-{name}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=self.log.open("ab"))

    async def ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient() as client:
            while time.monotonic() < deadline:
                assert self.proc.poll() is None, f"replica {self.name} exited: {self.log.read_text()[-2000:]}"
                try:
                    if (await client.get(f"{self.url}/readyz", timeout=5)).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.3)
        raise TimeoutError(f"replica {self.name} not ready")

    def stop(self) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=60)

    async def post(self, update: dict) -> int:
        async with httpx.AsyncClient() as client:
            response = await client.post(f"{self.url}/telegram", json=update, timeout=10,
                                         headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        return response.status_code


async def _ask(emu: BotApiEmulator, replica: Replica, chat_id: int, text: str, timeout: float = 60) -> dict:
    before = len(emu.replies(chat_id))
    await emu.user_message(chat_id, text)
    assert await replica.post(emu.updates[-1]) == 200
    await emu.wait_for(lambda e: len(e.replies(chat_id)) > before, timeout=timeout)
    return emu.replies(chat_id)[-1]


def _buttons(reply: dict) -> list[str]:
    markup = reply.get("reply_markup") or {}
    if isinstance(markup, str):  # form-encoded requests carry it as JSON text
        markup = json.loads(markup)
    return [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]


def _has_sources_button(reply: dict) -> bool:
    return any(data.startswith("src:") for data in _buttons(reply))


@pytest.fixture
async def cluster(tmp_path, model_dir):
    redis_server, chroma = RedisServer(tmp_path / "redis"), ChromaServer(tmp_path / "chroma")
    redis_server.start()
    chroma.start()
    emu = BotApiEmulator()
    await emu.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "LLM_"))}
    env.update(TELEGRAM_BOT_TOKEN=emu.token, TELEGRAM_BASE_URL=emu.base_url,
               TELEGRAM_BASE_FILE_URL=f"http://127.0.0.1:{emu.port}/file/bot", WEBHOOK_URL="https://bot.example/",
               WEBHOOK_SECRET=SECRET, WEBHOOK_LISTEN="127.0.0.1", REDIS_URL=redis_server.url, CHROMA_URL=chroma.url,
               MODELS_DIR=str(model_dir.parent), ADMIN_USER_IDS=str(ADMIN), RATE_LIMIT_PER_MINUTE="10000",
               LOG_LEVEL="INFO", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
               ANONYMIZED_TELEMETRY="False", PYTHONUNBUFFERED="1")
    a, b = Replica("a", tmp_path, env), Replica("b", tmp_path, env)
    a.start()
    b.start()
    try:
        await asyncio.gather(a.ready(), b.ready())
        yield emu, a, b, chroma, env
    finally:
        codes = a.stop(), b.stop()
        await emu.stop()
        chroma.stop()
        redis_server.stop()
    assert codes == (0, 0), "replicas did not stop cleanly on SIGTERM"


async def test_two_replicas_reindex_upload_and_share_conversations(cluster, tmp_path):
    emu, a, b, chroma, env = cluster
    store = KnowledgeStore.from_settings(tmp_path / "unused", chroma.url)
    chunks = store.collection(store.active_name()).count()

    # two full re-indexes at once (each in its own process, as two operators or two replicas would)
    indexers = [subprocess.Popen([sys.executable, "-m", "bot", "index", "--full", "--quiet"], cwd=ROOT,
                                 env={**env, "KNOWLEDGE_DIR": str(r.knowledge), "DATA_DIR": str(tmp_path / f"ix-{r.name}")},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for r in (a, b)]
    questions = ["Why does the GB200 NVL72 use copper cables?", "لماذا تستخدم GB200 كابلات نحاسية؟",
                 "What does PUE measure?"]
    asked, answered_with_sources = 0, 0
    while any(p.poll() is None for p in indexers) or asked < 6:
        replica = (a, b)[asked % 2]
        reply = await _ask(emu, replica, 7000 + asked, questions[asked % len(questions)])
        asked += 1
        answered_with_sources += _has_sources_button(reply)
    outputs = [p.communicate(timeout=600) for p in indexers]
    assert [p.returncode for p in indexers] == [0, 0]
    assert not any("Traceback" in out + err for out, err in outputs)
    assert answered_with_sources == asked  # every question during the re-index answered with sources
    active = store.active_name()
    assert store.collection(active).count() == chunks  # no generation lost, nothing half-built went live
    assert store.pointer()["previous"] in store.generations()

    # an admin's upload on A ...
    await emu.user_document(ADMIN, "zephyr-9.md", UPLOAD.encode())
    assert await a.post(emu.updates[-1]) == 200
    await emu.wait_for(lambda e: any("Re-index finished" in m["plain"] for m in e.replies(ADMIN)), timeout=180)
    # ... is answered by B after B restarts (its own knowledge folder never had the file)
    assert b.stop() == 0
    b.start()
    await b.ready()
    assert (b.knowledge / "uploads" / "zephyr-9.md").read_text() == UPLOAD
    reply = await _ask(emu, b, 7100, "How much HBM does the Zephyr-9 accelerator have?")
    assert "311" in reply["plain"]

    # a conversation begun on A continues on B, and B's Sources button works for A's answer
    first = await _ask(emu, a, 7200, "rent 8 H100 for 24 hours at $2/hour")
    follow = await _ask(emu, b, 7200, "and for 16 GPUs?")
    assert ("$384" in first["plain"], "$768" in follow["plain"]) == (True, True)
    knowledge = await _ask(emu, a, 7300, "Why does the GB200 NVL72 use copper cables?")
    before = len(emu.replies(7300))
    sources = next(data for data in _buttons(knowledge) if data.startswith("src:"))
    await emu.press_button(7300, knowledge["message_id"], sources)
    assert await b.post(emu.updates[-1]) == 200
    await emu.wait_for(lambda e: len(e.replies(7300)) > before, timeout=30)
    assert "[1]" in emu.replies(7300)[-1]["plain"]
    started = a.log.read_text()
    assert ('"msg": "configuration"' in started, SECRET in started) == (True, False)
