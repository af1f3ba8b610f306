"""Accounts over HTTP: health, register, login, bearer tokens, logout, the rate limit's
429, and deleting an account with everything in it. SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from tests.web.client import PASSWORD, Api


def test_health_says_the_database_is_current(api: Api) -> None:
    answer = api.client.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["database"] == "ok"


def test_register_then_login_gives_a_bearer_token(api: Api) -> None:
    made = api.client.post(
        "/api/v1/auth/register",
        json={"email": " Ana@Example.com", "password": PASSWORD, "name": "Ana"},
    )
    assert made.status_code == 201
    assert made.json()["email"] == "ana@example.com"
    assert "password" not in made.text
    login = api.client.post(
        "/api/v1/auth/login", json={"email": "ana@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200
    token = login.json()["token"]
    assert login.json()["expires_in"] == 30 * 24 * 3600
    me = api.client.get("/api/v1/account", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["id"] == made.json()["id"]


def test_a_second_registration_of_an_email_is_409(api: Api) -> None:
    ana = api.signup("Ana")
    again = api.client.post(
        "/api/v1/auth/register", json={"email": ana.email, "password": PASSWORD, "name": "X"}
    )
    assert again.status_code == 409
    assert again.json()["error"]["field"] == "email"


def test_wrong_credentials_are_one_401(api: Api) -> None:
    ana = api.signup("Ana")
    answers = [
        api.client.post("/api/v1/auth/login", json={"email": ana.email, "password": "nope-nope"}),
        api.client.post(
            "/api/v1/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}
        ),
    ]
    assert [a.status_code for a in answers] == [401, 401]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["error"]["message"] == "email or password is wrong"


def test_routes_need_a_live_token(api: Api) -> None:
    ana = api.signup("Ana")
    for headers in [
        {},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Basic YW5hOnB3"},
        {"Authorization": "Bearer"},
    ]:
        answer = api.client.get("/api/v1/sets", headers=headers)
        assert answer.status_code == 401, headers
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json()["error"]["field"] == "authorization"
    assert api.client.get("/api/v1/sets", headers=ana.headers).status_code == 200


def test_logout_revokes_only_that_token(api: Api) -> None:
    ana = api.signup("Ana")
    second = api.client.post(
        "/api/v1/auth/login", json={"email": ana.email, "password": PASSWORD, "label": "phone"}
    ).json()["token"]
    assert api.client.post("/api/v1/auth/logout", headers=ana.headers).status_code == 204
    assert api.client.get("/api/v1/account", headers=ana.headers).status_code == 401
    phone = {"Authorization": f"Bearer {second}"}
    assert api.client.get("/api/v1/account", headers=phone).status_code == 200


def test_too_many_failures_answer_429_with_retry_after(api: Api) -> None:
    ana = api.signup("Ana")
    wrong = {"email": ana.email, "password": "wrong password"}
    codes = [api.client.post("/api/v1/auth/login", json=wrong).status_code for _ in range(10)]
    assert codes == [401] * 10
    locked = api.client.post("/api/v1/auth/login", json={"email": ana.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json()["error"]["field"] == "email"
    assert 1 <= int(locked.headers["retry-after"]) <= 15 * 60 + 1


def test_deleting_the_account_removes_its_data_and_tokens(api: Api) -> None:
    ana, bo = api.signup("Ana"), api.signup("Bo")
    for who in (ana, bo):
        logged = api.client.post(
            "/api/v1/sets",
            headers=who.headers,
            json={"id": str(uuid.uuid4()), "exercise": "back squat", "reps": 5, "load_kg": 100},
        )
        assert logged.status_code == 201
    assert api.client.delete("/api/v1/account", headers=ana.headers).status_code == 204
    assert api.client.get("/api/v1/sets", headers=ana.headers).status_code == 401
    again = api.client.post("/api/v1/auth/login", json={"email": ana.email, "password": PASSWORD})
    assert again.status_code == 401
    assert len(api.client.get("/api/v1/sets", headers=bo.headers).json()["items"]) == 1
    # The email is free again.
    assert api.signup("Ana").id != ana.id
