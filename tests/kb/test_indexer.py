"""Incremental, atomic re-indexing against a real embedded Chroma and the real model."""

import threading

import pytest

from bot.kb.indexer import ReindexBusy, reindex
from bot.kb.retriever import HybridRetriever
from bot.kb.store import KnowledgeStore


@pytest.fixture
def store(tmp_path):
    return KnowledgeStore.from_settings(tmp_path / "data")


def _run(knowledge, store, embeddings, tmp_path, **kw):
    return reindex(knowledge, store, embeddings, tmp_path / "data" / "reindex.lock", **kw)


def test_add_change_delete_and_no_change(knowledge_copy, store, embeddings, tmp_path):
    first = _run(knowledge_copy, store, embeddings, tmp_path)
    assert len(first.added) == 3
    assert first.swapped
    assert first.chunks_total > 0
    assert first.chunks_embedded == first.chunks_total

    again = _run(knowledge_copy, store, embeddings, tmp_path)
    assert (again.added, again.changed, again.removed, again.swapped) == ([], [], [], False)
    assert len(again.unchanged) == 3
    assert again.chunks_embedded == 0

    rental = knowledge_copy / "en" / "gpu-rental-market.md"
    rental.write_text(rental.read_text() + "\nA new paragraph says spot H100 capacity is scarce in December.\n")
    (knowledge_copy / "en" / "cowos-packaging.md").unlink()
    (knowledge_copy / "en" / "new.md").write_text("---\nid: new\ntitle: New\nlang: en\n---\nZettaflop clusters arrive.")
    third = _run(knowledge_copy, store, embeddings, tmp_path)
    assert third.added == ["en/new.md"]
    assert third.changed == ["en/gpu-rental-market.md"]
    assert third.removed == ["en/cowos-packaging.md"]
    assert third.unchanged == ["en/interconnect-networking.md"]
    unchanged_chunks = store.collection(third.generation).get(where={"path": "en/interconnect-networking.md"})
    # only the added and changed files were embedded; the unchanged file's chunks were copied
    assert third.chunks_embedded == third.chunks_total - len(unchanged_chunks["ids"])

    retriever = HybridRetriever(store, embeddings, refresh_s=0)
    assert not [h for h in retriever.search("CoWoS wafers per month", k=10) if h.article_id == "cowos-packaging"]
    assert retriever.search("zettaflop clusters", k=1)[0].article_id == "new"
    assert any("December" in h.text for h in retriever.search("spot H100 capacity December", k=3))


def test_full_rebuild_reembeds_everything(knowledge_copy, store, embeddings, tmp_path):
    _run(knowledge_copy, store, embeddings, tmp_path)
    full = _run(knowledge_copy, store, embeddings, tmp_path, full=True)
    assert full.swapped
    assert full.chunks_embedded == full.chunks_total


def test_second_reindex_is_refused_while_one_runs(knowledge_copy, store, embeddings, tmp_path):
    from filelock import FileLock

    lock = FileLock(str(tmp_path / "data" / "reindex.lock"))
    (tmp_path / "data").mkdir(exist_ok=True)
    with lock:
        with pytest.raises(ReindexBusy):
            _run(knowledge_copy, store, embeddings, tmp_path)


class _Exploding:
    """Embeddings that fail after some calls: a re-index killed half-way."""

    def __init__(self, real, fail_after):
        self.real, self.calls, self.fail_after = real, 0, fail_after
        self.fingerprint = real.fingerprint

    def embed_documents(self, texts):
        self.calls += 1
        if self.calls > self.fail_after:
            raise RuntimeError("killed")
        return self.real.embed_documents(texts)


def test_interrupted_reindex_leaves_previous_index_and_next_run_completes(knowledge_copy, store, embeddings, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr("bot.kb.indexer.BATCH", 2)
    first = _run(knowledge_copy, store, embeddings, tmp_path)
    for i in range(3):  # enough new text for several embedding batches
        (knowledge_copy / "en" / f"bulk{i}.md").write_text("\n\n".join(f"Paragraph {i}-{j} about GPUs." for j in range(40)))
    with pytest.raises(RuntimeError):
        _run(knowledge_copy, store, _Exploding(embeddings, fail_after=1), tmp_path)
    assert store.active_name() == first.generation  # readers still see the old, complete index
    retriever = HybridRetriever(store, embeddings, refresh_s=0)
    assert retriever.search("NVLink copper cables", k=1)[0].article_id == "interconnect-networking"
    assert len(store.generations()) == 2  # the half-written one is still lying around
    done = _run(knowledge_copy, store, embeddings, tmp_path)
    assert done.swapped
    assert len(done.added) == 3
    assert store.pointer()["previous"] == first.generation
    # active + previous; the half-written one was dropped
    assert set(store.generations()) == {store.active_name(), first.generation}


def test_queries_during_reindex_always_see_a_complete_index(knowledge_copy, store, embeddings, tmp_path):
    _run(knowledge_copy, store, embeddings, tmp_path)
    retriever = HybridRetriever(store, embeddings, refresh_s=0)
    baseline = retriever.size()
    for i in range(2):
        (knowledge_copy / "en" / f"extra{i}.md").write_text("\n\n".join(f"Extra {i}-{j} on rack power." for j in range(30)))
    failures, sizes = [], []
    stop = threading.Event()

    def ask():
        while not stop.is_set():
            try:
                hits = retriever.search("NVLink copper cables", k=3)
                if not hits:
                    failures.append("empty")
                sizes.append(retriever.size())
            except Exception as exc:  # noqa: BLE001 - any failure is what we look for
                failures.append(repr(exc))

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    report = _run(knowledge_copy, store, embeddings, tmp_path)
    stop.set()
    for t in threads:
        t.join()
    assert failures == []
    assert report.swapped
    assert set(sizes) <= {baseline, report.chunks_total}
    assert retriever.size() == report.chunks_total


class _OtherModel:
    """The same vectors under another model's fingerprint (as after changing EMBEDDING_MODEL)."""

    def __init__(self, inner):
        self.inner = inner
        self.fingerprint = "another-model:0000"

    def embed_documents(self, texts):
        return self.inner.embed_documents(texts)


def test_index_records_the_model_that_built_it(knowledge_copy, store, embeddings, tmp_path):
    _run(knowledge_copy, store, embeddings, tmp_path)
    assert store.pointer()["fingerprint"].startswith(embeddings.fingerprint)


def test_another_embedding_model_reembeds_everything(knowledge_copy, store, embeddings, tmp_path):
    first = _run(knowledge_copy, store, embeddings, tmp_path)
    switched = _run(knowledge_copy, store, _OtherModel(embeddings), tmp_path)
    assert switched.chunks_embedded == first.chunks_total


def test_another_embedding_model_is_reported(knowledge_copy, store, embeddings, tmp_path):
    _run(knowledge_copy, store, embeddings, tmp_path)
    assert _run(knowledge_copy, store, _OtherModel(embeddings), tmp_path).full_reason.startswith("embedding model")


def test_no_change_reindex_parses_no_file(knowledge_copy, store, embeddings, tmp_path, monkeypatch):
    _run(knowledge_copy, store, embeddings, tmp_path)

    def parse_should_not_run(*_a, **_k):
        raise AssertionError("an unchanged file was parsed")

    monkeypatch.setattr("bot.kb.documents.load_file", parse_should_not_run)
    assert _run(knowledge_copy, store, embeddings, tmp_path).swapped is False
