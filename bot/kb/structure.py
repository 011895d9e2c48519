"""Turn a knowledge file's body into readable *blocks* that keep the document's structure.

A block is one paragraph, list item or table row with the heading path it sits under.
Markdown is parsed with markdown-it-py (CommonMark plus GFM tables), not with regexes:
headings become the section path, a table row becomes a sentence that keeps its header
("B200 — Memory (GB): 192; Peak Bandwidth (TBps): 8"), and code blocks, images and HTML
fragments are dropped, so they can never reach a prose answer. HTML goes through
trafilatura's main-content extractor (navigation, footers and comments left out) and then
the same markdown path; PDF text comes from pypdf.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

Kind = Literal["prose", "item", "row"]


@dataclass(frozen=True)
class Block:
    section: tuple[str, ...]  # heading path, outermost first
    kind: Kind
    text: str


_MD = MarkdownIt("commonmark").enable("table")
_WORDY = re.compile(r"[0-9A-Za-z\u0600-\u06ff]")
_SPACES = re.compile(r"\s+")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)


def _inline_text(token: Token) -> str:
    """Readable text of an inline token: link text without the URL, code without backticks,
    no images, no emphasis markers, no inline HTML (a <br> becomes a space)."""
    parts: list[str] = []
    for child in token.children or []:  # an image's alt text sits in its own children: dropped
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or child.type == "html_inline" and _BREAK_TAG.fullmatch(child.content.strip()):
            parts.append(" ")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _row_sentence(header: list[str], cells: list[str]) -> str:
    """One table row as a sentence that carries its header."""
    if not any(cells):
        return ""
    label, rest = cells[0], list(zip(header[1:], cells[1:], strict=False))
    pairs = [f"{h}: {c}" if h else c for h, c in rest if c]
    if not label:
        return "; ".join(pairs)
    if header and header[0] and not pairs:
        return f"{header[0]}: {label}"
    return f"{label} — {'; '.join(pairs)}" if pairs else label


def markdown_blocks(text: str) -> list[Block]:
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []  # (heading level, title)
    list_depth = 0
    heading_level = 0
    in_table = in_head = False
    header: list[str] = []
    row: list[str] = []

    def section() -> tuple[str, ...]:
        return tuple(title for _, title in path)

    for tok in tokens:
        kind = tok.type
        if kind == "heading_open":
            heading_level = int(tok.tag[1])
        elif kind == "inline" and heading_level:
            title = _inline_text(tok)
            path = [(lvl, t) for lvl, t in path if lvl < heading_level]
            if title:
                path.append((heading_level, title))
            heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "table_open":
            in_table, header = True, []
        elif kind == "table_close":
            in_table = False
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if in_head:
                header = row
            else:
                sentence = _row_sentence(header, row)
                if _WORDY.search(sentence):
                    blocks.append(Block(section(), "row", sentence))
        elif kind == "inline" and in_table:
            row.append(_inline_text(tok))
        elif kind == "inline":
            sentence = _inline_text(tok)
            if _WORDY.search(sentence):
                blocks.append(Block(section(), "item" if list_depth else "prose", sentence))
        # fence, code_block, html_block, hr: nothing readable for an answer
    return blocks


def plain_blocks(text: str) -> list[Block]:
    """Plain text: every non-empty line is a paragraph (how our .txt articles are written)."""
    return [Block((), "prose", _SPACES.sub(" ", line).strip())
            for line in text.splitlines() if _WORDY.search(line)]


def html_to_markdown(html: str) -> tuple[str, str]:
    """(title, main content as markdown) through trafilatura; empty content when it finds none."""
    import trafilatura

    content = trafilatura.extract(html, output_format="markdown", include_tables=True, include_comments=False,
                                  include_images=False, include_links=False, favor_precision=True) or ""
    if not content.strip():
        return "", ""
    metadata = trafilatura.extract_metadata(html)  # the title only: no second content extraction
    return ((metadata.title if metadata else None) or "").strip(), content


def pdf_to_text(raw: bytes) -> tuple[str, str]:
    """(title from the PDF's metadata, text with one paragraph per blank-line-separated run)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw))
    title = ""
    if reader.metadata is not None and reader.metadata.title:
        title = str(reader.metadata.title).strip()
    paragraphs: list[str] = []
    for page in reader.pages:
        page_text = (page.extract_text() or "").replace("\r", "")
        for para in re.split(r"\n\s*\n", page_text):
            joined = re.sub(r"-\n(?=[a-z])", "", para)  # words hyphenated across lines
            joined = _SPACES.sub(" ", joined).strip()
            if joined:
                paragraphs.append(joined)
    return title, "\n\n".join(paragraphs)
