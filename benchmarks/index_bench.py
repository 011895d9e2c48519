"""Index speed on our knowledge plus the real third-party corpus (../shared/real-corpus),
at several chunk sizes, with the old way of feeding the model as the baseline in the same run.

For each chunk size: chunks, full-index seconds, chunks/s, MB/min and the no-change
re-index time; then, at the shipped size and on the same chunks, the model fed as it was
before (float32, 256 length-sorted passages per call in batches of 32) against how the indexer
feeds it now (batches of 8, bfloat16 autocast where the CPU does bf16 natively), with the
cosine between the two sets of vectors. Run: ``python benchmarks/index_bench.py [--sizes 600,1000,1500]``.
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
    from bot.kb.embeddings import bf16_indexing, load_embeddings
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
        texts = sorted((c.embedding_text for c in chunks), key=len)
        t = time.perf_counter()
        before = [v for start in range(0, len(texts), 256)
                  for v in emb.model.encode(texts[start:start + 256], prompt_name="passage", batch_size=32,
                                            normalize_embeddings=True, show_progress_bar=False)]
        baseline_s = time.perf_counter() - t
        t = time.perf_counter()
        now = [v for start in range(0, len(texts), 256) for v in emb.embed_documents(texts[start:start + 256])]
        now_s = time.perf_counter() - t
    cosines = [sum(a * b for a, b in zip(x, y, strict=True)) for x, y in zip(before, now, strict=True)]
    feed = {"chunks": len(texts), "bf16": bf16_indexing(), "float32_batch32_s": round(baseline_s, 1),
            "shipped_s": round(now_s, 1), "speed-up": round(baseline_s / now_s, 2),
            "min_cosine": round(float(min(cosines)), 6)}
    print(f"corpus: {mb:.2f} MB")
    print(table([feed], list(feed)))
    write("index_bench", {"sizes": rows, "feeding": feed, "corpus_mb": round(mb, 3)})


if __name__ == "__main__":
    main()
