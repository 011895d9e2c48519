"""Engine latency on a warm engine (knowledge and calculation routes), cold start, RSS.

Prints a table and writes benchmarks/results/engine_latency.json. ``--real-corpus`` indexes
the real third-party documents as well and adds questions about them. Targets (2-core box):
knowledge p50 ≤ 150 ms, p95 ≤ 400 ms; calculation p95 ≤ 50 ms (now including the intent classifier's embedding); RSS ≤ 1.5 GB; cold start ≤ 15 s.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from _common import ROOT, rss_mb, summary, table, write

KNOWLEDGE_Q = ["What share of compute cost is electricity?", "ما حصة الكهرباء من تكلفة الحوسبة؟",
               "Why does the GB200 use copper cables?", "ما هو تغليف CoWoS؟", "What is the industry average PUE?",
               "كم كلّف تدريب DeepSeek-V3؟", "How fast do compute costs fall?", "متى يكون الشراء أرخص من الاستئجار؟"]
CALC_Q = ["rent 8 H100 for 24 hours at $2.50 per GPU-hour", "كم تكلفة استئجار ٨ وحدات H100 لمدة 10 ساعات بسعر 3 دولارات للساعة؟",
          "train a 7B model on 2 trillion tokens on H100 at 40% MFU with 64 GPUs",
          "electricity for 1000 H100 for a year at $0.10/kWh"]


COLD = """
import asyncio, time, sys
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from bot.config import Settings
from bot.wiring import build_engine
from pathlib import Path
s = Settings(_env_file=None, data_dir=Path({data!r}), knowledge_dir=Path({knowledge!r}), embedding_model={model!r})
e = build_engine(s)
asyncio.run(e.answer(1, "What share of compute cost is electricity?"))
print(time.perf_counter() - t0)
"""


def _cold_start(settings) -> float:
    """A fresh process, index already built: imports + model load + first answer."""
    import subprocess
    import sys

    code = COLD.format(root=str(ROOT), data=str(settings.data_dir), knowledge=str(settings.knowledge_dir),
                       model=settings.embedding_model)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


REAL_Q = ["How much faster is TF32 than FP32 on an A100?", "What is the memory bandwidth of the B200?",
          "ما سعة ذاكرة MI325X؟", "كم واط يوفر كابل PCI-E 8-Pin؟"]


async def main(rounds: int = 25, real_corpus: bool = False) -> None:
    from bot.config import Settings
    from bot.wiring import build_engine

    questions = KNOWLEDGE_Q + (REAL_Q if real_corpus else [])
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = ROOT / "knowledge"
        if real_corpus:  # our articles plus ../shared/real-corpus (about 0.55 MB more text)
            from bot.engine.answer_evaluation import prepare_knowledge

            knowledge = prepare_knowledge(knowledge, ROOT.parent / "shared" / "real-corpus", Path(tmp) / "knowledge")
        settings = Settings(_env_file=None, data_dir=Path(tmp), knowledge_dir=knowledge,
                            embedding_model=str(ROOT / "data" / "models" / "multilingual-e5-small"))
        t0 = time.perf_counter()
        engine = build_engine(settings)  # loads the model and builds the index from scratch
        cold_index_s = time.perf_counter() - t0
        cold_start_s = _cold_start(settings)
        await engine.answer("warm", KNOWLEDGE_Q[0])
        know, calc = [], []
        for r in range(rounds):
            for q in questions:
                engine.retriever.embeddings._recent.clear()  # a new message every time, as from real users
                engine.retriever.embeddings._passages.clear()  # and no answer sentence embedded before
                t = time.perf_counter()
                await engine.answer(f"k{r}", q)
                know.append((time.perf_counter() - t) * 1000)
            for q in CALC_Q:
                engine.retriever.embeddings._recent.clear()
                engine.retriever.embeddings._passages.clear()
                t = time.perf_counter()
                await engine.answer(f"c{r}", q)
                calc.append((time.perf_counter() - t) * 1000)
    rows = [{"route": "knowledge", **summary(know), "target": "p50≤150 p95≤400"},
            {"route": "calculation", **summary(calc), "target": "p95≤50"}]
    print(table(rows, ["route", "n", "p50_ms", "p95_ms", "p99_ms", "mean_ms", "target"]))
    extra = {"cold_start_with_index_s": round(cold_start_s, 2), "first_start_building_index_s": round(cold_index_s, 2),
             "rss_mb_after_warmup": round(rss_mb(), 1)}
    print(extra)
    print("wrote", write("engine_latency", {"routes": rows, **extra}))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--real-corpus", action="store_true", help="index ../shared/real-corpus too and ask about it")
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.real_corpus))
