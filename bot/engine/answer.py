"""The engine's reply: text in plain and Telegram-HTML form, plus everything a caller
may want to show or log (sources, tool calls, route, timings)."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field

from bot.engine import messages


@dataclass(frozen=True)
class Source:
    n: int
    article_id: str
    title: str
    url: str
    lang: str
    paragraph: int
    text: str
    score: float
    section: str = ""  # heading path inside the article, shown after its title


    @property
    def label(self) -> str:
        return f"{self.title} › {self.section}" if self.section else self.title


@dataclass(frozen=True)
class ToolCall:
    name: str
    inputs: dict
    outputs: dict


@dataclass
class Answer:
    body: list[str]  # paragraphs of plain text; the first may be a heading
    lang: str
    route: str
    sources: list[Source] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    heading: bool = False  # first body paragraph's first line is a title

    def _sources_plain(self) -> list[str]:
        if not self.sources:
            return []
        lines = [messages.text("sources_header", self.lang)]
        para = messages.text("paragraph", self.lang)
        for s in self.sources:
            link = f" — {s.url}" if s.url else ""
            lines.append(f"[{s.n}] {s.label} ({para} {s.paragraph}){link}")
        return ["\n".join(lines)]

    @property
    def text(self) -> str:
        return "\n\n".join([*self.body, *self._sources_plain()])

    @property
    def html(self) -> str:
        parts = []
        for i, block in enumerate(self.body):
            escaped = html.escape(block, quote=False)
            if i == 0 and self.heading:
                first, _, rest = escaped.partition("\n")
                escaped = f"<b>{first}</b>" + (f"\n{rest}" if rest else "")
            parts.append(escaped)
        if self.sources:
            para = messages.text("paragraph", self.lang)
            lines = [f"<b>{html.escape(messages.text('sources_header', self.lang))}</b>"]
            for s in self.sources:
                title = html.escape(s.label, quote=False)
                if s.url:
                    title = f'<a href="{html.escape(s.url, quote=True)}">{title}</a>'
                lines.append(f"[{s.n}] {title} ({para} {s.paragraph})")
            parts.append("\n".join(lines))
        return "\n\n".join(parts)

    def to_json(self) -> str:
        data = asdict(self)
        data["text"] = self.text
        data["html"] = self.html
        return json.dumps(data, ensure_ascii=False, indent=2)
