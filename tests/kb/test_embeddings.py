"""The indexing path of the embeddings: its precision switch and what it does to the vectors."""

from __future__ import annotations

import pytest

from bot.kb.embeddings import bf16_indexing

PASSAGES = [
    "An H100 SXM draws up to 700 W; with a PUE of 1.3 the facility draws about 910 W for it.",
    "تنخفض تكلفة الحوسبة للتدريب بنحو النصف كل عامين ونصف تقريباً وفق تقديرات Epoch AI.",
    "B200 SXM — memory bandwidth: 8.0 TB/s",
]


@pytest.mark.parametrize("value", ["0", "off", "false", "no"])
def test_bf16_can_be_switched_off(monkeypatch, value):
    monkeypatch.setenv("EMBEDDING_BF16", value)
    assert bf16_indexing() is False


@pytest.mark.parametrize("value", ["1", "on", "true", "yes"])
def test_bf16_can_be_forced(monkeypatch, value):
    monkeypatch.setenv("EMBEDDING_BF16", value)
    assert bf16_indexing() is True


def test_bf16_auto_follows_the_cpu(monkeypatch):
    import torch

    monkeypatch.setenv("EMBEDDING_BF16", "auto")
    assert bf16_indexing() is bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())


def test_indexed_vectors_match_the_float32_ones(embeddings):
    """Whatever precision indexing runs in, its vectors are the float32 model's to within rounding: an
    index built on one machine answers queries embedded on another."""
    indexed = embeddings.embed_documents(PASSAGES)
    exact = embeddings.model.encode(PASSAGES, prompt_name="passage", normalize_embeddings=True)
    cosines = [sum(a * b for a, b in zip(x, y, strict=True)) for x, y in zip(indexed, exact, strict=True)]
    assert min(cosines) > 0.9995


def test_indexed_vectors_are_unit_length(embeddings):
    indexed = embeddings.embed_documents(PASSAGES)
    assert all(abs(sum(x * x for x in v) - 1) < 1e-4 for v in indexed)
