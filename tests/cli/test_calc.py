"""`redwood calc` and `redwood guide` as a lifter types them."""

from __future__ import annotations

import pytest


def test_e1rm_shows_every_formula_with_epley_as_default(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood("calc", "e1rm", "100kg", "5", "--format", "table")
    assert result.code == 0
    assert "116.7 kg" in result.out
    for name in ("epley", "brzycki", "lander", "lombardi", "mayhew", "oconner", "wathan"):
        assert name in result.out
    data = redwood("calc", "e1rm", "100kg", "5", "--format", "json").json()
    by_name = {est["formula"]: est for est in data["estimates"]}
    assert by_name["epley"]["e1rm"] == pytest.approx(116.67, abs=0.01)
    assert by_name["epley"]["default"] is True
    assert by_name["brzycki"]["e1rm"] == pytest.approx(112.5, abs=0.01)


def test_e1rm_with_rpe_uses_the_rts_chart_and_the_input_unit(redwood) -> None:  # type: ignore[no-untyped-def]
    data = redwood("calc", "e1rm", "225lb", "5", "--rpe", "8", "--format", "json").json()
    assert data["unit"] == "lb"
    assert data["rir"] == 2
    rts = next(est for est in data["estimates"] if est["formula"] == "rts")
    assert rts["default"] is True
    # 5 reps + 2 RIR = 7 effective reps = 81.1% (RTS chart): 225 / 0.811
    assert rts["e1rm"] == pytest.approx(225 / 0.811, abs=0.01)


def test_one_formula_on_request(redwood) -> None:  # type: ignore[no-untyped-def]
    data = redwood("calc", "e1rm", "100kg", "5", "--formula", "brzycki", "-f", "json").json()
    assert [est["formula"] for est in data["estimates"]] == ["brzycki"]


def test_plates_for_142_5_kg(redwood) -> None:  # type: ignore[no-untyped-def]
    result = redwood("calc", "plates", "142.5kg", "--bar", "20kg", "--format", "table")
    assert result.code == 0
    assert "25 + 20 + 15 + 1.25 per side" in result.out
    data = redwood("calc", "plates", "142.5kg", "--bar", "20kg", "--format", "json").json()
    assert data["per_side"] == [25, 20, 15, 1.25]
    assert data["exact"] is True
    assert data["bar"] + 2 * sum(data["per_side"]) == pytest.approx(142.5)


def test_plates_in_pounds_and_a_custom_plate_set(redwood) -> None:  # type: ignore[no-untyped-def]
    pounds = redwood("calc", "plates", "315lb", "--format", "json").json()
    assert pounds["per_side"] == [45, 45, 45]
    assert pounds["bar"] == 45
    limited = redwood("calc", "plates", "101kg", "--plates", "20,10,5", "--format", "json").json()
    assert limited["exact"] is False
    assert limited["total"] == 100


def test_load_from_e1rm_is_rounded_down_to_plates(redwood) -> None:  # type: ignore[no-untyped-def]
    data = redwood(
        "calc", "load", "--e1rm", "150kg", "--reps", "5", "--rir", "2", "--format", "json"
    ).json()
    # 5 reps + 2 RIR = 7 effective reps = 81.1% of 150 kg = 121.65 kg -> 120 kg on plates
    assert data["exact_load"] == pytest.approx(121.65)
    assert data["load"] == 120
    assert data["per_side"] == [25, 25]


def test_nutrition_guide(redwood) -> None:  # type: ignore[no-untyped-def]
    data = redwood(
        "guide", "nutrition", "--bodyweight", "80kg", "--lost", "0.8kg", "--format", "json"
    ).json()
    assert data["protein"]["target_g_per_day"] == pytest.approx(128)
    assert data["protein"]["per_meal_g"] == pytest.approx(20)
    assert data["fluids"]["lost_percent"] == pytest.approx(1.0)
    assert data["fluids"]["replace_litres"] == pytest.approx(1.2)
    assert data["fluids"]["over_limit"] is False
    assert (data["sleep"]["min_hours"], data["sleep"]["max_hours"]) == (7, 9)
    bare = redwood("guide", "nutrition", "--bodyweight", "80", "-f", "json").json()
    assert bare["unit"] == "kg"
    pounds = redwood("guide", "nutrition", "--bodyweight", "176lb", "-f", "json").json()
    assert pounds["unit"] == "lb"
    assert pounds["protein"]["target_g_per_day"] == pytest.approx(128, abs=0.5)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["calc", "e1rm", "100kg", "15"], "1-12"),
        (["calc", "e1rm", "80 stone", "5"], "stone"),
        (["calc", "e1rm", "-100kg", "5"], "negative"),
        (["calc", "e1rm", "100kg", "0"], "at least 1"),
        (["calc", "e1rm", "100kg", "five"], "reps"),
        (["calc", "e1rm", "100kg", "5", "--rpe", "12"], "RPE"),
        (["calc", "e1rm", "100kg", "5", "--rpe", "8", "--rir", "1"], "disagree"),
        (["calc", "e1rm", "100kg", "5", "--formula", "guess"], "unknown e1RM formula"),
        (["calc", "plates", "10kg", "--bar", "20kg"], "less than the 20 kg bar"),
        (["calc", "plates", "100kg", "--plates", "20,abc"], "plates"),
        (["calc", "load", "--e1rm", "150kg", "--reps", "5"], "--rir or --rpe"),
        (["calc", "load", "--e1rm", "150kg", "--reps", "12", "--rir", "3"], "12"),
        (["guide", "nutrition", "--bodyweight", "0kg"], "body weight must be more than 0"),
        (["guide", "nutrition", "--bodyweight", "80", "--age", "12"], "age"),
    ],
)
def test_bad_input_is_refused_with_one_line(redwood, args: list[str], needle: str) -> None:  # type: ignore[no-untyped-def]
    result = redwood(*args)
    assert result.code == 2, result
    assert needle in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
