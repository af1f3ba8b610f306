"""How every `redwood` command prints: a Rich table on a terminal, JSON on request.

Commands build plain data once and hand it here with a function that renders the table,
so `--format json` and the table can never disagree about what was shown.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any, NoReturn

import typer
from rich.console import Console


class OutputFormat(StrEnum):
    """The two shapes every data command can print."""

    TABLE = "table"
    JSON = "json"


FORMAT_OPTION = typer.Option(
    "--format",
    "-f",
    help="table (default on a terminal) or json (default when piped).",
    case_sensitive=False,
)

console = Console()
err_console = Console(stderr=True)


class CliError(Exception):
    """Bad input or a refused request: printed as one line, exit code 2, no traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop the command with one clear line on stderr."""
    raise CliError(message, code)


def resolve_format(fmt: OutputFormat | None) -> OutputFormat:
    """Table on a terminal, JSON when the output is piped, unless the user chose."""
    if fmt is not None:
        return fmt
    return OutputFormat.TABLE if sys.stdout.isatty() else OutputFormat.JSON


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def to_json(data: Any) -> str:
    """JSON with Decimals as numbers and dates as ISO strings."""
    return json.dumps(data, default=_json_default, ensure_ascii=False, indent=2)


def emit(data: Any, fmt: OutputFormat | None, render_table: Callable[[Any], None]) -> None:
    """Print `data` as JSON or hand it to `render_table`."""
    if resolve_format(fmt) is OutputFormat.JSON:
        sys.stdout.write(to_json(data) + "\n")
    else:
        render_table(data)
