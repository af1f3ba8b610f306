"""The service worker that keeps the Today page working without network, and the token
its queue sends with.

`GET /sw.js` serves `static/sw.js` from the site's root, so its scope is the whole site
(a worker under /static/ could only control /static/). Before the file's own text it
writes one line, `const REDWOOD = {"version", "assets"}`: the files to precache (the
stylesheet, the scripts, the vendored htmx named in vendor.json, the manifest and its
icons) and a version made from their contents. A deploy that changes any of them changes
the worker's bytes, so browsers install the new worker, which fills a new cache and drops
the old ones. The response says `Cache-Control: no-cache`, so an old worker is never pinned
by an HTTP cache.

`GET /offline/token` answers `{"csrf", "athlete"}`: the CSRF token of the browser's
`rw_csrf` cookie (making one when it is missing, like any page) and who is signed in (the
queue sends only the sets queued for that athlete). A set queued offline is sent later,
maybe after the browser was restarted and its cookie replaced, so the queue asks for the
current token at send time instead of trusting the one in a cached page. Only our own
pages can read the answer (no CORS), which is what the double-submit check relies on.
Signed out it answers 401, so the queue waits for a sign-in instead of failing its sets.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from redwood.web.pages.manifest import MANIFEST
from redwood.web.pages.rendering import STATIC, vendor_files
from redwood.web.pages.session import MaybeAthlete

router = APIRouter(include_in_schema=False)

WORKER = STATIC / "sw.js"
SCRIPTS = ("app.css", "app.js", "offline.js")
"""Our own static files every page needs, precached by the worker (paths under /static/)."""
NO_STORE = {"Cache-Control": "no-store"}


def precached() -> list[str]:
    """The URLs the worker caches when it installs: static files, htmx, manifest, icons."""
    urls = [f"/static/{name}" for name in SCRIPTS]
    urls.append(f"/static/vendor/{vendor_files()['htmx']}")
    urls.append("/manifest.webmanifest")
    for icon in MANIFEST["icons"]:
        if icon["src"] not in urls:
            urls.append(str(icon["src"]))
    return urls


def _content(url: str) -> bytes:
    if url == "/manifest.webmanifest":
        return json.dumps(MANIFEST, sort_keys=True).encode()
    return (STATIC / url.removeprefix("/static/")).read_bytes()


@lru_cache(maxsize=1)
def worker_script() -> str:
    """The worker's text: its settings line, then `static/sw.js`."""
    assets = precached()
    digest = hashlib.sha256(WORKER.read_bytes())
    for url in assets:
        digest.update(url.encode())
        digest.update(_content(url))
    settings: dict[str, Any] = {"version": digest.hexdigest()[:16], "assets": assets}
    head = f"const REDWOOD = {json.dumps(settings)};\n"
    return head + WORKER.read_text(encoding="utf-8")


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, from the root so that it may control every page."""
    return Response(
        worker_script(),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/offline/token")
def csrf_token(request: Request, visitor: MaybeAthlete) -> Response:
    """`{"csrf", "athlete"}` for the queue to send with; 401 when nobody is signed in."""
    if visitor is None:
        from redwood.web.errors import error_body  # web.errors imports the pages

        body = error_body("sign in again to send the sets waiting on this phone", "session")
        return JSONResponse(body, status_code=401, headers=NO_STORE)
    token = getattr(request.state, "csrf", "")
    return JSONResponse({"csrf": token, "athlete": visitor.id}, headers=NO_STORE)
