"""Writing Redwood's backup (`redwood.backup/1`): deterministic JSON, the long lists streamed.

The same data always gives the same bytes: keys in a fixed order, two-space indents, UTF-8
text kept as it is (no `\\u` escapes), decimals written with their stored digits (102.5,
never 102.50000001), dates and instants in ISO 8601 (instants in UTC), UUIDs as text. That is
what lets a backup restored into an empty database be exported again byte for byte.

A section whose value is an iterator (the sessions of a long log) is written one element at a
time, so exporting 200,000 sets never holds them all as JSON text.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TextIO
from uuid import UUID

SCHEMA = "redwood.backup/1"
INDENT = 2


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def number(value: Decimal | None) -> Decimal | None:
    """A stored decimal without its trailing zeros (102.500 -> 102.5)."""
    if value is None:
        return None
    text = f"{value:f}"
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)


def dumps(value: Any) -> str:
    """One value as backup JSON (the conventions of the module docstring)."""
    return json.dumps(value, indent=INDENT, ensure_ascii=False, default=_default)


def write_backup(out: TextIO, sections: Iterable[tuple[str, Any]]) -> None:
    """Write the document: `sections` are (key, value) in order; iterators become lists."""
    pad = " " * INDENT
    out.write("{")
    for at, (key, value) in enumerate(sections):
        out.write("," if at else "")
        out.write(f"\n{pad}{json.dumps(key)}: ")
        if isinstance(value, Iterator):
            _stream(out, value, pad)
        else:
            out.write(textwrap.indent(dumps(value), pad)[INDENT:])
    out.write("\n}\n")


def _stream(out: TextIO, items: Iterator[Any], pad: str) -> None:
    out.write("[")
    count = 0
    for item in items:
        out.write(",\n" if count else "\n")
        out.write(textwrap.indent(dumps(item), pad * 2))
        count += 1
    out.write(f"\n{pad}]" if count else "]")
