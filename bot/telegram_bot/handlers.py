"""Telegram update handlers: turn updates into engine calls and replies.

Data flows one way: update → handler → engine → reply. Handlers hold no business logic:
``check_access`` runs before all of them (handler group −1), the engine keeps a chat's
state consistent, and the handlers show "typing…" and deliver.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType, MessageEntityType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.config import Settings
from bot.engine.engine import Engine
from bot.metrics import ANSWERS, LATENCY
from bot.telegram_bot import charts, texts
from bot.telegram_bot.access import UserRateLimiter, is_admin, is_allowed
from bot.telegram_bot.button_memory import ButtonMemory
from bot.telegram_bot.delivery import call_with_retry, send_reply

log = logging.getLogger(__name__)
TYPING_EVERY_S = 4.5


@dataclass
class Services:
    settings: Settings
    engine: Engine
    reindex: object  # callable() -> ReindexReport, run in a thread
    limiter: UserRateLimiter
    add_article: object  # callable(name, data) -> Path, run in a thread
    buttons: ButtonMemory  # what the Sources and Chart buttons need, shared by replicas with Redis
    reply_order: dict = field(default_factory=lambda: defaultdict(asyncio.Lock))  # a chat's replies in order
    reindex_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    forgetting: asyncio.Task | None = None  # the schedule that deletes idle chats


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def chat_tag(chat_id: int) -> str:
    """A short hash of the chat id for logs: enough to correlate, not to identify."""
    return hashlib.sha256(str(chat_id).encode()).hexdigest()[:10]


def user_lang(update: Update) -> str:
    code = (update.effective_user.language_code or "") if update.effective_user else ""
    return "ar" if code.startswith("ar") else "en"


@contextlib.asynccontextmanager
async def typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int):
    """Show "typing…" until the body finishes; Telegram clears it after 5 s, so re-send."""
    async def keep():
        while True:
            with contextlib.suppress(Exception):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_EVERY_S)

    task = asyncio.create_task(keep())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def check_access(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Allow-list and rate limit before any handler runs (a TypeHandler in group −1): a refused
    update stops here, with one reply when refusing."""
    svc = services(context)
    user = update.effective_user
    chat = update.effective_chat
    if not is_allowed(svc.settings, user.id if user else None, chat.id if chat else None):
        if chat and chat.type == ChatType.PRIVATE:
            await send_reply(context.bot, chat.id, html.escape(texts.NOT_ALLOWED))
        raise ApplicationHandlerStop
    if user and not is_admin(svc.settings, user.id):
        allowed, warn = svc.limiter.check(user.id)
        if not allowed:
            if warn and chat:
                await send_reply(context.bot, chat.id, html.escape(texts.RATE_LIMITED))
            raise ApplicationHandlerStop


def _addressed_text(update: Update, bot_username: str) -> str | None:
    """The question in a message, or None when a group message is not for us."""
    message = update.effective_message
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = f"@{bot_username}".lower()
    # parse_entities slices by UTF-16 code units, as Telegram counts offsets (an emoji is two)
    mentioned = any(m.lower() == mention for m in message.parse_entities([MessageEntityType.MENTION]).values())
    replied = bool(message.reply_to_message and message.reply_to_message.from_user
                   and message.reply_to_message.from_user.username == bot_username)
    if not (mentioned or replied):
        return None
    return text.replace(f"@{bot_username}", "").strip() or text


def sources_button(chat_id: int, message_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts.SOURCES_BUTTON, callback_data=f"src:{message_id}")]])


async def answer_and_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    svc = services(context)
    chat_id = update.effective_chat.id
    started = time.perf_counter()
    async with svc.reply_order[chat_id]:  # the engine keeps state consistent; this keeps replies in order
        async with typing(context, chat_id):
            answer = await svc.engine.answer(chat_id, text, user_lang(update))
        message_id = update.effective_message.message_id
        markup = None
        if answer.sources:  # remembered before the reply goes out: a fast press finds it
            sources = [[s.n, s.title, s.text] for s in answer.sources]
            await asyncio.to_thread(svc.buttons.put, "src", chat_id, message_id, {"sources": sources})
            markup = sources_button(chat_id, message_id)
        markup = await charts.add_button(context, chat_id, message_id, answer, markup)
        reply_to = message_id if update.effective_chat.type != ChatType.PRIVATE else None
        await send_reply(context.bot, chat_id, answer.html, reply_to=reply_to, markup=markup)
    elapsed = time.perf_counter() - started
    ANSWERS.labels(answer.route).inc()
    LATENCY.observe(elapsed)
    log.info("update handled", extra={"chat": chat_tag(chat_id), "route": answer.route, "lang": answer.lang,
                                      "latency_ms": round(elapsed * 1000, 1), "update_id": update.update_id})


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = _addressed_text(update, context.bot.username)
    if text is None:
        return
    await answer_and_reply(update, context, text)


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat.type == ChatType.PRIVATE:
        await send_reply(context.bot, chat.id, html.escape(texts.EDITED))


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat.type == ChatType.PRIVATE:
        await send_reply(context.bot, chat.id, html.escape(texts.TEXT_ONLY))


async def on_admin_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin's .md/.txt/.html/.pdf document (filtered in ``app``) becomes a knowledge article, then the
    index is updated; any other document from an admin is refused with the types allowed."""
    from bot.telegram_bot.uploads import UploadRejected, check_content, check_size, safe_name

    svc = services(context)
    document = update.effective_message.document
    try:
        name = safe_name(document.file_name)
        check_size(document.file_size, name)
        telegram_file = await call_with_retry(context.bot.get_file, document.file_id)
        data = bytes(await telegram_file.download_as_bytearray())
        check_content(name, data)
        path = await asyncio.to_thread(svc.add_article, name, data)
    except UploadRejected as exc:
        await send_reply(context.bot, update.effective_chat.id, html.escape(exc.text))
        return
    log.info("admin upload saved: %s (%d bytes)", path.name, len(data))
    await start_reindex(update, context)


async def on_admin_wrong_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot.telegram_bot.uploads import wrong_type

    await send_reply(context.bot, update.effective_chat.id, html.escape(wrong_type().text))


async def cmd_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    buttons = [[InlineKeyboardButton(q[:60], callback_data=f"ex:{i}")] for i, q in enumerate(texts.EXAMPLES)]
    body = html.escape(texts.WELCOME) + "\n" + "\n".join(f"• {html.escape(q)}" for q in texts.EXAMPLES)
    await send_reply(context.bot, update.effective_chat.id, body, markup=InlineKeyboardMarkup(buttons))


async def _fixed_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str) -> None:
    """/help and /sources: in the user's Telegram language, without touching the history."""
    engine = services(context).engine
    lang = user_lang(update)
    answer = await engine.sources_answer(lang) if kind == "sources" else engine.help_answer(lang)
    await send_reply(context.bot, update.effective_chat.id, answer.html)


async def cmd_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _fixed_reply(update, context, "help")


async def cmd_reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await services(context).engine.reset(update.effective_chat.id)
    from bot.engine import messages

    await send_reply(context.bot, update.effective_chat.id, html.escape(messages.text("reset", user_lang(update))))


async def cmd_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _fixed_reply(update, context, "sources")


async def cmd_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    choice = (context.args[0].lower() if context.args else "")
    if choice not in ("ar", "en", "auto"):
        await send_reply(context.bot, update.effective_chat.id, html.escape(texts.LANG_USAGE))
        return
    await services(context).engine.set_language(update.effective_chat.id, None if choice == "auto" else choice)
    await send_reply(context.bot, update.effective_chat.id, html.escape(texts.LANG_SET[choice]))


async def require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True for admins; everyone else gets a clear refusal."""
    user = update.effective_user
    if is_admin(services(context).settings, user.id if user else None):
        return True
    await send_reply(context.bot, update.effective_chat.id, html.escape(texts.ADMIN_ONLY))
    return False


async def cmd_reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await require_admin(update, context):
        await start_reindex(update, context)


async def start_reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run the incremental re-index in the background and reply with its report."""
    svc = services(context)
    chat_id = update.effective_chat.id
    lang = user_lang(update)
    if svc.reindex_lock.locked():
        await send_reply(context.bot, chat_id, html.escape(texts.REINDEX_BUSY[lang]))
        return
    await send_reply(context.bot, chat_id, html.escape(texts.REINDEX_STARTED[lang]))

    async def work():
        from bot.kb.indexer import ReindexBusy

        async with svc.reindex_lock:
            try:
                report = await asyncio.to_thread(svc.reindex)
                body = html.escape(report.render(lang))
            except ReindexBusy:
                body = html.escape(texts.REINDEX_BUSY[lang])
            except Exception:
                log.exception("re-index failed")
                body = html.escape(texts.ERROR)
        await send_reply(context.bot, chat_id, f"<pre>{body}</pre>")

    context.application.create_task(work(), update=update)  # answering goes on while the index is rebuilt


async def cmd_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await require_admin(update, context):
        return
    chat_id = update.effective_chat.id
    status = await services(context).engine.status()
    body = (f"index chunks: {status['index_chunks']}\nchats: {status['chats']}\nanswers served: {status['answers']}\n"
            f"median latency: {status['median_ms']:.0f} ms")
    await send_reply(context.bot, chat_id, f"<pre>{html.escape(body)}</pre>")


EXAMPLE_BUTTON = r"^ex:(\d+)$"
SOURCES_BUTTON = r"^src:(\d+)$"


async def on_example_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /start button: ask its example question."""
    query = update.callback_query
    await call_with_retry(query.answer)
    n = int(context.matches[0].group(1))
    if query.message is not None and n < len(texts.EXAMPLES):
        await answer_and_reply(update, context, texts.EXAMPLES[n])


async def on_sources_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Sources button under an answer: the cited passages in full."""
    query = update.callback_query
    await call_with_retry(query.answer)
    if query.message is None:
        return
    chat_id = query.message.chat.id
    kept = await asyncio.to_thread(services(context).buttons.get, "src", chat_id, int(context.matches[0].group(1)))
    if kept is None:
        await send_reply(context.bot, chat_id, html.escape(texts.SOURCES_EXPIRED[user_lang(update)]))
        return
    lines = [f"<b>[{n}] {html.escape(title)}</b>\n{html.escape(text)}" for n, title, text in kept["sources"]]
    await send_reply(context.bot, chat_id, "\n\n".join(lines))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with context; tell the user something short. Never re-raise: one bad update
    must not stop the bot."""
    chat = getattr(update, "effective_chat", None)
    log.error("error while handling update %s", getattr(update, "update_id", "?"), exc_info=context.error,
              extra={"chat": chat_tag(chat.id) if chat else None})
    if chat is not None:
        with contextlib.suppress(Exception):
            await send_reply(context.bot, chat.id, html.escape(texts.ERROR))
