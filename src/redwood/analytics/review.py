"""The block review (every 4 weeks, seed 004: "review logs every 4 weeks"): what changed,
what stalled, volume against the band, adherence, check-ins, and what the next block
changes and why.

`Review` holds the sections as values; `to_dict` is `redwood review --format json`, and
`review_text.markdown` / `review_html` render the same values for people. `next_block`
turns the findings into changes, each with its reason:

- a stalled lift gets its one matched fix (`domain.stalls.diagnose`, TRAINING.md 4);
- a muscle group under its weekly band gets 1-2 more hard sets a week (TRAINING.md 1:
  "advance by 1-2 sets/week inside a block"); over its band, trimmed to the top of it
  (the band's top is capped at the group's MRV [practitioner, Renaissance Periodization]);
- adherence under 75% asks for a plan that fits the week (seed 004: consistency matters
  more than intensity [practitioner]);
- a poor check-in a week or more (the coach reads two in two weeks as poor recovery) asks
  for a deload first (about half the sets, RIR +2-3, loads 10-20% lighter: TRAINING.md 4,
  Bell 2023; Rogerson 2024), unless the program's next week is one already;
- lifts whose e1RM rose keep progressing as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from redwood.analytics.adherence import WeekAdherence, total_percent
from redwood.analytics.body import BodyweightTrend, CheckinAverages, CheckinTrend
from redwood.analytics.consistency import Milestone
from redwood.analytics.lifts import LiftHistory
from redwood.analytics.volume import GroupVolume, WeekSets
from redwood.domain.mass import Mass, Unit
from redwood.domain.records import Record
from redwood.domain.stalls import Stall
from redwood.domain.volume import BandPosition

ADHERENCE_LOW = Decimal(75)
"""Under 75% of planned sessions done reads as a plan that does not fit [practitioner]."""
MORE_SETS = "1-2"
"""Sets a week to add to a group under its band (TRAINING.md 1)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change for the next block: what, and why in plain words."""

    change: str
    why: str


@dataclass(frozen=True, slots=True)
class Review:
    """The sections of a review of [start, end]; `names` maps exercise ids to names."""

    start: date
    end: date
    weeks: int
    unit: Unit
    names: Mapping[str, str]
    lifts: tuple[LiftHistory, ...]
    stalls: tuple[Stall, ...]
    volume: tuple[GroupVolume, ...]
    weekly: tuple[WeekSets, ...]
    adherence: tuple[WeekAdherence, ...]
    checkins: CheckinTrend
    bodyweight: BodyweightTrend
    milestones: tuple[Milestone, ...]
    next_deload: bool = False
    changes: tuple[Change, ...] = field(default=())

    def name(self, exercise: str) -> str:
        return self.names.get(exercise, exercise)

    @property
    def records(self) -> tuple[Record, ...]:
        """The records set in the window, oldest first."""
        found = [r for lift in self.lifts for r in lift.new]
        return tuple(sorted(found, key=lambda r: (r.on, r.exercise)))

    @property
    def adherence_percent(self) -> Decimal | None:
        return total_percent(self.adherence)


def percent_change(lift: LiftHistory) -> Decimal | None:
    """The e1RM change over the window as a percentage of the first session's, to 0.1."""
    if lift.change is None or not lift.points[0].e1rm.kg:
        return None
    share = lift.change.kg / lift.points[0].e1rm.kg * 100
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def next_block(review: Review) -> tuple[Change, ...]:
    """The changes for the next block, each with its reason (see the module docstring)."""
    unit = review.unit
    changes = [
        Change(f"{review.name(s.exercise)}: {_fix(s, unit)}", s.reason) for s in review.stalls
    ]
    for group in sorted(review.volume, key=lambda g: g.group.value):
        band = group.band
        if band is None or group.position is BandPosition.WITHIN:
            continue
        name = group.group.value.replace("_", " ")
        where = (
            f"You averaged {group.average} hard sets a week for {name}; your band is "
            f"{band.low}-{band.high} ({band.source})"
        )
        if group.position is BandPosition.BELOW:
            changes.append(
                Change(
                    f"Add {MORE_SETS} hard sets a week for {name}",
                    f"{where}. Volume grows 1-2 sets a week inside a block (TRAINING.md 1).",
                )
            )
        else:
            changes.append(
                Change(
                    f"Trim {name} to at most {band.high} hard sets a week",
                    f"{where}. More than the top of the band is more than you can recover "
                    "from and grow on [practitioner, Renaissance Periodization].",
                )
            )
    done = review.adherence_percent
    if done is not None and done < ADHERENCE_LOW:
        planned = sum(w.planned for w in review.adherence)
        did = sum(w.done for w in review.adherence)
        changes.append(
            Change(
                "Plan fewer or shorter sessions",
                f"You did {did} of {planned} planned sessions ({done}%): a plan that fits your "
                "week beats a bigger one you miss; consistency matters more than intensity "
                "(seed 004) [practitioner].",
            )
        )
    changes.extend(_recovery(review))
    rising = [lift for lift in review.lifts if lift.change is not None and lift.change.kg > 0]
    stalled = {s.exercise for s in review.stalls}
    rising = [lift for lift in rising if lift.exercise not in stalled]
    if rising:
        gains = ", ".join(
            f"{review.name(lift.exercise)} +{lift.change.format(unit)}"
            for lift in rising
            if lift.change is not None
        )
        changes.append(
            Change(
                "Keep progressing the lifts that rose, the same way",
                f"Their estimated 1RM rose over the block ({gains}): progression follows "
                "performance, so keep what works.",
            )
        )
    if not changes:
        changes.append(
            Change(
                "Keep the program as it is",
                "No stalls, volume inside your band, and the plan kept: repeat the block.",
            )
        )
    return tuple(changes)


def _recovery(review: Review) -> list[Change]:
    now = review.checkins.now
    if review.next_deload:
        return [
            Change(
                "Next week is the program's deload: take it",
                "A deload every 4-6 weeks (about half the sets, RIR +2-3, loads 10-20% "
                "lighter) lets fatigue fall without losing strength (TRAINING.md 4).",
            )
        ]
    if not now.poor or now.poor < review.weeks:
        return []
    return [
        Change(
            "Start the next block with a deload week",
            f"{now.poor} of your {now.count} check-ins were poor (sleep under 6 h, soreness "
            "4-5 or pain): about half the sets, RIR +2-3 and loads 10-20% lighter for a "
            "week let recovery catch up (TRAINING.md 4: Bell 2023; Rogerson 2024).",
        )
    ]


def _fix(stall: Stall, unit: Unit) -> str:
    if stall.swap_to is not None:
        return f"swap to {stall.swap_to}"
    if stall.reps_min is not None:
        return f"change the rep range to {stall.reps_min}-{stall.reps_max}"
    if stall.sets_factor is not None:
        return "cut the sets to about two thirds"
    if stall.load is not None:
        return f"reset to {stall.load.format(unit, 2)} and build back up"
    return "reset 10% lighter and build back up"


# ---- as data (`redwood review --format json`) --------------------------------------------


def kg(mass: Mass | None) -> float | None:
    """Kilograms as a JSON number, to the gram."""
    return None if mass is None else float(mass.kg.quantize(Decimal("0.001")).normalize())


def number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def record_dict(record: Record, name: str, unit: Unit, *, new: bool = True) -> dict[str, Any]:
    """A record as JSON: kilograms (reps for `most_reps`), its day and what it beat; the
    text announces it (`new`) or states it as the best so far."""
    mass = record.is_mass
    return {
        "exercise": record.exercise,
        "name": name,
        "kind": str(record.kind),
        "reps": record.reps,
        "kg": kg(Mass(record.value)) if mass else None,
        "value": float(record.value),
        "previous_kg": kg(Mass(record.previous)) if mass and record.previous is not None else None,
        "date": record.on.isoformat(),
        "shown": record.show(record.value, unit),
        "text": record.sentence(name, unit) if new else record.summary(unit),
    }


def milestone_dict(milestone: Milestone) -> dict[str, Any]:
    return {
        "kind": str(milestone.kind),
        "title": milestone.title,
        "date": milestone.on.isoformat(),
        "value": float(milestone.value),
    }


def week_dict(week: WeekAdherence) -> dict[str, Any]:
    return {
        "week": week.week.isoformat(),
        "program_week": week.program_week,
        "kind": str(week.kind),
        "planned": week.planned,
        "done": week.done,
        "extra": week.extra,
        "percent": number(week.percent),
    }


def volume_dict(group: GroupVolume) -> dict[str, Any]:
    band = group.band
    return {
        "muscle": group.group.value,
        "average_sets": float(group.average),
        "weeks": group.weeks,
        "band": None if band is None else {"low": float(band.low), "high": float(band.high)},
        "position": None if group.position is None else str(group.position),
    }


def _checkins(averages: CheckinAverages) -> dict[str, Any]:
    return {
        "count": averages.count,
        "sleep_hours": number(averages.sleep_hours),
        "soreness": number(averages.soreness),
        "energy": number(averages.energy),
        "poor": averages.poor,
    }


def bodyweight_dict(trend: BodyweightTrend) -> dict[str, Any]:
    return {
        "readings": [{"date": d.isoformat(), "kg": kg(m)} for d, m in trend.readings],
        "change_kg": kg(trend.change),
        "per_week_kg": kg(trend.per_week),
    }


def to_dict(review: Review) -> dict[str, Any]:
    """The review's sections as data; masses in kilograms."""
    return {
        "period": {
            "start": review.start.isoformat(),
            "end": review.end.isoformat(),
            "weeks": review.weeks,
        },
        "lifts": [
            {
                "exercise": lift.exercise,
                "name": review.name(lift.exercise),
                "sessions": lift.sessions,
                "e1rm": [{"date": p.on.isoformat(), "kg": kg(p.e1rm)} for p in lift.points],
                "change_kg": kg(lift.change),
                "change_percent": number(percent_change(lift)),
            }
            for lift in review.lifts
        ],
        "stalls": [
            {
                "exercise": s.exercise,
                "name": review.name(s.exercise),
                "sessions": s.exposures,
                "best_e1rm_kg": kg(s.best_e1rm),
                "fix": str(s.fix),
                "reason": s.reason,
            }
            for s in review.stalls
        ],
        "volume": [volume_dict(g) for g in review.volume],
        "adherence": {
            "weeks": [week_dict(w) for w in review.adherence],
            "percent": number(review.adherence_percent),
        },
        "checkins": {
            "now": _checkins(review.checkins.now),
            "before": _checkins(review.checkins.before),
            "pain": [{"area": a, "count": n} for a, n in review.checkins.pain],
        },
        "bodyweight": bodyweight_dict(review.bodyweight),
        "records": [record_dict(r, review.name(r.exercise), review.unit) for r in review.records],
        "milestones": [milestone_dict(m) for m in review.milestones],
        "next_block": [{"change": c.change, "why": c.why} for c in review.changes],
    }
