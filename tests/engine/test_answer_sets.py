"""The answer-level question sets over the real corpus: the held-out parts stay frozen, and
every gold passage is quoted verbatim from the document it names."""

import hashlib
import json
from pathlib import Path

import pytest

from bot.engine.answer_evaluation import REAL_CORPUS_SETS, load_real_corpus_questions

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "real-corpus"
FROZEN = {
    "tests/data/answers/real_corpus.jsonl": "b5b4329fc7bec99f6854ecd32cd65410c6553b341bb37e5167177c7f2eb5136e",
    "tests/data/answers/real_corpus_v2.jsonl": "6fe83bfb887bf22422f9b342ef1387c77bbd417c4815e0742d80650ec05e7841",
    "tests/data/answers/real_corpus_v3.jsonl": "0fd46f48664ebc10def0fa3400e78db29fec3aa366a6a3d60c7fda740bcb80a7",
}


def _lines(name):
    return [json.loads(line) for line in (ROOT / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(FROZEN))
def test_question_set_is_unchanged(name):
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == FROZEN[name]


def test_every_set_is_evaluated_by_default():
    assert set(REAL_CORPUS_SETS) == set(FROZEN)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/real-corpus is not beside the project")
@pytest.mark.parametrize("name", sorted(FROZEN))
def test_gold_passages_are_verbatim(name):
    missing = [d["id"] for d in _lines(name)
               if d["gold_passage"] not in (CORPUS / d["doc"]).read_text(encoding="utf-8")]
    assert missing == []


def test_ids_are_unique_across_sets():
    ids = [q.id for name in FROZEN for q in load_real_corpus_questions(ROOT / name)]
    assert len(ids) == len(set(ids))


def test_second_part_is_its_own_split():
    assert {q.split for q in load_real_corpus_questions(ROOT / "tests/data/answers/real_corpus_v2.jsonl")} == {"heldout2"}


def test_third_part_is_its_own_split():
    assert {q.split for q in load_real_corpus_questions(ROOT / "tests/data/answers/real_corpus_v3.jsonl")} == {"heldout3"}
