"""Backtesting progression rules on the athlete's own log (`redwood backtest`, GET
/backtest): every session of the window replayed through each rule of
`domain.progression.RULES`, against what was lifted (`analytics.backtest`).

The history before each session is the 12 weeks the coach would have read (so the window
reads 12 weeks more of the log), deload weeks of the active program left out, and the
weekly cap the athlete set. The chosen rule is shown session by session; every rule is
scored: how often it was too aggressive, too timid or about right.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from redwood.analytics.backtest import LOOKBACK, Replay, default_target, replay, score
from redwood.analytics.review import kg, number
from redwood.coach.context import CoachSettings, SettingsError
from redwood.domain.progression import RULES, RuleName
from redwood.services.errors import ServiceError
from redwood.services.logsupport import resolve_exercise
from redwood.services.progress_scope import Scope, open_scope

DEFAULT_WEEKS = 52


def read_rule(text: str) -> RuleName:
    """A rule as typed: "double-progression", "double_progression", "Two for two"."""
    word = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return RuleName(word)
    except ValueError:
        names = ", ".join(str(rule).replace("_", "-") for rule in RULES)
        raise ServiceError(f"rule: unknown rule {text!r}: use one of {names}", "rule") from None


def _cap(scope: Scope) -> Decimal:
    try:
        return CoachSettings.from_json(scope.athlete.coach_settings).weekly_cap
    except SettingsError as exc:
        raise ServiceError(f"coach settings: {exc}", exc.field) from None


def _replay_dict(item: Replay, scope: Scope) -> dict[str, Any]:
    unit = scope.unit
    return {
        "date": item.on.isoformat(),
        "action": str(item.action),
        "load_kg": kg(item.load),
        "load": None if item.load is None else item.load.format(unit, 2),
        "reps_min": item.reps_min,
        "reps_max": item.reps_max,
        "rir": item.rir,
        "lifted_kg": kg(item.lifted_load),
        "lifted": None if item.lifted_load is None else item.lifted_load.format(unit, 2),
        "lifted_reps": list(item.lifted_reps),
        "capacity_kg": kg(item.capacity),
        "capacity_reps": item.capacity_reps,
        "verdict": str(item.verdict),
        "reason": item.reason,
    }


def _score_dict(rule: RuleName, replays: list[Replay]) -> dict[str, Any]:
    found = score(rule, replays)
    return {
        "rule": str(rule),
        "sessions": found.sessions,
        "judged": found.judged,
        "too_aggressive": found.aggressive,
        "too_timid": found.timid,
        "about_right": found.right,
        "too_aggressive_percent": number(found.share(found.aggressive)),
        "too_timid_percent": number(found.share(found.timid)),
        "about_right_percent": number(found.share(found.right)),
    }


def backtest(
    rule: str = "double_progression",
    exercise: str | None = None,
    weeks: int = DEFAULT_WEEKS,
    end: date | None = None,
    *,
    url: str | None = None,
) -> dict[str, Any]:
    """Replay the last `weeks` weeks (of one exercise, or every one trained) through every
    progression rule: the chosen rule session by session, and every rule's score."""
    chosen = read_rule(rule)
    with open_scope(weeks, end, url) as s:
        assert s.start is not None
        if exercise is not None:
            ids = [resolve_exercise(s.work, exercise).id]
        else:
            counts = s.reads.hard_sets_by_day(s.since, s.until)
            ids = sorted({c.exercise_id for c in counts})
        histories = s.histories(ids, s.start - LOOKBACK, s.end)
        cap = _cap(s)
        everything: list[Replay] = []
        lifts = []
        for exercise_id in ids:
            found = s.lookup(exercise_id)
            history = histories.get(exercise_id, ())
            if found is None or len(history) < 2:
                continue
            ladder = s.ladder(found)
            mine: list[Replay] = []
            for name in RULES:
                replays = replay(
                    history,
                    name,
                    ladder=ladder,
                    cap=cap,
                    target_of=default_target,
                    harder=found.harder,
                )
                mine += [r for r in replays if r.on >= s.start]
            everything += mine
            lifts.append(
                {
                    "exercise": exercise_id,
                    "name": found.name,
                    "sessions": [_replay_dict(r, s) for r in mine if r.rule is chosen],
                    "summary": [_score_dict(name, mine) for name in RULES],
                }
            )
        return {
            "rule": str(chosen),
            "period": {"start": s.start.isoformat(), "end": s.end.isoformat(), "weeks": s.weeks},
            "unit": str(s.unit),
            "exercises": lifts,
            "summary": [_score_dict(name, everything) for name in RULES],
        }
