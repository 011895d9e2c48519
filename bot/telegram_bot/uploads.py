"""Admins add articles by sending a .md, .txt, .html or .pdf document to the bot.

The file is checked here (type, size, UTF-8) and given a safe name; ``bot.kb.uploads``
stores it (under ``KNOWLEDGE_DIR/uploads/``, and in Redis for the other replicas), and the
caller then runs the usual incremental re-index.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ALLOWED_SUFFIXES = {".md", ".txt", ".html", ".htm", ".pdf"}
MAX_UPLOAD_BYTES = 512 * 1024  # text
MAX_PDF_UPLOAD_BYTES = 10 * 1024 * 1024  # a PDF carries fonts and images besides its text


class UploadRejected(ValueError):
    def __init__(self, en: str, ar: str):
        super().__init__(en)
        self.text = f"{en} / {ar}"


def wrong_type() -> UploadRejected:
    return UploadRejected("Only .md, .txt, .html and .pdf files can be added.",
                          "يمكن إضافة ملفات ‎.md‎ و‎.txt‎ و‎.html‎ و‎.pdf‎ فقط.")


def safe_name(file_name: str | None) -> str:
    name = Path(file_name or "").name
    stem, suffix = os.path.splitext(name)
    if suffix.lower() not in ALLOWED_SUFFIXES:
        raise wrong_type()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:80]
    if not stem:
        raise UploadRejected("The file needs a name made of letters or digits.", "يجب أن يحمل الملف اسمًا من حروف أو أرقام.")
    return f"{stem}{suffix.lower()}"


def check_size(size: int | None, name: str = "") -> None:
    limit = MAX_PDF_UPLOAD_BYTES if name.lower().endswith(".pdf") else MAX_UPLOAD_BYTES
    if size is None or size > limit:
        raise UploadRejected(f"The file is larger than {limit // 1024} KB.", f"الملف أكبر من {limit // 1024} كيلوبايت.")


def check_content(name: str, data: bytes) -> None:
    """Size, and what the bytes are: a PDF by its header, anything else UTF-8 text."""
    check_size(len(data), name)
    if name.lower().endswith(".pdf"):
        if not data.startswith(b"%PDF-"):
            raise UploadRejected("The file is not a PDF.", "الملف ليس بصيغة PDF.")
        return
    if b"\x00" in data:
        raise UploadRejected("The file is not text.", "الملف ليس نصًا.")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadRejected("The file is not valid UTF-8 text.", "الملف ليس نصًا صالحًا بترميز UTF-8.") from None


def save_upload(knowledge_dir: Path, name: str, data: bytes) -> Path:
    """Check and write into this process's knowledge folder (no sharing: see ``Knowledge.add_upload``)."""
    from bot.kb.uploads import write_upload

    check_content(name, data)
    return write_upload(knowledge_dir, name, data)
