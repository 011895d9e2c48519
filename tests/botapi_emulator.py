"""A Telegram Bot API server emulated on 127.0.0.1, for end-to-end tests and the load
benchmark.

It implements the methods the bot uses with Telegram's own validation where it matters
(messages over 4,096 characters and malformed HTML entities are rejected with 400), long
polling with offsets, and fault injection: 429 with ``retry_after``, 500/502, connection
resets before processing, and slow responses after processing (a read timeout on the
client, the case where a blind retry would send a message twice).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import logging
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_USER = {"id": 999000, "is_bot": True, "first_name": "Compute Econ", "username": "compute_econ_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span",
                "tg-spoiler", "blockquote", "tg-emoji"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))*)\s*>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class EntityError(ValueError):
    pass


def parse_html(text: str) -> str:
    """Telegram's HTML parse mode, strictly: returns the visible text or raises."""
    out, stack, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG.match(text, i)
            if not m:
                raise EntityError(f"Can't parse entities: unexpected '<' at byte offset {len(text[:i].encode())}")
            closing, tag = m.group(1) == "/", m.group(2).lower()
            if tag not in ALLOWED_TAGS:
                raise EntityError(f'Can\'t parse entities: unsupported start tag "{tag}" at byte offset {i}')
            if closing:
                if not stack or stack[-1] != tag:
                    raise EntityError(f'Can\'t parse entities: can\'t find end tag corresponding to start tag "{tag}"')
                stack.pop()
            else:
                stack.append(tag)
            i = m.end()
        elif ch == "&":
            m = _ENTITY.match(text, i)
            if not m:
                raise EntityError("Can't parse entities: unescaped '&'")
            out.append(html.unescape(m.group(0)))
            i = m.end()
        else:
            out.append(ch)
            i += 1
    if stack:
        raise EntityError(f'Can\'t parse entities: can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Faults:
    rate: float = 0.0
    kinds: tuple[str, ...] = ("429", "500", "502", "reset", "slow")
    methods: tuple[str, ...] = ("sendMessage", "editMessageText")
    slow_seconds: float = 1.5
    seed: int = 1234
    injected: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def pick(self, method: str) -> str | None:
        if method not in self.methods or self.rng.random() >= self.rate:
            return None
        kind = self.rng.choice(self.kinds)
        self.injected[kind] = self.injected.get(kind, 0) + 1
        return kind


class BotApiEmulator:
    def __init__(self, token: str = "123456:TEST-token-for-the-emulator-only-xxxxxxxxx", faults: Faults | None = None):
        self.token = token
        self.faults = faults or Faults()
        self.updates: list[dict] = []
        self.sent: list[dict] = []
        self.actions: list[dict] = []
        self.calls: list[str] = []
        self.commands: dict[str, list[dict]] = {}
        self.callback_answers: list[dict] = []
        self.rejected: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._cond = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.webhook: dict | None = None
        self.files: dict[str, bytes] = {}
        self.photos: list[dict] = []

    # -- lifecycle ---------------------------------------------------------------
    async def start(self) -> None:
        # a client that hangs up mid-request (a cancelled long poll at shutdown) is normal here
        logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        async with self._cond:
            self._cond.notify_all()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # -- test side: users ----------------------------------------------------------
    def _user(self, user_id: int, lang: str) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": lang}

    def _chat(self, chat_id: int, chat_type: str) -> dict:
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = f"User{chat_id}"
        else:
            chat["title"] = f"Group {chat_id}"
        return chat

    async def push(self, update: dict) -> int:
        update_id = next(self._update_ids)
        update["update_id"] = update_id
        async with self._cond:
            self.updates.append(update)
            self._cond.notify_all()
        return update_id

    async def user_message(self, chat_id: int, text: str | None = None, *, user_id: int | None = None,
                           lang: str = "en", chat_type: str = "private", reply_to_message_id: int | None = None,
                           mention: bool = False, edited: bool = False, sticker: bool = False,
                           command: bool = False) -> int:
        user_id = user_id or chat_id
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                                   "chat": self._chat(chat_id, chat_type), "from": self._user(user_id, lang)}
        if sticker:
            message["sticker"] = {"file_id": "s1", "file_unique_id": "s1u", "type": "regular", "width": 512,
                                  "height": 512, "is_animated": False, "is_video": False}
        else:
            if mention:
                text = f"@{BOT_USER['username']} {text}"
                message["entities"] = [{"type": "mention", "offset": 0, "length": len(BOT_USER["username"]) + 1}]
            message["text"] = text
            if command or (text or "").startswith("/"):
                word = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(word)}]
        if reply_to_message_id:
            original = next(m for m in self.sent if m["message_id"] == reply_to_message_id)
            message["reply_to_message"] = {"message_id": reply_to_message_id, "date": int(time.time()),
                                           "chat": self._chat(chat_id, chat_type), "from": BOT_USER,
                                           "text": original["plain"]}
        if edited:
            message["edit_date"] = int(time.time())
            return await self.push({"edited_message": message})
        return await self.push({"message": message})

    async def user_document(self, chat_id: int, file_name: str, content: bytes, *, user_id: int | None = None,
                            mime_type: str = "text/markdown") -> int:
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = content
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self._chat(chat_id, "private"), "from": self._user(user_id or chat_id, "en"),
                   "document": {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                                "mime_type": mime_type, "file_size": len(content)}}
        return await self.push({"message": message})

    async def press_button(self, chat_id: int, message_id: int, data: str, user_id: int | None = None) -> int:
        original = next(m for m in self.sent if m["message_id"] == message_id)
        return await self.push({"callback_query": {
            "id": str(next(self._update_ids)), "from": self._user(user_id or chat_id, "en"), "chat_instance": "x",
            "data": data, "message": {"message_id": message_id, "date": int(time.time()),
                                      "chat": self._chat(chat_id, "private"), "from": BOT_USER,
                                      "text": original["plain"]}}})

    def replies(self, chat_id: int) -> list[dict]:
        return [m for m in self.sent if m["chat_id"] == chat_id]

    async def wait_for(self, predicate, timeout: float = 30.0) -> None:
        """Wait until ``predicate(self)`` holds (re-checked on every request served)."""
        async def _wait():
            async with self._cond:
                await self._cond.wait_for(lambda: predicate(self))
        await asyncio.wait_for(_wait(), timeout)

    # -- server side -----------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params = {}
        for key, value in form.items():
            if isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            params[key] = value
        return params

    def _ok(self, result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(self, code: int, description: str, **parameters) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)

    async def _notify(self) -> None:
        async with self._cond:
            self._cond.notify_all()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        self.calls.append(method)
        params = await self._params(request)
        fault = self.faults.pick(method)
        if fault == "429":
            return self._error(429, "Too Many Requests: retry after 1", retry_after=1)
        if fault in ("500", "502"):
            return self._error(int(fault), "Internal Server Error" if fault == "500" else "Bad Gateway")
        if fault == "reset":
            request.transport.close()  # connection dropped before the request was processed
            return web.Response()
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return self._error(404, "Not Found: method not found")
        response = await handler(params)
        if fault == "slow" and response.status == 200:
            await asyncio.sleep(self.faults.slow_seconds)  # processed, but the client times out
        await self._notify()
        return response

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _m_getFile(self, p):
        file_id = p["file_id"]
        if file_id not in self.files:
            return self._error(400, "Bad Request: invalid file_id")
        return self._ok({"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files[file_id]),
                         "file_path": f"documents/{file_id}"})

    async def _m_getMe(self, p):
        return self._ok(BOT_USER)

    async def _m_deleteWebhook(self, p):
        self.webhook = None
        return self._ok(True)

    async def _m_setWebhook(self, p):
        self.webhook = p
        return self._ok(True)

    async def _m_getWebhookInfo(self, p):
        return self._ok({"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                         "pending_update_count": 0})

    async def _m_setMyCommands(self, p):
        self.commands[p.get("language_code", "")] = p["commands"]
        return self._ok(True)

    async def _m_close(self, p):
        return self._ok(True)

    async def _m_getUpdates(self, p):
        offset = int(p.get("offset", 0) or 0)
        timeout = float(p.get("timeout", 0) or 0)
        async with self._cond:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]  # confirmed ones are gone
            if not self.updates and timeout:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._cond.wait_for(lambda: bool(self.updates)), timeout)
            batch = [u for u in self.updates if u["update_id"] >= offset][: int(p.get("limit", 100) or 100)]
        return self._ok(batch)

    async def _m_sendChatAction(self, p):
        self.actions.append({"chat_id": int(p["chat_id"]), "action": p["action"], "ts": time.monotonic()})
        return self._ok(True)

    async def _m_answerCallbackQuery(self, p):
        self.callback_answers.append(p)
        return self._ok(True)

    def _visible(self, p) -> str:
        text = p.get("text", "")
        if p.get("parse_mode") == "HTML":
            return parse_html(text)
        return text

    async def _m_sendMessage(self, p):
        try:
            plain = self._visible(p)
        except EntityError as exc:
            self.rejected.append({"text": p.get("text"), "reason": str(exc)})
            return self._error(400, f"Bad Request: {exc}")
        if not plain.strip():
            return self._error(400, "Bad Request: message text is empty")
        if utf16_len(plain) > 4096:
            self.rejected.append({"text": p.get("text"), "reason": "too long"})
            return self._error(400, "Bad Request: message is too long")
        chat_id = int(p["chat_id"])
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self._chat(chat_id, "private" if chat_id > 0 else "group"), "from": BOT_USER,
                   "text": plain}
        self.sent.append({"message_id": message["message_id"], "chat_id": chat_id, "text": p.get("text"),
                          "plain": plain, "parse_mode": p.get("parse_mode"), "reply_markup": p.get("reply_markup"),
                          "reply_to": (p.get("reply_parameters") or {}).get("message_id")
                          or p.get("reply_to_message_id"), "ts": time.monotonic(), "edits": 0})
        return self._ok(message)

    async def _m_sendPhoto(self, p):
        photo = p.get("photo")
        data = photo.file.read() if hasattr(photo, "file") else None
        if not data:
            return self._error(400, "Bad Request: there is no photo in the request")
        if len(p.get("caption") or "") > 1024:
            return self._error(400, "Bad Request: message caption is too long")
        chat_id = int(p["chat_id"])
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": self._chat(chat_id, "private" if chat_id > 0 else "group"), "from": BOT_USER,
                   "photo": [{"file_id": f"photo{len(self.photos) + 1}", "file_unique_id": f"p{len(self.photos) + 1}",
                              "width": 90, "height": 56}], "caption": p.get("caption")}
        self.photos.append({"message_id": message["message_id"], "chat_id": chat_id, "caption": p.get("caption"),
                            "data": data, "filename": getattr(photo, "filename", None), "ts": time.monotonic()})
        return self._ok(message)

    async def _m_editMessageText(self, p):
        target = next((m for m in self.sent if m["message_id"] == int(p["message_id"])), None)
        if target is None:
            return self._error(400, "Bad Request: message to edit not found")
        try:
            plain = self._visible(p)
        except EntityError as exc:
            return self._error(400, f"Bad Request: {exc}")
        if plain == target["plain"]:
            return self._error(400, "Bad Request: message is not modified")
        target.update(text=p.get("text"), plain=plain, edits=target["edits"] + 1)
        return self._ok({"message_id": target["message_id"], "date": int(time.time()),
                         "chat": self._chat(target["chat_id"], "private"), "from": BOT_USER, "text": plain})
