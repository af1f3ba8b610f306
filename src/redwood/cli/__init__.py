"""The `redwood` command-line interface (Typer + Rich)."""
