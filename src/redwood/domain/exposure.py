"""Exposures: what an athlete lifted on one exercise, and the weekly cap (TRAINING.md 4).

An `Exposure` is one day's hard sets of one exercise; a history is a sequence of them,
oldest first. Progression (`progression`) and stall detection (`stalls`) read histories;
this module holds the shared vocabulary and the weekly cap they both obey.

The weekly cap: no lift's prescribed load rises more than 5% a week (seed 004
[practitioner], configurable), *on average over the weeks a load was held*. The ceiling
on a day is the larger of

- A: the working load of the latest loaded exposure at least 7 days before the day (else
  the earliest) x (1 + cap): the week-on-week rule;
- B: the latest working load L x (1 + cap x k), where k is the whole weeks since L was
  first lifted in the current run of exposures at L (only when k >= 1).

B lets a lift whose smallest step is more than 5% go up at all: dumbbells held at 20 kg
for 3 weeks may go to 22.5 kg (20 x 1.15 = 23 kg), a 5 kg stack step from 60 kg after 2
weeks. When every load was prescribed under this ceiling and loads never fell (what
`progression.decide` gives an athlete who does what it says), then for any load a first
lifted on day d and any later load b on day e: b <= a x (1 + cap) ** ceil((e - d) / 7
days), never more than 5% a week compounded, counted from the day a was first lifted (not
from the last day at a: the 22.5 kg day may come 3 days after the last 20 kg one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from redwood.domain.loadsteps import LadderKind, LoadLadder
from redwood.domain.mass import MAX_KG, Mass, Unit, likely_unit

DEFAULT_WEEKLY_CAP = Decimal("0.05")
"""No lift's prescribed load rises more than 5% in a week (seed 004 [practitioner])."""
WEEK = timedelta(days=7)
_HEAVIEST = Mass(MAX_KG - 1)


class ProgressionError(ValueError):
    """A progression input that cannot be used; `field` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class WorkSet:
    """One hard set as performed; `rir` None when effort was not logged."""

    reps: int
    load: Mass | None
    rir: Decimal | None
    seconds: int | None = None

    def __post_init__(self) -> None:
        if self.reps < 0:
            raise ProgressionError("reps", f"must be 0 or more (got {self.reps})")
        if self.load is not None and self.load.kg < 0:
            raise ProgressionError("load", f"must not be negative (got {self.load})")


@dataclass(frozen=True, slots=True)
class Exposure:
    """One day's hard sets of one exercise; `target_*` is what was prescribed, when known."""

    on: date
    sets: tuple[WorkSet, ...]
    target_reps_min: int | None = None
    target_reps_max: int | None = None
    target_rir: int | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """Today's prescription from the program: sets x reps_min-reps_max at `rir`."""

    sets: int
    reps_min: int
    reps_max: int
    rir: int

    def __post_init__(self) -> None:
        if self.sets < 1:
            raise ProgressionError("sets", f"must be 1 or more (got {self.sets})")
        if not 1 <= self.reps_min <= self.reps_max:
            raise ProgressionError("reps", f"need 1 <= {self.reps_min} <= {self.reps_max}")
        if self.rir < 0:
            raise ProgressionError("rir", f"must be 0 or more (got {self.rir})")


def working_load(exposure: Exposure) -> Mass | None:
    """The load of the day's heaviest hard set (None when no set had a load)."""
    return max((s.load for s in exposure.sets if s.load is not None), default=None)


def working_sets(exposure: Exposure) -> tuple[tuple[int, WorkSet], ...]:
    """(set number from 1, set) for every set at the working load."""
    load = working_load(exposure)
    return tuple((i, s) for i, s in enumerate(exposure.sets, 1) if s.load == load)


def exposures_before(history: Sequence[Exposure], on: date) -> tuple[Exposure, ...]:
    """Exposures with sets dated before `on`, oldest first."""
    return tuple(sorted((e for e in history if e.on < on and e.sets), key=lambda e: e.on))


def unit_of(ladder: LoadLadder, history: Sequence[Exposure]) -> Unit:
    """The athlete's unit: the equipment's, else that of the loads they logged (kg when
    nothing says)."""
    if ladder.kind is not LadderKind.NONE:
        return ladder.unit
    loads = [s.load for e in history for s in e.sets if s.load is not None]
    return likely_unit(*loads) if loads else Unit.KG


def check_cap(cap: Decimal) -> Decimal:
    """`cap` when it is a usable weekly cap (a finite fraction, 0 or more)."""
    if not isinstance(cap, Decimal) or not cap.is_finite() or cap < 0:
        raise ProgressionError("weekly_cap", f"must be a fraction of 0 or more (got {cap})")
    return cap


@dataclass(frozen=True, slots=True)
class Ceiling:
    """The heaviest load the weekly cap allows on a day, and what it counts from.

    `held_weeks` 0: the week-on-week rule gave it (`base` lifted on `since`, the latest
    loaded exposure at least 7 days before, else the earliest). `held_weeks` k >= 1: the
    held rule gave it (`base` is the latest working load, lifted in a run since `since`,
    k whole weeks before the day): `load` = base x (1 + cap x k).
    """

    load: Mass
    base: Mass
    since: date
    held_weeks: int = 0

    def explain(self, cap: Decimal, unit: Unit) -> str:
        """The cap in plain words: "at most 63 kg is allowed (loads rise at most 5% a week,
        from 60 kg on 2026-10-26)", or once a load was held "after 3 weeks at 20 kg, at most
        23 kg is allowed (loads rise at most 5% a week on average)"."""
        top, base = self.load.format(unit, 2), self.base.format(unit, 2)
        rule = f"loads rise at most {percent(cap)} a week"
        if self.held_weeks:
            held = f"after {weeks(self.held_weeks)} at {base}"
            return f"{held}, at most {top} is allowed ({rule} on average)"
        return f"at most {top} is allowed ({rule}, from {base} on {self.since.isoformat()})"


def percent(fraction: Decimal) -> str:
    """A fraction as a percentage to 0.1: 0.05 -> "5%", 0.08333 -> "8.3%"."""
    value = (fraction * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value.normalize():f}%"


def weeks(count: int) -> str:
    """ "1 week", "3 weeks"."""
    return f"{count} week" if count == 1 else f"{count} weeks"


def _loaded(history: Sequence[Exposure], on: date) -> list[tuple[Exposure, Mass]]:
    """Exposures before `on` with a working load above 0 (a percentage of nothing is
    nothing), oldest first, with that load."""
    return [(e, w) for e in exposures_before(history, on) if (w := working_load(e)) and w.kg > 0]


def weekly_base(history: Sequence[Exposure], on: date) -> tuple[Exposure, Mass] | None:
    """The loaded exposure the week-on-week rule counts from, and its working load: the
    latest at least 7 days before `on`, else the earliest. None with no loaded history."""
    loaded = _loaded(history, on)
    if not loaded:
        return None
    earlier = [item for item in loaded if item[0].on <= on - WEEK]
    return earlier[-1] if earlier else loaded[0]


def held_since(history: Sequence[Exposure], on: date) -> tuple[date, Mass] | None:
    """The latest working load before `on`, and the first day of the trailing run of
    loaded exposures all at that load. None with no loaded history."""
    loaded = _loaded(history, on)
    if not loaded:
        return None
    latest = loaded[-1][1]
    since = loaded[-1][0].on
    for exposure, load in reversed(loaded):
        if load != latest:
            break
        since = exposure.on
    return since, latest


def cap_ceiling(history: Sequence[Exposure], on: date, cap: Decimal) -> Ceiling | None:
    """The weekly cap on `on` and what it counts from (see the module docstring): the
    larger of the week-on-week ceiling and the held ceiling, a tie going to week-on-week.
    None with no history at a load above 0 (seed 004 [practitioner])."""
    rate = check_cap(cap)
    base, held = weekly_base(history, on), held_since(history, on)
    if base is None or held is None:
        return None
    found = Ceiling(_times(base[1], 1 + rate), base[1], base[0].on)
    since, load = held
    held_weeks = (on - since).days // 7
    if held_weeks >= 1 and (grown := _times(load, 1 + rate * held_weeks)) > found.load:
        found = Ceiling(grown, load, since, held_weeks)
    return found


def _times(load: Mass, factor: Decimal) -> Mass:
    """`load` x `factor`, at most the heaviest mass there is (a cap that big caps nothing)."""
    return _HEAVIEST if load.kg * factor >= _HEAVIEST.kg else load * factor


def weekly_ceiling(history: Sequence[Exposure], on: date, cap: Decimal) -> Mass | None:
    """The heaviest load allowed on `on` (seed 004: 5% a week, on average over the weeks a
    load was held): the larger of the working load of the latest exposure at least 7 days
    before `on` (else the earliest) x (1 + `cap`), and the latest working load x (1 + `cap`
    x k) once it has been held k >= 1 whole weeks. None with no history at a load above 0.
    """
    found = cap_ceiling(history, on, cap)
    return None if found is None else found.load


def weeks_to_fit(load: Mass, held: Mass, cap: Decimal) -> int | None:
    """The whole weeks `held` must be held before the held rule allows `load`: the least
    k with held x (1 + cap x k) >= load. None when no number of weeks does (a cap of 0)."""
    if load <= held:
        return 0
    if cap <= 0 or held.kg <= 0:
        return None
    return int(((load.kg / held.kg - 1) / cap).to_integral_value(rounding=ROUND_CEILING))
