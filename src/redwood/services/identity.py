"""Who the use cases act for: the signed-in athlete of a request, or the local athlete.

The CLI is one person on one machine, so every use case reads "the athlete" through
`services.athletes.local_athlete`, which creates the single local athlete on first use. A
server has many athletes; rather than threading an athlete id through every service
signature, the web layer wraps each call in `acting_as(athlete_id)`. A context variable
carries the id to `local_athlete`, which then returns that athlete (and never the local
one). Context variables belong to one thread or task, so two requests served at the same
time never see each other's athlete, and the value is restored when the block ends, even
when the use case raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_acting: ContextVar[int | None] = ContextVar("redwood_acting_as", default=None)


def acting_athlete_id() -> int | None:
    """The athlete the current use case acts for, or None (the local athlete)."""
    return _acting.get()


@contextmanager
def acting_as(athlete_id: int) -> Iterator[None]:
    """Run the block's use cases as `athlete_id` (restored afterwards, also on error)."""
    if isinstance(athlete_id, bool) or not isinstance(athlete_id, int) or athlete_id < 1:
        raise ValueError(f"acting_as: expected an athlete id, got {athlete_id!r}")
    token = _acting.set(athlete_id)
    try:
        yield
    finally:
        _acting.reset(token)
