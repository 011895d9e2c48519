"""The re-index lock in its three forms: one holder at a time, a bounded wait, and a shared
lease that lapses when its holder stops renewing it (a dead replica)."""

from __future__ import annotations

import threading
import time

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from bot.kb import reindex_lock
from bot.kb.reindex_lock import ChromaReindexLock, FileReindexLock, RedisReindexLock


def test_file_lock_refuses_a_second_holder(tmp_path):
    first, second = FileReindexLock(tmp_path / "l.lock"), FileReindexLock(tmp_path / "l.lock")
    assert first.acquire()
    assert not second.acquire(wait_s=0)


def test_file_lock_names_its_holder(tmp_path):
    first = FileReindexLock(tmp_path / "l.lock")
    first.acquire()
    assert FileReindexLock(tmp_path / "l.lock").holder() == reindex_lock.holder_label()


def test_a_waiting_file_lock_gets_it_when_released(tmp_path):
    first, second = FileReindexLock(tmp_path / "l.lock"), FileReindexLock(tmp_path / "l.lock")
    first.acquire()
    threading.Timer(0.3, first.release).start()
    assert second.acquire(wait_s=10)


@pytest.fixture
def chroma_client(tmp_path):
    return chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))


def test_chroma_lock_refuses_a_second_holder(chroma_client):
    first, second = ChromaReindexLock(chroma_client), ChromaReindexLock(chroma_client)
    assert first.acquire()
    try:
        assert not second.acquire(wait_s=0)
    finally:
        first.release()


def test_chroma_lock_is_free_again_after_release(chroma_client):
    first, second = ChromaReindexLock(chroma_client), ChromaReindexLock(chroma_client)
    first.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_lapsed_chroma_lock_is_taken_over_and_its_old_holder_knows(chroma_client, monkeypatch):
    monkeypatch.setattr(reindex_lock, "LEASE_S", 0.5)
    monkeypatch.setattr(reindex_lock, "RENEW_EVERY_S", 3600.0)  # the holder stops renewing: a frozen process
    first, second = ChromaReindexLock(chroma_client), ChromaReindexLock(chroma_client)
    first.acquire()
    time.sleep(0.7)
    assert second.acquire(wait_s=5)
    assert not first.still_held()
    second.release()


@pytest.mark.slow
def test_redis_lock_is_exclusive_across_clients(redis_url):
    first, second = RedisReindexLock(redis_url), RedisReindexLock(redis_url)
    assert first.acquire()
    try:
        assert not second.acquire(wait_s=0.3)
    finally:
        first.release()


@pytest.mark.slow
def test_redis_lock_heartbeat_keeps_a_long_reindex_locked(redis_url, monkeypatch):
    monkeypatch.setattr(reindex_lock, "LEASE_S", 1.0)
    monkeypatch.setattr(reindex_lock, "RENEW_EVERY_S", 0.25)
    first, second = RedisReindexLock(redis_url), RedisReindexLock(redis_url)
    first.acquire()
    try:
        time.sleep(2.0)  # twice the lease: only the heartbeat keeps it
        assert not second.acquire(wait_s=0)
        assert first.still_held()
    finally:
        first.release()


@pytest.mark.slow
def test_redis_lock_of_a_dead_holder_lapses(redis_url, monkeypatch):
    monkeypatch.setattr(reindex_lock, "LEASE_S", 1.0)
    monkeypatch.setattr(reindex_lock, "RENEW_EVERY_S", 3600.0)
    first, second = RedisReindexLock(redis_url), RedisReindexLock(redis_url)
    first.acquire()
    assert second.acquire(wait_s=5)
    assert not first.still_held()
    second.release()


@pytest.mark.slow
def test_redis_lock_holder_is_readable_by_others(redis_url):
    first = RedisReindexLock(redis_url)
    first.acquire()
    try:
        assert RedisReindexLock(redis_url).holder() == reindex_lock.holder_label()
    finally:
        first.release()
