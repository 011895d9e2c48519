"""The evaluation sets are what the issue asks for, and the held-out parts stay frozen."""

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from bot.nlu.intent import LABELS
from bot.nlu.subject import training_examples

NLU = Path(__file__).resolve().parents[1] / "data" / "nlu"
FROZEN = {
    "heldout.jsonl": "fa6579b0c1e4f996ae469138eb0aa4279c726a94ec1157bda9c1599c6b61ccc1",
    "heldout_scope.jsonl": "7a24bdbcae43bc90cb29707d21b79d1e637081fbe3472813dc43b6dd1b21375c",
    "heldout_v2.jsonl": "c1382a0d8c75d6b3c4312f3a1cb178697be8d36813d4c2f767e989f1496b53eb",
    "heldout_v3.jsonl": "06c02cdcaa48372083e4baa7d48cf76fe585e03d7b9b7bae29b638d97b003470",
    "heldout_v4.jsonl": "0658099e11be38b81799b386c9b2af1ca6204ca743c3c06ce3f87dae95d81e1d",
    "heldout_v5.jsonl": "151790021b7829203bc02625094c377ec447328214c0f825951f45884945b76d",
    "heldout_v6.jsonl": "0f403795b0495ebd635f8a71157ebfc7995ebd978129b3ea46013da88531bde3",
    "heldout_v7.jsonl": "bc36ea43d3b65b583000650bc6996f5be3c37f09be86aa0300e029c022bcc219",
    "heldout_v8.jsonl": "b4034e97ceeed2da8016ec4a06d716c1ab0fc72ab6296e6714e3c57e29eca5a1",
    "heldout_v9.jsonl": "16c5f0a1fa84778a5c3a1e4b1fddc2075308c2734bafa741a4ac56396bcc9de0",
    "heldout_v11.jsonl": "2953628ff86f26292b3682fc274a131ccc3f7806eeb6b43da04d2814c718f8ea",
    "heldout_v10.jsonl": "c89e3d10a92a863b9fea4fda2c352a63f4967f8b93c1b8221c10a3a40c095c54",
    "heldout_v12.jsonl": "e19b322d9226f332c72af95ac7f49fc72c1d15ab804f04493bc5afe9ede0e171",
}
SETS = ["dev.jsonl", "dev2.jsonl", "dev3.jsonl", *FROZEN]


def rows() -> list[dict]:
    return [json.loads(line) for name in SETS for line in (NLU / name).read_text("utf-8").splitlines() if line]


@pytest.mark.parametrize(("name", "digest"), FROZEN.items())
def test_held_out_split_is_unchanged(name, digest):
    assert hashlib.sha256((NLU / name).read_bytes()).hexdigest() == digest


def test_at_least_400_labelled_utterances():
    assert len(rows()) >= 400


def test_at_least_40_percent_arabic():
    assert sum(r["lang"] == "ar" for r in rows()) / len(rows()) >= 0.40


def test_at_least_100_off_topic_or_adversarial():
    assert Counter(r["route"] for r in rows())["off_topic"] >= 100


def test_at_least_100_knowledge_paraphrases():
    assert Counter(r["route"] for r in rows())["knowledge"] >= 100


def test_every_route_is_known():
    assert {r["route"] for r in rows()} <= set(LABELS)


def test_every_calculation_has_an_expected_number():
    # except where the writer marked the question as asking for two results or as leaving an input out
    # (its route and fields are still scored)
    calcs = [r for r in rows() if r["route"] not in ("knowledge", "smalltalk", "off_topic")
             and not any(t == "ambiguous-two-targets" or t.startswith("ambiguous-missing") for t in r.get("tags", []))]
    assert all(r["answer"] and isinstance(r["answer"]["value"], int | float) for r in calcs)


def test_no_evaluation_text_is_in_the_training_examples():
    train = {r["text"].strip().lower() for r in training_examples()}  # the intent's and the subject model's
    assert not [r["id"] for r in rows() if r["text"].strip().lower() in train]
