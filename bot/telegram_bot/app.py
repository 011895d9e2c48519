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
                      read_timeout: float = 10.0, rate_limiter: bool = True) -> Application:
    """``reindex`` runs the incremental re-index (in a worker thread) and returns its report."""
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
    app.bot_data["services"] = handlers.Services(settings=settings, engine=engine, reindex=reindex,
                                                 limiter=UserRateLimiter(settings.rate_limit_per_minute))
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


def run_bot(settings: Settings, engine: Engine, reindex: Callable[[], object]) -> None:
    app = build_application(settings, engine, reindex)
    if settings.webhook_url:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        log.info("starting webhook on %s:%d", settings.webhook_listen, settings.webhook_port)
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port, url_path="telegram",
                        secret_token=secret, webhook_url=settings.webhook_url.rstrip("/") + "/telegram",
                        allowed_updates=Update.ALL_TYPES)
    else:
        log.info("starting long polling")
        app.run_polling(allowed_updates=Update.ALL_TYPES)
