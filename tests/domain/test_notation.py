"""The one-line set notation: real lines, refusals naming the field, set input in the
runner, and parse_line(format_line(x)) == x over generated lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redwood.domain.mass import Mass, Unit
from redwood.domain.notation import (
    NotationError,
    NotationLine,
    SetSpec,
    check_set,
    format_line,
    load_text,
    parse_line,
    parse_set_input,
)
from redwood.domain.vocab import SetType

KG, LB = Unit.KG, Unit.LB
W, WU, DROP, FAIL = SetType.WORKING, SetType.WARMUP, SetType.DROP, SetType.FAILURE


def kg(value: str | int) -> Mass:
    return Mass.of(value, KG)


def lb(value: str | int) -> Mass:
    return Mass.of(value, LB)


def sets(count: int, reps: int | None, load: Mass | None, **extra: object) -> tuple[SetSpec, ...]:
    return (SetSpec(reps, load, **extra),) * count  # type: ignore[arg-type]


D8 = Decimal(8)

PARSED = [
    (
        "2026-11-02 barbell-back-squat 100kg 5,5,4 @8",
        date(2026, 11, 2),
        "barbell-back-squat",
        (SetSpec(5, kg(100), D8), SetSpec(5, kg(100), D8), SetSpec(4, kg(100), D8)),
    ),
    ("squat 100kg 5x5 @8", None, "squat", sets(5, 5, kg(100), rpe=D8)),
    ("pull-up bw 3x8 rir2", None, "pull-up", sets(3, 8, None, rir=Decimal(2))),
    ("45-degree back extension 20kg 3x12", None, "45-degree back extension", sets(3, 12, kg(20))),
    (
        "deadlift 225lb 5 315lb 3x3 @8.5",
        None,
        "deadlift",
        (SetSpec(5, lb(225)), *sets(3, 3, lb(315), rpe=Decimal("8.5"))),
    ),
    ("plank 3x45s", None, "plank", sets(3, None, None, seconds=45)),
    ("plank 30s", None, "plank", sets(1, None, None, seconds=30)),
    ("farmer carry 32kg 2x40 s", None, "farmer carry", sets(2, None, kg(32), seconds=40)),
    (
        "squat 20kg 10 w 60kg 5 warmup 100kg 3x5 @8",
        None,
        "squat",
        (
            SetSpec(10, kg(20), set_type=WU),
            SetSpec(5, kg(60), set_type=WU),
            *sets(3, 5, kg(100), rpe=D8),
        ),
    ),
    (
        "squat 60kg 5 80kg 5 100kg 3x5 @8",
        None,
        "squat",
        (SetSpec(5, kg(60)), SetSpec(5, kg(80)), *sets(3, 5, kg(100), rpe=D8)),
    ),
    (
        "Squat 100 KG 5, 5, 4 @ 8",
        None,
        "Squat",
        (*sets(2, 5, kg(100), rpe=D8), SetSpec(4, kg(100), D8)),
    ),
    ("squat   102.5   5", None, "squat", sets(1, 5, kg("102.5"))),
    ("squat 100 x 5", None, "squat", sets(1, 5, kg(100))),
    ("squat 225lbs 5 RIR 2", None, "squat", sets(1, 5, lb(225), rir=Decimal(2))),
    ("squat 225 lbs 5 2 rir", None, "squat", sets(1, 5, lb(225), rir=Decimal(2))),
    ("squat 100kg 5 2rir", None, "squat", sets(1, 5, kg(100), rir=Decimal(2))),
    ("dip bw+10kg 3x8", None, "dip", sets(3, 8, kg(10))),
    ("dip +20lb 6", None, "dip", sets(1, 6, lb(20))),
    ("dip bw + 10kg 5", None, "dip", sets(1, 5, kg(10))),
    (
        "curl 12.5kg 12 10 drop",
        None,
        "curl",
        (SetSpec(12, kg("12.5")), SetSpec(10, None, set_type=DROP)),
    ),
    ("curl 10kg 12 fail", None, "curl", sets(1, 12, kg(10), set_type=FAIL)),
    ("squat 100kg 5 @8 rir2", None, "squat", sets(1, 5, kg(100), rpe=D8, rir=Decimal(2))),
    ("squat 100kg 0", None, "squat", sets(1, 0, kg(100))),
    ("row 60kg x8", None, "row", sets(1, 8, kg(60))),
    ("Nordic curl 3x5 @9", None, "Nordic curl", sets(3, 5, None, rpe=Decimal(9))),
    ("t-bar row 40kg 3x10", None, "t-bar row", sets(3, 10, kg(40))),
]


@pytest.mark.parametrize(("text", "on", "exercise", "expected"), PARSED)
def test_real_lines_parse(
    text: str, on: date | None, exercise: str, expected: tuple[SetSpec, ...]
) -> None:
    line = parse_line(text, default_unit=KG)
    assert line.on == on
    assert line.exercise == exercise
    assert line.sets == expected
    assert line.note is None


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("squat 100kg 5 # felt quick", "felt quick"),
        ("squat 100kg 5 #   knees # ok  ", "knees # ok"),
        ("squat 100kg 5 #", None),
    ],
)
def test_notes_follow_a_hash(text: str, note: str | None) -> None:
    assert parse_line(text, default_unit=KG).note == note


@pytest.mark.parametrize(("unit", "expected"), [(KG, kg("102.5")), (LB, lb("102.5"))])
def test_bare_loads_take_the_default_unit(unit: Unit, expected: Mass) -> None:
    assert parse_line("squat 102.5 5", default_unit=unit).sets[0].load == expected


ERRORS = [
    ("", "exercise"),
    ("   ", "exercise"),
    ("2026-11-02", "exercise"),
    ("100kg 5", "exercise"),
    ("3x5", "exercise"),
    ("squat", "reps"),
    ("squat 100kg", "reps"),
    ("squat @8", "reps"),
    ("2026-13-45 squat 5", "date"),
    ("2026-02-30 squat 5", "date"),
    ("02/11/2026 squat 5", "date"),
    ("squat 1000.5kg 1", "load"),
    ("squat 2205lb 1", "load"),
    ("squat -5kg 5", "load"),
    ("squat 100stone 5", "load"),
    ("squat 100kg 101", "reps"),
    ("squat 100kg 5,5,101", "reps"),
    ("squat 100kg 3x101", "reps"),
    ("squat 100x5", "reps"),
    ("squat 100kg 51x5", "reps"),
    ("plank 0s", "reps"),
    ("plank 3601s", "reps"),
    ("squat 100kg 5 @11", "rpe"),
    ("squat 100kg 5 @0.5", "rpe"),
    ("squat 100kg 5 @8.25", "rpe"),
    ("squat 100kg 5 @eight", "rpe"),
    ("squat 100kg 5 @8 @9", "rpe"),
    ("squat 100kg 5 rir11", "rir"),
    ("squat 100kg 5 banana", "line"),
    ("squat 100kg 5 w drop", "line"),
]


@pytest.mark.parametrize(("text", "field"), ERRORS)
def test_bad_lines_name_the_field(text: str, field: str) -> None:
    with pytest.raises(NotationError) as caught:
        parse_line(text, default_unit=KG)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert "\n" not in str(caught.value)


def test_the_limits_themselves_are_allowed() -> None:
    line = parse_line("squat 1000kg 100 @10 rir0 # limits", default_unit=KG)
    assert line.sets == (SetSpec(100, kg(1000), Decimal(10), Decimal(0)),)
    assert parse_line("squat 0kg 1 @1", default_unit=KG).sets[0].load == Mass.zero()


DEFAULT = SetSpec(reps=5, load=kg(100), rir=Decimal(2))

SET_INPUT = [
    ("", DEFAULT),
    ("   ", DEFAULT),
    ("102.5 6 @8", SetSpec(6, kg("102.5"), rpe=D8)),
    ("6", SetSpec(6, kg(100), rir=Decimal(2))),
    ("x6", SetSpec(6, kg(100), rir=Decimal(2))),
    ("@9", SetSpec(5, kg(100), rpe=Decimal(9))),
    ("rir1", SetSpec(5, kg(100), rir=Decimal(1))),
    ("@9 rir1", SetSpec(5, kg(100), rpe=Decimal(9), rir=Decimal(1))),
    ("102.5kg", SetSpec(5, kg("102.5"), rir=Decimal(2))),
    ("225lb 3", SetSpec(3, lb(225), rir=Decimal(2))),
    ("100 6", SetSpec(6, kg(100), rir=Decimal(2))),
    ("bw", SetSpec(5, None, rir=Decimal(2))),
    ("w", SetSpec(5, kg(100), rir=Decimal(2), set_type=WU)),
    ("drop", SetSpec(5, kg(100), rir=Decimal(2), set_type=DROP)),
    ("FAIL", SetSpec(5, kg(100), rir=Decimal(2), set_type=FAIL)),
    ("45s", SetSpec(None, kg(100), rir=Decimal(2), seconds=45)),
    ("90kg 8 @7 w", SetSpec(8, kg(90), rpe=Decimal(7), set_type=WU)),
]


@pytest.mark.parametrize(("text", "expected"), SET_INPUT)
def test_set_input_changes_only_what_was_typed(text: str, expected: SetSpec) -> None:
    assert parse_set_input(text, DEFAULT, default_unit=KG) == expected


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("3x5", "reps"),
        ("5,5", "reps"),
        ("3x30s", "reps"),
        ("101", "reps"),
        ("x6 7", "reps"),
        ("@11", "rpe"),
        ("@8 @9", "rpe"),
        ("rir12", "rir"),
        ("1200kg", "load"),
        ("100kg 90kg", "load"),
        ("abc", "line"),
    ],
)
def test_bad_set_input_names_the_field(text: str, field: str) -> None:
    with pytest.raises(NotationError) as caught:
        parse_set_input(text, DEFAULT, default_unit=KG)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (SetSpec(5, kg(1001)), "load"),
        (SetSpec(5, Mass(Decimal(-1))), "load"),
        (SetSpec(101, None), "reps"),
        (SetSpec(-1, None), "reps"),
        (SetSpec(None, None, seconds=0), "reps"),
        (SetSpec(5, None, rpe=Decimal("10.5")), "rpe"),
        (SetSpec(5, None, rir=Decimal(-1)), "rir"),
    ],
)
def test_check_set_refuses_what_the_runner_could_send(spec: SetSpec, field: str) -> None:
    with pytest.raises(NotationError) as caught:
        check_set(spec)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("line", "unit", "text"),
    [
        (
            NotationLine(date(2026, 11, 2), "squat", sets(3, 5, kg(100), rpe=D8), "good"),
            KG,
            "2026-11-02 squat 100kg 3x5 @8 # good",
        ),
        (NotationLine(None, "deadlift", sets(1, 5, lb(225))), KG, "deadlift 225lb 5"),
        (NotationLine(None, "deadlift", sets(1, 5, lb(225))), LB, "deadlift 225lb 5"),
        (NotationLine(None, "squat", sets(1, 5, kg("102.5"))), LB, "squat 102.5kg 5"),
        (
            NotationLine(
                None, "row", (SetSpec(10, kg(60)), SetSpec(8, kg(60)), SetSpec(8, kg(60)))
            ),
            KG,
            "row 60kg 10,8,8",
        ),
        (NotationLine(None, "plank", (*sets(2, None, None, seconds=45),)), KG, "plank 2x45s"),
        (
            NotationLine(None, "pull-up", (SetSpec(8, None), SetSpec(6, None, D8))),
            KG,
            "pull-up bw 8 6 @8",
        ),
        (
            NotationLine(None, "squat", (SetSpec(10, kg(20), set_type=WU), SetSpec(5, kg(100)))),
            KG,
            "squat 20kg 10 warmup 100kg 5",
        ),
    ],
)
def test_format_line_writes_the_notation(line: NotationLine, unit: Unit, text: str) -> None:
    assert format_line(line, unit) == text
    assert parse_line(text, default_unit=unit) == line


@pytest.mark.parametrize(
    "specs",
    [
        (SetSpec(5, kg(20)),) * 51,
        (SetSpec(5, None),) * 120,
        tuple(SetSpec(n % 7, None) for n in range(60)),
    ],
)
def test_long_lines_are_written_in_groups_that_read_back(specs: tuple[SetSpec, ...]) -> None:
    line = NotationLine(None, "squat", specs)
    assert parse_line(format_line(line, KG), default_unit=KG) == line


def test_load_text_is_exact() -> None:
    assert load_text(lb(225), KG) == "225lb"
    assert load_text(kg("102.5"), LB) == "102.5kg"
    assert load_text(Mass(Decimal("0.000000000000001")), KG) == "0.000000000000001kg"


def test_a_set_without_reps_or_seconds_cannot_be_written() -> None:
    with pytest.raises(NotationError):
        format_line(NotationLine(None, "squat", (SetSpec(None, kg(100)),)), KG)
    with pytest.raises(NotationError):
        format_line(NotationLine(None, "squat", ()), KG)


# ---- round trip ----------------------------------------------------------------------------

RESERVED = {"bw", "x", "rir", "w", "wu", "warmup", "drop", "dropset", "fail", "failure"}
RESERVED |= {"working", "kg", "kgs", "kilo", "kilos", "lb", "lbs", "pound", "pounds", "s"}
RESERVED |= {"sec", "secs", "second", "seconds"}

words = st.one_of(
    st.sampled_from(["barbell", "back", "Squat", "45-degree", "extension", "pull-up", "row"]),
    st.from_regex(r"[A-Za-z][a-z]{0,7}(-[a-z]{1,5})?", fullmatch=True),
).filter(lambda word: word.lower() not in RESERVED)
loads = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=1000, places=3).map(kg),
    st.decimals(min_value=0, max_value=2200, places=2).map(lb),
)
efforts = st.one_of(st.none(), st.decimals(min_value=1, max_value=10, places=1))
reserves = st.one_of(st.none(), st.decimals(min_value=0, max_value=10, places=1))


@st.composite
def set_specs(draw: st.DrawFn) -> SetSpec:
    timed = draw(st.booleans())
    return SetSpec(
        reps=None if timed else draw(st.integers(0, 100)),
        load=draw(loads),
        rpe=draw(efforts),
        rir=draw(reserves),
        set_type=draw(st.sampled_from(list(SetType))),
        seconds=draw(st.integers(1, 3600)) if timed else None,
    )


lines = st.builds(
    NotationLine,
    on=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))),
    exercise=st.lists(words, min_size=1, max_size=4).map(" ".join),
    sets=st.lists(set_specs(), min_size=1, max_size=8).map(tuple),
    note=st.one_of(
        st.none(),
        st.text(alphabet="abc xyz,.!#'-0123456789", min_size=1, max_size=30)
        .map(str.strip)
        .filter(bool),
    ),
)


@given(lines, st.sampled_from([KG, LB]))
def test_parse_reads_back_what_format_writes(line: NotationLine, unit: Unit) -> None:
    text = format_line(line, unit)
    assert parse_line(text, default_unit=unit) == line
    other = LB if unit is KG else KG
    assert parse_line(text, default_unit=other) == line  # every load carries its unit
