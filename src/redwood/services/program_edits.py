"""Programs edited through the program-file format: read one as its file, store an edit.

`program_file` gives a stored program as the file a person edits: the commented YAML of
`redwood program show --format yaml`, or the JSON document. `edit_program` takes that file
back (YAML text, JSON text or an already decoded JSON document) and checks it exactly as
`redwood program validate|import` checks a file (`services.program_files`): exercise names
and aliases become catalogue ids, then the document's shape, then every training rule. A
file with problems is refused with all of them (`InvalidEditError`: each with its location,
the line of the text when the edit came as text, the rule and the message), and nothing is
written.

An accepted edit is stored in place (`store.program_revisions`): the program keeps its id,
name, seed, start date and active flag, so clients and the coach's schedule keep pointing at
it. Its planned sessions are matched to the edited document by (week, position): performed
sessions of a session still there stay linked to it, and those of a removed session keep
their sets but lose the link. Editing the active program also makes its profile the
athlete's, as activating it does. The athlete is the acting one (`identity.acting_as`);
another athlete's program answers `NotFoundError`, exactly like a missing one.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

from redwood.domain.program import ProgramError, program_from_dict
from redwood.io.program_files import Problem, ProgramFile, ProgramFileError, read_program_file
from redwood.services import planning
from redwood.services.errors import NotFoundError, ServiceError
from redwood.services.program_files import InvalidProgramError
from redwood.services.program_files import _check as check_program_file

FileFormat = Literal["yaml", "json"]
SOURCE = "body"
"""How problems in an edit sent as text name it (`body, line 12: weeks[0]...`)."""
MAX_CHARS = 1_000_000
"""A generated 12-week, 6-day program is about 100,000 characters of YAML."""
MAX_NODES = 200_000
"""Values a document may hold (YAML aliases counted each time they are used)."""
CONTENT_TYPES: Mapping[str, FileFormat] = {
    "json": "json",
    "application/json": "json",
    "yaml": "yaml",
    "yml": "yaml",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}


class InvalidEditError(InvalidProgramError):
    """An edited program with problems; `field` is the first problem's location."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message, problems)
        self.field = problems[0].location or SOURCE


def content_format(content_type: str) -> FileFormat:
    """`json` or `yaml` for a content type (`application/yaml; charset=utf-8`) or a name."""
    kind = content_type.split(";")[0].strip().lower()
    if kind not in CONTENT_TYPES:
        raise ServiceError(
            f"content_type: expected JSON (application/json) or YAML (application/yaml, "
            f"text/yaml), got {content_type!r}",
            "content_type",
        )
    return CONTENT_TYPES[kind]


def program_file(program_id: int, file_format: str = "yaml", url: str | None = None) -> str:
    """The acting athlete's program as the file to edit: commented YAML or indented JSON."""
    if file_format not in ("yaml", "json"):
        raise ServiceError(f"format: expected yaml or json, got {file_format!r}", "format")
    document = planning.show_program(program_id, url)["document"]
    if file_format == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return planning.program_yaml(document)


def _storable(value: Any, where: str, budget: list[int]) -> None:
    """Refuse what a JSON column cannot hold: YAML dates, sets, binary, NaN, NUL, too much."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ServiceError(f"{SOURCE}: the program holds more than {MAX_NODES} values", SOURCE)
    place = where or SOURCE
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ServiceError(f"{place}: key {key!r} is not text", place)
            _storable(key, place, budget)
            _storable(item, f"{where}.{key}" if where else key, budget)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _storable(item, f"{where}[{i}]", budget)
    elif isinstance(value, str):
        if "\x00" in value:
            raise ServiceError(f"{place}: text must not contain NUL characters", place)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ServiceError(f"{place}: text must be valid Unicode", place) from None
    elif isinstance(value, float) and not math.isfinite(value):
        raise ServiceError(f"{place}: numbers must be finite (got {value})", place)
    elif value is not None and not isinstance(value, bool | int | float):
        raise ServiceError(
            f"{place}: a {type(value).__name__} cannot be stored (quote it as text)", place
        )


def _file(content: str | Mapping[str, Any], content_type: str) -> ProgramFile:
    """The edit as a program file: parsed text keeps its lines, a document has none."""
    if not isinstance(content, str):
        document = dict(content)
        return ProgramFile(SOURCE, "", document, is_json=True)
    if len(content) > MAX_CHARS:
        raise ServiceError(f"{SOURCE}: longer than {MAX_CHARS} characters", SOURCE)
    kind = content_format(content_type)
    if kind == "json" and not content.lstrip().startswith("{"):
        raise ServiceError(
            f"{SOURCE}, line 1: expected a JSON object (schema, profile, weeks)", SOURCE
        )
    # A trailing newline makes the reader take the content as text, never as a file name.
    text = content if content.endswith("\n") else content + "\n"
    try:
        read = read_program_file(text)
    except ProgramFileError as exc:
        message = str(exc).replace("<text>", SOURCE, 1)
        raise ServiceError(message, SOURCE) from None
    except ValueError as exc:  # e.g. an integer longer than Python reads
        raise ServiceError(f"{SOURCE}: {exc}", SOURCE) from None
    return replace(read, name=SOURCE)


def _checked(content: str | Mapping[str, Any], content_type: str) -> dict[str, Any]:
    """The edited document with exercise ids, once it passes every check of an import."""
    try:
        file = _file(content, content_type)
        _storable(file.document, "", [MAX_NODES])
        document, problems = check_program_file(file)
    except RecursionError:
        raise ServiceError(f"{SOURCE}: the document is nested too deeply", SOURCE) from None
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise InvalidEditError(f"program not saved, {count}; first: {problems[0]}", problems)
    return copy.deepcopy(document)


def edit_program(
    program_id: int,
    content: str | Mapping[str, Any],
    *,
    content_type: str = "json",
    url: str | None = None,
) -> dict[str, Any]:
    """Replace the acting athlete's program `program_id` with an edited program file.

    `content` is YAML or JSON text (`content_type` says which: `json`, `yaml` or a media
    type) or a decoded JSON document. Checked as `redwood program import` checks a file;
    stored in place as the module says. Returns the program as `planning.show_program`
    does (`GET /api/v1/programs/{id}`). Raises `NotFoundError` for a program that is not
    the athlete's, `InvalidEditError` with every problem, `ServiceError` naming the field
    for content that cannot be read.
    """
    from redwood.coach.schedule import default_start
    from redwood.services.athletes import local_athlete, local_today
    from redwood.services.database import ensure_schema, unit_of_work
    from redwood.store import Athletes, Programs, RecordNotFoundError
    from redwood.store.program_revisions import ProgramRevisions

    ensure_schema(url)
    with unit_of_work(url) as session:
        athlete = local_athlete(session)
        record = Programs(session, athlete.id).get(program_id)
        if record is None:
            raise NotFoundError(f"no program {program_id} (see 'redwood program list')", "program")
        document = _checked(content, content_type)
        profile = document.get("profile")
        starts_on = record.starts_on
        if record.active and starts_on is None:
            # Pin the start the coach was using, which otherwise follows `updated_at`.
            try:
                old = program_from_dict(dict(record.document))
                when = record.updated_at.astimezone(athlete.zone).date()
                starts_on = default_start(old, when)
            except ProgramError:
                starts_on = default_start(program_from_dict(document), local_today(athlete))
        try:
            ProgramRevisions(session, athlete.id).revise(
                program_id,
                document,
                profile=profile if isinstance(profile, dict) else None,
                starts_on=starts_on,
            )
        except RecordNotFoundError:
            raise NotFoundError(f"no program {program_id}", "program") from None
        except ValueError as exc:
            raise ServiceError(str(exc), "program") from None
        if record.active and isinstance(profile, dict):
            Athletes(session).update(athlete.id, profile=dict(profile))
    return planning.show_program(program_id, url)
