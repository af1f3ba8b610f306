"""The kit per place (`athletes.equipment_by_setting` / `set_equipment`) and the remembered
profile onboarding starts from (`planning.remembered_profile`), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redwood.domain.profile import DEFAULT_EQUIPMENT
from redwood.domain.vocab import Equipment, Setting
from redwood.services import athletes, planning
from redwood.services.athletes import _kit_per_setting
from redwood.services.errors import ServiceError


def test_defaults_until_a_place_is_set(db_url: str) -> None:
    kit = athletes.equipment_by_setting(db_url)
    assert kit == {str(s): sorted(str(e) for e in DEFAULT_EQUIPMENT[s]) for s in Setting}
    stored = athletes.set_equipment("Home", ["kettlebell", " box ", "kettlebell"], db_url)
    assert stored["home"] == ["box", "kettlebell", "none"]
    assert stored["gym"] == kit["gym"]
    assert athletes.equipment_by_setting(db_url) == stored


def test_the_kit_lives_beside_the_coach_settings_without_disturbing_them(db_url: str) -> None:
    athletes.set_weekly_cap("4", db_url)
    athletes.set_rule("back squat", "linear_load", db_url)
    athletes.set_equipment("outdoor", [], db_url)
    shown = athletes.show_settings(db_url)
    assert shown["weekly_cap_percent"] == 4.0
    assert shown["rules"] == {"barbell-back-squat": "linear_load"}
    athletes.set_stack_step("2.5kg", db_url)
    assert athletes.equipment_by_setting(db_url)["outdoor"] == ["none"]


@pytest.mark.parametrize(
    ("setting", "items", "field"),
    [("moon", ["box"], "setting"), ("gym", ["box", "jetpack"], "equipment")],
)
def test_refusals_name_the_field_and_store_nothing(
    db_url: str, setting: str, items: list[str], field: str
) -> None:
    before = athletes.equipment_by_setting(db_url)
    with pytest.raises(ServiceError) as refused:
        athletes.set_equipment(setting, items, db_url)
    assert refused.value.field == field
    assert athletes.equipment_by_setting(db_url) == before


@given(
    st.dictionaries(
        st.sampled_from([*(str(s) for s in Setting), "moon"]),
        st.one_of(
            st.lists(st.sampled_from([str(e) for e in Equipment] + ["x"]), max_size=6),
            st.text(max_size=5),
        ),
        max_size=4,
    )
)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_stored_kit_reads_as_known_equipment_for_every_place(stored: dict[str, object]) -> None:
    kit = _kit_per_setting({"equipment": stored})
    assert set(kit) == {str(s) for s in Setting}
    known = {str(e) for e in Equipment}
    for items in kit.values():
        assert set(items) <= known
        assert items == sorted(set(items))


def test_the_profile_of_the_active_program_is_remembered(db_url: str) -> None:
    assert planning.remembered_profile(db_url) is None
    options = planning.PlanOptions(
        goal="strength", level="beginner", weekdays="tue,fri", minutes=45, setting="home"
    )
    program = planning.plan(options)
    planning.save_program(program, url=db_url)
    assert planning.remembered_profile(db_url) is None  # stored, not activated
    planning.save_program(program, activate=True, url=db_url)
    remembered = planning.remembered_profile(db_url)
    assert remembered == program.profile.to_dict()
