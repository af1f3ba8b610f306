"""POST /sets says which records the set just set (`records`, next to the set's fields):
against the earlier days and that day's earlier sets, never for a warm-up or a tie, the
same list again on a retry of the same id."""

from __future__ import annotations

import uuid
from typing import Any

from tests.web.client import Api, Athlete


def _log(api: Api, who: Athlete, **fields: Any) -> Any:
    body = {"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 100}
    body.update(fields)
    answer = api.client.post("/api/v1/sets", headers=who.headers, json=body)
    assert answer.status_code in {200, 201}, answer.text
    return answer.json()


def _kinds(answer: dict[str, Any]) -> list[tuple[str, int | None, float, float | None]]:
    return [(r["kind"], r["reps"], r["kg"], r["previous_kg"]) for r in answer["records"]]


def test_records_are_flagged_against_earlier_sets_only(api: Api) -> None:
    ana = api.signup("Ana")
    first = _log(api, ana, date="2026-11-02", rpe=8)
    assert first["records"] == []  # the first day has nothing to beat
    assert _log(api, ana, date="2026-11-04", rpe=8)["records"] == []  # a tie
    assert _log(api, ana, date="2026-11-04", type="warmup", load_kg=140)["records"] == []
    set_id = str(uuid.uuid4())
    heavier = _log(api, ana, id=set_id, date="2026-11-06", load_kg=105, rpe=8)
    # 105 x 5 @8: 105 / 0.811 = 129.470 beats 100 / 0.811 = 123.305
    assert _kinds(heavier) == [
        ("e1rm", None, 129.47, 123.305),
        ("load", None, 105, 100),
        ("rep", 5, 105, 100),
        ("volume", None, 525, 500),
    ]
    assert heavier["records"][1]["text"] == (
        "New heaviest load on Barbell Back Squat: 105 kg (was 100 kg)."
    )
    retry = api.client.post(
        "/api/v1/sets",
        headers=ana.headers,
        json={"id": set_id, "exercise": "back squat", "reps": 5, "load_kg": 105},
    )
    assert retry.status_code == 200
    assert retry.json()["records"] == heavier["records"]
    again = _log(api, ana, date="2026-11-06", load_kg=107.5, rpe=8)
    # beats the set before it that day; the session's volume was flagged once already
    assert [(k, r, was) for k, r, _, was in _kinds(again)] == [
        ("e1rm", None, 129.47),
        ("load", None, 105),
        ("rep", 5, 105),
    ]


def test_another_athletes_bests_do_not_count(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    _log(api, ana, date="2026-11-02", load_kg=200)
    _log(api, bo, date="2026-11-02")
    assert _kinds(_log(api, bo, date="2026-11-03", load_kg=102.5))[1] == ("load", None, 102.5, 100)
