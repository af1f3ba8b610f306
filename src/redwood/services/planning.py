"""Planning use cases: plan a program from loose options, keep programs, check program files.

`plan` turns what a person typed (CLI flags, questionnaire answers, an API body) into a
`Profile` and asks the generator for a program; every contradiction is a `ServiceError`
naming the field, so the CLI prints one line. Programs are stored for the local athlete
(SQLite by default; the schema is created on first use), at most one active. A program file
edited by hand is checked in two passes: its shape (`program_from_dict`) and then every
training rule (`validate_program`); each problem names the file, the line and the location.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from redwood.catalog import Catalogue
from redwood.domain.mass import Mass
from redwood.domain.profile import Profile, ProfileError, make_profile
from redwood.domain.program import Program, ProgramError, program_from_dict
from redwood.io.program_files import to_markdown as _to_markdown
from redwood.io.program_files import to_yaml as _to_yaml
from redwood.io.program_files import (
    unknown_exercise,
)
from redwood.services import catalogue as catalogue_service
from redwood.services.calculators import read_mass
from redwood.services.errors import NotFoundError, ServiceError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redwood.store import ProgramRecord, Programs

Words = str | Sequence[str] | None

REQUIRED_FLAGS = ("--goal", "--level", "--days (or --weekdays)", "--minutes", "--setting")


@dataclass(frozen=True, slots=True)
class PlanOptions:
    """What a person asks `redwood plan` for, as typed: lists may be comma-separated text."""

    goal: str | None = None
    level: str | None = None
    days: int | None = None
    weekdays: Words = None
    minutes: int | None = None
    setting: str | None = None
    equipment: Words = None
    priority: str = "balanced"
    order: str = "auto"
    supersets: str = "auto"
    limitations: Words = None
    weeks: int = 8
    bodyweight: str | None = None
    seed: int = 0
    template: str | None = None
    favourites: Words = None
    excluded: Words = None
    setting_by_day: Words = None

    def missing(self) -> list[str]:
        """The required flags not given, in the order `redwood plan --help` lists them."""
        given = (
            self.goal is not None,
            self.level is not None,
            self.days is not None or self.weekdays is not None,
            self.minutes is not None,
            self.setting is not None,
        )
        return [flag for flag, ok in zip(REQUIRED_FLAGS, given, strict=True) if not ok]


def _words(value: Words, field: str, separators: str = r"[,\s]+") -> list[str] | None:
    """A comma-separated text or a list, cleaned; an empty list is refused."""
    if value is None:
        return None
    items = re.split(separators, value) if isinstance(value, str) else list(value)
    cleaned = [str(item).strip().lower() for item in items if str(item).strip()]
    if not cleaned:
        raise ServiceError(f"{field}: list at least one value, separated by commas", field)
    return cleaned


def _exercise_ids(names: Words, field: str, catalogue: Catalogue) -> list[str]:
    ids = []
    for name in _words(names, field, ",") or []:
        found = catalogue.resolve(name)
        if found is None:
            raise ServiceError(f"{field}: {unknown_exercise(name, catalogue)}", field)
        ids.append(found.id)
    return ids


def _day_settings(words: Words) -> dict[str, str]:
    """`thu=home,sat=outdoor` as {day: setting}; the profile checks the names."""
    pairs: dict[str, str] = {}
    for item in _words(words, "setting_by_day") or []:
        day, sep, where = item.partition("=")
        if not sep or not day.strip() or not where.strip():
            raise ServiceError(
                f"setting-on: expected day=setting pairs such as thu=home (got {item!r})",
                "setting_by_day",
            )
        pairs[day.strip().lower()] = where.strip().lower()
    return pairs


def build_profile(options: PlanOptions, catalogue: Catalogue | None = None) -> Profile:
    """The validated profile for the options; `ServiceError` naming the first faulty field."""
    missing = options.missing()
    if missing:
        raise ServiceError(
            f"missing {', '.join(missing)} (or run 'redwood plan' with no flags on a terminal "
            "to answer questions instead)",
            missing[0].split()[0][2:],
        )
    cat = catalogue or catalogue_service.catalogue()
    bodyweight: Mass | None = None
    if options.bodyweight is not None:
        bodyweight = read_mass(options.bodyweight, "bodyweight")[0]
    try:
        return make_profile(
            goal=options.goal,
            level=options.level,
            days=options.days,
            weekdays=_words(options.weekdays, "weekdays"),
            minutes=options.minutes,
            setting=options.setting,
            equipment=_words(options.equipment, "equipment"),
            priority=options.priority,
            order=options.order,
            supersets=options.supersets,
            limitations=_words(options.limitations, "limitations") or [],
            bodyweight=bodyweight,
            weeks=options.weeks,
            favourites=_exercise_ids(options.favourites, "favourites", cat),
            excluded=_exercise_ids(options.excluded, "excluded", cat),
            setting_by_day=_day_settings(options.setting_by_day),
        )
    except ProfileError as exc:
        named = re.match(r"[a-z_]*", str(exc))
        raise ServiceError(str(exc), named.group(0) if named else None) from None


def template_names() -> list[str]:
    """The seed templates `--template` accepts."""
    from redwood.planner.templates import TEMPLATES

    return sorted(TEMPLATES)


def plan(options: PlanOptions) -> Program:
    """A program for the options (deterministic for a profile and seed)."""
    catalogue = catalogue_service.catalogue()
    profile = build_profile(options, catalogue)
    if options.template is not None and options.template not in template_names():
        choices = ", ".join(template_names())
        raise ServiceError(
            f"template: unknown value {options.template!r} (use one of {choices})", "template"
        )
    from redwood.planner.generator import PlanError, generate_program

    try:
        return generate_program(profile, catalogue, seed=options.seed, template=options.template)
    except PlanError as exc:
        raise ServiceError(str(exc), "profile") from None


def program_name(document: Mapping[str, Any]) -> str:
    """A short name for a program: goal, level, days x minutes, setting, weeks."""
    got = document.get("profile")
    p: Mapping[str, Any] = got if isinstance(got, Mapping) else {}
    name = (
        f"{p.get('goal')}, {p.get('level')}, {p.get('days_per_week')} x "
        f"{p.get('session_minutes')} min, {p.get('setting')}, {len(document['weeks'])} weeks"
    )
    return f"{document['template']}: {name}" if document.get("template") else name


def save_program(
    program: Program, activate: bool = False, *, name: str | None = None, url: str | None = None
) -> int:
    """Store the program for the local athlete (and make it the active one); its id."""
    document = program.to_dict()
    return save_document(
        document,
        name=name or program_name(document),
        profile=program.profile.to_dict(),
        seed=program.seed,
        activate=activate,
        url=url,
    )


def list_programs(url: str | None = None) -> list[dict[str, Any]]:
    """Every stored program of the local athlete, newest first (summaries, JSON-ready)."""
    from redwood.services.database import unit_of_work

    _ensure_schema(url)
    with unit_of_work(url) as session:
        return [_summary(record) for record in _programs(session)[1].all()]


def show_program(ref: int | str = "active", url: str | None = None) -> dict[str, Any]:
    """The program with this id, or the active one (`"active"`): its summary and, under
    `document`, the document exactly as it was stored."""
    text = str(ref).strip().lower()
    if text != "active" and not text.isdigit():
        raise ServiceError(f"program: expected a program id or 'active' (got {ref!r})", "program")
    record = _stored(None if text == "active" else int(text), url)
    return {**_summary(record), "document": copy.deepcopy(dict(record.document))}


def activate_program(
    program_id: int, url: str | None = None, *, starts_on: date | None = None
) -> dict[str, Any]:
    """Make a stored program the active one (and its profile the athlete's); its summary.

    Week 1 begins on the Monday of `starts_on` when given, else this week (next week when
    the first session's weekday has passed)."""
    from redwood.services.database import unit_of_work
    from redwood.store import RecordNotFoundError

    _ensure_schema(url)
    with unit_of_work(url) as session:
        athlete_id, programs = _programs(session)
        try:
            found = programs.get(program_id)
            starts = None if found is None else _start_date(session, found.document)
            if starts_on is not None:
                starts = starts_on - timedelta(days=starts_on.weekday())
            record = programs.activate(program_id, starts_on=starts)
        except RecordNotFoundError:
            raise NotFoundError(
                f"no program {program_id} (see 'redwood program list')", "program"
            ) from None
        _remember_profile(session, athlete_id, record.profile or record.document.get("profile"))
        return _summary(record)


def program_of(document: Mapping[str, Any]) -> Program:
    """The program value of a stored or loaded document (for tables and Markdown)."""
    try:
        return program_from_dict(dict(document))
    except ProgramError as exc:
        raise ServiceError(f"program: {exc}", "program") from None


def program_yaml(program: Program | Mapping[str, Any]) -> str:
    """The editable YAML file of a program (exercise names as comments)."""
    return _to_yaml(program, catalogue_service.catalogue())


def program_markdown(program: Program) -> str:
    """The program as Markdown to read or share."""
    return _to_markdown(program, catalogue_service.catalogue())


# ---- storage (SQLAlchemy loads only here, when a command touches the database) -------------


def _ensure_schema(url: str | None) -> None:
    from redwood.services.database import ensure_schema

    ensure_schema(url)


def _programs(session: Session) -> tuple[int, Programs]:
    from redwood.services.athletes import local_athlete
    from redwood.store import Programs

    athlete = local_athlete(session)
    return athlete.id, Programs(session, athlete.id)


def _start_date(session: Session, document: Mapping[str, Any]) -> date | None:
    """Week 1 of a program activated today: this week, or next when its first day is past."""
    from redwood.coach.schedule import default_start
    from redwood.services.athletes import local_athlete, local_today

    try:
        program = program_from_dict(dict(document))
    except ProgramError:
        return None
    return default_start(program, local_today(local_athlete(session)))


def _summary(record: ProgramRecord) -> dict[str, Any]:
    got = record.document.get("profile")
    profile: Mapping[str, Any] = got if isinstance(got, Mapping) else {}
    return {
        "id": record.id,
        "name": record.name,
        "active": record.active,
        "created_at": record.created_at.isoformat(),
        "starts_on": None if record.starts_on is None else record.starts_on.isoformat(),
        "seed": record.seed,
        **{key: profile.get(key) for key in ("goal", "level", "days_per_week", "session_minutes")},
        "weeks": len(record.document.get("weeks") or []),
    }


def _remember_profile(session: Session, athlete_id: int, profile: Any) -> None:
    from redwood.store import Athletes

    if isinstance(profile, Mapping):
        Athletes(session).update(athlete_id, profile=dict(profile))


def save_document(
    document: Mapping[str, Any],
    *,
    name: str,
    profile: Mapping[str, Any] | None,
    seed: int | None,
    activate: bool,
    url: str | None = None,
) -> int:
    """Store a program document for the local athlete in one transaction; its id."""
    from redwood.services.database import unit_of_work

    _ensure_schema(url)
    with unit_of_work(url) as session:
        athlete_id, programs = _programs(session)
        try:
            starts = _start_date(session, document) if activate else None
            record = programs.create(
                name, document, profile=profile, seed=seed, starts_on=starts, activate=activate
            )
        except ValueError as exc:
            raise ServiceError(str(exc), "program") from None
        if activate:
            _remember_profile(session, athlete_id, profile)
        return record.id


def _stored(key: int | None, url: str | None) -> ProgramRecord:
    from redwood.services.database import unit_of_work

    _ensure_schema(url)
    with unit_of_work(url) as session:
        _, programs = _programs(session)
        record = programs.active() if key is None else programs.get(key)
    if record is None and key is None:
        raise NotFoundError(
            "no active program: make one with 'redwood plan ... --activate' or "
            "'redwood program import FILE'",
            "program",
        )
    if record is None:
        raise NotFoundError(f"no program {key} (see 'redwood program list')", "program")
    return record


# ---- the onboarding questionnaire (issue 5, pages) ------------------------------------------


def remembered_profile(url: str | None = None) -> dict[str, Any] | None:
    """The profile the athlete last planned with (stored on activation), or None: a page
    re-running the questionnaire starts from these answers."""
    from redwood.services.athletes import local_athlete
    from redwood.services.database import unit_of_work

    _ensure_schema(url)
    with unit_of_work(url) as session:
        profile = local_athlete(session).profile
    return copy.deepcopy(dict(profile)) if isinstance(profile, Mapping) else None
