"""Check-ins and bodyweights over HTTP: recorded for the signed-in athlete's dates, listed
newest first, refused with the field named."""

from __future__ import annotations

from tests.web.client import Api


def test_checkins_are_recorded_and_listed(api: Api) -> None:
    ana = api.signup("Ana")
    made = api.client.post(
        "/api/v1/checkins",
        headers=ana.headers,
        json={"date": "2026-11-02", "sleep_hours": 5.5, "soreness": 4, "energy": 2,
              "pain": ["knee"], "note": "rough night"},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    assert made.json()["pain_where"] == ["knee"]
    api.client.post("/api/v1/checkins", headers=ana.headers, json={"energy": 4})
    listed = api.client.get("/api/v1/checkins", headers=ana.headers).json()
    assert [c["energy"] for c in listed] == [4, 2]
    window = api.client.get(
        "/api/v1/checkins", headers=ana.headers, params={"from": "2026-11-01", "to": "2026-11-02"}
    ).json()
    assert [c["sleep_hours"] for c in window] == [5.5]
    empty = api.client.post("/api/v1/checkins", headers=ana.headers, json={})
    assert empty.status_code == 422
    assert empty.json()["error"]["field"] == "checkin"
    bad = api.client.post("/api/v1/checkins", headers=ana.headers, json={"soreness": 9})
    assert (bad.status_code, bad.json()["error"]["field"]) == (422, "soreness")
    future = api.client.post(
        "/api/v1/checkins", headers=ana.headers, json={"date": "2999-01-01", "energy": 3}
    )
    assert (future.status_code, future.json()["error"]["field"]) == (422, "date")
    assert api.client.get("/api/v1/checkins", headers=api.signup("Bo").headers).json() == []


def test_bodyweights_take_kg_or_a_weight_with_its_unit(api: Api) -> None:
    ana = api.signup("Ana")
    first = api.client.post(
        "/api/v1/bodyweights", headers=ana.headers, json={"date": "2026-11-01", "kg": 80.4}
    )
    assert first.status_code == 201, first.text
    assert first.json()["kg"] == 80.4
    second = api.client.post(
        "/api/v1/bodyweights", headers=ana.headers, json={"date": "2026-11-02", "weight": "176lb"}
    )
    assert second.json()["weight"] == "79.8 kg"
    replaced = api.client.post(
        "/api/v1/bodyweights", headers=ana.headers, json={"date": "2026-11-02", "kg": 80}
    )
    assert replaced.json()["replaced"] == "79.8 kg"
    listed = api.client.get("/api/v1/bodyweights", headers=ana.headers).json()
    assert [(b["date"], b["kg"]) for b in listed] == [("2026-11-02", 80), ("2026-11-01", 80.4)]
    assert listed[0]["change_kg"] == -0.4
    for body, field in [
        ({"kg": 80, "weight": "80kg"}, "kg"),
        ({}, "kg"),
        ({"kg": 5}, "bodyweight"),
        ({"weight": "heavy"}, "bodyweight"),
        ({"kg": "NaN"}, "kg"),
    ]:
        answer = api.client.post("/api/v1/bodyweights", headers=ana.headers, json=body)
        assert answer.status_code == 422, body
        assert answer.json()["error"]["field"] == field, (body, answer.json())
