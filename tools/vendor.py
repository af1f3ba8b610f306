"""Copy the front-end files the pages serve from node_modules into the static folder.

`npm ci` installs the packages pinned by package-lock.json; this script copies each file
listed in `FILES` to `src/redwood/web/static/vendor/` with the package's locked version in
its name (`htmx-2.0.11.min.js`), removes older copies, and writes `vendor.json` (logical
name -> file name) for the templates. Nothing is loaded from a CDN, and a new version
changes every URL, so browsers never mix a cached old file with new pages.

Run by `make vendor` (part of `make install` and `make dev`).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "package-lock.json"
MODULES = ROOT / "node_modules"
TARGET = ROOT / "src" / "redwood" / "web" / "static" / "vendor"

FILES = {
    # logical name: (npm package, file inside the package, name stem, suffix)
    "htmx": ("htmx.org", "dist/htmx.min.js", "htmx", ".min.js"),
}


def locked_version(package: str) -> str:
    """The version of `package` that package-lock.json pins."""
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    entry = lock.get("packages", {}).get(f"node_modules/{package}")
    if not entry or "version" not in entry:
        raise SystemExit(f"vendor: {package} is not in package-lock.json")
    return str(entry["version"])


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for logical, (package, inner, stem, suffix) in FILES.items():
        version = locked_version(package)
        installed = json.loads((MODULES / package / "package.json").read_text(encoding="utf-8"))
        if installed.get("version") != version:
            raise SystemExit(
                f"vendor: node_modules has {package} {installed.get('version')}, the lock file "
                f"pins {version}; run npm ci"
            )
        name = f"{stem}-{version}{suffix}"
        for old in TARGET.glob(f"{stem}-*{suffix}"):
            if old.name != name:
                old.unlink()
        shutil.copyfile(MODULES / package / inner, TARGET / name)
        names[logical] = name
    (TARGET / "vendor.json").write_text(json.dumps(names, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
