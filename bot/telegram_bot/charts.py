"""The 📈 Chart button under a chartable calculation and the /chart command.

The chart is drawn in a worker thread (matplotlib blocks) and sent with ``sendPhoto``
under the same rules as text replies: retried only when Telegram provably did not take
it (429, 5xx, no connection), never after a read timeout, so a user gets one photo.
A second press while that chart is still on its way is ignored.
"""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import asdict, dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.error import TimedOut
from telegram.ext import ContextTypes

from bot.charts import NotChartable, is_chartable, render_chart
from bot.engine.answer import Answer
from bot.telegram_bot.delivery import call_with_retry, is_safe_to_retry, send_reply

log = logging.getLogger(__name__)
BUTTON = {"en": "📈 Chart", "ar": "📈 رسم بياني"}
NO_CHART = {"en": "There is no calculation with a chart in this chat yet: ask for a buy-vs-rent, price decline, "
                  "TCO, rental, training or cooling calculation first.",
            "ar": "لا توجد بعد في هذه المحادثة عملية حسابية لها رسم بياني: اطلب أولًا حساب الشراء مقابل الاستئجار "
                  "أو انخفاض السعر أو التكلفة الإجمالية أو الاستئجار أو التدريب أو التبريد."}
EXPIRED = {"en": "That chart is no longer available; /chart draws your last calculation.",
           "ar": "لم يعد هذا الرسم متاحًا؛ الأمر ‎/chart يرسم آخر عملية حسابية."}
PATTERN = r"^chart:\d+$"


@dataclass(frozen=True)
class ChartRequest:
    tool: str
    params: dict
    lang: str


def _in_flight(context: ContextTypes.DEFAULT_TYPE) -> set:
    return context.application.bot_data.setdefault("charts_in_flight", set())


def request_of(answer: Answer) -> ChartRequest | None:
    """The reply's calculation, when it has a chart."""
    if not answer.tool_calls or answer.route not in ("calculation", "both"):
        return None
    call = answer.tool_calls[-1]
    return ChartRequest(call.name, dict(call.inputs), answer.lang) if is_chartable(call.name, call.inputs) else None


async def add_button(context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int, answer: Answer,
                     markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """Remember the reply's calculation (in the button memory every replica reads) and put a
    Chart button under it (beside any others)."""
    from bot.telegram_bot.handlers import services

    request = request_of(answer)
    if request is None:
        return markup
    await asyncio.to_thread(services(context).buttons.put, "chart", chat_id, message_id, asdict(request))
    button = InlineKeyboardButton(BUTTON[request.lang], callback_data=f"chart:{message_id}")
    rows = [list(row) for row in markup.inline_keyboard] if markup else []
    return InlineKeyboardMarkup([*rows, [button]])


async def send_photo(context: ContextTypes.DEFAULT_TYPE, chat_id: int, png: bytes, caption: str) -> None:
    try:
        await call_with_retry(context.bot.send_photo, chat_id, png, caption=caption[:1024], filename="chart.png")
    except TimedOut as exc:
        if is_safe_to_retry(exc):
            raise
        log.warning("delivery uncertain (read timeout after sending a chart) chat=%s", str(chat_id)[-4:])


async def send_chart(context: ContextTypes.DEFAULT_TYPE, chat_id: int, request: ChartRequest, key: tuple) -> None:
    """Draw off the event loop and send once; a repeated request for the same key meanwhile is dropped."""
    in_flight = _in_flight(context)
    if key in in_flight:
        return
    in_flight.add(key)
    try:
        await call_with_retry(context.bot.send_chat_action, chat_id, ChatAction.UPLOAD_PHOTO)
        try:
            image = await asyncio.to_thread(render_chart, request.tool, request.params, request.lang)
        except NotChartable:
            await send_reply(context.bot, chat_id, html.escape(NO_CHART[request.lang]))
            return
        await send_photo(context, chat_id, image.png, image.caption)
    finally:
        in_flight.discard(key)


async def on_chart_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot.telegram_bot.handlers import user_lang

    # access and rate limit were checked by the TypeHandler in group −1 before this runs
    query = update.callback_query
    await call_with_retry(query.answer)
    chat_id = query.message.chat.id if query.message else None
    if chat_id is None:
        return
    from bot.telegram_bot.handlers import services

    message_id = int(query.data.split(":", 1)[1])
    kept = await asyncio.to_thread(services(context).buttons.get, "chart", chat_id, message_id)
    request = ChartRequest(**kept) if kept else None
    if request is None:  # older than the memory keeps (or, without Redis, from before a restart)
        await send_reply(context.bot, chat_id, html.escape(EXPIRED[user_lang(update)]))
        return
    await send_chart(context, chat_id, request, ("button", chat_id, message_id))


async def cmd_chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    from bot.telegram_bot.handlers import services, user_lang

    chat_id = update.effective_chat.id
    last = await asyncio.to_thread(services(context).engine.last_calculation, chat_id)
    if last is None or not is_chartable(last.tool, last.params):
        lang = last.lang if last else user_lang(update)
        await send_reply(context.bot, chat_id, html.escape(NO_CHART[lang]))
        return
    await send_chart(context, chat_id, ChartRequest(last.tool, last.params, last.lang), ("command", chat_id))
