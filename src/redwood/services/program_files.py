"""Program files edited by hand: check one against every rule, or import it.

`redwood program validate FILE` reports each problem with its file, line and location;
`redwood program import FILE` refuses a file with problems, else stores it as the active
program (exercise names and aliases become catalogue ids; the rest is kept as written).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from redwood.domain.program import ProgramError, program_from_dict
from redwood.io.program_files import (
    Problem,
    ProgramFile,
    ProgramFileError,
    read_program_file,
    resolve_exercise_names,
)
from redwood.services import catalogue as catalogue_service
from redwood.services.errors import ServiceError
from redwood.services.planning import save_document


class InvalidProgramError(ServiceError):
    """A program file with problems was refused; the message is one line, `problems` all."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message, "file")
        self.problems = tuple(problems)


def _read(path: str | Path) -> ProgramFile:
    try:
        return read_program_file(Path(path))
    except ProgramFileError as exc:
        raise ServiceError(str(exc), "file") from None


def _check(file: ProgramFile) -> tuple[dict[str, Any], list[Problem]]:
    """The document with names as ids, and its problems: unknown exercises and shape first
    (the rules cannot be checked on a document that does not read), then every rule."""
    catalogue = catalogue_service.catalogue()
    document, problems = resolve_exercise_names(file, catalogue)
    try:
        program = program_from_dict(document)
    except ProgramError as exc:
        text = str(exc)
        location, _, message = text.partition(": ")
        location = location.removeprefix("document.")
        return document, [*problems, file.problem(location, "shape", message or text)]
    if problems:
        return document, problems
    from redwood.planner.validate import validate_program

    for violation in validate_program(program, catalogue):
        problems.append(file.problem(violation.location, violation.rule, violation.message))
    return document, problems


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem of a program file, [] if none; an unreadable file is a `ServiceError`."""
    return _check(_read(path))[1]


def import_program_file(path: str | Path, url: str | None = None) -> int:
    """Check a program file, refuse it with its problems, else store it as the active program.

    Exercise names or aliases are stored as their catalogue ids; the rest of the document is
    kept exactly as written.
    """
    file = _read(path)
    document, problems = _check(file)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise InvalidProgramError(
            f"{file.name} not imported, {count}; first: {problems[0]} "
            f"(all: redwood program validate {file.name})",
            problems,
        )
    profile = document.get("profile")
    return save_document(
        document,
        name=f"{Path(file.name).stem} (imported)",
        profile=profile if isinstance(profile, dict) else None,
        seed=document.get("seed") if isinstance(document.get("seed"), int) else None,
        activate=True,
        url=url,
    )
