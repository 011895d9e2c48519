"""Pick the chunk size with figures: for each size, index our knowledge plus the real corpus
(../shared/real-corpus) from scratch and report chunks, index seconds, retrieval Recall@5 on
our question set and answer-level accuracy on the dev part of the real-corpus questions and on
our own (the held-out part is never used here). Run:
``python benchmarks/chunk_size_eval.py [--sizes 600,1000,1500]``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from _common import ROOT, table, write

REAL = ROOT.parent / "shared" / "real-corpus"


def main() -> None:
    from bot import wiring
    from bot.config import Settings
    from bot.engine import answer_evaluation as ae
    from bot.kb import chunking
    from bot.kb.evaluation import evaluate, load_questions

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="600,1000,1500")
    args = parser.parse_args()
    base = Settings()
    questions = [q for q in ae.load_real_corpus_questions(ROOT / "tests/data/answers/real_corpus.jsonl")
                 if q.split == "dev"] + ae.load_own_questions(ROOT / "tests/data/retrieval_dev.jsonl")
    retrieval = load_questions(ROOT / "tests/data/retrieval_dev.jsonl")
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        chunking.MAX_CHARS = size
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp)
            (data / "models").symlink_to(base.model_dir.parent.resolve(), target_is_directory=True)
            knowledge = ae.prepare_knowledge(ROOT / "knowledge", REAL, data / "knowledge")
            settings = base.model_copy(update={"knowledge_dir": knowledge, "data_dir": data, "redis_url": "",
                                               "chroma_url": ""})
            started = time.perf_counter()
            engine = wiring.build_engine(settings)
            index_s = time.perf_counter() - started
            recall = evaluate(engine.retriever, retrieval)["hybrid"]["groups"]["all"]["rk"]
            stats, _ = asyncio.run(ae.evaluate(engine, questions))
            row = {"max_chars": size, "chunks": engine.retriever.size(), "index_s": round(index_s, 1),
                   "R@5_ours": recall}
            for key in (("real", "dev", "all"), ("real", "dev", "ar"), ("real", "dev", "en"), ("ours", "dev", "all")):
                s = stats[key]
                row[f"answer_{key[0]}_{key[2]}"] = round(s["answer"] / s["n"], 3)
            rows.append(row)
            print(table([row], list(row)), flush=True)
    write("chunk_size_eval", {"rows": rows})
    print(table(rows, list(rows[0])))


if __name__ == "__main__":
    main()
