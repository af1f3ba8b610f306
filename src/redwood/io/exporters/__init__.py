"""Exporters: Redwood's JSON backup and the training log as CSV (Redwood's or Strong's layout)."""

from redwood.io.exporters.backup import SCHEMA, dumps, number, write_backup
from redwood.io.exporters.set_rows import LAYOUTS, SetRows, strong_name

__all__ = ["LAYOUTS", "SCHEMA", "SetRows", "dumps", "number", "strong_name", "write_backup"]
