"""Structured, one-line-per-event logging that never carries the bot token."""

from __future__ import annotations

import json
import logging
import re
import time

_TOKEN = re.compile(r"\d{6,12}:[A-Za-z0-9_-]{30,}")


class RedactingJsonFormatter(logging.Formatter):
    def __init__(self, secrets: tuple[str, ...] = ()):
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        return _TOKEN.sub("[REDACTED]", text)

    def format(self, record: logging.LogRecord) -> str:
        data = {"ts": round(time.time(), 3), "level": record.levelname, "logger": record.name,
                "msg": record.getMessage()}
        for key in ("chat", "route", "latency_ms", "update_id", "lang", "config", "mode", "http"):
            if hasattr(record, key):
                data[key] = getattr(record, key)
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(data, ensure_ascii=False))


def configure(level: str, secrets: tuple[str, ...] = ()) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingJsonFormatter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "chromadb", "sentence_transformers", "bm25s", "urllib3", "filelock"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))
