"""Models trained at setup, kept on disk under the models folder and retrained when their
file is missing or unreadable (written to a temporary file and renamed, so a half-written
model is never read)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def load_or_fit(path: Path | None, fit: Callable[[], T], to_disk: Callable[[T], object],
                from_disk: Callable[[object], T]) -> T:
    import joblib

    if path is not None and path.exists():
        try:
            return from_disk(joblib.load(path))
        except Exception:  # corrupt, or written by another library version: retrain
            log.warning("model %s unreadable; retraining", path.name)
    model = fit()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        joblib.dump(to_disk(model), tmp)
        tmp.replace(path)
    return model
