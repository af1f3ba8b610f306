"""The independent checker of generated programs (notes/planner-design.md, hard rules 1-11).

`check_program(doc, catalogue)` reads a program document in the DESIGN.md contract and
the catalogue, and returns one message per violated rule, each starting with a location
such as `weeks[2].sessions[0].blocks[1].exercises[0]`. It never imports the planner,
`domain/timing.py` or `domain/volume.py`: every rule is rebuilt from the spec's text, so
a slip in the generator's own bookkeeping cannot hide from it.

Rule families live in sibling modules:

- `checker_shape`: the JSON contract (schema, profile keys, weeks/sessions/blocks, types);
- `checker_session`: 1 equipment and setting per weekday, 2 limitations, 3 level and
  exclusions, 4 the time model and budget, 5 spine, 6 order, 7 supersets, 10 doses;
- `checker_week`: the athlete's weekdays, 8 recovery, 9 weekly volume per group;
- `checker_blocks`: 11 periodisation;
- `checker_time`: the exact time model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from redwood.domain.exercise import Exercise
from tests.planner.checker_blocks import check_periodisation
from tests.planner.checker_common import Ctx, sessions
from tests.planner.checker_session import check_session
from tests.planner.checker_shape import check_shape
from tests.planner.checker_week import VolumeTarget, check_week, volume_targets

__all__ = ["check_program", "program_volume_targets"]


def _context(doc: dict[str, Any], catalogue: Iterable[Exercise]) -> Ctx:
    return Ctx(doc=doc, lookup={ex.id: ex for ex in catalogue})


def check_program(doc: dict[str, Any], catalogue: Iterable[Exercise]) -> list[str]:
    """One message per violated hard rule; [] for a program that keeps every rule.

    A document that breaks the contract's shape gets only its shape problems: the rules
    need well-formed weeks, sessions and blocks to be read at all.
    """
    ctx = _context(doc, catalogue)
    problems = check_shape(doc, set(ctx.lookup))
    if problems:
        return problems
    for _, week, _, session, where in sessions(ctx):
        problems += check_session(ctx, week, session, where)
    for wi, week in enumerate(doc["weeks"]):
        problems += check_week(ctx, wi, week)
    problems += check_periodisation(ctx)
    return problems


def program_volume_targets(
    doc: dict[str, Any], catalogue: Iterable[Exercise]
) -> list[VolumeTarget]:
    """Per planned group (quads, hamstrings, glutes, back): band, build-week extremes, warned."""
    ctx = _context(doc, catalogue)
    if check_shape(doc, set(ctx.lookup)):
        return []
    return volume_targets(ctx)
