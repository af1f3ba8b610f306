"""The Today page's use cases: the form's text read as a set (each refusal naming its
field), edits from a form, and the runner rebuilt from the log on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from redwood.domain.mass import Mass, Unit
from redwood.domain.vocab import SetType
from redwood.services import accounts, workout
from redwood.services.errors import ServiceError
from redwood.services.identity import acting_as
from tests.web.pages.workouts import give_program, today

KG100 = Mass(Decimal(100))


@pytest.mark.parametrize(
    ("fields", "unit", "load", "reps", "rir", "kind"),
    [
        ({"load": "100", "reps": "5"}, Unit.KG, KG100, 5, None, SetType.WORKING),
        ({"load": "225", "reps": "5"}, Unit.LB, Mass.of(225, Unit.LB), 5, None, SetType.WORKING),
        ({"load": "100 lb", "reps": "8"}, Unit.KG, Mass.of(100, Unit.LB), 8, None, SetType.WORKING),
        ({"load": "", "reps": "12", "rir": "2"}, Unit.KG, None, 12, Decimal(2), SetType.WORKING),
        ({"load": "100", "reps": "5", "type": "warmup"}, Unit.KG, KG100, 5, None, SetType.WARMUP),
    ],
)
def test_the_form_is_read_in_the_athletes_unit(
    fields: dict[str, str],
    unit: Unit,
    load: Mass | None,
    reps: int,
    rir: Decimal | None,
    kind: SetType,
) -> None:
    spec = workout.read_spec(fields, unit)
    assert (spec.load, spec.reps, spec.rir, spec.set_type) == (load, reps, rir, kind)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"load": "heavy", "reps": "5"}, "load"),
        ({"load": "-5", "reps": "5"}, "load"),
        ({"load": "100", "reps": ""}, "reps"),
        ({"load": "100", "reps": "5.5"}, "reps"),
        ({"load": "100", "reps": "5", "rir": "lots"}, "rir"),
        ({"load": "100", "reps": "5", "rpe": "NaN"}, "rpe"),
        ({"load": "100", "reps": "5", "type": "drop"}, "type"),
    ],
)
def test_a_bad_field_is_named(fields: dict[str, str], field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        workout.read_spec(fields, Unit.KG)
    assert refused.value.field == field


def test_an_edit_form_clears_blank_efforts_and_keeps_a_blank_load() -> None:
    assert workout.changes_of({"load": "", "reps": "6", "rir": "", "rpe": "8"}) == {
        "reps": "6",
        "rir": None,
        "rpe": "8",
    }
    assert workout.changes_of({"load": "102.5", "reps": "6", "type": "warmup"})["load"] == "102.5"


def test_the_runner_follows_the_log(db_url: str) -> None:
    athlete = accounts.register("ana@example.com", "correct horse battery", "Ana", url=db_url)
    give_program(int(athlete["id"]), db_url)
    with acting_as(int(athlete["id"])):
        fresh = workout.workout(url=db_url)
        assert fresh["runner"]["next"]["type"] == "warmup"
        first = fresh["runner"]["next"]
        stored, created = workout.log_set(
            uuid4(),
            today(),
            first["exercise"],
            {**first["fill"]},
            today=today(),
            url=db_url,
        )
        assert created
        after = workout.workout(url=db_url)
    runner = after["runner"]
    assert runner["lines"][0]["done"][0]["id"] == stored["id"]
    assert runner["next"]["set_index"] == first["set_index"] + 1
    ends = datetime.fromisoformat(runner["rest_until"])
    logged = datetime.fromisoformat(stored["performed_at"])
    assert ends == logged + timedelta(seconds=first["rest_after"])
    assert ends > datetime.now(UTC)
    assert after["today"] == fresh["today"] | {"already_done": after["today"]["already_done"]}
