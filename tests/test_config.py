"""The effective configuration as logged at start: complete, with secrets never shown."""

from __future__ import annotations

from bot.config import Settings


def _settings(**values) -> Settings:
    return Settings(_env_file=None, **values)


def test_summary_shows_a_secret_only_as_set():
    summary = _settings(telegram_bot_token="123456:abcdefghijklmnopqrstuvwxyzABCDEFGHIJ").summary()
    assert summary["telegram_bot_token"] == "set"


def test_summary_hides_a_password_in_a_url():
    summary = _settings(redis_url="redis://:hunter2@redis:6379/0").summary()
    assert summary["redis_url"] == "redis://***@redis:6379/0"


def test_summary_keeps_a_url_without_credentials():
    assert _settings(chroma_url="http://chroma:8000").summary()["chroma_url"] == "http://chroma:8000"


def test_summary_counts_user_lists():
    assert _settings(admin_user_ids="1,2,3").summary()["admin_user_ids"] == 3


def test_models_dir_defaults_to_data_dir():
    assert _settings(data_dir="d", models_dir="").model_dir.as_posix() == "d/models/multilingual-e5-small"


def test_models_dir_can_live_elsewhere():
    assert _settings(models_dir="/opt/models").model_dir.as_posix() == "/opt/models/multilingual-e5-small"
