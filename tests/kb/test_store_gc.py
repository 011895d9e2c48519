"""Which generations a re-index may delete: never the active or previous one, nor one that
was active within the grace period (a replica may still read it); a generation that never
became active was left by a dead re-index and goes."""

from __future__ import annotations

import time

import pytest

from bot.kb.store import KnowledgeStore


@pytest.fixture
def store(tmp_path):
    return KnowledgeStore.from_settings(tmp_path / "data")


def _activate(store: KnowledgeStore) -> str:
    name = store.new_generation().name
    store.set_active(name, "fp")
    return name


def test_previous_generation_is_recorded(store):
    first = _activate(store)
    _activate(store)
    assert store.pointer()["previous"] == first


def test_generation_retired_within_grace_is_kept(store):
    first, second, third = _activate(store), _activate(store), _activate(store)
    store.collect_garbage(grace_s=600)
    assert set(store.generations()) == {first, second, third}


def test_generation_retired_before_grace_is_dropped(store):
    first = _activate(store)
    _activate(store)
    _activate(store)
    dropped = store.collect_garbage(grace_s=600, now=time.time() + 601)
    assert dropped == [first]


def test_active_and_previous_survive_any_grace(store):
    _activate(store)
    second, third = _activate(store), _activate(store)
    store.collect_garbage(grace_s=0, now=time.time() + 10**6)
    assert set(store.generations()) == {second, third}


def test_never_activated_generation_is_dropped(store):
    active = _activate(store)
    orphan = store.new_generation().name
    assert store.collect_garbage(grace_s=600) == [orphan]
    assert store.generations() == [active]


def test_dropped_generation_leaves_the_retired_list(store):
    first = _activate(store)
    _activate(store)
    _activate(store)
    store.collect_garbage(grace_s=600, now=time.time() + 601)
    assert first not in store.pointer()["retired"]
