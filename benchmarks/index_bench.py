"""Index speed on our knowledge plus the real third-party corpus (../shared/real-corpus),
at several chunk sizes, with the old way of feeding the model as the baseline in the same run.

For each chunk size: chunks, full-index seconds, chunks/s, MB/min and the no-change
re-index time; then, at the shipped size, embedding in document order in batches of 64
(how the indexer fed the model before) against length-sorted batches (how it does now),
on the same chunks. Run: ``python benchmarks/index_bench.py [--sizes 600,1000,1500]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _common import ROOT, table, write

REAL = ROOT.parent / "shared" / "real-corpus"


def main() -> None:
    from bot.engine.answer_evaluation import prepare_knowledge
    from bot.kb import chunking
    from bot.kb.embeddings import load_embeddings
    from bot.kb.indexer import reindex
    from bot.kb.model_build import build_model
    from bot.kb.store import KnowledgeStore

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=str(chunking.MAX_CHARS))
    args = parser.parse_args()
    emb = load_embeddings(str(build_model(ROOT / "data" / "models" / "multilingual-e5-small")))
    emb.embed_documents(["warm-up"])
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = prepare_knowledge(ROOT / "knowledge", REAL, tmp / "knowledge")  # as an admin would add them
        mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
        shipped = chunking.MAX_CHARS
        for size in [int(s) for s in args.sizes.split(",")]:
            chunking.MAX_CHARS = size
            store = KnowledgeStore.from_settings(tmp / f"data-{size}")
            t = time.perf_counter()
            report = reindex(folder, store, emb, tmp / f"lock-{size}")
            full_s = time.perf_counter() - t
            t = time.perf_counter()
            again = reindex(folder, store, emb, tmp / f"lock-{size}")
            nochange_s = time.perf_counter() - t
            assert not again.swapped
            rows.append({"max_chars": size, "chunks": report.chunks_total, "full_s": round(full_s, 1),
                         "chunks_per_s": round(report.chunks_total / full_s, 1), "MB_per_min": round(mb / full_s * 60, 2),
                         "no_change_s": round(nochange_s, 3)})
            print(table(rows[-1:], list(rows[-1])), flush=True)
        chunking.MAX_CHARS = shipped
        from bot.kb.documents import load_folder

        chunks = [c for a in load_folder(folder).articles for c in chunking.chunk_article(a)]
        texts = [c.embedding_text for c in chunks]
        t = time.perf_counter()
        for start in range(0, len(texts), 64):
            emb.embed_documents(texts[start:start + 64])
        baseline_s = time.perf_counter() - t
        ordered = sorted(texts, key=len)
        t = time.perf_counter()
        for start in range(0, len(ordered), 256):
            emb.embed_documents(ordered[start:start + 256])
        sorted_s = time.perf_counter() - t
    feed = {"chunks": len(texts), "document_order_64_s": round(baseline_s, 1),
            "length_sorted_256_s": round(sorted_s, 1), "speed-up": round(baseline_s / sorted_s, 2)}
    print(f"corpus: {mb:.2f} MB")
    print(table([feed], list(feed)))
    write("index_bench", {"sizes": rows, "feeding": feed, "corpus_mb": round(mb, 3)})


if __name__ == "__main__":
    main()
