"""Settings from environment variables (and an optional ``.env``), validated at start.

Every name and default is documented in the README's configuration table.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

IdList = Annotated[frozenset[int], NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str = "https://api.telegram.org/file/bot"
    admin_user_ids: IdList = frozenset()
    allowed_user_ids: IdList = frozenset()
    allowed_chat_ids: IdList = frozenset()
    knowledge_dir: Path = Path("knowledge")
    data_dir: Path = Path("data")
    models_dir: Path | None = None  # empty: DATA_DIR/models (an image builds them into a read-only folder)
    log_level: str = "INFO"
    embedding_model: str = ""  # empty: the offline model built under DATA_DIR/models
    chroma_url: str = ""  # empty: embedded PersistentClient under DATA_DIR/chroma
    redis_url: str = ""  # empty: conversation state in SQLite under DATA_DIR
    history_idle_hours: float = Field(default=24.0 * 7, gt=0)
    rate_limit_per_minute: int = Field(default=20, ge=1)
    max_input_chars: int = Field(default=4096, ge=100)
    webhook_url: str = ""
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    ops_port: int = Field(default=9090, ge=0, le=65535)  # polling mode: /healthz /readyz /metrics; 0: none
    ops_listen: str = "127.0.0.1"
    llm_base_url: str = ""
    llm_api_key: SecretStr | None = None
    llm_model: str = ""

    @field_validator("admin_user_ids", "allowed_user_ids", "allowed_chat_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be comma-separated integer Telegram ids, e.g. 12345,67890") from None
        return value

    @field_validator("models_dir", mode="before")
    @classmethod
    def _empty_is_default(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return value

    @property
    def model_dir(self) -> Path:
        return (self.models_dir or self.data_dir / "models") / "multilingual-e5-small"

    def summary(self) -> dict:
        """The effective configuration for the start-up log line: secrets and URL passwords
        redacted, user lists as counts."""
        out: dict = {}
        for name, value in self:
            if isinstance(value, SecretStr):
                value = "set" if value.get_secret_value() else ""
            elif isinstance(value, frozenset):
                value = len(value)
            elif isinstance(value, Path):
                value = str(value)
            elif isinstance(value, str) and name.endswith("_url"):
                value = _redact_url(value)
            out[name] = value
        return out

    @property
    def forget_every_s(self) -> float:
        """How often idle chats are deleted: a tenth of the idle time, at most every 10 minutes."""
        return min(600.0, self.history_idle_hours * 3600 / 10)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


def _redact_url(url: str) -> str:
    """``redis://:pw@host`` → ``redis://***@host``; URLs without credentials unchanged."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
