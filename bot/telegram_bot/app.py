"""Build and run the python-telegram-bot Application around the engine."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.engine.engine import Engine
from bot.telegram_bot import charts, handlers, texts
from bot.telegram_bot.access import UserRateLimiter
from bot.telegram_bot.button_memory import ButtonMemory, button_memory

log = logging.getLogger(__name__)


async def _register_commands(app: Application) -> None:
    for lang, commands in texts.COMMANDS.items():
        await app.bot.set_my_commands([BotCommand(c, d) for c, d in commands],
                                      language_code=None if lang == "en" else lang)


async def post_init(app: Application) -> None:
    await _register_commands(app)
    svc = app.bot_data["services"]
    # runs until post_stop: Application.create_task would be awaited (forever) by stop()
    svc.forgetting = asyncio.create_task(svc.engine.forget_idle_chats(svc.settings.forget_every_s))


async def post_stop(app: Application) -> None:
    task = app.bot_data["services"].forgetting
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def build_application(settings: Settings, engine: Engine, reindex: Callable[[], object], *,
                      read_timeout: float = 10.0, rate_limiter: bool = True,
                      add_article: Callable[[str, bytes], object] | None = None,
                      buttons: ButtonMemory | None = None) -> Application:
    """``reindex`` runs the incremental re-index (in a worker thread) and returns its report;
    ``add_article(name, data)`` stores an admin's upload (default: this process's knowledge
    folder); ``buttons`` remembers what reply buttons need (default: from ``REDIS_URL``)."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (ApplicationBuilder()
               .token(settings.telegram_bot_token.get_secret_value())
               .base_url(settings.telegram_base_url)
               .base_file_url(settings.telegram_base_file_url)
               .read_timeout(read_timeout).write_timeout(read_timeout).connect_timeout(5)
               .concurrent_updates(64)
               .post_init(post_init)
               .post_stop(post_stop))
    if rate_limiter:
        # Telegram's own flood limits (30 msg/s overall, 20/min per group); our delivery layer retries 429s
        builder = builder.rate_limiter(AIORateLimiter(max_retries=0))
    app = builder.build()
    if add_article is None:
        from bot.telegram_bot.uploads import save_upload

        def add_article(name: str, data: bytes):
            return save_upload(settings.knowledge_dir, name, data)
    if buttons is None:
        buttons = button_memory(settings.redis_url, settings.history_idle_hours * 3600)
    app.bot_data["services"] = handlers.Services(settings=settings, engine=engine, reindex=reindex,
                                                 limiter=UserRateLimiter(settings.rate_limit_per_minute),
                                                 add_article=add_article, buttons=buttons)
    app.add_handler(TypeHandler(Update, handlers.check_access), group=-1)  # before every handler below
    app.add_handler(CommandHandler("start", handlers.cmd_start))
    app.add_handler(CommandHandler("help", handlers.cmd_help))
    app.add_handler(CommandHandler("reset", handlers.cmd_reset))
    app.add_handler(CommandHandler("sources", handlers.cmd_sources))
    app.add_handler(CommandHandler("lang", handlers.cmd_lang))
    app.add_handler(CommandHandler("reindex", handlers.cmd_reindex))
    app.add_handler(CommandHandler("stats", handlers.cmd_stats))
    app.add_handler(CommandHandler("chart", charts.cmd_chart))
    app.add_handler(CallbackQueryHandler(charts.on_chart_button, pattern=charts.PATTERN))
    app.add_handler(CallbackQueryHandler(handlers.on_example_button, pattern=handlers.EXAMPLE_BUTTON))
    app.add_handler(CallbackQueryHandler(handlers.on_sources_button, pattern=handlers.SOURCES_BUTTON))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, handlers.on_edited))
    admin_upload = (filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
                    & filters.User(user_id=settings.admin_user_ids) & filters.Document.ALL)
    articles = (filters.Document.FileExtension("md") | filters.Document.FileExtension("txt")
                | filters.Document.FileExtension("html") | filters.Document.FileExtension("htm")
                | filters.Document.FileExtension("pdf"))
    app.add_handler(MessageHandler(admin_upload & articles, handlers.on_admin_document))
    app.add_handler(MessageHandler(admin_upload, handlers.on_admin_wrong_document))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, handlers.on_text))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                   handlers.on_non_text))
    app.add_error_handler(handlers.on_error)
    return app


def run_bot(settings: Settings, engine: Engine, reindex: Callable[[], object],
            add_article: Callable[[str, bytes], object] | None = None) -> None:
    """Serve until SIGINT/SIGTERM: webhook (``WEBHOOK_URL`` set) or long polling, with the
    operations endpoints (``bot.telegram_bot.server``)."""
    from bot.telegram_bot.server import serve, webhook_target

    app = build_application(settings, engine, reindex, add_article=add_article)
    if settings.webhook_url:
        log.info("webhook: Telegram posts to %s, served on %s:%d%s", webhook_target(settings),
                 settings.webhook_listen, settings.webhook_port, "/telegram")
        if settings.webhook_secret is None:
            log.warning("WEBHOOK_SECRET is not set: anyone who finds the webhook URL can send this bot updates")
    else:
        log.info("long polling; health and metrics on %s:%d", settings.ops_listen, settings.ops_port)
    asyncio.run(serve(app, engine, settings, on_started=post_init, on_stopping=post_stop))
