"""Coach invites and coach links: who may coach whom.

An athlete issues an invite (only the SHA-256 hash of its code is stored, as with tokens);
the account that redeems it becomes the athlete's coach through a link the athlete can
revoke. The repositories work on hashes and ids only and never see a code.

Links are the one place where one account reaches another's data, so every read here is
narrow: `is_live` answers the access question with a boolean, `coaches_of` and
`athletes_of` return the few public facts a list of people needs (names, the date of the
last training day, the active program's name), never rows of the other account.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, delete, func, select, update

from redwood.store.base import Repository, insert_or
from redwood.store.models import (
    AthleteRow,
    CoachInviteRow,
    CoachLinkRow,
    PerformedSessionRow,
    ProgramRow,
    SetRow,
)


@dataclass(frozen=True, slots=True)
class InviteRecord:
    """A stored invite (by hash): whose it is, when it expires, and who redeemed it when."""

    id: int
    athlete_id: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    used_by: int | None


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A coach's access to an athlete; live while `revoked_at` is None."""

    id: int
    athlete_id: int
    coach_id: int
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class CoachRecord:
    """One of an athlete's live coaches, as the athlete sees them."""

    coach_id: int
    name: str
    email: str | None
    linked_at: datetime


@dataclass(frozen=True, slots=True)
class CoachedAthleteRecord:
    """One athlete a coach may act for, with what a coach's list of athletes shows."""

    athlete_id: int
    name: str
    unit: str
    timezone: str
    linked_at: datetime
    last_session_on: date | None
    active_program_id: int | None
    active_program_name: str | None


def _invite(row: CoachInviteRow) -> InviteRecord:
    return InviteRecord(**{field.name: getattr(row, field.name) for field in fields(InviteRecord)})


def _link(row: CoachLinkRow) -> LinkRecord:
    return LinkRecord(**{field.name: getattr(row, field.name) for field in fields(LinkRecord)})


def _open_at(at: datetime) -> ColumnElement[bool]:
    """Invites neither used nor expired at `at`."""
    return and_(CoachInviteRow.used_at.is_(None), CoachInviteRow.expires_at > at)


def _live(athlete_id: int, coach_id: int) -> ColumnElement[bool]:
    return and_(
        CoachLinkRow.athlete_id == athlete_id,
        CoachLinkRow.coach_id == coach_id,
        CoachLinkRow.revoked_at.is_(None),
    )


class CoachInvites(Repository):
    """Issue, find, redeem and withdraw invites by their code's hash."""

    def issue(self, athlete_id: int, code_hash: str, *, expires_at: datetime) -> InviteRecord:
        """Store a new invite's hash for the athlete."""
        row = CoachInviteRow(athlete_id=athlete_id, code_hash=code_hash, expires_at=expires_at)
        self.session.add(row)
        self.session.flush()
        return _invite(row)

    def by_hash(self, code_hash: str) -> InviteRecord | None:
        """The invite with this code hash (used and expired ones too), or None."""
        row = self.session.scalars(
            select(CoachInviteRow).where(CoachInviteRow.code_hash == code_hash)
        ).first()
        return None if row is None else _invite(row)

    def redeem(self, invite_id: int, coach_id: int, at: datetime) -> bool:
        """Mark the invite used by `coach_id` at `at`, unless it was used or expired
        meanwhile (a conditional update, so two accounts racing for one code cannot both
        win); True when this call redeemed it."""
        result = self.session.execute(
            update(CoachInviteRow)
            .where(CoachInviteRow.id == invite_id, _open_at(at))
            .values(used_at=at, used_by=coach_id)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def open_of(self, athlete_id: int, now: datetime) -> list[InviteRecord]:
        """The athlete's invites neither used nor expired at `now`, newest first."""
        rows = self.session.scalars(
            select(CoachInviteRow)
            .where(CoachInviteRow.athlete_id == athlete_id, _open_at(now))
            .order_by(CoachInviteRow.id.desc())
        )
        return [_invite(row) for row in rows]

    def withdraw(self, athlete_id: int, invite_id: int) -> bool:
        """Delete one of the athlete's unused invites; False when there is no such one."""
        result = self.session.execute(
            delete(CoachInviteRow).where(
                CoachInviteRow.id == invite_id,
                CoachInviteRow.athlete_id == athlete_id,
                CoachInviteRow.used_at.is_(None),
            )
        )
        return bool(getattr(result, "rowcount", 0))


class CoachLinks(Repository):
    """Make, check, list and revoke the links between athletes and their coaches."""

    def link(self, athlete_id: int, coach_id: int) -> LinkRecord:
        """A live link from the athlete to the coach: the existing one, or a new one."""
        found = self.live(athlete_id, coach_id)
        if found is not None:
            return found
        row = CoachLinkRow(athlete_id=athlete_id, coach_id=coach_id)

        def winner() -> CoachLinkRow | None:
            return self.session.scalars(
                select(CoachLinkRow).where(_live(athlete_id, coach_id))
            ).first()

        made = insert_or(self.session, row, winner)
        self.session.flush()
        return _link(made)

    def live(self, athlete_id: int, coach_id: int) -> LinkRecord | None:
        """The live link from the athlete to the coach, or None."""
        row = self.session.scalars(select(CoachLinkRow).where(_live(athlete_id, coach_id))).first()
        return None if row is None else _link(row)

    def is_live(self, athlete_id: int, coach_id: int) -> bool:
        """Whether the coach may act for the athlete now."""
        found = self.session.scalar(select(CoachLinkRow.id).where(_live(athlete_id, coach_id)))
        return found is not None

    def revoke(self, athlete_id: int, coach_id: int, at: datetime) -> bool:
        """End the coach's access to the athlete; False when there was no live link."""
        result = self.session.execute(
            update(CoachLinkRow)
            .where(_live(athlete_id, coach_id))
            .values(revoked_at=at)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    def coaches_of(self, athlete_id: int) -> list[CoachRecord]:
        """The athlete's live coaches, longest-standing first."""
        rows = self.session.execute(
            select(AthleteRow.id, AthleteRow.name, AthleteRow.email, CoachLinkRow.created_at)
            .join(CoachLinkRow, CoachLinkRow.coach_id == AthleteRow.id)
            .where(CoachLinkRow.athlete_id == athlete_id, CoachLinkRow.revoked_at.is_(None))
            .order_by(CoachLinkRow.created_at, CoachLinkRow.id)
        )
        return [CoachRecord(coach_id, name, email, at) for coach_id, name, email, at in rows]

    def athletes_of(
        self, coach_id: int, athlete_id: int | None = None
    ) -> list[CoachedAthleteRecord]:
        """The athletes the coach may act for (only `athlete_id` when given), by name, with
        the local date of their last training day that still has a logged set and their
        active program: one query, whatever the number of athletes."""
        last_day = (
            select(
                PerformedSessionRow.athlete_id.label("athlete_id"),
                func.max(PerformedSessionRow.local_date).label("last_on"),
            )
            .where(
                select(SetRow.id)
                .where(
                    SetRow.session_id == PerformedSessionRow.id,
                    SetRow.athlete_id == PerformedSessionRow.athlete_id,
                    SetRow.deleted_at.is_(None),
                )
                .exists()
            )
            .group_by(PerformedSessionRow.athlete_id)
            .subquery()
        )
        query = (
            select(
                AthleteRow.id,
                AthleteRow.name,
                AthleteRow.unit,
                AthleteRow.timezone,
                CoachLinkRow.created_at,
                last_day.c.last_on,
                ProgramRow.id,
                ProgramRow.name,
            )
            .join(CoachLinkRow, CoachLinkRow.athlete_id == AthleteRow.id)
            .outerjoin(last_day, last_day.c.athlete_id == AthleteRow.id)
            .outerjoin(
                ProgramRow,
                and_(ProgramRow.athlete_id == AthleteRow.id, ProgramRow.active.is_(True)),
            )
            .where(CoachLinkRow.coach_id == coach_id, CoachLinkRow.revoked_at.is_(None))
            .order_by(AthleteRow.name, AthleteRow.id)
        )
        if athlete_id is not None:
            query = query.where(AthleteRow.id == athlete_id)
        return [CoachedAthleteRecord(*row) for row in self.session.execute(query)]
