"""Index and retrieval figures for the shipped corpus and synthetic 10× / 100× corpora.

- full index time and chunks/s, no-change re-index time (real model, real Chroma);
- warm query latency p50/p95: our hybrid retriever vs a naive baseline (LangChain's
  ``Chroma.similarity_search`` alone), measured in the same run, with their ratio and
  the baseline's and hybrid's Recall@5 on the evaluation set;
- scaling: the corpus replicated 10× and 100× (copies of the real chunks with their
  stored embeddings slightly perturbed, so no re-embedding: embedding time scales
  linearly with chunks/s above), timing store insertion + lexical index build and query
  latency at each size.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
from _common import ROOT, summary, table, write


def main() -> None:
    from langchain_chroma import Chroma

    from bot.kb.embeddings import load_embeddings
    from bot.kb.evaluation import is_correct, load_questions
    from bot.kb.indexer import reindex
    from bot.kb.model_build import build_model
    from bot.kb.retriever import HybridRetriever
    from bot.kb.store import KnowledgeStore

    emb = load_embeddings(str(build_model(ROOT / "data" / "models" / "multilingual-e5-small")))
    questions = load_questions(ROOT / "tests" / "data" / "retrieval_dev.jsonl")
    queries = [q.question for q in questions]
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = KnowledgeStore.from_settings(Path(tmp) / "d")
        t = time.perf_counter()
        report = reindex(ROOT / "knowledge", store, emb, Path(tmp) / "lock")
        full_s = time.perf_counter() - t
        t = time.perf_counter()
        reindex(ROOT / "knowledge", store, emb, Path(tmp) / "lock")
        nochange_s = time.perf_counter() - t
        out["index"] = {"chunks": report.chunks_total, "full_s": round(full_s, 2),
                        "chunks_per_s": round(report.chunks_total / full_s, 1), "no_change_s": round(nochange_s, 3)}
        print(table([out["index"]], ["chunks", "full_s", "chunks_per_s", "no_change_s"]))

        retriever = HybridRetriever(store, emb)
        naive = Chroma(client=store.client, collection_name=store.active_name(), embedding_function=emb)
        retriever.search(queries[0])
        naive.similarity_search(queries[0], k=5)
        hyb_ms, naive_ms, hyb_hits, naive_hits = [], [], 0, 0
        for q in questions:
            lang = q.evidence_lang if q.group == "cross" else None
            t = time.perf_counter()
            hits = retriever.search(q.question, k=5, lang=lang)
            hyb_ms.append((time.perf_counter() - t) * 1000)
            hyb_hits += any(is_correct(h, q) for h in hits)
            t = time.perf_counter()
            docs = naive.similarity_search(q.question, k=5, filter={"lang": lang} if lang else None)
            naive_ms.append((time.perf_counter() - t) * 1000)
            naive_hits += any(d.metadata["article_id"] in q.articles and d.metadata["lang"] == q.evidence_lang
                              and q.phrase in d.page_content for d in docs)
        rows = [{"retriever": "naive Chroma.similarity_search", **summary(naive_ms),
                 "recall@5": round(naive_hits / len(questions), 3)},
                {"retriever": "hybrid (ours)", **summary(hyb_ms), "recall@5": round(hyb_hits / len(questions), 3)}]
        print(table(rows, ["retriever", "n", "p50_ms", "p95_ms", "recall@5"]))
        ratio = rows[1]["p50_ms"] / rows[0]["p50_ms"]
        print(f"latency ratio hybrid/naive (p50): {ratio:.2f}")
        out["query"] = {"rows": rows, "p50_ratio_hybrid_over_naive": round(ratio, 2)}

        base = store.collection(store.active_name()).get(include=["embeddings", "documents", "metadatas"])
        scale_rows = []
        rng = np.random.default_rng(0)
        for factor in (1, 10, 100):
            col = store.client.create_collection(f"bench_{factor}", embedding_function=None,
                                                 metadata={"hnsw:space": "cosine"})
            vecs = np.asarray(base["embeddings"], dtype=np.float32)
            t = time.perf_counter()
            for copy in range(factor):
                noisy = vecs + rng.normal(0, 0.01, vecs.shape).astype(np.float32) if copy else vecs
                noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
                ids = [f"{i}#{copy}" for i in base["ids"]]
                for s in range(0, len(ids), 2000):
                    col.add(ids=ids[s:s + 2000], embeddings=noisy[s:s + 2000].tolist(),
                            documents=base["documents"][s:s + 2000], metadatas=base["metadatas"][s:s + 2000])
            insert_s = time.perf_counter() - t
            store._pointer().modify(metadata={"active": col.name})
            scaled = HybridRetriever(store, emb)
            t = time.perf_counter()
            scaled.snapshot()
            lexical_s = time.perf_counter() - t
            lat = []
            for q in queries:
                t = time.perf_counter()
                scaled.search(q, k=5)
                lat.append((time.perf_counter() - t) * 1000)
            n = col.count()
            scale_rows.append({"scale": f"{factor}x", "chunks": n, "insert_s": round(insert_s, 2),
                               "bm25_build_s": round(lexical_s, 2),
                               "embed_s_est": round(n / out["index"]["chunks_per_s"], 1), **summary(lat)})
        print(table(scale_rows, ["scale", "chunks", "insert_s", "bm25_build_s", "embed_s_est", "p50_ms", "p95_ms"]))
        out["scaling"] = scale_rows
    print("wrote", write("retrieval_bench", out))


if __name__ == "__main__":
    main()
