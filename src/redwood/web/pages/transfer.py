"""/transfer: import another app's export (or a backup) with a preview first, undo past
imports, and download the backup, the log as CSV, the program as .ics or PDF.

Import in two steps. `POST /transfer/preview` (multipart: `file`, `app`, `unit`,
`skip_bad_rows`) keeps the upload on the server (`services.held_uploads`: a database row
of the athlete's under a random token, good for 30 minutes, readable by every app process
on every host) and redirects to `/transfer?preview=TOKEN`, which shows the dry run of
`imports.import_file` (the report POST /api/v1/imports answers with `dry_run`): format,
unit and confidence, sessions, sets, skipped rows with their lines, unmapped names and
the custom exercises it would create. "Import these" posts the token to
`/transfer/import`, which imports the held file with the same options and removes it.
The past imports are `import_history.list_imports` (GET /api/v1/imports), each live one
with an Undo form.

The downloads run the API's own export routes (`web.api.transfers`) for the signed-in
athlete, so a file from this page is byte for byte the API's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from redwood.services import held_uploads, import_history, imports
from redwood.services.errors import ConflictError, NotFoundError, ServiceError
from redwood.web.api.inputs import MAX_ID, Database
from redwood.web.pages.errors import error_page, redirect
from redwood.web.pages.rendering import render
from redwood.web.pages.session import CheckedForm, PageAthlete, Visitor

router = APIRouter(include_in_schema=False)

APPS = ("strong", "hevy", "fitnotes", "fitbod", "redwood")
UNITS = ("kg", "lb")
LAYOUTS = ("redwood", "strong")
PAPERS = ("a4", "letter")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""The API's cap on an upload (`web.api.transfers.MAX_UPLOAD_BYTES`; a test keeps them equal)."""


@dataclass(frozen=True, slots=True)
class TransferView:
    """The page: the past imports (GET /imports), the preview of a held upload (the
    dry-run report) with its token, what was just done, and what went wrong."""

    imports: dict[str, Any]
    preview: dict[str, Any] | None = None
    token: str = ""
    done: str = ""
    apps: tuple[str, ...] = APPS
    units: tuple[str, ...] = UNITS
    errors: dict[str, str] = field(default_factory=dict)


def _imports(visitor: Visitor, url: str) -> dict[str, Any]:
    with visitor.acting():
        return import_history.list_imports(url=url)


def _page(
    request: Request, visitor: Visitor, url: str, status: int = 200, **shown: Any
) -> Response:
    view = TransferView(imports=_imports(visitor, url), **shown)
    return render(request, "transfer.html", view, active="more", status=status)


def _done(visitor: Visitor, url: str, imported: str, undone: str) -> str:
    """The sentence for `?imported=ID` or `?undone=ID`, from the import's record."""
    wanted = imported or undone
    if not wanted.isdigit():
        return ""
    with visitor.acting():
        items = import_history.list_imports(url=url)["items"]
    found = next((i for i in items if str(i["id"]) == wanted), None)
    if found is None:
        return ""
    if imported:
        return (
            f"Imported {found['file']}: {found['sessions']} sessions, {found['sets']} sets, "
            f"{found['bodyweights']} bodyweights."
        )
    return f"Import {found['id']} ({found['file']}) was undone."


def _import_held(visitor: Visitor, token: str, url: str, *, dry_run: bool) -> dict[str, Any]:
    """Import (or preview) the athlete's held upload `token` with its own options."""
    with visitor.acting(), held_uploads.opened(token, url=url) as (upload, options):
        return imports.import_file(
            upload,
            app=options.app,
            unit=options.unit,
            skip_bad_rows=options.skip_bad_rows,
            dry_run=dry_run,
            url=url,
        )


@router.get("/transfer")
def transfer_page(
    request: Request,
    visitor: PageAthlete,
    url: Database,
    preview: str = "",
    imported: str = "",
    undone: str = "",
) -> Response:
    """The import form (or the preview of a held upload), past imports and downloads."""
    done = _done(visitor, url, imported[:20], undone[:20])
    if not preview:
        return _page(request, visitor, url, done=done)
    token = preview[:64]
    try:
        report = _import_held(visitor, token, url, dry_run=True)
    except ServiceError as exc:
        with visitor.acting():
            held_uploads.release(token, url=url)
        return _page(request, visitor, url, 422, errors={exc.field or "file": exc.message})
    return _page(request, visitor, url, preview=report, token=token)


def _choice(form: FormData, name: str, allowed: tuple[str, ...]) -> str | None:
    value = form.get(name)
    text = value.strip().lower() if isinstance(value, str) else ""
    if not text:
        return None
    if text not in allowed:
        raise ServiceError(f"{name}: choose one of {', '.join(allowed)}", name)
    return text


def _declared_size(request: Request) -> int:
    declared = request.headers.get("content-length", "")
    return int(declared) if declared.isdigit() else 0


@router.post("/transfer/preview")
def preview_upload(
    request: Request, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Keep the chosen file on the server and show what importing it would do."""
    upload = form.get("file")
    try:
        if _declared_size(request) > MAX_UPLOAD_BYTES + 64 * 1024:
            raise ServiceError(
                f"file: the upload is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB", "file"
            )
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise ServiceError("file: choose the export file to import", "file")
        options = held_uploads.HeldOptions(
            file=upload.filename[-200:],
            app=_choice(form, "app", APPS),
            unit=_choice(form, "unit", UNITS),
            skip_bad_rows=form.get("skip_bad_rows") in {"on", "true", "1"},
        )
        with visitor.acting():
            token = held_uploads.hold(upload.file, options, max_bytes=MAX_UPLOAD_BYTES, url=url)
    except ServiceError as exc:
        status = 413 if "larger than" in exc.message else 422
        return _page(request, visitor, url, status, errors={exc.field or "file": exc.message})
    return redirect(request, f"/transfer?preview={token}")


@router.post("/transfer/import")
def commit_upload(
    request: Request, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Import the held file the preview showed, with the same options."""
    token = form.get("token")
    token = token[:64] if isinstance(token, str) else ""
    try:
        report = _import_held(visitor, token, url, dry_run=False)
    except ServiceError as exc:
        return _page(request, visitor, url, 422, errors={exc.field or "file": exc.message})
    with visitor.acting():
        held_uploads.release(token, url=url)
    made = report.get("import")
    return redirect(request, "/transfer" + (f"?imported={made}" if made else ""))


@router.post("/transfer/imports/{import_id}/undo")
def undo_import(
    request: Request, import_id: int, visitor: PageAthlete, form: CheckedForm, url: Database
) -> Response:
    """Undo one past import: everything it added goes."""
    if not 1 <= import_id <= MAX_ID:
        return error_page(request, 404, f"There is no import {import_id}.")
    try:
        with visitor.acting():
            import_history.undo_import(import_id, url=url)
    except NotFoundError as exc:
        return error_page(request, 404, exc.message)
    except ConflictError as exc:
        return error_page(request, 409, exc.message)
    except ServiceError as exc:
        return error_page(request, 422, exc.message)
    return redirect(request, f"/transfer?undone={import_id}")


@router.get("/transfer/export/{kind}")
def download(
    request: Request,
    kind: str,
    visitor: PageAthlete,
    url: Database,
    layout: str = "redwood",
    paper: str = "a4",
) -> Response:
    """A download: the JSON backup, the log as CSV, the program as .ics or PDF."""
    from redwood.web.api import transfers  # here: web.api imports the pages' error handlers

    if kind == "json":
        return transfers.export_json(visitor.id, url)
    if kind == "csv" and layout in LAYOUTS:
        return transfers.export_csv(
            visitor.id, url, layout="strong" if layout == "strong" else "redwood"
        )
    if kind == "ics":
        return transfers.export_ics(visitor.id, url)
    if kind == "pdf" and paper in PAPERS:
        return transfers.export_pdf(visitor.id, url, paper="letter" if paper == "letter" else "a4")
    if kind in {"csv", "pdf"}:
        return error_page(
            request, 422, "Choose a layout (redwood, strong) or a paper (a4, letter)."
        )
    return error_page(request, 404, f"There is no {kind[:20]!r} download.")
