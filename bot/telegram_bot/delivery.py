"""Deliver a reply exactly once, despite Telegram's flood limits and transient faults.

python-telegram-bot does not retry by itself. We retry what provably did not reach
Telegram or was refused before processing: 429 (after ``retry_after``), 5xx, failures
to connect or to send the request, and connections dropped without a response. We do
*not* retry a read timeout: the request was sent and may have been processed, and a
blind retry would send the message twice; it is logged as "delivery uncertain".
If Telegram rejects the HTML (``can't parse entities``), the same text is sent plain.
"""

from __future__ import annotations

import logging

import httpx
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_random_exponential

from bot.metrics import DELIVERY_RETRIES
from bot.telegram_bot.formatting import split_html, visible

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_SAFE_CAUSES = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.WriteTimeout, httpx.WriteError,
                httpx.RemoteProtocolError)


def is_safe_to_retry(exc: BaseException) -> bool:
    if isinstance(exc, RetryAfter):
        return True
    if isinstance(exc, TimedOut):
        return isinstance(exc.__cause__, _SAFE_CAUSES) or "Pool timeout" in str(exc)
    if isinstance(exc, BadRequest):
        return False
    if isinstance(exc, NetworkError):
        cause = exc.__cause__
        if cause is None:  # an HTTP 5xx answer: Telegram did not process it
            return True
        return isinstance(cause, _SAFE_CAUSES)
    return False


def _wait(retry_state) -> float:
    exc = retry_state.outcome.exception()
    if isinstance(exc, RetryAfter):
        delay = exc.retry_after
        return float(delay.total_seconds() if hasattr(delay, "total_seconds") else delay) + 0.1
    return wait_random_exponential(multiplier=0.2, max=3)(retry_state)


def _count_retry(retry_state) -> None:
    exc = retry_state.outcome.exception()
    if isinstance(exc, RetryAfter):
        reason = "429"
    elif exc.__cause__ is None and not isinstance(exc, TimedOut):
        reason = "5xx"
    else:
        reason = "network"
    DELIVERY_RETRIES.labels(reason).inc()


async def call_with_retry(fn, *args, attempts: int = 6, **kwargs):
    async for attempt in AsyncRetrying(retry=retry_if_exception(is_safe_to_retry), wait=_wait, reraise=True,
                                       stop=stop_after_attempt(attempts) | stop_after_delay(60),
                                       before_sleep=_count_retry):
        with attempt:
            return await fn(*args, **kwargs)


async def send_reply(bot: Bot, chat_id: int, text_html: str, *, reply_to: int | None = None,
                     markup: InlineKeyboardMarkup | None = None) -> list[Message]:
    """Send an HTML reply, split to Telegram's limit; the markup goes on the last part."""
    parts = split_html(text_html)
    sent: list[Message] = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        kwargs = {"reply_markup": markup if last else None, "link_preview_options": NO_PREVIEW,
                  "reply_parameters": ReplyParameters(reply_to, allow_sending_without_reply=True)
                  if reply_to and n == 0 else None}
        try:
            sent.append(await call_with_retry(bot.send_message, chat_id, part, parse_mode=ParseMode.HTML, **kwargs))
        except BadRequest as exc:
            if "parse entities" not in str(exc).lower() and "can't parse" not in str(exc).lower():
                raise
            log.warning("HTML rejected, resending as plain text: %s", exc)
            sent.append(await call_with_retry(bot.send_message, chat_id, visible(part), **kwargs))
        except TimedOut as exc:
            if is_safe_to_retry(exc):
                raise
            log.warning("delivery uncertain (read timeout after sending) chat=%s", str(chat_id)[-4:])
    return sent


async def edit_text(bot: Bot, chat_id: int, message_id: int, text_html: str) -> None:
    """Edit a message (LLM streaming); "message is not modified" is success."""
    try:
        await call_with_retry(bot.edit_message_text, text_html, chat_id=chat_id, message_id=message_id,
                              parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise
