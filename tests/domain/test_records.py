"""Personal records: a day's bests and the records it sets over the days before it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.exposure import WorkSet
from redwood.domain.mass import Mass, Unit
from redwood.domain.records import (
    Bests,
    DayBest,
    Record,
    RecordKind,
    StoredSet,
    day_best,
    set_records,
)

DAY = date(2026, 1, 5)


def kg(value: str | int) -> Mass:
    return Mass(Decimal(value))


def ws(reps: int, load: str | None, rir: str | None = None) -> WorkSet:
    return WorkSet(reps, None if load is None else kg(load), None if rir is None else Decimal(rir))


def test_a_day_has_its_best_e1rm_heaviest_rep_bests_volume_and_reps() -> None:
    best = day_best(DAY, [ws(5, "100", "2"), ws(5, "100", "2"), ws(4, "105", "1"), ws(8, None)])
    # 100 kg x 5 at RIR 2: RTS 81.1% at 7 reps -> 123.305; 105 x 4 at RIR 1: 86.3% -> 121.669.
    assert best.e1rm is not None
    assert round(best.e1rm.kg, 3) == Decimal("123.305")
    assert best.load == kg(105)
    assert best.rep_loads == ((4, kg(105)), (5, kg(100)))
    assert best.volume == kg(1420)
    assert best.most_reps == 8


def test_a_volume_summed_elsewhere_is_taken_as_given() -> None:
    assert day_best(DAY, [ws(5, "100")], volume=kg(1500)).volume == kg(1500)


def test_unloaded_or_timed_work_has_no_load_bests() -> None:
    best = day_best(DAY, [ws(0, "20"), ws(12, None)])
    assert (best.e1rm, best.load, best.rep_loads, best.volume) == (None, None, (), None)
    assert best.most_reps == 12


def _grams(value: Decimal | str | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.001"))


RECORD_CASES = [
    # (what, earlier days, the new day, the records (kind, reps, value, previous))
    ("first day: nothing to beat", [], [ws(5, "100")], []),
    (
        "heavier at the same reps: load, rep and e1RM",
        [[ws(5, "100")]],
        [ws(5, "105")],
        [
            ("e1rm", None, "122.5", "116.667"),  # Epley: 105 x (1 + 5/30), 100 x (1 + 5/30)
            ("load", None, "105", "100"),
            ("rep", 5, "105", "100"),
            ("volume", None, "525", "500"),
        ],
    ),
    ("a tie is not a record", [[ws(5, "100")]], [ws(5, "100")], []),
    (
        "a first set at a new rep count is no record, more reps beat the e1RM",
        [[ws(5, "100")]],
        [ws(6, "100")],
        [
            ("e1rm", None, "120", "116.667"),
            ("volume", None, "600", "500"),
        ],
    ),
    (
        "bodyweight reps",
        [[ws(8, None)], [ws(9, None)]],
        [ws(10, None), ws(7, None)],
        [("most_reps", None, "10", "9")],
    ),
]


@pytest.mark.parametrize(("what", "earlier", "day", "expected"), RECORD_CASES)
def test_records_beat_every_earlier_day(
    what: str,
    earlier: list[list[WorkSet]],
    day: list[WorkSet],
    expected: list[tuple[str, int | None, str, str | None]],
) -> None:
    days = [day_best(DAY + timedelta(days=i), sets) for i, sets in enumerate(earlier)]
    bests, _ = Bests("squat").add_all(days)
    _, found = bests.add(day_best(DAY + timedelta(days=10), day))
    got = [(str(r.kind), r.reps, _grams(r.value), _grams(r.previous)) for r in found]
    assert got == [(k, n, _grams(v), _grams(p)) for k, n, v, p in expected], what


def test_the_bests_keep_the_day_each_was_set() -> None:
    days = [
        day_best(date(2026, 1, 5), [ws(5, "100")]),
        day_best(date(2026, 1, 8), [ws(3, "110")]),
        day_best(date(2026, 1, 12), [ws(5, "100")]),
    ]
    bests, found = Bests("squat").add_all(days)
    assert bests.get(RecordKind.LOAD) == Record(
        "squat", RecordKind.LOAD, Decimal(110), date(2026, 1, 8), Decimal(100)
    )
    assert bests.get(RecordKind.REP, 5) == Record(
        "squat", RecordKind.REP, Decimal(100), date(2026, 1, 5), None, 5
    )
    assert [r.kind for r in bests.held] == [
        RecordKind.E1RM, RecordKind.LOAD, RecordKind.REP, RecordKind.REP, RecordKind.VOLUME,
    ]  # fmt: skip
    assert [(r.on, str(r.kind)) for r in found] == [
        (date(2026, 1, 8), "e1rm"),
        (date(2026, 1, 8), "load"),
    ]


@pytest.mark.parametrize(
    ("record", "unit", "sentence"),
    [
        (
            Record("x", RecordKind.LOAD, Decimal(105), DAY, Decimal(100)),
            Unit.KG,
            "New heaviest load on Squat: 105 kg (was 100 kg).",
        ),
        (
            Record("x", RecordKind.REP, Decimal("102.058"), DAY, None, 5),
            Unit.LB,
            "New 5-rep best on Squat: 225 lb.",
        ),
        (
            Record("x", RecordKind.VOLUME, Decimal("1500.4"), DAY, Decimal(1400)),
            Unit.KG,
            "New best session volume on Squat: 1500 kg (was 1400 kg).",
        ),
        (
            Record("x", RecordKind.MOST_REPS, Decimal(12), DAY, Decimal(10)),
            Unit.KG,
            "New most reps in a set on Squat: 12 reps (was 10 reps).",
        ),
    ],
)
def test_records_read_in_the_athletes_unit(record: Record, unit: Unit, sentence: str) -> None:
    assert record.sentence("Squat", unit) == sentence


def test_a_gain_too_small_to_show_gets_more_decimals() -> None:
    record = Record("x", RecordKind.E1RM, Decimal("169.934"), DAY, Decimal("169.912"))
    assert record.sentence("Leg Curl", Unit.KG) == (
        "New estimated 1RM on Leg Curl: 169.934 kg (was 169.912 kg)."
    )


def test_a_best_is_stated_plainly() -> None:
    assert Record("x", RecordKind.E1RM, Decimal("127.46"), DAY).summary(Unit.KG) == (
        "Estimated 1RM: 127.5 kg"
    )


loads = st.integers(min_value=1, max_value=300).map(lambda n: kg(n))
sessions = st.lists(
    st.lists(st.tuples(st.integers(1, 15), loads), min_size=1, max_size=4), min_size=1, max_size=12
)


@given(sessions)
def test_records_only_ever_rise_and_the_bests_are_the_maxima(
    log: list[list[tuple[int, Mass]]],
) -> None:
    days = [
        day_best(DAY + timedelta(days=i), [WorkSet(r, m, None) for r, m in sets])
        for i, sets in enumerate(log)
    ]
    bests, found = Bests("squat").add_all(days)
    heaviest = max(m for sets in log for _, m in sets)
    top = bests.get(RecordKind.LOAD)
    assert top is not None
    assert top.value == heaviest.kg
    for record in found:
        assert record.previous is not None
        assert record.value > record.previous
        assert record.on > DAY
    loads_seen = [r.value for r in found if r.kind is RecordKind.LOAD]
    assert loads_seen == sorted(loads_seen)


# ---- records flagged while logging ----------------------------------------------------------


def stored(key: str, reps: int, load: str | None, rpe: str | None = None) -> StoredSet:
    return StoredSet(
        key, reps, None if load is None else D(load), None if rpe is None else D(rpe), None
    )


D = Decimal
EARLIER = Bests("squat").add(
    day_best(DAY - timedelta(days=3), [ws(5, "100", "2"), ws(8, None)], volume=kg(500))
)[0]
"""An earlier day: 100 kg x 5 @8 (e1RM 123.305, 5-rep best 100, volume 500) and 8 reps
without load."""


@pytest.mark.parametrize(
    ("sets", "flagged"),
    [
        # a tie of every best is no record
        ([stored("a", 5, "100", "8")], {"a": []}),
        # heavier: e1RM, heaviest and 5-rep record; the session passes the volume of 500
        (
            [stored("a", 5, "100", "8"), stored("b", 5, "102.5", "8")],
            {"a": [], "b": [("e1rm", None, "123.305"), ("load", None, "100"),
                            ("rep", 5, "100"), ("volume", None, "500")]},
        ),
        # the same again later that day ties the set before it; the volume is not flagged twice
        (
            [stored("a", 5, "102.5", "8"), stored("b", 5, "102.5", "8")],
            {"a": [("e1rm", None, "123.305"), ("load", None, "100"), ("rep", 5, "100"),
                   ("volume", None, "500")], "b": []},
        ),
        # beating the set before it that day is a record over that set
        (
            [stored("a", 5, "102.5", "8"), stored("b", 5, "105", "8")],
            {"a": [("e1rm", None, "123.305"), ("load", None, "100"), ("rep", 5, "100"),
                   ("volume", None, "500")],
             "b": [("e1rm", None, "126.387"), ("load", None, "102.5"), ("rep", 5, "102.5")]},
        ),
        # a first set of 3 has nothing earlier to beat; 10 reps without load beat 8
        (
            [stored("a", 3, "110", "8"), stored("b", 10, None)],
            {"a": [("e1rm", None, "123.305"), ("load", None, "100")],
             "b": [("most_reps", None, "8")]},
        ),
    ],
)  # fmt: skip
def test_a_set_is_flagged_with_the_records_it_set(
    sets: list[StoredSet], flagged: dict[str, list[tuple[str, int | None, str]]]
) -> None:
    found = set_records(EARLIER, DAY, sets, Unit.KG)
    beaten = {
        key: [(str(r.kind), r.reps, str(r.previous.quantize(D("0.001")).normalize()))
              for r in records if r.previous is not None]
        for key, records in found.items()
    }  # fmt: skip
    assert beaten == {
        key: [(kind, reps, str(D(was).normalize())) for kind, reps, was in expected]
        for key, expected in flagged.items()
    }


def test_the_first_day_of_an_exercise_flags_nothing() -> None:
    sets = [stored("a", 5, "100", "8"), stored("b", 5, "110", "8"), stored("c", 12, None)]
    assert set_records(Bests("squat"), DAY, sets, Unit.KG) == {"a": (), "b": (), "c": ()}


day_sets = st.lists(
    st.tuples(st.integers(1, 12), st.integers(0, 200), st.sampled_from([None, "7", "8", "9"])),
    min_size=1,
    max_size=8,
)


@given(day_sets, day_sets)
def test_the_sets_flags_add_up_to_the_days_records(
    before: list[tuple[int, int, str | None]], today: list[tuple[int, int, str | None]]
) -> None:
    """Over a day, the last flag of each kind is the record the day set (`Bests.add`), the
    flags of a kind only rise, and the volume is flagged once when the day set a volume
    record (on the set that passed the earlier best), else never."""

    def as_stored(items: list[tuple[int, int, str | None]]) -> list[StoredSet]:
        return [
            stored(f"s{i}", reps, str(load) if load else None, rpe)
            for i, (reps, load, rpe) in enumerate(items)
        ]

    def best(on: date, items: list[StoredSet]) -> DayBest:
        works = [s.work_set(Unit.KG) for s in items]
        volume = sum((s.volume_kg for s in items), D(0))
        return day_best(on, works, volume=kg(volume) if volume else None)

    earlier, _ = Bests("squat").add(best(DAY - timedelta(days=1), as_stored(before)))
    sets = as_stored(today)
    _, records = earlier.add(best(DAY, sets))
    found = set_records(earlier, DAY, sets, Unit.KG)
    flags = [r for s in sets for r in found[s.key]]
    last = {(r.kind, r.reps): r.value for r in flags if r.kind is not RecordKind.VOLUME}
    day = {(r.kind, r.reps): r.value for r in records if r.kind is not RecordKind.VOLUME}
    assert last == day
    passed = [r for r in flags if r.kind is RecordKind.VOLUME]
    assert len(passed) == len([r for r in records if r.kind is RecordKind.VOLUME])
    for kind in RecordKind:
        values = [r.value for r in flags if r.kind is kind and r.reps is None]
        assert values == sorted(values)
