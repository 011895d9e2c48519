"""Real third-party documents indexed as an admin would add them: one English markdown
chapter with tables and code, one Arabic document; answers quote rows and prose cleanly."""

import shutil
from pathlib import Path

import pytest

from bot.engine.engine import Engine
from bot.engine.history import HistoryStore
from bot.kb.indexer import reindex
from bot.kb.retriever import HybridRetriever
from bot.kb.store import KnowledgeStore

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-corpus"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_engine(tmp_path_factory, embeddings):
    root = tmp_path_factory.mktemp("real")
    (root / "knowledge").mkdir()
    shutil.copy(REAL / "en" / "dtype.md", root / "knowledge" / "dtype.md")
    shutil.copy(REAL / "ar" / "hf-perf-hardware.md", root / "knowledge" / "hf-perf-hardware.md")
    store = KnowledgeStore.from_settings(root / "data")
    reindex(root / "knowledge", store, embeddings, root / "lock")
    history = HistoryStore(root / "chats.sqlite3")
    yield Engine(HybridRetriever(store, embeddings), history, embeddings=embeddings)
    history.close()


async def test_a_table_row_answers_with_its_header(real_engine):
    answer = await real_engine.answer("t1", "Which NVIDIA GPU was the first to support fp8 in hardware?")
    assert "fp8 — B200 TFLOPS: 4500; First hardware support: NVIDIA H100" in answer.text


async def test_the_citation_names_the_section(real_engine):
    answer = await real_engine.answer("t2", "Which NVIDIA GPU was the first to support fp8 in hardware?")
    assert answer.sources[0].section.endswith("ML dtype progression")


async def test_an_arabic_table_row_is_quoted(real_engine):
    answer = await real_engine.answer("t3", "كم ثانية استغرق التدريب مع NVLink في اختبار NVlink؟")
    assert "101 ثانية" in answer.text


@pytest.mark.parametrize("question", ["How much faster is TF32 than FP32 on an A100?",
                                      "كم واط يوفر كابل PCI-E 8-Pin لبطاقة GPU؟"])
async def test_no_markup_reaches_a_reply(real_engine, question):
    answer = await real_engine.answer("t4", question)
    assert [mark for mark in ("```", "|", "**", "](", "<br", "#") if mark in "\n".join(answer.body)] == []


async def test_an_english_question_is_answered_from_an_arabic_document(real_engine):
    answer = await real_engine.answer("t5", "How much faster did gpt2 training finish with NVLink than without it?")
    assert "23%" in answer.text


async def test_an_arabic_question_is_answered_from_an_english_document(real_engine):
    answer = await real_engine.answer("t6", "كم مرة أسرع دقة TF32 من FP32 في ضرب المصفوفات على A100؟")
    assert "8x faster than FP32" in answer.text


def test_the_glossary_words_find_the_english_passage(real_engine):
    hits = real_engine.retriever.search("عرض النطاق", 3, mode="lexical", lang="en", extra_terms=["bandwidth"])
    assert any("bandwidth" in h.text.lower() for h in hits)
