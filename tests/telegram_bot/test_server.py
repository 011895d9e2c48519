"""The HTTP side of a running bot, over real sockets: Telegram's webhook with its secret,
/healthz, /readyz (index, stores, Bot API) and /metrics, in webhook and polling mode."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from bot import metrics
from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.telegram_bot import server
from bot.telegram_bot.app import build_application
from tests.telegram_bot.conftest import no_reindex

pytestmark = pytest.mark.slow
SECRET = "s3cret-Value_1"


def _update(chat_id: int, text: str, update_id: int = 1) -> dict:
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 0,
                                               "chat": {"id": chat_id, "type": "private"},
                                               "from": {"id": chat_id, "is_bot": False, "first_name": "A"},
                                               "text": text}}


@contextlib.asynccontextmanager
async def serving(settings, engine):
    app = build_application(settings, engine, no_reindex, read_timeout=2)
    stop = asyncio.Event()
    task = asyncio.create_task(server.serve(app, engine, settings, stop=stop))
    port = settings.webhook_port if settings.webhook_url else settings.ops_port
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        for _ in range(200):
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get("/healthz")).status_code == 200:
                    break
            await asyncio.sleep(0.05)
        try:
            yield client
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)


@pytest.fixture
def webhook_settings(emulator, make_settings, unused_tcp_port):
    return make_settings(emulator, webhook_url="https://bot.example/", webhook_secret=SECRET,
                         webhook_port=unused_tcp_port)


async def test_webhook_is_set_to_the_telegram_path(emulator, webhook_settings, engine):
    async with serving(webhook_settings, engine):
        pass
    assert emulator.webhook["url"] == "https://bot.example/telegram"


async def test_webhook_refuses_a_wrong_secret(webhook_settings, engine):
    async with serving(webhook_settings, engine) as client:
        response = await client.post("/telegram", json=_update(5001, "hi"),
                                     headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
    assert response.status_code == 403


async def test_webhook_update_with_the_secret_is_answered(emulator, webhook_settings, engine):
    async with serving(webhook_settings, engine) as client:
        response = await client.post("/telegram", json=_update(5001, "rent 2 H100 for 1 hours at $3/hour"),
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        await emulator.wait_for(lambda e: len(e.replies(5001)) == 1)
    assert response.status_code == 200
    assert "$6.00" in emulator.replies(5001)[0]["plain"]


async def test_webhook_rejects_a_body_that_is_not_an_update(webhook_settings, engine):
    async with serving(webhook_settings, engine) as client:
        response = await client.post("/telegram", content=b"{not json",
                                     headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status_code == 400


async def test_healthz_answers_ok(webhook_settings, engine):
    async with serving(webhook_settings, engine) as client:
        response = await client.get("/healthz")
    assert response.json() == {"status": "ok"}


async def test_readyz_is_ready_with_index_stores_and_bot_api(webhook_settings, engine):
    async with serving(webhook_settings, engine) as client:
        response = await client.get("/readyz")
    assert (response.status_code, response.json()["checks"]) == (
        200, {"store": True, "index": True, "history": True, "bot_api": True})


async def test_readyz_is_not_ready_when_the_bot_api_is_down(emulator, webhook_settings, engine, monkeypatch):
    monkeypatch.setattr(server, "BOT_API_CHECK_EVERY_S", 0.0)
    async with serving(webhook_settings, engine) as client:
        await emulator.stop()
        response = await client.get("/readyz")
    assert (response.status_code, response.json()["checks"]["bot_api"]) == (503, False)


async def test_readyz_is_not_ready_with_an_empty_index(webhook_settings, embeddings, tmp_path):
    from bot.kb.retriever import HybridRetriever
    from bot.kb.store import KnowledgeStore

    empty = Engine(HybridRetriever(KnowledgeStore.from_settings(tmp_path / "empty"), embeddings),
                   HistoryStore(tmp_path / "e.sqlite3"))
    async with serving(webhook_settings, empty) as client:
        response = await client.get("/readyz")
    assert (response.status_code, response.json()["checks"]["index"]) == (503, False)


def _sample(name: str, **labels) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


async def test_metrics_count_answers_by_route_and_their_latency(emulator, webhook_settings, engine):
    answers, latencies = _sample("bot_answers_total", route="calculation"), _sample("bot_answer_latency_seconds_count")
    async with serving(webhook_settings, engine) as client:
        await client.post("/telegram", json=_update(5002, "rent 2 H100 for 1 hours at $3/hour"),
                          headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        await emulator.wait_for(lambda e: len(e.replies(5002)) == 1)
        await asyncio.sleep(0.1)  # the counter is increased just after the reply is sent
        body = (await client.get("/metrics")).text
    assert (_sample("bot_answers_total", route="calculation") - answers,
            _sample("bot_answer_latency_seconds_count") - latencies) == (1.0, 1.0)
    assert all(name in body for name in ("bot_answers_total", "bot_answer_latency_seconds_bucket",
                                         "bot_delivery_retries_total", "bot_reindex_runs_total"))


async def test_metrics_count_delivery_retries(start_emulator, make_settings, engine, unused_tcp_port):
    from tests.botapi_emulator import Faults

    class FirstSendIsRateLimited(Faults):
        def pick(self, method: str) -> str | None:
            if method == "sendMessage" and not self.injected:
                self.injected["429"] = 1
                return "429"
            return None

    emu = await start_emulator(faults=FirstSendIsRateLimited())
    settings = make_settings(emu, webhook_url="https://bot.example/", webhook_secret=SECRET,
                             webhook_port=unused_tcp_port)
    before = _sample("bot_delivery_retries_total", reason="429")
    async with serving(settings, engine) as client:
        await client.post("/telegram", json=_update(5003, "rent 2 H100 for 1 hours at $3/hour"),
                          headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        await emu.wait_for(lambda e: len(e.replies(5003)) == 1)
    assert _sample("bot_delivery_retries_total", reason="429") - before >= 1


async def test_polling_mode_serves_health_on_the_ops_port(emulator, make_settings, engine, unused_tcp_port):
    settings = make_settings(emulator, ops_port=unused_tcp_port)
    async with serving(settings, engine) as client:
        health, ready = await client.get("/healthz"), await client.get("/readyz")
        webhook = await client.post("/telegram", json=_update(5004, "hi"))
    assert (health.status_code, ready.status_code, webhook.status_code) == (200, 200, 404)


async def test_polling_goes_on_when_the_ops_port_is_taken(emulator, make_settings, engine):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        settings = make_settings(emulator, ops_port=taken.getsockname()[1])
        app = build_application(settings, engine, no_reindex, read_timeout=2)
        stop = asyncio.Event()
        task = asyncio.create_task(server.serve(app, engine, settings, stop=stop))
        await emulator.user_message(5005, "rent 2 H100 for 1 hours at $3/hour")
        await emulator.wait_for(lambda e: len(e.replies(5005)) == 1)
        stop.set()
        await asyncio.wait_for(task, 30)
    assert "$6.00" in emulator.replies(5005)[0]["plain"]
