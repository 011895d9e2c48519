"""Who may use the bot and how often: admins, allow-lists, and a per-user rate limit."""

from __future__ import annotations

import time
from collections import defaultdict, deque

from bot.config import Settings


def is_admin(settings: Settings, user_id: int | None) -> bool:
    return user_id is not None and user_id in settings.admin_user_ids


def is_allowed(settings: Settings, user_id: int | None, chat_id: int | None) -> bool:
    """Empty allow-lists admit everyone; ALLOWED_CHAT_IDS admits whole groups."""
    if not settings.allowed_user_ids and not settings.allowed_chat_ids:
        return True
    if user_id is not None and (user_id in settings.allowed_user_ids or user_id in settings.admin_user_ids):
        return True
    return chat_id is not None and chat_id in settings.allowed_chat_ids


class UserRateLimiter:
    """Sliding window: at most ``per_minute`` messages per user in any 60 seconds.
    ``check`` returns (allowed, warn): warn is True only for the first refusal of a burst,
    so a flooding user gets one polite message, not one per message."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._events: dict[int, deque] = defaultdict(deque)
        self._warned: dict[int, float] = {}

    def check(self, user_id: int) -> tuple[bool, bool]:
        now = self.clock()
        events = self._events[user_id]
        while events and now - events[0] > 60:
            events.popleft()
        if len(events) < self.per_minute:
            events.append(now)
            self._warned.pop(user_id, None)
            return True, False
        warn = user_id not in self._warned
        self._warned[user_id] = now
        return False, warn
