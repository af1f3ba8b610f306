"""`set_records` flags a day's sets one by one from running bests: the same records as
the day's bests taken again over every prefix of the day (the rule as written), with one
e1RM estimate per set, so logging the 300th set of a day costs what the 3rd did."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.mass import Mass, Unit
from redwood.domain.records import (
    Bests,
    DayBest,
    Record,
    RecordKind,
    StoredSet,
    day_best,
    set_e1rm,
    set_records,
)

DAY = date(2026, 3, 2)


def _prefix_best(sets: list[StoredSet], unit: Unit) -> DayBest:
    """The bests of a day's first sets, taken over all of them at once."""
    volume = sum((s.volume_kg for s in sets), Decimal(0))
    works = [s.work_set(unit) for s in sets]
    return day_best(DAY, works, volume=Mass(volume) if volume > 0 else None)


def _by_prefixes(earlier: Bests, sets: list[StoredSet], unit: Unit) -> dict[str, list[Record]]:
    """The records of each set by the rule's own words: the day's bests up to and with the
    set against the earlier days and the day's bests before it (the volume once)."""
    out: dict[str, list[Record]] = {}
    before: dict[tuple[RecordKind, int | None], Decimal] = {}
    for n, current in enumerate(sets, start=1):
        now = {(k, r): v for k, r, v in _prefix_best(sets[:n], unit).values()}
        found = []
        for (kind, reps), value in now.items():
            old = earlier.get(kind, reps)
            if old is None:
                continue
            was = before.get((kind, reps))
            if kind is RecordKind.VOLUME:
                if was is not None and was > old.value:
                    continue
                beat = old.value
            else:
                beat = old.value if was is None else max(old.value, was)
            if value > beat:
                found.append(Record(earlier.exercise, kind, value, DAY, beat, reps))
        out[str(current.key)] = sorted(
            found, key=lambda r: (list(RecordKind).index(r.kind), r.reps or 0)
        )
        before = now
    return out


loads = st.one_of(
    st.none(),
    st.integers(0, 250).map(Decimal),
    st.integers(0, 1000).map(lambda n: Decimal(n) / 4),
)
efforts = st.sampled_from([None, Decimal(6), Decimal("7.5"), Decimal(8), Decimal(10)])
one_set = st.tuples(st.integers(0, 15), loads, efforts, st.sampled_from([None, Decimal(1)]))
days = st.lists(one_set, min_size=0, max_size=25)


def _stored(
    items: list[tuple[int, Decimal | None, Decimal | None, Decimal | None]],
) -> list[StoredSet]:
    return [
        StoredSet(f"s{i}", reps, load, rpe, None if rpe is not None else rir)
        for i, (reps, load, rpe, rir) in enumerate(items)
    ]


@given(days, days, st.sampled_from(list(Unit)))
def test_running_bests_flag_what_every_prefix_of_the_day_flags(
    before: list[tuple[int, Decimal | None, Decimal | None, Decimal | None]],
    today: list[tuple[int, Decimal | None, Decimal | None, Decimal | None]],
    unit: Unit,
) -> None:
    earlier, _ = Bests("squat").add(_prefix_best(_stored(before), unit))
    sets = _stored(today)
    found = set_records(earlier, DAY, sets, unit)
    assert {key: list(records) for key, records in found.items()} == _by_prefixes(
        earlier, sets, unit
    )


def test_a_long_day_costs_one_estimate_per_set() -> None:
    """300 sets of a day: 300 e1RM estimates (the prefixes would take 45,150)."""
    earlier, _ = Bests("squat").add(
        day_best(
            DAY - timedelta(days=2), [StoredSet("x", 5, Decimal(100), None, None).work_set(Unit.KG)]
        )
    )
    sets = [
        StoredSet(f"s{i}", 1 + i % 12, Decimal(60 + i % 90), Decimal(8), None) for i in range(300)
    ]
    start = set_e1rm.cache_info()
    found = set_records(earlier, DAY, sets, Unit.KG)
    end = set_e1rm.cache_info()
    assert len(found) == 300
    assert (end.hits + end.misses) - (start.hits + start.misses) == 300
    assert [r.kind for r in found["s0"]] == []  # 60 x 1 beats nothing of 100 x 5
    assert RecordKind.LOAD in {r.kind for r in found["s41"]}  # 101 kg: heavier than 100
