"""Programs edited through the program-file format: read one as its file, put an edit back.

`GET /programs/{id}/file?format=yaml|json` answers the file a person edits: the commented
YAML of `redwood program show --format yaml` (`application/yaml`), or the JSON document.
`PUT /programs/{id}` takes that file back, YAML (`Content-Type: application/yaml` or
`text/yaml`) or JSON (`application/json`), and checks it as `redwood program import` checks
a file. A file with problems answers 422: `error.field` is the location of the first
problem (`weeks[0].sessions[1].blocks[0].exercises[0].sets`), its message gives the line,
and `problems` lists every one (`line`, `location`, `rule`, `message`). An accepted edit is
stored in place (same id; see `services.program_edits`) and answers the program as
`GET /programs/{id}` does.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from redwood.services import program_edits
from redwood.services.errors import ServiceError
from redwood.services.identity import acting_as
from redwood.web.api.inputs import Database, ProgramId, SignedIn
from redwood.web.errors import error_body

router = APIRouter(tags=["programs"])

MEDIA_TYPES = {"yaml": "application/yaml", "json": "application/json"}
EDIT_BODY: dict[str, Any] = {
    "required": True,
    "description": (
        "The program file: the JSON document, or the YAML of GET /programs/{id}/file "
        "(Content-Type application/yaml or text/yaml)."
    ),
    "content": {
        "application/json": {"schema": {"type": "object"}},
        "application/yaml": {"schema": {"type": "string"}},
    },
}
PROBLEMS: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "The file has problems: `error` names the first, `problems` all.",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}
FILE_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The program file.",
        "content": {
            "application/yaml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


async def edit_content(request: Request) -> tuple[str, str]:
    """(media type, text) of the request body, read up to the size an edit may have."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > 4 * program_edits.MAX_CHARS:
            raise ServiceError(f"body: longer than {program_edits.MAX_CHARS} characters", "body")
        chunks.append(chunk)
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "not UTF-8 text") from None
    if not text.strip():
        raise ServiceError("body: send the program file (YAML or JSON)", "body")
    if not kind:
        kind = "application/json" if text.lstrip().startswith("{") else "application/yaml"
    return kind, text


EditContent = Annotated[tuple[str, str], Depends(edit_content)]


@router.get(
    "/programs/{program_id}/file",
    response_model=None,
    response_class=Response,
    responses=FILE_ANSWER,
)
def program_file(
    program_id: ProgramId,
    athlete_id: SignedIn,
    url: Database,
    file_format: Annotated[Literal["yaml", "json"], Query(alias="format")] = "yaml",
) -> Response:
    """The program as the file to edit: commented YAML (default) or the JSON document."""
    with acting_as(athlete_id):
        text = program_edits.program_file(program_id, file_format, url)
    return Response(
        text,
        media_type=f"{MEDIA_TYPES[file_format]}; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="program-{program_id}.{file_format}"'},
    )


@router.put(
    "/programs/{program_id}",
    response_model=None,
    openapi_extra={"requestBody": EDIT_BODY},
    responses=PROBLEMS,
)
def edit_program(
    program_id: ProgramId, content: EditContent, athlete_id: SignedIn, url: Database
) -> Any:
    """Replace the program with an edited program file, checked like `program import`."""
    kind, text = content
    try:
        with acting_as(athlete_id):
            return program_edits.edit_program(program_id, text, content_type=kind, url=url)
    except program_edits.InvalidEditError as exc:
        problems = [problem.to_dict() for problem in exc.problems]
        return JSONResponse(error_body(exc.message, exc.field, problems=problems), 422)
