"""Errors the repositories raise, so services can answer 404, 409 or 412 without SQL details.

They are `ValueError`s whose message is one clear line, so a caller that forgets to translate
them still shows the user a sentence, never a traceback.
"""

from __future__ import annotations


class StoreError(ValueError):
    """Something the store refused; the message is one line meant for people."""


class RecordNotFoundError(StoreError):
    """No such row for this athlete (another athlete's row looks exactly the same)."""


class DuplicateRecordError(StoreError):
    """A row with the same unique key already exists."""


class StaleVersionError(StoreError):
    """The row changed since the caller read it (optimistic concurrency check failed)."""


class RecordInUseError(StoreError):
    """The row is still referenced (for example a custom exercise that has logged sets)."""
