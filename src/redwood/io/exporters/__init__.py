"""Exporters: the JSON backup, the log as CSV (Redwood or Strong layout), the program as .ics."""

from redwood.io.exporters.backup import SCHEMA, dumps, number, write_backup
from redwood.io.exporters.set_rows import LAYOUTS, SetRows, strong_name

__all__ = ["LAYOUTS", "SCHEMA", "SetRows", "dumps", "number", "strong_name", "write_backup"]
