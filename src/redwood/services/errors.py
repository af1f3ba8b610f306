"""Errors the use cases raise; the CLI prints them as one line, the API as a JSON 4xx."""

from __future__ import annotations


class ServiceError(ValueError):
    """A request the service refuses; `field` names the input at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFoundError(ServiceError):
    """The thing asked for does not exist (or belongs to someone else)."""
