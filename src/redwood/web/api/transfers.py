"""Imports and exports over the API: upload another app's export or a backup, list and undo
imports, download the backup, the log as CSV, the program as .ics or as a printable PDF.

`POST /imports` takes a multipart upload (`file`) with the options of `redwood import` as
form fields (`app`, `unit`, `skip_bad_rows`, `dry_run`, `replace`) and answers the import
report of `redwood import --format json`: 201 once imported, 200 for a dry run, which
writes nothing and serves as the preview a page shows before the athlete commits. A file
that cannot be imported answers 422 naming the field `file` (or `unit`, `app`), with the
line at fault in the message. Uploads are capped at `MAX_UPLOAD_BYTES` (20 MB, ten times a
long Strong history): a larger body is refused with 413 before it is parsed, whether or not
the client sent its length.

`GET /imports` lists the athlete's imports, newest first; `DELETE /imports/{id}` undoes one
(what `redwood import undo ID` does): 404 for an import that is not the athlete's, 409 for
one undone already.

`GET /exports/{json,csv,ics,pdf}` answer the file as a download (`Content-Disposition:
attachment` with a dated file name); csv takes `layout=redwood|strong`, ics `start=` (week
1's Monday), pdf `paper=a4|letter` and `program=` (default the active program). Text exports
are written to a spooled buffer (memory up to 8 MB, then a temporary file) and streamed
out, so a long log never sits in memory whole.

Every route runs its use case inside `acting_as(athlete_id)`: the athlete's data only.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from starlette.types import Message

from redwood.services import exports, import_history, imports
from redwood.services.athletes import today_of_local_athlete
from redwood.services.identity import acting_as
from redwood.web.api.inputs import MAX_ID, Database, DayQuery, SignedIn
from redwood.web.errors import error_body

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK = 64 * 1024
App = Literal["strong", "hevy", "fitnotes", "fitbod", "redwood"]
ImportId = Annotated[int, Path(ge=1, le=MAX_ID, description="The import's id.")]


def _too_large() -> JSONResponse:
    limit = MAX_UPLOAD_BYTES // (1024 * 1024)
    return JSONResponse(
        error_body(f"file: the upload is larger than {limit} MB; split the export", "file"),
        413,
    )


class UploadLimit(APIRoute):
    """A route whose request body may not exceed `MAX_UPLOAD_BYTES`: the body is read (and
    counted) before FastAPI parses the form, so an oversized upload is refused at once."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def limited(request: Request) -> Response:
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
                return _too_large()
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_UPLOAD_BYTES:
                    return _too_large()
            sent = False

            async def replay() -> Message:
                nonlocal sent
                if sent:
                    return {"type": "http.disconnect"}
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}

            response: Response = await handler(Request(request.scope, replay))
            return response

        return limited


router = APIRouter(tags=["imports and exports"])
uploads = APIRouter(tags=["imports and exports"], route_class=UploadLimit)


@uploads.post("/imports", status_code=201, response_model=None)
def upload_import(
    athlete_id: SignedIn,
    url: Database,
    response: Response,
    file: Annotated[
        UploadFile,
        File(description="A Strong, Hevy, FitNotes or Fitbod export, or a Redwood backup."),
    ],
    app: Annotated[
        App | None, Form(description="The format; detected from the header when left out.")
    ] = None,
    unit: Annotated[
        Literal["kg", "lb"] | None, Form(description="The unit of loads the file does not state.")
    ] = None,
    skip_bad_rows: Annotated[
        bool, Form(description="Import the good rows, list the bad ones.")
    ] = False,
    dry_run: Annotated[bool, Form(description="Report what would happen; write nothing.")] = False,
    replace: Annotated[
        bool, Form(description="Undo the earlier import of this file first.")
    ] = False,
) -> dict[str, Any]:
    """Import an export file (or preview it with `dry_run`): the import report."""
    upload = imports.Upload(file.filename or "upload", file.file)
    with acting_as(athlete_id):
        report = imports.import_file(
            upload,
            app=app,
            unit=unit,
            dry_run=dry_run,
            skip_bad_rows=skip_bad_rows,
            replace=replace,
            url=url,
        )
    if dry_run:
        response.status_code = 200
    return report


@router.get("/imports", response_model=None)
def list_imports(
    athlete_id: SignedIn, url: Database, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> dict[str, Any]:
    """The athlete's imports, newest first: `{"items": [...]}`."""
    with acting_as(athlete_id):
        return import_history.list_imports(limit=limit, url=url)


@router.delete("/imports/{import_id}", response_model=None)
def undo_import(import_id: ImportId, athlete_id: SignedIn, url: Database) -> dict[str, Any]:
    """Undo one import: everything it added is removed (what `redwood import undo ID` does)."""
    with acting_as(athlete_id):
        return import_history.undo_import(import_id, url=url)


def _file_name(kind: str, extension: str, url: str) -> str:
    day = today_of_local_athlete(url)
    return f"redwood-{kind}-{day.isoformat()}.{extension}"


def _disposition(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _chunks(buffer: IO[str]) -> Iterator[bytes]:
    """The spooled text export as UTF-8 chunks; the buffer is closed at the end."""
    try:
        buffer.seek(0)
        while chunk := buffer.read(CHUNK):
            yield chunk.encode("utf-8")
    finally:
        buffer.close()


def _text_download(
    write: Callable[[IO[str]], object], name: str, media_type: str
) -> StreamingResponse:
    buffer = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by _chunks)
        max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
    )
    try:
        write(buffer)
    except BaseException:
        buffer.close()
        raise
    return StreamingResponse(_chunks(buffer), media_type=media_type, headers=_disposition(name))


@router.get("/exports/json", response_class=StreamingResponse)
def export_json(athlete_id: SignedIn, url: Database) -> StreamingResponse:
    """The complete backup (redwood.backup/1), as `POST /imports` restores it."""
    with acting_as(athlete_id):
        name = _file_name("backup", "json", url)
        return _text_download(
            lambda out: exports.export_json(out, url=url), name, "application/json"
        )


@router.get("/exports/csv", response_class=StreamingResponse)
def export_csv(
    athlete_id: SignedIn,
    url: Database,
    layout: Annotated[Literal["redwood", "strong"], Query()] = "redwood",
) -> StreamingResponse:
    """The log, one row per set: Redwood's columns, or Strong's layout for other apps."""
    with acting_as(athlete_id):
        name = _file_name(f"log-{layout}", "csv", url)
        return _text_download(
            lambda out: exports.export_csv(out, layout=layout, url=url),
            name,
            "text/csv; charset=utf-8",
        )


@router.get("/exports/ics", response_class=StreamingResponse)
def export_ics(athlete_id: SignedIn, url: Database, start: DayQuery = None) -> StreamingResponse:
    """The active program's sessions as an iCalendar file (stable UIDs)."""
    with acting_as(athlete_id):
        name = _file_name("program", "ics", url)
        chosen: date | None = start
        return _text_download(
            lambda out: exports.export_ics(out, start=chosen, url=url),
            name,
            "text/calendar; charset=utf-8",
        )


@router.get("/exports/pdf", response_class=Response)
def export_pdf(
    athlete_id: SignedIn,
    url: Database,
    paper: Annotated[Literal["a4", "letter"], Query()] = "a4",
    program: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Response:
    """A program to print (the active one by default), laid out for A4 or Letter."""
    import io

    with acting_as(athlete_id):
        name = _file_name(f"program-{paper}", "pdf", url)
        out = io.BytesIO()
        exports.export_pdf(out, paper=paper, program=program, url=url)
    return Response(out.getvalue(), media_type="application/pdf", headers=_disposition(name))


router.include_router(uploads)
