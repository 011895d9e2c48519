"""Admins add articles by sending a .md, .txt, .html or .pdf document to the bot.

The file is checked (type, size, UTF-8), saved under ``KNOWLEDGE_DIR/uploads/`` with a
safe name (written to a temporary file and renamed, so a half-written article is never
indexed), and the caller then runs the usual incremental re-index.
"""

from __future__ import annotations

import os
import re
import tempfile
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


def save_upload(knowledge_dir: Path, name: str, data: bytes) -> Path:
    check_size(len(data), name)
    if name.lower().endswith(".pdf"):
        if not data.startswith(b"%PDF-"):
            raise UploadRejected("The file is not a PDF.", "الملف ليس بصيغة PDF.")
    else:
        if b"\x00" in data:
            raise UploadRejected("The file is not text.", "الملف ليس نصًا.")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise UploadRejected("The file is not valid UTF-8 text.", "الملف ليس نصًا صالحًا بترميز UTF-8.") from None
    target_dir = knowledge_dir / "uploads"
    target_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=target_dir)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    target = target_dir / name
    os.replace(tmp, target)
    return target
