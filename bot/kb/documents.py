"""Load knowledge files into articles: front matter, body, and the file's content hash.

Supported: ``.md`` (structure kept: headings, tables; code and images dropped), ``.txt``,
``.html``/``.htm`` (main content only) and ``.pdf`` (text layer). Anything else —
unknown type, binary, empty, undecodable, too large, a symlink leaving the knowledge
folder — is skipped with a reason naming the file, never a crash.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from bot.kb.arabic import arabic_share
from bot.kb.cleaning import strip_page_furniture
from bot.kb.structure import Block, html_to_markdown, markdown_blocks, pdf_to_text, plain_blocks

log = logging.getLogger(__name__)

SUPPORTED = {".md", ".txt", ".html", ".htm", ".pdf"}
MAX_FILE_BYTES = 2_000_000
MAX_PDF_BYTES = 20_000_000


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    lang: str
    source: str
    url: str
    date: str
    body: str
    path: str  # relative to the knowledge folder: the record's key
    content_hash: str
    blocks: tuple[Block, ...] = ()  # the body's paragraphs, list items and table rows with their headings


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_COMMENT = re.compile(r"(?:^|\s)#.*$")  # as in YAML: a # that starts the line or follows a space


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = _COMMENT.sub("", value).strip()
    return meta, text[m.end():]


class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    parser = _TextExtractor()
    parser.feed(html)
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    paragraphs = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return parser.title.strip(), paragraphs


def _looks_binary(raw: bytes) -> bool:
    return b"\x00" in raw[:8192]


def load_file(path: Path, root: Path) -> Article | Skipped:
    rel = path.relative_to(root).as_posix()
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return Skipped(rel, "hidden file or folder")
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            return Skipped(rel, "symlink pointing outside the knowledge folder")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return Skipped(rel, f"unsupported file type '{suffix or 'none'}'")
    size = path.stat().st_size
    if size == 0:
        return Skipped(rel, "empty file")
    limit = MAX_PDF_BYTES if suffix == ".pdf" else MAX_FILE_BYTES
    if size > limit:
        return Skipped(rel, f"too large ({size:,} bytes > {limit:,})")
    raw = path.read_bytes()
    parsed = _parse(raw, suffix)
    if isinstance(parsed, str):
        return Skipped(rel, parsed)
    meta, doc_title, body, blocks = parsed
    if not blocks:
        return Skipped(rel, "no readable text")
    lang = meta.get("lang") or ("ar" if arabic_share(body) > 0.5 else "en")
    return Article(
        id=meta.get("id") or path.stem,
        title=meta.get("title") or doc_title or path.stem.replace("-", " ").replace("_", " "),
        lang=lang if lang in ("ar", "en") else "en",
        source=meta.get("source", ""),
        url=meta.get("url", ""),
        date=meta.get("date", ""),
        body=body,
        path=rel,
        content_hash=hashlib.sha256(raw).hexdigest(),
        blocks=tuple(blocks),
    )


def _parse(raw: bytes, suffix: str) -> tuple[dict[str, str], str, str, list[Block]] | str:
    """(front matter, title found in the document, readable body, blocks), or why it has none."""
    if suffix == ".pdf":
        try:
            title, body = pdf_to_text(raw)
        except Exception as exc:  # pypdf raises many types on a damaged file; the reason is reported
            return f"unreadable PDF: {type(exc).__name__}"
        body = strip_page_furniture(body)
        return {}, title, body, plain_blocks(body.replace("\n\n", "\n"))
    if _looks_binary(raw):
        return "binary content"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    meta, body = parse_front_matter(text.replace("\r\n", "\n"))
    title = ""
    if suffix in (".html", ".htm"):
        title, markdown = html_to_markdown(body)
        if markdown.strip():
            body = strip_page_furniture(markdown)
            return meta, title, body, markdown_blocks(body)
        fallback_title, body = html_to_text(body)  # too short for trafilatura's extractor
        body = strip_page_furniture(body)
        return meta, title or fallback_title, body, plain_blocks(body)
    body = strip_page_furniture(body)
    blocks = markdown_blocks(body) if suffix == ".md" else plain_blocks(body)
    return meta, title, body, blocks


def iter_candidate_files(root: Path) -> list[Path]:
    """Every regular file (or symlink) below root; hidden ones too, so they are reported."""
    return [p for p in sorted(root.rglob("*")) if p.is_file() or p.is_symlink()]


def load_folder(root: Path) -> LoadResult:
    if not root.is_dir():
        raise FileNotFoundError(f"knowledge folder not found: {root}")
    return load_paths(root, iter_candidate_files(root))


def load_paths(root: Path, paths: list[Path]) -> LoadResult:
    """Load the given files below ``root``; each either becomes an article or is skipped with a reason."""
    result = LoadResult()
    for path in paths:
        try:
            item = load_file(path, root)
        except OSError as exc:  # unreadable, dangling symlink, permission
            item = Skipped(path.relative_to(root).as_posix(), f"unreadable: {exc.strerror or exc}")
        if isinstance(item, Skipped):
            log.warning("skipping %s: %s", item.path, item.reason)
            result.skipped.append(item)
        else:
            result.articles.append(item)
    return result
