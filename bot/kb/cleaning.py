"""Strip the page furniture that scraped article pages carry after (or around) the body:
disclaimers, like and share counters, reader comments with their timestamps, and a
repeated headline + body. Works on the text, not on one known page."""

from __future__ import annotations

import re

from bot.kb.arabic import normalize

# A line that starts the trailing furniture: everything from it on is dropped.
_CUT_MARKERS = re.compile(
    r"(إخلاء المسؤولية|لا ينبغي اعتباره|ليس(?:ت)? نصيحة مالية|قد تحتوي هذه الصفحة على محتوى من جهات خارجية"
    r"|disclaimer|not (?:be )?(?:considered|construed as) (?:financial|investment) advice"
    r"|this page may contain third[- ]party content)",
    re.I,
)
# Single lines of engagement chrome, wherever they appear.
_CHROME = re.compile(
    r"^\s*(?:\d+|\d+/\d+|أعجبني|مشاركة|تعليق|رد\d*|like[sd]?\s*\d*|share[sd]?\s*\d*|reply|comment[s]?\s*\d*|"
    r"تسجيلات الإعجاب\s*\d*|شاهد النسخة الأصلية.*|·\s*\d{2}-\d{2}\s+\d{2}:\d{2}|\d+\s*(?:likes?|comments?))\s*$",
    re.I,
)


_MARKUP = ("|", "```", "~~~", "<")  # table rows, code fences, HTML lines


def strip_page_furniture(text: str) -> str:
    lines = text.split("\n")
    body_chars = 0
    kept: list[str] = []
    for line in lines:
        # Only cut once a real body exists: a disclaimer at the very top is not a page end.
        if body_chars > 100 and _CUT_MARKERS.search(line):
            break
        if _CHROME.match(line):
            continue
        kept.append(line)
        body_chars += len(line.strip())
    # Drop paragraphs repeated verbatim (pages that print the article twice), but not markup
    # that repeats by nature: a second table with the same columns repeats the header and
    # delimiter rows, and without them its rows are no longer a table.
    seen: set[str] = set()
    out: list[str] = []
    for line in kept:
        key = normalize(line.strip())
        if key and len(key) > 40 and not line.lstrip().startswith(_MARKUP):
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
