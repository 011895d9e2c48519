"""Admins' uploads shared through Redis: every replica's knowledge folder gets them before
it re-indexes."""

from __future__ import annotations

import pytest

from bot.kb.uploads import LocalUploads, RedisUploads, write_upload


def test_write_upload_refuses_a_path(tmp_path):
    with pytest.raises(ValueError):
        write_upload(tmp_path, "../escape.md", b"x")


def test_write_upload_refuses_an_unindexable_type(tmp_path):
    with pytest.raises(ValueError):
        write_upload(tmp_path, "run.sh", b"x")


def test_write_upload_lands_in_uploads(tmp_path):
    assert write_upload(tmp_path, "a.md", b"# A").read_bytes() == b"# A"


def test_local_uploads_have_nothing_to_copy(tmp_path):
    assert LocalUploads().sync_to(tmp_path) == []


pytestmark_redis = pytest.mark.slow


@pytestmark_redis
def test_upload_from_one_replica_reaches_another(redis_url, tmp_path):
    RedisUploads(redis_url).put("gpu-notes.md", "# GPU notes\n\nملاحظات".encode())
    RedisUploads(redis_url).sync_to(tmp_path / "b")
    assert (tmp_path / "b" / "uploads" / "gpu-notes.md").read_text() == "# GPU notes\n\nملاحظات"


@pytestmark_redis
def test_identical_upload_is_not_rewritten(redis_url, tmp_path):
    shared = RedisUploads(redis_url)
    shared.put("a.md", b"# A")
    shared.sync_to(tmp_path)
    assert shared.sync_to(tmp_path) == []


@pytestmark_redis
def test_new_version_of_an_upload_replaces_the_old(redis_url, tmp_path):
    shared = RedisUploads(redis_url)
    shared.put("a.md", b"# A")
    shared.sync_to(tmp_path)
    shared.put("a.md", b"# A, revised")
    assert shared.sync_to(tmp_path) == ["a.md"]


@pytestmark_redis
def test_bad_shared_name_is_skipped(redis_url, tmp_path):
    shared = RedisUploads(redis_url)
    shared.redis.hset("compute-bot:uploads", "../../etc/x.md", b"x")
    assert shared.sync_to(tmp_path / "k") == []


def test_redis_down_is_a_store_outage(tmp_path):
    from bot.kb.store import StoreUnavailable

    with pytest.raises(StoreUnavailable):
        RedisUploads("redis://127.0.0.1:9/0").sync_to(tmp_path)
