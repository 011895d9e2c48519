"""An unreachable store is an outage; anything else is a bug and must not be reported as one."""

from __future__ import annotations

import httpx
import pytest

from bot.kb.retriever import HybridRetriever
from bot.kb.store import StoreUnavailable


class Collection:
    def __init__(self, fail: Exception):
        self.fail = fail

    def get(self, include):
        return {"ids": ["a:0"], "documents": ["H100 rental prices fell."],
                "metadatas": [{"article_id": "a", "lang": "en", "title": "GPU rental", "paragraph": 0}]}

    def query(self, **kwargs):
        raise self.fail


class Store:
    def __init__(self, fail: Exception):
        self.fail = fail

    def pointer(self):
        return {"active": "kb_gen_1"}

    def collection(self, name):
        return Collection(self.fail)


class Embeddings:
    def embed_query(self, text):
        return [1.0, 0.0]


def retriever(fail: Exception) -> HybridRetriever:
    return HybridRetriever(Store(fail), Embeddings())


@pytest.mark.parametrize("fail", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), ConnectionError("reset")])
def test_connection_errors_mean_the_store_is_unavailable(fail):
    with pytest.raises(StoreUnavailable):
        retriever(fail).search("H100 rental", k=1)


@pytest.mark.parametrize("fail", [KeyError("distances"), TypeError("bad argument"), ValueError("bad where")])
def test_a_bug_is_not_reported_as_an_outage(fail):
    with pytest.raises(type(fail)):
        retriever(fail).search("H100 rental", k=1)
