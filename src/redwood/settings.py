"""Runtime configuration, read from the environment with the `REDWOOD_` prefix.

`REDWOOD_DATABASE_URL` picks the database (default: an SQLite file in the user data
directory, `$XDG_DATA_HOME/redwood/redwood.db`); `REDWOOD_SECRET_KEY` signs sessions.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """`$XDG_DATA_HOME/redwood`, falling back to the platform's user data directory."""
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        return Path(xdg) / "redwood"
    from platformdirs import user_data_path

    return user_data_path("redwood", appauthor=False)


def default_database_url() -> str:
    """The embedded SQLite default."""
    return f"sqlite:///{default_data_dir() / 'redwood.db'}"


class Settings(BaseSettings):
    """Every setting Redwood reads; pydantic validates them at the edge."""

    model_config = SettingsConfigDict(env_prefix="REDWOOD_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    secret_key: str = "dev-only-change-me"
    timezone: str = "UTC"
    registrations_per_hour: int = Field(default=5, ge=0)
    """Accounts one client address may make per hour (0: no limit)."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache after changing the environment)."""
    return Settings()
