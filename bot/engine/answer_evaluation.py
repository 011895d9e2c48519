"""Answer-level evaluation: does the reply state the gold fact, and does it cite a passage
that states it?

Two question sets: the real third-party corpus (``tests/data/answers/real_corpus.jsonl``,
written blind by a helper from the documents; ``split`` dev or heldout) and our own
articles (the retrieval set's same-language questions, whose gold fact is the expected
phrase). A reply counts when one spelling of every gold fact is in its text *and* one of
its citations is from the gold document and contains the fact.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.kb.arabic import normalize

REAL_CORPUS_SETS = (
    "tests/data/answers/real_corpus.jsonl",
    "tests/data/answers/real_corpus_v2.jsonl",
    "tests/data/answers/real_corpus_v3.jsonl",
)
REAL_CORPUS_FOLDER = "real"  # where the real documents sit inside the evaluation knowledge folder


@dataclass(frozen=True)
class AnswerQuestion:
    id: str
    corpus: str  # "real" or "ours"
    split: str
    lang: str
    question: str
    articles: tuple[str, ...]  # article ids that state the fact
    facts: tuple[tuple[str, ...], ...]  # each fact with its accepted spellings


def _norm(text: str) -> str:
    return normalize(text).replace(",", "").replace("\u066c", "").replace("×", "x")


def load_real_corpus_questions(path: Path) -> list[AnswerQuestion]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        facts = tuple(tuple(v) for v in d.get("any_of") or [[f] for f in d["gold_facts"]])
        out.append(AnswerQuestion(d["id"], "real", d["split"], d["lang"], d["question"],
                                  (Path(d["doc"]).stem,), facts))
    return out


def load_own_questions(path: Path) -> list[AnswerQuestion]:
    """Same-language questions of the retrieval set (a cross-language answer is composed from
    the translation, so the other language's phrase cannot be in it)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        d = json.loads(line)
        if d["lang"] != d["evidence_lang"]:
            continue
        out.append(AnswerQuestion(f"k-{n:03d}", "ours", "dev", d["lang"], d["question"], tuple(d["articles"]),
                                  ((d["phrase"],),)))
    return out


def prepare_knowledge(own_knowledge: Path, real_corpus: Path, target: Path) -> Path:
    """Our articles plus the real documents, copied as an admin would add them."""
    for lang in ("en", "ar"):
        (target / lang).mkdir(parents=True, exist_ok=True)
        for doc in sorted((own_knowledge / lang).iterdir()):
            _copy_if_changed(doc, target / lang / doc.name)
        for doc in sorted((real_corpus / lang).glob("*.md")):
            _copy_if_changed(doc, target / REAL_CORPUS_FOLDER / lang / doc.name)
    return target


def _copy_if_changed(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists() or dst.read_bytes() != src.read_bytes():
        shutil.copyfile(src, dst)


def judge(q: AnswerQuestion, answer) -> tuple[bool, bool]:
    """(the reply states every gold fact, a citation from a gold article states it)."""
    text = _norm(answer.text)
    stated = all(any(_norm(s) in text for s in spellings) for spellings in q.facts)
    cited = any(src.article_id in q.articles and all(any(_norm(s) in _norm(src.text) for s in spellings)
                                                    for spellings in q.facts)
                for src in answer.sources)
    return stated, cited


async def evaluate(engine, questions: list[AnswerQuestion]) -> tuple[dict, list[tuple[AnswerQuestion, str]]]:
    """{(corpus, split, lang): {"n", "answer", "fact", "cited"}} and the misses."""
    stats: dict = defaultdict(lambda: {"n": 0, "answer": 0, "fact": 0, "cited": 0})
    misses = []
    for q in questions:
        answer = await engine.answer(f"eval-{q.id}", q.question)
        stated, cited = judge(q, answer)
        for key in ((q.corpus, q.split, q.lang), (q.corpus, q.split, "all")):
            s = stats[key]
            s["n"] += 1
            s["fact"] += stated
            s["cited"] += cited
            s["answer"] += stated and cited
        if not (stated and cited):
            misses.append((q, answer.text))
    return dict(stats), misses


def render(stats: dict, misses: list, show: int = 0) -> str:
    lines = [f"{'corpus':7} {'split':8} {'lang':4} {'n':>4} {'answer':>7} {'fact':>7} {'cited':>7}"]
    for (corpus, split, lang), s in sorted(stats.items()):
        n = s["n"]
        lines.append(f"{corpus:7} {split:8} {lang:4} {n:>4} {s['answer'] / n:>7.1%} {s['fact'] / n:>7.1%} "
                     f"{s['cited'] / n:>7.1%}")
    for q, text in misses[:show]:
        lines.append(f"\n✗ {q.id} [{q.corpus}/{q.split}/{q.lang}] {q.question}\n  gold: {q.facts}\n  "
                     + text.replace("\n", "\n  ")[:900])
    return "\n".join(lines)
