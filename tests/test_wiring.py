"""Re-index runs are counted for /metrics by outcome, whoever starts them."""

from __future__ import annotations

import pytest

from bot import metrics
from bot.config import Settings
from bot.kb.indexer import ReindexBusy
from bot.wiring import Knowledge


def _runs(outcome: str) -> float:
    return metrics.REGISTRY.get_sample_value("bot_reindex_runs_total", {"outcome": outcome}) or 0.0


@pytest.fixture
def knowledge(tmp_path, knowledge_copy, embeddings):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", knowledge_dir=knowledge_copy)
    return Knowledge.build(settings, embeddings)


def test_a_reindex_that_swaps_is_counted(knowledge):
    before = _runs("swapped")
    knowledge.reindex()
    assert _runs("swapped") - before == 1


def test_a_reindex_with_nothing_to_do_is_counted(knowledge):
    knowledge.reindex()
    before = _runs("unchanged")
    knowledge.reindex()
    assert _runs("unchanged") - before == 1


def test_a_busy_reindex_is_counted(knowledge, tmp_path):
    from bot.kb.reindex_lock import FileReindexLock

    holder = FileReindexLock(tmp_path / "data" / "reindex.lock")
    holder.acquire()
    before = _runs("busy")
    with pytest.raises(ReindexBusy):
        knowledge.reindex()
    holder.release()
    assert _runs("busy") - before == 1
