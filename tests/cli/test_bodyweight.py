"""`redwood bodyweight add|list`: kg and lb, one reading a day, refusals in one line."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.cli.conftest import Result

Run = Callable[..., Result]


def test_add_in_kg_or_lb_and_list_newest_first(redwood: Run) -> None:
    first = redwood("bodyweight", "add", "81kg", "--date", "2024-03-01", "-f", "json")
    assert first.code == 0, first.err
    assert first.json()["kg"] == 81
    added = redwood("bodyweight", "add", "177", "lb", "--date", "2024-03-04", "-f", "table")
    assert added.out == "Bodyweight on 2024-03-04: 80.3 kg.\n"
    again = redwood("bodyweight", "add", "80.5kg", "--date", "2024-03-04", "-f", "table")
    assert again.out == "Bodyweight on 2024-03-04: 80.5 kg (replacing 80.3 kg).\n"
    listed = redwood("bodyweight", "list", "-f", "json").json()
    assert [(row["date"], row["kg"], row["change_kg"]) for row in listed] == [
        ("2024-03-04", 80.5, -0.5),
        ("2024-03-01", 81, None),
    ]
    table = redwood("bodyweight", "list", "-f", "table")
    assert "-0.5" in table.out
    assert "80.5 kg" in table.out


def test_add_without_a_date_is_today(redwood: Run) -> None:
    data = redwood("bodyweight", "add", "80.5kg", "-f", "json").json()
    assert data["weight"] == "80.5 kg"
    assert (
        redwood("bodyweight", "list", "--limit", "1", "-f", "json").json()[0]["date"]
        == (data["date"])
    )


def test_an_empty_list_says_how_to_start(redwood: Run) -> None:
    assert "No bodyweight yet" in redwood("bodyweight", "list", "-f", "table").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("19kg",), "bodyweight: '19kg' is outside 20 kg-400 kg"),
        (("900lb",), "bodyweight: '900lb' is outside 20 kg-400 kg"),
        (("eighty",), "bodyweight: 'eighty' is not a mass"),
        (("80", "stone"), "bodyweight: unknown unit 'stone'"),
        (("80kg", "--date", "2999-01-01"), "date: 2999-01-01 is in the future"),
        (("80kg", "--date", "someday"), "date: 'someday' is not a date"),
    ],
)
def test_bad_weights_are_one_line_exit_2(redwood: Run, args: tuple[str, ...], message: str) -> None:
    result = redwood("bodyweight", "add", *args)
    assert result.code == 2
    assert result.err.startswith("redwood: ")
    assert result.err.count("\n") == 1
    assert message in result.err
    assert redwood("bodyweight", "list", "-f", "json").json() == []
