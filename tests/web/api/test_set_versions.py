"""Two devices, one set: versions, ETags and If-Match on GET/PATCH/DELETE /api/v1/sets/{id}.

The stated rule: an edit or delete that names the version its device showed is refused with
409 and the set as it is now when another device changed it first; one that names no version
applies to what is stored (last write wins); new sets never conflict (each has its own UUID).
Both databases; the hypothesis test plays random interleavings of two devices and checks
that no acknowledged write was ever overwritten by a device that had not seen it.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.client import PASSWORD, Api, Athlete


def _log(api: Api, who: Athlete, **fields: Any) -> dict[str, Any]:
    body = {"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 100}
    body.update(fields)
    answer = api.client.post("/api/v1/sets", headers=who.headers, json=body)
    assert answer.status_code == 201, answer.text
    made: dict[str, Any] = answer.json()
    return made


def _second_device(api: Api, who: Athlete) -> dict[str, str]:
    """Bearer headers of another sign-in of the same athlete (the laptop beside the phone)."""
    login = api.client.post(
        "/api/v1/auth/login", json={"email": who.email, "password": PASSWORD, "label": "laptop"}
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['token']}"}


def test_reads_carry_the_version_and_an_etag(api: Api) -> None:
    ana = api.signup("Ana")
    made = _log(api, ana)
    assert made["version"] == 1
    one = api.client.get(f"/api/v1/sets/{made['id']}", headers=ana.headers)
    assert one.headers["etag"] == '"1"'
    assert one.json()["version"] == 1
    listed = api.client.get("/api/v1/sets", headers=ana.headers).json()["items"]
    assert [item["version"] for item in listed] == [1]


def test_a_stale_edit_is_409_with_the_current_set_and_a_fresh_one_wins(api: Api) -> None:
    ana = api.signup("Ana")
    phone, laptop = ana.headers, _second_device(api, ana)
    made = _log(api, ana)
    path = f"/api/v1/sets/{made['id']}"
    first = api.client.patch(path, headers={**phone, "If-Match": '"1"'}, json={"reps": 6})
    assert first.status_code == 200, first.text
    assert first.json()["set"]["version"] == 2
    assert first.headers["etag"] == '"2"'
    # The laptop still shows version 1: refused, with the phone's values to show beside its own.
    stale = api.client.patch(path, headers={**laptop, "If-Match": '"1"'}, json={"reps": 8})
    assert stale.status_code == 409, stale.text
    body = stale.json()
    assert body["error"]["field"] == "version"
    assert "version 1" in body["error"]["message"]
    assert (body["current"]["reps"], body["current"]["version"]) == (6, 2)
    assert stale.headers["etag"] == '"2"'
    assert api.client.get(path, headers=laptop).json()["reps"] == 6
    # Keeping its own values: send again with the current version (as a body field here).
    kept = api.client.patch(path, headers=laptop, json={"reps": 8, "version": 2})
    assert kept.status_code == 200, kept.text
    assert (kept.json()["set"]["reps"], kept.json()["set"]["version"]) == (8, 3)


def test_without_a_version_the_last_write_wins(api: Api) -> None:
    ana = api.signup("Ana")
    made = _log(api, ana)
    path = f"/api/v1/sets/{made['id']}"
    assert api.client.patch(path, headers=ana.headers, json={"reps": 6}).status_code == 200
    blind = api.client.patch(path, headers=ana.headers, json={"reps": 7})
    assert blind.status_code == 200
    assert (blind.json()["set"]["reps"], blind.json()["set"]["version"]) == (7, 3)


def test_a_delete_with_a_stale_version_is_409_and_keeps_the_set(api: Api) -> None:
    ana = api.signup("Ana")
    made = _log(api, ana)
    path = f"/api/v1/sets/{made['id']}"
    assert api.client.patch(path, headers=ana.headers, json={"rpe": 8}).status_code == 200
    stale = api.client.delete(path, headers={**ana.headers, "If-Match": '"1"'})
    assert stale.status_code == 409, stale.text
    assert stale.json()["current"]["rpe"] == 8
    assert api.client.get(path, headers=ana.headers).status_code == 200
    by_query = api.client.delete(path, headers=ana.headers, params={"version": 1})
    assert by_query.status_code == 409
    fresh = api.client.delete(path, headers={**ana.headers, "If-Match": 'W/"2"'})
    assert fresh.status_code == 200, fresh.text
    assert api.client.get(path, headers=ana.headers).status_code == 404


def test_version_headers_that_make_no_sense_are_422_naming_the_field(api: Api) -> None:
    ana = api.signup("Ana")
    path = f"/api/v1/sets/{_log(api, ana)['id']}"
    for header in ('"abc"', '"1", "2"', '"0"', "99999999999"):
        answer = api.client.patch(path, headers={**ana.headers, "If-Match": header}, json={})
        assert answer.status_code == 422, (header, answer.text)
        assert answer.json()["error"]["field"] == "If-Match"
    clash = api.client.patch(path, headers={**ana.headers, "If-Match": '"1"'}, json={"version": 2})
    assert clash.status_code == 422
    assert clash.json()["error"]["field"] == "version"
    anything = api.client.patch(path, headers={**ana.headers, "If-Match": "*"}, json={"reps": 3})
    assert anything.status_code == 200


def test_another_athletes_set_is_404_whatever_version_is_sent(api: Api) -> None:
    ana, ben = api.signup("Ana"), api.signup("Ben")
    path = f"/api/v1/sets/{_log(api, ana)['id']}"
    for answer in (
        api.client.patch(path, headers={**ben.headers, "If-Match": '"1"'}, json={"reps": 1}),
        api.client.delete(path, headers={**ben.headers, "If-Match": '"1"'}),
    ):
        assert answer.status_code == 404
        assert "current" not in answer.json()


def _race(app: Any, path: str, devices: list[dict[str, str]]) -> list[tuple[int, int]]:
    """Each device sends an edit based on version 1 at the same moment: (status, reps sent)."""
    start = threading.Barrier(len(devices))
    answers: list[tuple[int, int]] = []

    def edit(headers: dict[str, str], reps: int) -> None:
        with TestClient(app) as client:
            start.wait()
            answer = client.patch(path, headers={**headers, "If-Match": '"1"'}, json={"reps": reps})
            answers.append((answer.status_code, reps))

    threads = [
        threading.Thread(target=edit, args=(headers, 10 + n)) for n, headers in enumerate(devices)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_devices_racing_on_one_version_one_wins_one_is_told(api: Api) -> None:
    ana = api.signup("Ana")
    devices = [ana.headers, _second_device(api, ana)]
    for round_ in range(4):
        path = f"/api/v1/sets/{_log(api, ana)['id']}"
        answers = _race(api.client.app, path, devices)
        assert sorted(status for status, _ in answers) == [200, 409], (round_, answers)
        winner = next(reps for status, reps in answers if status == 200)
        stored = api.client.get(path, headers=ana.headers).json()
        assert (stored["reps"], stored["version"]) == (winner, 2)


def test_two_devices_logging_new_sets_at_once_never_conflict(api: Api) -> None:
    ana = api.signup("Ana")
    devices = [ana.headers, _second_device(api, ana)]
    app = api.client.app
    start = threading.Barrier(2)
    codes: list[int] = []

    def log(headers: dict[str, str]) -> None:
        with TestClient(app) as client:
            start.wait()
            for reps in range(1, 6):
                body = {"id": str(uuid.uuid4()), "exercise": "squat", "reps": reps, "load_kg": 60}
                codes.append(client.post("/api/v1/sets", headers=headers, json=body).status_code)

    threads = [threading.Thread(target=log, args=(headers,)) for headers in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [201] * 10
    listed = api.client.get("/api/v1/sets", headers=ana.headers).json()["items"]
    assert len(listed) == 10


@dataclass
class Device:
    """What one device last showed of the set."""

    headers: dict[str, str]
    shown: dict[str, Any]


@dataclass
class Ledger:
    """Every acknowledged write: (the version it was based on, the version it made, reps)."""

    acks: list[tuple[int, int, int]] = field(default_factory=list)


MOVES = st.lists(
    st.tuples(st.sampled_from(["edit", "edit", "refresh"]), st.integers(0, 1), st.integers(1, 30)),
    min_size=1,
    max_size=12,
)


def test_interleaved_edits_never_lose_an_acknowledged_write_silently(api: Api) -> None:
    ana = api.signup("Ana")
    headers = [ana.headers, _second_device(api, ana)]

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(moves=MOVES)
    def play(moves: list[tuple[str, int, int]]) -> None:
        made = _log(api, ana)
        path = f"/api/v1/sets/{made['id']}"
        devices = [Device(h, dict(made)) for h in headers]
        ledger = Ledger()
        for move, who, reps in moves:
            device = devices[who]
            if move == "refresh":
                device.shown = api.client.get(path, headers=device.headers).json()
                continue
            based_on = int(device.shown["version"])
            answer = api.client.patch(
                path, headers={**device.headers, "If-Match": f'"{based_on}"'}, json={"reps": reps}
            )
            if answer.status_code == 200:
                device.shown = answer.json()["set"]
                ledger.acks.append((based_on, int(device.shown["version"]), reps))
            else:
                assert answer.status_code == 409, answer.text
                current = answer.json()["current"]
                assert current["version"] != based_on
                # What the refused device is shown is the newest acknowledged write.
                assert current["reps"] == (ledger.acks[-1][2] if ledger.acks else made["reps"])
                device.shown = current
        # Each acknowledged write was based on the one acknowledged before it: no device
        # overwrote a write it had not seen.
        versions = [int(made["version"])] + [made_v for _, made_v, _ in ledger.acks]
        assert [base for base, _, _ in ledger.acks] == versions[:-1]
        final = api.client.get(path, headers=ana.headers).json()
        assert final["version"] == versions[-1]
        assert final["reps"] == (ledger.acks[-1][2] if ledger.acks else made["reps"])

    play()
