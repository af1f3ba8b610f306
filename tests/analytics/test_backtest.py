"""Backtesting: each rule's prescription against what the day showed the athlete could do."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from redwood.analytics.backtest import Verdict, default_target, judge, replay, score
from redwood.domain.exposure import Exposure, Target, WorkSet
from redwood.domain.loadsteps import ladder_for
from redwood.domain.mass import Mass, Unit
from redwood.domain.progression import Action, Decision, RuleName
from redwood.services.catalogue import catalogue

SQUAT = ladder_for(catalogue().get("barbell-back-squat"), unit=Unit.KG)  # type: ignore[arg-type]
DAY = date(2026, 1, 5)
TARGET = Target(3, 5, 8, 2)


def kg(value: int) -> Mass:
    return Mass(Decimal(value))


def loaded(load: int, reps: int, rir: int | None) -> Exposure:
    return Exposure(DAY, (WorkSet(reps, kg(load), None if rir is None else Decimal(rir)),))


def decision(load: int | None, low: int, high: int, action: Action = Action.HOLD) -> Decision:
    return Decision(RuleName.DOUBLE, action, None if load is None else kg(load), low, high, "why")


@pytest.mark.parametrize(
    ("what", "asked", "done", "verdict", "capacity"),
    [
        # 100 kg x 5 at RIR 2 that day: e1RM 123.305, which allows 100 kg for 5 at RIR 2.
        ("two steps over", decision(110, 5, 8), loaded(100, 5, 2), Verdict.AGGRESSIVE, "100.000"),
        ("one step over", decision(105, 5, 8), loaded(100, 5, 2), Verdict.RIGHT, "100.000"),
        ("one step under", decision(95, 5, 8), loaded(100, 5, 2), Verdict.RIGHT, "100.000"),
        ("two steps under", decision(90, 5, 8), loaded(100, 5, 2), Verdict.TIMID, "100.000"),
        (
            "calibration",
            decision(None, 5, 8, Action.CALIBRATE),
            loaded(100, 5, 2),
            Verdict.NONE,
            None,
        ),
        ("no e1RM from 15 reps", decision(100, 5, 8), loaded(60, 15, None), Verdict.NONE, None),
        ("reps + RIR over 12 asked", decision(60, 12, 15), loaded(100, 5, 2), Verdict.NONE, None),
    ],
)
def test_loaded_prescriptions_against_the_days_e1rm(
    what: str, asked: Decision, done: Exposure, verdict: Verdict, capacity: str | None
) -> None:
    found, allowed, reps = judge(asked, done, TARGET, SQUAT)
    assert found is verdict, what
    assert reps is None
    assert (None if allowed is None else str(allowed.kg.quantize(Decimal("0.001")))) == capacity


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        (10, 12, Verdict.AGGRESSIVE),
        (8, 10, Verdict.RIGHT),
        (6, 8, Verdict.RIGHT),
        (3, 5, Verdict.TIMID),
    ],
)
def test_bodyweight_prescriptions_against_the_reps_the_day_allowed(
    low: int, high: int, verdict: Verdict
) -> None:
    done = Exposure(DAY, (WorkSet(8, None, Decimal(1)), WorkSet(6, None, None)))
    found, allowed, reps = judge(decision(None, low, high), done, TARGET, SQUAT)
    assert (found, allowed, reps) == (verdict, None, 7)  # 8 reps at RIR 1 = 7 at RIR 2


def test_the_target_is_the_prescription_else_the_range_of_the_reps_done() -> None:
    planned = Exposure(DAY, (WorkSet(5, kg(100), None),), 6, 10, 1)
    assert default_target(planned) == Target(1, 6, 10, 1)
    assert default_target(loaded(100, 5, None)) == Target(1, 3, 6, 2)
    assert default_target(loaded(60, 10, None)) == Target(1, 6, 12, 2)
    assert default_target(loaded(40, 15, None)) == Target(1, 12, 20, 2)


def _week(n: int, load: int, reps: int) -> Exposure:
    sets = tuple(WorkSet(reps, kg(load), Decimal(2)) for _ in range(3))
    return Exposure(DAY + timedelta(days=3 * n), sets, 5, 8, 2)


def test_every_session_after_the_first_is_replayed_and_scored() -> None:
    history = [_week(0, 100, 8), _week(1, 105, 6), _week(2, 105, 8), _week(3, 110, 5)]
    replays = replay(history, RuleName.DOUBLE, ladder=SQUAT, cap=Decimal("0.05"))
    assert [r.on for r in replays] == [h.on for h in history[1:]]
    first = replays[0]
    # 3 x 8 at RIR 2 at the top of 5-8: +5 kg, back to 5 reps; the day's 105 x 6 at RIR 2
    # (e1RM 105 / 0.786 = 133.6) allowed 108.4 kg for 5: within a step.
    assert (first.action, first.load, first.reps_min, first.reps_max) == (
        Action.INCREASE_LOAD, kg(105), 5, 8,
    )  # fmt: skip
    assert first.lifted_load == kg(105)
    assert first.lifted_reps == (6, 6, 6)
    assert first.verdict is Verdict.RIGHT
    found = score(RuleName.DOUBLE, replays)
    assert found.sessions == 3
    assert found.judged == found.aggressive + found.timid + found.right == 3
    assert found.share(found.right) is not None
    assert score(RuleName.LINEAR, replays).sessions == 0


def test_a_gap_of_more_than_twelve_weeks_means_calibration() -> None:
    history = [_week(0, 100, 8), Exposure(DAY + timedelta(days=100), (WorkSet(5, kg(100), None),))]
    (only,) = replay(history, RuleName.DOUBLE, ladder=SQUAT, cap=Decimal("0.05"))
    assert (only.action, only.verdict) == (Action.CALIBRATE, Verdict.NONE)
