"""Settings over HTTP: read, change several at once, and a refused value changing nothing."""

from __future__ import annotations

from tests.web.client import Api


def test_settings_change_and_read_back(api: Api) -> None:
    ana = api.signup("Ana")
    shown = api.client.get("/api/v1/settings", headers=ana.headers).json()
    assert (shown["unit"], shown["timezone"], shown["bar"]) == ("kg", "UTC", "20")
    changed = api.client.patch(
        "/api/v1/settings",
        headers=ana.headers,
        json={
            "unit": "lb",
            "timezone": "Europe/Berlin",
            "plates": {"bar": 45, "plates": [45, 35, 25, 10, 5, 2.5]},
            "dumbbells": {"range": "5-50/5"},
            "stack_step": "10lb",
            "cap": 3,
            "rules": {"back squat": "two_for_two"},
        },
    )
    assert changed.status_code == 200, changed.text
    data = changed.json()
    assert (data["unit"], data["timezone"], data["bar"]) == ("lb", "Europe/Berlin", "45")
    assert data["plates"] == ["45", "35", "25", "10", "5", "2.5"]
    assert data["dumbbells"][:3] == ["5", "10", "15"]
    assert data["weekly_cap_percent"] == 3.0
    assert data["rules"] == {"barbell-back-squat": "two_for_two"}
    assert api.client.get("/api/v1/settings", headers=ana.headers).json() == data
    reset = api.client.patch(
        "/api/v1/settings", headers=ana.headers, json={"rules": {"back squat": "default"}}
    )
    assert reset.json()["rules"] == {}
    other = api.client.get("/api/v1/settings", headers=api.signup("Bo").headers).json()
    assert other["unit"] == "kg"


def test_a_refused_value_changes_nothing(api: Api) -> None:
    ana = api.signup("Ana")
    before = api.client.get("/api/v1/settings", headers=ana.headers).json()
    for body, field in [
        ({"unit": "lb", "timezone": "Mars/Olympus"}, "timezone"),
        ({"unit": "lb", "rules": {"back squat": "yolo"}}, "rules"),
        ({"unit": "lb", "rules": {"no such lift anywhere": "two_for_two"}}, "rules"),
        ({"unit": "lb", "stack_step": "100kg"}, "stack_step"),
        ({"unit": "lb", "plates": {"plates": [0]}}, "plates.plates.0"),
        ({"unit": "lb", "dumbbells": {"range": "50-5/5"}}, "dumbbells"),
        ({"unit": "lb", "dumbbells": {}}, "dumbbells"),
        ({"unit": "stone"}, "unit"),
        ({"cap": 80}, "cap"),
    ]:
        answer = api.client.patch("/api/v1/settings", headers=ana.headers, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.json()["error"]["field"] == field, (body, answer.json())
        assert api.client.get("/api/v1/settings", headers=ana.headers).json() == before


def test_the_kit_per_place_is_read_and_changed_like_the_settings_page(api: Api) -> None:
    ana = api.signup("Ana")
    shown = api.client.get("/api/v1/settings", headers=ana.headers).json()
    assert set(shown["equipment"]) == {"gym", "home", "outdoor"}
    changed = api.client.patch(
        "/api/v1/settings",
        headers=ana.headers,
        json={"equipment": {"home": ["Dumbbells", "bench"], "outdoor": []}, "cap": 3},
    )
    assert changed.status_code == 200, changed.text
    kit = changed.json()["equipment"]
    assert kit["home"] == ["bench", "dumbbells", "none"]
    assert kit["outdoor"] == ["none"]
    assert kit["gym"] == shown["equipment"]["gym"]
    assert changed.json()["weekly_cap_percent"] == 3.0
    assert api.client.get("/api/v1/settings", headers=ana.headers).json() == changed.json()
    before = changed.json()
    for body, field in [
        ({"cap": 2, "equipment": {"home": ["bench", "jetpack"]}}, "equipment.home.1"),
        ({"cap": 2, "equipment": {"moon": ["bench"]}}, "equipment.moon.[key]"),
        ({"cap": 2, "equipment": {"home": "bench"}}, "equipment.home"),
        ({"cap": 2, "equipment": {"home": ["\x00"]}}, "equipment.home.0"),
    ]:
        answer = api.client.patch("/api/v1/settings", headers=ana.headers, json=body)
        assert answer.status_code == 422, (body, answer.text)
        assert answer.json()["error"]["field"] == field, (body, answer.json())
        assert api.client.get("/api/v1/settings", headers=ana.headers).json() == before
