"""Bodyweight and readiness check-ins on SQLite and PostgreSQL: units, bounds, one reading a
day, future dates, and answers checked before anything is written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from redwood.services import readings
from redwood.services.athletes import local_athlete
from redwood.services.database import ensure_schema, unit_of_work
from redwood.services.errors import ServiceError
from redwood.services.logsupport import read_date
from redwood.store import Athletes

TODAY = date(2026, 11, 3)
DAY = date(2026, 11, 2)


def _unit(url: str, unit: str) -> None:
    ensure_schema(url)
    with unit_of_work(url) as session:
        Athletes(session).update(local_athlete(session).id, unit=unit)


@pytest.mark.parametrize(
    ("unit", "typed", "kg", "shown"),
    [
        ("kg", "80.5kg", Decimal("80.5"), "80.5 kg"),
        ("kg", "80.5", Decimal("80.5"), "80.5 kg"),
        ("kg", "177lb", Decimal("80.29"), "80.3 kg"),
        ("lb", "177", Decimal("80.29"), "177 lb"),
        ("lb", "80 kg", Decimal(80), "176.4 lb"),
        ("kg", "20kg", Decimal(20), "20 kg"),
        ("kg", "400 kg", Decimal(400), "400 kg"),
    ],
)
def test_bodyweight_is_read_in_the_athletes_unit(
    db_url: str, unit: str, typed: str, kg: Decimal, shown: str
) -> None:
    _unit(db_url, unit)
    stored = readings.add_bodyweight(typed, DAY, today=TODAY, url=db_url)
    assert (stored["kg"], stored["weight"], stored["date"]) == (kg, shown, "2026-11-02")
    assert stored["replaced"] is None


@pytest.mark.parametrize("typed", ["19.9kg", "401kg", "900lb", "-80kg", "eighty", "80 stone", ""])
def test_bodyweights_outside_20_400_kg_or_unreadable_are_refused(db_url: str, typed: str) -> None:
    with pytest.raises(ServiceError) as caught:
        readings.add_bodyweight(typed, DAY, today=TODAY, url=db_url)
    assert caught.value.field == "bodyweight"
    assert readings.list_bodyweights(url=db_url) == []


def test_one_bodyweight_a_day_newest_first_with_the_change(db_url: str) -> None:
    readings.add_bodyweight("81kg", date(2026, 10, 30), today=TODAY, url=db_url)
    readings.add_bodyweight("80kg", DAY, today=TODAY, url=db_url)
    again = readings.add_bodyweight("80.4kg", DAY, today=TODAY, note="after coffee", url=db_url)
    assert again["replaced"] == "80 kg"
    listed = readings.list_bodyweights(url=db_url)
    assert [(row["date"], row["kg"], row["change_kg"]) for row in listed] == [
        ("2026-11-02", Decimal("80.4"), Decimal("-0.6")),
        ("2026-10-30", Decimal(81), None),
    ]
    assert listed[0]["note"] == "after coffee"
    assert len(readings.list_bodyweights(limit=1, url=db_url)) == 1
    assert readings.list_bodyweights(end=date(2026, 11, 1), url=db_url)[0]["kg"] == Decimal(81)


def test_no_bodyweight_for_a_day_to_come(db_url: str) -> None:
    with pytest.raises(ServiceError, match="future") as caught:
        readings.add_bodyweight("80kg", date(2026, 11, 4), today=TODAY, url=db_url)
    assert caught.value.field == "date"


def test_a_full_check_in_is_kept(db_url: str) -> None:
    made = readings.add_checkin(
        DAY,
        today=TODAY,
        sleep_hours="6.5",
        soreness=4,
        energy="2",
        pain_where="knee, Lower-Back",
        note=" slept badly ",
        url=db_url,
    )
    assert made["date"] == "2026-11-02"
    assert made["sleep_hours"] == Decimal("6.5")
    assert (made["soreness"], made["energy"]) == (4, 2)
    assert made["pain"] is True
    assert made["pain_where"] == ["knee", "lower_back"]
    assert made["note"] == "slept badly"
    assert readings.list_checkins(url=db_url) == [made]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"sleep_hours": "25"}, "sleep"),
        ({"sleep_hours": "-1"}, "sleep"),
        ({"sleep_hours": "lots"}, "sleep"),
        ({"soreness": 0}, "soreness"),
        ({"soreness": 6}, "soreness"),
        ({"soreness": "2.5"}, "soreness"),
        ({"energy": 9}, "energy"),
        ({"energy": True}, "energy"),
        ({"pain_where": "knee,toe"}, "pain"),
        ({"pain_where": ["neck"]}, "pain"),
        ({}, "checkin"),
        ({"pain_where": "none", "note": "  "}, "checkin"),
    ],
)
def test_bad_check_in_answers_are_refused_before_writing(
    db_url: str, answers: dict[str, Any], field: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        readings.add_checkin(DAY, today=TODAY, url=db_url, **answers)
    assert caught.value.field == field
    assert readings.list_checkins(url=db_url) == []


@pytest.mark.parametrize(
    ("answers", "stored"),
    [
        ({"sleep_hours": 0}, {"sleep_hours": Decimal(0), "pain": False}),
        ({"sleep_hours": "24h"}, {"sleep_hours": Decimal(24)}),
        ({"sleep_hours": "7.25"}, {"sleep_hours": Decimal("7.3")}),
        ({"soreness": "1", "energy": 5}, {"soreness": 1, "energy": 5, "sleep_hours": None}),
        ({"pain_where": ["wrist", "wrist"]}, {"pain_where": ["wrist"], "pain": True}),
        ({"note": "just a note"}, {"note": "just a note", "pain_where": []}),
    ],
)
def test_check_in_answers_at_the_edges(
    db_url: str, answers: dict[str, Any], stored: dict[str, Any]
) -> None:
    made = readings.add_checkin(DAY, today=TODAY, url=db_url, **answers)
    assert {key: made[key] for key in stored} == stored


def test_check_ins_list_newest_first_and_refuse_the_future(db_url: str) -> None:
    readings.add_checkin(date(2026, 11, 1), today=TODAY, soreness=2, url=db_url)
    readings.add_checkin(DAY, today=TODAY, soreness=3, url=db_url)
    assert [c["soreness"] for c in readings.list_checkins(url=db_url)] == [3, 2]
    assert [c["soreness"] for c in readings.list_checkins(end=date(2026, 11, 1), url=db_url)] == [2]
    with pytest.raises(ServiceError) as caught:
        readings.add_checkin(date(2026, 11, 4), today=TODAY, soreness=2, url=db_url)
    assert caught.value.field == "date"
    with pytest.raises(ServiceError) as limit:
        readings.list_checkins(limit=0, url=db_url)
    assert limit.value.field == "limit"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2026-11-01", date(2026, 11, 1)), ("today", TODAY), (" Yesterday ", DAY)],
)
def test_dates_people_type(typed: str, expected: date) -> None:
    assert read_date(typed, TODAY) == expected


@pytest.mark.parametrize("typed", ["2026-11-04", "tomorrow", "11/02/2026", ""])
def test_dates_people_type_that_are_refused(typed: str) -> None:
    with pytest.raises(ServiceError) as caught:
        read_date(typed, TODAY, "date")
    assert caught.value.field == "date"
    assert read_date("2026-12-01", TODAY, future=True) == date(2026, 12, 1)
