"""Coach invites and links in the store, on SQLite and PostgreSQL: one redemption per
invite, one live link per pair enforced by the database, never a link to oneself, and the
coach's list of athletes in one query."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redwood.domain.logbook import SetEntry
from redwood.store import AthleteRecord, Athletes, Logbook, Programs
from redwood.store.coach_links import CoachInvites, CoachLinks
from redwood.store.models import CoachLinkRow

NOW = datetime(2026, 11, 3, 12, tzinfo=UTC)
DOCUMENT = {"schema": "redwood.program/1", "profile": {}, "weeks": []}


def test_an_invite_is_redeemed_once_and_never_after_it_expires(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    invites = CoachInvites(session)
    made = invites.issue(athlete.id, "a" * 64, expires_at=NOW + timedelta(days=7))
    late = invites.issue(athlete.id, "b" * 64, expires_at=NOW)
    assert invites.by_hash("a" * 64) == made
    assert invites.by_hash("c" * 64) is None
    assert invites.open_of(athlete.id, NOW) == [made]
    assert invites.redeem(late.id, rival.id, NOW) is False  # expired at that instant
    assert invites.redeem(made.id, rival.id, NOW) is True
    assert invites.redeem(made.id, athlete.id, NOW) is False  # the second one loses
    session.expire_all()
    used = invites.by_hash("a" * 64)
    assert used is not None
    assert (used.used_at, used.used_by) == (NOW, rival.id)
    assert invites.open_of(athlete.id, NOW) == []
    assert invites.withdraw(athlete.id, made.id) is False  # used invites stay as history
    assert invites.withdraw(rival.id, late.id) is False
    assert invites.withdraw(athlete.id, late.id) is True


def test_one_live_link_per_pair_and_none_to_oneself(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    links = CoachLinks(session)
    first = links.link(athlete.id, rival.id)
    assert links.link(athlete.id, rival.id) == first
    assert links.is_live(athlete.id, rival.id)
    assert not links.is_live(rival.id, athlete.id)
    session.commit()
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(CoachLinkRow(athlete_id=athlete.id, coach_id=rival.id))
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(CoachLinkRow(athlete_id=athlete.id, coach_id=athlete.id))
    assert links.revoke(athlete.id, rival.id, NOW) is True
    assert links.revoke(athlete.id, rival.id, NOW) is False
    again = links.link(athlete.id, rival.id)  # a revoked link is history, not a block
    assert again.id != first.id
    assert links.live(athlete.id, rival.id) == again


def test_coaches_and_athletes_lists_show_only_live_links(
    session: Session, athlete: AthleteRecord, rival: AthleteRecord
) -> None:
    athletes = Athletes(session)
    cy = athletes.create("Cy", email="cy@example.com")
    zed = athletes.create("Zed", email="zed@example.com")
    links = CoachLinks(session)
    links.link(athlete.id, cy.id)
    links.link(zed.id, cy.id)
    links.link(rival.id, cy.id)
    links.revoke(rival.id, cy.id, NOW)
    programs = Programs(session, athlete.id)
    programs.create("Ana's plan", DOCUMENT, activate=True)
    programs.create("Spare", DOCUMENT)
    log = Logbook(session, athlete.id)
    for day, deleted in ((date(2026, 11, 2), False), (date(2026, 11, 4), True)):
        performed = log.start_session(day)
        entry = SetEntry(uuid.uuid4(), "barbell-back-squat", NOW, reps=5, load_kg=Decimal(100))
        log.add_set(performed.id, entry)
        if deleted:
            log.delete_set(entry.id)
    coached = links.athletes_of(cy.id)
    assert [(a.name, a.last_session_on, a.active_program_name) for a in coached] == [
        ("Ana", date(2026, 11, 2), "Ana's plan"),
        ("Zed", None, None),
    ]
    assert [a.athlete_id for a in links.athletes_of(cy.id, zed.id)] == [zed.id]
    assert links.athletes_of(cy.id, rival.id) == []
    assert links.athletes_of(athlete.id) == []
    assert [(c.coach_id, c.name, c.email) for c in links.coaches_of(athlete.id)] == [
        (cy.id, "Cy", "cy@example.com")
    ]
    assert links.coaches_of(rival.id) == []
