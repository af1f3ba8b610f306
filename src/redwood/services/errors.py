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


class ConflictError(ServiceError):
    """The request clashes with what is stored (an email already registered)."""


class ForbiddenError(ServiceError):
    """The request names something the athlete may not use (an id taken by someone else)."""


class AuthenticationError(ServiceError):
    """Sign-in failed or a token is missing, wrong, expired or revoked; the message never
    says which of email and password was wrong."""


class RateLimitedError(ServiceError):
    """Too many attempts: try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field)
        self.retry_after = retry_after
