"""Fit Telegram-HTML replies into messages: split at 4,096 visible characters on
paragraph (then line, then word) boundaries, never inside a tag or a number."""

from __future__ import annotations

import html
import re

LIMIT = 4096
_TAG = re.compile(r"<[^>]+>")


def visible(text_html: str) -> str:
    return html.unescape(_TAG.sub("", text_html))


def visible_len(text_html: str) -> int:
    return len(visible(text_html).encode("utf-16-le")) // 2


def _balanced(fragment: str) -> bool:
    opens = re.findall(r"<([a-z]+)[ >]", fragment)
    closes = re.findall(r"</([a-z]+)>", fragment)
    return sorted(opens) == sorted(closes)


def _split_words(block: str, limit: int) -> list[str]:
    """Last resort for one huge line: drop its markup and cut at spaces."""
    plain = visible(block)
    pieces, current = [], ""
    for word in re.split(r"(\s+)", plain):
        if len(current) + len(word) > limit and current.strip():
            pieces.append(html.escape(current.strip(), quote=False))
            current = ""
        while len(word) > limit:  # a single "word" longer than a message
            pieces.append(html.escape(word[:limit], quote=False))
            word = word[limit:]
        current += word
    if current.strip():
        pieces.append(html.escape(current.strip(), quote=False))
    return pieces


def split_html(text_html: str, limit: int = LIMIT) -> list[str]:
    if visible_len(text_html) <= limit:
        return [text_html]
    units: list[str] = []
    for block in text_html.split("\n\n"):
        if visible_len(block) <= limit:
            units.append(block)
            continue
        for line in block.split("\n"):
            if visible_len(line) <= limit and _balanced(line):
                units.append(line)
            else:
                units.extend(_split_words(line, limit))
    messages, current = [], ""
    for unit in units:
        candidate = f"{current}\n\n{unit}" if current else unit
        if current and visible_len(candidate) > limit:
            messages.append(current)
            current = unit
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages
