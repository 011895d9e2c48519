"""Fast unit tests of the Telegram layer's pure parts (no network)."""

import datetime
import html

import httpx
import pytest
from telegram import Chat, Message, MessageEntity, Update, User
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.config import Settings
from bot.engine.answer import Answer, Source
from bot.telegram_bot.access import UserRateLimiter, is_admin, is_allowed
from bot.telegram_bot.delivery import call_with_retry, is_safe_to_retry
from bot.telegram_bot.formatting import split_html, visible, visible_len
from tests.botapi_emulator import EntityError, parse_html


def _err(cls, cause, msg="x"):
    try:
        raise cls(msg) from cause
    except cls as exc:
        return exc


@pytest.mark.parametrize(("exc", "safe"), [
    (RetryAfter(1), True),
    (NetworkError("Internal Server Error"), True),
    (_err(NetworkError, httpx.ConnectError("refused")), True),
    (_err(NetworkError, httpx.RemoteProtocolError("Server disconnected without sending a response.")), True),
    (_err(TimedOut, httpx.ConnectTimeout("connect")), True),
    (_err(TimedOut, httpx.ReadTimeout("read")), False),  # may have been processed: never resend blindly
    (BadRequest("Can't parse entities"), False),
])
def test_retry_policy(exc, safe):
    assert is_safe_to_retry(exc) is safe


async def test_call_with_retry_retries_then_succeeds():
    calls = []

    async def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise NetworkError("Bad Gateway")
        return "ok"

    assert await call_with_retry(flaky) == "ok"
    assert len(calls) == 3


async def test_call_with_retry_does_not_resend_after_read_timeout():
    calls = []

    async def slow():
        calls.append(1)
        raise _err(TimedOut, httpx.ReadTimeout("read"))

    with pytest.raises(TimedOut):
        await call_with_retry(slow)
    assert len(calls) == 1


def test_split_keeps_paragraphs_tags_and_numbers_whole():
    blocks = [f"<b>Title {i}</b>\nH100 costs $1,234,567.89 &amp; more " + "word " * 300 for i in range(8)]
    parts = split_html("\n\n".join(blocks))
    assert len(parts) > 1
    assert all(visible_len(p) <= 4096 for p in parts)
    for p in parts:
        parse_html(p)  # every part is valid Telegram HTML
    assert "".join(parts).count("$1,234,567.89") == 8


def test_split_huge_single_line_falls_back_to_words():
    parts = split_html(html.escape("x <y> & " * 2000))
    assert all(visible_len(p) <= 4096 for p in parts)
    assert sum(visible(p).count("<y>") for p in parts) == 2000


def test_answer_html_escapes_everything():
    src = Source(1, "a", 'Title <with> & "quotes"', "https://e.x/?a=1&b=2", "en", 2, "t", 0.1)
    answer = Answer(["1 < 2 & 3 > 2 <script>"], "en", "knowledge", sources=[src])
    parse_html(answer.html)
    assert "&lt;script&gt;" in answer.html
    assert 'href="https://e.x/?a=1&amp;b=2"' in answer.html


def test_emulator_rejects_bad_html():
    for bad in ("<b>open", "a < b", "x & y", "<script>1</script>"):
        with pytest.raises(EntityError):
            parse_html(bad)


def test_access_rules():
    s = Settings(_env_file=None, admin_user_ids="1", allowed_user_ids="2,3", allowed_chat_ids="-100")
    assert is_admin(s, 1)
    assert not is_admin(s, 2)
    assert is_allowed(s, 2, 2)
    assert is_allowed(s, 1, 1)
    assert is_allowed(s, 9, -100)
    assert not is_allowed(s, 9, 9)
    assert is_allowed(Settings(_env_file=None), 9, 9)


def test_rate_limiter_warns_once_per_burst():
    now = [0.0]
    rl = UserRateLimiter(3, clock=lambda: now[0])
    assert [rl.check(1) for _ in range(3)] == [(True, False)] * 3
    assert rl.check(1) == (False, True)
    assert rl.check(1) == (False, False)
    assert rl.check(2) == (True, False)
    now[0] = 61
    assert rl.check(1) == (True, False)


def _group_update(text: str, mention: str) -> Update:
    """A group message whose entity offset counts UTF-16 code units, as Telegram sends it."""
    offset = len(text[:text.index(mention)].encode("utf-16-le")) // 2
    entity = MessageEntity(MessageEntity.MENTION, offset, len(mention.encode("utf-16-le")) // 2)
    chat = Chat(-100, Chat.SUPERGROUP)
    message = Message(1, datetime.datetime.now(datetime.UTC), chat, text=text, entities=(entity,),
                      from_user=User(7, "A", False))
    return Update(1, message=message)


@pytest.mark.parametrize("text", ["@ComputeBot rent 8 H100 for 10 hours at $2/hour",
                                  "🚀🚀 @ComputeBot rent 8 H100 for 10 hours at $2/hour",
                                  "مرحبا 👋 @ComputeBot كم تكلفة الاستئجار؟"])
def test_group_mention_is_found_after_emoji(text):
    from bot.telegram_bot.handlers import _addressed_text

    question = _addressed_text(_group_update(text, "@ComputeBot"), "ComputeBot")
    assert question is not None
    assert "@ComputeBot" not in question


def test_group_message_for_another_bot_is_ignored():
    from bot.telegram_bot.handlers import _addressed_text

    assert _addressed_text(_group_update("👋 @OtherBot rent 8 H100", "@OtherBot"), "ComputeBot") is None


def test_webhook_without_a_secret_warns_at_start(monkeypatch, caplog, tmp_path):
    from bot.config import Settings
    from bot.telegram_bot import app as app_module
    from bot.telegram_bot import server

    async def not_serving(*args, **kwargs):
        return None

    monkeypatch.setattr(server, "serve", not_serving)
    settings = Settings(_env_file=None, telegram_bot_token="123456:TEST-token-for-the-emulator-only-xxxxxxxxx",
                        webhook_url="https://bot.example/", data_dir=tmp_path)
    with caplog.at_level("WARNING"):
        app_module.run_bot(settings, engine=None, reindex=lambda: None)
    assert any("WEBHOOK_SECRET is not set" in r.getMessage() for r in caplog.records)
