"""Helpers for API tests: a signed-in athlete, the client wrapper, a fast plan profile."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
PLAN = {
    "goal": "general",
    "level": "beginner",
    "days": 2,
    "minutes": 45,
    "setting": "gym",
    "weeks": 4,
}
"""A profile the planner solves in about 0.1 s."""

_emails = itertools.count(1)


@dataclass(frozen=True)
class Athlete:
    """A signed-in athlete of the test app."""

    id: int
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Api:
    """The test client and the database URL behind it."""

    client: TestClient
    url: str
    athletes: list[Athlete] = field(default_factory=list)

    def signup(self, name: str = "Ana", **extra: Any) -> Athlete:
        email = f"{name.lower()}{next(_emails)}@example.com"
        body = {"email": email, "password": PASSWORD, "name": name, **extra}
        made = self.client.post("/api/v1/auth/register", json=body)
        assert made.status_code == 201, made.text
        login = self.client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert login.status_code == 200, login.text
        athlete = Athlete(made.json()["id"], email, login.json()["token"])
        self.athletes.append(athlete)
        return athlete


def cheap_hasher() -> PasswordHasher:
    """argon2id with the smallest costs, so tests register in milliseconds."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def own_exercise(api: Api, who: Athlete, name: str, like: str = "barbell-back-squat") -> str:
    """Give `who` a custom exercise classified like `like` (as an import makes one); its id."""
    from redwood.domain.exercise import exercise_from_dict, normalize_name
    from redwood.services import catalogue
    from redwood.services.database import unit_of_work
    from redwood.store import Exercises

    model = catalogue.find_exercise(like).to_dict()
    slug = "custom-" + normalize_name(name).replace(" ", "-")
    record = {**model, "id": slug, "name": name, "aliases": [], "substitutes": [like]}
    record.update(harder=None, easier=None, custom=True, tags=["imported"])
    with unit_of_work(api.url) as session:
        made = Exercises(session, who.id).create_custom(exercise_from_dict(record, custom=True))
    return made.id
