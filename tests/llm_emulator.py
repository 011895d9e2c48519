"""An OpenAI-compatible chat-completions server emulated on 127.0.0.1, so the LLM mode is
tested over the wire (the real ``langchain-openai`` client, real HTTP, real JSON), never
against a hosted endpoint.

Each request is recorded; the reply is produced by a *script*: a function from the
request's messages and tools to either text or tool calls, so a test can play a model
that calls a calculator, answers from passages, invents a number, or fails with 500.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass
class Reply:
    content: str = ""
    tool_calls: list[dict] | None = None  # [{"name": ..., "arguments": {...}}]
    status: int = 200


Script = Callable[[list[dict], list[dict]], Reply]


class LlmEmulator:
    def __init__(self, script: Script):
        self.script = script
        self.requests: list[dict] = []
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        reply = self.script(body.get("messages", []), body.get("tools", []))
        if reply.status != 200:
            return web.json_response({"error": {"message": "emulated failure", "type": "server_error"}},
                                     status=reply.status)
        message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
        finish = "stop"
        if reply.tool_calls:
            finish = "tool_calls"
            message["tool_calls"] = [
                {"id": f"call_{next(self._ids)}", "type": "function",
                 "function": {"name": c["name"], "arguments": json.dumps(c["arguments"])}}
                for c in reply.tool_calls]
        return web.json_response({
            "id": f"chatcmpl-{next(self._ids)}", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "emulated"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })
