"""Is the thing being priced AI compute at all? A second, lexical opinion on scope for
messages that read as a calculation.

The intent classifier reads sentence embeddings, which carry the *shape* of a request
("bought for X, loses Y% a year, worth after Z years?") more than its subject, so a laptop
losing value reads like a GPU losing value. This model reads the words instead: character
2–5-grams and words (digits removed, Arabic normalised) in a logistic regression trained on
the same labelled file as the intent classifier (``off_topic`` against everything else), so
"kettle", "شقة", "Tesla", "مطعم" weigh against the message and "H100", "كروت", "cluster",
"tokens" for it. Trained in about a second at setup and cached beside the intent model.
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path

from bot.kb.arabic import normalize
from bot.nlu.intent import DATA_DIR, EXAMPLES, load_examples
from bot.nlu.model_cache import load_or_fit

# more lines for this model only: calculation-shaped messages about other things (a salon's payback, a
# flat by the month, a laptop losing value) and terse or dialect ones about GPUs, by another writer.
# Not for the intent classifier: there they pulled real payback and price-decline questions to off-topic
SUBJECT_EXAMPLES = DATA_DIR / "subject_examples.jsonl"
C = 8.0  # swept 1 / 4 / 8 / 16 on the development material (see calibration.json)
# a number that stands alone; one glued to Latin letters is part of a name (H100, A100, MI300X, RTX-4090 keeps
# its "RTX-"), and the names are the best evidence that the thing priced is compute
_DIGITS = re.compile(r"(?<![A-Za-z0-9٠-٩.,٫٬\-])[0-9٠-٩][0-9٠-٩.,٫٬]*")


def prepare(text: str) -> str:
    """Words without their amounts (the amounts say nothing about what is priced), names kept whole."""
    return _DIGITS.sub(" ", normalize(text).lower())


class SubjectModel:
    def __init__(self, pipeline):
        self.pipeline = pipeline
        self._off = list(pipeline.classes_).index(True)

    @classmethod
    def fit(cls, examples: list[dict]) -> SubjectModel:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        features = make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
                              TfidfVectorizer(analyzer="word", sublinear_tf=True))
        pipeline = make_pipeline(features, LogisticRegression(C=C, max_iter=5000, class_weight="balanced"))
        pipeline.fit([prepare(r["text"]) for r in examples], [r["route"] == "off_topic" for r in examples])
        return cls(pipeline)

    def off_topic_p(self, text: str) -> float:
        """Probability that ``text`` is about something other than AI compute."""
        return float(self.pipeline.predict_proba([prepare(text)])[0][self._off])


_cached: SubjectModel | None = None
_lock = threading.Lock()


def training_examples() -> list[dict]:
    return load_examples() + load_examples(SUBJECT_EXAMPLES)


def fingerprint(examples_path: Path = EXAMPLES) -> str:
    h = hashlib.sha256(examples_path.read_bytes())
    h.update(SUBJECT_EXAMPLES.read_bytes())
    h.update(f"subject tfidf char2-5+word logreg C={C} v2 names-kept".encode())
    return h.hexdigest()[:16]


def load_or_train(cache_dir: Path | None = None) -> SubjectModel:
    """One model per process; on disk under ``cache_dir`` keyed by the examples file."""
    global _cached
    with _lock:
        if _cached is not None:
            return _cached
        path = Path(cache_dir) / f"subject-{fingerprint()}.joblib" if cache_dir is not None else None
        model = load_or_fit(path, lambda: SubjectModel.fit(training_examples()), lambda m: m.pipeline, SubjectModel)
        _cached = model
        return model
