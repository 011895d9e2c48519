"""A LangChain ``Embeddings`` around sentence-transformers, with e5's query/passage prompts.

Written here rather than taken from ``langchain-huggingface``, whose extras pin
``sentence-transformers<6``. Loads only from a local folder (or a name the deployment
can download, via ``EMBEDDING_MODEL``), with the Hugging Face hub switched off by default.
"""

from __future__ import annotations

import hashlib
import os
import threading
from contextlib import nullcontext
from functools import cached_property
from pathlib import Path

from langchain_core.embeddings import Embeddings

# Indexing speed (168 real passages on our 2 cores): batches of 8 instead of 32 took 12.9 vs 16.7 s in
# float32 (matrices that stay in cache); with bfloat16 autocast on a CPU that has native bf16 (AVX512-BF16,
# AMX) 7.9 s at 8 and 7.6 s at 4 (2: 7.9, 64: 14.4), vectors at cosine >= 0.99998 of the float32 ones;
# bf16 weights instead of autocast drift further (0.998), eager attention is slower than sdpa (13.0 s). Only passages
# being indexed take this path; queries and answer sentences stay float32, so the intent classifier reads
# exactly what it was trained on.
DOCUMENT_BATCH = 4


def bf16_indexing() -> bool:
    """``EMBEDDING_BF16``: ``auto`` (default) when the CPU does bfloat16 natively (emulated bf16 is slower
    than float32), ``1`` or ``0`` to force it."""
    setting = os.environ.get("EMBEDDING_BF16", "auto").strip().lower()
    if setting in {"1", "true", "yes", "on"}:
        return True
    if setting in {"0", "false", "no", "off"}:
        return False
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


class SentenceTransformerEmbeddings(Embeddings):
    def __init__(self, model_name_or_path: str, batch_size: int = 32):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self.model_name_or_path = model_name_or_path
        self.model = SentenceTransformer(model_name_or_path, device="cpu")
        self.batch_size = batch_size
        self._lock = threading.Lock()  # torch inference from many threads at once thrashes 2 cores
        self._recent: dict[str, list[float]] = {}
        self._passages: dict[str, list[float]] = {}
        prompts = getattr(self.model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = "passage" if "passage" in prompts else None

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the weights that make the vectors: for a local folder, its config files in
        full and each weights file's size plus a hash of its first and last MiB (hashing the
        whole file would cost seconds at every start); for a hub name, the name."""
        folder = Path(self.model_name_or_path)
        digest = hashlib.sha256(str(self.dimension).encode())
        if not folder.is_dir():
            digest.update(self.model_name_or_path.encode())
            return f"{self.model_name_or_path}:{digest.hexdigest()[:16]}"
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "BUILD_STAMP.json"):
            digest.update(path.relative_to(folder).as_posix().encode())
            size = path.stat().st_size
            digest.update(str(size).encode())
            with path.open("rb") as fh:
                digest.update(fh.read(1 << 20))
                if size > 2 << 20:
                    fh.seek(-(1 << 20), os.SEEK_END)
                    digest.update(fh.read())
        return f"{folder.name}:{digest.hexdigest()[:16]}"

    @property
    def dimension(self) -> int:
        dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        return int(dim())

    def _encode_locked(self, texts: list[str], prompt: str | None, batch_size: int | None = None) -> list[list[float]]:
        """Caller holds ``self._lock``: torch inference from many threads at once thrashes 2 cores."""
        if not texts:
            return []
        return self.model.encode(texts, prompt_name=prompt, batch_size=batch_size or self.batch_size,
                                 normalize_embeddings=True, show_progress_bar=False).tolist()

    def _encode(self, texts: list[str], prompt: str | None) -> list[list[float]]:
        with self._lock:
            return self._encode_locked(texts, prompt)

    @cached_property
    def _indexing_precision(self):
        if not bf16_indexing():
            return nullcontext
        import torch

        return lambda: torch.autocast("cpu", dtype=torch.bfloat16)

    def _encode_cached(self, cache: dict[str, list[float]], limit: int, texts: list[str],
                       prompt: str | None) -> list[list[float]]:
        """Encode what ``cache`` lacks, answer from it, keep only its ``limit`` newest entries."""
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
            cache.update(zip(missing, self._encode_locked(missing, prompt), strict=True))
            out = [cache[t] for t in texts]
            while len(cache) > limit:
                cache.pop(next(iter(cache)))
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passages being indexed: small batches, bfloat16 where the CPU has it (see ``DOCUMENT_BATCH``)."""
        with self._lock, self._indexing_precision():
            return self._encode_locked(texts, self._passage_prompt, DOCUMENT_BATCH)

    def embed_query(self, text: str) -> list[float]:
        # the engine embeds a message once for intent and again for retrieval: remember the last few
        return self._encode_cached(self._recent, 256, [text], self._query_prompt)[0]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Short passages (answer sentences) with a cache: the same sentences come back often."""
        return self._encode_cached(self._passages, 4096, texts, self._passage_prompt)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many queries in batches (training the intent classifier)."""
        return self._encode(texts, self._query_prompt)


def load_embeddings(model_name_or_path: str) -> SentenceTransformerEmbeddings:
    """Loading takes seconds and hundreds of MB: build it once (``bot.wiring``) and pass it on."""
    return SentenceTransformerEmbeddings(model_name_or_path)
