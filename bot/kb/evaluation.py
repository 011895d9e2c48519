"""Retrieval evaluation on a labelled question set: Recall@1, Recall@k and MRR per
language group (Arabic, English, cross-lingual) for vector-only, lexical-only and hybrid
retrieval, so the value of each half is visible.

A hit is correct when it comes from one of the expected articles, in the evidence
language, and contains the expected phrase (compared after Arabic normalisation).
Cross-lingual questions search only the evidence language's passages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.kb.arabic import normalize
from bot.kb.retriever import Hit, HybridRetriever

MODES = ("vector", "lexical", "hybrid")
GROUPS = ("ar", "en", "cross", "all")


@dataclass(frozen=True)
class Question:
    group: str
    question: str
    lang: str
    evidence_lang: str
    articles: tuple[str, ...]
    phrase: str


def load_questions(path: str | Path) -> list[Question]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Question(d["group"], d["question"], d["lang"], d["evidence_lang"], tuple(d["articles"]),
                                d["phrase"]))
    return out


def is_correct(hit: Hit, q: Question) -> bool:
    return (hit.article_id in q.articles and hit.lang == q.evidence_lang
            and normalize(q.phrase) in normalize(hit.text))


def evaluate(retriever: HybridRetriever, questions: list[Question], k: int = 5) -> dict:
    """{mode: {group: {"r1", "rk", "mrr", "n"}}} plus the misses of each mode."""
    results: dict = {}
    for mode in MODES:
        stats = {g: {"r1": 0.0, "rk": 0.0, "mrr": 0.0, "n": 0} for g in GROUPS}
        misses = []
        for q in questions:
            lang = q.evidence_lang if q.group == "cross" else None
            hits = retriever.search(q.question, k=max(k, 10), mode=mode, lang=lang)
            rank = next((i + 1 for i, h in enumerate(hits) if is_correct(h, q)), None)
            for g in (q.group, "all"):
                s = stats[g]
                s["n"] += 1
                s["r1"] += rank == 1
                s["rk"] += rank is not None and rank <= k
                s["mrr"] += 1.0 / rank if rank else 0.0
            if rank is None or rank > k:
                misses.append(q.question)
        for s in stats.values():
            if s["n"]:
                s["r1"], s["rk"], s["mrr"] = (round(s[x] / s["n"], 3) for x in ("r1", "rk", "mrr"))
        results[mode] = {"groups": stats, "misses": misses, "k": k}
    return results


def render_table(results: dict) -> str:
    k = next(iter(results.values()))["k"]
    lines = [f"{'mode':8} {'group':6} {'n':>3} {'R@1':>6} {f'R@{k}':>6} {'MRR':>6}"]
    for mode, data in results.items():
        for group in GROUPS:
            s = data["groups"][group]
            lines.append(f"{mode:8} {group:6} {s['n']:>3} {s['r1']:>6.3f} {s['rk']:>6.3f} {s['mrr']:>6.3f}")
    hybrid_misses = results.get("hybrid", {}).get("misses", [])
    if hybrid_misses:
        lines.append("hybrid misses: " + " | ".join(hybrid_misses))
    return "\n".join(lines)
