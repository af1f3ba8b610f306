"""Weekly fractional hard sets per muscle group against the band (TRAINING.md 1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from redwood.analytics.volume import (
    GroupVolume,
    group_volumes,
    monday_of,
    read_group,
    weekly_sets,
    weeks_between,
)
from redwood.domain.vocab import Goal, Level
from redwood.domain.volume import BandPosition, VolumeError, VolumeGroup
from redwood.services.catalogue import catalogue


@dataclass(frozen=True)
class Count:
    on: date
    exercise_id: str
    sets: int


COUNTS = [
    Count(date(2026, 1, 5), "barbell-back-squat", 3),
    Count(date(2026, 1, 5), "pull-up", 2),
    Count(date(2026, 1, 8), "barbell-back-squat", 3),
    Count(date(2026, 1, 8), "barbell-romanian-deadlift", 2),
    Count(date(2026, 1, 12), "pull-up", 3),
    Count(date(2026, 1, 12), "no-such-exercise", 9),
]
WEEKS = weeks_between(date(2026, 1, 7), date(2026, 1, 20))


def test_weeks_are_mondays_covering_the_window() -> None:
    assert weeks_between(date(2026, 1, 7), date(2026, 1, 20)) == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),
    ]
    assert monday_of(date(2026, 1, 11)) == date(2026, 1, 5)


def test_sets_count_per_group_per_week_zero_filled() -> None:
    found = {
        (w.week.isoformat(), w.group.value): w.sets
        for w in weekly_sets(COUNTS, catalogue().get, WEEKS)
    }
    # squat: quads 1, glutes 1, adductors 0.5 a set; RDL: hamstrings 1, glutes 1, adductors
    # and forearms 0.5; pull-up: back 1, biceps and forearms 0.5 (lats + upper back once).
    assert found[("2026-01-05", "quads")] == 6
    assert found[("2026-01-05", "glutes")] == 8
    assert found[("2026-01-05", "adductors")] == 4
    assert found[("2026-01-05", "back")] == 2
    assert found[("2026-01-05", "forearms")] == 2
    assert found[("2026-01-12", "back")] == 3
    assert found[("2026-01-12", "quads")] == 0
    assert found[("2026-01-19", "back")] == 0
    assert {g for _, g in found} == {
        "quads",
        "glutes",
        "adductors",
        "back",
        "hamstrings",
        "biceps",
        "forearms",
    }


def test_the_average_sits_below_within_or_above_the_band() -> None:
    weekly = weekly_sets(COUNTS, catalogue().get, WEEKS)
    volumes = {v.group: v for v in group_volumes(weekly, Goal.HYPERTROPHY, Level.INTERMEDIATE)}
    quads = volumes[VolumeGroup.QUADS]
    assert (quads.average, quads.weeks) == (Decimal("2.0"), 3)
    assert quads.band is not None
    assert (quads.band.low, quads.band.high) == (10, 20)
    assert quads.position is BandPosition.BELOW
    assert volumes[VolumeGroup.GLUTES].band.high == 16  # type: ignore[union-attr]
    unknown = group_volumes(weekly, None, None)[0]
    assert (unknown.band, unknown.position) == (None, None)
    assert GroupVolume(VolumeGroup.BACK, Decimal(25), 1, quads.band).position is BandPosition.ABOVE


@pytest.mark.parametrize(
    ("typed", "group"),
    [("quads", "quads"), ("Lats", "back"), ("upper back", "back"), ("rear-delts", "rear_delts")],
)
def test_muscles_are_read_as_their_group(typed: str, group: str) -> None:
    assert read_group(typed).value == group


def test_erectors_and_unknown_names_are_refused_on_the_muscle_field() -> None:
    for typed in ("erectors", "elbows"):
        with pytest.raises(VolumeError, match=r"^muscle: "):
            read_group(typed)
