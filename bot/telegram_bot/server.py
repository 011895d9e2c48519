"""The HTTP side of a running bot: Telegram's webhook and the operations endpoints.

- ``POST /telegram`` (webhook mode): Telegram's updates, checked against ``WEBHOOK_SECRET``
  and put on the Application's update queue;
- ``GET /healthz``: the process is alive (200);
- ``GET /readyz``: 200 when the index has passages, the stores answer and the Bot API is
  reachable, else 503, with each check in the JSON body;
- ``GET /metrics``: Prometheus text format (``bot.metrics``).

In webhook mode all four share ``WEBHOOK_PORT``; in polling mode the last three listen on
``OPS_PORT``. PTB's ``run_webhook`` serves only its webhook path, so this follows PTB's
custom-webhook pattern (we start the Application and feed ``update_queue``) on tornado, the
web server that PTB's ``webhooks`` extra already installs.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
import time

import tornado.web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.config import Settings
from bot.engine.engine import Engine
from bot.metrics import WEBHOOK_UPDATES, exposition

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram"
BOT_API_CHECK_EVERY_S = 15.0  # /readyz may be polled every few seconds; getMe is asked at most this often


class Readiness:
    """What ``/readyz`` reports; the Bot API answer is cached for a few seconds."""

    def __init__(self, engine: Engine, app: Application):
        self.engine, self.app = engine, app
        self._bot_api: tuple[float, bool] = (0.0, False)

    async def _bot_api_ok(self) -> bool:
        checked_at, ok = self._bot_api
        if time.monotonic() - checked_at < BOT_API_CHECK_EVERY_S:
            return ok
        try:
            await asyncio.wait_for(self.app.bot.get_me(), timeout=5)
            ok = True
        except (TelegramError, TimeoutError):
            ok = False
        self._bot_api = (time.monotonic(), ok)
        return ok

    async def check(self) -> dict[str, bool]:
        checks = await self.engine.health()
        checks["bot_api"] = await self._bot_api_ok()
        return checks


class _Json(tornado.web.RequestHandler):
    def reply(self, status: int, body: dict) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class HealthHandler(_Json):
    def get(self) -> None:
        self.reply(200, {"status": "ok"})


class ReadyHandler(_Json):
    def initialize(self, readiness: Readiness) -> None:
        self.readiness = readiness

    async def get(self) -> None:
        checks = await self.readiness.check()
        ready = all(checks.values())
        self.reply(200 if ready else 503, {"ready": ready, "checks": checks})


class MetricsHandler(tornado.web.RequestHandler):
    def get(self) -> None:
        body, content_type = exposition()
        self.set_header("Content-Type", content_type)
        self.finish(body)


class WebhookHandler(tornado.web.RequestHandler):
    def initialize(self, app: Application, secret: str | None) -> None:
        self.app, self.secret = app, secret

    async def post(self) -> None:
        if self.secret is not None:
            given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not hmac.compare_digest(given.encode(), self.secret.encode()):
                WEBHOOK_UPDATES.labels("forbidden").inc()
                log.warning("webhook request with a wrong or missing secret token refused")
                self.set_status(403)
                self.finish()
                return
        try:
            update = Update.de_json(json.loads(self.request.body), self.app.bot)
        except (ValueError, TypeError, KeyError):
            WEBHOOK_UPDATES.labels("bad").inc()
            self.set_status(400)
            self.finish()
            return
        WEBHOOK_UPDATES.labels("accepted").inc()
        await self.app.update_queue.put(update)
        self.set_status(200)
        self.finish()


def make_web_app(app: Application, readiness: Readiness, *, webhook_secret: str | None,
                 webhook: bool) -> tornado.web.Application:
    routes: list = [("/healthz", HealthHandler), ("/readyz", ReadyHandler, {"readiness": readiness}),
                    ("/metrics", MetricsHandler)]
    if webhook:
        routes.append((WEBHOOK_PATH, WebhookHandler, {"app": app, "secret": webhook_secret}))
    return tornado.web.Application(routes)


def webhook_target(settings: Settings) -> str:
    """The URL given to Telegram: WEBHOOK_URL with ``/telegram`` appended."""
    return settings.webhook_url.rstrip("/") + WEBHOOK_PATH


async def serve(app: Application, engine: Engine, settings: Settings, *, stop: asyncio.Event | None = None,
                on_started=None, on_stopping=None) -> None:
    """Run the bot until SIGINT/SIGTERM (or ``stop`` is set): webhook or long polling, plus
    the operations endpoints. ``on_started``/``on_stopping`` are awaited around serving
    (what ``run_polling`` calls post_init and post_stop)."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread (tests)
            loop.add_signal_handler(sig, stop.set)
    webhook = bool(settings.webhook_url)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    readiness = Readiness(engine, app)
    web = make_web_app(app, readiness, webhook_secret=secret, webhook=webhook)
    async with app:
        if on_started:
            await on_started(app)
        if webhook:
            await app.bot.set_webhook(webhook_target(settings), secret_token=secret,
                                      allowed_updates=Update.ALL_TYPES)
        await app.start()
        if not webhook:
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        port = settings.webhook_port if webhook else settings.ops_port
        listen = settings.webhook_listen if webhook else settings.ops_listen
        server = None
        if port:
            try:
                server = web.listen(port, address=listen)
            except OSError as exc:
                if webhook:  # without its port a webhook bot receives nothing
                    raise
                log.warning("port %s:%d is taken (%s): polling without /healthz, /readyz and /metrics; "
                            "set OPS_PORT to a free port or 0", listen, port, exc.strerror)
        log.info("serving", extra={"mode": "webhook" if webhook else "polling",
                                   "http": f"{listen}:{port}" if server else "off"})
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            if server is not None:
                server.stop()
            if app.updater and app.updater.running:
                await app.updater.stop()
            await app.stop()
            if on_stopping:
                await on_stopping(app)
